//! What `Create`, `Update` and `Announce` share: deciding whether a peer's content is taken
//! at all, and taking it in.
//!
//! Content is taken only from servers this city follows (its city actor or one of its
//! organizations follows an actor there), and only in City/Sync's own shape
//! ([`objects::citysync_kind`]); anything else — a stranger's posts, a followed server's
//! blog article — is acknowledged (2xx: nothing is wrong with it by the protocol, and an
//! error would only make the sender retry), not kept, and counted for its peer. One thing is
//! taken from any City/Sync city: the news that it adopted one of our templates (its copy,
//! sent to us as the origin), which only lists the adoption.
//!
//! A taken object must be by the sending actor's own host (an attestation relayed from a
//! third host is taken only on the strength of its proof), never have an id on our host, and
//! is kept as the peer's.

use crate::actor::urls;
use crate::objects::{self, url_field};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::{self, Saved};
use citysync_app::federation::{self as fed, peers};
use citysync_app::Ctx;
use serde_json::Value;
use url::Url;

/// Why a peer's content was acknowledged and not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// From a server this city does not follow (or relayed from a third server).
    Unsolicited,
    /// Not one of City/Sync's own objects (a Lemmy post, a blog article, a Mobilizon event…).
    ForeignShape,
}

impl Ignored {
    fn as_str(self) -> &'static str {
        match self {
            Ignored::Unsolicited => "unsolicited",
            Ignored::ForeignShape => "not a City/Sync object",
        }
    }
}

/// Whether this city takes content from `actor`'s server.
pub async fn followed(ctx: &Ctx, actor: &Url) -> Result<bool, FedError> {
    Ok(remote::takes_content_from(ctx, &fed::peer_of(actor)).await?)
}

/// Acknowledges and drops an activity `sender` sent: nothing is kept, the sender gets its
/// 2xx, and its peer's count of ignored activities goes up (the administrator's federation
/// page). Not recorded as received: the same activity again is ignored again.
pub async fn ignore(
    ctx: &Ctx,
    activity_id: &Url,
    sender: &Url,
    why: Ignored,
) -> Result<(), FedError> {
    let peer = fed::peer_of(sender);
    tracing::info!(activity = %activity_id, %peer, reason = why.as_str(), "content acknowledged and ignored");
    remote::ignored(ctx, &peer).await?;
    Ok(())
}

/// A `Create` or `Update` of `object` sent directly by `sender`: taken from a followed
/// server when the object is City/Sync's; from another City/Sync city, only an adoption of
/// one of our templates is recorded; everything else is ignored.
pub async fn receive_direct(
    data: &Data<FederationData>,
    activity_id: &Url,
    sender: &Url,
    activity: &Value,
    object: &Value,
) -> Result<(), FedError> {
    let ctx = data.app_data();
    let receipt = fed::Receipt::new(ctx, activity_id, sender);
    let shape = objects::citysync_kind(object);
    if !followed(ctx, sender).await? {
        let origin = url_field(object, "adaptedFrom")
            .ok()
            .filter(|origin| remote::is_ours(ctx, origin));
        return match (shape, origin) {
            (Some(Kind::Template), Some(origin)) => {
                adoption_only(data, &receipt, sender, object, &origin).await
            }
            _ => ignore(ctx, activity_id, sender, Ignored::Unsolicited).await,
        };
    }
    if shape.is_none() {
        return ignore(ctx, activity_id, sender, Ignored::ForeignShape).await;
    }
    take(data, &receipt, sender, activity, object, None).await?;
    Ok(())
}

/// A city this city does not follow adopted one of our templates and sent us its copy (we
/// are the origin): the adoption is listed on our template; the copy is not kept.
async fn adoption_only(
    data: &Data<FederationData>,
    receipt: &fed::Receipt,
    sender: &Url,
    object: &Value,
    origin: &Url,
) -> Result<(), FedError> {
    let ctx = data.app_data();
    let id = url_field(object, "id")?;
    let author = objects::author_of(object)?;
    if remote::is_ours(ctx, &id) {
        return Err(FedError::Forbidden(
            "an object of this city cannot be changed from outside".into(),
        ));
    }
    if fed::peer_of(&id) != fed::peer_of(sender) || fed::peer_of(&author) != fed::peer_of(sender) {
        return Err(FedError::Forbidden(
            "the object is not on the sender's host".into(),
        ));
    }
    if !fed::receipt(ctx, receipt).await? {
        return Ok(());
    }
    if let Err(e) = record_adoption(data, origin, &id, &author).await {
        fed::forget_receipt(ctx, receipt.activity_id()).await?;
        return Err(e);
    }
    Ok(())
}

