//! The public accountability dashboard: for an epoch or a range of epochs, the civic work
//! issued, claimed, verified and rejected (and why), the public-value outcomes in their own
//! units, CITY and VOTE minted, burned and in circulation by organization, the decisions
//! taken with their turnout, the parameters enacted and the templates that travelled
//! between cities — each figure with the organization or decision behind it.
//!
//! The ledger figures are counted by `Figures::of` over the period's journal entries, the
//! one function the sealed epoch reports and the explorer count with; the work figures come
//! from the claims, submissions and contributions the ledger's mints were made for.

use crate::governance::proposals::ProposalResult;
use crate::ledger::checkpoints;
use crate::ledger::journal::figures_of_epochs;
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::epoch::EpochState;
use citysync_domain::ledger::{Currency, CurrencyTotals, Figures, Movements};
use citysync_storage::transparency as store;
use citysync_storage::DbConnection;
use citysync_storage::{epochs as epoch_store, ledger as journal_store, organizations};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which epochs the dashboard covers: one (`first == last`) or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: i64,
    pub last: i64,
}

/// The period a dashboard covers, as dates.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub first_epoch: i64,
    pub last_epoch: i64,
    pub from: NaiveDateTime,
    pub until: NaiveDateTime,
    /// The last epoch is still open: its figures are so far.
    pub open: bool,
}

/// Civic work in the period.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Work {
    pub issued: i64,
    pub claimed: i64,
    pub verified: i64,
    pub rejected: i64,
    /// Rejections by reason code (`insufficient_proof`, …).
    pub rejected_by_reason: BTreeMap<String, i64>,
    /// Median hours from proof to verification, one decimal; `None` without verifications.
    pub median_hours_to_verification: Option<f64>,
}

/// One organization's part in the period: the work it issued and decided, the credit its
/// verifications minted and the CITY its counter burned.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationLine {
    pub organization_id: String,
    pub handle: String,
    pub name: String,
    pub work: Work,
    pub ledger: Movements,
}

/// A public-value outcome: how much of a unit verified work achieved in a category.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub category: String,
    pub unit: String,
    pub quantity: f64,
    pub contributions: i64,
    /// The organizations whose verified work it is (handles).
    pub organizations: Vec<String>,
}

/// A decision taken in the period, with the VOTE that took part.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionLine {
    pub proposal_id: String,
    pub title: String,
    pub cycle: String,
    pub kind: String,
    /// `passed`, `rejected` or `no_quorum`.
    pub outcome: String,
    pub eligible_weight: i64,
    pub cast_weight: i64,
    pub voters: i64,
    pub turnout_percent: f64,
    pub quorum_met: bool,
    pub enacted: Vec<String>,
    pub closed_at: NaiveDateTime,
}

/// A city parameter enacted in the period, and the decision behind it.
#[derive(Debug, Clone, Serialize)]
pub struct ParameterLine {
    pub name: String,
    pub old_value: Option<String>,
    pub new_value: String,
    pub proposal_id: Option<String>,
    pub changed_at: NaiveDateTime,
}

/// A template that travelled between cities in the period.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateLine {
    pub template_id: String,
    pub title: String,
    pub organization: String,
    /// The other city: the adopter's domain, or the origin's URL.
    pub other: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub period: Period,
    /// Every epoch there is, newest first, for choosing another.
    pub epochs: Vec<i64>,
    pub work: Work,
    pub outcomes: Vec<Outcome>,
    /// Minted, burned, … in the period: total, per organization, per category.
    pub ledger: Figures,
    /// Balances at the period's end (now, when it is open).
    pub totals: Vec<CurrencyTotals>,
    pub organizations: Vec<OrganizationLine>,
    pub decisions: Vec<DecisionLine>,
    pub parameters: Vec<ParameterLine>,
    pub adopted_by_others: Vec<TemplateLine>,
    pub adapted_from_others: Vec<TemplateLine>,
    /// The period's latest verified contributions, to follow one end to end.
    pub recent_contributions: Vec<ContributionRef>,
}

/// A verified contribution, as the dashboard links to its trail.
#[derive(Debug, Clone, Serialize)]
pub struct ContributionRef {
    pub contribution_id: String,
    pub organization: String,
    pub category: String,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verified_at: NaiveDateTime,
}

