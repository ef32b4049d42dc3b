//! Claims, proof and verification: a resident claims a slot, submits proof, a verifier of
//! the issuing organization approves (recording a contribution and `ContributionVerified`)
//! or rejects (one resubmission allowed). Capacity, one active claim per resident, and one
//! decision per submission hold under any concurrency, on both databases.

use crate::catalog::{self, spec_of, Opportunity};
use crate::notifications::{self, Notice, NoticeKind};
use crate::organizations;
use crate::photos::{self, CleanPhoto};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::{Duration, NaiveDateTime};
use citysync_domain::lifecycle::{ClaimEvent, ClaimProgress, ClaimState, OpportunityState};
use citysync_domain::organization::Capability;
use citysync_domain::task::{TemplateSpec, VerificationMethod};
use citysync_domain::work::{ContributionVerified, Decision, GeoPoint, Proof, RejectReason};
use citysync_storage::catalog as catalog_store;
use citysync_storage::claims::{self as store, ClaimRow, ContributionRow, PhotoRow, SubmissionRow};
use citysync_storage::{events, DbConnection};
use serde::Serialize;
use std::collections::BTreeMap;

/// A claim as its pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: String,
    pub opportunity_id: String,
    pub claimant_id: String,
    pub template_id: String,
    pub template_version: i32,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub state: ClaimState,
    pub submissions: i32,
    pub claimed_at: NaiveDateTime,
    pub checked_in_at: Option<NaiveDateTime>,
    pub checked_out_at: Option<NaiveDateTime>,
    /// Whether the claimant may submit (again) now.
    pub can_submit: bool,
}

impl TryFrom<ClaimRow> for Claim {
    type Error = AppError;
    fn try_from(row: ClaimRow) -> Result<Claim, AppError> {
        let progress = progress_of(&row)?;
        Ok(Claim {
            state: progress.state,
            can_submit: progress.transition(ClaimEvent::Submit).is_ok(),
            id: row.id,
            opportunity_id: row.opportunity_id,
            claimant_id: row.claimant_id,
            template_id: row.template_id,
            template_version: row.template_version,
            reward_city: row.reward_city,
            reward_vote: row.reward_vote,
            submissions: row.submissions,
            claimed_at: row.claimed_at,
            checked_in_at: row.checked_in_at,
            checked_out_at: row.checked_out_at,
        })
    }
}

fn progress_of(row: &ClaimRow) -> Result<ClaimProgress, AppError> {
    Ok(ClaimProgress {
        state: ClaimState::parse(&row.state)?,
        submissions: u8::try_from(row.submissions).unwrap_or(u8::MAX),
    })
}

/// Moves a claim through its lifecycle with a compare-and-set on its stored state, so a
/// second request racing the first finds the claim changed and does nothing.
fn apply(
    conn: &mut DbConnection,
    row: &ClaimRow,
    event: ClaimEvent,
    actor: Option<&str>,
    detail: &str,
    at: NaiveDateTime,
) -> Result<ClaimProgress, AppError> {
    let from = progress_of(row)?;
    let to = from.transition(event)?;
    let moved = store::transition_claim(
        conn,
        &row.id,
        (from.state.as_str(), row.submissions),
        (to.state.as_str(), i32::from(to.submissions)),
        at,
    )?;
    if !moved {
        return Err(AppError::Conflict);
    }
    trail::record(
        conn,
        Subject::Claim,
        &row.id,
        to.state.as_str(),
        actor,
        detail,
        at,
    )?;
    Ok(to)
}

