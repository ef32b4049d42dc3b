//! Co-issued opportunities: the partner organizations of an opportunity, their shares of
//! the CITY reward and their invitations.

use crate::schema::{opportunity_partners, organizations};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::partners::PartnerState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = opportunity_partners)]
pub struct PartnerRow {
    pub opportunity_id: String,
    pub organization_id: String,
    /// Minor units of CITY this partner's budget pays per verified contribution.
    pub share_city: i64,
    /// Whether this partner's verifiers may decide the opportunity's submissions.
    pub verifies: bool,
    /// `invited`, `accepted`, `declined` or `withdrawn`.
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: PartnerState,
    pub invited_by: String,
    pub invited_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &PartnerRow) -> Result<(), StorageError> {
    diesel::insert_into(opportunity_partners::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

/// Invites again an organization whose earlier invitation was declined or withdrawn (the
/// row is reused: one per opportunity and organization). False if it was in another state.
pub fn reinvite(
    conn: &mut DbConnection,
    row: &PartnerRow,
    from: PartnerState,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        opportunity_partners::table
            .filter(opportunity_partners::opportunity_id.eq(&row.opportunity_id))
            .filter(opportunity_partners::organization_id.eq(&row.organization_id))
            .filter(opportunity_partners::state.eq(from.as_str())),
    )
    .set((
        opportunity_partners::share_city.eq(row.share_city),
        opportunity_partners::verifies.eq(row.verifies),
        opportunity_partners::state.eq(row.state.as_str()),
        opportunity_partners::invited_by.eq(&row.invited_by),
        opportunity_partners::invited_at.eq(row.invited_at),
        opportunity_partners::answered_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?
        == 1)
}

pub fn partner(
    conn: &mut DbConnection,
    opportunity_id: &str,
    organization_id: &str,
) -> Result<Option<PartnerRow>, StorageError> {
    Ok(opportunity_partners::table
        .find((opportunity_id, organization_id))
        .select(PartnerRow::as_select())
        .first(conn)
        .optional()?)
}

/// Moves a partner from state `from` to `to`; false if it was no longer in `from`.
pub fn set_state(
    conn: &mut DbConnection,
    opportunity_id: &str,
    organization_id: &str,
    from: PartnerState,
    to: PartnerState,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        opportunity_partners::table
            .filter(opportunity_partners::opportunity_id.eq(opportunity_id))
            .filter(opportunity_partners::organization_id.eq(organization_id))
            .filter(opportunity_partners::state.eq(from.as_str())),
    )
    .set((
        opportunity_partners::state.eq(to.as_str()),
        opportunity_partners::answered_at.eq(Some(at)),
    ))
    .execute(conn)?
        == 1)
}

/// An opportunity's partners in every state, with each organization's handle and name,
/// in the order they were invited.
pub fn partners_of(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<(PartnerRow, String, String)>, StorageError> {
    Ok(opportunity_partners::table
        .inner_join(
            organizations::table.on(organizations::id.eq(opportunity_partners::organization_id)),
        )
        .filter(opportunity_partners::opportunity_id.eq(opportunity_id))
        .order((
            opportunity_partners::invited_at.asc(),
            organizations::handle.asc(),
        ))
        .select((
            PartnerRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .load(conn)?)
}

/// The accepted partners of an opportunity (those who pay a share), by organization id.
pub fn accepted_of(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<PartnerRow>, StorageError> {
    Ok(opportunity_partners::table
        .filter(opportunity_partners::opportunity_id.eq(opportunity_id))
        .filter(opportunity_partners::state.eq("accepted"))
        .order(opportunity_partners::organization_id.asc())
        .select(PartnerRow::as_select())
        .load(conn)?)
}

/// An organization's invitations waiting for its answer, oldest first.
pub fn pending_for(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<PartnerRow>, StorageError> {
    Ok(opportunity_partners::table
        .filter(opportunity_partners::organization_id.eq(organization_id))
        .filter(opportunity_partners::state.eq("invited"))
        .order(opportunity_partners::invited_at.asc())
        .select(PartnerRow::as_select())
        .load(conn)?)
}

/// How many invitations of an opportunity still wait for an answer.
pub fn pending_count(conn: &mut DbConnection, opportunity_id: &str) -> Result<i64, StorageError> {
    Ok(opportunity_partners::table
        .filter(opportunity_partners::opportunity_id.eq(opportunity_id))
        .filter(opportunity_partners::state.eq("invited"))
        .count()
        .get_result(conn)?)
}

/// Whether `organization_id` is an accepted partner of the opportunity whose verifiers
/// may decide its submissions.
pub fn verifies_for(
    conn: &mut DbConnection,
    opportunity_id: &str,
    organization_id: &str,
) -> Result<bool, StorageError> {
    Ok(partner(conn, opportunity_id, organization_id)?
        .is_some_and(|p| p.state == PartnerState::Accepted && p.verifies))
}

/// The verifying organizations of an opportunity that are partners (accepted, verifies).
pub fn verifying_partners(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<String>, StorageError> {
    Ok(opportunity_partners::table
        .filter(opportunity_partners::opportunity_id.eq(opportunity_id))
        .filter(opportunity_partners::state.eq("accepted"))
        .filter(opportunity_partners::verifies.eq(true))
        .select(opportunity_partners::organization_id)
        .load(conn)?)
}

/// The opportunities an organization co-issues as an accepted, verifying partner.
pub fn verified_by(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<String>, StorageError> {
    Ok(opportunity_partners::table
        .filter(opportunity_partners::organization_id.eq(organization_id))
        .filter(opportunity_partners::state.eq("accepted"))
        .filter(opportunity_partners::verifies.eq(true))
        .select(opportunity_partners::opportunity_id)
        .load(conn)?)
}

/// Takes the opportunity's row lock while it is a draft (so a concurrent publication waits
/// for this change, or this change sees the publication); false if it is not a draft.
pub fn lock_draft(
    conn: &mut DbConnection,
    opportunity_id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    use crate::schema::opportunities;
    Ok(diesel::update(
        opportunities::table
            .filter(opportunities::id.eq(opportunity_id))
            .filter(opportunities::state.eq("draft")),
    )
    .set(opportunities::updated_at.eq(at))
    .execute(conn)?
        == 1)
}
