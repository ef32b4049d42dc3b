//! A resident links a fediverse account (issue 24). In the settings they type its handle;
//! the federation worker resolves it by WebFinger and sends the actor, from the city, a
//! direct message with a one-time link ([`requested`], [`sent`]); opening that link while
//! signed in as the same resident links the actor ([`confirm`]). Then the actor's `Join`s are
//! the resident's claims (see `claims::remote`), and its places held at link time become
//! theirs. Only the link's hash is kept; it expires after [`LINK_HOURS`].

use crate::claims::remote::claim_participations;
use crate::{notifications, secrets, throttle, AppError, Ctx, User};
use chrono::{Duration, NaiveDateTime};
use citysync_domain::identity::LinkRequestState;
use citysync_domain::UserId;
use citysync_i18n::Moment;
use citysync_storage::fediverse::{self as store, LinkRequestRow, LinkRow};
use serde::Serialize;

/// How long the link in the direct message works.
pub const LINK_HOURS: i64 = 24;

/// Direct messages a resident may have the city send per hour (each to an account they
/// name: the city must not become a way to message strangers).
const REQUESTS_PER_HOUR: throttle::Limit = throttle::Limit {
    max: 3,
    window_secs: 3600,
};

/// A handle as people write it (`@alice@social.example` or `alice@social.example`), without
/// its leading `@`; `FediverseHandleInvalid` for anything else (a URL, spaces, no host).
pub fn parse_handle(input: &str) -> Result<String, AppError> {
    let handle = input.trim().trim_start_matches('@');
    let Some((name, host)) = handle.split_once('@') else {
        return Err(AppError::FediverseHandleInvalid);
    };
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | ':'))
        && !host.starts_with(['.', '-', ':']);
    if !name_ok || !host_ok || handle.len() > 300 {
        return Err(AppError::FediverseHandleInvalid);
    }
    Ok(handle.to_owned())
}

/// The resident asks to link the account `handle`. A resident with a linked account unlinks
/// it first; a new request replaces an open one (its link stops working). At most
/// [`REQUESTS_PER_HOUR`] an hour.
pub async fn request(ctx: &Ctx, user: &User, handle: &str) -> Result<(), AppError> {
    user.require_verified()?;
    let handle = parse_handle(handle)?;
    let (uid, now, ctx2) = (user.id.to_string(), ctx.now(), ctx.clone());
    ctx.db
        .write(move |conn| {
            if store::link_of_user(conn, &uid)?.is_some() {
                return Err(AppError::FediverseAlreadyLinked);
            }
            let bucket = format!("fediverse-link:{uid}");
            throttle::hit(conn, &ctx2, &bucket, REQUESTS_PER_HOUR)?;
            store::supersede_requests(conn, &uid)?;
            store::insert_request(
                conn,
                &LinkRequestRow {
                    id: secrets::new_id(),
                    user_id: uid,
                    handle,
                    state: LinkRequestState::Requested,
                    actor: None,
                    inbox: None,
                    token_hash: None,
                    requested_at: now,
                    sent_at: None,
                    expires_at: None,
                    used_at: None,
                },
            )?;
            Ok(())
        })
        .await
}

/// Where a link request stands, as the settings page tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestState {
    /// Not sent yet: the handle is being looked up.
    Requested,
    /// The message with the link was sent.
    Sent,
    /// The handle did not lead to an account.
    Unresolved,
    /// The link was sent and is no longer valid.
    Expired,
}

/// An open (or failed) link request.
#[derive(Debug, Clone, Serialize)]
pub struct PendingLink {
    /// `@alice@social.example`.
    pub handle: String,
    pub state: RequestState,
    pub expires_at: Option<NaiveDateTime>,
}

/// The linked account.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    pub handle: String,
    /// The actor's id, a link to its profile.
    pub actor: String,
    pub linked_at: NaiveDateTime,
}

impl From<LinkRow> for Linked {
    fn from(row: LinkRow) -> Linked {
        Linked {
            handle: row.handle,
            actor: row.actor,
            linked_at: row.linked_at,
        }
    }
}

/// The resident's fediverse account: linked, or the request under way.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub linked: Option<Linked>,
    pub pending: Option<PendingLink>,
}

pub async fn status(ctx: &Ctx, user: &User) -> Result<Status, AppError> {
    let (uid, now) = (user.id.to_string(), ctx.now());
    ctx.run(move |conn| -> Result<Status, AppError> {
        if let Some(link) = store::link_of_user(conn, &uid)? {
            return Ok(Status {
                linked: Some(link.into()),
                pending: None,
            });
        }
        let pending = store::latest_request(conn, &uid)?.and_then(|r| {
            let state = match r.state {
                LinkRequestState::Requested => RequestState::Requested,
                LinkRequestState::Sent if r.expires_at.is_some_and(|e| e > now) => {
                    RequestState::Sent
                }
                LinkRequestState::Sent => RequestState::Expired,
                LinkRequestState::Unresolved => RequestState::Unresolved,
                _ => return None,
            };
            Some(PendingLink {
                handle: format!("@{}", r.handle),
                state,
                expires_at: r.expires_at,
            })
        });
        Ok(Status {
            linked: None,
            pending,
        })
    })
    .await
}

