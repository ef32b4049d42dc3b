//! The administrators' monthly integrity report (issue 25): verifiers' approval rates for a
//! month of the city's calendar, residents at their caps in the open epoch, and the same proof
//! photo sent on different claims. Every time is on the city's clock.

use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use citysync_app::integrity::{self, CapKind, IntegrityReport, PhotoSide};
use citysync_app::{catalog, AppError};
use citysync_i18n::Moment;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/integrity", web::get().to(integrity_page));
}

/// The month picker: `YYYY-MM` (the current month when absent).
#[derive(Debug, Default, Deserialize)]
pub struct MonthQuery {
    #[serde(default)]
    month: String,
}

#[derive(Serialize)]
struct VerifierView {
    username: String,
    approved: i64,
    decided: i64,
    rate_text: String,
}

#[derive(Serialize)]
struct CapView {
    username: String,
    /// Which cap, in words.
    cap_text: String,
    earned_text: String,
    cap_amount_text: String,
}

#[derive(Serialize)]
struct SideView {
    photo_id: String,
    claim_id: String,
    claimant: String,
    stored_text: String,
}

#[derive(Serialize)]
struct PairView {
    first: SideView,
    second: SideView,
    distance: u32,
    same_resident: bool,
}

/// GET /admin/integrity?month=YYYY-MM — administrators only.
pub async fn integrity_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<MonthQuery>,
) -> Page {
    let Some(admin) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match integrity::report(&state.ctx, admin, &query.month).await {
        Ok(report) => match render(&viewer, &state, &report).await {
            Ok(resp) => Ok(resp),
            Err(e) => Err(e.into()),
        },
        Err(e) => Err(e.into()),
    }
}

async fn render(
    viewer: &Viewer,
    state: &WebState,
    report: &IntegrityReport,
) -> Result<HttpResponse, AppError> {
    let tax = catalog::taxonomy(&state.ctx).await?;
    let i18n = &state.ctx.i18n;
    let at = |t: NaiveDateTime| viewer.moment(state, t, Moment::DateTime);
    let day = |t: NaiveDateTime| viewer.moment(state, t, Moment::Date);
    // The last day a period covers: its end is the next period's first instant.
    let last_day = |t: NaiveDateTime| day(t - chrono::Duration::seconds(1));
    let verifiers: Vec<VerifierView> = report
        .verifiers
        .iter()
        .map(|v| VerifierView {
            username: v.username.clone(),
            approved: v.approved,
            decided: v.decided,
            rate_text: citysync_i18n::percent(viewer.locale, v.rate_per_mille as f64 / 10.0),
        })
        .collect();
    let at_cap: Vec<CapView> = report
        .at_cap
        .iter()
        .map(|c| {
            let cap_text = match (c.kind, &c.category) {
                (CapKind::City, _) => viewer.t(state, "integrity-cap-city"),
                (CapKind::Vote, _) => viewer.t(state, "integrity-cap-vote"),
                (CapKind::CityCategory, category) => i18n.message(
                    viewer.locale,
                    "integrity-cap-city-category",
                    &[(
                        "category",
                        citysync_i18n::ArgValue::from(tax.category_name(
                            i18n,
                            viewer.locale,
                            category.as_deref().unwrap_or_default(),
                        )),
                    )],
                ),
            };
            let amount =
                |minor: i64| format!("{} {}", c.currency.format(minor), c.currency.as_str());
            CapView {
                username: c.username.clone(),
                cap_text,
                earned_text: amount(c.earned),
                cap_amount_text: amount(c.cap),
            }
        })
        .collect();
    let side = |s: &PhotoSide| SideView {
        photo_id: s.photo_id.clone(),
        claim_id: s.claim_id.clone(),
        claimant: s.claimant.clone(),
        stored_text: at(s.stored_at),
    };
    let pairs: Vec<PairView> = report
        .same_photos
        .iter()
        .map(|p| PairView {
            first: side(&p.first),
            second: side(&p.second),
            distance: p.distance,
            same_resident: p.same_resident,
        })
        .collect();
    Ok(viewer.render(
        state,
        StatusCode::OK,
        "admin_integrity.html",
        minijinja::context! {
            month => report.month.as_str(),
            previous => report.previous.as_str(),
            next => report.next.as_deref(),
            from_text => day(report.starts_at),
            to_text => last_day(report.ends_at),
            zone_label => viewer.zone_label(state),
            verifiers => minijinja::value::Serde(&verifiers),
            epoch => report.epoch,
            epoch_from_text => day(report.epoch_starts_at),
            epoch_to_text => last_day(report.epoch_ends_at),
            at_cap => minijinja::value::Serde(&at_cap),
            pairs => minijinja::value::Serde(&pairs),
            max_distance => citysync_domain::integrity::SAME_PHOTO_MAX_DISTANCE,
        },
    ))
}
