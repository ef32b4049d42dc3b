//! Calendar files through the real server: the claim's confirmation email carries a
//! parseable `.ics` with the opportunity's start in UTC; a resident's private feed needs its
//! secret (a wrong or reset one is 404) and lists the claim; an organization's feed is
//! public; the opportunity page has Open Graph properties and a schema.org `Event` whose
//! start has the city's offset; the settings and organization pages link to the feeds.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::{opportunity, user};
use chrono::TimeZone;
use citysync_app::calendar_files::ics::unfold;
use citysync_app::{catalog, claims};
use citysync_test_support::server::{
    csrf, link, page, post, resident, set_up_city, TestServer, CITY_ZONE,
};
use std::time::{Duration, Instant};

const PASSWORD: &str = "correct horse battery";

/// Standard base64 (RFC 4648), line breaks ignored.
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = ALPHABET.iter().position(|a| *a == c).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Quoted-printable (RFC 2045): soft breaks and `=XX` octets.
fn qp_decode(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// The `text/calendar` part of a raw message, decoded, if it has one.
fn calendar_part(raw: &str) -> Option<String> {
    let start = raw.find("Content-Type: text/calendar")?;
    let part = &raw[start..];
    let (headers, rest) = part.split_once("\r\n\r\n")?;
    let body = &rest[..rest.find("\r\n--")?];
    let encoding = headers.to_ascii_lowercase();
    Some(if encoding.contains("content-transfer-encoding: base64") {
        String::from_utf8(base64_decode(body)).unwrap()
    } else if encoding.contains("quoted-printable") {
        qp_decode(body)
    } else {
        body.to_owned()
    })
}

/// Waits for the raw messages to `to` with a calendar file; returns their calendars.
async fn calendars_to(server: &TestServer, to: &str, count: usize) -> Vec<Vec<String>> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut found = Vec::new();
        if let Ok(entries) = std::fs::read_dir(server.mail_dir()) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            {
                let raw = std::fs::read_to_string(p).unwrap_or_default();
                if raw.contains(&format!("To: {to}")) {
                    if let Some(ics) = calendar_part(&raw) {
                        found.push(unfold(&ics));
                    }
                }
            }
        }
        if found.len() >= count {
            return found;
        }
        assert!(Instant::now() < deadline, "{count} calendar mails to {to}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn value<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
}

