//! People: validated usernames, email addresses and passwords.

use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Names the system keeps for itself: actors, routes and roles that a person must never impersonate.
pub const RESERVED_USERNAMES: &[&str] = &[
    "city",
    "admin",
    "administrator",
    "root",
    "system",
    "instance",
    "api",
    "inbox",
    "outbox",
    "setup",
    "login",
    "logout",
    "signup",
    "settings",
    "static",
    "users",
    "organizations",
    "opportunities",
    "templates",
    "wallet",
    "ledger",
    "governance",
    "proposals",
    "federation",
    "support",
    "security",
    "postmaster",
    "abuse",
    "noreply",
    "no_reply",
    "webmaster",
];

/// A local username: 3–30 of `a-z`, `0-9`, `_`, stored lowercase. It is part of the
/// resident's WebFinger address `acct:username@host`, so it is kept ASCII to avoid homographs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let name = input.trim().to_ascii_lowercase();
        let valid_chars = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !(3..=30).contains(&name.len()) || !valid_chars {
            return Err(DomainError::UsernameInvalid);
        }
        if RESERVED_USERNAMES.contains(&name.as_str()) {
            return Err(DomainError::UsernameReserved);
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<Username> for String {
    fn from(value: Username) -> Self {
        value.0
    }
}
impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, normalised to lowercase. Deliberately strict: no CR/LF or other
/// control characters, no quoted local parts, no display names or comments, exactly one `@`,
/// a dotted domain — the forms that mail software can read two ways are refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let email = input.trim().to_lowercase();
        if email.len() > 254 || email.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(DomainError::EmailInvalid);
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(DomainError::EmailInvalid);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !local_ok || !domain_ok {
            return Err(DomainError::EmailInvalid);
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}
impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed: taken verbatim (no trimming, any Unicode), length-checked in
/// characters. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 1024;

    /// A new password, held to the length policy.
    pub fn new(input: &str) -> Result<Self, DomainError> {
        let chars = input.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(DomainError::PasswordTooShort {
                min: Self::MIN_CHARS,
            });
        }
        if chars > Self::MAX_CHARS {
            return Err(DomainError::PasswordTooLong);
        }
        Ok(Self(input.to_owned()))
    }

    /// A password offered at login: not held to the policy (it may predate it), only bounded.
    pub fn offered(input: &str) -> Result<Self, DomainError> {
        if input.chars().count() > Self::MAX_CHARS {
            return Err(DomainError::PasswordTooLong);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(*****)")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn usernames() {
        assert_eq!(Username::parse(" Maria_99 ").unwrap().as_str(), "maria_99");
        assert_eq!(Username::parse("city"), Err(DomainError::UsernameReserved));
        assert_eq!(Username::parse("ab"), Err(DomainError::UsernameInvalid));
        assert_eq!(Username::parse("maría"), Err(DomainError::UsernameInvalid));
        assert_eq!(Username::parse("a-b-c"), Err(DomainError::UsernameInvalid));
    }

    #[test]
    fn emails_refuse_ambiguous_forms() {
        assert_eq!(
            EmailAddress::parse("Ana@Example.org").unwrap().as_str(),
            "ana@example.org"
        );
        for bad in [
            "a@b.c\r\nBcc: x@y.z",
            "a@b.c\nx",
            "\"a b\"@example.org",
            "Ana <ana@example.org>",
            "a@@example.org",
            "a@example",
            "a@example..org",
            "a(comment)@example.org",
            "a@example.org,b@example.org",
            "@example.org",
            "a@-example.org",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(DomainError::EmailInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn passwords_are_verbatim_and_redacted() {
        let long = "x".repeat(64);
        assert_eq!(Password::new(&long).unwrap().expose(), long);
        let unicode = " contraseña 🔑 секрет ";
        assert_eq!(Password::new(unicode).unwrap().expose(), unicode);
        assert!(Password::new("short").is_err());
        assert_eq!(
            format!("{:?}", Password::new(unicode).unwrap()),
            "Password(*****)"
        );
    }

    proptest! {
        #[test]
        fn parsed_usernames_are_always_valid(s in "\\PC{0,40}") {
            if let Ok(u) = Username::parse(&s) {
                prop_assert!(u.as_str().len() >= 3 && u.as_str().len() <= 30);
                prop_assert!(u.as_str().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
                prop_assert_eq!(Username::parse(u.as_str()).unwrap(), u.clone());
            }
        }

        #[test]
        fn parsed_emails_never_carry_control_characters(s in "\\PC{0,60}") {
            if let Ok(e) = EmailAddress::parse(&s) {
                prop_assert!(!e.as_str().chars().any(|c| c.is_control() || c.is_whitespace()));
                prop_assert_eq!(e.as_str().matches('@').count(), 1);
            }
        }
    }
}
