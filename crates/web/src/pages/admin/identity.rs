//! Resident verifications (issue 25): the refused second verifications waiting for a
//! decision, the active verifications with a revoke button each, and revoking every one
//! granted before a date (typed as a day on the city's clock).

use crate::errors::Page;
use crate::pages::form_status;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use citysync_app::identity::{admin, letter_code, methods};
use citysync_app::{AppError, User};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/identity", web::get().to(identity_page))
        .route(
            "/admin/identity/conflicts/{id}",
            web::post().to(conflict_submit),
        )
        .route(
            "/admin/identity/verifications/{id}/revoke",
            web::post().to(revoke_submit),
        )
        .route(
            "/admin/identity/revoke-before",
            web::post().to(revoke_before_submit),
        );
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct RevokeForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
    /// Only in the revoke-before form: `YYYY-MM-DD` on the city's clock.
    #[serde(default)]
    before: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConflictForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    resolution: String,
}

/// What just happened, said by the template.
#[derive(Debug, Serialize)]
struct Done {
    revoked: Option<usize>,
}

async fn render(
    viewer: &Viewer,
    state: &WebState,
    admin_user: &User,
    status: StatusCode,
    form: &RevokeForm,
    errors: FormErrors,
    done: Option<Done>,
) -> HttpResponse {
    let shown = async {
        let conflicts = admin::conflicts(&state.ctx, admin_user).await?;
        let verifications = admin::verifications(&state.ctx, admin_user).await?;
        let methods = methods::switches(&state.ctx, admin_user).await?;
        let open_codes = letter_code::open_codes(&state.ctx, admin_user).await?;
        Ok::<_, AppError>(viewer.render(
            state,
            status,
            "admin_identity.html",
            minijinja::context! {
                conflicts => minijinja::value::Serde(&conflicts),
                verifications => minijinja::value::Serde(&verifications),
                form => minijinja::value::Serde(form),
                errors => minijinja::value::Serde(errors),
                done => minijinja::value::Serde(done),
                timezone => viewer.city.timezone.clone(),
                methods => minijinja::value::Serde(&methods),
                open_codes => open_codes,
                letters_on => methods.iter().any(|m| {
                    m.method == citysync_domain::identity::VerificationMethod::LetterCode
                        && m.enabled
                }),
                letter_days => letter_code::DEFAULT_DAYS,
            },
        ))
    }
    .await;
    shown.unwrap_or_else(|e| viewer.error_page(state, &e))
}

/// The page with errors from one of the method forms (identity_methods.rs posts them).
pub(crate) async fn render_with(
    viewer: &Viewer,
    state: &WebState,
    admin_user: &User,
    status: StatusCode,
    errors: FormErrors,
) -> HttpResponse {
    let form = RevokeForm::default();
    render(viewer, state, admin_user, status, &form, errors, None).await
}

/// GET /admin/identity — administrators: conflicts, active verifications, revocation.
pub async fn identity_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let Some(admin_user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    render(
        &viewer,
        &state,
        &admin_user,
        StatusCode::OK,
        &RevokeForm::default(),
        FormErrors::default(),
        None,
    )
    .await
}

/// The page again after a post: done, or the form with what was wrong.
async fn after(
    viewer: &Viewer,
    state: &WebState,
    admin_user: &User,
    form: &RevokeForm,
    result: Result<Option<usize>, AppError>,
) -> HttpResponse {
    match result {
        Ok(revoked) => {
            render(
                viewer,
                state,
                admin_user,
                StatusCode::OK,
                &RevokeForm::default(),
                FormErrors::default(),
                Some(Done { revoked }),
            )
            .await
        }
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                render(viewer, state, admin_user, status, form, errors, None).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// POST /admin/identity/conflicts/{id} — keep the document with its holder (`dismissed`)
/// or move it to the account that presented it (`transferred`).
pub async fn conflict_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<ConflictForm>,
) -> Page {
    let admin_user = viewer.require_user()?.clone();
    let result = admin::resolve_conflict(&state.ctx, &admin_user, &path, &form.resolution)
        .await
        .map(|()| None);
    Ok(after(&viewer, &state, &admin_user, &RevokeForm::default(), result).await)
}

/// POST /admin/identity/verifications/{id}/revoke — revokes one verification.
pub async fn revoke_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<RevokeForm>,
) -> Page {
    let admin_user = viewer.require_user()?.clone();
    let result = admin::revoke(&state.ctx, &admin_user, &path, &form.reason)
        .await
        .map(|()| Some(1));
    Ok(after(&viewer, &state, &admin_user, &form, result).await)
}

/// POST /admin/identity/revoke-before — revokes every verification granted before the
/// start of a day on the city's clock.
pub async fn revoke_before_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<RevokeForm>,
) -> Page {
    let admin_user = viewer.require_user()?.clone();
    let Some(day) = NaiveDate::parse_from_str(form.before.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        let errors = FormErrors(BTreeMap::from([(
            "before",
            viewer.t(&state, "admin-identity-before-invalid"),
        )]));
        return Ok(render(
            &viewer,
            &state,
            &admin_user,
            StatusCode::BAD_REQUEST,
            &form,
            errors,
            None,
        )
        .await);
    };
    let before = viewer.city.utc_of_local(day);
    let result = admin::revoke_granted_before(&state.ctx, &admin_user, before, &form.reason)
        .await
        .map(Some);
    Ok(after(&viewer, &state, &admin_user, &form, result).await)
}

crate::pages::csrf_forms!(ConflictForm, RevokeForm);
