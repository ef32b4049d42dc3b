//! Remote participants (issue 24): someone on another fediverse server joins a published
//! opportunity with a signed `Join` (as Mobilizon does) and leaves with `Leave` or `Undo`.
//! They take a place exactly as a resident's claim does — the same lock, the same count
//! ([`super::lock_for_place`], [`super::require_place`]) — but hold no claim: they submit no
//! proof here and earn no CITY or VOTE (ledgers stay local).

use super::{lock_for_place, require_place};
use crate::{catalog, secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::OpportunityId;
use citysync_storage::catalog::{self as catalog_store, REMOTE_JOINED};
use citysync_storage::participations::{self as store, RemoteParticipationRow};
use citysync_storage::DbConnection;
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
/// transaction (the inbox records the activity and queues the answer in the same one).
pub fn join(
    conn: &mut DbConnection,
    opportunity_id: &str,
    joiner: &Joiner<'_>,
    now: NaiveDateTime,
) -> Result<JoinAnswer, AppError> {
    let row = match lock_for_place(conn, opportunity_id, now) {
        Ok((row, _)) => row,
        Err(e) => return refused(e),
    };
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
            state: REMOTE_JOINED.to_owned(),
            joined_at: now,
            left_at: None,
        },
    )?;
    Ok(JoinAnswer::Accepted)
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
/// none. Inside the caller's write transaction.
pub fn leave(
    conn: &mut DbConnection,
    opportunity_id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    Ok(store::leave(conn, opportunity_id, actor, now)?)
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
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let opp = catalog_store::opportunity(conn, &id)?.ok_or(AppError::NotFound)?;
                catalog::require_verifier(conn, &opp.id, &opp.organization_id, &viewer)?;
                store::joined(conn, &id)?
                    .into_iter()
                    .map(RemoteParticipant::try_from)
                    .collect()
            })())
        })
        .await?
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
        .db
        .run(move |conn| store::joined_in_organization(conn, &id))
        .await?;
    rows.into_iter().map(RemoteParticipant::try_from).collect()
}
