//! Domain and peer names: normalization, homographs, matching on label boundaries.

use citysync_app::federation::domains::*;
use citysync_app::AppError;
fn norm(s: &str) -> String {
    normalize_domain(s)
        .map_err(|e| format!("{s:?}: {e}"))
        .unwrap()
}

#[test]
fn normalization_variants_give_the_same_domain() {
    for input in [
        "evil.test",
        "EVIL.test",
        "Evil.Test",
        "evil.test.",
        "  evil.test  ",
        "evil.test:443",
        "EVIL.TEST.:8443",
        "https://evil.test/x",
        "https://EVIL.test:443/users/x?y=1#z",
        "http://evil.test.",
    ] {
        assert_eq!(norm(input), "evil.test", "{input:?}");
    }
}

#[test]
fn homographs_and_reordered_labels_are_distinct_hosts() {
    // "еvil.test" with a Cyrillic "е" (U+0435).
    let homograph = norm("\u{0435}vil.test");
    assert!(homograph.starts_with("xn--"), "{homograph}");
    assert!(homograph.is_ascii());
    assert_ne!(homograph, "evil.test");
    assert!(!domain_matches(&homograph, "evil.test"));
    // Its punycode form, typed directly or in a URL, is the same host.
    assert_eq!(norm(&homograph), homograph);
    assert_eq!(norm("https://\u{0435}vil.TEST/"), homograph);
    // Unicode case is mapped too.
    assert_eq!(norm("M\u{00DC}NCHEN.test"), norm("m\u{00FC}nchen.test"));
    assert_eq!(norm("m\u{00FC}nchen.test"), "xn--mnchen-3ya.test");

    let reordered = norm("a.test.evil");
    assert_eq!(reordered, "a.test.evil");
    assert!(!domain_matches(&reordered, "evil.test"));
}

#[test]
fn refused_inputs() {
    for input in [
        "",
        "   ",
        ".",
        "evil.test..",
        "..evil.test",
        "evil..test",
        "evil.test/x",
        "user@evil.test",
        "https://user@evil.test/",
        "https://user:pw@evil.test/",
        "ftp://evil.test/",
        "evil.test:abc",
        "evil.test:",
        "evil.test:99999",
        "evil test",
        "evil.test?x",
        "evil.test#x",
        "[::1",
        "[::1]x",
        "[::1]:x",
        "1.2.3.999",
        "1.2.3.4.5",
        "-evil.test",
        "evil-.test",
        "ev!l.test",
        "https:///",
    ] {
        assert!(normalize_domain(input).is_err(), "{input:?} was accepted");
    }
    let long_label = format!("{}.test", "a".repeat(64));
    assert!(normalize_domain(&long_label).is_err());
}

#[test]
fn ip_literals_are_normalized() {
    assert_eq!(norm("127.0.0.1"), "127.0.0.1");
    assert_eq!(norm("127.0.0.1:8080"), "127.0.0.1");
    assert_eq!(norm("0x7f.1"), "127.0.0.1");
    assert_eq!(norm("[::1]:443"), "[::1]");
    assert_eq!(norm("::1"), "[::1]");
    assert_eq!(norm("https://[::FFFF:127.0.0.1]/"), "[::ffff:7f00:1]");
}

#[test]
fn domain_matching_respects_label_boundaries() {
    assert!(domain_matches("evil.test", "evil.test"));
    assert!(domain_matches("a.evil.test", "evil.test"));
    assert!(domain_matches("a.b.evil.test", "evil.test"));
    assert!(!domain_matches("notevil.test", "evil.test"));
    assert!(!domain_matches("a.test.evil", "evil.test"));
    assert!(!domain_matches("evil.test", "a.evil.test"));
    assert!(!domain_matches("evil.test.other", "evil.test"));
    assert!(!domain_matches(".evil.test", "evil.test"));
    assert!(!domain_matches("", "evil.test"));
    assert!(!domain_matches("evil.test", ""));
    // IPs match only themselves.
    assert!(domain_matches("10.1.2.3", "10.1.2.3"));
    assert!(!domain_matches("10.1.2.3", "1.2.3"));
    assert!(!domain_matches("1.10.1.2.3", "10.1.2.3"));
    assert!(domain_matches("[::1]", "[::1]"));
    // Every blocked variant from the catalogue matches the normalized entry.
    let blocked = norm("evil.test");
    for variant in ["EVIL.test", "evil.test.", "evil.test:443", "sub.EVIL.test."] {
        assert!(domain_matches(&norm(variant), &blocked), "{variant}");
    }
}

#[test]
fn peers_with_ports() {
    assert_eq!(normalize_peer("EVIL.test.:443").unwrap(), "evil.test");
    assert_eq!(normalize_peer("evil.test").unwrap(), "evil.test");
    assert_eq!(
        normalize_peer("https://localhost:8081/x").unwrap(),
        "localhost:8081"
    );
    assert!(peer_matches("evil.test", "evil.test"));
    assert!(peer_matches("evil.test:8443", "evil.test"));
    assert!(peer_matches("a.evil.test", "evil.test"));
    assert!(!peer_matches("a.test.evil", "evil.test"));
    assert!(peer_matches("evil.test", "evil.test:443"));
    assert!(peer_matches("localhost:8081", "localhost:8081"));
    assert!(!peer_matches("localhost:8082", "localhost:8081"));
    assert!(peer_matches("localhost:8082", "localhost"));
}

fn ok(input: &str) -> String {
    normalize_domain(input).unwrap_or_else(|e| format!("refused: {e}"))
}

#[test]
fn typed_domains_come_out_in_one_form() {
    for typed in [
        "evil.example",
        "EVIL.Example",
        "evil.example.",
        "EVIL.Example.:443",
        " evil.example:8080 ",
        "https://EVIL.example/some/path?x=1",
        "http://evil.example:8443",
    ] {
        assert_eq!(ok(typed), "evil.example", "{typed}");
    }
    assert_eq!(ok("bücher.example"), "xn--bcher-kva.example");
    assert_eq!(ok("BÜCHER.example"), "xn--bcher-kva.example");
    assert_eq!(ok("1.2.3.4:80"), "1.2.3.4");
    assert_eq!(ok("[::1]:443"), "[::1]");
    assert_eq!(ok("::1"), "[::1]");
}

#[test]
fn what_is_not_a_domain_is_refused() {
    for typed in [
        "",
        "   ",
        "evil example",
        "evil.example/path",
        "admin@evil.example",
        "evil.example:port",
        "evil.example:99999",
        "-evil.example",
        "evil-.example",
        "evil..example",
        "ftp://evil.example",
        "https://user:pw@evil.example",
        "evil%2eexample",
        "[::1",
    ] {
        assert!(
            matches!(normalize_domain(typed), Err(AppError::DomainInvalid)),
            "{typed:?} was accepted"
        );
    }
}
