//! The city parameters in force: a value a decision (or the administrator) set, else the
//! configuration's. Read inside the transactions that use them, so a parameter enacted at a
//! close is in force for the very next verification or epoch.

use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::epoch::EpochLength;
use citysync_domain::governance::Parameter;
use citysync_domain::identity::IdentityLevel;
use citysync_domain::organization::OrganizationState;
use citysync_storage::governance::{self as store, ParameterRow};
use citysync_storage::{epochs as budget_store, organizations as org_store, users, DbConnection};
use serde::Serialize;
use std::collections::BTreeMap;

/// The parameters that shape the ledger and governance right now.
#[derive(Debug, Clone)]
pub struct InForce {
    pub epoch_length: EpochLength,
    pub city_expiry_epochs: i64,
    pub vote_decay_percent: i64,
    pub min_vote_to_propose: i64,
    /// Category → percent; a category without an entry is at 100.
    pub reward_multipliers: BTreeMap<String, i64>,
    /// The most CITY (hundredths) and VOTE one resident may earn per epoch; 0: no cap.
    pub resident_cap_city: i64,
    pub resident_cap_vote: i64,
    /// Category → the most CITY (hundredths) one resident may earn in it per epoch.
    pub resident_cap_city_by_category: BTreeMap<String, i64>,
    /// How long a new reservation stays valid, in minutes.
    pub reservation_minutes: i64,
    /// The identity level verified work needs to mint, and a ballot needs.
    pub level_to_earn: IdentityLevel,
    pub level_to_vote: IdentityLevel,
}

impl InForce {
    pub fn reward_multiplier(&self, category: &str) -> i64 {
        self.reward_multipliers
            .get(category)
            .copied()
            .unwrap_or(100)
    }
}

/// The reward multipliers decisions set, category → percent (absent means 100).
pub(crate) fn reward_multipliers(
    conn: &mut DbConnection,
) -> Result<BTreeMap<String, i64>, AppError> {
    Ok(multipliers_of(&store::parameters(conn)?))
}

fn multipliers_of(rows: &[ParameterRow]) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for row in rows {
        if let (Ok(Parameter::RewardMultiplier(category)), Ok(n)) =
            (Parameter::parse(&row.name), row.value.parse::<i64>())
        {
            out.insert(category, n);
        }
    }
    out
}

