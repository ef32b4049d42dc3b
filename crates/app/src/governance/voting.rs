//! Casting ballots: only in the voting phase, only by residents in the cycle's VOTE
//! snapshot, weighted by that snapshot (VOTE moving later changes nothing), one ballot per
//! resident and proposal, replaceable until the close, visible only to its voter.

use super::cycles::Cycle;
use crate::{AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::governance::{Ballot, Phase, ProposalContent, ProposalState};
use citysync_storage::governance::{self as store, BallotRow};
use serde::Serialize;

/// A voter's standing on one proposal.
#[derive(Debug, Clone, Serialize)]
pub struct MyVote {
    /// The VOTE snapshotted for this voter when voting opened (their weight, and their
    /// voice credits in a quadratic vote); `None` if not eligible.
    pub weight: Option<i64>,
    pub ballot: Option<Ballot>,
    pub cast_at: Option<NaiveDateTime>,
}

/// Casts (or replaces) the voter's ballot on a proposal.
pub async fn cast(
    ctx: &Ctx,
    voter: &User,
    proposal_id: &str,
    ballot: Ballot,
) -> Result<(), AppError> {
    voter.require_verified()?;
    let (voter_id, proposal_id) = (voter.id.to_string(), proposal_id.to_owned());
    let now = ctx.now();
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            // The city's identity requirement: one person, one ballot.
            let needed = super::parameters::in_force(conn, &ctx2)?.level_to_vote;
            if !needed.met_by(crate::identity::level_in(conn, &voter_id)?) {
                return Err(AppError::ResidentVerificationNeeded);
            }
            let proposal = store::proposal(conn, &proposal_id)?.ok_or(AppError::NotFound)?;
            // Shares the cycle's lock with other ballots; the close takes it exclusively.
            let cycle = Cycle::try_from(
                store::lock_cycle(conn, &proposal.cycle_id, false)?.ok_or(AppError::NotFound)?,
            )?;
            if cycle.phase != Phase::Voting
                || now >= cycle.schedule.results_at
                || proposal.state != ProposalState::Voting
            {
                return Err(AppError::PhaseClosed);
            }
            let weight =
                store::lock_snapshot(conn, &cycle.id, &voter_id)?.ok_or(AppError::NotEligible)?;
            let content: ProposalContent =
                serde_json::from_str(&proposal.content).map_err(AppError::internal)?;
            let ballot = ballot.check(cycle.rules.method, content.option_count(), weight)?;
            store::put_ballot(
                conn,
                &BallotRow {
                    proposal_id: proposal_id.clone(),
                    voter_id: voter_id.clone(),
                    marks: serde_json::to_string(&ballot).map_err(AppError::internal)?,
                    cast_at: now,
                },
            )?;
            Ok(())
        })
        .await
}

/// The voter's own weight and ballot on a proposal (nobody else's is ever shown).
pub async fn mine(ctx: &Ctx, voter: &User, proposal_id: &str) -> Result<MyVote, AppError> {
    let (voter_id, proposal_id) = (voter.id.to_string(), proposal_id.to_owned());
    ctx.run(move |conn| {
        let proposal = store::proposal(conn, &proposal_id)?.ok_or(AppError::NotFound)?;
        let weight = store::snapshot_weight(conn, &proposal.cycle_id, &voter_id)?;
        let row = store::ballot(conn, &proposal_id, &voter_id)?;
        let ballot = row
            .as_ref()
            .map(|r| serde_json::from_str::<Ballot>(&r.marks))
            .transpose()
            .map_err(AppError::internal)?;
        Ok(MyVote {
            weight,
            ballot,
            cast_at: row.map(|r| r.cast_at),
        })
    })
    .await
}

/// How many ballots a proposal has (public while voting: participation, not choices).
pub async fn ballots_cast(ctx: &Ctx, proposal_id: &str) -> Result<i64, AppError> {
    let id = proposal_id.to_owned();
    ctx.run(move |conn| Ok(store::ballot_count(conn, &id)?))
        .await
}
