//! A signed ledger checkpoint: sequence number, head hash and per-currency totals, with the
//! ledger key's Ed25519 signature over the canonical form — figures only, never an entry.
//! On the wire an ActivityStreams `Document` that is also a `LedgerCheckpoint`.

use super::{wire_time, Rendered, PUBLIC};
use crate::actor::{urls, ApubActor};
use crate::FedError;
use citysync_app::federation::publications::Kind;
use citysync_app::ledger::checkpoints::{self, PublishedCheckpoint};
use citysync_app::{Ctx, Settings};
use serde_json::{json, Value};
use url::Url;

/// A checkpoint's `type`: the AS2 type, then City/Sync's own (received, either order is
/// read, and the bare `LedgerCheckpoint` of earlier versions too: [`super::kind_of`]).
pub const TYPE: [&str; 2] = ["Document", "LedgerCheckpoint"];

pub async fn render(ctx: &Ctx, seq: &str) -> Result<Rendered, FedError> {
    let seq: i64 = seq.parse().map_err(|_| FedError::NotFound)?;
    let published = checkpoints::at(ctx, seq).await?;
    let author = ApubActor::local_city(ctx).await?;
    let object = object(&ctx.settings, &published, &author.ap_id);
    Ok(Rendered { object, author })
}

/// A published checkpoint as the city (`city`) serves and sends it.
pub fn object(s: &Settings, published: &PublishedCheckpoint, city: &Url) -> Value {
    let c = &published.checkpoint;
    json!({
        "type": TYPE,
        "id": urls::object(s, Kind::Checkpoint, &c.seq.to_string()),
        "attributedTo": city,
        "name": format!("#{}", c.seq),
        "sequence": c.seq,
        "headHash": c.head_hash,
        "totals": c.totals,
        // Microseconds: the signed canonical form has them.
        "signedAt": c
            .signed_at
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "ledgerSignature": c.signature,
        "ledgerKey": published.public_key,
        "published": wire_time(c.signed_at),
        "to": [PUBLIC],
        "cc": [urls::city_followers(s)],
    })
}
