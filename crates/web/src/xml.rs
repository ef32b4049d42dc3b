//! Text put into XML written by hand: the QR code's SVG, the Atom feeds.

/// Escapes text for XML character data and for double- or single-quoted attribute values.
/// Characters XML 1.0 does not allow anywhere (C0 controls other than tab, line feed and
/// carriage return; U+FFFE, U+FFFF) are left out: one of them would make the document
/// unreadable to every XML parser.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td\ne\u{FFFF}"), "abc\td\ne");
        assert_eq!(escape("Café ☕"), "Café ☕");
    }
}
