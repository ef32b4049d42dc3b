//! Eligibility: templates' requirements (minimum age, waiver versions, qualifications) and
//! what is known of residents (date of birth, guardians' consents, waiver acceptances,
//! granted qualifications). Upserts update first and insert when nothing was there: every
//! caller runs inside a write transaction, which serializes writers on both backends.

use crate::schema::{
    birth_dates, guardian_consents, qualification_grants, qualifications, template_qualifications,
    template_requirements, template_waivers, users, waiver_acceptances,
};
use crate::{DbConnection, StorageError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = template_requirements)]
pub struct RequirementsRow {
    pub template_id: String,
    pub min_age: Option<i32>,
    pub waiver_version: Option<i32>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = template_waivers)]
pub struct WaiverRow {
    pub template_id: String,
    pub version: i32,
    pub body: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = qualifications)]
pub struct QualificationRow {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = qualification_grants)]
pub struct GrantRow {
    pub qualification_id: String,
    pub user_id: String,
    pub expires_on: NaiveDate,
    pub granted_by: String,
    pub granted_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = guardian_consents)]
pub struct GuardianConsentRow {
    pub id: String,
    pub user_id: String,
    pub guardian_email: String,
    pub token_hash: String,
    pub requested_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub consented_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = waiver_acceptances)]
pub struct WaiverAcceptanceRow {
    pub id: String,
    pub user_id: String,
    pub template_id: String,
    pub waiver_version: i32,
    pub opportunity_id: String,
    pub accepted_at: NaiveDateTime,
}

