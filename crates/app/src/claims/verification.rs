//! Verification: a verifier's decision, the contribution it records, on-site check-in.

use super::held::{self, HeldReward};
use super::*;
use crate::federation::publications::{self, Kind, Verb};
use crate::ledger::caps::{self, CappedReward};
use citysync_domain::governance::parameter::multiply;
use citysync_domain::ledger::Currency;

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

/// What a decision did that the verifier is told.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Decided {
    /// Set when an approval passed a resident's cap and minted less than the reward.
    pub capped: Option<CappedReward>,
    /// Set when the resident is below the city's earning level: nothing was minted, the
    /// reward is held until they are verified within the epoch.
    pub held: Option<HeldReward>,
    /// The resident's username (the verifier is told whose reward was capped or held).
    pub resident: String,
}

/// What an approval did with the reward.
pub(super) enum Rewarded {
    Minted(CappedReward),
    Held(HeldReward),
}

/// A verifier of the issuing organization decides a submission. Exactly one decision wins
/// a race; the loser is told it was decided already. Approval records the contribution and
/// the `ContributionVerified` event with the reward fixed at claim time, minted up to the
/// resident's caps (the resident and the verifier are told when a cap held some back).
pub async fn decide(
    ctx: &Ctx,
    verifier: &User,
    submission_id: &str,
    input: DecisionInput,
) -> Result<Decided, AppError> {
    verifier.require_verified()?;
    let decision = input.parse()?;
    let id = submission_id.to_owned();
    let verifier = verifier.clone();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let submission = store::submission(conn, &id)?.ok_or(AppError::NotFound)?;
            let claim = store::by_id(conn, &submission.claim_id)?.ok_or(AppError::NotFound)?;
            let opp = catalog::load_opportunity(conn, &claim.opportunity_id)?;
            catalog::require_verifier(conn, &opp.id, &opp.organization_id, &verifier)?;
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
            let moved = apply(conn, &claim, event, Some(&vid), "", now).map_err(|e| {
                if matches!(e, AppError::Conflict | AppError::Domain(_)) {
                    AppError::AlreadyDecided
                } else {
                    e
                }
            })?;
            if event == ClaimEvent::Reject && moved.is_final() {
                // Rejected for good: its places (and its party's) pass to the waiting list.
                super::party::follow(conn, &claim, ClaimEvent::Expire, "group rejected", now)?;
                super::waitlist::pass_on(conn, &ctx2, &claim.opportunity_id, now)?;
            }
            let mut decided = Decided {
                resident: citysync_storage::users::by_id(conn, &claim.claimant_id)?
                    .map(|u| u.username)
                    .unwrap_or_default(),
                ..Decided::default()
            };
            // What an approval minted in full (CITY, VOTE), told to the resident.
            let mut earned: Option<(i64, i64)> = None;
            let (kind, mut feedback) = match &decision {
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
                    let reward = record_contribution(
                        conn,
                        &ctx2,
                        &claim,
                        &opp,
                        &spec,
                        &vid,
                        *confirmed_outcome,
                        *quality_rating,
                        feedback,
                        now,
                    )?;
                    match reward {
                        Rewarded::Minted(r) => {
                            earned = Some((r.city.minted, r.vote.minted));
                            decided.capped = Some(r).filter(CappedReward::was_capped)
                        }
                        Rewarded::Held(h) => decided.held = Some(h),
                    }
                    // A group's one proof credits each member still in the party.
                    super::party::credit_members(
                        conn,
                        &ctx2,
                        &claim,
                        &opp,
                        &spec,
                        &vid,
                        (*confirmed_outcome, *quality_rating, feedback),
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
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::new(
                    Some(&vid),
                    crate::privileged_log::Capacity::Verifier,
                    if event == ClaimEvent::Approve {
                        crate::privileged_log::PrivilegedAction::ProofApproved
                    } else {
                        crate::privileged_log::PrivilegedAction::ProofRejected
                    },
                    crate::privileged_log::Subject::Claim,
                    &claim.id,
                    now,
                )
                .detail(serde_json::json!({
                    "submission_id": id,
                    // The id, never the username: the log is append-only and outlives an
                    // account's deletion (issue 27), which must leave no name behind.
                    "resident_id": claim.claimant_id,
                })),
            )?;
            let note = match (&decided.capped, &decided.held) {
                (Some(capped), _) => {
                    let (locale, _) = notifications::reader(conn, &claim.claimant_id)?;
                    Some(capped.describe(&ctx2.i18n, locale))
                }
                (None, Some(held)) => {
                    let (locale, _) = notifications::reader(conn, &claim.claimant_id)?;
                    Some(held.describe(&ctx2.i18n, locale))
                }
                (None, None) => match earned {
                    Some((city, vote)) => {
                        let (locale, _) = notifications::reader(conn, &claim.claimant_id)?;
                        Some(ctx2.i18n.message(
                            locale,
                            "notice-earned",
                            &[
                                ("city", Currency::City.format(city).into()),
                                ("vote", Currency::Vote.format(vote).into()),
                            ],
                        ))
                    }
                    None => None,
                },
            };
            if let Some(note) = note {
                feedback = if feedback.is_empty() {
                    note
                } else {
                    format!("{feedback}\n\n{note}")
                };
            }
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
            )?;
            Ok(decided)
        })
        .await
}

