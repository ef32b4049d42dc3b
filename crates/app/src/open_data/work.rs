//! The civic work's datasets: opportunities, templates, organizations and contributions.

use super::{next_after, utc, Cursor, Record};
use crate::{AppError, Ctx};
use chrono::{DateTime, NaiveDate, Utc};
use citysync_domain::governance::parameter::multiply;
use citysync_domain::ledger::{AccountId, Currency};
use citysync_storage::{catalog as catalog_store, ledger as journal_store};
use citysync_storage::{open_data as store, DbConnection};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// An opportunity that was published (whatever became of it since).
#[derive(Debug, Clone, Default, Serialize)]
pub struct OpportunityRecord {
    pub id: String,
    pub url: String,
    pub organization_handle: String,
    pub template_id: String,
    /// The title the opportunity was given, else its template's.
    pub title: String,
    pub summary: String,
    pub category: String,
    pub outcome_unit: String,
    /// Per participant, in `outcome_unit`.
    pub expected_outcome: f64,
    /// CITY in hundredths and whole VOTE a claim made now would earn (the template's reward
    /// times the category's multiplier in force).
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verification_method: String,
    pub place: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub claim_deadline: DateTime<Utc>,
    pub capacity: i32,
    /// Claims holding a place now (claimed, submitted, rejected awaiting resubmission, verified).
    pub places_taken: i64,
    /// `published`, `closed` or `cancelled`.
    pub state: String,
    pub published_at: Option<DateTime<Utc>>,
}

impl Record for OpportunityRecord {}

pub(super) fn opportunities(
    conn: &mut DbConnection,
    ctx: &Ctx,
    after: &str,
    limit: i64,
) -> Result<(Vec<OpportunityRecord>, Option<Cursor>), AppError> {
    let lines = store::opportunities_after(conn, after, limit)?;
    let ids: Vec<String> = lines.iter().map(|l| l.0.id.clone()).collect();
    let taken: HashMap<String, i64> = catalog_store::active_claim_counts(conn, &ids)?
        .into_iter()
        .collect();
    let multipliers = crate::governance::parameters::reward_multipliers(conn)?;
    let read = lines.len();
    let mut last = None;
    let mut rows = Vec::with_capacity(read);
    for (opp, version, handle, _name, published_at) in lines {
        let percent = multipliers.get(&version.category).copied().unwrap_or(100);
        last = Some(opp.id.clone());
        // A trail with two publications of one opportunity cannot happen; if it did, the
        // opportunity is listed once.
        if rows
            .last()
            .is_some_and(|r: &OpportunityRecord| r.id == opp.id)
        {
            continue;
        }
        rows.push(OpportunityRecord {
            url: ctx.settings.url(&format!("/opportunities/{}", opp.id)),
            organization_handle: handle,
            template_id: opp.template_id,
            title: opp.title_override.unwrap_or(version.title),
            summary: version.summary,
            category: version.category,
            outcome_unit: version.outcome_unit,
            expected_outcome: version.expected_outcome,
            reward_city: multiply(version.reward_city, percent),
            reward_vote: multiply(version.reward_vote, percent),
            verification_method: version.verification_method,
            place: opp.place,
            latitude: opp.latitude,
            longitude: opp.longitude,
            starts_at: utc(opp.starts_at),
            ends_at: utc(opp.ends_at),
            claim_deadline: utc(opp.claim_deadline),
            capacity: opp.capacity,
            places_taken: taken.get(&opp.id).copied().unwrap_or(0),
            state: opp.state.as_str().to_owned(),
            published_at: published_at.map(utc),
            id: opp.id,
        });
    }
    Ok((rows, next_after(read, limit, last)))
}

/// A task template that is active or retired, at its current version.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TemplateRecord {
    pub id: String,
    pub url: String,
    pub organization_handle: String,
    /// `active` or `retired`.
    pub state: String,
    pub version: i32,
    pub title: String,
    pub summary: String,
    pub instructions: String,
    pub category: String,
    pub outcome_unit: String,
    pub expected_outcome: f64,
    pub verification_method: String,
    /// Comma-separated: `text`, `photo`, `geo`, `time_range`.
    pub proof_kinds: String,
    /// CITY in hundredths and whole VOTE, before any reward multiplier.
    pub reward_city: i64,
    pub reward_vote: i64,
    pub estimated_minutes: i32,
    pub accessibility_notes: String,
    /// The extra fields a submission fills in, as the JSON the template keeps.
    pub extra_fields: String,
    /// The template (on this or another city) this one was adopted from.
    pub adapted_from: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Record for TemplateRecord {}

