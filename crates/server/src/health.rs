//! Liveness and readiness. `/livez` answers while the process runs (no database); `/readyz`
//! answers 200 only when the database answers and its schema is exactly this binary's
//! (no pending migrations, none unknown). `/healthz` stays as it was: the database answers.

use actix_web::{web, HttpResponse};
use citysync_app::Ctx;
use serde_json::json;
use std::time::Duration;

/// GET /livez — 200 while the process serves; no database query.
pub async fn livez() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// GET /healthz — 200 when the database answers, 503 when it does not.
pub async fn healthz(ctx: web::Data<Ctx>) -> HttpResponse {
    match tokio::time::timeout(
        Duration::from_secs(3),
        citysync_app::operations::database_answers(&ctx),
    )
    .await
    {
        Ok(Ok(())) => HttpResponse::Ok().json(json!({ "status": "ok", "database": "ok" })),
        Ok(Err(e)) => {
            tracing::warn!(error = ?e, "health check: database unreachable");
            HttpResponse::ServiceUnavailable()
                .json(json!({ "status": "unavailable", "database": "unreachable" }))
        }
        Err(_) => HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "database": "timeout" })),
    }
}

/// GET /readyz — 200 when the database answers and the schema is current; 503 otherwise,
/// naming what is wrong.
pub async fn readyz(ctx: web::Data<Ctx>) -> HttpResponse {
    let unavailable = |database: &str, schema: &str| {
        HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "database": database, "schema": schema }))
    };
    match tokio::time::timeout(
        Duration::from_secs(3),
        citysync_app::operations::schema_status(&ctx),
    )
    .await
    {
        Ok(Ok(s)) if s.is_current() => HttpResponse::Ok()
            .json(json!({ "status": "ok", "database": "ok", "schema": "current" })),
        Ok(Ok(s)) if !s.unknown.is_empty() => unavailable("ok", "newer than this binary"),
        Ok(Ok(_)) => unavailable("ok", "migrations pending"),
        Ok(Err(e)) => {
            tracing::warn!(error = ?e, "readiness: database unreachable");
            unavailable("unreachable", "unknown")
        }
        Err(_) => unavailable("timeout", "unknown"),
    }
}

/// The routes every role serves.
pub fn configure(cfg: &mut web::ServiceConfig, metrics_enabled: bool) {
    cfg.route("/livez", web::get().to(livez))
        .route("/readyz", web::get().to(readyz))
        .route("/healthz", web::get().to(healthz));
    if metrics_enabled {
        cfg.route("/metrics", web::get().to(crate::metrics::metrics));
    }
}
