//! The second factor (issue 27): enrollment and its recovery codes at
//! `/settings/second-factor`, the code step of signing in at `/login/second-factor`, and the
//! gate that keeps staff without one out of the staff pages while the city requires it.

use super::{client_ip, form_status, safe_return_path};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer, SESSION_COOKIE};
use crate::WebState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::accounts::second_factor;
use citysync_app::{sessions, AppError, User};
use serde::{Deserialize, Serialize};

/// The cookie holding a half sign-in's ticket (no session exists until the code is given).
pub const TICKET_COOKIE: &str = "second_factor";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/second-factor", web::get().to(settings_page))
        .route(
            "/settings/second-factor/confirm",
            web::post().to(confirm_submit),
        )
        .route(
            "/settings/second-factor/recovery-codes",
            web::post().to(regenerate_submit),
        )
        .route(
            "/settings/second-factor/disable",
            web::post().to(disable_submit),
        )
        .route("/login/second-factor", web::get().to(login_form))
        .route("/login/second-factor", web::post().to(login_submit));
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CodeForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default, skip_serializing)]
    code: String,
    /// Where to go afterwards (a path on this site).
    #[serde(default)]
    next: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// `next` as kept in a form: a path on this site, or "".
fn kept_next(next: &str) -> String {
    match next {
        "" => String::new(),
        next => safe_return_path(next).to_owned(),
    }
}

#[derive(Serialize)]
struct EnrollView {
    secret: String,
    uri: String,
    qr: String,
}

#[derive(Serialize)]
struct SettingsPage {
    enabled: bool,
    required: bool,
    recovery_left: i64,
    enroll: Option<EnrollView>,
    next: String,
    errors: FormErrors,
    /// The form an error belongs to (`confirm`, `regenerate`, `disable`).
    failed: &'static str,
}

async fn render_settings(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    next: String,
    failed: (&'static str, Option<&AppError>),
) -> HttpResponse {
    let status = match second_factor::status(&state.ctx, user).await {
        Ok(status) => status,
        Err(e) => return viewer.error_page(state, &e),
    };
    let enroll = if status.enabled {
        None
    } else {
        match second_factor::enrollment(&state.ctx, user).await {
            Ok(e) => {
                let title = viewer.t(state, "second-factor-qr-title");
                Some(EnrollView {
                    qr: crate::qr::svg(&e.uri, &title),
                    secret: e.secret,
                    uri: e.uri,
                })
            }
            Err(e) => return viewer.error_page(state, &e),
        }
    };
    let (http, errors) = match failed.1 {
        Some(err) => match form_status(err) {
            Some(code) => (code, FormErrors::from_error(viewer, state, err)),
            None => return viewer.error_page(state, err),
        },
        None => (StatusCode::OK, FormErrors::default()),
    };
    let page = SettingsPage {
        enabled: status.enabled,
        required: status.required,
        recovery_left: status.recovery_left,
        enroll,
        next,
        errors,
        failed: failed.0,
    };
    let mut resp = viewer.render(state, http, "second_factor.html", page);
    no_store(&mut resp);
    resp
}

fn no_store(resp: &mut HttpResponse) {
    resp.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
}

/// GET /settings/second-factor?next=… — enrolled: the recovery codes left, new codes, turning
/// it off; not enrolled: the secret (QR code and text) and the form that confirms it (the
/// secret is made on the first visit and kept until confirmed).
pub async fn settings_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    render_settings(&viewer, &state, &user, kept_next(&query.next), ("", None)).await
}

/// The recovery codes, shown once.
fn codes_page(viewer: &Viewer, state: &WebState, codes: Vec<String>, next: &str) -> HttpResponse {
    let mut resp = viewer.render(
        state,
        StatusCode::OK,
        "second_factor_codes.html",
        minijinja::context! { codes => codes, next => kept_next(next) },
    );
    no_store(&mut resp);
    resp
}

