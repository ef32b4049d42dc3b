//! Organizations: created by verified residents, approved or declined by the city's
//! administrators, run by their members (owner, editor, verifier, cashier).

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
    pub state: OrganizationState,
    pub decision_reason: Option<String>,
    pub created_at: NaiveDateTime,
}

impl TryFrom<OrganizationRow> for Organization {
    type Error = AppError;
    fn try_from(row: OrganizationRow) -> Result<Self, AppError> {
        Ok(Organization {
            state: OrganizationState::parse(&row.state)?,
            id: row.id,
            handle: row.handle,
            name: row.name,
            description: row.description,
            is_issuer: row.is_issuer,
            is_redeemer: row.is_redeemer,
            contact_email: row.contact_email,
            website: row.website,
            logo_file: row.logo_file,
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
        state: OrganizationState::Pending.as_str().to_owned(),
        decision_reason: None,
        created_by: user.id.to_string(),
        created_at: now,
        decided_at: None,
        decided_by: None,
    };
    let uid = user.id.to_string();
    let saved = row.clone();
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
            )
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
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let org = load(conn, &handle)?;
                if org.is_approved() {
                    return Ok(org);
                }
                match &viewer {
                    Some(v)
                        if v.is_admin || role_of(conn, &org.id, &v.id.to_string())?.is_some() =>
                    {
                        Ok(org)
                    }
                    _ => Err(AppError::NotFound),
                }
            })())
        })
        .await?
}

/// Approved organizations by name, one page at a time.
pub async fn approved(ctx: &Ctx, limit: i64, offset: i64) -> Result<Vec<Organization>, AppError> {
    let rows = ctx
        .db
        .run(move |conn| store::in_state(conn, OrganizationState::Approved.as_str(), limit, offset))
        .await?;
    rows.into_iter().map(Organization::try_from).collect()
}

/// What waits for an administrator's decision, oldest first.
pub async fn pending(ctx: &Ctx, admin: &User) -> Result<Vec<Organization>, AppError> {
    admin.require_admin()?;
    let rows = ctx.db.run(store::pending).await?;
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
    ctx.db
        .run(move |conn| Ok(role_of(conn, &org_id, &uid)))
        .await?
}

/// The organizations a person belongs to, with their role.
pub async fn of_user(ctx: &Ctx, user: &User) -> Result<Vec<(Organization, Role)>, AppError> {
    let uid = user.id.to_string();
    let rows = ctx.db.run(move |conn| store::of_user(conn, &uid)).await?;
    rows.into_iter()
        .map(|(row, role)| Ok((Organization::try_from(row)?, Role::parse(&role)?)))
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user_id: String,
    pub username: String,
    pub role: Role,
    pub since: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct PendingInvitation {
    pub id: String,
    pub organization_handle: String,
    pub organization_name: String,
    pub invitee: String,
    pub role: Role,
    pub created_at: NaiveDateTime,
}

/// Members and pending invitations, for the organization's own members.
pub async fn members(
    ctx: &Ctx,
    org: &Organization,
    viewer: &User,
) -> Result<(Vec<Member>, Vec<PendingInvitation>), AppError> {
    let org = org.clone();
    let viewer = viewer.clone();
    let now = ctx.now();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                if role_of(conn, &org.id, &viewer.id.to_string())?.is_none() && !viewer.is_admin {
                    return Err(AppError::Forbidden);
                }
                let members = store::members(conn, &org.id)?
                    .into_iter()
                    .map(|(m, username)| {
                        Ok(Member {
                            role: Role::parse(&m.role)?,
                            user_id: m.user_id,
                            username,
                            since: m.created_at,
                        })
                    })
                    .collect::<Result<Vec<_>, AppError>>()?;
                // An invitation by address shows the address, whether or not it has an
                // account (the username would tell the members which addresses do).
                let mut invitations = store::pending_invitations_of(conn, &org.id)?
                    .into_iter()
                    .map(|(i, username)| {
                        Ok(PendingInvitation {
                            role: Role::parse(&i.role)?,
                            id: i.id,
                            organization_handle: org.handle.clone(),
                            organization_name: org.name.clone(),
                            invitee: i.invited_as.unwrap_or(username),
                            created_at: i.created_at,
                        })
                    })
                    .collect::<Result<Vec<_>, AppError>>()?;
                for i in store::pending_email_invitations_of(conn, &org.id, now)? {
                    invitations.push(PendingInvitation {
                        role: Role::parse(&i.role)?,
                        id: i.id,
                        organization_handle: org.handle.clone(),
                        organization_name: org.name.clone(),
                        invitee: i.email,
                        created_at: i.created_at,
                    });
                }
                invitations.sort_by_key(|i| i.created_at);
                Ok((members, invitations))
            })())
        })
        .await?
}

