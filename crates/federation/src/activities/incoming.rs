//! What `Create`, `Update` and `Announce` share: taking a peer's object in. The object must
//! be by the sending actor's own host (an attestation relayed from a third host is taken only
//! on the strength of its proof), never have an id on our host, and is kept as the peer's.

use crate::actor::urls;
use crate::objects::{self, url_field};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::{self, Saved};
use citysync_app::federation::{self as fed, peers};
use serde_json::Value;
use url::Url;

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
