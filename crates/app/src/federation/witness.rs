//! Cities keep each other honest. As a witness, this city countersigns the ledger
//! checkpoints of the cities it follows with its own ledger key — once per origin and
//! sequence number — and, when an origin signs two different checkpoints for the same
//! number, records the equivocation, refuses to countersign and shows both. As an origin, it
//! keeps the countersignatures other cities give its checkpoints.
//!
//! Keys: an origin's ledger key is pinned on first use per domain (the first checkpoint
//! came in an activity HTTP-signed by the origin's city actor); a checkpoint under another
//! key is refused. A witness's key is pinned the same way on the origin side.

use super::publications::Outgoing;
use super::{peer_of, Receipt};
use crate::ledger::checkpoints;
use crate::{secrets, AppError, Ctx};
use citysync_domain::ledger::{compare, Checkpoint, Comparison, WitnessStatement};
use citysync_storage::ledger as ledger_store;
use citysync_storage::witness::{self as store, EquivocationRow, WitnessRow, WitnessedRow};
use std::collections::BTreeMap;

pub use store::{EquivocationRow as Equivocation, WitnessRow as Witness, WitnessedRow as Held};

/// We countersigned it.
pub const STATE_WITNESSED: &str = "witnessed";
/// Its origin signed another checkpoint for the same number: never countersigned again.
pub const STATE_CONFLICTED: &str = "conflicted";

/// A peer city's checkpoint as the federation crate read it.
#[derive(Debug, Clone)]
pub struct IncomingCheckpoint {
    pub origin_actor: url::Url,
    pub checkpoint: Checkpoint,
    /// The origin's ledger public key (hex) the checkpoint names.
    pub ledger_key: String,
    /// The object as received (JSON).
    pub document: String,
}

/// What the witness did with a checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// New: countersigned, and the countersignature queued to the origin.
    Countersigned,
    /// The same checkpoint again: nothing to do.
    Again,
    /// A different checkpoint for a number we already hold: recorded, not countersigned.
    Equivocation,
    /// Not validly signed, or signed with a key other than the one pinned for the origin.
    Refused,
}

/// Our countersignature, for the federation crate to put on the wire.
#[derive(Debug, Clone)]
pub struct Countersignature {
    pub statement: WitnessStatement,
    pub signature: String,
    pub witness_key: String,
}

fn held_checkpoint(row: &WitnessedRow) -> Result<Checkpoint, AppError> {
    Ok(Checkpoint {
        seq: row.seq,
        head_hash: row.head_hash.clone(),
        totals: serde_json::from_str(&row.totals)
            .map_err(|e| AppError::internal(format!("witnessed checkpoint {}: {e}", row.id)))?,
        signed_at: row.signed_at,
        signature: row.ledger_signature.clone(),
    })
}

/// Witnesses a checkpoint received from a city we follow. On a new one, `deliver` makes the
/// countersignature's delivery, queued in the transaction that stores it.
pub async fn receive_checkpoint<F>(
    ctx: &Ctx,
    incoming: IncomingCheckpoint,
    deliver: F,
) -> Result<Verdict, AppError>
where
    F: FnOnce(&Countersignature) -> Result<Outgoing, AppError> + Send + 'static,
{
    let origin_domain = peer_of(&incoming.origin_actor);
    if origin_domain == ctx.settings.host() {
        return Err(AppError::Forbidden);
    }
    let cp = incoming.checkpoint.clone();
    if !cp.verify(&incoming.ledger_key) {
        tracing::warn!(origin = %origin_domain, seq = cp.seq, "checkpoint signature does not verify; not witnessed");
        return Ok(Verdict::Refused);
    }
    let totals = serde_json::to_string(&cp.totals).map_err(AppError::internal)?;
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let now = ctx2.now();
            if let Some(pinned) = store::pinned_key(conn, &origin_domain)? {
                if pinned != incoming.ledger_key {
                    tracing::warn!(origin = %origin_domain, seq = cp.seq, "checkpoint under a key other than the pinned one; not witnessed");
                    return Ok(Verdict::Refused);
                }
            }
            let held = store::witnessed_at(conn, &origin_domain, cp.seq)?;
            let held_cp = held.as_ref().map(held_checkpoint).transpose()?;
            match (compare(held_cp.as_ref(), &cp), held) {
                (Comparison::Same, _) => Ok(Verdict::Again),
                (Comparison::Conflicting, Some(first)) => {
                    let new = store::record_equivocation(
                        conn,
                        &EquivocationRow {
                            id: secrets::new_id(),
                            origin_domain: origin_domain.clone(),
                            origin_actor: incoming.origin_actor.to_string(),
                            seq: cp.seq,
                            first_head_hash: first.head_hash.clone(),
                            first_signature: first.ledger_signature.clone(),
                            first_document: first.document.clone(),
                            first_received_at: first.received_at,
                            second_head_hash: cp.head_hash.clone(),
                            second_signature: cp.signature.clone(),
                            second_document: incoming.document.clone(),
                            second_received_at: now,
                        },
                    )?;
                    store::set_witnessed_state(conn, &first.id, STATE_CONFLICTED)?;
                    if new {
                        tracing::warn!(
                            origin = %origin_domain,
                            seq = cp.seq,
                            first = %first.head_hash,
                            second = %cp.head_hash,
                            "EQUIVOCATION: the city signed two different checkpoints for one sequence number; refusing to countersign"
                        );
                    }
                    Ok(Verdict::Equivocation)
                }
                _ => {
                    let key = checkpoints::key(conn, now)?;
                    let statement = WitnessStatement::of(&origin_domain, &cp);
                    let countersignature = Countersignature {
                        signature: statement.countersign(&key),
                        witness_key: key.public_hex(),
                        statement,
                    };
                    store::insert_witnessed(
                        conn,
                        &WitnessedRow {
                            id: secrets::new_id(),
                            origin_domain: origin_domain.clone(),
                            origin_actor: incoming.origin_actor.to_string(),
                            seq: cp.seq,
                            head_hash: cp.head_hash.clone(),
                            totals: totals.clone(),
                            signed_at: cp.signed_at,
                            ledger_signature: cp.signature.clone(),
                            ledger_key: incoming.ledger_key.clone(),
                            document: incoming.document.clone(),
                            received_at: now,
                            countersignature: Some(countersignature.signature.clone()),
                            state: STATE_WITNESSED.to_owned(),
                        },
                    )?;
                    let o = deliver(&countersignature)?;
                    super::enqueue_delivery(
                        conn,
                        &ctx2,
                        &o.activity_id,
                        &o.actor,
                        &o.inbox,
                        &o.body,
                    )?;
                    Ok(Verdict::Countersigned)
                }
            }
        })
        .await
}

