//! CSRF protection: a random per-browser secret in an HttpOnly cookie, and in every form a
//! token that is its HMAC under the city's key. A POST passes only with both, and with an
//! `Origin` (when the browser sends one) equal to the city's own.

use crate::state::WebState;
use actix_web::HttpRequest;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const COOKIE: &str = "csrf";

/// The form token for a browser secret.
pub fn token_for(state: &WebState, secret: &str) -> String {
    match Hmac::<Sha256>::new_from_slice(state.csrf_key.as_ref()) {
        Ok(mut mac) => {
            mac.update(secret.as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// Whether a state-changing request carries a valid token for its own cookie and comes from
/// our own origin.
pub fn verify(req: &HttpRequest, state: &WebState, form_token: &str) -> bool {
    if let Some(origin) = req.headers().get(actix_web::http::header::ORIGIN) {
        let ours = state.ctx.settings.public_url.origin().ascii_serialization();
        if origin.to_str().map(|o| o != ours).unwrap_or(true) {
            return false;
        }
    }
    let Some(cookie) = req.cookie(&state.cookies.name(COOKIE)) else {
        return false;
    };
    if cookie.value().is_empty() || form_token.is_empty() {
        return false;
    }
    let expected = token_for(state, cookie.value());
    citysync_app::secrets::constant_time_eq(expected.as_bytes(), form_token.as_bytes())
}
