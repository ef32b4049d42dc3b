//! What federation keeps: known actors, follow relations, the persistent delivery queue
//! and the received-activity table that drops duplicates and replays.

use crate::schema::{
    actors, deliveries, domain_policies, domain_policy_version, follows, peers, publications,
    received_activities, remote_objects, template_adoptions,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::FollowState;
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
    pub assertion_key: Option<String>,
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
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: FollowState,
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
                    follows::state.eq(row.state.as_str()),
                    follows::activity_id.eq(&row.activity_id),
                    follows::updated_at.eq(row.updated_at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(follows::table)
                .values(row.clone())
                .execute(conn)?;
        }
    }
    Ok(())
}

pub fn set_follow_state(
    conn: &mut DbConnection,
    follower: &str,
    following: &str,
    state: FollowState,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(
        follows::table
            .filter(follows::follower_ap_id.eq(follower))
            .filter(follows::following_ap_id.eq(following)),
    )
    .set((
        follows::state.eq(state.as_str()),
        follows::updated_at.eq(at),
    ))
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
    state: FollowState,
) -> Result<Vec<FollowRow>, StorageError> {
    Ok(follows::table
        .filter(follows::following_ap_id.eq(following))
        .filter(follows::state.eq(state.as_str()))
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
    partition: peer_domain, lease: lease_due_deliveries, done: mark_delivered, failed: mark_delivery_failed
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

/// Moves the other waiting deliveries to a peer behind `until`, so a peer's activities
/// stay in order while its first one waits for a retry.
pub fn hold_peer_queue(
    conn: &mut DbConnection,
    peer_domain: &str,
    until: NaiveDateTime,
) -> Result<usize, StorageError> {
    Ok(diesel::update(
        deliveries::table
            .filter(deliveries::peer_domain.eq(peer_domain))
            .filter(deliveries::delivered_at.is_null())
            .filter(deliveries::failed_at.is_null())
            .filter(deliveries::next_attempt_at.lt(until)),
    )
    .set(deliveries::next_attempt_at.eq(until))
    .execute(conn)?)
}

/// Deliveries to a peer's domain that are not done (the administrator's backlog figure).
pub fn pending_to(conn: &mut DbConnection, peer_domain: &str) -> Result<i64, StorageError> {
    Ok(deliveries::table
        .filter(deliveries::peer_domain.eq(peer_domain))
        .filter(deliveries::delivered_at.is_null())
        .filter(deliveries::failed_at.is_null())
        .count()
        .get_result(conn)?)
}

/// A change to announce: written with the change, turned into activities by the worker.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = publications)]
pub struct PublicationRow {
    pub id: String,
    pub kind: String,
    pub object_id: String,
    pub verb: String,
    pub occurred_at: NaiveDateTime,
    pub processed_at: Option<NaiveDateTime>,
}

pub fn insert_publication(
    conn: &mut DbConnection,
    row: &PublicationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(publications::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The oldest publications not yet turned into deliveries.
pub fn pending_publications(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<PublicationRow>, StorageError> {
    Ok(publications::table
        .filter(publications::processed_at.is_null())
        .order((publications::occurred_at.asc(), publications::id.asc()))
        .limit(limit)
        .select(PublicationRow::as_select())
        .load(conn)?)
}

/// Marks a publication processed; false when another worker did it first.
pub fn mark_publication_processed(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        publications::table
            .find(id)
            .filter(publications::processed_at.is_null()),
    )
    .set(publications::processed_at.eq(Some(at)))
    .execute(conn)?
        == 1)
}

/// An object received from another city, stored as theirs.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = remote_objects)]
#[diesel(treat_none_as_null = true)]
pub struct RemoteObjectRow {
    pub id: String,
    pub ap_id: String,
    pub kind: String,
    pub attributed_to: String,
    pub domain: String,
    pub via: Option<String>,
    pub name: String,
    pub summary: String,
    pub document: String,
    pub content: Option<String>,
    pub starts_at: Option<NaiveDateTime>,
    pub proof_verified: bool,
    pub published_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
    pub received_at: NaiveDateTime,
}

pub fn remote_object(
    conn: &mut DbConnection,
    ap_id: &str,
) -> Result<Option<RemoteObjectRow>, StorageError> {
    Ok(remote_objects::table
        .filter(remote_objects::ap_id.eq(ap_id))
        .select(RemoteObjectRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn remote_object_by_id(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<RemoteObjectRow>, StorageError> {
    Ok(remote_objects::table
        .find(id)
        .select(RemoteObjectRow::as_select())
        .first(conn)
        .optional()?)
}

/// What saving a remote object did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
    /// An older version than the one kept, or an object already deleted: nothing changed.
    Ignored,
}

/// Stores a remote object or replaces the stored copy with a newer one (by `updated_at`);
/// a deleted object stays deleted.
pub fn save_remote_object(
    conn: &mut DbConnection,
    row: &RemoteObjectRow,
) -> Result<Saved, StorageError> {
    match remote_object(conn, &row.ap_id)? {
        None => {
            diesel::insert_into(remote_objects::table)
                .values(row)
                .execute(conn)?;
            Ok(Saved::Created)
        }
        Some(kept) if kept.deleted_at.is_some() || kept.updated_at > row.updated_at => {
            Ok(Saved::Ignored)
        }
        Some(kept) => {
            let row = RemoteObjectRow {
                id: kept.id.clone(),
                published_at: kept.published_at,
                received_at: kept.received_at,
                proof_verified: row.proof_verified || kept.proof_verified,
                ..row.clone()
            };
            diesel::update(remote_objects::table.find(&kept.id))
                .set(&row)
                .execute(conn)?;
            Ok(Saved::Updated)
        }
    }
}

/// Marks a remote object deleted (its document becomes the tombstone); false when unknown.
pub fn tombstone_remote_object(
    conn: &mut DbConnection,
    ap_id: &str,
    tombstone: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        remote_objects::table
            .filter(remote_objects::ap_id.eq(ap_id))
            .filter(remote_objects::deleted_at.is_null()),
    )
    .set((
        remote_objects::deleted_at.eq(Some(at)),
        remote_objects::document.eq(tombstone),
        remote_objects::updated_at.eq(at),
    ))
    .execute(conn)?
        == 1)
}

/// Live remote objects of a kind, newest first.
pub fn remote_objects_of_kind(
    conn: &mut DbConnection,
    kind: &str,
    limit: i64,
) -> Result<Vec<RemoteObjectRow>, StorageError> {
    Ok(remote_objects::table
        .filter(remote_objects::kind.eq(kind))
        .filter(remote_objects::deleted_at.is_null())
        .order((
            remote_objects::published_at.desc(),
            remote_objects::id.desc(),
        ))
        .limit(limit)
        .select(RemoteObjectRow::as_select())
        .load(conn)?)
}

/// Remote objects of a kind attributed to one actor (a followed organization's catalog).
pub fn remote_objects_by(
    conn: &mut DbConnection,
    attributed_to: &str,
    limit: i64,
) -> Result<Vec<RemoteObjectRow>, StorageError> {
    Ok(remote_objects::table
        .filter(remote_objects::attributed_to.eq(attributed_to))
        .filter(remote_objects::deleted_at.is_null())
        .order((
            remote_objects::published_at.desc(),
            remote_objects::id.desc(),
        ))
        .limit(limit)
        .select(RemoteObjectRow::as_select())
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = template_adoptions)]
pub struct AdoptionRow {
    pub copy_ap_id: String,
    pub template_id: String,
    pub adopter_actor: String,
    pub adopter_domain: String,
    pub adopted_at: NaiveDateTime,
}

/// Records that another city adopted one of our templates; false when already known.
pub fn record_adoption(conn: &mut DbConnection, row: &AdoptionRow) -> Result<bool, StorageError> {
    let known = template_adoptions::table
        .find(&row.copy_ap_id)
        .count()
        .get_result::<i64>(conn)?;
    if known > 0 {
        return Ok(false);
    }
    diesel::insert_into(template_adoptions::table)
        .values(row)
        .execute(conn)?;
    Ok(true)
}

pub fn adoptions_of(
    conn: &mut DbConnection,
    template_id: &str,
) -> Result<Vec<AdoptionRow>, StorageError> {
    Ok(template_adoptions::table
        .filter(template_adoptions::template_id.eq(template_id))
        .order(template_adoptions::adopted_at.asc())
        .select(AdoptionRow::as_select())
        .load(conn)?)
}

/// Sets (or with `None` removes) the policy for a normalized domain, and bumps the policy's
/// version in the same transaction (see [`domain_policy_version`]).
pub fn set_domain_policy(
    conn: &mut DbConnection,
    domain: &str,
    policy: Option<&str>,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(domain_policy_version::table)
        .set(domain_policy_version::version.eq(domain_policy_version::version + 1))
        .execute(conn)?;
    diesel::delete(domain_policies::table.find(domain)).execute(conn)?;
    if let Some(policy) = policy {
        diesel::insert_into(domain_policies::table)
            .values((
                domain_policies::domain.eq(domain),
                domain_policies::policy.eq(policy),
                domain_policies::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The version of the domain policy: it moves with every change of `domain_policies`, in the
/// change's transaction, so lists kept in memory are current while it stands still. One row,
/// read by its key.
pub fn domain_policy_version(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(domain_policy_version::table
        .find(1)
        .select(domain_policy_version::version)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Every domain policy: (domain, policy, since).
pub fn domain_policies(
    conn: &mut DbConnection,
) -> Result<Vec<(String, String, NaiveDateTime)>, StorageError> {
    Ok(domain_policies::table
        .order(domain_policies::domain.asc())
        .select((
            domain_policies::domain,
            domain_policies::policy,
            domain_policies::created_at,
        ))
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = peers)]
#[diesel(treat_none_as_null = true)]
pub struct PeerRow {
    pub domain: String,
    pub reachable: bool,
    pub last_success_at: Option<NaiveDateTime>,
    pub failing_since: Option<NaiveDateTime>,
    pub next_probe_at: Option<NaiveDateTime>,
    pub received: i64,
    pub duplicates: i64,
    /// Content acknowledged and not taken: from a server the city does not follow, or not
    /// in City/Sync's own shape.
    pub ignored: i64,
}

impl PeerRow {
    pub fn new(domain: &str) -> PeerRow {
        PeerRow {
            domain: domain.to_owned(),
            reachable: true,
            last_success_at: None,
            failing_since: None,
            next_probe_at: None,
            received: 0,
            duplicates: 0,
            ignored: 0,
        }
    }
}

pub fn peer(conn: &mut DbConnection, domain: &str) -> Result<Option<PeerRow>, StorageError> {
    Ok(peers::table
        .find(domain)
        .select(PeerRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn save_peer(conn: &mut DbConnection, row: &PeerRow) -> Result<(), StorageError> {
    if peer(conn, &row.domain)?.is_some() {
        diesel::update(peers::table.find(&row.domain))
            .set(row)
            .execute(conn)?;
    } else {
        diesel::insert_into(peers::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

pub fn all_peers(conn: &mut DbConnection) -> Result<Vec<PeerRow>, StorageError> {
    Ok(peers::table
        .order(peers::domain.asc())
        .select(PeerRow::as_select())
        .load(conn)?)
}

/// Counts one received activity from a peer (or one duplicate dropped).
pub fn count_received(
    conn: &mut DbConnection,
    domain: &str,
    duplicate: bool,
) -> Result<(), StorageError> {
    // Many first activities from one new server can arrive at once (30 people of one
    // Mobilizon joining): the peer's row is made without a check-then-insert race.
    ensure_peer(conn, domain)?;
    let target = peers::table.find(domain);
    if duplicate {
        diesel::update(target)
            .set(peers::duplicates.eq(peers::duplicates + 1))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set(peers::received.eq(peers::received + 1))
            .execute(conn)?;
    }
    Ok(())
}

/// Counts one activity from a peer that was acknowledged and ignored. Written outside any
/// other effect, possibly by several requests at once: the peer's row is made with `ON
/// CONFLICT DO NOTHING` and the count raised in SQL, so none is lost.
pub fn count_ignored(conn: &mut DbConnection, domain: &str) -> Result<(), StorageError> {
    ensure_peer(conn, domain)?;
    diesel::update(peers::table.find(domain))
        .set(peers::ignored.eq(peers::ignored + 1))
        .execute(conn)?;
    Ok(())
}

/// The HTTP signature scheme a peer is known to accept (`None`: nothing known yet). Kept
/// apart from [`PeerRow`], whose read-modify-write of a peer's health must never overwrite it.
pub fn peer_signature_scheme(
    conn: &mut DbConnection,
    domain: &str,
) -> Result<Option<String>, StorageError> {
    Ok(peers::table
        .find(domain)
        .select(peers::signature_scheme)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// Remembers the HTTP signature scheme a peer accepts, making its row if it has none.
pub fn set_peer_signature_scheme(
    conn: &mut DbConnection,
    domain: &str,
    scheme: &str,
) -> Result<(), StorageError> {
    ensure_peer(conn, domain)?;
    diesel::update(peers::table.find(domain))
        .set(peers::signature_scheme.eq(scheme))
        .execute(conn)?;
    Ok(())
}

/// Makes the peer's row if it has none, with `ON CONFLICT DO NOTHING`, so that requests
/// racing to make it do not fail.
fn ensure_peer(conn: &mut DbConnection, domain: &str) -> Result<(), StorageError> {
    let row = PeerRow::new(domain);
    match conn {
        DbConnection::Postgresql(c) => diesel::insert_into(peers::table)
            .values(&row)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConnection::Sqlite(c) => diesel::insert_into(peers::table)
            .values(&row)
            .on_conflict_do_nothing()
            .execute(c)?,
    };
    Ok(())
}

/// The actors that local actors — `city`, or any actor whose id starts with
/// `local_prefix` (the city's organizations) — follow or asked to follow, in `states`.
pub fn followed_by_local(
    conn: &mut DbConnection,
    city: &str,
    local_prefix: &str,
    states: &[FollowState],
) -> Result<Vec<String>, StorageError> {
    let states: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
    let pattern = format!(
        "{}%",
        local_prefix
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    Ok(follows::table
        .filter(
            follows::follower_ap_id
                .eq(city)
                .or(follows::follower_ap_id.like(pattern).escape('\\')),
        )
        .filter(follows::state.eq_any(states))
        .select(follows::following_ap_id)
        .distinct()
        .load(conn)?)
}

pub fn follows_in_state(
    conn: &mut DbConnection,
    state: FollowState,
) -> Result<Vec<FollowRow>, StorageError> {
    Ok(follows::table
        .filter(follows::state.eq(state.as_str()))
        .order(follows::created_at.asc())
        .select(FollowRow::as_select())
        .load(conn)?)
}

/// Whether an activity was received before.
pub fn was_received(conn: &mut DbConnection, activity_id: &str) -> Result<bool, StorageError> {
    Ok(diesel::select(diesel::dsl::exists(
        received_activities::table.find(activity_id),
    ))
    .get_result(conn)?)
}

pub fn forget_received(conn: &mut DbConnection, activity_id: &str) -> Result<(), StorageError> {
    diesel::delete(received_activities::table.find(activity_id)).execute(conn)?;
    Ok(())
}
