//! The privacy notice (issue 27): `/privacy` (the version in force, in the reader's
//! language), `/privacy/{version}` (any earlier one), `/privacy/accept` (where a signed-in
//! person whose accepted version is older is sent before any other page) and
//! `/admin/privacy` (an administrator publishes a new version).

use super::{form_status, poster, safe_return_path};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::privacy_notice::{self, Notice};
use citysync_app::AppError;
use citysync_i18n::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/privacy", web::get().to(notice_page))
        .route("/privacy/accept", web::get().to(accept_form))
        .route("/privacy/accept", web::post().to(accept_submit))
        .route("/privacy/{version}", web::get().to(version_page))
        .route("/admin/privacy", web::get().to(admin_form))
        .route("/admin/privacy", web::post().to(admin_publish));
}

/// Pages a person who has not accepted the notice in force may still reach: signing out,
/// the notice itself, the language switch, static assets and the API.
pub fn reachable_before_accepting(path: &str) -> bool {
    path == "/logout"
        || path == "/language"
        || path == "/privacy"
        || path.starts_with("/privacy/")
        || path.starts_with("/static/")
        || path.starts_with("/api/")
}

/// Where someone who must accept goes, leading back to `path` afterwards.
pub fn accept_path(path: &str) -> String {
    match path {
        "" | "/" => "/privacy/accept".to_owned(),
        path => {
            let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
            format!("/privacy/accept?next={next}")
        }
    }
}

#[derive(Serialize)]
struct NoticeView<'a> {
    notice: &'a Notice,
    versions: Vec<privacy_notice::VersionSummary>,
}

async fn show(viewer: &Viewer, state: &WebState, version: Option<i32>) -> HttpResponse {
    let found = async {
        Ok::<_, AppError>((
            privacy_notice::notice(&state.ctx, version, viewer.locale).await?,
            privacy_notice::versions(&state.ctx).await?,
        ))
    }
    .await;
    match found {
        Ok((notice, versions)) => viewer.render(
            state,
            StatusCode::OK,
            "privacy.html",
            minijinja::context! { view => minijinja::value::Serde(NoticeView { notice: &notice, versions }) },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// GET /privacy — the notice in force, in the reader's language; earlier versions listed.
pub async fn notice_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    show(&viewer, &state, None).await
}

/// GET /privacy/{version} — a version, in force or not.
pub async fn version_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    match path.parse::<i32>() {
        Ok(version) if version >= 1 => Ok(show(&viewer, &state, Some(version)).await),
        _ => Err(AppError::NotFound.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    csrf_token: String,
    /// The version shown, sent only when the box is ticked.
    #[serde(default)]
    privacy_version: Option<String>,
    #[serde(default)]
    next: String,
}

async fn accept_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    next: &str,
    errors: FormErrors,
) -> HttpResponse {
    match privacy_notice::notice(&state.ctx, None, viewer.locale).await {
        Ok(notice) => viewer.render(
            state,
            status,
            "privacy_accept.html",
            minijinja::context! {
                notice => minijinja::value::Serde(&notice),
                next => next,
                errors => minijinja::value::Serde(errors),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

fn kept_next(next: &str) -> String {
    match next {
        "" => String::new(),
        next => safe_return_path(next).to_owned(),
    }
}

/// GET /privacy/accept?next= — the notice in force and a box to tick.
pub async fn accept_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    if viewer.user.is_none() {
        return viewer.sign_in_first();
    }
    accept_page(
        &viewer,
        &state,
        StatusCode::OK,
        &kept_next(&query.next),
        FormErrors::default(),
    )
    .await
}

/// POST /privacy/accept — records the acceptance, then goes where the person was going.
pub async fn accept_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<AcceptForm>,
) -> Page {
    let user = viewer.require_user()?;
    let version = form
        .privacy_version
        .as_deref()
        .and_then(|v| v.trim().parse().ok());
    match privacy_notice::accept(&state.ctx, user, version).await {
        Ok(()) => match kept_next(&form.next).as_str() {
            "" => Ok(Viewer::see_other("/home")),
            next => Ok(Viewer::see_other(next)),
        },
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(accept_page(&viewer, &state, status, &kept_next(&form.next), errors).await)
            }
            None => Err(e.into()),
        },
    }
}

/// One language's text on the publishing form.
#[derive(Serialize)]
struct LanguageText {
    code: &'static str,
    name: &'static str,
    text: String,
}

async fn admin_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    typed: Option<&BTreeMap<String, String>>,
    errors: FormErrors,
    published: Option<i32>,
) -> HttpResponse {
    let Some(admin) = &viewer.user else {
        return viewer.sign_in_first();
    };
    let locales = state.ctx.i18n.locales().to_vec();
    let found = async {
        Ok::<_, AppError>((
            privacy_notice::current_texts(&state.ctx, admin, locales).await?,
            privacy_notice::versions(&state.ctx).await?,
        ))
    }
    .await;
    let ((current, texts), versions) = match found {
        Ok(found) => found,
        Err(e) => return viewer.error_page(state, &e),
    };
    let languages: Vec<LanguageText> = texts
        .into_iter()
        .map(|(locale, text)| LanguageText {
            code: locale.code(),
            name: locale.native_name(),
            text: typed
                .and_then(|t| t.get(&format!("text-{}", locale.code())).cloned())
                .unwrap_or(text),
        })
        .collect();
    viewer.render(
        state,
        status,
        "admin_privacy.html",
        minijinja::context! {
            current => current,
            languages => minijinja::value::Serde(&languages),
            versions => minijinja::value::Serde(&versions),
            errors => minijinja::value::Serde(errors),
            published => published,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct PublishedQuery {
    #[serde(default)]
    published: Option<i32>,
}

/// GET /admin/privacy — administrators: the version in force, a text per offered language
/// (prefilled with the one in force) and the button that publishes them as the next version.
pub async fn admin_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<PublishedQuery>,
) -> HttpResponse {
    admin_page(
        &viewer,
        &state,
        StatusCode::OK,
        None,
        FormErrors::default(),
        query.published,
    )
    .await
}

/// POST /admin/privacy — publishes a new version (`text-<language>` fields); residents
/// accept it at their next page.
pub async fn admin_publish(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<BTreeMap<String, String>>,
) -> Page {
    let token = form.get("csrf_token").cloned().unwrap_or_default();
    let admin = poster(&req, &viewer, &state, &token)?;
    let texts: Vec<(Locale, String)> = state
        .ctx
        .i18n
        .locales()
        .iter()
        .copied()
        .filter_map(|l| {
            form.get(&format!("text-{}", l.code()))
                .map(|t| (l, t.clone()))
        })
        .collect();
    match privacy_notice::publish(&state.ctx, admin, texts).await {
        Ok(version) => Ok(Viewer::see_other(&format!(
            "/admin/privacy?published={version}"
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(admin_page(&viewer, &state, status, Some(&form), errors, None).await)
            }
            None => Err(e.into()),
        },
    }
}

crate::pages::csrf_forms!(AcceptForm);
