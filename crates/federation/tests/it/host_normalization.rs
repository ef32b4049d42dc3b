//! Issue 23 point 7: hosts are normalized once (`citysync_app::federation::peer_of`: case,
//! trailing dot, IDNA, default ports), and blocks, allowlists, origin checks and the
//! outbound guard all compare that form. After an administrator blocks a peer, an actor
//! named with a trailing dot (`http://runsc.:18650/…`) is neither fetched nor heard.

use crate::fake_peer::{answer, city, follow, inbox_post, FakePeer};
use activitypub_federation::config::FederationMiddleware;
use activitypub_federation::fetch::object_id::ObjectId;
use actix_web::{test, web, App};
use citysync_app::federation::{peer_of, peers};
use citysync_federation::actor::ApubActor;
use citysync_federation::FedError;
use citysync_test_support::both_backends;
use std::net::{IpAddr, Ipv4Addr};
use url::Url;

#[actix_web::test]
async fn variants_of_a_host_are_one_peer() {
    let peer = |s: &str| peer_of(&Url::parse(s).unwrap());
    assert_eq!(peer("http://runsc.:18650/actor/alice"), "runsc:18650");
    assert_eq!(peer("http://RUNSC.:18650/actor/alice"), "runsc:18650");
    assert_eq!(peer("https://Evil.Example./x"), "evil.example");
    assert_eq!(peer("https://evil.example:443/x"), "evil.example");
    assert_eq!(peer("http://evil.example:80/x"), "evil.example");
    assert_eq!(peer("https://BÜCHER.example./x"), "xn--bcher-kva.example");
    let lists = peers::DomainLists {
        blocked: vec!["runsc".into(), "xn--bcher-kva.example".into()],
        allowed: vec!["friendly.example".into()],
    };
    assert!(lists.refuses(false, &peer("http://runsc.:18650/actor/alice")));
    assert!(lists.refuses(false, "runsc.:18650"));
    assert!(lists.refuses(false, &peer("https://a.bücher.example../x")));
    assert!(!lists.refuses(true, &peer("https://FRIENDLY.example./x")));
    assert!(lists.refuses(true, &peer("https://unfriendly.example/x")));
}

#[actix_web::test]
async fn a_blocked_peer_named_with_a_trailing_dot_is_neither_fetched_nor_heard() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 100).await;
        let port = Url::parse(&peer.base).unwrap().port().unwrap();
        // The administrator types it with a trailing dot and in capitals; it is kept as
        // the lists keep every entry.
        let kept = peers::set_policy(&ctx, &format!("LOCALHOST.:{port}"), Some(peers::BLOCK))
            .await
            .unwrap();
        assert_eq!(kept, format!("localhost:{port}"), "{backend}");

        // The outbound guard: a fetch of the blocked peer under any spelling is refused by
        // the city's policy before any connection.
        for spelling in [
            format!("http://localhost:{port}/users/alice"),
            format!("http://localhost.:{port}/users/alice"),
            format!("http://LocalHost.:{port}/users/alice"),
        ] {
            let data = config.to_request_data();
            let id: ObjectId<ApubActor> = Url::parse(&spelling).unwrap().into();
            match id.dereference(&data).await {
                Err(FedError::Protocol(
                    activitypub_federation::error::Error::UrlVerificationError(why),
                )) => assert!(why.contains("policy"), "{backend} {spelling}: {why}"),
                other => panic!("{backend} {spelling}: not refused by policy: {other:?}"),
            }
        }

        // The inbox: a signed activity from the blocked peer, its actor named with a
        // trailing dot, is refused as blocked (403 with the reason), before any fetch.
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        let from = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 70 + i as u8));
        for actor in [
            format!("http://localhost.:{port}/users/alice"),
            format!("http://LOCALHOST.:{port}/users/alice"),
            peer.actor("alice"),
        ] {
            let req = inbox_post(
                from,
                &follow(&actor, 1),
                Some((&peer.private_key(), &actor)),
            );
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            assert_eq!(status, 403, "{backend} {actor}: {body}");
            assert!(
                body["reason"]
                    .as_str()
                    .unwrap_or("")
                    .contains("may not federate"),
                "{backend} {actor}: {body}"
            );
        }
        assert_eq!(peer.fetches(), 0, "{backend}: the blocked peer was fetched");
        assert!(
            citysync_app::federation::followers(&ctx, &format!("{}/city", crate::fake_peer::CITY))
                .await
                .unwrap()
                .is_empty(),
            "{backend}: nothing of it applied"
        );
        peer.stop().await;
    }
}
