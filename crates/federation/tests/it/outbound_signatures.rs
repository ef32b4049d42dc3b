//! Issue 24 (RFC 9421, answered in kind): the delivery worker signs the way a peer accepts
//! (docs/federation.md, "Outbound signatures"). What arrives at the peer is checked by an
//! independent implementation, `http-msgsign` (its own Content-Digest check and signature
//! base), never by this city's verifier:
//!
//! - a peer that takes only RFC 9421 is knocked at twice (draft-cavage, refused with 401;
//!   then RFC 9421, taken), and the next delivery is signed RFC 9421 at once;
//! - a peer whose own requests to our inbox verified with RFC 9421 gets RFC 9421 first;
//! - a peer that takes only draft-cavage still gets draft-cavage, and one wrongly believed to
//!   take RFC 9421 is knocked at again with draft-cavage, which is then remembered.

use crate::fake_peer::{answer, city, follow, FakePeer, Judge, Received, CITY};
use crate::rfc9421::{rfc9421_post, Sha256Hasher, Signing, FULL};
use activitypub_federation::config::{Data, FederationMiddleware};
use actix_web::{test, web, App};
use chrono::Utc;
use citysync_app::federation::peers::{self, SignatureScheme};
use citysync_app::federation::{self as fed};
use citysync_app::Ctx;
use citysync_federation::delivery::{lease_by_peer, send_in_order, Sender};
use citysync_test_support::both_backends;
use http_body_util::Full;
use http_msgsign::digest::ContentDigest;
use http_msgsign::errors::VerificationError;
use http_msgsign::{RequestSign, VerifierKey};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use serde_json::json;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

/// Our city's RSA key, as a peer checks it with `http-msgsign`.
#[derive(Clone)]
struct CityKey {
    key: VerifyingKey<sha2::Sha256>,
    id: String,
}

impl VerifierKey for CityKey {
    const ALGORITHM: &'static str = "rsa-v1_5-sha256";

    fn key_id(&self) -> String {
        self.id.clone()
    }

    fn verify(&self, target: &[u8], signature: &[u8]) -> Result<(), VerificationError> {
        let signature =
            Signature::try_from(signature).map_err(|_| VerificationError::FailedVerifySignature)?;
        self.key
            .verify(target, &signature)
            .map_err(|_| VerificationError::FailedVerifySignature)
    }
}

async fn city_key(ctx: &Ctx) -> CityKey {
    let city = citysync_federation::actor::ApubActor::local_city(ctx)
        .await
        .unwrap();
    CityKey {
        key: VerifyingKey::new(RsaPublicKey::from_public_key_pem(&city.public_key_pem).unwrap()),
        id: format!("{CITY}/city#main-key"),
    }
}

/// The scheme a request arrived signed with.
fn scheme_of(received: &Received) -> Option<SignatureScheme> {
    if received.header("signature-input").is_some() {
        Some(SignatureScheme::Rfc9421)
    } else if received
        .header("signature")
        .is_some_and(|s| s.contains("keyId="))
    {
        Some(SignatureScheme::DraftCavage)
    } else {
        None
    }
}

