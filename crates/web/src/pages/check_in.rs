//! Self check-in (issue 26): an opportunity's printable poster with its QR code (for its
//! organization's editors, who also set the distance rule there), the page the QR code
//! opens for the resident on site (check in, check out; a small script adds the phone's
//! position when the organization asks for one), and the verifiers' list of check-ins,
//! confirmed in bulk.

use super::poster as form_author;
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::{qr, WebState};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::claims::check_in::{self, CheckInError, Refusal, Step};
use citysync_app::hours::hours_of;
use citysync_app::AppError;
use citysync_domain::work::GeoPoint;
use citysync_i18n::moments::Moment;
use citysync_i18n::ArgValue;
use serde::{Deserialize, Serialize};

/// The position script (`templates/static/check-in.js`).
static CHECK_IN_SCRIPT: &str = include_str!("../../../../templates/static/check-in.js");
/// The poster's and the hours record's print styles (`templates/static/print.css`).
static PRINT_CSS: &str = include_str!("../../../../templates/static/print.css");

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/check-in.js", web::get().to(script))
        .route("/static/print.css", web::get().to(print_css))
        .route("/opportunities/{id}/poster", web::get().to(poster_page))
        .route(
            "/opportunities/{id}/poster/distance",
            web::post().to(distance_submit),
        )
        .route(
            "/opportunities/{id}/check-ins",
            web::get().to(check_ins_page),
        )
        .route(
            "/opportunities/{id}/check-ins",
            web::post().to(confirm_submit),
        )
        .route("/check-in/{token}", web::get().to(check_in_page))
        .route("/check-in/{token}", web::post().to(check_in_submit));
}

/// GET /static/check-in.js
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/javascript; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(CHECK_IN_SCRIPT)
}

/// GET /static/print.css
pub async fn print_css() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(PRINT_CSS)
}

