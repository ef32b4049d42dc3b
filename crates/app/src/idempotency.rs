//! The `Idempotency-Key` of API requests that move credit or decide: the first request with
//! a key runs and its response is kept for a day; a retry of the same request gets the kept
//! response instead of running again; the same key on a different request is refused.

use crate::ledger::journal::CLIENT_KEY_MAX;
use crate::{secrets, AppError, Ctx};
use chrono::Duration;
use citysync_storage::idempotency::{self as store, IdempotencyRow};

/// A claim on a key left unfinished this long (its process died) may be taken over.
const ABANDONED_AFTER_SECS: i64 = 120;

/// What to do with a request that carries a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begin {
    /// First time: run it, then `finish`.
    Run,
    /// Seen before: answer with this status and body again.
    Replay { status: u16, body: String },
}

/// Checks the key and claims it for `request` (method, path and body, as the caller
/// fingerprints them) made by `owner`.
pub async fn begin(ctx: &Ctx, owner: &str, key: &str, request: &str) -> Result<Begin, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > CLIENT_KEY_MAX || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::IdempotencyKeyInvalid);
    }
    let row = IdempotencyRow {
        owner: owner.to_owned(),
        idempotency_key: key.to_owned(),
        fingerprint: secrets::hash_token(request),
        status: None,
        body: None,
        created_at: ctx.now(),
    };
    ctx.db
        .write(move |conn| {
            if store::claim(conn, &row)? {
                return Ok(Begin::Run);
            }
            let kept = store::find(conn, &row.owner, &row.idempotency_key)?
                .ok_or(AppError::IdempotencyInProgress)?;
            if kept.fingerprint != row.fingerprint {
                return Err(AppError::IdempotencyConflict);
            }
            match (kept.status, kept.body) {
                (Some(status), Some(body)) => Ok(Begin::Replay {
                    status: u16::try_from(status).unwrap_or(500),
                    body,
                }),
                _ if row.created_at - kept.created_at > Duration::seconds(ABANDONED_AFTER_SECS) => {
                    store::release(conn, &row.owner, &row.idempotency_key)?;
                    store::claim(conn, &row)?;
                    Ok(Begin::Run)
                }
                _ => Err(AppError::IdempotencyInProgress),
            }
        })
        .await
}

/// Keeps the response of a request that ran. A failure on our side (5xx) frees the key
/// instead, so the client's retry runs again.
pub async fn finish(
    ctx: &Ctx,
    owner: &str,
    key: &str,
    status: u16,
    body: String,
) -> Result<(), AppError> {
    let (owner, key) = (owner.to_owned(), key.trim().to_owned());
    ctx.db
        .write(move |conn| {
            if status >= 500 {
                store::release(conn, &owner, &key)?;
            } else {
                store::complete(conn, &owner, &key, i32::from(status), &body)?;
            }
            Ok::<_, AppError>(())
        })
        .await
}