/// A verified resident claims a slot. The reward of the template's current version is fixed
/// now. On PostgreSQL the opportunity's row is locked for the count; on SQLite the write
/// transaction is exclusive; the unique index on active claims backs both.
pub async fn claim(ctx: &Ctx, user: &User, opportunity_id: &str) -> Result<Claim, AppError> {
    user.require_verified()?;
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = catalog_store::opportunity_for_claim(conn, &id)?.ok_or(AppError::NotFound)?;
            let opp = catalog::load_opportunity(conn, &id)?;
            match opp.state {
                OpportunityState::Published => {}
                OpportunityState::Draft => return Err(AppError::NotFound),
                OpportunityState::Closed | OpportunityState::Cancelled => {
                    return Err(AppError::NotClaimable)
                }
            }
            if now > row.claim_deadline || now >= row.ends_at {
                return Err(AppError::DeadlinePassed);
            }
            if store::active_claim_of(conn, &id, &uid)?.is_some() {
                return Err(AppError::AlreadyClaimed);
            }
            if catalog_store::active_claim_count(conn, &id)? >= i64::from(row.capacity) {
                return Err(AppError::OpportunityFull);
            }
            let template =
                catalog_store::template(conn, &row.template_id)?.ok_or(AppError::NotFound)?;
            let version = catalog_store::template_version(conn, &template.id, template.version)?
                .ok_or(AppError::NotFound)?;
            let claim = ClaimRow {
                id: secrets::new_id(),
                opportunity_id: id.clone(),
                claimant_id: uid.clone(),
                template_id: template.id,
                template_version: version.version,
                reward_city: version.reward_city,
                reward_vote: version.reward_vote,
                state: ClaimState::Claimed.as_str().to_owned(),
                submissions: 0,
                claimed_at: now,
                updated_at: now,
                checked_in_at: None,
                checked_out_at: None,
                expiry_warned_at: None,
            };
            store::insert_claim(conn, &claim).map_err(|e| {
                if e.is_unique_violation() {
                    AppError::AlreadyClaimed
                } else {
                    AppError::from(e)
                }
            })?;
            trail::record(
                conn,
                Subject::Claim,
                &claim.id,
                "claimed",
                Some(&uid),
                &format!("v{}", claim.template_version),
                now,
            )?;
            notifications::notify(
                conn,
                &ctx2,
                &uid,
                Notice {
                    kind: NoticeKind::ClaimConfirmed,
                    subject_id: &claim.id,
                    about: &opp.title,
                    link: format!("/claims/{}", claim.id),
                    feedback: None,
                },
                now,
            )?;
            Claim::try_from(claim)
        })
        .await
}

/// The claimant withdraws before the claim deadline, freeing the slot.
pub async fn withdraw(ctx: &Ctx, user: &User, claim_id: &str) -> Result<(), AppError> {
    let id = claim_id.to_owned();
    let uid = user.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = own_claim(conn, &id, &uid)?;
            let opp =
                catalog_store::opportunity(conn, &row.opportunity_id)?.ok_or(AppError::NotFound)?;
            if now > opp.claim_deadline {
                return Err(AppError::DeadlinePassed);
            }
            apply(conn, &row, ClaimEvent::Withdraw, Some(&uid), "", now).map(|_| ())
        })
        .await
}

