//! `/api/v1` routes present from the foundation: who am I, and which city is this.

use crate::{Bearer, Problem};
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::{instance, Ctx};
use citysync_domain::Scope;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    crate::oauth::configure(cfg);
    cfg.service(
        web::scope("/api/v1")
            .app_data(web::JsonConfig::default().limit(64 * 1024))
            .route("/me", web::get().to(me_show))
            .route("/instance", web::get().to(instance_show))
            .route("/apps", web::post().to(crate::oauth::register_app))
            .default_service(web::to(not_found)),
    );
}

#[derive(Debug, Serialize)]
pub struct MeResponse {
    pub id: String,
    pub username: String,
    pub is_admin: bool,
    pub verified: bool,
    pub locale: Option<String>,
    pub scopes: Vec<String>,
}

/// GET /api/v1/me — scope `read`: the account behind the token.
pub async fn me_show(req: HttpRequest, bearer: Bearer) -> Result<HttpResponse, Problem> {
    bearer.require(Scope::Read, &req)?;
    Ok(HttpResponse::Ok().json(MeResponse {
        id: bearer.user.id.to_string(),
        username: bearer.user.username.to_string(),
        is_admin: bearer.user.is_admin,
        verified: bearer.user.verified,
        locale: bearer.user.locale.map(|l| l.code().to_owned()),
        scopes: bearer.scopes.iter().map(|s| s.to_string()).collect(),
    }))
}

#[derive(Debug, Serialize)]
pub struct InstanceResponse {
    pub name: String,
    pub region: Option<String>,
    pub default_locale: String,
    pub timezone: String,
    pub software: &'static str,
    pub version: &'static str,
}

/// GET /api/v1/instance — public: which city this is.
pub async fn instance_show(req: HttpRequest, ctx: web::Data<Ctx>) -> Result<HttpResponse, Problem> {
    let city = instance::get(&ctx)
        .await
        .map_err(|e| Problem::from_app(&e, &req))?;
    Ok(HttpResponse::Ok().json(InstanceResponse {
        name: city.display_name().to_owned(),
        region: city.region,
        default_locale: city.default_locale.code().to_owned(),
        timezone: city.timezone,
        software: "citysync",
        version: env!("CARGO_PKG_VERSION"),
    }))
}

async fn not_found(req: HttpRequest) -> HttpResponse {
    actix_web::ResponseError::error_response(&Problem::from_app(
        &citysync_app::AppError::NotFound,
        &req,
    ))
}
