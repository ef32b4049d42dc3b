//! Self check-in (issue 26): each opportunity's poster token, an organization's distance
//! rule, verifiers' confirmations of check-ins, and the rows of a resident's service-hours
//! record.

use crate::claims::{ClaimRow, ContributionRow};
use crate::schema::{
    attendance_confirmations, check_in_distances, check_in_posters, claims, contributions,
    organizations, submissions, users,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The token of an opportunity's poster, if one was made.
pub fn poster_token(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Option<String>, StorageError> {
    Ok(check_in_posters::table
        .find(opportunity_id)
        .select(check_in_posters::token)
        .first(conn)
        .optional()?)
}

/// Stores a poster token unless the opportunity has one already (a concurrent first
/// request wins); returns the token in force.
pub fn ensure_poster(
    conn: &mut DbConnection,
    opportunity_id: &str,
    token: &str,
    at: NaiveDateTime,
) -> Result<String, StorageError> {
    let row = (
        check_in_posters::opportunity_id.eq(opportunity_id),
        check_in_posters::token.eq(token),
        check_in_posters::created_at.eq(at),
    );
    match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(check_in_posters::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(check_in_posters::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    poster_token(conn, opportunity_id)?
        .ok_or_else(|| StorageError::Corrupt("a poster token was stored and is gone".into()))
}

/// The opportunity a poster token belongs to.
pub fn opportunity_of_token(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<String>, StorageError> {
    Ok(check_in_posters::table
        .filter(check_in_posters::token.eq(token))
        .select(check_in_posters::opportunity_id)
        .first(conn)
        .optional()?)
}

/// The greatest distance (metres) from an opportunity's map point an organization accepts
/// a check-in from; `None`: no distance check.
pub fn max_distance(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Option<i32>, StorageError> {
    Ok(check_in_distances::table
        .find(organization_id)
        .select(check_in_distances::max_meters)
        .first(conn)
        .optional()?)
}

/// Sets (or, with `None`, removes) an organization's distance rule.
pub fn set_max_distance(
    conn: &mut DbConnection,
    organization_id: &str,
    max_meters: Option<i32>,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::delete(check_in_distances::table.find(organization_id)).execute(conn)?;
    if let Some(max) = max_meters {
        diesel::insert_into(check_in_distances::table)
            .values((
                check_in_distances::organization_id.eq(organization_id),
                check_in_distances::max_meters.eq(max),
                check_in_distances::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records a verifier's confirmation of a claim's check-in; false when it was confirmed
/// already (by this or a concurrent request), and then nothing more must be done for it.
pub fn record_confirmation(
    conn: &mut DbConnection,
    claim_id: &str,
    confirmed_by: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let row = (
        attendance_confirmations::claim_id.eq(claim_id),
        attendance_confirmations::confirmed_by.eq(confirmed_by),
        attendance_confirmations::confirmed_at.eq(at),
    );
    let n = match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(attendance_confirmations::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(attendance_confirmations::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    Ok(n == 1)
}

/// The claims on an opportunity that were checked in, with the claimant's username and when
/// the check-in was confirmed, earliest check-in first.
pub fn checked_in_on(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<(ClaimRow, String, Option<NaiveDateTime>)>, StorageError> {
    Ok(claims::table
        .inner_join(users::table.on(users::id.eq(claims::claimant_id)))
        .left_join(
            attendance_confirmations::table.on(attendance_confirmations::claim_id.eq(claims::id)),
        )
        .filter(claims::opportunity_id.eq(opportunity_id))
        .filter(claims::checked_in_at.is_not_null())
        .order((claims::checked_in_at.asc(), claims::id.asc()))
        .select((
            ClaimRow::as_select(),
            users::username,
            attendance_confirmations::confirmed_at.nullable(),
        ))
        .load(conn)?)
}

/// One verified contribution of a service-hours record, with what its hours come from.
#[derive(Debug, Clone)]
pub struct HoursRow {
    pub contribution: ContributionRow,
    pub organization_name: String,
    pub organization_handle: String,
    pub checked_in_at: Option<NaiveDateTime>,
    pub checked_out_at: Option<NaiveDateTime>,
    /// The approved proof's worked times.
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
}

/// A contribution with its organization's name and handle and the claim's check-in times.
type ContributionLine = (
    ContributionRow,
    String,
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

/// A resident's contributions verified in `[from, until)`, oldest first.
pub fn verified_between(
    conn: &mut DbConnection,
    contributor_id: &str,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<HoursRow>, StorageError> {
    let rows: Vec<ContributionLine> = contributions::table
        .inner_join(organizations::table.on(organizations::id.eq(contributions::organization_id)))
        .inner_join(claims::table.on(claims::id.eq(contributions::claim_id)))
        .filter(contributions::contributor_id.eq(contributor_id))
        .filter(contributions::verified_at.ge(from))
        .filter(contributions::verified_at.lt(until))
        .order((contributions::verified_at.asc(), contributions::id.asc()))
        .select((
            ContributionRow::as_select(),
            organizations::name,
            organizations::handle,
            claims::checked_in_at,
            claims::checked_out_at,
        ))
        .load(conn)?;
    let claim_ids: Vec<&str> = rows.iter().map(|r| r.0.claim_id.as_str()).collect();
    let worked: Vec<(String, Option<NaiveDateTime>, Option<NaiveDateTime>)> = submissions::table
        .filter(submissions::claim_id.eq_any(claim_ids))
        .filter(submissions::decision.eq("approved"))
        .select((
            submissions::claim_id,
            submissions::worked_from,
            submissions::worked_until,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(contribution, name, handle, checked_in_at, checked_out_at)| {
                let times = worked
                    .iter()
                    .find(|(claim, _, _)| *claim == contribution.claim_id);
                HoursRow {
                    organization_name: name,
                    organization_handle: handle,
                    checked_in_at,
                    checked_out_at,
                    worked_from: times.and_then(|t| t.1),
                    worked_until: times.and_then(|t| t.2),
                    contribution,
                }
            },
        )
        .collect())
}
