//! The city parameters in force, what set each, and the public history of changes.

use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::{web, HttpResponse};
use citysync_app::governance::parameters;
use citysync_app::Ctx;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/parameters", web::get().to(parameters_show));
}

/// Where a value in force comes from.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Source {
    /// The configuration file (no decision has set it).
    Configuration,
    /// A passed proposal.
    Decision { proposal_id: String, title: String },
    /// An administrator (issuer budgets from the budget table).
    Administrator { username: String },
}

impl From<parameters::Source> for Source {
    fn from(s: parameters::Source) -> Source {
        match s {
            parameters::Source::Configuration => Source::Configuration,
            parameters::Source::Decision { proposal_id, title } => {
                Source::Decision { proposal_id, title }
            }
            parameters::Source::Administrator { username } => Source::Administrator { username },
        }
    }
}

/// A parameter and its value in force.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Parameter {
    /// `epoch_length`, `city_expiry_epochs`, `reward_multiplier.<category>`,
    /// `issuer_budget.<handle>`, …
    pub name: String,
    pub family: String,
    /// The category or organization handle it is about, if any.
    pub subject: Option<String>,
    /// As stored: CITY hundredths for budgets, percent for multipliers.
    pub value: String,
    pub source: Source,
    pub set_at: Option<CityTime>,
}

/// One change in the public history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ParameterChangeRecord {
    pub name: String,
    pub family: String,
    pub subject: Option<String>,
    pub old_value: Option<String>,
    pub new_value: String,
    pub source: Source,
    pub changed_at: CityTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Parameters {
    pub parameters: Vec<Parameter>,
    /// The latest changes, newest first.
    pub history: Vec<ParameterChangeRecord>,
}

/// The city parameters in force, what set each, and the history of changes.
#[utoipa::path(get, path = "/api/v1/parameters", tag = "governance",
    responses((status = 200, body = Parameters)))]
pub async fn parameters_show(
    ctx: web::Data<Ctx>,
    _reader: Reader,
) -> Result<HttpResponse, Problem> {
    let page = parameters::page(&ctx).await?;
    Ok(HttpResponse::Ok().json(Parameters {
        parameters: page
            .lines
            .into_iter()
            .map(|l| Parameter {
                name: l.name,
                family: l.family.to_owned(),
                subject: l.subject,
                value: l.value,
                source: l.source.into(),
                set_at: l.set_at.map(CityTime),
            })
            .collect(),
        history: page
            .history
            .into_iter()
            .map(|c| ParameterChangeRecord {
                name: c.name,
                family: c.family.to_owned(),
                subject: c.subject,
                old_value: c.old_value,
                new_value: c.new_value,
                source: c.source.into(),
                changed_at: c.changed_at.into(),
            })
            .collect(),
    }))
}
