//! The ledger through the real pages (CSRF, cookies, multipart): the administrator grants an
//! issuer its budget, verified work lands in the resident's wallet, a café approved as a
//! redeemer lists a coffee and commits units, the resident reserves it (QR code and short
//! code), a cashier honors the typed code exactly once, the public ledger shows the burn and
//! its checkpoints as JSON. Someone else's reservation is not found; too little CITY is
//! refused with nothing changed; the wallet speaks Spanish.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::{accounts, organizations, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use common::{
    csrf, page, post, resident, set_budget, set_up_city, text_between as between, verified_work,
    TestServer,
};

const PASSWORD: &str = "correct horse battery";

async fn user(server: &TestServer, name: &str) -> User {
    accounts::by_username(&server.running().ctx, name)
        .await
        .unwrap()
        .unwrap()
}

/// `owner` joins `handle` with `role` by invitation (use cases; their forms have their tests).
async fn join(server: &TestServer, owner: &User, handle: &str, name: &str, role: &str) {
    let ctx = &server.running().ctx;
    let member = user(server, name).await;
    organizations::invite(ctx, owner, handle, name, role)
        .await
        .unwrap();
    let inv = organizations::invitations_for(ctx, &member).await.unwrap();
    organizations::answer_invitation(ctx, &member, &inv[0].id, true)
        .await
        .unwrap();
}

