//! The counter's scripts come from the instance itself: both are served as JavaScript, the
//! CSP allows scripts from this origin only, the camera is allowed to this origin, and no page
//! or template loads a script from anywhere else (or inline, which the CSP would block).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::*;
use std::path::Path;

#[actix_web::test]
async fn scripts_are_served_from_the_instance_and_pages_load_no_other_origin() {
    let server = TestServer::start().await;
    let anon = server.client();

    for (path, marker) in [
        ("/static/counter.js", "counter-lookup"),
        ("/static/vendor/jsQR.js", "jsQR 1.4.0"),
    ] {
        let resp = anon.get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{path}");
        let content_type = resp.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(
            content_type.starts_with("application/javascript")
                || content_type.starts_with("text/javascript"),
            "{path}: {content_type}"
        );
        assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
        assert!(resp.headers().contains_key("cache-control"), "{path}");
        let body = resp.text().await.unwrap();
        assert!(body.contains(marker), "{path}");
        assert!(
            !body.contains("sourceMappingURL"),
            "{path} points elsewhere"
        );
    }

    let resp = anon.get(server.url("/")).send().await.unwrap();
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let permissions = resp.headers()["permissions-policy"].to_str().unwrap();
    assert!(permissions.contains("camera=(self)"), "{permissions}");

    // Pages as a visitor and as the signed-in clerk.
    let admin = set_up_city(&server, "Berkeley").await;
    for client in [&anon, &admin] {
        for path in [
            "/",
            "/city",
            "/login",
            "/signup",
            "/settings",
            "/password/forgot",
            "/verify-email/resend",
            "/users/clerk",
            "/no-such-page",
        ] {
            let (_, html) = page(client, &server.url(path)).await;
            assert_local_scripts(path, &html);
        }
    }

    // And every template, pages the test does not visit (the counter) included.
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    let mut seen = 0;
    for entry in std::fs::read_dir(&templates).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let source = std::fs::read_to_string(&path).unwrap();
            assert_local_scripts(&path.display().to_string(), &source);
            seen += 1;
        }
    }
    assert!(seen > 0, "no templates in {}", templates.display());

    server.stop().await;
}

/// Every `<script>` in `html` but a JSON-LD data block has a `src` on this origin (a path, not `//host` or a URL).
fn assert_local_scripts(place: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for (at, _) in lower.match_indices("<script") {
        let tag = &lower[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        // A data block (JSON-LD for link previews) is never run, so the CSP has no say in it.
        if attribute(tag, "type")
            .is_some_and(|t| t.trim_matches(['"', '\'']) == "application/ld+json")
        {
            continue;
        }
        let src = attribute(tag, "src")
            .unwrap_or_else(|| panic!("{place}: inline script (the CSP blocks it): {tag}"));
        assert!(
            src.starts_with('/') && !src.starts_with("//") && !src.starts_with("/\\"),
            "{place}: script from another origin: {src}"
        );
    }
}

/// The value of `name` in a lowercased start tag, quoted or not.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().last();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let value = rest.trim_start().strip_prefix('=')?.trim_start();
        return Some(match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?,
            _ => value.split(|c: char| c.is_whitespace()).next()?,
        });
    }
}
