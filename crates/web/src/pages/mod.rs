//! One module per area of the site; each handler renders one template.

pub mod account;
pub mod admin;
pub mod assets;
pub mod calendar;
pub mod catalog;
pub mod check_in;
pub mod counter;
pub mod data_rights;
pub mod eligibility;
pub mod federation;
pub mod feeds;
mod funded;
pub mod governance;
pub mod home;
pub mod hours;
pub mod ical;
pub mod identity_methods;
pub mod ledger;
pub mod oauth;
pub mod offerings;
pub mod open_data;
pub mod organizations;
pub mod overlap_report;
pub mod partners;
pub mod privacy;
pub mod protocol;
pub mod registrar;
pub mod second_factor;
pub mod series;
pub mod settings;
pub mod settlement;
pub mod setup;
mod share_meta;
pub mod translations;
pub mod transparency;
pub mod waitlist;
pub mod wallet;
pub mod witnessing;
pub mod work;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        .route("/home", web::get().to(home::personal_home))
        .route("/static/app.css", web::get().to(home::stylesheet))
        .route("/static/counter.js", web::get().to(assets::counter_script))
        .route("/static/vendor/jsQR.js", web::get().to(assets::jsqr_script))
        .route("/city", web::get().to(home::city_page))
        .route("/users/{username}", web::get().to(home::profile))
        .route("/setup", web::get().to(setup::setup_form))
        .route("/setup", web::post().to(setup::setup_submit))
        .route("/signup", web::get().to(account::signup_form))
        .route("/signup", web::post().to(account::signup_submit))
        .route("/verify-email", web::get().to(account::verify_form))
        .route("/verify-email", web::post().to(account::verify_submit))
        .route("/verify-email/resend", web::get().to(account::resend_form))
        .route(
            "/verify-email/resend",
            web::post().to(account::resend_submit),
        )
        .route("/login", web::get().to(account::login_form))
        .route("/login", web::post().to(account::login_submit))
        .route("/login/email", web::get().to(account::sign_in_link_form))
        .route(
            "/login/email",
            web::post().to(account::sign_in_link_request),
        )
        .route("/login/link", web::get().to(account::sign_in_link_form))
        .route("/login/link", web::post().to(account::sign_in_link_submit))
        .route("/logout", web::post().to(account::logout))
        .route("/password/forgot", web::get().to(account::forgot_form))
        .route("/password/forgot", web::post().to(account::forgot_submit))
        .route("/password/reset", web::get().to(account::reset_form))
        .route("/password/reset", web::post().to(account::reset_submit))
        .route("/settings", web::get().to(settings::settings_page))
        .route(
            "/settings/password",
            web::post().to(settings::password_submit),
        )
        .route(
            "/settings/profile",
            web::post().to(settings::profile_submit),
        )
        .route(
            "/settings/apps/{grant}/revoke",
            web::post().to(settings::app_revoke),
        )
        .route(
            "/settings/fediverse",
            web::post().to(settings::fediverse_submit),
        )
        .route(
            "/settings/fediverse/unlink",
            web::post().to(settings::fediverse_unlink),
        )
        .route(
            "/settings/fediverse/confirm",
            web::get().to(settings::fediverse_confirm_form),
        )
        .route(
            "/settings/fediverse/confirm",
            web::post().to(settings::fediverse_confirm),
        )
        .route("/language", web::post().to(settings::language_submit))
        .configure(privacy::routes)
        .configure(data_rights::routes)
        .configure(oauth::routes)
        .configure(feeds::routes)
        .configure(ical::routes)
        .configure(series::routes)
        .configure(eligibility::routes)
        .configure(organizations::routes)
        .configure(admin::routes)
        .configure(overlap_report::routes)
        .configure(protocol::routes)
        .configure(catalog::routes)
        .configure(partners::routes)
        .configure(calendar::routes)
        .configure(work::routes)
        .configure(waitlist::routes)
        .configure(check_in::routes)
        .configure(hours::routes)
        .configure(wallet::routes)
        .configure(offerings::routes)
        .configure(counter::routes)
        .configure(registrar::routes)
        .configure(second_factor::routes)
        .configure(identity_methods::routes)
        .configure(ledger::routes)
        .configure(open_data::routes)
        .configure(transparency::routes)
        .configure(translations::routes)
        .configure(settlement::routes)
        .configure(governance::routes)
        .configure(federation::routes);
}

