//! Epochs: the numbered periods that bound issuance. By default one calendar month in the
//! city's timezone; a city may choose a number of months, weeks or days.

use crate::DomainError;
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

crate::lifecycle::lifecycle_states!(
    /// An epoch: `open -> closed`; at most one is open, and a closed one's report is sealed.
    EpochState { Open => "open", Closed => "closed" }
);

/// How long an epoch lasts, in the city's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EpochLength {
    Months(u32),
    Days(u32),
}

impl Default for EpochLength {
    fn default() -> EpochLength {
        EpochLength::Months(1)
    }
}

impl EpochLength {
    /// `"1 month"`, `"3 months"`, `"2 weeks"`, `"10 days"` (1 to 12 months, 1 to 366 days).
    pub fn parse(s: &str) -> Result<EpochLength, DomainError> {
        let mut parts = s.split_whitespace();
        let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(DomainError::EpochLengthInvalid);
        };
        let n: u32 = n.parse().map_err(|_| DomainError::EpochLengthInvalid)?;
        let length = match unit.trim_end_matches('s') {
            "month" if (1..=12).contains(&n) => EpochLength::Months(n),
            "week" if (1..=52).contains(&n) => EpochLength::Days(n * 7),
            "day" if (1..=366).contains(&n) => EpochLength::Days(n),
            _ => return Err(DomainError::EpochLengthInvalid),
        };
        Ok(length)
    }

    /// The local midnight at which an epoch containing `at` would begin if it were the first:
    /// the first of the month for month-long epochs, the day's midnight otherwise.
    pub fn first_start(self, at: NaiveDateTime, tz: Tz) -> NaiveDateTime {
        let local = Utc.from_utc_datetime(&at).with_timezone(&tz).date_naive();
        let day = match self {
            EpochLength::Months(_) => local.with_day(1).unwrap_or(local),
            EpochLength::Days(_) => local,
        };
        local_midnight(day, tz)
    }

    /// When an epoch that starts at `start` (UTC) ends: the local midnight `length` later
    /// (for month-long epochs, on the first of a month), so daylight-saving changes do not
    /// shift the boundary.
    ///
    /// `start` is normally a midnight on `tz`'s clock. When the city's time zone changed
    /// during the previous epoch, the epoch after it begins at the old zone's midnight
    /// (epochs never overlap nor leave a gap) and ends at one of the new zone's: `start` is
    /// counted as the nearest midnight on the new clock (its own day before noon, the next
    /// day from noon on).
    pub fn end_of(self, start: NaiveDateTime, tz: Tz) -> NaiveDateTime {
        let local = Utc
            .from_utc_datetime(&start)
            .with_timezone(&tz)
            .naive_local();
        let mut day = local.date();
        if local.hour() >= 12 {
            day = day.succ_opt().unwrap_or(day);
        }
        let next = match self {
            EpochLength::Months(n) => day
                .with_day(1)
                .unwrap_or(day)
                .checked_add_months(Months::new(n)),
            EpochLength::Days(n) => day.checked_add_days(Days::new(u64::from(n))),
        }
        .unwrap_or(day);
        local_midnight(next, tz)
    }
}

impl fmt::Display for EpochLength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EpochLength::Months(1) => write!(f, "1 month"),
            EpochLength::Months(n) => write!(f, "{n} months"),
            EpochLength::Days(1) => write!(f, "1 day"),
            EpochLength::Days(n) if n % 7 == 0 => write!(f, "{} weeks", n / 7),
            EpochLength::Days(n) => write!(f, "{n} days"),
        }
    }
}

/// Midnight of `day` in `tz`, as UTC (see [`utc_of_local`] for days whose midnight the
/// clocks skip or show twice).
fn local_midnight(day: NaiveDate, tz: Tz) -> NaiveDateTime {
    utc_of_local(day.and_time(chrono::NaiveTime::MIN), tz)
}

