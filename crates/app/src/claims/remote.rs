//! Remote participants (issue 24): someone on another fediverse server joins a published
//! opportunity with a signed `Join` (as Mobilizon does) and leaves with `Leave` or `Undo`.
//! They take a place exactly as a resident's claim does — the same lock, the same count
//! ([`super::lock_for_place`], [`super::require_place`]) — but hold no claim: they submit no
//! proof here and earn no CITY or VOTE (ledgers stay local).
//!
//! Unless the actor is linked to a resident of this city (`accounts::fediverse`): then its
//! `Join` is that resident's own claim ([`super::take_place`]), proved and verified in the web
//! app and minted as any claim, and its `Leave` withdraws that claim. The places an actor
//! held when it was linked become the resident's claims ([`claim_participations`]).

use super::{apply, lock_for_place, require_place, take_place};
use crate::federation::{Outgoing, Receipt};
use crate::{catalog, secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::ClaimEvent;
use citysync_domain::lifecycle::RemoteParticipationState;
use citysync_domain::OpportunityId;
use citysync_storage::catalog as catalog_store;
use citysync_storage::claims as claim_store;
use citysync_storage::fediverse as links;
use citysync_storage::participations::{self as store, RemoteParticipationRow};
use citysync_storage::{users, DbConnection};
use serde::Serialize;

/// What a `Join` is answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinAnswer {
    /// The actor holds a place (now, or already: a second `Join` takes no second place).
    Accepted,
    /// No place: the opportunity is full, closed, cancelled, past its deadline or not
    /// published. The code says which (`error-opportunity-full`…).
    Rejected(&'static str),
}

/// Who joins, as the inbox verified them.
#[derive(Debug, Clone)]
pub struct Joiner<'a> {
    pub actor: &'a str,
    pub handle: &'a str,
    pub inbox: &'a str,
    pub join_activity: &'a str,
}

/// Takes a place on the opportunity for a remote actor, inside the caller's write
/// transaction (the inbox records the activity and queues the answer in the same one). An
/// actor linked to a resident takes it as that resident's claim.
pub(crate) fn join(
    conn: &mut DbConnection,
    ctx: &Ctx,
    opportunity_id: &str,
    joiner: &Joiner<'_>,
    now: NaiveDateTime,
) -> Result<JoinAnswer, AppError> {
    let (row, opp) = match lock_for_place(conn, opportunity_id, now) {
        Ok(locked) => locked,
        Err(e) => return refused(e),
    };
    if let Some(link) = links::link_of_actor(conn, joiner.actor)? {
        return join_as_resident(conn, ctx, (&row, &opp), &link.user_id, now);
    }
    if store::joined_of(conn, opportunity_id, joiner.actor)?.is_some() {
        return Ok(JoinAnswer::Accepted);
    }
    if let Err(e) = require_place(conn, &row) {
        return refused(e);
    }
    store::insert(
        conn,
        &RemoteParticipationRow {
            id: secrets::new_id(),
            opportunity_id: opportunity_id.to_owned(),
            actor: joiner.actor.to_owned(),
            handle: joiner.handle.to_owned(),
            inbox: joiner.inbox.to_owned(),
            join_activity: joiner.join_activity.to_owned(),
            state: RemoteParticipationState::Joined,
            joined_at: now,
            left_at: None,
        },
    )?;
    Ok(JoinAnswer::Accepted)
}

/// The `Join` of a linked actor: its resident's claim, under the same lock and count. The
/// resident must be able to claim here (not suspended, email verified).
fn join_as_resident(
    conn: &mut DbConnection,
    ctx: &Ctx,
    locked: (&catalog_store::OpportunityRow, &catalog::Opportunity),
    uid: &str,
    now: NaiveDateTime,
) -> Result<JoinAnswer, AppError> {
    let Some(resident) = users::active_by_id(conn, uid)? else {
        return Ok(JoinAnswer::Rejected("error-account-suspended"));
    };
    if resident.email_verified_at.is_none() {
        return Ok(JoinAnswer::Rejected("error-not-verified"));
    }
    if claim_store::active_claim_of(conn, &locked.0.id, uid)?.is_some() {
        return Ok(JoinAnswer::Accepted);
    }
    if let Err(e) = require_place(conn, locked.0) {
        return refused(e);
    }
    take_place(conn, ctx, locked, uid, now)?;
    Ok(JoinAnswer::Accepted)
}

/// When a resident links `actor`: the places it holds on published opportunities still open
/// to claims become the resident's claims (the place passes from one to the other, so the
/// count does not change; one the resident holds already is simply given back). Places on
/// closed, cancelled or past-deadline opportunities stay remote participations: no claim can
/// be made there any more. Inside the linking transaction; returns the claims made.
pub(crate) fn claim_participations(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &str,
    uid: &str,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut made = 0;
    for participation in store::joined_by_actor(conn, actor)? {
        let (row, opp) = match lock_for_place(conn, &participation.opportunity_id, now) {
            Ok(locked) => locked,
            Err(AppError::NotFound | AppError::NotClaimable | AppError::DeadlinePassed) => continue,
            Err(e) => return Err(e),
        };
        if !store::mark_claimed(conn, &participation.id, now)? {
            continue;
        }
        if claim_store::active_claim_of(conn, &row.id, uid)?.is_none() {
            take_place(conn, ctx, (&row, &opp), uid, now)?;
            made += 1;
        }
    }
    Ok(made)
}

