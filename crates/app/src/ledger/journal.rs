//! Posting to the journal. Every credit-moving use case does, inside its one transaction:
//!
//! ```text
//! let mut journal = Journal::lock(conn, ctx)?;          // the chain's head, locked
//! if let Some(done) = journal.begin(conn, &op)? { return Ok(done) }  // a replayed request
//! journal.post(conn, &op, entry)?;                       // checked, hashed, balances moved
//! journal.finish(conn, &op, &result)?;                   // what a replay will answer
//! ```
//!
//! Locking the head first serializes every writer of the ledger (on PostgreSQL with
//! `FOR UPDATE`, on SQLite by `BEGIN IMMEDIATE`), which is what makes the sequence gapless,
//! the chain linear, the balance checks exact and an idempotency key's replay see the
//! first request's result.

use super::{checkpoints, epochs};
use crate::{secrets, AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::ledger::{AccountId, AccountKind, Entry, NewEntry};
use citysync_storage::ledger as store;
use citysync_storage::DbConnection;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One credit-moving request: its idempotency key and a fingerprint of what it asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub key: String,
    pub fingerprint: String,
}

/// The longest idempotency key a client may send.
pub const CLIENT_KEY_MAX: usize = 100;

impl Operation {
    /// An operation the system names itself, e.g. `contribution:<claim id>`.
    pub fn new(key: impl Into<String>, request: &str) -> Operation {
        Operation {
            key: key.into(),
            fingerprint: hex::encode(Sha256::digest(request.as_bytes())),
        }
    }

    /// An operation keyed by a person's or a client's `Idempotency-Key`, kept apart from
    /// everyone else's keys.
    pub fn from_client(
        actor_id: &str,
        client_key: &str,
        request: &str,
    ) -> Result<Operation, AppError> {
        let key = client_key.trim();
        if key.is_empty()
            || key.len() > CLIENT_KEY_MAX
            || !key.chars().all(|c| c.is_ascii_graphic())
        {
            return Err(AppError::IdempotencyKeyInvalid);
        }
        Ok(Operation::new(format!("client:{actor_id}:{key}"), request))
    }
}

/// The journal's head, held for one transaction.
pub struct Journal {
    seq: i64,
    hash: String,
    epoch: i64,
    now: NaiveDateTime,
    checkpoint_every: i64,
    faults: crate::Faults,
}

impl Journal {
    /// Locks the head and makes sure an epoch is open (opening the first one, with its
    /// budget grants, on a new city).
    pub(crate) fn lock(conn: &mut DbConnection, ctx: &Ctx) -> Result<Journal, AppError> {
        let (seq, hash) = store::lock_head(conn)?;
        let mut journal = Journal {
            seq,
            hash,
            epoch: 0,
            now: ctx.now(),
            checkpoint_every: ctx.settings.ledger.checkpoint_every.max(1),
            faults: ctx.faults.clone(),
        };
        journal.epoch = epochs::ensure_open(conn, &mut journal, ctx)?;
        Ok(journal)
    }

    /// The epoch entries posted now count in.
    pub fn epoch(&self) -> i64 {
        self.epoch
    }

    pub(crate) fn set_epoch(&mut self, epoch: i64) {
        self.epoch = epoch;
    }

    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    pub fn seq(&self) -> i64 {
        self.seq
    }

    pub fn head_hash(&self) -> &str {
        &self.hash
    }

    /// A crash-injection point (see [`crate::Faults`]).
    pub fn fault(&self, name: &'static str) -> Result<(), AppError> {
        self.faults.point(name)
    }

    /// Starts `op`: `Some(result)` if it ran before with the same request (the caller returns
    /// that result unchanged), an error if the key was used for a different request, `None`
    /// if it is new.
    pub(crate) fn begin<T: DeserializeOwned>(
        &mut self,
        conn: &mut DbConnection,
        op: &Operation,
    ) -> Result<Option<T>, AppError> {
        let fresh = store::insert_operation(
            conn,
            &store::OperationRow {
                key: op.key.clone(),
                fingerprint: op.fingerprint.clone(),
                result: "null".to_owned(),
                created_at: self.now,
            },
        )?;
        if fresh {
            return Ok(None);
        }
        let done = store::operation(conn, &op.key)?.ok_or(AppError::Conflict)?;
        if done.fingerprint != op.fingerprint {
            return Err(AppError::IdempotencyConflict);
        }
        let result = serde_json::from_str(&done.result)
            .map_err(|e| AppError::internal(format!("stored result of {}: {e}", op.key)))?;
        Ok(Some(result))
    }

    /// Records what `op` answered, for its replays.
    pub(crate) fn finish<T: Serialize>(
        &mut self,
        conn: &mut DbConnection,
        op: &Operation,
        result: &T,
    ) -> Result<(), AppError> {
        self.fault("ledger.finish")?;
        let result = serde_json::to_string(result).map_err(AppError::internal)?;
        citysync_storage::ledger::set_operation_result(conn, &op.key, &result)?;
        Ok(())
    }

