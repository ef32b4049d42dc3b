//! Credit is for work done: proof is refused before the opportunity starts (the claim page
//! says when it can be sent, in the resident's language), and a verifier who sees proof
//! sent before the opportunity ended is warned before approving.

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::server::{
    approved_issuer, choose_language, csrf, environment_template, page, post,
    published_opportunity, resident, set_budget, set_up_city, text_between, user_named, TestServer,
};

const PASSWORD: &str = "correct horse battery";

/// `resident` claims the opportunity through its page; returns the claim's path.
async fn claim(server: &TestServer, resident: &reqwest::Client, opportunity: &str) -> String {
    let path = format!("/opportunities/{opportunity}");
    let (_, html) = page(resident, &server.url(&path)).await;
    let resp = post(
        resident,
        &server.url(&format!("{path}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    resp.headers()["location"].to_str().unwrap().to_owned()
}

/// Sends text proof on the claim; returns the answer's status and page.
async fn send_proof(server: &TestServer, resident: &reqwest::Client, claim: &str) -> (u16, String) {
    let (_, html) = page(resident, &server.url(claim)).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("text", "Filled four bags")
        .text("outcome_quantity", "5");
    let resp = resident
        .post(server.url(&format!("{claim}/proof")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test]
async fn proof_waits_for_the_start_and_early_proof_warns_the_verifier() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 10).await;

    // Next week: claimed today, proof refused until it starts.
    let ctx = &server.running().ctx;
    let olga = user_named(&server, "olga").await;
    let starts = ctx.now() + Duration::days(6);
    let later = catalog::create_opportunity(
        ctx,
        &olga,
        OpportunityInput {
            template_id: template.clone(),
            spec: OpportunitySpec {
                title_override: Some("Cleanup next week".into()),
                place: "Strawberry Creek".into(),
                point: None,
                starts_at: starts,
                ends_at: starts + Duration::hours(3),
                claim_deadline: starts,
                capacity: 5,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &olga, &later.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    let claim_path = claim(&server, &ana, &later.id).await;
    let (_, html) = page(&ana, &server.url(&claim_path)).await;
    assert!(
        html.contains("You can send proof once the opportunity has started:"),
        "{html}"
    );
    assert!(
        !html.contains("/proof\""),
        "no proof form before the start: {html}"
    );
    let (status, html) = send_proof(&server, &ana, &claim_path).await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("Proof can be sent once the opportunity has started."),
        "{html}"
    );
    let (_, html) = page(&vera, &server.url("/organizations/creek-friends/verify")).await;
    assert!(
        !html.contains("Cleanup next week"),
        "nothing reached the verifier: {html}"
    );
    choose_language(&server, &ana, "es").await;
    let (status, html) = send_proof(&server, &ana, &claim_path).await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("Podrá enviar el comprobante cuando la oportunidad haya comenzado."),
        "{html}"
    );

    // Today's cleanup began an hour ago and ends tomorrow: proof is taken, and the
    // verifier is told it came before the end.
    let today = published_opportunity(&server, "olga", &template, "Cleanup today").await;
    let claim_path = claim(&server, &ana, &today).await;
    let (status, html) = send_proof(&server, &ana, &claim_path).await;
    assert_eq!(status, 303, "{html}");
    let (status, html) = page(&vera, &server.url("/organizations/creek-friends/verify")).await;
    assert_eq!(status, 200, "{html}");
    let item = text_between(&html, "Cleanup today", "</article>");
    assert!(
        item.contains("This proof was sent before the opportunity ended."),
        "{html}"
    );
    assert!(item.contains("The opportunity:"), "{html}");
}
