//! The resident's and the verifier's flows through the real forms (CSRF included): claim,
//! full opportunity, proof with two photos (multipart), rejection with feedback,
//! resubmission, approval, the contribution on the resident's page, bad input refused.

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
use common::{csrf, page, post, resident, set_budget, set_up_city, TestServer};

const PASSWORD: &str = "correct horse battery";

pub(crate) async fn user(server: &TestServer, name: &str) -> User {
    accounts::by_username(&server.running().ctx, name)
        .await
        .unwrap()
        .unwrap()
}

/// An approved issuer owned by `owner_name` with `verifier_name` as verifier, and a
/// published opportunity of capacity 2 (set up through the use cases; their forms have
/// their own tests).
pub(crate) async fn opportunity(
    server: &TestServer,
    owner_name: &str,
    verifier_name: &str,
) -> String {
    let ctx = &server.running().ctx;
    let admin = user(server, "clerk").await;
    let owner = user(server, owner_name).await;
    let verifier = user(server, verifier_name).await;
    organizations::create(
        ctx,
        &owner,
        organizations::NewOrganization {
            handle: "creek-friends".into(),
            name: "Friends of the Creek".into(),
            is_issuer: true,
            contact_email: "hi@creek.org".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    organizations::decide(ctx, &admin, "creek-friends", true, "")
        .await
        .unwrap();
    organizations::invite(ctx, &owner, "creek-friends", verifier_name, "verifier")
        .await
        .unwrap();
    let inv = organizations::invitations_for(ctx, &verifier)
        .await
        .unwrap();
    organizations::answer_invitation(ctx, &verifier, &inv[0].id, true)
        .await
        .unwrap();
    let spec = TemplateSpec {
        title: "Creek cleanup".into(),
        summary: "Pick up litter".into(),
        instructions: "Bring gloves".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Photo, ProofKind::Text],
        reward_city: 250,
        reward_vote: 1,
        estimated_minutes: 60,
        accessibility_notes: String::new(),
        extra_fields: vec![citysync_domain::task::ExtraField {
            key: "bags".into(),
            label: "Bags filled".into(),
            kind: citysync_domain::task::FieldKind::Number,
            required: false,
            choices: vec![],
        }],
    };
    let t = catalog::create_template(ctx, &owner, "creek-friends", spec)
        .await
        .unwrap();
    catalog::change_template(ctx, &owner, &t.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let now = ctx.now();
    let o = catalog::create_opportunity(
        ctx,
        &owner,
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
                capacity: 2,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &owner, &o.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    o.id
}

pub(crate) fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        12,
        9,
        image::Rgb([0, 120, 200]),
    ))
    .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
    .unwrap();
    out
}

