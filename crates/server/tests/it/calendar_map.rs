//! The public calendar and map through the real server: every published opportunity by day
//! on the city's clocks and, on the map, those with a position as numbered links beside a
//! list of them all; filters by category, organization, place and dates narrow both; a
//! draft never shows; the peers layer lists what followed cities sent; English and Spanish;
//! nothing from another origin.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::too_many_arguments
)]

use citysync_test_support::server as common;

use chrono::{Duration, NaiveDateTime};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::{self, Received};
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use common::{
    approved_issuer, environment_template, page, published_opportunity, resident, set_up_city,
    user_named, TestServer,
};

/// An opportunity of `template` at `place`, starting `in_days` from now; published unless
/// `draft`. Returns its id.
async fn opportunity(
    server: &TestServer,
    owner: &str,
    template: &str,
    title: &str,
    place: &str,
    point: Option<(f64, f64)>,
    in_days: i64,
    draft: bool,
) -> String {
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let starts = ctx.now() + Duration::days(in_days);
    let created = catalog::create_opportunity(
        ctx,
        &owner,
        OpportunityInput {
            template_id: template.to_owned(),
            spec: OpportunitySpec {
                title_override: Some(title.to_owned()),
                place: place.to_owned(),
                point: point.map(|(la, lo)| GeoPoint::new(la, lo).unwrap()),
                starts_at: starts,
                ends_at: starts + Duration::hours(2),
                claim_deadline: starts,
                capacity: 8,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    if !draft {
        catalog::change_opportunity(ctx, &owner, &created.id, OpportunityEvent::Publish)
            .await
            .unwrap();
    }
    created.id
}

async fn page_in(client: &reqwest::Client, url: &str, lang: &str) -> String {
    let resp = client
        .get(url)
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{url}");
    resp.text().await.unwrap()
}

/// Every `src` and `href` stays on this server: relative, or the server's own address.
fn nothing_from_elsewhere(html: &str, base: &str) {
    for attr in ["src=\"", "href=\"", "src='", "href='"] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            if value.starts_with("http") || value.starts_with("//") {
                assert!(
                    value.starts_with(base),
                    "another origin: {}",
                    value.chars().take(60).collect::<String>()
                );
            }
        }
    }
    assert!(!html.contains("url(http"), "no remote images or fonts");
}

fn local_date(city: &citysync_app::instance::City, at: NaiveDateTime) -> String {
    city.local_time(at).format("%Y-%m-%d").to_string()
}

#[actix_web::test]
async fn the_calendar_and_map_show_published_work_with_filters_in_both_languages() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    for name in ["rosa", "vic", "paz", "val"] {
        resident(&server, name, "correct horse battery").await;
    }
    approved_issuer(&server, "rosa", "vic", "creek").await;
    approved_issuer(&server, "paz", "val", "parks").await;
    let creek = environment_template(&server, "rosa", "creek", 150, 2).await;
    let parks = environment_template(&server, "paz", "parks", 150, 2).await;
    let bridge = published_opportunity(&server, "rosa", &creek, "Bridge litter pick").await;
    let aquatic = opportunity(
        &server,
        "rosa",
        &creek,
        "Aquatic Park cleanup",
        "Aquatic Park, West Berkeley",
        Some((37.8627, -122.2955)),
        3,
        false,
    )
    .await;
    let ohlone = opportunity(
        &server,
        "paz",
        &parks,
        "Ohlone Park <planting> & weeding",
        "Ohlone Park",
        Some((37.8745, -122.2787)),
        5,
        false,
    )
    .await;
    let draft = opportunity(
        &server,
        "paz",
        &parks,
        "Unannounced draft work",
        "Ohlone Park",
        Some((37.87, -122.28)),
        4,
        true,
    )
    .await;
    let ctx = &server.running().ctx;
    let city = citysync_app::instance::get(ctx).await.unwrap();
    let visitor = server.client();

    // The calendar: all three, by day on the city's clocks, with day headings; no draft.
    let html = page_in(&visitor, &server.url("/calendar"), "en").await;
    assert!(html.contains("Calendar of civic work"), "{html}");
    assert!(html.contains("3 opportunities"), "{html}");
    assert!(html.contains("Los_Angeles"));
    for id in [&bridge, &aquatic, &ohlone] {
        assert!(
            html.contains(&format!("href=\"/opportunities/{id}\"")),
            "{id}"
        );
    }
    assert!(!html.contains(&draft) && !html.contains("Unannounced draft work"));
    assert!(html.contains("Ohlone Park &lt;planting&gt; &amp; weeding"));
    let aquatic_day = local_date(&city, ctx.now() + Duration::days(3));
    assert!(
        html.contains(&format!("<h3 id=\"day-{aquatic_day}\">")),
        "{html}"
    );
    assert_eq!(html.matches("<section class=\"calendar-day\"").count(), 3);
    assert!(html.contains("<label for=\"f-place\">Place or neighborhood</label>"));
    assert!(html.contains("href=\"/calendar\"") && html.contains("href=\"/map\""));
    assert!(!html.contains("From the cities we follow</h2>"));
    nothing_from_elsewhere(&html, &server.base);

    // Filters narrow it: category, organization, place, dates.
    let only = |html: &str, id: &str, count: &str| {
        assert!(html.contains(count), "{html}");
        assert!(
            html.contains(&format!("href=\"/opportunities/{id}\"")),
            "{html}"
        );
    };
    let html = page_in(&visitor, &server.url("/calendar?organization=parks"), "en").await;
    only(&html, &ohlone, "One opportunity");
    let html = page_in(&visitor, &server.url("/calendar?organization=nobody"), "en").await;
    assert!(html.contains("Nothing matches these filters right now."));
    let html = page_in(&visitor, &server.url("/calendar?place=aquatic"), "en").await;
    only(&html, &aquatic, "One opportunity");
    let url = format!("/calendar?from={aquatic_day}&to={aquatic_day}");
    let html = page_in(&visitor, &server.url(&url), "en").await;
    only(&html, &aquatic, "One opportunity");
    let html = page_in(
        &visitor,
        &server.url("/calendar?category=environment"),
        "en",
    )
    .await;
    assert!(html.contains("3 opportunities"));
    let html = page_in(&visitor, &server.url("/calendar?category=education"), "en").await;
    assert!(
        html.contains("Nothing matches these filters right now."),
        "{html}"
    );

    // The map: the two located ones as numbered links with titles; the list has all three.
    let html = page_in(&visitor, &server.url("/map"), "en").await;
    assert!(html.contains("Map of civic work"));
    assert!(
        html.contains("role=\"group\""),
        "a group, so its links are heard"
    );
    assert!(html.contains("aria-labelledby=\"city-map-title city-map-desc\""));
    assert_eq!(html.matches("<circle").count(), 2, "{html}");
    assert!(html.contains(&format!("<a href=\"/opportunities/{aquatic}\"><title>")));
    assert!(html.contains(&format!("<a href=\"/opportunities/{ohlone}\"><title>")));
    assert!(html.contains("<title>3. Ohlone Park &lt;planting&gt; &amp; weeding</title>"));
    assert!(!html.contains(&format!("<a href=\"/opportunities/{bridge}\"><title>")));
    assert_eq!(html.matches("<li value=").count(), 3);
    assert_eq!(html.matches("no map position").count(), 1);
    assert!(!html.contains("Unannounced draft work"));
    assert!(!html.contains("style="), "the CSP forbids inline styles");
    nothing_from_elsewhere(&html, &server.base);
    let html = page_in(&visitor, &server.url("/map?organization=creek"), "en").await;
    assert_eq!(html.matches("<circle").count(), 1);
    assert_eq!(html.matches("<li value=").count(), 2);
    let html = page_in(&visitor, &server.url("/map?place=bridge"), "en").await;
    assert!(!html.contains("<svg class=\"map\""));
    assert!(html.contains("None of these opportunities has a map position yet"));
    assert_eq!(html.matches("<li value=").count(), 1);

    // In Spanish.
    let html = page_in(&visitor, &server.url("/calendar"), "es").await;
    assert!(html.contains("Calendario del trabajo cívico"), "{html}");
    assert!(html.contains("3 oportunidades"));
    assert!(html.contains("Lugar o colonia"));
    let html = page_in(&visitor, &server.url("/map"), "es").await;
    assert!(html.contains("Mapa del trabajo cívico"));
    assert!(html.contains("sin ubicación en el mapa"));
    assert!(html.contains("Mapa de oportunidades"));

    // The catalog links to both.
    let (_, html) = page(&visitor, &server.url("/opportunities")).await;
    assert!(html.contains("href=\"/calendar\"") && html.contains("href=\"/map\""));

    // The peers layer: what a followed city sent, as a separate section linking to our page.
    let now = ctx.now();
    for (path, name, starts) in [
        (
            "o1",
            "Oakland shoreline cleanup",
            Some(now + Duration::days(2)),
        ),
        ("o2", "Oakland past event", Some(now - Duration::days(3))),
    ] {
        remote::keep(
            ctx,
            Received {
                ap_id: url::Url::parse(&format!("https://oakland.example/opportunities/{path}"))
                    .unwrap(),
                kind: Kind::Opportunity,
                attributed_to: url::Url::parse("https://oakland.example/organizations/greeners")
                    .unwrap(),
                via: None,
                name: name.into(),
                summary: String::new(),
                document: "{}".into(),
                template: None,
                starts_at: starts,
                proof_verified: false,
                published_at: now,
                updated_at: now,
            },
            None,
        )
        .await
        .unwrap();
    }
    let kept = remote::by_ap_id(ctx, "https://oakland.example/opportunities/o1")
        .await
        .unwrap()
        .unwrap();
    let html = page_in(&visitor, &server.url("/calendar"), "en").await;
    assert!(!html.contains("Oakland shoreline cleanup"));
    let html = page_in(&visitor, &server.url("/calendar?layer=peers"), "en").await;
    assert!(html.contains("From the cities we follow</h2>"), "{html}");
    assert!(html.contains("Oakland shoreline cleanup"));
    assert!(html.contains(&format!("href=\"/federation/objects/{}\"", kept.id)));
    assert!(html.contains("From oakland.example"));
    assert!(!html.contains("Oakland past event"));
    assert!(html.contains("3 opportunities"), "the city's own stay");
    nothing_from_elsewhere(&html, &server.base);
    let html = page_in(&visitor, &server.url("/calendar?layer=peers"), "es").await;
    assert!(html.contains("De las ciudades que seguimos"));
    let url = format!("/calendar?layer=peers&from={aquatic_day}");
    let html = page_in(&visitor, &server.url(&url), "en").await;
    assert!(!html.contains("Oakland shoreline cleanup"));
    assert!(html.contains("No opportunity from the cities we follow in these dates."));

    server.stop().await;
}

