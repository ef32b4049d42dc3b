//! Instants on the city's clocks: a Saturday morning typed in Berkeley or Mexico City reads
//! as that morning in both languages, on each side of a daylight-saving change, from Rust
//! and from templates (the `local` filter).

#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, NaiveDateTime};
use citysync_i18n::moments::zone;
use citysync_i18n::{register_minijinja, I18n, Locale, Moment};
use std::sync::Arc;

fn utc(day: (i32, u32, u32), hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(day.0, day.1, day.2)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap()
}

fn es() -> Locale {
    Locale::from_code("es").unwrap()
}

fn i18n() -> Arc<I18n> {
    Arc::new(I18n::load().unwrap())
}

#[test]
fn a_saturday_morning_reads_as_that_morning_in_each_city_and_language() {
    let i18n = i18n();
    let berkeley = zone("America/Los_Angeles");
    let cdmx = zone("America/Mexico_City");
    // 2026-12-12 is a Saturday: 09:00 in Berkeley (PST, UTC-8) is 17:00Z.
    let at = utc((2026, 12, 12), 17);
    assert_eq!(
        i18n.moment(Locale::SOURCE, berkeley, at, Moment::DateTime),
        "Sat, Dec 12, 2026, 9:00 AM"
    );
    assert_eq!(
        i18n.moment(es(), berkeley, at, Moment::DateTime),
        "sáb 12 dic 2026, 09:00"
    );
    assert_eq!(
        i18n.moment(Locale::SOURCE, berkeley, at, Moment::Time),
        "9:00 AM"
    );
    assert_eq!(
        i18n.moment(Locale::SOURCE, berkeley, at, Moment::Input),
        "2026-12-12T09:00"
    );
    assert_eq!(i18n.zone_abbreviation(berkeley, at), "PST");
    // Mexico City keeps UTC-6 all year (no daylight saving since 2022): 09:00 is 15:00Z.
    let at = utc((2026, 12, 12), 15);
    assert_eq!(
        i18n.moment(es(), cdmx, at, Moment::DateTime),
        "sáb 12 dic 2026, 09:00"
    );
    assert_eq!(i18n.zone_abbreviation(cdmx, at), "CST");
}

#[test]
fn the_saturdays_around_a_daylight_saving_change_both_read_nine_in_the_morning() {
    let i18n = i18n();
    let berkeley = zone("America/Los_Angeles");
    let cdmx = zone("America/Mexico_City");
    // The US clocks go forward on Sunday 2026-03-08: 09:00 is 17:00Z before, 16:00Z after.
    let before = utc((2026, 3, 7), 17);
    let after = utc((2026, 3, 14), 16);
    assert_eq!(
        i18n.moment(Locale::SOURCE, berkeley, before, Moment::DateTime),
        "Sat, Mar 7, 2026, 9:00 AM"
    );
    assert_eq!(
        i18n.moment(Locale::SOURCE, berkeley, after, Moment::DateTime),
        "Sat, Mar 14, 2026, 9:00 AM"
    );
    assert_eq!(i18n.zone_abbreviation(berkeley, before), "PST");
    assert_eq!(i18n.zone_abbreviation(berkeley, after), "PDT");
    // They go back on Sunday 2026-11-01; Mexico City does not move: 15:00Z on both sides.
    for day in [(2026, 10, 31), (2026, 11, 7)] {
        assert_eq!(i18n.moment(es(), cdmx, utc(day, 15), Moment::Time), "09:00");
    }
    assert_eq!(
        i18n.moment(
            Locale::SOURCE,
            berkeley,
            utc((2026, 10, 31), 16),
            Moment::Time
        ),
        "9:00 AM"
    );
    assert_eq!(
        i18n.moment(
            Locale::SOURCE,
            berkeley,
            utc((2026, 11, 7), 17),
            Moment::Time
        ),
        "9:00 AM"
    );
}

#[test]
fn templates_show_stored_instants_on_the_city_clock() {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    register_minijinja(&mut env, i18n());
    env.add_template(
        "t.html",
        "{{ at | local }}|{{ at | local('date') }}|{{ at | local('time') }}|{{ at | local('input') }}|{{ none | local }}|{{ day | local }}",
    )
    .unwrap();
    let render = |lang: &str, tz: &str, at: &str| {
        env.get_template("t.html")
            .unwrap()
            .render(
                minijinja::context! { lang, city_tz => tz, at, none => (), day => "2026-12-12" },
            )
            .unwrap()
    };
    assert_eq!(
        render("en", "America/Los_Angeles", "2026-12-12T17:00:00"),
        "Sat, Dec 12, 2026, 9:00 AM|Sat, Dec 12, 2026|9:00 AM|2026-12-12T09:00||Sat, Dec 12, 2026"
    );
    // Fractions of a second, as stored, change nothing; Spanish writes 24-hour times.
    assert_eq!(
        render("es", "America/Mexico_City", "2026-12-12T15:00:00.289246"),
        "sáb 12 dic 2026, 09:00|sáb 12 dic 2026|09:00|2026-12-12T09:00||sáb 12 dic 2026"
    );
    // A zone the database does not know shows UTC rather than failing the page.
    assert_eq!(
        render("en", "Nowhere/Else", "2026-12-12T17:00:00"),
        "Sat, Dec 12, 2026, 5:00 PM|Sat, Dec 12, 2026|5:00 PM|2026-12-12T17:00||Sat, Dec 12, 2026"
    );
}
