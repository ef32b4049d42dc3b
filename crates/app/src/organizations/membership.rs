//! An organization's members: invitations by username or by email (answered the same
//! whether or not the address has an account), answers to them, roles and removals; the
//! last owner always stays.

use super::*;
use crate::privileged_log::{Capacity, Entry, PrivilegedAction, Subject as LogSubject};
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
    ctx.run(move |conn| {
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
    })
    .await
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
                    state: InvitationState::Pending,
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
            log_role(
                conn,
                &owner.id.to_string(),
                PrivilegedAction::MemberInvited,
                &org,
                serde_json::json!({ "invitee": invitee.username, "role": role.as_str() }),
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
    log_role(
        conn,
        &owner.id.to_string(),
        PrivilegedAction::MemberInvited,
        org,
        serde_json::json!({ "invitee": "email", "role": role.as_str() }),
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
    crate::privileged_log::record(
        conn,
        &Entry::new(
            Some(user_id),
            Capacity::Owner,
            PrivilegedAction::InvitationAccepted,
            LogSubject::Organization,
            &inv.organization_id,
            now,
        )
        .detail(serde_json::json!({ "role": inv.role })),
    )?;
    Ok(true)
}

/// A person's pending invitations.
pub async fn invitations_for(ctx: &Ctx, user: &User) -> Result<Vec<PendingInvitation>, AppError> {
    let uid = user.id.to_string();
    let username = user.username.to_string();
    let rows = ctx
        .run(move |conn| Ok(store::pending_invitations_for(conn, &uid)?))
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
            )?;
            if accept {
                crate::privileged_log::record(
                    conn,
                    &Entry::new(
                        Some(&uid),
                        Capacity::Owner,
                        PrivilegedAction::InvitationAccepted,
                        LogSubject::Organization,
                        &inv.organization_id,
                        now,
                    )
                    .detail(serde_json::json!({ "role": inv.role })),
                )?;
            }
            Ok(())
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
                    )?;
                    log_role(
                        conn,
                        &actor,
                        PrivilegedAction::MemberRoleChanged,
                        &org,
                        serde_json::json!({ "member_id": member_id, "role": role.as_str() }),
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
                    )?;
                    log_role(
                        conn,
                        &actor,
                        PrivilegedAction::MemberRemoved,
                        &org,
                        serde_json::json!({ "member_id": member_id }),
                        now,
                    )
                }
            }
        })
        .await
}

/// Records an owner's act on the organization's roles in the privileged-action log.
fn log_role(
    conn: &mut DbConnection,
    actor: &str,
    action: PrivilegedAction,
    org: &Organization,
    detail: serde_json::Value,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut detail = detail;
    if let Some(map) = detail.as_object_mut() {
        map.insert("handle".to_owned(), serde_json::json!(org.handle));
    }
    crate::privileged_log::record(
        conn,
        &Entry::new(
            Some(actor),
            Capacity::Owner,
            action,
            LogSubject::Organization,
            &org.id,
            now,
        )
        .detail(detail),
    )?;
    Ok(())
}
