//! The administrator's work on people's accounts: finding them, suspending (with a reason)
//! and restoring them, granting and revoking the administrator role. The city always keeps
//! one active administrator, and every action is kept in the accountability trail.
//!
//! A suspended account cannot sign in; its sessions end when it is suspended, and its API
//! and OAuth tokens are refused while it stays suspended (`sessions`, `tokens`, `oauth` ask
//! storage for active accounts only).

use crate::accounts::User;
use crate::privileged_log::{self as plog, Entry, PrivilegedAction as Action, Subject as Log};
use crate::trail::{self, Subject};
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::text;
use citysync_storage::{events, instance, sessions, users, DbConnection};
use serde::Serialize;
use std::collections::HashMap;

/// Accounts on one page of the list.
pub const PAGE_SIZE: i64 = 25;

/// Trail actions, as `trail` keeps them.
pub const SUSPENDED: &str = "suspended";
pub const RESTORED: &str = "restored";
pub const ADMIN_GRANTED: &str = "admin-granted";
pub const ADMIN_REVOKED: &str = "admin-revoked";

/// Where an account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    Active,
    /// Signed up, email address not confirmed yet.
    Unverified,
    Suspended,
}

/// One account in the administrator's list.
#[derive(Debug, Clone, Serialize)]
pub struct AccountSummary {
    pub username: String,
    pub email: String,
    pub is_admin: bool,
    pub state: AccountState,
    pub created_at: NaiveDateTime,
    pub suspended_at: Option<NaiveDateTime>,
    pub suspension_reason: Option<String>,
}

impl From<users::AccountListRow> for AccountSummary {
    fn from(row: users::AccountListRow) -> Self {
        let state = if row.suspended_at.is_some() {
            AccountState::Suspended
        } else if row.email_verified_at.is_none() {
            AccountState::Unverified
        } else {
            AccountState::Active
        };
        AccountSummary {
            username: row.username,
            email: row.email,
            is_admin: row.is_admin,
            state,
            created_at: row.created_at,
            suspended_at: row.suspended_at,
            suspension_reason: row.suspension_reason,
        }
    }
}

/// A page of the search's results.
#[derive(Debug, Clone, Serialize)]
pub struct AccountPage {
    pub accounts: Vec<AccountSummary>,
    /// How many accounts match in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// How many pages there are (at least 1).
    pub pages: i64,
}

/// Accounts whose username or email address contains `query` (every account for an empty
/// one), by username, page `page` (from 1) of [`PAGE_SIZE`]. Administrators only.
pub async fn search(
    ctx: &Ctx,
    admin: &User,
    query: &str,
    page: i64,
) -> Result<AccountPage, AppError> {
    admin.require_admin()?;
    let page = page.max(1);
    let query = query.to_owned();
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let (rows, total) = ctx
        .run(move |conn| Ok(users::search(conn, &query, offset, PAGE_SIZE)?))
        .await?;
    Ok(AccountPage {
        accounts: rows.into_iter().map(AccountSummary::from).collect(),
        total,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
    })
}

/// The account behind `username`, read in the change's transaction.
fn target(conn: &mut DbConnection, username: &str) -> Result<users::UserRow, AppError> {
    users::by_username(conn, &username.trim().to_ascii_lowercase())?.ok_or(AppError::NotFound)
}

/// Refuses a change that would leave the city with no active administrator.
fn keep_an_admin(conn: &mut DbConnection, target: &users::UserRow) -> Result<(), AppError> {
    let counts = target.is_admin && users::suspension(conn, &target.id)?.is_none();
    if counts && users::count_active_admins(conn)? <= 1 {
        return Err(AppError::LastAdmin);
    }
    Ok(())
}

