//! Redeemers' offerings through an app (`write:catalog`, for an organization's owners and
//! editors): an offering written or changed, its image, and the units committed for the
//! open epoch.

use crate::auth::{scoped, Scoped};
use crate::ledger::Offering;
use crate::Problem;
use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::uploads::UploadLimits;
use citysync_app::{organizations, AppError, Ctx};
use citysync_domain::OfferingId;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(offering_create, offering_update, offering_image_put, offering_commit))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/organizations/{handle}/offerings",
        web::post().to(offering_create),
    )
    .route("/offerings/{id}", web::put().to(offering_update))
    .route("/offerings/{id}/image", web::put().to(offering_image_put))
    .route("/offerings/{id}/commitment", web::put().to(offering_commit));
}

/// What a redeemer offers for CITY.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfferingContent {
    #[schema(min_length = 1, max_length = 120)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
    /// CITY in hundredths (350 = 3.50 CITY).
    #[schema(minimum = 1, maximum = 999999999)]
    pub price: i64,
    /// `food_drink`, `groceries`, `transit`, `culture`, `recreation`, `learning`, `services`
    /// or `other`.
    #[schema(
        pattern = "^(food_drink|groceries|transit|culture|recreation|learning|services|other)$"
    )]
    pub category: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub terms: String,
    /// Whether residents can reserve it.
    pub active: bool,
}

impl OfferingContent {
    fn input(self) -> OfferingInput {
        // The use case reads a price as a person types it: "3.50".
        let price = citysync_domain::ledger::Currency::City.format(self.price);
        OfferingInput {
            title: self.title,
            description: self.description,
            price,
            category: self.category,
            terms: self.terms,
            active: self.active,
        }
    }
}

async fn shown(ctx: &Ctx, id: &OfferingId) -> Result<Offering, AppError> {
    Ok(offerings::get(ctx, id).await?.into())
}

/// Offer something for CITY (the organization must be an approved redeemer).
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/offerings", tag = "redeeming",
    security(("oauth2" = ["write:catalog"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = OfferingContent,
    responses(
        (status = 201, body = Offering),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner or editor of an approved redeemer", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offering_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    handle: web::Path<String>,
    body: crate::extract::Json<OfferingContent>,
) -> Result<HttpResponse, Problem> {
    let org = organizations::by_handle(&ctx, &handle, Some(&bearer.user)).await?;
    let id =
        offerings::create(&ctx, &bearer.user, &org.id, body.into_inner().input(), None).await?;
    Ok(HttpResponse::Created().json(shown(&ctx, &id).await?))
}

/// Change an offering.
#[utoipa::path(put, path = "/api/v1/offerings/{id}", tag = "redeeming",
    security(("oauth2" = ["write:catalog"])),
    params(("id" = String, Path, description = "The offering's id")),
    request_body = OfferingContent,
    responses(
        (status = 200, body = Offering),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offering_update(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    id: web::Path<String>,
    body: crate::extract::Json<OfferingContent>,
) -> Result<HttpResponse, Problem> {
    let id: OfferingId = citysync_edge::path_id(&id)?;
    let current = offerings::get(&ctx, &id).await?;
    offerings::update(
        &ctx,
        &bearer.user,
        &current.id,
        body.into_inner().input(),
        None,
    )
    .await?;
    Ok(HttpResponse::Ok().json(shown(&ctx, &id).await?))
}

/// The multipart form of an offering's image.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct ImageForm {
    /// A JPEG, PNG or WebP image; its metadata is removed.
    #[schema(value_type = String, format = Binary)]
    pub image: String,
}

/// Replace an offering's image (`multipart/form-data`, field `image`).
#[utoipa::path(put, path = "/api/v1/offerings/{id}/image", tag = "redeeming",
    security(("oauth2" = ["write:catalog"])),
    params(("id" = String, Path, description = "The offering's id")),
    request_body(content = ImageForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, body = Offering),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offering_image_put(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    id: web::Path<String>,
    body: Multipart,
) -> Result<HttpResponse, Problem> {
    let limits = UploadLimits {
        file_field: "image",
        max_file_bytes: ctx.settings.photo_max_bytes,
        max_files: 1,
        long_text_field: "image",
    };
    let mut form = citysync_edge::read_upload(body, limits).await?;
    let image = form
        .files
        .pop()
        .ok_or_else(|| Problem::from(AppError::PhotoInvalid))?;
    let id: OfferingId = citysync_edge::path_id(&id)?;
    let current = offerings::get(&ctx, &id).await?;
    let input = OfferingContent {
        title: current.title,
        description: current.description,
        price: current.price,
        category: current.category,
        terms: current.terms,
        active: current.active,
    }
    .input();
    offerings::update(&ctx, &bearer.user, &id, input, Some(image)).await?;
    Ok(HttpResponse::Ok().json(shown(&ctx, &id).await?))
}

/// How many units the redeemer will honor in the open epoch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Commitment {
    #[schema(minimum = 0, maximum = 100000)]
    pub quantity: i64,
}

/// Commit units for the open epoch (never fewer than are already reserved or honored).
#[utoipa::path(put, path = "/api/v1/offerings/{id}/commitment", tag = "redeeming",
    security(("oauth2" = ["write:catalog"])),
    params(("id" = String, Path, description = "The offering's id")),
    request_body = Commitment,
    responses(
        (status = 200, body = Offering),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Below what is already taken", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offering_commit(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    id: web::Path<String>,
    body: crate::extract::Json<Commitment>,
) -> Result<HttpResponse, Problem> {
    let id: OfferingId = citysync_edge::path_id(&id)?;
    offerings::commit(&ctx, &bearer.user, &id, &body.quantity.to_string()).await?;
    Ok(HttpResponse::Ok().json(shown(&ctx, &id).await?))
}
