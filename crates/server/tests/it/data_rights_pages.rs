//! "Your data" over HTTP (issue 27): `/settings/data` refuses a wrong password, downloads
//! the zip (data.json, index.html in the reader's language, the proof photos) as an
//! attachment, and deleting the account signs the person out everywhere: their other
//! sessions and their API tokens stop working, and their password no longer signs in.
//! Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, ProofInput};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::server as common;
use common::api::token;
use common::*;
use std::io::Read;

const PASSWORD: &str = "violet kettle drums at dawn";

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 6, image::Rgb([10, 200, 10])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A proof with a photo by `who`, through the use cases (the proof form has its own tests).
async fn photo_proof(server: &TestServer, who: &str) -> String {
    let ctx = &server.running().ctx;
    approved_issuer(server, "owner_olga", "vera_verifier", "creek-friends").await;
    let owner = user_named(server, "owner_olga").await;
    let resident = user_named(server, who).await;
    let template = catalog::create_template(
        ctx,
        &owner,
        "creek-friends",
        TemplateSpec {
            title: "Photo cleanup".into(),
            summary: "Pick up litter and show it".into(),
            instructions: "Bring gloves.".into(),
            category: "environment".into(),
            outcome_unit: "kg_waste_diverted".into(),
            expected_outcome: 5.0,
            verification_method: VerificationMethod::IssuerReview,
            proof_kinds: vec![ProofKind::Photo, ProofKind::Text],
            reward_city: 500,
            reward_vote: 1,
            estimated_minutes: 60,
            accessibility_notes: String::new(),
            extra_fields: vec![],
        },
    )
    .await
    .unwrap();
    catalog::change_template(ctx, &owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let now = ctx.now();
    let opp = catalog::create_opportunity(
        ctx,
        &owner,
        OpportunityInput {
            template_id: template.id,
            spec: OpportunitySpec {
                title_override: None,
                place: "Codornices Creek".into(),
                point: None,
                starts_at: now - Duration::hours(1),
                ends_at: now + Duration::hours(4),
                claim_deadline: now + Duration::hours(1),
                capacity: 3,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &owner, &opp.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    let claim = claims::claim(ctx, &resident, &opp.id).await.unwrap();
    claims::submit(
        ctx,
        &resident,
        &claim.id,
        ProofInput {
            text: "Three bags by the willow".into(),
            photos: vec![png()],
            outcome_quantity: "4".into(),
            ..ProofInput::default()
        },
    )
    .await
    .unwrap();
    claim.id
}

/// Signs `email` in on a fresh client; returns it and the response's status.
async fn sign_in(server: &TestServer, email: &str, password: &str) -> (reqwest::Client, u16) {
    let client = server.client();
    let (_, html) = page(&client, &server.url("/login")).await;
    let status = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &csrf(&html)),
            ("email", email),
            ("password", password),
        ],
    )
    .await
    .status()
    .as_u16();
    (client, status)
}

/// Whether `client` is signed in: `/settings` shows the page rather than the sign-in.
async fn signed_in(server: &TestServer, client: &reqwest::Client) -> bool {
    page(client, &server.url("/settings")).await.0 == 200
}

fn entry(archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<u8> {
    let mut file = archive.by_name(name).unwrap();
    let mut out = Vec::new();
    file.read_to_end(&mut out).unwrap();
    out
}

#[actix_web::test]
async fn a_resident_downloads_their_data_and_deletes_their_account() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let rosa = resident(&server, "pages_rosa", PASSWORD).await;
    let email = "pages_rosa@example.org";
    resident(&server, "owner_olga", PASSWORD).await;
    resident(&server, "vera_verifier", PASSWORD).await;
    photo_proof(&server, "pages_rosa").await;
    let api_token = token(&server, "pages_rosa", "read").await;
    let me = |t: String| {
        let client = server.client();
        let url = server.url("/api/v1/me");
        async move {
            client
                .get(url)
                .bearer_auth(t)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(me(api_token.clone()).await, 200);
    let (other_browser, status) = sign_in(&server, email, PASSWORD).await;
    assert_eq!(status, 303);

    // The settings lead to the page.
    let (status, html) = page(&rosa, &server.url("/settings")).await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/settings/data\""));
    let (status, html) = page(&rosa, &server.url("/settings/data")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("action=\"/settings/data/export\""));
    assert!(html.contains("action=\"/settings/data/delete\""));
    let token_field = csrf(&html);

    // A wrong password: the page again with the error, no file.
    let resp = post(
        &rosa,
        &server.url("/settings/data/export"),
        &[("csrf_token", &token_field), ("current_password", "not it")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.headers().get("content-disposition").is_none());
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"export-password-error\""), "{html}");
    assert!(
        !html.contains("error-current-password-wrong"),
        "a raw key: {html}"
    );

    // The right one: the zip, as an attachment.
    let resp = post(
        &rosa,
        &server.url("/settings/data/export"),
        &[("csrf_token", &token_field), ("current_password", PASSWORD)],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"], "application/zip");
    let disposition = resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"citysync-data-pages_rosa-")
            && disposition.ends_with(".zip\""),
        "{disposition}"
    );
    let bytes = resp.bytes().await.unwrap().to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    assert!(names.contains(&"data.json".to_owned()), "{names:?}");
    assert!(names.contains(&"index.html".to_owned()), "{names:?}");
    let photos: Vec<&String> = names.iter().filter(|n| n.starts_with("photos/")).collect();
    assert_eq!(photos.len(), 1, "{names:?}");
    let photo = photos[0].clone();
    assert!(entry(&mut archive, &photo).starts_with(b"\x89PNG"));
    let data: serde_json::Value =
        serde_json::from_slice(&entry(&mut archive, "data.json")).unwrap();
    let tables = data["tables"].as_array().unwrap();
    let users = tables.iter().find(|t| t["table"] == "users").unwrap();
    assert_eq!(users["records"][0]["email"], email);
    assert!(users["records"][0].get("password_hash").is_none());
    assert_eq!(data["photos"][0], photo.as_str());
    let index = oauth::unescape(&String::from_utf8(entry(&mut archive, "index.html")).unwrap());
    assert!(index.contains("<html lang=\"en\">"));
    assert!(index.contains("Your account") && index.contains("Your proofs"));
    assert!(index.contains(&format!("src=\"{photo}\"")));
    assert!(!index.contains("data-rights-"), "a raw key in index.html");

    // A wrong confirmation changes nothing.
    let resp = post(
        &rosa,
        &server.url("/settings/data/delete"),
        &[
            ("csrf_token", &token_field),
            ("current_password", PASSWORD),
            ("confirmation", "someone else"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("id=\"delete-confirmation-error\""));
    assert!(signed_in(&server, &rosa).await);

    // Deleted: this browser is signed out, and so is every other; the token stops working.
    let resp = post(
        &rosa,
        &server.url("/settings/data/delete"),
        &[
            ("csrf_token", &token_field),
            ("current_password", PASSWORD),
            ("confirmation", "pages_rosa"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "/settings/data/deleted");
    let cleared = resp.headers().get_all("set-cookie").iter().any(|c| {
        c.to_str().unwrap_or("").contains("session=;")
            || c.to_str().unwrap_or("").contains("Max-Age=0")
    });
    assert!(cleared, "the session cookie is removed");
    let (status, html) = page(&rosa, &server.url("/settings/data/deleted")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Your account was deleted"), "{html}");
    assert!(!signed_in(&server, &rosa).await);
    assert!(!signed_in(&server, &other_browser).await);
    assert_eq!(me(api_token).await, 401);
    let (_, status) = sign_in(&server, email, PASSWORD).await;
    assert_eq!(status, 401);
    // The photo is gone from the uploads folder.
    let file = photo.trim_start_matches("photos/");
    let uploads = &server.running().ctx.settings.uploads_dir;
    assert!(!citysync_app::photos::path_of(uploads, file).exists());
    // The public profile is gone too.
    let (status, _) = page(&server.client(), &server.url("/users/pages_rosa")).await;
    assert_eq!(status, 404);
    server.stop().await;
}
