//! A person chooses "one email a day with all my news" on the notifications page, sees the
//! choice kept, and goes back to single emails; the settings page leads there.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::user;
use citysync_app::notifications;
use citysync_test_support::server::{csrf, page, post, resident, set_up_city, TestServer};

const PASSWORD: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_chooses_the_daily_digest_and_back() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ctx = &server.running().ctx;

    let (_, html) = page(&ana, &server.url("/settings")).await;
    assert!(
        html.contains(r##"href="/notifications#prefs-heading""##),
        "{html}"
    );

    let (status, html) = page(&ana, &server.url("/notifications")).await;
    assert_eq!(status, 200);
    assert!(html.contains("One email a day with all my news"), "{html}");
    assert!(
        html.contains(r#"name="delivery" value="single" checked"#),
        "{html}"
    );
    let resp = post(
        &ana,
        &server.url("/settings/notifications"),
        &[
            ("csrf_token", &csrf(&html)),
            ("delivery", "daily"),
            ("email_shift_reminder", "on"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let who = user(&server, "ana").await;
    assert!(notifications::digest_chosen(ctx, &who).await.unwrap());
    let (_, html) = page(&ana, &server.url("/notifications")).await;
    assert!(
        html.contains(r#"name="delivery" value="daily" checked"#),
        "{html}"
    );

    let resp = post(
        &ana,
        &server.url("/settings/notifications"),
        &[("csrf_token", &csrf(&html)), ("delivery", "single")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert!(!notifications::digest_chosen(ctx, &who).await.unwrap());
}
