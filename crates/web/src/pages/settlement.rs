//! Settlement pages: the redeemer's statements on its console (each printable as a PDF-ready
//! page and downloadable as CSV) and the finance office (administrators) — the city's
//! reimbursement terms, per-redeemer caps, and marking statements paid.

use super::form_status;
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::ledger::settlement;
use citysync_app::organizations;
use citysync_app::{AppError, User};
use serde::Deserialize;

/// The print stylesheet of a statement (the CSP forbids inline styles).
static STATEMENT_CSS: &str = include_str!("../../../../templates/static/statement.css");

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/statement.css", web::get().to(statement_css))
        .route(
            "/organizations/{handle}/statements",
            web::get().to(statements_page),
        )
        .route(
            "/organizations/{handle}/statements/{number}",
            web::get().to(statement_page),
        )
        .route(
            "/organizations/{handle}/statements/{number}/csv",
            web::get().to(statement_csv),
        )
        .route("/admin/settlement", web::get().to(office_page))
        .route("/admin/settlement/terms", web::post().to(terms_submit))
        .route("/admin/settlement/caps", web::post().to(cap_submit))
        .route(
            "/admin/settlement/statements/{number}/paid",
            web::post().to(paid_submit),
        );
}

/// GET /static/statement.css — public: the statement's screen and print styles.
pub async fn statement_css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(STATEMENT_CSS)
}

/// GET /organizations/{handle}/statements — the redeemer's members and administrators: its
/// settlement statements, newest first, and what it can still be reimbursed this epoch.
pub async fn statements_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    let shown = async {
        let ctx = &state.ctx;
        let org = organizations::by_handle(ctx, &path, Some(&user)).await?;
        if !org.is_redeemer {
            return Err(AppError::NotARedeemer);
        }
        let statements = settlement::of_organization(ctx, &user, &org.id).await?;
        let remaining = settlement::remaining(ctx, &org.id).await?;
        let terms = settlement::terms(ctx).await?;
        Ok::<_, AppError>(viewer.render(
            &state,
            StatusCode::OK,
            "settlement_statements.html",
            minijinja::context! {
                org => minijinja::value::Serde(&org),
                statements => minijinja::value::Serde(&statements),
                remaining => minijinja::value::Serde(&remaining),
                terms => minijinja::value::Serde(&terms),
            },
        ))
    }
    .await;
    Ok(shown.unwrap_or_else(|e| viewer.error_page(&state, &e)))
}

async fn one(
    state: &WebState,
    user: &User,
    handle: &str,
    number: &str,
) -> Result<(organizations::Organization, settlement::StatementView), AppError> {
    let org = organizations::by_handle(&state.ctx, handle, Some(user)).await?;
    let statement = settlement::get(&state.ctx, user, &org.id, number).await?;
    Ok((org, statement))
}

/// GET /organizations/{handle}/statements/{number} — the redeemer's members and
/// administrators: one statement, laid out to print (or save as PDF).
pub async fn statement_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    let (handle, number) = path.into_inner();
    match one(&state, &user, &handle, &number).await {
        Ok((org, s)) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "settlement_statement.html",
            minijinja::context! {
                org => minijinja::value::Serde(&org),
                s => minijinja::value::Serde(&s),
            },
        )),
        Err(e) => Err(e.into()),
    }
}

/// GET /organizations/{handle}/statements/{number}/csv — the same statement as CSV.
pub async fn statement_csv(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    let (handle, number) = path.into_inner();
    match one(&state, &user, &handle, &number).await {
        Ok((_, s)) => Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                actix_web::http::header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"statement-{}.csv\"",
                    super::safe_path_segment(&s.number)
                ),
            ))
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .body(settlement::csv(&s))),
        Err(e) => Err(e.into()),
    }
}

/// Which form failed on the finance office page, with what was typed and why.
#[derive(Debug, Default, serde::Serialize)]
struct Failed {
    form: String,
    message: String,
    typed: std::collections::BTreeMap<&'static str, String>,
}

/// GET /admin/settlement — administrators (the finance office): the terms, the caps and every
/// statement with its payment.
pub async fn office_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let Some(admin) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    office(&viewer, &state, &admin, StatusCode::OK, Failed::default()).await
}

async fn office(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    status: StatusCode,
    failed: Failed,
) -> HttpResponse {
    let ctx = &state.ctx;
    let found = async {
        Ok::<_, AppError>((
            settlement::office(ctx, admin).await?,
            settlement::terms(ctx).await?,
            settlement::caps(ctx, admin).await?,
        ))
    }
    .await;
    match found {
        Ok((statements, terms, caps)) => viewer.render(
            state,
            status,
            "settlement_office.html",
            minijinja::context! {
                statements => minijinja::value::Serde(&statements),
                terms => minijinja::value::Serde(&terms),
                caps => minijinja::value::Serde(&caps),
                failed => minijinja::value::Serde(&failed),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// The finance office again after a form: back to the page, or the page with the refusal.
async fn after(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    result: Result<(), AppError>,
    form: String,
    typed: std::collections::BTreeMap<&'static str, String>,
) -> HttpResponse {
    match result {
        Ok(()) => Viewer::see_other("/admin/settlement"),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let failed = Failed {
                    form,
                    message: viewer.message_for(state, &e),
                    typed,
                };
                office(viewer, state, admin, status, failed).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TermsForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    rate: String,
    #[serde(default)]
    funding_source: String,
}

/// POST /admin/settlement/terms — administrators set the rate, currency and funding source.
pub async fn terms_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<TermsForm>,
) -> Page {
    let admin = viewer.require_user()?.clone();
    let result = settlement::set_terms(
        &state.ctx,
        &admin,
        &form.currency,
        &form.rate,
        &form.funding_source,
    )
    .await;
    let typed = [
        ("currency", form.currency.clone()),
        ("rate", form.rate.clone()),
        ("funding_source", form.funding_source.clone()),
    ]
    .into_iter()
    .collect();
    Ok(after(&viewer, &state, &admin, result, "terms".into(), typed).await)
}

#[derive(Debug, Default, Deserialize)]
pub struct CapForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    organization_id: String,
    #[serde(default)]
    cap: String,
}

/// POST /admin/settlement/caps — administrators set (or clear) a redeemer's cap per epoch.
pub async fn cap_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<CapForm>,
) -> Page {
    let admin = viewer.require_user()?.clone();
    let result = settlement::set_cap(&state.ctx, &admin, &form.organization_id, &form.cap).await;
    let typed = [("cap", form.cap.clone())].into_iter().collect();
    let which = format!("cap-{}", form.organization_id);
    Ok(after(&viewer, &state, &admin, result, which, typed).await)
}

#[derive(Debug, Default, Deserialize)]
pub struct PaidForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    payment_reference: String,
}

/// POST /admin/settlement/statements/{number}/paid — the finance office records a payment.
pub async fn paid_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<PaidForm>,
) -> Page {
    let admin = viewer.require_user()?.clone();
    let result = settlement::mark_paid(&state.ctx, &admin, &path, &form.payment_reference).await;
    let typed = [("payment_reference", form.payment_reference.clone())]
        .into_iter()
        .collect();
    let which = format!("paid-{}", path.as_str());
    Ok(after(&viewer, &state, &admin, result, which, typed).await)
}

crate::pages::csrf_forms!(CapForm, PaidForm, TermsForm);
