//! Epochs: the numbered periods that bound issuance. By default one calendar month in the
//! city's timezone; a city may choose a number of months, weeks or days.

use crate::DomainError;
use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, TimeZone, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

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

    /// When an epoch that starts at `start` (UTC) ends: the same local wall-clock time
    /// `length` later, so daylight-saving changes do not shift the boundary.
    pub fn end_of(self, start: NaiveDateTime, tz: Tz) -> NaiveDateTime {
        let local = Utc
            .from_utc_datetime(&start)
            .with_timezone(&tz)
            .date_naive();
        let next = match self {
            EpochLength::Months(n) => local.checked_add_months(Months::new(n)),
            EpochLength::Days(n) => local.checked_add_days(Days::new(u64::from(n))),
        }
        .unwrap_or(local);
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

/// Midnight of `day` in `tz`, as UTC. Where midnight does not exist (a DST gap) the first
/// instant after it; where it happens twice, the earlier.
fn local_midnight(day: NaiveDate, tz: Tz) -> NaiveDateTime {
    let mut at = day.and_time(chrono::NaiveTime::MIN);
    for _ in 0..4 {
        match tz.from_local_datetime(&at) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                return t.with_timezone(&Utc).naive_utc()
            }
            LocalResult::None => at += chrono::Duration::minutes(30),
        }
    }
    DateTime::<Utc>::from_naive_utc_and_offset(at, Utc).naive_utc()
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
}
