//! What federation asks of the city: known actors, follow relations, the persistent delivery
//! queue and the received-activity record. Wire formats and signatures are the `federation`
//! crate's; here is only what is kept and decided.

use crate::{secrets, AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_storage::federation as store;
use citysync_storage::{users, DbConnection};

pub use store::{ActorRow, DeliveryRow, FollowRow, PeerBacklog};

pub const FOLLOW_PENDING: &str = "pending";
pub const FOLLOW_ACCEPTED: &str = "accepted";
pub const FOLLOW_REJECTED: &str = "rejected";

/// After this many failed attempts a delivery is given up (about three days: see `backoff`).
pub const MAX_DELIVERY_ATTEMPTS: i32 = 16;

pub async fn actor_by_ap_id(ctx: &Ctx, ap_id: &str) -> Result<Option<ActorRow>, AppError> {
    let ap_id = ap_id.to_owned();
    Ok(ctx
        .db
        .run(move |conn| store::actor_by_ap_id(conn, &ap_id))
        .await?)
}

pub async fn save_actor(ctx: &Ctx, row: ActorRow) -> Result<ActorRow, AppError> {
    Ok(ctx
        .db
        .write(move |conn| store::save_actor(conn, &row))
        .await?)
}

/// A new row id for an actor we are about to store.
pub fn new_actor_id() -> String {
    secrets::new_id()
}

/// Records that `follower` asked to follow `following` with activity `activity_id`.
pub fn record_follow(
    conn: &mut DbConnection,
    ctx: &Ctx,
    follower: &str,
    following: &str,
    activity_id: &str,
    state: &str,
) -> Result<(), AppError> {
    let now = ctx.now();
    store::save_follow(
        conn,
        &FollowRow {
            id: secrets::new_id(),
            follower_ap_id: follower.to_owned(),
            following_ap_id: following.to_owned(),
            state: state.to_owned(),
            activity_id: activity_id.to_owned(),
            created_at: now,
            updated_at: now,
        },
    )?;
    Ok(())
}

pub async fn set_follow_state(
    ctx: &Ctx,
    follower: &str,
    following: &str,
    state: &str,
) -> Result<bool, AppError> {
    let (f, g, s, now) = (
        follower.to_owned(),
        following.to_owned(),
        state.to_owned(),
        ctx.now(),
    );
    Ok(ctx
        .db
        .write(move |conn| store::set_follow_state(conn, &f, &g, &s, now))
        .await?
        > 0)
}

pub async fn remove_follow(ctx: &Ctx, follower: &str, following: &str) -> Result<bool, AppError> {
    let (f, g) = (follower.to_owned(), following.to_owned());
    Ok(ctx
        .db
        .write(move |conn| store::delete_follow(conn, &f, &g))
        .await?
        > 0)
}

/// Accepted followers of a local actor.
pub async fn followers(ctx: &Ctx, following: &str) -> Result<Vec<FollowRow>, AppError> {
    let g = following.to_owned();
    Ok(ctx
        .db
        .run(move |conn| store::followers(conn, &g, FOLLOW_ACCEPTED))
        .await?)
}

pub async fn following(ctx: &Ctx, follower: &str) -> Result<Vec<FollowRow>, AppError> {
    let f = follower.to_owned();
    Ok(ctx.db.run(move |conn| store::following(conn, &f)).await?)
}

/// The host (and port) part of an inbox URL: deliveries are grouped per peer by it.
pub fn peer_of(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{}:{p}", h.to_ascii_lowercase()),
        (Some(h), None) => h.to_ascii_lowercase(),
        (None, _) => String::new(),
    }
}

/// Queues one signed delivery of `body` (an activity by `actor_ap_id`) to `inbox`. Call it in
/// the transaction that made the change, so the activity is sent if and only if it happened.
pub fn enqueue_delivery(
    conn: &mut DbConnection,
    ctx: &Ctx,
    activity_id: &str,
    actor_ap_id: &str,
    inbox: &url::Url,
    body: &str,
) -> Result<(), AppError> {
    let now = ctx.now();
    store::insert_delivery(
        conn,
        &DeliveryRow {
            id: secrets::new_id(),
            activity_id: activity_id.to_owned(),
            actor_ap_id: actor_ap_id.to_owned(),
            inbox: inbox.to_string(),
            peer_domain: peer_of(inbox),
            body: body.to_owned(),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            delivered_at: None,
            failed_at: None,
            last_error: None,
        },
    )?;
    Ok(())
}

