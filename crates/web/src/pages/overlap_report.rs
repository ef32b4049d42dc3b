//! The administrator's monthly overlap report: programs of different organizations that
//! duplicate each other, why, and how many residents each reached.

use super::catalog::overlap::explain;
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::web;
use chrono::NaiveDate;
use citysync_app::instance;
use citysync_app::overlap::{self, Program};
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/overlap", web::get().to(report_page));
}

#[derive(Debug, Default, Deserialize)]
pub struct MonthQuery {
    /// `YYYY-MM`; this month on the city's clocks when absent or unreadable.
    #[serde(default)]
    month: String,
}

#[derive(Serialize)]
struct PairView<'a> {
    first: &'a Program,
    second: &'a Program,
    score: u8,
    reasons: String,
}

fn month_of(input: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", input.trim()), "%Y-%m-%d").ok()
}

/// GET /admin/overlap?month=YYYY-MM — administrators.
pub async fn report_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<MonthQuery>,
) -> Page {
    let Some(admin) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    let today = match instance::get(&state.ctx).await {
        Ok(city) => city.local_time(state.ctx.now()).date(),
        Err(_) => state.ctx.now().date(),
    };
    let day = month_of(&query.month).unwrap_or(today);
    let report = overlap::monthly_report(&state.ctx, admin, day).await?;
    let pairs: Vec<PairView> = report
        .pairs
        .iter()
        .map(|p| PairView {
            first: &p.first,
            second: &p.second,
            score: p.score,
            reasons: explain(&viewer, &state, &p.explanation),
        })
        .collect();
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "admin_overlap.html",
        minijinja::context! {
            month => report.month.format("%Y-%m").to_string(),
            previous => report.previous.format("%Y-%m").to_string(),
            next => report.next.format("%Y-%m").to_string(),
            compared => report.compared,
            pairs => minijinja::value::Serde(pairs),
        },
    ))
}
