//! Settlement: the city's reimbursement terms, per-redeemer caps and the statements written
//! at each epoch close (their content hashed into the ledger's chain).

use crate::db::DbConnection;
use crate::error::StorageError;
use crate::schema::{
    ledger_entries, offerings, redemptions, settlement_caps, settlement_statements,
    settlement_terms,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = settlement_terms)]
pub struct TermsRow {
    pub id: i32,
    pub currency: String,
    pub rate: i64,
    pub funding_source: String,
    pub updated_at: NaiveDateTime,
    pub updated_by: String,
}

pub fn terms(conn: &mut DbConnection) -> Result<Option<TermsRow>, StorageError> {
    Ok(settlement_terms::table
        .find(1)
        .select(TermsRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn set_terms(conn: &mut DbConnection, row: &TermsRow) -> Result<(), StorageError> {
    let updated = diesel::update(settlement_terms::table.find(1))
        .set((
            settlement_terms::currency.eq(&row.currency),
            settlement_terms::rate.eq(row.rate),
            settlement_terms::funding_source.eq(&row.funding_source),
            settlement_terms::updated_at.eq(row.updated_at),
            settlement_terms::updated_by.eq(&row.updated_by),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(settlement_terms::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = settlement_caps)]
pub struct CapRow {
    pub organization_id: String,
    pub cap: i64,
    pub updated_at: NaiveDateTime,
    pub updated_by: String,
}

pub fn cap(conn: &mut DbConnection, organization_id: &str) -> Result<Option<i64>, StorageError> {
    Ok(settlement_caps::table
        .find(organization_id)
        .select(settlement_caps::cap)
        .first(conn)
        .optional()?)
}

pub fn caps(conn: &mut DbConnection) -> Result<Vec<CapRow>, StorageError> {
    Ok(settlement_caps::table
        .select(CapRow::as_select())
        .load(conn)?)
}

/// Sets a redeemer's cap; `None` removes it.
pub fn set_cap(
    conn: &mut DbConnection,
    organization_id: &str,
    row: Option<&CapRow>,
) -> Result<(), StorageError> {
    diesel::delete(settlement_caps::table.find(organization_id)).execute(conn)?;
    if let Some(row) = row {
        diesel::insert_into(settlement_caps::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = settlement_statements)]
pub struct StatementRow {
    pub number: String,
    pub year: i32,
    pub serial: i64,
    pub epoch: i64,
    pub organization_id: String,
    pub content: String,
    pub content_hash: String,
    pub signature: String,
    pub public_key: String,
    pub entry_seq: i64,
    pub currency: String,
    pub city_burned: i64,
    pub amount_owed: i64,
    pub issued_at: NaiveDateTime,
    pub paid_at: Option<NaiveDateTime>,
    pub payment_reference: Option<String>,
    pub paid_by: Option<String>,
}

pub fn insert_statement(conn: &mut DbConnection, row: &StatementRow) -> Result<(), StorageError> {
    diesel::insert_into(settlement_statements::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The last serial used in `year` (0 when none).
pub fn last_serial(conn: &mut DbConnection, year: i32) -> Result<i64, StorageError> {
    Ok(settlement_statements::table
        .filter(settlement_statements::year.eq(year))
        .select(diesel::dsl::max(settlement_statements::serial))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

pub fn statement(
    conn: &mut DbConnection,
    number: &str,
) -> Result<Option<StatementRow>, StorageError> {
    Ok(settlement_statements::table
        .find(number)
        .select(StatementRow::as_select())
        .first(conn)
        .optional()?)
}

/// Every statement, oldest first (verification and the finance office's list).
pub fn all_statements(conn: &mut DbConnection) -> Result<Vec<StatementRow>, StorageError> {
    Ok(settlement_statements::table
        .order((settlement_statements::year, settlement_statements::serial))
        .select(StatementRow::as_select())
        .load(conn)?)
}

/// A redeemer's statements, newest first.
pub fn statements_of(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<StatementRow>, StorageError> {
    Ok(settlement_statements::table
        .filter(settlement_statements::organization_id.eq(organization_id))
        .order((
            settlement_statements::year.desc(),
            settlement_statements::serial.desc(),
        ))
        .select(StatementRow::as_select())
        .load(conn)?)
}

/// Marks an unpaid statement paid; false if it was paid already (or does not exist).
pub fn mark_paid(
    conn: &mut DbConnection,
    number: &str,
    reference: &str,
    by: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        settlement_statements::table
            .filter(settlement_statements::number.eq(number))
            .filter(settlement_statements::paid_at.is_null()),
    )
    .set((
        settlement_statements::paid_at.eq(Some(at)),
        settlement_statements::payment_reference.eq(Some(reference)),
        settlement_statements::paid_by.eq(Some(by)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// One honored redemption as the chain recorded its burn.
#[derive(Debug, Clone)]
pub struct BurnLine {
    pub organization_id: String,
    pub offering_id: Option<String>,
    pub title: Option<String>,
    pub amount: i64,
}

/// The burns of epoch `epoch` (entries of kind `burn`), with the offering each redemption
/// was for. A burn whose redemption is missing keeps `None` (verification names it).
pub fn burns_of_epoch(conn: &mut DbConnection, epoch: i64) -> Result<Vec<BurnLine>, StorageError> {
    let rows: Vec<(Option<String>, String, i64)> = ledger_entries::table
        .filter(ledger_entries::epoch.eq(epoch))
        .filter(ledger_entries::kind.eq("burn"))
        .order(ledger_entries::seq)
        .select((
            ledger_entries::organization_id,
            ledger_entries::memo,
            ledger_entries::amount,
        ))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (organization_id, memo, amount) in rows {
        let offering = match memo.strip_prefix("redemption:") {
            Some(id) => redemptions::table
                .inner_join(offerings::table)
                .filter(redemptions::id.eq(id))
                .select((offerings::id, offerings::title))
                .first::<(String, String)>(conn)
                .optional()?,
            None => None,
        };
        out.push(BurnLine {
            organization_id: organization_id.unwrap_or_default(),
            offering_id: offering.as_ref().map(|o| o.0.clone()),
            title: offering.map(|o| o.1),
            amount,
        });
    }
    Ok(out)
}

/// CITY burned at a redeemer in epoch `epoch` so far.
pub fn burned_by(
    conn: &mut DbConnection,
    organization_id: &str,
    epoch: i64,
) -> Result<i64, StorageError> {
    let amounts: Vec<i64> = ledger_entries::table
        .filter(ledger_entries::epoch.eq(epoch))
        .filter(ledger_entries::kind.eq("burn"))
        .filter(ledger_entries::organization_id.eq(organization_id))
        .select(ledger_entries::amount)
        .load(conn)?;
    Ok(amounts.iter().sum())
}
