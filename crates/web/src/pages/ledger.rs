//! The public ledger explorer: totals per currency, the open period's figures so far, the
//! closed periods' sealed reports, recent entries with pseudonymous account references, the
//! signed checkpoints (also as JSON, for anyone who wants to verify them), the city's key
//! and the last verification. Residents are never named here.

use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::header::{ACCEPT, VARY};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog::{self, CityTaxonomy};
use citysync_app::ledger::checkpoints::{self, PublishedCheckpoint};
use citysync_app::ledger::epochs::{self, Epoch};
use citysync_app::ledger::explorer;
use citysync_domain::ledger::{Currency, CurrencyTotals, Figures, Movements};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/ledger", web::get().to(ledger_page))
        .route("/ledger/checkpoints", web::get().to(checkpoints_page))
        .route("/ledger/checkpoints.json", web::get().to(checkpoints_json))
        .route("/ledger/epochs/{number}", web::get().to(epoch_page))
        .configure(super::witnessing::routes);
}

/// How many checkpoints the checkpoints page (and its JSON) lists, newest first.
const CHECKPOINTS_LISTED: i64 = 100;

/// One currency's totals, as people read them.
#[derive(Serialize)]
struct TotalsView {
    currency: &'static str,
    issued: String,
    circulating: String,
    budgets: String,
    escrow: String,
    burned: String,
}

fn totals_view(totals: &[CurrencyTotals]) -> Vec<TotalsView> {
    totals
        .iter()
        .map(|t| {
            let f = |minor: i64| t.currency.format(minor);
            TotalsView {
                currency: t.currency.as_str(),
                issued: f(t.issued),
                circulating: f(t.circulating),
                budgets: f(t.budgets),
                escrow: f(t.escrow),
                burned: f(t.burned),
            }
        })
        .collect()
}

/// A period's movements, as people read them.
#[derive(Serialize)]
struct MovementsView {
    city_minted: String,
    vote_minted: String,
    city_burned: String,
    city_budget_granted: String,
    city_budget_returned: String,
    city_expired: String,
    vote_expired: String,
    contributions: i64,
    redemptions: i64,
}

fn movements_view(m: &Movements) -> MovementsView {
    let city = |minor: i64| Currency::City.format(minor);
    let vote = |minor: i64| Currency::Vote.format(minor);
    MovementsView {
        city_minted: city(m.city_minted),
        vote_minted: vote(m.vote_minted),
        city_burned: city(m.city_burned),
        city_budget_granted: city(m.city_budget_granted),
        city_budget_returned: city(m.city_budget_returned),
        city_expired: city(m.city_expired),
        vote_expired: vote(m.vote_expired),
        contributions: m.contributions,
        redemptions: m.redemptions,
    }
}

/// One row of a figures table: an organization (with its handle) or a category.
#[derive(Serialize)]
struct FigureRow {
    name: String,
    handle: Option<String>,
    figures: MovementsView,
}

/// A period's figures, ready for the page.
#[derive(Serialize)]
struct FiguresView {
    total: MovementsView,
    by_organization: Vec<FigureRow>,
    by_category: Vec<FigureRow>,
}

fn figures_view(
    viewer: &Viewer,
    state: &WebState,
    figures: &Figures,
    organization: impl Fn(&str) -> (Option<String>, String),
    taxonomy: Option<&CityTaxonomy>,
) -> FiguresView {
    FiguresView {
        total: movements_view(&figures.total),
        by_organization: figures
            .by_organization
            .iter()
            .map(|(id, m)| {
                let (handle, name) = organization(id);
                FigureRow {
                    name,
                    handle,
                    figures: movements_view(m),
                }
            })
            .collect(),
        by_category: figures
            .by_category
            .iter()
            .map(|(id, m)| FigureRow {
                name: taxonomy
                    .map(|t| t.category_name(&state.ctx.i18n, viewer.locale, id))
                    .unwrap_or_else(|| id.clone()),
                handle: None,
                figures: movements_view(m),
            })
            .collect(),
    }
}

/// A period in a list: its dates and, once closed, its sealed figures.
#[derive(Serialize)]
struct EpochLine<'a> {
    #[serde(flatten)]
    epoch: &'a Epoch,
    sealed: Option<MovementsView>,
}

