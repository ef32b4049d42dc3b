//! A signed-in person's settings (public profile, password, language, the apps they
//! authorized, the fediverse account they linked) and the language switcher on every page.

use super::federation::When;
use super::oauth::{scope_lines, ScopeLine};
use super::{form_status, safe_return_path, TokenForm};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::{locale, WebState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::accounts::fediverse;
use citysync_app::{accounts, oauth, AppError};
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

/// The linked fediverse account, or the link under way, as the page shows them.
#[derive(Serialize)]
struct FediverseView {
    linked: Option<FediverseLinked>,
    pending: Option<FediversePending>,
}

#[derive(Serialize)]
struct FediverseLinked {
    handle: String,
    actor: String,
    since: When,
}

#[derive(Serialize)]
struct FediversePending {
    handle: String,
    state: fediverse::RequestState,
    until: Option<When>,
}

impl From<fediverse::Status> for FediverseView {
    fn from(status: fediverse::Status) -> FediverseView {
        FediverseView {
            linked: status.linked.map(|l| FediverseLinked {
                handle: l.handle,
                actor: l.actor,
                since: When::of(l.linked_at),
            }),
            pending: status.pending.map(|p| FediversePending {
                handle: p.handle,
                state: p.state,
                until: p.expires_at.map(When::of),
            }),
        }
    }
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
    fediverse_errors: FormErrors,
    /// The fediverse handle as typed, when its form failed.
    typed_handle: String,
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
    let fediverse = match fediverse::status(&state.ctx, user).await {
        Ok(status) => FediverseView::from(status),
        Err(e) => return viewer.error_page(state, &e),
    };
    let identity_level = match citysync_app::identity::level_of(&state.ctx, user).await {
        Ok(level) => level.map_or("none", |l| l.as_str()),
        Err(e) => return viewer.error_page(state, &e),
    };
    let identity_method = match citysync_app::identity::method_of(&state.ctx, user).await {
        Ok(method) => method.map(|m| m.as_str()),
        Err(e) => return viewer.error_page(state, &e),
    };
    viewer.render(
        state,
        status,
        "settings.html",
        minijinja::context! {
            identity_level => identity_level,
            identity_method => identity_method,
            saved => shown.saved,
            errors => minijinja::value::Serde(shown.password_errors),
            profile_errors => minijinja::value::Serde(shown.profile_errors),
            profile => minijinja::value::Serde(profile),
            apps => minijinja::value::Serde(apps),
            fediverse => minijinja::value::Serde(fediverse),
            fediverse_errors => minijinja::value::Serde(shown.fediverse_errors),
            typed_handle => shown.typed_handle,
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
            "fediverse-requested" => "fediverse-requested",
            "fediverse-linked" => "fediverse-linked",
            "fediverse-unlinked" => "fediverse-unlinked",
            _ => "",
        },
        ..Shown::default()
    };
    page(&viewer, &state, StatusCode::OK, shown).await
}

/// POST /settings/apps/{grant}/revoke — the app's tokens stop working at once.
pub async fn app_revoke(
    viewer: Viewer,
    state: web::Data<WebState>,
    grant: web::Path<String>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?;
    oauth::revoke_authorization(&state.ctx, user, &grant).await?;
    Ok(Viewer::see_other("/settings?saved=app-revoked"))
}

/// The form that asks to link a fediverse account.
#[derive(Debug, Default, Deserialize)]
pub struct FediverseForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    handle: String,
}

/// POST /settings/fediverse — the city looks the handle up and sends that account a direct
/// message with a link to open here; the page says so meanwhile.
pub async fn fediverse_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<FediverseForm>,
) -> Page {
    let user = viewer.require_user()?;
    match fediverse::request(&state.ctx, user, &form.handle).await {
        Ok(()) => Ok(Viewer::see_other(
            "/settings?saved=fediverse-requested#fediverse-heading",
        )),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let shown = Shown {
                    fediverse_errors: FormErrors::from_error(&viewer, &state, &e),
                    typed_handle: form.handle.clone(),
                    ..Shown::default()
                };
                Ok(page(&viewer, &state, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /settings/fediverse/unlink — the account is no longer linked (its claims stay).
pub async fn fediverse_unlink(
    viewer: Viewer,
    state: web::Data<WebState>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?;
    fediverse::unlink(&state.ctx, user).await?;
    Ok(Viewer::see_other(
        "/settings?saved=fediverse-unlinked#fediverse-heading",
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    token: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
}

/// GET /settings/fediverse/confirm?token=… — the link from the direct message. It asks
/// before linking (a link preview fetching it must change nothing); signing in comes first.
pub async fn fediverse_confirm_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<ConfirmQuery>,
) -> Page {
    let Some(user) = &viewer.user else {
        let next = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &viewer.path)
            .finish();
        return Ok(Viewer::see_other(&format!("/login?{next}")));
    };
    match fediverse::pending_for(&state.ctx, user, &query.token).await {
        Ok(handle) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "fediverse_confirm.html",
            minijinja::context! { handle => handle, token => query.token.clone() },
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /settings/fediverse/confirm — links the account.
pub async fn fediverse_confirm(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<ConfirmForm>,
) -> Page {
    let user = viewer.require_user()?;
    fediverse::confirm(&state.ctx, user, &form.token).await?;
    Ok(Viewer::see_other(
        "/settings?saved=fediverse-linked#fediverse-heading",
    ))
}

/// POST /settings/password — other sessions and API tokens end; this one stays.
pub async fn password_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<PasswordForm>,
) -> Page {
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return Err(AppError::Forbidden.into());
    }
    let Some(user) = viewer.user.clone() else {
        return Err(AppError::Unauthenticated.into());
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
            Ok(page(&viewer, &state, StatusCode::OK, shown).await)
        }
        Err(e) if !citysync_edge::is_server_failure(&e) => {
            let status = citysync_edge::status(&e);
            let shown = Shown {
                password_errors: FormErrors::from_error(&viewer, &state, &e),
                ..Shown::default()
            };
            Ok(page(&viewer, &state, status, shown).await)
        }
        Err(e) => Err(e.into()),
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
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<ProfileForm>,
) -> Page {
    let user = viewer.require_user()?;
    let public = !form.public.is_empty();
    match accounts::set_profile(&state.ctx, user, &form.display_name, public).await {
        Ok(_) => {
            let shown = Shown {
                saved: "profile",
                ..Shown::default()
            };
            Ok(page(&viewer, &state, StatusCode::OK, shown).await)
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
                Ok(page(&viewer, &state, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /language — remembers the choice in a cookie, and on the account when signed in.
pub async fn language_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<LanguageForm>,
) -> Page {
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return Err(AppError::Forbidden.into());
    }
    let Some(chosen) = state.ctx.i18n.locale(&form.locale) else {
        return Err(AppError::LocaleUnsupported.into());
    };
    if let Some(user) = &viewer.user {
        if let Err(e) = accounts::set_locale(&state.ctx, user.id, Some(chosen)).await {
            return Err(e.into());
        }
    }
    let mut resp = Viewer::see_other(safe_return_path(&form.return_to));
    let mut cookie = state
        .cookies
        .build(locale::COOKIE, chosen.code().to_owned());
    cookie.set_max_age(actix_web::cookie::time::Duration::days(365));
    let _ = resp.add_cookie(&cookie);
    Ok(resp)
}

crate::pages::csrf_forms!(ConfirmForm, FediverseForm, ProfileForm);
