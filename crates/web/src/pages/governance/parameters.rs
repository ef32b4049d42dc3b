//! The public page of the city parameters in force: each in words with its value and what set
//! it (a decision, an administrator, the configuration), and the history of changes.

use super::{iso, parameter_name, parameter_value, shown};
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::web;
use citysync_app::catalog::{self, CityTaxonomy};
use citysync_app::governance::parameters::{self, ParametersPage, Source};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One parameter in force, ready to read.
#[derive(Serialize)]
struct LineView<'a> {
    name: &'a str,
    words: String,
    value_text: String,
    source: &'a Source,
    set_at_text: Option<String>,
}

/// One change of the history, ready to read.
#[derive(Serialize)]
struct ChangeView<'a> {
    name: &'a str,
    words: String,
    old_text: Option<String>,
    new_text: String,
    source: &'a Source,
    changed_at: String,
}

/// GET /parameters — public: every parameter in force and its source, and the history.
pub async fn parameters_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let page = parameters::page(&state.ctx).await?;
    let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
    let tax = taxonomy.as_deref();
    let lines: Vec<LineView> = page
        .lines
        .iter()
        .map(|l| LineView {
            name: &l.name,
            words: parameter_name(&viewer, &state, tax, &l.name),
            value_text: parameter_value(&viewer, &state, l.family, &l.value),
            source: &l.source,
            set_at_text: l.set_at.map(|at| shown(&viewer, &state, at)),
        })
        .collect();
    let history: Vec<ChangeView> = page
        .history
        .iter()
        .map(|c| ChangeView {
            name: &c.name,
            words: parameter_name(&viewer, &state, tax, &c.name),
            old_text: c
                .old_value
                .as_deref()
                .map(|v| parameter_value(&viewer, &state, c.family, v)),
            new_text: parameter_value(&viewer, &state, c.family, &c.new_value),
            source: &c.source,
            changed_at: iso(c.changed_at),
        })
        .collect();
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "parameters.html",
        minijinja::context! {
            lines => minijinja::value::Serde(&lines),
            history => minijinja::value::Serde(&history),
        },
    ))
}

/// The values in force by parameter name, as people read them (for the proposal page's
/// "in force now" column). A reward multiplier no decision set is at 100%.
pub(super) struct InForce {
    values: BTreeMap<String, String>,
}

impl InForce {
    pub(super) async fn load(viewer: &Viewer, state: &WebState) -> InForce {
        let page = parameters::page(&state.ctx)
            .await
            .unwrap_or_else(|_| ParametersPage {
                lines: Vec::new(),
                history: Vec::new(),
            });
        InForce {
            values: page
                .lines
                .iter()
                .map(|l| {
                    (
                        l.name.clone(),
                        parameter_value(viewer, state, l.family, &l.value),
                    )
                })
                .collect(),
        }
    }

    pub(super) fn text(&self, viewer: &Viewer, state: &WebState, name: &str) -> Option<String> {
        self.values.get(name).cloned().or_else(|| {
            name.starts_with("reward_multiplier.")
                .then(|| parameter_value(viewer, state, "reward_multiplier", "100"))
        })
    }
}

/// The VOTE a resident needs to propose in their own name, as in force now.
pub(super) async fn min_vote_to_propose(state: &WebState) -> i64 {
    let fallback = state.ctx.settings.governance.min_vote_to_propose;
    match parameters::page(&state.ctx).await {
        Ok(page) => page
            .lines
            .iter()
            .find(|l| l.name == "min_vote_to_propose")
            .and_then(|l| l.value.parse().ok())
            .unwrap_or(fallback),
        Err(_) => fallback,
    }
}

/// The taxonomy, for naming categories; `None` only if it cannot be read.
pub(super) async fn taxonomy(state: &WebState) -> Option<Arc<CityTaxonomy>> {
    catalog::taxonomy(&state.ctx).await.ok()
}
