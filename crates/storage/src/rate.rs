//! Sliding-window counters for throttles (login, resend, reset), kept in the database so
//! every web process of a city sees the same counts.

use crate::schema::rate_events;
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub fn record(
    conn: &mut DbConnection,
    bucket: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::insert_into(rate_events::table)
        .values((rate_events::bucket.eq(bucket), rate_events::at.eq(at)))
        .execute(conn)?;
    Ok(())
}

pub fn count_since(
    conn: &mut DbConnection,
    bucket: &str,
    since: NaiveDateTime,
) -> Result<i64, StorageError> {
    Ok(rate_events::table
        .filter(rate_events::bucket.eq(bucket))
        .filter(rate_events::at.gt(since))
        .count()
        .get_result(conn)?)
}

pub fn prune(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, StorageError> {
    Ok(diesel::delete(rate_events::table.filter(rate_events::at.le(before))).execute(conn)?)
}