/// Checks an RFC 9421 request with `http-msgsign`: its Content-Digest against the body, and
/// the signature `sig1` with our city's key; the parameters are the documented ones.
async fn verify_rfc9421(received: &Received, key: &CityKey) -> Result<(), String> {
    let input = received.header("signature-input").unwrap_or("");
    let expected = r#"sig1=("@method" "@target-uri" "@authority" "content-digest");created="#;
    if !input.starts_with(expected)
        || !input.contains(r#";alg="rsa-v1_5-sha256""#)
        || !input.contains(&format!(r#";keyid="{}""#, key.id))
    {
        return Err(format!("unexpected Signature-Input {input}"));
    }
    let mut request = http::Request::builder().method("POST").uri(&received.url);
    for (name, value) in &received.headers {
        request = request.header(name, value);
    }
    let request = request.body(Full::new(received.body.clone())).unwrap();
    let request = request
        .verify_digest::<Sha256Hasher>()
        .await
        .map_err(|e| format!("Content-Digest: {e}"))?;
    request
        .verify_sign(key, "sig1")
        .await
        .map_err(|e| format!("signature: {e}"))?;
    Ok(())
}

/// A peer that takes only RFC 9421 signatures that `http-msgsign` verifies.
fn rfc9421_only(key: CityKey) -> Judge {
    Arc::new(move |received| {
        let key = key.clone();
        Box::pin(async move {
            if scheme_of(&received) != Some(SignatureScheme::Rfc9421) {
                return (401, r#"{"error":"RFC 9421 signatures only"}"#.to_owned());
            }
            match verify_rfc9421(&received, &key).await {
                Ok(()) => (202, String::new()),
                Err(e) => (401, e),
            }
        })
    })
}

/// Checks a draft-cavage request as activitypub_federation's inbox does (the same
/// `http_signature_normalization` verifier, `Digest` required and checked against the body,
/// one-hour expiry), with our city's key — the signature made with ring since issue 29.
fn verify_cavage(received: &Received, key: &RsaPublicKey) -> Result<(), String> {
    use base64::Engine as _;
    use sha2::Digest as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let digest = format!(
        "SHA-256={}",
        b64.encode(sha2::Sha256::digest(&received.body))
    );
    if received.header("digest") != Some(digest.as_str()) {
        return Err(format!(
            "Digest {:?} is not the body's",
            received.header("digest")
        ));
    }
    let url = url::Url::parse(&received.url).unwrap();
    let headers = received
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    let unverified = http_signature_normalization::Config::new()
        .set_expiration(std::time::Duration::from_secs(3600))
        .require_digest()
        .begin_verify("POST", url.path(), headers)
        .map_err(|e| format!("signature header: {e}"))?;
    let good = unverified.verify(|signature, signing_string| {
        b64.decode(signature).is_ok_and(|signature| {
            key.verify(
                rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                &sha2::Sha256::digest(signing_string.as_bytes()),
                &signature,
            )
            .is_ok()
        })
    });
    if good {
        Ok(())
    } else {
        Err("the draft-cavage signature does not verify".to_owned())
    }
}

/// A peer that knows only draft-cavage, and verifies it: an RFC 9421 request has no `keyId`
/// it can read.
fn cavage_only(key: RsaPublicKey) -> Judge {
    Arc::new(move |received| {
        let key = key.clone();
        Box::pin(async move {
            match scheme_of(&received) {
                Some(SignatureScheme::DraftCavage) => match verify_cavage(&received, &key) {
                    Ok(()) => (202, String::new()),
                    Err(e) => (401, e),
                },
                _ => (401, "Verification failed: no keyId".to_owned()),
            }
        })
    })
}

/// Queues a `Follow` from our city to `inbox` and runs the delivery worker's round once;
/// returns how many were delivered.
async fn deliver_one(ctx: &Ctx, data: &Data<Ctx>, inbox: &str, n: usize) -> usize {
    let city = format!("{CITY}/city");
    let id = format!("{CITY}/activities/follow/outbound-{n}");
    let body = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": id,
        "type": "Follow",
        "actor": city,
        "object": inbox.trim_end_matches("/inbox"),
    })
    .to_string();
    let inbox = url::Url::parse(inbox).unwrap();
    let outgoing = fed::Outgoing {
        id,
        actor: city.to_string(),
        inbox,
        body,
    };
    fed::queue_now(ctx, outgoing).await.unwrap();
    send_all(data).await
}

async fn send_all(data: &Data<Ctx>) -> usize {
    let (_, per_peer) = lease_by_peer(data, Vec::new()).await.unwrap();
    let sender = Sender::new(data).await.unwrap();
    let mut delivered = 0;
    for (_, rows) in per_peer {
        delivered += send_in_order(data, &sender, rows).await;
    }
    delivered
}

fn schemes(peer: &FakePeer) -> Vec<Option<SignatureScheme>> {
    peer.received().iter().map(scheme_of).collect()
}

fn domain(peer: &FakePeer) -> String {
    peer.base.trim_start_matches("http://").to_owned()
}

#[actix_web::test]
async fn a_peer_that_takes_only_rfc9421_is_knocked_at_twice_then_signed_for_in_kind() {
    for (backend, db) in both_backends() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 100).await;
        let data = config.to_request_data();
        let key = city_key(&ctx).await;
        peer.judge_with(rfc9421_only(key.clone()));
        let inbox = format!("{}/inbox", peer.actor("alice"));
        assert_eq!(
            peers::signature_scheme(&ctx, &domain(&peer)).await.unwrap(),
            None
        );

        // Nothing known: draft-cavage, refused; at once RFC 9421, taken.
        assert_eq!(deliver_one(&ctx, &data, &inbox, 1).await, 1, "{backend}");
        use SignatureScheme::{DraftCavage, Rfc9421};
        assert_eq!(
            schemes(&peer),
            [Some(DraftCavage), Some(Rfc9421)],
            "{backend}"
        );
        let received = peer.received();
        verify_rfc9421(&received[1], &key).await.unwrap();
        assert_eq!(
            received[0].body, received[1].body,
            "{backend}: the same body"
        );
        assert_eq!(
            peers::signature_scheme(&ctx, &domain(&peer)).await.unwrap(),
            Some(Rfc9421),
            "{backend}: the scheme that worked is remembered"
        );

        // Remembered: the next delivery is signed RFC 9421 from the first knock.
        assert_eq!(deliver_one(&ctx, &data, &inbox, 2).await, 1, "{backend}");
        assert_eq!(
            schemes(&peer),
            [Some(DraftCavage), Some(Rfc9421), Some(Rfc9421)],
            "{backend}"
        );
        verify_rfc9421(&peer.received()[2], &key).await.unwrap();
        peer.stop().await;
    }
}