/// An approved organization created through the use cases.
async fn organization(server: &TestServer, owner: &User, handle: &str, issuer: bool) {
    let ctx = &server.running().ctx;
    let admin = user(server, "clerk").await;
    organizations::create(
        ctx,
        owner,
        organizations::NewOrganization {
            handle: handle.into(),
            name: if issuer {
                "Friends of the Creek".into()
            } else {
                "Corner Café".into()
            },
            is_issuer: issuer,
            is_redeemer: !issuer,
            contact_email: format!("hi@{handle}.org"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    organizations::decide(ctx, &admin, handle, true, "")
        .await
        .unwrap();
}

/// A published opportunity of Creek Friends worth 5.00 CITY and 2 VOTE, proof by text.
async fn opportunity(server: &TestServer, owner: &User) -> String {
    let ctx = &server.running().ctx;
    let spec = TemplateSpec {
        title: "Creek cleanup".into(),
        summary: "Pick up litter".into(),
        instructions: "Bring gloves".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city: 500,
        reward_vote: 2,
        estimated_minutes: 60,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let t = catalog::create_template(ctx, owner, "creek-friends", spec)
        .await
        .unwrap();
    catalog::change_template(ctx, owner, &t.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let now = ctx.now();
    let o = catalog::create_opportunity(
        ctx,
        owner,
        OpportunityInput {
            template_id: t.id,
            spec: OpportunitySpec {
                title_override: None,
                place: "Strawberry Creek".into(),
                point: None,
                // Started an hour ago (proof is taken once work has begun), open until tomorrow.
                starts_at: now - Duration::hours(1),
                ends_at: now + Duration::days(1),
                claim_deadline: now + Duration::days(1),
                capacity: 5,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, owner, &o.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    o.id
}

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        16,
        12,
        image::Rgb([120, 70, 20]),
    ))
    .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
    .unwrap();
    out
}

/// Posts the offering form (multipart) of `path` with `price`.
async fn offering_form(
    server: &TestServer,
    client: &reqwest::Client,
    path: &str,
    price: &str,
) -> reqwest::Response {
    let (status, html) = page(client, &server.url(path)).await;
    assert_eq!(status, 200, "{html}");
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("title", "Coffee")
        .text("description", "A cup of drip coffee.")
        .text("price", price.to_owned())
        .text("category", "food_drink")
        .text("terms", "Weekdays before 11:00")
        .text("active", "on")
        .part(
            "image",
            reqwest::multipart::Part::bytes(png()).file_name("coffee.png"),
        );
    client
        .post(server.url(path))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Reserves the offering through its page's form; returns the response.
async fn reserve(server: &TestServer, client: &reqwest::Client, id: &str) -> reqwest::Response {
    let (status, html) = page(client, &server.url(&format!("/offerings/{id}"))).await;
    assert_eq!(status, 200, "{html}");
    let key = between(&html, "name=\"idempotency_key\" value=\"", "\"").to_owned();
    post(
        client,
        &server.url(&format!("/offerings/{id}/reserve")),
        &[("csrf_token", &csrf(&html)), ("idempotency_key", &key)],
    )
    .await
}

/// Types `code` at the café's counter.
async fn look_up(server: &TestServer, cashier: &reqwest::Client, code: &str) -> reqwest::Response {
    let (status, html) = page(cashier, &server.url("/organizations/corner-cafe/counter")).await;
    assert_eq!(status, 200, "{html}");
    post(
        cashier,
        &server.url("/organizations/corner-cafe/counter/lookup"),
        &[("csrf_token", &csrf(&html)), ("code", code), ("token", "")],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verified_work_is_spent_at_the_counter_exactly_once_and_the_ledger_shows_it() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let carmen = resident(&server, "carmen", PASSWORD).await;
    let carl = resident(&server, "carl", PASSWORD).await;
    let olga_user = user(&server, "olga").await;
    let carmen_user = user(&server, "carmen").await;

    // The issuer, its verifier, its budget; the resident's verified work.
    organization(&server, &olga_user, "creek-friends", true).await;
    join(&server, &olga_user, "creek-friends", "vera", "verifier").await;
    let opp = opportunity(&server, &olga_user).await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    let (_, html) = page(&admin, &server.url("/admin/budgets")).await;
    assert!(html.contains("100.00 CITY"), "{html}");
    verified_work(&server, &ana, &vera, "creek-friends", &opp).await;
    let (status, html) = page(&ana, &server.url("/wallet")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<dd id=\"balance-city\">5.00 CITY</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd id=\"balance-vote\">2 VOTE</dd>"),
        "{html}"
    );
    assert!(html.contains("Earned for verified work"), "{html}");
    assert!(html.contains("Creek cleanup"), "{html}");
    // The budget paid for it.
    let (_, html) = page(&admin, &server.url("/admin/budgets")).await;
    assert!(html.contains("95.00 CITY"), "{html}");

    // The café: approved as a redeemer, with a cashier.
    organization(&server, &carmen_user, "corner-cafe", false).await;
    join(&server, &carmen_user, "corner-cafe", "carl", "cashier").await;
    let (_, html) = page(&carmen, &server.url("/organizations/corner-cafe/console")).await;
    assert!(
        html.contains("/organizations/corner-cafe/offerings"),
        "{html}"
    );
    assert!(
        html.contains("/organizations/corner-cafe/counter"),
        "{html}"
    );

    // A price that is not one is refused next to the field; nothing is added.
    let resp = offering_form(
        &server,
        &carmen,
        "/organizations/corner-cafe/offerings/new",
        "4.505",
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("The price must be a positive amount"),
        "{body}"
    );
    // A cashier cannot add offerings.
    let (status, _) = page(
        &carl,
        &server.url("/organizations/corner-cafe/offerings/new"),
    )
    .await;
    assert_eq!(status, 403);

    let resp = offering_form(
        &server,
        &carmen,
        "/organizations/corner-cafe/offerings/new",
        "4.50",
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    assert_eq!(
        resp.headers()["location"],
        "/organizations/corner-cafe/offerings"
    );
    let (status, html) = page(&carmen, &server.url("/organizations/corner-cafe/offerings")).await;
    assert_eq!(status, 200, "{html}");
    let offering = between(&html, "action=\"/offerings/", "/commit\"").to_owned();
    let resp = post(
        &carmen,
        &server.url(&format!("/offerings/{offering}/commit")),
        &[("csrf_token", &csrf(&html)), ("quantity", "10")],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );

    // The public catalog, its filters, the offering's page and image.
    let anon = server.client();
    let (status, html) = page(&anon, &server.url("/offerings")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Coffee") && html.contains("4.50 CITY"),
        "{html}"
    );
    assert!(html.contains("10 units left"), "{html}");
    let (_, html) = page(
        &anon,
        &server.url("/offerings?max_price=4&category=food_drink"),
    )
    .await;
    assert!(!html.contains("Coffee"), "{html}");
    let (status, html) = page(&anon, &server.url("/offerings?max_price=cheap")).await;
    assert_eq!(status, 400, "{html}");
    let (_, html) = page(
        &anon,
        &server.url("/offerings?organization=corner-cafe&q=coffee&available=on"),
    )
    .await;
    assert!(html.contains(&format!("/offerings/{offering}")), "{html}");
    let (status, html) = page(&anon, &server.url(&format!("/offerings/{offering}"))).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Weekdays before 11:00") && html.contains("Corner Café"),
        "{html}"
    );
    let resp = anon
        .get(server.url(&format!("/offerings/{offering}/image")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"], "image/png");

    // The resident reserves: the QR code and the short code; a replay is the same reservation.
    let (_, html) = page(&ana, &server.url(&format!("/offerings/{offering}"))).await;
    let key = between(&html, "name=\"idempotency_key\" value=\"", "\"").to_owned();
    let form = [("csrf_token", csrf(&html)), ("idempotency_key", key)];
    let resp = ana
        .post(server.url(&format!("/offerings/{offering}/reserve")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let reservation = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        reservation.starts_with("/wallet/reservations/"),
        "{reservation}"
    );
    let again = ana
        .post(server.url(&format!("/offerings/{offering}/reserve")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(again.headers()["location"], reservation.as_str());
    let (status, html) = page(&ana, &server.url(&reservation)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<svg"), "{html}");
    assert!(html.contains("role=\"img\""), "{html}");
    let code = between(&html, "id=\"short-code\">", "<").to_owned();
    assert_eq!(code.len(), 9, "{code}");
    assert_eq!(&code[4..5], "-");
    // Someone else's reservation is not found: the error page, in the reader's language
    // (the handler answers the use case's error with `?`; the error-page middleware renders it).
    let (status, html) = page(&ben, &server.url(&reservation)).await;
    assert_eq!(status, 404);
    assert!(html.contains("This page does not exist."), "{html}");
    assert!(html.contains("<html lang=\"en\""), "{html}");
    let (status, html) = page(&ana, &server.url("/wallet/reservations/not-an-id")).await;
    assert_eq!(status, 404);
    assert!(html.contains("This page does not exist."), "{html}");
    // A cancel posted without this browser's form token is refused before anything happens.
    let resp = post(
        &ana,
        &server.url(&format!("{reservation}/cancel")),
        &[("csrf_token", "forged")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("You are not allowed to do this, or the form expired."));
    let (_, html) = page(&ana, &server.url("/wallet")).await;
    assert!(
        html.contains("<dd id=\"balance-city\">0.50 CITY</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd id=\"balance-reserved\">4.50 CITY</dd>"),
        "{html}"
    );
    assert!(html.contains(&code) && html.contains("<svg"), "{html}");

    // The counter: residents are not cashiers; the cashier's page follows the scanner's contract.
    let (status, html) = page(&ana, &server.url("/organizations/corner-cafe/counter")).await;
    assert_eq!(status, 403);
    assert!(html.contains("You are not allowed to do this"), "{html}");
    let (status, html) = page(&carl, &server.url("/organizations/corner-cafe/counter")).await;
    assert_eq!(status, 200);
    for part in [
        "<section id=\"scanner\" hidden data-public-key=\"",
        "<button type=\"button\" id=\"scan-start\">",
        "<video id=\"scan-video\" playsinline muted>",
        "<p id=\"scan-status\" role=\"status\" aria-live=\"polite\">",
        "<form id=\"counter-lookup\" method=\"post\" action=\"/organizations/corner-cafe/counter/lookup\"",
        "<input name=\"code\" id=\"code\" autocomplete=\"off\" autocapitalize=\"characters\"",
        "<input type=\"hidden\" name=\"token\" id=\"token\">",
        "<script src=\"/static/vendor/jsQR.js\" defer></script><script src=\"/static/counter.js\" defer></script>",
    ] {
        assert!(html.contains(part), "{part} in:\n{html}");
    }
    // An unknown code.
    let resp = look_up(&server, &carl, "ZZZZ-9999").await;
    assert_eq!(resp.status().as_u16(), 404);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("No reservation has this code"));

    // The typed code (lower case, no dash): the confirm page, then confirmation.
    let resp = look_up(&server, &carl, &code.to_lowercase().replace('-', "")).await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("Coffee") && html.contains("4.50 CITY") && html.contains(&code),
        "{html}"
    );
    let honor = between(&html, "action=\"/organizations/corner-cafe/counter/", "\"").to_owned();
    let resp = post(
        &carl,
        &server.url(&format!("/organizations/corner-cafe/counter/{honor}")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Honored: 4.50 CITY burned"), "{html}");
    // Once only: the code is used, and a second confirmation is refused too.
    let resp = look_up(&server, &carl, &code).await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("This code was already used."));
    let resp = post(
        &carl,
        &server.url(&format!("/organizations/corner-cafe/counter/{honor}")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 409);
    let (_, html) = page(&carl, &server.url("/organizations/corner-cafe/counter")).await;
    assert!(html.contains(&code), "recent confirmations: {html}");

    let (_, html) = page(&ana, &server.url("/wallet")).await;
    assert!(
        html.contains("<dd id=\"balance-city\">0.50 CITY</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd id=\"balance-reserved\">0.00 CITY</dd>"),
        "{html}"
    );
    assert!(html.contains("Honored"), "{html}");

    // Too little CITY: the localized refusal on the offering page, and nothing changes.
    let resp = reserve(&server, &ana, &offering).await;
    assert_eq!(resp.status().as_u16(), 409);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("There is not enough CITY in your wallet for this."),
        "{html}"
    );
    assert!(html.contains("9 units left"), "{html}");
    let (_, html) = page(&ana, &server.url("/wallet")).await;
    assert!(
        html.contains("<dd id=\"balance-city\">0.50 CITY</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd id=\"balance-reserved\">0.00 CITY</dd>"),
        "{html}"
    );

    // The public ledger: the burn, pseudonymous references only, a checkpoint signed now
    // (the operator's `citysync ledger checkpoint`), the last verification, the city's key.
    let ctx = &server.running().ctx;
    citysync_app::ledger::checkpoints::sign_now(ctx)
        .await
        .unwrap();
    assert!(citysync_app::ledger::check::run(ctx).await.unwrap().ok);
    let (status, html) = page(&anon, &server.url("/ledger")).await;
    assert_eq!(status, 200);
    assert!(html.contains("class=\"entry-burn\""), "{html}");
    assert!(html.contains("<td>Burn</td>"), "{html}");
    assert!(html.contains("4.50 CITY"), "{html}");
    assert!(
        html.contains("corner-cafe") && html.contains("creek-friends"),
        "{html}"
    );
    assert!(html.contains("acct-"), "{html}");
    assert!(html.contains("The whole chain verified"), "{html}");
    assert!(html.contains("Signed on request"), "{html}");
    for name in ["ana", "carl", "carmen", "vera"] {
        assert!(
            !html.contains(&format!(">{name}<")),
            "{name} named on the ledger"
        );
        assert!(!html.contains(&format!("{name}@example.org")));
    }
    let page_key = between(&html, "id=\"public-key\">", "<").to_owned();
    let resp = anon
        .get(server.url("/ledger/checkpoints"))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let json: serde_json::Value = resp.json().await.unwrap();
    let key = json["public_key"].as_str().unwrap();
    assert_eq!(key.len(), 64, "{json}");
    assert_eq!(key, page_key);
    // Anyone can check the signature with the published key.
    let latest: citysync_domain::ledger::Checkpoint =
        serde_json::from_value(json["checkpoints"][0].clone()).unwrap();
    assert_eq!(latest.seq, 5, "{json}");
    assert!(latest.verify(key), "{json}");
    let json: serde_json::Value = anon
        .get(server.url("/ledger/checkpoints.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["public_key"].as_str().unwrap(), page_key);
    let (status, html) = page(&anon, &server.url("/ledger/checkpoints")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&page_key), "{html}");
    let (status, html) = page(&anon, &server.url("/ledger/epochs/1")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(page(&anon, &server.url("/ledger/epochs/999")).await.0, 404);

    // And in Spanish.
    let (_, html) = page(&ana, &server.url("/wallet")).await;
    let resp = post(
        &ana,
        &server.url("/language"),
        &[
            ("csrf_token", &csrf(&html)),
            ("locale", "es"),
            ("return_to", "/wallet"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url("/wallet")).await;
    assert!(html.contains("Su cartera"), "{html}");
    assert!(html.contains("Ganado por trabajo verificado"), "{html}");
    assert!(
        html.contains("<dd id=\"balance-city\">0.50 CITY</dd>"),
        "{html}"
    );
    let resp = reserve(&server, &ana, &offering).await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("No tiene suficiente CITY en su cartera para esto."));

    server.stop().await;
}
