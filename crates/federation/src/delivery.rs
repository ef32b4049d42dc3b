//! The delivery worker: sends what the persistent queue holds, one worker per peer sending
//! in order, peers side by side, so a slow or dead peer delays only itself. Progress is
//! saved after every attempt; a killed process loses nothing (leases run out and another
//! worker takes over). Each delivery is signed (with ring, [`crate::signing`]) the way its
//! peer is known to accept, with a second knock in the other scheme when the first is
//! refused ([`crate::outbound`]).

use crate::activities::StoredActivity;
use crate::actor::ApubActor;
use crate::outbound::{Delivery, Outcome};
use crate::signing::KeyCache;
use crate::{FedError, FederationData};
use activitypub_federation::config::{Data, FederationConfig};
use activitypub_federation::traits::{Actor, Object};
use citysync_app::federation as fed;
use citysync_app::federation::peers::{self, SignatureScheme};
use rand::Rng;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;
use url::Url;

/// Deliveries leased per round (each peer's share goes to that peer's worker).
const BATCH: i64 = 50;

/// How long one attempt may wait for a peer's answer (the federation client's timeout).
const TIMEOUT: Duration = Duration::from_secs(10);

/// What the workers send with: the guarded federation HTTP client (the same policy as the
/// crate's: [`crate::policy::GuardedResolver`], no redirects, no proxy) and the signing keys
/// of the city's actors, parsed once.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    keys: KeyCache,
    /// Whether loopback, `http:` and explicit ports are allowed (`allow_local_peers`).
    local: bool,
}

impl Sender {
    /// A sender for the city `data` configures; local peers are allowed exactly when its
    /// federation configuration allows them.
    pub async fn new(data: &Data<FederationData>) -> Result<Sender, FedError> {
        let local = crate::config::allows_local_peers(data).await;
        Ok(Sender {
            client: crate::config::http_client(local)?,
            keys: KeyCache::default(),
            local,
        })
    }

    /// The checks activitypub_federation made of an inbox before it signed for it: https
    /// (http where local peers are allowed), a domain name, not one of ours; in production no
    /// explicit port and an address that is not internal. (The domain policy was checked
    /// before, and the client's resolver checks the address again at connect time.)
    async fn check_inbox(&self, inbox: &Url, data: &Data<FederationData>) -> Result<(), String> {
        match inbox.scheme() {
            "https" => {}
            "http" if self.local => {}
            _ => return Err(format!("{inbox}: the scheme is not allowed")),
        }
        if inbox.domain().is_none() {
            return Err(format!("{inbox}: not a domain name"));
        }
        if fed::peer_of(inbox) == data.app_data().settings.host() {
            return Err(format!("{inbox} is this city's own"));
        }
        if !self.local {
            if inbox.port().is_some() {
                return Err(format!("{inbox}: an explicit port is not allowed"));
            }
            data.is_valid_ip(inbox)
                .await
                .map_err(|e| format!("{inbox}: {e}"))?;
        }
        Ok(())
    }
}

/// Leases what is due to peers not in `busy`, grouped by peer, each peer's rows in order.
pub async fn lease_by_peer(
    data: &Data<FederationData>,
    busy: Vec<String>,
) -> Result<(usize, BTreeMap<String, Vec<fed::DeliveryRow>>), FedError> {
    let batch = fed::lease_due(data.app_data(), BATCH, busy).await?;
    let leased = batch.len();
    let mut per_peer: BTreeMap<String, Vec<fed::DeliveryRow>> = BTreeMap::new();
    for row in batch {
        per_peer
            .entry(row.peer_domain.clone())
            .or_default()
            .push(row);
    }
    Ok((leased, per_peer))
}

/// One peer's worker: sends its rows in order and stops at the first failure (the peer's
/// queue was held until the retry). Returns how many were delivered.
pub async fn send_in_order(
    data: &Data<FederationData>,
    sender: &Sender,
    rows: Vec<fed::DeliveryRow>,
) -> usize {
    let mut delivered = 0;
    for row in rows {
        match deliver_one(data, sender, &row).await {
            Ok(true) => delivered += 1,
            Ok(false) => break,
            Err(e) => {
                tracing::error!(delivery = %row.id, error = ?e, "delivery bookkeeping failed");
                break;
            }
        }
    }
    delivered
}