/// How the CITY held by residents and organizations changed over the period: every kind
/// of movement that changes it, so that `held_at_start` plus the rest is `held_at_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CityFlow {
    pub held_at_start: i64,
    /// Minted for verified work. Rewards an organization paid from CITY a decision funded it
    /// with are not counted again: they entered circulation with the decision.
    pub minted: i64,
    /// Paid out by decisions (a participatory budget's funded options).
    pub paid_by_decisions: i64,
    /// Taken back by decisions.
    pub taken_by_decisions: i64,
    /// Spent at local redeemers and burned.
    pub burned: i64,
    pub expired: i64,
    pub held_at_end: i64,
}

impl Dashboard {
    /// CITY held by residents and organizations at the period's end.
    pub fn city_in_circulation(&self) -> i64 {
        self.totals
            .iter()
            .find(|t| t.currency == Currency::City)
            .map(|t| t.circulating + t.escrow)
            .unwrap_or(0)
    }

    /// The period's CITY movements as a sum that adds up to what is held at its end.
    pub fn city_flow(&self) -> CityFlow {
        let m = &self.ledger.total;
        let held_at_end = self.city_in_circulation();
        let minted = m.city_minted - m.city_minted_from_funded;
        let net =
            minted + m.city_adjusted_in - m.city_adjusted_out - m.city_burned - m.city_expired;
        CityFlow {
            held_at_start: held_at_end - net,
            minted,
            paid_by_decisions: m.city_adjusted_in,
            taken_by_decisions: m.city_adjusted_out,
            burned: m.city_burned,
            expired: m.city_expired,
            held_at_end,
        }
    }
}

/// A closed proposal as a decision line; `None` for one without a tally.
fn decision_line(
    row: citysync_storage::governance::ProposalRow,
    cycle: String,
) -> Result<Option<DecisionLine>, AppError> {
    let Some(decision) = row
        .tally
        .as_deref()
        .map(serde_json::from_str::<ProposalResult>)
        .transpose()
        .map_err(|e| AppError::internal(format!("tally of {}: {e}", row.id)))?
    else {
        return Ok(None);
    };
    Ok(Some(DecisionLine {
        turnout_percent: decision.tally.turnout_percent(),
        outcome: decision.outcome.as_str().to_owned(),
        eligible_weight: decision.tally.eligible_weight,
        cast_weight: decision.tally.cast_weight,
        voters: decision.tally.voters,
        quorum_met: decision.tally.quorum_met,
        enacted: decision.enacted,
        closed_at: row.closed_at.unwrap_or(row.updated_at),
        proposal_id: row.id,
        title: row.title,
        cycle,
        kind: row.kind.as_str().to_owned(),
    }))
}

fn median_hours(mut secs: Vec<i64>) -> Option<f64> {
    secs.sort_unstable();
    let n = secs.len();
    let median = match n {
        0 => return None,
        n if n % 2 == 1 => *secs.get(n / 2)? as f64,
        n => (*secs.get(n / 2 - 1)? + *secs.get(n / 2)?) as f64 / 2.0,
    };
    Some((median / 360.0).round() / 10.0)
}

/// The dashboard for `span`, or for the open epoch.
pub async fn dashboard(ctx: &Ctx, span: Option<Span>) -> Result<Dashboard, AppError> {
    let current = crate::ledger::epochs::current(ctx).await?.number;
    let span = span.unwrap_or(Span {
        first: current,
        last: current,
    });
    ctx.run(move |conn| citysync_storage::db::read_snapshot(conn, |conn| build(conn, span)))
        .await
}

