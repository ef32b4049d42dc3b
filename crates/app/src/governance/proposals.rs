//! Proposals: drafted during a cycle's proposal phase by a resident with enough VOTE or by
//! an organization's owner, edited by their author until that phase ends, then frozen for
//! deliberation and voting.

use super::cycles::Cycle;
use super::parameters;
use crate::federation::publications::{self, Kind, Verb};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::governance::{
    Outcome, Phase, ProposalContent, ProposalKind, ProposalState, Tally,
};
use citysync_domain::ledger::{AccountId, Currency};
use citysync_domain::organization::OrganizationState;
use citysync_domain::organization::Role;
use citysync_domain::text;
use citysync_storage::governance::{self as store, ProposalRow};
use citysync_storage::{ledger as journal_store, organizations as org_store, DbConnection};
use serde::{Deserialize, Serialize};

/// What an author types.
#[derive(Debug, Clone)]
pub struct ProposalInput {
    pub title: String,
    pub body: String,
    pub content: ProposalContent,
    /// Propose on behalf of this organization (its handle); the author must own it.
    pub organization: Option<String>,
}

/// The sealed result of a proposal's vote, kept with it at the close.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProposalResult {
    pub outcome: Outcome,
    pub tally: Tally,
    /// A budget's funded options, in funding order.
    pub funded: Vec<usize>,
    /// What the close changed, one line each (`reward_multiplier.environment = 200`).
    pub enacted: Vec<String>,
}

/// A proposal as the pages and the API see it.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub id: String,
    pub cycle_id: String,
    pub kind: ProposalKind,
    pub title: String,
    pub body: String,
    pub content: ProposalContent,
    pub author_id: String,
    pub author: String,
    /// The organization it speaks for: handle and name.
    pub organization: Option<(String, String)>,
    pub state: ProposalState,
    pub decision: Option<ProposalResult>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

pub(crate) fn proposal_of(
    conn: &mut DbConnection,
    row: ProposalRow,
    author: String,
) -> Result<Proposal, AppError> {
    let organization = match &row.organization_id {
        Some(id) => org_store::by_id(conn, id)?.map(|o| (o.handle, o.name)),
        None => None,
    };
    let json = AppError::internal;
    Ok(Proposal {
        kind: row.kind,
        content: serde_json::from_str(&row.content).map_err(json)?,
        state: row.state,
        decision: row
            .tally
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(json)?,
        id: row.id,
        cycle_id: row.cycle_id,
        title: row.title,
        body: row.body,
        author_id: row.author_id,
        author,
        organization,
        created_at: row.created_at,
        updated_at: row.updated_at,
        closed_at: row.closed_at,
    })
}

/// Checks the text and content, and resolves the organization spoken for.
fn checked(
    conn: &mut DbConnection,
    ctx: &Ctx,
    cycle: &Cycle,
    author: &User,
    input: ProposalInput,
) -> Result<(String, String, String, Option<String>), AppError> {
    let title = text::required("title", &input.title, 200)?;
    let body = text::required("body", &input.body, 20_000)?;
    let content = input.content.check(cycle.rules.method)?;
    content.fits_pool(cycle.pool)?;
    match &content {
        ProposalContent::ParameterChange { changes } => {
            for change in changes {
                parameters::check_subject(conn, &change.parameter()?)?;
            }
        }
        ProposalContent::Budget { options, .. } => {
            for option in options {
                let approved = org_store::by_handle(conn, option.organization.trim())?
                    .is_some_and(|o| o.state == OrganizationState::Approved);
                if !approved {
                    return Err(AppError::OrganizationNotApproved);
                }
            }
        }
        ProposalContent::Policy | ProposalContent::AdoptModel { .. } => {}
    }
    let uid = author.id.to_string();
    let organization_id = match input.organization.as_deref().map(str::trim) {
        Some(handle) if !handle.is_empty() => {
            let org = org_store::by_handle(conn, handle)?.ok_or(AppError::NotFound)?;
            if org.state != OrganizationState::Approved {
                return Err(AppError::OrganizationNotApproved);
            }
            if crate::organizations::role_of(conn, &org.id, &uid)? != Some(Role::Owner) {
                return Err(AppError::Forbidden);
            }
            Some(org.id)
        }
        _ => {
            let needed = parameters::in_force(conn, ctx)?.min_vote_to_propose;
            let held = journal_store::account(
                conn,
                &AccountId::resident(&uid, Currency::Vote).to_string(),
            )?
            .map_or(0, |a| a.balance);
            if held < needed {
                return Err(AppError::NotEnoughVote);
            }
            None
        }
    };
    let content = serde_json::to_string(&content).map_err(AppError::internal)?;
    Ok((title, body, content, organization_id))
}