fn own_claim(conn: &mut DbConnection, claim_id: &str, user_id: &str) -> Result<ClaimRow, AppError> {
    let row = store::claim(conn, claim_id)?.ok_or(AppError::NotFound)?;
    if row.claimant_id != user_id {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

fn claimed_spec(conn: &mut DbConnection, row: &ClaimRow) -> Result<TemplateSpec, AppError> {
    let version = catalog_store::template_version(conn, &row.template_id, row.template_version)?
        .ok_or(AppError::NotFound)?;
    spec_of(&version)
}

/// What a resident sends as proof; photos are the raw uploaded bytes.
#[derive(Debug, Clone, Default)]
pub struct ProofInput {
    pub text: String,
    pub photos: Vec<Vec<u8>>,
    pub latitude: String,
    pub longitude: String,
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
    pub outcome_quantity: String,
    pub extra_values: BTreeMap<String, String>,
}

/// The claimant submits proof for their claim (again, once, after a rejection).
pub async fn submit(
    ctx: &Ctx,
    user: &User,
    claim_id: &str,
    input: ProofInput,
) -> Result<(), AppError> {
    user.require_verified()?;
    let id = claim_id.to_owned();
    let uid = user.id.to_string();
    // Check everything that needs no lock first, so bad input is refused before any file is written.
    let (row, spec) = {
        let (id, uid) = (id.clone(), uid.clone());
        ctx.db
            .run(move |conn| {
                Ok((|| {
                    let row = own_claim(conn, &id, &uid)?;
                    let spec = claimed_spec(conn, &row)?;
                    Ok::<_, AppError>((row, spec))
                })())
            })
            .await??
    };
    if progress_of(&row)?.transition(ClaimEvent::Submit).is_err() {
        return Err(AppError::AlreadyDecided);
    }
    let proof = Proof {
        text: input.text,
        photos: input.photos.len(),
        point: GeoPoint::parse_optional(&input.latitude, &input.longitude)?,
        worked: match (input.worked_from, input.worked_until) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            _ => return Err(citysync_domain::DomainError::TimesInvalid.into()),
        },
        outcome_quantity: input
            .outcome_quantity
            .trim()
            .parse()
            .map_err(|_| citysync_domain::DomainError::OutcomeInvalid)?,
        extra_values: input.extra_values,
    }
    .check(&spec)?;
    let max = ctx.settings.photo_max_bytes;
    let raw = input.photos;
    let cleaned: Vec<CleanPhoto> = tokio::task::spawn_blocking(move || {
        raw.iter()
            .map(|b| photos::clean(b, max))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let dir = ctx.settings.uploads_dir.clone();
    let stored: Vec<(String, CleanPhoto)> = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || {
            cleaned
                .into_iter()
                .map(|p| photos::store(&dir, &p).map(|name| (name, p)))
                .collect::<Result<Vec<_>, _>>()
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??
    };
    let names: Vec<String> = stored.iter().map(|(n, _)| n.clone()).collect();
    let now = ctx.now();
    let result = ctx
        .db
        .write(move |conn| {
            let row = own_claim(conn, &id, &uid)?;
            let opp =
                catalog_store::opportunity(conn, &row.opportunity_id)?.ok_or(AppError::NotFound)?;
            if opp.state == OpportunityState::Cancelled.as_str() {
                return Err(AppError::NotClaimable);
            }
            let next = apply(conn, &row, ClaimEvent::Submit, Some(&uid), "", now).map_err(|e| {
                if matches!(e, AppError::Conflict) {
                    AppError::AlreadyDecided
                } else {
                    e
                }
            })?;
            let submission_id = secrets::new_id();
            store::insert_submission(
                conn,
                &SubmissionRow {
                    id: submission_id.clone(),
                    claim_id: row.id.clone(),
                    attempt: i32::from(next.submissions),
                    text: proof.text.clone(),
                    latitude: proof.point.map(|p| p.latitude),
                    longitude: proof.point.map(|p| p.longitude),
                    worked_from: proof.worked.map(|w| w.0),
                    worked_until: proof.worked.map(|w| w.1),
                    outcome_quantity: proof.outcome_quantity,
                    extra_values: serde_json::to_string(&proof.extra_values)
                        .map_err(|e| AppError::Internal(e.to_string()))?,
                    submitted_at: now,
                    decision: None,
                    decided_by: None,
                    decided_at: None,
                    reject_reason: None,
                    feedback: None,
                    quality_rating: None,
                    confirmed_outcome: None,
                },
            )?;
            for (name, photo) in &stored {
                store::insert_photo(
                    conn,
                    &PhotoRow {
                        id: secrets::new_id(),
                        submission_id: submission_id.clone(),
                        file_name: name.clone(),
                        content_type: photo.content_type.to_owned(),
                        byte_size: i64::try_from(photo.bytes.len()).unwrap_or(i64::MAX),
                        width: i32::try_from(photo.width).unwrap_or(i32::MAX),
                        height: i32::try_from(photo.height).unwrap_or(i32::MAX),
                        created_at: now,
                    },
                )?;
            }
            Ok(())
        })
        .await;
    if result.is_err() {
        // Nothing refers to the files: remove them so a refused submission leaves no trace.
        for name in names {
            let _ = std::fs::remove_file(photos::path_of(&dir, &name));
        }
    }
    result
}

/// A verifier's decision as typed.
#[derive(Debug, Clone)]
pub enum DecisionInput {
    Approve {
        confirmed_outcome: String,
        quality_rating: String,
        feedback: String,
    },
    Reject {
        reason: String,
        feedback: String,
    },
}

impl DecisionInput {
    fn parse(self) -> Result<Decision, AppError> {
        use citysync_domain::DomainError;
        Ok(match self {
            DecisionInput::Approve {
                confirmed_outcome,
                quality_rating,
                feedback,
            } => Decision::Approve {
                confirmed_outcome: confirmed_outcome
                    .trim()
                    .parse()
                    .map_err(|_| DomainError::OutcomeInvalid)?,
                quality_rating: quality_rating
                    .trim()
                    .parse()
                    .map_err(|_| DomainError::RatingInvalid)?,
                feedback,
            },
            DecisionInput::Reject { reason, feedback } => Decision::Reject {
                reason: RejectReason::parse(&reason).map_err(|_| DomainError::ReasonUnknown)?,
                feedback,
            },
        })
    }
}

/// A verifier of the issuing organization decides a submission. Exactly one decision wins
/// a race; the loser is told it was decided already. Approval records the contribution and
/// the `ContributionVerified` event with the reward fixed at claim time.
pub async fn decide(
    ctx: &Ctx,
    verifier: &User,
    submission_id: &str,
    input: DecisionInput,
) -> Result<(), AppError> {
    verifier.require_verified()?;
    let decision = input.parse()?;
    let id = submission_id.to_owned();
    let verifier = verifier.clone();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let submission = store::submission(conn, &id)?.ok_or(AppError::NotFound)?;
            let claim = store::claim(conn, &submission.claim_id)?.ok_or(AppError::NotFound)?;
            let opp = catalog::load_opportunity(conn, &claim.opportunity_id)?;
            organizations::require(conn, &opp.organization_id, &verifier, Capability::Verify)?;
            let vid = verifier.id.to_string();
            if claim.claimant_id == vid {
                return Err(AppError::OwnClaim);
            }
            if submission.decision.is_some() {
                return Err(AppError::AlreadyDecided);
            }
            let spec = claimed_spec(conn, &claim)?;
            let decision = decision.check(&spec)?;
            let event = match decision {
                Decision::Approve { .. } => ClaimEvent::Approve,
                Decision::Reject { .. } => ClaimEvent::Reject,
            };
            apply(conn, &claim, event, Some(&vid), "", now).map_err(|e| {
                if matches!(e, AppError::Conflict | AppError::Domain(_)) {
                    AppError::AlreadyDecided
                } else {
                    e
                }
            })?;
            let (kind, feedback) = match &decision {
                Decision::Approve {
                    confirmed_outcome,
                    quality_rating,
                    feedback,
                } => {
                    if !store::decide_submission(
                        conn,
                        &id,
                        "approved",
                        &vid,
                        now,
                        None,
                        feedback,
                        Some(*quality_rating),
                        Some(*confirmed_outcome),
                    )? {
                        return Err(AppError::AlreadyDecided);
                    }
                    record_contribution(
                        conn,
                        &claim,
                        &opp,
                        &spec,
                        &vid,
                        *confirmed_outcome,
                        *quality_rating,
                        feedback,
                        now,
                    )?;
                    (NoticeKind::SubmissionApproved, feedback.clone())
                }
                Decision::Reject { reason, feedback } => {
                    if !store::decide_submission(
                        conn,
                        &id,
                        "rejected",
                        &vid,
                        now,
                        Some(reason.as_str()),
                        feedback,
                        None,
                        None,
                    )? {
                        return Err(AppError::AlreadyDecided);
                    }
                    (NoticeKind::SubmissionRejected, feedback.clone())
                }
            };
            notifications::notify(
                conn,
                &ctx2,
                &claim.claimant_id,
                Notice {
                    kind,
                    subject_id: &claim.id,
                    about: &opp.title,
                    link: format!("/claims/{}", claim.id),
                    feedback: Some(&feedback)
                        .filter(|f| !f.is_empty())
                        .map(String::as_str),
                },
                now,
            )
        })
        .await
}

#[allow(clippy::too_many_arguments)]
fn record_contribution(
    conn: &mut DbConnection,
    claim: &ClaimRow,
    opp: &Opportunity,
    spec: &TemplateSpec,
    verifier_id: &str,
    outcome: f64,
    rating: i32,
    feedback: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let row = ContributionRow {
        id: secrets::new_id(),
        claim_id: claim.id.clone(),
        organization_id: opp.organization_id.clone(),
        opportunity_id: opp.id.clone(),
        template_id: claim.template_id.clone(),
        template_version: claim.template_version,
        contributor_id: claim.claimant_id.clone(),
        verifier_id: verifier_id.to_owned(),
        category: spec.category.clone(),
        outcome_unit: spec.outcome_unit.clone(),
        outcome_quantity: outcome,
        quality_rating: rating,
        feedback: feedback.to_owned(),
        reward_city: claim.reward_city,
        reward_vote: claim.reward_vote,
        verified_at: now,
    };
    store::insert_contribution(conn, &row).map_err(|e| {
        if e.is_unique_violation() {
            AppError::AlreadyDecided
        } else {
            AppError::from(e)
        }
    })?;
    let event = ContributionVerified {
        contribution_id: row.id.clone(),
        claim_id: row.claim_id.clone(),
        organization_id: row.organization_id.clone(),
        opportunity_id: row.opportunity_id.clone(),
        contributor_id: row.contributor_id.clone(),
        verifier_id: row.verifier_id.clone(),
        template_id: row.template_id.clone(),
        template_version: row.template_version,
        category: row.category.clone(),
        outcome_unit: row.outcome_unit.clone(),
        outcome_quantity: row.outcome_quantity,
        reward_city: row.reward_city,
        reward_vote: row.reward_vote,
        verified_at: now,
    };
    events::record_event(
        conn,
        &events::DomainEventRow {
            id: secrets::new_id(),
            kind: ContributionVerified::KIND.to_owned(),
            subject_id: row.id.clone(),
            payload: serde_json::to_string(&event)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            occurred_at: now,
            consumed_at: None,
        },
    )?;
    trail::record(
        conn,
        Subject::Contribution,
        &row.id,
        "verified",
        Some(verifier_id),
        &format!("{} {}", row.outcome_quantity, row.outcome_unit),
        now,
    )
}

/// On-site verification: a verifier checks a claimant in, then out; checking out submits
/// the times as the proof (with the template's expected outcome), for a decision as usual.
pub async fn check_in_out(
    ctx: &Ctx,
    verifier: &User,
    claim_id: &str,
    check_in: bool,
) -> Result<(), AppError> {
    verifier.require_verified()?;
    let id = claim_id.to_owned();
    let verifier = verifier.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = store::claim(conn, &id)?.ok_or(AppError::NotFound)?;
            let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
            organizations::require(conn, &opp.organization_id, &verifier, Capability::Verify)?;
            let vid = verifier.id.to_string();
            if row.claimant_id == vid {
                return Err(AppError::OwnClaim);
            }
            if opp.verification_method != VerificationMethod::OnSite {
                return Err(AppError::Forbidden);
            }
            let progress = progress_of(&row)?;
            if progress.transition(ClaimEvent::Submit).is_err() {
                return Err(AppError::AlreadyDecided);
            }
            if check_in {
                if row.checked_in_at.is_some() {
                    return Err(AppError::Conflict);
                }
                store::set_check_in(conn, &id, Some(now), None)?;
                return trail::record(conn, Subject::Claim, &id, "checked_in", Some(&vid), "", now);
            }
            let Some(from) = row.checked_in_at else {
                return Err(AppError::Conflict);
            };
            let until = now.max(from + Duration::seconds(1));
            store::set_check_in(conn, &id, Some(from), Some(until))?;
            let spec = claimed_spec(conn, &row)?;
            let next = apply(
                conn,
                &row,
                ClaimEvent::Submit,
                Some(&vid),
                "checked out",
                now,
            )?;
            store::insert_submission(
                conn,
                &SubmissionRow {
                    id: secrets::new_id(),
                    claim_id: id.clone(),
                    attempt: i32::from(next.submissions),
                    text: String::new(),
                    latitude: None,
                    longitude: None,
                    worked_from: Some(from),
                    worked_until: Some(until),
                    outcome_quantity: spec.expected_outcome,
                    extra_values: "{}".to_owned(),
                    submitted_at: now,
                    decision: None,
                    decided_by: None,
                    decided_at: None,
                    reject_reason: None,
                    feedback: None,
                    quality_rating: None,
                    confirmed_outcome: None,
                },
            )?;
            Ok(())
        })
        .await
}

