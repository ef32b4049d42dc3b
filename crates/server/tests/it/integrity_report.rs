//! Issue 25, the administrators' monthly integrity report through the real pages: the same
//! proof photo sent by two residents on different claims (and once more re-encoded and
//! resized) is listed by perceptual hash while a different photo is not; a verifier who
//! approved everything shows 100 %; a resident at the CITY cap is listed, one below it is not;
//! another month shows none of it; only administrators see it, in both languages.

use citysync_test_support::server as common;

use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_storage::governance::{self as store, ParameterRow};
use common::governance::{HANDLE, PASSWORD};
use common::{
    approved_issuer, choose_language, csrf, environment_template, page, post,
    published_opportunity, resident, set_budget, set_up_city, text_between, user_named, TestServer,
};
use image::{DynamicImage, ImageFormat, RgbImage};
use std::io::Cursor;

/// A smooth picture (a few waves whose frequencies and phases depend on `seed`), so its
/// perceptual hash has few bits on a knife's edge.
fn picture(seed: u32) -> RgbImage {
    let s = seed as f32;
    RgbImage::from_fn(320, 240, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let v = 128.0
            + 55.0 * (x / (9.0 + 3.0 * s) + y / (23.0 + s) + s).sin()
            + 40.0 * (y / (13.0 + 2.0 * s) - x / (31.0 + 5.0 * s) + 2.0 * s).sin()
            + 25.0 * ((x + y) / (7.0 + s) + 0.5 * s).cos();
        let g = v.clamp(0.0, 255.0) as u8;
        image::Rgb([g, g.wrapping_add(30), 255 - g])
    })
}

