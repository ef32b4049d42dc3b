//! What an opportunity's page tells link previews and search engines in its `<head>`: Open
//! Graph properties and a schema.org `Event` in JSON-LD, its times with the offset of the
//! city's clock.

use crate::WebState;
use chrono::{NaiveDateTime, SecondsFormat, TimeZone};
use citysync_app::catalog::Opportunity;
use citysync_domain::lifecycle::OpportunityState;
use serde::Serialize;
use serde_json::json;

/// The longest description a preview gets, in characters.
const DESCRIPTION_MAX: usize = 200;

/// The Open Graph properties and the JSON-LD of one page.
#[derive(Debug, Clone, Serialize)]
pub struct ShareMeta {
    pub title: String,
    pub description: String,
    pub url: String,
    pub site_name: String,
    /// The JSON-LD, safe to write inside `<script type="application/ld+json">` as is.
    pub json_ld: String,
}

/// `at` (UTC) in RFC 3339 with the offset of `zone` then: `2026-12-12T09:00:00-08:00`.
pub fn with_offset(at: NaiveDateTime, zone: chrono_tz::Tz) -> String {
    zone.from_utc_datetime(&at)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// At most [`DESCRIPTION_MAX`] characters of `text`, on one line, cut at a word.
fn short(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= DESCRIPTION_MAX {
        return line;
    }
    let cut: String = line.chars().take(DESCRIPTION_MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// JSON for a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no text can close
/// the element or open a comment.
fn script_safe(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The share preview and the `Event` of `opp`'s page.
pub fn of_opportunity(
    state: &WebState,
    city_name: &str,
    zone: chrono_tz::Tz,
    opp: &Opportunity,
) -> ShareMeta {
    let settings = &state.ctx.settings;
    let url = settings.url(&format!("/opportunities/{}", opp.id));
    let organizer_url = settings.url(&format!("/organizations/{}", opp.organization_handle));
    let status = match opp.state {
        OpportunityState::Cancelled => "https://schema.org/EventCancelled",
        _ => "https://schema.org/EventScheduled",
    };
    let location = match opp.point {
        Some(p) => json!({
            "@type": "Place",
            "name": opp.place,
            "address": opp.place,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": p.latitude,
                "longitude": p.longitude,
            },
        }),
        None => json!({
            "@type": "Place",
            "name": opp.place,
            "address": opp.place,
        }),
    };
    let event = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": opp.title,
        "description": opp.summary,
        "url": url,
        "startDate": with_offset(opp.starts_at, zone),
        "endDate": with_offset(opp.ends_at, zone),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": {
            "@type": "Organization",
            "name": opp.organization_name,
            "url": organizer_url,
        },
        "maximumAttendeeCapacity": opp.capacity,
        "remainingAttendeeCapacity": opp.remaining,
        "isAccessibleForFree": true,
    });
    ShareMeta {
        title: opp.title.clone(),
        description: short(&opp.summary),
        url,
        site_name: city_name.to_owned(),
        json_ld: script_safe(&event),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn times_carry_the_citys_offset() {
        let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 12)
            .unwrap()
            .and_hms_opt(17, 0, 0)
            .unwrap();
        assert_eq!(with_offset(at, zone), "2026-12-12T09:00:00-08:00");
    }

    #[test]
    fn script_text_cannot_close_the_element() {
        let v = json!({ "name": "</script><b>&" });
        let s = script_safe(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn descriptions_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = short(&long);
        assert!(
            s.chars().count() <= DESCRIPTION_MAX + 1 && s.ends_with("word…"),
            "{s}"
        );
        assert_eq!(short("a\n b"), "a b");
    }
}
