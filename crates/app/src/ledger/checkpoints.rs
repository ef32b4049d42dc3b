//! The city's signed checkpoints and the Ed25519 key that signs them (and the QR tokens).

use super::Journal;
use crate::federation::publications::{self, Kind, Verb};
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::ledger::{AccountId, Checkpoint, CheckpointKey, Currency, CurrencyTotals};
use citysync_storage::ledger as store;
use citysync_storage::DbConnection;
use rand::RngCore;
use serde::Serialize;

/// The city's ledger key, made the first time it is needed.
pub(crate) fn key(conn: &mut DbConnection, now: NaiveDateTime) -> Result<CheckpointKey, AppError> {
    if let Some(row) = store::key(conn)? {
        return Ok(CheckpointKey::from_secret_hex(&row.secret_key)?);
    }
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let key = CheckpointKey::from_secret(secret);
    store::insert_key(
        conn,
        &store::KeyRow {
            id: 1,
            public_key: key.public_hex(),
            secret_key: key.secret_hex(),
            created_at: now,
        },
    )?;
    tracing::info!(public_key = %key.public_hex(), "generated the city's ledger key");
    Ok(key)
}

/// Makes the ledger key at start-up, so the first checkpoint does not have to.
pub async fn ensure_key(ctx: &Ctx) -> Result<String, AppError> {
    let now = ctx.now();
    ctx.db
        .write(move |conn| Ok::<_, AppError>(key(conn, now)?.public_hex()))
        .await
}

/// The public half of the city's ledger key, hex (what verifies checkpoints and QR tokens).
pub async fn public_key(ctx: &Ctx) -> Result<String, AppError> {
    let row = ctx.run(|conn| Ok(store::key(conn)?)).await?;
    match row {
        Some(row) => Ok(row.public_key),
        None => ensure_key(ctx).await,
    }
}

/// Per-currency totals from the maintained balances.
pub(crate) fn totals(conn: &mut DbConnection) -> Result<Vec<CurrencyTotals>, AppError> {
    let accounts: Vec<(AccountId, i64)> = store::all_accounts(conn)?
        .into_iter()
        .map(|a| {
            AccountId::parse(&a.id)
                .map(|id| (id, a.balance))
                .map_err(|_| AppError::internal(format!("account {} does not parse", a.id)))
        })
        .collect::<Result<_, _>>()?;
    Ok(Currency::ALL
        .iter()
        .map(|c| CurrencyTotals::from_balances(*c, accounts.iter().map(|(a, b)| (a, b))))
        .collect())
}

/// Signs a checkpoint at the journal's head (the caller holds the head lock).
pub(crate) fn write(
    conn: &mut DbConnection,
    journal: &Journal,
    reason: &str,
    epoch: Option<i64>,
) -> Result<Checkpoint, AppError> {
    let key = key(conn, journal.now())?;
    let checkpoint = Checkpoint::sign(
        &key,
        journal.seq(),
        journal.head_hash(),
        totals(conn)?,
        journal.now(),
    );
    store::insert_checkpoint(
        conn,
        &store::CheckpointRow {
            id: 0,
            seq: checkpoint.seq,
            head_hash: checkpoint.head_hash.clone(),
            totals: serde_json::to_string(&checkpoint.totals).map_err(AppError::internal)?,
            signed_at: checkpoint.signed_at,
            signature: checkpoint.signature.clone(),
            public_key: key.public_hex(),
            reason: reason.to_owned(),
            epoch,
        },
    )?;
    publications::publish(
        conn,
        Kind::Checkpoint,
        &checkpoint.seq.to_string(),
        Verb::Create,
        journal.now(),
    )?;
    Ok(checkpoint)
}

/// A checkpoint as published.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedCheckpoint {
    pub id: i64,
    #[serde(flatten)]
    pub checkpoint: Checkpoint,
    pub public_key: String,
    /// `interval`, `epoch_close` or `manual`.
    pub reason: String,
    pub epoch: Option<i64>,
}

pub(crate) fn published(row: store::CheckpointRow) -> Result<PublishedCheckpoint, AppError> {
    Ok(PublishedCheckpoint {
        id: row.id,
        checkpoint: Checkpoint {
            seq: row.seq,
            head_hash: row.head_hash,
            totals: serde_json::from_str(&row.totals)
                .map_err(|e| AppError::internal(format!("checkpoint {}: {e}", row.id)))?,
            signed_at: row.signed_at,
            signature: row.signature,
        },
        public_key: row.public_key,
        reason: row.reason,
        epoch: row.epoch,
    })
}

/// The newest checkpoints, newest first.
pub async fn recent(ctx: &Ctx, limit: i64) -> Result<Vec<PublishedCheckpoint>, AppError> {
    let rows = ctx
        .run(move |conn| Ok(store::checkpoints(conn, limit)?))
        .await?;
    rows.into_iter().map(published).collect()
}

/// Signs a checkpoint now, whatever the count (`citysync ledger checkpoint`).
pub async fn sign_now(ctx: &Ctx) -> Result<Checkpoint, AppError> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let journal = Journal::lock(conn, &ctx2)?;
            write(conn, &journal, "manual", None)
        })
        .await
}

/// The city's ledger key with its secret half, for signing redemption tokens. Public for
/// operators' tools and the federation tests (which forge an equivocation with it); it is a
/// secret: never log it or put it on the wire.
pub async fn signing_key(ctx: &Ctx) -> Result<CheckpointKey, AppError> {
    let now = ctx.now();
    if let Some(row) = ctx.run(|conn| Ok(store::key(conn)?)).await? {
        return Ok(CheckpointKey::from_secret_hex(&row.secret_key)?);
    }
    ctx.db.write(move |conn| key(conn, now)).await
}

/// The checkpoint signed at a sequence number, as published.
pub async fn at(ctx: &Ctx, seq: i64) -> Result<PublishedCheckpoint, AppError> {
    let row = ctx
        .run(move |conn| Ok(store::checkpoint_at(conn, seq)?))
        .await?
        .ok_or(AppError::NotFound)?;
    published(row)
}
