//! Waiting lists of full opportunities and the group (party) columns of claims (issue 26).
//!
//! Every write here is called under the opportunity's lock (`catalog::opportunity_for_claim`
//! on PostgreSQL, the exclusive write transaction on SQLite), and each state change is a
//! compare-and-set on the stored state, so two workers never move the same entry twice.

use crate::schema::{claims, waitlist_entries};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::WaitlistState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = waitlist_entries)]
pub struct WaitlistEntryRow {
    pub id: String,
    pub opportunity_id: String,
    pub resident_id: String,
    pub position: i32,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: WaitlistState,
    pub joined_at: NaiveDateTime,
    pub offered_at: Option<NaiveDateTime>,
    pub offer_ends_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
}

pub fn insert_entry(conn: &mut DbConnection, row: &WaitlistEntryRow) -> Result<(), StorageError> {
    diesel::insert_into(waitlist_entries::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

/// The next position on an opportunity's list (1 for the first entry ever).
pub fn next_position(conn: &mut DbConnection, opportunity_id: &str) -> Result<i32, StorageError> {
    let last: Option<i32> = waitlist_entries::table
        .filter(waitlist_entries::opportunity_id.eq(opportunity_id))
        .select(diesel::dsl::max(waitlist_entries::position))
        .first(conn)?;
    Ok(last.unwrap_or(0) + 1)
}

/// The resident's open (waiting or offered) entry on an opportunity, if any.
pub fn open_entry_of(
    conn: &mut DbConnection,
    opportunity_id: &str,
    resident_id: &str,
) -> Result<Option<WaitlistEntryRow>, StorageError> {
    Ok(waitlist_entries::table
        .filter(waitlist_entries::opportunity_id.eq(opportunity_id))
        .filter(waitlist_entries::resident_id.eq(resident_id))
        .filter(waitlist_entries::state.eq_any([
            WaitlistState::Waiting.as_str(),
            WaitlistState::Offered.as_str(),
        ]))
        .select(WaitlistEntryRow::as_select())
        .first(conn)
        .optional()?)
}

/// An opportunity's entries in `state`, first position first.
pub fn entries_in(
    conn: &mut DbConnection,
    opportunity_id: &str,
    state: WaitlistState,
    limit: i64,
) -> Result<Vec<WaitlistEntryRow>, StorageError> {
    Ok(waitlist_entries::table
        .filter(waitlist_entries::opportunity_id.eq(opportunity_id))
        .filter(waitlist_entries::state.eq(state.as_str()))
        .order(waitlist_entries::position.asc())
        .limit(limit)
        .select(WaitlistEntryRow::as_select())
        .load(conn)?)
}

/// How many wait on an opportunity, and how many of them are ahead of `position`.
pub fn waiting_count(
    conn: &mut DbConnection,
    opportunity_id: &str,
    before_position: Option<i32>,
) -> Result<i64, StorageError> {
    let mut query = waitlist_entries::table
        .filter(waitlist_entries::opportunity_id.eq(opportunity_id))
        .filter(waitlist_entries::state.eq(WaitlistState::Waiting.as_str()))
        .into_boxed();
    if let Some(p) = before_position {
        query = query.filter(waitlist_entries::position.lt(p));
    }
    Ok(query.count().get_result(conn)?)
}

/// Places held by open offers on one opportunity.
pub fn offered_count(conn: &mut DbConnection, opportunity_id: &str) -> Result<i64, StorageError> {
    Ok(waitlist_entries::table
        .filter(waitlist_entries::opportunity_id.eq(opportunity_id))
        .filter(waitlist_entries::state.eq(WaitlistState::Offered.as_str()))
        .count()
        .get_result(conn)?)
}

/// Places held by open offers, per opportunity of `ids` (those with none left out).
pub fn offered_counts(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<Vec<(String, i64)>, StorageError> {
    Ok(waitlist_entries::table
        .filter(waitlist_entries::opportunity_id.eq_any(ids))
        .filter(waitlist_entries::state.eq(WaitlistState::Offered.as_str()))
        .group_by(waitlist_entries::opportunity_id)
        .select((waitlist_entries::opportunity_id, diesel::dsl::count_star()))
        .load(conn)?)
}

/// Offers whose time ended before `now`, oldest first.
pub fn lapsed_offers(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<WaitlistEntryRow>, StorageError> {
    Ok(waitlist_entries::table
        .filter(waitlist_entries::state.eq(WaitlistState::Offered.as_str()))
        .filter(waitlist_entries::offer_ends_at.le(now))
        .order((
            waitlist_entries::offer_ends_at.asc(),
            waitlist_entries::id.asc(),
        ))
        .limit(limit)
        .select(WaitlistEntryRow::as_select())
        .load(conn)?)
}

/// Offers a place to a waiting entry; false if it was no longer waiting.
pub fn offer(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
    ends_at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        waitlist_entries::table
            .filter(waitlist_entries::id.eq(id))
            .filter(waitlist_entries::state.eq(WaitlistState::Waiting.as_str())),
    )
    .set((
        waitlist_entries::state.eq(WaitlistState::Offered.as_str()),
        waitlist_entries::offered_at.eq(Some(at)),
        waitlist_entries::offer_ends_at.eq(Some(ends_at)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Closes an entry from `from` to `to` (taken, declined, lapsed, left); false if another
/// request moved it first. `ended_by` (for lapsing) only closes offers ended by then.
pub fn close(
    conn: &mut DbConnection,
    id: &str,
    from: WaitlistState,
    to: WaitlistState,
    at: NaiveDateTime,
    ended_by: Option<NaiveDateTime>,
) -> Result<bool, StorageError> {
    let mut query = diesel::update(waitlist_entries::table)
        .filter(waitlist_entries::id.eq(id))
        .filter(waitlist_entries::state.eq(from.as_str()))
        .into_boxed();
    if let Some(t) = ended_by {
        query = query.filter(waitlist_entries::offer_ends_at.le(t));
    }
    let n = query
        .set((
            waitlist_entries::state.eq(to.as_str()),
            waitlist_entries::closed_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// A claim's group columns: (party size, the group's claim for a member, the join code).
pub type PartyColumns = (i32, Option<String>, Option<String>);

pub fn party_of_claim(
    conn: &mut DbConnection,
    claim_id: &str,
) -> Result<Option<PartyColumns>, StorageError> {
    Ok(claims::table
        .find(claim_id)
        .select((claims::party_size, claims::party_of, claims::party_code))
        .first(conn)
        .optional()?)
}

/// Makes a fresh claim a group's: `size` places and the code its friends join with.
pub fn set_party(
    conn: &mut DbConnection,
    claim_id: &str,
    size: i32,
    code: Option<&str>,
) -> Result<(), StorageError> {
    diesel::update(claims::table.find(claim_id))
        .set((claims::party_size.eq(size), claims::party_code.eq(code)))
        .execute(conn)?;
    Ok(())
}

/// Makes a fresh claim a member's of the group claim `party_of`: it holds no place of its
/// own and carries the group's reward.
pub fn set_member(
    conn: &mut DbConnection,
    claim_id: &str,
    party_of: &str,
    (template_version, reward_city, reward_vote): (i32, i64, i64),
) -> Result<(), StorageError> {
    diesel::update(claims::table.find(claim_id))
        .set((
            claims::party_size.eq(0),
            claims::party_of.eq(Some(party_of)),
            claims::template_version.eq(template_version),
            claims::reward_city.eq(reward_city),
            claims::reward_vote.eq(reward_vote),
        ))
        .execute(conn)?;
    Ok(())
}

/// The group claim a join code belongs to.
pub fn claim_by_party_code(
    conn: &mut DbConnection,
    code: &str,
) -> Result<Option<crate::claims::ClaimRow>, StorageError> {
    Ok(claims::table
        .filter(claims::party_code.eq(code))
        .select(crate::claims::ClaimRow::as_select())
        .first(conn)
        .optional()?)
}

/// The members' claims of a group claim (every state), with their usernames, oldest first.
pub fn members_of(
    conn: &mut DbConnection,
    party_claim_id: &str,
) -> Result<Vec<(crate::claims::ClaimRow, String)>, StorageError> {
    use crate::schema::users;
    Ok(claims::table
        .inner_join(users::table)
        .filter(claims::party_of.eq(party_claim_id))
        .order((claims::claimed_at.asc(), claims::id.asc()))
        .select((crate::claims::ClaimRow::as_select(), users::username))
        .load(conn)?)
}
