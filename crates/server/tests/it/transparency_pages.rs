//! The "done means" for the dashboard: a resident without an account opens
//! `/transparency` on a phone and follows one verified task from its issuer to the credit it
//! minted, where that credit was spent and what the city decided with the VOTE it carried;
//! the JSON behind the page gives the same figures; the organization's record shows it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::{
    approved_issuer, approved_redeemer, environment_template, page, published_opportunity,
    resident, set_budget, set_up_city, text_between, user_named, verified_work, TestServer,
};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";
const PHONE: &str = "Mozilla/5.0 (Linux; Android 12; moto g) Mobile";

async fn api(server: &TestServer, token: &str, path: &str, body: Option<Value>) -> Value {
    let http = server.client();
    let request = match body {
        Some(b) => http.post(server.url(path)).json(&b),
        None => http.post(server.url(path)),
    };
    let resp = request.bearer_auth(token).send().await.unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().await.unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_follows_a_verified_task_to_its_credit_spending_and_decision() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ctx = server.running().ctx.clone();
    for name in ["olga", "carmen", "carl"] {
        resident(&server, name, PASSWORD).await;
    }
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 2).await;
    let opportunity = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    verified_work(&server, &ana, &vera, "creek-friends", &opportunity).await;

    // Ana spends 3.00 CITY at the café.
    approved_redeemer(&server, "carmen", "carl", "corner-cafe").await;
    let cafe = citysync_app::organizations::by_handle(&ctx, "corner-cafe", None)
        .await
        .unwrap();
    let carmen = user_named(&server, "carmen").await;
    let tea = citysync_app::offerings::create(
        &ctx,
        &carmen,
        &cafe.id,
        citysync_app::offerings::OfferingInput {
            title: "Tea".into(),
            price: "3.00".into(),
            category: "food_drink".into(),
            active: true,
            ..Default::default()
        },
        None,
    )
    .await
    .unwrap();
    citysync_app::offerings::commit(&ctx, &carmen, &tea, "5")
        .await
        .unwrap();
    let ana_user = user_named(&server, "ana").await;
    let reserved = citysync_app::redemptions::reserve(&ctx, &ana_user, &tea, "tea-1")
        .await
        .unwrap();
    citysync_app::redemptions::honor(
        &ctx,
        &user_named(&server, "carl").await,
        &cafe.id,
        &reserved,
    )
    .await
    .unwrap();

    // The city decides with Ana's VOTE.
    let clerk = citysync_app::tokens::create(&ctx, "clerk", "admin", "t")
        .await
        .unwrap();
    let ana_t = citysync_app::tokens::create(&ctx, "ana", "write:proposals vote", "t")
        .await
        .unwrap();
    let now = ctx.now();
    let at = |h: i64| {
        (now + chrono::Duration::hours(h))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let cycle = api(
        &server,
        &clerk,
        "/api/v1/cycles",
        Some(json!({"title": "Spring", "schedule": {"proposals_at": at(-1), "deliberation_at": at(24), "voting_at": at(48), "results_at": at(72)},
                    "method": "weighted_majority", "quorum_percent": 10, "min_vote": 1})),
    )
    .await;
    let cycle = cycle["id"].as_str().unwrap().to_owned();
    let proposal = api(
        &server,
        &ana_t,
        &format!("/api/v1/cycles/{cycle}/proposals"),
        Some(json!({"title": "Plant oaks by the creek", "body": "Shade for the trail.", "content": {"kind": "policy"}})),
    )
    .await;
    let proposal = proposal["proposal"]["id"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        api(
            &server,
            &clerk,
            &format!("/api/v1/cycles/{cycle}/next-phase"),
            None,
        )
        .await;
    }
    api(
        &server,
        &ana_t,
        &format!("/api/v1/proposals/{proposal}/ballot"),
        Some(json!({"kind": "weighted_majority", "option": 0})),
    )
    .await;
    api(
        &server,
        &clerk,
        &format!("/api/v1/cycles/{cycle}/next-phase"),
        None,
    )
    .await;

    // A visitor with no account, on a phone.
    let visitor = reqwest::Client::builder()
        .pool_idle_timeout(citysync_test_support::POOL_IDLE)
        .user_agent(PHONE)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, html) = page(&visitor, &server.url("/transparency")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<td class=\"num\" id=\"figure-city-minted\">5.00 CITY</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td class=\"num\" id=\"figure-city-burned\">3.00 CITY</td>"),
        "{html}"
    );
    assert!(html.contains("<dd id=\"figure-verified\">1</dd>"), "{html}");
    assert!(
        html.contains("role=\"img\""),
        "charts are images with names"
    );
    assert!(html.contains("<caption>"), "and tables beside them");
    assert!(html.contains("href=\"/organizations/creek-friends/accountability\""));
    assert!(html.contains("Plant oaks by the creek"), "{html}");
    assert!(!html.contains("ana@example.org") && !html.contains(">ana<"));
    // The same figures as JSON.
    let json: Value = visitor
        .get(server.url("/transparency.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["ledger"]["total"]["city_minted"], 500);
    assert_eq!(json["ledger"]["total"]["city_burned"], 300);
    assert_eq!(json["work"]["verified"], 1);
    assert_eq!(json["decisions"][0]["outcome"], "passed");

    // A journalist's download gives the same totals.
    let aggregates: Value = visitor
        .get(server.url("/open-data/v1/aggregates.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let city = &aggregates["rows"][0];
    assert_eq!(
        (
            city["scope"].as_str(),
            city["city_minted"].as_i64(),
            city["city_burned"].as_i64()
        ),
        (Some("city"), Some(500), Some(300)),
        "{aggregates}"
    );
    assert_eq!(city["contributions_verified"], 1);

    // Follow the task: issuer, credit, spending, decision.
    let trail = text_between(&html, "href=\"/transparency/contributions/", "\"").to_owned();
    let (status, html) = page(
        &visitor,
        &server.url(&format!("/transparency/contributions/{trail}")),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Friends of the Creek"), "the issuer: {html}");
    assert!(
        html.contains("5.00 CITY") && html.contains("2 VOTE"),
        "the credit: {html}"
    );
    assert!(
        html.contains("3.00 CITY") && html.contains("Corner Café"),
        "the spending: {html}"
    );
    assert!(
        html.contains("Plant oaks by the creek") && html.contains("passed"),
        "the decision: {html}"
    );
    assert!(html.contains("acct-"), "a pseudonymous account");
    assert!(!html.contains("ana"), "never the resident's name: {html}");

    // In Spanish.
    let (_, html) = {
        let resp = visitor
            .get(server.url("/transparency"))
            .header("Accept-Language", "es-MX,es;q=0.9")
            .send()
            .await
            .unwrap();
        (resp.status(), resp.text().await.unwrap())
    };
    assert!(html.contains("Transparencia"), "{html}");
    assert!(html.contains("Contribuciones verificadas"));

    // The organization's record.
    let (status, html) = page(
        &visitor,
        &server.url("/organizations/creek-friends/accountability"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Thank you"), "feedback it published: {html}");
    assert!(html.contains("5.00"), "{html}");
    // A period that does not exist.
    let (status, _) = page(&visitor, &server.url("/transparency?epoch=99")).await;
    assert_eq!(status, 404);
    server.stop().await;
}

/// A city just set up has minted, spent and decided nothing yet: the dashboard says so,
/// in both languages, instead of failing on the charts it does not have.
#[tokio::test]
async fn a_fresh_city_shows_an_empty_dashboard() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let visitor = server.client();
    for (language, heading) in [("en-US", "Transparency"), ("es-MX", "Transparencia")] {
        let resp = visitor
            .get(server.url("/transparency"))
            .header("Accept-Language", language)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        let html = resp.text().await.unwrap();
        assert_eq!(status, 200, "{language}: {html}");
        assert!(html.contains(heading), "{language}: {html}");
    }
    server.stop().await;
}
