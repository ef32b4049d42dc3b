//! The portable city protocol as administrators and operators use it: Berkeley's
//! administrator downloads the signed document from the administration page; Mexico City's
//! uploads it, sees exactly what would change, chooses the parts and the organization that
//! receives the templates, and applies — the templates are active and the rules open in a
//! decision cycle the same day, and Mexico City's own export has the same substance. A
//! tampered document is refused in the reader's language. Then the same with
//! `citysync protocol export|import` on SQLite and PostgreSQL.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use citysync_app::governance::{cycles, CycleInput};
use citysync_app::{catalog, protocol};
use citysync_domain::governance::{Rules, Schedule, VotingMethod};
use citysync_test_support::{approved_organization, both_backends, ctx_for, person};
use common::{csrf, environment_template, page, set_up_city, user_named, TestServer};
use reqwest::multipart::{Form, Part};
use std::process::Command;

/// Berkeley's way of working: an issuer with an active template, a unit added to the
/// taxonomy, and a decision cycle voting by approval with a 25 % quorum.
async fn berkeley_works(server: &TestServer) {
    let ctx = &server.running().ctx;
    let clerk = user_named(server, "clerk").await;
    let olga = person(ctx, "olga", false).await;
    approved_organization(ctx, &clerk, &olga, "creek-friends", true, false).await;
    environment_template(server, "olga", "creek-friends", 500, 2).await;
    catalog::extend_taxonomy(
        ctx,
        &clerk,
        "environment",
        "litter_bags",
        "Environment",
        "Medio ambiente",
        "Bags of litter",
        "Bolsas de basura",
    )
    .await
    .unwrap();
    let now = ctx.now();
    let day = chrono::Duration::days(1);
    cycles::create(
        ctx,
        &clerk,
        CycleInput {
            title: "Spring decisions".into(),
            description: String::new(),
            schedule: Schedule {
                proposals_at: now + day,
                deliberation_at: now + day * 4,
                voting_at: now + day * 6,
                results_at: now + day * 9,
            },
            rules: Rules {
                method: VotingMethod::Approval,
                quorum_percent: 25,
                min_vote: 3,
            },
            pool: 0,
        },
    )
    .await
    .unwrap();
}