pub(crate) async fn claim(
    server: &TestServer,
    client: &reqwest::Client,
    opp: &str,
) -> reqwest::Response {
    let (_, html) = page(client, &server.url(&format!("/opportunities/{opp}"))).await;
    post(
        client,
        &server.url(&format!("/opportunities/{opp}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await
}

pub(crate) async fn send_proof(
    server: &TestServer,
    client: &reqwest::Client,
    claim_path: &str,
    photos: Vec<Vec<u8>>,
    outcome: &str,
) -> reqwest::Response {
    let (_, html) = page(client, &server.url(claim_path)).await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("text", "Filled three bags")
        .text("outcome_quantity", outcome.to_owned())
        .text("extra_bags", "3");
    for (i, p) in photos.into_iter().enumerate() {
        form = form.part(
            "photos",
            reqwest::multipart::Part::bytes(p).file_name(format!("p{i}.png")),
        );
    }
    client
        .post(server.url(&format!("{claim_path}/proof")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub(crate) async fn decide(
    server: &TestServer,
    verifier: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (status, html) = page(verifier, &server.url("/organizations/creek-friends/verify")).await;
    assert_eq!(status, 200, "{html}");
    // The template's question, never the field's key.
    assert!(
        html.contains("Bags filled: 3") && !html.contains("bags: 3"),
        "{html}"
    );
    let id = html
        .split("/submissions/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let token = csrf(&html);
    let mut form = vec![
        ("csrf_token", token.as_str()),
        ("organization", "creek-friends"),
    ];
    form.extend_from_slice(fields);
    post(
        verifier,
        &server.url(&format!("/submissions/{id}/decide")),
        &form,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn residents_claim_submit_proof_and_verifiers_decide_through_the_forms() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let cai = resident(&server, "cai", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;
    // Approving work mints from the issuer's budget for the period.
    set_budget(&server, &admin, "creek-friends", "100").await;

    // The public page shows the places and the reward.
    let (status, html) = page(
        &server.client(),
        &server.url(&format!("/opportunities/{opp}")),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("2 of 2 places left"), "{html}");
    assert!(html.contains("2.50 CITY"));

    // Without the CSRF token nothing happens.
    let resp = post(
        &ana,
        &server.url(&format!("/opportunities/{opp}/claim")),
        &[("csrf_token", "forged")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);

    let resp = claim(&server, &ana, &opp).await;
    assert_eq!(resp.status().as_u16(), 303);
    let claim_path = resp.headers()["location"].to_str().unwrap().to_owned();
    // A double click is harmless: the second is told, and nothing is added.
    let again = claim(&server, &ana, &opp).await;
    assert_eq!(again.status().as_u16(), 409);
    let text = again.text().await.unwrap();
    assert!(
        text.contains("/claims/") && text.to_lowercase().contains("already"),
        "{text}"
    );
    assert_eq!(claim(&server, &ben, &opp).await.status().as_u16(), 303);
    let full = claim(&server, &cai, &opp).await;
    assert_eq!(full.status().as_u16(), 409);
    assert!(full.text().await.unwrap().contains("full"));

    // Someone else's claim: not theirs to submit.
    let resp = send_proof(&server, &ana, &claim_path, vec![png(), png()], "3").await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url(&claim_path)).await;
    assert!(html.contains("waiting for a decision"));

    // Bad input changes nothing: a verifier rejects, the resident tries bad resubmissions.
    let resp = decide(
        &server,
        &vera,
        &[
            ("decision", "reject"),
            ("reason", "insufficient_proof"),
            ("feedback", "Show the full bags, please"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url(&claim_path)).await;
    assert!(html.contains("Show the full bags, please"), "{html}");
    assert!(html.contains("the proof is not enough"));
    let not_image = send_proof(
        &server,
        &ana,
        &claim_path,
        vec![b"GIF89a-not-really".to_vec()],
        "3",
    )
    .await;
    assert_eq!(not_image.status().as_u16(), 400);
    assert!(not_image.text().await.unwrap().contains("JPEG"));
    let absurd = send_proof(&server, &ana, &claim_path, vec![png()], "-4").await;
    assert_eq!(absurd.status().as_u16(), 400);
    let big = send_proof(
        &server,
        &ana,
        &claim_path,
        vec![vec![0u8; 9 * 1024 * 1024]],
        "3",
    )
    .await;
    assert_eq!(big.status().as_u16(), 413);
    let someone_else = send_proof(&server, &ben, &claim_path, vec![png()], "3").await;
    assert_eq!(someone_else.status().as_u16(), 403);

    let resp = send_proof(&server, &ana, &claim_path, vec![png(), png()], "4").await;
    assert_eq!(resp.status().as_u16(), 303);
    // The claimant is no verifier: the queue is not theirs.
    let (status, _) = page(&ana, &server.url("/organizations/creek-friends/verify")).await;
    assert_eq!(status, 403);
    let resp = decide(
        &server,
        &vera,
        &[
            ("decision", "approve"),
            ("confirmed_outcome", "4"),
            ("quality_rating", "5"),
            ("feedback", "Great work on the bank"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);

    let (_, html) = page(&ana, &server.url("/claims")).await;
    assert!(html.contains("Great work on the bank"), "{html}");
    let (_, html) = page(&ana, &server.url(&claim_path)).await;
    assert!(html.contains("Verified contribution"));
    // Photos are served to the claimant and the verifier, nobody else.
    let photo = html
        .split("/photos/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let resp = ana
        .get(server.url(&format!("/photos/{photo}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "image/png");
    assert_eq!(
        vera.get(server.url(&format!("/photos/{photo}")))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        cai.get(server.url(&format!("/photos/{photo}")))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    let (_, html) = page(&ana, &server.url("/notifications")).await;
    assert!(html.contains("was verified"));
    let mail = server
        .mail_to("ana@example.org", "Great work on the bank")
        .await;
    assert!(mail.contains("verified"));
    // The organization's public page shows its counts.
    let (_, html) = page(
        &server.client(),
        &server.url("/organizations/creek-friends"),
    )
    .await;
    assert!(
        html.contains("<dt>Opportunities issued</dt><dd>1</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Contributions verified</dt><dd>1</dd>"),
        "{html}"
    );
    assert!(html.contains(" hours</dd>"), "{html}");
    // And in Spanish.
    let es = server.client();
    let (_, html) = page(&es, &server.url("/organizations/creek-friends")).await;
    let resp = post(
        &es,
        &server.url("/language"),
        &[
            ("csrf_token", &csrf(&html)),
            ("locale", "es"),
            ("return_to", "/"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&es, &server.url(&format!("/opportunities/{opp}"))).await;
    assert!(html.contains("Quedan 0 de 2 lugares"), "{html}");
    server.stop().await;
}
