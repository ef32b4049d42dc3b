//! Remote participations (issue 24): a fediverse account that joined an opportunity with a
//! signed `Join`. Their places are counted with the active claims in
//! [`crate::catalog::active_claim_count`].

use crate::schema::remote_participations;
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::RemoteParticipationState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = remote_participations)]
pub struct RemoteParticipationRow {
    pub id: String,
    pub opportunity_id: String,
    /// The actor's id (a URL).
    pub actor: String,
    /// `@user@host`, as the organization reads it.
    pub handle: String,
    pub inbox: String,
    /// The id of the `Join` that took the place.
    pub join_activity: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: RemoteParticipationState,
    pub joined_at: NaiveDateTime,
    pub left_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &RemoteParticipationRow) -> Result<(), StorageError> {
    diesel::insert_into(remote_participations::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

/// `actor`'s place on the opportunity, if it holds one.
pub fn joined_of(
    conn: &mut DbConnection,
    opportunity_id: &str,
    actor: &str,
) -> Result<Option<RemoteParticipationRow>, StorageError> {
    Ok(remote_participations::table
        .filter(remote_participations::opportunity_id.eq(opportunity_id))
        .filter(remote_participations::actor.eq(actor))
        .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str()))
        .select(RemoteParticipationRow::as_select())
        .first(conn)
        .optional()?)
}

/// `actor` gives its place on the opportunity back; false if it held none.
pub fn leave(
    conn: &mut DbConnection,
    opportunity_id: &str,
    actor: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        remote_participations::table
            .filter(remote_participations::opportunity_id.eq(opportunity_id))
            .filter(remote_participations::actor.eq(actor))
            .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str())),
    )
    .set((
        remote_participations::state.eq(RemoteParticipationState::Left.as_str()),
        remote_participations::left_at.eq(Some(at)),
    ))
    .execute(conn)?;
    Ok(n > 0)
}

/// The opportunity's remote participants holding a place, first joined first.
pub fn joined(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<RemoteParticipationRow>, StorageError> {
    Ok(remote_participations::table
        .filter(remote_participations::opportunity_id.eq(opportunity_id))
        .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str()))
        .order((
            remote_participations::joined_at.asc(),
            remote_participations::id.asc(),
        ))
        .select(RemoteParticipationRow::as_select())
        .load(conn)?)
}

/// The remote participants holding a place on any opportunity of an organization, by
/// opportunity then first joined.
pub fn joined_in_organization(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<RemoteParticipationRow>, StorageError> {
    use crate::schema::opportunities;
    Ok(remote_participations::table
        .inner_join(opportunities::table)
        .filter(opportunities::organization_id.eq(organization_id))
        .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str()))
        .order((
            opportunities::starts_at.asc(),
            remote_participations::opportunity_id.asc(),
            remote_participations::joined_at.asc(),
            remote_participations::id.asc(),
        ))
        .select(RemoteParticipationRow::as_select())
        .load(conn)?)
}

/// Every place `actor` holds, on any opportunity, oldest first.
pub fn joined_by_actor(
    conn: &mut DbConnection,
    actor: &str,
) -> Result<Vec<RemoteParticipationRow>, StorageError> {
    Ok(remote_participations::table
        .filter(remote_participations::actor.eq(actor))
        .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str()))
        .order((
            remote_participations::joined_at.asc(),
            remote_participations::id.asc(),
        ))
        .select(RemoteParticipationRow::as_select())
        .load(conn)?)
}

/// The participation's place passes to a claim (see [`RemoteParticipationState::Claimed`]); false if it no
/// longer held one.
pub fn mark_claimed(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        remote_participations::table
            .find(id)
            .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str())),
    )
    .set((
        remote_participations::state.eq(RemoteParticipationState::Claimed.as_str()),
        remote_participations::left_at.eq(Some(at)),
    ))
    .execute(conn)?;
    Ok(n > 0)
}