fn open_cycle(conn: &mut DbConnection, cycle_id: &str) -> Result<Cycle, AppError> {
    let cycle =
        Cycle::try_from(store::lock_cycle(conn, cycle_id, false)?.ok_or(AppError::NotFound)?)?;
    if cycle.phase != Phase::Proposals {
        return Err(AppError::PhaseClosed);
    }
    Ok(cycle)
}

/// Drafts a proposal in a cycle's proposal phase; it is public at once.
pub async fn draft(
    ctx: &Ctx,
    author: &User,
    cycle_id: &str,
    input: ProposalInput,
) -> Result<Proposal, AppError> {
    author.require_verified()?;
    let kind = input.content.kind();
    let (ctx2, author2, cycle_id) = (ctx.clone(), author.clone(), cycle_id.to_owned());
    let now = ctx.now();
    let id = ctx
        .db
        .write(move |conn| {
            let cycle = open_cycle(conn, &cycle_id)?;
            let (title, body, content, organization_id) =
                checked(conn, &ctx2, &cycle, &author2, input)?;
            let row = ProposalRow {
                id: secrets::new_id(),
                cycle_id,
                kind,
                title,
                body,
                content,
                author_id: author2.id.to_string(),
                organization_id,
                state: ProposalState::Open,
                tally: None,
                created_at: now,
                updated_at: now,
                closed_at: None,
            };
            store::insert_proposal(conn, &row)?;
            publications::publish(conn, Kind::Proposal, &row.id, Verb::Create, now)?;
            trail::record(
                conn,
                Subject::Proposal,
                &row.id,
                "drafted",
                Some(&row.author_id),
                &row.title,
                now,
            )?;
            Ok::<_, AppError>(row.id)
        })
        .await?;
    get(ctx, &id).await
}

/// The author edits an open proposal until the proposal phase ends.
pub async fn edit(
    ctx: &Ctx,
    author: &User,
    id: &str,
    input: ProposalInput,
) -> Result<Proposal, AppError> {
    let (ctx2, author2, id2) = (ctx.clone(), author.clone(), id.to_owned());
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = store::proposal(conn, &id2)?.ok_or(AppError::NotFound)?;
            if row.author_id != author2.id.to_string() {
                return Err(AppError::Forbidden);
            }
            let cycle = open_cycle(conn, &row.cycle_id)?;
            if row.kind != input.content.kind() {
                return Err(AppError::Conflict);
            }
            let (title, body, content, organization_id) =
                checked(conn, &ctx2, &cycle, &author2, input)?;
            if organization_id != row.organization_id {
                return Err(AppError::Conflict);
            }
            if !store::edit_proposal(conn, &id2, &title, &body, &content, now)? {
                return Err(AppError::PhaseClosed);
            }
            publications::publish(conn, Kind::Proposal, &id2, Verb::Update, now)?;
            trail::record(
                conn,
                Subject::Proposal,
                &id2,
                "edited",
                Some(&row.author_id),
                &title,
                now,
            )
        })
        .await?;
    get(ctx, id).await
}

/// The author withdraws an open proposal; it stays public, marked withdrawn.
pub async fn withdraw(ctx: &Ctx, author: &User, id: &str) -> Result<(), AppError> {
    let (author_id, id) = (author.id.to_string(), id.to_owned());
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = store::proposal(conn, &id)?.ok_or(AppError::NotFound)?;
            if row.author_id != author_id {
                return Err(AppError::Forbidden);
            }
            open_cycle(conn, &row.cycle_id)?;
            if !store::set_proposal_state(
                conn,
                &id,
                ProposalState::Open,
                ProposalState::Withdrawn,
                now,
            )? {
                return Err(AppError::PhaseClosed);
            }
            publications::publish(conn, Kind::Proposal, &id, Verb::Update, now)?;
            trail::record(
                conn,
                Subject::Proposal,
                &id,
                "withdrawn",
                Some(&author_id),
                &row.title,
                now,
            )
        })
        .await
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Proposal, AppError> {
    let id = id.to_owned();
    ctx.run(move |conn| {
        let row = store::proposal(conn, &id)?.ok_or(AppError::NotFound)?;
        let author = citysync_storage::users::by_id(conn, &row.author_id)?
            .map(|u| u.username)
            .unwrap_or_default();
        proposal_of(conn, row, author)
    })
    .await
}

/// A cycle's proposals, oldest first.
pub async fn of_cycle(ctx: &Ctx, cycle_id: &str) -> Result<Vec<Proposal>, AppError> {
    let cycle_id = cycle_id.to_owned();
    ctx.run(move |conn| {
        store::proposals_of(conn, &cycle_id)?
            .into_iter()
            .map(|(row, author)| proposal_of(conn, row, author))
            .collect()
    })
    .await
}
