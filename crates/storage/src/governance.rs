//! Decision cycles, proposals, VOTE snapshots, ballots, comments and their moderation, and
//! the city parameters decisions set.

use crate::schema::{
    adopted_models, ballots, city_parameters, comment_reports, cycles, ledger_accounts,
    moderation_log, parameter_changes, proposal_comments, proposals, users, vote_snapshots,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::governance::{ProposalKind, ProposalState};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cycles)]
pub struct CycleRow {
    pub id: String,
    pub title: String,
    pub description: String,
    pub proposals_at: NaiveDateTime,
    pub deliberation_at: NaiveDateTime,
    pub voting_at: NaiveDateTime,
    pub results_at: NaiveDateTime,
    pub phase: String,
    pub method: String,
    pub quorum_percent: i64,
    pub min_vote: i64,
    pub eligible_voters: Option<i64>,
    pub eligible_weight: Option<i64>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The CITY (hundredths) the city shares out among the cycle's budget proposals; 0: none.
    pub budget_pool: i64,
}

pub fn insert_cycle(conn: &mut DbConnection, row: &CycleRow) -> Result<(), StorageError> {
    diesel::insert_into(cycles::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn cycle(conn: &mut DbConnection, id: &str) -> Result<Option<CycleRow>, StorageError> {
    Ok(cycles::table
        .find(id)
        .select(CycleRow::as_select())
        .first(conn)
        .optional()?)
}

/// A cycle, locked against phase changes: `FOR UPDATE` by whoever changes its phase or
/// rules, `FOR SHARE` by a ballot (so a ballot and the close never overlap). SQLite's
/// `BEGIN IMMEDIATE` already serializes writers.
pub fn lock_cycle(
    conn: &mut DbConnection,
    id: &str,
    exclusive: bool,
) -> Result<Option<CycleRow>, StorageError> {
    let query = cycles::table.find(id);
    Ok(match conn {
        DbConnection::Postgresql(pg) if exclusive => query
            .select(CycleRow::as_select())
            .for_update()
            .first(pg)
            .optional()?,
        DbConnection::Postgresql(pg) => query
            .select(CycleRow::as_select())
            .for_share()
            .first(pg)
            .optional()?,
        DbConnection::Sqlite(lite) => query.select(CycleRow::as_select()).first(lite).optional()?,
    })
}

/// Cycles, newest voting date first.
pub fn cycles(conn: &mut DbConnection, limit: i64) -> Result<Vec<CycleRow>, StorageError> {
    Ok(cycles::table
        .order((cycles::voting_at.desc(), cycles::id))
        .limit(limit)
        .select(CycleRow::as_select())
        .load(conn)?)
}

/// Cycles whose next phase has begun by `now` (not yet in results).
pub fn cycles_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<Vec<String>, StorageError> {
    Ok(cycles::table
        .filter(
            (cycles::phase
                .eq("upcoming")
                .and(cycles::proposals_at.le(now)))
            .or(cycles::phase
                .eq("proposals")
                .and(cycles::deliberation_at.le(now)))
            .or(cycles::phase
                .eq("deliberation")
                .and(cycles::voting_at.le(now)))
            .or(cycles::phase.eq("voting").and(cycles::results_at.le(now))),
        )
        .order(cycles::proposals_at)
        .select(cycles::id)
        .load(conn)?)
}

pub fn update_cycle(conn: &mut DbConnection, row: &CycleRow) -> Result<(), StorageError> {
    diesel::update(cycles::table.find(&row.id))
        .set((
            cycles::title.eq(&row.title),
            cycles::description.eq(&row.description),
            cycles::proposals_at.eq(row.proposals_at),
            cycles::deliberation_at.eq(row.deliberation_at),
            cycles::voting_at.eq(row.voting_at),
            cycles::results_at.eq(row.results_at),
            cycles::phase.eq(&row.phase),
            cycles::method.eq(&row.method),
            cycles::quorum_percent.eq(row.quorum_percent),
            cycles::min_vote.eq(row.min_vote),
            cycles::eligible_voters.eq(row.eligible_voters),
            cycles::eligible_weight.eq(row.eligible_weight),
            cycles::updated_at.eq(row.updated_at),
            cycles::budget_pool.eq(row.budget_pool),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = proposals)]
pub struct ProposalRow {
    pub id: String,
    pub cycle_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: ProposalKind,
    pub title: String,
    pub body: String,
    pub content: String,
    pub author_id: String,
    pub organization_id: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: ProposalState,
    pub tally: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

pub fn insert_proposal(conn: &mut DbConnection, row: &ProposalRow) -> Result<(), StorageError> {
    diesel::insert_into(proposals::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn proposal(conn: &mut DbConnection, id: &str) -> Result<Option<ProposalRow>, StorageError> {
    Ok(proposals::table
        .find(id)
        .select(ProposalRow::as_select())
        .first(conn)
        .optional()?)
}

/// A cycle's proposals with their authors' usernames, oldest first.
pub fn proposals_of(
    conn: &mut DbConnection,
    cycle_id: &str,
) -> Result<Vec<(ProposalRow, String)>, StorageError> {
    Ok(proposals::table
        .inner_join(users::table)
        .filter(proposals::cycle_id.eq(cycle_id))
        .order((proposals::created_at, proposals::id))
        .select((ProposalRow::as_select(), users::username))
        .load(conn)?)
}

/// Edits a proposal's text and content while it is `open`; false otherwise.
pub fn edit_proposal(
    conn: &mut DbConnection,
    id: &str,
    title: &str,
    body: &str,
    content: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        proposals::table
            .find(id)
            .filter(proposals::state.eq("open")),
    )
    .set((
        proposals::title.eq(title),
        proposals::body.eq(body),
        proposals::content.eq(content),
        proposals::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Moves a proposal from `from` to `to`; false if it was not in `from`.
pub fn set_proposal_state(
    conn: &mut DbConnection,
    id: &str,
    from: ProposalState,
    to: ProposalState,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        proposals::table
            .find(id)
            .filter(proposals::state.eq(from.as_str())),
    )
    .set((
        proposals::state.eq(to.as_str()),
        proposals::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Seals a voting proposal with its outcome and tally; false if it was closed already.
pub fn close_proposal(
    conn: &mut DbConnection,
    id: &str,
    outcome: &str,
    tally: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        proposals::table
            .find(id)
            .filter(proposals::state.eq("voting"))
            .filter(proposals::tally.is_null()),
    )
    .set((
        proposals::state.eq(outcome),
        proposals::tally.eq(Some(tally)),
        proposals::closed_at.eq(Some(at)),
        proposals::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Residents eligible to vote: a verified email and at least `min_vote` VOTE now, with
/// their balances, by user id.
pub fn vote_holders(
    conn: &mut DbConnection,
    min_vote: i64,
) -> Result<Vec<(String, i64)>, StorageError> {
    Ok(ledger_accounts::table
        .inner_join(users::table.on(users::id.eq(ledger_accounts::owner)))
        .filter(users::email_verified_at.is_not_null())
        .filter(ledger_accounts::kind.eq("resident"))
        .filter(ledger_accounts::currency.eq("VOTE"))
        .filter(ledger_accounts::balance.ge(min_vote.max(1)))
        .order(ledger_accounts::owner)
        .select((ledger_accounts::owner, ledger_accounts::balance))
        .load(conn)?)
}

/// Records a cycle's snapshot (in the caller's transaction).
pub fn insert_snapshot(
    conn: &mut DbConnection,
    cycle_id: &str,
    holders: &[(String, i64)],
) -> Result<(), StorageError> {
    for (user, weight) in holders {
        diesel::insert_into(vote_snapshots::table)
            .values((
                vote_snapshots::cycle_id.eq(cycle_id),
                vote_snapshots::user_id.eq(user),
                vote_snapshots::weight.eq(*weight),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A resident's snapshot weight in a cycle, locked (`FOR UPDATE` on PostgreSQL) so one
/// voter's ballots are written one at a time.
pub fn lock_snapshot(
    conn: &mut DbConnection,
    cycle_id: &str,
    user_id: &str,
) -> Result<Option<i64>, StorageError> {
    let query = || {
        vote_snapshots::table
            .find((cycle_id, user_id))
            .select(vote_snapshots::weight)
    };
    Ok(match conn {
        DbConnection::Postgresql(pg) => query().for_update().first(pg).optional()?,
        DbConnection::Sqlite(lite) => query().first(lite).optional()?,
    })
}

pub fn snapshot_weight(
    conn: &mut DbConnection,
    cycle_id: &str,
    user_id: &str,
) -> Result<Option<i64>, StorageError> {
    Ok(vote_snapshots::table
        .find((cycle_id, user_id))
        .select(vote_snapshots::weight)
        .first(conn)
        .optional()?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ballots)]
pub struct BallotRow {
    pub proposal_id: String,
    pub voter_id: String,
    pub marks: String,
    pub cast_at: NaiveDateTime,
}

/// Writes a voter's ballot, replacing the one before. Call with the voter's snapshot row
/// locked (`lock_snapshot`), so two submissions cannot both insert.
pub fn put_ballot(conn: &mut DbConnection, row: &BallotRow) -> Result<(), StorageError> {
    let updated = diesel::update(ballots::table.find((&row.proposal_id, &row.voter_id)))
        .set((
            ballots::marks.eq(&row.marks),
            ballots::cast_at.eq(row.cast_at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(ballots::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

pub fn ballot(
    conn: &mut DbConnection,
    proposal_id: &str,
    voter_id: &str,
) -> Result<Option<BallotRow>, StorageError> {
    Ok(ballots::table
        .find((proposal_id, voter_id))
        .select(BallotRow::as_select())
        .first(conn)
        .optional()?)
}

/// Every ballot on a proposal with its voter's snapshot weight, for the tally.
pub fn weighted_ballots(
    conn: &mut DbConnection,
    cycle_id: &str,
    proposal_id: &str,
) -> Result<Vec<(i64, String)>, StorageError> {
    Ok(ballots::table
        .inner_join(
            vote_snapshots::table.on(vote_snapshots::user_id
                .eq(ballots::voter_id)
                .and(vote_snapshots::cycle_id.eq(cycle_id))),
        )
        .filter(ballots::proposal_id.eq(proposal_id))
        .order(ballots::voter_id)
        .select((vote_snapshots::weight, ballots::marks))
        .load(conn)?)
}

pub fn ballot_count(conn: &mut DbConnection, proposal_id: &str) -> Result<i64, StorageError> {
    Ok(ballots::table
        .filter(ballots::proposal_id.eq(proposal_id))
        .count()
        .get_result(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = proposal_comments)]
pub struct CommentRow {
    pub id: String,
    pub proposal_id: String,
    pub parent_id: Option<String>,
    pub author_id: String,
    pub body: String,
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert_comment(conn: &mut DbConnection, row: &CommentRow) -> Result<(), StorageError> {
    diesel::insert_into(proposal_comments::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn comment(conn: &mut DbConnection, id: &str) -> Result<Option<CommentRow>, StorageError> {
    Ok(proposal_comments::table
        .find(id)
        .select(CommentRow::as_select())
        .first(conn)
        .optional()?)
}

/// A proposal's comments with their authors' usernames and report counts, oldest first.
pub fn comments_of(
    conn: &mut DbConnection,
    proposal_id: &str,
) -> Result<Vec<(CommentRow, String, i64)>, StorageError> {
    let rows: Vec<(CommentRow, String)> = proposal_comments::table
        .inner_join(users::table)
        .filter(proposal_comments::proposal_id.eq(proposal_id))
        .order((proposal_comments::created_at, proposal_comments::id))
        .select((CommentRow::as_select(), users::username))
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|(c, _)| c.id.as_str()).collect();
    let counts: Vec<(String, i64)> = comment_reports::table
        .filter(comment_reports::comment_id.eq_any(&ids))
        .group_by(comment_reports::comment_id)
        .select((comment_reports::comment_id, diesel::dsl::count_star()))
        .load(conn)?;
    let counts: std::collections::HashMap<String, i64> = counts.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|(c, name)| {
            let reports = counts.get(&c.id).copied().unwrap_or(0);
            (c, name, reports)
        })
        .collect())
}

/// Records a report; false if this reporter had reported the comment already.
pub fn report_comment(
    conn: &mut DbConnection,
    comment_id: &str,
    reporter_id: &str,
    reason: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let exists = comment_reports::table
        .find((comment_id, reporter_id))
        .count()
        .get_result::<i64>(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(comment_reports::table)
        .values((
            comment_reports::comment_id.eq(comment_id),
            comment_reports::reporter_id.eq(reporter_id),
            comment_reports::reason.eq(reason),
            comment_reports::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Comments reported and still visible, most reported first, with their proposal's title.
pub fn reported_comments(
    conn: &mut DbConnection,
) -> Result<Vec<(CommentRow, String, i64)>, StorageError> {
    let counts: std::collections::HashMap<String, i64> = comment_reports::table
        .group_by(comment_reports::comment_id)
        .select((comment_reports::comment_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let ids: Vec<&String> = counts.keys().collect();
    let rows: Vec<(CommentRow, String)> = proposal_comments::table
        .inner_join(proposals::table.on(proposals::id.eq(proposal_comments::proposal_id)))
        .filter(proposal_comments::id.eq_any(ids))
        .filter(proposal_comments::hidden_reason.is_null())
        .select((CommentRow::as_select(), proposals::title))
        .load(conn)?;
    let mut out: Vec<_> = rows
        .into_iter()
        .map(|(comment, title)| {
            let reports = counts.get(&comment.id).copied().unwrap_or(0);
            (comment, title, reports)
        })
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.created_at.cmp(&b.0.created_at)));
    Ok(out)
}

/// Hides (with a reason) or restores (`None`) a comment; false if already so.
pub fn set_hidden(
    conn: &mut DbConnection,
    comment_id: &str,
    reason: Option<&str>,
    moderator_id: &str,
) -> Result<bool, StorageError> {
    let target = proposal_comments::table.find(comment_id);
    let n = match reason {
        Some(reason) => diesel::update(target.filter(proposal_comments::hidden_reason.is_null()))
            .set((
                proposal_comments::hidden_reason.eq(Some(reason)),
                proposal_comments::hidden_by.eq(Some(moderator_id)),
            ))
            .execute(conn)?,
        None => diesel::update(target.filter(proposal_comments::hidden_reason.is_not_null()))
            .set((
                proposal_comments::hidden_reason.eq(None::<String>),
                proposal_comments::hidden_by.eq(None::<String>),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = moderation_log)]
pub struct ModerationRow {
    pub id: String,
    pub proposal_id: String,
    pub comment_id: String,
    pub moderator_id: String,
    pub action: String,
    pub reason: String,
    pub created_at: NaiveDateTime,
}

pub fn log_moderation(conn: &mut DbConnection, row: &ModerationRow) -> Result<(), StorageError> {
    diesel::insert_into(moderation_log::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The moderation log, newest first, with each moderator's username and the proposal's
/// title; for one proposal or the whole city.
pub fn moderation(
    conn: &mut DbConnection,
    proposal_id: Option<&str>,
    limit: i64,
) -> Result<Vec<(ModerationRow, String, String)>, StorageError> {
    let mut query = moderation_log::table
        .inner_join(users::table.on(users::id.eq(moderation_log::moderator_id)))
        .inner_join(proposals::table.on(proposals::id.eq(moderation_log::proposal_id)))
        .select((
            ModerationRow::as_select(),
            users::username,
            proposals::title,
        ))
        .order((moderation_log::created_at.desc(), moderation_log::id))
        .limit(limit)
        .into_boxed();
    if let Some(id) = proposal_id {
        query = query.filter(moderation_log::proposal_id.eq(id.to_owned()));
    }
    Ok(query.load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = city_parameters)]
pub struct ParameterRow {
    pub name: String,
    pub value: String,
    pub proposal_id: Option<String>,
    pub set_by: Option<String>,
    pub set_at: NaiveDateTime,
}

pub fn parameters(conn: &mut DbConnection) -> Result<Vec<ParameterRow>, StorageError> {
    Ok(city_parameters::table
        .order(city_parameters::name)
        .select(ParameterRow::as_select())
        .load(conn)?)
}

pub fn parameter(
    conn: &mut DbConnection,
    name: &str,
) -> Result<Option<ParameterRow>, StorageError> {
    Ok(city_parameters::table
        .find(name)
        .select(ParameterRow::as_select())
        .first(conn)
        .optional()?)
}

/// Sets a parameter and appends the change to its history.
pub fn set_parameter(
    conn: &mut DbConnection,
    row: &ParameterRow,
    change_id: &str,
) -> Result<(), StorageError> {
    let old = parameter(conn, &row.name)?.map(|p| p.value);
    diesel::delete(city_parameters::table.find(&row.name)).execute(conn)?;
    diesel::insert_into(city_parameters::table)
        .values(row)
        .execute(conn)?;
    diesel::insert_into(parameter_changes::table)
        .values((
            parameter_changes::id.eq(change_id),
            parameter_changes::name.eq(&row.name),
            parameter_changes::old_value.eq(old),
            parameter_changes::new_value.eq(&row.value),
            parameter_changes::proposal_id.eq(&row.proposal_id),
            parameter_changes::changed_by.eq(&row.set_by),
            parameter_changes::changed_at.eq(row.set_at),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = parameter_changes)]
pub struct ParameterChangeRow {
    pub id: String,
    pub name: String,
    pub old_value: Option<String>,
    pub new_value: String,
    pub proposal_id: Option<String>,
    pub changed_by: Option<String>,
    pub changed_at: NaiveDateTime,
}

/// The history of parameter changes, newest first.
pub fn parameter_history(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<ParameterChangeRow>, StorageError> {
    Ok(parameter_changes::table
        .order((parameter_changes::changed_at.desc(), parameter_changes::id))
        .limit(limit)
        .select(ParameterChangeRow::as_select())
        .load(conn)?)
}

pub fn record_adoption(
    conn: &mut DbConnection,
    proposal_id: &str,
    model_url: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::insert_into(adopted_models::table)
        .values((
            adopted_models::proposal_id.eq(proposal_id),
            adopted_models::model_url.eq(model_url),
            adopted_models::state.eq("pending"),
            adopted_models::decided_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A decided adoption: the model's address, `pending` / `installed` / `failed`, and a detail
/// (how many templates were installed, or the reason it failed).
pub fn adoption(
    conn: &mut DbConnection,
    proposal_id: &str,
) -> Result<Option<(String, String, Option<String>)>, StorageError> {
    Ok(adopted_models::table
        .find(proposal_id)
        .select((
            adopted_models::model_url,
            adopted_models::state,
            adopted_models::detail,
        ))
        .first(conn)
        .optional()?)
}

/// Ends a pending adoption; false when it was no longer pending (another worker ended it).
pub fn finish_adoption(
    conn: &mut DbConnection,
    proposal_id: &str,
    state: &str,
    detail: &str,
) -> Result<bool, StorageError> {
    let changed = diesel::update(
        adopted_models::table
            .find(proposal_id)
            .filter(adopted_models::state.eq("pending")),
    )
    .set((
        adopted_models::state.eq(state),
        adopted_models::detail.eq(detail),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Models the city decided to adopt and the federation has not installed yet.
pub fn pending_adoptions(conn: &mut DbConnection) -> Result<Vec<(String, String)>, StorageError> {
    Ok(adopted_models::table
        .filter(adopted_models::state.eq("pending"))
        .order(adopted_models::decided_at)
        .select((adopted_models::proposal_id, adopted_models::model_url))
        .load(conn)?)
}
