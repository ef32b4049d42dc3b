//! A signed-in person's settings (password, language) and the language switcher on every page.

use super::safe_return_path;
use crate::viewer::{FormErrors, Viewer};
use crate::{locale, WebState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::{accounts, AppError};
use citysync_i18n::Locale;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    return_to: String,
}

fn page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    errors: FormErrors,
    saved: bool,
) -> HttpResponse {
    viewer.render(
        state,
        status,
        "settings.html",
        minijinja::context! { errors => minijinja::value::Serde(errors), saved => saved },
    )
}

/// GET /settings
pub async fn settings_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    if viewer.user.is_none() {
        return Viewer::see_other("/login");
    }
    page(
        &viewer,
        &state,
        StatusCode::OK,
        FormErrors::default(),
        false,
    )
}

/// POST /settings/password — other sessions and API tokens end; this one stays.
pub async fn password_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<PasswordForm>,
) -> HttpResponse {
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return viewer.error_page(&state, &AppError::Forbidden);
    }
    let Some(user) = viewer.user.clone() else {
        return viewer.error_page(&state, &AppError::Unauthenticated);
    };
    match accounts::change_password(
        &state.ctx,
        &user,
        &form.current_password,
        &form.password,
        &form.password_confirm,
        viewer.session_hash.clone(),
    )
    .await
    {
        Ok(()) => page(&viewer, &state, StatusCode::OK, FormErrors::default(), true),
        Err(e) if e.http_status() < 500 => {
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
            page(
                &viewer,
                &state,
                status,
                FormErrors::from_error(&viewer, &state, &e),
                false,
            )
        }
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /language — remembers the choice in a cookie, and on the account when signed in.
pub async fn language_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<LanguageForm>,
) -> HttpResponse {
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return viewer.error_page(&state, &AppError::Forbidden);
    }
    let Some(chosen) = Locale::from_code(&form.locale) else {
        return viewer.error_page(&state, &AppError::LocaleUnsupported);
    };
    if let Some(user) = &viewer.user {
        if let Err(e) = accounts::set_locale(&state.ctx, user.id, Some(chosen)).await {
            return viewer.error_page(&state, &e);
        }
    }
    let mut resp = Viewer::see_other(safe_return_path(&form.return_to));
    let mut cookie = state
        .cookies
        .build(locale::COOKIE, chosen.code().to_owned());
    cookie.set_max_age(actix_web::cookie::time::Duration::days(365));
    let _ = resp.add_cookie(&cookie);
    resp
}
