//! Security headers on every response, error pages included.

use actix_web::middleware::DefaultHeaders;

/// A strict CSP: no inline script or style, nothing from other origins, no framing.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
frame-ancestors 'none'; form-action 'self'";

/// The policy of a page that shows images from one other origin (the map's street tiles,
/// `https://host[:port]`): the strict policy with that origin added to `img-src` only.
pub fn policy_with_images_from(origin: &str) -> String {
    CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:;",
        &format!("img-src 'self' data: {origin};"),
    )
}

pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "geolocation=(), microphone=(), camera=(self)",
        ));
    if https {
        headers.add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}
