//! A resident's service-hours record (issue 26): `/me/hours?from=…&until=…`, a printable page
//! of her verified contributions in a period of the city's calendar with their hours and
//! total, a QR code to the page that verifies records, and the link to the signed bundle
//! (`/me/hours.json`, served by the server, which holds the attestation keys).

use crate::errors::Page;
use crate::viewer::Viewer;
use crate::{qr, WebState};
use actix_web::http::StatusCode;
use actix_web::web;
use citysync_app::hours;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/hours", web::get().to(hours_page));
}

/// The period as typed (`YYYY-MM-DD`, both optional).
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub until: String,
}

#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    entry: &'a hours::HoursEntry,
    source: &'static str,
}

/// GET /me/hours — signed in: the record of the period (by default, this year so far).
pub async fn hours_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<PeriodQuery>,
) -> Page {
    let Some(user) = viewer.user.as_ref() else {
        return Ok(viewer.sign_in_first());
    };
    let ctx = &state.ctx;
    let today = hours::today(ctx).await?;
    let (period, status, error) = match hours::period(&query.from, &query.until, today) {
        Ok(p) => (p, StatusCode::OK, None),
        Err(_) => (
            (today, today),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(viewer.t(&state, "hours-period-invalid")),
        ),
    };
    let record = hours::record(ctx, user, period.0, period.1).await?;
    let lines: Vec<Line> = record
        .entries
        .iter()
        .map(|entry| Line {
            entry,
            source: entry.source.as_str(),
        })
        .collect();
    let verify_url = ctx.settings.url("/attestations/verify");
    let query = format!("from={}&until={}", record.from, record.until);
    Ok(viewer.render(
        &state,
        status,
        "hours.html",
        minijinja::context! {
            record => minijinja::value::Serde(&record),
            lines => minijinja::value::Serde(&lines),
            query => query,
            verify_url => verify_url.clone(),
            qr => qr::svg(&verify_url, &viewer.t(&state, "hours-qr-title")),
            error => error,
        },
    ))
}
