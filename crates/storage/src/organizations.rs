//! Organizations, their members and invitations.

use crate::schema::{invitations, memberships, organizations, users};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::organization::InvitationState;
use citysync_domain::organization::OrganizationState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organizations)]
pub struct OrganizationRow {
    pub id: String,
    pub handle: String,
    pub name: String,
    pub description: String,
    pub is_issuer: bool,
    pub is_redeemer: bool,
    pub contact_email: String,
    pub website: Option<String>,
    pub logo_file: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: OrganizationState,
    pub decision_reason: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    /// The postal address, free text ("" when not given).
    pub address: String,
}

pub fn insert(conn: &mut DbConnection, row: &OrganizationRow) -> Result<(), StorageError> {
    diesel::insert_into(organizations::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn by_id(conn: &mut DbConnection, id: &str) -> Result<Option<OrganizationRow>, StorageError> {
    Ok(organizations::table
        .find(id)
        .select(OrganizationRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn by_handle(
    conn: &mut DbConnection,
    handle: &str,
) -> Result<Option<OrganizationRow>, StorageError> {
    Ok(organizations::table
        .filter(organizations::handle.eq(handle))
        .select(OrganizationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Organizations in one state, oldest first (the administrator's queue) or by name.
pub fn in_state(
    conn: &mut DbConnection,
    state: OrganizationState,
    limit: i64,
    offset: i64,
) -> Result<Vec<OrganizationRow>, StorageError> {
    Ok(organizations::table
        .filter(organizations::state.eq(state.as_str()))
        .order((organizations::name.asc(), organizations::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(OrganizationRow::as_select())
        .load(conn)?)
}

pub fn pending(conn: &mut DbConnection) -> Result<Vec<OrganizationRow>, StorageError> {
    Ok(organizations::table
        .filter(organizations::state.eq("pending"))
        .order(organizations::created_at.asc())
        .select(OrganizationRow::as_select())
        .load(conn)?)
}

/// Records the administrator's decision if the organization is still in `from`; false if
/// someone decided first.
pub fn decide(
    conn: &mut DbConnection,
    id: &str,
    from: &str,
    to: &str,
    reason: Option<&str>,
    by: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        organizations::table
            .filter(organizations::id.eq(id))
            .filter(organizations::state.eq(from)),
    )
    .set((
        organizations::state.eq(to),
        organizations::decision_reason.eq(reason),
        organizations::decided_by.eq(by),
        organizations::decided_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct MembershipRow {
    pub organization_id: String,
    pub user_id: String,
    pub role: String,
    pub created_at: NaiveDateTime,
}

pub fn add_member(conn: &mut DbConnection, row: &MembershipRow) -> Result<(), StorageError> {
    diesel::insert_into(memberships::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn membership(
    conn: &mut DbConnection,
    organization_id: &str,
    user_id: &str,
) -> Result<Option<MembershipRow>, StorageError> {
    Ok(memberships::table
        .find((organization_id, user_id))
        .select(MembershipRow::as_select())
        .first(conn)
        .optional()?)
}

/// Members with their usernames, owners first.
pub fn members(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<(MembershipRow, String)>, StorageError> {
    Ok(memberships::table
        .inner_join(users::table)
        .filter(memberships::organization_id.eq(organization_id))
        .order((memberships::role.desc(), users::username.asc()))
        .select((MembershipRow::as_select(), users::username))
        .load(conn)?)
}

pub fn count_with_role(
    conn: &mut DbConnection,
    organization_id: &str,
    role: &str,
) -> Result<i64, StorageError> {
    Ok(memberships::table
        .filter(memberships::organization_id.eq(organization_id))
        .filter(memberships::role.eq(role))
        .count()
        .get_result(conn)?)
}

pub fn set_role(
    conn: &mut DbConnection,
    organization_id: &str,
    user_id: &str,
    role: &str,
) -> Result<(), StorageError> {
    diesel::update(memberships::table.find((organization_id, user_id)))
        .set(memberships::role.eq(role))
        .execute(conn)?;
    Ok(())
}

pub fn remove_member(
    conn: &mut DbConnection,
    organization_id: &str,
    user_id: &str,
) -> Result<(), StorageError> {
    diesel::delete(memberships::table.find((organization_id, user_id))).execute(conn)?;
    Ok(())
}

/// The organizations a person belongs to, with their role.
pub fn of_user(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<(OrganizationRow, String)>, StorageError> {
    Ok(memberships::table
        .inner_join(organizations::table)
        .filter(memberships::user_id.eq(user_id))
        .order(organizations::name.asc())
        .select((OrganizationRow::as_select(), memberships::role))
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invitations)]
pub struct InvitationRow {
    pub id: String,
    pub organization_id: String,
    pub role: String,
    pub invitee_id: String,
    pub invited_by: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: InvitationState,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    /// The email address the invitation was sent to, when it was made by address.
    pub invited_as: Option<String>,
}

pub fn insert_invitation(conn: &mut DbConnection, row: &InvitationRow) -> Result<(), StorageError> {
    diesel::insert_into(invitations::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn invitation(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<InvitationRow>, StorageError> {
    Ok(invitations::table
        .find(id)
        .select(InvitationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Moves a pending invitation to `to`; false if it was no longer pending.
pub fn decide_invitation(
    conn: &mut DbConnection,
    id: &str,
    to: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        invitations::table
            .filter(invitations::id.eq(id))
            .filter(invitations::state.eq("pending")),
    )
    .set((invitations::state.eq(to), invitations::decided_at.eq(at)))
    .execute(conn)?;
    Ok(n == 1)
}

/// A person's pending invitations with the organization's handle and name.
pub fn pending_invitations_for(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<(InvitationRow, String, String)>, StorageError> {
    Ok(invitations::table
        .inner_join(organizations::table)
        .filter(invitations::invitee_id.eq(user_id))
        .filter(invitations::state.eq("pending"))
        .order(invitations::created_at.asc())
        .select((
            InvitationRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .load(conn)?)
}

/// An organization's pending invitations with the invitee's username.
pub fn pending_invitations_of(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<(InvitationRow, String)>, StorageError> {
    Ok(invitations::table
        .inner_join(users::table.on(users::id.eq(invitations::invitee_id)))
        .filter(invitations::organization_id.eq(organization_id))
        .filter(invitations::state.eq("pending"))
        .order(invitations::created_at.asc())
        .select((InvitationRow::as_select(), users::username))
        .load(conn)?)
}

/// An organization's actor keys: RSA public and private PEM and the Ed25519 attestation
/// secret, each `None` until made on first use.
pub type ActorKeys = (Option<String>, Option<String>, Option<String>);

pub fn actor_keys(conn: &mut DbConnection, id: &str) -> Result<ActorKeys, StorageError> {
    Ok(organizations::table
        .find(id)
        .select((
            organizations::public_key_pem,
            organizations::private_key_pem,
            organizations::attestation_key,
        ))
        .first(conn)?)
}

/// Stores keys only where none are stored yet; false when another process was first.
pub fn set_actor_keys_once(
    conn: &mut DbConnection,
    id: &str,
    public_pem: &str,
    private_pem: &str,
    attestation_key: &str,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        organizations::table
            .find(id)
            .filter(organizations::private_key_pem.is_null()),
    )
    .set((
        organizations::public_key_pem.eq(public_pem),
        organizations::private_key_pem.eq(private_pem),
        organizations::attestation_key.eq(attestation_key),
    ))
    .execute(conn)?
        == 1)
}

/// An invitation mailed to an address with no account yet: its link (hashed here) lets
/// the person sign up with that address and join.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::email_invitations)]
pub struct EmailInvitationRow {
    pub id: String,
    pub organization_id: String,
    pub role: String,
    pub email: String,
    pub token_hash: String,
    pub invited_by: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert_email_invitation(
    conn: &mut DbConnection,
    row: &EmailInvitationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(crate::schema::email_invitations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn email_invitation_by_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<EmailInvitationRow>, StorageError> {
    use crate::schema::email_invitations as ei;
    Ok(ei::table
        .filter(ei::token_hash.eq(token_hash))
        .select(EmailInvitationRow::as_select())
        .first(conn)
        .optional()?)
}

/// An organization's mailed invitations still waiting for a sign-up.
pub fn pending_email_invitations_of(
    conn: &mut DbConnection,
    organization_id: &str,
    now: NaiveDateTime,
) -> Result<Vec<EmailInvitationRow>, StorageError> {
    use crate::schema::email_invitations as ei;
    Ok(ei::table
        .filter(ei::organization_id.eq(organization_id))
        .filter(ei::used_at.is_null())
        .filter(ei::expires_at.gt(now))
        .order(ei::created_at.asc())
        .select(EmailInvitationRow::as_select())
        .load(conn)?)
}

/// Spends an email invitation once: false when it was already used.
pub fn use_email_invitation(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    use crate::schema::email_invitations as ei;
    let n = diesel::update(
        ei::table
            .filter(ei::id.eq(id))
            .filter(ei::used_at.is_null()),
    )
    .set(ei::used_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Sets an organization's postal address (issue 26).
pub fn set_address(conn: &mut DbConnection, id: &str, address: &str) -> Result<(), StorageError> {
    diesel::update(organizations::table.find(id))
        .set(organizations::address.eq(address))
        .execute(conn)?;
    Ok(())
}
