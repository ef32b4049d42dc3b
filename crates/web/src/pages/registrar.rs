//! The registrar's desk (issue 25): a registrar (or owner) of an approved organization
//! checks a resident's identity document in person and enters its identifier; the page
//! says plainly whether the resident is now verified or why not.

use super::form_status;
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::identity::{self, Outcome};
use citysync_app::organizations;
use citysync_app::{AppError, User};
use citysync_domain::identity::DocumentKind;
use citysync_domain::organization::Capability;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/organizations/{handle}/registrar",
        web::get().to(registrar_page),
    )
    .route(
        "/organizations/{handle}/registrar",
        web::post().to(registrar_submit),
    );
}

/// What the desk form sends. The identifier is never shown back.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct DeskForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    who: String,
    #[serde(default)]
    kind: String,
    #[serde(default, skip_serializing)]
    identifier: String,
}

/// What the desk did, said in the registrar's language by the template.
#[derive(Debug, Serialize)]
struct Notice {
    /// `registrar-verified` or `registrar-already`.
    id: &'static str,
    username: String,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    handle: &str,
    status: StatusCode,
    form: &DeskForm,
    errors: FormErrors,
    notice: Option<Notice>,
) -> HttpResponse {
    let shown = async {
        let ctx = &state.ctx;
        let org = organizations::by_handle(ctx, handle, Some(user)).await?;
        match organizations::role(ctx, &org.id, user).await? {
            Some(role) if role.can(Capability::VerifyResidents) => {}
            _ => return Err(AppError::Forbidden),
        }
        let kinds: Vec<&str> = DocumentKind::DOCUMENTS.iter().map(|k| k.as_str()).collect();
        Ok::<_, AppError>(viewer.render(
            state,
            status,
            "registrar.html",
            minijinja::context! {
                org => minijinja::value::Serde(&org),
                kinds => kinds,
                form => minijinja::value::Serde(form),
                errors => minijinja::value::Serde(errors),
                notice => minijinja::value::Serde(notice),
            },
        ))
    }
    .await;
    shown.unwrap_or_else(|e| viewer.error_page(state, &e))
}

/// GET /organizations/{handle}/registrar — registrars and owners: the desk form.
pub async fn registrar_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    let form = DeskForm::default();
    render(
        &viewer,
        &state,
        &user,
        &path,
        StatusCode::OK,
        &form,
        FormErrors::default(),
        None,
    )
    .await
}

/// POST /organizations/{handle}/registrar — verifies the resident, or shows the form again
/// with why not (a document another account holds is refused and queued for the
/// administrator).
pub async fn registrar_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<DeskForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let who = form.who.trim().to_owned();
    let result =
        identity::verify_in_person(&state.ctx, &user, &path, &who, &form.kind, &form.identifier)
            .await;
    let (status, errors, notice, shown) = match result {
        Ok(outcome) => {
            let id = match outcome {
                Outcome::Verified => "registrar-verified",
                Outcome::AlreadyHeld => "registrar-already",
            };
            let notice = Notice { id, username: who };
            (
                StatusCode::OK,
                FormErrors::default(),
                Some(notice),
                DeskForm::default(),
            )
        }
        Err(e) => match form_status(&e) {
            Some(status) => (
                status,
                FormErrors::from_error(&viewer, &state, &e),
                None,
                DeskForm {
                    csrf_token: String::new(),
                    who,
                    kind: form.kind.clone(),
                    identifier: String::new(),
                },
            ),
            None => return Err(e.into()),
        },
    };
    Ok(render(
        &viewer, &state, &user, &path, status, &shown, errors, notice,
    )
    .await)
}

crate::pages::csrf_forms!(DeskForm);
