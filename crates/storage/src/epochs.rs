//! Epochs and the administrator's issuer budget table.

use crate::schema::{epochs, issuer_budgets, organizations};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::epoch::EpochState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = epochs)]
pub struct EpochRow {
    pub number: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: EpochState,
    pub closed_at: Option<NaiveDateTime>,
    pub report: Option<String>,
}

/// The open epoch (there is at most one).
pub fn open_epoch(conn: &mut DbConnection) -> Result<Option<EpochRow>, StorageError> {
    Ok(epochs::table
        .filter(epochs::state.eq("open"))
        .order(epochs::number.desc())
        .select(EpochRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn epoch(conn: &mut DbConnection, number: i64) -> Result<Option<EpochRow>, StorageError> {
    Ok(epochs::table
        .find(number)
        .select(EpochRow::as_select())
        .first(conn)
        .optional()?)
}

/// Epochs, newest first.
pub fn epochs(conn: &mut DbConnection, limit: i64) -> Result<Vec<EpochRow>, StorageError> {
    Ok(epochs::table
        .order(epochs::number.desc())
        .limit(limit)
        .select(EpochRow::as_select())
        .load(conn)?)
}

pub fn insert_epoch(conn: &mut DbConnection, row: &EpochRow) -> Result<(), StorageError> {
    diesel::insert_into(epochs::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

/// Moves an open epoch's bounds (the first epoch, when setup gives the city its clock);
/// false if it is not open.
pub fn rebound_open_epoch(
    conn: &mut DbConnection,
    number: i64,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(epochs::table.find(number).filter(epochs::state.eq("open")))
        .set((epochs::starts_at.eq(starts_at), epochs::ends_at.eq(ends_at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Seals an open epoch with its report; false if it was closed already.
pub fn seal_epoch(
    conn: &mut DbConnection,
    number: i64,
    report: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        epochs::table
            .find(number)
            .filter(epochs::state.eq("open"))
            .filter(epochs::report.is_null()),
    )
    .set((
        epochs::state.eq("closed"),
        epochs::closed_at.eq(Some(at)),
        epochs::report.eq(Some(report)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = issuer_budgets)]
pub struct BudgetRow {
    pub organization_id: String,
    pub amount: i64,
    pub updated_at: NaiveDateTime,
    pub updated_by: String,
}

/// The budget table with each issuer's handle and name, by handle.
pub fn budgets(conn: &mut DbConnection) -> Result<Vec<(BudgetRow, String, String)>, StorageError> {
    Ok(issuer_budgets::table
        .inner_join(organizations::table.on(organizations::id.eq(issuer_budgets::organization_id)))
        .order(organizations::handle)
        .select((
            BudgetRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .load(conn)?)
}

pub fn budget(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Option<BudgetRow>, StorageError> {
    Ok(issuer_budgets::table
        .find(organization_id)
        .select(BudgetRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn set_budget(conn: &mut DbConnection, row: &BudgetRow) -> Result<(), StorageError> {
    let updated = diesel::update(issuer_budgets::table.find(&row.organization_id))
        .set((
            issuer_budgets::amount.eq(row.amount),
            issuer_budgets::updated_at.eq(row.updated_at),
            issuer_budgets::updated_by.eq(&row.updated_by),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(issuer_budgets::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}
