//! The privileged-action log: appended to, read and walked — never updated or deleted (the
//! database's triggers refuse both too).

use crate::schema::{privileged_actions, privileged_actions_head, users};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = privileged_actions)]
pub struct PrivilegedActionRow {
    pub seq: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub capacity: String,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The head of the chain `(seq, hash)`, locked until the transaction ends: on PostgreSQL
/// with `FOR UPDATE`; SQLite's `BEGIN IMMEDIATE` already holds the only write lock.
pub fn lock_head(conn: &mut DbConnection) -> Result<(i64, String), StorageError> {
    let query = privileged_actions_head::table
        .find(1)
        .select((privileged_actions_head::seq, privileged_actions_head::hash));
    Ok(match conn {
        DbConnection::Postgresql(pg) => query.for_update().first(pg)?,
        DbConnection::Sqlite(lite) => query.first(lite)?,
    })
}

/// Appends one entry and moves the head to it (the caller holds the head's lock).
pub fn append(conn: &mut DbConnection, row: &PrivilegedActionRow) -> Result<(), StorageError> {
    diesel::insert_into(privileged_actions::table)
        .values(row)
        .execute(conn)?;
    diesel::update(privileged_actions_head::table.find(1))
        .set((
            privileged_actions_head::seq.eq(row.seq),
            privileged_actions_head::hash.eq(&row.hash),
        ))
        .execute(conn)?;
    Ok(())
}

/// The head without locking.
pub fn head(conn: &mut DbConnection) -> Result<(i64, String), StorageError> {
    Ok(privileged_actions_head::table
        .find(1)
        .select((privileged_actions_head::seq, privileged_actions_head::hash))
        .first(conn)?)
}

/// Up to `limit` entries after `after_seq` and up to `last_seq`, oldest first (verification
/// walks in pages).
pub fn page_after(
    conn: &mut DbConnection,
    after_seq: i64,
    last_seq: i64,
    limit: i64,
) -> Result<Vec<PrivilegedActionRow>, StorageError> {
    Ok(privileged_actions::table
        .filter(privileged_actions::seq.gt(after_seq))
        .filter(privileged_actions::seq.le(last_seq))
        .order(privileged_actions::seq.asc())
        .limit(limit)
        .select(PrivilegedActionRow::as_select())
        .load(conn)?)
}

/// What the log page and its CSV filter by; every part optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The actor's username, exactly (case-insensitive).
    pub username: Option<String>,
    /// Only the operator's and the system's entries (no user).
    pub operator_only: bool,
    pub kind: Option<String>,
    /// From this moment on (inclusive), UTC.
    pub from: Option<NaiveDateTime>,
    /// Before this moment (exclusive), UTC.
    pub until: Option<NaiveDateTime>,
}

type DbBackend = <DbConnection as diesel::Connection>::Backend;

/// The log with the filter applied, boxed.
macro_rules! filtered_log {
    ($filter:expr) => {{
        let filter: &Filter = $filter;
        let mut query = privileged_actions::table
            .left_join(users::table.on(users::id.nullable().eq(privileged_actions::actor_id)))
            .into_boxed::<DbBackend>();
        if filter.operator_only {
            query = query.filter(privileged_actions::actor_id.is_null());
        }
        if let Some(username) = &filter.username {
            query = query.filter(
                users::username
                    .nullable()
                    .eq(username.trim().to_lowercase()),
            );
        }
        if let Some(kind) = &filter.kind {
            query = query.filter(privileged_actions::kind.eq(kind.clone()));
        }
        if let Some(from) = filter.from {
            query = query.filter(privileged_actions::occurred_at.ge(from));
        }
        if let Some(until) = filter.until {
            query = query.filter(privileged_actions::occurred_at.lt(until));
        }
        query
    }};
}

/// One page of the filtered log, newest first, with each actor's username.
pub fn list(
    conn: &mut DbConnection,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> Result<Vec<(PrivilegedActionRow, Option<String>)>, StorageError> {
    Ok(filtered_log!(filter)
        .order(privileged_actions::seq.desc())
        .offset(offset)
        .limit(limit)
        .select((PrivilegedActionRow::as_select(), users::username.nullable()))
        .load(conn)?)
}

/// How many entries the filter keeps.
pub fn count(conn: &mut DbConnection, filter: &Filter) -> Result<i64, StorageError> {
    Ok(filtered_log!(filter).count().get_result(conn)?)
}
