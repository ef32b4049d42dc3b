//! Issue 29: the inbox keeps the domain policy's lists and the actors in memory, and a block
//! still applies to the very next request. "Another process" is a second context on the same
//! database with its own pool and its own caches, as a `citysync federation block` typed at
//! the command line (or a second `serve` on the same PostgreSQL) is: it shares nothing with
//! the serving process but the database.

use crate::fake_peer::{answer, city, follow, inbox_post, FakePeer};
use activitypub_federation::config::FederationMiddleware;
use actix_web::{test, web, App};
use citysync_app::federation::peers;
use citysync_test_support::both_backends;
use std::net::{IpAddr, Ipv4Addr};

#[actix_web::test]
async fn a_block_from_another_process_applies_to_the_next_request_with_the_cache_warm() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 1000).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        let alice = peer.actor("alice");
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 80 + i as u8));
        let post = |n: usize| {
            inbox_post(
                from,
                &follow(&alice, n),
                Some((&peer.private_key(), &alice)),
            )
            .to_request()
        };

        // Heard twice: the lists were read once and kept, the actor fetched once and kept.
        for n in 1..=2 {
            let (status, body) = answer(test::call_service(&app, post(n)).await).await;
            assert_eq!(status, 202, "{backend} #{n}: {body}");
        }
        let loads = ctx.federation_cache.list_loads();
        assert_eq!(loads, 1, "{backend}: the lists were not kept");
        assert_eq!(peer.fetches(), 1, "{backend}");

        // The operator blocks the peer from another process: its own pool, its own caches.
        let other = ctx.on(db.another_process());
        let port = url::Url::parse(&peer.base).unwrap().port().unwrap();
        peers::set_policy(&other, &format!("localhost:{port}"), Some(peers::BLOCK))
            .await
            .unwrap();

        // The very next request is refused, and the one after it too.
        for n in 3..=4 {
            let (status, body) = answer(test::call_service(&app, post(n)).await).await;
            assert_eq!(
                status, 403,
                "{backend} #{n}: the block did not apply: {body}"
            );
            assert!(
                body["reason"]
                    .as_str()
                    .unwrap_or("")
                    .contains("may not federate"),
                "{backend}: {body}"
            );
        }
        assert_eq!(ctx.federation_cache.list_loads(), loads + 1, "{backend}");

        // Lifted there, heard again here at once.
        peers::set_policy(&other, &format!("localhost:{port}"), None)
            .await
            .unwrap();
        let (status, body) = answer(test::call_service(&app, post(5)).await).await;
        assert_eq!(
            status, 202,
            "{backend}: the lifted block still applied: {body}"
        );
        assert_eq!(
            peer.fetches(),
            1,
            "{backend}: the kept actor was fetched again"
        );
        peer.stop().await;
    }
}

/// A key another process fetched (the peer rotated it, and that process heard it first) is
/// read from the database when this process's kept key fails, without a fetch of its own.
#[actix_web::test]
async fn a_key_another_process_stored_replaces_the_kept_one() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 1000).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        let alice = peer.actor("alice");
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 90 + i as u8));
        let (status, body) = answer(
            test::call_service(
                &app,
                inbox_post(
                    from,
                    &follow(&alice, 1),
                    Some((&peer.private_key(), &alice)),
                )
                .to_request(),
            )
            .await,
        )
        .await;
        assert_eq!(status, 202, "{backend}: {body}");
        assert_eq!(peer.fetches(), 1, "{backend}");

        // Alice rotates her key; another process stores her actor with the new one.
        peer.rotate_key();
        let other = ctx.on(db.another_process());
        let mut row = citysync_app::federation::actor_by_ap_id(&other, &alice)
            .await
            .unwrap()
            .unwrap();
        row.public_key_pem = peer.public_key();
        citysync_app::federation::save_actor(&other, row)
            .await
            .unwrap();

        // Here the kept key fails; the stored one verifies, and nothing is fetched.
        let (status, body) = answer(
            test::call_service(
                &app,
                inbox_post(
                    from,
                    &follow(&alice, 2),
                    Some((&peer.private_key(), &alice)),
                )
                .to_request(),
            )
            .await,
        )
        .await;
        assert_eq!(status, 202, "{backend}: {body}");
        assert_eq!(peer.fetches(), 1, "{backend}: the actor was fetched again");
        let kept = citysync_app::federation::actor_by_ap_id(&ctx, &alice)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.public_key_pem, peer.public_key(), "{backend}");
        peer.stop().await;
    }
}