pub(super) fn templates(
    conn: &mut DbConnection,
    ctx: &Ctx,
    after: &str,
    limit: i64,
) -> Result<(Vec<TemplateRecord>, Option<Cursor>), AppError> {
    let lines = store::templates_after(conn, after, limit)?;
    let read = lines.len();
    let last = lines.last().map(|l| l.0.id.clone());
    let rows = lines
        .into_iter()
        .map(|(template, version, adapted_from, handle)| TemplateRecord {
            url: ctx.settings.url(&format!("/templates/{}", template.id)),
            organization_handle: handle,
            state: template.state.as_str().to_owned(),
            version: version.version,
            title: version.title,
            summary: version.summary,
            instructions: version.instructions,
            category: version.category,
            outcome_unit: version.outcome_unit,
            expected_outcome: version.expected_outcome,
            verification_method: version.verification_method,
            proof_kinds: version.proof_kinds,
            reward_city: version.reward_city,
            reward_vote: version.reward_vote,
            estimated_minutes: version.estimated_minutes,
            accessibility_notes: version.accessibility_notes,
            extra_fields: version.extra_fields,
            adapted_from,
            created_at: utc(template.created_at),
            updated_at: utc(template.updated_at),
            id: template.id,
        })
        .collect();
    Ok((rows, next_after(read, limit, last)))
}

/// An approved organization. Its contact email is for the city's administrators and is
/// never exported.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OrganizationRecord {
    pub handle: String,
    pub url: String,
    pub name: String,
    pub description: String,
    pub is_issuer: bool,
    pub is_redeemer: bool,
    pub website: Option<String>,
    pub created_at: DateTime<Utc>,
    pub approved_at: Option<DateTime<Utc>>,
}

impl Record for OrganizationRecord {}

pub(super) fn organizations(
    conn: &mut DbConnection,
    ctx: &Ctx,
    after: &str,
    limit: i64,
) -> Result<(Vec<OrganizationRecord>, Option<Cursor>), AppError> {
    let orgs = store::organizations_after(conn, after, limit)?;
    let read = orgs.len();
    let last = orgs.last().map(|o| o.handle.clone());
    let rows = orgs
        .into_iter()
        .map(|o| OrganizationRecord {
            url: ctx.settings.url(&format!("/organizations/{}", o.handle)),
            handle: o.handle,
            name: o.name,
            description: o.description,
            is_issuer: o.is_issuer,
            is_redeemer: o.is_redeemer,
            website: o.website,
            created_at: utc(o.created_at),
            approved_at: o.decided_at.map(utc),
        })
        .collect();
    Ok((rows, next_after(read, limit, last)))
}

/// A verified contribution. The resident who did the work is never named: they appear
/// only as the public references of their ledger accounts (`acct-…`), as on `/ledger`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContributionRecord {
    pub id: String,
    pub opportunity_id: String,
    pub template_id: String,
    pub template_version: i32,
    pub organization_handle: String,
    pub category: String,
    pub outcome_unit: String,
    /// The outcome the verifier confirmed, in `outcome_unit`.
    pub outcome_quantity: f64,
    /// The verifier's rating, 1 to 5.
    pub quality_rating: i32,
    /// CITY in hundredths and whole VOTE minted for it.
    pub city_minted: i64,
    pub vote_minted: i64,
    /// The day it was verified (UTC): a date, not a time, so the export is harder to match
    /// against other traces of a person's day.
    pub verified_on: NaiveDate,
    /// The resident's CITY and VOTE accounts' public references; empty when the resident
    /// has no such account or made their profile public (their name is then on the
    /// attestation of this contribution, which would tie it to the whole account).
    pub resident_city_account: Option<String>,
    pub resident_vote_account: Option<String>,
}

impl Record for ContributionRecord {}

pub(super) fn contributions(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<(Vec<ContributionRecord>, Option<Cursor>), AppError> {
    let lines = store::contributions_after(conn, after, limit)?;
    let read = lines.len();
    let last = lines.last().map(|(c, _)| c.id.clone());
    let mut residents: Vec<String> = lines
        .iter()
        .map(|(c, _)| c.contributor_id.clone())
        .collect();
    residents.sort();
    residents.dedup();
    let named: HashSet<String> = store::public_profiles(conn, &residents)?
        .into_iter()
        .collect();
    let accounts: Vec<String> = residents
        .iter()
        .filter(|r| !named.contains(*r))
        .flat_map(|r| {
            Currency::ALL
                .iter()
                .map(|c| AccountId::resident(r, *c).to_string())
        })
        .collect();
    let refs: HashMap<String, String> = journal_store::accounts_by_ids(conn, &accounts)?
        .into_iter()
        .map(|a| (a.id, a.public_ref))
        .collect();
    let reference = |resident: &str, currency: Currency| {
        refs.get(&AccountId::resident(resident, currency).to_string())
            .cloned()
    };
    let rows = lines
        .into_iter()
        .map(|(c, handle)| ContributionRecord {
            resident_city_account: reference(&c.contributor_id, Currency::City),
            resident_vote_account: reference(&c.contributor_id, Currency::Vote),
            opportunity_id: c.opportunity_id,
            template_id: c.template_id,
            template_version: c.template_version,
            organization_handle: handle,
            category: c.category,
            outcome_unit: c.outcome_unit,
            outcome_quantity: c.outcome_quantity,
            quality_rating: c.quality_rating,
            city_minted: c.reward_city,
            vote_minted: c.reward_vote,
            verified_on: c.verified_at.date(),
            id: c.id,
        })
        .collect();
    Ok((rows, next_after(read, limit, last)))
}
