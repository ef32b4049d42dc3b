//! OAuth 2 provider records: apps, grants (one resident's authorization of one app, or an
//! app's own client-credentials grant), single-use codes, and hashed access and refresh
//! tokens. Every token belongs to a grant; revoking the grant revokes them all.

use crate::schema::{oauth_apps, oauth_codes, oauth_grants, oauth_tokens};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oauth_apps)]
pub struct AppRow {
    pub client_id: String,
    pub secret_hash: Option<String>,
    pub name: String,
    pub website: Option<String>,
    pub redirect_uris: String,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oauth_grants)]
pub struct GrantRow {
    pub id: String,
    pub client_id: String,
    pub user_id: Option<String>,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oauth_codes)]
pub struct CodeRow {
    pub code_hash: String,
    pub client_id: String,
    pub user_id: String,
    pub redirect_uri: String,
    pub scopes: String,
    pub code_challenge: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub grant_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oauth_tokens)]
pub struct TokenRow {
    pub token_hash: String,
    pub grant_id: String,
    pub kind: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert_app(conn: &mut DbConnection, row: &AppRow) -> Result<(), StorageError> {
    diesel::insert_into(oauth_apps::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// A registered app that was not deleted.
pub fn app(conn: &mut DbConnection, client_id: &str) -> Result<Option<AppRow>, StorageError> {
    Ok(oauth_apps::table
        .find(client_id)
        .filter(oauth_apps::deleted_at.is_null())
        .select(AppRow::as_select())
        .first(conn)
        .optional()?)
}

/// Deletes an app: it and every grant it held stop working at once.
pub fn delete_app(
    conn: &mut DbConnection,
    client_id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        oauth_apps::table
            .find(client_id)
            .filter(oauth_apps::deleted_at.is_null()),
    )
    .set(oauth_apps::deleted_at.eq(Some(at)))
    .execute(conn)?;
    diesel::update(
        oauth_grants::table
            .filter(oauth_grants::client_id.eq(client_id))
            .filter(oauth_grants::revoked_at.is_null()),
    )
    .set(oauth_grants::revoked_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn insert_code(conn: &mut DbConnection, row: &CodeRow) -> Result<(), StorageError> {
    diesel::insert_into(oauth_codes::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn code(conn: &mut DbConnection, code_hash: &str) -> Result<Option<CodeRow>, StorageError> {
    Ok(oauth_codes::table
        .find(code_hash)
        .select(CodeRow::as_select())
        .first(conn)
        .optional()?)
}

/// Spends a code for the grant it makes; false when it was already spent.
pub fn use_code(
    conn: &mut DbConnection,
    code_hash: &str,
    grant_id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        oauth_codes::table
            .find(code_hash)
            .filter(oauth_codes::used_at.is_null()),
    )
    .set((
        oauth_codes::used_at.eq(Some(at)),
        oauth_codes::grant_id.eq(Some(grant_id)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn insert_grant(conn: &mut DbConnection, row: &GrantRow) -> Result<(), StorageError> {
    diesel::insert_into(oauth_grants::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn grant(conn: &mut DbConnection, id: &str) -> Result<Option<GrantRow>, StorageError> {
    Ok(oauth_grants::table
        .find(id)
        .select(GrantRow::as_select())
        .first(conn)
        .optional()?)
}

/// Revokes a grant; false when it was revoked already.
pub fn revoke_grant(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        oauth_grants::table
            .find(id)
            .filter(oauth_grants::revoked_at.is_null()),
    )
    .set(oauth_grants::revoked_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every grant a resident gave (their password changed).
pub fn revoke_grants_of_user(
    conn: &mut DbConnection,
    user_id: &str,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(
        oauth_grants::table
            .filter(oauth_grants::user_id.eq(user_id))
            .filter(oauth_grants::revoked_at.is_null()),
    )
    .set(oauth_grants::revoked_at.eq(Some(at)))
    .execute(conn)?)
}

/// A resident's live grants with their apps, most recently used first.
pub fn grants_of_user(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<(GrantRow, AppRow)>, StorageError> {
    Ok(oauth_grants::table
        .inner_join(oauth_apps::table)
        .filter(oauth_grants::user_id.eq(user_id))
        .filter(oauth_grants::revoked_at.is_null())
        .filter(oauth_apps::deleted_at.is_null())
        .order((
            oauth_grants::last_used_at.desc(),
            oauth_grants::created_at.desc(),
        ))
        .select((GrantRow::as_select(), AppRow::as_select()))
        .load(conn)?)
}

pub fn insert_token(conn: &mut DbConnection, row: &TokenRow) -> Result<(), StorageError> {
    diesel::insert_into(oauth_tokens::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// A token with its grant and the grant's app.
pub fn token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<(TokenRow, GrantRow, AppRow)>, StorageError> {
    Ok(oauth_tokens::table
        .inner_join(oauth_grants::table.inner_join(oauth_apps::table))
        .filter(oauth_tokens::token_hash.eq(token_hash))
        .select((
            TokenRow::as_select(),
            GrantRow::as_select(),
            AppRow::as_select(),
        ))
        .first(conn)
        .optional()?)
}

/// Spends a refresh token; false when it was used already (a replay).
pub fn use_token(
    conn: &mut DbConnection,
    token_hash: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        oauth_tokens::table
            .find(token_hash)
            .filter(oauth_tokens::used_at.is_null()),
    )
    .set(oauth_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_token(
    conn: &mut DbConnection,
    token_hash: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(
        oauth_tokens::table
            .find(token_hash)
            .filter(oauth_tokens::revoked_at.is_null()),
    )
    .set(oauth_tokens::revoked_at.eq(Some(at)))
    .execute(conn)?;
    Ok(())
}

/// Narrows a grant to `scopes` (a refresh that asked for less): every token of it holds
/// only these from now on.
pub fn set_grant_scopes(
    conn: &mut DbConnection,
    id: &str,
    scopes: &str,
) -> Result<(), StorageError> {
    diesel::update(oauth_grants::table.find(id))
        .set(oauth_grants::scopes.eq(scopes))
        .execute(conn)?;
    Ok(())
}

pub fn touch_grant(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(oauth_grants::table.find(id))
        .set(oauth_grants::last_used_at.eq(Some(at)))
        .execute(conn)?;
    Ok(())
}
