//! The city administrator's pages: a home listing what waits for them, deciding on new
//! organizations, the city's additions to the shared task taxonomy, and the issuers' CITY
//! budgets per period. The city's settings and people's accounts have their own modules.

mod city;
pub(crate) mod identity;
mod integrity;
mod log;
mod users;

use super::catalog::taxonomy_view;
use super::{form_status, poster};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog;
use citysync_app::federation::peers;
use citysync_app::governance::comments;
use citysync_app::ledger::epochs;
use citysync_app::{organizations, secrets, AppError, User};
use citysync_domain::ledger::Currency;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(admin_home))
        .route("/admin/organizations", web::get().to(admin_organizations))
        .route(
            "/admin/organizations/{handle}/approve",
            web::post().to(organization_approve),
        )
        .route(
            "/admin/organizations/{handle}/decline",
            web::post().to(organization_decline),
        )
        .route("/admin/taxonomy", web::get().to(taxonomy_page))
        .route("/admin/taxonomy", web::post().to(taxonomy_submit))
        .route("/admin/budgets", web::get().to(budgets_page))
        .route("/admin/budgets", web::post().to(budget_submit))
        .configure(city::routes)
        .configure(identity::routes)
        .configure(integrity::routes)
        .configure(log::routes)
        .configure(users::routes);
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
}

/// GET /admin/organizations — administrators: pending organizations, oldest first.
/// What waits for the administrator, counted, each with the page that deals with it.
#[derive(Serialize)]
struct Waiting {
    organizations: usize,
    reported_comments: usize,
    failing_peers: usize,
}

/// GET /admin — administrators: what waits (organizations to approve, comments reported,
/// peer cities failing) and every administration page.
pub async fn admin_home(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let Some(admin) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    let waiting = async {
        Ok::<_, AppError>(Waiting {
            organizations: organizations::pending(&state.ctx, admin).await?.len(),
            reported_comments: comments::reported(&state.ctx, admin).await?.len(),
            failing_peers: peers::all(&state.ctx)
                .await?
                .iter()
                .filter(|p| p.failing_since.is_some())
                .count(),
        })
    }
    .await;
    match waiting {
        Ok(waiting) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "admin_home.html",
            minijinja::context! { waiting => minijinja::value::Serde(&waiting) },
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn admin_organizations(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let Some(user) = &viewer.user else {
        return viewer.sign_in_first();
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
pub async fn taxonomy_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    match &viewer.user {
        None => Ok(viewer.sign_in_first()),
        Some(user) if !user.is_admin => Err(AppError::Forbidden.into()),
        Some(_) => {
            let form = TaxonomyForm::default();
            Ok(taxonomy_form_page(
                &viewer,
                &state,
                StatusCode::OK,
                &form,
                FormErrors::default(),
            )
            .await)
        }
    }
}

/// POST /admin/taxonomy — administrators add a unit (and its category when new).
pub async fn taxonomy_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<TaxonomyForm>,
) -> Page {
    let admin = viewer.require_user()?;
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
        Ok(()) => Ok(Viewer::see_other("/admin/taxonomy")),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(taxonomy_form_page(&viewer, &state, status, &form, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

/// One issuer's row of the budget table, amounts as people read them.
#[derive(Serialize)]
struct BudgetRow<'a> {
    #[serde(flatten)]
    line: &'a epochs::BudgetLine,
    amount_text: String,
    granted_text: String,
    remaining_text: String,
}

/// The budget form that failed: whose, what was typed, why.
#[derive(Default)]
struct BudgetFailure {
    organization_id: String,
    amount: String,
    errors: FormErrors,
}

/// GET /admin/budgets — administrators: every approved issuer's standing budget per period,
/// what it was granted this period and what it can still award.
pub async fn budgets_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let Some(admin) = &viewer.user else {
        return viewer.sign_in_first();
    };
    budget_table(
        &viewer,
        &state,
        admin,
        StatusCode::OK,
        BudgetFailure::default(),
    )
    .await
}

async fn budget_table(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    status: StatusCode,
    failed: BudgetFailure,
) -> HttpResponse {
    let found = async {
        Ok::<_, AppError>((
            epochs::budgets(&state.ctx, admin).await?,
            epochs::current(&state.ctx).await?,
        ))
    }
    .await;
    let (lines, epoch) = match found {
        Ok(found) => found,
        Err(e) => return viewer.error_page(state, &e),
    };
    let city = |minor: i64| Currency::City.format(minor);
    let rows: Vec<BudgetRow> = lines
        .iter()
        .map(|line| BudgetRow {
            line,
            amount_text: city(line.amount),
            granted_text: city(line.granted),
            remaining_text: city(line.remaining),
        })
        .collect();
    viewer.render(
        state,
        status,
        "admin_budgets.html",
        minijinja::context! {
            rows => minijinja::value::Serde(&rows),
            epoch => minijinja::value::Serde(&epoch),
            // One fresh key per page: a repeated post sets the budget once.
            idempotency_key => secrets::new_id(),
            failed => failed.organization_id,
            typed_amount => failed.amount,
            errors => minijinja::value::Serde(failed.errors),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct BudgetForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    organization_id: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    idempotency_key: String,
}

/// POST /admin/budgets — administrators set an issuer's budget per period; a raise is
/// granted in the open period at once.
pub async fn budget_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<BudgetForm>,
) -> Page {
    let admin = viewer.require_user()?;
    let result = epochs::set_budget(
        &state.ctx,
        admin,
        &form.organization_id,
        &form.amount,
        &form.idempotency_key,
    )
    .await;
    match result {
        Ok(()) => Ok(Viewer::see_other("/admin/budgets")),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let failed = BudgetFailure {
                    organization_id: form.organization_id.clone(),
                    amount: form.amount.clone(),
                    errors: FormErrors::from_error(&viewer, &state, &e),
                };
                Ok(budget_table(&viewer, &state, admin, status, failed).await)
            }
            None => Err(e.into()),
        },
    }
}

crate::pages::csrf_forms!(BudgetForm, TaxonomyForm);
