//! A signed-in person's settings (public profile, password, language, the apps they
//! authorized) and the language switcher on every page.

use super::federation::When;
use super::oauth::{scope_lines, ScopeLine};
use super::{form_status, poster, safe_return_path, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::{locale, WebState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::{accounts, oauth, AppError};
use citysync_i18n::Locale;
use serde::{Deserialize, Serialize};

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

/// The profile form's values: as saved, or as typed when it failed.
#[derive(Debug, Default, Serialize)]
struct ProfileView {
    display_name: String,
    public: bool,
}

/// An app the person authorized, with what it may do.
#[derive(Serialize)]
struct AppLine {
    grant_id: String,
    name: String,
    website: Option<String>,
    scopes: Vec<ScopeLine>,
    authorized: When,
    last_used: Option<When>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    saved: String,
}

/// What the settings page shows besides its forms: which form was saved, each form's errors.
#[derive(Default)]
struct Shown {
    /// `"password"` or `"profile"` after that form was saved, `"app-revoked"` after an app's
    /// access was withdrawn.
    saved: &'static str,
    password_errors: FormErrors,
    profile_errors: FormErrors,
    /// The profile as typed, when its form failed; otherwise the saved one is shown.
    typed_profile: Option<ProfileView>,
}

async fn page(viewer: &Viewer, state: &WebState, status: StatusCode, shown: Shown) -> HttpResponse {
    let Some(user) = &viewer.user else {
        return Viewer::see_other("/login");
    };
    let profile = match shown.typed_profile {
        Some(typed) => typed,
        None => match accounts::profile(&state.ctx, &user.id.to_string()).await {
            Ok(p) => ProfileView {
                display_name: p.display_name.unwrap_or_default(),
                public: p.public,
            },
            Err(e) => return viewer.error_page(state, &e),
        },
    };
    let apps = match oauth::authorized_apps(&state.ctx, user).await {
        Ok(apps) => apps
            .into_iter()
            .map(|app| AppLine {
                scopes: scope_lines(viewer, state, app.scopes.iter()),
                grant_id: app.grant_id,
                name: app.name,
                website: app.website,
                authorized: When::of(app.authorized_at),
                last_used: app.last_used_at.map(When::of),
            })
            .collect::<Vec<_>>(),
        Err(e) => return viewer.error_page(state, &e),
    };
    viewer.render(
        state,
        status,
        "settings.html",
        minijinja::context! {
            saved => shown.saved,
            errors => minijinja::value::Serde(shown.password_errors),
            profile_errors => minijinja::value::Serde(shown.profile_errors),
            profile => minijinja::value::Serde(profile),
            apps => minijinja::value::Serde(apps),
        },
    )
}

/// GET /settings (`?saved=app-revoked` after an app's access was withdrawn)
pub async fn settings_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<SettingsQuery>,
) -> HttpResponse {
    let shown = Shown {
        saved: match query.saved.as_str() {
            "app-revoked" => "app-revoked",
            _ => "",
        },
        ..Shown::default()
    };
    page(&viewer, &state, StatusCode::OK, shown).await
}

/// POST /settings/apps/{grant}/revoke — the app's tokens stop working at once.
pub async fn app_revoke(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    grant: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(&state, &e),
    };
    match oauth::revoke_authorization(&state.ctx, user, &grant).await {
        Ok(()) => Viewer::see_other("/settings?saved=app-revoked"),
        Err(e) => viewer.error_page(&state, &e),
    }
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
        Ok(()) => {
            let shown = Shown {
                saved: "password",
                ..Shown::default()
            };
            page(&viewer, &state, StatusCode::OK, shown).await
        }
        Err(e) if e.http_status() < 500 => {
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
            let shown = Shown {
                password_errors: FormErrors::from_error(&viewer, &state, &e),
                ..Shown::default()
            };
            page(&viewer, &state, status, shown).await
        }
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// The public profile form; the checkbox is sent only when ticked.
#[derive(Debug, Default, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    public: String,
}

/// POST /settings/profile — the display name, and whether it is shown on the public profile
/// and on attestations of the resident's work (otherwise a pseudonym stands for them).
pub async fn profile_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<ProfileForm>,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let public = !form.public.is_empty();
    match accounts::set_profile(&state.ctx, user, &form.display_name, public).await {
        Ok(_) => {
            let shown = Shown {
                saved: "profile",
                ..Shown::default()
            };
            page(&viewer, &state, StatusCode::OK, shown).await
        }
        Err(e) => match form_status(&e) {
            Some(status) => {
                let shown = Shown {
                    profile_errors: FormErrors::from_error(&viewer, &state, &e),
                    typed_profile: Some(ProfileView {
                        display_name: form.display_name.clone(),
                        public,
                    }),
                    ..Shown::default()
                };
                page(&viewer, &state, status, shown).await
            }
            None => viewer.error_page(&state, &e),
        },
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
