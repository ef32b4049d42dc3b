//! Which language a page speaks: the person's saved choice, else the language cookie (set by
//! the switcher), else `Accept-Language`, else the city's default.

use crate::state::CookieSettings;
use actix_web::HttpRequest;
use citysync_i18n::Locale;

pub const COOKIE: &str = "lang";

pub fn negotiate(
    req: &HttpRequest,
    cookies: &CookieSettings,
    saved: Option<Locale>,
    city_default: Locale,
) -> Locale {
    saved
        .or_else(|| {
            req.cookie(&cookies.name(COOKIE))
                .and_then(|c| Locale::from_code(c.value()))
        })
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or(city_default)
}
