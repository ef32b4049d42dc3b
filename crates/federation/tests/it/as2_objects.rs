//! Issue 24, D3: every object City/Sync serves is an ActivityStreams object and every
//! outbox item an activity. A checkpoint is a `Document` as well as a `LedgerCheckpoint`;
//! the city outbox lists the `Create` of each checkpoint, the checkpoint embedded, as
//! docs/federation.md shows ("Collections and discovery"); an attestation's proof covers its
//! `type`, so the new and the earlier shapes each verify as signed and not as the other.

use crate::fake_peer::{answer, city, CITY};
use activitypub_federation::config::FederationMiddleware;
use actix_web::test as http_test;
use actix_web::App;
use citysync_app::federation::publications::Kind;
use citysync_federation::integrity;
use citysync_federation::objects::{attestation, checkpoint, citysync_kind};
use citysync_test_support::both_backends;
use citysync_test_support::instance::assert_documented;
use serde_json::{json, Value};

fn types(object: &Value) -> Vec<&str> {
    match &object["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

#[actix_web::test]
async fn the_city_outbox_lists_the_create_of_each_checkpoint() {
    for (backend, db) in both_backends() {
        let (ctx, config) = city(&db, 100).await;
        let signed = citysync_app::ledger::checkpoints::sign_now(&ctx)
            .await
            .unwrap();
        let app = http_test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .configure(citysync_federation::configure),
        )
        .await;
        let get = |path: String| {
            http_test::TestRequest::get()
                .uri(&path)
                .insert_header(("Accept", "application/activity+json"))
                .to_request()
        };

        let (status, outbox) =
            answer(http_test::call_service(&app, get("/city/outbox".into())).await).await;
        assert_eq!(status, 200, "{backend}: {outbox}");
        assert_eq!(outbox["type"], "OrderedCollection", "{backend}");
        let items = outbox["orderedItems"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{backend}: {outbox}");
        assert_eq!(outbox["totalItems"], 1, "{backend}");
        for item in items {
            assert!(item.is_object(), "{backend}: a bare item {item}");
            assert_documented("OutboxCreate", item);
            assert_eq!(item["type"], "Create", "{backend}");
            assert_eq!(item["actor"], format!("{CITY}/city"), "{backend}");
            let object = &item["object"];
            assert_eq!(types(object), checkpoint::TYPE, "{backend}");
            assert_documented("LedgerCheckpoint", object);
            assert_eq!(
                item["id"],
                format!("{}#create", object["id"].as_str().unwrap()),
                "{backend}"
            );
            assert_eq!(citysync_kind(object), Some(Kind::Checkpoint), "{backend}");
            assert_eq!(object["sequence"], signed.seq, "{backend}");

            // The checkpoint its id names is the one embedded, with its context.
            let path = object["id"]
                .as_str()
                .unwrap()
                .trim_start_matches(CITY)
                .to_owned();
            let (status, served) = answer(http_test::call_service(&app, get(path)).await).await;
            assert_eq!(status, 200, "{backend}: {served}");
            assert!(served["@context"].is_array(), "{backend}: {served}");
            let mut without_context = served.clone();
            without_context.as_object_mut().unwrap().remove("@context");
            assert_eq!(&without_context, object, "{backend}");
        }
    }
}

/// An attestation as an earlier City/Sync and as this one write it, signed.
fn attestations() -> (Value, Value, String) {
    let secret = integrity::generate_secret();
    let public = integrity::public_multibase(&secret).unwrap();
    let unsigned = |types: Value| {
        json!({
            "@context": attestation::context(),
            "id": "https://north.example/attestations/8f1c",
            "type": types,
            "issuer": "https://north.example/organizations/river-care",
            "validFrom": "2026-11-24T13:12:46Z",
            "name": "3 kg (environment)",
            "credentialSubject": {
                "id": "urn:citysync:north.example:resident:47ed",
                "category": "environment",
                "outcome": { "quantity": 3.0, "unit": "kg" },
            },
        })
    };
    let method =
        url::Url::parse("https://north.example/organizations/river-care#ed25519-key").unwrap();
    let at = chrono::Utc::now();
    let sign = |doc: Value| integrity::sign(&doc, &secret, &method, at).unwrap();
    let old = sign(unsigned(json!([
        "VerifiableCredential",
        "ContributionAttestation"
    ])));
    let new = sign(unsigned(json!(attestation::TYPE)));
    (old, new, public)
}

#[test]
fn attestations_of_both_shapes_are_read_and_their_proofs_cover_the_type() {
    let (old, new, public) = attestations();
    assert!(types(&new).contains(&"https://www.w3.org/ns/activitystreams#Document"));
    for (shape, credential) in [("earlier", &old), ("AS2", &new)] {
        assert_eq!(
            citysync_kind(credential),
            Some(Kind::Attestation),
            "{shape}"
        );
        integrity::verify(credential, &public).unwrap_or_else(|e| panic!("{shape}: {e}"));
    }
    // The type is signed: one shape's proof does not hold over the other's type.
    let mut swapped = old.clone();
    swapped["type"] = new["type"].clone();
    assert!(integrity::verify(&swapped, &public).is_err());
    let mut swapped = new.clone();
    swapped["type"] = old["type"].clone();
    assert!(integrity::verify(&swapped, &public).is_err());
}
