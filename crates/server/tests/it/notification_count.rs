//! The menu shows the signed-in person's unread notifications beside its link, with a label
//! screen readers say, and stops once they are read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::{opportunity, user};
use citysync_app::claims;
use citysync_test_support::server::{csrf, page, post, resident, set_up_city, TestServer};

const PASSWORD: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_counts_unread_notifications_until_they_are_read() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;

    let (_, html) = page(&ana, &server.url("/")).await;
    assert!(
        html.contains(r#"<a href="/notifications">Notifications</a>"#),
        "{html}"
    );
    assert!(!html.contains("unread-count"), "{html}");

    // A claim is confirmed: one unread notification, on every page.
    let ctx = &server.running().ctx;
    claims::claim(ctx, &user(&server, "ana").await, &opp)
        .await
        .unwrap();
    for path in ["/", "/opportunities", "/wallet"] {
        let (status, html) = page(&ana, &server.url(path)).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains(r#"aria-label="Notifications, 1 unread""#)
                && html.contains(r#"<span class="unread-count">(1)</span>"#),
            "{path}: {html}"
        );
    }

    // Read: the count goes away.
    let (_, html) = page(&ana, &server.url("/notifications")).await;
    let resp = post(
        &ana,
        &server.url("/notifications/read"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url("/")).await;
    assert!(!html.contains("unread-count"), "{html}");
    assert!(html.contains(r#"<a href="/notifications">Notifications</a>"#));
}
