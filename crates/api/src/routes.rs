//! `/api/v1`: the routes of every area, and the two present from the foundation: who am I,
//! and which city is this.

use crate::auth::{scoped, Scoped};
use crate::Problem;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::{instance, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(me_show, instance_show))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    crate::oauth::configure(cfg);
    let known = crate::methods::KnownPaths::from_document(&crate::openapi::document());
    cfg.service(
        web::scope("/api/v1")
            .app_data(web::Data::new(known))
            .wrap(actix_web::middleware::from_fn(crate::time::on_city_clock))
            .wrap(actix_web::middleware::from_fn(crate::problem::answering))
            .app_data(crate::problem::json_config())
            .app_data(crate::problem::query_config())
            .app_data(crate::problem::path_config())
            .app_data(crate::problem::form_config())
            .route("/me", web::get().to(me_show))
            .route("/instance", web::get().to(instance_show))
            .route("/apps", web::post().to(crate::oauth::register_app))
            .route("/apps", web::delete().to(crate::oauth::delete_app))
            .route("/openapi.json", web::get().to(crate::openapi::openapi_json))
            .route("/docs", web::get().to(crate::openapi::docs_page))
            .configure(crate::catalog::configure)
            .configure(crate::organizations::configure)
            .configure(crate::work::configure)
            .configure(crate::eligibility::configure)
            .configure(crate::ledger::configure)
            .configure(crate::governance::configure)
            .configure(crate::stats::configure)
            .configure(crate::catalog::issuing::configure)
            .configure(crate::offerings::configure)
            .configure(crate::membership::configure)
            .configure(crate::administration::configure)
            .default_service(web::to(not_found)),
    );
}

/// The account behind a token.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeResponse {
    pub id: String,
    pub username: String,
    pub is_admin: bool,
    pub verified: bool,
    pub locale: Option<String>,
    pub scopes: Vec<String>,
}

/// The account the token acts for.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("oauth2" = ["read"])),
    responses(
        (status = 200, body = MeResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me_show(bearer: Scoped<scoped::Read>) -> Result<HttpResponse, Problem> {
    Ok(HttpResponse::Ok().json(MeResponse {
        id: bearer.user.id.to_string(),
        username: bearer.user.username.to_string(),
        is_admin: bearer.user.is_admin,
        verified: bearer.user.verified,
        locale: bearer.user.locale.map(|l| l.code().to_owned()),
        scopes: bearer.scopes.iter().map(|s| s.to_string()).collect(),
    }))
}

/// Which city this is.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InstanceResponse {
    pub name: String,
    pub region: Option<String>,
    pub default_locale: String,
    pub timezone: String,
    pub software: String,
    pub version: String,
}

/// Which city this is: its name, region, language and time zone.
#[utoipa::path(get, path = "/api/v1/instance", tag = "accounts",
    responses((status = 200, body = InstanceResponse)))]
pub async fn instance_show(
    ctx: web::Data<Ctx>,
    _reader: crate::Reader,
) -> Result<HttpResponse, Problem> {
    let city = instance::get(&ctx).await?;
    Ok(HttpResponse::Ok().json(InstanceResponse {
        name: city.display_name().to_owned(),
        region: city.region,
        default_locale: city.default_locale.code().to_owned(),
        timezone: city.timezone,
        software: "citysync".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

/// No route took the request: `405` with `Allow` when the path is one of the API's and
/// only the method is wrong (TRACE, PATCH, …), else `404`. Both as problem+json.
async fn not_found(req: HttpRequest) -> HttpResponse {
    let allowed = req
        .app_data::<web::Data<crate::methods::KnownPaths>>()
        .map(|known| known.allowed(req.path()))
        .unwrap_or_default();
    if !allowed.is_empty() && !allowed.contains(&req.method().as_str()) {
        let problem = Problem::new("error-method-not-allowed", 405, &[], &req, None);
        let mut resp = actix_web::ResponseError::error_response(&problem);
        if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&allowed.join(", ")) {
            resp.headers_mut()
                .insert(actix_web::http::header::ALLOW, value);
        }
        return resp;
    }
    actix_web::ResponseError::error_response(&Problem::from_app(
        &citysync_app::AppError::NotFound,
        &req,
    ))
}
