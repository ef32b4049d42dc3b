//! The ledger part of the JSON API over real HTTP, every answer checked against the served
//! OpenAPI document: a wallet after verified work; a reservation made once whatever the
//! retries (`Idempotency-Key` replayed, refused for another offering), refused without the
//! `redeem` scope; the cashier's lookup by short code and a confirmation that burns once;
//! a cancellation; the public ledger and the city's figures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::api::{city_totals, offering, redeemer, token, Api};
use common::governance::{HANDLE, PASSWORD};
use common::{
    approved_issuer, environment_template, published_opportunity, resident, set_budget,
    set_up_city, verified_work, TestServer,
};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credit_is_reserved_once_and_burned_once_through_the_api() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let _carmen = resident(&server, "carmen", PASSWORD).await;
    let _carl = resident(&server, "carl", PASSWORD).await;
    let api = Api::new(&server).await;

    // Verified work: 5.00 CITY and 2 VOTE.
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 2).await;
    let opp = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    verified_work(&server, &ana, &vera, HANDLE, &opp).await;

    let ana_reads = token(&server, "ana", "read:wallet").await;
    let ana_spends = token(&server, "ana", "read:wallet redeem").await;
    let carl = token(&server, "carl", "redeem").await;

    // The wallet, to its holder only.
    let wallet = api.get("/api/v1/wallet", None).await;
    assert_eq!(wallet.status, 401);
    assert_eq!(wallet.problem(), "error-unauthenticated");
    let wallet = api.get("/api/v1/wallet", Some(&ana_reads)).await;
    assert_eq!(wallet.status, 200, "{:#}", wallet.body);
    assert_eq!(wallet.body["city"], 500);
    assert_eq!(wallet.body["vote"], 2);
    assert_eq!(wallet.body["reserved"], 0);
    let mint = wallet.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "mint" && l["currency"] == "CITY")
        .unwrap_or_else(|| panic!("no mint in {:#}", wallet.body));
    assert_eq!(mint["amount"], 500);
    assert_eq!(mint["about"], "Creek cleanup");

    // A café with a coffee (4.50) and a tea (0.50), and its cashier.
    let cafe = redeemer(&server, "carmen", "carl", "corner-cafe").await;
    let coffee = offering(&server, "carmen", &cafe, "Coffee", "4.50").await;
    let tea = offering(&server, "carmen", &cafe, "Tea", "0.50").await;
    let list = api.get("/api/v1/offerings", None).await;
    assert_eq!(list.status, 200);
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{:#}", list.body);
    assert_eq!(items[0]["title"], "Tea", "cheapest first");
    let list = api
        .get(
            "/api/v1/offerings?max_price=400&organization=corner-cafe",
            None,
        )
        .await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    let shown = api.get(&format!("/api/v1/offerings/{coffee}"), None).await;
    assert_eq!(shown.status, 200);
    assert_eq!(shown.body["price"], 450);
    assert_eq!(shown.body["organization"], "corner-cafe");
    assert_eq!(shown.body["available"], 10);
    assert_eq!(shown.body["image_url"], Value::Null);
    let reserve = format!("/api/v1/offerings/{coffee}/reservations");

    // Reserving needs `redeem`.
    let refused = api.post(&reserve, &ana_reads, Some("coffee-1"), None).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.problem(), "error-insufficient-scope");

    // Reserved once, whatever the retries.
    let first = api
        .post(&reserve, &ana_spends, Some("coffee-1"), None)
        .await;
    assert_eq!(first.status, 201, "{:#}", first.body);
    assert!(!first.replayed);
    assert_eq!(first.body["state"], "reserved");
    assert_eq!(first.body["amount"], 450);
    assert_eq!(first.body["offering_id"], coffee.as_str());
    let code = first.body["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 9, "{code}");
    assert!(first.body["token"].as_str().is_some_and(|t| !t.is_empty()));
    let again = api
        .post(&reserve, &ana_spends, Some("coffee-1"), None)
        .await;
    assert_eq!(again.status, 201);
    assert!(again.replayed);
    assert_eq!(again.body, first.body);
    let wallet = api.get("/api/v1/wallet", Some(&ana_reads)).await;
    assert_eq!(wallet.body["city"], 50, "debited once");
    assert_eq!(wallet.body["reserved"], 450);
    assert_eq!(wallet.body["reservations"].as_array().unwrap().len(), 1);
    // The same key for another offering is refused, and changes nothing.
    let other = api
        .post(
            &format!("/api/v1/offerings/{tea}/reservations"),
            &ana_spends,
            Some("coffee-1"),
            None,
        )
        .await;
    assert_eq!(other.status, 409);
    assert_eq!(other.problem(), "error-idempotency-conflict");
    let wallet = api.get("/api/v1/wallet", Some(&ana_reads)).await;
    assert_eq!(wallet.body["city"], 50);

    let id = first.body["id"].as_str().unwrap().to_owned();
    let mine = api.get("/api/v1/reservations", Some(&ana_reads)).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.body.as_array().unwrap().len(), 1);
    let one = api
        .get(&format!("/api/v1/reservations/{id}"), Some(&ana_reads))
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body["token"], first.body["token"]);
    // Nobody else's.
    let carl_reads = token(&server, "carl", "read").await;
    let theirs = api
        .get(&format!("/api/v1/reservations/{id}"), Some(&carl_reads))
        .await;
    assert_eq!(theirs.status, 404);

    // At the counter: only its cashiers; the typed code finds the reservation.
    let lookup = "/api/v1/organizations/corner-cafe/redemptions/lookup";
    let typed = json!({ "code": code.to_lowercase() });
    let stranger = api
        .post(lookup, &ana_spends, None, Some(typed.clone()))
        .await;
    assert_eq!(stranger.status, 403);
    let empty = api.post(lookup, &carl, None, Some(json!({}))).await;
    assert_eq!(empty.status, 400);
    assert_eq!(empty.problem(), "error-required");
    let unknown = api
        .post(lookup, &carl, None, Some(json!({ "code": "ZZZZ-9999" })))
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.problem(), "error-code-unknown");
    let found = api.post(lookup, &carl, None, Some(typed)).await;
    assert_eq!(found.status, 200, "{:#}", found.body);
    assert_eq!(found.body["id"], id.as_str());
    assert_eq!(found.body["state"], "reserved");
    assert_eq!(found.body["token"], Value::Null);
    // The scanned token finds it too.
    let scanned = api
        .post(
            lookup,
            &carl,
            None,
            Some(json!({ "token": first.body["token"] })),
        )
        .await;
    assert_eq!(scanned.status, 200, "{:#}", scanned.body);
    assert_eq!(scanned.body["id"], id.as_str());

    // Confirmed once: the same key is answered again, another confirmation refused.
    let confirm = format!("/api/v1/organizations/corner-cafe/redemptions/{id}/confirm");
    let honored = api.post(&confirm, &carl, Some("till-7"), None).await;
    assert_eq!(honored.status, 200, "{:#}", honored.body);
    assert_eq!(honored.body["state"], "honored");
    let replay = api.post(&confirm, &carl, Some("till-7"), None).await;
    assert_eq!(replay.status, 200);
    assert!(replay.replayed);
    assert_eq!(replay.body, honored.body);
    let twice = api.post(&confirm, &carl, Some("till-8"), None).await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.problem(), "error-redemption-used");
    let counter = api
        .get("/api/v1/organizations/corner-cafe/redemptions", Some(&carl))
        .await;
    assert_eq!(counter.status, 200);
    assert_eq!(counter.body.as_array().unwrap().len(), 1);
    let ledger = api.get("/api/v1/ledger", None).await;
    assert_eq!(ledger.status, 200, "{:#}", ledger.body);
    let city = city_totals(&ledger.body);
    assert_eq!(city["burned"], 450, "burned once: {city:#}");
    assert_eq!(city["escrow"], 0);
    assert_eq!(city["circulating"], 50);

    // A tea reserved without a key, then cancelled: the CITY comes back, once.
    let tea_reserved = api
        .post(
            &format!("/api/v1/offerings/{tea}/reservations"),
            &ana_spends,
            None,
            None,
        )
        .await;
    assert_eq!(tea_reserved.status, 201, "{:#}", tea_reserved.body);
    let tea_id = tea_reserved.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        api.get("/api/v1/wallet", Some(&ana_reads)).await.body["city"],
        0
    );
    let cancel = format!("/api/v1/reservations/{tea_id}/cancel");
    let cancelled = api
        .post(&cancel, &ana_spends, Some("tea-cancel"), None)
        .await;
    assert_eq!(cancelled.status, 200, "{:#}", cancelled.body);
    assert_eq!(cancelled.body["state"], "cancelled");
    assert_eq!(cancelled.body["token"], Value::Null);
    let replay = api
        .post(&cancel, &ana_spends, Some("tea-cancel"), None)
        .await;
    assert!(replay.replayed);
    assert_eq!(replay.body, cancelled.body);
    let twice = api.post(&cancel, &ana_spends, None, None).await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.problem(), "error-redemption-cancelled");
    let wallet = api.get("/api/v1/wallet", Some(&ana_reads)).await;
    assert_eq!(wallet.body["city"], 50);
    assert_eq!(wallet.body["past_redemptions"].as_array().unwrap().len(), 2);

    // The public ledger: epochs and signed checkpoints.
    let epochs = api.get("/api/v1/ledger/epochs", None).await;
    assert_eq!(epochs.status, 200);
    assert_eq!(epochs.body[0]["open"], true);
    let number = epochs.body[0]["number"].as_i64().unwrap();
    let epoch = api
        .get(&format!("/api/v1/ledger/epochs/{number}"), None)
        .await;
    assert_eq!(epoch.status, 200);
    let checkpoint = citysync_app::ledger::checkpoints::sign_now(&server.running().ctx)
        .await
        .unwrap();
    let list = api.get("/api/v1/ledger/checkpoints?limit=5", None).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body[0]["seq"], checkpoint.seq);
    let one = api
        .get(
            &format!("/api/v1/ledger/checkpoints/{}", checkpoint.seq),
            None,
        )
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body["signature"], checkpoint.signature.as_str());
    assert_eq!(one.body["public_key"], ledger.body["public_key"]);
    let none = api.get("/api/v1/ledger/checkpoints/latest", None).await;
    assert_eq!(none.status, 404);
    assert_eq!(none.problem(), "error-not-found");

    // The city's figures.
    let stats = api.get("/api/v1/stats", None).await;
    assert_eq!(stats.status, 200, "{:#}", stats.body);
    let s = &stats.body;
    assert_eq!(s["residents"], 6, "{s:#}");
    assert_eq!(s["organizations"], 2);
    assert_eq!(s["issuers"], 1);
    assert_eq!(s["redeemers"], 1);
    assert_eq!(s["opportunities_published"], 1);
    assert_eq!(s["opportunities_open"], 1);
    assert_eq!(s["contributions"], 1);
    assert_eq!(s["redemptions"], 1);
    assert_eq!(s["city_minted"], 500);
    assert_eq!(s["vote_minted"], 2);
    assert_eq!(s["city_burned"], 450);
    assert_eq!(s["city_in_circulation"], 50);
    assert_eq!(s["city_in_escrow"], 0);
    assert_eq!(s["current_epoch"], number);

    server.stop().await;
}
