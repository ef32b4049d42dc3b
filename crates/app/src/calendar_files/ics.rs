//! iCalendar (RFC 5545) written by hand: a calendar of events, with every text escaped
//! (§3.3.11), lines folded at 75 octets without splitting a character (§3.1), CRLF line
//! ends, and times in UTC.

use chrono::NaiveDateTime;

/// Whether an event takes place (RFC 5545 §3.8.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    Cancelled,
}

impl EventStatus {
    fn as_str(self) -> &'static str {
        match self {
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One `VEVENT`; times are UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Globally unique and stable across changes (a claim's, or an opportunity's).
    pub uid: String,
    /// 0 when issued, one more with each change a calendar should take over.
    pub sequence: i64,
    /// When this version of the event was written.
    pub stamp: NaiveDateTime,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub geo: Option<(f64, f64)>,
    /// The event's page.
    pub url: String,
    pub status: EventStatus,
}

/// A `VCALENDAR`. `method` is `Some("PUBLISH")` for a file sent by email, `None` for a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// The product identifier, e.g. `-//City/Sync//Berkeley//EN`.
    pub product: String,
    /// The calendar's name in applications that show one (`X-WR-CALNAME`).
    pub name: Option<String>,
    pub method: Option<&'static str>,
    pub events: Vec<Event>,
}

/// The content type of a calendar file, with its method when it has one.
pub fn content_type(method: Option<&str>) -> String {
    match method {
        Some(m) => format!("text/calendar; charset=utf-8; method={m}"),
        None => "text/calendar; charset=utf-8".to_owned(),
    }
}

impl Calendar {
    /// The calendar as an `.ics` file.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut line = |name: &str, value: &str| fold_into(&mut out, &format!("{name}:{value}"));
        line("BEGIN", "VCALENDAR");
        line("VERSION", "2.0");
        line("PRODID", &escape(&self.product));
        line("CALSCALE", "GREGORIAN");
        if let Some(method) = self.method {
            line("METHOD", method);
        }
        if let Some(name) = &self.name {
            line("X-WR-CALNAME", &escape(name));
        }
        for e in &self.events {
            line("BEGIN", "VEVENT");
            line("UID", &escape(&e.uid));
            line("DTSTAMP", &utc(e.stamp));
            line("SEQUENCE", &e.sequence.max(0).to_string());
            line("DTSTART", &utc(e.starts_at));
            line("DTEND", &utc(e.ends_at));
            line("SUMMARY", &escape(&e.summary));
            if !e.description.is_empty() {
                line("DESCRIPTION", &escape(&e.description));
            }
            if !e.location.is_empty() {
                line("LOCATION", &escape(&e.location));
            }
            if let Some((lat, lon)) = e.geo {
                line("GEO", &format!("{lat};{lon}"));
            }
            if !e.url.is_empty() {
                line("URL", &e.url);
            }
            line("STATUS", e.status.as_str());
            line("TRANSP", "OPAQUE");
            line("END", "VEVENT");
        }
        line("END", "VCALENDAR");
        out
    }
}

/// A UTC date-time in the basic format: `20261212T170000Z`.
fn utc(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other
/// control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `content` as folded lines: at most 75 octets each, continuation lines starting
/// with a space, never inside a UTF-8 character, each ended by CRLF.
fn fold_into(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// Undoes the folding of an `.ics` text: its logical lines (for readers and tests).
pub fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in ics.split("\r\n").flat_map(|l| l.split('\n')) {
        match (
            raw.strip_prefix(' ').or_else(|| raw.strip_prefix('\t')),
            lines.last_mut(),
        ) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ if raw.is_empty() => {}
            _ => lines.push(raw.to_owned()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 12)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn event() -> Event {
        Event {
            uid: "claim-1@city.example".into(),
            sequence: 2,
            stamp: at(8),
            starts_at: at(17),
            ends_at: at(19),
            summary: "Park clean-up; bring gloves, please".into(),
            description: "Line one\r\nLine two \\ end".into(),
            location: "Parque Méndez, Ciudad de México".into(),
            geo: Some((19.4, -99.1)),
            url: "https://city.example/opportunities/1".into(),
            status: EventStatus::Cancelled,
        }
    }

    #[test]
    fn texts_are_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(escape("x\r\ny\rz\u{7}"), "x\\ny\\nz");
    }

    #[test]
    fn a_calendar_has_crlf_lines_of_at_most_75_octets() {
        let mut e = event();
        e.summary = "ñ".repeat(100);
        let cal = Calendar {
            product: "-//City/Sync//Test//EN".into(),
            name: None,
            method: Some("PUBLISH"),
            events: vec![e],
        };
        let ics = cal.render();
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
        let lines = unfold(&ics);
        let summary = lines.iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
        assert_eq!(summary, &format!("SUMMARY:{}", "ñ".repeat(100)));
    }

    #[test]
    fn an_event_says_when_where_and_whether_it_takes_place() {
        let cal = Calendar {
            product: "-//City/Sync//Test//EN".into(),
            name: Some("Mine".into()),
            method: None,
            events: vec![event()],
        };
        let lines = unfold(&cal.render());
        for expected in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "X-WR-CALNAME:Mine",
            "UID:claim-1@city.example",
            "SEQUENCE:2",
            "DTSTAMP:20261212T080000Z",
            "DTSTART:20261212T170000Z",
            "DTEND:20261212T190000Z",
            "SUMMARY:Park clean-up\\; bring gloves\\, please",
            "DESCRIPTION:Line one\\nLine two \\\\ end",
            "LOCATION:Parque Méndez\\, Ciudad de México",
            "GEO:19.4;-99.1",
            "STATUS:CANCELLED",
            "END:VEVENT",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "{expected} in {lines:?}"
            );
        }
        assert!(!lines.iter().any(|l| l.starts_with("METHOD")));
    }
}
