//! Issue 24 (RFC 9421): a peer that signs only with HTTP Message Signatures (RFC 9421, as
//! Fedify does) is heard. Its requests are signed here by an independent implementation,
//! the `http-msgsign` crate (its own Content-Digest, component values and signature base),
//! never by the inbox's verifier. A tampered body, a wrong key, a `created` two hours old
//! and a signature that leaves the body out are refused with 401 and a reason; a
//! draft-cavage signature still passes.

use crate::fake_peer::{answer, city, follow, inbox_post, FakePeer, CITY};
use activitypub_federation::config::FederationMiddleware;
use activitypub_federation::http_signatures::generate_actor_keypair;
use actix_web::{test, web, App};
use bytes::Bytes;
use chrono::{Duration, Utc};
use citysync_test_support::both_backends;
use http_body_util::{BodyExt, Full};
use http_msgsign::digest::{ContentDigest, ContentHasher, DigestHash};
use http_msgsign::{RequestSign, SignatureInput, SignatureParams, SignerKey};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::RsaPrivateKey;
use serde_json::Value;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub struct Sha256Hasher;

impl ContentHasher for Sha256Hasher {
    const DIGEST_ALG: &'static str = "sha-256";

    fn hash(content: &[u8]) -> DigestHash {
        use sha2::Digest;
        DigestHash::new(sha2::Sha256::digest(content).to_vec())
    }
}

/// The peer's RSA key, for `http-msgsign`: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 9421 §3.3.1).
struct PeerKey {
    key: SigningKey<sha2::Sha256>,
    id: String,
}

impl SignerKey for PeerKey {
    const ALGORITHM: &'static str = "rsa-v1_5-sha256";

    fn key_id(&self) -> String {
        self.id.clone()
    }

    fn sign(&self, target: &[u8]) -> Vec<u8> {
        self.key.sign(target).to_vec()
    }
}

/// What to sign: the components and the `created` time.
pub struct Signing<'a> {
    pub components: &'a str,
    pub created: chrono::DateTime<Utc>,
}

pub const FULL: &str = r#""@method" "@target-uri" "content-digest""#;

/// `body` POSTed to our `/inbox` from `from`, signed (RFC 9421 only) by `http-msgsign` with
/// `key_pem` as `actor`'s main key; `sent` replaces the body after signing (a tampering).
pub async fn rfc9421_post(
    from: IpAddr,
    body: &Value,
    key_pem: &str,
    actor: &str,
    signing: Signing<'_>,
    sent: Option<&Value>,
) -> test::TestRequest {
    let key_id = format!("{actor}#main-key");
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("{CITY}/inbox"))
        .header("content-type", "application/activity+json")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let request = request.digest::<Sha256Hasher>().await.unwrap();
    // The parameters as a peer's Signature-Input states them (a fixed `created`).
    let mut input = http::HeaderMap::new();
    input.insert(
        "signature-input",
        format!(
            "sig1=({});created={};keyid=\"{key_id}\"",
            signing.components,
            signing.created.timestamp()
        )
        .parse()
        .unwrap(),
    );
    let params = SignatureParams::from(
        SignatureInput::from_header(&input)
            .unwrap()
            .get("sig1")
            .unwrap(),
    );
    let key = PeerKey {
        key: SigningKey::new(RsaPrivateKey::from_pkcs8_pem(key_pem).unwrap()),
        id: key_id,
    };
    let request = request.sign(&key, "sig1", &params).await.unwrap();
    let (parts, signed_body) = request.into_parts();
    let signed_body = signed_body.collect().await.unwrap().to_bytes();
    let payload = match sent {
        Some(other) => Bytes::from(other.to_string()),
        None => signed_body,
    };
    let mut req = test::TestRequest::post()
        .uri("/inbox")
        .peer_addr(SocketAddr::new(from, 40_000))
        .insert_header(("Host", "city.test"));
    for (name, value) in &parts.headers {
        req = req.insert_header((name.as_str(), value.to_str().unwrap()));
    }
    req.set_payload(payload)
}

#[actix_web::test]
async fn rfc9421_signed_activities_are_verified_like_cavage_ones() {
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
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 90 + i as u8));
        let now = Utc::now();
        let good = || Signing {
            components: FULL,
            created: now,
        };
        let refused = |status: u16, body: &Value, why: &str, case: &str| {
            assert_eq!(status, 401, "{backend} {case}: {body}");
            let reason = body["reason"].as_str().unwrap_or("");
            assert!(reason.contains(why), "{backend} {case}: {body}");
        };

        // Refused before anything is fetched: a body changed after signing, a `created` two
        // hours old, a signature that does not cover the body's digest.
        let req = rfc9421_post(
            from,
            &follow(&alice, 1),
            &peer.private_key(),
            &alice,
            good(),
            Some(&follow(&alice, 99)),
        )
        .await;
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        refused(status, &body, "Content-Digest", "tampered body");

        let req = rfc9421_post(
            from,
            &follow(&alice, 2),
            &peer.private_key(),
            &alice,
            Signing {
                components: FULL,
                created: now - Duration::hours(2),
            },
            None,
        )
        .await;
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        refused(
            status,
            &body,
            "more than an hour old",
            "created two hours ago",
        );

        let req = rfc9421_post(
            from,
            &follow(&alice, 3),
            &peer.private_key(),
            &alice,
            Signing {
                components: r#""@method" "@target-uri""#,
                created: now,
            },
            None,
        )
        .await;
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        refused(status, &body, "content-digest", "body not covered");
        assert_eq!(peer.fetches(), 0, "{backend}: a refused request fetched");

        // A key that is not alice's: her actor is fetched, and the signature fails.
        let stranger = generate_actor_keypair().unwrap().private_key;
        let req = rfc9421_post(from, &follow(&alice, 4), &stranger, &alice, good(), None).await;
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        refused(status, &body, "does not verify", "wrong key");
        let city_id = format!("{CITY}/city");
        assert!(
            citysync_app::federation::followers(&ctx, &city_id)
                .await
                .unwrap()
                .is_empty(),
            "{backend}: a refused Follow was applied"
        );

        // Signed right, the Follow is accepted and applied.
        let req = rfc9421_post(
            from,
            &follow(&alice, 5),
            &peer.private_key(),
            &alice,
            good(),
            None,
        )
        .await;
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 202, "{backend} RFC 9421: {body}");
        let followers = citysync_app::federation::followers(&ctx, &city_id)
            .await
            .unwrap();
        assert!(
            followers.iter().any(|f| f.follower_ap_id == alice),
            "{backend}: the RFC 9421 Follow was not processed"
        );

        // draft-cavage still passes, from another actor of the same peer.
        let bob = peer.actor("bob");
        let req = inbox_post(from, &follow(&bob, 1), Some((&peer.private_key(), &bob)));
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 202, "{backend} cavage: {body}");
        peer.stop().await;
    }
}
