//! At the redeemer's counter (its cashiers, with the `redeem` scope): a reservation looked
//! up by its short code or QR token, confirmed (the escrowed CITY burned exactly once), and
//! the counter's recent confirmations.

use super::{redemptions_of, Redemption};
use crate::auth::{scoped, Scoped};
use crate::reply::{self, Reply};
use crate::Problem;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::redemptions::{self, Presented};
use citysync_app::{organizations, AppError, Ctx, User};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/organizations/{handle}/redemptions/lookup",
        web::post().to(redemption_lookup),
    )
    .route(
        "/organizations/{handle}/redemptions/{id}/confirm",
        web::post().to(redemption_confirm),
    )
    .route(
        "/organizations/{handle}/redemptions",
        web::get().to(redemptions_index),
    );
}

/// What the resident shows the cashier: the typed short code, or the scanned QR token.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Presentation {
    /// The short code, `ABCD-1234` (the dash and case do not matter).
    pub code: Option<String>,
    /// The QR code's token; wins over `code` when both are given.
    pub token: Option<String>,
}

/// The organization of `handle` as `user` may see it.
async fn counter(
    ctx: &Ctx,
    user: &User,
    handle: &str,
) -> Result<organizations::Organization, AppError> {
    organizations::by_handle(ctx, handle, Some(user)).await
}

/// Look a reservation up at the redeemer's counter (its cashiers), with every check that
/// changes nothing: the token's signature and time, the redeemer, the state.
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/redemptions/lookup", tag = "counter",
    security(("oauth2" = ["redeem"])),
    params(("handle" = String, Path, description = "The redeemer's handle")),
    request_body = Presentation,
    responses(
        (status = 200, description = "The reservation, ready to confirm", body = Redemption),
        (status = 400, description = "Neither code nor token, or a malformed one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a cashier of this organization", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No reservation has this code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another redeemer's, used, cancelled or expired", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn redemption_lookup(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Redeem>,
    handle: web::Path<String>,
    body: crate::extract::Json<Presentation>,
) -> Result<HttpResponse, Problem> {
    let body = body.into_inner();
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let presented = match (non_empty(body.token), non_empty(body.code)) {
        (Some(token), _) => Presented::Token(token),
        (None, Some(code)) => Presented::Code(code),
        (None, None) => return Err(AppError::from(DomainError::Required("code")).into()),
    };
    let org = counter(&ctx, &bearer.user, &handle).await?;
    let r = redemptions::look_up(&ctx, &bearer.user, &org.id, presented).await?;
    Ok(HttpResponse::Ok().json(Redemption::from(r)))
}

/// Confirm a reservation at the counter (its redeemer's cashiers): the escrowed CITY is
/// burned, exactly once. With an `Idempotency-Key` a retry gets the first answer again;
/// any other second confirmation is refused.
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/redemptions/{id}/confirm", tag = "counter",
    security(("oauth2" = ["redeem"])),
    params(
        ("handle" = String, Path, description = "The redeemer's handle"),
        ("id" = String, Path, description = "The reservation's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once"),
    ),
    responses(
        (status = 200, description = "The honored redemption", body = Redemption),
        (status = 403, description = "Not a cashier of this organization", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another redeemer's, used, cancelled or expired, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn redemption_confirm(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Redeem>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, Problem> {
    let (handle, id) = path.into_inner();
    reply::once(&req, &ctx, &bearer.user, "", |ctx| {
        let bearer = &bearer;
        async move {
            let org = counter(&ctx, &bearer.user, &handle).await?;
            let id = citysync_edge::path_id(&id)?;
            let r = redemptions::honor(&ctx, &bearer.user, &org.id, &id).await?;
            Ok(Reply::json(StatusCode::OK, &Redemption::from(r)))
        }
    })
    .await
}

/// The counter's recent confirmations, newest first (its cashiers).
#[utoipa::path(get, path = "/api/v1/organizations/{handle}/redemptions", tag = "counter",
    security(("oauth2" = ["redeem"])),
    params(("handle" = String, Path, description = "The redeemer's handle")),
    responses(
        (status = 200, body = Vec<Redemption>),
        (status = 403, description = "Not a cashier of this organization", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn redemptions_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Redeem>,
    handle: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let org = counter(&ctx, &bearer.user, &handle).await?;
    let list = redemptions::honored_at(&ctx, &bearer.user, &org.id).await?;
    Ok(HttpResponse::Ok().json(redemptions_of(list)))
}
