//! Issue 23 point 1: nobody but a peer can spend the peer's inbound budget. Requests that do
//! not verify (unsigned, forged) are refused before anything is fetched and counted against
//! their client address, never against the domain they name; the domain's budget is charged
//! only once a signature verified.

use crate::fake_peer::{answer, city, follow, inbox_post, FakePeer};
use activitypub_federation::config::FederationMiddleware;
use activitypub_federation::http_signatures::generate_actor_keypair;
use actix_web::{test, web, App};
use citysync_federation::rate::UNVERIFIED_PER_MINUTE;
use citysync_test_support::both_backends;
use std::net::{IpAddr, Ipv4Addr};

#[actix_web::test]
async fn forged_and_unsigned_floods_never_spend_a_peers_budget() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let budget = 3;
        let (_ctx, config) = city(&db, budget).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        let alice = peer.actor("alice");
        // Documentation addresses, one pair per backend: the rate tables live in the process.
        let attacker = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 10 + i as u8));
        let genuine = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10 + i as u8));

        // Unsigned POSTs naming alice: 401 with a reason, then 429 for the address; nothing
        // is fetched for them.
        let mut refused_429 = 0;
        for n in 0..(UNVERIFIED_PER_MINUTE as usize + 40) {
            let req = inbox_post(attacker, &follow(&alice, 1000 + n), None);
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            if (n as u32) < UNVERIFIED_PER_MINUTE {
                assert_eq!(status, 401, "{backend} #{n}: {body}");
                assert!(
                    body["reason"]
                        .as_str()
                        .unwrap()
                        .contains("no HTTP signature"),
                    "{backend}: {body}"
                );
            } else {
                assert_eq!(status, 429, "{backend} #{n}: {body}");
                assert!(
                    body["reason"].as_str().unwrap().contains("this address"),
                    "{backend}: {body}"
                );
                refused_429 += 1;
            }
        }
        assert_eq!(refused_429, 40, "{backend}");
        assert_eq!(
            peer.fetches(),
            0,
            "{backend}: an unsigned request fetched the actor"
        );

        // Forged signatures (a key that is not alice's) from another address of the
        // attacker: refused 401, counted against that address only.
        let forger = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 100 + i as u8));
        let stranger = generate_actor_keypair().unwrap().private_key;
        for n in 0..(budget as usize * 3) {
            let req = inbox_post(forger, &follow(&alice, 2000 + n), Some((&stranger, &alice)));
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            assert_eq!(status, 401, "{backend} forged #{n}: {body}");
        }

        // Alice herself is heard: her budget is untouched by all of the above.
        for n in 0..budget as usize {
            let req = inbox_post(
                genuine,
                &follow(&alice, n),
                Some((&peer.private_key(), &alice)),
            );
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            assert_eq!(status, 202, "{backend} genuine #{n}: {body}");
        }
        // Her own budget still holds: the next verified activity this minute gets 429.
        let req = inbox_post(
            genuine,
            &follow(&alice, 99),
            Some((&peer.private_key(), &alice)),
        );
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 429, "{backend}: {body}");
        assert!(
            body["reason"].as_str().unwrap().contains("localhost:"),
            "{backend}: the refusal names the domain: {body}"
        );
        peer.stop().await;
    }
}
