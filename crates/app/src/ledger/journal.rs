//! Posting to the journal. Every credit-moving use case does, inside its one transaction:
//!
//! ```text
//! let mut journal = Journal::lock(conn, ctx)?;          // the chain's head, locked
//! if let Some(done) = journal.begin(conn, &op)? { return Ok(done) }  // a replayed request
//! journal.post(conn, &op, entry)?;                       // checked, hashed, balances moved
//! journal.finish(conn, &op, &result)?;                   // what a replay will answer
//! ```
//!
//! Few statements run under the lock: the lock reads the open epoch (and, with
//! [`Journal::lock_for`], the operation) in its own statement; each entry moves both
//! balances in one statement; finishing writes the operation's row once, with its result,
//! then the operation's entries in one statement, then the head once. Standalone counter
//! and wallet operations go through the ledger writer ([`super::writer`]), which posts
//! every operation waiting at that moment under one lock and one commit.
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
    /// The head as `ledger_head` holds it: written once per operation (at its finish), or
    /// once per group of operations by the ledger writer.
    stored_seq: i64,
    /// Set by the ledger writer: finishing an operation leaves the head to the group's end.
    grouped: bool,
    /// The operation being posted: its row and entries are written when it finishes.
    pending: Option<Pending>,
    /// An operation the lock looked up in the same statement (see [`Journal::lock_for`]).
    looked_up: Option<(String, Option<(String, String)>)>,
}

/// An operation begun and not finished: what it posted waits here, so that the operation's
/// row (which its entries reference) is written once, with its result.
struct Pending {
    key: String,
    fingerprint: String,
    /// The row was written already (with no result yet) by [`Journal::flush`].
    row_written: bool,
    entries: Vec<store::EntryRow>,
}

/// Where a journal stood, to go back to when one operation of a group is undone.
pub(crate) struct Mark {
    seq: i64,
    hash: String,
    epoch: i64,
}

impl Journal {
    /// Locks the head and makes sure an epoch is open (opening the first one, with its
    /// budget grants, on a new city).
    pub(crate) fn lock(conn: &mut DbConnection, ctx: &Ctx) -> Result<Journal, AppError> {
        Journal::locked(conn, ctx, None)
    }

    /// [`Journal::lock`] for a transaction that begins `op` next: the lock looks the
    /// operation up in the same statement, so [`Journal::begin`] need not.
    pub(crate) fn lock_for(
        conn: &mut DbConnection,
        ctx: &Ctx,
        op: &Operation,
    ) -> Result<Journal, AppError> {
        Journal::locked(conn, ctx, Some(op))
    }

    fn locked(
        conn: &mut DbConnection,
        ctx: &Ctx,
        op: Option<&Operation>,
    ) -> Result<Journal, AppError> {
        let head = store::lock_head_with(conn, op.map(|op| op.key.as_str()))?;
        let looked_up = op.map(|op| {
            let stored = head.operation().map(|(f, r)| (f.to_owned(), r.to_owned()));
            (op.key.clone(), stored)
        });
        let mut journal = Journal {
            seq: head.seq,
            hash: head.hash,
            epoch: 0,
            now: ctx.now(),
            checkpoint_every: ctx.settings.ledger.checkpoint_every.max(1),
            faults: ctx.faults.clone(),
            stored_seq: head.seq,
            grouped: false,
            pending: None,
            looked_up,
        };
        journal.epoch = epochs::ensure_open(conn, &mut journal, ctx, head.open_epoch)?;
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
        // An operation left unfinished (none is, today) keeps its entries, as it did when
        // every entry was written at once.
        self.flush(conn)?;
        let looked_up = match &self.looked_up {
            Some((key, _)) if *key == op.key => self.looked_up.take(),
            _ => None,
        };
        let stored = match looked_up {
            Some((_, stored)) => stored,
            None => store::operation(conn, &op.key)?.map(|row| (row.fingerprint, row.result)),
        };
        let Some((fingerprint, result)) = stored else {
            self.pending = Some(Pending {
                key: op.key.clone(),
                fingerprint: op.fingerprint.clone(),
                row_written: false,
                entries: Vec::new(),
            });
            return Ok(None);
        };
        if fingerprint != op.fingerprint {
            return Err(AppError::IdempotencyConflict);
        }
        let result = serde_json::from_str(&result)
            .map_err(|e| AppError::internal(format!("stored result of {}: {e}", op.key)))?;
        Ok(Some(result))
    }

