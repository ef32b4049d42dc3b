//! The delivery worker: sends what the persistent queue holds, in order per peer, peers side
//! by side, so a slow or dead peer delays only itself. Progress is saved after every attempt;
//! a killed process loses nothing (leases run out and another worker takes over).

use crate::activities::StoredActivity;
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::activity_sending::SendActivityTask;
use activitypub_federation::config::{Data, FederationConfig};
use activitypub_federation::traits::Object;
use citysync_app::federation as fed;
use rand::Rng;
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::watch;
use url::Url;

/// Deliveries leased per round (each peer's share is sent in order, peers side by side).
const BATCH: i64 = 50;

/// Sends what is due now; returns (leased, delivered).
pub async fn deliver_due(data: &Data<FederationData>) -> Result<(usize, usize), FedError> {
    let batch = fed::lease_due(data.app_data(), BATCH).await?;
    let leased = batch.len();
    let mut per_peer: BTreeMap<String, Vec<fed::DeliveryRow>> = BTreeMap::new();
    for row in batch {
        per_peer
            .entry(row.peer_domain.clone())
            .or_default()
            .push(row);
    }
    let sends = per_peer.into_values().map(|rows| async move {
        let mut delivered = 0;
        for row in rows {
            match deliver_one(data, &row).await {
                Ok(true) => delivered += 1,
                // The peer failed: its later deliveries wait behind this one (the lease
                // runs out; the queue was held until the retry).
                Ok(false) => break,
                Err(e) => {
                    tracing::error!(delivery = %row.id, error = ?e, "delivery bookkeeping failed");
                    break;
                }
            }
        }
        delivered
    });
    let delivered = futures_util::future::join_all(sends)
        .await
        .into_iter()
        .sum();
    Ok((leased, delivered))
}

async fn deliver_one(
    data: &Data<FederationData>,
    row: &fed::DeliveryRow,
) -> Result<bool, FedError> {
    let ctx = data.app_data();
    let jitter: f64 = rand::thread_rng().gen();
    let lists = citysync_app::federation::peers::lists(ctx).await?;
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
        Ok::<_, FedError>(SendActivityTask::prepare(&activity, &actor, vec![inbox], data).await?)
    }
    .await;
    let tasks = match prepared {
        Ok(tasks) if !tasks.is_empty() => tasks,
        Ok(_) => {
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
        Err(e) => {
            fed::delivery_failed(ctx, row, &e.to_string(), false, jitter).await?;
            return Ok(false);
        }
    };
    for task in tasks {
        if let Err(e) = task.sign_and_send(data).await {
            let retry_at = fed::delivery_failed(ctx, row, &e.to_string(), true, jitter).await?;
            tracing::warn!(activity = %row.activity_id, inbox = %row.inbox, error = %e, ?retry_at, "delivery failed");
            return Ok(false);
        }
    }
    fed::delivery_succeeded(ctx, row).await?;
    tracing::debug!(activity = %row.activity_id, inbox = %row.inbox, "delivered");
    Ok(true)
}

/// How often pending adopted models are fetched.
const MODELS_EVERY: Duration = Duration::from_secs(15);

/// Runs until `shutdown` turns true, polling the queue every `interval`.
pub async fn run(
    config: FederationConfig<FederationData>,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut next_models = tokio::time::Instant::now();
    loop {
        let data = config.to_request_data();
        if tokio::time::Instant::now() >= next_models {
            // Adopted models are rare; a peer that does not answer is tried again later.
            next_models = tokio::time::Instant::now() + MODELS_EVERY;
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
        let busy = match deliver_due(&data).await {
            Ok((leased, delivered)) => {
                if delivered > 0 {
                    tracing::info!(delivered, "federation deliveries sent");
                }
                leased as i64 == BATCH
            }
            Err(e) => {
                tracing::warn!(error = ?e, "delivery round failed");
                false
            }
        };
        if busy && !*shutdown.borrow() {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}
