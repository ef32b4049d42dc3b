//! The service-hours record's doors that need the organizations' attestation keys, which
//! only the federation crate holds (`docs/protocol.md`): the signed bundle a resident
//! downloads (`/me/hours.json`), the page that verifies an uploaded record
//! (`/attestations/verify`), and `citysync attestation verify FILE`, which checks a record
//! offline (no database, no network).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::hours;
use citysync_federation::hours_record::{self, Failure, Verified};
use citysync_i18n::ArgValue;
use citysync_web::pages::hours::PeriodQuery;
use citysync_web::viewer::Viewer;
use citysync_web::WebState;
use futures_util::StreamExt;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// Registered before the federation routes: `/attestations/verify` would otherwise be read
/// as the attestation of a contribution called `verify`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/hours.json", web::get().to(bundle))
        .route("/attestations/verify", web::get().to(verify_page))
        .route("/attestations/verify", web::post().to(verify_upload));
}

/// GET /me/hours.json?from=…&until=… — signed in: the signed record, as a download.
pub async fn bundle(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<PeriodQuery>,
) -> HttpResponse {
    let Some(user) = viewer.user.as_ref() else {
        return viewer.sign_in_first();
    };
    let ctx = &state.ctx;
    let period = match hours::today(ctx).await {
        Ok(today) => hours::period(&query.from, &query.until, today),
        Err(e) => Err(e),
    };
    let (from, until) = match period {
        Ok(p) => p,
        Err(e) => return viewer.error_page(&state, &e),
    };
    match hours_record::bundle(ctx, user, from, until).await {
        Ok(document) => {
            let name = format!("service-hours-{}-{from}-{until}.json", user.username);
            HttpResponse::Ok()
                .content_type("application/json")
                .insert_header((
                    "Content-Disposition",
                    format!("attachment; filename=\"{name}\""),
                ))
                .body(serde_json::to_string_pretty(&document).unwrap_or_default())
        }
        Err(citysync_federation::FedError::App(e)) => viewer.error_page(&state, &e),
        Err(e) => {
            tracing::error!(error = %e, "service-hours record failed");
            viewer.error_page(&state, &citysync_app::AppError::internal(e))
        }
    }
}

/// What the page says about an uploaded record.
#[derive(Serialize, Default)]
struct Outcome {
    ok: Option<String>,
    summary: Option<String>,
    key: Option<String>,
    failed: Option<String>,
}

/// GET /attestations/verify — the upload form.
pub async fn verify_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    render(&viewer, &state, StatusCode::OK, Outcome::default())
}

fn render(viewer: &Viewer, state: &WebState, status: StatusCode, outcome: Outcome) -> HttpResponse {
    viewer.render(
        state,
        status,
        "attestation_verify.html",
        serde_json::json!({ "outcome": outcome }),
    )
}

/// POST /attestations/verify — multipart: `csrf_token` and `file`. Nothing is stored.
pub async fn verify_upload(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    mut body: Multipart,
) -> HttpResponse {
    let mut token = String::new();
    let mut file: Vec<u8> = Vec::new();
    while let Some(Ok(mut field)) = body.next().await {
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let Ok(chunk) = chunk else {
                return viewer.error_page(&state, &citysync_app::AppError::Forbidden);
            };
            if bytes.len() + chunk.len() > hours_record::MAX_BYTES {
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf_token" => token = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => file = bytes,
            _ => {}
        }
    }
    if !viewer.csrf_ok(&req, &state, &token) {
        return viewer.error_page(&state, &citysync_app::AppError::Forbidden);
    }
    let i18n = &state.ctx.i18n;
    let locale = viewer.locale;
    if file.is_empty() {
        let failed = Some(viewer.t(&state, "attestation-verify-no-file"));
        return render(
            &viewer,
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            Outcome {
                failed,
                ..Outcome::default()
            },
        );
    }
    match hours_record::verify(&file) {
        Ok(v) => {
            let summary = i18n.message(locale, "attestation-verify-summary", &summary_args(&v));
            let key = i18n.message(
                locale,
                "attestation-verify-key",
                &[
                    ("key", ArgValue::from(v.city_key.clone())),
                    ("url", ArgValue::from(v.city_url.clone())),
                ],
            );
            render(
                &viewer,
                &state,
                StatusCode::OK,
                Outcome {
                    ok: Some(viewer.t(&state, "attestation-verify-ok")),
                    summary: Some(summary),
                    key: Some(key),
                    failed: None,
                },
            )
        }
        Err(failure) => {
            let reason = explain(&viewer, &state, &failure);
            let failed = i18n.message(
                locale,
                "attestation-verify-failed",
                &[("reason", ArgValue::from(reason))],
            );
            render(
                &viewer,
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                Outcome {
                    failed: Some(failed),
                    ..Outcome::default()
                },
            )
        }
    }
}

fn summary_args(v: &Verified) -> Vec<(&'static str, ArgValue)> {
    vec![
        ("city", ArgValue::from(v.city.clone())),
        ("hours", ArgValue::from(v.total_hours)),
        ("resident", ArgValue::from(v.resident.clone())),
        ("from", ArgValue::from(v.from.clone())),
        ("until", ArgValue::from(v.until.clone())),
        ("entries", ArgValue::from(v.entries)),
    ]
}

/// A failure in the reader's language.
fn explain(viewer: &Viewer, state: &WebState, failure: &Failure) -> String {
    let i18n = &state.ctx.i18n;
    let problem = i18n.message(
        viewer.locale,
        failure.problem.code(),
        &[("detail", ArgValue::from(failure.problem.detail()))],
    );
    match &failure.entry {
        Some((n, date, organization)) => i18n.message(
            viewer.locale,
            "attestation-problem-entry",
            &[
                ("index", ArgValue::from(*n)),
                ("date", ArgValue::from(date.clone())),
                ("organization", ArgValue::from(organization.clone())),
                ("problem", ArgValue::from(problem)),
            ],
        ),
        None => problem,
    }
}

/// `citysync attestation verify FILE`: prints what the record certifies and exits 0, or
/// which entry fails and exits 1.
pub fn verify_command(file: &Path) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("reading {}: {e}", file.display()))?;
    match hours_record::verify(&bytes) {
        Ok(v) => {
            println!("service-hours record verified: every signature holds");
            println!("city: {} ({})", v.city, v.city_url);
            println!("resident: {}", v.resident);
            println!("period: {} to {}", v.from, v.until);
            println!(
                "contributions: {}; total hours: {} ({} minutes)",
                v.entries, v.total_hours, v.total_minutes
            );
            println!(
                "signed with the city key {}: compare it with the key the city publishes",
                v.city_key
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            println!("SERVICE-HOURS RECORD VERIFICATION FAILED");
            println!("{failure}");
            Ok(ExitCode::FAILURE)
        }
    }
}
