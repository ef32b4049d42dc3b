//! Free-text fields as people type them: trimmed, bounded, free of control characters.

use crate::DomainError;

/// A required text field of at most `max` characters.
pub fn required(field: &'static str, input: &str, max: usize) -> Result<String, DomainError> {
    let s = optional(field, input, max)?;
    if s.is_empty() {
        return Err(DomainError::Required(field));
    }
    Ok(s)
}

/// An optional text field (empty allowed) of at most `max` characters. Newlines and tabs are
/// kept; other control characters are refused.
pub fn optional(field: &'static str, input: &str, max: usize) -> Result<String, DomainError> {
    let s = input.trim().replace("\r\n", "\n");
    if s.chars().count() > max {
        return Err(DomainError::TooLong(field));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(DomainError::ControlCharacters(field));
    }
    Ok(s)
}

/// A web address people can follow: `https://` or `http://` with a host, no spaces.
pub fn web_address(input: &str) -> Result<String, DomainError> {
    let s = input.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or(DomainError::WebAddressInvalid)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty()
        || s.len() > 300
        || s.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err(DomainError::WebAddressInvalid);
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn text_is_trimmed_bounded_and_clean() {
        assert_eq!(required("name", "  Ana  ", 10).unwrap(), "Ana");
        assert_eq!(
            required("name", "   ", 10),
            Err(DomainError::Required("name"))
        );
        assert_eq!(optional("d", "a\r\nb", 10).unwrap(), "a\nb");
        assert_eq!(optional("d", "éééé", 3), Err(DomainError::TooLong("d")));
        assert!(optional("d", "a\u{0}b", 10).is_err());
    }

    #[test]
    fn only_web_addresses_with_a_host() {
        assert!(web_address("https://x.org/a").is_ok());
        assert!(web_address("http://x.org").is_ok());
        assert!(web_address("javascript:alert(1)").is_err());
        assert!(web_address("https:///path").is_err());
        assert!(web_address("https://x.org/a b").is_err());
    }
}
