//! What a template asks of its claimants, edited by the organization's editors: a minimum
//! age, a waiver (each change of its text is a new version; acceptances name theirs) and
//! qualifications of the organization.

use super::{read, requirements_of};
use crate::trail::{self, Subject};
use crate::{AppError, Ctx, User};
use citysync_domain::eligibility::{self as rules, WAIVER_MAX_CHARS};
use citysync_domain::organization::Capability;
use citysync_domain::text;
use citysync_storage::catalog as catalog_store;
use citysync_storage::eligibility::{self as store, RequirementsRow, WaiverRow};
use citysync_storage::DbConnection;
use serde::Serialize;

/// A qualification the organization defined, and whether the template asks for it.
#[derive(Debug, Clone, Serialize)]
pub struct QualificationChoice {
    pub id: String,
    pub name: String,
    pub required: bool,
}

/// The requirements form of a template.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementsPage {
    pub template_id: String,
    pub title: String,
    pub organization_handle: String,
    pub min_age: Option<i32>,
    /// The current waiver's text and version (empty and none without a waiver).
    pub waiver: String,
    pub waiver_version: Option<i32>,
    pub qualifications: Vec<QualificationChoice>,
}

/// What the editor typed.
#[derive(Debug, Clone, Default)]
pub struct RequirementsInput {
    pub min_age: String,
    /// Empty: no waiver.
    pub waiver: String,
    pub qualification_ids: Vec<String>,
}

/// Loads a template and checks `user` may edit its organization's catalog; returns the
/// organization's id and handle.
fn editable(
    conn: &mut DbConnection,
    template_id: &str,
    user: &User,
) -> Result<(String, String), AppError> {
    let template = catalog_store::template(conn, template_id)?.ok_or(AppError::NotFound)?;
    let org = crate::organizations::load_by_id(conn, &template.organization_id)?;
    crate::organizations::require(conn, &org.id, user, Capability::EditCatalog)?;
    Ok((org.id, org.handle))
}

/// The requirements form of `template_id`, for its organization's editors.
pub async fn requirements_page(
    ctx: &Ctx,
    user: &User,
    template_id: &str,
) -> Result<RequirementsPage, AppError> {
    let id = template_id.to_owned();
    let user = user.clone();
    read(ctx, move |conn| {
        let (org_id, handle) = editable(conn, &id, &user)?;
        let template = catalog_store::template(conn, &id)?.ok_or(AppError::NotFound)?;
        let version = catalog_store::template_version(conn, &id, template.version)?
            .ok_or(AppError::NotFound)?;
        let requirements = requirements_of(conn, &id)?;
        let waiver = match requirements.waiver_version {
            Some(v) => store::waiver(conn, &id, v)?.map(|w| w.body),
            None => None,
        };
        let chosen: Vec<String> = requirements
            .qualifications
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let qualifications = store::qualifications_of(conn, &org_id)?
            .into_iter()
            .map(|q| QualificationChoice {
                required: chosen.contains(&q.id),
                id: q.id,
                name: q.name,
            })
            .collect();
        Ok(RequirementsPage {
            template_id: id,
            title: version.title,
            organization_handle: handle,
            min_age: requirements.min_age.map(i32::from),
            waiver: waiver.unwrap_or_default(),
            waiver_version: requirements.waiver_version,
            qualifications,
        })
    })
    .await
}

/// Saves a template's requirements. A waiver text that differs from the current one becomes
/// a new version (acceptances of older versions stay recorded, and no longer count); an
/// empty one removes the waiver. Qualifications must be the organization's own.
pub async fn set_requirements(
    ctx: &Ctx,
    user: &User,
    template_id: &str,
    input: RequirementsInput,
) -> Result<(), AppError> {
    let min_age = rules::parse_min_age(&input.min_age).map_err(|_| AppError::MinAgeInvalid)?;
    let waiver = text::optional("waiver", &input.waiver, WAIVER_MAX_CHARS)?;
    let id = template_id.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let (org_id, _) = editable(conn, &id, &user)?;
            let by = user.id.to_string();
            for q in &input.qualification_ids {
                match store::qualification(conn, q)? {
                    Some(row) if row.organization_id == org_id => {}
                    _ => return Err(AppError::QualificationUnknown),
                }
            }
            let current = store::requirements(conn, &id)?.and_then(|r| r.waiver_version);
            let current_text = match current {
                Some(v) => store::waiver(conn, &id, v)?.map(|w| w.body),
                None => None,
            };
            let waiver_version = if waiver.is_empty() {
                None
            } else if current_text.as_deref() == Some(waiver.as_str()) {
                current
            } else {
                let next = store::latest_waiver(conn, &id)?.map_or(1, |w| w.version + 1);
                store::insert_waiver(
                    conn,
                    &WaiverRow {
                        template_id: id.clone(),
                        version: next,
                        body: waiver.clone(),
                        created_by: by.clone(),
                        created_at: now,
                    },
                )?;
                Some(next)
            };
            store::put_requirements(
                conn,
                &RequirementsRow {
                    template_id: id.clone(),
                    min_age: min_age.map(i32::from),
                    waiver_version,
                    updated_at: now,
                },
            )?;
            let mut ids = input.qualification_ids.clone();
            ids.sort();
            ids.dedup();
            store::set_template_qualifications(conn, &id, &ids)?;
            let detail = format!(
                "min_age={} waiver={} qualifications={}",
                min_age.map_or("-".to_owned(), |a| a.to_string()),
                waiver_version.map_or("-".to_owned(), |v| format!("v{v}")),
                ids.len()
            );
            trail::record(
                conn,
                Subject::Template,
                &id,
                "requirements_set",
                Some(&by),
                &detail,
                now,
            )?;
            Ok(())
        })
        .await
}
