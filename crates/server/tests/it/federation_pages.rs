//! The federation pages through the real server (cookies, CSRF, forms): the administrator's
//! page — following a peer city (a bad address refused beside the field, in the reader's
//! language), blocking, allowing and removing domains typed in any form, closed to everyone
//! else; a resident's public profile; "From other cities" in English and Spanish, with
//! remote objects kept through the app layer shown as text and a template adopted into an
//! issuer's draft that says where it came from; an organization following another city's
//! organization; and a template's adoptions by other cities.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_domain::lifecycle::FollowState;
use citysync_test_support::server as common;

use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::{self, Received};
use common::governance::{location, submit, HANDLE, PASSWORD};
use common::{
    approved_issuer, environment_template, page, post, resident, set_up_city, text_between,
    TestServer,
};

/// `s` as the templates write it in HTML (minijinja escapes `/` too).
fn escaped(s: &str) -> String {
    s.replace('/', "&#x2f;")
}

/// Chooses the page language with the switcher (saved on the account).
async fn set_language(server: &TestServer, client: &reqwest::Client, locale: &str) {
    let resp = submit(
        server,
        client,
        "/settings",
        "/language",
        &[("locale", locale), ("return_to", "/settings")],
    )
    .await;
    assert_eq!(location(&resp), "/settings");
}

