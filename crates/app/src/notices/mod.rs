//! News sent where work waits (issue 26), beyond what a use case tells one person itself:
//! administrators of an organization waiting for approval and its owners of the decision
//! ([`organizations`]), residents holding VOTE when voting opens and the day before it
//! closes ([`voting`]), and the daily digest for people who chose one email a day
//! ([`digest`]).

pub mod digest;
pub(crate) mod organizations;
pub mod voting;

/// People told per transaction by a worker's mass notice: a batch commits in well under a
/// second, so a sweep over a whole city never holds the write lock for long.
const BATCH: i64 = 200;

use crate::Ctx;
use chrono::{Duration, NaiveDateTime, TimeZone};
use citysync_i18n::{Locale, Moment};

/// When something starting at `starts` happens, seen from `now`, in words a reminder's
/// subject names: "in 2 hours" within half a day, else "today at 9:00", "tomorrow at 9:00"
/// or "on Sat, Dec 12, 2026 at 9:00" on the city's clock (`zone`).
pub fn when_words(
    ctx: &Ctx,
    locale: Locale,
    zone: chrono_tz::Tz,
    starts: NaiveDateTime,
    now: NaiveDateTime,
) -> String {
    let minutes = (starts - now).num_minutes();
    if minutes < 12 * 60 {
        let hours = ((minutes + 30) / 60).max(1);
        return ctx
            .i18n
            .message(locale, "notice-when-hours", &[("hours", hours.into())]);
    }
    let time = ctx.i18n.moment(locale, zone, starts, Moment::Time);
    let day = zone.from_utc_datetime(&starts).date_naive();
    let today = zone.from_utc_datetime(&now).date_naive();
    if day == today {
        ctx.i18n
            .message(locale, "notice-when-today", &[("time", time.into())])
    } else if day == today + Duration::days(1) {
        ctx.i18n
            .message(locale, "notice-when-tomorrow", &[("time", time.into())])
    } else {
        let date = ctx.i18n.moment(locale, zone, starts, Moment::Date);
        ctx.i18n.message(
            locale,
            "notice-when-day",
            &[("day", date.into()), ("time", time.into())],
        )
    }
}
