//! The city's clock is the only clock people see. A Berkeley coordinator types Saturday
//! 09:00–12:00 (next Saturday, and the first Saturday after the next daylight-saving
//! change): the opportunity page, the catalog, the calendar, the claim page and the email
//! all say 9:00 AM, and the ActivityPub object carries the instant (17:00Z in winter, 16:00Z
//! in summer). Then the administrator moves the city to Mexico City's zone: every page
//! follows at once, and what is typed now is read on Mexico City's clock (15:00Z).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use citysync_test_support::server::{
    approved_issuer, csrf, environment_template, page, post, resident, set_up_city, TestServer,
};

const PASSWORD: &str = "correct horse battery";

/// The next Saturday at least two days on, and the first Saturday after `zone` next changes
/// its offset (within a year; else thirteen weeks later).
fn saturdays(zone: Tz, now: NaiveDateTime) -> [NaiveDate; 2] {
    let noon_offset = |day: NaiveDate| {
        let noon = day.and_hms_opt(12, 0, 0).unwrap();
        zone.from_utc_datetime(&noon).naive_local() - noon
    };
    let mut next = now.date() + Duration::days(2);
    while next.weekday() != Weekday::Sat {
        next += Duration::days(1);
    }
    let mut later = next + Duration::weeks(13);
    if let Some(change) = (1..366)
        .map(|d| next + Duration::days(d))
        .find(|d| noon_offset(*d) != noon_offset(next))
    {
        later = change;
        while later.weekday() != Weekday::Sat {
            later += Duration::days(1);
        }
    }
    [next, later]
}

/// The UTC instant at which `zone`'s clocks show `day` at `hour`:00.
fn instant(zone: Tz, day: NaiveDate, hour: u32) -> NaiveDateTime {
    zone.from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
        .single()
        .unwrap()
        .naive_utc()
}

/// Olga types the opportunity form for `day` 09:00–12:00 and publishes it; returns its path.
async fn typed_saturday(
    server: &TestServer,
    olga: &reqwest::Client,
    template: &str,
    day: NaiveDate,
) -> String {
    let new = format!("/templates/{template}/opportunities/new");
    let (status, html) = page(olga, &server.url(&new)).await;
    assert_eq!(status, 200, "{html}");
    let (starts, ends, deadline) = (
        format!("{day}T09:00"),
        format!("{day}T12:00"),
        format!("{day}T08:00"),
    );
    let title = format!("Creek cleanup {day}");
    let resp = post(
        olga,
        &server.url(&new),
        &[
            ("csrf_token", &csrf(&html)),
            ("title", &title),
            ("place", "Strawberry Creek"),
            ("starts_at", &starts),
            ("ends_at", &ends),
            ("claim_deadline", &deadline),
            ("capacity", "5"),
            ("overlap", "continue"),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let path = resp.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(olga, &server.url(&path)).await;
    let resp = post(
        olga,
        &server.url(&format!("{path}/publish")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    path
}

/// The `startTime` of the opportunity's ActivityPub object, as an instant.
async fn start_time(server: &TestServer, path: &str) -> NaiveDateTime {
    let object: serde_json::Value = server
        .client()
        .get(server.url(path))
        .header("Accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    chrono::DateTime::parse_from_rfc3339(object["startTime"].as_str().unwrap())
        .unwrap_or_else(|e| panic!("{e}: {object}"))
        .naive_utc()
}

#[tokio::test]
async fn a_saturday_typed_at_nine_is_nine_everywhere_in_berkeley_and_in_mexico_city() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 10).await;
    let berkeley: Tz = "America/Los_Angeles".parse().unwrap();
    let now = server.running().ctx.now();

    let mut first = String::new();
    for day in saturdays(berkeley, now) {
        let path = typed_saturday(&server, &olga, &template, day).await;
        assert_eq!(
            start_time(&server, &path).await,
            instant(berkeley, day, 9),
            "{day}"
        );
        let (_, html) = page(&ana, &server.url(&path)).await;
        assert!(
            html.contains("9:00 AM") && html.contains("12:00 PM"),
            "{day}: {html}"
        );
        assert!(!html.contains("UTC"), "{html}");
        let (_, html) = page(
            &ana,
            &server.url(&format!("/opportunities?from={day}&until={day}")),
        )
        .await;
        assert!(html.contains(&format!("href=\"{path}\"")), "{day}: {html}");
        assert!(html.contains("9:00 AM"), "catalog on {day}: {html}");
        let (_, html) = page(
            &ana,
            &server.url(&format!("/calendar?from={day}&until={day}")),
        )
        .await;
        assert!(html.contains("9:00 AM"), "calendar on {day}: {html}");
        // Ana claims it: the claim page and the confirmation email say 9:00 too.
        let (_, html) = page(&ana, &server.url(&path)).await;
        let resp = post(
            &ana,
            &server.url(&format!("{path}/claim")),
            &[("csrf_token", &csrf(&html))],
        )
        .await;
        assert_eq!(resp.status().as_u16(), 303);
        let claim = resp.headers()["location"].to_str().unwrap().to_owned();
        let (_, html) = page(&ana, &server.url(&claim)).await;
        let when = citysync_test_support::server::text_between(&html, "id=\"claim-when\">", "</p>");
        assert!(when.contains("9:00 AM"), "claim page: {when}");
        let mail = server
            .mail_to("ana@example.org", &format!("Creek cleanup {day}"))
            .await;
        assert!(mail.contains("9:00 AM"), "{mail}");
        if first.is_empty() {
            first = path;
        }
    }

    // The administrator moves the city to Mexico City's zone: the same instant now reads
    // two hours later, and a new 09:00 is Mexico City's 09:00.
    let (_, html) = page(&admin, &server.url("/admin/city")).await;
    let resp = post(
        &admin,
        &server.url("/admin/city"),
        &[
            ("csrf_token", &csrf(&html)),
            ("name", "Berkeley"),
            ("description", ""),
            ("timezone", "America/Mexico_City"),
            ("default_locale", "en"),
            ("contact", ""),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let (_, html) = page(&ana, &server.url(&first)).await;
    assert!(html.contains("11:00 AM"), "{html}");
    let mexico: Tz = "America/Mexico_City".parse().unwrap();
    let day = saturdays(mexico, now)[1];
    let path = typed_saturday(&server, &olga, &template, day).await;
    let at = start_time(&server, &path).await;
    assert_eq!(at, instant(mexico, day, 9));
    assert_eq!(at.format("%H:%M").to_string(), "15:00");
    let (_, html) = page(&ana, &server.url(&path)).await;
    assert!(html.contains("9:00 AM"), "{html}");
}
