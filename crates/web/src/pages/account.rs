//! Sign-up, email verification, login, logout and password reset. Every answer about an email
//! address is the same whether or not it has an account.

use super::{client_ip, safe_return_path};
use crate::viewer::{FormErrors, Viewer, SESSION_COOKIE};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::accounts::{self, SignupInput};
use citysync_app::{sessions, AppError};
use serde::{Deserialize, Serialize};

/// Every account form's fields; each page uses the ones it shows. Passwords are never echoed back.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AccountForm {
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub token: String,
    #[serde(default, skip_serializing)]
    pub password: String,
    #[serde(default, skip_serializing)]
    pub password_confirm: String,
    /// Where to go after signing in (a same-origin path, e.g. the OAuth consent page).
    #[serde(default)]
    pub next: String,
    /// The secret of a mailed organization invitation that led to sign-up.
    #[serde(default)]
    pub invitation: String,
    /// Sign-up: the privacy notice's version, sent only when its box is ticked.
    #[serde(default)]
    pub privacy_version: Option<String>,
    /// Sign-up: the version in force, which the box accepts (set by the page).
    #[serde(default, skip_deserializing)]
    pub privacy_in_force: i32,
}

/// The cookie that makes a browser a known device of the accounts signed in from it.
pub const DEVICE_COOKIE: &str = "device";

#[derive(Debug, Default, Deserialize)]
pub struct SignupQuery {
    #[serde(default)]
    invitation: String,
}

/// The known-device cookie, long-lived (renewed at each sign-in).
pub(crate) fn device_cookie<'c>(state: &WebState, secret: String) -> actix_web::cookie::Cookie<'c> {
    let mut cookie = state.cookies.build(DEVICE_COOKIE, secret);
    cookie.set_max_age(actix_web::cookie::time::Duration::days(
        accounts::KNOWN_DEVICE_DAYS,
    ));
    cookie
}

/// Ends the browser's previous session (if any) and sets the new session and device cookies.
async fn signed_in_response(
    req: &HttpRequest,
    state: &WebState,
    signed_in: accounts::SignedIn,
    to: &str,
) -> HttpResponse {
    // An account with a second factor: no session yet, the code step first.
    if let Some(ticket) = signed_in.second_factor_ticket {
        return super::second_factor::pending_response(state, ticket, to);
    }
    if let Some(old) = req.cookie(&state.cookies.name(SESSION_COOKIE)) {
        if let Err(e) = sessions::end(&state.ctx, old.value()).await {
            tracing::warn!(error = ?e, "could not end the previous session");
        }
    }
    let mut resp = Viewer::see_other(to);
    let _ = resp.add_cookie(&state.cookies.build(SESSION_COOKIE, signed_in.session));
    let _ = resp.add_cookie(&device_cookie(state, signed_in.device));
    resp
}

fn device_of(req: &HttpRequest, state: &WebState) -> Option<String> {
    req.cookie(&state.cookies.name(DEVICE_COOKIE))
        .map(|c| c.value().to_owned())
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    next: String,
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
    /// Where the sign-in link leads once used (a path on this site).
    #[serde(default)]
    next: String,
}

/// `next` as kept in a form: a path on this site, or "" when none (or an off-site one) was given.
fn kept_next(next: &str) -> String {
    match next {
        "" => String::new(),
        next => safe_return_path(next).to_owned(),
    }
}

fn form_page(
    viewer: &Viewer,
    state: &WebState,
    template: &str,
    status: StatusCode,
    form: &AccountForm,
    errors: FormErrors,
) -> HttpResponse {
    viewer.render(state, status, template, minijinja::context! { form => minijinja::value::Serde(form), errors => minijinja::value::Serde(errors) })
}

/// Shows a form again with the error beside its field, or the error page when it is not about the form.
fn form_error(
    viewer: &Viewer,
    state: &WebState,
    template: &str,
    form: &AccountForm,
    err: &AppError,
) -> HttpResponse {
    let status = citysync_edge::status(err);
    if status.is_server_error() || matches!(err, AppError::Forbidden) {
        return viewer.error_page(state, err);
    }
    let mut resp = form_page(
        viewer,
        state,
        template,
        status,
        form,
        FormErrors::from_error(viewer, state, err),
    );
    if let AppError::Throttled { retry_after_secs } = err {
        if let Ok(v) = actix_web::http::header::HeaderValue::from_str(&retry_after_secs.to_string())
        {
            resp.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, v);
        }
    }
    resp
}

