//! Secrets handed to people: single-use email tokens and API bearer tokens. Only their
//! SHA-256 hashes are stored.

use crate::schema::{api_tokens, email_tokens};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_tokens)]
pub struct EmailTokenRow {
    pub token_hash: String,
    pub user_id: String,
    pub purpose: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert_email_token(
    conn: &mut DbConnection,
    row: &EmailTokenRow,
) -> Result<(), StorageError> {
    diesel::insert_into(email_tokens::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn email_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<EmailTokenRow>, StorageError> {
    Ok(email_tokens::table
        .find(token_hash)
        .select(EmailTokenRow::as_select())
        .first(conn)
        .optional()?)
}

/// Marks a token used, only if it is still unused: returns false when it was already spent
/// (so two clicks on the same link cannot both succeed).
pub fn use_email_token(
    conn: &mut DbConnection,
    token_hash: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        email_tokens::table
            .find(token_hash)
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Spends every open token of a purpose for a user (a new reset link voids older ones).
pub fn void_email_tokens(
    conn: &mut DbConnection,
    user_id: &str,
    purpose: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user_id))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiTokenRow {
    pub id: String,
    pub token_hash: String,
    pub user_id: String,
    pub scopes: String,
    pub label: String,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert_api_token(conn: &mut DbConnection, row: &ApiTokenRow) -> Result<(), StorageError> {
    diesel::insert_into(api_tokens::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn api_token_by_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<ApiTokenRow>, StorageError> {
    Ok(api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash))
        .select(ApiTokenRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn touch_api_token(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(api_tokens::table.find(id))
        .set(api_tokens::last_used_at.eq(Some(at)))
        .execute(conn)?;
    Ok(())
}

pub fn revoke_api_tokens_of_user(
    conn: &mut DbConnection,
    user_id: &str,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(at)))
    .execute(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::known_devices)]
pub struct KnownDeviceRow {
    pub token_hash: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert_known_device(
    conn: &mut DbConnection,
    row: &KnownDeviceRow,
) -> Result<(), StorageError> {
    diesel::insert_into(crate::schema::known_devices::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Whether `token_hash` is a live known device of `user_id`.
pub fn is_known_device(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<bool, StorageError> {
    use crate::schema::known_devices as kd;
    let n: i64 = kd::table
        .filter(kd::token_hash.eq(token_hash))
        .filter(kd::user_id.eq(user_id))
        .filter(kd::expires_at.gt(now))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Forgets one device (replaced at the next sign-in), or all of an account's (after a reset).
pub fn forget_known_devices(
    conn: &mut DbConnection,
    user_id: &str,
    token_hash: Option<&str>,
) -> Result<(), StorageError> {
    use crate::schema::known_devices as kd;
    match token_hash {
        Some(hash) => diesel::delete(
            kd::table
                .filter(kd::user_id.eq(user_id))
                .filter(kd::token_hash.eq(hash)),
        )
        .execute(conn)?,
        None => diesel::delete(kd::table.filter(kd::user_id.eq(user_id))).execute(conn)?,
    };
    Ok(())
}
