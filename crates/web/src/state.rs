//! What every page handler gets: the use-case context, the templates and cookie settings.

use crate::templates::Templates;
use citysync_app::Ctx;
use std::sync::Arc;

/// Cookie names and flags. `__Host-` cookies must be Secure, so on plain-http loopback
/// (a developer's machine or the federation tests) the prefix and the flag are dropped.
#[derive(Debug, Clone)]
pub struct CookieSettings {
    pub secure: bool,
}

impl CookieSettings {
    pub fn name(&self, base: &str) -> String {
        if self.secure {
            format!("__Host-citysync_{base}")
        } else {
            format!("citysync_{base}")
        }
    }

    pub fn build<'c>(&self, base: &str, value: String) -> actix_web::cookie::Cookie<'c> {
        actix_web::cookie::Cookie::build(self.name(base), value)
            .path("/")
            .secure(self.secure)
            .http_only(true)
            .same_site(actix_web::cookie::SameSite::Lax)
            .finish()
    }

    pub fn removal<'c>(&self, base: &str) -> actix_web::cookie::Cookie<'c> {
        let mut c = self.build(base, String::new());
        c.make_removal();
        c
    }
}

#[derive(Clone)]
pub struct WebState {
    pub ctx: Ctx,
    pub templates: Arc<Templates>,
    pub cookies: CookieSettings,
    /// Key for CSRF tokens (HMAC), derived from the city's private key so every web process
    /// of a city agrees on it.
    pub csrf_key: Arc<[u8; 32]>,
}

impl WebState {
    pub fn new(ctx: Ctx, templates: Arc<Templates>, secret_material: &str) -> WebState {
        use sha2::{Digest, Sha256};
        let secure = ctx.settings.public_url.scheme() == "https";
        let mut hasher = Sha256::new();
        hasher.update(b"citysync csrf key v1\0");
        hasher.update(secret_material.as_bytes());
        let key: [u8; 32] = hasher.finalize().into();
        WebState {
            ctx,
            templates,
            cookies: CookieSettings { secure },
            csrf_key: Arc::new(key),
        }
    }
}
