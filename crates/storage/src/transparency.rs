//! What the transparency dashboard counts over a period `[from, until)`: opportunities
//! published, claims made, decisions on proof, verified contributions, closed proposals,
//! parameters enacted and templates adopted across cities. Everything here is public.

use crate::claims::ContributionRow;
use crate::governance::ProposalRow;
use crate::schema::{
    audit_trail, claims, contributions, cycles, opportunities, parameter_changes, proposals,
    submissions, template_adoptions, template_versions, templates,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Opportunities published in the period: (opportunity id, organization id).
pub fn published(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(String, String)>, StorageError> {
    Ok(audit_trail::table
        .inner_join(opportunities::table.on(opportunities::id.eq(audit_trail::subject_id)))
        .filter(audit_trail::subject_kind.eq("opportunity"))
        .filter(audit_trail::action.eq("published"))
        .filter(audit_trail::occurred_at.ge(from))
        .filter(audit_trail::occurred_at.lt(until))
        .select((opportunities::id, opportunities::organization_id))
        .load(conn)?)
}

/// Claims made in the period: (claim id, organization id).
pub fn claims_made(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(String, String)>, StorageError> {
    Ok(claims::table
        .inner_join(opportunities::table)
        .filter(claims::claimed_at.ge(from))
        .filter(claims::claimed_at.lt(until))
        .select((claims::id, opportunities::organization_id))
        .load(conn)?)
}

/// A decision on proof taken in the period.
#[derive(Debug, Clone, Queryable)]
pub struct DecisionLine {
    pub organization_id: String,
    pub decision: Option<String>,
    pub reject_reason: Option<String>,
    pub submitted_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

pub fn decisions(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<DecisionLine>, StorageError> {
    Ok(submissions::table
        .inner_join(claims::table.inner_join(opportunities::table))
        .filter(submissions::decided_at.ge(from))
        .filter(submissions::decided_at.lt(until))
        .select((
            opportunities::organization_id,
            submissions::decision,
            submissions::reject_reason,
            submissions::submitted_at,
            submissions::decided_at,
        ))
        .load(conn)?)
}

/// Contributions verified in the period, oldest first.
pub fn contributions(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<ContributionRow>, StorageError> {
    Ok(contributions::table
        .filter(contributions::verified_at.ge(from))
        .filter(contributions::verified_at.lt(until))
        .order((contributions::verified_at, contributions::id))
        .select(ContributionRow::as_select())
        .load(conn)?)
}

/// Proposals closed in the period, with their cycle's title.
pub fn closed_proposals(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(ProposalRow, String)>, StorageError> {
    Ok(proposals::table
        .inner_join(cycles::table)
        .filter(proposals::closed_at.ge(from))
        .filter(proposals::closed_at.lt(until))
        .order((proposals::closed_at, proposals::id))
        .select((ProposalRow::as_select(), cycles::title))
        .load(conn)?)
}

/// Parameters changed in the period: (name, old, new, proposal id, when).
pub type ParameterLine = (
    String,
    Option<String>,
    String,
    Option<String>,
    NaiveDateTime,
);

pub fn parameter_changes(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<ParameterLine>, StorageError> {
    Ok(parameter_changes::table
        .filter(parameter_changes::changed_at.ge(from))
        .filter(parameter_changes::changed_at.lt(until))
        .order(parameter_changes::changed_at)
        .select((
            parameter_changes::name,
            parameter_changes::old_value,
            parameter_changes::new_value,
            parameter_changes::proposal_id,
            parameter_changes::changed_at,
        ))
        .load(conn)?)
}

/// This city's templates that other cities adopted in the period: (template id,
/// organization id, adopting domain).
pub fn adopted_by_others(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(String, String, String)>, StorageError> {
    Ok(template_adoptions::table
        .inner_join(templates::table)
        .filter(template_adoptions::adopted_at.ge(from))
        .filter(template_adoptions::adopted_at.lt(until))
        .select((
            templates::id,
            templates::organization_id,
            template_adoptions::adopter_domain,
        ))
        .load(conn)?)
}

/// Templates this city adapted from another city's in the period: (template id,
/// organization id, origin URL).
pub fn adapted_from_others(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(String, String, Option<String>)>, StorageError> {
    Ok(templates::table
        .filter(templates::adapted_from.is_not_null())
        .filter(templates::created_at.ge(from))
        .filter(templates::created_at.lt(until))
        .select((
            templates::id,
            templates::organization_id,
            templates::adapted_from,
        ))
        .load(conn)?)
}

/// A template's title in its current version.
pub fn template_title(conn: &mut DbConnection, id: &str) -> Result<Option<String>, StorageError> {
    Ok(templates::table
        .inner_join(
            template_versions::table.on(template_versions::template_id
                .eq(templates::id)
                .and(template_versions::version.eq(templates::version))),
        )
        .filter(templates::id.eq(id))
        .select(template_versions::title)
        .first(conn)
        .optional()?)
}

/// Journal entries with `memo` (a contribution's mints, a redemption's reserve and burn).
pub fn entries_with_memo(
    conn: &mut DbConnection,
    memos: &[String],
) -> Result<Vec<crate::ledger::EntryRow>, StorageError> {
    use crate::schema::ledger_entries;
    Ok(ledger_entries::table
        .filter(ledger_entries::memo.eq_any(memos))
        .order(ledger_entries::seq)
        .select(crate::ledger::EntryRow::as_select())
        .load(conn)?)
}

/// Entries of `kind` out of `account` after `seq`, oldest first.
pub fn entries_out_after(
    conn: &mut DbConnection,
    account: &str,
    kind: &str,
    seq: i64,
    limit: i64,
) -> Result<Vec<crate::ledger::EntryRow>, StorageError> {
    use crate::schema::ledger_entries;
    Ok(ledger_entries::table
        .filter(ledger_entries::from_account.eq(account))
        .filter(ledger_entries::kind.eq(kind))
        .filter(ledger_entries::seq.gt(seq))
        .order(ledger_entries::seq)
        .limit(limit)
        .select(crate::ledger::EntryRow::as_select())
        .load(conn)?)
}

/// The cycles whose voting `user_id` held VOTE in, opened after `after`: (cycle id,
/// title, VOTE held at the snapshot).
pub fn cycles_voted_with(
    conn: &mut DbConnection,
    user_id: &str,
    after: NaiveDateTime,
) -> Result<Vec<(String, String, i64)>, StorageError> {
    use crate::schema::vote_snapshots;
    Ok(vote_snapshots::table
        .inner_join(cycles::table.on(cycles::id.eq(vote_snapshots::cycle_id)))
        .filter(vote_snapshots::user_id.eq(user_id))
        .filter(vote_snapshots::weight.gt(0))
        .filter(cycles::voting_at.ge(after))
        .order(cycles::voting_at)
        .select((cycles::id, cycles::title, vote_snapshots::weight))
        .load(conn)?)
}

/// Proposals of a cycle that were decided.
pub fn decided_in_cycle(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> Result<Vec<ProposalRow>, StorageError> {
    Ok(proposals::table
        .filter(proposals::cycle_id.eq(cycle_id))
        .filter(proposals::tally.is_not_null())
        .order(proposals::closed_at)
        .select(ProposalRow::as_select())
        .load(conn)?)
}

/// An organization's verified contributions that carry feedback, newest first.
pub fn feedback_of(
    conn: &mut DbConnection,
    organization_id: &str,
    limit: i64,
) -> Result<Vec<ContributionRow>, StorageError> {
    Ok(contributions::table
        .filter(contributions::organization_id.eq(organization_id))
        .filter(contributions::feedback.ne(""))
        .order(contributions::verified_at.desc())
        .limit(limit)
        .select(ContributionRow::as_select())
        .load(conn)?)
}