/// Refusals that answer a `Join` with `Reject`; anything else is an error of ours.
fn refused(e: AppError) -> Result<JoinAnswer, AppError> {
    match e {
        AppError::NotFound => Ok(JoinAnswer::Rejected("error-not-found")),
        AppError::NotClaimable => Ok(JoinAnswer::Rejected("error-not-claimable")),
        AppError::DeadlinePassed => Ok(JoinAnswer::Rejected("error-deadline-passed")),
        AppError::OpportunityFull => Ok(JoinAnswer::Rejected("error-opportunity-full")),
        e => Err(e),
    }
}

/// The remote actor gives its place back (`Leave`, or `Undo` of its `Join`); false if it held
/// none. A linked actor withdraws its resident's claim, as the resident may before the claim
/// deadline (not once proof was sent). Inside the caller's write transaction.
pub(crate) fn leave(
    conn: &mut DbConnection,
    opportunity_id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    if store::leave(conn, opportunity_id, actor, now)? {
        return Ok(true);
    }
    let Some(link) = links::link_of_actor(conn, actor)? else {
        return Ok(false);
    };
    let Some(claim) = claim_store::active_claim_of(conn, opportunity_id, &link.user_id)? else {
        return Ok(false);
    };
    let opp = catalog_store::opportunity(conn, opportunity_id)?.ok_or(AppError::NotFound)?;
    if now > opp.claim_deadline {
        return Ok(false);
    }
    match apply(
        conn,
        &claim,
        ClaimEvent::Withdraw,
        Some(&link.user_id),
        "fediverse leave",
        now,
    ) {
        Ok(_) => Ok(true),
        Err(AppError::Domain(_) | AppError::Conflict) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A remote participant as the organization sees it.
#[derive(Debug, Clone, Serialize)]
pub struct RemoteParticipant {
    pub opportunity_id: OpportunityId,
    /// `@user@host`.
    pub handle: String,
    /// The actor's id, a link to their profile.
    pub actor: String,
    pub joined_at: NaiveDateTime,
}

impl TryFrom<RemoteParticipationRow> for RemoteParticipant {
    type Error = AppError;
    fn try_from(row: RemoteParticipationRow) -> Result<Self, AppError> {
        let opportunity_id = row.opportunity_id.parse().map_err(|_| {
            AppError::Storage(citysync_storage::StorageError::Corrupt(format!(
                "remote participation {}: opportunity id",
                row.id
            )))
        })?;
        Ok(RemoteParticipant {
            opportunity_id,
            handle: row.handle,
            actor: row.actor,
            joined_at: row.joined_at,
        })
    }
}

/// The opportunity's remote participants, for its organization's verifiers (who see its
/// claimants too).
pub async fn participants(
    ctx: &Ctx,
    viewer: &User,
    opportunity_id: &str,
) -> Result<Vec<RemoteParticipant>, AppError> {
    let id = opportunity_id.to_owned();
    let viewer = viewer.clone();
    ctx.run(move |conn| {
        let opp = catalog_store::opportunity(conn, &id)?.ok_or(AppError::NotFound)?;
        catalog::require_verifier(conn, &opp.id, &opp.organization_id, &viewer)?;
        store::joined(conn, &id)?
            .into_iter()
            .map(RemoteParticipant::try_from)
            .collect()
    })
    .await
}

/// The remote participants of all the organization's opportunities, for its members (the
/// organization's console).
pub async fn of_organization(
    ctx: &Ctx,
    member: &User,
    organization_id: &str,
) -> Result<Vec<RemoteParticipant>, AppError> {
    if crate::organizations::role(ctx, organization_id, member)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden);
    }
    let id = organization_id.to_owned();
    let rows = ctx
        .run(move |conn| Ok(store::joined_in_organization(conn, &id)?))
        .await?;
    rows.into_iter().map(RemoteParticipant::try_from).collect()
}

/// A remote actor's `Join` of one of our opportunities, as the inbox verified it.
#[derive(Debug, Clone)]
pub struct RemoteJoin {
    pub opportunity: String,
    pub actor: String,
    /// `@user@host`, as people on the fediverse write it.
    pub handle: String,
    pub join_activity: String,
}

/// Answers a `Join`: the receipt, the place taken (or refused) and the queued answer —
/// `answers.0` (`Accept`) or `answers.1` (`Reject`) — in one transaction. `None` when the
/// `Join` was received before: nothing changes and nothing is sent again.
pub async fn answer_join(
    ctx: &Ctx,
    receipt: Receipt,
    joining: RemoteJoin,
    answers: (Outgoing, Outgoing),
) -> Result<Option<JoinAnswer>, AppError> {
    let (ctx2, now) = (ctx.clone(), ctx.now());
    ctx.db
        .write(move |conn| {
            if !receipt.record(conn)? {
                return Ok(None);
            }
            let (accept, reject) = answers;
            let inbox = accept.inbox.to_string();
            let joiner = Joiner {
                actor: &joining.actor,
                handle: &joining.handle,
                inbox: &inbox,
                join_activity: &joining.join_activity,
            };
            let answer = join(conn, &ctx2, &joining.opportunity, &joiner, now)?;
            match answer {
                JoinAnswer::Accepted => accept.enqueue(conn, &ctx2)?,
                JoinAnswer::Rejected(_) => reject.enqueue(conn, &ctx2)?,
            }
            Ok(Some(answer))
        })
        .await
}

/// A `Leave` (or `Undo` of a `Join`): the receipt and the freed place in one transaction;
/// false when the actor held none or the activity was received before.
pub async fn answer_leave(
    ctx: &Ctx,
    receipt: Receipt,
    opportunity: String,
    actor: &str,
) -> Result<bool, AppError> {
    let (who, now) = (actor.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            if !receipt.record(conn)? {
                return Ok(false);
            }
            leave(conn, &opportunity, &who, now)
        })
        .await
}
