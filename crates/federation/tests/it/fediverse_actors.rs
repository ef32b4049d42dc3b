//! Issue 24 points D1, D2 and D9: actors as the rest of the fediverse writes and reads them.
//!
//! - D1: a peer set up as Fedify's manual shows — its RSA key also published as a `Multikey`
//!   in `assertionMethod` (722 characters of `publicKeyMultibase` for Fedify's 4096-bit
//!   key) beside its Ed25519 `Multikey` — is accepted, its signed activity verified, and
//!   its Ed25519 key kept as its attestation key.
//! - D2: our actors' `@context` defines `assertionMethod`, `controller` and
//!   `publicKeyMultibase` (DID Core and Multikey contexts).
//! - D9: a resident's `Person` has an `outbox` and `followers` that answer.

use crate::fake_peer::{answer, city, inbox_post, FakePeer, CITY};
use activitypub_federation::config::FederationMiddleware;
use activitypub_federation::http_signatures::generate_actor_keypair;
use actix_web::dev::ServerHandle;
use actix_web::{test, web, App, HttpResponse, HttpServer};
use citysync_test_support::{approved_organization, both_backends, person};
use rsa::pkcs1::EncodeRsaPublicKey as _;
use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, LineEnding};
use serde_json::json;
use std::net::{IpAddr, Ipv4Addr, TcpListener};

const AS2: &str = "application/activity+json";

/// Keys as Fedify's manual sets them up: an RSA-4096 key (its `publicKey`, and as a
/// `Multikey` in `assertionMethod`) and an Ed25519 key (a `Multikey` too).
struct FedifyKeys {
    rsa_private_pem: String,
    rsa_public_pem: String,
    /// `z` + base58btc(multicodec `rsa-pub` 0x1205 ‖ PKCS#1 DER).
    rsa_multibase: String,
    ed25519_multibase: String,
}

impl FedifyKeys {
    fn generate() -> FedifyKeys {
        let private = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 4096).unwrap();
        let public = rsa::RsaPublicKey::from(&private);
        let mut bytes = vec![0x85, 0x24];
        bytes.extend_from_slice(public.to_pkcs1_der().unwrap().as_bytes());
        let secret = citysync_federation::integrity::generate_secret();
        FedifyKeys {
            rsa_private_pem: private.to_pkcs8_pem(LineEnding::LF).unwrap().to_string(),
            rsa_public_pem: public.to_public_key_pem(LineEnding::LF).unwrap(),
            rsa_multibase: format!("z{}", bs58::encode(bytes).into_string()),
            ed25519_multibase: citysync_federation::integrity::public_multibase(&secret).unwrap(),
        }
    }
}

/// A peer serving Fedify-shaped `Person`s at `/users/{name}`: `fedify` with both Multikeys
/// (RSA first, as Fedify lists them), `rsa-only` with the RSA Multikey alone, as one object.
struct FedifyPeer {
    base: String,
    server: ServerHandle,
}

impl FedifyPeer {
    async fn start(keys: &FedifyKeys) -> FedifyPeer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
        let (b, pem, rsa_mb, ed_mb) = (
            base.clone(),
            keys.rsa_public_pem.clone(),
            keys.rsa_multibase.clone(),
            keys.ed25519_multibase.clone(),
        );
        let server = HttpServer::new(move || {
            let (b, pem, rsa_mb, ed_mb) = (b.clone(), pem.clone(), rsa_mb.clone(), ed_mb.clone());
            App::new().route(
                "/users/{name}",
                web::get().to(move |name: web::Path<String>| {
                    let id = format!("{b}/users/{name}");
                    let rsa_key = json!({
                        "id": format!("{id}#main-key"),
                        "type": "Multikey",
                        "controller": id,
                        "publicKeyMultibase": rsa_mb,
                    });
                    let ed_key = json!({
                        "id": format!("{id}#key-2"),
                        "type": "Multikey",
                        "controller": id,
                        "publicKeyMultibase": ed_mb,
                    });
                    let methods = match name.as_str() {
                        "fedify" => json!([rsa_key, ed_key]),
                        _ => rsa_key,
                    };
                    let body = json!({
                        "@context": [
                            "https://www.w3.org/ns/activitystreams",
                            "https://w3id.org/security/v1",
                            "https://w3id.org/security/data-integrity/v1",
                            "https://www.w3.org/ns/did/v1",
                            "https://w3id.org/security/multikey/v1",
                            { "manuallyApprovesFollowers": "as:manuallyApprovesFollowers" }
                        ],
                        "id": id,
                        "type": "Person",
                        "preferredUsername": name.as_str(),
                        "name": "Fedify user",
                        "inbox": format!("{id}/inbox"),
                        "outbox": format!("{id}/outbox"),
                        "followers": format!("{id}/followers"),
                        "endpoints": { "type": "as:Endpoints", "sharedInbox": format!("{b}/inbox") },
                        "manuallyApprovesFollowers": false,
                        "publicKey": {
                            "id": format!("{id}#main-key"),
                            "type": "CryptographicKey",
                            "owner": id,
                            "publicKeyPem": pem,
                        },
                        "assertionMethod": methods,
                    });
                    async move { HttpResponse::Ok().content_type(AS2).json(body) }
                }),
            )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        FedifyPeer {
            base,
            server: handle,
        }
    }
}

#[actix_web::test]
async fn d1_a_fedify_actor_with_an_rsa_multikey_is_accepted_and_its_activity_verified() {
    let keys = FedifyKeys::generate();
    assert_eq!(keys.rsa_multibase.len(), 722, "Fedify's RSA Multikey shape");
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FedifyPeer::start(&keys).await;
        let (ctx, config) = city(&db, 100).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 120 + i as u8));
        for (name, kept) in [
            ("fedify", Some(keys.ed25519_multibase.as_str())),
            ("rsa-only", None),
        ] {
            let actor = format!("{}/users/{name}", peer.base);
            let follow = json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": format!("{actor}/follows/1"),
                "type": "Follow",
                "actor": actor,
                "object": format!("{CITY}/city"),
            });
            let req = inbox_post(from, &follow, Some((&keys.rsa_private_pem, &actor)));
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            assert_eq!(status, 202, "{backend} {name}: {body}");
            let stored = citysync_app::federation::actor_by_ap_id(&ctx, &actor)
                .await
                .unwrap()
                .expect("the actor is kept");
            assert_eq!(stored.assertion_key.as_deref(), kept, "{backend} {name}");

            // The signature really was checked with the actor's key: a forgery is refused.
            let forged = json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": format!("{actor}/follows/2"),
                "type": "Follow",
                "actor": actor,
                "object": format!("{CITY}/city"),
            });
            let stranger = generate_actor_keypair().unwrap().private_key;
            let req = inbox_post(from, &forged, Some((&stranger, &actor)));
            let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
            assert_eq!(status, 401, "{backend} {name} forged: {body}");
        }
        peer.server.stop(false).await;
    }
}