fn encoded(picture: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// Claims `opportunity` and sends a proof with one photo, through the forms.
async fn photo_proof(
    server: &TestServer,
    client: &reqwest::Client,
    opportunity: &str,
    photo: Vec<u8>,
    file_name: &str,
) {
    let path = format!("/opportunities/{opportunity}");
    let (_, html) = page(client, &server.url(&path)).await;
    let resp = post(
        client,
        &server.url(&format!("{path}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let claim = resp.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(client, &server.url(&claim)).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("text", "Planted by the creek")
        .text("outcome_quantity", "5")
        .part(
            "photos",
            reqwest::multipart::Part::bytes(photo).file_name(file_name.to_owned()),
        );
    let resp = client
        .post(server.url(&format!("{claim}/proof")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
}

/// The verifier approves the first submission of the queue; returns the answer's status.
async fn approve_first(server: &TestServer, verifier: &reqwest::Client) -> u16 {
    let queue = format!("/organizations/{HANDLE}/verify");
    let (_, html) = page(verifier, &server.url(&queue)).await;
    let submission = text_between(&html, "/submissions/", "/").to_owned();
    let resp = post(
        verifier,
        &server.url(&format!("/submissions/{submission}/decide")),
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", HANDLE),
            ("decision", "approve"),
            ("confirmed_outcome", "5"),
            ("quality_rating", "5"),
            ("feedback", "Thank you"),
        ],
    )
    .await;
    resp.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_lists_reused_photos_approval_rates_and_residents_at_their_caps() {
    let server = TestServer::start().await;
    let ctx = &server.running().ctx;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let cai = resident(&server, "cai", PASSWORD).await;
    let dan = resident(&server, "dan", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    // A per-resident cap of 3 CITY an epoch, as a passed decision stores it (hundredths).
    let row = ParameterRow {
        name: "resident_cap_city".to_owned(),
        value: "300".to_owned(),
        proposal_id: None,
        set_by: None,
        set_at: ctx.now(),
    };
    ctx.db()
        .write(move |conn| store::set_parameter(conn, &row, &citysync_app::secrets::new_id()))
        .await
        .map_err(|e: citysync_storage::StorageError| e.to_string())
        .unwrap();

    // A template that asks for a photo, worth 2.50 CITY.
    let owner = user_named(&server, "olga").await;
    let spec = TemplateSpec {
        title: "Creek planting".into(),
        summary: "Plant willows".into(),
        instructions: "Bring a spade".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Photo, ProofKind::Text],
        reward_city: 250,
        reward_vote: 1,
        estimated_minutes: 60,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let template = citysync_app::catalog::create_template(ctx, &owner, HANDLE, spec)
        .await
        .unwrap();
    citysync_app::catalog::change_template(
        ctx,
        &owner,
        &template.id,
        citysync_domain::lifecycle::TemplateEvent::Activate,
    )
    .await
    .unwrap();
    let planting = published_opportunity(&server, "olga", &template.id, "Willows").await;

    // One photo; the same re-encoded as JPEG at two thirds of its size; another photo.
    let original = DynamicImage::ImageRgb8(picture(1));
    let resized = original.resize_exact(213, 160, image::imageops::FilterType::Triangle);
    let other = DynamicImage::ImageRgb8(picture(2));
    // The hashes themselves tell near from far (so the report's answer is no accident).
    let bits = |a: &DynamicImage, b: &DynamicImage| {
        let (a, b) = (
            citysync_app::photos::hash_bytes(&citysync_app::photos::perceptual_hash(a)).unwrap(),
            citysync_app::photos::hash_bytes(&citysync_app::photos::perceptual_hash(b)).unwrap(),
        );
        citysync_domain::integrity::hamming(&a, &b).unwrap()
    };
    let max = citysync_domain::integrity::SAME_PHOTO_MAX_DISTANCE;
    assert!(bits(&original, &resized) <= max / 2);
    assert!(bits(&original, &other) > max * 2);

    photo_proof(
        &server,
        &ana,
        &planting,
        encoded(&original, ImageFormat::Png),
        "a.png",
    )
    .await;
    photo_proof(
        &server,
        &ben,
        &planting,
        encoded(&original, ImageFormat::Png),
        "b.png",
    )
    .await;
    photo_proof(
        &server,
        &cai,
        &planting,
        encoded(&resized, ImageFormat::Jpeg),
        "c.jpg",
    )
    .await;
    photo_proof(
        &server,
        &dan,
        &planting,
        encoded(&other, ImageFormat::Png),
        "d.png",
    )
    .await;
    for _ in 0..4 {
        assert_eq!(approve_first(&server, &vera).await, 303);
    }
    // Ana works once more (text proof): 2.50 + 2.50 passes the 3 CITY cap, so she is at it.
    let text = environment_template(&server, "olga", HANDLE, 250, 1).await;
    let cleanup = published_opportunity(&server, "olga", &text, "Cleanup").await;
    common::submitted_work(&server, &ana, &cleanup).await;
    // Capped: the verifier is shown what was minted instead of being sent back to the queue.
    assert_eq!(approve_first(&server, &vera).await, 200);

    // The administrators' home links the report.
    let (_, home) = page(&admin, &server.url("/admin")).await;
    assert!(
        home.contains("<a href=\"/admin/integrity\">Integrity report</a>"),
        "{home}"
    );
    let (status, html) = page(&admin, &server.url("/admin/integrity")).await;
    assert_eq!(status, 200, "{html}");

    // Vera approved all five she decided.
    let row = text_between(&html, "id=\"verifier-vera\">", "</tr>");
    assert!(row.contains("<td class=\"num\">5</td>"), "{row}");
    assert!(row.contains("100.0%"), "{row}");

    // Ana is at her CITY cap; Ben (2.50 CITY) is not.
    let caps = text_between(&html, "id=\"at-cap\">", "</table>");
    assert!(caps.contains("<th scope=\"row\">ana</th>"), "{caps}");
    assert!(caps.contains("CITY per epoch"), "{caps}");
    assert!(caps.contains("3.00 CITY"), "{caps}");
    assert!(!caps.contains(">ben<"), "{caps}");

    // The same photo on three claims: three pairs, none with Dan's.
    let photos = text_between(&html, "id=\"same-photos\">", "</ul>");
    assert_eq!(photos.matches("<li>").count(), 3, "{photos}");
    assert!(!photos.contains("dan"), "{photos}");
    let pair = |a: &str, b: &str| {
        photos.split("<li>").any(|li| {
            li.contains(&format!("{a}&#x27;s claim")) && li.contains(&format!("{b}&#x27;s claim"))
        })
    };
    assert!(
        pair("ana", "ben") && pair("ana", "cai") && pair("ben", "cai"),
        "{photos}"
    );
    assert!(photos.contains("identical"), "{photos}");
    assert!(photos.contains("bits apart"), "{photos}");
    assert!(photos.contains("different residents"), "{photos}");
    // Each side links its claim and its photo, which the administrator may open.
    let claim_link = text_between(photos, "<a href=\"/claims/", "\"").to_owned();
    let (status, _) = page(&admin, &server.url(&format!("/claims/{claim_link}"))).await;
    assert_eq!(status, 200);
    let photo_link = text_between(photos, "<a href=\"/photos/", "\"").to_owned();
    let (status, _) = page(&admin, &server.url(&format!("/photos/{photo_link}"))).await;
    assert_eq!(status, 200);

    // The previous month had none of it.
    let previous = text_between(&html, "href=\"/admin/integrity?month=", "\"").to_owned();
    let (status, html) = page(
        &admin,
        &server.url(&format!("/admin/integrity?month={previous}")),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("No submission was decided this month."),
        "{html}"
    );
    assert!(
        html.contains("No proof photo sent this month matches"),
        "{html}"
    );
    assert!(!html.contains("id=\"verifier-vera\""), "{html}");

    // In Spanish, every word of it.
    choose_language(&server, &admin, "es").await;
    let (_, html) = page(&admin, &server.url("/admin/integrity")).await;
    assert!(html.contains("Informe mensual de integridad"), "{html}");
    assert!(html.contains("residentes distintos"), "{html}");
    assert!(html.contains("CITY por periodo"), "{html}");

    // Residents and verifiers do not see it.
    let (status, _) = page(&vera, &server.url("/admin/integrity")).await;
    assert_eq!(status, 403);
}