/// One submission with its photos' ids.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    pub id: String,
    pub attempt: i32,
    pub text: String,
    pub point: Option<GeoPoint>,
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
    pub outcome_quantity: f64,
    pub extra_values: BTreeMap<String, String>,
    pub submitted_at: NaiveDateTime,
    pub decision: Option<String>,
    pub reject_reason: Option<String>,
    pub feedback: Option<String>,
    pub quality_rating: Option<i32>,
    pub confirmed_outcome: Option<f64>,
    pub decided_at: Option<NaiveDateTime>,
    pub photos: Vec<String>,
}

fn submissions_with_photos(
    conn: &mut DbConnection,
    rows: Vec<SubmissionRow>,
) -> Result<Vec<Submission>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let photos = store::photos_of(conn, &ids)?;
    rows.into_iter()
        .map(|r| {
            Ok(Submission {
                photos: photos
                    .iter()
                    .filter(|p| p.submission_id == r.id)
                    .map(|p| p.id.clone())
                    .collect(),
                point: match (r.latitude, r.longitude) {
                    (Some(la), Some(lo)) => Some(GeoPoint::new(la, lo)?),
                    _ => None,
                },
                extra_values: serde_json::from_str(&r.extra_values).unwrap_or_default(),
                id: r.id,
                attempt: r.attempt,
                text: r.text,
                worked_from: r.worked_from,
                worked_until: r.worked_until,
                outcome_quantity: r.outcome_quantity,
                submitted_at: r.submitted_at,
                decision: r.decision,
                reject_reason: r.reject_reason,
                feedback: r.feedback,
                quality_rating: r.quality_rating,
                confirmed_outcome: r.confirmed_outcome,
                decided_at: r.decided_at,
            })
        })
        .collect()
}

