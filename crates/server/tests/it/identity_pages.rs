//! Identity levels through the real pages (issue 25): the registrar's desk verifies a
//! resident, refuses a document another account holds (queued for the administrator) and
//! a malformed identifier (nothing changes); the administrator moves a document and
//! revokes; the resident's settings show their level; English and Spanish.

use citysync_app::identity;
use citysync_domain::identity::IdentityLevel;
use citysync_test_support::server::{
    approved_registrar_desk, choose_language, csrf, page, post, resident, set_up_city, user_named,
    TestServer,
};

const PASSWORD: &str = "correct horse battery";
const CURP: &str = "GODE561231HDFRRN04";

/// Posts the desk form; returns the status and the page.
async fn at_desk(
    server: &TestServer,
    registrar: &reqwest::Client,
    who: &str,
    kind: &str,
    identifier: &str,
) -> (u16, String) {
    let url = server.url("/organizations/library/registrar");
    let (status, html) = page(registrar, &url).await;
    assert_eq!(status, 200, "{html}");
    let resp = post(
        registrar,
        &url,
        &[
            ("csrf_token", &csrf(&html)),
            ("who", who),
            ("kind", kind),
            ("identifier", identifier),
        ],
    )
    .await;
    (resp.status().as_u16(), resp.text().await.unwrap())
}

async fn level(server: &TestServer, username: &str) -> Option<IdentityLevel> {
    let user = user_named(server, username).await;
    identity::level_of(&server.running().ctx, &user)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_registrar_desk_verifies_refuses_and_queues_in_both_languages() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let rita = resident(&server, "rita", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let _ben = resident(&server, "ben", PASSWORD).await;
    approved_registrar_desk(&server, "olga", "rita", "library").await;

    // Only the desk's registrars (and owners) see it.
    let (status, _) = page(&ana, &server.url("/organizations/library/registrar")).await;
    assert_eq!(status, 403);
    let (_, console) = page(&rita, &server.url("/organizations/library/console")).await;
    assert!(console.contains("Your role: Registrar"), "{console}");
    assert!(
        console.contains("href=\"/organizations/library/registrar\""),
        "{console}"
    );

    // Ana's settings show the email level until the desk verifies her.
    let (_, settings) = page(&ana, &server.url("/settings")).await;
    assert!(
        settings.contains("Identity level: Email verified"),
        "{settings}"
    );
    let (status, html) = at_desk(&server, &rita, "ana", "curp", "gode561231 hdfrrn04").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("ana is now resident verified."), "{html}");
    assert!(
        !html.contains("GODE561231"),
        "the identifier is never shown back"
    );
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::ResidentVerified)
    );
    let (_, settings) = page(&ana, &server.url("/settings")).await;
    assert!(
        settings.contains("Identity level: Resident verified"),
        "{settings}"
    );

    // A malformed identifier: a clear error by the field, nothing changes.
    let (status, html) = at_desk(&server, &rita, "ben", "curp", "GODE561231").await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("a CURP has 18 letters and digits"), "{html}");
    assert!(html.contains("value=\"ben\""), "{html}");
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );

    // Ben presents Ana's document, in Spanish: refused and queued.
    choose_language(&server, &rita, "es").await;
    let (status, html) = at_desk(&server, &rita, "ben", "curp", CURP).await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("Ventanilla de registro"), "{html}");
    assert!(
        html.contains("Otra cuenta ya tiene este documento"),
        "{html}"
    );
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );

    // The administrator sees the case and moves the document to Ben.
    let (status, html) = page(&admin, &server.url("/admin/identity")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("ben presented a document ana already holds (CURP), at library by rita."),
        "{html}"
    );
    let (_, home) = page(&admin, &server.url("/admin")).await;
    assert!(home.contains("href=\"/admin/identity\""), "{home}");
    let conflict = html
        .split("/admin/identity/conflicts/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let resp = post(
        &admin,
        &server.url(&format!("/admin/identity/conflicts/{conflict}")),
        &[("csrf_token", &csrf(&html)), ("resolution", "transferred")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("No refused verification waits"), "{html}");
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::ResidentVerified)
    );
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::EmailVerified)
    );

    // Revoking before a date: a bad date is refused with nothing changed; then all go.
    let form = |before: &'static str, token: String| {
        vec![
            ("csrf_token", token),
            ("before", before.to_owned()),
            ("reason", "Desk audit".to_owned()),
        ]
    };
    let url = server.url("/admin/identity/revoke-before");
    let fields = form("31/12/2099", csrf(&html));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&admin, &url, &fields).await;
    assert_eq!(resp.status().as_u16(), 400);
    let bad = resp.text().await.unwrap();
    assert!(bad.contains("Enter the date as year-month-day"), "{bad}");
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::ResidentVerified)
    );
    let fields = form("2099-12-31", csrf(&bad));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&admin, &url, &fields).await;
    assert_eq!(resp.status().as_u16(), 200);
    let done = resp.text().await.unwrap();
    assert!(done.contains("One verification was revoked."), "{done}");
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );

    // The accounts' trail names what happened, in words.
    let (_, users) = page(&admin, &server.url("/admin/users")).await;
    assert!(users.contains("rita verified ana as a resident"), "{users}");
    assert!(users.contains("clerk revoked ben"), "{users}");

    // Residents are refused the administrator's page.
    let (status, _) = page(&ana, &server.url("/admin/identity")).await;
    assert_eq!(status, 403);
}
