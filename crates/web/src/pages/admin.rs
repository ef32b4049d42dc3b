//! The city administrator's pages: deciding on new organizations, and the city's additions
//! to the shared task taxonomy.

use super::catalog::taxonomy_view;
use super::{form_status, poster};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog;
use citysync_app::{organizations, AppError, User};
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/organizations", web::get().to(admin_organizations))
        .route(
            "/admin/organizations/{handle}/approve",
            web::post().to(organization_approve),
        )
        .route(
            "/admin/organizations/{handle}/decline",
            web::post().to(organization_decline),
        )
        .route("/admin/taxonomy", web::get().to(taxonomy_page))
        .route("/admin/taxonomy", web::post().to(taxonomy_submit));
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
}

/// GET /admin/organizations — administrators: pending organizations, oldest first.
pub async fn admin_organizations(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let Some(user) = &viewer.user else {
        return Viewer::see_other("/login");
    };
    pending_page(
        &viewer,
        &state,
        user,
        StatusCode::OK,
        "",
        FormErrors::default(),
    )
    .await
}

/// The pending list; `failed` names the organization whose form `errors` belong to.
async fn pending_page(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    status: StatusCode,
    failed: &str,
    errors: FormErrors,
) -> HttpResponse {
    match organizations::pending(&state.ctx, admin).await {
        Ok(pending) => viewer.render(
            state,
            status,
            "admin_organizations.html",
            minijinja::context! {
                pending => minijinja::value::Serde(&pending),
                failed => failed,
                errors => minijinja::value::Serde(errors),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// POST /admin/organizations/{handle}/approve — administrators.
pub async fn organization_approve(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> HttpResponse {
    decide(&req, &viewer, &state, &path, &form, true).await
}

/// POST /admin/organizations/{handle}/decline — administrators; a reason is required.
pub async fn organization_decline(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> HttpResponse {
    decide(&req, &viewer, &state, &path, &form, false).await
}

async fn decide(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    handle: &str,
    form: &DecisionForm,
    approve: bool,
) -> HttpResponse {
    let admin = match poster(req, viewer, state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(state, &e),
    };
    match organizations::decide(&state.ctx, admin, handle, approve, &form.reason).await {
        Ok(_) => Viewer::see_other("/admin/organizations"),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                pending_page(viewer, state, admin, status, handle, errors).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// A category or unit the administrator adds, named in both languages.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct TaxonomyForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    category_name_en: String,
    #[serde(default)]
    category_name_es: String,
    #[serde(default)]
    unit_name_en: String,
    #[serde(default)]
    unit_name_es: String,
}

async fn taxonomy_form_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &TaxonomyForm,
    errors: FormErrors,
) -> HttpResponse {
    match catalog::taxonomy(&state.ctx).await {
        Ok(tax) => viewer.render(
            state,
            status,
            "admin_taxonomy.html",
            minijinja::context! {
                categories => minijinja::value::Serde(taxonomy_view(viewer, state, &tax)),
                form => minijinja::value::Serde(form),
                errors => minijinja::value::Serde(errors),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// GET /admin/taxonomy — administrators: the city's categories and units.
pub async fn taxonomy_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    match &viewer.user {
        None => Viewer::see_other("/login"),
        Some(user) if !user.is_admin => viewer.error_page(&state, &AppError::Forbidden),
        Some(_) => {
            let form = TaxonomyForm::default();
            taxonomy_form_page(
                &viewer,
                &state,
                StatusCode::OK,
                &form,
                FormErrors::default(),
            )
            .await
        }
    }
}

/// POST /admin/taxonomy — administrators add a unit (and its category when new).
pub async fn taxonomy_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<TaxonomyForm>,
) -> HttpResponse {
    let admin = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let result = catalog::extend_taxonomy(
        &state.ctx,
        admin,
        &form.category,
        &form.unit,
        &form.category_name_en,
        &form.category_name_es,
        &form.unit_name_en,
        &form.unit_name_es,
    )
    .await;
    match result {
        Ok(()) => Viewer::see_other("/admin/taxonomy"),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                taxonomy_form_page(&viewer, &state, status, &form, errors).await
            }
            None => viewer.error_page(&state, &e),
        },
    }
}
