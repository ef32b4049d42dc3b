//! Resident verifications and the conflicts queue (issue 25). Only a keyed hash of a
//! document's identifier is stored; at most one active verification holds a hash, and a
//! resident has at most one active verification (both unique partial indexes).

use crate::schema::{identity_conflicts as conflicts, identity_verifications as verifications};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = verifications)]
pub struct VerificationRow {
    pub id: String,
    pub user_id: String,
    pub method: String,
    pub document_kind: String,
    /// HMAC-SHA256 of the normalized identifier, hex.
    pub identifier_hash: String,
    pub verified_by: String,
    pub organization_id: Option<String>,
    pub verified_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = conflicts)]
pub struct ConflictRow {
    pub id: String,
    /// The account that presented an identifier another account holds.
    pub user_id: String,
    pub identifier_hash: String,
    pub method: String,
    pub document_kind: String,
    /// The registrar who entered it.
    pub attempted_by: String,
    pub organization_id: Option<String>,
    pub attempted_at: NaiveDateTime,
    /// The account holding the identifier at the time.
    pub holder_id: String,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolved_by: Option<String>,
    pub resolution: Option<String>,
}

pub fn insert_verification(
    conn: &mut DbConnection,
    row: &VerificationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(verifications::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn verification(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<VerificationRow>, StorageError> {
    Ok(verifications::table
        .find(id)
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()?)
}

/// The resident's active verification, if any.
pub fn active_of_user(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<VerificationRow>, StorageError> {
    Ok(verifications::table
        .filter(verifications::user_id.eq(user_id))
        .filter(verifications::revoked_at.is_null())
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()?)
}

/// The active verification holding an identifier hash, if any.
pub fn active_of_hash(
    conn: &mut DbConnection,
    identifier_hash: &str,
) -> Result<Option<VerificationRow>, StorageError> {
    Ok(verifications::table
        .filter(verifications::identifier_hash.eq(identifier_hash))
        .filter(verifications::revoked_at.is_null())
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Active verifications granted before a moment, oldest first.
pub fn active_granted_before(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> Result<Vec<VerificationRow>, StorageError> {
    Ok(verifications::table
        .filter(verifications::revoked_at.is_null())
        .filter(verifications::verified_at.lt(before))
        .order((verifications::verified_at.asc(), verifications::id.asc()))
        .select(VerificationRow::as_select())
        .load(conn)?)
}

/// The most recent active verifications, newest first (the administrator's list).
pub fn active_recent(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<VerificationRow>, StorageError> {
    Ok(verifications::table
        .filter(verifications::revoked_at.is_null())
        .order((verifications::verified_at.desc(), verifications::id.asc()))
        .limit(limit)
        .select(VerificationRow::as_select())
        .load(conn)?)
}

/// Revokes an active verification; false if it was not active.
pub fn revoke(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
    by: &str,
    reason: &str,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        verifications::table
            .find(id)
            .filter(verifications::revoked_at.is_null()),
    )
    .set((
        verifications::revoked_at.eq(at),
        verifications::revoked_by.eq(by),
        verifications::revoke_reason.eq(reason),
    ))
    .execute(conn)?
        > 0)
}

pub fn insert_conflict(conn: &mut DbConnection, row: &ConflictRow) -> Result<(), StorageError> {
    diesel::insert_into(conflicts::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn conflict(conn: &mut DbConnection, id: &str) -> Result<Option<ConflictRow>, StorageError> {
    Ok(conflicts::table
        .find(id)
        .select(ConflictRow::as_select())
        .first(conn)
        .optional()?)
}

/// Conflicts nobody resolved yet, oldest first.
pub fn open_conflicts(conn: &mut DbConnection) -> Result<Vec<ConflictRow>, StorageError> {
    Ok(conflicts::table
        .filter(conflicts::resolved_at.is_null())
        .order((conflicts::attempted_at.asc(), conflicts::id.asc()))
        .select(ConflictRow::as_select())
        .load(conn)?)
}

/// Marks an open conflict resolved; false if it was already resolved.
pub fn resolve_conflict(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
    by: &str,
    resolution: &str,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        conflicts::table
            .find(id)
            .filter(conflicts::resolved_at.is_null()),
    )
    .set((
        conflicts::resolved_at.eq(at),
        conflicts::resolved_by.eq(by),
        conflicts::resolution.eq(resolution),
    ))
    .execute(conn)?
        > 0)
}

// ---- Further methods: the administrator's switches, letter codes, OpenID Connect flows ----

use crate::schema::{
    identity_letter_codes as letter_codes, identity_method_switches as switches,
    identity_oidc_flows as oidc_flows,
};

/// The methods the administrator switched on (a method never switched is off).
pub fn enabled_methods(conn: &mut DbConnection) -> Result<Vec<String>, StorageError> {
    Ok(switches::table
        .filter(switches::enabled.eq(true))
        .order(switches::method.asc())
        .select(switches::method)
        .load(conn)?)
}

/// Switches a method on or off (inserted the first time, updated after).
pub fn set_method(
    conn: &mut DbConnection,
    method: &str,
    enabled: bool,
    by: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    let updated = diesel::update(switches::table.find(method))
        .set((
            switches::enabled.eq(enabled),
            switches::changed_by.eq(by),
            switches::changed_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(switches::table)
            .values((
                switches::method.eq(method),
                switches::enabled.eq(enabled),
                switches::changed_by.eq(by),
                switches::changed_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = letter_codes)]
pub struct LetterCodeRow {
    pub id: String,
    pub batch_id: String,
    /// SHA-256 of the code, hex (the code itself is only ever in the administrator's CSV).
    pub code_hash: String,
    /// The keyed hash of the normalized address, as a verification would hold it.
    pub identifier_hash: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub used_by: Option<String>,
}

pub fn insert_letter_code(
    conn: &mut DbConnection,
    row: &LetterCodeRow,
) -> Result<(), StorageError> {
    diesel::insert_into(letter_codes::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn letter_code_by_hash(
    conn: &mut DbConnection,
    code_hash: &str,
) -> Result<Option<LetterCodeRow>, StorageError> {
    Ok(letter_codes::table
        .filter(letter_codes::code_hash.eq(code_hash))
        .select(LetterCodeRow::as_select())
        .first(conn)
        .optional()?)
}

/// Marks an unused code used; false if it was used already (a second redemption racing).
pub fn use_letter_code(
    conn: &mut DbConnection,
    id: &str,
    by: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        letter_codes::table
            .find(id)
            .filter(letter_codes::used_at.is_null()),
    )
    .set((letter_codes::used_at.eq(at), letter_codes::used_by.eq(by)))
    .execute(conn)?
        > 0)
}

/// Codes nobody used, still valid at `now`.
pub fn letter_codes_open(conn: &mut DbConnection, now: NaiveDateTime) -> Result<i64, StorageError> {
    Ok(letter_codes::table
        .filter(letter_codes::used_at.is_null())
        .filter(letter_codes::expires_at.gt(now))
        .count()
        .get_result(conn)?)
}

/// Deletes codes that expired unused before `before`; returns how many.
pub fn delete_expired_letter_codes(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::delete(
        letter_codes::table
            .filter(letter_codes::used_at.is_null())
            .filter(letter_codes::expires_at.lt(before)),
    )
    .execute(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oidc_flows)]
pub struct OidcFlowRow {
    /// SHA-256 of the `state` sent to the provider, hex.
    pub state_hash: String,
    pub user_id: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_oidc_flow(conn: &mut DbConnection, row: &OidcFlowRow) -> Result<(), StorageError> {
    diesel::insert_into(oidc_flows::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Takes (reads and deletes) the flow a `state` names: a state is good for one callback.
pub fn take_oidc_flow(
    conn: &mut DbConnection,
    state_hash: &str,
) -> Result<Option<OidcFlowRow>, StorageError> {
    let row = oidc_flows::table
        .find(state_hash)
        .select(OidcFlowRow::as_select())
        .first(conn)
        .optional()?;
    if row.is_some() {
        diesel::delete(oidc_flows::table.find(state_hash)).execute(conn)?;
    }
    Ok(row)
}

/// Forgets flows started before `before` (residents who never came back).
pub fn delete_oidc_flows_before(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(
        diesel::delete(oidc_flows::table.filter(oidc_flows::created_at.lt(before)))
            .execute(conn)?,
    )
}
