//! The JSON API's common rules over real HTTP: tokens only in the header, app-only tokens
//! read public data but act for no one, scopes, quotas with `Retry-After`, cursor
//! pagination with `Link`, localized RFC 9457 problems, proof as multipart, and
//! `Idempotency-Key` on a decision that mints credit.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::{
    approved_issuer, environment_template, published_opportunity, resident, set_budget,
    set_up_city, TestServer,
};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

async fn token(server: &TestServer, username: &str, scopes: &str) -> String {
    citysync_app::tokens::create(&server.running().ctx, username, scopes, "test")
        .await
        .unwrap()
}

async fn body(resp: reqwest::Response) -> (u16, String, Value) {
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        content_type,
        resp.json().await.unwrap_or(Value::Null),
    )
}

async fn get(server: &TestServer, path: &str, bearer: Option<&str>) -> reqwest::Response {
    let mut request = server.client().get(server.url(path));
    if let Some(t) = bearer {
        request = request.bearer_auth(t);
    }
    request.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_scopes_pagination_and_problems() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 200).await;
    for title in ["Creek cleanup A", "Creek cleanup B", "Creek cleanup C"] {
        published_opportunity(&server, "olga", &template, title).await;
    }

    // Public reads need no token; a slice of two links to the next.
    let resp = get(
        &server,
        "/api/v1/opportunities?limit=2&category=environment",
        None,
    )
    .await;
    let link = resp.headers()["link"].to_str().unwrap().to_owned();
    let (status, _, first) = body(resp).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert!(link.ends_with("; rel=\"next\""), "{link}");
    assert!(link.contains("category=environment"), "{link}");
    let next = link.trim_start_matches('<').split('>').next().unwrap();
    let resp = server.client().get(next).send().await.unwrap();
    assert!(resp.headers().get("link").is_none());
    let (_, _, second) = body(resp).await;
    let titles: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(second["next"].is_null());
    // Text search, and a category with nothing in it.
    let (_, _, found) = body(get(&server, "/api/v1/opportunities?q=cleanup%20b", None).await).await;
    assert_eq!(found["items"][0]["title"], "Creek cleanup B");
    let (_, _, none) =
        body(get(&server, "/api/v1/opportunities?category=education", None).await).await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);

    // A cursor we never gave out is a localized problem.
    let resp = server
        .client()
        .get(server.url("/api/v1/opportunities?cursor=%%%"))
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap();
    let (status, content_type, problem) = body(resp).await;
    assert_eq!(status, 400);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(problem["code"], "error-cursor-invalid");
    assert_eq!(
        problem["type"],
        "https://citysync.example/problems/cursor-invalid"
    );
    assert!(
        problem["title"]
            .as_str()
            .unwrap()
            .contains("cursor de página"),
        "{problem}"
    );

    // What the extractors cannot read is a problem too, never plain text.
    let (status, content_type, problem) =
        body(get(&server, "/api/v1/opportunities?limit=many", None).await).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert_eq!(problem["code"], "error-request-malformed");
    assert!(problem["detail"].as_str().is_some(), "{problem}");

    // Tokens only in the header.
    let olga = token(&server, "olga", "read").await;
    let (status, _, problem) =
        body(get(&server, &format!("/api/v1/me?access_token={olga}"), None).await).await;
    assert_eq!(status, 400);
    assert_eq!(problem["code"], "error-token-in-query");
    let (status, _, me) = body(get(&server, "/api/v1/me", Some(&olga)).await).await;
    assert_eq!(status, 200);
    assert_eq!(me["username"], "olga");
    let (status, _, problem) =
        body(get(&server, "/api/v1/me", Some("csa_not-a-token")).await).await;
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "error-unauthenticated");

    // `read` does not claim.
    let opportunity = first["items"][0]["id"].as_str().unwrap().to_owned();
    let resp = server
        .client()
        .post(server.url(&format!("/api/v1/opportunities/{opportunity}/claims")))
        .bearer_auth(&olga)
        .send()
        .await
        .unwrap();
    let (status, _, problem) = body(resp).await;
    assert_eq!(status, 403);
    assert_eq!(problem["code"], "error-insufficient-scope");

    // An app's own client-credentials token reads public data and acts for no resident.
    let (_, _, app) = body(
        server
            .client()
            .post(server.url("/api/v1/apps"))
            .json(&json!({"client_name": "Board", "redirect_uris": "https://board.example/cb"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let (_, _, issued) = body(
        server
            .client()
            .post(server.url("/oauth/token"))
            .basic_auth(
                app["client_id"].as_str().unwrap(),
                app["client_secret"].as_str(),
            )
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    let app_token = issued["access_token"].as_str().unwrap().to_owned();
    let (status, _, _) = body(get(&server, "/api/v1/opportunities", Some(&app_token)).await).await;
    assert_eq!(status, 200);
    for resp in [
        get(&server, "/api/v1/me", Some(&app_token)).await,
        get(&server, "/api/v1/claims", Some(&app_token)).await,
        server
            .client()
            .post(server.url(&format!("/api/v1/opportunities/{opportunity}/claims")))
            .bearer_auth(&app_token)
            .send()
            .await
            .unwrap(),
    ] {
        let (status, _, problem) = body(resp).await;
        assert_eq!(status, 403, "{problem}");
        assert_eq!(problem["code"], "error-app-token-no-resident");
    }

    // The documents.
    let (status, _, doc) = body(get(&server, "/api/v1/openapi.json", None).await).await;
    assert_eq!(status, 200);
    assert_eq!(doc["servers"][0]["url"], server.url(""));
    assert_eq!(
        doc["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"]["tokenUrl"],
        server.url("/oauth/token")
    );
    let resp = server
        .client()
        .get(server.url("/api/v1/docs"))
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap();
    let html = resp.text().await.unwrap();
    assert!(html.contains("API de City/Sync"), "{html}");
    assert!(
        html.contains("POST /api/v1/submissions/{id}/decision"),
        "{html}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_over_quota_is_told_when_to_come_back() {
    let server = TestServer::start_with(|config| {
        config.api.requests_per_window = 3;
        // One call back every 20 minutes: nothing refills while the test runs.
        config.api.window_seconds = 3_600;
    })
    .await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let olga = token(&server, "olga", "read").await;
    for _ in 0..3 {
        assert_eq!(get(&server, "/api/v1/me", Some(&olga)).await.status(), 200);
    }
    let resp = get(&server, "/api/v1/me", Some(&olga)).await;
    let retry_after: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3_600).contains(&retry_after), "{retry_after}");
    let (status, content_type, problem) = body(resp).await;
    assert_eq!(status, 429);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(problem["code"], "error-throttled");
    // Each caller has its own quota: another token is still served.
    let _vera = resident(&server, "vera", PASSWORD).await;
    let vera = token(&server, "vera", "read").await;
    assert_eq!(get(&server, "/api/v1/me", Some(&vera)).await.status(), 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proof_by_multipart_and_a_decision_that_mints_once_per_idempotency_key() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let _ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 200).await;
    let opportunity = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    let ana = token(&server, "ana", "read write:claims write:proofs").await;
    let vera = token(&server, "vera", "read verify").await;
    let vera_read = token(&server, "vera", "read").await;
    let http = server.client();

    let (status, _, claimed) = body(
        http.post(server.url(&format!("/api/v1/opportunities/{opportunity}/claims")))
            .bearer_auth(&ana)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{claimed}");
    assert_eq!(claimed["claim"]["state"], "claimed");
    assert_eq!(claimed["proof_kinds"], json!(["text"]));
    let claim = claimed["claim"]["id"].as_str().unwrap().to_owned();
    // A second claim on the same opportunity is refused.
    let (status, _, problem) = body(
        http.post(server.url(&format!("/api/v1/opportunities/{opportunity}/claims")))
            .bearer_auth(&ana)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{problem}");

    // Proof without the quantity is refused and changes nothing; then sent whole.
    let proof = |quantity: Option<&str>| {
        let form = reqwest::multipart::Form::new().text("text", "Filled four bags");
        match quantity {
            Some(q) => form.text("outcome_quantity", q.to_owned()),
            None => form,
        }
    };
    let url = server.url(&format!("/api/v1/claims/{claim}/proofs"));
    let (status, _, problem) = body(
        http.post(&url)
            .bearer_auth(&ana)
            .multipart(proof(None))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{problem}");
    let (status, _, shown) =
        body(get(&server, &format!("/api/v1/claims/{claim}"), Some(&ana)).await).await;
    assert_eq!(status, 200);
    assert_eq!(shown["claim"]["state"], "claimed");
    let (status, _, submitted) = body(
        http.post(&url)
            .bearer_auth(&ana)
            .multipart(proof(Some("5")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{submitted}");
    assert_eq!(submitted["claim"]["state"], "submitted");
    assert_eq!(submitted["submissions"][0]["outcome_quantity"], 5.0);

    // The verifier's queue, then the decision: without `verify` refused; with a key, the
    // retry is answered from the first time and mints nothing more.
    let (status, _, queue) = body(
        get(
            &server,
            "/api/v1/organizations/creek-friends/verification-queue",
            Some(&vera),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{queue}");
    let submission = queue[0]["submission"]["id"].as_str().unwrap().to_owned();
    let decide = server.url(&format!("/api/v1/submissions/{submission}/decision"));
    let approve = json!({"decision": "approve", "confirmed_outcome": 5.0, "quality_rating": 5, "feedback": "Thank you"});
    let (status, _, problem) = body(
        http.post(&decide)
            .bearer_auth(&vera_read)
            .json(&approve)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(problem["code"], "error-insufficient-scope");
    let resp = http
        .post(&decide)
        .bearer_auth(&vera)
        .header("content-type", "application/json")
        .body("{\"decision\": \"approve\", \"confirmed_outcome\": ")
        .send()
        .await
        .unwrap();
    let (status, content_type, problem) = body(resp).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert_eq!(problem["code"], "error-request-malformed");
    let send = |key: &'static str, decision: Value| {
        http.post(&decide)
            .bearer_auth(&vera)
            .header("Idempotency-Key", key)
            .json(&decision)
            .send()
    };
    let first = send("decide-1", approve.clone()).await.unwrap();
    assert!(first.headers().get("idempotent-replayed").is_none());
    let (status, _, decided) = body(first).await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["claim"]["state"], "verified");
    assert_eq!(decided["contribution"]["reward_city"], 500);
    assert_eq!(
        decided["reward"],
        json!({"status": "minted", "reward_city": 500, "minted_city": 500, "reward_vote": 200, "minted_vote": 200}),
        "{decided}"
    );
    let again = send("decide-1", approve.clone()).await.unwrap();
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let (status, _, replayed) = body(again).await;
    assert_eq!(status, 200);
    assert_eq!(replayed, decided);
    // The same key for another decision is refused; a new key finds it decided.
    let reject = json!({"decision": "reject", "reason": "duplicate", "feedback": ""});
    let (status, _, problem) = body(send("decide-1", reject.clone()).await.unwrap()).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "error-idempotency-conflict");
    let (status, _, problem) = body(send("decide-2", reject).await.unwrap()).await;
    assert_eq!(status, 409);
    assert_eq!(problem["code"], "error-already-decided");

    // Minted exactly once.
    let ctx = &server.running().ctx;
    let ana_user = common::user_named(&server, "ana").await;
    let wallet = citysync_app::ledger::wallet::wallet(ctx, &ana_user)
        .await
        .unwrap();
    assert_eq!(wallet.city, 500, "{wallet:?}");
    let (_, _, work) = body(get(&server, "/api/v1/claims", Some(&ana)).await).await;
    assert_eq!(work["contributions"].as_array().unwrap().len(), 1);
    server.stop().await;
}
