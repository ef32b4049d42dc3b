//! Eligibility through HTTP (issue 26): a minor gives her date of birth, the opportunity page
//! tells her what she still needs, her claim is refused; she names a guardian, who gets an
//! email, opens its single-use link without an account and consents; then she claims. The
//! API refuses a claim without the waiver with a problem whose detail says what is missing,
//! and accepts it with the waiver's version.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::{opportunity, user};
use chrono::{Datelike, NaiveDate};
use citysync_app::eligibility::{self, RequirementsInput};
use citysync_test_support::server::api::{token, Api};
use citysync_test_support::server::{csrf, link, page, post, resident, set_up_city, TestServer};
use serde_json::json;

const PASSWORD: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guardian_consents_by_the_emailed_link_and_the_minor_claims() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;

    // Her date of birth: 15 years old.
    let (status, html) = page(&ben, &server.url("/settings/eligibility")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Date of birth"), "{html}");
    let today = server.running().ctx.now().date();
    let born = NaiveDate::from_ymd_opt(today.year() - 15, 1, 1).unwrap();
    let bad = post(
        &ben,
        &server.url("/settings/eligibility/birth-date"),
        &[("csrf_token", &csrf(&html)), ("born_on", "yesterday")],
    )
    .await;
    assert_eq!(bad.status().as_u16(), 400);
    assert!(bad.text().await.unwrap().contains("year-month-day"));
    let resp = post(
        &ben,
        &server.url("/settings/eligibility/birth-date"),
        &[("csrf_token", &csrf(&html)), ("born_on", &born.to_string())],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);

    // The opportunity page says what she needs; a claim is refused and changes nothing.
    let path = format!("/opportunities/{opp}");
    let (_, html) = page(&ben, &server.url(&path)).await;
    assert!(
        html.contains("Before you can claim a place, you need:")
            && html.contains("guardian")
            && html.contains("consent (ask for it in your settings)"),
        "{html}"
    );
    assert!(html.contains(r#"href="/settings/eligibility""#), "{html}");
    let refused = post(
        &ben,
        &server.url(&format!("{path}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(refused.status().as_u16(), 403);
    let body = refused.text().await.unwrap();
    assert!(body.contains("You cannot claim this place yet"), "{body}");
    let (_, mine) = page(&ben, &server.url("/claims")).await;
    assert!(!mine.contains(&opp), "a refused claim left a claim: {mine}");

    // She names her guardian, who is emailed a link.
    let (_, html) = page(&ben, &server.url("/settings/eligibility")).await;
    assert!(html.contains("guardian_email"), "{html}");
    let resp = post(
        &ben,
        &server.url("/settings/eligibility/guardian"),
        &[
            ("csrf_token", &csrf(&html)),
            ("guardian_email", "mum@example.org"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let mail = server.mail_to("mum@example.org", "/guardian/").await;
    assert!(mail.contains("ben"), "{mail}");
    let consent_link = link(&mail, &server.url("/guardian/"));

    // The guardian, without an account, opens it and consents; the link works once.
    let guardian = server.client();
    let (status, html) = page(&guardian, &consent_link).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("I consent for ben"), "{html}");
    let done = post(&guardian, &consent_link, &[("csrf_token", &csrf(&html))]).await;
    assert_eq!(done.status().as_u16(), 200);
    assert!(done
        .text()
        .await
        .unwrap()
        .contains("Your consent for ben is recorded"));
    let (status, _) = page(&guardian, &consent_link).await;
    assert_eq!(status, 400, "a used link is refused");
    let (_, html) = page(&ben, &server.url("/settings/eligibility")).await;
    assert!(html.contains("mum@example.org consented on"), "{html}");

    // Administrators see her date of birth and guardian; other residents do not.
    let (status, html) = page(&admin, &server.url("/admin/users/ben/eligibility")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("mum@example.org consented on"), "{html}");
    let (status, _) = page(&ben, &server.url("/admin/users/ben/eligibility")).await;
    assert_eq!(status, 403);

    // Now she claims.
    let (_, html) = page(&ben, &server.url(&path)).await;
    assert!(!html.contains("Before you can claim a place"), "{html}");
    let resp = post(
        &ben,
        &server.url(&format!("{path}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_refuses_a_claim_without_the_waiver_with_a_clear_problem() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let _ana = resident(&server, "ana", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;
    let ctx = &server.running().ctx;
    let owner = user(&server, "olga").await;
    let template = citysync_app::catalog::opportunity(ctx, &opp, Some(&owner))
        .await
        .unwrap()
        .template_id;
    eligibility::set_requirements(
        ctx,
        &owner,
        &template,
        RequirementsInput {
            waiver: "I take part at my own risk.".into(),
            ..RequirementsInput::default()
        },
    )
    .await
    .unwrap();

    let api = Api::new(&server).await;
    let bearer = token(&server, "ana", "read write:claims").await;
    let needs = api
        .get(
            &format!("/api/v1/opportunities/{opp}/eligibility"),
            Some(&bearer),
        )
        .await;
    assert_eq!(needs.status, 200, "{}", needs.body);
    assert_eq!(needs.body["waiver"]["version"], 1);
    assert_eq!(needs.body["waiver"]["text"], "I take part at my own risk.");

    let claims = format!("/api/v1/opportunities/{opp}/claims");
    let refused = api.post(&claims, &bearer, None, None).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.problem(), "error-claim-requirements-unmet");
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(detail.contains("accept the waiver"), "{detail}");
    let stale = api
        .post(&claims, &bearer, None, Some(json!({ "accept_waiver": 0 })))
        .await;
    assert_eq!(stale.status, 403, "{}", stale.body);

    let made = api
        .post(&claims, &bearer, None, Some(json!({ "accept_waiver": 1 })))
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    // The organization's verifier sees the acceptance on the opportunity page.
    let vera = user(&server, "vera").await;
    let seen = eligibility::acceptances(ctx, &vera, &opp).await.unwrap();
    assert_eq!((seen[0].username.as_str(), seen[0].version), ("ana", 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editors_set_requirements_and_grant_qualifications_through_the_forms() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let dora = resident(&server, "dora", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;
    let ctx = &server.running().ctx;
    let owner = user(&server, "olga").await;
    let template = citysync_app::catalog::opportunity(ctx, &opp, Some(&owner))
        .await
        .unwrap()
        .template_id;

    // The owner defines a qualification; a verifier grants it.
    let quals = server.url("/organizations/creek-friends/qualifications");
    let (status, html) = page(&olga, &quals).await;
    assert_eq!(status, 200, "{html}");
    let resp = post(
        &olga,
        &quals,
        &[("csrf_token", &csrf(&html)), ("name", "Food handler card")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (status, html) = page(&vera, &quals).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Food handler card"), "{html}");
    let marker = r#"<option value=""#;
    let select = html.find(r#"id="f-qualification""#).unwrap();
    let at = select + html[select..].find(marker).unwrap() + marker.len();
    let qualification = html[at..].split('"').next().unwrap().to_owned();
    let grant = server.url("/organizations/creek-friends/qualifications/grant");
    let bad = post(
        &vera,
        &grant,
        &[
            ("csrf_token", &csrf(&html)),
            ("qualification", &qualification),
            ("who", "dora"),
            ("expires_on", "2001-01-01"),
        ],
    )
    .await;
    assert_eq!(bad.status().as_u16(), 400);
    let next_year = (ctx.now().date() + chrono::Duration::days(365)).to_string();
    let resp = post(
        &vera,
        &grant,
        &[
            ("csrf_token", &csrf(&html)),
            ("qualification", &qualification),
            ("who", "dora"),
            ("expires_on", &next_year),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    // A resident cannot see the page.
    let (status, _) = page(&dora, &quals).await;
    assert_eq!(status, 403);

    // The template asks for 16 years, a waiver and the qualification.
    let form = server.url(&format!("/templates/{template}/requirements"));
    let (status, html) = page(&olga, &form).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Food handler card"), "{html}");
    let bad = post(
        &olga,
        &form,
        &[("csrf_token", &csrf(&html)), ("min_age", "200")],
    )
    .await;
    assert_eq!(bad.status().as_u16(), 400);
    assert!(bad.text().await.unwrap().contains("from 1 to 120"));
    let resp = post(
        &olga,
        &form,
        &[
            ("csrf_token", &csrf(&html)),
            ("min_age", "16"),
            ("waiver", "I take part at my own risk."),
            ("qualification", &qualification),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&olga, &form).await;
    assert!(
        html.contains(r#"value="16""#) && html.contains("checked"),
        "{html}"
    );

    // Dora (an adult with the card) sees what she still needs, then claims with the waiver.
    let (_, html) = page(&dora, &server.url("/settings/eligibility")).await;
    assert!(html.contains("Food handler card"), "{html}");
    let resp = post(
        &dora,
        &server.url("/settings/eligibility/birth-date"),
        &[("csrf_token", &csrf(&html)), ("born_on", "1990-04-01")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let path = format!("/opportunities/{opp}");
    let (_, html) = page(&dora, &server.url(&path)).await;
    assert!(html.contains("to accept the waiver below"), "{html}");
    assert!(html.contains(r#"name="accept_waiver" value="1""#), "{html}");
    let resp = post(
        &dora,
        &server.url(&format!("{path}/claim")),
        &[("csrf_token", &csrf(&html)), ("accept_waiver", "1")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    // Her acceptance is on the page for the organization's verifier.
    let (_, html) = page(&vera, &server.url(&path)).await;
    assert!(html.contains("dora accepted version 1 on"), "{html}");
}
