//! An organization waits for approval: its administrators are told; once decided, its
//! owners are told. Called inside the transaction of the change.

use crate::notifications::{self, Notice, NoticeKind};
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::organization::Role;
use citysync_storage::organizations as store;
use citysync_storage::{events, DbConnection};

/// Tells every active administrator but `creator_id` that the organization `org_id` named
/// `name` waits for their decision.
pub(crate) fn pending(
    conn: &mut DbConnection,
    ctx: &Ctx,
    org_id: &str,
    name: &str,
    creator_id: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for admin in events::active_admin_ids(conn)? {
        if admin == creator_id {
            continue;
        }
        notifications::notify(
            conn,
            ctx,
            &admin,
            Notice {
                kind: NoticeKind::OrganizationPending,
                subject_id: org_id,
                about: name,
                link: "/admin/organizations".to_owned(),
                feedback: None,
            },
            now,
        )?;
    }
    Ok(())
}

/// Tells the owners of `org_id` (but `admin_id`, who decided) that it was approved or
/// declined, with the administrator's reason when one was given.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decided(
    conn: &mut DbConnection,
    ctx: &Ctx,
    org_id: &str,
    handle: &str,
    name: &str,
    approved: bool,
    reason: Option<&str>,
    admin_id: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let kind = if approved {
        NoticeKind::OrganizationApproved
    } else {
        NoticeKind::OrganizationDeclined
    };
    let owners: Vec<String> = store::members(conn, org_id)?
        .into_iter()
        .filter(|(m, _)| m.role == Role::Owner.as_str() && m.user_id != admin_id)
        .map(|(m, _)| m.user_id)
        .collect();
    for owner in owners {
        notifications::notify(
            conn,
            ctx,
            &owner,
            Notice {
                kind,
                subject_id: org_id,
                about: name,
                link: format!("/organizations/{handle}"),
                feedback: reason,
            },
            now,
        )?;
    }
    Ok(())
}
