//! Peer cities: following one by handle or URL, and the state of each peer for operators.

use crate::activities::follow::{to_document, Follow};
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::fetch::webfinger::webfinger_resolve_actor;
use activitypub_federation::traits::Actor;
use citysync_app::federation as fed;
use citysync_domain::lifecycle::FollowState;
use url::Url;

/// Resolves `@city@host`, `city@host` or an actor URL to a remote actor.
pub async fn resolve(
    data: &Data<FederationData>,
    handle_or_url: &str,
) -> Result<ApubActor, FedError> {
    let input = handle_or_url.trim();
    if input.starts_with("https://") || input.starts_with("http://") {
        let id: ObjectId<ApubActor> = Url::parse(input)?.into();
        return id.dereference(data).await;
    }
    let handle = input.trim_start_matches('@');
    if !handle.contains('@') {
        return Err(FedError::Invalid(format!("not a handle or URL: {input}")));
    }
    webfinger_resolve_actor::<FederationData, ApubActor>(handle, data).await
}

/// The city follows a peer: records the pending follow and queues the signed `Follow`.
pub async fn follow(
    data: &Data<FederationData>,
    handle_or_url: &str,
) -> Result<ApubActor, FedError> {
    let city = ApubActor::local_city(data.app_data()).await?;
    follow_as(data, &city, handle_or_url).await
}

/// Follows asked for in the pages (by the city or an organization), resolved and sent.
pub async fn resolve_requested(data: &Data<FederationData>) -> Result<usize, FedError> {
    let ctx = data.app_data();
    let requested = fed::requested_follows(ctx).await?;
    for request in &requested {
        let follower = ApubActor::read_local(&Url::parse(&request.follower_ap_id)?, ctx).await?;
        let resolved = match follower {
            Some(follower) => match resolve(data, &request.following_ap_id).await {
                Ok(target) if !target.local => {
                    let follow = Follow::new(&follower, &target, data);
                    Ok((
                        target.ap_id.to_string(),
                        follow.id.to_string(),
                        target.shared_inbox_or_inbox(),
                        to_document(&follow)?,
                    ))
                }
                Ok(_) => Err("a local actor".to_owned()),
                Err(e) => Err(e.to_string()),
            },
            None => Err("the follower is gone".to_owned()),
        };
        if let Err(why) = &resolved {
            tracing::info!(target = %request.following_ap_id, why, "requested follow not resolved");
        }
        fed::resolve_requested_follow(ctx, request, resolved).await?;
    }
    Ok(requested.len())
}

/// `follower` (the city or an organization of ours) follows a remote actor.
pub async fn follow_as(
    data: &Data<FederationData>,
    follower: &ApubActor,
    handle_or_url: &str,
) -> Result<ApubActor, FedError> {
    let ctx = data.app_data().clone();
    let target = resolve(data, handle_or_url).await?;
    if target.local {
        return Err(FedError::Invalid("a city cannot follow itself".into()));
    }
    let city = follower.clone();
    let follow = Follow::new(&city, &target, data);
    let body = to_document(&follow)?;
    let inbox = target.shared_inbox_or_inbox();
    let outgoing = fed::Outgoing {
        id: follow.id.to_string(),
        actor: city.ap_id.to_string(),
        inbox,
        body,
    };
    // Only the command line follows this way: the operator's act.
    fed::follow_peer(&ctx, target.ap_id.as_str(), outgoing).await?;
    Ok(target)
}

/// One line per peer for `citysync federation peers`.
#[derive(Debug, Clone)]
pub struct PeerState {
    pub actor: String,
    /// The city's follow of the peer; none when only deliveries or health know it.
    pub follow_state: Option<FollowState>,
    pub domain: String,
    pub pending: i64,
    pub delivered: i64,
    pub failed: i64,
    pub last_success: Option<chrono::NaiveDateTime>,
    pub last_error: Option<String>,
    pub reachable: bool,
    pub received: i64,
    pub duplicates: i64,
    /// Content acknowledged and not taken (unsolicited, or not City/Sync's).
    pub ignored: i64,
}

pub async fn states(ctx: &citysync_app::Ctx) -> Result<Vec<PeerState>, FedError> {
    let city = crate::actor::urls::city(&ctx.settings);
    let follows = fed::following(ctx, city.as_str()).await?;
    let backlogs = fed::peer_backlogs(ctx).await?;
    let mut out: Vec<PeerState> = follows
        .into_iter()
        .map(|f| {
            let domain = Url::parse(&f.following_ap_id)
                .map(|u| fed::peer_of(&u))
                .unwrap_or_default();
            PeerState {
                actor: f.following_ap_id,
                follow_state: Some(f.state),
                domain,
                pending: 0,
                delivered: 0,
                failed: 0,
                last_success: None,
                last_error: None,
                reachable: true,
                received: 0,
                duplicates: 0,
                ignored: 0,
            }
        })
        .collect();
    for b in backlogs {
        match out.iter_mut().find(|p| p.domain == b.peer_domain) {
            Some(p) => {
                p.pending = b.pending;
                p.delivered = b.delivered;
                p.failed = b.failed;
                p.last_success = b.last_delivered_at;
                p.last_error = b.last_error;
            }
            None => out.push(PeerState {
                actor: String::new(),
                follow_state: None,
                domain: b.peer_domain,
                pending: b.pending,
                delivered: b.delivered,
                failed: b.failed,
                last_success: b.last_delivered_at,
                last_error: b.last_error,
                reachable: true,
                received: 0,
                duplicates: 0,
                ignored: 0,
            }),
        }
    }
    for health in citysync_app::federation::peers::all(ctx).await? {
        let known = out.iter().any(|p| p.domain == health.domain);
        if !known {
            out.push(PeerState {
                actor: String::new(),
                follow_state: None,
                domain: health.domain.clone(),
                pending: 0,
                delivered: 0,
                failed: 0,
                last_success: health.last_success_at,
                last_error: None,
                reachable: health.reachable,
                received: 0,
                duplicates: 0,
                ignored: 0,
            });
        }
        for p in out.iter_mut().filter(|p| p.domain == health.domain) {
            p.reachable = health.reachable;
            p.received = health.received;
            p.duplicates = health.duplicates;
            p.ignored = health.ignored;
        }
    }
    Ok(out)
}
