//! The privacy notice and the legal hold through the pages (issue 27): `/privacy` linked
//! from every page; sign-up refused without ticking the notice and nothing created; a new
//! version published at `/admin/privacy` sends a signed-in resident to `/privacy/accept`
//! before any other page (sign-out and the notice itself stay reachable) until they accept,
//! and the acceptance is recorded; earlier versions stay readable; an administrator sets
//! and lifts a legal hold with a reason on `/admin/users`.

use citysync_test_support::server as common;

use common::{choose_language, csrf, post, resident, set_up_city, user_named, TestServer};

const PASSWORD: &str = "correct horse battery";

/// A page with the slashes the templates escape (`&#x2f;`) read back as slashes.
async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let (status, html) = common::page(client, url).await;
    (status, html.replace("&#x2f;", "/"))
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_without_accepting_the_notice_is_refused_and_creates_nothing() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    choose_language(&server, &client, "es").await;
    let (status, html) = page(&client, &server.url("/signup")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"privacy_version\" value=\"1\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"/privacy\""),
        "the footer and the box link the notice"
    );
    let resp = post(
        &client,
        &server.url("/signup"),
        &[
            ("csrf_token", &csrf(&html)),
            ("username", "ana"),
            ("email", "ana@example.org"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("marque la casilla para aceptarlo"),
        "a Spanish error beside the box: {body}"
    );
    assert!(body.contains("f-privacy_version-error"), "{body}");
    assert!(body.contains("value=\"ana\""), "what was typed is kept");
    let users = server
        .running()
        .ctx
        .db()
        .run(citysync_storage::users::count)
        .await
        .unwrap();
    assert_eq!(users, 1, "only the administrator exists");

    // The notice itself is public, in the reader's language, with the retention periods.
    let anonymous = server.client();
    let (status, html) = page(&anonymous, &server.url("/privacy")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Version 1"), "{html}");
    assert!(html.contains("730 days"), "{html}");
    assert!(html.contains("rectification"), "{html}");
    let (status, _) = page(&anonymous, &server.url("/privacy/7")).await;
    assert_eq!(status, 404);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_is_accepted_before_any_other_page_and_recorded() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let (status, _) = page(&ana, &server.url("/home")).await;
    assert_eq!(status, 200, "version 1 was accepted at sign-up");
    let (status, _) = page(&admin, &server.url("/admin")).await;
    assert_eq!(status, 200, "the administrator accepted it at setup");

    // Residents cannot publish.
    let (status, _) = page(&ana, &server.url("/admin/privacy")).await;
    assert_eq!(status, 403);

    // The administrator publishes version 2 (English required, Spanish given).
    let (status, html) = page(&admin, &server.url("/admin/privacy")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("name=\"text-en\""), "{html}");
    assert!(html.contains("name=\"text-es\""), "{html}");
    let resp = post(
        &admin,
        &server.url("/admin/privacy"),
        &[
            ("csrf_token", &csrf(&html)),
            ("text-en", ""),
            ("text-es", "Solo en español."),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        400,
        "the default language is required"
    );
    let resp = post(
        &admin,
        &server.url("/admin/privacy"),
        &[
            ("csrf_token", &csrf(&html)),
            (
                "text-en",
                "We now keep photos for one year.\r\n\r\nAsk us anything.",
            ),
            ("text-es", "Ahora guardamos las fotos un año."),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/admin/privacy?published=2");
    let (status, _) = page(&admin, &server.url("/admin")).await;
    assert_eq!(status, 200, "who publishes accepts");

    // Ana is sent to accept before any other page, and back afterwards.
    let resp = ana.get(server.url("/wallet")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/privacy/accept?next=%2Fwallet");
    let resp = ana.get(server.url("/home")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    // The notice and static assets stay reachable.
    let (status, html) = page(&ana, &server.url("/privacy")).await;
    assert_eq!(status, 200);
    assert!(html.contains("We now keep photos for one year."), "{html}");
    let (status, html) = page(&ana, &server.url("/privacy/1")).await;
    assert_eq!(status, 200, "earlier versions stay readable");
    assert!(html.contains("730 days"), "{html}");
    let (status, _) = page(&ana, &server.url("/static/app.css")).await;
    assert_eq!(status, 200);
    let (status, html) = page(&ana, &server.url("/privacy/accept?next=%2Fwallet")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Ask us anything."), "{html}");
    assert!(
        html.contains("name=\"privacy_version\" value=\"2\""),
        "{html}"
    );

    // Unticked: refused, still pending.
    let resp = post(
        &ana,
        &server.url("/privacy/accept"),
        &[("csrf_token", &csrf(&html)), ("next", "/wallet")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let user = user_named(&server, "ana").await;
    let ctx = &server.running().ctx;
    assert_eq!(
        citysync_app::privacy_notice::pending(ctx, &user.id.to_string())
            .await
            .unwrap(),
        Some(2)
    );
    // Ticked: recorded, and on to where she was going.
    let resp = post(
        &ana,
        &server.url("/privacy/accept"),
        &[
            ("csrf_token", &csrf(&html)),
            ("next", "/wallet"),
            ("privacy_version", "2"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/wallet");
    let (status, _) = page(&ana, &server.url("/home")).await;
    assert_eq!(status, 200);
    let accepted: Vec<i32> = citysync_app::privacy_notice::acceptances(ctx, &user.id.to_string())
        .await
        .unwrap()
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert_eq!(accepted, [2, 1]);

    // Signing out works while a notice is pending.
    let bob = resident(&server, "bob", PASSWORD).await;
    let (_, html) = page(&admin, &server.url("/admin/privacy")).await;
    let resp = post(
        &admin,
        &server.url("/admin/privacy"),
        &[("csrf_token", &csrf(&html)), ("text-en", "Version three.")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&bob, &server.url("/privacy")).await;
    let resp = post(
        &bob,
        &server.url("/logout"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_ne!(location(&resp), "/privacy/accept");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_sets_and_lifts_a_legal_hold_with_a_reason() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _ana = resident(&server, "ana", PASSWORD).await;
    let (status, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("action=\"/admin/users/ana/hold\""), "{html}");
    // No reason: refused beside the hold's own field, nothing changed.
    let resp = post(
        &admin,
        &server.url("/admin/users/ana/hold"),
        &[("csrf_token", &csrf(&html)), ("reason", " "), ("q", "ana")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let body = resp.text().await.unwrap();
    assert!(body.contains("hold-reason-ana-error"), "{body}");
    assert!(!body.contains("id=\"reason-ana-error\""), "{body}");
    let ctx = &server.running().ctx;
    let user = user_named(&server, "ana").await;
    assert!(
        !citysync_app::legal_hold::is_held(ctx, &user.id.to_string())
            .await
            .unwrap()
    );
    let resp = post(
        &admin,
        &server.url("/admin/users/ana/hold"),
        &[
            ("csrf_token", &csrf(&html)),
            ("reason", "Court order 17/2026"),
            ("q", "ana"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert!(citysync_app::legal_hold::is_held(ctx, &user.id.to_string())
        .await
        .unwrap());
    let (_, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    assert!(html.contains("id=\"hold-ana\""), "{html}");
    assert!(html.contains("Court order 17/2026"), "{html}");
    assert!(
        html.contains("action=\"/admin/users/ana/release\""),
        "{html}"
    );
    let resp = post(
        &admin,
        &server.url("/admin/users/ana/release"),
        &[
            ("csrf_token", &csrf(&html)),
            ("reason", "Case closed"),
            ("q", "ana"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert!(
        !citysync_app::legal_hold::is_held(ctx, &user.id.to_string())
            .await
            .unwrap()
    );
    server.stop().await;
}