/// Suspends `username` with a reason: they cannot sign in, their sessions end and their
/// tokens are refused. Not oneself, never the last active administrator. Suspending a
/// suspended account changes nothing.
pub async fn suspend(
    ctx: &Ctx,
    admin: &User,
    username: &str,
    reason: &str,
) -> Result<(), AppError> {
    admin.require_admin()?;
    let reason = text::required("reason", reason, 500)?;
    let (admin_id, username, now) = (admin.id.to_string(), username.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            // Changes of who administers the city see each other (PostgreSQL row lock).
            instance::lock(conn)?;
            let target = target(conn, &username)?;
            if target.id == admin_id {
                return Err(AppError::SuspendSelf);
            }
            if users::suspension(conn, &target.id)?.is_some() {
                return Ok(());
            }
            keep_an_admin(conn, &target)?;
            users::set_suspension(conn, &target.id, Some((now, &reason)))?;
            sessions::delete_for_user(conn, &target.id, None)?;
            trail::record(
                conn,
                Subject::Account,
                &target.id,
                SUSPENDED,
                Some(&admin_id),
                &reason,
                now,
            )?;
            plog::record(
                conn,
                &Entry::admin(
                    &admin_id,
                    Action::AccountSuspended,
                    Log::Account,
                    &target.id,
                    now,
                )
                .detail(serde_json::json!({ "username": target.username, "reason": reason })),
            )?;
            Ok(())
        })
        .await
}

/// Lifts the suspension of `username`. Restoring an active account changes nothing.
pub async fn restore(ctx: &Ctx, admin: &User, username: &str) -> Result<(), AppError> {
    admin.require_admin()?;
    let (admin_id, username, now) = (admin.id.to_string(), username.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            instance::lock(conn)?;
            let target = target(conn, &username)?;
            if users::suspension(conn, &target.id)?.is_none() {
                return Ok(());
            }
            users::set_suspension(conn, &target.id, None)?;
            trail::record(
                conn,
                Subject::Account,
                &target.id,
                RESTORED,
                Some(&admin_id),
                "",
                now,
            )?;
            plog::record(
                conn,
                &Entry::admin(
                    &admin_id,
                    Action::AccountRestored,
                    Log::Account,
                    &target.id,
                    now,
                )
                .detail(serde_json::json!({ "username": target.username })),
            )?;
            Ok(())
        })
        .await
}

/// Grants (`true`) or revokes the administrator role of `username`. A suspended account is
/// not made an administrator; the last active administrator keeps the role. Asking for what
/// already holds changes nothing.
pub async fn set_admin(
    ctx: &Ctx,
    admin: &User,
    username: &str,
    grant: bool,
) -> Result<(), AppError> {
    admin.require_admin()?;
    let (admin_id, username, now) = (admin.id.to_string(), username.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            instance::lock(conn)?;
            let target = target(conn, &username)?;
            if target.is_admin == grant {
                return Ok(());
            }
            if grant && users::suspension(conn, &target.id)?.is_some() {
                return Err(AppError::AccountSuspended);
            }
            if !grant {
                keep_an_admin(conn, &target)?;
            }
            users::set_admin(conn, &target.id, grant)?;
            let action = if grant { ADMIN_GRANTED } else { ADMIN_REVOKED };
            trail::record(
                conn,
                Subject::Account,
                &target.id,
                action,
                Some(&admin_id),
                "",
                now,
            )?;
            let kind = if grant {
                Action::AdministratorGranted
            } else {
                Action::AdministratorRevoked
            };
            plog::record(
                conn,
                &Entry::admin(&admin_id, kind, Log::Account, &target.id, now)
                    .detail(serde_json::json!({ "username": target.username })),
            )?;
            Ok(())
        })
        .await
}

/// One action on an account, as the users page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct AccountAction {
    /// One of [`SUSPENDED`], [`RESTORED`], [`ADMIN_GRANTED`], [`ADMIN_REVOKED`].
    pub action: String,
    /// Whose account (a username; empty when the account is gone).
    pub username: String,
    /// Who did it (a username); `None` for the system.
    pub actor: Option<String>,
    /// The reason given for a suspension.
    pub detail: String,
    pub at: NaiveDateTime,
}

/// The latest `limit` actions on accounts, newest first. Administrators only.
pub async fn recent_actions(
    ctx: &Ctx,
    admin: &User,
    limit: i64,
) -> Result<Vec<AccountAction>, AppError> {
    admin.require_admin()?;
    let (rows, names) = ctx
        .run(move |conn| {
            let rows = events::recent_audit_of_kind(conn, Subject::Account.as_str(), limit)?;
            let ids: Vec<String> = rows.iter().map(|(r, _)| r.subject_id.clone()).collect();
            let names: HashMap<String, String> =
                users::usernames(conn, &ids)?.into_iter().collect();
            Ok((rows, names))
        })
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, actor)| AccountAction {
            username: names.get(&row.subject_id).cloned().unwrap_or_default(),
            action: row.action,
            actor,
            detail: row.detail,
            at: row.occurred_at,
        })
        .collect())
}