pub fn requirements(
    conn: &mut DbConnection,
    template_id: &str,
) -> Result<Option<RequirementsRow>, StorageError> {
    Ok(template_requirements::table
        .find(template_id)
        .select(RequirementsRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn put_requirements(
    conn: &mut DbConnection,
    row: &RequirementsRow,
) -> Result<(), StorageError> {
    let n = diesel::update(template_requirements::table.find(&row.template_id))
        .set((
            template_requirements::min_age.eq(row.min_age),
            template_requirements::waiver_version.eq(row.waiver_version),
            template_requirements::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(template_requirements::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

pub fn waiver(
    conn: &mut DbConnection,
    template_id: &str,
    version: i32,
) -> Result<Option<WaiverRow>, StorageError> {
    Ok(template_waivers::table
        .find((template_id, version))
        .select(WaiverRow::as_select())
        .first(conn)
        .optional()?)
}

/// The newest version of a template's waiver ever written (kept after it is removed).
pub fn latest_waiver(
    conn: &mut DbConnection,
    template_id: &str,
) -> Result<Option<WaiverRow>, StorageError> {
    Ok(template_waivers::table
        .filter(template_waivers::template_id.eq(template_id))
        .order(template_waivers::version.desc())
        .select(WaiverRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert_waiver(conn: &mut DbConnection, row: &WaiverRow) -> Result<(), StorageError> {
    diesel::insert_into(template_waivers::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn insert_qualification(
    conn: &mut DbConnection,
    row: &QualificationRow,
) -> Result<(), StorageError> {
    diesel::insert_into(qualifications::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn qualification(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<QualificationRow>, StorageError> {
    Ok(qualifications::table
        .find(id)
        .select(QualificationRow::as_select())
        .first(conn)
        .optional()?)
}

/// An organization's qualifications by name.
pub fn qualifications_of(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<QualificationRow>, StorageError> {
    Ok(qualifications::table
        .filter(qualifications::organization_id.eq(organization_id))
        .order(qualifications::name.asc())
        .select(QualificationRow::as_select())
        .load(conn)?)
}

/// The qualifications a template asks for, by name.
pub fn template_qualifications(
    conn: &mut DbConnection,
    template_id: &str,
) -> Result<Vec<QualificationRow>, StorageError> {
    Ok(template_qualifications::table
        .inner_join(
            qualifications::table
                .on(qualifications::id.eq(template_qualifications::qualification_id)),
        )
        .filter(template_qualifications::template_id.eq(template_id))
        .order(qualifications::name.asc())
        .select(QualificationRow::as_select())
        .load(conn)?)
}

/// Replaces the qualifications a template asks for.
pub fn set_template_qualifications(
    conn: &mut DbConnection,
    template_id: &str,
    qualification_ids: &[String],
) -> Result<(), StorageError> {
    diesel::delete(
        template_qualifications::table.filter(template_qualifications::template_id.eq(template_id)),
    )
    .execute(conn)?;
    for id in qualification_ids {
        diesel::insert_into(template_qualifications::table)
            .values((
                template_qualifications::template_id.eq(template_id),
                template_qualifications::qualification_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Grants a qualification, or moves the expiry of an existing grant.
pub fn put_grant(conn: &mut DbConnection, row: &GrantRow) -> Result<(), StorageError> {
    let n = diesel::update(qualification_grants::table.find((&row.qualification_id, &row.user_id)))
        .set((
            qualification_grants::expires_on.eq(row.expires_on),
            qualification_grants::granted_by.eq(&row.granted_by),
            qualification_grants::granted_at.eq(row.granted_at),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(qualification_grants::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

pub fn revoke_grant(
    conn: &mut DbConnection,
    qualification_id: &str,
    user_id: &str,
) -> Result<bool, StorageError> {
    Ok(
        diesel::delete(qualification_grants::table.find((qualification_id, user_id)))
            .execute(conn)?
            == 1,
    )
}

/// A resident's grants (of any organization).
pub fn grants_of(conn: &mut DbConnection, user_id: &str) -> Result<Vec<GrantRow>, StorageError> {
    Ok(qualification_grants::table
        .filter(qualification_grants::user_id.eq(user_id))
        .select(GrantRow::as_select())
        .load(conn)?)
}

/// The grants of an organization's qualifications, with the holder's username, by
/// qualification then username.
pub fn grants_by_organization(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<(GrantRow, String)>, StorageError> {
    Ok(qualification_grants::table
        .inner_join(
            qualifications::table.on(qualifications::id.eq(qualification_grants::qualification_id)),
        )
        .inner_join(users::table.on(users::id.eq(qualification_grants::user_id)))
        .filter(qualifications::organization_id.eq(organization_id))
        .order((qualifications::name.asc(), users::username.asc()))
        .select((GrantRow::as_select(), users::username))
        .load(conn)?)
}

pub fn birth_date(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<NaiveDate>, StorageError> {
    Ok(birth_dates::table
        .find(user_id)
        .select(birth_dates::born_on)
        .first(conn)
        .optional()?)
}

pub fn put_birth_date(
    conn: &mut DbConnection,
    user_id: &str,
    born_on: NaiveDate,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    let n = diesel::update(birth_dates::table.find(user_id))
        .set((
            birth_dates::born_on.eq(born_on),
            birth_dates::updated_at.eq(at),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(birth_dates::table)
            .values((
                birth_dates::user_id.eq(user_id),
                birth_dates::born_on.eq(born_on),
                birth_dates::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert_guardian_request(
    conn: &mut DbConnection,
    row: &GuardianConsentRow,
) -> Result<(), StorageError> {
    diesel::insert_into(guardian_consents::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn guardian_request_by_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<GuardianConsentRow>, StorageError> {
    Ok(guardian_consents::table
        .filter(guardian_consents::token_hash.eq(token_hash))
        .select(GuardianConsentRow::as_select())
        .first(conn)
        .optional()?)
}

/// Records the consent once: false if the request was already answered meanwhile.
pub fn record_consent(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    Ok(diesel::update(
        guardian_consents::table
            .find(id)
            .filter(guardian_consents::consented_at.is_null()),
    )
    .set(guardian_consents::consented_at.eq(at))
    .execute(conn)?
        == 1)
}

/// A resident's requests to guardians, newest first.
pub fn guardian_requests_of(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<GuardianConsentRow>, StorageError> {
    Ok(guardian_consents::table
        .filter(guardian_consents::user_id.eq(user_id))
        .order(guardian_consents::requested_at.desc())
        .select(GuardianConsentRow::as_select())
        .load(conn)?)
}

pub fn insert_acceptance(
    conn: &mut DbConnection,
    row: &WaiverAcceptanceRow,
) -> Result<(), StorageError> {
    diesel::insert_into(waiver_acceptances::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The waiver acceptances recorded on an opportunity's claims, newest first.
pub fn acceptances_on(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<WaiverAcceptanceRow>, StorageError> {
    Ok(waiver_acceptances::table
        .filter(waiver_acceptances::opportunity_id.eq(opportunity_id))
        .order(waiver_acceptances::accepted_at.desc())
        .select(WaiverAcceptanceRow::as_select())
        .load(conn)?)
}

/// A resident's waiver acceptances, newest first.
pub fn acceptances_of(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<WaiverAcceptanceRow>, StorageError> {
    Ok(waiver_acceptances::table
        .filter(waiver_acceptances::user_id.eq(user_id))
        .order(waiver_acceptances::accepted_at.desc())
        .select(WaiverAcceptanceRow::as_select())
        .load(conn)?)
}
