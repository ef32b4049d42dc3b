//! The "done means", as a third-party client written against only
//! `/api/v1/openapi.json`: every call below finds its operation by `operationId` in the
//! served document and checks the answer against the documented schema. Each person
//! authorizes their own app on the consent page, with the narrowest scopes its part needs:
//! the resident's app finds an opportunity, claims it, submits proof, sees it verified,
//! reserves an offering and gets the QR token; the issuer's app publishes the work and its
//! verifier's app decides; the café's app offers something and its cashier's app confirms
//! the redemption.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::oauth::authorized_token;
use common::openapi::{check, fill, operation, response_schema};
use common::{approved_issuer, resident, set_budget, set_up_city, TestServer};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

/// A client that knows only the document and a token.
struct Client<'a> {
    server: &'a TestServer,
    doc: &'a Value,
    token: String,
}

impl Client<'_> {
    async fn call(&self, operation_id: &str, params: &[&str], body: Option<Body>) -> (u16, Value) {
        let (method, template) = operation(self.doc, operation_id);
        let url = self.server.url(&fill(&template, params));
        let http = self.server.client();
        let mut request = match method.as_str() {
            "GET" => http.get(&url),
            "POST" => http.post(&url),
            "PUT" => http.put(&url),
            other => panic!("{other}"),
        }
        .bearer_auth(&self.token);
        request = match body {
            Some(Body::Json(value)) => request.json(&value),
            Some(Body::Form(form)) => request.multipart(form),
            None => request,
        };
        let resp = request.send().await.unwrap();
        let status = resp.status().as_u16();
        let value: Value = resp.json().await.unwrap_or(Value::Null);
        if let Some(schema) = response_schema(self.doc, &method, &template, status) {
            check(self.doc, &schema, &value, operation_id)
                .unwrap_or_else(|e| panic!("{operation_id} answered off its schema: {e}"));
        }
        (status, value)
    }
}

