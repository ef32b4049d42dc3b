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

/// Leases due deliveries, oldest first, as `mail_queue::lease_due` does for mail.
pub fn lease_due_deliveries(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<DeliveryRow>, StorageError> {
    let due = || {
        deliveries::table
            .filter(deliveries::delivered_at.is_null())
            .filter(deliveries::failed_at.is_null())
            .filter(deliveries::next_attempt_at.le(now))
            .filter(
                deliveries::locked_until
                    .is_null()
                    .or(deliveries::locked_until.lt(now)),
            )
    };
    let ids: Vec<String> = {
        let query = due()
            .select(deliveries::id)
            .order(deliveries::created_at.asc())
            .limit(limit);
        match conn {
            DbConnection::Postgresql(c) => query.for_update().skip_locked().load(c)?,
            DbConnection::Sqlite(c) => query.load(c)?,
        }
    };
    let mut leased = Vec::with_capacity(ids.len());
    for id in ids {
        let n = diesel::update(due().filter(deliveries::id.eq(&id)))
            .set(deliveries::locked_until.eq(Some(lease_until)))
            .execute(conn)?;
        if n == 1 {
            leased.push(
                deliveries::table
                    .find(&id)
                    .select(DeliveryRow::as_select())
                    .first(conn)?,
            );
        }
    }
    Ok(leased)
}

pub fn mark_delivered(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(deliveries::table.find(id))
        .set((
            deliveries::delivered_at.eq(Some(at)),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_delivery_failed(
    conn: &mut DbConnection,
    id: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(deliveries::table.find(id))
        .set((
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::last_error.eq(Some(error)),
            deliveries::locked_until.eq(None::<NaiveDateTime>),
            deliveries::next_attempt_at.eq(retry_at.unwrap_or(now)),
            deliveries::failed_at.eq(if retry_at.is_none() { Some(now) } else { None }),
        ))
        .execute(conn)?;
    Ok(())
}

/// Per peer: deliveries waiting, the last success and the last error.
#[derive(Debug, Clone)]
pub struct PeerBacklog {
    pub peer_domain: String,
    pub pending: i64,
    pub delivered: i64,
    pub failed: i64,
    pub last_delivered_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// peer, delivered at, failed at, last error
type BacklogRow = (
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<String>,
);

pub fn peer_backlogs(conn: &mut DbConnection) -> Result<Vec<PeerBacklog>, StorageError> {
    let rows: Vec<BacklogRow> = deliveries::table
        .select((
            deliveries::peer_domain,
            deliveries::delivered_at,
            deliveries::failed_at,
            deliveries::last_error,
        ))
        .order((deliveries::peer_domain.asc(), deliveries::created_at.asc()))
        .load(conn)?;
    let mut out: Vec<PeerBacklog> = Vec::new();
    for (peer, delivered_at, failed_at, error) in rows {
        if out.last().map(|p| p.peer_domain != peer).unwrap_or(true) {
            out.push(PeerBacklog {
                peer_domain: peer.clone(),
                pending: 0,
                delivered: 0,
                failed: 0,
                last_delivered_at: None,
                last_error: None,
            });
        }
        if let Some(p) = out.last_mut() {
            match (delivered_at, failed_at) {
                (Some(at), _) => {
                    p.delivered += 1;
                    p.last_delivered_at = p.last_delivered_at.max(Some(at));
                }
                (None, Some(_)) => p.failed += 1,
                (None, None) => p.pending += 1,
            }
            if error.is_some() {
                p.last_error = error;
            }
        }
    }
    Ok(out)
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
