//! The administrator's home: linked from the menu for administrators only, it counts what
//! waits for them (organizations to approve, reported comments, failing peers) in their
//! language; residents are refused and visitors sent to sign in.

use citysync_test_support::server as common;

use common::{choose_language, page, resident, set_up_city, user_named, TestServer};

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn the_administrator_sees_what_waits_and_nobody_else_does() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;

    // Nothing waits yet, and the menu leads there.
    let (status, html) = page(&admin, &server.url("/")).await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/admin\""), "{html}");
    let (status, html) = page(&admin, &server.url("/admin")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("No organization waits for approval."),
        "{html}"
    );
    assert!(html.contains("Every peer city answers."), "{html}");

    // Ana asks for an organization: one waits, in English and in Spanish.
    citysync_app::organizations::create(
        &server.running().ctx,
        &user_named(&server, "ana").await,
        citysync_app::organizations::NewOrganization {
            handle: "creek-friends".into(),
            name: "Friends of the Creek".into(),
            is_issuer: true,
            contact_email: "hi@creek.example".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (_, html) = page(&admin, &server.url("/admin")).await;
    assert!(
        html.contains("One organization waits for approval."),
        "{html}"
    );
    choose_language(&server, &admin, "es").await;
    let (_, html) = page(&admin, &server.url("/admin")).await;
    assert!(
        html.contains("Una organización espera aprobación."),
        "{html}"
    );
    assert!(html.contains("Administración"), "{html}");

    // A resident has no such link and is refused; a visitor is asked to sign in.
    let (_, html) = page(&ana, &server.url("/")).await;
    assert!(!html.contains("href=\"/admin\""), "{html}");
    let (status, _) = page(&ana, &server.url("/admin")).await;
    assert_eq!(status, 403);
    let resp = server
        .client()
        .get(server.url("/admin"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "/login?next=%2Fadmin");
    server.stop().await;
}
