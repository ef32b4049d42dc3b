//! Content in several languages on the pages (issue 27): an opportunity written in Spanish
//! and translated into English by its organization reads in English to an English reader,
//! in Spanish to a Spanish reader, and in Spanish with "Originally in …" and `lang="es"` to
//! a reader of a third language with no translation. A stranger's translation is refused
//! (403); an over-long one is refused with a message in the translator's language and
//! nothing stored.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::translations::{self, SubjectKind};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_test_support::server::{
    approved_issuer, choose_language, csrf, post, published_opportunity, resident, set_up_city,
    user_named, TestServer,
};

const PASSWORD: &str = "correct horse battery";

/// A page with the slashes the templates escape (`&#x2f;`) read back as slashes.
async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let (status, html) = citysync_test_support::server::page(client, url).await;
    (
        status,
        citysync_test_support::server::oauth::unescape(&html),
    )
}

/// An active template written in Spanish by `owner` of `handle`; returns its id.
async fn spanish_template(server: &TestServer, owner: &str, handle: &str) -> String {
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let spec = TemplateSpec {
        title: "Limpieza del arroyo".into(),
        summary: "Recoger basura en la orilla".into(),
        instructions: "Traiga guantes".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city: 10,
        reward_vote: 1,
        estimated_minutes: 60,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let template = citysync_app::catalog::create_template(ctx, &owner, handle, spec)
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
    // As the template form records it for an author reading the pages in Spanish.
    translations::record_original(ctx, SubjectKind::Template, &template.id, "es")
        .await
        .unwrap();
    template.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spanish_opportunity_reads_in_english_once_translated() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Ciudad de México").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let lin = resident(&server, "lin", PASSWORD).await;
    let eve = resident(&server, "eve", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "arroyo").await;
    let template = spanish_template(&server, "olga", "arroyo").await;
    let opp = published_opportunity(&server, "olga", &template, "Limpieza del arroyo").await;
    translations::record_original(&server.running().ctx, SubjectKind::Opportunity, &opp, "es")
        .await
        .unwrap();
    choose_language(&server, &olga, "es").await;
    choose_language(&server, &lin, "zh-Hant").await;
    let opp_url = server.url(&format!("/opportunities/{opp}"));
    let form_url = format!("{opp_url}/translations");

    // Before any translation, an English reader sees the Spanish original, marked.
    let (status, html) = page(&ana, &opp_url).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"<h1 lang="es">Limpieza del arroyo</h1>"#),
        "{html}"
    );
    assert!(html.contains("Originally in Spanish"), "{html}");
    assert!(
        !html.contains(&format!("/opportunities/{opp}/translations")),
        "{html}"
    );

    // Its owner sees the link and the form (in Spanish, her language).
    let (_, html) = page(&olga, &opp_url).await;
    assert!(
        html.contains(&format!("/opportunities/{opp}/translations")),
        "{html}"
    );
    let (status, form) = page(&olga, &form_url).await;
    assert_eq!(status, 200, "{form}");
    assert!(form.contains("Traducciones"), "{form}");
    assert!(form.contains(r#"name="title""#), "{form}");

    // Over-long: refused in her language, nothing stored.
    let long = "x".repeat(121);
    let resp = post(
        &olga,
        &form_url,
        &[
            ("csrf_token", &csrf(&form)),
            ("locale", "en"),
            ("title", &long),
            ("content", "Look for the green tent."),
        ],
    )
    .await;
    let status = resp.status().as_u16();
    let html = resp.text().await.unwrap();
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("Este campo es demasiado largo"), "{html}");
    let texts = translations::texts(&server.running().ctx, SubjectKind::Opportunity, &opp)
        .await
        .unwrap();
    assert!(texts.translations.is_empty(), "{texts:?}");

    // A stranger may neither open the form nor post one.
    let (status, _) = page(&eve, &form_url).await;
    assert_eq!(status, 403);
    let (_, eve_page) = page(&eve, &opp_url).await;
    let resp = post(
        &eve,
        &form_url,
        &[
            ("csrf_token", &csrf(&eve_page)),
            ("locale", "en"),
            ("title", "Hijacked"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);

    // The translation, saved.
    let resp = post(
        &olga,
        &form_url,
        &[
            ("csrf_token", &csrf(&form)),
            ("locale", "en"),
            ("title", "Creek cleanup"),
            ("content", "Look for the green tent."),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);

    // English: the translation, in the page's language (no `lang`), no note on the title.
    let (_, html) = page(&ana, &opp_url).await;
    assert!(html.contains(r#"<h1>Creek cleanup</h1>"#), "{html}");
    assert!(!html.contains("Hijacked"), "{html}");
    // The catalog card too.
    let (_, catalog) = page(&ana, &server.url("/opportunities")).await;
    assert!(catalog.contains(r#"">Creek cleanup</a>"#), "{catalog}");

    // Spanish: the original, no note.
    let (_, html) = page(&olga, &opp_url).await;
    assert!(html.contains(r#"<h1>Limpieza del arroyo</h1>"#), "{html}");
    assert!(!html.contains("Escrito originalmente"), "{html}");

    // Traditional Chinese (no translation): the original, marked, in Chinese.
    let (_, html) = page(&lin, &opp_url).await;
    assert!(
        html.contains(r#"<h1 lang="es">Limpieza del arroyo</h1>"#),
        "{html}"
    );
    assert!(html.contains("原文為西班牙文"), "{html}");

    server.stop().await;
}
