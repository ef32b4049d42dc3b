//! The close of a vote: count, seal the result and enact what passed, all in the results
//! phase's transaction. A failed or quorum-less proposal changes nothing.

use super::cycles::Cycle;
use super::proposals::ProposalResult;
use crate::federation::publications::{self, Kind, Verb};
use crate::ledger::{Journal, Operation};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::governance::{tally, Ballot, Outcome, Parameter, ProposalContent};
use citysync_domain::ledger::{AccountId, Amount, Currency, EntryKind, NewEntry};
use citysync_storage::governance::{self as store, CycleRow, ParameterRow, ProposalRow};
use citysync_storage::{epochs as budget_store, organizations as org_store, DbConnection};

pub(super) fn close(
    conn: &mut DbConnection,
    ctx: &Ctx,
    cycle: &Cycle,
    row: &CycleRow,
    proposal: &ProposalRow,
    pool_left: &mut i64,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let json = |e: serde_json::Error| AppError::internal(e);
    let content: ProposalContent = serde_json::from_str(&proposal.content).map_err(json)?;
    let ballots = store::weighted_ballots(conn, &cycle.id, &proposal.id)?
        .into_iter()
        .map(|(weight, marks)| {
            Ok((
                weight,
                serde_json::from_str::<Ballot>(&marks).map_err(json)?,
            ))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let tally = tally::count(
        cycle.rules,
        content.option_count(),
        row.eligible_voters.unwrap_or(0),
        row.eligible_weight.unwrap_or(0),
        &ballots,
    );
    let (outcome, funded) = match &content {
        ProposalContent::Budget { options } => {
            // The pool is the city's, set on the cycle; what an earlier budget proposal of the
            // same cycle took is no longer there to share.
            let costs: Vec<i64> = options.iter().map(|o| o.cost).collect();
            let funded = if tally.quorum_met {
                tally::allocate((*pool_left).max(0), &costs, &tally.support)
            } else {
                Vec::new()
            };
            let spent: i64 = funded.iter().filter_map(|i| costs.get(*i)).sum();
            *pool_left -= spent;
            let outcome = match (tally.quorum_met, funded.is_empty()) {
                (false, _) => Outcome::NoQuorum,
                (true, true) => Outcome::Rejected,
                (true, false) => Outcome::Passed,
            };
            (outcome, funded)
        }
        _ => (tally.yes_no(), Vec::new()),
    };
    let enacted = if outcome == Outcome::Passed {
        enact(conn, ctx, proposal, &content, &funded, now)?
    } else {
        Vec::new()
    };
    let decision = ProposalResult {
        outcome,
        tally,
        funded,
        enacted,
    };
    let text = serde_json::to_string(&decision).map_err(json)?;
    if !store::close_proposal(conn, &proposal.id, outcome.as_str(), &text, now)? {
        return Err(AppError::Conflict);
    }
    publications::publish(conn, Kind::Proposal, &proposal.id, Verb::Update, now)?;
    trail::record(
        conn,
        Subject::Proposal,
        &proposal.id,
        outcome.as_str(),
        None,
        &decision.enacted.join("; "),
        now,
    )
}

/// Applies a passed proposal; returns what changed, one line each.
fn enact(
    conn: &mut DbConnection,
    ctx: &Ctx,
    proposal: &ProposalRow,
    content: &ProposalContent,
    funded: &[usize],
    now: NaiveDateTime,
) -> Result<Vec<String>, AppError> {
    let mut enacted = Vec::new();
    match content {
        ProposalContent::Policy => enacted.push("policy adopted".to_owned()),
        ProposalContent::ParameterChange { changes } => {
            for change in changes {
                let parameter = change.parameter()?;
                if let Parameter::IssuerBudget(handle) = &parameter {
                    // The budget table stays the one authority for budgets; the change
                    // applies from the next epoch's grant.
                    let Some(org) = org_store::by_handle(conn, handle)? else {
                        continue;
                    };
                    let amount = change.value.parse::<i64>().map_err(|_| {
                        AppError::internal(format!("stored budget value {:?}", change.value))
                    })?;
                    budget_store::set_budget(
                        conn,
                        &budget_store::BudgetRow {
                            organization_id: org.id.clone(),
                            amount,
                            updated_at: now,
                            updated_by: format!("proposal:{}", proposal.id),
                        },
                    )?;
                }
                store::set_parameter(
                    conn,
                    &ParameterRow {
                        name: change.name.clone(),
                        value: change.value.clone(),
                        proposal_id: Some(proposal.id.clone()),
                        set_by: None,
                        set_at: now,
                    },
                    &secrets::new_id(),
                )?;
                crate::privileged_log::record(
                    conn,
                    &crate::privileged_log::Entry::new(
                        None,
                        crate::privileged_log::Capacity::Operator,
                        crate::privileged_log::PrivilegedAction::ParameterEnacted,
                        crate::privileged_log::Subject::Parameter,
                        &change.name,
                        now,
                    )
                    .detail(serde_json::json!({
                        "value": change.value,
                        "proposal_id": proposal.id,
                    })),
                )?;
                enacted.push(format!("{} = {}", change.name, change.value));
            }
        }
        ProposalContent::Budget { options, .. } => {
            // Funded options are paid from the city's CITY mint to each organization's
            // account with `adjust` entries, in the ledger's chain like every movement.
            let mut journal = Journal::lock(conn, ctx)?;
            let op = Operation::new(format!("proposal:{}:budget", proposal.id), "budget");
            if journal.begin::<Vec<i64>>(conn, &op)?.is_none() {
                let mut seqs = Vec::new();
                for i in funded {
                    let Some(option) = options.get(*i) else {
                        continue;
                    };
                    let org = org_store::by_handle(conn, &option.organization)?
                        .ok_or(AppError::OrganizationNotApproved)?;
                    let entry = journal.post(
                        conn,
                        &op,
                        NewEntry {
                            kind: EntryKind::Adjust,
                            currency: Currency::City,
                            from: AccountId::mint(Currency::City),
                            to: AccountId::organization(&org.id),
                            amount: Amount::new(option.cost)?,
                            organization_id: Some(org.id.clone()),
                            category: None,
                            memo: format!("proposal:{}", proposal.id),
                        },
                    )?;
                    seqs.push(entry.seq);
                    enacted.push(format!(
                        "{} → {}: {} CITY",
                        option.title,
                        option.organization,
                        Currency::City.format(option.cost)
                    ));
                }
                journal.finish(conn, &op, &seqs)?;
            }
        }
        ProposalContent::AdoptModel { model_url } => {
            // The federation fetches and installs adopted models.
            store::record_adoption(conn, &proposal.id, model_url, now)?;
            enacted.push(format!("adopt {model_url}"));
        }
    }
    Ok(enacted)
}