/// POST /settings/second-factor/confirm — a code from the app turns the factor on; the
/// recovery codes are shown once.
pub async fn confirm_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<CodeForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let ip = client_ip(&req, &state.ctx);
    match second_factor::confirm(&state.ctx, &user, &form.code, &ip).await {
        Ok(codes) => Ok(codes_page(&viewer, &state, codes, &form.next)),
        Err(e) => Ok(render_settings(
            &viewer,
            &state,
            &user,
            kept_next(&form.next),
            ("confirm", Some(&e)),
        )
        .await),
    }
}

/// POST /settings/second-factor/recovery-codes — new recovery codes (a current code).
pub async fn regenerate_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<CodeForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let ip = client_ip(&req, &state.ctx);
    match second_factor::regenerate_recovery_codes(&state.ctx, &user, &form.code, &ip).await {
        Ok(codes) => Ok(codes_page(&viewer, &state, codes, "")),
        Err(e) => Ok(render_settings(
            &viewer,
            &state,
            &user,
            String::new(),
            ("regenerate", Some(&e)),
        )
        .await),
    }
}

/// POST /settings/second-factor/disable — turns it off (a current code or a recovery code).
pub async fn disable_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<CodeForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let ip = client_ip(&req, &state.ctx);
    match second_factor::disable(&state.ctx, &user, &form.code, &ip).await {
        Ok(()) => Ok(Viewer::see_other("/settings/second-factor")),
        Err(e) => {
            Ok(render_settings(&viewer, &state, &user, String::new(), ("disable", Some(&e))).await)
        }
    }
}

fn ticket_of(req: &HttpRequest, state: &WebState) -> Option<String> {
    req.cookie(&state.cookies.name(TICKET_COOKIE))
        .map(|c| c.value().to_owned())
        .filter(|t| !t.is_empty())
}

fn login_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    username: &str,
    form: &CodeForm,
    errors: FormErrors,
) -> HttpResponse {
    let mut resp = viewer.render(
        state,
        status,
        "login_second_factor.html",
        minijinja::context! {
            username => username,
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
        },
    );
    no_store(&mut resp);
    resp
}

/// The browser's half sign-in ended or never was: back to the password.
fn start_over(next: &str) -> HttpResponse {
    Viewer::see_other(&crate::viewer::sign_in_path(&kept_next(next)))
}

/// GET /login/second-factor?next=… — the code step of signing in.
pub async fn login_form(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<NextQuery>,
) -> Page {
    let Some(ticket) = ticket_of(&req, &state) else {
        return Ok(start_over(&query.next));
    };
    match second_factor::pending_user(&state.ctx, &ticket).await {
        Ok(Some(user)) => {
            let form = CodeForm {
                next: kept_next(&query.next),
                ..CodeForm::default()
            };
            Ok(login_page(
                &viewer,
                &state,
                StatusCode::OK,
                user.username.as_str(),
                &form,
                FormErrors::default(),
            ))
        }
        Ok(None) => Ok(start_over(&query.next)),
        Err(e) => Err(e.into()),
    }
}

/// POST /login/second-factor — a code or a recovery code finishes signing in: the session
/// and known-device cookies are set, the ticket's is removed; then on to `next`.
pub async fn login_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<CodeForm>,
) -> Page {
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return Err(AppError::Forbidden.into());
    }
    let Some(ticket) = ticket_of(&req, &state) else {
        return Ok(start_over(&form.next));
    };
    let ip = client_ip(&req, &state.ctx);
    match second_factor::complete_sign_in(&state.ctx, &ticket, &form.code, &ip).await {
        Ok(signed_in) => {
            if let Some(old) = req.cookie(&state.cookies.name(SESSION_COOKIE)) {
                if let Err(e) = sessions::end(&state.ctx, old.value()).await {
                    tracing::warn!(error = ?e, "could not end the previous session");
                }
            }
            let to = match form.next.as_str() {
                "" => "/",
                next => safe_return_path(next),
            };
            let mut resp = Viewer::see_other(to);
            let _ = resp.add_cookie(&state.cookies.build(SESSION_COOKIE, signed_in.session));
            let _ = resp.add_cookie(&super::account::device_cookie(&state, signed_in.device));
            let _ = resp.add_cookie(&state.cookies.removal(TICKET_COOKIE));
            Ok(resp)
        }
        Err(AppError::Unauthenticated) => Ok(start_over(&form.next)),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let username = second_factor::pending_user(&state.ctx, &ticket)
                    .await
                    .ok()
                    .flatten()
                    .map(|u| u.username.to_string())
                    .unwrap_or_default();
                let mut resp = login_page(
                    &viewer,
                    &state,
                    status,
                    &username,
                    &form,
                    FormErrors::from_error(&viewer, &state, &e),
                );
                if let AppError::Throttled { retry_after_secs } = e {
                    if let Ok(v) = actix_web::http::header::HeaderValue::from_str(
                        &retry_after_secs.to_string(),
                    ) {
                        resp.headers_mut()
                            .insert(actix_web::http::header::RETRY_AFTER, v);
                    }
                }
                Ok(resp)
            }
            None => Err(e.into()),
        },
    }
}

