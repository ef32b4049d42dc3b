//! The personal home of a signed-in person (issue 26): the next shift, the proofs still to
//! send and the counts of what waits for them as a verifier or an administrator. Balances
//! and unread notifications come from their own use cases (`ledger::wallet`,
//! `notifications`).

use crate::claims::Claim;
use crate::{organizations, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::ClaimState;
use citysync_domain::organization::Capability;
use citysync_storage::claims as claim_store;
use citysync_storage::organizations as org_store;
use serde::Serialize;

/// How many of a person's latest claims the home looks through.
const CLAIMS_LOOKED_AT: i64 = 200;
/// How many waiting submissions are counted per organization ("100+" past that).
const QUEUE_COUNTED: i64 = 100;

/// A claimed opportunity, as the home lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Shift {
    pub claim_id: String,
    pub opportunity_id: String,
    pub title: String,
    pub place: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// An organization whose verification queue holds submissions the person may decide.
#[derive(Debug, Clone, Serialize)]
pub struct QueueCount {
    pub handle: String,
    pub name: String,
    pub waiting: usize,
}

/// What the personal home shows besides the balances.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// The soonest claimed opportunity that has not ended yet.
    pub next_shift: Option<Shift>,
    /// Claims whose work has started (or is done) and still wait for a proof, soonest first.
    pub proofs_due: Vec<Shift>,
    /// Verification queues with something waiting, for the organizations the person verifies for.
    pub queues: Vec<QueueCount>,
    /// Organizations waiting for an administrator's decision (0 for everyone else).
    pub pending_organizations: usize,
    /// Invitations to join an organization, not answered yet.
    pub invitations: usize,
}

/// The home's overview for `user` at `now`.
pub async fn overview(ctx: &Ctx, user: &User) -> Result<Overview, AppError> {
    let uid = user.id.to_string();
    let now = ctx.now();
    let is_admin = user.is_admin;
    let memberships = organizations::of_user(ctx, user).await?;
    let invitations = organizations::invitations_for(ctx, user).await?.len();
    let verifying: Vec<(String, String, String)> = memberships
        .into_iter()
        .filter(|(org, role)| org.is_approved() && role.can(Capability::Verify))
        .map(|(org, _)| (org.id, org.handle, org.name))
        .collect();
    ctx.run(move |conn| {
        let mut upcoming = Vec::new();
        let mut proofs_due = Vec::new();
        for (row, opp, version) in claim_store::claims_of(conn, &uid, CLAIMS_LOOKED_AT)? {
            let claim = Claim::try_from(row)?;
            let shift = Shift {
                claim_id: claim.id.clone(),
                opportunity_id: opp.id.clone(),
                title: opp.title_override.clone().unwrap_or(version.title),
                place: opp.place.clone(),
                starts_at: opp.starts_at,
                ends_at: opp.ends_at,
            };
            if claim.state == ClaimState::Claimed && opp.ends_at > now {
                upcoming.push(shift.clone());
            }
            if claim.can_submit && opp.starts_at <= now {
                proofs_due.push(shift);
            }
        }
        upcoming.sort_by_key(|s| s.starts_at);
        proofs_due.sort_by_key(|s| s.starts_at);
        let mut queues = Vec::new();
        for (org_id, handle, name) in verifying {
            let waiting = claim_store::verification_queue(conn, &org_id, QUEUE_COUNTED)?.len();
            if waiting > 0 {
                queues.push(QueueCount {
                    handle,
                    name,
                    waiting,
                });
            }
        }
        let pending_organizations = if is_admin {
            org_store::pending(conn)?.len()
        } else {
            0
        };
        Ok(Overview {
            next_shift: upcoming.into_iter().next(),
            proofs_due,
            queues,
            pending_organizations,
            invitations,
        })
    })
    .await
}
