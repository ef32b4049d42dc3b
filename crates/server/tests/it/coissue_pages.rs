//! Co-issuing through the real forms (CSRF included): the lead invites a partner with the
//! `?invite=` prefill, the partner accepts on its console, the lead publishes, the public page
//! lists the partners with their shares, and verified work is paid by both budgets.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use citysync_app::ledger::epochs;
use common::{
    approved_issuer, csrf, draft_opportunity, environment_template, page, post, resident,
    set_budget, set_up_city, user_named, verified_work, TestServer,
};
use std::collections::BTreeMap;

const PASSWORD: &str = "correct horse battery";

async fn remaining(server: &TestServer) -> BTreeMap<String, i64> {
    let admin = user_named(server, "clerk").await;
    epochs::budgets(&server.running().ctx, &admin)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.handle, l.remaining))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_is_invited_accepts_and_pays_its_share() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let lena = resident(&server, "lena", PASSWORD).await;
    let _vic = resident(&server, "vic", PASSWORD).await;
    let paz = resident(&server, "paz", PASSWORD).await;
    let pia = resident(&server, "pia", PASSWORD).await;
    let rosa = resident(&server, "rosa", PASSWORD).await;
    approved_issuer(&server, "lena", "vic", "creek-lead").await;
    approved_issuer(&server, "paz", "pia", "park-b").await;
    set_budget(&server, &admin, "creek-lead", "100").await;
    set_budget(&server, &admin, "park-b", "100").await;
    let template = environment_template(&server, "lena", "creek-lead", 500, 2).await;

    // The drafting form creates the draft (its overlap panel has its own tests).
    let opp = draft_opportunity(&server, "lena", &template, "Creek and park cleanup").await;
    let partners = server.url(&format!("/opportunities/{opp}/partners"));

    // The draft's management view links to the partners page.
    let (status, html) = page(&lena, &server.url(&format!("/opportunities/{opp}"))).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(&format!("/opportunities/{opp}/partners")),
        "{html}"
    );
    // Others do not see a draft's partners.
    let (status, _) = page(&rosa, &partners).await;
    assert_eq!(status, 404);

    // The invitation form, prefilled from the overlap panel's redirect.
    let (status, html) = page(&lena, &format!("{partners}?invite=park-b")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("name=\"organization\" type=\"text\" value=\"park-b\""),
        "{html}"
    );
    // A share that does not fit the reward is shown with the form, localized.
    let resp = post(
        &lena,
        &partners,
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", "park-b"),
            ("share", "9.00"),
            ("verifies", "on"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let body = resp.text().await.unwrap();
    assert!(body.contains("would exceed the reward"), "{body}");
    let resp = post(
        &lena,
        &partners,
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", "park-b"),
            ("share", "1.50"),
            ("verifies", "on"),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let (_, html) = page(&lena, &partners).await;
    assert!(
        html.contains("1.50 CITY") && html.contains("3.50 CITY"),
        "{html}"
    );
    assert!(html.contains("Invited, waiting for an answer"), "{html}");

    // Publishing waits for the answer.
    let (_, html) = page(&lena, &server.url(&format!("/opportunities/{opp}"))).await;
    let publish = server.url(&format!("/opportunities/{opp}/publish"));
    let resp = post(&lena, &publish, &[("csrf_token", &csrf(&html))]).await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("still wait for an answer"));

    // The partner accepts on its console.
    let (status, console) = page(&paz, &server.url("/organizations/park-b/console")).await;
    assert_eq!(status, 200, "{console}");
    assert!(console.contains("Invitations to co-issue"), "{console}");
    let accept = format!("/opportunities/{opp}/partners/park-b/accept");
    assert!(console.contains(&accept), "{console}");
    let resp = post(
        &paz,
        &server.url(&accept),
        &[("csrf_token", &csrf(&console))],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );

    // The lead publishes; the public page shows who issues it, with each share.
    let resp = post(&lena, &publish, &[("csrf_token", &csrf(&html))]).await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let anonymous = server.client();
    let (status, public) = page(&anonymous, &server.url(&format!("/opportunities/{opp}"))).await;
    assert_eq!(status, 200, "{public}");
    assert!(public.contains("Issued by"), "{public}");
    assert!(public.contains("/organizations/park-b"), "{public}");
    assert!(
        public.contains("(1.50 CITY)") && public.contains("(3.50 CITY)"),
        "{public}"
    );

    // Frozen now: a new invitation is refused with the localized reason.
    let (status, html) = page(&lena, &partners).await;
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("Send the invitation"), "{html}");
    let resp = post(
        &lena,
        &partners,
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", "park-b"),
            ("share", "1.00"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.text().await.unwrap().contains("can no longer change"));

    // The partner's verifier decides from the partner's queue; each budget pays its share.
    let before = remaining(&server).await;
    verified_work(&server, &rosa, &pia, "park-b", &opp).await;
    let after = remaining(&server).await;
    assert_eq!(before["creek-lead"] - after["creek-lead"], 350);
    assert_eq!(before["park-b"] - after["park-b"], 150);
    server.stop().await;
}