/// The UTC instant at which clocks in `tz` show `local`. When they show it twice (the
/// hour repeated when daylight-saving time ends) the earlier; when they skip it (the hour
/// skipped when it begins) the first instant after the gap (02:30 in a gap from 02:00 to
/// 03:00 is 03:00), as the city's pages read it.
pub fn utc_of_local(local: NaiveDateTime, tz: Tz) -> NaiveDateTime {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.naive_utc();
    }
    // The gap ends on a whole minute; no zone skips more than a day.
    let minute = local
        .with_second(0)
        .unwrap_or(local)
        .with_nanosecond(0)
        .unwrap_or(local);
    (1..=24 * 60)
        .map(|m| minute + chrono::Duration::minutes(m))
        .find_map(|at| tz.from_local_datetime(&at).earliest())
        .map_or(local, |t| t.naive_utc())
}

/// The city's timezone, or UTC when the name is unknown.
pub fn timezone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn lengths_parse() {
        assert_eq!(
            EpochLength::parse("1 month").unwrap(),
            EpochLength::Months(1)
        );
        assert_eq!(
            EpochLength::parse("2 weeks").unwrap(),
            EpochLength::Days(14)
        );
        assert_eq!(
            EpochLength::parse("10 days").unwrap(),
            EpochLength::Days(10)
        );
        for bad in [
            "",
            "month",
            "0 months",
            "13 months",
            "1 year",
            "-1 days",
            "1 month extra",
        ] {
            assert!(EpochLength::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(EpochLength::Days(14).to_string(), "2 weeks");
    }

    #[test]
    fn months_follow_the_city_calendar() {
        let la = timezone("America/Los_Angeles");
        // 2026-11-24 10:00 UTC is 02:00 in Berkeley: the epoch began Nov 1 local = 07:00 UTC.
        let start = EpochLength::Months(1).first_start(utc("2026-11-24 10:00"), la);
        assert_eq!(start, utc("2026-11-01 07:00"));
        // November → December crosses no DST change; Oct → Nov does (PDT → PST).
        assert_eq!(
            EpochLength::Months(1).end_of(start, la),
            utc("2026-12-01 08:00")
        );
        assert_eq!(
            EpochLength::Months(1).end_of(utc("2026-10-01 07:00"), la),
            utc("2026-11-01 07:00")
        );
        let mx = timezone("America/Mexico_City");
        assert_eq!(
            EpochLength::Days(7).first_start(utc("2026-11-24 03:00"), mx),
            utc("2026-11-23 06:00")
        );
    }

    #[test]
    fn epochs_end_at_the_new_zones_midnight_after_a_change() {
        let (la, mx) = (
            timezone("America/Los_Angeles"),
            timezone("America/Mexico_City"),
        );
        // A Berkeley epoch ended at Berkeley's midnight (Dec 1, 08:00 UTC = 02:00 in Mexico
        // City); the city then moved to Mexico City's clock: the next one ends there.
        assert_eq!(
            EpochLength::Months(1).end_of(utc("2026-12-01 08:00"), mx),
            utc("2027-01-01 06:00")
        );
        // The other way: Mexico City's midnight is 22:00 the day before in Berkeley.
        assert_eq!(
            EpochLength::Months(1).end_of(utc("2026-12-01 06:00"), la),
            utc("2027-01-01 08:00")
        );
        assert_eq!(
            EpochLength::Days(7).end_of(utc("2026-12-01 06:00"), la),
            utc("2026-12-08 08:00")
        );
        // From UTC midnights (a city set up before its zone was known) to Berkeley's.
        assert_eq!(
            EpochLength::Days(7).end_of(utc("2026-10-29 00:00"), la),
            utc("2026-11-05 08:00"),
            "Oct 28 17:00 local counts as Oct 29; a week later is Nov 5, after the change to PST"
        );
    }

    #[test]
    fn local_times_in_a_gap_or_twice_shown() {
        let la = timezone("America/Los_Angeles");
        let local = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // 2026-03-08 02:10 does not exist in Berkeley: the first instant after, 03:00 PDT.
        assert_eq!(
            utc_of_local(local("2026-03-08 02:10"), la),
            utc("2026-03-08 10:00")
        );
        // 2026-11-01 01:30 happens twice: the first (PDT).
        assert_eq!(
            utc_of_local(local("2026-11-01 01:30"), la),
            utc("2026-11-01 08:30")
        );
        let mx = timezone("America/Mexico_City");
        assert_eq!(
            utc_of_local(local("2026-11-01 00:00"), mx),
            utc("2026-11-01 06:00")
        );
    }
}
