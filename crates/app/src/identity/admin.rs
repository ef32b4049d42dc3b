//! The administrator's side: the conflicts queue, revoking verifications (one, or every
//! one granted before a date) and the list of active verifications.

use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::identity::{ConflictResolution, DocumentKind, VerificationMethod};
use citysync_storage::identity::{self as store, ConflictRow, VerificationRow};
use citysync_storage::{organizations as org_store, users, DbConnection};
use serde::Serialize;
use std::collections::HashMap;

/// The most verifications the administrator's list shows.
pub const RECENT_LIMIT: i64 = 200;

/// An active verification, as the administrator sees it (never the identifier).
#[derive(Debug, Clone, Serialize)]
pub struct VerificationView {
    pub id: String,
    pub username: String,
    pub method: VerificationMethod,
    pub document_kind: DocumentKind,
    pub verified_by: String,
    pub organization: Option<String>,
    pub verified_at: NaiveDateTime,
}

/// A refused second verification waiting for the administrator.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    pub id: String,
    /// The account that presented the identifier.
    pub username: String,
    /// The account that holds it.
    pub holder: String,
    pub method: VerificationMethod,
    pub document_kind: DocumentKind,
    pub attempted_by: String,
    pub organization: Option<String>,
    pub attempted_at: NaiveDateTime,
}

fn reason_of(reason: &str) -> Result<String, AppError> {
    Ok(citysync_domain::text::required("reason", reason, 500)?)
}

/// Usernames and organization handles by id, for naming rows.
struct Names {
    people: HashMap<String, String>,
    orgs: HashMap<String, String>,
}

impl Names {
    fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    fn org(&self, id: Option<String>) -> Option<String> {
        id.map(|id| self.orgs.get(&id).cloned().unwrap_or(id))
    }
}

/// Turns rows into views, naming the people (`ids`: the row's people and organization).
fn named<R, V>(
    conn: &mut DbConnection,
    rows: Vec<R>,
    ids: impl Fn(&R) -> (Vec<String>, Option<String>),
    view: impl Fn(R, &Names) -> Result<V, AppError>,
) -> Result<Vec<V>, AppError> {
    let (mut people, mut org_ids) = (Vec::new(), Vec::new());
    for row in &rows {
        let (p, o) = ids(row);
        people.extend(p);
        org_ids.extend(o);
    }
    let mut names = Names {
        people: users::usernames(conn, &people)?.into_iter().collect(),
        orgs: HashMap::new(),
    };
    for id in org_ids {
        if let Some(org) = org_store::by_id(conn, &id)? {
            names.orgs.insert(id, org.handle);
        }
    }
    rows.into_iter().map(|r| view(r, &names)).collect()
}

/// The active verifications, newest first.
pub async fn verifications(ctx: &Ctx, admin: &User) -> Result<Vec<VerificationView>, AppError> {
    admin.require_admin()?;
    ctx.run(move |conn| {
        let rows = store::active_recent(conn, RECENT_LIMIT)?;
        named(
            conn,
            rows,
            |r| {
                let people = vec![r.user_id.clone(), r.verified_by.clone()];
                (people, r.organization_id.clone())
            },
            |r, names| {
                Ok(VerificationView {
                    username: names.person(&r.user_id),
                    method: VerificationMethod::parse(&r.method)?,
                    document_kind: DocumentKind::parse(&r.document_kind)?,
                    verified_by: names.person(&r.verified_by),
                    organization: names.org(r.organization_id),
                    verified_at: r.verified_at,
                    id: r.id,
                })
            },
        )
    })
    .await
}

/// The conflicts nobody resolved yet, oldest first.
pub async fn conflicts(ctx: &Ctx, admin: &User) -> Result<Vec<ConflictView>, AppError> {
    admin.require_admin()?;
    ctx.run(move |conn| {
        let rows = store::open_conflicts(conn)?;
        named(
            conn,
            rows,
            |r| {
                let people = vec![
                    r.user_id.clone(),
                    r.holder_id.clone(),
                    r.attempted_by.clone(),
                ];
                (people, r.organization_id.clone())
            },
            |r, names| {
                Ok(ConflictView {
                    username: names.person(&r.user_id),
                    holder: names.person(&r.holder_id),
                    method: VerificationMethod::parse(&r.method)?,
                    document_kind: DocumentKind::parse(&r.document_kind)?,
                    attempted_by: names.person(&r.attempted_by),
                    organization: names.org(r.organization_id),
                    attempted_at: r.attempted_at,
                    id: r.id,
                })
            },
        )
    })
    .await
}

