//! Calendar files: the `.ics` sent with a claim's confirmation and with the news that its
//! opportunity changed or was cancelled (one UID per claim, the sequence growing with each
//! correction), a resident's private feed of their claims behind a secret address, and an
//! organization's public feed of its opportunities.

pub mod ics;

use crate::catalog::{self, Opportunity};
use crate::organizations;
use crate::trail::Subject;
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::OpportunityState;
use citysync_mail::Attachment;
use citysync_storage::calendar as store;
use citysync_storage::catalog::ACTIVE_CLAIM_STATES;
use citysync_storage::{claims as claim_store, events, DbConnection};
pub use ics::{Calendar, Event, EventStatus};

/// The `PRODID` of every calendar City/Sync writes.
pub const PRODUCT: &str = "-//City/Sync//citysync//EN";

/// The file name of the calendar file sent by email.
pub const ATTACHMENT_NAME: &str = "invite.ics";

/// At most this many events in a feed (the resident's latest claims, the organization's
/// latest opportunities).
const FEED_MAX: i64 = 200;

/// How many times an opportunity was corrected or cancelled: the `SEQUENCE` of its events,
/// so a calendar takes each newer file over the one it holds.
pub(crate) fn sequence(conn: &mut DbConnection, opportunity_id: &str) -> Result<i64, AppError> {
    let trail = events::audit_of(conn, Subject::Opportunity.as_str(), opportunity_id)?;
    let changes = trail
        .iter()
        .filter(|(row, _)| {
            row.action == "edited" || row.action == OpportunityState::Cancelled.as_str()
        })
        .count();
    Ok(i64::try_from(changes).unwrap_or(i64::MAX))
}

/// This instance's host, the right-hand side of every UID.
fn host(ctx: &Ctx) -> String {
    ctx.settings
        .public_url
        .host_str()
        .unwrap_or("citysync.invalid")
        .to_owned()
}

/// `opp` as a calendar event under `uid`.
fn event_of(
    ctx: &Ctx,
    opp: &Opportunity,
    uid: String,
    sequence: i64,
    stamp: NaiveDateTime,
) -> Event {
    let description = [
        opp.summary.as_str(),
        opp.onsite_instructions.as_str(),
        opp.organization_name.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join("\n\n");
    Event {
        uid,
        sequence,
        stamp,
        starts_at: opp.starts_at,
        ends_at: opp.ends_at,
        summary: opp.title.clone(),
        description,
        location: opp.place.clone(),
        geo: opp.point.map(|p| (p.latitude, p.longitude)),
        url: ctx.settings.url(&format!("/opportunities/{}", opp.id)),
        status: if opp.state == OpportunityState::Cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        },
    }
}

/// The event of a resident's claim on `opp`: the same UID in every file and feed.
fn claim_event(
    conn: &mut DbConnection,
    ctx: &Ctx,
    claim_id: &str,
    opp: &Opportunity,
    at: NaiveDateTime,
) -> Result<Event, AppError> {
    let sequence = sequence(conn, &opp.id)?;
    let uid = format!("claim-{claim_id}@{}", host(ctx));
    Ok(event_of(ctx, opp, uid, sequence, at))
}

/// The calendar file sent with news of the claim `claim_id` on `opp`: confirmed, corrected
/// (a higher `SEQUENCE`) or, with `cancelled`, `STATUS:CANCELLED`. Call inside the
/// transaction of the change, after its trail entry.
pub(crate) fn claim_file(
    conn: &mut DbConnection,
    ctx: &Ctx,
    claim_id: &str,
    opp: &Opportunity,
    cancelled: bool,
    at: NaiveDateTime,
) -> Result<Attachment, AppError> {
    let mut event = claim_event(conn, ctx, claim_id, opp, at)?;
    if cancelled {
        event.status = EventStatus::Cancelled;
    }
    let method = Some("PUBLISH");
    let calendar = Calendar {
        product: PRODUCT.to_owned(),
        name: None,
        method,
        events: vec![event],
    };
    Ok(Attachment {
        filename: ATTACHMENT_NAME.to_owned(),
        content_type: ics::content_type(method),
        body: calendar.render(),
    })
}

/// Makes a new secret for `user`'s private feed, replacing the old one (whose address stops
/// working); returns the secret, shown once in the feed's address.
pub async fn reset_feed(ctx: &Ctx, user: &User) -> Result<String, AppError> {
    let token = secrets::new_token();
    let hash = secrets::hash_token(&token);
    let uid = user.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| Ok::<_, AppError>(store::set_feed_token(conn, &uid, &hash, now)?))
        .await?;
    Ok(token)
}

/// When `user`'s current feed secret was made, if they have one.
pub async fn feed_since(ctx: &Ctx, user: &User) -> Result<Option<NaiveDateTime>, AppError> {
    let uid = user.id.to_string();
    ctx.run(move |conn| Ok(store::feed_created(conn, &uid)?))
        .await
}

/// The events of the resident whose feed secret is `token`: their active claims, latest
/// first. An unknown secret is [`AppError::NotFound`].
pub async fn resident_feed(ctx: &Ctx, token: &str) -> Result<Vec<Event>, AppError> {
    let hash = secrets::hash_token(token);
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.run(move |conn| {
        let uid = store::feed_owner(conn, &hash)?.ok_or(AppError::NotFound)?;
        let mut events = Vec::new();
        for (claim, opp, _) in claim_store::claims_of(conn, &uid, FEED_MAX)? {
            if !ACTIVE_CLAIM_STATES.contains(&claim.state.as_str())
                || opp.state == OpportunityState::Draft
            {
                continue;
            }
            let opp = catalog::load_opportunity(conn, &opp.id)?;
            events.push(claim_event(conn, &ctx2, &claim.id, &opp, now)?);
        }
        Ok(events)
    })
    .await
}

/// An approved organization's published (and closed) opportunities as events.
pub async fn organization_feed(
    ctx: &Ctx,
    handle: &str,
) -> Result<(organizations::Organization, Vec<Event>), AppError> {
    let org = organizations::by_handle(ctx, handle, None).await?;
    let opportunities = catalog::opportunities_of(ctx, &org, false).await?;
    let ctx2 = ctx.clone();
    let now = ctx.now();
    let host = host(ctx);
    let events = ctx
        .run(move |conn| {
            let mut events = Vec::new();
            for opp in opportunities.iter().take(FEED_MAX as usize) {
                let uid = format!("opportunity-{}@{host}", opp.id);
                let sequence = sequence(conn, &opp.id)?;
                events.push(event_of(&ctx2, opp, uid, sequence, now));
            }
            Ok::<_, AppError>(events)
        })
        .await?;
    Ok((org, events))
}
