//! The site's scripts, embedded in the binary and served from the instance itself: the CSP
//! is `script-src 'self'`, so nothing is ever loaded from another origin. Every page works
//! without them; they only add the counter's camera scanner.

use actix_web::HttpResponse;

/// The counter page's QR scanner (`templates/static/counter.js`).
pub static COUNTER_SCRIPT: &str = include_str!("../../../../templates/static/counter.js");
/// jsQR 1.4.0 (Apache-2.0), vendored unmodified apart from its header comment; its licence
/// is `templates/static/vendor/jsQR.LICENSE`.
pub static JSQR_SCRIPT: &str = include_str!("../../../../templates/static/vendor/jsQR.js");

const JAVASCRIPT: &str = "application/javascript; charset=utf-8";
/// As for the stylesheet: an hour, so a new release reaches browsers the same day.
const CACHE: (&str, &str) = ("Cache-Control", "public, max-age=3600");

/// GET /static/counter.js — the counter's QR scanner.
pub async fn counter_script() -> HttpResponse {
    script(COUNTER_SCRIPT)
}

/// GET /static/vendor/jsQR.js — the QR reader the scanner uses.
pub async fn jsqr_script() -> HttpResponse {
    script(JSQR_SCRIPT)
}

fn script(body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(JAVASCRIPT)
        .insert_header(CACHE)
        .body(body)
}
