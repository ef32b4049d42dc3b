//! Outgoing email, queued in the same transaction as the change that causes it and sent by
//! a worker, so a sign-up succeeds while the SMTP server is down and its mail is retried.

use crate::schema::mail_queue;
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = mail_queue)]
pub struct MailRow {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

pub fn insert(conn: &mut DbConnection, row: &MailRow) -> Result<(), StorageError> {
    diesel::insert_into(mail_queue::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Leases up to `limit` due messages until `lease_until`. A message leased by another
/// process is skipped; a lease that ran out (its process died) is taken over. Call it in a
/// write transaction: on PostgreSQL the candidates are taken `FOR UPDATE SKIP LOCKED`, so
/// concurrent workers get different messages; on SQLite the write lock serialises them.
pub fn lease_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<MailRow>, StorageError> {
    let due = || {
        mail_queue::table
            .filter(mail_queue::sent_at.is_null())
            .filter(mail_queue::failed_at.is_null())
            .filter(mail_queue::next_attempt_at.le(now))
            .filter(
                mail_queue::locked_until
                    .is_null()
                    .or(mail_queue::locked_until.lt(now)),
            )
    };
    let ids: Vec<String> = due()
        .select(mail_queue::id)
        .order(mail_queue::next_attempt_at.asc())
        .limit(limit)
        .load(conn)?;
    let mut leased = Vec::with_capacity(ids.len());
    for id in ids {
        let n = diesel::update(due().filter(mail_queue::id.eq(&id)))
            .set(mail_queue::locked_until.eq(Some(lease_until)))
            .execute(conn)?;
        if n == 1 {
            leased.push(
                mail_queue::table
                    .find(&id)
                    .select(MailRow::as_select())
                    .first(conn)?,
            );
        }
    }
    Ok(leased)
}

pub fn mark_sent(conn: &mut DbConnection, id: &str, at: NaiveDateTime) -> Result<(), StorageError> {
    diesel::update(mail_queue::table.find(id))
        .set((
            mail_queue::sent_at.eq(Some(at)),
            mail_queue::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up when `retry_at` is None.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(mail_queue::table.find(id))
        .set((
            mail_queue::attempts.eq(mail_queue::attempts + 1),
            mail_queue::last_error.eq(Some(error)),
            mail_queue::locked_until.eq(None::<NaiveDateTime>),
            mail_queue::next_attempt_at.eq(retry_at.unwrap_or(now)),
            mail_queue::failed_at.eq(if retry_at.is_none() { Some(now) } else { None }),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn by_id(conn: &mut DbConnection, id: &str) -> Result<Option<MailRow>, StorageError> {
    Ok(mail_queue::table
        .find(id)
        .select(MailRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn pending_count(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(mail_queue::table
        .filter(mail_queue::sent_at.is_null())
        .filter(mail_queue::failed_at.is_null())
        .count()
        .get_result(conn)?)
}
