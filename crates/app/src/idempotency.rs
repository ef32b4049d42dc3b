//! The `Idempotency-Key` of API requests that move credit or decide: the first request with
//! a key runs, and its answer is kept for a day; a retry of the same request gets the kept
//! answer instead of running again; the same key on a different request is refused.
//!
//! The answer is kept in the transaction of the effect: the key is claimed, the effect
//! done, the answer built and stored in one database transaction ([`Db::scope`]). So a
//! process that dies before the commit leaves neither the effect nor the key (the retry
//! runs it, once), and one that dies after the commit but before its answer reached the
//! client leaves the answer, which the retry gets. There is no "in progress" state a crash
//! can leave behind: a second request with the key waits for the first one's transaction
//! (SQLite's write lock, PostgreSQL's unique index) and then replays its answer.
//!
//! [`Db::scope`]: citysync_storage::Db::scope

use crate::ledger::journal::CLIENT_KEY_MAX;
use crate::{secrets, AppError, Ctx};
use citysync_storage::idempotency::{self as store, IdempotencyRow};
use citysync_storage::StorageError;
use std::future::Future;

/// What a request answered: its HTTP status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// How a keyed request was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It ran now.
    Ran(Answer),
    /// It had run before: this is the answer kept from then.
    Replayed(Answer),
}

/// Why a scope ends without committing.
enum Stop {
    /// The request failed on our side (5xx): nothing of it is kept, so a retry runs again.
    Failed(Answer),
    App(AppError),
}

impl From<StorageError> for Stop {
    fn from(e: StorageError) -> Stop {
        Stop::App(e.into())
    }
}

impl From<AppError> for Stop {
    fn from(e: AppError) -> Stop {
        Stop::App(e)
    }
}

/// Runs `effect` once per `key` of `owner` for `request` (method, path and body, as the
/// caller fingerprints them). `effect` gets a context whose database handle is the one
/// transaction the answer is kept in: every use case it calls must go through that
/// context. An answer of 500 or more is not kept (its writes are rolled back), so the
/// client's retry runs again; any other answer, errors included, is kept with the effect.
pub async fn once<F, Fut>(
    ctx: &Ctx,
    owner: &str,
    key: &str,
    request: &str,
    effect: F,
) -> Result<Outcome, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Answer>,
{
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
    let ran = ctx
        .db
        .scope(|db| async move {
            let mut scoped = ctx.clone();
            scoped.db = db;
            let claim = row.clone();
            let kept = scoped
                .db
                .write(move |conn| {
                    if store::claim(conn, &claim)? {
                        return Ok(None);
                    }
                    let kept = store::find(conn, &claim.owner, &claim.idempotency_key)?
                        .ok_or(AppError::Conflict)?;
                    if kept.fingerprint != claim.fingerprint {
                        return Err(AppError::IdempotencyConflict);
                    }
                    if let (Some(status), Some(body)) = (kept.status, kept.body) {
                        return Ok(Some(Answer {
                            status: u16::try_from(status).unwrap_or(500),
                            body,
                        }));
                    }
                    // A claim without an answer was left by an older version of this code
                    // whose process died: its effect is unknown to us, so the request runs.
                    store::restart(conn, &claim)?;
                    Ok(None)
                })
                .await?;
            if let Some(answer) = kept {
                return Ok(Outcome::Replayed(answer));
            }
            let answer = effect(scoped.clone()).await;
            if answer.status >= 500 {
                return Err(Stop::Failed(answer));
            }
            let (status, body) = (i32::from(answer.status), answer.body.clone());
            scoped
                .db
                .write(move |conn| {
                    store::complete(conn, &row.owner, &row.idempotency_key, status, &body)
                })
                .await?;
            Ok(Outcome::Ran(answer))
        })
        .await;
    match ran {
        Ok(outcome) => {
            // Committed: a crash from here on loses only the answer in flight.
            ctx.faults.point("idempotency.answer")?;
            Ok(outcome)
        }
        Err(Stop::Failed(answer)) => Ok(Outcome::Ran(answer)),
        Err(Stop::App(e)) => Err(e),
    }
}
