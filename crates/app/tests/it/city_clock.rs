//! The city's clock: local times follow its zone and come back, across a DST gap.

use chrono::NaiveDate;
use citysync_app::instance::City;
use citysync_i18n::Locale;

fn city(timezone: &str) -> City {
    City {
        name: None,
        region: None,
        default_locale: Locale::SOURCE,
        timezone: timezone.to_owned(),
        configured: true,
        public_key_pem: String::new(),
    }
}

#[test]
fn local_times_follow_the_city_zone_and_come_back() {
    let berkeley = city("America/Los_Angeles");
    let utc = NaiveDate::from_ymd_opt(2026, 7, 4)
        .and_then(|d| d.and_hms_opt(3, 30, 0))
        .unwrap_or_default();
    let local = berkeley.local_time(utc);
    assert_eq!(local.to_string(), "2026-07-03 20:30:00");
    assert_eq!(berkeley.utc_of_local(local), utc);
    assert_eq!(city("Nowhere/Else").local_time(utc), utc);
    // 02:30 does not exist on 2026-03-08 in California: the first instant after the gap.
    let gap = NaiveDate::from_ymd_opt(2026, 3, 8)
        .and_then(|d| d.and_hms_opt(2, 30, 0))
        .unwrap_or_default();
    assert_eq!(
        berkeley.utc_of_local(gap).to_string(),
        "2026-03-08 10:00:00"
    );
}