enum Body {
    Json(Value),
    Form(reqwest::multipart::Form),
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_third_party_client_takes_a_resident_from_finding_work_to_a_redeemed_reward() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let carmen = resident(&server, "carmen", PASSWORD).await;
    let carl = resident(&server, "carl", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    common::approved_redeemer(&server, "carmen", "carl", "corner-cafe").await;

    // The client reads the document, nothing else.
    let doc: Value = server
        .client()
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let app = |token: String| Client {
        server: &server,
        doc: &doc,
        token,
    };
    let olga = app(authorized_token(&server, &olga, "write:catalog").await);
    let vera = app(authorized_token(&server, &vera, "verify").await);
    let ana = app(authorized_token(&server, &ana, "read write:claims write:proofs redeem").await);
    let carmen = app(authorized_token(&server, &carmen, "write:catalog").await);
    let carl = app(authorized_token(&server, &carl, "redeem").await);

    // The issuer's app publishes a cleanup; the café's app offers a coffee for 3.00 CITY.
    let (status, template) = olga
        .call(
            "template_create",
            &["creek-friends"],
            Some(Body::Json(json!({
                "title": "Creek cleanup", "summary": "Pick up litter along the creek",
                "category": "environment", "outcome_unit": "kg_waste_diverted",
                "expected_outcome": 5.0, "verification_method": "issuer_review",
                "proof_kinds": ["text"], "reward_city": 500, "reward_vote": 200,
                "estimated_minutes": 90
            }))),
        )
        .await;
    assert_eq!(status, 201, "{template}");
    let template = template["id"].as_str().unwrap().to_owned();
    let (status, _) = olga
        .call(
            "template_change",
            &[&template],
            Some(Body::Json(json!({"event": "activate"}))),
        )
        .await;
    assert_eq!(status, 200);
    let now = server.running().ctx.now();
    let at = |hours: i64| {
        (now + chrono::Duration::hours(hours))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let (status, opportunity) = olga
        .call(
            "opportunity_create",
            &["creek-friends"],
            Some(Body::Json(json!({
                "template_id": template, "title": "Saturday creek cleanup",
                "place": "Strawberry Creek", "point": {"latitude": 37.8716, "longitude": -122.2727},
                "starts_at": at(-1), "ends_at": at(26), "claim_deadline": at(24), "capacity": 12
            }))),
        )
        .await;
    assert_eq!(status, 201, "{opportunity}");
    let opportunity = opportunity["id"].as_str().unwrap().to_owned();
    let (status, published) = olga
        .call(
            "opportunity_change",
            &[&opportunity],
            Some(Body::Json(json!({"event": "publish"}))),
        )
        .await;
    assert_eq!(
        (status, published["state"].as_str()),
        (200, Some("published"))
    );
    let (status, coffee) = carmen
        .call(
            "offering_create",
            &["corner-cafe"],
            Some(Body::Json(json!({
                "title": "A coffee", "description": "Any size", "price": 300,
                "category": "food_drink", "active": true
            }))),
        )
        .await;
    assert_eq!(status, 201, "{coffee}");
    let coffee = coffee["id"].as_str().unwrap().to_owned();
    let (status, committed) = carmen
        .call(
            "offering_commit",
            &[&coffee],
            Some(Body::Json(json!({"quantity": 20}))),
        )
        .await;
    assert_eq!(
        (status, committed["available"].as_i64()),
        (200, Some(20)),
        "{committed}"
    );

    // The resident finds it, claims it and submits proof.
    let (status, found) = ana.call("opportunities_index", &[], None).await;
    assert_eq!(status, 200);
    assert_eq!(found["items"][0]["id"], opportunity.as_str());
    let (status, claimed) = ana.call("claim_create", &[&opportunity], None).await;
    assert_eq!(status, 201, "{claimed}");
    let claim = claimed["claim"]["id"].as_str().unwrap().to_owned();
    let proof = reqwest::multipart::Form::new()
        .text("text", "Four bags from the footbridge to the library")
        .text("outcome_quantity", "6");
    let (status, submitted) = ana
        .call("proof_create", &[&claim], Some(Body::Form(proof)))
        .await;
    assert_eq!(
        (status, submitted["claim"]["state"].as_str()),
        (201, Some("submitted"))
    );

    // The verifier's app decides; the resident sees it verified and the CITY in the wallet.
    let (status, queue) = vera.call("queue_index", &["creek-friends"], None).await;
    assert_eq!(status, 200);
    let submission = queue[0]["submission"]["id"].as_str().unwrap().to_owned();
    let (status, decided) = vera
        .call(
            "decision_create",
            &[&submission],
            Some(Body::Json(json!({"decision": "approve", "confirmed_outcome": 6.0, "quality_rating": 5, "feedback": "Great work"}))),
        )
        .await;
    assert_eq!(status, 200, "{decided}");
    let (_, shown) = ana.call("claim_show", &[&claim], None).await;
    assert_eq!(shown["claim"]["state"], "verified");
    assert_eq!(shown["contribution"]["reward_city"], 500);
    let (status, wallet) = ana.call("wallet_show", &[], None).await;
    assert_eq!(status, 200, "{wallet}");
    assert_eq!(wallet["city"], 500, "{wallet}");

    // It reserves the coffee and gets the QR token and the short code.
    let (_, offerings) = ana.call("offerings_index", &[], None).await;
    assert!(
        offerings["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == coffee.as_str()),
        "{offerings}"
    );
    let (status, reservation) = ana.call("reservation_create", &[&coffee], None).await;
    assert_eq!(status, 201, "{reservation}");
    assert_eq!(reservation["state"], "reserved");
    let token = reservation["token"].as_str().unwrap().to_owned();
    assert!(!reservation["code"].as_str().unwrap().is_empty());
    let (_, wallet) = ana.call("wallet_show", &[], None).await;
    assert_eq!(wallet["city"], 200, "{wallet}");

    // The cashier's app scans the token and confirms: burned once.
    let (status, looked_up) = carl
        .call(
            "redemption_lookup",
            &["corner-cafe"],
            Some(Body::Json(json!({"token": token}))),
        )
        .await;
    assert_eq!(status, 200, "{looked_up}");
    let redemption = looked_up["id"].as_str().unwrap().to_owned();
    let (status, honored) = carl
        .call("redemption_confirm", &["corner-cafe", &redemption], None)
        .await;
    assert_eq!(
        (status, honored["state"].as_str()),
        (200, Some("honored")),
        "{honored}"
    );
    let (status, again) = carl
        .call("redemption_confirm", &["corner-cafe", &redemption], None)
        .await;
    assert_eq!(status, 409, "{again}");
    let (_, mine) = ana.call("reservation_show", &[&redemption], None).await;
    assert_eq!(mine["state"], "honored");

    // The narrow scopes hold: the resident's app cannot verify, the cashier's cannot claim.
    let (status, problem) = ana.call("queue_index", &["creek-friends"], None).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("error-insufficient-scope"))
    );
    let (status, _) = carl.call("claim_create", &[&opportunity], None).await;
    assert_eq!(status, 403);
    server.stop().await;
}
