//! People's notifications and preferences, and the accountability trail.

use crate::schema::{audit_trail, notification_preferences, notifications, users};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

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

/// Administrators whose account is not suspended (who are told of pending organizations).
pub fn active_admin_ids(conn: &mut DbConnection) -> Result<Vec<String>, StorageError> {
    Ok(users::table
        .filter(users::is_admin.eq(true))
        .filter(users::suspended_at.is_null())
        .order(users::id)
        .select(users::id)
        .load(conn)?)
}

/// Records that the `kind` notice about `subject_id` was sent to `user_id`; false when it
/// was already recorded (by this or another worker), and then it must not be sent.
pub fn record_notice_sent(
    conn: &mut DbConnection,
    kind: &str,
    subject_id: &str,
    user_id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    use crate::schema::notices_sent;
    let row = (
        notices_sent::kind.eq(kind),
        notices_sent::subject_id.eq(subject_id),
        notices_sent::user_id.eq(user_id),
        notices_sent::sent_at.eq(at),
    );
    // PostgreSQL waits for a concurrent insert of the same key to commit, then skips it.
    let n = match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(notices_sent::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(notices_sent::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    Ok(n == 1)
}

/// Cycles in their voting phase: id, title, when voting opened and when it closes.
pub fn cycles_voting(
    conn: &mut DbConnection,
) -> Result<Vec<(String, String, NaiveDateTime, NaiveDateTime)>, StorageError> {
    use crate::schema::cycles;
    Ok(cycles::table
        .filter(cycles::phase.eq("voting"))
        .order(cycles::results_at.asc())
        .select((
            cycles::id,
            cycles::title,
            cycles::voting_at,
            cycles::results_at,
        ))
        .load(conn)?)
}

/// Up to `limit` residents in `cycle_id`'s VOTE snapshot (weight above zero) not yet sent
/// the `kind` notice about it, in id order.
pub fn voters_not_noticed(
    conn: &mut DbConnection,
    cycle_id: &str,
    kind: &str,
    limit: i64,
) -> Result<Vec<String>, StorageError> {
    use crate::schema::{notices_sent, vote_snapshots};
    let sent = notices_sent::table
        .filter(notices_sent::kind.eq(kind))
        .filter(notices_sent::subject_id.eq(cycle_id))
        .filter(notices_sent::user_id.eq(vote_snapshots::user_id));
    Ok(vote_snapshots::table
        .filter(vote_snapshots::cycle_id.eq(cycle_id))
        .filter(vote_snapshots::weight.gt(0))
        .filter(diesel::dsl::not(diesel::dsl::exists(sent)))
        .order(vote_snapshots::user_id)
        .limit(limit)
        .select(vote_snapshots::user_id)
        .load(conn)?)
}

/// Since when `user_id` gets the daily digest instead of single emails (the last digest, or
/// the choice); `None` when they get single emails.
pub fn digest_since(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<NaiveDateTime>, StorageError> {
    use crate::schema::notification_digests;
    Ok(notification_digests::table
        .find(user_id)
        .select(notification_digests::since)
        .first(conn)
        .optional()?)
}

/// Chooses the daily digest (from `now` on) or single emails for `user_id`. Choosing the
/// digest again keeps the time of the last one.
pub fn set_digest(
    conn: &mut DbConnection,
    user_id: &str,
    digest: bool,
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    use crate::schema::notification_digests;
    if !digest {
        diesel::delete(notification_digests::table.find(user_id)).execute(conn)?;
    } else if digest_since(conn, user_id)?.is_none() {
        diesel::insert_into(notification_digests::table)
            .values((
                notification_digests::user_id.eq(user_id),
                notification_digests::since.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Up to `limit` people on the digest whose last one was before `before`: (id, since).
pub fn digests_due(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    limit: i64,
) -> Result<Vec<(String, NaiveDateTime)>, StorageError> {
    use crate::schema::notification_digests;
    Ok(notification_digests::table
        .filter(notification_digests::since.lt(before))
        .order((
            notification_digests::since.asc(),
            notification_digests::user_id,
        ))
        .limit(limit)
        .select((notification_digests::user_id, notification_digests::since))
        .load(conn)?)
}

/// Moves `user_id`'s digest mark from `since` to `to`; false when another worker moved it
/// first (then this one must not send the digest).
pub fn advance_digest(
    conn: &mut DbConnection,
    user_id: &str,
    since: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<bool, StorageError> {
    use crate::schema::notification_digests;
    let n = diesel::update(
        notification_digests::table
            .filter(notification_digests::user_id.eq(user_id))
            .filter(notification_digests::since.eq(since)),
    )
    .set(notification_digests::since.eq(to))
    .execute(conn)?;
    Ok(n == 1)
}

/// `user_id`'s notifications created after `after` and up to `until`, oldest first.
pub fn notifications_between(
    conn: &mut DbConnection,
    user_id: &str,
    after: NaiveDateTime,
    until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<NotificationRow>, StorageError> {
    Ok(notifications::table
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::created_at.gt(after))
        .filter(notifications::created_at.le(until))
        .order((notifications::created_at.asc(), notifications::id.asc()))
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(conn)?)
}