/// A verified contribution as its holder sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Contribution {
    pub id: String,
    pub claim_id: String,
    pub organization_name: String,
    pub category: String,
    pub outcome_unit: String,
    pub outcome_quantity: f64,
    pub quality_rating: i32,
    pub feedback: String,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verified_at: NaiveDateTime,
}

fn contribution_of(row: ContributionRow, organization_name: String) -> Contribution {
    Contribution {
        id: row.id,
        claim_id: row.claim_id,
        organization_name,
        category: row.category,
        outcome_unit: row.outcome_unit,
        outcome_quantity: row.outcome_quantity,
        quality_rating: row.quality_rating,
        feedback: row.feedback,
        reward_city: row.reward_city,
        reward_vote: row.reward_vote,
        verified_at: row.verified_at,
    }
}

/// Everything a claim's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimPage {
    pub claim: Claim,
    pub claimant: String,
    pub opportunity: Opportunity,
    pub template: TemplateSpec,
    pub submissions: Vec<Submission>,
    pub contribution: Option<Contribution>,
    pub is_claimant: bool,
    pub can_withdraw: bool,
    pub trail: Vec<trail::TrailEntry>,
}

/// Who may see a claim: its claimant, the issuing organization's verifiers, administrators.
fn may_see(
    conn: &mut DbConnection,
    viewer: &User,
    claim: &ClaimRow,
    org_id: &str,
) -> Result<bool, AppError> {
    Ok(claim.claimant_id == viewer.id.to_string()
        || viewer.is_admin
        || organizations::require(conn, org_id, viewer, Capability::Verify).is_ok())
}