/// Leases due deliveries for a worker.
pub async fn lease_due(ctx: &Ctx, limit: i64) -> Result<Vec<DeliveryRow>, AppError> {
    let now = ctx.now();
    let lease_until = now + Duration::minutes(2);
    ctx.db
        .write(move |conn| -> Result<_, AppError> {
            Ok(store::lease_due_deliveries(conn, now, lease_until, limit)?)
        })
        .await
}

/// The wait before retry `attempt` (1-based): 1 min doubling, capped at 12 hours, with up to
/// 20 % jitter from `jitter` (0..1) so peers coming back are not hit all at once.
pub fn backoff(attempt: i32, jitter: f64) -> Duration {
    let base = 60i64
        .saturating_mul(1i64 << attempt.clamp(0, 20))
        .min(12 * 3600);
    let extra = (base as f64 * 0.2 * jitter.clamp(0.0, 1.0)) as i64;
    Duration::seconds(base + extra)
}

pub async fn delivery_succeeded(ctx: &Ctx, id: &str) -> Result<(), AppError> {
    let (id, now) = (id.to_owned(), ctx.now());
    Ok(ctx
        .db
        .run(move |conn| store::mark_delivered(conn, &id, now))
        .await?)
}

/// Records a failed attempt; `retry` false (a final 4xx) or too many attempts gives up.
pub async fn delivery_failed(
    ctx: &Ctx,
    row: &DeliveryRow,
    error: &str,
    retry: bool,
    jitter: f64,
) -> Result<Option<NaiveDateTime>, AppError> {
    let now = ctx.now();
    let attempt = row.attempts + 1;
    let retry_at =
        (retry && attempt < MAX_DELIVERY_ATTEMPTS).then(|| now + backoff(attempt, jitter));
    let (id, error) = (row.id.clone(), error.to_owned());
    ctx.db
        .run(move |conn| store::mark_delivery_failed(conn, &id, &error, retry_at, now))
        .await?;
    Ok(retry_at)
}

pub async fn peer_backlogs(ctx: &Ctx) -> Result<Vec<PeerBacklog>, AppError> {
    Ok(ctx.db.run(store::peer_backlogs).await?)
}

/// Records an incoming activity; false when it was already received (drop it).
pub async fn first_receipt(ctx: &Ctx, activity_id: &str, actor: &str) -> Result<bool, AppError> {
    let (a, b, now) = (activity_id.to_owned(), actor.to_owned(), ctx.now());
    Ok(ctx
        .db
        .run(move |conn| store::record_received(conn, &a, &b, now))
        .await?)
}

/// A local resident's actor keys, made on first use (most residents never federate).
pub async fn user_keys(ctx: &Ctx, user_id: &str) -> Result<(String, String), AppError> {
    let id = user_id.to_owned();
    let row = ctx
        .db
        .run(move |conn| users::by_id(conn, &id))
        .await?
        .ok_or(AppError::NotFound)?;
    if let (Some(public), Some(private)) = (row.public_key_pem, row.private_key_pem) {
        return Ok((public, private));
    }
    let (public, private) = tokio::task::spawn_blocking(crate::instance::generate_rsa_keypair)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let (id, p, q) = (user_id.to_owned(), public.clone(), private.clone());
    let id2 = id.clone();
    let stored = ctx
        .db
        .write(move |conn| users::set_keys_once(conn, &id, &p, &q))
        .await?;
    if stored {
        return Ok((public, private));
    }
    // Someone else stored keys first: use theirs.
    let row = ctx
        .db
        .run(move |conn| users::by_id(conn, &id2))
        .await?
        .ok_or(AppError::NotFound)?;
    match (row.public_key_pem, row.private_key_pem) {
        (Some(public), Some(private)) => Ok((public, private)),
        _ => Err(AppError::Internal("actor keys vanished".into())),
    }
}

/// Counts for NodeInfo.
pub async fn user_counts(ctx: &Ctx) -> Result<(i64, i64), AppError> {
    Ok(ctx
        .db
        .run(|conn| Ok((users::count(conn)?, users::count_verified(conn)?)))
        .await?)
}
