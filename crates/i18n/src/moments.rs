//! Instants as a person reads them: on the city's clocks, written the way the page's
//! language writes dates and times. Stored times are UTC; only this module turns them into
//! what a person sees. The patterns are messages of the locale (`moment-date-time`,
//! `moment-date`, `moment-time`, in chrono's strftime syntax), so a translation sets them.

use crate::{I18n, Locale};
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// How much of an instant a reader is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// Day and time: "Sat, Dec 12, 2026, 9:00 AM" / "sáb 12 dic 2026, 09:00".
    DateTime,
    /// The day alone: "Sat, Dec 12, 2026".
    Date,
    /// The time alone: "9:00 AM" / "09:00".
    Time,
    /// What an `<input type="datetime-local">` holds: "2026-12-12T09:00".
    Input,
}

impl Moment {
    /// The moment a template names: `"date"`, `"time"`, `"input"`, else day and time.
    pub fn named(name: &str) -> Moment {
        match name {
            "date" => Moment::Date,
            "time" => Moment::Time,
            "input" => Moment::Input,
            _ => Moment::DateTime,
        }
    }

    fn message_id(self) -> &'static str {
        match self {
            Moment::DateTime | Moment::Input => "moment-date-time",
            Moment::Date => "moment-date",
            Moment::Time => "moment-time",
        }
    }
}

/// The city's zone from its IANA name; UTC for a name the zone database does not know.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

fn chrono_locale(locale: Locale) -> chrono::Locale {
    locale.chrono()
}

impl I18n {
    /// `utc` on the clocks of `zone`, as `locale` writes it.
    pub fn moment(&self, locale: Locale, zone: Tz, utc: NaiveDateTime, moment: Moment) -> String {
        let local = zone.from_utc_datetime(&utc);
        if moment == Moment::Input {
            return local.format("%Y-%m-%dT%H:%M").to_string();
        }
        let pattern = self.message(locale, moment.message_id(), &[]);
        local
            .format_localized(&pattern, chrono_locale(locale))
            .to_string()
    }

    /// A calendar day (no clock involved), as `locale` writes it.
    pub fn day(&self, locale: Locale, day: NaiveDate) -> String {
        let pattern = self.message(locale, Moment::Date.message_id(), &[]);
        day.format_localized(&pattern, chrono_locale(locale))
            .to_string()
    }

    /// The zone's abbreviation on the city's clocks at `utc` ("PST", "PDT", "CST"), or its
    /// offset where the zone database has no letters for it ("-03").
    pub fn zone_abbreviation(&self, zone: Tz, utc: NaiveDateTime) -> String {
        zone.from_utc_datetime(&utc).format("%Z").to_string()
    }
}

/// Reads an instant as templates receive it from serde: `2026-12-12T17:00:00`, with or
/// without fractions of a second, `T` or a space between day and time; a bare day too.
pub fn parse_instant(text: &str) -> Option<Instant> {
    let text = text.trim();
    for pattern in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, pattern) {
            return Some(Instant::At(at));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(Instant::Day)
}

/// What a template handed to the `local` filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instant {
    /// A UTC instant, shown on the city's clocks.
    At(NaiveDateTime),
    /// A calendar day, shown as it is.
    Day(NaiveDate),
}
