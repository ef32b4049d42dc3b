//! The domain-event outbox, people's notifications and preferences, and the accountability
//! trail.

use crate::schema::{audit_trail, domain_events, notification_preferences, notifications, users};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = domain_events)]
pub struct DomainEventRow {
    pub id: String,
    pub kind: String,
    pub subject_id: String,
    pub payload: String,
    pub occurred_at: NaiveDateTime,
    pub consumed_at: Option<NaiveDateTime>,
}

pub fn record_event(conn: &mut DbConnection, row: &DomainEventRow) -> Result<(), StorageError> {
    diesel::insert_into(domain_events::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub subject_id: String,
    pub link: String,
    pub args: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

pub fn insert_notification(
    conn: &mut DbConnection,
    row: &NotificationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(notifications::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn notifications_of(
    conn: &mut DbConnection,
    user_id: &str,
    limit: i64,
) -> Result<Vec<NotificationRow>, StorageError> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(conn)?)
}
/// How many of `user_id`'s notifications are unread.
pub fn unread_count(conn: &mut DbConnection, user_id: &str) -> Result<i64, StorageError> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?)
}

pub fn mark_all_read(
    conn: &mut DbConnection,
    user_id: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// The kinds for which a person turned email off (everything else is on).
pub fn email_off_kinds(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<String>, StorageError> {
    Ok(notification_preferences::table
        .filter(notification_preferences::user_id.eq(user_id))
        .filter(notification_preferences::email.eq(false))
        .select(notification_preferences::kind)
        .load(conn)?)
}

/// Sets whether `kind` notifications also come by email.
pub fn set_email_preference(
    conn: &mut DbConnection,
    user_id: &str,
    kind: &str,
    email: bool,
) -> Result<(), StorageError> {
    diesel::delete(notification_preferences::table.find((user_id, kind))).execute(conn)?;
    diesel::insert_into(notification_preferences::table)
        .values((
            notification_preferences::user_id.eq(user_id),
            notification_preferences::kind.eq(kind),
            notification_preferences::email.eq(email),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_trail)]
pub struct AuditRow {
    pub id: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub action: String,
    pub actor_id: Option<String>,
    pub detail: String,
    pub occurred_at: NaiveDateTime,
}

pub fn record_audit(conn: &mut DbConnection, row: &AuditRow) -> Result<(), StorageError> {
    diesel::insert_into(audit_trail::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The trail of one subject, oldest first, with the actor's username (none for the system).
pub fn audit_of(
    conn: &mut DbConnection,
    subject_kind: &str,
    subject_id: &str,
) -> Result<Vec<(AuditRow, Option<String>)>, StorageError> {
    Ok(audit_trail::table
        .left_join(users::table.on(users::id.nullable().eq(audit_trail::actor_id)))
        .filter(audit_trail::subject_kind.eq(subject_kind))
        .filter(audit_trail::subject_id.eq(subject_id))
        .order((audit_trail::occurred_at.asc(), audit_trail::id.asc()))
        .select((AuditRow::as_select(), users::username.nullable()))
        .load(conn)?)
}

/// The latest `limit` trail entries about subjects of one kind, newest first, with the
/// actor's username (none for the system).
pub fn recent_audit_of_kind(
    conn: &mut DbConnection,
    subject_kind: &str,
    limit: i64,
) -> Result<Vec<(AuditRow, Option<String>)>, StorageError> {
    Ok(audit_trail::table
        .left_join(users::table.on(users::id.nullable().eq(audit_trail::actor_id)))
        .filter(audit_trail::subject_kind.eq(subject_kind))
        .order((audit_trail::occurred_at.desc(), audit_trail::id.desc()))
        .limit(limit)
        .select((AuditRow::as_select(), users::username.nullable()))
        .load(conn)?)
}
