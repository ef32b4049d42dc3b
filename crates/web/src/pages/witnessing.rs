//! Witnessing, publicly: which cities countersigned our checkpoints (shown with each
//! checkpoint), and `/ledger/witnessing` — the other cities' checkpoints this city
//! countersigned, and any conflicting pair, side by side.

use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::web;
use citysync_app::federation::witness;
use citysync_app::{AppError, Ctx};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/ledger/witnessing", web::get().to(witnessing_page));
}

/// How many received checkpoints and conflicts the page lists, newest first.
const LISTED: i64 = 200;

/// A city that countersigned one of our checkpoints.
#[derive(Debug, Clone, Serialize)]
pub struct WitnessView {
    pub domain: String,
    /// Its own witnessing page.
    pub href: String,
}

/// Our checkpoints' witnesses, by sequence number.
pub async fn witnesses(
    ctx: &Ctx,
    seqs: Vec<i64>,
) -> Result<BTreeMap<i64, Vec<WitnessView>>, AppError> {
    Ok(witness::witnesses_of(ctx, seqs)
        .await?
        .into_iter()
        .map(|(seq, rows)| {
            let views = rows
                .into_iter()
                .map(|w| WitnessView {
                    href: url::Url::parse(&w.witness_actor)
                        .and_then(|u| u.join("/ledger/witnessing"))
                        .map(|u| u.to_string())
                        .unwrap_or_default(),
                    domain: w.witness_domain,
                })
                .collect();
            (seq, views)
        })
        .collect())
}

/// Something listed with the cities that witnessed it.
#[derive(Serialize)]
pub struct Witnessed<T: Serialize> {
    #[serde(flatten)]
    pub item: T,
    pub witnesses: Vec<WitnessView>,
}

/// Pairs each item with its witnesses (by its sequence number).
pub async fn with_witnesses<T: Serialize>(
    ctx: &Ctx,
    items: Vec<T>,
    seq: impl Fn(&T) -> i64,
) -> Result<Vec<Witnessed<T>>, AppError> {
    let mut by_seq = witnesses(ctx, items.iter().map(&seq).collect()).await?;
    Ok(items
        .into_iter()
        .map(|item| Witnessed {
            witnesses: by_seq.remove(&seq(&item)).unwrap_or_default(),
            item,
        })
        .collect())
}

/// GET /ledger/witnessing
pub async fn witnessing_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let page = witness::witnessing(&state.ctx, LISTED).await?;
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "ledger_witnessing.html",
        minijinja::context! {
            checkpoints => minijinja::value::Serde(&page.checkpoints),
            equivocations => minijinja::value::Serde(&page.equivocations),
        },
    ))
}