pub(crate) fn build(conn: &mut DbConnection, span: Span) -> Result<Dashboard, AppError> {
    let (first, last) = (span.first.min(span.last), span.first.max(span.last));
    let first_row = epoch_store::epoch(conn, first)?.ok_or(AppError::NotFound)?;
    let last_row = epoch_store::epoch(conn, last)?.ok_or(AppError::NotFound)?;
    let open = last_row.state == EpochState::Open;
    let from = first_row.starts_at;
    // The whole of the last epoch, even while it is open: what has happened so far is all
    // there is (and a phase begun by hand is stamped on the next whole second).
    let until = last_row.ends_at;
    // The period's journal, counted as the epoch reports count it.
    let ledger = figures_of_epochs(conn, first, last)?;
    let totals = if open {
        checkpoints::totals(conn)?
    } else {
        match last_row.report.as_deref() {
            Some(text) => {
                serde_json::from_str::<crate::ledger::epochs::EpochReport>(text)
                    .map_err(|e| AppError::internal(format!("report of epoch {last}: {e}")))?
                    .totals
            }
            None => checkpoints::totals(conn)?,
        }
    };

    // Work, per organization and in all.
    let mut per_org: BTreeMap<String, (Work, Vec<i64>)> = BTreeMap::new();
    let mut all = Work::default();
    let mut all_secs = Vec::new();
    for (_, org) in store::published(conn, from, until)? {
        all.issued += 1;
        per_org.entry(org).or_default().0.issued += 1;
    }
    for (_, org) in store::claims_made(conn, from, until)? {
        all.claimed += 1;
        per_org.entry(org).or_default().0.claimed += 1;
    }
    for d in store::decisions(conn, from, until)? {
        let line = per_org.entry(d.organization_id.clone()).or_default();
        match d.decision.as_deref() {
            Some("approved") => {
                all.verified += 1;
                line.0.verified += 1;
                let secs = d
                    .decided_at
                    .map(|at| (at - d.submitted_at).num_seconds().max(0))
                    .unwrap_or(0);
                all_secs.push(secs);
                line.1.push(secs);
            }
            Some("rejected") => {
                let reason = d.reject_reason.unwrap_or_else(|| "other".into());
                all.rejected += 1;
                line.0.rejected += 1;
                *all.rejected_by_reason.entry(reason.clone()).or_default() += 1;
                *line.0.rejected_by_reason.entry(reason).or_default() += 1;
            }
            _ => {}
        }
    }
    all.median_hours_to_verification = median_hours(all_secs);
    for id in ledger.by_organization.keys() {
        per_org.entry(id.clone()).or_default();
    }

    // Names as they are now (an organization renamed shows its present name).
    let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
    for id in per_org.keys() {
        if let Some(org) = organizations::by_id(conn, id)? {
            names.insert(id.clone(), (org.handle, org.name));
        }
    }
    let handle = |id: &str| names.get(id).map(|n| n.0.clone()).unwrap_or_default();

    let mut outcomes: BTreeMap<(String, String), Outcome> = BTreeMap::new();
    let verified_work = store::contributions(conn, from, until)?;
    let recent_contributions = verified_work
        .iter()
        .rev()
        .take(10)
        .map(|c| ContributionRef {
            contribution_id: c.id.clone(),
            organization: handle(&c.organization_id),
            category: c.category.clone(),
            reward_city: c.reward_city,
            reward_vote: c.reward_vote,
            verified_at: c.verified_at,
        })
        .collect();
    for c in verified_work {
        let line = outcomes
            .entry((c.category.clone(), c.outcome_unit.clone()))
            .or_insert_with(|| Outcome {
                category: c.category.clone(),
                unit: c.outcome_unit.clone(),
                quantity: 0.0,
                contributions: 0,
                organizations: Vec::new(),
            });
        line.quantity += c.outcome_quantity;
        line.contributions += 1;
        let org = handle(&c.organization_id);
        if !line.organizations.contains(&org) {
            line.organizations.push(org);
        }
    }

    let organizations = per_org
        .into_iter()
        .map(|(id, (mut work, secs))| {
            work.median_hours_to_verification = median_hours(secs);
            let (handle, name) = names.get(&id).cloned().unwrap_or_default();
            OrganizationLine {
                ledger: ledger.by_organization.get(&id).cloned().unwrap_or_default(),
                organization_id: id,
                handle,
                name,
                work,
            }
        })
        .collect();

    let mut decisions = Vec::new();
    for (row, cycle) in store::closed_proposals(conn, from, until)? {
        decisions.extend(decision_line(row, cycle)?);
    }
    let parameters = store::parameter_changes(conn, from, until)?
        .into_iter()
        .map(
            |(name, old_value, new_value, proposal_id, changed_at)| ParameterLine {
                name,
                old_value,
                new_value,
                proposal_id,
                changed_at,
            },
        )
        .collect();
    let title_of = |conn: &mut DbConnection, id: &str| -> Result<String, AppError> {
        Ok(store::template_title(conn, id)?.unwrap_or_default())
    };
    let mut adopted_by_others = Vec::new();
    for (template_id, org, domain) in store::adopted_by_others(conn, from, until)? {
        adopted_by_others.push(TemplateLine {
            title: title_of(conn, &template_id)?,
            template_id,
            organization: organizations::by_id(conn, &org)?
                .map(|o| o.handle)
                .unwrap_or_default(),
            other: domain,
        });
    }
    let mut adapted_from_others = Vec::new();
    for (template_id, org, origin) in store::adapted_from_others(conn, from, until)? {
        // Adopting another organization's template of this same city is not between cities.
        let local_origin = match origin.as_deref().and_then(|o| o.rsplit_once("/templates/")) {
            Some((_, id)) => store::template_title(conn, id)?.is_some(),
            None => false,
        };
        if local_origin {
            continue;
        }
        adapted_from_others.push(TemplateLine {
            title: title_of(conn, &template_id)?,
            template_id,
            organization: organizations::by_id(conn, &org)?
                .map(|o| o.handle)
                .unwrap_or_default(),
            other: origin.unwrap_or_default(),
        });
    }
    let epochs = epoch_store::epochs(conn, 1000)?
        .into_iter()
        .map(|e| e.number)
        .collect();
    Ok(Dashboard {
        period: Period {
            first_epoch: first,
            last_epoch: last,
            from,
            until,
            open,
        },
        epochs,
        work: all,
        outcomes: outcomes.into_values().collect(),
        ledger,
        totals,
        organizations,
        decisions,
        parameters,
        adopted_by_others,
        adapted_from_others,
        recent_contributions,
    })
}

