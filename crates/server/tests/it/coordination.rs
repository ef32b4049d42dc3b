//! Coordination through the real server: an issuer drafting "Saturday park cleanup at
//! Aquatic Park" is shown the cleanups two organizations already run there, with the
//! reasons in English and Spanish; "continue anyway" saves, "adopt instead" copies the
//! other organization's template; on the opportunity form "co-issue" saves the draft and
//! opens its partners page with the invitation filled in; the partner accepts on its console
//! and the co-issued opportunity is published, naming both. The administrator's monthly
//! overlap report pairs the two duplicate programs with the residents each reached, and
//! an organization's console shows who else works in its categories and places.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Weekday};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::instance::City;
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use common::{approved_issuer, csrf, page, post, resident, set_up_city, user_named, TestServer};

/// Aquatic Park, Berkeley, and a point about 400 m north along the shore.
const AQUATIC: (f64, f64) = (37.8612, -122.2965);
const AQUATIC_NORTH: (f64, f64) = (37.8648, -122.2962);

fn cleanup_spec(title: &str, summary: &str) -> TemplateSpec {
    TemplateSpec {
        title: title.into(),
        summary: summary.into(),
        instructions: "Bring gloves and a bucket; bags are provided.".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city: 500,
        reward_vote: 1,
        estimated_minutes: 120,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    }
}

/// Next Saturday (at least two days away) at `hour` on the city's clocks, in UTC.
fn saturday_at(city: &City, now: NaiveDateTime, hour: u32) -> NaiveDateTime {
    let mut day = now.date() + Duration::days(2);
    while day.weekday() != Weekday::Sat {
        day += Duration::days(1);
    }
    city.utc_of_local(day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap()))
}

