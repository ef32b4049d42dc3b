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
use citysync_domain::organization::{Capability, Role};
use citysync_domain::task::{TemplateSpec, VerificationMethod};
use citysync_domain::work::{ContributionVerified, Decision, GeoPoint, Proof, RejectReason};
use citysync_i18n::Moment;
use citysync_storage::catalog as catalog_store;
use citysync_storage::claims::{self as store, ClaimRow, ContributionRow, PhotoRow, SubmissionRow};
use citysync_storage::DbConnection;
use serde::Serialize;
use std::collections::BTreeMap;

pub mod attestation;
pub mod check_in;
mod expiry;
pub mod held;
pub mod party;
mod proof;
mod reminders;
pub mod remote;
mod verification;
mod views;
pub mod waitlist;

pub use check_in::CheckInSettings;
pub use expiry::sweep;
pub use held::{held_of, HeldLine, HeldReward};
pub use proof::{submit, ProofInput};
pub use reminders::send_reminders;
pub use verification::{check_in_out, decide, Decided, DecisionInput};
pub use views::{
    claim_of_submission, claim_on, claim_page, claimants, my_work, photo, verification_queue,
    ClaimLine, ClaimPage, Claimant, Contribution, QueueItem, Submission,
};

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
    /// Hours between check-in and check-out, once both are known.
    pub worked_hours: Option<f64>,
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
            worked_hours: check_in::worked_minutes(row.checked_in_at, row.checked_out_at)
                .map(crate::hours::hours_of),
            checked_in_at: row.checked_in_at,
            checked_out_at: row.checked_out_at,
        })
    }
}

fn progress_of(row: &ClaimRow) -> Result<ClaimProgress, AppError> {
    Ok(ClaimProgress {
        state: row.state,
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
    claim_for_party(ctx, user, opportunity_id, 1).await
}

/// A verified resident claims `party` places (1 to [`party::PARTY_MAX`]): her own, and for
/// more than one a group claim her friends join with its code (see [`party`]).
pub async fn claim_for_party(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    party: i32,
) -> Result<Claim, AppError> {
    claim_with(ctx, user, opportunity_id, party, None).await
}

/// [`claim_for_party`] with the waiver version the resident ticked "I accept" for on the
/// claim form; the template's requirements are checked first ([`crate::eligibility`]).
pub async fn claim_with(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    party: i32,
    accepted_waiver: Option<i32>,
) -> Result<Claim, AppError> {
    user.require_verified()?;
    party::check_size(party)?;
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let (row, opp) = lock_for_place(conn, &id, now)?;
            if store::active_claim_of(conn, &id, &uid)?.is_some() {
                return Err(AppError::AlreadyClaimed);
            }
            crate::eligibility::require(conn, &ctx2, &row, &uid, accepted_waiver, now)?;
            require_places(conn, &row, party)?;
            let claim = take_place(conn, &ctx2, (&row, &opp), &uid, now)?;
            party::start(conn, &claim, party)?;
            Claim::try_from(claim)
        })
        .await
}

