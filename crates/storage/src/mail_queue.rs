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

crate::queue::job_queue!(
    table: mail_queue, row: MailRow, done_at: sent_at, order: next_attempt_at,
    partition: recipient, lease: lease_due, done: mark_sent, failed: mark_attempt_failed
);
