//! The web: server-rendered HTML pages (minijinja), sessions, CSRF, forms and locale
//! negotiation, for residents, organizations and administrators.
//!
//! Pages call `app` use cases and render one view model each. This crate must not depend on
//! the API or federation crates; the server mounts them side by side (content negotiation on
//! shared URLs such as `/city` is decided by route guards there). Works without JavaScript.

pub mod charts;
pub mod csrf;
pub mod errors;
pub mod headers;
pub mod locale;
pub mod map_svg;
pub mod markdown;
pub mod pages;
pub mod qr;
pub mod state;
pub mod street_map;
pub mod templates;
pub mod viewer;
pub mod xml;

pub use state::{CookieSettings, WebState};

use actix_web::web;

/// Mounts every page. The server wraps them with `headers::security_headers` and the error pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}