#[actix_web::test]
async fn a_peer_that_signed_with_rfc9421_gets_rfc9421_first() {
    for (i, (backend, db)) in both_backends().into_iter().enumerate() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 100).await;
        let key = city_key(&ctx).await;
        let app = test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config.clone()))
                .route("/inbox", web::post().to(citysync_federation::routes::inbox)),
        )
        .await;
        // alice follows our city, her Follow signed with RFC 9421 only.
        let alice = peer.actor("alice");
        let from = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 110 + i as u8));
        let req = rfc9421_post(
            from,
            &follow(&alice, 1),
            &peer.private_key(),
            &alice,
            Signing {
                components: FULL,
                created: Utc::now(),
            },
            None,
        )
        .await;
        let (status, body) = answer(test::call_service(&app, req.to_request()).await).await;
        assert_eq!(status, 202, "{backend}: {body}");
        assert_eq!(
            peers::signature_scheme(&ctx, &domain(&peer)).await.unwrap(),
            Some(SignatureScheme::Rfc9421),
            "{backend}: a peer heard with RFC 9421 is remembered as speaking it"
        );

        // Our `Accept` goes to her inbox signed with RFC 9421 at the first knock (the peer
        // would take either).
        let data = config.to_request_data();
        assert_eq!(send_all(&data).await, 1, "{backend}");
        assert_eq!(
            schemes(&peer),
            [Some(SignatureScheme::Rfc9421)],
            "{backend}"
        );
        let accept = &peer.received()[0];
        verify_rfc9421(accept, &key).await.unwrap();
        let accept: serde_json::Value = serde_json::from_slice(&accept.body).unwrap();
        assert_eq!(accept["type"], "Accept", "{backend}");
        peer.stop().await;
    }
}

