//! The city's administrators through an app (`admin`): organizations waiting for approval
//! and the decision, and each issuer's CITY budget per epoch.

use crate::auth::{scoped, Scoped};
use crate::organizations::Organization;
use crate::reply::{self, Reply, IDEMPOTENCY_KEY};
use crate::Problem;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::ledger::epochs;
use citysync_app::{organizations, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(pending_index, organization_decide, budgets_index, budget_set))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/organizations/pending", web::get().to(pending_index))
        .route(
            "/organizations/{handle}/decision",
            web::post().to(organization_decide),
        )
        .route("/admin/budgets", web::get().to(budgets_index))
        .route("/organizations/{handle}/budget", web::put().to(budget_set));
}

/// Organizations waiting for an administrator's decision.
#[utoipa::path(get, path = "/api/v1/admin/organizations/pending", tag = "administration",
    security(("oauth2" = ["admin"])),
    responses((status = 200, body = Vec<Organization>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn pending_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
) -> Result<HttpResponse, Problem> {
    let list = organizations::pending(&ctx, &bearer.user).await?;
    let body: Vec<Organization> = list.into_iter().map(Organization::from).collect();
    Ok(HttpResponse::Ok().json(body))
}

/// An administrator's decision on an organization.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganizationDecision {
    pub approve: bool,
    /// Required when declining; shown to the applicants.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub reason: String,
}

/// Approve or decline an organization.
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/decision", tag = "administration",
    security(("oauth2" = ["admin"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = OrganizationDecision,
    responses(
        (status = 200, body = Organization),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organization_decide(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
    handle: web::Path<String>,
    body: crate::extract::Json<OrganizationDecision>,
) -> Result<HttpResponse, Problem> {
    let decision = body.into_inner();
    let fingerprint = serde_json::to_string(&decision).unwrap_or_default();
    reply::once(&req, &ctx, &bearer.user, &fingerprint, |ctx| {
        let bearer = &bearer;
        async move {
            let org = organizations::decide(
                &ctx,
                &bearer.user,
                &handle,
                decision.approve,
                &decision.reason,
            )
            .await?;
            Ok(Reply::json(StatusCode::OK, &Organization::from(org)))
        }
    })
    .await
}

/// An issuer's CITY budget: granted at every epoch start, and what is left this epoch.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Budget {
    pub organization: String,
    pub name: String,
    /// CITY hundredths granted per epoch.
    pub amount: i64,
    /// Granted in the open epoch so far.
    pub granted: i64,
    /// Still available to award in the open epoch.
    pub remaining: i64,
}

fn budgets_of(lines: Vec<epochs::BudgetLine>) -> Vec<Budget> {
    lines
        .into_iter()
        .map(|b| Budget {
            organization: b.handle,
            name: b.name,
            amount: b.amount,
            granted: b.granted,
            remaining: b.remaining,
        })
        .collect()
}

/// Every issuer's budget in the open epoch.
#[utoipa::path(get, path = "/api/v1/admin/budgets", tag = "administration",
    security(("oauth2" = ["admin"])),
    responses((status = 200, body = Vec<Budget>), (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn budgets_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
) -> Result<HttpResponse, Problem> {
    let lines = epochs::budgets(&ctx, &bearer.user).await?;
    Ok(HttpResponse::Ok().json(budgets_of(lines)))
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewBudget {
    /// CITY hundredths per epoch (10000 = 100.00 CITY); 0 for none.
    #[schema(minimum = 0, maximum = 999999999)]
    pub amount: i64,
}

/// Set an issuer's budget per epoch; the open epoch's grant changes with it. It moves
/// credit: send an `Idempotency-Key` so a retry changes nothing twice.
#[utoipa::path(put, path = "/api/v1/organizations/{handle}/budget", tag = "administration",
    security(("oauth2" = ["admin"])),
    params(
        ("handle" = String, Path, description = "The issuer's handle"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters"),
    ),
    request_body = NewBudget,
    responses(
        (status = 200, body = Vec<Budget>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn budget_set(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
    handle: web::Path<String>,
    body: crate::extract::Json<NewBudget>,
) -> Result<HttpResponse, Problem> {
    let amount = body.amount;
    let fingerprint = amount.to_string();
    // The ledger keeps its own operation key: the client's, or a fresh one per request.
    let key = req
        .headers()
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    reply::once(&req, &ctx, &bearer.user, &fingerprint, |ctx| {
        let bearer = &bearer;
        async move {
            let org = organizations::by_handle(&ctx, &handle, Some(&bearer.user)).await?;
            // The use case reads an amount as a person types it ("100.00"); a negative one is
            // refused there.
            let text = citysync_domain::ledger::Currency::City.format(amount);
            epochs::set_budget(&ctx, &bearer.user, &org.id, &text, &key).await?;
            let lines = epochs::budgets(&ctx, &bearer.user).await?;
            Ok(Reply::json(StatusCode::OK, &budgets_of(lines)))
        }
    })
    .await
}
