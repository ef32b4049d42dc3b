//! Deliberation: threaded comments on proposals during deliberation and voting, reports by
//! residents, and moderation by the city's administrators — a hidden comment keeps its
//! place in the thread with the moderator's reason, and every hide and restore is in the
//! public moderation log.

use super::cycles::Cycle;
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::governance::Phase;
use citysync_domain::governance::ProposalState;
use citysync_domain::text;
use citysync_storage::governance::{self as store, CommentRow, ModerationRow};
use serde::Serialize;

/// The deepest a reply may nest (a reply to a reply to … is attached at this depth).
pub const DEPTH_MAX: usize = 4;

/// One comment in a proposal's thread.
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: String,
    pub parent_id: Option<String>,
    pub depth: usize,
    pub author: String,
    /// Empty when hidden: a hidden comment shows only the moderator's reason.
    pub body: String,
    pub hidden_reason: Option<String>,
    pub reports: i64,
    pub created_at: NaiveDateTime,
}

/// One line of the public moderation log.
#[derive(Debug, Clone, Serialize)]
pub struct ModerationEntry {
    pub proposal_id: String,
    pub proposal_title: String,
    pub comment_id: String,
    pub moderator: String,
    pub action: String,
    pub reason: String,
    pub at: NaiveDateTime,
}

/// A comment waiting for a moderator's look.
#[derive(Debug, Clone, Serialize)]
pub struct Reported {
    pub comment_id: String,
    pub proposal_id: String,
    pub proposal_title: String,
    pub body: String,
    pub reports: i64,
    pub created_at: NaiveDateTime,
}

/// A proposal's comments as a thread: each reply right after its parent, depth-first.
pub async fn thread(ctx: &Ctx, proposal_id: &str) -> Result<Vec<Comment>, AppError> {
    let id = proposal_id.to_owned();
    let rows = ctx
        .run(move |conn| Ok(store::comments_of(conn, &id)?))
        .await?;
    Ok(threaded(rows))
}

type Children = std::collections::BTreeMap<Option<String>, Vec<(CommentRow, String, i64)>>;

fn threaded(rows: Vec<(CommentRow, String, i64)>) -> Vec<Comment> {
    let ids: std::collections::HashSet<String> =
        rows.iter().map(|(c, _, _)| c.id.clone()).collect();
    let mut children = Children::new();
    for (c, author, reports) in rows {
        // A reply whose parent is gone from the list is shown at the top level.
        let parent = c.parent_id.clone().filter(|p| ids.contains(p));
        children
            .entry(parent)
            .or_default()
            .push((c, author, reports));
    }
    let mut out = Vec::new();
    walk(None, 0, &mut children, &mut out);
    out
}

/// Depth-first, oldest sibling first: each reply right after its parent.
fn walk(parent: Option<String>, depth: usize, children: &mut Children, out: &mut Vec<Comment>) {
    let Some(kids) = children.remove(&parent) else {
        return;
    };
    for (c, author, reports) in kids {
        let id = c.id.clone();
        let hidden = c.hidden_reason.is_some();
        out.push(Comment {
            id: c.id,
            parent_id: c.parent_id,
            depth: depth.min(DEPTH_MAX),
            author,
            body: if hidden { String::new() } else { c.body },
            hidden_reason: c.hidden_reason,
            reports,
            created_at: c.created_at,
        });
        walk(Some(id), depth + 1, children, out);
    }
}

/// A verified resident comments on a proposal (or replies to a comment) while its cycle
/// deliberates or votes.
pub async fn post(
    ctx: &Ctx,
    author: &User,
    proposal_id: &str,
    parent_id: Option<&str>,
    body: &str,
) -> Result<String, AppError> {
    author.require_verified()?;
    let body = text::required("body", body, 5_000)?;
    let (author_id, proposal_id) = (author.id.to_string(), proposal_id.to_owned());
    let parent_id = parent_id.filter(|p| !p.is_empty()).map(str::to_owned);
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let proposal = store::proposal(conn, &proposal_id)?.ok_or(AppError::NotFound)?;
            let cycle = Cycle::try_from(
                store::cycle(conn, &proposal.cycle_id)?.ok_or(AppError::NotFound)?,
            )?;
            if !matches!(cycle.phase, Phase::Deliberation | Phase::Voting)
                || proposal.state == ProposalState::Withdrawn
            {
                return Err(AppError::PhaseClosed);
            }
            if let Some(parent) = &parent_id {
                let ok =
                    store::comment(conn, parent)?.is_some_and(|c| c.proposal_id == proposal_id);
                if !ok {
                    return Err(AppError::NotFound);
                }
            }
            let row = CommentRow {
                id: secrets::new_id(),
                proposal_id,
                parent_id,
                author_id,
                body,
                hidden_reason: None,
                hidden_by: None,
                created_at: now,
            };
            store::insert_comment(conn, &row)?;
            Ok(row.id)
        })
        .await
}

