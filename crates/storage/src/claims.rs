//! Claims, the proof submitted for them, and the contributions verified from them.

use crate::schema::{
    claim_reminders, claims, contributions, opportunities, organizations, submission_photos,
    submissions, template_versions, users,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::ClaimState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = claims)]
pub struct ClaimRow {
    pub id: String,
    pub opportunity_id: String,
    pub claimant_id: String,
    pub template_id: String,
    pub template_version: i32,
    pub reward_city: i64,
    pub reward_vote: i64,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: ClaimState,
    pub submissions: i32,
    pub claimed_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub checked_in_at: Option<NaiveDateTime>,
    pub checked_out_at: Option<NaiveDateTime>,
    pub expiry_warned_at: Option<NaiveDateTime>,
}

pub fn insert_claim(conn: &mut DbConnection, row: &ClaimRow) -> Result<(), StorageError> {
    diesel::insert_into(claims::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn by_id(conn: &mut DbConnection, id: &str) -> Result<Option<ClaimRow>, StorageError> {
    Ok(claims::table
        .find(id)
        .select(ClaimRow::as_select())
        .first(conn)
        .optional()?)
}

/// The resident's active claim on an opportunity, if any.
pub fn active_claim_of(
    conn: &mut DbConnection,
    opportunity_id: &str,
    claimant_id: &str,
) -> Result<Option<ClaimRow>, StorageError> {
    Ok(claims::table
        .filter(claims::opportunity_id.eq(opportunity_id))
        .filter(claims::claimant_id.eq(claimant_id))
        .filter(claims::state.eq_any(crate::catalog::ACTIVE_CLAIM_STATES))
        .select(ClaimRow::as_select())
        .first(conn)
        .optional()?)
}

/// Moves a claim from `from` (state and submission count) to `to`; false if another request
/// changed it first. This compare-and-set is what makes double clicks and racing verifiers
/// harmless.
pub fn transition_claim(
    conn: &mut DbConnection,
    id: &str,
    from: (&str, i32),
    to: (&str, i32),
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        claims::table
            .filter(claims::id.eq(id))
            .filter(claims::state.eq(from.0))
            .filter(claims::submissions.eq(from.1)),
    )
    .set((
        claims::state.eq(to.0),
        claims::submissions.eq(to.1),
        claims::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn set_check_in(
    conn: &mut DbConnection,
    id: &str,
    checked_in_at: Option<NaiveDateTime>,
    checked_out_at: Option<NaiveDateTime>,
) -> Result<(), StorageError> {
    diesel::update(claims::table.find(id))
        .set((
            claims::checked_in_at.eq(checked_in_at),
            claims::checked_out_at.eq(checked_out_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_expiry_warned(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        claims::table
            .filter(claims::id.eq(id))
            .filter(claims::expiry_warned_at.is_null()),
    )
    .set(claims::expiry_warned_at.eq(at))
    .execute(conn)?;
    Ok(n == 1)
}

/// Claims still in `claimed` whose opportunity ended before `ended_before`.
pub fn unsubmitted_claims_ended_before(
    conn: &mut DbConnection,
    ended_before: NaiveDateTime,
    limit: i64,
) -> Result<Vec<ClaimRow>, StorageError> {
    Ok(claims::table
        .inner_join(opportunities::table)
        .filter(claims::state.eq("claimed"))
        // A party member's claim follows its group's (it carries no proof of its own).
        .filter(claims::party_of.is_null())
        .filter(opportunities::ends_at.lt(ended_before))
        .order(opportunities::ends_at.asc())
        .limit(limit)
        .select(ClaimRow::as_select())
        .load(conn)?)
}

/// Claims still in `claimed`, not yet warned, whose opportunity ends before `ends_before`.
pub fn unwarned_claims_ending_before(
    conn: &mut DbConnection,
    ends_before: NaiveDateTime,
    limit: i64,
) -> Result<Vec<ClaimRow>, StorageError> {
    Ok(claims::table
        .inner_join(opportunities::table)
        .filter(claims::state.eq("claimed"))
        .filter(claims::expiry_warned_at.is_null())
        .filter(claims::party_of.is_null())
        .filter(opportunities::ends_at.lt(ends_before))
        .order(opportunities::ends_at.asc())
        .limit(limit)
        .select(ClaimRow::as_select())
        .load(conn)?)
}

/// Claims still in `claimed` on a published opportunity that starts after `now` and at
/// most `lead_hours` later, with no reminder recorded for that lead time yet.
pub fn claims_due_reminder(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lead_hours: i64,
    limit: i64,
) -> Result<Vec<ClaimRow>, StorageError> {
    let sent = claim_reminders::table
        .filter(claim_reminders::claim_id.eq(claims::id))
        .filter(claim_reminders::lead_hours.eq(lead_hours));
    Ok(claims::table
        .inner_join(opportunities::table)
        .filter(claims::state.eq("claimed"))
        .filter(opportunities::state.eq("published"))
        .filter(opportunities::starts_at.gt(now))
        .filter(opportunities::starts_at.le(now + chrono::Duration::hours(lead_hours)))
        .filter(diesel::dsl::not(diesel::dsl::exists(sent)))
        .order(opportunities::starts_at.asc())
        .limit(limit)
        .select(ClaimRow::as_select())
        .load(conn)?)
}

/// Records that the reminder `lead_hours` before the start was sent for `claim_id`; false
/// when it was already recorded (by this or another worker), and then it must not be sent.
pub fn record_reminder(
    conn: &mut DbConnection,
    claim_id: &str,
    lead_hours: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let row = (
        claim_reminders::claim_id.eq(claim_id),
        claim_reminders::lead_hours.eq(lead_hours),
        claim_reminders::sent_at.eq(at),
    );
    // PostgreSQL waits for a concurrent insert of the same key to commit, then skips it.
    let n = match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(claim_reminders::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(claim_reminders::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    Ok(n == 1)
}

/// Active claims on an opportunity with the claimant's username (for its organization).
pub fn claims_on(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Vec<(ClaimRow, String)>, StorageError> {
    Ok(claims::table
        .inner_join(users::table)
        .filter(claims::opportunity_id.eq(opportunity_id))
        .filter(claims::state.eq_any(crate::catalog::ACTIVE_CLAIM_STATES))
        .order(claims::claimed_at.asc())
        .select((ClaimRow::as_select(), users::username))
        .load(conn)?)
}

/// A resident's claims, newest first, with the opportunity and the claimed template version.
pub fn claims_of(
    conn: &mut DbConnection,
    claimant_id: &str,
    limit: i64,
) -> Result<
    Vec<(
        ClaimRow,
        crate::catalog::OpportunityRow,
        crate::catalog::TemplateVersionRow,
    )>,
    StorageError,
> {
    Ok(claims::table
        .inner_join(opportunities::table)
        .inner_join(
            template_versions::table.on(template_versions::template_id
                .eq(claims::template_id)
                .and(template_versions::version.eq(claims::template_version))),
        )
        .filter(claims::claimant_id.eq(claimant_id))
        .order(claims::claimed_at.desc())
        .limit(limit)
        .select((
            ClaimRow::as_select(),
            crate::catalog::OpportunityRow::as_select(),
            crate::catalog::TemplateVersionRow::as_select(),
        ))
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = submissions)]
pub struct SubmissionRow {
    pub id: String,
    pub claim_id: String,
    pub attempt: i32,
    pub text: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
    pub outcome_quantity: f64,
    pub extra_values: String,
    pub submitted_at: NaiveDateTime,
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub reject_reason: Option<String>,
    pub feedback: Option<String>,
    pub quality_rating: Option<i32>,
    pub confirmed_outcome: Option<f64>,
}

pub fn insert_submission(conn: &mut DbConnection, row: &SubmissionRow) -> Result<(), StorageError> {
    diesel::insert_into(submissions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn submission(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<SubmissionRow>, StorageError> {
    Ok(submissions::table
        .find(id)
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?)
}

/// A claim's submissions, first attempt first.
pub fn submissions_of(
    conn: &mut DbConnection,
    claim_id: &str,
) -> Result<Vec<SubmissionRow>, StorageError> {
    Ok(submissions::table
        .filter(submissions::claim_id.eq(claim_id))
        .order(submissions::attempt.asc())
        .select(SubmissionRow::as_select())
        .load(conn)?)
}

/// Records a decision on an undecided submission; false if it was decided already.
#[allow(clippy::too_many_arguments)]
pub fn decide_submission(
    conn: &mut DbConnection,
    id: &str,
    decision: &str,
    by: &str,
    at: NaiveDateTime,
    reject_reason: Option<&str>,
    feedback: &str,
    quality_rating: Option<i32>,
    confirmed_outcome: Option<f64>,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        submissions::table
            .filter(submissions::id.eq(id))
            .filter(submissions::decision.is_null()),
    )
    .set((
        submissions::decision.eq(decision),
        submissions::decided_by.eq(by),
        submissions::decided_at.eq(at),
        submissions::reject_reason.eq(reject_reason),
        submissions::feedback.eq(feedback),
        submissions::quality_rating.eq(quality_rating),
        submissions::confirmed_outcome.eq(confirmed_outcome),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// One line of a verification queue.
pub type QueueLine = (
    SubmissionRow,
    ClaimRow,
    String,
    crate::catalog::OpportunityRow,
);

/// An organization's undecided submissions, oldest first, with the claimant's username:
/// on its own opportunities and on those it co-issues as a verifying partner.
pub fn verification_queue(
    conn: &mut DbConnection,
    organization_id: &str,
    limit: i64,
) -> Result<Vec<QueueLine>, StorageError> {
    let co_issued = crate::partners::verified_by(conn, organization_id)?;
    Ok(submissions::table
        .inner_join(
            claims::table
                .inner_join(users::table)
                .inner_join(opportunities::table),
        )
        .filter(
            opportunities::organization_id
                .eq(organization_id)
                .or(opportunities::id.eq_any(co_issued)),
        )
        .filter(submissions::decision.is_null())
        .filter(claims::state.eq("submitted"))
        .order((submissions::submitted_at.asc(), submissions::id.asc()))
        .limit(limit)
        .select((
            SubmissionRow::as_select(),
            ClaimRow::as_select(),
            users::username,
            crate::catalog::OpportunityRow::as_select(),
        ))
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = submission_photos)]
pub struct PhotoRow {
    pub id: String,
    pub submission_id: String,
    pub file_name: String,
    pub content_type: String,
    pub byte_size: i64,
    pub width: i32,
    pub height: i32,
    pub created_at: NaiveDateTime,
    /// The photo's perceptual hash (integrity report); `None` for photos stored before it.
    pub perceptual_hash: Option<String>,
}

pub fn insert_photo(conn: &mut DbConnection, row: &PhotoRow) -> Result<(), StorageError> {
    diesel::insert_into(submission_photos::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn photos_of(
    conn: &mut DbConnection,
    submission_ids: &[String],
) -> Result<Vec<PhotoRow>, StorageError> {
    Ok(submission_photos::table
        .filter(submission_photos::submission_id.eq_any(submission_ids))
        .order((
            submission_photos::submission_id.asc(),
            submission_photos::created_at.asc(),
            submission_photos::id.asc(),
        ))
        .select(PhotoRow::as_select())
        .load(conn)?)
}

/// A photo with the claim it proves.
pub fn photo(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<(PhotoRow, ClaimRow)>, StorageError> {
    Ok(submission_photos::table
        .inner_join(submissions::table.inner_join(claims::table))
        .filter(submission_photos::id.eq(id))
        .select((PhotoRow::as_select(), ClaimRow::as_select()))
        .first(conn)
        .optional()?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = contributions)]
pub struct ContributionRow {
    pub id: String,
    pub claim_id: String,
    pub organization_id: String,
    pub opportunity_id: String,
    pub template_id: String,
    pub template_version: i32,
    pub contributor_id: String,
    pub verifier_id: String,
    pub category: String,
    pub outcome_unit: String,
    pub outcome_quantity: f64,
    pub quality_rating: i32,
    pub feedback: String,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verified_at: NaiveDateTime,
}

pub fn insert_contribution(
    conn: &mut DbConnection,
    row: &ContributionRow,
) -> Result<(), StorageError> {
    diesel::insert_into(contributions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn contribution_of_claim(
    conn: &mut DbConnection,
    claim_id: &str,
) -> Result<Option<ContributionRow>, StorageError> {
    Ok(contributions::table
        .filter(contributions::claim_id.eq(claim_id))
        .select(ContributionRow::as_select())
        .first(conn)
        .optional()?)
}

/// A resident's verified contributions, newest first, with the organization's name.
pub fn contributions_of(
    conn: &mut DbConnection,
    contributor_id: &str,
    limit: i64,
) -> Result<Vec<(ContributionRow, String)>, StorageError> {
    Ok(contributions::table
        .inner_join(organizations::table.on(organizations::id.eq(contributions::organization_id)))
        .filter(contributions::contributor_id.eq(contributor_id))
        .order(contributions::verified_at.desc())
        .limit(limit)
        .select((ContributionRow::as_select(), organizations::name))
        .load(conn)?)
}

/// Opportunities issued, claims verified, and each decision's (submitted, decided) times.
pub type OrganizationCounts = (i64, i64, Vec<(NaiveDateTime, NaiveDateTime)>);

/// An organization's public counts: opportunities issued (published at some point), claims
/// verified, and the decision delays in seconds (for the median).
pub fn organization_counts(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<OrganizationCounts, StorageError> {
    let issued: i64 = opportunities::table
        .filter(opportunities::organization_id.eq(organization_id))
        .filter(opportunities::state.ne("draft"))
        .count()
        .get_result(conn)?;
    let verified: i64 = contributions::table
        .filter(contributions::organization_id.eq(organization_id))
        .count()
        .get_result(conn)?;
    let delays: Vec<(NaiveDateTime, Option<NaiveDateTime>)> = submissions::table
        .inner_join(claims::table.inner_join(opportunities::table))
        .filter(opportunities::organization_id.eq(organization_id))
        .filter(submissions::decided_at.is_not_null())
        .select((submissions::submitted_at, submissions::decided_at))
        .load(conn)?;
    Ok((
        issued,
        verified,
        delays
            .into_iter()
            .filter_map(|(s, d)| d.map(|d| (s, d)))
            .collect(),
    ))
}

pub fn contribution(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<ContributionRow>, StorageError> {
    Ok(contributions::table
        .find(id)
        .select(ContributionRow::as_select())
        .first(conn)
        .optional()?)
}
