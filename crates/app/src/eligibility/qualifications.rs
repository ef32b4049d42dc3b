//! Qualifications an organization defines ("Food handler card") and grants to residents
//! with an expiry date. Editors define them; editors and verifiers grant and revoke.

use super::{city_day, read};
use crate::organizations::{self, Organization};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDate;
use citysync_domain::eligibility::QUALIFICATION_NAME_MAX;
use citysync_domain::organization::Capability;
use citysync_domain::text;
use citysync_storage::eligibility::{self as store, GrantRow, QualificationRow};
use citysync_storage::{users, DbConnection};
use serde::Serialize;

/// A qualification of the organization.
#[derive(Debug, Clone, Serialize)]
pub struct QualificationLine {
    pub id: String,
    pub name: String,
}

/// A grant as the organization's page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct GrantLine {
    pub qualification_id: String,
    pub qualification: String,
    pub username: String,
    pub expires_on: NaiveDate,
    /// Past its expiry on the city's today.
    pub expired: bool,
}

/// The organization's qualifications page.
#[derive(Debug, Clone, Serialize)]
pub struct QualificationsPage {
    pub organization: Organization,
    pub qualifications: Vec<QualificationLine>,
    pub grants: Vec<GrantLine>,
    /// Whether the viewer may define new qualifications (editors; verifiers only grant).
    pub can_define: bool,
}

/// The organization, if `user` may grant its qualifications (editors and verifiers).
fn granting(conn: &mut DbConnection, handle: &str, user: &User) -> Result<Organization, AppError> {
    let org = organizations::load(conn, handle)?;
    let allowed = [Capability::EditCatalog, Capability::Verify]
        .iter()
        .any(|c| organizations::require(conn, &org.id, user, *c).is_ok());
    if allowed {
        Ok(org)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn qualifications_page(
    ctx: &Ctx,
    user: &User,
    handle: &str,
) -> Result<QualificationsPage, AppError> {
    let handle = handle.to_owned();
    let user = user.clone();
    let now = ctx.now();
    read(ctx, move |conn| {
        let org = granting(conn, &handle, &user)?;
        let can_define =
            organizations::require(conn, &org.id, &user, Capability::EditCatalog).is_ok();
        let rows = store::qualifications_of(conn, &org.id)?;
        let today = city_day(conn, now)?;
        let grants = store::grants_by_organization(conn, &org.id)?
            .into_iter()
            .map(|(g, username)| GrantLine {
                qualification: rows
                    .iter()
                    .find(|q| q.id == g.qualification_id)
                    .map(|q| q.name.clone())
                    .unwrap_or_default(),
                qualification_id: g.qualification_id,
                username,
                expired: g.expires_on < today,
                expires_on: g.expires_on,
            })
            .collect();
        Ok(QualificationsPage {
            organization: org,
            qualifications: rows
                .into_iter()
                .map(|q| QualificationLine {
                    id: q.id,
                    name: q.name,
                })
                .collect(),
            grants,
            can_define,
        })
    })
    .await
}

/// Defines a qualification of the organization (its editors).
pub async fn define_qualification(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    name: &str,
) -> Result<QualificationLine, AppError> {
    let name = text::required("name", name, QUALIFICATION_NAME_MAX)?;
    let handle = handle.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = organizations::load(conn, &handle)?;
            organizations::require(conn, &org.id, &user, Capability::EditCatalog)?;
            let taken = store::qualifications_of(conn, &org.id)?
                .iter()
                .any(|q| q.name.to_lowercase() == name.to_lowercase());
            if taken {
                return Err(AppError::QualificationTaken);
            }
            let row = QualificationRow {
                id: secrets::new_id(),
                organization_id: org.id.clone(),
                name: name.clone(),
                created_at: now,
            };
            store::insert_qualification(conn, &row).map_err(|e| {
                if e.is_unique_violation() {
                    AppError::QualificationTaken
                } else {
                    AppError::from(e)
                }
            })?;
            trail::record(
                conn,
                Subject::Organization,
                &org.id,
                "qualification_defined",
                Some(&user.id.to_string()),
                &name,
                now,
            )?;
            Ok(QualificationLine { id: row.id, name })
        })
        .await
}

/// Grants a qualification to the resident named `who` (username or email), valid through
/// `expires_on` (`YYYY-MM-DD`, today or later on the city's clock); granting again moves
/// the expiry.
pub async fn grant_qualification(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    qualification_id: &str,
    who: &str,
    expires_on: &str,
) -> Result<(), AppError> {
    let handle = handle.to_owned();
    let qid = qualification_id.to_owned();
    let who = who.trim().to_lowercase();
    let expires = NaiveDate::parse_from_str(expires_on.trim(), "%Y-%m-%d").ok();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = granting(conn, &handle, &user)?;
            let q = store::qualification(conn, &qid)?
                .filter(|q| q.organization_id == org.id)
                .ok_or(AppError::QualificationUnknown)?;
            let expires_on = expires
                .filter(|d| *d >= city_day(conn, now).unwrap_or(*d))
                .ok_or(AppError::ExpiryInvalid)?;
            let resident = match users::by_username(conn, &who)? {
                Some(u) => Some(u),
                None => users::by_email(conn, &who)?,
            }
            .ok_or(AppError::InviteeUnknown)?;
            let by = user.id.to_string();
            store::put_grant(
                conn,
                &GrantRow {
                    qualification_id: q.id.clone(),
                    user_id: resident.id.clone(),
                    expires_on,
                    granted_by: by.clone(),
                    granted_at: now,
                },
            )?;
            trail::record(
                conn,
                Subject::Organization,
                &org.id,
                "qualification_granted",
                Some(&by),
                &format!("{} {} {}", q.name, resident.username, expires_on),
                now,
            )?;
            Ok(())
        })
        .await
}

/// Withdraws a grant.
pub async fn revoke_qualification(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    qualification_id: &str,
    username: &str,
) -> Result<(), AppError> {
    let handle = handle.to_owned();
    let qid = qualification_id.to_owned();
    let username = username.trim().to_lowercase();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = granting(conn, &handle, &user)?;
            let q = store::qualification(conn, &qid)?
                .filter(|q| q.organization_id == org.id)
                .ok_or(AppError::QualificationUnknown)?;
            let resident = users::by_username(conn, &username)?.ok_or(AppError::NotFound)?;
            if !store::revoke_grant(conn, &q.id, &resident.id)? {
                return Err(AppError::NotFound);
            }
            trail::record(
                conn,
                Subject::Organization,
                &org.id,
                "qualification_revoked",
                Some(&user.id.to_string()),
                &format!("{} {}", q.name, resident.username),
                now,
            )?;
            Ok(())
        })
        .await
}
