//! Witnessing on the wire. A `LedgerCheckpoint` that a city we follow sends us directly is
//! read here and handed to the app, which countersigns it (or records an equivocation); our
//! countersignature goes back to the origin city as a `Countersign` activity.

use crate::actor::urls;
use crate::objects::{self, url_field, wire_time};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use chrono::{DateTime, Utc};
use citysync_app::federation as fed;
use citysync_app::federation::publications::Outgoing;
use citysync_app::federation::witness::{self, Countersignature, IncomingCheckpoint, Verdict};
use citysync_app::{AppError, Settings};
use citysync_domain::ledger::{Checkpoint, CurrencyTotals};
use citysync_domain::lifecycle::FollowState;
use serde_json::{json, Value};
use url::Url;

/// Hex fields are bounded before anything is verified or stored.
const MAX_HEX: usize = 256;

/// A checkpoint object as sent, or `Invalid`.
pub fn read_checkpoint(object: &Value) -> Result<(Checkpoint, String), FedError> {
    let text = |field: &str| -> Result<String, FedError> {
        let v = object
            .get(field)
            .and_then(Value::as_str)
            .ok_or_else(|| FedError::Invalid(format!("{field} is missing")))?;
        if v.len() > MAX_HEX {
            return Err(FedError::Invalid(format!("{field} is too long")));
        }
        Ok(v.to_owned())
    };
    let seq = object
        .get("sequence")
        .and_then(Value::as_i64)
        .ok_or_else(|| FedError::Invalid("sequence is missing".into()))?;
    let totals: Vec<CurrencyTotals> =
        serde_json::from_value(object.get("totals").cloned().unwrap_or(Value::Null))?;
    if totals.len() > 8 {
        return Err(FedError::Invalid("too many totals".into()));
    }
    let signed_at = DateTime::parse_from_rfc3339(&text("signedAt")?)
        .map_err(|_| FedError::Invalid("signedAt is not a time".into()))?
        .with_timezone(&Utc)
        .naive_utc();
    let checkpoint = Checkpoint {
        seq,
        head_hash: text("headHash")?,
        totals,
        signed_at,
        signature: text("ledgerSignature")?,
    };
    Ok((checkpoint, text("ledgerKey")?))
}

/// Whether this city follows `actor` (an accepted follow by our city actor).
async fn we_follow(data: &Data<FederationData>, actor: &Url) -> Result<bool, FedError> {
    let ctx = data.app_data();
    let city = urls::city(&ctx.settings);
    Ok(fed::following(ctx, city.as_str())
        .await?
        .iter()
        .any(|f| f.following_ap_id == actor.as_str() && f.state == FollowState::Accepted))
}

/// A checkpoint arrived directly from `sender`, the city that signed it.
pub async fn on_checkpoint(
    data: &Data<FederationData>,
    sender: &Url,
    object: &Value,
) -> Result<Verdict, FedError> {
    let ctx = data.app_data();
    if !we_follow(data, sender).await? {
        return Ok(Verdict::Refused);
    }
    let (checkpoint, ledger_key) = read_checkpoint(object)?;
    let object_id = url_field(object, "id")?;
    let origin = fed::actor_by_ap_id(ctx, sender.as_str())
        .await?
        .ok_or(FedError::NotFound)?;
    let inbox = Url::parse(origin.shared_inbox.as_deref().unwrap_or(&origin.inbox))?;
    let incoming = IncomingCheckpoint {
        origin_actor: sender.clone(),
        checkpoint,
        ledger_key,
        document: serde_json::to_string(object)?,
    };
    let (settings, origin_actor, now) = (ctx.settings.clone(), sender.clone(), ctx.now());
    let verdict = witness::receive_checkpoint(ctx, incoming, move |c| {
        let id = urls::activity(&settings, "countersign");
        let activity = countersign_activity(&settings, &id, &object_id, &origin_actor, c, now);
        Ok(Outgoing {
            activity_id: id.to_string(),
            actor: urls::city(&settings).to_string(),
            inbox,
            body: serde_json::to_string(&activity).map_err(AppError::internal)?,
        })
    })
    .await?;
    tracing::info!(origin = %sender, ?verdict, "ledger checkpoint witnessed");
    Ok(verdict)
}

/// Our `Countersign` of an origin's checkpoint `object`, addressed to the origin city.
pub fn countersign_activity(
    s: &Settings,
    id: &Url,
    object: &Url,
    origin_actor: &Url,
    c: &Countersignature,
    published: chrono::NaiveDateTime,
) -> Value {
    json!({
        "@context": objects::context(),
        "id": id,
        "type": crate::activities::countersign::TYPE,
        "actor": urls::city(s),
        "object": object,
        "sequence": c.statement.seq,
        "headHash": c.statement.head_hash,
        "ledgerSignature": c.statement.ledger_signature,
        "witnessSignature": c.signature,
        "witnessKey": c.witness_key,
        "published": wire_time(published),
        "to": [origin_actor],
    })
}
