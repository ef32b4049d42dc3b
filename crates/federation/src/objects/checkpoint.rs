//! A signed ledger checkpoint: sequence number, head hash and per-currency totals, with the
//! ledger key's Ed25519 signature over the canonical form — figures only, never an entry.

use super::{wire_time, Rendered, PUBLIC};
use crate::actor::{urls, ApubActor};
use crate::FedError;
use citysync_app::federation::publications::Kind;
use citysync_app::ledger::checkpoints;
use citysync_app::Ctx;
use serde_json::json;

pub async fn render(ctx: &Ctx, seq: &str) -> Result<Rendered, FedError> {
    let seq: i64 = seq.parse().map_err(|_| FedError::NotFound)?;
    let published = checkpoints::at(ctx, seq).await?;
    let author = ApubActor::local_city(ctx).await?;
    let s = &ctx.settings;
    let c = &published.checkpoint;
    let object = json!({
        "type": "LedgerCheckpoint",
        "id": urls::object(s, Kind::Checkpoint, &c.seq.to_string()),
        "attributedTo": author.ap_id,
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
    });
    Ok(Rendered { object, author })
}
