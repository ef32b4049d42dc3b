//! The daily digest: a person who chose "one email a day with all my news" gets no single
//! emails ([`crate::notifications::notify`] only records the in-app notice); once a day, at
//! `Settings::digest_hour` on the city's clock, this worker sends them one email listing the
//! notices since their last digest, in their language. No news, no email.
//!
//! Sent once even with several workers: each person's digest mark (`since`) is moved with a
//! compare-and-set in the transaction that queues their email, so the worker that loses the
//! race moves nothing and sends nothing.

use super::BATCH;
use crate::accounts::{city_name, mail_locale};
use crate::notifications::{self, NoticeKind};
use crate::{mail_outbox, AppError, Ctx, User};
use chrono::{Duration, NaiveDateTime, TimeZone};
use citysync_i18n::Moment;
use citysync_mail::{DigestItem, MailKind};
use citysync_storage::{events, instance, users, DbConnection};

/// The most notices one digest lists (the notifications page shows them all).
const MOST_ITEMS: i64 = 100;

/// The worker's pass: sends the digest to everyone on it whose last digest was before
/// today's digest hour (the city's clock) once that hour has come. Returns how many emails
/// were queued.
pub async fn send_digests(ctx: &Ctx) -> Result<usize, AppError> {
    let now = ctx.now();
    let hour = ctx.settings.digest_hour;
    let due_at = ctx
        .run(move |conn| Ok(latest_digest_hour(conn, now, hour)?))
        .await?;
    let mut sent = 0;
    loop {
        let ctx2 = ctx.clone();
        let (seen, queued) = ctx
            .db
            .write(move |conn| {
                let due = events::digests_due(conn, due_at, BATCH)?;
                let mut queued = 0;
                for (user_id, since) in &due {
                    if !events::advance_digest(conn, user_id, *since, now)? {
                        continue;
                    }
                    queued += usize::from(send_one(conn, &ctx2, user_id, *since, now)?);
                }
                Ok::<_, AppError>((due.len(), queued))
            })
            .await?;
        sent += queued;
        if i64::try_from(seen).unwrap_or(i64::MAX) < BATCH {
            return Ok(sent);
        }
    }
}

/// The last moment at or before `now` when the city's clock read `hour`:00, as stored (UTC).
fn latest_digest_hour(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    hour: u32,
) -> Result<NaiveDateTime, citysync_storage::StorageError> {
    let timezone = instance::get(conn)?
        .map(|city| city.timezone)
        .unwrap_or_default();
    let zone = citysync_i18n::moments::zone(&timezone);
    let local_today = zone.from_utc_datetime(&now).date_naive();
    for days_back in 0..3 {
        let day = local_today - Duration::days(days_back);
        let Some(local) = day.and_hms_opt(hour.min(23), 0, 0) else {
            continue;
        };
        // A daylight-saving gap skips the hour: take the next one.
        let at = zone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                zone.from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.naive_utc());
        if let Some(at) = at.filter(|at| *at <= now) {
            return Ok(at);
        }
    }
    Ok(now - Duration::days(1))
}

/// Queues `user_id`'s digest of the notices after `since` up to `now`; false when there was
/// nothing to tell (or nobody to tell it to).
fn send_one(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    since: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some(row) = users::by_id(conn, user_id)? else {
        return Ok(false);
    };
    let user = User::try_from(row)?;
    if !user.verified {
        return Ok(false);
    }
    let off = events::email_off_kinds(conn, user_id)?;
    let (_, zone) = notifications::reader(conn, user_id)?;
    let locale = mail_locale(conn, user.locale)?;
    let items: Vec<DigestItem> =
        events::notifications_between(conn, user_id, since, now, MOST_ITEMS)?
            .into_iter()
            .filter(|n| !off.contains(&n.kind))
            .filter_map(|n| {
                let kind = NoticeKind::parse(&n.kind)?;
                let args: serde_json::Value = serde_json::from_str(&n.args).ok()?;
                let about = args
                    .get("about")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default();
                Some(DigestItem {
                    text: ctx
                        .i18n
                        .message(locale, &kind.message_id(), &[("about", about.into())]),
                    at: ctx
                        .i18n
                        .moment(locale, zone, n.created_at, Moment::DateTime),
                    link: ctx.settings.url(&n.link),
                })
            })
            .collect();
    if items.is_empty() {
        return Ok(false);
    }
    let kind = MailKind::Digest {
        username: user.username.to_string(),
        items,
        link: ctx.settings.url("/notifications"),
    };
    let city = city_name(conn)?;
    mail_outbox::enqueue(conn, ctx, &kind, locale, user.email.as_str(), &city)?;
    Ok(true)
}