fn import_form(token: &str, document: Vec<u8>) -> Form {
    Form::new()
        .text("csrf_token", token.to_owned())
        .part(
            "file",
            Part::bytes(document)
                .file_name("berkeley.json")
                .mime_str("application/json")
                .unwrap(),
        )
        .text("organization", "herramientas")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_city_imports_the_first_citys_protocol_from_the_admin_pages() {
    // Berkeley exports.
    let berkeley = TestServer::start().await;
    let admin_a = set_up_city(&berkeley, "Berkeley").await;
    berkeley_works(&berkeley).await;
    let anon = berkeley.client();
    let resp = anon
        .get(berkeley.url("/admin/protocol"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303, "sign in first");
    let (status, html) = page(&admin_a, &berkeley.url("/admin/protocol")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("href=\"/admin/protocol/export\""), "{html}");
    let (_, orgs) = page(&admin_a, &berkeley.url("/admin/organizations")).await;
    assert!(orgs.contains("href=\"/admin/protocol\""), "{orgs}");
    let resp = admin_a
        .get(berkeley.url("/admin/protocol/export"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"citysync-protocol-127.0.0.1-"));
    let exported = resp.bytes().await.unwrap().to_vec();
    let document = protocol::read(&exported).unwrap();
    assert_eq!(document.provenance.city.name, "Berkeley");
    assert_eq!(document.templates.len(), 1);

    // Mexico City previews the import.
    let cdmx = TestServer::start().await;
    let admin_b = set_up_city(&cdmx, "Ciudad de México").await;
    {
        let ctx = &cdmx.running().ctx;
        let clerk = user_named(&cdmx, "clerk").await;
        let carla = person(ctx, "carla", false).await;
        approved_organization(ctx, &clerk, &carla, "herramientas", true, false).await;
    }
    let (status, html) = page(&admin_b, &cdmx.url("/admin/protocol")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");
    assert!(html.contains("<option value=\"herramientas\""), "{html}");
    let resp = admin_b
        .post(cdmx.url("/admin/protocol/preview"))
        .multipart(import_form(&csrf(&html), exported.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let preview = resp.text().await.unwrap();
    for expected in [
        "Berkeley",
        "Creek cleanup — Environment, from creek-friends org — <strong>will be added</strong>",
        "New unit Bags of litter (litter_bags) for Environment (environment)",
        "Approval voting, quorum 25%, at least 3 VOTE",
        "Decision cycle with the rules of Berkeley",
        "Importing the chosen parts makes 3 changes.",
        "name=\"part\" value=\"governance\" checked",
        "<option value=\"herramientas\" selected>",
        &document.provenance.key.public_key_hex,
    ] {
        assert!(preview.contains(expected), "{expected} not in:\n{preview}");
    }
    // Nothing changed yet.
    assert!(cycles::list(&cdmx.running().ctx, 10)
        .await
        .unwrap()
        .is_empty());

    // It applies every part, the document carried by the preview's hidden field.
    let hidden = common::text_between(&preview, "name=\"document\" value=\"", "\"");
    assert!(hidden.contains("&quot;citysync-protocol&quot;"));
    let mut form = Form::new()
        .text("csrf_token", csrf(&preview))
        .text("document", String::from_utf8(exported.clone()).unwrap())
        .text("parts_sent", "1")
        .text("organization", "herramientas");
    for part in ["taxonomy", "templates", "parameters", "governance"] {
        form = form.text("part", part);
    }
    let resp = admin_b
        .post(cdmx.url("/admin/protocol/apply"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let done = resp.text().await.unwrap();
    assert!(done.contains("Imported: 3 changes made."), "{done}");
    assert!(done.contains("<strong>added</strong>"), "{done}");

    // The same day: the template is active and public, the rules open in a cycle.
    let ctx = &cdmx.running().ctx;
    let org = citysync_app::organizations::by_handle(ctx, "herramientas", None)
        .await
        .unwrap();
    let templates = catalog::templates_of(ctx, &org, false).await.unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(
        catalog::adapted_from(ctx, &templates[0].id)
            .await
            .unwrap()
            .as_deref(),
        Some(document.templates[0].provenance.id.as_str())
    );
    let public = cdmx.client();
    let (status, html) = page(
        &public,
        &cdmx.url(&format!("/templates/{}", templates[0].id)),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Creek cleanup"), "{html}");
    let (_, html) = page(&public, &cdmx.url("/governance")).await;
    assert!(
        html.contains("Decision cycle with the rules of Berkeley"),
        "{html}"
    );
    let cycle = &cycles::list(ctx, 10).await.unwrap()[0];
    assert_eq!(cycle.rules.method, VotingMethod::Approval);
    assert_eq!(cycle.rules.quorum_percent, 25);
    assert_eq!(cycle.rules.min_vote, 3);

    // Mexico City's export has the same substance as Berkeley's.
    let resp = admin_b
        .get(cdmx.url("/admin/protocol/export"))
        .send()
        .await
        .unwrap();
    let again = protocol::read(&resp.bytes().await.unwrap()).unwrap();
    assert_eq!(
        protocol::substance(&again).unwrap(),
        protocol::substance(&document).unwrap()
    );
    // A second preview finds nothing left to do.
    let (_, html) = page(&admin_b, &cdmx.url("/admin/protocol")).await;
    let resp = admin_b
        .post(cdmx.url("/admin/protocol/preview"))
        .multipart(import_form(&csrf(&html), exported.clone()))
        .send()
        .await
        .unwrap();
    let twice = resp.text().await.unwrap();
    assert!(
        twice.contains("Importing the chosen parts changes nothing here."),
        "{twice}"
    );

    // A tampered document is refused, in Spanish for a Spanish reader.
    let tampered = String::from_utf8(exported.clone()).unwrap().replacen(
        "\"rewardCity\": 500",
        "\"rewardCity\": 50000",
        1,
    );
    assert_ne!(tampered.as_bytes(), exported.as_slice());
    let (_, html) = page(&admin_b, &cdmx.url("/admin/protocol")).await;
    let resp = common::post(
        &admin_b,
        &cdmx.url("/language"),
        &[
            ("csrf_token", &csrf(&html)),
            ("locale", "es"),
            ("return_to", "/admin/protocol"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&admin_b, &cdmx.url("/admin/protocol")).await;
    assert!(
        html.contains("Importar el protocolo de otra ciudad"),
        "{html}"
    );
    let resp = admin_b
        .post(cdmx.url("/admin/protocol/preview"))
        .multipart(import_form(&csrf(&html), tampered.into_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let refused = resp.text().await.unwrap();
    assert!(
        refused.contains("La firma del documento no corresponde a su contenido"),
        "{refused}"
    );
    assert!(refused.contains("id=\"f-document-error\""), "{refused}");
    // And a form without its CSRF token changes nothing.
    let resp = admin_b
        .post(cdmx.url("/admin/protocol/apply"))
        .multipart(import_form("forged", exported))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);

    berkeley.stop().await;
    cdmx.stop().await;
}

fn citysync(
    dir: &std::path::Path,
    url: &str,
    public_url: &str,
    args: &[&str],
) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_citysync"))
        .args(["--data-dir", &dir.to_string_lossy(), "--database-url", url])
        .args(args)
        .env("CITYSYNC_LOG__LEVEL", "warn")
        .env("CITYSYNC_SERVER__PUBLIC_URL", public_url)
        .output()
        .expect("run citysync");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citysync_protocol_export_then_import_previews_then_applies() {
    for (backend, a) in both_backends() {
        let b = if backend == "postgres" {
            citysync_test_support::TestDb::postgres().unwrap()
        } else {
            citysync_test_support::TestDb::sqlite()
        };
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("berkeley.json");
        let file_arg = file.to_string_lossy().into_owned();

        // Berkeley: an issuer with an active template.
        let berkeley = ctx_for(a.db.clone(), "https://berkeley.example");
        citysync_app::instance::ensure(&berkeley).await.unwrap();
        let admin = person(&berkeley, "admin_ana", true).await;
        let olga = person(&berkeley, "olga", false).await;
        approved_organization(&berkeley, &admin, &olga, "creek-friends", true, false).await;
        let spec = citysync_domain::task::TemplateSpec {
            title: "Creek cleanup".into(),
            summary: "Pick up litter".into(),
            instructions: String::new(),
            category: "environment".into(),
            outcome_unit: "kg_waste_diverted".into(),
            expected_outcome: 5.0,
            verification_method: citysync_domain::task::VerificationMethod::IssuerReview,
            proof_kinds: vec![citysync_domain::task::ProofKind::Text],
            reward_city: 500,
            reward_vote: 2,
            estimated_minutes: 60,
            accessibility_notes: String::new(),
            extra_fields: vec![],
        };
        let t = catalog::create_template(&berkeley, &olga, "creek-friends", spec)
            .await
            .unwrap();
        catalog::change_template(
            &berkeley,
            &olga,
            &t.id,
            citysync_domain::lifecycle::TemplateEvent::Activate,
        )
        .await
        .unwrap();

        let (code, _, err) = citysync(
            dir.path(),
            &a.url,
            "https://berkeley.example",
            &["protocol", "export", "--out", &file_arg],
        );
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(err.contains("1 templates"), "{backend}: {err}");
        let document = protocol::read(&std::fs::read(&file).unwrap()).unwrap();
        assert_eq!(
            document.templates[0].provenance.id,
            format!("https://berkeley.example/templates/{}", t.id)
        );

        // Mexico City: a preview first, then the import.
        let cdmx = ctx_for(b.db.clone(), "https://cdmx.example");
        citysync_app::instance::ensure(&cdmx).await.unwrap();
        let beto = person(&cdmx, "admin_beto", true).await;
        let carla = person(&cdmx, "carla", false).await;
        approved_organization(&cdmx, &beto, &carla, "herramientas", true, false).await;
        let import = |extra: &[&str]| {
            let mut args = vec!["protocol", "import", file_arg.as_str()];
            args.extend_from_slice(extra);
            citysync(dir.path(), &b.url, "https://cdmx.example", &args)
        };
        let (code, out, err) = import(&[
            "--parts",
            "templates,parameters",
            "--organization",
            "herramientas",
        ]);
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(out.contains("[templates] (chosen)"), "{out}");
        assert!(out.contains("[governance] (not chosen)"), "{out}");
        assert!(
            out.contains("  + Creek cleanup (environment/kg_waste_diverted)"),
            "{out}"
        );
        assert!(out.contains("Nothing was changed."), "{out}");
        let (code, _, err) = import(&["--apply"]);
        assert_eq!(code, 1, "{backend}");
        assert!(err.contains("--admin"), "{err}");
        let (code, out, err) = import(&[
            "--parts",
            "templates",
            "--organization",
            "herramientas",
            "--apply",
            "--admin",
            "admin_beto",
        ]);
        assert_eq!(code, 0, "{backend}: {err}");
        assert!(out.contains("1 change(s) made."), "{out}");
        let org = citysync_app::organizations::by_handle(&cdmx, "herramientas", None)
            .await
            .unwrap();
        let made = catalog::templates_of(&cdmx, &org, false).await.unwrap();
        assert_eq!(made.len(), 1, "{backend}");
        assert_eq!(
            catalog::adapted_from(&cdmx, &made[0].id).await.unwrap(),
            Some(document.templates[0].provenance.id.clone())
        );

        // A changed file is refused, saying why.
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("Creek cleanup", "Creek clean-up", 1)).unwrap();
        let (code, _, err) = import(&[]);
        assert_eq!(code, 1, "{backend}");
        assert!(
            err.contains("signature does not match its contents")
                && err.contains("error-protocol-signature-invalid"),
            "{backend}: {err}"
        );
        let (code, _, err) = import(&["--parts", "templates,colours"]);
        assert_eq!(code, 1);
        assert!(err.contains("unknown part \"colours\""), "{err}");
    }
}