    /// Posts one entry of `op`: checks the posting rule and that the source can pay,
    /// chains and stores the entry, and moves the maintained balances.
    pub(crate) fn post(
        &mut self,
        conn: &mut DbConnection,
        op: &Operation,
        entry: NewEntry,
    ) -> Result<Entry, AppError> {
        entry.check()?;
        let sealed = entry.seal(self.seq + 1, &self.hash, &op.key, self.epoch, self.now);
        let (from, to) = (sealed.from.to_string(), sealed.to.to_string());
        // The debit checks the balance in the same statement; the CHECK constraint on the
        // table refuses a negative balance all the same. A statement moves nothing.
        if sealed.kind.moves_credit()
            && !store::debit(
                conn,
                &from,
                sealed.amount,
                sealed.from.kind.may_go_negative(),
            )?
        {
            if !sealed.from.kind.may_go_negative() {
                return Err(match sealed.from.kind {
                    AccountKind::Resident => AppError::InsufficientCredit,
                    AccountKind::IssuerBudget => AppError::BudgetExhausted,
                    _ => AppError::internal(format!("{from} cannot pay {}", sealed.amount)),
                });
            }
            self.open_account(conn, &sealed.from, -sealed.amount)?;
        }
        if sealed.kind.moves_credit() && !store::credit(conn, &to, sealed.amount)? {
            self.open_account(conn, &sealed.to, sealed.amount)?;
        }
        self.fault("ledger.balances")?;
        store::insert_entry(conn, &row_of(&sealed))?;
        store::set_head(conn, sealed.seq, &sealed.hash)?;
        self.seq = sealed.seq;
        self.hash = sealed.hash.clone();
        self.fault("ledger.entry")?;
        if self.seq % self.checkpoint_every == 0 {
            checkpoints::write(conn, self, "interval", None)?;
        }
        Ok(sealed)
    }

    /// Opens an account with its first balance (the caller holds the head lock, so no one
    /// else can be opening it).
    fn open_account(
        &mut self,
        conn: &mut DbConnection,
        account: &AccountId,
        balance: i64,
    ) -> Result<(), AppError> {
        let public_ref = if account.kind.is_city() {
            format!(
                "city-{}-{}",
                account.kind.as_str(),
                account.currency.as_str().to_lowercase()
            )
        } else {
            let random: String = secrets::new_id()
                .chars()
                .filter(|c| *c != '-')
                .take(12)
                .collect();
            format!("acct-{random}")
        };
        store::insert_account(
            conn,
            &store::AccountRow {
                id: account.to_string(),
                kind: account.kind.as_str().to_owned(),
                owner: account.owner.clone(),
                currency: account.currency.as_str().to_owned(),
                public_ref,
                balance,
            },
        )?;
        Ok(())
    }
}

/// An entry as stored.
pub(crate) fn row_of(e: &Entry) -> store::EntryRow {
    store::EntryRow {
        seq: e.seq,
        kind: e.kind.as_str().to_owned(),
        currency: e.currency.as_str().to_owned(),
        from_account: e.from.to_string(),
        to_account: e.to.to_string(),
        amount: e.amount,
        operation: e.operation.clone(),
        organization_id: e.organization_id.clone(),
        category: e.category.clone(),
        memo: e.memo.clone(),
        epoch: e.epoch,
        recorded_at: e.recorded_at,
        prev_hash: e.prev_hash.clone(),
        hash: e.hash.clone(),
    }
}

/// The figures of epoch `number`'s entries so far (all of them once it is closed).
pub(crate) fn figures_of_epoch(
    conn: &mut DbConnection,
    number: i64,
) -> Result<citysync_domain::ledger::Figures, AppError> {
    figures_of_epochs(conn, number, number)
}

/// The figures of epochs `first..=last` together, counted as each epoch's report counts.
pub(crate) fn figures_of_epochs(
    conn: &mut DbConnection,
    first: i64,
    last: i64,
) -> Result<citysync_domain::ledger::Figures, AppError> {
    let mut entries = Vec::new();
    for number in first..=last {
        for r in store::entries_of_epoch(conn, number)? {
            entries.push(
                entry_of(r)
                    .map_err(|(seq, why)| AppError::internal(format!("entry {seq}: {why}")))?,
            );
        }
    }
    Ok(citysync_domain::ledger::Figures::of(&entries))
}

/// A stored entry read back; a row that does not parse is named by its sequence number.
pub(crate) fn entry_of(r: store::EntryRow) -> Result<Entry, (i64, String)> {
    use citysync_domain::ledger::{Currency, EntryKind};
    let bad = |what: &str| (r.seq, format!("{what} does not parse"));
    Ok(Entry {
        seq: r.seq,
        kind: EntryKind::parse(&r.kind).map_err(|_| bad("kind"))?,
        currency: Currency::parse(&r.currency).map_err(|_| bad("currency"))?,
        from: AccountId::parse(&r.from_account).map_err(|_| bad("from account"))?,
        to: AccountId::parse(&r.to_account).map_err(|_| bad("to account"))?,
        amount: r.amount,
        operation: r.operation,
        organization_id: r.organization_id,
        category: r.category,
        memo: r.memo,
        epoch: r.epoch,
        recorded_at: r.recorded_at,
        prev_hash: r.prev_hash,
        hash: r.hash,
    })
}
