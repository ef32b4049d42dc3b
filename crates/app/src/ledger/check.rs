//! Full verification: the whole chain recomputed from the database, every checkpoint's
//! signature and figures, and the maintained balances, in one consistent snapshot.

use super::checkpoints::published;
use super::journal::entry_of;
use crate::{secrets, AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::ledger::Replay;
use citysync_storage::ledger as store;
use citysync_storage::{DbConnection, StorageError};
use serde::Serialize;

/// What a verification found. `failure` names the first thing that does not hold.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChainCheck {
    pub ok: bool,
    pub entries: i64,
    pub checkpoints: i64,
    pub failure: Option<String>,
    pub started_at: NaiveDateTime,
    pub finished_at: NaiveDateTime,
}

const BATCH: i64 = 5_000;

/// Verifies the ledger and records the result (shown on the public explorer).
pub async fn run(ctx: &Ctx) -> Result<ChainCheck, AppError> {
    let started_at = ctx.now();
    let (entries, checkpoints, failure) = ctx
        .run(move |conn| {
            citysync_storage::db::read_snapshot(conn, |conn| {
                Ok(match check(conn) {
                    Ok(counts) => (counts.0, counts.1, None),
                    Err(Found {
                        entries,
                        checkpoints,
                        failure,
                    }) => (entries, checkpoints, Some(failure)),
                })
            })
        })
        .await?;
    let v = ChainCheck {
        ok: failure.is_none(),
        entries,
        checkpoints,
        failure,
        started_at,
        finished_at: ctx.now(),
    };
    let row = store::VerificationRow {
        id: secrets::new_id(),
        started_at: v.started_at,
        finished_at: v.finished_at,
        ok: v.ok,
        entries: v.entries,
        checkpoints: v.checkpoints,
        failure: v.failure.clone(),
    };
    ctx.db
        .write(move |conn| store::insert_verification(conn, &row))
        .await?;
    Ok(v)
}

/// The last recorded verification, if any.
pub async fn last(ctx: &Ctx) -> Result<Option<ChainCheck>, AppError> {
    let row = ctx.run(|conn| Ok(store::last_verification(conn)?)).await?;
    Ok(row.map(|r| ChainCheck {
        ok: r.ok,
        entries: r.entries,
        checkpoints: r.checkpoints,
        failure: r.failure,
        started_at: r.started_at,
        finished_at: r.finished_at,
    }))
}

struct Found {
    entries: i64,
    checkpoints: i64,
    failure: String,
}

fn check(conn: &mut DbConnection) -> Result<(i64, i64), Found> {
    let mut replay = Replay::new();
    let mut checked_checkpoints = 0;
    let found = |replay: &Replay, checked: i64, failure: String| Found {
        entries: replay.last_seq(),
        checkpoints: checked,
        failure,
    };
    let storage = |replay: &Replay, e: StorageError| Found {
        entries: replay.last_seq(),
        checkpoints: 0,
        failure: format!("reading the database failed: {e}"),
    };
    let city_key = store::key(conn)
        .map_err(|e| storage(&replay, e))?
        .map(|k| k.public_key);
    let mut checkpoints = store::all_checkpoints(conn).map_err(|e| storage(&replay, e))?;
    checkpoints.sort_by_key(|c| (c.seq, c.id));
    let mut pending = checkpoints.into_iter().peekable();

    let check_checkpoints_at =
        |replay: &Replay,
         checked: &mut i64,
         pending: &mut std::iter::Peekable<std::vec::IntoIter<store::CheckpointRow>>|
         -> Result<(), Found> {
            while let Some(row) = pending.next_if(|c| c.seq == replay.last_seq()) {
                let id = row.id;
                let cp = published(row)
                    .map_err(|e| found(replay, *checked, format!("checkpoint {id}: {e}")))?;
                let bad = |why: &str| {
                    found(
                        replay,
                        *checked,
                        format!("checkpoint {id} (at entry {}): {why}", cp.checkpoint.seq),
                    )
                };
                if city_key.as_deref() != Some(cp.public_key.as_str()) {
                    return Err(bad("signed with a key that is not the city's"));
                }
                if !cp.checkpoint.verify(&cp.public_key) {
                    return Err(bad("signature does not verify"));
                }
                if cp.checkpoint.head_hash != replay.head_hash() {
                    return Err(bad("head hash differs from the recomputed chain"));
                }
                if cp.checkpoint.totals != replay.totals() {
                    return Err(bad("totals differ from the recomputed balances"));
                }
                *checked += 1;
            }
            Ok(())
        };

    check_checkpoints_at(&replay, &mut checked_checkpoints, &mut pending)?;
    loop {
        let rows = store::entries_after(conn, replay.last_seq(), BATCH)
            .map_err(|e| storage(&replay, e))?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let entry = entry_of(row).map_err(|(seq, why)| {
                found(&replay, checked_checkpoints, format!("entry {seq}: {why}"))
            })?;
            replay
                .apply(&entry)
                .map_err(|e| found(&replay, checked_checkpoints, e.to_string()))?;
            check_checkpoints_at(&replay, &mut checked_checkpoints, &mut pending)?;
        }
    }
    if let Some(row) = pending.next() {
        return Err(found(
            &replay,
            checked_checkpoints,
            format!(
                "checkpoint {} refers to entry {}, beyond the journal's last entry {}",
                row.id,
                row.seq,
                replay.last_seq()
            ),
        ));
    }
    let (head_seq, head_hash) = store::head(conn).map_err(|e| storage(&replay, e))?;
    if head_seq != replay.last_seq() || head_hash != replay.head_hash() {
        return Err(found(
            &replay,
            checked_checkpoints,
            format!(
                "the recorded head (entry {head_seq}) is not the journal's last entry {}",
                replay.last_seq()
            ),
        ));
    }
    let accounts = store::all_accounts(conn).map_err(|e| storage(&replay, e))?;
    let mut seen = std::collections::BTreeSet::new();
    for account in &accounts {
        let id = citysync_domain::ledger::AccountId::parse(&account.id).map_err(|_| {
            found(
                &replay,
                checked_checkpoints,
                format!("account {} does not parse", account.id),
            )
        })?;
        let computed = replay.balance(&id);
        if computed != account.balance {
            return Err(found(
                &replay,
                checked_checkpoints,
                format!(
                    "account {}: the balance table says {} but the journal sums to {}",
                    account.id, account.balance, computed
                ),
            ));
        }
        seen.insert(id);
    }
    if let Some(missing) = replay.balances().keys().find(|a| !seen.contains(*a)) {
        return Err(found(
            &replay,
            checked_checkpoints,
            format!("account {missing} is in the journal but not in the balance table"),
        ));
    }
    if let Some(t) = replay.totals().iter().find(|t| !t.balanced()) {
        return Err(found(
            &replay,
            checked_checkpoints,
            format!("{} does not sum to zero", t.currency.as_str()),
        ));
    }
    super::settlement::check(conn, city_key.as_deref())
        .map_err(|failure| found(&replay, checked_checkpoints, failure))?;
    Ok((replay.last_seq(), checked_checkpoints))
}