async fn deliver_one(
    data: &Data<FederationData>,
    sender: &Sender,
    row: &fed::DeliveryRow,
) -> Result<bool, FedError> {
    let ctx = data.app_data();
    let jitter: f64 = rand::thread_rng().gen();
    let lists = peers::lists(ctx).await?;
    if lists.refuses(ctx.settings.federation.allowlist_only, &row.peer_domain) {
        fed::delivery_failed(
            ctx,
            row,
            "refused by this city's federation policy",
            false,
            jitter,
        )
        .await?;
        return Ok(false);
    }
    let prepared = async {
        let activity: StoredActivity = serde_json::from_str(&row.body)?;
        let actor = ApubActor::read_from_id(Url::parse(&row.actor_ap_id)?, data)
            .await?
            .ok_or(FedError::NotFound)?;
        let inbox = Url::parse(&row.inbox)?;
        // Signed as the peer is known to accept; draft-cavage while nothing is known.
        let first = peers::signature_scheme(ctx, &row.peer_domain)
            .await?
            .unwrap_or(SignatureScheme::DraftCavage);
        let pem = actor
            .private_key_pem()
            .ok_or_else(|| FedError::Invalid(format!("{} has no private key", actor.ap_id)))?;
        let delivery = Delivery {
            key: sender.keys.key(actor.ap_id.as_str(), &pem)?,
            key_id: actor.public_key().id,
            body: serde_json::to_vec(&activity)?,
            inbox,
        };
        Ok::<_, FedError>((delivery, first))
    }
    .await;
    let (delivery, first) = match prepared {
        Ok(prepared) => prepared,
        Err(e) => {
            fed::delivery_failed(ctx, row, &e.to_string(), false, jitter).await?;
            return Ok(false);
        }
    };
    // (The row's peer is its inbox's host: the policy was checked above.)
    if let Err(why) = sender.check_inbox(&delivery.inbox, data).await {
        tracing::debug!(inbox = %delivery.inbox, %why, "inbox refused");
        fed::delivery_failed(
            ctx,
            row,
            "the inbox URL is refused by this city's federation policy",
            false,
            jitter,
        )
        .await?;
        return Ok(false);
    }
    match delivery.send(&sender.client, TIMEOUT, first).await {
        Ok(outcome) => {
            fed::delivery_succeeded(ctx, row).await?;
            if let Outcome::Taken(scheme) = outcome {
                peers::remember_signature_scheme(ctx, &row.peer_domain, scheme).await?;
            }
            tracing::debug!(activity = %row.activity_id, inbox = %row.inbox, ?outcome, "delivered");
            Ok(true)
        }
        Err(e) => {
            let retry_at = fed::delivery_failed(ctx, row, &e.to_string(), true, jitter).await?;
            tracing::warn!(activity = %row.activity_id, inbox = %row.inbox, error = %e, ?retry_at, "delivery failed");
            Ok(false)
        }
    }
}

/// How often pending adopted models are fetched.
const MODELS_EVERY: Duration = Duration::from_secs(15);

/// Runs until `shutdown` turns true. Each round leases what is due to peers whose worker is
/// idle and starts one worker per peer; rounds do not wait for workers, so a peer that hangs
/// until the timeout holds up only its own queue.
pub async fn run(
    config: FederationConfig<FederationData>,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let sender = match Sender::new(&config.to_request_data()).await {
        Ok(sender) => sender,
        Err(e) => {
            tracing::error!(error = ?e, "the delivery worker cannot start");
            return;
        }
    };
    let mut next_models = Instant::now();
    let mut next_tick = Instant::now();
    let mut workers: JoinSet<usize> = JoinSet::new();
    let mut busy: HashMap<tokio::task::Id, String> = HashMap::new();
    loop {
        let data = config.to_request_data();
        // Once per tick, not after every worker: what is new to announce, follows to look up,
        // and (less often) adopted models to install.
        if Instant::now() >= next_tick {
            next_tick = Instant::now() + interval;
            if Instant::now() >= next_models {
                // Adopted models are rare; a peer that does not answer is tried again later.
                next_models = Instant::now() + MODELS_EVERY;
                if let Err(e) = crate::models::install_pending(&data).await {
                    tracing::warn!(error = ?e, "installing adopted models failed");
                }
            }
            if let Err(e) = crate::publisher::announce_pending(&data).await {
                tracing::warn!(error = ?e, "announcing publications failed");
            }
            if let Err(e) = crate::peers::resolve_requested(&data).await {
                tracing::warn!(error = ?e, "resolving requested follows failed");
            }
            if let Err(e) = crate::activities::link::send_requested(&data).await {
                tracing::warn!(error = ?e, "sending fediverse link messages failed");
            }
        }
        while let Some(done) = workers.try_join_next_with_id() {
            finished(&mut busy, done);
        }
        let full = match lease_by_peer(&data, busy.values().cloned().collect()).await {
            Ok((leased, per_peer)) => {
                for (peer, rows) in per_peer {
                    let data = config.to_request_data();
                    let sender = sender.clone();
                    let handle =
                        workers.spawn(async move { send_in_order(&data, &sender, rows).await });
                    busy.insert(handle.id(), peer);
                }
                leased as i64 == BATCH
            }
            Err(e) => {
                tracing::warn!(error = ?e, "delivery round failed");
                false
            }
        };
        if full && !*shutdown.borrow() {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep_until(next_tick) => {}
            Some(done) = workers.join_next_with_id(), if !workers.is_empty() => {
                finished(&mut busy, done);
            }
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// A peer's worker ended: the peer may be leased again.
fn finished(
    busy: &mut HashMap<tokio::task::Id, String>,
    done: Result<(tokio::task::Id, usize), tokio::task::JoinError>,
) {
    let id = match done {
        Ok((id, delivered)) => {
            if delivered > 0 {
                tracing::info!(
                    delivered,
                    peer = busy.get(&id).map(String::as_str),
                    "federation deliveries sent"
                );
            }
            id
        }
        Err(e) => {
            tracing::error!(error = %e, "a delivery worker stopped");
            e.id()
        }
    };
    busy.remove(&id);
}
