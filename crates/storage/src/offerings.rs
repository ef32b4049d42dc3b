//! Redeemers' offerings, their per-epoch commitments and the redemptions against them.

use crate::schema::{offering_commitments, offerings, organizations, redemptions};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::redemption::RedemptionState;
use citysync_domain::{OfferingId, RedemptionId};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = offerings)]
pub struct OfferingRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: OfferingId,
    pub organization_id: String,
    pub title: String,
    pub description: String,
    pub price: i64,
    pub category: String,
    pub terms: String,
    pub image: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert_offering(conn: &mut DbConnection, row: &OfferingRow) -> Result<(), StorageError> {
    diesel::insert_into(offerings::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn update_offering(conn: &mut DbConnection, row: &OfferingRow) -> Result<(), StorageError> {
    diesel::update(offerings::table.find(row.id.to_string()))
        .set((
            offerings::title.eq(&row.title),
            offerings::description.eq(&row.description),
            offerings::price.eq(row.price),
            offerings::category.eq(&row.category),
            offerings::terms.eq(&row.terms),
            offerings::image.eq(&row.image),
            offerings::active.eq(row.active),
            offerings::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn offering(
    conn: &mut DbConnection,
    id: &OfferingId,
) -> Result<Option<OfferingRow>, StorageError> {
    Ok(offerings::table
        .find(id.to_string())
        .select(OfferingRow::as_select())
        .first(conn)
        .optional()?)
}

/// An organization's offerings, active first, then by title.
pub fn offerings_of(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<OfferingRow>, StorageError> {
    Ok(offerings::table
        .filter(offerings::organization_id.eq(organization_id))
        .order((offerings::active.desc(), offerings::title))
        .select(OfferingRow::as_select())
        .load(conn)?)
}

/// Filters of the public offerings page.
#[derive(Debug, Clone, Default)]
pub struct OfferingFilter {
    pub category: Option<String>,
    pub organization_handle: Option<String>,
    pub max_price: Option<i64>,
    pub text: Option<String>,
}

/// Active offerings of approved redeemers matching the filter, with the redeemer's handle
/// and name, cheapest first.
pub fn public_offerings(
    conn: &mut DbConnection,
    filter: &OfferingFilter,
    limit: i64,
) -> Result<Vec<(OfferingRow, String, String)>, StorageError> {
    let mut query = offerings::table
        .inner_join(organizations::table.on(organizations::id.eq(offerings::organization_id)))
        .filter(offerings::active.eq(true))
        .filter(organizations::state.eq("approved"))
        .filter(organizations::is_redeemer.eq(true))
        .into_boxed();
    if let Some(c) = &filter.category {
        query = query.filter(offerings::category.eq(c.clone()));
    }
    if let Some(h) = &filter.organization_handle {
        query = query.filter(organizations::handle.eq(h.clone()));
    }
    if let Some(p) = filter.max_price {
        query = query.filter(offerings::price.le(p));
    }
    if let Some(t) = &filter.text {
        let pattern = format!("%{}%", t.replace(['%', '_'], ""));
        query = query.filter(
            offerings::title
                .like(pattern.clone())
                .or(offerings::description.like(pattern)),
        );
    }
    Ok(query
        .order((offerings::price, offerings::title))
        .limit(limit)
        .select((
            OfferingRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .load(conn)?)
}

/// How many units the redeemer committed for an epoch (0 when it did not).
pub fn commitment(
    conn: &mut DbConnection,
    offering_id: &OfferingId,
    epoch: i64,
) -> Result<i32, StorageError> {
    Ok(offering_commitments::table
        .find((offering_id.to_string(), epoch))
        .select(offering_commitments::quantity)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

pub fn set_commitment(
    conn: &mut DbConnection,
    offering_id: &OfferingId,
    epoch: i64,
    quantity: i32,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    let offering_id = offering_id.to_string();
    let updated = diesel::update(offering_commitments::table.find((&offering_id, epoch)))
        .set((
            offering_commitments::quantity.eq(quantity),
            offering_commitments::updated_at.eq(at),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(offering_commitments::table)
            .values((
                offering_commitments::offering_id.eq(&offering_id),
                offering_commitments::epoch.eq(epoch),
                offering_commitments::quantity.eq(quantity),
                offering_commitments::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Units of an offering held or honored in an epoch: what counts against the commitment.
pub fn units_taken(
    conn: &mut DbConnection,
    offering_id: &OfferingId,
    epoch: i64,
) -> Result<i64, StorageError> {
    Ok(redemptions::table
        .filter(redemptions::offering_id.eq(offering_id.to_string()))
        .filter(redemptions::epoch.eq(epoch))
        .filter(redemptions::state.eq_any([
            RedemptionState::Reserved.as_str(),
            RedemptionState::Honored.as_str(),
        ]))
        .count()
        .get_result(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = redemptions)]
pub struct RedemptionRow {
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub id: RedemptionId,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub offering_id: OfferingId,
    pub organization_id: String,
    pub resident_id: String,
    pub amount: i64,
    pub epoch: i64,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: RedemptionState,
    pub code: String,
    pub reserved_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub settled_at: Option<NaiveDateTime>,
    pub settled_by: Option<String>,
}

pub fn insert_redemption(conn: &mut DbConnection, row: &RedemptionRow) -> Result<(), StorageError> {
    diesel::insert_into(redemptions::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn redemption(
    conn: &mut DbConnection,
    id: &RedemptionId,
) -> Result<Option<RedemptionRow>, StorageError> {
    Ok(redemptions::table
        .find(id.to_string())
        .select(RedemptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// The most recent redemption with this short code (codes are unique among open ones).
pub fn redemption_by_code(
    conn: &mut DbConnection,
    code: &str,
) -> Result<Option<RedemptionRow>, StorageError> {
    Ok(redemptions::table
        .filter(redemptions::code.eq(code))
        .order(redemptions::reserved_at.desc())
        .select(RedemptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Settles a reserved redemption; false if it was settled already (the compare-and-set
/// that makes honoring, cancelling and expiring happen at most once between them).
pub fn settle_redemption(
    conn: &mut DbConnection,
    id: &RedemptionId,
    to: RedemptionState,
    by: Option<&str>,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        redemptions::table
            .find(id.to_string())
            .filter(redemptions::state.eq(RedemptionState::Reserved.as_str())),
    )
    .set((
        redemptions::state.eq(to.as_str()),
        redemptions::settled_at.eq(Some(at)),
        redemptions::settled_by.eq(by),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A resident's redemptions with the offering's title and the redeemer's name, newest first.
pub fn redemptions_of(
    conn: &mut DbConnection,
    resident_id: &str,
    limit: i64,
) -> Result<Vec<(RedemptionRow, String, String)>, StorageError> {
    Ok(redemptions::table
        .inner_join(offerings::table)
        .inner_join(organizations::table.on(organizations::id.eq(redemptions::organization_id)))
        .filter(redemptions::resident_id.eq(resident_id))
        .order(redemptions::reserved_at.desc())
        .limit(limit)
        .select((
            RedemptionRow::as_select(),
            offerings::title,
            organizations::name,
        ))
        .load(conn)?)
}

/// Reservations whose time ran out, oldest first.
pub fn due_redemptions(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<RedemptionRow>, StorageError> {
    Ok(redemptions::table
        .filter(redemptions::state.eq("reserved"))
        .filter(redemptions::expires_at.le(now))
        .order(redemptions::expires_at)
        .limit(limit)
        .select(RedemptionRow::as_select())
        .load(conn)?)
}

/// Redemptions honored at an organization, newest first (its counter's recent list).
pub fn honored_at(
    conn: &mut DbConnection,
    organization_id: &str,
    limit: i64,
) -> Result<Vec<(RedemptionRow, String)>, StorageError> {
    Ok(redemptions::table
        .inner_join(offerings::table)
        .filter(redemptions::organization_id.eq(organization_id))
        .filter(redemptions::state.eq("honored"))
        .order(redemptions::settled_at.desc())
        .limit(limit)
        .select((RedemptionRow::as_select(), offerings::title))
        .load(conn)?)
}