#[actix_web::test]
async fn a_cavage_only_peer_still_gets_cavage() {
    for (backend, db) in both_backends() {
        let peer = FakePeer::start().await;
        let (ctx, config) = city(&db, 100).await;
        let data = config.to_request_data();
        let city = citysync_federation::actor::ApubActor::local_city(&ctx)
            .await
            .unwrap();
        peer.judge_with(cavage_only(
            RsaPublicKey::from_public_key_pem(&city.public_key_pem).unwrap(),
        ));
        let inbox = format!("{}/inbox", peer.actor("bob"));
        use SignatureScheme::{DraftCavage, Rfc9421};

        // Nothing known: one knock, draft-cavage, taken.
        assert_eq!(deliver_one(&ctx, &data, &inbox, 1).await, 1, "{backend}");
        assert_eq!(schemes(&peer), [Some(DraftCavage)], "{backend}");
        assert_eq!(
            peers::signature_scheme(&ctx, &domain(&peer)).await.unwrap(),
            Some(DraftCavage),
            "{backend}"
        );

        // Believed (wrongly) to take RFC 9421: refused, then draft-cavage at once, which is
        // remembered again.
        peers::remember_signature_scheme(&ctx, &domain(&peer), Rfc9421)
            .await
            .unwrap();
        assert_eq!(deliver_one(&ctx, &data, &inbox, 2).await, 1, "{backend}");
        assert_eq!(
            schemes(&peer),
            [Some(DraftCavage), Some(Rfc9421), Some(DraftCavage)],
            "{backend}"
        );
        assert_eq!(
            peers::signature_scheme(&ctx, &domain(&peer)).await.unwrap(),
            Some(DraftCavage),
            "{backend}"
        );
        // The draft-cavage request carries no trace of the RFC 9421 one.
        let last = peer.received().pop().unwrap();
        assert!(last.header("content-digest").is_none(), "{backend}");
        assert!(last.header("digest").is_some(), "{backend}");
        peer.stop().await;
    }
}

/// Issue 29: the crate signs nothing itself (it would sign with `rsa`); the city's fetches
/// are signed as the city actor by the federation client's layer, with ring: draft-cavage
/// over `(request-target)`, `(created)`, `(expires)`, `accept`, `date` and `host`, checked
/// here with the verifier activitypub_federation's inbox uses.
#[actix_web::test]
async fn fetches_are_signed_as_the_city() {
    let (_, db) = both_backends().into_iter().next().unwrap();
    let peer = FakePeer::start().await;
    let (ctx, config) = city(&db, 100).await;
    let data = config.to_request_data();
    let id: activitypub_federation::fetch::object_id::ObjectId<
        citysync_federation::actor::ApubActor,
    > = url::Url::parse(&peer.actor("carol")).unwrap().into();
    id.dereference(&data).await.unwrap();
    let fetched = peer.fetched();
    assert_eq!(fetched.len(), 1);
    let fetch = &fetched[0];
    let signature = fetch.header("signature").expect("the fetch is signed");
    assert!(
        signature.contains(&format!(r#"keyId="{CITY}/city#main-key""#)),
        "{signature}"
    );
    for covered in [
        "(request-target)",
        "(created)",
        "(expires)",
        "accept",
        "date",
        "host",
    ] {
        assert!(
            signature.contains(covered),
            "{covered} not covered: {signature}"
        );
    }
    let city = citysync_federation::actor::ApubActor::local_city(&ctx)
        .await
        .unwrap();
    let key = RsaPublicKey::from_public_key_pem(&city.public_key_pem).unwrap();
    let url = url::Url::parse(&fetch.url).unwrap();
    let headers = fetch
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .collect();
    let unverified = http_signature_normalization::Config::new()
        .set_expiration(std::time::Duration::from_secs(3600))
        .begin_verify("GET", url.path(), headers)
        .unwrap();
    let good = unverified.verify(|signature, signing_string| {
        use base64::Engine as _;
        use sha2::Digest as _;
        let signature = base64::engine::general_purpose::STANDARD
            .decode(signature)
            .unwrap();
        key.verify(
            rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(signing_string.as_bytes()),
            &signature,
        )
        .is_ok()
    });
    assert!(good, "the fetch's signature does not verify: {signature}");
    peer.stop().await;
}
