//! Organizations: created by verified residents, approved or declined by the city's
//! administrators, run by their members (owner, editor, verifier, cashier).

mod address;
mod membership;

pub use address::{set_address, ADDRESS_MAX};
pub(crate) use membership::join_by_email_invitation;
pub use membership::{
    answer_invitation, change_role, invitations_for, invite, members, remove_member, Member,
    PendingInvitation,
};

use crate::notifications::{self, Notice, NoticeKind};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::organization::{
    Capability, InvitationState, OrganizationHandle, OrganizationProfile, OrganizationState, Role,
};
use citysync_domain::{text, EmailAddress, Username};
use citysync_storage::organizations::{
    self as store, InvitationRow, MembershipRow, OrganizationRow,
};
use citysync_storage::{users, DbConnection};
use serde::Serialize;

/// An organization as the pages and the API see it.
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub id: String,
    pub handle: String,
    pub name: String,
    pub description: String,
    pub is_issuer: bool,
    pub is_redeemer: bool,
    pub contact_email: String,
    pub website: Option<String>,
    pub logo_file: Option<String>,
    /// The postal address ("" when not given), shown with an "open in maps" link.
    pub address: String,
    pub state: OrganizationState,
    pub decision_reason: Option<String>,
    pub created_at: NaiveDateTime,
}

impl TryFrom<OrganizationRow> for Organization {
    type Error = AppError;
    fn try_from(row: OrganizationRow) -> Result<Self, AppError> {
        Ok(Organization {
            state: row.state,
            id: row.id,
            handle: row.handle,
            name: row.name,
            description: row.description,
            is_issuer: row.is_issuer,
            is_redeemer: row.is_redeemer,
            contact_email: row.contact_email,
            website: row.website,
            logo_file: row.logo_file,
            address: row.address,
            decision_reason: row.decision_reason,
            created_at: row.created_at,
        })
    }
}

impl Organization {
    pub fn is_approved(&self) -> bool {
        self.state == OrganizationState::Approved
    }
}

/// What a resident types to create an organization.
#[derive(Debug, Clone, Default)]
pub struct NewOrganization {
    pub handle: String,
    pub name: String,
    pub description: String,
    pub is_issuer: bool,
    pub is_redeemer: bool,
    pub contact_email: String,
    pub website: String,
}

/// A verified resident creates an organization; it waits for an administrator, and its
/// creator becomes its first owner.
pub async fn create(
    ctx: &Ctx,
    user: &User,
    new: NewOrganization,
) -> Result<Organization, AppError> {
    user.require_verified()?;
    let handle = OrganizationHandle::parse(&new.handle)?;
    let profile = OrganizationProfile::new(
        &new.name,
        &new.description,
        new.is_issuer,
        new.is_redeemer,
        &new.contact_email,
        &new.website,
    )?;
    let now = ctx.now();
    let row = OrganizationRow {
        id: secrets::new_id(),
        handle: handle.as_str().to_owned(),
        name: profile.name,
        description: profile.description,
        is_issuer: profile.is_issuer,
        is_redeemer: profile.is_redeemer,
        contact_email: profile.contact_email.as_str().to_owned(),
        website: profile.website,
        logo_file: None,
        state: OrganizationState::Pending,
        decision_reason: None,
        created_by: user.id.to_string(),
        created_at: now,
        decided_at: None,
        decided_by: None,
        address: String::new(),
    };
    let uid = user.id.to_string();
    let saved = row.clone();
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            if store::by_handle(conn, &row.handle)?.is_some()
                || users::by_username(conn, &row.handle)?.is_some()
            {
                return Err(AppError::HandleTaken);
            }
            store::insert(conn, &row)?;
            store::add_member(
                conn,
                &MembershipRow {
                    organization_id: row.id.clone(),
                    user_id: uid.clone(),
                    role: Role::Owner.as_str().to_owned(),
                    created_at: now,
                },
            )?;
            trail::record(
                conn,
                Subject::Organization,
                &row.id,
                "created",
                Some(&uid),
                "",
                now,
            )?;
            crate::notices::organizations::pending(conn, &ctx2, &row.id, &row.name, &uid, now)
        })
        .await
        .map_err(|e| match e {
            AppError::Storage(s) if s.is_unique_violation() => AppError::HandleTaken,
            other => other,
        })?;
    Organization::try_from(saved)
}