/// GET /opportunities/{id}/poster — for the organization's editors: the A4 poster with the
/// check-in QR code, and the distance rule.
pub async fn poster_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> HttpResponse {
    render_poster(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        None,
        query.saved.is_some(),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn render_poster(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    error: Option<String>,
    saved: bool,
) -> HttpResponse {
    let Some(user) = viewer.user.as_ref() else {
        return viewer.sign_in_first();
    };
    let poster = match check_in::poster(&state.ctx, user, id).await {
        Ok(p) => p,
        Err(e) => return viewer.error_page(state, &e),
    };
    let title = state.ctx.i18n.message(
        viewer.locale,
        "check-in-qr-title",
        &[("title", ArgValue::from(poster.opportunity.title.clone()))],
    );
    let window = check_in::window_of(&poster.opportunity, state.ctx.settings.check_in);
    viewer.render(
        state,
        status,
        "poster.html",
        minijinja::context! {
            poster => minijinja::value::Serde(&poster),
            qr => qr::svg(&poster.url, &title),
            opens => viewer.moment(state, window.0, Moment::DateTime),
            closes => viewer.moment(state, window.1, Moment::DateTime),
            starts => viewer.moment(state, poster.opportunity.starts_at, Moment::DateTime),
            error => error,
            saved => saved,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct DistanceForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    max_meters: String,
}

/// POST /opportunities/{id}/poster/distance — an empty value removes the rule.
pub async fn distance_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<DistanceForm>,
) -> Page {
    let user = form_author(&req, &viewer, &state, &form.csrf_token)?.clone();
    let typed = form.max_meters.trim();
    let max = if typed.is_empty() {
        None
    } else {
        match typed.parse::<i32>() {
            Ok(m)
                if (check_in::MIN_DISTANCE_METERS..=check_in::MAX_DISTANCE_METERS).contains(&m) =>
            {
                Some(m)
            }
            _ => {
                let message = state.ctx.i18n.message(
                    viewer.locale,
                    "check-in-distance-invalid",
                    &[
                        (
                            "min",
                            ArgValue::from(i64::from(check_in::MIN_DISTANCE_METERS)),
                        ),
                        (
                            "max",
                            ArgValue::from(i64::from(check_in::MAX_DISTANCE_METERS)),
                        ),
                    ],
                );
                return Ok(render_poster(
                    &viewer,
                    &state,
                    &path,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Some(message),
                    false,
                )
                .await);
            }
        }
    };
    check_in::set_max_distance(&state.ctx, &user, &path, max).await?;
    Ok(Viewer::see_other(&format!(
        "/opportunities/{}/poster?saved=1",
        path.as_str()
    )))
}

#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

/// GET /check-in/{token} — what the poster's QR code opens: sign in first (and come back),
/// then check in or out.
pub async fn check_in_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    if viewer.user.is_none() {
        return viewer.sign_in_first();
    }
    let done = match query.done.as_deref() {
        Some("in") => Some(viewer.t(&state, "check-in-done-in")),
        Some("out") => Some(viewer.t(&state, "check-in-done-out")),
        _ => None,
    };
    render_check_in(&viewer, &state, &path, StatusCode::OK, None, done).await
}

/// The check-in page as the resident sees it, with a refusal or a confirmation.
#[derive(Serialize)]
struct ClaimTimes {
    checked_in: Option<String>,
    checked_out: Option<String>,
    hours: Option<f64>,
}

async fn render_check_in(
    viewer: &Viewer,
    state: &WebState,
    token: &str,
    status: StatusCode,
    refusal: Option<String>,
    done: Option<String>,
) -> HttpResponse {
    let page = match check_in::page(&state.ctx, viewer.user.as_ref(), token).await {
        Ok(p) => p,
        Err(e) => return viewer.error_page(state, &e),
    };
    let times = page.claim.as_ref().map(|c| ClaimTimes {
        checked_in: c
            .checked_in_at
            .map(|at| viewer.moment(state, at, Moment::DateTime)),
        checked_out: c
            .checked_out_at
            .map(|at| viewer.moment(state, at, Moment::DateTime)),
        hours: check_in::worked_minutes(c.checked_in_at, c.checked_out_at).map(hours_of),
    });
    viewer.render(
        state,
        status,
        "check_in.html",
        minijinja::context! {
            page => minijinja::value::Serde(&page),
            token => token,
            times => minijinja::value::Serde(&times),
            opens => viewer.moment(state, page.opens_at, Moment::DateTime),
            closes => viewer.moment(state, page.closes_at, Moment::DateTime),
            refusal => refusal,
            done => done,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    step: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
}

/// POST /check-in/{token} — check in or out; a refusal shows the page again with its
/// reason and changes nothing.
pub async fn check_in_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<CheckInForm>,
) -> Page {
    let user = match form_author(&req, &viewer, &state, &form.csrf_token) {
        Ok(u) => u.clone(),
        Err(AppError::Unauthenticated) => return Ok(viewer.sign_in_first()),
        Err(e) => return Err(e.into()),
    };
    let step = match form.step.as_str() {
        "out" => Step::Out,
        _ => Step::In,
    };
    let position = match (
        form.latitude.trim().parse::<f64>(),
        form.longitude.trim().parse::<f64>(),
    ) {
        (Ok(lat), Ok(lon)) => GeoPoint::new(lat, lon).ok(),
        _ => None,
    };
    match check_in::check(&state.ctx, &user, &path, step, position).await {
        Ok(_) => {
            let done = if step == Step::In { "in" } else { "out" };
            Ok(Viewer::see_other(&format!(
                "/check-in/{}?done={done}",
                path.as_str()
            )))
        }
        Err(CheckInError::Refused(refusal)) => {
            let message = explain(&viewer, &state, &refusal);
            Ok(render_check_in(
                &viewer,
                &state,
                &path,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(message),
                None,
            )
            .await)
        }
        Err(CheckInError::App(e)) => Err(e.into()),
    }
}

/// A refusal in the reader's language, with its times on the city's clock.
fn explain(viewer: &Viewer, state: &WebState, refusal: &Refusal) -> String {
    let args: Vec<(&str, ArgValue)> = match refusal {
        Refusal::TooEarly { opens_at } => vec![(
            "at",
            ArgValue::from(viewer.moment(state, *opens_at, Moment::DateTime)),
        )],
        Refusal::TooLate { closed_at } => vec![(
            "at",
            ArgValue::from(viewer.moment(state, *closed_at, Moment::DateTime)),
        )],
        Refusal::TooFar { meters, max_meters } => vec![
            ("meters", ArgValue::from(i64::from(*meters))),
            ("max", ArgValue::from(i64::from(*max_meters))),
        ],
        _ => vec![],
    };
    state.ctx.i18n.message(viewer.locale, refusal.code(), &args)
}

/// A check-in as the verifiers' list shows it.
#[derive(Serialize)]
struct CheckInLine {
    claim_id: String,
    username: String,
    state: String,
    checked_in: Option<String>,
    checked_out: Option<String>,
    hours: Option<f64>,
    confirmed: Option<String>,
    confirmable: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmedQuery {
    #[serde(default)]
    approved: Option<usize>,
    #[serde(default)]
    recorded: Option<usize>,
    #[serde(default)]
    skipped: Option<usize>,
}

/// GET /opportunities/{id}/check-ins — for its verifiers: who checked in, for how long,
/// with a box to tick for each check-in to confirm.
pub async fn check_ins_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<ConfirmedQuery>,
) -> Page {
    let Some(user) = viewer.user.as_ref() else {
        return Ok(viewer.sign_in_first());
    };
    let ctx = &state.ctx;
    let opportunity = citysync_app::catalog::opportunity(ctx, &path, Some(user)).await?;
    let list = check_in::checked_in(ctx, user, &path).await?;
    let at =
        |t: Option<chrono::NaiveDateTime>| t.map(|t| viewer.moment(&state, t, Moment::DateTime));
    let lines: Vec<CheckInLine> = list
        .into_iter()
        .map(|c| CheckInLine {
            claim_id: c.claim.id.clone(),
            username: c.username,
            state: c.claim.state.as_str().to_owned(),
            checked_in: at(c.claim.checked_in_at),
            checked_out: at(c.claim.checked_out_at),
            hours: c.minutes.map(hours_of),
            confirmed: at(c.confirmed_at),
            confirmable: c.confirmable,
        })
        .collect();
    let summary = match (query.approved, query.recorded, query.skipped) {
        (Some(approved), Some(recorded), Some(skipped)) => Some(state.ctx.i18n.message(
            viewer.locale,
            "check-in-confirmed-summary",
            &[
                ("approved", ArgValue::from(approved)),
                ("recorded", ArgValue::from(recorded)),
                ("skipped", ArgValue::from(skipped)),
            ],
        )),
        _ => None,
    };
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "check_ins.html",
        minijinja::context! {
            opportunity => minijinja::value::Serde(&opportunity),
            lines => minijinja::value::Serde(&lines),
            summary => summary,
        },
    ))
}

/// POST /opportunities/{id}/check-ins — the ticked check-ins (`claim`, repeated) and the
/// rating given to each approval.
pub async fn confirm_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Page {
    let mut token = String::new();
    let mut claim_ids = Vec::new();
    let mut rating = 3;
    for (k, v) in url::form_urlencoded::parse(&body) {
        match k.as_ref() {
            "csrf_token" => token = v.into_owned(),
            "claim" => claim_ids.push(v.into_owned()),
            "quality_rating" => rating = v.parse().unwrap_or(0),
            _ => {}
        }
    }
    let user = form_author(&req, &viewer, &state, &token)?.clone();
    match check_in::confirm(&state.ctx, &user, &path, &claim_ids, rating).await {
        Ok(done) => Ok(Viewer::see_other(&format!(
            "/opportunities/{}/check-ins?approved={}&recorded={}&skipped={}",
            path.as_str(),
            done.approved,
            done.recorded,
            done.skipped
        ))),
        Err(e) => Err(e.into()),
    }
}
