//! Eligibility of claims (issue 26): a template may ask for a minimum age, a waiver accepted
//! at claim time, and qualifications an organization grants; a resident known to be under
//! the city's age of majority needs a guardian's consent. The rules are
//! `citysync_domain::eligibility`; this module gathers the facts, checks them inside the
//! claim's transaction ([`require`]), and tells the opportunity page what is still missing
//! ([`needs`]).

mod qualifications;
mod resident;
mod templates;

pub use qualifications::{
    define_qualification, grant_qualification, qualifications_page, revoke_qualification,
    GrantLine, QualificationLine, QualificationsPage,
};
pub use resident::{
    consent, consent_request, eligibility_for_admin, my_eligibility, request_guardian_consent,
    set_birth_date, GuardianRequest, MyEligibility, CONSENT_LINK_DAYS,
};
pub use templates::{requirements_page, set_requirements, RequirementsInput, RequirementsPage};

use crate::{secrets, AppError, Ctx, User};
use chrono::{NaiveDate, NaiveDateTime};
use citysync_domain::eligibility::{
    self as rules, HeldQualification, RequiredQualification, Requirements, ResidentFacts, Unmet,
};
use citysync_domain::organization::Capability;
use citysync_i18n::{I18n, Locale};
use citysync_storage::catalog::{self as catalog_store, OpportunityRow};
use citysync_storage::eligibility as store;
use citysync_storage::{users, DbConnection};
use serde::Serialize;

/// Runs `f` on a pooled connection, keeping `AppError`s.
async fn read<T, F>(ctx: &Ctx, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
{
    ctx.run(move |conn| Ok(f(conn))).await?
}

/// The city's zone (the one its clock is read in).
fn city_zone(conn: &mut DbConnection) -> Result<chrono_tz::Tz, AppError> {
    let name = citysync_storage::instance::get(conn)?
        .map(|city| city.timezone)
        .unwrap_or_default();
    Ok(citysync_i18n::moments::zone(&name))
}

/// The calendar day `at` (UTC) falls on, on the city's clock.
pub(crate) fn city_day(conn: &mut DbConnection, at: NaiveDateTime) -> Result<NaiveDate, AppError> {
    use chrono::TimeZone;
    Ok(city_zone(conn)?.from_utc_datetime(&at).date_naive())
}

/// What a template asks for now.
pub(crate) fn requirements_of(
    conn: &mut DbConnection,
    template_id: &str,
) -> Result<Requirements, AppError> {
    let row = store::requirements(conn, template_id)?;
    let qualifications = store::template_qualifications(conn, template_id)?
        .into_iter()
        .map(|q| RequiredQualification {
            id: q.id,
            name: q.name,
        })
        .collect();
    Ok(Requirements {
        min_age: row
            .as_ref()
            .and_then(|r| r.min_age)
            .and_then(|a| u8::try_from(a).ok()),
        waiver_version: row.and_then(|r| r.waiver_version),
        qualifications,
    })
}

/// What is known of a resident, with the waiver version she ticks on this claim.
fn facts_of(
    conn: &mut DbConnection,
    user_id: &str,
    accepted_waiver: Option<i32>,
) -> Result<ResidentFacts, AppError> {
    let consented = store::guardian_requests_of(conn, user_id)?
        .iter()
        .any(|r| r.consented_at.is_some());
    Ok(ResidentFacts {
        born_on: store::birth_date(conn, user_id)?,
        guardian_consented: consented,
        accepted_waiver,
        qualifications: store::grants_of(conn, user_id)?
            .into_iter()
            .map(|g| HeldQualification {
                id: g.qualification_id,
                expires_on: g.expires_on,
            })
            .collect(),
    })
}

/// Inside the claim's write transaction: refuses with every unmet requirement, or records
/// the waiver acceptance (user, template, version, time) and lets the claim go on. A refusal
/// writes nothing; an acceptance is rolled back with the claim if the claim fails later.
pub(crate) fn require(
    conn: &mut DbConnection,
    ctx: &Ctx,
    opportunity: &OpportunityRow,
    user_id: &str,
    accepted_waiver: Option<i32>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let requirements = requirements_of(conn, &opportunity.template_id)?;
    let facts = facts_of(conn, user_id, accepted_waiver)?;
    let on = city_day(conn, opportunity.starts_at)?;
    rules::check(&requirements, &facts, on, ctx.settings.age_of_majority)
        .map_err(AppError::ClaimRequirementsUnmet)?;
    if let Some(version) = requirements.waiver_version {
        store::insert_acceptance(
            conn,
            &store::WaiverAcceptanceRow {
                id: secrets::new_id(),
                user_id: user_id.to_owned(),
                template_id: opportunity.template_id.clone(),
                waiver_version: version,
                opportunity_id: opportunity.id.clone(),
                accepted_at: now,
            },
        )?;
    }
    Ok(())
}

/// A waiver's text as the claim form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Waiver {
    pub version: i32,
    pub body: String,
}