    /// Records what `op` answered, for its replays: the operation's row with its result,
    /// then its entries, then (outside a group) the head.
    pub(crate) fn finish<T: Serialize>(
        &mut self,
        conn: &mut DbConnection,
        op: &Operation,
        result: &T,
    ) -> Result<(), AppError> {
        self.fault("ledger.finish")?;
        let result = serde_json::to_string(result).map_err(AppError::internal)?;
        let pending = match self.pending.take() {
            Some(p) if p.key == op.key => p,
            other => {
                self.pending = other;
                return Err(AppError::internal(format!(
                    "{} finished without being begun",
                    op.key
                )));
            }
        };
        if pending.row_written {
            store::set_operation_result(conn, &op.key, &result)?;
        } else {
            store::insert_new_operation(
                conn,
                &store::OperationRow {
                    key: pending.key,
                    fingerprint: pending.fingerprint,
                    result,
                    created_at: self.now,
                },
            )?;
        }
        store::insert_entries(conn, &pending.entries)?;
        if !self.grouped {
            self.store_head(conn)?;
        }
        Ok(())
    }

    /// Writes what the operation in progress posted so far (its row without a result yet,
    /// its entries, the head), for code that reads the journal back before it finishes.
    pub(crate) fn flush(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        if let Some(pending) = self.pending.as_mut() {
            if !pending.row_written {
                store::insert_new_operation(
                    conn,
                    &store::OperationRow {
                        key: pending.key.clone(),
                        fingerprint: pending.fingerprint.clone(),
                        result: "null".to_owned(),
                        created_at: self.now,
                    },
                )?;
                pending.row_written = true;
            }
            store::insert_entries(conn, &pending.entries)?;
            pending.entries.clear();
        }
        if !self.grouped {
            self.store_head(conn)?;
        }
        Ok(())
    }

    /// Writes the head if it moved since it was last written.
    pub(crate) fn store_head(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        if self.seq != self.stored_seq {
            store::set_head(conn, self.seq, &self.hash)?;
            self.stored_seq = self.seq;
        }
        Ok(())
    }

    /// The ledger writer's journal: the head is written once, at the group's end.
    pub(crate) fn group(&mut self) {
        self.grouped = true;
    }

    /// Where the journal stands (before one operation of a group).
    pub(crate) fn mark(&self) -> Mark {
        Mark {
            seq: self.seq,
            hash: self.hash.clone(),
            epoch: self.epoch,
        }
    }

    /// Back to `mark`, after the operation's savepoint was rolled back.
    pub(crate) fn reset(&mut self, mark: Mark) {
        self.seq = mark.seq;
        self.hash = mark.hash;
        self.epoch = mark.epoch;
        self.pending = None;
        self.looked_up = None;
    }

    /// The next operation of a group runs at its own time, with its own fault injection.
    pub(crate) fn rebase(&mut self, ctx: &Ctx) {
        self.now = ctx.now();
        self.faults = ctx.faults.clone();
    }

    /// Posts one entry of `op`: checks the posting rule and that the source can pay,
    /// chains the entry, and moves the maintained balances. The entry is stored when the
    /// operation finishes.
    pub(crate) fn post(
        &mut self,
        conn: &mut DbConnection,
        op: &Operation,
        entry: NewEntry,
    ) -> Result<Entry, AppError> {
        if self.pending.as_ref().is_none_or(|p| p.key != op.key) {
            return Err(AppError::internal(format!(
                "{} posted without being begun",
                op.key
            )));
        }
        entry.check()?;
        let sealed = entry.seal(self.seq + 1, &self.hash, &op.key, self.epoch, self.now);
        if sealed.kind.moves_credit() {
            self.move_balances(conn, &sealed)?;
        }
        self.fault("ledger.balances")?;
        if let Some(pending) = self.pending.as_mut() {
            pending.entries.push(row_of(&sealed));
        }
        self.seq = sealed.seq;
        self.hash = sealed.hash.clone();
        self.fault("ledger.entry")?;
        if self.seq % self.checkpoint_every == 0 {
            checkpoints::write(conn, self, "interval", None)?;
        }
        Ok(sealed)
    }

    /// The debit (which checks the balance in the same statement; the table's CHECK refuses
    /// a negative balance all the same) and the credit, in one statement; a missing account
    /// is opened. When the source cannot pay, nothing has moved.
    fn move_balances(&mut self, conn: &mut DbConnection, sealed: &Entry) -> Result<(), AppError> {
        let (from, to) = (sealed.from.to_string(), sealed.to.to_string());
        let may_go_negative = sealed.from.kind.may_go_negative();
        let (debited, credited) =
            store::transfer(conn, &from, &to, sealed.amount, may_go_negative)?;
        if !debited {
            if !may_go_negative {
                if credited {
                    store::credit(conn, &to, -sealed.amount)?;
                }
                return Err(match sealed.from.kind {
                    AccountKind::Resident => AppError::InsufficientCredit,
                    AccountKind::IssuerBudget => AppError::BudgetExhausted,
                    _ => AppError::internal(format!("{from} cannot pay {}", sealed.amount)),
                });
            }
            self.open_account(conn, &sealed.from, -sealed.amount)?;
        }
        if !credited {
            self.open_account(conn, &sealed.to, sealed.amount)?;
        }
        Ok(())
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
