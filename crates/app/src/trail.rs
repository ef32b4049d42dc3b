//! The accountability trail: every state change of an organization, template, opportunity,
//! claim or contribution, with who did it and when. Written in the change's own transaction.

use crate::{secrets, AppError};
use chrono::NaiveDateTime;
use citysync_storage::{events, DbConnection};

/// What the trail is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Organization,
    Template,
    Opportunity,
    Claim,
    Contribution,
    Cycle,
    Proposal,
    /// A city parameter, by name (changes a protocol import made).
    Parameter,
    /// The city's settings (one subject, id `city`): the action names the setting.
    City,
    /// A person's account: suspended, restored, administrator granted or revoked.
    Account,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Organization => "organization",
            Subject::Template => "template",
            Subject::Opportunity => "opportunity",
            Subject::Claim => "claim",
            Subject::Contribution => "contribution",
            Subject::Cycle => "cycle",
            Subject::Proposal => "proposal",
            Subject::Parameter => "parameter",
            Subject::City => "city",
            Subject::Account => "account",
        }
    }
}

/// Records `action` on a subject; `actor` is `None` for the system (a worker).
pub(crate) fn record(
    conn: &mut DbConnection,
    subject: Subject,
    subject_id: &str,
    action: &str,
    actor: Option<&str>,
    detail: &str,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    events::record_audit(
        conn,
        &events::AuditRow {
            id: secrets::new_id(),
            subject_kind: subject.as_str().to_owned(),
            subject_id: subject_id.to_owned(),
            action: action.to_owned(),
            actor_id: actor.map(str::to_owned),
            detail: detail.to_owned(),
            occurred_at: at,
        },
    )?;
    Ok(())
}

/// One line of a subject's trail.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrailEntry {
    pub action: String,
    /// The actor's username; `None` for the system.
    pub actor: Option<String>,
    pub detail: String,
    pub at: NaiveDateTime,
}

/// The trail of one subject, for the tests' inspections.
#[cfg(feature = "test-kit")]
pub async fn of_subject(
    ctx: &crate::Ctx,
    subject: Subject,
    subject_id: &str,
) -> Result<Vec<TrailEntry>, AppError> {
    let id = subject_id.to_owned();
    ctx.run(move |conn| Ok(of(conn, subject, &id))).await?
}

pub(crate) fn of(
    conn: &mut DbConnection,
    subject: Subject,
    subject_id: &str,
) -> Result<Vec<TrailEntry>, AppError> {
    Ok(events::audit_of(conn, subject.as_str(), subject_id)?
        .into_iter()
        .map(|(row, actor)| TrailEntry {
            action: row.action,
            actor,
            detail: row.detail,
            at: row.occurred_at,
        })
        .collect())
}