/// Makes a new private feed address from the settings page; returns it.
async fn new_feed(server: &TestServer, client: &reqwest::Client) -> String {
    let (_, settings) = page(client, &server.url("/settings")).await;
    assert!(
        settings.contains(r#"action="/settings/calendar-feed""#),
        "{settings}"
    );
    let resp = post(
        client,
        &server.url("/settings/calendar-feed"),
        &[("csrf_token", &csrf(&settings))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    // Attribute values have their slashes escaped.
    let html = resp.text().await.unwrap().replace("&#x2f;", "/");
    link(&html, &server.url("/calendar/feeds/"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_come_with_calendar_files_feeds_and_share_previews() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let opp_id = opportunity(&server, "olga", "vera").await;
    let ctx = &server.running().ctx;
    let opp = catalog::opportunity(ctx, &opp_id, None).await.unwrap();

    // The confirmation email carries the claim's calendar file, its start in UTC.
    let claim = claims::claim(ctx, &user(&server, "ana").await, &opp_id)
        .await
        .unwrap();
    let mails = calendars_to(&server, "ana@example.org", 1).await;
    let ics = &mails[0];
    assert_eq!(ics.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(value(ics, "METHOD"), "PUBLISH");
    assert_eq!(value(ics, "UID"), format!("claim-{}@127.0.0.1", claim.id));
    assert_eq!(
        value(ics, "DTSTART"),
        opp.starts_at.format("%Y%m%dT%H%M%SZ").to_string()
    );
    assert_eq!(
        value(ics, "DTEND"),
        opp.ends_at.format("%Y%m%dT%H%M%SZ").to_string()
    );
    assert_eq!(value(ics, "STATUS"), "CONFIRMED");
    assert_eq!(value(ics, "SUMMARY"), opp.title);

    // The private feed: only with its secret.
    let feed = new_feed(&server, &ana).await;
    assert!(feed.ends_with(".ics"), "{feed}");
    let stranger = server.client();
    let resp = stranger.get(&feed).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let body = resp.text().await.unwrap();
    let lines = unfold(&body);
    assert!(
        lines.contains(&format!("UID:claim-{}@127.0.0.1", claim.id)),
        "{body}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l == "X-WR-CALNAME:My work in Berkeley"),
        "{body}"
    );
    let (status, _) = page(&stranger, &server.url("/calendar/feeds/not-the-secret.ics")).await;
    assert_eq!(status, 404);

    // A new address stops the old one.
    let renewed = new_feed(&server, &ana).await;
    assert_ne!(renewed, feed);
    assert_eq!(page(&stranger, &feed).await.0, 404);
    let (status, body) = page(&stranger, &renewed).await;
    assert_eq!(status, 200);
    assert!(body.contains(&claim.id), "{body}");
    // Without a session nobody makes one.
    let resp = post(&stranger, &server.url("/settings/calendar-feed"), &[]).await;
    assert_ne!(resp.status().as_u16(), 200);

    // The organization's feed is public, linked from its page.
    let (status, body) = page(
        &stranger,
        &server.url("/organizations/creek-friends/calendar.ics"),
    )
    .await;
    assert_eq!(status, 200);
    let lines = unfold(&body);
    assert!(
        lines.contains(&format!("UID:opportunity-{opp_id}@127.0.0.1")),
        "{body}"
    );
    assert!(lines.contains(&format!(
        "DTSTART:{}",
        opp.starts_at.format("%Y%m%dT%H%M%SZ")
    )));
    let (_, org_page) = page(&stranger, &server.url("/organizations/creek-friends")).await;
    assert!(
        org_page.contains(r#"href="/organizations/creek-friends/calendar.ics""#),
        "{org_page}"
    );
    let (_, calendar) = page(&ana, &server.url("/calendar")).await;
    assert!(
        calendar.contains(r#"href="/settings#calendar-feed-heading""#),
        "{calendar}"
    );

    // Shared links preview well: Open Graph, and an Event with the city's offset.
    let (status, html) = page(&stranger, &server.url(&format!("/opportunities/{opp_id}"))).await;
    assert_eq!(status, 200);
    let html = html.replace("&#x2f;", "/");
    assert!(
        html.contains(&format!(
            r#"<meta property="og:title" content="{}">"#,
            opp.title
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        r#"<meta property="og:url" content="{}">"#,
        server.url(&format!("/opportunities/{opp_id}"))
    )));
    assert!(html.contains(r#"<meta property="og:type" content="event">"#));
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let event: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["name"], opp.title);
    let zone: chrono_tz::Tz = CITY_ZONE.parse().unwrap();
    let expected = zone
        .from_utc_datetime(&opp.starts_at)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    assert!(
        expected.ends_with("-08:00") || expected.ends_with("-07:00"),
        "{expected}"
    );
    assert_eq!(event["startDate"], expected.as_str());
    assert_eq!(event["location"]["@type"], "Place");
    assert_eq!(event["location"]["address"], "Strawberry Creek");
    assert_eq!(event["organizer"]["name"], "Friends of the Creek");
    assert_eq!(event["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(event["remainingAttendeeCapacity"], 1);

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_is_issued_from_the_new_opportunity_form() {
    use citysync_test_support::server::city_input;
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let first = opportunity(&server, "olga", "vera").await;
    let ctx = &server.running().ctx;
    let template = catalog::opportunity(ctx, &first, None)
        .await
        .unwrap()
        .template_id;
    let org = citysync_app::organizations::by_handle(ctx, "creek-friends", None)
        .await
        .unwrap();
    let count = || async {
        catalog::opportunities_of(ctx, &org, true)
            .await
            .unwrap()
            .len()
    };
    let before = count().await;

    let form_url = server.url(&format!("/templates/{template}/opportunities/new"));
    let (status, html) = page(&olga, &form_url).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"name="repeat" value="weekly""#), "{html}");
    let starts = ctx.now() + chrono::Duration::days(3);
    let (starts_at, ends_at, deadline) = (
        city_input(starts),
        city_input(starts + chrono::Duration::hours(2)),
        city_input(starts - chrono::Duration::hours(2)),
    );
    let zone: chrono_tz::Tz = CITY_ZONE.parse().unwrap();
    let first_day = zone.from_utc_datetime(&starts).date_naive();
    let submit = |until: String| {
        let (olga, form_url, html) = (&olga, form_url.clone(), html.clone());
        let (starts_at, ends_at, deadline) = (starts_at.clone(), ends_at.clone(), deadline.clone());
        async move {
            post(
                olga,
                &form_url,
                &[
                    ("csrf_token", csrf(&html).as_str()),
                    ("title", "Weekly creek cleanup"),
                    ("place", "Strawberry Creek"),
                    ("starts_at", &starts_at),
                    ("ends_at", &ends_at),
                    ("claim_deadline", &deadline),
                    ("capacity", "4"),
                    ("overlap", "continue"),
                    ("repeat", "weekly"),
                    ("repeat_until", &until),
                ],
            )
            .await
        }
    };

    // Two years of weeks: refused with the reason, nothing made.
    let too_far = (first_day + chrono::Duration::weeks(104)).to_string();
    let resp = submit(too_far).await;
    assert_eq!(resp.status().as_u16(), 400);
    let body = resp.text().await.unwrap();
    assert!(body.contains("at most 52 dates"), "{body}");
    assert_eq!(count().await, before);

    // Three weeks: three drafts, each page listing the other dates.
    let resp = submit((first_day + chrono::Duration::weeks(2)).to_string()).await;
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(count().await, before + 3);
    let (status, html) = page(&olga, &server.url(&location)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Other dates"), "{html}");
    let others = html.matches(r#"<li><a href="/opportunities/"#).count();
    assert_eq!(others, 2, "{html}");
    // Publishing the series publishes every date.
    let resp = post(
        &olga,
        &server.url(&format!("{location}/series/publish")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let published = catalog::opportunities_of(ctx, &org, false)
        .await
        .unwrap()
        .iter()
        .filter(|o| o.title == "Weekly creek cleanup")
        .count();
    assert_eq!(published, 3);

    server.stop().await;
}
