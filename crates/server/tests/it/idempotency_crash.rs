//! `Idempotency-Key` across a crash (issue 23, point 11): the answer to a keyed request is
//! kept in the transaction of its effect, so a process that dies after the commit but before
//! the answer reaches the client leaves that answer for the retry (same status, same body),
//! and one that dies before the commit leaves nothing, so the retry does the work once.
//! The crash is injected in process (`Faults::arm_at`): the failing point ends the request
//! there, with nothing written after it, as `kill -9` would. Run on SQLite, and on
//! PostgreSQL when `TEST_DATABASE_URL` is set.

use citysync_test_support::server as common;

use common::api::{offering, redeemer, token, Api};
use common::governance::{HANDLE, PASSWORD};
use common::{
    approved_issuer, environment_template, published_opportunity, resident, set_budget,
    set_up_city, submitted_work, TestServer,
};
use serde_json::json;

/// Where the process "dies" once the effect's transaction has committed, before answering.
const AFTER_COMMIT: &str = "idempotency.answer";
/// Where it dies inside the ledger's transaction, before the commit.
const BEFORE_COMMIT: &str = "ledger.entry";

/// A keyed POST whose process "dies" on the way: the client sees no answer worth keeping
/// (in process, the failing point answers 500, which is not part of the API's contract).
async fn crashed(
    server: &TestServer,
    path: &str,
    token: &str,
    key: &str,
    body: Option<serde_json::Value>,
) {
    let mut request = server
        .client()
        .post(server.url(path))
        .bearer_auth(token)
        .header("Idempotency-Key", key);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let resp = request.send().await.unwrap();
    assert_eq!(
        resp.status().as_u16(),
        500,
        "{}",
        resp.text().await.unwrap()
    );
}

/// The CITY in the wallet of the token's holder.
async fn city(api: &Api<'_>, token: &str) -> serde_json::Value {
    api.get("/api/v1/wallet", Some(token)).await.body["city"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_a_crash_gets_the_original_answer_and_the_effect_happens_once() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let _carmen = resident(&server, "carmen", PASSWORD).await;
    let _carl = resident(&server, "carl", PASSWORD).await;
    let api = Api::new(&server).await;
    let faults = server.running().ctx.faults.clone();

    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 2).await;
    let opp = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    submitted_work(&server, &ana, &opp).await;
    let vera = token(&server, "vera", "verify").await;
    let ana_wallet = token(&server, "ana", "read:wallet redeem").await;

    // An approval whose process dies after the mint committed, before the answer left.
    let queue = api
        .get(
            &format!("/api/v1/organizations/{HANDLE}/verification-queue"),
            Some(&vera),
        )
        .await;
    assert_eq!(queue.status, 200, "{:#}", queue.body);
    let submission = queue.body[0]["submission"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let decide = format!("/api/v1/submissions/{submission}/decision");
    let approve = json!({"decision": "approve", "confirmed_outcome": 5.0, "quality_rating": 5, "feedback": "Thank you"});
    faults.arm_at(AFTER_COMMIT);
    crashed(&server, &decide, &vera, "approve-1", Some(approve.clone())).await;
    assert!(!faults.pending(), "the crash point was not reached");
    assert_eq!(city(&api, &ana_wallet).await, 500, "the mint committed");
    // The retry gets the answer the dead process had committed, not "in progress" and
    // not "already decided".
    let retry = api
        .post(&decide, &vera, Some("approve-1"), Some(approve.clone()))
        .await;
    assert_eq!(retry.status, 200, "{:#}", retry.body);
    assert!(retry.replayed);
    assert_eq!(retry.body["submission_id"], submission.as_str());
    assert_eq!(retry.body["claim"]["state"], "verified");
    assert_eq!(retry.body["contribution"]["reward_city"], 500);
    let again = api
        .post(&decide, &vera, Some("approve-1"), Some(approve.clone()))
        .await;
    assert_eq!((again.status, again.replayed), (200, true));
    assert_eq!(again.body, retry.body);
    assert_eq!(city(&api, &ana_wallet).await, 500, "minted once");

    // A reservation whose process dies inside the ledger's transaction: nothing was kept,
    // so the retry reserves, once.
    let cafe = redeemer(&server, "carmen", "carl", "corner-cafe").await;
    let coffee = offering(&server, "carmen", &cafe, "Coffee", "4.50").await;
    let tea = offering(&server, "carmen", &cafe, "Tea", "0.50").await;
    let reserve = format!("/api/v1/offerings/{coffee}/reservations");
    faults.arm_at(BEFORE_COMMIT);
    crashed(&server, &reserve, &ana_wallet, "coffee-1", None).await;
    assert!(!faults.pending(), "the crash point was not reached");
    assert_eq!(city(&api, &ana_wallet).await, 500, "rolled back");
    let retry = api
        .post(&reserve, &ana_wallet, Some("coffee-1"), None)
        .await;
    assert_eq!(retry.status, 201, "{:#}", retry.body);
    assert!(!retry.replayed, "it ran this time");
    assert_eq!(city(&api, &ana_wallet).await, 50, "debited once");
    let again = api
        .post(&reserve, &ana_wallet, Some("coffee-1"), None)
        .await;
    assert_eq!((again.status, again.replayed), (201, true));
    assert_eq!(again.body, retry.body);

    // A reservation whose process dies after its commit: the retry gets the same one.
    let reserve = format!("/api/v1/offerings/{tea}/reservations");
    faults.arm_at(AFTER_COMMIT);
    crashed(&server, &reserve, &ana_wallet, "tea-1", None).await;
    assert!(!faults.pending(), "the crash point was not reached");
    let retry = api.post(&reserve, &ana_wallet, Some("tea-1"), None).await;
    assert_eq!(retry.status, 201, "{:#}", retry.body);
    assert!(retry.replayed);
    assert_eq!(retry.body["state"], "reserved");
    assert_eq!(city(&api, &ana_wallet).await, 0, "debited once");
    let mine = api.get("/api/v1/reservations", Some(&ana_wallet)).await;
    assert_eq!(mine.body.as_array().unwrap().len(), 2, "{:#}", mine.body);

    // Sent twice at once with one key: one cancellation, the same answer twice.
    let cancel = format!(
        "/api/v1/reservations/{}/cancel",
        retry.body["id"].as_str().unwrap()
    );
    let (one, two) = tokio::join!(
        api.post(&cancel, &ana_wallet, Some("cancel-1"), None),
        api.post(&cancel, &ana_wallet, Some("cancel-1"), None),
    );
    assert_eq!(
        (one.status, two.status),
        (200, 200),
        "{:#} {:#}",
        one.body,
        two.body
    );
    assert_eq!(one.body, two.body);
    assert!(one.replayed != two.replayed, "one ran, one was replayed");
    assert_eq!(city(&api, &ana_wallet).await, 50, "given back once");
    server.stop().await;
}