/// After the password (or an emailed link) of an account with a second factor: keep the
/// ticket in its cookie and ask for the code.
pub fn pending_response(state: &WebState, ticket: String, next: &str) -> HttpResponse {
    let to = match kept_next(next).as_str() {
        "" | "/" => "/login/second-factor".to_owned(),
        next => {
            let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
            format!("/login/second-factor?next={next}")
        }
    };
    let mut resp = Viewer::see_other(&to);
    let _ = resp.add_cookie(&state.cookies.build(TICKET_COOKIE, ticket));
    resp
}

/// The enrollment page that leads back to `path` once done.
pub fn enroll_path(path: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    format!("/settings/second-factor?next={next}")
}

/// Whether `path` is one of the staff pages: the admin pages, an organization's verifier
/// queue, counter and registrar desk, and a decision on a submission.
pub fn is_staff_path(path: &str) -> bool {
    if path == "/admin" || path.starts_with("/admin/") || path.starts_with("/submissions/") {
        return true;
    }
    let Some(rest) = path.strip_prefix("/organizations/") else {
        return false;
    };
    let mut parts = rest.split('/');
    let _handle = parts.next();
    matches!(parts.next(), Some("verify" | "counter" | "registrar"))
}

/// Middleware: while the city requires it (`[accounts] staff_second_factor`), a staff
/// member without a second factor who asks for a staff page is sent to enroll (the page
/// there says why); everyone else, and every other page, passes untouched.
pub async fn staff_gate(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    if !is_staff_path(req.path()) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let Some(state) = req.app_data::<web::Data<WebState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    if !state.ctx.settings.staff_second_factor {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let user = match req.cookie(&state.cookies.name(SESSION_COOKIE)) {
        Some(cookie) => sessions::resolve(&state.ctx, cookie.value())
            .await
            .ok()
            .flatten()
            .map(|(user, _)| user),
        None => None,
    };
    let missing = match &user {
        Some(user) => second_factor::required_missing(&state.ctx, user)
            .await
            .unwrap_or(false),
        None => false,
    };
    if !missing {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let back = match req.method() {
        &actix_web::http::Method::GET => match req.query_string() {
            "" => req.path().to_owned(),
            q => format!("{}?{q}", req.path()),
        },
        _ => "/".to_owned(),
    };
    let resp = Viewer::see_other(&enroll_path(&back));
    Ok(req.into_response(resp).map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staff_pages_are_named_by_their_paths() {
        for path in [
            "/admin",
            "/admin/users",
            "/organizations/bakery/verify",
            "/organizations/bakery/counter",
            "/organizations/bakery/counter/lookup",
            "/organizations/bakery/registrar",
            "/submissions/1/decide",
        ] {
            assert!(is_staff_path(path), "{path}");
        }
        for path in [
            "/",
            "/administration",
            "/organizations/bakery",
            "/organizations/bakery/offerings",
            "/settings/second-factor",
            "/login/second-factor",
        ] {
            assert!(!is_staff_path(path), "{path}");
        }
    }
}

crate::pages::csrf_forms!(CodeForm);