/// An administrator approves or declines a pending organization (a reason is required to
/// decline). Deciding twice is refused, so a double click changes nothing.
pub async fn decide(
    ctx: &Ctx,
    admin: &User,
    handle: &str,
    approve: bool,
    reason: &str,
) -> Result<Organization, AppError> {
    admin.require_admin()?;
    let reason = if approve {
        text::optional("reason", reason, 1000)?
    } else {
        text::required("reason", reason, 1000)?
    };
    let handle = handle.to_owned();
    let by = admin.id.to_string();
    let now = ctx.now();
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let org = load(conn, &handle)?;
            let next = org.state.decide(approve)?;
            let reason = Some(reason).filter(|r| !r.is_empty());
            if !store::decide(
                conn,
                &org.id,
                org.state.as_str(),
                next.as_str(),
                reason.as_deref(),
                &by,
                now,
            )? {
                return Err(AppError::Conflict);
            }
            trail::record(
                conn,
                Subject::Organization,
                &org.id,
                next.as_str(),
                Some(&by),
                reason.as_deref().unwrap_or(""),
                now,
            )?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::new(
                    Some(&by),
                    crate::privileged_log::Capacity::Administrator,
                    if approve {
                        crate::privileged_log::PrivilegedAction::OrganizationApproved
                    } else {
                        crate::privileged_log::PrivilegedAction::OrganizationDeclined
                    },
                    crate::privileged_log::Subject::Organization,
                    &org.id,
                    now,
                )
                .detail(serde_json::json!({ "handle": org.handle, "reason": reason })),
            )?;
            crate::notices::organizations::decided(
                conn,
                &ctx2,
                &org.id,
                &org.handle,
                &org.name,
                approve,
                reason.as_deref(),
                &by,
                now,
            )?;
            Organization::try_from(store::by_id(conn, &org.id)?.ok_or(AppError::NotFound)?)
        })
        .await
}

pub(crate) fn load(conn: &mut DbConnection, handle: &str) -> Result<Organization, AppError> {
    Organization::try_from(store::by_handle(conn, handle)?.ok_or(AppError::NotFound)?)
}

pub(crate) fn load_by_id(conn: &mut DbConnection, id: &str) -> Result<Organization, AppError> {
    Organization::try_from(store::by_id(conn, id)?.ok_or(AppError::NotFound)?)
}

/// The organization as `viewer` may see it: approved ones are public; pending or declined
/// ones only to their members and administrators.
pub async fn by_handle(
    ctx: &Ctx,
    handle: &str,
    viewer: Option<&User>,
) -> Result<Organization, AppError> {
    let handle = handle.to_owned();
    let viewer = viewer.cloned();
    ctx.run(move |conn| {
        let org = load(conn, &handle)?;
        if org.is_approved() {
            return Ok(org);
        }
        match &viewer {
            Some(v) if v.is_admin || role_of(conn, &org.id, &v.id.to_string())?.is_some() => {
                Ok(org)
            }
            _ => Err(AppError::NotFound),
        }
    })
    .await
}

/// Approved organizations by name, one page at a time.
pub async fn approved(ctx: &Ctx, limit: i64, offset: i64) -> Result<Vec<Organization>, AppError> {
    let rows = ctx
        .run(move |conn| {
            Ok(store::in_state(
                conn,
                OrganizationState::Approved,
                limit,
                offset,
            )?)
        })
        .await?;
    rows.into_iter().map(Organization::try_from).collect()
}

/// What waits for an administrator's decision, oldest first.
pub async fn pending(ctx: &Ctx, admin: &User) -> Result<Vec<Organization>, AppError> {
    admin.require_admin()?;
    let rows = ctx.run(|conn| Ok(store::pending(conn)?)).await?;
    rows.into_iter().map(Organization::try_from).collect()
}

/// The viewer's role in an organization, if a member.
pub(crate) fn role_of(
    conn: &mut DbConnection,
    org_id: &str,
    user_id: &str,
) -> Result<Option<Role>, AppError> {
    match store::membership(conn, org_id, user_id)? {
        Some(m) => Ok(Some(Role::parse(&m.role)?)),
        None => Ok(None),
    }
}