pub async fn claim_page(ctx: &Ctx, viewer: &User, claim_id: &str) -> Result<ClaimPage, AppError> {
    let id = claim_id.to_owned();
    let viewer = viewer.clone();
    let now = ctx.now();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let row = store::claim(conn, &id)?.ok_or(AppError::NotFound)?;
                let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
                if !may_see(conn, &viewer, &row, &opp.organization_id)? {
                    return Err(AppError::NotFound);
                }
                let template = claimed_spec(conn, &row)?;
                let rows = store::submissions_of(conn, &id)?;
                let submissions = submissions_with_photos(conn, rows)?;
                let contribution = store::contribution_of_claim(conn, &id)?
                    .map(|c| contribution_of(c, opp.organization_name.clone()));
                let claimant = citysync_storage::users::by_id(conn, &row.claimant_id)?
                    .map(|u| u.username)
                    .unwrap_or_default();
                let is_claimant = row.claimant_id == viewer.id.to_string();
                let can_withdraw = is_claimant
                    && row.state == ClaimState::Claimed.as_str()
                    && now <= opp.claim_deadline;
                let trail = trail::of(conn, Subject::Claim, &id)?;
                Ok(ClaimPage {
                    claim: Claim::try_from(row)?,
                    claimant,
                    opportunity: opp,
                    template,
                    submissions,
                    contribution,
                    is_claimant,
                    can_withdraw,
                    trail,
                })
            })())
        })
        .await?
}