/// How long a mailed invitation's sign-up link works.
const EMAIL_INVITATION_DAYS: i64 = 14;

/// An owner invites a resident, named by username or email address, to a role. The
/// invitee accepts or declines; nothing changes until they do.
///
/// By email the answer is the same whether or not the address has an account, and whether
/// or not it is already a member or invited (no account enumeration, issue 23): an account
/// gets the invitation and its notification mail; an address without one gets a mail whose
/// sign-up link joins the organization when an account is made with that address.
pub async fn invite(
    ctx: &Ctx,
    owner: &User,
    handle: &str,
    who: &str,
    role: &str,
) -> Result<(), AppError> {
    owner.require_verified()?;
    let role = Role::parse_role(role)?;
    let who = who.trim().to_owned();
    let handle = handle.to_owned();
    let owner = owner.clone();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = load(conn, &handle)?;
            require(conn, &org.id, &owner, Capability::ManageMembers)?;
            let by_email = who.trim_start_matches('@').contains('@');
            let mut invited_as = None;
            let invitee = if by_email {
                let email = EmailAddress::parse(&who)?;
                invited_as = Some(email.as_str().to_owned());
                match users::by_email(conn, email.as_str())? {
                    Some(row) => row,
                    None => {
                        return invite_address(conn, &ctx2, &org, &owner, role, &email, now);
                    }
                }
            } else {
                // Usernames are public (profiles, actors): no secret to keep here.
                let name = Username::parse(who.trim_start_matches('@'))
                    .map_err(|_| AppError::InviteeUnknown)?;
                users::by_username(conn, name.as_str())?.ok_or(AppError::InviteeUnknown)?
            };
            if store::membership(conn, &org.id, &invitee.id)?.is_some() {
                return if by_email {
                    Ok(())
                } else {
                    Err(AppError::AlreadyMember)
                };
            }
            let id = secrets::new_id();
            let inserted = store::insert_invitation(
                conn,
                &InvitationRow {
                    id: id.clone(),
                    organization_id: org.id.clone(),
                    role: role.as_str().to_owned(),
                    invitee_id: invitee.id.clone(),
                    invited_by: owner.id.to_string(),
                    state: InvitationState::Pending.as_str().to_owned(),
                    created_at: now,
                    decided_at: None,
                    invited_as: invited_as.clone(),
                },
            )
            .map_err(|e| {
                if e.is_unique_violation() {
                    AppError::AlreadyInvited
                } else {
                    AppError::from(e)
                }
            });
            match inserted {
                Err(AppError::AlreadyInvited) if by_email => return Ok(()),
                other => other?,
            }
            trail::record(
                conn,
                Subject::Organization,
                &org.id,
                "member_invited",
                Some(&owner.id.to_string()),
                &format!(
                    "{} {}",
                    invited_as.as_deref().unwrap_or(&invitee.username),
                    role.as_str()
                ),
                now,
            )?;
            notifications::notify(
                conn,
                &ctx2,
                &invitee.id,
                Notice {
                    kind: NoticeKind::Invitation,
                    subject_id: &id,
                    about: &org.name,
                    link: "/notifications".to_owned(),
                    feedback: None,
                },
                now,
            )
        })
        .await
}