/// A journal entry as the trail shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TrailEntry {
    pub seq: i64,
    pub kind: String,
    pub currency: String,
    pub amount: i64,
    pub recorded_at: NaiveDateTime,
    pub hash: String,
}

impl TrailEntry {
    fn of(row: &citysync_storage::ledger::EntryRow) -> TrailEntry {
        TrailEntry {
            seq: row.seq,
            kind: row.kind.clone(),
            currency: row.currency.clone(),
            amount: row.amount,
            recorded_at: row.recorded_at,
            hash: row.hash.clone(),
        }
    }
}

/// CITY the receiving account later spent at a redeemer.
#[derive(Debug, Clone, Serialize)]
pub struct Spending {
    pub organization: String,
    pub organization_name: String,
    pub amount: i64,
    pub burn: TrailEntry,
}

/// A decision the receiving account's VOTE could weigh in on.
#[derive(Debug, Clone, Serialize)]
pub struct VoteUse {
    pub cycle_id: String,
    pub cycle: String,
    /// The VOTE the account held when voting opened.
    pub weight: i64,
    pub decisions: Vec<DecisionLine>,
}

/// One verified task followed end to end, residents never named: the work and who issued
/// it, the credit it minted, where the receiving account spent CITY afterwards (CITY is
/// fungible: these are that account's spendings, not coins traced), and the decisions its
/// VOTE could weigh in on (never how it voted).
#[derive(Debug, Clone, Serialize)]
pub struct ContributionTrail {
    pub contribution_id: String,
    pub opportunity_id: String,
    pub opportunity_title: String,
    pub organization: String,
    pub organization_name: String,
    pub category: String,
    pub unit: String,
    pub quantity: f64,
    pub verified_at: NaiveDateTime,
    /// The receiving account's public pseudonym (`acct-…`); empty when the resident chose
    /// a public profile.
    pub account: String,
    /// The resident chose a public profile (their name is on the contribution's
    /// attestation), so the account's later movements are not linked to this work.
    pub named: bool,
    pub minted: Vec<TrailEntry>,
    pub spent: Vec<Spending>,
    pub vote: Vec<VoteUse>,
}

pub async fn contribution_trail(ctx: &Ctx, id: &str) -> Result<ContributionTrail, AppError> {
    let id = id.to_owned();
    ctx.run(move |conn| citysync_storage::db::read_snapshot(conn, |conn| trail_of(conn, &id)))
        .await
}

