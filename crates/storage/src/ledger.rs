//! The journal, its accounts, idempotency records, checkpoints and verification results.
//! Entries are only ever inserted: there is no update or delete here, and the database's
//! triggers refuse them too.

use crate::schema::{
    ledger_accounts, ledger_checkpoints, ledger_entries, ledger_head, ledger_keys,
    ledger_operations, ledger_verifications,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_keys)]
pub struct KeyRow {
    pub id: i32,
    pub public_key: String,
    pub secret_key: String,
    pub created_at: NaiveDateTime,
}

pub fn key(conn: &mut DbConnection) -> Result<Option<KeyRow>, StorageError> {
    Ok(ledger_keys::table
        .find(1)
        .select(KeyRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert_key(conn: &mut DbConnection, row: &KeyRow) -> Result<(), StorageError> {
    diesel::insert_into(ledger_keys::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The head of the chain `(seq, hash)`, locked until the transaction ends: on PostgreSQL
/// with `FOR UPDATE`; SQLite's `BEGIN IMMEDIATE` already holds the only write lock.
pub fn lock_head(conn: &mut DbConnection) -> Result<(i64, String), StorageError> {
    let head = lock_head_with(conn, None)?;
    Ok((head.seq, head.hash))
}

/// What one statement reads when a ledger transaction starts: the head (locked as by
/// [`lock_head`]), the open epoch's number, and the stored operation under `key` if any.
#[derive(Debug, Clone, QueryableByName)]
pub struct LockedHead {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub seq: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub hash: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    pub open_epoch: Option<i64>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub fingerprint: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub result: Option<String>,
}

impl LockedHead {
    /// The stored operation the lock looked up, if it exists.
    pub fn operation(&self) -> Option<(&str, &str)> {
        match (&self.fingerprint, &self.result) {
            (Some(f), Some(r)) => Some((f.as_str(), r.as_str())),
            _ => None,
        }
    }
}

/// Locks the head and reads, in the same statement, the open epoch and the operation
/// stored under `key` (one round trip where three were).
pub fn lock_head_with(
    conn: &mut DbConnection,
    key: Option<&str>,
) -> Result<LockedHead, StorageError> {
    use diesel::sql_types::{Nullable, Text};
    const SELECT: &str = "SELECT h.seq, h.hash, \
         (SELECT e.number FROM epochs e WHERE e.state = 'open' ORDER BY e.number DESC LIMIT 1) \
         AS open_epoch, o.fingerprint, o.result \
         FROM ledger_head h LEFT JOIN ledger_operations o ON o.key = ";
    let key = key.map(str::to_owned);
    Ok(match conn {
        DbConnection::Postgresql(pg) => {
            diesel::sql_query(format!("{SELECT}$1 WHERE h.id = 1 FOR UPDATE OF h"))
                .bind::<Nullable<Text>, _>(key)
                .get_result(pg)?
        }
        DbConnection::Sqlite(lite) => diesel::sql_query(format!("{SELECT}?1 WHERE h.id = 1"))
            .bind::<Nullable<Text>, _>(key)
            .get_result(lite)?,
    })
}

pub fn set_head(conn: &mut DbConnection, seq: i64, hash: &str) -> Result<(), StorageError> {
    diesel::update(ledger_head::table.find(1))
        .set((ledger_head::seq.eq(seq), ledger_head::hash.eq(hash)))
        .execute(conn)?;
    Ok(())
}

/// The head without locking, for pages.
pub fn head(conn: &mut DbConnection) -> Result<(i64, String), StorageError> {
    Ok(ledger_head::table
        .find(1)
        .select((ledger_head::seq, ledger_head::hash))
        .first(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_accounts)]
pub struct AccountRow {
    pub id: String,
    pub kind: String,
    pub owner: String,
    pub currency: String,
    pub public_ref: String,
    pub balance: i64,
}

pub fn account(conn: &mut DbConnection, id: &str) -> Result<Option<AccountRow>, StorageError> {
    Ok(ledger_accounts::table
        .find(id)
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert_account(conn: &mut DbConnection, row: &AccountRow) -> Result<(), StorageError> {
    diesel::insert_into(ledger_accounts::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Every account, for verification and totals.
pub fn all_accounts(conn: &mut DbConnection) -> Result<Vec<AccountRow>, StorageError> {
    Ok(ledger_accounts::table
        .order(ledger_accounts::id)
        .select(AccountRow::as_select())
        .load(conn)?)
}

/// Accounts of one kind with a positive balance (budgets to return, wallets to expire).
pub fn funded_accounts(
    conn: &mut DbConnection,
    kind: &str,
    currency: &str,
) -> Result<Vec<AccountRow>, StorageError> {
    Ok(ledger_accounts::table
        .filter(ledger_accounts::kind.eq(kind))
        .filter(ledger_accounts::currency.eq(currency))
        .filter(ledger_accounts::balance.gt(0))
        .order(ledger_accounts::id)
        .select(AccountRow::as_select())
        .load(conn)?)
}

/// Takes `amount` from an account: only if it holds enough, unless `may_go_negative` (the
/// mint). False when the account is missing or short — one statement, no read first.
pub fn debit(
    conn: &mut DbConnection,
    id: &str,
    amount: i64,
    may_go_negative: bool,
) -> Result<bool, StorageError> {
    let target = ledger_accounts::table.find(id);
    let n = if may_go_negative {
        diesel::update(target)
            .set(ledger_accounts::balance.eq(ledger_accounts::balance - amount))
            .execute(conn)?
    } else {
        diesel::update(target.filter(ledger_accounts::balance.ge(amount)))
            .set(ledger_accounts::balance.eq(ledger_accounts::balance - amount))
            .execute(conn)?
    };
    Ok(n == 1)
}

/// Adds `amount` to an account; false when the account does not exist yet.
pub fn credit(conn: &mut DbConnection, id: &str, amount: i64) -> Result<bool, StorageError> {
    let n = diesel::update(ledger_accounts::table.find(id))
        .set(ledger_accounts::balance.eq(ledger_accounts::balance + amount))
        .execute(conn)?;
    Ok(n == 1)
}

#[derive(QueryableByName)]
struct MovedRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
}

/// Moves `amount` from `from` to `to` in one statement: the debit only if `from` holds
/// enough (unless `may_go_negative`, the mint), the credit if `to` exists. Answers which
/// of the two happened, `(debited, credited)`; the caller opens a missing account or undoes
/// a lone credit. `from` and `to` must differ.
pub fn transfer(
    conn: &mut DbConnection,
    from: &str,
    to: &str,
    amount: i64,
    may_go_negative: bool,
) -> Result<(bool, bool), StorageError> {
    use diesel::sql_types::{BigInt, Bool, Text};
    if from == to {
        return Err(StorageError::Corrupt(format!(
            "a transfer from {from} to itself"
        )));
    }
    const PG: &str = "UPDATE ledger_accounts \
         SET balance = balance + CASE WHEN id = $1 THEN -$3 ELSE $3 END \
         WHERE id = $2 OR (id = $1 AND ($4 OR balance >= $3)) RETURNING id";
    const LITE: &str = "UPDATE ledger_accounts \
         SET balance = balance + CASE WHEN id = ?1 THEN -?3 ELSE ?3 END \
         WHERE id = ?2 OR (id = ?1 AND (?4 OR balance >= ?3)) RETURNING id";
    let moved: Vec<MovedRow> = match conn {
        DbConnection::Postgresql(pg) => diesel::sql_query(PG)
            .bind::<Text, _>(from)
            .bind::<Text, _>(to)
            .bind::<BigInt, _>(amount)
            .bind::<Bool, _>(may_go_negative)
            .load(pg)?,
        DbConnection::Sqlite(lite) => diesel::sql_query(LITE)
            .bind::<Text, _>(from)
            .bind::<Text, _>(to)
            .bind::<BigInt, _>(amount)
            .bind::<Bool, _>(may_go_negative)
            .load(lite)?,
    };
    Ok((
        moved.iter().any(|r| r.id == from),
        moved.iter().any(|r| r.id == to),
    ))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_operations)]
pub struct OperationRow {
    pub key: String,
    pub fingerprint: String,
    pub result: String,
    pub created_at: NaiveDateTime,
}

pub fn operation(conn: &mut DbConnection, key: &str) -> Result<Option<OperationRow>, StorageError> {
    Ok(ledger_operations::table
        .find(key)
        .select(OperationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Records an operation known to be new (its key was looked up under the head lock).
pub fn insert_new_operation(
    conn: &mut DbConnection,
    row: &OperationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(ledger_operations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

// A missing organization or category is written as NULL rather than DEFAULT, so that
// several entries insert in one statement on SQLite too (which has no DEFAULT in VALUES).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_entries, treat_none_as_default_value = false)]
pub struct EntryRow {
    pub seq: i64,
    pub kind: String,
    pub currency: String,
    pub from_account: String,
    pub to_account: String,
    pub amount: i64,
    pub operation: String,
    pub organization_id: Option<String>,
    pub category: Option<String>,
    pub memo: String,
    pub epoch: i64,
    pub recorded_at: NaiveDateTime,
    pub prev_hash: String,
    pub hash: String,
}

pub fn insert_entry(conn: &mut DbConnection, row: &EntryRow) -> Result<(), StorageError> {
    diesel::insert_into(ledger_entries::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Inserts entries in one statement.
pub fn insert_entries(conn: &mut DbConnection, rows: &[EntryRow]) -> Result<(), StorageError> {
    match (conn, rows) {
        (_, []) => {}
        (conn, [row]) => insert_entry(conn, row)?,
        (DbConnection::Postgresql(pg), rows) => {
            diesel::insert_into(ledger_entries::table)
                .values(rows)
                .execute(pg)?;
        }
        (DbConnection::Sqlite(lite), rows) => {
            diesel::insert_into(ledger_entries::table)
                .values(rows)
                .execute(lite)?;
        }
    }
    Ok(())
}

/// Entries after `after_seq`, in order, at most `limit` (verification reads the journal
/// in such batches).
pub fn entries_after(
    conn: &mut DbConnection,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<EntryRow>, StorageError> {
    Ok(ledger_entries::table
        .filter(ledger_entries::seq.gt(after_seq))
        .order(ledger_entries::seq)
        .limit(limit)
        .select(EntryRow::as_select())
        .load(conn)?)
}

/// The newest entries, newest first.
pub fn recent_entries(conn: &mut DbConnection, limit: i64) -> Result<Vec<EntryRow>, StorageError> {
    Ok(ledger_entries::table
        .order(ledger_entries::seq.desc())
        .limit(limit)
        .select(EntryRow::as_select())
        .load(conn)?)
}

/// The entries touching any of `accounts`, newest first.
pub fn entries_of(
    conn: &mut DbConnection,
    accounts: &[String],
    limit: i64,
) -> Result<Vec<EntryRow>, StorageError> {
    Ok(ledger_entries::table
        .filter(
            ledger_entries::from_account
                .eq_any(accounts)
                .or(ledger_entries::to_account.eq_any(accounts)),
        )
        .order(ledger_entries::seq.desc())
        .limit(limit)
        .select(EntryRow::as_select())
        .load(conn)?)
}

/// The entries of one epoch, in order (for its report).
pub fn entries_of_epoch(
    conn: &mut DbConnection,
    epoch: i64,
) -> Result<Vec<EntryRow>, StorageError> {
    Ok(ledger_entries::table
        .filter(ledger_entries::epoch.eq(epoch))
        .order(ledger_entries::seq)
        .select(EntryRow::as_select())
        .load(conn)?)
}

/// What `to` received by `kind` in epochs `from_epoch..=to_epoch`.
pub fn received(
    conn: &mut DbConnection,
    to: &str,
    kind: &str,
    from_epoch: i64,
    to_epoch: i64,
) -> Result<i64, StorageError> {
    // Summed here: PostgreSQL's SUM(bigint) is a numeric, which diesel maps only with
    // an extra crate; an account receives few entries per epoch.
    let amounts: Vec<i64> = ledger_entries::table
        .filter(ledger_entries::to_account.eq(to))
        .filter(ledger_entries::kind.eq(kind))
        .filter(ledger_entries::epoch.between(from_epoch, to_epoch))
        .select(ledger_entries::amount)
        .load(conn)?;
    Ok(amounts.iter().sum())
}

/// What `to` received by `kind` in epoch `epoch`, entry by entry as (category, amount).
pub fn received_by_category(
    conn: &mut DbConnection,
    to: &str,
    kind: &str,
    epoch: i64,
) -> Result<Vec<(Option<String>, i64)>, StorageError> {
    Ok(ledger_entries::table
        .filter(ledger_entries::to_account.eq(to))
        .filter(ledger_entries::kind.eq(kind))
        .filter(ledger_entries::epoch.eq(epoch))
        .select((ledger_entries::category, ledger_entries::amount))
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_checkpoints)]
pub struct CheckpointRow {
    pub id: i64,
    pub seq: i64,
    pub head_hash: String,
    pub totals: String,
    pub signed_at: NaiveDateTime,
    pub signature: String,
    pub public_key: String,
    pub reason: String,
    pub epoch: Option<i64>,
}

/// Inserts a checkpoint numbered after the last one (the caller holds the head lock).
pub fn insert_checkpoint(
    conn: &mut DbConnection,
    row: &CheckpointRow,
) -> Result<i64, StorageError> {
    let last: Option<i64> = ledger_checkpoints::table
        .select(diesel::dsl::max(ledger_checkpoints::id))
        .first(conn)?;
    let id = last.unwrap_or(0) + 1;
    let row = CheckpointRow { id, ..row.clone() };
    diesel::insert_into(ledger_checkpoints::table)
        .values(&row)
        .execute(conn)?;
    Ok(id)
}

/// Checkpoints, newest first.
pub fn checkpoints(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<CheckpointRow>, StorageError> {
    Ok(ledger_checkpoints::table
        .order(ledger_checkpoints::id.desc())
        .limit(limit)
        .select(CheckpointRow::as_select())
        .load(conn)?)
}

/// Every checkpoint, oldest first.
pub fn all_checkpoints(conn: &mut DbConnection) -> Result<Vec<CheckpointRow>, StorageError> {
    Ok(ledger_checkpoints::table
        .order(ledger_checkpoints::id)
        .select(CheckpointRow::as_select())
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ledger_verifications)]
pub struct VerificationRow {
    pub id: String,
    pub started_at: NaiveDateTime,
    pub finished_at: NaiveDateTime,
    pub ok: bool,
    pub entries: i64,
    pub checkpoints: i64,
    pub failure: Option<String>,
}

pub fn insert_verification(
    conn: &mut DbConnection,
    row: &VerificationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(ledger_verifications::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn last_verification(conn: &mut DbConnection) -> Result<Option<VerificationRow>, StorageError> {
    Ok(ledger_verifications::table
        .order(ledger_verifications::finished_at.desc())
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn set_operation_result(
    conn: &mut DbConnection,
    key: &str,
    result: &str,
) -> Result<(), StorageError> {
    diesel::update(ledger_operations::table.find(key))
        .set(ledger_operations::result.eq(result))
        .execute(conn)?;
    Ok(())
}

/// Accounts by id (to show the public references of a page of entries).
pub fn accounts_by_ids(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<Vec<AccountRow>, StorageError> {
    Ok(ledger_accounts::table
        .filter(ledger_accounts::id.eq_any(ids))
        .select(AccountRow::as_select())
        .load(conn)?)
}

/// What `contribution:<id>` and `redemption:<id>` memos are about: the opportunity's or the
/// offering's title, keyed by memo.
pub fn memo_titles(
    conn: &mut DbConnection,
    memos: &[String],
) -> Result<std::collections::HashMap<String, String>, StorageError> {
    use crate::schema::{contributions, offerings, opportunities, redemptions, template_versions};
    let ids = |prefix: &str| -> Vec<String> {
        memos
            .iter()
            .filter_map(|m| m.strip_prefix(prefix).map(str::to_owned))
            .collect()
    };
    let mut out = std::collections::HashMap::new();
    let work: Vec<(String, Option<String>, String)> = contributions::table
        .inner_join(opportunities::table.on(opportunities::id.eq(contributions::opportunity_id)))
        .inner_join(
            template_versions::table.on(template_versions::template_id
                .eq(contributions::template_id)
                .and(template_versions::version.eq(contributions::template_version))),
        )
        .filter(contributions::id.eq_any(ids("contribution:")))
        .select((
            contributions::id,
            opportunities::title_override,
            template_versions::title,
        ))
        .load(conn)?;
    for (id, title_override, title) in work {
        out.insert(
            format!("contribution:{id}"),
            title_override.unwrap_or(title),
        );
    }
    let bought: Vec<(String, String)> = redemptions::table
        .inner_join(offerings::table)
        .filter(redemptions::id.eq_any(ids("redemption:")))
        .select((redemptions::id, offerings::title))
        .load(conn)?;
    for (id, title) in bought {
        out.insert(format!("redemption:{id}"), title);
    }
    Ok(out)
}

/// The first checkpoint signed at a sequence number.
pub fn checkpoint_at(
    conn: &mut DbConnection,
    seq: i64,
) -> Result<Option<CheckpointRow>, StorageError> {
    Ok(ledger_checkpoints::table
        .filter(ledger_checkpoints::seq.eq(seq))
        .order(ledger_checkpoints::id.asc())
        .select(CheckpointRow::as_select())
        .first(conn)
        .optional()?)
}
