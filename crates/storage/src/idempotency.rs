//! The API's Idempotency-Key records: one per (owner, key), the response kept once known.

use crate::schema::api_idempotency;
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_idempotency)]
pub struct IdempotencyRow {
    pub owner: String,
    pub idempotency_key: String,
    pub fingerprint: String,
    pub status: Option<i32>,
    pub body: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Claims the key for a first request; `false` when it is taken already.
pub fn claim(conn: &mut DbConnection, row: &IdempotencyRow) -> Result<bool, StorageError> {
    let n = match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(api_idempotency::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(api_idempotency::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    Ok(n == 1)
}

pub fn find(
    conn: &mut DbConnection,
    owner: &str,
    key: &str,
) -> Result<Option<IdempotencyRow>, StorageError> {
    Ok(api_idempotency::table
        .find((owner, key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Keeps the response of the request that claimed the key.
pub fn complete(
    conn: &mut DbConnection,
    owner: &str,
    key: &str,
    status: i32,
    body: &str,
) -> Result<(), StorageError> {
    diesel::update(api_idempotency::table.find((owner, key)))
        .set((
            api_idempotency::status.eq(Some(status)),
            api_idempotency::body.eq(Some(body)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Frees a key whose request failed on our side, so a retry runs again.
pub fn release(conn: &mut DbConnection, owner: &str, key: &str) -> Result<(), StorageError> {
    diesel::delete(api_idempotency::table.find((owner, key))).execute(conn)?;
    Ok(())
}

/// Forgets records older than `before`.
pub fn prune(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, StorageError> {
    Ok(
        diesel::delete(api_idempotency::table.filter(api_idempotency::created_at.lt(before)))
            .execute(conn)?,
    )
}