/// Mails an invitation to an address that has no account: its link leads to sign-up, and
/// an account made there with this address joins `org` as `role`.
fn invite_address(
    conn: &mut DbConnection,
    ctx: &Ctx,
    org: &Organization,
    owner: &User,
    role: Role,
    email: &EmailAddress,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let token = secrets::new_token();
    store::insert_email_invitation(
        conn,
        &store::EmailInvitationRow {
            id: secrets::new_id(),
            organization_id: org.id.clone(),
            role: role.as_str().to_owned(),
            email: email.as_str().to_owned(),
            token_hash: secrets::hash_token(&token),
            invited_by: owner.id.to_string(),
            created_at: now,
            expires_at: now + chrono::Duration::days(EMAIL_INVITATION_DAYS),
            used_at: None,
        },
    )?;
    trail::record(
        conn,
        Subject::Organization,
        &org.id,
        "member_invited",
        Some(&owner.id.to_string()),
        &format!("{} {}", email.as_str(), role.as_str()),
        now,
    )?;
    let city = crate::accounts::city_name(conn)?;
    let locale = crate::accounts::mail_locale(conn, None)?;
    crate::mail_outbox::enqueue(
        conn,
        ctx,
        &citysync_mail::MailKind::OrganizationInvitation {
            username: email.as_str().to_owned(),
            organization: org.name.clone(),
            link: ctx.settings.url(&format!("/signup?invitation={token}")),
        },
        locale,
        email.as_str(),
        &city,
    )?;
    Ok(())
}

/// Spends a mailed invitation for a new account that signed up with its address: the
/// account joins the organization. Returns false (and changes nothing) when the link is
/// unknown, spent, expired or was sent to another address.
pub(crate) fn join_by_email_invitation(
    conn: &mut DbConnection,
    token: &str,
    user_id: &str,
    email: &EmailAddress,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some(inv) = store::email_invitation_by_token(conn, &secrets::hash_token(token))? else {
        return Ok(false);
    };
    if inv.used_at.is_some()
        || inv.expires_at <= now
        || !inv.email.eq_ignore_ascii_case(email.as_str())
        || !store::use_email_invitation(conn, &inv.id, now)?
    {
        return Ok(false);
    }
    store::add_member(
        conn,
        &MembershipRow {
            organization_id: inv.organization_id.clone(),
            user_id: user_id.to_owned(),
            role: inv.role.clone(),
            created_at: now,
        },
    )?;
    trail::record(
        conn,
        Subject::Organization,
        &inv.organization_id,
        "member_joined",
        Some(user_id),
        &inv.role,
        now,
    )?;
    Ok(true)
}

/// A person's pending invitations.
pub async fn invitations_for(ctx: &Ctx, user: &User) -> Result<Vec<PendingInvitation>, AppError> {
    let uid = user.id.to_string();
    let username = user.username.to_string();
    let rows = ctx
        .db
        .run(move |conn| store::pending_invitations_for(conn, &uid))
        .await?;
    rows.into_iter()
        .map(|(i, handle, name)| {
            Ok(PendingInvitation {
                role: Role::parse(&i.role)?,
                id: i.id,
                organization_handle: handle,
                organization_name: name,
                invitee: username.clone(),
                created_at: i.created_at,
            })
        })
        .collect()
}

