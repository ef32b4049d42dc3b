//! Witnessing: checkpoints of other cities we received (and countersigned or refused),
//! the equivocations we caught, and the countersignatures other cities gave ours.

use crate::schema::{
    checkpoint_equivocations, checkpoint_witnesses, ledger_checkpoints, witnessed_checkpoints,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = witnessed_checkpoints)]
pub struct WitnessedRow {
    pub id: String,
    pub origin_domain: String,
    pub origin_actor: String,
    pub seq: i64,
    pub head_hash: String,
    pub totals: String,
    pub signed_at: NaiveDateTime,
    pub ledger_signature: String,
    pub ledger_key: String,
    pub document: String,
    pub received_at: NaiveDateTime,
    pub countersignature: Option<String>,
    pub state: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = checkpoint_equivocations)]
pub struct EquivocationRow {
    pub id: String,
    pub origin_domain: String,
    pub origin_actor: String,
    pub seq: i64,
    pub first_head_hash: String,
    pub first_signature: String,
    pub first_document: String,
    pub first_received_at: NaiveDateTime,
    pub second_head_hash: String,
    pub second_signature: String,
    pub second_document: String,
    pub second_received_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = checkpoint_witnesses)]
pub struct WitnessRow {
    pub id: String,
    pub seq: i64,
    pub witness_domain: String,
    pub witness_actor: String,
    pub signature: String,
    pub witness_key: String,
    pub received_at: NaiveDateTime,
}

/// The checkpoint we hold from `origin_domain` at `seq`.
pub fn witnessed_at(
    conn: &mut DbConnection,
    origin_domain: &str,
    seq: i64,
) -> Result<Option<WitnessedRow>, StorageError> {
    Ok(witnessed_checkpoints::table
        .filter(witnessed_checkpoints::origin_domain.eq(origin_domain))
        .filter(witnessed_checkpoints::seq.eq(seq))
        .select(WitnessedRow::as_select())
        .first(conn)
        .optional()?)
}

/// The ledger key first seen from `origin_domain` (pinned on first use).
pub fn pinned_key(
    conn: &mut DbConnection,
    origin_domain: &str,
) -> Result<Option<String>, StorageError> {
    Ok(witnessed_checkpoints::table
        .filter(witnessed_checkpoints::origin_domain.eq(origin_domain))
        .order(witnessed_checkpoints::received_at.asc())
        .select(witnessed_checkpoints::ledger_key)
        .first(conn)
        .optional()?)
}

pub fn insert_witnessed(conn: &mut DbConnection, row: &WitnessedRow) -> Result<(), StorageError> {
    diesel::insert_into(witnessed_checkpoints::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn set_witnessed_state(
    conn: &mut DbConnection,
    id: &str,
    state: &str,
) -> Result<(), StorageError> {
    diesel::update(witnessed_checkpoints::table.find(id))
        .set(witnessed_checkpoints::state.eq(state))
        .execute(conn)?;
    Ok(())
}

/// The checkpoints of other cities we hold, newest first.
pub fn witnessed(conn: &mut DbConnection, limit: i64) -> Result<Vec<WitnessedRow>, StorageError> {
    Ok(witnessed_checkpoints::table
        .order((
            witnessed_checkpoints::received_at.desc(),
            witnessed_checkpoints::seq.desc(),
        ))
        .limit(limit)
        .select(WitnessedRow::as_select())
        .load(conn)?)
}

/// Records an equivocation once; false when it was already known.
pub fn record_equivocation(
    conn: &mut DbConnection,
    row: &EquivocationRow,
) -> Result<bool, StorageError> {
    let known = checkpoint_equivocations::table
        .filter(checkpoint_equivocations::origin_domain.eq(&row.origin_domain))
        .filter(checkpoint_equivocations::seq.eq(row.seq))
        .filter(checkpoint_equivocations::second_signature.eq(&row.second_signature))
        .count()
        .get_result::<i64>(conn)?;
    if known > 0 {
        return Ok(false);
    }
    diesel::insert_into(checkpoint_equivocations::table)
        .values(row)
        .execute(conn)?;
    Ok(true)
}

pub fn equivocations(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<EquivocationRow>, StorageError> {
    Ok(checkpoint_equivocations::table
        .order(checkpoint_equivocations::second_received_at.desc())
        .limit(limit)
        .select(EquivocationRow::as_select())
        .load(conn)?)
}

/// The witness key a domain used before for our checkpoints (pinned on first use).
pub fn witness_key_of(
    conn: &mut DbConnection,
    witness_domain: &str,
) -> Result<Option<String>, StorageError> {
    Ok(checkpoint_witnesses::table
        .filter(checkpoint_witnesses::witness_domain.eq(witness_domain))
        .order(checkpoint_witnesses::received_at.asc())
        .select(checkpoint_witnesses::witness_key)
        .first(conn)
        .optional()?)
}

/// Records a countersignature once per (seq, witness); false when already known.
pub fn record_witness(conn: &mut DbConnection, row: &WitnessRow) -> Result<bool, StorageError> {
    let known = checkpoint_witnesses::table
        .filter(checkpoint_witnesses::seq.eq(row.seq))
        .filter(checkpoint_witnesses::witness_domain.eq(&row.witness_domain))
        .count()
        .get_result::<i64>(conn)?;
    if known > 0 {
        return Ok(false);
    }
    diesel::insert_into(checkpoint_witnesses::table)
        .values(row)
        .execute(conn)?;
    Ok(true)
}

/// The countersignatures on our checkpoints with sequence numbers in `seqs`.
pub fn witnesses_of(
    conn: &mut DbConnection,
    seqs: &[i64],
) -> Result<Vec<WitnessRow>, StorageError> {
    Ok(checkpoint_witnesses::table
        .filter(checkpoint_witnesses::seq.eq_any(seqs))
        .order(checkpoint_witnesses::witness_domain.asc())
        .select(WitnessRow::as_select())
        .load(conn)?)
}

/// Whether this city signed a checkpoint at `seq` with this head hash and signature (a head
/// can be signed more than once: at an interval and again at an epoch's close).
pub fn signed_by_us(
    conn: &mut DbConnection,
    seq: i64,
    head_hash: &str,
    signature: &str,
) -> Result<bool, StorageError> {
    Ok(ledger_checkpoints::table
        .filter(ledger_checkpoints::seq.eq(seq))
        .filter(ledger_checkpoints::head_hash.eq(head_hash))
        .filter(ledger_checkpoints::signature.eq(signature))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}