macro_rules! require_csrf {
    ($req:expr, $viewer:expr, $state:expr, $form:expr) => {
        if !$viewer.csrf_ok(&$req, &$state, &$form.csrf_token) {
            return $viewer.error_page(&$state, &AppError::Forbidden);
        }
    };
}

/// GET /signup?invitation=… — the invitation, from a mailed organization invitation,
/// joins the organization when the account is made with the invited address.
pub async fn signup_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<SignupQuery>,
) -> HttpResponse {
    let form = AccountForm {
        invitation: query.invitation.clone(),
        privacy_in_force: privacy_in_force(&state).await,
        ..AccountForm::default()
    };
    form_page(
        &viewer,
        &state,
        "signup.html",
        StatusCode::OK,
        &form,
        FormErrors::default(),
    )
}

/// POST /signup — always "check your email" once the fields are valid.
pub async fn signup_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    let input = SignupInput {
        username: form.username.clone(),
        email: form.email.clone(),
        password: form.password.clone(),
        password_confirm: form.password_confirm.clone(),
    };
    let invitation = Some(form.invitation.clone()).filter(|i| !i.is_empty());
    let ip = client_ip(&req, &state.ctx);
    let accepted = form
        .privacy_version
        .as_deref()
        .and_then(|v| v.trim().parse().ok());
    match accounts::signup_accepting(&state.ctx, input, viewer.locale, &ip, invitation, accepted)
        .await
    {
        Ok(()) => viewer.notice(
            &state,
            StatusCode::OK,
            "signup-sent-title",
            "signup-sent-body",
        ),
        Err(e) => {
            let mut form = form.into_inner();
            form.privacy_in_force = privacy_in_force(&state).await;
            form_error(&viewer, &state, "signup.html", &form, &e)
        }
    }
}

/// The privacy notice's version in force, for the sign-up form's box.
async fn privacy_in_force(state: &WebState) -> i32 {
    citysync_app::privacy_notice::in_force(&state.ctx)
        .await
        .unwrap_or(citysync_app::privacy_notice::DEFAULT_VERSION)
}

/// GET /verify-email?token=… — a button to confirm (a GET never changes anything).
pub async fn verify_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<TokenQuery>,
) -> HttpResponse {
    let form = AccountForm {
        token: query.token.clone(),
        ..AccountForm::default()
    };
    form_page(
        &viewer,
        &state,
        "verify.html",
        StatusCode::OK,
        &form,
        FormErrors::default(),
    )
}

/// POST /verify-email — proves the address and signs its owner in (a fresh session, as a
/// login makes), then on to the personal home, which says the address is verified.
pub async fn verify_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    let device = device_of(&req, &state);
    match accounts::verify_email_signing_in(&state.ctx, &form.token, device.as_deref()).await {
        Ok(signed_in) => signed_in_response(&req, &state, signed_in, "/?verified=1").await,
        Err(e) => form_error(&viewer, &state, "verify.html", &form, &e),
    }
}

/// GET /verify-email/resend
pub async fn resend_form(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let email = viewer
        .user
        .as_ref()
        .map(|u| u.email.to_string())
        .unwrap_or_default();
    form_page(
        &viewer,
        &state,
        "resend.html",
        StatusCode::OK,
        &AccountForm {
            email,
            ..AccountForm::default()
        },
        FormErrors::default(),
    )
}

/// POST /verify-email/resend
pub async fn resend_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    match accounts::resend_verification(&state.ctx, &form.email, &client_ip(&req, &state.ctx)).await
    {
        Ok(()) => viewer.notice(
            &state,
            StatusCode::OK,
            "resend-sent-title",
            "resend-sent-body",
        ),
        Err(e) => form_error(&viewer, &state, "resend.html", &form, &e),
    }
}

/// GET /login?next=… — `next`, a path on this site, is where signing in leads.
pub async fn login_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<LoginQuery>,
) -> HttpResponse {
    let next = match query.next.as_str() {
        "" => String::new(),
        next => safe_return_path(next).to_owned(),
    };
    let form = AccountForm {
        next,
        ..AccountForm::default()
    };
    form_page(
        &viewer,
        &state,
        "login.html",
        StatusCode::OK,
        &form,
        FormErrors::default(),
    )
}

/// Where signing in leads: `next` when it is a path on this site, the home page otherwise.
fn return_path(next: &str) -> &str {
    match next {
        "" => "/",
        next => safe_return_path(next),
    }
}