/// The viewer's active claim on an opportunity, if any (for the opportunity page).
pub async fn claim_on(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
) -> Result<Option<Claim>, AppError> {
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let row = ctx
        .db
        .run(move |conn| store::active_claim_of(conn, &id, &uid))
        .await?;
    row.map(Claim::try_from).transpose()
}

/// A claim line in someone's list.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimLine {
    pub claim: Claim,
    pub opportunity_title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// A resident's claims, newest first, and their verified contributions.
pub async fn my_work(
    ctx: &Ctx,
    user: &User,
) -> Result<(Vec<ClaimLine>, Vec<Contribution>), AppError> {
    let uid = user.id.to_string();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let claims = store::claims_of(conn, &uid, 200)?
                    .into_iter()
                    .map(|(c, o, v)| {
                        Ok(ClaimLine {
                            opportunity_title: o.title_override.clone().unwrap_or(v.title),
                            starts_at: o.starts_at,
                            ends_at: o.ends_at,
                            claim: Claim::try_from(c)?,
                        })
                    })
                    .collect::<Result<Vec<_>, AppError>>()?;
                let contributions = store::contributions_of(conn, &uid, 200)?
                    .into_iter()
                    .map(|(c, name)| contribution_of(c, name))
                    .collect();
                Ok((claims, contributions))
            })())
        })
        .await?
}

/// Active claims on an opportunity, for its organization's verifiers (check-in list).
#[derive(Debug, Clone, Serialize)]
pub struct Claimant {
    pub claim: Claim,
    pub username: String,
}

pub async fn claimants(
    ctx: &Ctx,
    verifier: &User,
    opportunity_id: &str,
) -> Result<Vec<Claimant>, AppError> {
    let id = opportunity_id.to_owned();
    let verifier = verifier.clone();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let opp = catalog_store::opportunity(conn, &id)?.ok_or(AppError::NotFound)?;
                organizations::require(conn, &opp.organization_id, &verifier, Capability::Verify)?;
                store::claims_on(conn, &id)?
                    .into_iter()
                    .map(|(c, username)| {
                        Ok(Claimant {
                            claim: Claim::try_from(c)?,
                            username,
                        })
                    })
                    .collect()
            })())
        })
        .await?
}

/// One submission waiting for a decision, with what the verifier needs to decide.
#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    pub submission: Submission,
    pub claim: Claim,
    pub claimant: String,
    pub opportunity_id: String,
    pub opportunity_title: String,
    pub template: TemplateSpec,
    pub own: bool,
}