/// Under [`lock_for_place`]'s lock, once the place is known to be free: the resident's claim
/// at the reward of the template's current version, its trail, and the claimant's notice.
/// A resident's own claim, and the `Join` of the fediverse account they linked (issue 24).
pub(crate) fn take_place(
    conn: &mut DbConnection,
    ctx: &Ctx,
    (row, opp): (&catalog_store::OpportunityRow, &Opportunity),
    uid: &str,
    now: NaiveDateTime,
) -> Result<ClaimRow, AppError> {
    let template = catalog_store::template(conn, &row.template_id)?.ok_or(AppError::NotFound)?;
    let version = catalog_store::template_version(conn, &template.id, template.version)?
        .ok_or(AppError::NotFound)?;
    let claim = ClaimRow {
        id: secrets::new_id(),
        opportunity_id: row.id.clone(),
        claimant_id: uid.to_owned(),
        template_id: template.id,
        template_version: version.version,
        reward_city: version.reward_city,
        reward_vote: version.reward_vote,
        state: ClaimState::Claimed,
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
        Some(uid),
        &format!("v{}", claim.template_version),
        now,
    )?;
    // When and where, on the city's clock in the claimant's language.
    let (locale, zone) = notifications::reader(conn, uid)?;
    let when = ctx.i18n.message(
        locale,
        "note-claim-when",
        &[
            (
                "starts",
                ctx.i18n
                    .moment(locale, zone, opp.starts_at, Moment::DateTime)
                    .into(),
            ),
            (
                "ends",
                ctx.i18n
                    .moment(locale, zone, opp.ends_at, Moment::DateTime)
                    .into(),
            ),
            ("place", opp.place.as_str().into()),
        ],
    );
    // The email carries the calendar file of the claim (issue 26).
    let file = crate::calendar_files::claim_file(conn, ctx, &claim.id, opp, false, now)?;
    notifications::notify_with(
        conn,
        ctx,
        uid,
        Notice {
            kind: NoticeKind::ClaimConfirmed,
            subject_id: &claim.id,
            about: &opp.title,
            link: format!("/claims/{}", claim.id),
            feedback: Some(&when),
        },
        &[file],
        now,
    )?;
    Ok(claim)
}

/// Locks a published opportunity for taking a place — a resident's claim or a remote
/// participant's `Join` — and checks it can still be taken. On PostgreSQL the opportunity's
/// row is locked (`FOR UPDATE`) until the transaction ends; on SQLite the write transaction is
/// exclusive. Call inside `ctx.db.write`, then [`require_place`] before inserting.
pub(crate) fn lock_for_place(
    conn: &mut DbConnection,
    id: &str,
    now: NaiveDateTime,
) -> Result<(catalog_store::OpportunityRow, Opportunity), AppError> {
    let row = catalog_store::opportunity_for_claim(conn, id)?.ok_or(AppError::NotFound)?;
    let opp = catalog::load_opportunity(conn, id)?;
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
    Ok((row, opp))
}

/// Under [`lock_for_place`]'s lock: a place is left, counting residents' active claims and
/// remote participants alike.
pub(crate) fn require_place(
    conn: &mut DbConnection,
    row: &catalog_store::OpportunityRow,
) -> Result<(), AppError> {
    require_places(conn, row, 1)
}

/// Under [`lock_for_place`]'s lock: `n` places are left (a group claim needs its party's).
pub(crate) fn require_places(
    conn: &mut DbConnection,
    row: &catalog_store::OpportunityRow,
    n: i32,
) -> Result<(), AppError> {
    let taken = catalog_store::active_claim_count(conn, &row.id)?;
    if taken + i64::from(n) > i64::from(row.capacity) {
        return Err(AppError::OpportunityFull);
    }
    Ok(())
}

/// The claimant withdraws before the claim deadline, freeing the slot.
pub async fn withdraw(ctx: &Ctx, user: &User, claim_id: &str) -> Result<(), AppError> {
    let id = claim_id.to_owned();
    let uid = user.id.to_string();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = own_claim(conn, &id, &uid)?;
            // Locked (PostgreSQL) so the freed place is offered to exactly one person.
            let opp = catalog_store::opportunity_for_claim(conn, &row.opportunity_id)?
                .ok_or(AppError::NotFound)?;
            if now > opp.claim_deadline {
                return Err(AppError::DeadlinePassed);
            }
            apply(conn, &row, ClaimEvent::Withdraw, Some(&uid), "", now)?;
            party::follow(conn, &row, ClaimEvent::Withdraw, "group withdrawn", now)?;
            waitlist::offer_freed(conn, &ctx2, &opp, now).map(|_| ())
        })
        .await
}

fn own_claim(conn: &mut DbConnection, claim_id: &str, user_id: &str) -> Result<ClaimRow, AppError> {
    let row = store::by_id(conn, claim_id)?.ok_or(AppError::NotFound)?;
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