/// The catalog's date filters are days on the city's clock: work at 22:00 on Friday in
/// Berkeley (06:00 UTC on Saturday) is Friday's.
#[tokio::test]
async fn catalog_date_filters_are_days_in_the_city() {
    use chrono::NaiveDate;
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    resident(&server, "olga", "correct horse battery").await;
    resident(&server, "vera", "correct horse battery").await;
    common::approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let template = common::environment_template(&server, "olga", "creek-friends", 100, 1).await;
    let ctx = &server.running().ctx;
    let olga = common::user_named(&server, "olga").await;
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2030, 1, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap()
    };
    let opp = citysync_app::catalog::create_opportunity(
        ctx,
        &olga,
        citysync_app::catalog::OpportunityInput {
            template_id: template,
            spec: citysync_domain::work::OpportunitySpec {
                title_override: Some("Night patrol".into()),
                place: "Strawberry Creek".into(),
                point: None,
                starts_at: at(5, 6),
                ends_at: at(5, 7),
                claim_deadline: at(5, 6),
                capacity: 5,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    citysync_app::catalog::change_opportunity(
        ctx,
        &olga,
        &opp.id,
        citysync_domain::lifecycle::OpportunityEvent::Publish,
    )
    .await
    .unwrap();
    let visitor = server.client();
    let (_, friday) = page(
        &visitor,
        &server.url("/opportunities?from=2030-01-04&until=2030-01-04"),
    )
    .await;
    assert!(friday.contains("Night patrol"), "{friday}");
    let (_, saturday) = page(
        &visitor,
        &server.url("/opportunities?from=2030-01-05&until=2030-01-05"),
    )
    .await;
    assert!(!saturday.contains("Night patrol"), "{saturday}");
    server.stop().await;
}
