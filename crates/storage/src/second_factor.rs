//! The second factor of accounts (TOTP): the secret and the step of the last code accepted,
//! the hashes of single-use recovery codes, and half sign-ins waiting for a code.

use crate::schema::{
    memberships, second_factor_pending, second_factor_recovery_codes, second_factors,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = second_factors)]
pub struct SecondFactorRow {
    pub user_id: String,
    pub secret: String,
    pub created_at: NaiveDateTime,
    pub enabled_at: Option<NaiveDateTime>,
    pub last_step: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = second_factor_pending)]
pub struct PendingRow {
    pub token_hash: String,
    pub user_id: String,
    pub device_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn get(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<SecondFactorRow>, StorageError> {
    Ok(second_factors::table
        .find(user_id)
        .select(SecondFactorRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether the account confirmed a second factor.
pub fn is_enabled(conn: &mut DbConnection, user_id: &str) -> Result<bool, StorageError> {
    Ok(get(conn, user_id)?.is_some_and(|r| r.enabled_at.is_some()))
}

/// Starts (or restarts) an enrollment: a new secret, not yet confirmed. An enabled factor is
/// never replaced here (the caller checks first; the delete only takes an unconfirmed row).
pub fn start(conn: &mut DbConnection, row: &SecondFactorRow) -> Result<(), StorageError> {
    diesel::delete(
        second_factors::table
            .find(&row.user_id)
            .filter(second_factors::enabled_at.is_null()),
    )
    .execute(conn)?;
    diesel::insert_into(second_factors::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Confirms an enrollment; false when it was confirmed already (or never started).
pub fn enable(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        second_factors::table
            .find(user_id)
            .filter(second_factors::enabled_at.is_null()),
    )
    .set(second_factors::enabled_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

/// Records that the code of `step` was used; false when a code of this step or a later one
/// was accepted before (a replay). Conditional, so of two concurrent uses one wins.
pub fn advance_step(
    conn: &mut DbConnection,
    user_id: &str,
    step: i64,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        second_factors::table.find(user_id).filter(
            second_factors::last_step
                .is_null()
                .or(second_factors::last_step.lt(step)),
        ),
    )
    .set(second_factors::last_step.eq(step))
    .execute(conn)?;
    Ok(n == 1)
}

/// Removes the account's second factor, its recovery codes and its half sign-ins.
pub fn remove(conn: &mut DbConnection, user_id: &str) -> Result<(), StorageError> {
    diesel::delete(
        second_factor_recovery_codes::table
            .filter(second_factor_recovery_codes::user_id.eq(user_id)),
    )
    .execute(conn)?;
    diesel::delete(second_factor_pending::table.filter(second_factor_pending::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(second_factors::table.find(user_id)).execute(conn)?;
    Ok(())
}

/// Replaces every recovery code of the account with these hashes.
pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    user_id: &str,
    hashes: &[String],
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::delete(
        second_factor_recovery_codes::table
            .filter(second_factor_recovery_codes::user_id.eq(user_id)),
    )
    .execute(conn)?;
    for hash in hashes {
        diesel::insert_into(second_factor_recovery_codes::table)
            .values((
                second_factor_recovery_codes::code_hash.eq(hash),
                second_factor_recovery_codes::user_id.eq(user_id),
                second_factor_recovery_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Spends a recovery code of the account once; false when unknown, another's, or used.
pub fn use_recovery_code(
    conn: &mut DbConnection,
    user_id: &str,
    code_hash: &str,
    now: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        second_factor_recovery_codes::table
            .find(code_hash)
            .filter(second_factor_recovery_codes::user_id.eq(user_id))
            .filter(second_factor_recovery_codes::used_at.is_null()),
    )
    .set(second_factor_recovery_codes::used_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

/// How many unused recovery codes the account has left.
pub fn recovery_codes_left(conn: &mut DbConnection, user_id: &str) -> Result<i64, StorageError> {
    Ok(second_factor_recovery_codes::table
        .filter(second_factor_recovery_codes::user_id.eq(user_id))
        .filter(second_factor_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)?)
}

pub fn insert_pending(conn: &mut DbConnection, row: &PendingRow) -> Result<(), StorageError> {
    diesel::insert_into(second_factor_pending::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// A half sign-in that has not expired.
pub fn live_pending(
    conn: &mut DbConnection,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<Option<PendingRow>, StorageError> {
    Ok(second_factor_pending::table
        .find(token_hash)
        .filter(second_factor_pending::expires_at.gt(now))
        .select(PendingRow::as_select())
        .first(conn)
        .optional()?)
}

/// Ends a half sign-in; false when it was gone already (so of two uses only one opens a session).
pub fn delete_pending(conn: &mut DbConnection, token_hash: &str) -> Result<bool, StorageError> {
    Ok(diesel::delete(second_factor_pending::table.find(token_hash)).execute(conn)? == 1)
}

pub fn delete_expired_pending(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::delete(
        second_factor_pending::table.filter(second_factor_pending::expires_at.le(now)),
    )
    .execute(conn)?)
}

/// Whether the user is a member of some organization in one of `roles`.
pub fn holds_any_role(
    conn: &mut DbConnection,
    user_id: &str,
    roles: &[&str],
) -> Result<bool, StorageError> {
    let n: i64 = memberships::table
        .filter(memberships::user_id.eq(user_id))
        .filter(memberships::role.eq_any(roles))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