/// A GET of `path` asking for AS2.
fn as2(path: &str) -> test::TestRequest {
    test::TestRequest::get()
        .uri(path)
        .insert_header(("Accept", AS2))
        .insert_header(("Host", "city.test"))
}

#[actix_web::test]
async fn d2_the_organization_actor_context_defines_its_assertion_method() {
    for (backend, db) in both_backends() {
        let (ctx, config) = city(&db, 100).await;
        let admin = person(&ctx, "clerk", true).await;
        let owner = person(&ctx, "owner", false).await;
        approved_organization(&ctx, &admin, &owner, "creek-friends", true, false).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .configure(citysync_federation::configure),
        )
        .await;
        let (status, org) = answer(
            test::call_service(&app, as2("/organizations/creek-friends").to_request()).await,
        )
        .await;
        assert_eq!(status, 200, "{backend}: {org}");
        let id = format!("{CITY}/organizations/creek-friends");
        assert_eq!(org["id"], id.as_str(), "{backend}");
        let context = org["@context"].as_array().expect("a context list");
        for iri in [
            "https://www.w3.org/ns/activitystreams",
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
        ] {
            assert!(context.contains(&json!(iri)), "{backend}: {iri} in {org}");
        }
        let method = &org["assertionMethod"][0];
        assert_eq!(method["type"], "Multikey", "{backend}: {org}");
        assert_eq!(method["controller"], id.as_str(), "{backend}: {org}");
        assert_eq!(method["id"], format!("{id}#ed25519-key"), "{backend}");
        let key = method["publicKeyMultibase"].as_str().unwrap();
        assert!(
            citysync_federation::integrity::is_ed25519_public_key(key),
            "{backend}: {key}"
        );
        // The city's and a resident's actor documents carry the same contexts.
        person(&ctx, "ana", false).await;
        for path in ["/city", "/users/ana"] {
            let (status, actor) =
                answer(test::call_service(&app, as2(path).to_request()).await).await;
            assert_eq!(status, 200, "{backend} {path}: {actor}");
            assert_eq!(actor["@context"], org["@context"], "{backend} {path}");
        }
    }
}

#[actix_web::test]
async fn d9_a_resident_has_an_outbox_and_followers_that_answer() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 100).await;
        person(&ctx, "ana", false).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .configure(citysync_federation::configure),
        )
        .await;
        // A peer's user follows ana.
        let bob = peer.actor("bob");
        let follow = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{bob}/follows/1"),
            "type": "Follow",
            "actor": bob,
            "object": format!("{CITY}/users/ana"),
        });
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 140 + i as u8));
        let req = inbox_post(from, &follow, Some((&peer.private_key(), &bob)));
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 202, "{backend}: {body}");

        let (status, ana) =
            answer(test::call_service(&app, as2("/users/ana").to_request()).await).await;
        assert_eq!(status, 200, "{backend}: {ana}");
        assert_eq!(ana["type"], "Person", "{backend}");
        let outbox = ana["outbox"].as_str().expect("an outbox").to_owned();
        let followers = ana["followers"].as_str().expect("followers").to_owned();
        assert_eq!(outbox, format!("{CITY}/users/ana/outbox"), "{backend}");
        assert_eq!(
            followers,
            format!("{CITY}/users/ana/followers"),
            "{backend}"
        );
        for (url, items) in [(&outbox, json!([])), (&followers, json!([bob]))] {
            let path = url.strip_prefix(CITY).unwrap();
            let (status, collection) =
                answer(test::call_service(&app, as2(path).to_request()).await).await;
            assert_eq!(status, 200, "{backend} {path}: {collection}");
            assert_eq!(collection["type"], "OrderedCollection", "{backend} {path}");
            assert_eq!(collection["id"], url.as_str(), "{backend} {path}");
            assert_eq!(collection["orderedItems"], items, "{backend} {path}");
            assert_eq!(
                collection["totalItems"],
                items.as_array().unwrap().len(),
                "{backend} {path}"
            );
        }
        // Nobody's collections for an unknown resident.
        let (status, _) =
            answer(test::call_service(&app, as2("/users/nobody/outbox").to_request()).await).await;
        assert_eq!(status, 404, "{backend}");
        peer.stop().await;
    }
}
