//! Input policy for what comes from other servers: domain normalization for block and allow
//! lists, a JSON depth limit checked before parsing, an allowlist HTML sanitizer, bounded
//! plain-text fields, and the production HTTP client's redirect policy with the address
//! ranges a federation fetch must never reach.
//!
//! Everything here is a pure function (no database, no network) so each rule is tested on
//! its own; the handlers and the client builder call them.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use thiserror::Error;

/// Why remote (or administrator) input was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PolicyError {
    #[error("JSON nested deeper than {max} levels")]
    TooDeep { max: usize },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("refused: {0}")]
    Internal(String),
}

/// Maximum JSON nesting depth of a body, by a streaming scan that respects strings and
/// escapes and builds no value, so a 10 000-deep body is refused before serde sees it.
/// Malformed JSON within the limit passes: the parser reports it afterwards.
pub fn check_json_depth(body: &[u8], max: usize) -> Result<(), PolicyError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in body {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(PolicyError::TooDeep { max });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The `rel` every kept link gets.
pub const LINK_REL: &str = "nofollow noopener noreferrer";

/// Allowlist sanitizer for remote HTML: keeps p, br, a (href http/https only, with
/// `rel="nofollow noopener noreferrer"`), ul, ol, li, em, strong, b, i, blockquote, code, pre;
/// drops everything else — scripts and styles with their content, event handlers, style and
/// class attributes, `javascript:`/`data:`/relative URLs, images, comments.
pub fn sanitize_html(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "a",
        "ul",
        "ol",
        "li",
        "em",
        "strong",
        "b",
        "i",
        "blockquote",
        "code",
        "pre",
    ]
    .into_iter()
    .collect();
    let dropped_with_content: HashSet<&str> = [
        "script", "style", "template", "iframe", "noscript", "object",
    ]
    .into_iter()
    .collect();
    let attributes: HashMap<&str, HashSet<&str>> = [("a", ["href"].into_iter().collect())]
        .into_iter()
        .collect();
    ammonia::Builder::empty()
        .tags(tags)
        .clean_content_tags(dropped_with_content)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some(LINK_REL))
        .strip_comments(true)
        .clean(html)
        .to_string()
}

/// A plain-text field from a remote document: refused when longer than `max` characters
/// (characters, not bytes; counted before stripping), named by `field` in the error; control
/// characters other than newline and tab are removed.
pub fn bounded_text(value: &str, max: usize, field: &'static str) -> Result<String, PolicyError> {
    if value.chars().count() > max {
        return Err(PolicyError::TooLong { field, max });
    }
    Ok(value
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect())
}

