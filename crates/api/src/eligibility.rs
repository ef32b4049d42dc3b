//! What a resident still needs to claim an opportunity (issue 26): the template's
//! requirements she does not meet yet, and the waiver she accepts with her claim.

use crate::auth::{scoped, Scoped};
use crate::Problem;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::{eligibility, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(eligibility_show))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/opportunities/{id}/eligibility",
        web::get().to(eligibility_show),
    );
}

/// A waiver's current text.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Waiver {
    /// Send it as `accept_waiver` when claiming.
    pub version: i32,
    pub text: String,
}

/// What the caller still needs before claiming.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Eligibility {
    /// Requirements not met yet, as sentences in the `Accept-Language` language (the waiver
    /// is not among them: it is accepted with the claim).
    pub missing: Vec<String>,
    /// The waiver to accept with the claim, if the template has one.
    pub waiver: Option<Waiver>,
}

/// The requirements the caller does not meet yet for an opportunity, and its waiver.
#[utoipa::path(get, path = "/api/v1/opportunities/{id}/eligibility", tag = "work",
    security(("oauth2" = ["read"])),
    params(("id" = String, Path, description = "The opportunity's id")),
    responses(
        (status = 200, body = Eligibility),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn eligibility_show(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let locale = crate::problem::reader_locale(&req);
    let needs = eligibility::needs(&ctx, &bearer.user, &id, locale).await?;
    Ok(HttpResponse::Ok().json(Eligibility {
        missing: needs.missing,
        waiver: needs.waiver.map(|w| Waiver {
            version: w.version,
            text: w.body,
        }),
    }))
}
