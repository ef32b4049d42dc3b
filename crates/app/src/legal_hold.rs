//! The legal hold (issue 27): an administrator keeps everything of an account — for a court
//! case, an audit, a records request — with a reason. While it lasts, retention removes
//! nothing of the account and the account cannot be deleted ([`ensure_not_held`]).
//! Setting and lifting it are privileged actions, recorded in the privileged log.

use crate::accounts::User;
use crate::privileged_log::{self, Capacity, Entry, PrivilegedAction, Subject};
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::text;
use citysync_storage::{privacy, users, DbConnection};
use serde::Serialize;
use std::collections::BTreeMap;

/// An account's hold as the administrators' page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hold {
    pub reason: String,
    pub since: Option<NaiveDateTime>,
}

/// Refuses with [`AppError::LegalHold`] when the account is under legal hold: for account
/// deletion (and anything else that must not remove an account's data), in its transaction.
pub(crate) fn ensure_not_held(conn: &mut DbConnection, user_id: &str) -> Result<(), AppError> {
    if privacy::hold_of(conn, user_id)?.is_some() {
        return Err(AppError::LegalHold);
    }
    Ok(())
}

/// Whether the account is under legal hold.
pub async fn is_held(ctx: &Ctx, user_id: &str) -> Result<bool, AppError> {
    let id = user_id.to_owned();
    Ok(ctx
        .run(move |conn| Ok(privacy::hold_of(conn, &id)?))
        .await?
        .is_some())
}

/// Puts `username` under legal hold (`hold`) or lifts it, with a reason either way.
/// Asking for the state it is already in changes nothing. Administrators only.
pub async fn set(
    ctx: &Ctx,
    admin: &User,
    username: &str,
    hold: bool,
    reason: &str,
) -> Result<(), AppError> {
    admin.require_admin()?;
    let reason = text::required("reason", reason, 500)?;
    let (admin_id, username, now) = (admin.id.to_string(), username.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            let target = users::by_username(conn, &username.trim().to_ascii_lowercase())?
                .ok_or(AppError::NotFound)?;
            let changed = privacy::set_hold(
                conn,
                &target.id,
                hold.then_some(reason.as_str()),
                &admin_id,
                now,
            )?;
            if changed == 0 {
                return Ok(());
            }
            let action = if hold {
                PrivilegedAction::LegalHoldSet
            } else {
                PrivilegedAction::LegalHoldLifted
            };
            let entry = Entry::new(
                Some(&admin_id),
                Capacity::Administrator,
                action,
                Subject::Account,
                &target.id,
                now,
            )
            .detail(serde_json::json!({ "reason": reason }));
            privileged_log::record(conn, &entry)?;
            Ok(())
        })
        .await
}

/// The holds among `usernames` (those not on hold are absent). Administrators only.
pub async fn holds_among(
    ctx: &Ctx,
    admin: &User,
    usernames: Vec<String>,
) -> Result<BTreeMap<String, Hold>, AppError> {
    admin.require_admin()?;
    let rows = ctx
        .run(move |conn| Ok(privacy::holds_among(conn, &usernames)?))
        .await?;
    Ok(rows
        .into_iter()
        .map(|(username, reason, since)| (username, Hold { reason, since }))
        .collect())
}