/// A request for the federation worker to look up and send.
#[derive(Debug, Clone)]
pub struct LinkRequest {
    pub id: String,
    pub user_id: UserId,
    /// `alice@social.example`.
    pub handle: String,
}

/// Requests waiting to be sent, oldest first.
pub async fn requested(ctx: &Ctx, limit: i64) -> Result<Vec<LinkRequest>, AppError> {
    let rows = ctx
        .run(move |conn| Ok(store::requested(conn, limit)?))
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(LinkRequest {
                user_id: r
                    .user_id
                    .parse()
                    .map_err(|_| AppError::internal(format!("link request {}: user id", r.id)))?,
                id: r.id,
                handle: r.handle,
            })
        })
        .collect()
}

/// The words of the direct message, in the resident's language, for the federation worker
/// to put around the link (`fediverse-link-message`, with the city's name and the resident's
/// username) and after it (`fediverse-link-expiry`, on the city's clock).
#[derive(Debug, Clone)]
pub struct MessageText {
    pub before_link: String,
    pub after_link: String,
    /// `https://city.example/settings/fediverse/confirm?token=…`.
    pub link: String,
    pub token: String,
    pub expires_at: NaiveDateTime,
}

/// A fresh one-time link for the request and the message that carries it.
pub async fn message(ctx: &Ctx, request: &LinkRequest) -> Result<MessageText, AppError> {
    let token = secrets::new_token();
    let link = ctx
        .settings
        .url(&format!("/settings/fediverse/confirm?token={token}"));
    let expires_at = ctx.now() + Duration::hours(LINK_HOURS);
    let (uid, ctx2) = (request.user_id.to_string(), ctx.clone());
    ctx.run(move |conn| {
        let (locale, zone) = notifications::reader(conn, &uid)?;
        let user = citysync_storage::users::by_id(conn, &uid)?.ok_or(AppError::NotFound)?;
        let city = citysync_storage::instance::get(conn)?
            .and_then(|c| c.name)
            .unwrap_or_default();
        let i18n = &ctx2.i18n;
        let before_link = i18n.message(
            locale,
            "fediverse-link-message",
            &[
                ("city", city.as_str().into()),
                ("username", user.username.as_str().into()),
            ],
        );
        let until = i18n.moment(locale, zone, expires_at, Moment::DateTime);
        let after_link = i18n.message(locale, "fediverse-link-expiry", &[("until", until.into())]);
        Ok(MessageText {
            before_link,
            after_link,
            link,
            token,
            expires_at,
        })
    })
    .await
}

/// The actor a handle resolved to.
#[derive(Debug, Clone)]
pub struct ResolvedActor {
    pub actor: String,
    /// `@alice@social.example`, as the actor names itself.
    pub handle: String,
    pub inbox: url::Url,
}

/// The direct message, rendered by the federation crate: `body` (an activity by `sender`).
#[derive(Debug, Clone)]
pub struct DirectMessage {
    pub activity_id: String,
    pub sender: String,
    pub body: String,
}

/// Records that the request's link goes to `resolved` and queues the message, in one
/// transaction; nothing when the request was replaced meanwhile. `Err` marks it unresolved.
pub async fn sent(
    ctx: &Ctx,
    request: &LinkRequest,
    outcome: Result<(ResolvedActor, &MessageText, DirectMessage), String>,
) -> Result<(), AppError> {
    let (ctx2, id, now) = (ctx.clone(), request.id.clone(), ctx.now());
    let outcome = outcome
        .map(|(actor, text, dm)| (actor, secrets::hash_token(&text.token), text.expires_at, dm));
    ctx.db
        .write(move |conn| {
            match &outcome {
                Ok((resolved, hash, expires_at, dm)) => {
                    let inbox = resolved.inbox.to_string();
                    let what = (resolved.actor.as_str(), inbox.as_str(), hash.as_str());
                    if store::mark_sent(conn, &id, what, now, *expires_at)? {
                        crate::federation::enqueue_delivery(
                            conn,
                            &ctx2,
                            &dm.activity_id,
                            &dm.sender,
                            &resolved.inbox,
                            &dm.body,
                        )?;
                    }
                }
                Err(_) => {
                    store::mark_unresolved(conn, &id)?;
                }
            }
            Ok(())
        })
        .await
}

