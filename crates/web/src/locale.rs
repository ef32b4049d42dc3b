//! Which language a page speaks: the person's saved choice, else the language cookie (set by
//! the switcher), else `Accept-Language`, else the city's default.

use crate::state::CookieSettings;
use actix_web::HttpRequest;
use citysync_i18n::{I18n, Locale};

pub const COOKIE: &str = "lang";

/// Only languages the city offers (`i18n.locales()`) are chosen: a saved choice or cookie
/// naming one it no longer offers is passed over.
pub fn negotiate(
    req: &HttpRequest,
    cookies: &CookieSettings,
    i18n: &I18n,
    saved: Option<Locale>,
    city_default: Locale,
) -> Locale {
    saved
        .filter(|l| i18n.locales().contains(l))
        .or_else(|| {
            req.cookie(&cookies.name(COOKIE))
                .and_then(|c| i18n.locale(c.value()))
        })
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|h| i18n.negotiate(h))
        })
        .unwrap_or(city_default)
}