/// GET /ledger — the public explorer.
pub async fn ledger_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let ex = explorer::explorer(&state.ctx).await?;
    let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
    let handles: &HashMap<String, String> = &ex.handles;
    let current = figures_view(
        &viewer,
        &state,
        &ex.current_figures,
        |id| match handles.get(id) {
            Some(h) => (Some(h.clone()), h.clone()),
            None => (None, id.to_owned()),
        },
        taxonomy.as_deref(),
    );
    let checkpoints =
        super::witnessing::with_witnesses(&state.ctx, ex.checkpoints.iter().collect(), |c| {
            c.checkpoint.seq
        })
        .await?;
    let closed: Vec<EpochLine> = ex
        .epochs
        .iter()
        .filter(|e| !e.open)
        .map(|e| EpochLine {
            epoch: e,
            sealed: e.report.as_ref().map(|r| movements_view(&r.figures.total)),
        })
        .collect();
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "ledger.html",
        minijinja::context! {
            head_seq => ex.head_seq,
            head_hash => ex.head_hash,
            totals => minijinja::value::Serde(totals_view(&ex.totals)),
            current => minijinja::value::Serde(&ex.current),
            current_figures => minijinja::value::Serde(current),
            closed => minijinja::value::Serde(closed),
            recent => minijinja::value::Serde(&ex.recent),
            checkpoints => minijinja::value::Serde(&checkpoints),
            verification => minijinja::value::Serde(&ex.last_verification),
            public_key => ex.public_key,
        },
    ))
}

/// What `/ledger/checkpoints.json` says: the key that verifies every signature, and the
/// checkpoints, newest first.
#[derive(Serialize)]
struct CheckpointsDocument<'a> {
    public_key: &'a str,
    checkpoints: &'a [PublishedCheckpoint],
}

/// A checkpoint on its HTML page: the totals also as people read them (the JSON keeps the
/// signed minor units).
#[derive(Serialize)]
struct CheckpointView<'a> {
    #[serde(flatten)]
    checkpoint: &'a PublishedCheckpoint,
    formatted: Vec<TotalsView>,
}

fn wants_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| {
            let accept = accept.to_ascii_lowercase();
            accept.contains("application/json") && !accept.contains("text/html")
        })
}

/// GET /ledger/checkpoints — the signed checkpoints; JSON when asked for with `Accept`.
pub async fn checkpoints_page(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
) -> Page {
    let found = async {
        Ok::<_, citysync_app::AppError>((
            checkpoints::recent(&state.ctx, CHECKPOINTS_LISTED).await?,
            checkpoints::public_key(&state.ctx).await?,
        ))
    }
    .await;
    let (list, public_key) = found?;
    let mut resp = if wants_json(&req) {
        json(&public_key, &list)
    } else {
        let shown: Vec<CheckpointView> = list
            .iter()
            .map(|c| CheckpointView {
                checkpoint: c,
                formatted: totals_view(&c.checkpoint.totals),
            })
            .collect();
        let shown =
            super::witnessing::with_witnesses(&state.ctx, shown, |c| c.checkpoint.checkpoint.seq)
                .await?;
        viewer.render(
            &state,
            StatusCode::OK,
            "ledger_checkpoints.html",
            minijinja::context! {
                checkpoints => minijinja::value::Serde(&shown),
                public_key => public_key,
            },
        )
    };
    resp.headers_mut().insert(
        VARY,
        actix_web::http::header::HeaderValue::from_static("Accept"),
    );
    Ok(resp)
}

/// GET /ledger/checkpoints.json — the same list, always JSON.
pub async fn checkpoints_json(_viewer: Viewer, state: web::Data<WebState>) -> Page {
    let found = async {
        Ok::<_, citysync_app::AppError>((
            checkpoints::recent(&state.ctx, CHECKPOINTS_LISTED).await?,
            checkpoints::public_key(&state.ctx).await?,
        ))
    }
    .await;
    match found {
        Ok((list, public_key)) => Ok(json(&public_key, &list)),
        Err(e) => Err(e.into()),
    }
}

fn json(public_key: &str, list: &[PublishedCheckpoint]) -> HttpResponse {
    HttpResponse::Ok().json(CheckpointsDocument {
        public_key,
        checkpoints: list,
    })
}

/// GET /ledger/epochs/{number} — one period; its sealed report once closed.
pub async fn epoch_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Ok(number) = path.parse::<i64>() else {
        return Ok(viewer.error_page(&state, &citysync_app::AppError::NotFound));
    };
    let epoch = epochs::get(&state.ctx, number).await?;
    let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
    let report = epoch.report.as_ref().map(|r| {
        let names: &BTreeMap<String, (String, String)> = &r.organizations;
        let figures = figures_view(
            &viewer,
            &state,
            &r.figures,
            |id| match names.get(id) {
                Some((handle, name)) => (Some(handle.clone()), name.clone()),
                None => (None, id.to_owned()),
            },
            taxonomy.as_deref(),
        );
        minijinja::context! {
            closed_at => minijinja::value::Serde(&r.closed_at),
            head_seq => r.head_seq,
            head_hash => r.head_hash.clone(),
            totals => minijinja::value::Serde(totals_view(&r.totals)),
            figures => minijinja::value::Serde(figures),
        }
    });
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "ledger_epoch.html",
        minijinja::context! {
            epoch => minijinja::value::Serde(&epoch),
            report => report,
        },
    ))
}
