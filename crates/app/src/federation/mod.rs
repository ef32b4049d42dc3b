//! What federation asks of the city: known actors, follow relations, the persistent delivery
//! queue and the received-activity record. Wire formats and signatures are the `federation`
//! crate's; here is only what is kept and decided.

pub mod cache;
pub mod domains;
pub mod peers;
pub mod publications;
pub mod remote;
pub mod witness;

use crate::{secrets, AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_domain::lifecycle::FollowState;
use citysync_storage::federation as store;
use citysync_storage::{users, DbConnection};

pub use store::{ActorRow, DeliveryRow, FollowRow, PeerBacklog};

/// The federation settings from the configuration (`[federation]`).
#[derive(Debug, Clone)]
pub struct FederationSettings {
    /// `allowlist`: only domains on the administrator's allowlist may federate (a pilot);
    /// otherwise any domain not blocked.
    pub allowlist_only: bool,
    /// The first retry's wait; it doubles per attempt up to twelve hours.
    pub retry_base_seconds: i64,
    /// Activities accepted per minute from one domain before `429` (per process).
    pub inbound_per_minute: u32,
}

impl Default for FederationSettings {
    fn default() -> FederationSettings {
        FederationSettings {
            allowlist_only: false,
            retry_base_seconds: 60,
            inbound_per_minute: 3000,
        }
    }
}

/// After this many failed attempts a delivery is given up (about three days: see `backoff`).
pub const MAX_DELIVERY_ATTEMPTS: i32 = 16;

/// A remote actor as this process last read or stored it (kept in memory: see
/// [`cache`]); read from the database the first time.
pub async fn actor_by_ap_id(ctx: &Ctx, ap_id: &str) -> Result<Option<ActorRow>, AppError> {
    if let Some(row) = ctx.federation_cache.actor(ap_id) {
        return Ok(Some(row));
    }
    stored_actor(ctx, ap_id).await
}

/// A remote actor as the database holds it now (another process may have fetched it again
/// since this one kept it); what it holds is kept from then on.
pub async fn stored_actor(ctx: &Ctx, ap_id: &str) -> Result<Option<ActorRow>, AppError> {
    let ap_id = ap_id.to_owned();
    let row = ctx
        .run(move |conn| Ok(store::actor_by_ap_id(conn, &ap_id)?))
        .await?;
    if let Some(row) = &row {
        ctx.federation_cache.keep_actor(row);
    }
    Ok(row)
}

pub async fn save_actor(ctx: &Ctx, row: ActorRow) -> Result<ActorRow, AppError> {
    let saved = ctx
        .db
        .write(move |conn| store::save_actor(conn, &row))
        .await?;
    ctx.federation_cache.keep_actor(&saved);
    Ok(saved)
}

/// A new row id for an actor we are about to store.
pub fn new_actor_id() -> String {
    secrets::new_id()
}

/// A follow in a state of the test's choosing, as if the peers had exchanged it.
#[cfg(feature = "test-kit")]
pub async fn record_follow_now(
    ctx: &Ctx,
    follower: &str,
    following: &str,
    activity_id: &str,
    state: FollowState,
) -> Result<(), AppError> {
    let (ctx2, a, b, c) = (
        ctx.clone(),
        follower.to_owned(),
        following.to_owned(),
        activity_id.to_owned(),
    );
    ctx.db
        .write(move |conn| record_follow(conn, &ctx2, &a, &b, &c, state))
        .await
}

/// Records that `follower` asked to follow `following` with activity `activity_id`.
pub(crate) fn record_follow(
    conn: &mut DbConnection,
    ctx: &Ctx,
    follower: &str,
    following: &str,
    activity_id: &str,
    state: FollowState,
) -> Result<(), AppError> {
    let now = ctx.now();
    store::save_follow(
        conn,
        &FollowRow {
            id: secrets::new_id(),
            follower_ap_id: follower.to_owned(),
            following_ap_id: following.to_owned(),
            state,
            activity_id: activity_id.to_owned(),
            created_at: now,
            updated_at: now,
        },
    )?;
    Ok(())
}

/// A peer's answer to one of our follows; false when no such follow was waiting (or the
/// answer was received before).
pub async fn set_follow_state(
    ctx: &Ctx,
    receipt: &Receipt,
    follower: &str,
    following: &str,
    state: FollowState,
) -> Result<bool, AppError> {
    let (receipt, f, g, now) = (
        receipt.clone(),
        follower.to_owned(),
        following.to_owned(),
        ctx.now(),
    );
    ctx.db
        .write(move |conn| {
            Ok(receipt.record(conn)? && store::set_follow_state(conn, &f, &g, state, now)? > 0)
        })
        .await
}

/// A peer's `Undo` of its follow; false when there was none (or it was received before).
pub async fn remove_follow(
    ctx: &Ctx,
    receipt: &Receipt,
    follower: &str,
    following: &str,
) -> Result<bool, AppError> {
    let (receipt, f, g) = (receipt.clone(), follower.to_owned(), following.to_owned());
    ctx.db
        .write(move |conn| Ok(receipt.record(conn)? && store::delete_follow(conn, &f, &g)? > 0))
        .await
}

/// Accepted followers of a local actor.
pub async fn followers(ctx: &Ctx, following: &str) -> Result<Vec<FollowRow>, AppError> {
    let g = following.to_owned();
    ctx.run(move |conn| Ok(store::followers(conn, &g, FollowState::Accepted)?))
        .await
}

pub async fn following(ctx: &Ctx, follower: &str) -> Result<Vec<FollowRow>, AppError> {
    let f = follower.to_owned();
    ctx.run(move |conn| Ok(store::following(conn, &f)?)).await
}

/// The peer a URL belongs to — its host (and port when not the default), normalized once
/// for every comparison: blocks, allowlists, origin checks, delivery groups, the outbound
/// guard (see [`domains::canonical_host`]: no case, trailing-dot or Unicode variants).
pub fn peer_of(url: &url::Url) -> String {
    domains::peer_of_url(url)
}

/// Queues one signed delivery of `body` (an activity by `actor_ap_id`) to `inbox`. Call it in
/// the transaction that made the change, so the activity is sent if and only if it happened.
pub(crate) fn enqueue_delivery(
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

/// How long a leased delivery is left to its worker before another may take it over (a
/// killed worker's deliveries are picked up again after this).
pub const LEASE_SECONDS: i64 = 60;

/// Leases up to `limit` due deliveries, none to a peer in `busy` (its worker is still
/// sending its earlier ones, in order).
pub async fn lease_due(
    ctx: &Ctx,
    limit: i64,
    busy: Vec<String>,
) -> Result<Vec<DeliveryRow>, AppError> {
    let now = ctx.now();
    let lease_until = now + Duration::seconds(LEASE_SECONDS);
    ctx.db
        .write(move |conn| -> Result<_, AppError> {
            Ok(store::lease_due_deliveries(
                conn,
                now,
                lease_until,
                limit,
                &busy,
            )?)
        })
        .await
}

/// The wait before retry `attempt` (1-based): `base_seconds` doubling, capped at 12 hours,
/// with up to 20 % jitter from `jitter` (0..1) so peers coming back are not hit all at once.
pub fn backoff(base_seconds: i64, attempt: i32, jitter: f64) -> Duration {
    let base = base_seconds
        .max(1)
        .saturating_mul(1i64 << attempt.clamp(0, 20))
        .min(12 * 3600);
    let extra = (base as f64 * 0.2 * jitter.clamp(0.0, 1.0)) as i64;
    Duration::seconds(base + extra)
}

pub async fn delivery_succeeded(ctx: &Ctx, row: &DeliveryRow) -> Result<(), AppError> {
    let (id, domain, now) = (row.id.clone(), row.peer_domain.clone(), ctx.now());
    ctx.db
        .write(move |conn| {
            store::mark_delivered(conn, &id, now)?;
            peers::delivered(conn, &domain, now)
        })
        .await
}

/// Records a failed attempt; `retry` false (refused by policy, a bad inbox) or too many
/// attempts gives up. A retry holds the peer's later deliveries behind this one, so they
/// stay in order; a peer failing for days is marked unreachable and only probed.
pub async fn delivery_failed(
    ctx: &Ctx,
    row: &DeliveryRow,
    error: &str,
    retry: bool,
    jitter: f64,
) -> Result<Option<NaiveDateTime>, AppError> {
    let now = ctx.now();
    let attempt = row.attempts + 1;
    let retry_at = (retry && attempt < MAX_DELIVERY_ATTEMPTS)
        .then(|| now + backoff(ctx.settings.federation.retry_base_seconds, attempt, jitter));
    let (id, domain, error) = (row.id.clone(), row.peer_domain.clone(), error.to_owned());
    ctx.db
        .write(move |conn| {
            let retry_at = match retry_at {
                Some(at) => Some(peers::failed(conn, &domain, at, now)?),
                None => None,
            };
            store::mark_delivery_failed(conn, &id, &error, retry_at, now)?;
            Ok(retry_at)
        })
        .await
}

pub async fn peer_backlogs(ctx: &Ctx) -> Result<Vec<PeerBacklog>, AppError> {
    ctx.run(|conn| Ok(store::peer_backlogs(conn)?)).await
}

/// Records an incoming activity; false when it was already received (drop it).
pub async fn first_receipt(ctx: &Ctx, activity_id: &str, actor: &str) -> Result<bool, AppError> {
    let (a, b, now) = (activity_id.to_owned(), actor.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| Ok::<_, AppError>(store::record_received(conn, &a, &b, now)?))
        .await
}

/// An activity a peer sent. It is recorded, and counted for its peer, in the transaction of
/// its effect, so that it is applied exactly once: a duplicate or a replay changes nothing
/// but the peer's count of duplicates.
#[derive(Debug, Clone)]
pub struct Receipt {
    activity_id: String,
    actor: String,
    domain: String,
    at: NaiveDateTime,
}

impl Receipt {
    pub fn new(ctx: &Ctx, activity_id: &url::Url, actor: &url::Url) -> Receipt {
        Receipt {
            activity_id: activity_id.to_string(),
            actor: actor.to_string(),
            domain: peer_of(actor),
            at: ctx.now(),
        }
    }

    pub fn activity_id(&self) -> &str {
        &self.activity_id
    }

    /// Records the activity inside the caller's transaction; false when it was received
    /// before, and the caller then changes nothing else.
    pub(crate) fn record(&self, conn: &mut DbConnection) -> Result<bool, AppError> {
        let first = store::record_received(conn, &self.activity_id, &self.actor, self.at)?;
        store::count_received(conn, &self.domain, !first)?;
        Ok(first)
    }
}

/// Whether an activity was already received: a read that lets the inbox drop a duplicate
/// before any network work. The effect's own transaction decides in the end.
pub async fn received_before(ctx: &Ctx, receipt: &Receipt) -> Result<bool, AppError> {
    let id = receipt.activity_id.clone();
    ctx.run(move |conn| Ok(store::was_received(conn, &id)?))
        .await
}

/// Records an activity whose effect writes nothing (or a duplicate found by
/// [`received_before`]); false when it was already received.
pub async fn receipt(ctx: &Ctx, receipt: &Receipt) -> Result<bool, AppError> {
    let receipt = receipt.clone();
    ctx.db.write(move |conn| receipt.record(conn)).await
}

/// A local resident's actor keys, made on first use (most residents never federate).
pub async fn user_keys(ctx: &Ctx, user_id: &str) -> Result<(String, String), AppError> {
    let id = user_id.to_owned();
    let row = ctx
        .run(move |conn| Ok(users::by_id(conn, &id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    if let (Some(public), Some(private)) = (row.public_key_pem, row.private_key_pem) {
        return Ok((public, private));
    }
    let (public, private) = tokio::task::spawn_blocking(crate::instance::generate_rsa_keypair)
        .await
        .map_err(AppError::internal)??;
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
        .run(move |conn| Ok(users::by_id(conn, &id2)?))
        .await?
        .ok_or(AppError::NotFound)?;
    match (row.public_key_pem, row.private_key_pem) {
        (Some(public), Some(private)) => Ok((public, private)),
        _ => Err(AppError::internal("actor keys vanished")),
    }
}

/// Counts for NodeInfo.
pub async fn user_counts(ctx: &Ctx) -> Result<(i64, i64), AppError> {
    ctx.run(|conn| Ok((users::count(conn)?, users::count_verified(conn)?)))
        .await
}

/// Asks for `follower` (a local actor URL: the city or an organization) to follow `target`,
/// typed as `@name@host` or an actor URL. The federation worker resolves it and sends the
/// signed `Follow`; the pages show the state meanwhile.
pub async fn request_follow(ctx: &Ctx, follower: &str, target: &str) -> Result<(), AppError> {
    request_follow_logged(ctx, None, follower, target).await
}

/// [`request_follow`] for the city itself, asked by an administrator: recorded in the
/// privileged-action log in the same transaction.
pub async fn request_city_follow(
    ctx: &Ctx,
    admin: &crate::User,
    city: &str,
    target: &str,
) -> Result<(), AppError> {
    admin.require_admin()?;
    request_follow_logged(ctx, Some(admin.id.to_string()), city, target).await
}

async fn request_follow_logged(
    ctx: &Ctx,
    admin: Option<String>,
    follower: &str,
    target: &str,
) -> Result<(), AppError> {
    let target = target.trim().trim_start_matches('@').to_owned();
    let looks_right = match target.split_once('@') {
        Some((name, host)) => !name.is_empty() && !host.is_empty() && !host.contains('/'),
        None => url::Url::parse(&target)
            .map(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
            .unwrap_or(false),
    };
    if !looks_right || target.len() > 500 {
        return Err(AppError::FollowTargetInvalid);
    }
    let (ctx2, follower) = (ctx.clone(), follower.to_owned());
    ctx.db
        .write(move |conn| {
            record_follow(conn, &ctx2, &follower, &target, "", FollowState::Requested)?;
            if let Some(admin) = &admin {
                crate::privileged_log::record(
                    conn,
                    &crate::privileged_log::Entry::admin(
                        admin,
                        crate::privileged_log::PrivilegedAction::PeerFollowed,
                        crate::privileged_log::Subject::Peer,
                        &target,
                        ctx2.now(),
                    ),
                )?;
            }
            Ok(())
        })
        .await
}

/// Follows asked for and not yet resolved, oldest first: (follower, typed target).
pub async fn requested_follows(ctx: &Ctx) -> Result<Vec<FollowRow>, AppError> {
    ctx.run(|conn| Ok(store::follows_in_state(conn, FollowState::Requested)?))
        .await
}

/// Replaces a requested follow by its resolved form (or marks it unresolved).
pub async fn resolve_requested_follow(
    ctx: &Ctx,
    requested: &FollowRow,
    resolved: Result<(String, String, url::Url, String), String>,
) -> Result<(), AppError> {
    let (ctx2, requested) = (ctx.clone(), requested.clone());
    ctx.db
        .write(move |conn| {
            match &resolved {
                Ok((target, follow_id, inbox, body)) => {
                    store::delete_follow(
                        conn,
                        &requested.follower_ap_id,
                        &requested.following_ap_id,
                    )?;
                    record_follow(
                        conn,
                        &ctx2,
                        &requested.follower_ap_id,
                        target,
                        follow_id,
                        FollowState::Pending,
                    )?;
                    enqueue_delivery(
                        conn,
                        &ctx2,
                        follow_id,
                        &requested.follower_ap_id,
                        inbox,
                        body,
                    )?;
                }
                Err(_) => {
                    store::set_follow_state(
                        conn,
                        &requested.follower_ap_id,
                        &requested.following_ap_id,
                        FollowState::Unresolved,
                        ctx2.now(),
                    )?;
                }
            }
            Ok::<_, AppError>(())
        })
        .await
}

/// Forgets a receipt whose activity failed to apply, so the sender's retry is not dropped.
pub async fn forget_receipt(ctx: &Ctx, activity_id: &str) -> Result<(), AppError> {
    let id = activity_id.to_owned();
    ctx.run(move |conn| Ok(store::forget_received(conn, &id)?))
        .await
}

/// A signed activity ready to go: its id, the actor sending it, where it goes, its JSON.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub id: String,
    pub actor: String,
    pub inbox: url::Url,
    pub body: String,
}

impl Outgoing {
    /// Queues it inside the caller's transaction (see [`enqueue_delivery`]).
    pub(crate) fn enqueue(&self, conn: &mut DbConnection, ctx: &Ctx) -> Result<(), AppError> {
        enqueue_delivery(conn, ctx, &self.id, &self.actor, &self.inbox, &self.body)
    }
}

/// Queues `outgoing` in a transaction of its own, as if an act had: the tests' way to fill
/// the delivery queue.
#[cfg(feature = "test-kit")]
pub async fn queue_now(ctx: &Ctx, outgoing: Outgoing) -> Result<(), AppError> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| outgoing.enqueue(conn, &ctx2))
        .await
}

/// A peer's `Follow` of one of our actors, accepted: the receipt, the follow and the queued
/// `Accept` in one transaction. False when the `Follow` was received before (nothing changes).
pub async fn accept_follow(
    ctx: &Ctx,
    receipt: Receipt,
    follower: &str,
    follow_id: &str,
    accept: Outgoing,
) -> Result<bool, AppError> {
    let (ctx2, follower, follow_id) = (ctx.clone(), follower.to_owned(), follow_id.to_owned());
    ctx.db
        .write(move |conn| {
            if !receipt.record(conn)? {
                return Ok(false);
            }
            record_follow(
                conn,
                &ctx2,
                &follower,
                &accept.actor,
                &follow_id,
                FollowState::Accepted,
            )?;
            accept.enqueue(conn, &ctx2)?;
            Ok(true)
        })
        .await
}

/// The city follows a peer at the operator's command: the pending follow, the queued `Follow`
/// (addressed to `target`) and the privileged-log entry, in one transaction.
pub async fn follow_peer(ctx: &Ctx, target: &str, follow: Outgoing) -> Result<(), AppError> {
    use crate::privileged_log::{self as log, PrivilegedAction, Subject};
    let (ctx2, target) = (ctx.clone(), target.to_owned());
    ctx.db
        .write(move |conn| {
            record_follow(
                conn,
                &ctx2,
                &follow.actor,
                &target,
                &follow.id,
                FollowState::Pending,
            )?;
            follow.enqueue(conn, &ctx2)?;
            log::record(
                conn,
                &log::Entry::operator(
                    PrivilegedAction::PeerFollowed,
                    Subject::Peer,
                    &target,
                    ctx2.now(),
                ),
            )?;
            Ok(())
        })
        .await
}