/// What the opportunity page tells a signed-in resident before she claims.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClaimNeeds {
    /// What she still has to do elsewhere (settings, a guardian, an organization), in her
    /// language; the waiver is not listed here since she accepts it on the claim form.
    pub missing: Vec<String>,
    /// Whether her date of birth or a guardian is among them (a link to her settings).
    pub settings_link: bool,
    /// The waiver to accept with the claim, if the template has one.
    pub waiver: Option<Waiver>,
}

/// What `user` still needs to claim `opportunity_id`, in `locale`.
pub async fn needs(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    locale: Locale,
) -> Result<ClaimNeeds, AppError> {
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let age_of_majority = ctx.settings.age_of_majority;
    let (unmet, waiver) = read(ctx, move |conn| {
        let row = catalog_store::opportunity(conn, &id)?.ok_or(AppError::NotFound)?;
        let requirements = requirements_of(conn, &row.template_id)?;
        let waiver = match requirements.waiver_version {
            Some(v) => store::waiver(conn, &row.template_id, v)?.map(|w| Waiver {
                version: w.version,
                body: w.body,
            }),
            None => None,
        };
        let facts = facts_of(conn, &uid, requirements.waiver_version)?;
        let on = city_day(conn, row.starts_at)?;
        Ok((
            rules::check(&requirements, &facts, on, age_of_majority).err(),
            waiver,
        ))
    })
    .await?;
    let unmet = unmet.unwrap_or_default();
    Ok(ClaimNeeds {
        settings_link: unmet
            .iter()
            .any(|u| matches!(u, Unmet::BirthDate | Unmet::GuardianConsent)),
        missing: describe(&ctx.i18n, locale, &unmet),
        waiver,
    })
}

/// Each unmet requirement but the waiver's, as a sentence in `locale`.
pub fn describe(i18n: &I18n, locale: Locale, unmet: &[Unmet]) -> Vec<String> {
    unmet
        .iter()
        .filter(|u| !matches!(u, Unmet::Waiver { .. }))
        .map(|u| {
            let args: Vec<(&str, citysync_i18n::ArgValue)> = match u {
                Unmet::Age { min_age } => vec![("age", i64::from(*min_age).into())],
                Unmet::Qualification { name, .. } => vec![("name", name.as_str().into())],
                _ => Vec::new(),
            };
            i18n.message(locale, u.code(), &args)
        })
        .collect()
}

/// The whole list, the waiver included ("You need: …"), for a refusal's detail.
pub fn describe_all(i18n: &I18n, locale: Locale, unmet: &[Unmet]) -> String {
    let mut parts = describe(i18n, locale, unmet);
    if unmet.iter().any(|u| matches!(u, Unmet::Waiver { .. })) {
        parts.push(i18n.message(locale, "eligibility-need-waiver", &[]));
    }
    i18n.message(
        locale,
        "eligibility-you-need",
        &[("needs", parts.join("; ").into())],
    )
}

/// A waiver acceptance as an organization's verifiers see it.
#[derive(Debug, Clone, Serialize)]
pub struct Acceptance {
    pub username: String,
    pub version: i32,
    pub accepted_at: NaiveDateTime,
}

/// The waiver acceptances on an opportunity's claims, for its organization's verifiers and
/// editors (empty for anyone else).
pub async fn acceptances(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
) -> Result<Vec<Acceptance>, AppError> {
    let id = opportunity_id.to_owned();
    let user = user.clone();
    read(ctx, move |conn| {
        let row = catalog_store::opportunity(conn, &id)?.ok_or(AppError::NotFound)?;
        let allowed = [Capability::Verify, Capability::EditCatalog]
            .iter()
            .any(|c| crate::organizations::require(conn, &row.organization_id, &user, *c).is_ok());
        if !allowed {
            return Ok(Vec::new());
        }
        let mut lines = Vec::new();
        for a in store::acceptances_on(conn, &id)? {
            let username = users::by_id(conn, &a.user_id)?
                .map(|u| u.username)
                .unwrap_or_default();
            lines.push(Acceptance {
                username,
                version: a.waiver_version,
                accepted_at: a.accepted_at,
            });
        }
        Ok(lines)
    })
    .await
}
