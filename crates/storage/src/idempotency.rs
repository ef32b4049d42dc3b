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

/// Claims the key for a first request; `false` when it is taken already. Called in the
/// transaction of the request's effect, with [`complete`], so that no claim without an
/// answer is ever committed; a concurrent claim of the same key waits for that transaction.
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

/// Takes over a claim left without an answer (by a version that claimed and answered in
/// separate transactions) for the request `row`.
pub fn restart(conn: &mut DbConnection, row: &IdempotencyRow) -> Result<(), StorageError> {
    diesel::update(api_idempotency::table.find((&row.owner, &row.idempotency_key)))
        .set((
            api_idempotency::fingerprint.eq(&row.fingerprint),
            api_idempotency::created_at.eq(row.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets records older than `before`.
pub fn prune(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, StorageError> {
    Ok(
        diesel::delete(api_idempotency::table.filter(api_idempotency::created_at.lt(before)))
            .execute(conn)?,
    )
}