/// The invitee accepts (becoming a member with the offered role) or declines.
pub async fn answer_invitation(
    ctx: &Ctx,
    user: &User,
    id: &str,
    accept: bool,
) -> Result<(), AppError> {
    user.require_verified()?;
    let id = id.to_owned();
    let uid = user.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let inv = store::invitation(conn, &id)?.ok_or(AppError::NotFound)?;
            if inv.invitee_id != uid {
                return Err(AppError::NotFound);
            }
            let to = if accept {
                InvitationState::Accepted
            } else {
                InvitationState::Declined
            };
            if !store::decide_invitation(conn, &id, to.as_str(), now)? {
                return Err(AppError::Conflict);
            }
            if accept {
                if store::membership(conn, &inv.organization_id, &uid)?.is_some() {
                    return Err(AppError::AlreadyMember);
                }
                store::add_member(
                    conn,
                    &MembershipRow {
                        organization_id: inv.organization_id.clone(),
                        user_id: uid.clone(),
                        role: inv.role.clone(),
                        created_at: now,
                    },
                )?;
            }
            trail::record(
                conn,
                Subject::Organization,
                &inv.organization_id,
                if accept {
                    "member_joined"
                } else {
                    "invitation_declined"
                },
                Some(&uid),
                &inv.role,
                now,
            )
        })
        .await
}

/// An owner changes a member's role; the last owner cannot stop being one.
pub async fn change_role(
    ctx: &Ctx,
    owner: &User,
    handle: &str,
    member_id: &str,
    role: &str,
) -> Result<(), AppError> {
    let role = Role::parse_role(role)?;
    change_membership(ctx, owner, handle, member_id, Some(role)).await
}

/// An owner removes a member (never the last owner).
pub async fn remove_member(
    ctx: &Ctx,
    owner: &User,
    handle: &str,
    member_id: &str,
) -> Result<(), AppError> {
    change_membership(ctx, owner, handle, member_id, None).await
}

async fn change_membership(
    ctx: &Ctx,
    owner: &User,
    handle: &str,
    member_id: &str,
    role: Option<Role>,
) -> Result<(), AppError> {
    let handle = handle.to_owned();
    let member_id = member_id.to_owned();
    let owner = owner.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = load(conn, &handle)?;
            require(conn, &org.id, &owner, Capability::ManageMembers)?;
            let current = role_of(conn, &org.id, &member_id)?.ok_or(AppError::NotFound)?;
            let stays_owner = role == Some(Role::Owner);
            if current == Role::Owner
                && !stays_owner
                && store::count_with_role(conn, &org.id, Role::Owner.as_str())? <= 1
            {
                return Err(AppError::LastOwner);
            }
            let actor = owner.id.to_string();
            match role {
                Some(role) => {
                    store::set_role(conn, &org.id, &member_id, role.as_str())?;
                    trail::record(
                        conn,
                        Subject::Organization,
                        &org.id,
                        "role_changed",
                        Some(&actor),
                        &format!("{member_id} {}", role.as_str()),
                        now,
                    )
                }
                None => {
                    store::remove_member(conn, &org.id, &member_id)?;
                    trail::record(
                        conn,
                        Subject::Organization,
                        &org.id,
                        "member_removed",
                        Some(&actor),
                        &member_id,
                        now,
                    )
                }
            }
        })
        .await
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
        .db
        .run(move |conn| citysync_storage::claims::organization_counts(conn, &org_id))
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
    ctx.db
        .run(move |conn| Ok(trail::of(conn, Subject::Organization, &org_id)))
        .await?
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
        ctx.db
            .run(move |conn| citysync_storage::organizations::actor_keys(conn, &id2))
            .await?,
    ) {
        return Ok(keys);
    }
    let (public, private) = tokio::task::spawn_blocking(crate::instance::generate_rsa_keypair)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let seed = hex::encode(rand::random::<[u8; 32]>());
    ctx.db
        .write(move |conn| {
            citysync_storage::organizations::set_actor_keys_once(
                conn, &id, &public, &private, &seed,
            )?;
            stored(citysync_storage::organizations::actor_keys(conn, &id)?)
                .ok_or_else(|| AppError::Internal("organization keys vanished".into()))
        })
        .await
}

/// A local organization by id, approved or not (the federation shows only approved ones).
pub async fn by_id(ctx: &Ctx, org_id: &str) -> Result<Organization, AppError> {
    let id = org_id.to_owned();
    ctx.db.run(move |conn| Ok(load_by_id(conn, &id))).await?
}
