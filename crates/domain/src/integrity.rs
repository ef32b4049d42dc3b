//! The rules of the administrators' monthly integrity report (issue 25): which month a
//! report covers on the city's clock, verifiers' approval rates, and when two proof photos'
//! perceptual hashes say they are the same picture. Times are UTC in, UTC out; the zone
//! comes in as an argument.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// Two perceptual hashes (256 bits) at most this many bits apart are the same photo:
/// re-encoding or resizing flips a few bits, different pictures about half of them.
pub const SAME_PHOTO_MAX_DISTANCE: u32 = 24;

/// A calendar month on the city's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// `YYYY-MM`, as an `<input type="month">` sends it; `None` if it is not a month.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let month = Month {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        NaiveDate::from_ymd_opt(month.year, month.month, 1).map(|_| month)
    }

    /// The month the instant `at` (UTC) falls in on the clocks of `tz`.
    pub fn containing(at: NaiveDateTime, tz: Tz) -> Month {
        let local = tz.from_utc_datetime(&at);
        Month {
            year: local.year(),
            month: local.month(),
        }
    }

    /// `YYYY-MM`.
    pub fn as_input(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Its first instant (local midnight of the 1st) in UTC.
    pub fn start(self, tz: Tz) -> NaiveDateTime {
        let midnight = NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        // A zone that skips midnight (a DST change at 00:00) starts the day at its first
        // instant after the gap.
        match tz.from_local_datetime(&midnight).earliest() {
            Some(at) => at.naive_utc(),
            None => tz
                .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                .earliest()
                .map_or(midnight, |at| at.naive_utc()),
        }
    }

    /// `[start, end)` in UTC.
    pub fn bounds(self, tz: Tz) -> (NaiveDateTime, NaiveDateTime) {
        (self.start(tz), self.next().start(tz))
    }
}

/// Approved out of decided, in tenths of a percent (`1000` is 100 %); `None` if nothing was
/// decided.
pub fn approval_per_mille(approved: i64, decided: i64) -> Option<i64> {
    if decided <= 0 {
        return None;
    }
    Some(approved.clamp(0, decided) * 1000 / decided)
}

/// The number of differing bits of two hashes of the same length; `None` otherwise.
pub fn hamming(a: &[u8], b: &[u8]) -> Option<u32> {
    if a.len() != b.len() || a.is_empty() {
        return None;
    }
    Some(a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum())
}

/// Every pair `(i, j, distance)`, `i < j`, `j >= first_new`, of `hashes` that are the same
/// photo, where `related(i, j)` is false (e.g. two photos of one claim are no finding). With
/// hashes oldest first and the period's photos from `first_new` on, each of the period's
/// photos is compared with every photo before it, never two old photos with each other.
pub fn same_photos(
    hashes: &[Vec<u8>],
    first_new: usize,
    related: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, u32)> {
    let mut pairs = Vec::new();
    for (j, b) in hashes.iter().enumerate().skip(first_new) {
        for (i, a) in hashes.iter().enumerate().take(j) {
            if let Some(d) = hamming(a, b) {
                if d <= SAME_PHOTO_MAX_DISTANCE && !related(i, j) {
                    pairs.push((i, j, d));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn months_are_read_and_bounded_on_the_city_clock() {
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-01"), None);
        assert_eq!(Month::parse("nonsense"), None);
        let december = Month::parse("2026-12").unwrap();
        assert_eq!(december.as_input(), "2026-12");
        assert_eq!(december.next().as_input(), "2027-01");
        assert_eq!(december.next().previous(), december);
        let berkeley: Tz = "America/Los_Angeles".parse().unwrap();
        let (start, end) = december.bounds(berkeley);
        // Midnight in Berkeley (PST, UTC−8) is 08:00 UTC.
        assert_eq!(start.to_string(), "2026-12-01 08:00:00");
        assert_eq!(end.to_string(), "2027-01-01 08:00:00");
        // 03:00 UTC on the 1st is still November in Berkeley.
        let early = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(3, 0, 0)
            .unwrap();
        assert_eq!(Month::containing(early, berkeley).as_input(), "2026-11");
        assert_eq!(Month::containing(early, Tz::UTC).as_input(), "2026-12");
    }

    #[test]
    fn approval_rates_and_distances() {
        assert_eq!(approval_per_mille(3, 3), Some(1000));
        assert_eq!(approval_per_mille(1, 3), Some(333));
        assert_eq!(approval_per_mille(0, 0), None);
        assert_eq!(hamming(&[0b1010], &[0b0101]), Some(4));
        assert_eq!(hamming(&[1], &[1, 2]), None);
        let a = vec![0u8; 32];
        let mut near = a.clone();
        near[0] = 0b111;
        let far = vec![0xffu8; 32];
        let hashes = [a.clone(), near, far, a];
        let pairs = same_photos(&hashes, 0, |i, j| (i, j) == (0, 3));
        assert_eq!(pairs, vec![(0, 1, 3), (1, 3, 3)]);
        // Only pairs with a photo of the period (from index 3 on).
        assert_eq!(
            same_photos(&hashes, 3, |_, _| false),
            vec![(0, 3, 0), (1, 3, 3)]
        );
    }
}