/// Refuses unless `user` is a member whose role grants `capability`.
pub(crate) fn require(
    conn: &mut DbConnection,
    org_id: &str,
    user: &User,
    capability: Capability,
) -> Result<Role, AppError> {
    match role_of(conn, org_id, &user.id.to_string())? {
        Some(role) if role.can(capability) => Ok(role),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn role(ctx: &Ctx, org_id: &str, user: &User) -> Result<Option<Role>, AppError> {
    let org_id = org_id.to_owned();
    let uid = user.id.to_string();
    ctx.run(move |conn| role_of(conn, &org_id, &uid)).await
}

/// The organizations a person belongs to, with their role.
pub async fn of_user(ctx: &Ctx, user: &User) -> Result<Vec<(Organization, Role)>, AppError> {
    let uid = user.id.to_string();
    let rows = ctx.run(move |conn| Ok(store::of_user(conn, &uid)?)).await?;
    rows.into_iter()
        .map(|(row, role)| Ok((Organization::try_from(row)?, Role::parse(&role)?)))
        .collect()
}

/// The organization's public counts.
#[derive(Debug, Clone, Serialize)]
pub struct PublicCounts {
    pub opportunities_issued: i64,
    pub claims_verified: i64,
    /// The median time from submission to decision, in hours (one decimal); `None` before
    /// the first decision.
    pub median_decision_hours: Option<f64>,
}

pub async fn public_counts(ctx: &Ctx, org_id: &str) -> Result<PublicCounts, AppError> {
    let org_id = org_id.to_owned();
    let (issued, verified, pairs) = ctx
        .run(move |conn| {
            Ok(citysync_storage::claims::organization_counts(
                conn, &org_id,
            )?)
        })
        .await?;
    let mut secs: Vec<i64> = pairs
        .iter()
        .map(|(s, d)| (*d - *s).num_seconds().max(0))
        .collect();
    secs.sort_unstable();
    let median = match secs.len() {
        0 => None,
        n if n % 2 == 1 => secs.get(n / 2).map(|s| *s as f64),
        n => match (secs.get(n / 2 - 1), secs.get(n / 2)) {
            (Some(a), Some(b)) => Some((*a + *b) as f64 / 2.0),
            _ => None,
        },
    };
    Ok(PublicCounts {
        opportunities_issued: issued,
        claims_verified: verified,
        median_decision_hours: median.map(|s| (s / 360.0).round() / 10.0),
    })
}

/// An organization's public trail.
pub async fn trail(ctx: &Ctx, org_id: &str) -> Result<Vec<trail::TrailEntry>, AppError> {
    let org_id = org_id.to_owned();
    ctx.run(move |conn| trail::of(conn, Subject::Organization, &org_id))
        .await
}

/// An organization's actor keys: RSA for HTTP signatures, and the Ed25519 seed (hex) that
/// signs its contribution attestations.
#[derive(Debug, Clone)]
pub struct ActorKeys {
    pub public_pem: String,
    pub private_pem: String,
    pub attestation_seed_hex: String,
}

/// The organization's actor keys, made on first use (and kept if another process was first).
pub async fn actor_keys(ctx: &Ctx, org_id: &str) -> Result<ActorKeys, AppError> {
    let id = org_id.to_owned();
    let stored = |keys: citysync_storage::organizations::ActorKeys| match keys {
        (Some(public_pem), Some(private_pem), Some(attestation_seed_hex)) => Some(ActorKeys {
            public_pem,
            private_pem,
            attestation_seed_hex,
        }),
        _ => None,
    };
    let id2 = id.clone();
    if let Some(keys) = stored(
        ctx.run(move |conn| Ok(citysync_storage::organizations::actor_keys(conn, &id2)?))
            .await?,
    ) {
        return Ok(keys);
    }
    let (public, private) = tokio::task::spawn_blocking(crate::instance::generate_rsa_keypair)
        .await
        .map_err(AppError::internal)??;
    let seed = hex::encode(rand::random::<[u8; 32]>());
    ctx.db
        .write(move |conn| {
            citysync_storage::organizations::set_actor_keys_once(
                conn, &id, &public, &private, &seed,
            )?;
            stored(citysync_storage::organizations::actor_keys(conn, &id)?)
                .ok_or_else(|| AppError::internal("organization keys vanished"))
        })
        .await
}

/// A local organization by id, approved or not (the federation shows only approved ones).
pub async fn by_id(ctx: &Ctx, org_id: &str) -> Result<Organization, AppError> {
    let id = org_id.to_owned();
    ctx.run(move |conn| Ok(load_by_id(conn, &id))).await?
}