/// The client's address for throttles: the peer's, or the right-most untrusted
/// `X-Forwarded-For` hop when the peer is one of `[server] trusted_proxies`
/// (`citysync_app::throttle::client_address`, which the API's quotas use too).
pub fn client_ip(req: &actix_web::HttpRequest, ctx: &citysync_app::Ctx) -> String {
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    citysync_app::throttle::client_address(
        req.peer_addr().map(|a| a.ip()),
        &forwarded,
        &ctx.settings.trusted_proxies,
    )
}

/// A local path to return to after a form: never another site (`//evil`, `http://…`). No
/// backslash, white space or control character anywhere either: browsers read `\` as `/` and
/// drop tabs and newlines (WHATWG URL), so `/\t/evil` or `/\evil` would lead to `//evil`.
pub fn safe_return_path(path: &str) -> &str {
    let odd = |c: char| c == '\\' || c.is_whitespace() || c.is_control();
    if path.starts_with('/') && !path.starts_with("//") && !path.contains(odd) {
        path
    } else {
        "/"
    }
}

/// A path segment taken from a form (an organization's handle): only the characters
/// handles have, so it cannot leave the path it is put in.
pub fn safe_path_segment(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The signed-in author of a form post: a bad CSRF token is refused first.
pub(crate) fn poster<'a>(
    req: &actix_web::HttpRequest,
    viewer: &'a crate::viewer::Viewer,
    state: &crate::WebState,
    token: &str,
) -> Result<&'a citysync_app::User, citysync_app::AppError> {
    if !viewer.csrf_ok(req, state, token) {
        return Err(citysync_app::AppError::Forbidden);
    }
    viewer.require_user()
}

/// The status to show a form again with, when `err` is about what was typed; `None` when
/// the error deserves the error page (not allowed, not found, our own failure).
pub(crate) fn form_status(err: &citysync_app::AppError) -> Option<actix_web::http::StatusCode> {
    let status = citysync_edge::status(err);
    let page_worthy = matches!(
        err,
        citysync_app::AppError::Forbidden
            | citysync_app::AppError::Unauthenticated
            | citysync_app::AppError::NotFound
    );
    (status.is_client_error() && !page_worthy).then_some(status)
}

/// A form posted from this site's own page: its CSRF token (and origin) are checked before
/// the handler runs, and a post that fails the check gets the 403 page — a handler taking a
/// `CsrfForm` reads only posts made in this browser's session. Bodies that are too large or
/// malformed are refused as any form's are.
pub struct CsrfForm<T>(pub T);

/// A form that carries the CSRF token.
pub trait CsrfToken {
    fn csrf_token(&self) -> &str;
}

impl CsrfToken for TokenForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

impl<T> CsrfForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Forms whose `csrf_token` field carries the token: `csrf_forms!(ProfileForm, …)`.
macro_rules! csrf_forms {
    ($($form:ty),* $(,)?) => {
        $(
            impl $crate::pages::CsrfToken for $form {
                fn csrf_token(&self) -> &str {
                    &self.csrf_token
                }
            }
        )*
    };
}
pub(crate) use csrf_forms;

impl<T> std::ops::Deref for CsrfForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned + CsrfToken + 'static> actix_web::FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(
        req: &actix_web::HttpRequest,
        payload: &mut actix_web::dev::Payload,
    ) -> Self::Future {
        let req = req.clone();
        let form = web::Form::<T>::from_request(&req, payload);
        Box::pin(async move {
            let web::Form(form) = form.await?;
            let state = req
                .app_data::<web::Data<crate::WebState>>()
                .ok_or_else(|| actix_web::error::ErrorInternalServerError("web state missing"))?;
            if !crate::csrf::verify(&req, state, form.csrf_token()) {
                return Err(
                    crate::errors::PageError::from(citysync_app::AppError::Forbidden).into(),
                );
            }
            Ok(CsrfForm(form))
        })
    }
}

/// A form that carries only the CSRF token (a button that changes one thing).
#[derive(Debug, Default, serde::Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub(crate) csrf_token: String,
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn return_paths_stay_on_this_site() {
        for ok in ["/", "/settings", "/oauth/authorize?client_id=a&state=x%20y"] {
            assert_eq!(safe_return_path(ok), ok);
        }
        for bad in [
            "",
            "settings",
            "//evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_return_path(bad), "/", "{bad:?}");
        }
    }
}