/// POST /login — a new session every time (the old one, if any, ends); then on to `next`.
pub async fn login_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    let ip = client_ip(&req, &state.ctx);
    let device = device_of(&req, &state);
    match accounts::login_from(
        &state.ctx,
        &form.email,
        &form.password,
        &ip,
        device.as_deref(),
    )
    .await
    {
        Ok(signed_in) => signed_in_response(&req, &state, signed_in, return_path(&form.next)).await,
        Err(e) => form_error(&viewer, &state, "login.html", &form, &e),
    }
}

/// GET /login/email — ask for a one-time sign-in link by email; or, with `?token=…` from
/// that email, a button that signs in (a GET never changes anything).
pub async fn sign_in_link_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<TokenQuery>,
) -> HttpResponse {
    let form = AccountForm {
        token: query.token.clone(),
        next: kept_next(&query.next),
        ..AccountForm::default()
    };
    if query.token.is_empty() {
        return form_page(
            &viewer,
            &state,
            "login_link.html",
            StatusCode::OK,
            &form,
            FormErrors::default(),
        );
    }
    match accounts::sign_in_link_valid(&state.ctx, &query.token).await {
        Ok(true) => form_page(
            &viewer,
            &state,
            "login_link_use.html",
            StatusCode::OK,
            &form,
            FormErrors::default(),
        ),
        Ok(false) => viewer.error_page(&state, &AppError::InvalidLink),
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /login/email — mails a one-time sign-in link; the same answer for any address.
pub async fn sign_in_link_request(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    let ip = client_ip(&req, &state.ctx);
    let next = kept_next(&form.next);
    match accounts::request_sign_in_link_to(&state.ctx, &form.email, viewer.locale, &ip, &next)
        .await
    {
        Ok(()) => viewer.notice(
            &state,
            StatusCode::OK,
            "login-link-sent-title",
            "login-link-sent-body",
        ),
        Err(e) => form_error(&viewer, &state, "login_link.html", &form, &e),
    }
}

/// POST /login/link — signs in with the emailed link's token (once).
pub async fn sign_in_link_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    let device = device_of(&req, &state);
    match accounts::sign_in_with_link(&state.ctx, &form.token, device.as_deref()).await {
        Ok(signed_in) => signed_in_response(&req, &state, signed_in, return_path(&form.next)).await,
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /logout
pub async fn logout(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    if let Some(cookie) = req.cookie(&state.cookies.name(SESSION_COOKIE)) {
        if let Err(e) = sessions::end(&state.ctx, cookie.value()).await {
            return viewer.error_page(&state, &e);
        }
    }
    let mut resp = Viewer::see_other("/");
    let _ = resp.add_cookie(&state.cookies.removal(SESSION_COOKIE));
    resp
}

/// GET /password/forgot
pub async fn forgot_form(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    form_page(
        &viewer,
        &state,
        "forgot.html",
        StatusCode::OK,
        &AccountForm::default(),
        FormErrors::default(),
    )
}

/// POST /password/forgot — the same answer for any address.
pub async fn forgot_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    match accounts::request_password_reset(
        &state.ctx,
        &form.email,
        viewer.locale,
        &client_ip(&req, &state.ctx),
    )
    .await
    {
        Ok(()) => viewer.notice(
            &state,
            StatusCode::OK,
            "forgot-sent-title",
            "forgot-sent-body",
        ),
        Err(e) => form_error(&viewer, &state, "forgot.html", &form, &e),
    }
}

/// GET /password/reset?token=…
pub async fn reset_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<TokenQuery>,
) -> HttpResponse {
    match accounts::reset_link_valid(&state.ctx, &query.token).await {
        Ok(true) => {
            let form = AccountForm {
                token: query.token.clone(),
                ..AccountForm::default()
            };
            form_page(
                &viewer,
                &state,
                "reset.html",
                StatusCode::OK,
                &form,
                FormErrors::default(),
            )
        }
        Ok(false) => viewer.error_page(&state, &AppError::InvalidLink),
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /password/reset
pub async fn reset_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<AccountForm>,
) -> HttpResponse {
    require_csrf!(req, viewer, state, form);
    match accounts::reset_password(
        &state.ctx,
        &form.token,
        &form.password,
        &form.password_confirm,
    )
    .await
    {
        Ok(_) => viewer.notice(
            &state,
            StatusCode::OK,
            "reset-done-title",
            "reset-done-body",
        ),
        Err(AppError::InvalidLink) => viewer.error_page(&state, &AppError::InvalidLink),
        Err(e) => form_error(&viewer, &state, "reset.html", &form, &e),
    }
}