/// An organization's verification queue, oldest first.
pub async fn verification_queue(
    ctx: &Ctx,
    verifier: &User,
    handle: &str,
) -> Result<Vec<QueueItem>, AppError> {
    let handle = handle.to_owned();
    let verifier = verifier.clone();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let org = organizations::load(conn, &handle)?;
                organizations::require(conn, &org.id, &verifier, Capability::Verify)?;
                let lines = store::verification_queue(conn, &org.id, 100)?;
                let mut items = Vec::with_capacity(lines.len());
                for (submission, claim, claimant, opp) in lines {
                    let template = claimed_spec(conn, &claim)?;
                    let own = claim.claimant_id == verifier.id.to_string();
                    let title = opp
                        .title_override
                        .clone()
                        .unwrap_or_else(|| template.title.clone());
                    items.push(QueueItem {
                        submission: submissions_with_photos(conn, vec![submission])?
                            .into_iter()
                            .next()
                            .ok_or(AppError::NotFound)?,
                        claim: Claim::try_from(claim)?,
                        claimant,
                        opportunity_id: opp.id,
                        opportunity_title: title,
                        template,
                        own,
                    });
                }
                Ok(items)
            })())
        })
        .await?
}

/// A proof photo's bytes and type, for those who may see the claim.
pub async fn photo(
    ctx: &Ctx,
    viewer: &User,
    photo_id: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let id = photo_id.to_owned();
    let viewer = viewer.clone();
    let (file, content_type) = ctx
        .db
        .run(move |conn| {
            Ok((|| {
                let (photo, claim) = store::photo(conn, &id)?.ok_or(AppError::NotFound)?;
                let opp = catalog_store::opportunity(conn, &claim.opportunity_id)?
                    .ok_or(AppError::NotFound)?;
                if !may_see(conn, &viewer, &claim, &opp.organization_id)? {
                    return Err(AppError::NotFound);
                }
                Ok((photo.file_name, photo.content_type))
            })())
        })
        .await??;
    let dir = ctx.settings.uploads_dir.clone();
    let bytes = tokio::task::spawn_blocking(move || photos::read(&dir, &file))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok((bytes, content_type))
}

/// The worker's pass: warns claimants whose claim will expire within the warning period, and
/// expires claims with no proof by the opportunity's end plus the grace period (freeing
/// their slots). Returns (warned, expired).
pub async fn sweep(ctx: &Ctx) -> Result<(usize, usize), AppError> {
    let now = ctx.now();
    let grace = Duration::hours(ctx.settings.claim_grace_hours);
    let warning = Duration::hours(ctx.settings.expiry_warning_hours);
    let ctx2 = ctx.clone();
    let warned = ctx
        .db
        .write(move |conn| {
            let due = store::unwarned_claims_ending_before(conn, now + warning - grace, 200)?;
            let mut n = 0;
            for row in due {
                if !store::mark_expiry_warned(conn, &row.id, now)? {
                    continue;
                }
                let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
                notifications::notify(
                    conn,
                    &ctx2,
                    &row.claimant_id,
                    Notice {
                        kind: NoticeKind::ClaimExpiring,
                        subject_id: &row.id,
                        about: &opp.title,
                        link: format!("/claims/{}", row.id),
                        feedback: None,
                    },
                    now,
                )?;
                n += 1;
            }
            Ok::<_, AppError>(n)
        })
        .await?;
    let expired = ctx
        .db
        .write(move |conn| {
            let due = store::unsubmitted_claims_ended_before(conn, now - grace, 200)?;
            let mut n = 0;
            for row in due {
                match apply(
                    conn,
                    &row,
                    ClaimEvent::Expire,
                    None,
                    "no proof by the deadline",
                    now,
                ) {
                    Ok(_) => n += 1,
                    Err(AppError::Conflict) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok::<_, AppError>(n)
        })
        .await?;
    Ok((warned, expired))
}