/// An active cleanup template of `handle` and its published opportunity at `point`,
/// starting at `starts` (UTC). Returns (template id, opportunity id).
async fn running_cleanup(
    server: &TestServer,
    owner: &str,
    handle: &str,
    title: &str,
    point: (f64, f64),
    starts: NaiveDateTime,
) -> (String, String) {
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let spec = cleanup_spec(title, "Litter pick-up along the Aquatic Park shore.");
    let template = catalog::create_template(ctx, &owner, handle, spec)
        .await
        .unwrap();
    catalog::change_template(ctx, &owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let opportunity = catalog::create_opportunity(
        ctx,
        &owner,
        OpportunityInput {
            template_id: template.id.clone(),
            spec: OpportunitySpec {
                title_override: None,
                place: "Aquatic Park".into(),
                point: Some(GeoPoint::new(point.0, point.1).unwrap()),
                starts_at: starts,
                ends_at: starts + Duration::hours(3),
                claim_deadline: starts,
                capacity: 20,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &owner, &opportunity.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    (template.id, opportunity.id)
}

/// The page's text with minijinja's escaped slashes and quotes read back.
fn unescaped(html: String) -> String {
    html.replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
}

fn wire(at: NaiveDateTime) -> String {
    citysync_test_support::server::city_input(at)
}

#[tokio::test]
async fn drafting_shows_the_overlap_and_offers_adopt_coissue_or_continue() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let mut people = std::collections::HashMap::new();
    for name in [
        "sam_shore",
        "vera_verifies",
        "bo_bay",
        "val_bay",
        "cara_parks",
        "vi_parks",
    ] {
        people.insert(name, resident(&server, name, "correct horse battery").await);
    }
    approved_issuer(&server, "sam_shore", "vera_verifies", "shoreline-friends").await;
    approved_issuer(&server, "bo_bay", "val_bay", "baykeepers").await;
    approved_issuer(&server, "cara_parks", "vi_parks", "park-stewards").await;
    let ctx = &server.running().ctx;
    let city = citysync_app::instance::get(ctx).await.unwrap();
    let saturday = saturday_at(&city, ctx.now(), 9);
    let (shore_template, shore_cleanup) = running_cleanup(
        &server,
        "sam_shore",
        "shoreline-friends",
        "Aquatic Park shoreline cleanup",
        AQUATIC_NORTH,
        saturday,
    )
    .await;
    let (_, bay_cleanup) = running_cleanup(
        &server,
        "bo_bay",
        "baykeepers",
        "Saturday cleanup at Aquatic Park",
        AQUATIC,
        saturday + Duration::minutes(30),
    )
    .await;

    let cara = people["cara_parks"].clone();
    // The template form: both cleanups' templates are shown, with "adopt instead".
    let new_template = server.url("/organizations/park-stewards/templates/new");
    let (_, html) = page(&cara, &new_template).await;
    let token = csrf(&html);
    let fields = |overlap: &'static str| {
        vec![
            ("csrf_token", token.clone()),
            ("title", "Saturday park cleanup at Aquatic Park".to_owned()),
            (
                "summary",
                "Pick up litter in the park and along the shore.".to_owned(),
            ),
            ("instructions", "Bring gloves; we bring bags.".to_owned()),
            ("category", "environment".to_owned()),
            ("outcome_unit", "kg_waste_diverted".to_owned()),
            ("outcome", "5".to_owned()),
            ("verification_method", "issuer_review".to_owned()),
            ("proof_text", "on".to_owned()),
            ("reward_city", "5.00".to_owned()),
            ("reward_vote", "1".to_owned()),
            ("estimated_minutes", "120".to_owned()),
            ("overlap", overlap.to_owned()),
        ]
    };
    let form: Vec<(&str, String)> = fields("");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&cara, &new_template, &form).await;
    assert_eq!(resp.status().as_u16(), 200, "the panel, not a save");
    let html = unescaped(resp.text().await.unwrap());
    assert!(html.contains("already exist"), "{html}");
    assert!(
        html.contains(&format!("/templates/{shore_template}")),
        "{html}"
    );
    assert!(
        html.contains(&format!("/templates/{shore_template}/adopt")),
        "{html}"
    );
    assert!(html.contains("same category"), "{html}");
    assert!(
        html.contains("name=\"overlap\" value=\"continue\""),
        "{html}"
    );
    assert!(
        catalog::templates_of(ctx, &org(&server, "park-stewards").await, true)
            .await
            .unwrap()
            .is_empty(),
        "nothing saved while the issuer looks"
    );

    // "Adopt instead": a draft copy of the shoreline template, adapted from it.
    let resp = post(
        &cara,
        &server.url(&format!("/templates/{shore_template}/adopt")),
        &[("csrf_token", &token), ("organization", "park-stewards")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("/edit"), "{location}");
    let adopted = location
        .trim_start_matches("/templates/")
        .trim_end_matches("/edit")
        .to_owned();
    let (status, html) = page(&cara, &server.url(&format!("/templates/{adopted}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("Aquatic Park shoreline cleanup"), "{html}");

    // "Continue anyway": saved as typed.
    let form: Vec<(&str, String)> = fields("continue");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&cara, &new_template, &form).await;
    assert_eq!(resp.status().as_u16(), 303);
    let own_template = resp.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/templates/")
        .to_owned();
    let cara_user = user_named(&server, "cara_parks").await;
    catalog::change_template(ctx, &cara_user, &own_template, TemplateEvent::Activate)
        .await
        .unwrap();

    // The opportunity form: both dated cleanups, explained on Berkeley's clocks, in both
    // languages; "co-issue" saves the draft and opens the invitation to that partner.
    let new_opportunity = server.url(&format!("/templates/{own_template}/opportunities/new"));
    let (_, html) = page(&cara, &new_opportunity).await;
    let token = csrf(&html);
    let starts = saturday + Duration::minutes(30);
    let opportunity_fields = |extra: (&'static str, &'static str)| {
        vec![
            ("csrf_token", token.clone()),
            ("title", "Saturday park cleanup at Aquatic Park".to_owned()),
            ("place", "Aquatic Park, south lawn".to_owned()),
            ("latitude", AQUATIC.0.to_string()),
            ("longitude", AQUATIC.1.to_string()),
            ("starts_at", wire(starts)),
            ("ends_at", wire(starts + Duration::hours(2))),
            ("claim_deadline", wire(starts)),
            ("capacity", "15".to_owned()),
            ("onsite_instructions", String::new()),
            (extra.0, extra.1.to_owned()),
        ]
    };
    for (lang, same_morning, away) in [
        ("es", "el mismo sábado por la mañana", "misma categoría"),
        ("en", "same Saturday morning", "m away"),
    ] {
        let resp = post(
            &cara,
            &server.url("/language"),
            &[("csrf_token", &token), ("locale", lang), ("return_to", "/")],
        )
        .await;
        assert_eq!(resp.status().as_u16(), 303, "{lang}");
        let form = opportunity_fields(("overlap", ""));
        let resp = cara
            .post(&new_opportunity)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{lang}");
        let html = unescaped(resp.text().await.unwrap());
        assert!(
            html.contains(&format!("/opportunities/{shore_cleanup}")),
            "{lang}: {html}"
        );
        assert!(
            html.contains(&format!("/opportunities/{bay_cleanup}")),
            "{lang}: {html}"
        );
        assert!(html.contains(same_morning), "{lang}: {html}");
        assert!(html.contains(away), "{lang}: {html}");
        assert!(
            html.contains("name=\"coissue_with\" value=\"shoreline-friends\""),
            "{lang}: {html}"
        );
    }
    let form = opportunity_fields(("coissue_with", "shoreline-friends"));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&cara, &new_opportunity, &form).await;
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/opportunities/")
            && location.ends_with("/partners?invite=shoreline-friends"),
        "{location}"
    );

    // Click two: invite them with their share (prefilled with the organization).
    let drafted = location
        .trim_end_matches("?invite=shoreline-friends")
        .to_owned();
    let opp = drafted
        .trim_start_matches("/opportunities/")
        .trim_end_matches("/partners")
        .to_owned();
    let (status, html) = page(&cara, &server.url(&location)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("value=\"shoreline-friends\""), "{html}");
    let resp = post(
        &cara,
        &server.url(&drafted),
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", "shoreline-friends"),
            ("share", "2.00"),
            ("verifies", "on"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    // Click three: the shoreline's owner accepts on its console.
    let sam = &people["sam_shore"];
    let (_, console) = page(sam, &server.url("/organizations/shoreline-friends/console")).await;
    let accept = format!("/opportunities/{opp}/partners/shoreline-friends/accept");
    assert!(unescaped(console.clone()).contains(&accept), "{console}");
    let resp = post(
        sam,
        &server.url(&accept),
        &[("csrf_token", &csrf(&console))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    // Click four: published, co-issued; the public page names both, in both languages.
    let (_, html) = page(&cara, &server.url(&format!("/opportunities/{opp}"))).await;
    let resp = post(
        &cara,
        &server.url(&format!("/opportunities/{opp}/publish")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let anonymous = server.client();
    let (status, public) = page(&anonymous, &server.url(&format!("/opportunities/{opp}"))).await;
    assert_eq!(status, 200);
    let public = unescaped(public);
    assert!(public.contains("Issued by"), "{public}");
    let spanish = anonymous
        .get(server.url(&format!("/opportunities/{opp}")))
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(spanish.contains("Emitida por"), "{spanish}");
    assert!(
        public.contains("/organizations/shoreline-friends"),
        "{public}"
    );
    assert!(
        public.contains("(2.00 CITY)") && public.contains("(3.00 CITY)"),
        "{public}"
    );

    // The administrator's report for that month pairs the two duplicate programs; the
    // console of the third organization shows who else works there.
    let month = city.local_time(saturday).format("%Y-%m").to_string();
    let (status, html) = page(
        &admin,
        &server.url(&format!("/admin/overlap?month={month}")),
    )
    .await;
    let html = unescaped(html);
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Aquatic Park shoreline cleanup"), "{html}");
    assert!(html.contains("Saturday cleanup at Aquatic Park"), "{html}");
    assert!(html.contains("0 residents reached"), "{html}");
    let (status, _) = page(&cara, &server.url("/admin/overlap")).await;
    assert_eq!(status, 403, "the report is the administrator's");
    let (status, html) = page(&cara, &server.url("/organizations/park-stewards/console")).await;
    let html = unescaped(html);
    assert_eq!(status, 200);
    let neighbors = common::text_between(&html, "neighbors-heading", "</section>");
    assert!(
        neighbors.contains("/organizations/shoreline-friends"),
        "{neighbors}"
    );
    assert!(
        neighbors.contains("/organizations/baykeepers"),
        "{neighbors}"
    );
    server.stop().await;
}

async fn org(server: &TestServer, handle: &str) -> citysync_app::organizations::Organization {
    let ctx = &server.running().ctx;
    let admin = user_named(server, "clerk").await;
    citysync_app::organizations::by_handle(ctx, handle, Some(&admin))
        .await
        .unwrap()
}