/// Takes `object`, received in `activity` from `sender` (directly, or relayed `via` an
/// announcing city). Returns what was stored.
pub async fn take(
    data: &Data<FederationData>,
    receipt: &fed::Receipt,
    sender: &Url,
    activity: &Value,
    object: &Value,
    via: Option<Url>,
) -> Result<Saved, FedError> {
    let ctx = data.app_data();
    let id = url_field(object, "id")?;
    if remote::is_ours(ctx, &id) {
        return Err(FedError::Forbidden(
            "an object of this city cannot be changed from outside".into(),
        ));
    }
    let author = objects::author_of(object)?;
    let kind = objects::kind_of(object);
    let same_host =
        fed::peer_of(&id) == fed::peer_of(sender) && fed::peer_of(&author) == fed::peer_of(sender);
    if !same_host && kind != Some(Kind::Attestation) {
        return Err(FedError::Forbidden(
            "the object is not on the sender's host".into(),
        ));
    }
    let received = objects::understand(data, object, via.clone()).await?;
    let adapted_from = match kind {
        Some(Kind::Template) => url_field(object, "adaptedFrom").ok(),
        _ => None,
    };
    let saved = remote::keep(ctx, received, Some(receipt)).await?;
    // What follows is written apart; if it fails, the receipt is forgotten so that the
    // peer's retry applies the activity again (keeping the object again changes nothing).
    let follow_on = async {
        if let Some(origin) = adapted_from {
            record_adoption(data, &origin, &id, &author).await?;
        }
        if kind == Some(Kind::Attestation) && saved == Saved::Created {
            relay(data, activity, &author, via.as_ref()).await?;
        }
        // A city's own checkpoint, sent by that city: witnessed (countersigned, or an
        // equivocation recorded) even when the kept copy did not change — witnessing is
        // idempotent, and an equivocation must not hide behind an older `published`.
        if kind == Some(Kind::Checkpoint) && via.is_none() {
            crate::witness::on_checkpoint(data, sender, object).await?;
        }
        Ok::<_, FedError>(())
    };
    if let Err(e) = follow_on.await {
        fed::forget_receipt(ctx, receipt.activity_id()).await?;
        return Err(e);
    }
    Ok(saved)
}

/// A peer's template says it was adapted from one of ours: the origin lists the adoption.
async fn record_adoption(
    data: &Data<FederationData>,
    origin: &Url,
    copy: &Url,
    adopter: &Url,
) -> Result<(), FedError> {
    let ctx = data.app_data();
    if !remote::is_ours(ctx, origin) {
        return Ok(());
    }
    if let Some(template_id) = origin.path().strip_prefix("/templates/") {
        if !template_id.contains('/') {
            remote::record_adoption(ctx, template_id, copy, adopter).await?;
        }
    }
    Ok(())
}

/// The city relays a verified attestation from another city to its own followers, wrapped in
/// an `Announce` — except to the attestation's own city and the city that relayed it to us.
async fn relay(
    data: &Data<FederationData>,
    activity: &Value,
    author: &Url,
    via: Option<&Url>,
) -> Result<(), FedError> {
    let ctx = data.app_data();
    let s = &ctx.settings;
    let city = urls::city(s);
    let skip: Vec<String> = [Some(author), via]
        .into_iter()
        .flatten()
        .map(fed::peer_of)
        .collect();
    let announce_id = urls::activity(s, "announce");
    let mut inner = activity.clone();
    if let Some(map) = inner.as_object_mut() {
        map.remove("@context");
    }
    let announce = serde_json::json!({
        "@context": objects::context(),
        "id": announce_id,
        "type": "Announce",
        "actor": city,
        "object": inner,
        "to": [objects::PUBLIC],
        "cc": [urls::city_followers(s)],
    });
    let body = serde_json::to_string(&announce)?;
    let lists = peers::lists(ctx).await?;
    let outgoing: Vec<_> = crate::publisher::follower_inboxes(ctx, &city, &lists)
        .await?
        .into_iter()
        .filter(|inbox| !skip.contains(&fed::peer_of(inbox)))
        .map(|inbox| fed::publications::Outgoing {
            activity_id: announce_id.to_string(),
            actor: city.to_string(),
            inbox,
            body: body.clone(),
        })
        .collect();
    fed::publications::enqueue(ctx, outgoing).await?;
    Ok(())
}