/// Reads the parameters in force (configuration defaults overridden by decisions).
pub(crate) fn in_force(conn: &mut DbConnection, ctx: &Ctx) -> Result<InForce, AppError> {
    let ledger = &ctx.settings.ledger;
    let mut out = InForce {
        epoch_length: ledger.epoch_length,
        city_expiry_epochs: ledger.city_expiry_epochs,
        vote_decay_percent: ledger.vote_decay_percent,
        min_vote_to_propose: ctx.settings.governance.min_vote_to_propose,
        reward_multipliers: BTreeMap::new(),
        resident_cap_city: 0,
        resident_cap_vote: 0,
        resident_cap_city_by_category: BTreeMap::new(),
        reservation_minutes: ctx.settings.ledger.reservation_minutes,
        level_to_earn: ctx.settings.governance.level_to_earn,
        level_to_vote: ctx.settings.governance.level_to_vote,
    };
    let rows = store::parameters(conn)?;
    out.reward_multipliers = multipliers_of(&rows);
    for row in rows {
        let Ok(parameter) = Parameter::parse(&row.name) else {
            continue;
        };
        let number = row.value.parse::<i64>().ok();
        match (parameter, number) {
            (Parameter::EpochLength, _) => {
                if let Ok(l) = EpochLength::parse(&row.value) {
                    out.epoch_length = l;
                }
            }
            (Parameter::CityExpiryEpochs, Some(n)) => out.city_expiry_epochs = n,
            (Parameter::VoteDecayPercent, Some(n)) => out.vote_decay_percent = n,
            (Parameter::MinVoteToPropose, Some(n)) => out.min_vote_to_propose = n,
            (Parameter::ResidentCapCity(None), Some(n)) => out.resident_cap_city = n,
            (Parameter::ResidentCapCity(Some(category)), Some(n)) => {
                out.resident_cap_city_by_category.insert(category, n);
            }
            (Parameter::ResidentCapVote, Some(n)) => out.resident_cap_vote = n,
            (Parameter::ReservationMinutes, Some(n)) => out.reservation_minutes = n,
            (Parameter::LevelToEarn, _) => {
                if let Ok(level) = IdentityLevel::parse(&row.value) {
                    out.level_to_earn = level;
                }
            }
            (Parameter::LevelToVote, _) => {
                if let Ok(level) = IdentityLevel::parse(&row.value) {
                    out.level_to_vote = level;
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Where a value in force comes from.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Source {
    /// The configuration file (no decision has set it).
    Configuration,
    /// A passed proposal.
    Decision { proposal_id: String, title: String },
    /// The administrator (issuer budgets from the budget table).
    Administrator { username: String },
}

/// One line of the public parameters page.
#[derive(Debug, Clone, Serialize)]
pub struct ParameterLine {
    pub name: String,
    pub family: &'static str,
    pub subject: Option<String>,
    /// The value as stored (CITY in hundredths for budgets, percent for multipliers).
    pub value: String,
    pub source: Source,
    pub set_at: Option<NaiveDateTime>,
}

/// One change in the public history.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeLine {
    pub name: String,
    pub family: &'static str,
    pub subject: Option<String>,
    pub old_value: Option<String>,
    pub new_value: String,
    pub source: Source,
    pub changed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParametersPage {
    pub lines: Vec<ParameterLine>,
    pub history: Vec<ChangeLine>,
}

/// The parameters in force, read on their own (for pages that show one of them).
pub async fn current(ctx: &Ctx) -> Result<InForce, AppError> {
    let ctx2 = ctx.clone();
    ctx.run(move |conn| Ok(in_force(conn, &ctx2))).await?
}

/// Every parameter with its value in force and what set it, and the history of changes.
pub async fn page(ctx: &Ctx) -> Result<ParametersPage, AppError> {
    let ctx2 = ctx.clone();
    ctx.run(move |conn| Ok(page_in(conn, &ctx2))).await?
}

fn page_in(conn: &mut DbConnection, ctx2: &Ctx) -> Result<ParametersPage, AppError> {
    let set: BTreeMap<String, ParameterRow> = store::parameters(conn)?
        .into_iter()
        .map(|r| (r.name.clone(), r))
        .collect();
    let ledger = &ctx2.settings.ledger;
    let defaults = [
        (Parameter::EpochLength, ledger.epoch_length.to_string()),
        (
            Parameter::CityExpiryEpochs,
            ledger.city_expiry_epochs.to_string(),
        ),
        (
            Parameter::VoteDecayPercent,
            ledger.vote_decay_percent.to_string(),
        ),
        (
            Parameter::MinVoteToPropose,
            ctx2.settings.governance.min_vote_to_propose.to_string(),
        ),
        // No cap until a decision sets one.
        (Parameter::ResidentCapCity(None), "0".to_owned()),
        (Parameter::ResidentCapVote, "0".to_owned()),
        (
            Parameter::ReservationMinutes,
            ledger.reservation_minutes.to_string(),
        ),
        (
            Parameter::LevelToEarn,
            ctx2.settings.governance.level_to_earn.as_str().to_owned(),
        ),
        (
            Parameter::LevelToVote,
            ctx2.settings.governance.level_to_vote.as_str().to_owned(),
        ),
    ];
    let mut lines = Vec::new();
    for (parameter, default) in defaults {
        let name = parameter.to_string();
        lines.push(line(conn, parameter, set.get(&name), default)?);
    }
    for row in set.values() {
        match Parameter::parse(&row.name) {
            Ok(p @ Parameter::RewardMultiplier(_)) => {
                lines.push(line(conn, p, Some(row), "100".to_owned())?);
            }
            Ok(p @ Parameter::ResidentCapCity(Some(_))) => {
                lines.push(line(conn, p, Some(row), "0".to_owned())?);
            }
            _ => {}
        }
    }
    for (budget, handle, _) in budget_store::budgets(conn)? {
        let parameter = Parameter::IssuerBudget(handle);
        let name = parameter.to_string();
        let mut l = line(conn, parameter, set.get(&name), budget.amount.to_string())?;
        // The budget table is the authority; a later administrator change wins.
        let decided = set
            .get(&name)
            .is_some_and(|r| r.set_at >= budget.updated_at);
        if !decided {
            l.value = budget.amount.to_string();
            l.set_at = Some(budget.updated_at);
            l.source = match users::by_id(conn, &budget.updated_by)? {
                Some(u) => Source::Administrator {
                    username: u.username,
                },
                None => Source::Configuration,
            };
        }
        lines.push(l);
    }
    let mut history = Vec::new();
    for change in store::parameter_history(conn, 200)? {
        let Ok(parameter) = Parameter::parse(&change.name) else {
            continue;
        };
        history.push(ChangeLine {
            family: parameter.family(),
            subject: parameter.subject().map(str::to_owned),
            source: source(
                conn,
                change.proposal_id.as_deref(),
                change.changed_by.as_deref(),
            )?,
            name: change.name,
            old_value: change.old_value,
            new_value: change.new_value,
            changed_at: change.changed_at,
        });
    }
    Ok(ParametersPage { lines, history })
}

fn line(
    conn: &mut DbConnection,
    parameter: Parameter,
    row: Option<&ParameterRow>,
    default: String,
) -> Result<ParameterLine, AppError> {
    Ok(ParameterLine {
        name: parameter.to_string(),
        family: parameter.family(),
        subject: parameter.subject().map(str::to_owned),
        value: row.map_or(default, |r| r.value.clone()),
        source: match row {
            Some(r) => source(conn, r.proposal_id.as_deref(), r.set_by.as_deref())?,
            None => Source::Configuration,
        },
        set_at: row.map(|r| r.set_at),
    })
}

fn source(
    conn: &mut DbConnection,
    proposal_id: Option<&str>,
    user_id: Option<&str>,
) -> Result<Source, AppError> {
    if let Some(id) = proposal_id {
        let title = store::proposal(conn, id)?
            .map(|p| p.title)
            .unwrap_or_default();
        return Ok(Source::Decision {
            proposal_id: id.to_owned(),
            title,
        });
    }
    if let Some(id) = user_id {
        if let Some(u) = users::by_id(conn, id)? {
            return Ok(Source::Administrator {
                username: u.username,
            });
        }
    }
    Ok(Source::Configuration)
}

/// Checks a parameter's subject exists in this city: a category of the taxonomy, an
/// approved issuer's handle.
pub(crate) fn check_subject(
    conn: &mut DbConnection,
    parameter: &Parameter,
) -> Result<(), AppError> {
    match parameter {
        Parameter::RewardMultiplier(category) | Parameter::ResidentCapCity(Some(category)) => {
            let taxonomy = crate::catalog::taxonomy_in(conn)?;
            if taxonomy.taxonomy.category(category).is_none() {
                return Err(citysync_domain::DomainError::CategoryUnknown.into());
            }
        }
        Parameter::IssuerBudget(handle) => {
            let org = org_store::by_handle(conn, handle)?
                .filter(|o| o.state == OrganizationState::Approved && o.is_issuer);
            if org.is_none() {
                return Err(AppError::NotAnIssuer);
            }
        }
        _ => {}
    }
    Ok(())
}
