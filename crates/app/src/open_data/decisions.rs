//! The governance datasets: each closed proposal's decision (turnout, quorum, result, what
//! was enacted), and the support each of its options received. Ballots stay private: only
//! the tallies sealed at the close are exported, and never who proposed (a resident).

use super::{next_after, utc, Cursor, Record};
use crate::governance::proposals::ProposalResult;
use crate::{AppError, Ctx};
use chrono::{DateTime, Utc};
use citysync_domain::governance::ProposalContent;
use citysync_storage::governance::ProposalRow;
use citysync_storage::{open_data as store, DbConnection};
use serde::Serialize;

/// A closed proposal's decision. VOTE whole.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DecisionRecord {
    pub proposal_id: String,
    pub url: String,
    pub cycle_id: String,
    pub cycle_title: String,
    /// `policy`, `parameter_change`, `budget` or `adopt_model`.
    pub kind: String,
    pub title: String,
    /// The organization it was proposed on behalf of, if any.
    pub organization_handle: Option<String>,
    /// `weighted_majority`, `approval` or `quadratic`.
    pub method: String,
    /// `passed`, `rejected` or `no_quorum`.
    pub result: String,
    /// Residents eligible when voting opened, and the VOTE they held then.
    pub eligible_voters: i64,
    pub eligible_vote: i64,
    /// Residents who cast a ballot (abstentions included), and their VOTE.
    pub voters: i64,
    pub vote_cast: i64,
    pub abstentions: i64,
    /// `vote_cast` as a percentage of `eligible_vote`, one decimal.
    pub turnout_percent: f64,
    pub quorum_percent: i64,
    pub quorum_reached: bool,
    /// How many options the ballot had (see `decision-options`).
    pub options: i64,
    /// What the decision changed, `; `-separated (e.g. `reward_multiplier.environment = 200`).
    pub enacted: String,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Record for DecisionRecord {}

/// One option of a closed proposal's ballot and the support it received.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DecisionOptionRecord {
    pub proposal_id: String,
    /// 0-based, in ballot order.
    pub option: i64,
    /// `yes` or `no`; a budget option's title.
    pub label: String,
    /// A budget option's organization and cost (CITY in hundredths).
    pub organization_handle: Option<String>,
    pub cost: Option<i64>,
    /// VOTE weight (weighted majority, approval) or votes (quadratic).
    pub support: i64,
    /// Whether a budget option was funded.
    pub funded: Option<bool>,
}

impl Record for DecisionOptionRecord {}

/// A closed proposal with its content and sealed decision.
struct Closed {
    row: ProposalRow,
    cycle_title: String,
    content: ProposalContent,
    decision: ProposalResult,
}

fn closed_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<(Vec<Closed>, usize, Option<String>), AppError> {
    let lines = store::closed_proposals_after(conn, after, limit)?;
    let read = lines.len();
    let last = lines.last().map(|(p, _)| p.id.clone());
    let json = |id: &str, e: serde_json::Error| AppError::internal(format!("proposal {id}: {e}"));
    let mut closed = Vec::with_capacity(read);
    for (row, cycle) in lines {
        let content = serde_json::from_str(&row.content).map_err(|e| json(&row.id, e))?;
        // A closed proposal always has its decision; one without is not exported.
        let Some(tally) = row.tally.as_deref() else {
            continue;
        };
        let decision = serde_json::from_str(tally).map_err(|e| json(&row.id, e))?;
        closed.push(Closed {
            row,
            cycle_title: cycle.title,
            content,
            decision,
        });
    }
    Ok((closed, read, last))
}

pub(super) fn decisions(
    conn: &mut DbConnection,
    ctx: &Ctx,
    after: &str,
    limit: i64,
) -> Result<(Vec<DecisionRecord>, Option<Cursor>), AppError> {
    let (closed, read, last) = closed_after(conn, after, limit)?;
    let org_ids: Vec<String> = closed
        .iter()
        .filter_map(|c| c.row.organization_id.clone())
        .collect();
    let handles: std::collections::HashMap<String, String> =
        store::handles(conn, &org_ids)?.into_iter().collect();
    let rows = closed
        .into_iter()
        .map(|c| {
            let t = &c.decision.tally;
            DecisionRecord {
                url: ctx.settings.url(&format!("/proposals/{}", c.row.id)),
                cycle_id: c.row.cycle_id.clone(),
                cycle_title: c.cycle_title.clone(),
                kind: c.row.kind.as_str().to_owned(),
                title: c.row.title.clone(),
                organization_handle: c
                    .row
                    .organization_id
                    .as_ref()
                    .and_then(|id| handles.get(id).cloned()),
                method: t.method.as_str().to_owned(),
                result: c.decision.outcome.as_str().to_owned(),
                eligible_voters: t.eligible_voters,
                eligible_vote: t.eligible_weight,
                voters: t.voters,
                vote_cast: t.cast_weight,
                abstentions: t.abstentions,
                turnout_percent: t.turnout_percent(),
                quorum_percent: t.quorum_percent,
                quorum_reached: t.quorum_met,
                options: i64::try_from(c.content.option_count()).unwrap_or(i64::MAX),
                enacted: c.decision.enacted.join("; "),
                closed_at: c.row.closed_at.map(utc),
                proposal_id: c.row.id,
            }
        })
        .collect();
    Ok((rows, next_after(read, limit, last)))
}

/// The option rows of `limit` closed proposals after `after`.
pub(super) fn options(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<(Vec<DecisionOptionRecord>, Option<Cursor>), AppError> {
    let (closed, read, last) = closed_after(conn, after, limit)?;
    let mut rows = Vec::new();
    for c in &closed {
        rows.extend(options_of(c));
    }
    Ok((rows, next_after(read, limit, last)))
}

fn options_of(c: &Closed) -> Vec<DecisionOptionRecord> {
    let support = |i: usize| c.decision.tally.support.get(i).copied().unwrap_or(0);
    let option = |i: usize, label: &str| DecisionOptionRecord {
        proposal_id: c.row.id.clone(),
        option: i64::try_from(i).unwrap_or(i64::MAX),
        label: label.to_owned(),
        support: support(i),
        ..DecisionOptionRecord::default()
    };
    match &c.content {
        ProposalContent::Budget { options, .. } => options
            .iter()
            .enumerate()
            .map(|(i, o)| DecisionOptionRecord {
                organization_handle: Some(o.organization.clone()),
                cost: Some(o.cost),
                funded: Some(c.decision.funded.contains(&i)),
                ..option(i, &o.title)
            })
            .collect(),
        _ => vec![option(0, "yes"), option(1, "no")],
    }
}

/// How many option rows the closed proposals have.
pub(super) fn count_options(conn: &mut DbConnection) -> Result<i64, AppError> {
    let mut count = 0;
    let mut after = String::new();
    loop {
        let (closed, _, last) = closed_after(conn, &after, super::PAGE_ROWS)?;
        count += closed.iter().map(|c| options_of(c).len()).sum::<usize>();
        match last {
            Some(last) => after = last,
            None => return Ok(i64::try_from(count).unwrap_or(i64::MAX)),
        }
    }
}