/// A peer city's countersignature on one of our checkpoints, as received.
#[derive(Debug, Clone)]
pub struct IncomingCountersignature {
    pub witness_actor: url::Url,
    pub seq: i64,
    pub head_hash: String,
    pub ledger_signature: String,
    pub signature: String,
    pub witness_key: String,
}

/// Keeps a countersignature on one of our checkpoints, with the peer's receipt: it must be
/// for the checkpoint we signed at that number (same head hash and signature), verify with
/// the witness's key, and that key must be the one the witness used before. False when
/// already known (a redelivery).
pub async fn receive_countersignature(
    ctx: &Ctx,
    receipt: &Receipt,
    c: IncomingCountersignature,
) -> Result<bool, AppError> {
    let witness_domain = peer_of(&c.witness_actor);
    if witness_domain == ctx.settings.host() {
        return Err(AppError::Forbidden);
    }
    let statement = WitnessStatement {
        origin_domain: ctx.settings.host(),
        seq: c.seq,
        head_hash: c.head_hash.clone(),
        ledger_signature: c.ledger_signature.clone(),
    };
    if !statement.verify(&c.witness_key, &c.signature) {
        return Err(AppError::Forbidden);
    }
    let (ctx2, receipt) = (ctx.clone(), receipt.clone());
    ctx.db
        .write(move |conn| {
            if ledger_store::checkpoint_at(conn, c.seq)?.is_none() {
                return Err(AppError::NotFound);
            }
            if !store::signed_by_us(conn, c.seq, &c.head_hash, &c.ledger_signature)? {
                return Err(AppError::Forbidden);
            }
            if let Some(pinned) = store::witness_key_of(conn, &witness_domain)? {
                if pinned != c.witness_key {
                    return Err(AppError::Forbidden);
                }
            }
            if !receipt.record(conn)? {
                return Ok(false);
            }
            Ok(store::record_witness(
                conn,
                &WitnessRow {
                    id: secrets::new_id(),
                    seq: c.seq,
                    witness_domain,
                    witness_actor: c.witness_actor.to_string(),
                    signature: c.signature,
                    witness_key: c.witness_key,
                    received_at: ctx2.now(),
                },
            )?)
        })
        .await
}

/// The countersignatures on our checkpoints at these numbers, by number.
pub async fn witnesses_of(
    ctx: &Ctx,
    seqs: Vec<i64>,
) -> Result<BTreeMap<i64, Vec<Witness>>, AppError> {
    let rows = ctx
        .run(move |conn| Ok(store::witnesses_of(conn, &seqs)?))
        .await?;
    let mut out: BTreeMap<i64, Vec<Witness>> = BTreeMap::new();
    for row in rows {
        out.entry(row.seq).or_default().push(row);
    }
    Ok(out)
}

/// What this city witnessed: other cities' checkpoints and the equivocations caught.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Witnessing {
    pub checkpoints: Vec<Held>,
    pub equivocations: Vec<Equivocation>,
}

pub async fn witnessing(ctx: &Ctx, limit: i64) -> Result<Witnessing, AppError> {
    ctx.run(move |conn| {
        Ok(Ok::<_, citysync_storage::StorageError>(Witnessing {
            checkpoints: store::witnessed(conn, limit)?,
            equivocations: store::equivocations(conn, limit)?,
        })?)
    })
    .await
}