fn revoke_in(
    conn: &mut DbConnection,
    id: &str,
    admin_id: &str,
    reason: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some(row) = store::verification(conn, id)? else {
        return Err(AppError::NotFound);
    };
    if !store::revoke(conn, id, now, admin_id, reason)? {
        return Ok(false);
    }
    trail::record(
        conn,
        Subject::Account,
        &row.user_id,
        "resident-verification-revoked",
        Some(admin_id),
        reason,
        now,
    )?;
    crate::privileged_log::record(
        conn,
        &crate::privileged_log::Entry::new(
            Some(admin_id),
            crate::privileged_log::Capacity::Registrar,
            crate::privileged_log::PrivilegedAction::ResidentVerificationRevoked,
            crate::privileged_log::Subject::Account,
            &row.user_id,
            now,
        )
        .detail(serde_json::json!({ "verification_id": id, "reason": reason })),
    )?;
    Ok(true)
}

/// Revokes one verification; the resident is back to their email level.
pub async fn revoke(
    ctx: &Ctx,
    admin: &User,
    verification_id: &str,
    reason: &str,
) -> Result<(), AppError> {
    admin.require_admin()?;
    let reason = reason_of(reason)?;
    let (id, admin_id, now) = (verification_id.to_owned(), admin.id.to_string(), ctx.now());
    ctx.db
        .write(move |conn| {
            if revoke_in(conn, &id, &admin_id, &reason, now)? {
                Ok(())
            } else {
                Err(AppError::IdentityAlreadyDecided)
            }
        })
        .await
}

/// Revokes every active verification granted before `before` (say, after a desk was found
/// careless); returns how many.
pub async fn revoke_granted_before(
    ctx: &Ctx,
    admin: &User,
    before: NaiveDateTime,
    reason: &str,
) -> Result<usize, AppError> {
    admin.require_admin()?;
    let reason = reason_of(reason)?;
    let (admin_id, now) = (admin.id.to_string(), ctx.now());
    ctx.db
        .write(move |conn| {
            let mut revoked = 0;
            for row in store::active_granted_before(conn, before)? {
                if revoke_in(conn, &row.id, &admin_id, &reason, now)? {
                    revoked += 1;
                }
            }
            Ok(revoked)
        })
        .await
}

/// Decides an open conflict: `dismissed` keeps the holder verified; `transferred` revokes
/// the holder's verification and verifies the account that presented the identifier.
pub async fn resolve_conflict(
    ctx: &Ctx,
    admin: &User,
    conflict_id: &str,
    resolution: &str,
) -> Result<(), AppError> {
    admin.require_admin()?;
    let resolution = ConflictResolution::parse(resolution)
        .map_err(|_| citysync_domain::DomainError::Required("resolution"))?;
    let (id, admin_id, now) = (conflict_id.to_owned(), admin.id.to_string(), ctx.now());
    ctx.db
        .write(move |conn| {
            let conflict: ConflictRow = store::conflict(conn, &id)?.ok_or(AppError::NotFound)?;
            if !store::resolve_conflict(conn, &id, now, &admin_id, resolution.as_str())? {
                return Err(AppError::IdentityAlreadyDecided);
            }
            if resolution == ConflictResolution::Transferred {
                transfer(conn, &conflict, &admin_id, now)?;
            }
            trail::record(
                conn,
                Subject::Account,
                &conflict.user_id,
                "identity-conflict-resolved",
                Some(&admin_id),
                resolution.as_str(),
                now,
            )?;
            Ok(())
        })
        .await
}

/// Moves the identifier from its holder to the account that presented it.
fn transfer(
    conn: &mut DbConnection,
    conflict: &ConflictRow,
    admin_id: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if store::active_of_user(conn, &conflict.user_id)?.is_some() {
        return Err(AppError::AlreadyResidentVerified);
    }
    if let Some(holder) = store::active_of_hash(conn, &conflict.identifier_hash)? {
        revoke_in(
            conn,
            &holder.id,
            admin_id,
            "identity-conflict-transferred",
            now,
        )?;
    }
    store::insert_verification(
        conn,
        &VerificationRow {
            id: secrets::new_id(),
            user_id: conflict.user_id.clone(),
            method: conflict.method.clone(),
            document_kind: conflict.document_kind.clone(),
            identifier_hash: conflict.identifier_hash.clone(),
            verified_by: conflict.attempted_by.clone(),
            organization_id: conflict.organization_id.clone(),
            verified_at: now,
            revoked_at: None,
            revoked_by: None,
            revoke_reason: None,
        },
    )?;
    Ok(())
}