/// The production client's DNS resolver: resolves with the system resolver and refuses a
/// name when any of its addresses is one [`is_forbidden_ip`] forbids — at connect time, so
/// a name that changes its answer (DNS rebinding) is checked again on every connection.
/// With `allow_local` (tests on one machine) every address is allowed.
#[derive(Debug, Clone, Copy)]
pub struct GuardedResolver {
    pub allow_local: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_local = self.allow_local;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<std::net::SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if !allow_local {
                if let Some(bad) = addrs.iter().find(|a| is_forbidden_ip(a.ip())) {
                    return Err(Box::new(PolicyError::Internal(format!(
                        "{host} resolves to the internal address {}",
                        bad.ip()
                    )))
                        as Box<dyn std::error::Error + Send + Sync>);
                }
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Whether an IP address is one a federation fetch must never reach: unspecified, loopback,
/// private, link-local, CGNAT (100.64.0.0/10), multicast, broadcast, documentation,
/// benchmarking, reserved and IETF ranges; IPv6 unique-local, link- and site-local, the
/// whole NAT64 prefixes (64:ff9b::/96, 64:ff9b:1::/48), IPv4-compatible, 6to4 and Teredo.
/// IPv4-mapped addresses (::ffff:a.b.c.d) are judged by their IPv4 address.
pub fn is_forbidden_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => forbidden_v4(v4),
            None => forbidden_v6(v6),
        },
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        // 0.0.0.0/8: "this network" (0.x.x.x reaches the local host on Linux)
        || a == 0
        // 100.64.0.0/10: shared address space (CGNAT), cloud-internal services
        || (a == 100 && (b & 0xc0) == 0x40)
        // 192.0.0.0/24: IETF protocol assignments
        || (a == 192 && b == 0 && c == 0)
        // 198.18.0.0/15: benchmarking
        || (a == 198 && (b & 0xfe) == 18)
        // 240.0.0.0/4: reserved
        || a >= 240
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    let [s0, s1, ..] = s;
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // fc00::/7 unique local
        || (s0 & 0xfe00) == 0xfc00
        // fe80::/10 link-local, fec0::/10 site-local (deprecated)
        || (s0 & 0xffc0) == 0xfe80
        || (s0 & 0xffc0) == 0xfec0
        // ::/96 IPv4-compatible (deprecated; covers :: and ::1 too)
        || matches!(s, [0, 0, 0, 0, 0, 0, ..])
        // 64:ff9b::/96 NAT64 well-known prefix and 64:ff9b:1::/48 local-use NAT64
        || matches!(s, [0x64, 0xff9b, 0, 0, 0, 0, ..] | [0x64, 0xff9b, 1, ..])
        // 2001:db8::/32 and 3fff::/20 documentation
        || (s0 == 0x2001 && s1 == 0x0db8)
        || (s0 == 0x3fff && s1 <= 0x0fff)
        // 2001::/32 Teredo, 2002::/16 6to4: tunnels to arbitrary IPv4 addresses
        || (s0 == 0x2001 && s1 == 0)
        || s0 == 0x2002
        // 100::/64 discard-only
        || matches!(s, [0x100, 0, 0, 0, ..])
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn deep_json_is_refused_before_parsing() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(
            check_json_depth(deep.as_bytes(), 64),
            Err(PolicyError::TooDeep { max: 64 })
        );
        let deep_objects = "{\"a\":".repeat(10_000);
        assert!(check_json_depth(deep_objects.as_bytes(), 64).is_err());
        // Unclosed is refused as soon as the limit is passed, without reading on.
        assert!(check_json_depth("[".repeat(65).as_bytes(), 64).is_err());
        assert!(check_json_depth("[".repeat(64).as_bytes(), 64).is_ok());
    }

    #[test]
    fn depth_counts_only_structure() {
        let brackets_in_strings = format!(r#"{{"a":"{}","b":["{}"]}}"#, "[{".repeat(500), "]}");
        assert!(check_json_depth(brackets_in_strings.as_bytes(), 2).is_ok());
        // Escaped quotes do not end the string; an escaped backslash does not escape the quote.
        let escaped = r#"{"a":"\"[[[[\"","b":"\\","c":[1]}"#;
        assert!(check_json_depth(escaped.as_bytes(), 2).is_ok());
        assert!(check_json_depth(escaped.as_bytes(), 1).is_err());
        let trick = r#"["\\"[[]]]"#; // after "\\" the string ends: depth 3
        assert!(check_json_depth(trick.as_bytes(), 2).is_err());
        assert!(check_json_depth(trick.as_bytes(), 3).is_ok());
        assert!(check_json_depth(b"", 0).is_ok());
        assert!(check_json_depth(b"\"x\"", 0).is_ok());
        assert!(check_json_depth(b"[]", 0).is_err());
    }

    #[test]
    fn normal_activity_passes_the_depth_check() {
        let activity = serde_json::json!({
            "@context": ["https://www.w3.org/ns/activitystreams", {"cs": "https://citysync.example/ns#"}],
            "id": "https://a.test/activities/1",
            "type": "Create",
            "actor": "https://a.test/city",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": {
                "id": "https://a.test/notes/1",
                "type": "Note",
                "content": "<p>a [bracket] and {brace} and \"quotes\" \\ here</p>",
                "tag": [{"type": "Hashtag", "name": "#x"}],
                "attachment": [{"type": "Document", "url": [{"href": "https://a.test/x.png"}]}]
            }
        });
        let body = serde_json::to_vec(&activity).unwrap();
        // object → attachment → document → url → link: six levels.
        assert!(check_json_depth(&body, 16).is_ok());
        assert!(check_json_depth(&body, 6).is_ok());
        assert!(check_json_depth(&body, 5).is_err());
    }

    #[test]
    fn sanitizer_removes_active_content() {
        let cases = [
            "<script>alert(1)</script>hi",
            "<p>x</p><script src=\"https://evil.test/x.js\"></script>",
            "\"><img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<p style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">x</p>",
            "<style>body{display:none}</style><p>x</p>",
            "<iframe src=\"https://evil.test\"></iframe>",
            "<svg onload=alert(1)>",
            "<a href=\"/relative\" onmouseover=\"alert(1)\">x</a>",
            "<form action=\"https://evil.test\"><input name=x></form>",
            "<!-- <script>alert(1)</script> -->",
        ];
        for input in cases {
            let out = sanitize_html(input).to_ascii_lowercase();
            for needle in [
                "<script",
                "<img",
                "<style",
                "<iframe",
                "<svg",
                "<form",
                "<input",
                "onerror",
                "onclick",
                "onload",
                "onmouseover",
                "javascript:",
                "data:",
                "style=",
                "alert(1)",
                "href=\"/relative",
                "<!--",
            ] {
                assert!(
                    !out.contains(needle),
                    "{input:?} → {out:?} contains {needle}"
                );
            }
        }
        assert_eq!(sanitize_html("<script>alert(1)</script>hi"), "hi");
        assert_eq!(sanitize_html("\"><img src=x onerror=alert(1)>"), "\"&gt;");
    }

    #[test]
    fn sanitizer_keeps_plain_formatting_and_links() {
        assert_eq!(
            sanitize_html("<p>Hello <strong>city</strong><br>next</p>"),
            "<p>Hello <strong>city</strong><br>next</p>"
        );
        assert_eq!(
            sanitize_html("<a href=\"https://a.test/x\" rel=\"me\" target=\"_blank\">x</a>"),
            "<a href=\"https://a.test/x\" rel=\"nofollow noopener noreferrer\">x</a>"
        );
        assert_eq!(
            sanitize_html("<a href=\"http://a.test/\">x</a>"),
            "<a href=\"http://a.test/\" rel=\"nofollow noopener noreferrer\">x</a>"
        );
        let list = "<ul><li><em>a</em></li></ul><ol><li><b>b</b> <i>c</i></li></ol>\
                    <blockquote><p>q</p></blockquote><pre><code>x &lt; y</code></pre>";
        assert_eq!(sanitize_html(list), list);
        // Unknown wrappers go, their text stays.
        assert_eq!(
            sanitize_html("<div class=\"x\"><span>text</span></div>"),
            "text"
        );
    }

    #[test]
    fn bounded_text_counts_characters_and_strips_controls() {
        assert_eq!(bounded_text("ñandú", 5, "name").unwrap(), "ñandú");
        assert_eq!(
            bounded_text("ñandúx", 5, "name"),
            Err(PolicyError::TooLong {
                field: "name",
                max: 5
            })
        );
        let err = bounded_text(&"x".repeat(1_000_001), 500, "summary").unwrap_err();
        assert!(err.to_string().contains("summary"), "{err}");
        assert_eq!(
            bounded_text("a\u{0}b\u{7}c\r\nd\te\u{1b}[31m\u{7f}\u{85}", 100, "name").unwrap(),
            "abc\nd\te[31m"
        );
    }

    #[test]
    fn forbidden_addresses() {
        for ip in [
            "127.0.0.1",
            "127.1.2.3",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "100.127.255.254",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.2.1",
            "198.51.100.1",
            "203.0.113.1",
            "198.18.0.1",
            "240.0.0.1",
            "::",
            "::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "64:ff9b::7f00:1",
            "64:ff9b::a00:1",
            "64:ff9b::808:808",
            "64:ff9b:1::1",
            "2001:db8::1",
            "3fff::1",
            "2002:7f00:1::",
            "2001:0:4136:e378::1",
            "100::1",
        ] {
            let parsed: IpAddr = ip.parse().unwrap();
            assert!(is_forbidden_ip(parsed), "{ip} should be forbidden");
        }
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "1.1.1.1",
            "100.128.0.1",
            "100.63.255.255",
            "172.32.0.1",
            "2606:4700::1",
            "2a00:1450:4001::1",
            "::ffff:93.184.216.34",
        ] {
            let parsed: IpAddr = ip.parse().unwrap();
            assert!(!is_forbidden_ip(parsed), "{ip} should be allowed");
        }
    }
}