/// The resident opens the link: the actor is linked to them and the places it holds become
/// their claims. The link works once, before it expires, for the resident who asked for it;
/// an actor linked to another resident is refused (and nothing changes).
pub async fn confirm(ctx: &Ctx, user: &User, token: &str) -> Result<Linked, AppError> {
    user.require_verified()?;
    let hash = secrets::hash_token(token.trim());
    let (uid, now, ctx2) = (user.id.to_string(), ctx.now(), ctx.clone());
    ctx.db
        .write(move |conn| {
            let request = live_request(conn, &hash, &uid, now)?;
            let (Some(actor), Some(inbox)) = (request.actor, request.inbox) else {
                return Err(AppError::InvalidLink);
            };
            if let Some(other) = store::link_of_actor(conn, &actor)? {
                return Err(if other.user_id == uid {
                    AppError::FediverseAlreadyLinked
                } else {
                    AppError::FediverseActorTaken
                });
            }
            if store::link_of_user(conn, &uid)?.is_some() {
                return Err(AppError::FediverseAlreadyLinked);
            }
            if !store::mark_used(conn, &request.id, now)? {
                return Err(AppError::InvalidLink);
            }
            let link = LinkRow {
                user_id: uid.clone(),
                actor: actor.clone(),
                handle: format!("@{}", request.handle),
                inbox,
                linked_at: now,
            };
            store::insert_link(conn, &link).map_err(|e| {
                if e.is_unique_violation() {
                    AppError::FediverseActorTaken
                } else {
                    AppError::from(e)
                }
            })?;
            claim_participations(conn, &ctx2, &actor, &uid, now)?;
            Ok(Linked::from(link))
        })
        .await
}

/// The sent, unexpired, unused request whose link has the hash `hash`, if it is `uid`'s.
fn live_request(
    conn: &mut citysync_storage::DbConnection,
    hash: &str,
    uid: &str,
    now: NaiveDateTime,
) -> Result<LinkRequestRow, AppError> {
    let request = store::request_by_token(conn, hash)?.ok_or(AppError::InvalidLink)?;
    if request.state != LinkRequestState::Sent || request.expires_at.is_none_or(|e| e <= now) {
        return Err(AppError::InvalidLink);
    }
    if request.user_id != uid {
        return Err(AppError::FediverseLinkOtherAccount);
    }
    Ok(request)
}

/// Whether the token is a live link for this resident (the confirmation page asks before it
/// links): the handle it would link.
pub async fn pending_for(ctx: &Ctx, user: &User, token: &str) -> Result<String, AppError> {
    let hash = secrets::hash_token(token.trim());
    let (uid, now) = (user.id.to_string(), ctx.now());
    ctx.run(move |conn| live_request(conn, &hash, &uid, now).map(|r| format!("@{}", r.handle)))
        .await
}

/// The resident unlinks their account (and any request under way ends). The claims it made
/// stay theirs; later `Join`s of the actor are remote participations again.
pub async fn unlink(ctx: &Ctx, user: &User) -> Result<(), AppError> {
    let uid = user.id.to_string();
    ctx.db
        .write(move |conn| {
            store::supersede_requests(conn, &uid)?;
            store::delete_link(conn, &uid)?;
            Ok(())
        })
        .await
}

/// A fediverse account that takes part in the city's work: where to write to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The actor's id.
    pub actor: String,
    /// Its own inbox.
    pub inbox: String,
}

impl From<LinkRow> for Recipient {
    fn from(row: LinkRow) -> Recipient {
        Recipient {
            actor: row.actor,
            inbox: row.inbox,
        }
    }
}

/// The linked account of the resident a contribution is by: its attestation goes to it.
pub async fn contributor_account(
    ctx: &Ctx,
    contribution_id: &str,
) -> Result<Option<Recipient>, AppError> {
    let id = contribution_id.to_owned();
    ctx.run(move |conn| {
        let Some(contribution) = citysync_storage::claims::contribution(conn, &id)? else {
            return Ok(None);
        };
        Ok(store::link_of_user(conn, &contribution.contributor_id)?.map(Recipient::from))
    })
    .await
}

/// Who takes part in an opportunity from the fediverse, to be told of its changes: its joined
/// remote participants, and the linked accounts of residents holding a claim on it — or, once
/// it is `cancelled` (which withdraws the claims), of residents whose claim it withdrew.
/// Ordered by actor, each once.
pub async fn participants(
    ctx: &Ctx,
    opportunity_id: &str,
    cancelled: bool,
) -> Result<Vec<Recipient>, AppError> {
    let id = opportunity_id.to_owned();
    let rows = ctx
        .run(move |conn| {
            let mut states = citysync_storage::catalog::ACTIVE_CLAIM_STATES.to_vec();
            if cancelled {
                states.push(citysync_domain::lifecycle::ClaimState::Withdrawn.as_str());
            }
            let remote = citysync_storage::participations::joined(conn, &id)?;
            let linked = store::links_of_claimants(conn, &id, &states)?;
            Ok((remote, linked))
        })
        .await?;
    let (remote, linked) = rows;
    let mut out: Vec<Recipient> = remote
        .into_iter()
        .map(|r| Recipient {
            actor: r.actor,
            inbox: r.inbox,
        })
        .chain(linked.into_iter().map(Recipient::from))
        .collect();
    out.sort_by(|a, b| a.actor.cmp(&b.actor));
    out.dedup_by(|a, b| a.actor == b.actor);
    Ok(out)
}