/// Records an approved submission's contribution and mints its reward up to the resident's
/// caps (returning what the caps left of it), or holds it when the resident is below the
/// city's earning level.
#[allow(clippy::too_many_arguments)]
pub(super) fn record_contribution(
    conn: &mut DbConnection,
    ctx: &Ctx,
    claim: &ClaimRow,
    opp: &Opportunity,
    spec: &TemplateSpec,
    verifier_id: &str,
    outcome: f64,
    rating: i32,
    feedback: &str,
    now: NaiveDateTime,
) -> Result<Rewarded, AppError> {
    // The category's reward multiplier in force now (a decision may have changed it since
    // the claim was made) scales the reward fixed at the claim.
    let percent =
        crate::governance::parameters::in_force(conn, ctx)?.reward_multiplier(&spec.category);
    let (reward_city, reward_vote) = (
        multiply(claim.reward_city, percent),
        multiply(claim.reward_vote, percent),
    );
    let rewarded = if held::earns(conn, ctx, &claim.claimant_id)? {
        // The resident's caps this epoch, read under the journal's head lock.
        Rewarded::Minted(caps::apply(
            conn,
            ctx,
            &claim.claimant_id,
            &spec.category,
            reward_city,
            reward_vote,
        )?)
    } else {
        Rewarded::Held(HeldReward {
            city: reward_city,
            vote: reward_vote,
        })
    };
    let (minted_city, minted_vote) = match &rewarded {
        Rewarded::Minted(r) => (r.city.minted, r.vote.minted),
        Rewarded::Held(_) => (0, 0),
    };
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
        reward_city: minted_city,
        reward_vote: minted_vote,
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
    match &rewarded {
        // The ledger consumes the event in this same transaction: CITY from the issuer's
        // budget, VOTE from the mint. A budget that cannot pay refuses the whole approval.
        Rewarded::Minted(_) => {
            crate::ledger::minting::mint(conn, ctx, &event)?;
        }
        Rewarded::Held(h) => held::hold(conn, ctx, &row, *h, now)?,
    }
    publications::publish(conn, Kind::Attestation, &row.id, Verb::Create, now)?;
    trail::record(
        conn,
        Subject::Contribution,
        &row.id,
        "verified",
        Some(verifier_id),
        &format!("{} {}", row.outcome_quantity, row.outcome_unit),
        now,
    )?;
    if let Some(reward) = rewarded.filter_capped() {
        let detail = format!(
            "{} → {} CITY, {} → {} VOTE",
            Currency::City.format(reward.city.reward),
            Currency::City.format(reward.city.minted),
            reward.vote.reward,
            reward.vote.minted,
        );
        trail::record(
            conn,
            Subject::Contribution,
            &row.id,
            "capped",
            Some(verifier_id),
            &detail,
            now,
        )?;
    }
    Ok(rewarded)
}

impl Rewarded {
    /// The capped reward, if caps held some of it back.
    fn filter_capped(&self) -> Option<&CappedReward> {
        match self {
            Rewarded::Minted(r) if r.was_capped() => Some(r),
            _ => None,
        }
    }
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
            let row = store::by_id(conn, &id)?.ok_or(AppError::NotFound)?;
            let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
            catalog::require_verifier(conn, &opp.id, &opp.organization_id, &verifier)?;
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
            super::check_in::submit_attendance(conn, &row, &vid, (from, until), now)
        })
        .await
}