fn trail_of(conn: &mut DbConnection, id: &str) -> Result<ContributionTrail, AppError> {
    use citysync_domain::ledger::AccountId;
    let c = citysync_storage::claims::contribution(conn, id)?.ok_or(AppError::NotFound)?;
    let opportunity = crate::catalog::load_opportunity(conn, &c.opportunity_id)?;
    let minted_rows = store::entries_with_memo(conn, &[format!("contribution:{id}")])?;
    let city_account = AccountId::resident(&c.contributor_id, Currency::City).to_string();
    let account = journal_store::account(conn, &city_account)?
        .map(|a| a.public_ref)
        .unwrap_or_default();
    // A resident with a public profile is named on the contribution's attestation: tying
    // this work to their account would put their name on all its movements.
    let named = !citysync_storage::open_data::public_profiles(
        conn,
        std::slice::from_ref(&c.contributor_id),
    )?
    .is_empty();
    let account = if named { String::new() } else { account };
    let after = if named {
        i64::MAX
    } else {
        minted_rows.last().map(|r| r.seq).unwrap_or(0)
    };
    // Reservations out of the account after the mint, and the burns that honored them.
    let reserves = store::entries_out_after(conn, &city_account, "reserve", after, 20)?;
    let memos: Vec<String> = reserves.iter().map(|r| r.memo.clone()).collect();
    let mut spent = Vec::new();
    for burn in store::entries_with_memo(conn, &memos)?
        .iter()
        .filter(|r| r.kind == "burn")
    {
        let (handle, name) = match &burn.organization_id {
            Some(org) => organizations::by_id(conn, org)?
                .map(|o| (o.handle, o.name))
                .unwrap_or_default(),
            None => Default::default(),
        };
        spent.push(Spending {
            organization: handle,
            organization_name: name,
            amount: burn.amount,
            burn: TrailEntry::of(burn),
        });
    }
    let mut vote = Vec::new();
    for (cycle_id, cycle, weight) in
        store::cycles_voted_with(conn, &c.contributor_id, c.verified_at)?
    {
        let mut decisions = Vec::new();
        for row in store::decided_in_cycle(conn, &cycle_id)? {
            decisions.extend(decision_line(row, cycle.clone())?);
        }
        vote.push(VoteUse {
            cycle_id,
            cycle,
            weight,
            decisions,
        });
    }
    Ok(ContributionTrail {
        contribution_id: c.id,
        opportunity_id: opportunity.id,
        opportunity_title: opportunity.title,
        organization: opportunity.organization_handle,
        organization_name: opportunity.organization_name,
        category: c.category,
        unit: c.outcome_unit,
        quantity: c.outcome_quantity,
        verified_at: c.verified_at,
        account,
        named,
        minted: minted_rows.iter().map(TrailEntry::of).collect(),
        spent,
        vote,
    })
}

/// An organization's record over time: its line of the dashboard in each recent epoch
/// (newest first), and the feedback its verifiers published with verified work.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationRecord {
    pub epochs: Vec<(Period, OrganizationLine)>,
    pub feedback: Vec<Feedback>,
}

/// Feedback a verifier published with verified work (the resident is not named).
#[derive(Debug, Clone, Serialize)]
pub struct Feedback {
    pub contribution_id: String,
    pub category: String,
    pub quality_rating: i32,
    pub feedback: String,
    pub verified_at: NaiveDateTime,
}

pub async fn organization_record(
    ctx: &Ctx,
    org_id: &str,
    epochs: i64,
) -> Result<OrganizationRecord, AppError> {
    crate::ledger::epochs::current(ctx).await?;
    let id = org_id.to_owned();
    ctx.run(move |conn| {
        citysync_storage::db::read_snapshot(conn, |conn| {
            let mut lines = Vec::new();
            for epoch in epoch_store::epochs(conn, epochs)? {
                let span = Span {
                    first: epoch.number,
                    last: epoch.number,
                };
                let dashboard = build(conn, span)?;
                let line = dashboard
                    .organizations
                    .into_iter()
                    .find(|l| l.organization_id == id);
                if let Some(line) = line {
                    lines.push((dashboard.period, line));
                }
            }
            let feedback = store::feedback_of(conn, &id, 20)?
                .into_iter()
                .map(|c| Feedback {
                    contribution_id: c.id,
                    category: c.category,
                    quality_rating: c.quality_rating,
                    feedback: c.feedback,
                    verified_at: c.verified_at,
                })
                .collect();
            Ok(OrganizationRecord {
                epochs: lines,
                feedback,
            })
        })
    })
    .await
}