/// A GET with `Accept-Language: es` (for a client without a saved or chosen language).
async fn page_es(client: &reqwest::Client, url: &str) -> (u16, String) {
    let resp = client
        .get(url)
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_follows_peer_cities_and_keeps_domain_lists() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let rita = resident(&server, "rita", PASSWORD).await;
    let anon = server.client();

    // Administrators only; linked from the other administration pages.
    let resp = anon
        .get(server.url("/admin/federation"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&resp), "/login?next=%2Fadmin%2Ffederation");
    let (status, html) = page(&rita, &server.url("/admin/federation")).await;
    assert_eq!(status, 403, "{html}");
    let resp = post(
        &rita,
        &server.url("/admin/federation/domains/block"),
        &[
            ("csrf_token", &common::csrf(&html)),
            ("domain", "evil.example"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    let (_, html) = page(&admin, &server.url("/admin/budgets")).await;
    assert!(html.contains("href=\"/admin/federation\""), "{html}");
    let (status, html) = page(&admin, &server.url("/admin/federation")).await;
    assert_eq!(status, 200, "{html}");
    let host = server.base.trim_start_matches("http://");
    assert!(html.contains(&format!("@city@{host}")), "{html}");
    assert!(
        html.contains("This city follows no other city yet."),
        "{html}"
    );
    assert!(html.contains("No domain is blocked or allowed."), "{html}");

    // A follow that is not a handle nor an address is refused beside the field, typed text kept.
    let html = follow_refused(&server, &admin, "oakland please").await;
    assert!(
        html.contains("Enter a handle like @city@berkeley.example"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""), "{html}");
    assert!(html.contains("value=\"oakland please\""), "{html}");
    // The city itself is no peer.
    let html = follow_refused(&server, &admin, &format!("@city@{host}")).await;
    assert!(html.contains("That is this city itself."), "{html}");

    // In Spanish for an administrator who chose it.
    set_language(&server, &admin, "es").await;
    let html = follow_refused(&server, &admin, "ftp://oakland.example/city").await;
    assert!(
        html.contains("Escriba un identificador como @city@berkeley.example"),
        "{html}"
    );
    assert!(html.contains("Dominios bloqueados y permitidos"), "{html}");
    set_language(&server, &admin, "en").await;

    // A good-looking handle is recorded for the federation worker and listed at once.
    let resp = submit(
        &server,
        &admin,
        "/admin/federation",
        "/admin/federation/follows",
        &[("target", "@city@oakland.example")],
    )
    .await;
    assert_eq!(location(&resp), "/admin/federation");
    let (_, html) = page(&admin, &server.url("/admin/federation")).await;
    let follows = text_between(&html, "id=\"follows-heading\"", "</section>");
    assert!(follows.contains("city@oakland.example"), "{follows}");
    // The worker may already have tried to look it up (no network here).
    assert!(
        follows.contains("Asked for, waiting to be looked up")
            || follows.contains("Not found: check the address"),
        "{follows}"
    );

    // A peer that sent us activities (one twice), and a city that follows ours.
    let ctx = &server.running().ctx;
    let oakland = url::Url::parse("https://oakland.example/city").unwrap();
    let receipt = |id: &str| {
        let id = url::Url::parse(id).unwrap();
        citysync_app::federation::Receipt::new(ctx, &id, &oakland)
    };
    let record = citysync_app::federation::receipt;
    assert!(record(ctx, &receipt("https://oakland.example/a/1"))
        .await
        .unwrap());
    assert!(record(ctx, &receipt("https://oakland.example/a/2"))
        .await
        .unwrap());
    assert!(!record(ctx, &receipt("https://oakland.example/a/1"))
        .await
        .unwrap());
    let city = server.url("/city");
    citysync_app::federation::record_follow_now(
        ctx,
        "https://oakland.example/city",
        &city,
        "https://oakland.example/follows/1",
        FollowState::Accepted,
    )
    .await
    .unwrap();
    let (_, html) = page(&admin, &server.url("/admin/federation")).await;
    let peer = text_between(&html, "<tr id=\"peer-oakland.example\">", "</tr>");
    assert!(peer.contains("<td class=\"num\">2</td>"), "{peer}");
    assert!(peer.contains("<td class=\"num\">1</td>"), "{peer}");
    assert!(peer.contains("Yes"), "{peer}");
    let followers = text_between(&html, "id=\"followers-heading\"", "</section>");
    assert!(
        followers.contains(&escaped("https://oakland.example/city")),
        "{followers}"
    );

    // A domain typed in capitals, with a root dot and a port, is kept in one form.
    let resp = submit(
        &server,
        &admin,
        "/admin/federation",
        "/admin/federation/domains/block",
        &[("domain", "EVIL.Example.:443")],
    )
    .await;
    assert_eq!(location(&resp), "/admin/federation");
    let resp = submit(
        &server,
        &admin,
        "/admin/federation",
        "/admin/federation/domains/allow",
        &[("domain", "https://Friendly.example/city")],
    )
    .await;
    assert_eq!(location(&resp), "/admin/federation");
    let (_, html) = page(&admin, &server.url("/admin/federation")).await;
    let evil = text_between(&html, "<tr id=\"domain-evil.example\">", "</tr>");
    assert!(evil.contains("Blocked"), "{evil}");
    let friendly = text_between(&html, "<tr id=\"domain-friendly.example\">", "</tr>");
    assert!(friendly.contains("Allowed"), "{friendly}");
    assert!(!html.contains("EVIL.Example"), "{html}");
    let lists = citysync_app::federation::peers::lists(&server.running().ctx)
        .await
        .unwrap();
    assert_eq!(lists.blocked, ["evil.example"]);
    assert_eq!(lists.allowed, ["friendly.example"]);

    // Something that is not a domain is refused beside the field; nothing is added.
    let resp = submit(
        &server,
        &admin,
        "/admin/federation",
        "/admin/federation/domains/block",
        &[("domain", "evil.example/path")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("That is not a domain name."), "{html}");
    assert!(
        html.contains(&format!("value=\"{}\"", escaped("evil.example/path"))),
        "{html}"
    );

    // Removing takes it off the list.
    let resp = submit(
        &server,
        &admin,
        "/admin/federation",
        "/admin/federation/domains/remove",
        &[("domain", "evil.example")],
    )
    .await;
    assert_eq!(location(&resp), "/admin/federation");
    let (_, html) = page(&admin, &server.url("/admin/federation")).await;
    assert!(!html.contains("id=\"domain-evil.example\""), "{html}");
    assert!(html.contains("id=\"domain-friendly.example\""), "{html}");

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_chooses_whether_their_name_is_public() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let rita = resident(&server, "rita", PASSWORD).await;
    let anon = server.client();

    let (status, html) = page(&rita, &server.url("/settings")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Public profile"), "{html}");
    assert!(
        !html.contains("name=\"public\" value=\"on\" aria-describedby=\"f-public-hint\" checked")
    );

    // Saved with the name shown: the form keeps it and the public profile shows it.
    let resp = submit(
        &server,
        &rita,
        "/settings",
        "/settings/profile",
        &[("display_name", "Rita Moreno"), ("public", "on")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Your public profile was saved."), "{html}");
    let (_, html) = page(&rita, &server.url("/settings")).await;
    assert!(html.contains("value=\"Rita Moreno\""), "{html}");
    assert!(
        html.contains("aria-describedby=\"f-public-hint\" checked"),
        "{html}"
    );
    let (_, html) = page(&anon, &server.url("/users/rita")).await;
    assert!(html.contains("Rita Moreno"), "{html}");

    // Unticked: the name is kept but no longer public.
    let resp = submit(
        &server,
        &rita,
        "/settings",
        "/settings/profile",
        &[("display_name", "Rita Moreno")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let profile = citysync_app::accounts::profile(
        &server.running().ctx,
        &common::user_named(&server, "rita").await.id.to_string(),
    )
    .await
    .unwrap();
    assert_eq!(profile.display_name.as_deref(), Some("Rita Moreno"));
    assert!(!profile.public);
    let (_, html) = page(&anon, &server.url("/users/rita")).await;
    assert!(!html.contains("Rita Moreno"), "{html}");

    // A name too long is refused beside the field with what was typed.
    let long = "R".repeat(81);
    let resp = submit(
        &server,
        &rita,
        "/settings",
        "/settings/profile",
        &[("display_name", &long), ("public", "on")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"f-display_name-error\""), "{html}");
    assert!(html.contains(&format!("value=\"{long}\"")), "{html}");

    // Without the token nothing changes.
    let resp = post(
        &rita,
        &server.url("/settings/profile"),
        &[("display_name", "Mallory"), ("public", "on")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_other_cities_lists_adopts_and_tells_where_templates_travel() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let anon = server.client();
    let ctx = &server.running().ctx;

    // Empty at first, in English and in Spanish; unknown kinds are not pages.
    let (status, html) = page(&anon, &server.url("/federation/templates")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>Task templates</h1>"), "{html}");
    assert!(
        html.contains("Nothing of this kind has arrived yet."),
        "{html}"
    );
    assert!(html.contains("href=\"/federation\""), "{html}");
    let (status, html) = page_es(&anon, &server.url("/federation/templates")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>Plantillas de tareas</h1>"), "{html}");
    assert!(
        html.contains("Todavía no ha llegado nada de este tipo."),
        "{html}"
    );
    assert_eq!(page(&anon, &server.url("/federation/ledgers")).await.0, 404);
    assert_eq!(
        page(&anon, &server.url("/federation/objects/nope")).await.0,
        404
    );

    // Another city's template and attestation, kept as the federation crate would keep them.
    let now = ctx.now();
    let spec = citysync_domain::task::TemplateSpec {
        title: "Tree watering".into(),
        summary: "Water young street trees".into(),
        instructions: "Two buckets per tree".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 2.0,
        verification_method: citysync_domain::task::VerificationMethod::IssuerReview,
        proof_kinds: vec![citysync_domain::task::ProofKind::Text],
        reward_city: 300,
        reward_vote: 2,
        estimated_minutes: 45,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let template_ap_id = "https://oakland.example/templates/t1";
    let document = serde_json::json!({
        "@context": ["https://www.w3.org/ns/activitystreams"],
        "id": template_ap_id,
        "type": "Document",
        "name": "Tree watering",
        "content": "<script>alert('x')</script><p>Water young street trees</p>",
    });
    remote::keep(
        ctx,
        Received {
            ap_id: url::Url::parse(template_ap_id).unwrap(),
            kind: Kind::Template,
            attributed_to: url::Url::parse("https://oakland.example/organizations/greeners")
                .unwrap(),
            via: Some(url::Url::parse("https://relay.example/city").unwrap()),
            name: "Tree watering".into(),
            summary: "Water young street trees".into(),
            document: document.to_string(),
            template: Some(spec),
            starts_at: None,
            proof_verified: false,
            published_at: now,
            updated_at: now,
        },
        None,
    )
    .await
    .unwrap();
    remote::keep(
        ctx,
        Received {
            ap_id: url::Url::parse("https://oakland.example/attestations/a1").unwrap(),
            kind: Kind::Attestation,
            attributed_to: url::Url::parse("https://oakland.example/organizations/greeners")
                .unwrap(),
            via: None,
            name: "Tree watering, 2 kg".into(),
            summary: String::new(),
            document: "{}".into(),
            template: None,
            starts_at: None,
            proof_verified: true,
            published_at: now,
            updated_at: now,
        },
        None,
    )
    .await
    .unwrap();
    let kept = remote::by_ap_id(ctx, template_ap_id)
        .await
        .unwrap()
        .unwrap();

    // Listed with where it came from and who relayed it; the attestation's proof shows.
    let (_, html) = page(&anon, &server.url("/federation/templates")).await;
    let line = text_between(&html, &format!("<li id=\"remote-{}\">", kept.id), "</li>");
    assert!(line.contains("Tree watering"), "{line}");
    assert!(line.contains("From oakland.example"), "{line}");
    assert!(line.contains("relayed by relay.example"), "{line}");
    assert!(line.contains(&format!("href=\"/federation/objects/{}\"", kept.id)));
    let (_, html) = page(&anon, &server.url("/federation/attestations")).await;
    assert!(html.contains("<strong>Proof verified</strong>"), "{html}");
    let (_, html) = page(&anon, &server.url("/federation")).await;
    assert!(html.contains("Tree watering"), "{html}");
    assert!(html.contains("href=\"/federation/templates\""), "{html}");
    let (_, html) = page_es(&anon, &server.url("/federation")).await;
    assert!(html.contains("De otras ciudades"), "{html}");

    // The object as received, its remote HTML shown as text; adopting needs signing in.
    let object = format!("/federation/objects/{}", kept.id);
    let (status, html) = page(&anon, &server.url(&object)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains(&format!("href=\"{}\"", escaped(template_ap_id))),
        "{html}"
    );
    assert!(html.contains("Sign in to adopt this template"), "{html}");

    // A verifier edits no catalog: no form, and a forged post is refused.
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    let (_, html) = page(&vera, &server.url(&object)).await;
    assert!(
        html.contains("Only owners and editors of an approved issuer can adopt templates."),
        "{html}"
    );
    let resp = post(
        &vera,
        &server.url(&format!("{object}/adopt")),
        &[
            ("csrf_token", &common::csrf(&html)),
            ("organization", HANDLE),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);

    // The owner adopts it into a draft, opened for editing, that says where it came from.
    let (_, html) = page(&olga, &server.url(&object)).await;
    assert!(
        html.contains(&format!("<option value=\"{HANDLE}\"")),
        "{html}"
    );
    let resp = submit(
        &server,
        &olga,
        &object,
        &format!("{object}/adopt"),
        &[("organization", HANDLE)],
    )
    .await;
    let edit = location(&resp);
    let copy = edit
        .strip_prefix("/templates/")
        .and_then(|rest| rest.strip_suffix("/edit"))
        .unwrap_or_else(|| panic!("not an edit page: {edit}"))
        .to_owned();
    let (status, html) = page(&olga, &server.url(&edit)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Tree watering"), "{html}");
    let (_, html) = page(&olga, &server.url(&format!("/templates/{copy}"))).await;
    let origin = text_between(&html, "id=\"adapted-from\">", "</p>");
    assert!(origin.contains("Adapted from"), "{origin}");
    assert!(
        origin.contains(&format!("href=\"{}\"", escaped(template_ap_id))),
        "{origin}"
    );
    assert!(origin.contains("Tree watering"), "{origin}");
    assert!(origin.contains(&format!("href=\"{object}\"")), "{origin}");
    assert!(html.contains("Draft"), "{html}");

    // One of our templates adopted by another city shows where.
    let ours = environment_template(&server, "olga", HANDLE, 500, 10).await;
    let (_, html) = page(&anon, &server.url(&format!("/templates/{ours}"))).await;
    assert!(!html.contains("Adopted by"), "{html}");
    remote::record_adoption(
        ctx,
        &ours,
        &url::Url::parse("https://oakland.example/templates/copy-1").unwrap(),
        &url::Url::parse("https://oakland.example/organizations/greeners").unwrap(),
    )
    .await
    .unwrap();
    let (_, html) = page(&anon, &server.url(&format!("/templates/{ours}"))).await;
    let adoptions = text_between(&html, "id=\"adoptions-heading\"", "</section>");
    assert!(adoptions.contains("Adopted by one city"), "{adoptions}");
    assert!(adoptions.contains("oakland.example"), "{adoptions}");
    assert!(
        adoptions.contains(&format!(
            "href=\"{}\"",
            escaped("https://oakland.example/templates/copy-1")
        )),
        "{adoptions}"
    );
    let (_, html) = page_es(&anon, &server.url(&format!("/templates/{ours}"))).await;
    assert!(html.contains("Adoptada por una ciudad"), "{html}");
    drop(admin);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organization_follows_another_citys_organization_from_its_console() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    let ctx = &server.running().ctx;
    let console = format!("/organizations/{HANDLE}/console");
    let follows = format!("/organizations/{HANDLE}/follows");

    let (status, html) = page(&olga, &server.url(&console)).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("This organization follows no one yet."),
        "{html}"
    );
    assert!(html.contains(&format!("action=\"{follows}\"")), "{html}");
    // A verifier sees the section but not the form, and cannot post it.
    let (_, html) = page(&vera, &server.url(&console)).await;
    assert!(!html.contains(&format!("action=\"{follows}\"")), "{html}");
    let resp = post(
        &vera,
        &server.url(&follows),
        &[
            ("csrf_token", &common::csrf(&html)),
            ("target", "@greeners@oakland.example"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);

    // A bad address is refused beside the field; a good one is listed.
    let resp = submit(
        &server,
        &olga,
        &console,
        &follows,
        &[("target", "greeners")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"f-target-error\""), "{html}");
    assert!(html.contains("value=\"greeners\""), "{html}");
    let resp = submit(
        &server,
        &olga,
        &console,
        &follows,
        &[("target", "@greeners@oakland.example")],
    )
    .await;
    assert_eq!(location(&resp), console);
    let (_, html) = page(&olga, &server.url(&console)).await;
    let section = text_between(&html, "id=\"follows-heading\"", "</section>");
    assert!(section.contains("greeners@oakland.example"), "{section}");

    // An accepted follow shows the latest of what the followed organization published.
    let followed = "https://oakland.example/organizations/menders";
    let ours = server.url(&format!("/organizations/{HANDLE}"));
    citysync_app::federation::record_follow_now(
        ctx,
        &ours,
        followed,
        "https://berkeley.test/follows/1",
        FollowState::Accepted,
    )
    .await
    .unwrap();
    let now = ctx.now();
    remote::keep(
        ctx,
        Received {
            ap_id: url::Url::parse("https://oakland.example/opportunities/o1").unwrap(),
            kind: Kind::Opportunity,
            attributed_to: url::Url::parse(followed).unwrap(),
            via: None,
            name: "Bike repair Saturday".into(),
            summary: "Fix bikes with neighbors".into(),
            document: "{}".into(),
            template: None,
            starts_at: Some(now + chrono::Duration::days(3)),
            proof_verified: false,
            published_at: now,
            updated_at: now,
        },
        None,
    )
    .await
    .unwrap();
    let (_, html) = page(&olga, &server.url(&console)).await;
    let section = text_between(&html, "id=\"follows-heading\"", "</section>");
    assert!(section.contains(&escaped(followed)), "{section}");
    assert!(section.contains("Accepted"), "{section}");
    assert!(section.contains("Bike repair Saturday"), "{section}");
    server.stop().await;
}

/// The administrator's follow form refuses `target` (400) and shows the page again.
async fn follow_refused(server: &TestServer, admin: &reqwest::Client, target: &str) -> String {
    let resp = submit(
        server,
        admin,
        "/admin/federation",
        "/admin/federation/follows",
        &[("target", target)],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    resp.text().await.unwrap()
}