/// A signed-in resident reports a comment to the moderators, once.
pub async fn report(
    ctx: &Ctx,
    reporter: &User,
    comment_id: &str,
    reason: &str,
) -> Result<(), AppError> {
    reporter.require_verified()?;
    let reason = text::required("reason", reason, 500)?;
    let (reporter_id, comment_id) = (reporter.id.to_string(), comment_id.to_owned());
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            store::comment(conn, &comment_id)?.ok_or(AppError::NotFound)?;
            if store::report_comment(conn, &comment_id, &reporter_id, &reason, now)? {
                Ok(())
            } else {
                Err(AppError::AlreadyReported)
            }
        })
        .await
}

/// A moderator (an administrator) hides a comment with a reason, or restores it; either
/// way the action and reason go in the public moderation log.
pub async fn moderate(
    ctx: &Ctx,
    moderator: &User,
    comment_id: &str,
    hide: bool,
    reason: &str,
) -> Result<String, AppError> {
    if !moderator.is_admin {
        return Err(AppError::Forbidden);
    }
    let reason = text::required("reason", reason, 500)?;
    let (moderator_id, comment_id) = (moderator.id.to_string(), comment_id.to_owned());
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let comment = store::comment(conn, &comment_id)?.ok_or(AppError::NotFound)?;
            let changed = store::set_hidden(
                conn,
                &comment_id,
                hide.then_some(reason.as_str()),
                &moderator_id,
            )?;
            if !changed {
                return Err(AppError::Conflict);
            }
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &moderator_id,
                    crate::privileged_log::PrivilegedAction::ModerationDecided,
                    crate::privileged_log::Subject::Comment,
                    &comment_id,
                    now,
                )
                .detail(serde_json::json!({
                    "proposal_id": comment.proposal_id,
                    "action": if hide { "hidden" } else { "restored" },
                    "reason": reason,
                })),
            )?;
            store::log_moderation(
                conn,
                &ModerationRow {
                    id: secrets::new_id(),
                    proposal_id: comment.proposal_id.clone(),
                    comment_id,
                    moderator_id,
                    action: if hide { "hidden" } else { "restored" }.to_owned(),
                    reason,
                    created_at: now,
                },
            )?;
            Ok(comment.proposal_id)
        })
        .await
}

/// The public moderation log, newest first: one proposal's, or the whole city's.
pub async fn log(
    ctx: &Ctx,
    proposal_id: Option<&str>,
    limit: i64,
) -> Result<Vec<ModerationEntry>, AppError> {
    let id = proposal_id.map(str::to_owned);
    let rows = ctx
        .run(move |conn| Ok(store::moderation(conn, id.as_deref(), limit)?))
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, moderator, title)| ModerationEntry {
            proposal_id: row.proposal_id,
            proposal_title: title,
            comment_id: row.comment_id,
            moderator,
            action: row.action,
            reason: row.reason,
            at: row.created_at,
        })
        .collect())
}

/// Reported comments still visible, for the moderators.
pub async fn reported(ctx: &Ctx, moderator: &User) -> Result<Vec<Reported>, AppError> {
    if !moderator.is_admin {
        return Err(AppError::Forbidden);
    }
    let rows = ctx.run(|conn| Ok(store::reported_comments(conn)?)).await?;
    Ok(rows
        .into_iter()
        .map(|(c, title, reports)| Reported {
            comment_id: c.id,
            proposal_id: c.proposal_id,
            proposal_title: title,
            body: c.body,
            reports,
            created_at: c.created_at,
        })
        .collect())
}
