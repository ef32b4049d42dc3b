//! What federation keeps: known actors, follow relations, the persistent delivery queue
//! and the received-activity table that drops duplicates and replays.

use crate::schema::{actors, deliveries, follows, received_activities};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = actors)]
pub struct ActorRow {
    pub id: String,
    pub ap_id: String,
    pub kind: String,
    pub preferred_username: String,
    pub name: Option<String>,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub public_key_pem: String,
    pub domain: String,
    pub fetched_at: NaiveDateTime,
}

pub fn actor_by_ap_id(
    conn: &mut DbConnection,
    ap_id: &str,
) -> Result<Option<ActorRow>, StorageError> {
    Ok(actors::table
        .filter(actors::ap_id.eq(ap_id))
        .select(ActorRow::as_select())
        .first(conn)
        .optional()?)
}

/// Inserts a fetched actor or refreshes the stored copy (keeping its local id).
pub fn save_actor(conn: &mut DbConnection, row: &ActorRow) -> Result<ActorRow, StorageError> {
    match actor_by_ap_id(conn, &row.ap_id)? {
        Some(existing) => {
            let updated = ActorRow {
                id: existing.id,
                ..row.clone()
            };
            diesel::update(actors::table.find(&updated.id))
                .set(&updated)
                .execute(conn)?;
            Ok(updated)
        }
        None => {
            diesel::insert_into(actors::table)
                .values(row)
                .execute(conn)?;
            Ok(row.clone())
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = follows)]
pub struct FollowRow {
    pub id: String,
    pub follower_ap_id: String,
    pub following_ap_id: String,
    pub state: String,
    pub activity_id: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn follow(
    conn: &mut DbConnection,
    follower: &str,
    following: &str,
) -> Result<Option<FollowRow>, StorageError> {
    Ok(follows::table
        .filter(follows::follower_ap_id.eq(follower))
        .filter(follows::following_ap_id.eq(following))
        .select(FollowRow::as_select())
        .first(conn)
        .optional()?)
}

/// Records a follow (or renews one with a new activity id and state).
pub fn save_follow(conn: &mut DbConnection, row: &FollowRow) -> Result<(), StorageError> {
    match follow(conn, &row.follower_ap_id, &row.following_ap_id)? {
        Some(existing) => {
            diesel::update(follows::table.find(existing.id))
                .set((
                    follows::state.eq(&row.state),
                    follows::activity_id.eq(&row.activity_id),
                    follows::updated_at.eq(row.updated_at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(follows::table)
                .values(row)
                .execute(conn)?;
        }
    }
    Ok(())
}

pub fn set_follow_state(
    conn: &mut DbConnection,
    follower: &str,
    following: &str,
    state: &str,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(
        follows::table
            .filter(follows::follower_ap_id.eq(follower))
            .filter(follows::following_ap_id.eq(following)),
    )
    .set((follows::state.eq(state), follows::updated_at.eq(at)))
    .execute(conn)?)
}

pub fn delete_follow(
    conn: &mut DbConnection,
    follower: &str,
    following: &str,
) -> Result<usize, StorageError> {
    Ok(diesel::delete(
        follows::table
            .filter(follows::follower_ap_id.eq(follower))
            .filter(follows::following_ap_id.eq(following)),
    )
    .execute(conn)?)
}

/// Actors following `following` in the given state.
pub fn followers(
    conn: &mut DbConnection,
    following: &str,
    state: &str,
) -> Result<Vec<FollowRow>, StorageError> {
    Ok(follows::table
        .filter(follows::following_ap_id.eq(following))
        .filter(follows::state.eq(state))
        .order(follows::created_at.asc())
        .select(FollowRow::as_select())
        .load(conn)?)
}

/// Everything `follower` follows or asked to follow.
pub fn following(conn: &mut DbConnection, follower: &str) -> Result<Vec<FollowRow>, StorageError> {
    Ok(follows::table
        .filter(follows::follower_ap_id.eq(follower))
        .order(follows::created_at.asc())
        .select(FollowRow::as_select())
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = deliveries)]
pub struct DeliveryRow {
    pub id: String,
    pub activity_id: String,
    pub actor_ap_id: String,
    pub inbox: String,
    pub peer_domain: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

pub fn insert_delivery(conn: &mut DbConnection, row: &DeliveryRow) -> Result<(), StorageError> {
    diesel::insert_into(deliveries::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

crate::queue::job_queue!(
    table: deliveries, row: DeliveryRow, done_at: delivered_at, order: created_at,
    lease: lease_due_deliveries, done: mark_delivered, failed: mark_delivery_failed
);

/// Per peer: deliveries waiting, the last success and the last error.
#[derive(Debug, Clone, QueryableByName)]
pub struct PeerBacklog {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub peer_domain: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub pending: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub delivered: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub failed: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamp>)]
    pub last_delivered_at: Option<NaiveDateTime>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub last_error: Option<String>,
}

/// Aggregated by the database (one row per peer), so the cost does not grow with every
/// delivery the city ever made. The SQL is common to SQLite and PostgreSQL.
const PEER_BACKLOGS: &str = "\
    SELECT d.peer_domain AS peer_domain, \
      CAST(SUM(CASE WHEN d.delivered_at IS NULL AND d.failed_at IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS pending, \
      CAST(SUM(CASE WHEN d.delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS delivered, \
      CAST(SUM(CASE WHEN d.delivered_at IS NULL AND d.failed_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS failed, \
      MAX(d.delivered_at) AS last_delivered_at, \
      (SELECT e.last_error FROM deliveries e \
        WHERE e.peer_domain = d.peer_domain AND e.last_error IS NOT NULL \
        ORDER BY e.created_at DESC LIMIT 1) AS last_error \
    FROM deliveries d GROUP BY d.peer_domain ORDER BY d.peer_domain";

pub fn peer_backlogs(conn: &mut DbConnection) -> Result<Vec<PeerBacklog>, StorageError> {
    Ok(match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(PEER_BACKLOGS).load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(PEER_BACKLOGS).load(c)?,
    })
}

/// Records an incoming activity id; returns false when it was seen before (a duplicate or replay).
/// `ON CONFLICT DO NOTHING` rather than catching the violation: on PostgreSQL a failed
/// statement would abort the surrounding transaction.
pub fn record_received(
    conn: &mut DbConnection,
    activity_id: &str,
    actor: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let values = (
        received_activities::activity_id.eq(activity_id),
        received_activities::actor_ap_id.eq(actor),
        received_activities::received_at.eq(at),
    );
    let inserted = match conn {
        DbConnection::Postgresql(c) => diesel::insert_into(received_activities::table)
            .values(values)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Sqlite(c) => diesel::insert_into(received_activities::table)
            .values(values)
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    Ok(inserted == 1)
}
