//! Issue 23 point 9: after a peer rotates its key, its next activity is accepted at once —
//! a signature that fails against the cached key refetches the actor once and verifies
//! again — while forgeries cannot make the city refetch an actor more than once per
//! `KEY_REFETCH_EVERY`.

use crate::fake_peer::{answer, city, follow, inbox_post, FakePeer};
use activitypub_federation::config::FederationMiddleware;
use activitypub_federation::http_signatures::generate_actor_keypair;
use actix_web::{test, web, App};
use citysync_test_support::both_backends;
use std::net::{IpAddr, Ipv4Addr};

#[actix_web::test]
async fn a_rotated_key_is_refetched_once_and_forgeries_cannot_force_refetches() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 100).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        let alice = peer.actor("alice");
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 50 + i as u8));

        // Alice is heard, and the city caches her actor with her first key.
        let req = inbox_post(
            from,
            &follow(&alice, 1),
            Some((&peer.private_key(), &alice)),
        );
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 202, "{backend}: {body}");
        assert_eq!(peer.fetches(), 1, "{backend}");

        // She rotates her key; her next activity, signed with the new key, is accepted
        // after one refetch (not refused for a day until the cached actor expires).
        peer.rotate_key();
        let req = inbox_post(
            from,
            &follow(&alice, 2),
            Some((&peer.private_key(), &alice)),
        );
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(
            status, 202,
            "{backend}: the rotated key was refused: {body}"
        );
        assert_eq!(peer.fetches(), 2, "{backend}");
        let cached = citysync_app::federation::actor_by_ap_id(&ctx, &alice)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(cached.public_key_pem, peer.public_key(), "{backend}");
        // And the new key works from the cache.
        let req = inbox_post(
            from,
            &follow(&alice, 3),
            Some((&peer.private_key(), &alice)),
        );
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 202, "{backend}: {body}");
        assert_eq!(peer.fetches(), 2, "{backend}");

        // Forgeries naming alice are refused and fetch nothing more: the refetch just made
        // is the one allowed for this actor for a while.
        let forger = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 200 + i as u8));
        let stranger = generate_actor_keypair().unwrap().private_key;
        for n in 0..5 {
            let req = inbox_post(forger, &follow(&alice, 10 + n), Some((&stranger, &alice)));
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            assert_eq!(status, 401, "{backend} forged #{n}: {body}");
        }
        assert_eq!(
            peer.fetches(),
            2,
            "{backend}: a forgery made the city refetch"
        );
        peer.stop().await;
    }
}
