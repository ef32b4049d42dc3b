//! The ledger and governance parts of the JSON API over real HTTP, every answer checked
//! against the served OpenAPI document: a wallet after verified work; a reservation made
//! once whatever the retries (`Idempotency-Key` replayed, refused for another offering),
//! refused without the `redeem` scope; the cashier's lookup by short code and a confirmation
//! that burns once; a cancellation; the public ledger and the city's figures. Then a cycle
//! opened and moved on by an administrator's token, proposals, a thread with a reply, a
//! report and a hidden comment, quadratic ballots with their credits, and the tally.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use chrono::Duration;
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::{organizations, tokens};
use common::governance::{HANDLE, PASSWORD};
use common::openapi::{check, response_schema};
use common::{
    approved_issuer, environment_template, published_opportunity, resident, set_budget,
    set_up_city, user_named, verified_work, TestServer,
};
use serde_json::{json, Value};

/// A client of the API that checks every answer against the document the server serves.
struct Api<'a> {
    server: &'a TestServer,
    http: reqwest::Client,
    doc: Value,
}

struct Answer {
    status: u16,
    replayed: bool,
    body: Value,
}

impl Answer {
    /// The problem's code, checking the answer is one.
    fn problem(&self) -> &str {
        self.body["code"]
            .as_str()
            .unwrap_or_else(|| panic!("not a problem: {}", self.body))
    }
}

impl<'a> Api<'a> {
    async fn new(server: &'a TestServer) -> Api<'a> {
        let http = server.client();
        let doc = http
            .get(server.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        // The checks below are only as good as the document: bodies must be in it.
        assert!(response_schema(&doc, "GET", "/api/v1/wallet", 200).is_some());
        Api { server, http, doc }
    }

    /// The documented path template `path` is an instance of (literal segments win).
    fn template(&self, path: &str) -> String {
        let wanted: Vec<&str> = path.split('?').next().unwrap().split('/').collect();
        let mut best: Option<(usize, String)> = None;
        for template in self.doc["paths"].as_object().unwrap().keys() {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != wanted.len() {
                continue;
            }
            let fits = parts
                .iter()
                .zip(&wanted)
                .all(|(t, w)| t == w || t.starts_with('{'));
            let literal = parts.iter().filter(|t| !t.starts_with('{')).count();
            if fits && best.as_ref().is_none_or(|(n, _)| literal > *n) {
                best = Some((literal, template.clone()));
            }
        }
        best.unwrap_or_else(|| panic!("{path} is not in the document"))
            .1
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let url = self.server.url(path);
        let mut request = match method {
            "GET" => self.http.get(url),
            "POST" => self.http.post(url),
            _ => unreachable!(),
        };
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let resp = request.send().await.unwrap();
        let status = resp.status().as_u16();
        let replayed = resp
            .headers()
            .get("idempotent-replayed")
            .is_some_and(|v| v == "true");
        let content_type = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let text = resp.text().await.unwrap();
        if status >= 400 {
            assert_eq!(
                content_type, "application/problem+json",
                "{method} {path}: {text}"
            );
        }
        let body: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{method} {path}: {text}"))
        };
        let template = self.template(path);
        if let Some(schema) = response_schema(&self.doc, method, &template, status) {
            check(&self.doc, &schema, &body, "$")
                .unwrap_or_else(|e| panic!("{method} {path} ({status}): {e}\n{body:#}"));
        }
        Answer {
            status,
            replayed,
            body,
        }
    }

    async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call("GET", path, token, None, None).await
    }

    async fn post(
        &self,
        path: &str,
        token: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        self.call("POST", path, Some(token), key, body).await
    }
}

async fn token(server: &TestServer, username: &str, scopes: &str) -> String {
    tokens::create(&server.running().ctx, username, scopes, "test")
        .await
        .unwrap()
}

/// An approved redeemer of `owner` with `cashier` joined as its cashier; returns its id.
async fn redeemer(server: &TestServer, owner: &str, cashier: &str, handle: &str) -> String {
    let ctx = &server.running().ctx;
    let admin = user_named(server, "clerk").await;
    let owner = user_named(server, owner).await;
    let member = user_named(server, cashier).await;
    let org = organizations::create(
        ctx,
        &owner,
        organizations::NewOrganization {
            handle: handle.into(),
            name: "Corner Café".into(),
            is_redeemer: true,
            contact_email: format!("hi@{handle}.org"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    organizations::decide(ctx, &admin, handle, true, "")
        .await
        .unwrap();
    organizations::invite(ctx, &owner, handle, cashier, "cashier")
        .await
        .unwrap();
    let invitations = organizations::invitations_for(ctx, &member).await.unwrap();
    organizations::answer_invitation(ctx, &member, &invitations[0].id, true)
        .await
        .unwrap();
    org.id
}

/// An active offering with ten units committed this epoch; returns its id.
async fn offering(
    server: &TestServer,
    owner: &str,
    org_id: &str,
    title: &str,
    price: &str,
) -> String {
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let id = offerings::create(
        ctx,
        &owner,
        org_id,
        OfferingInput {
            title: title.into(),
            description: format!("A cup of {title}."),
            price: price.into(),
            category: "food_drink".into(),
            terms: "Weekdays before 11:00".into(),
            active: true,
        },
        None,
    )
    .await
    .unwrap();
    offerings::commit(ctx, &owner, &id, "10").await.unwrap();
    id
}

fn city_totals(ledger: &Value) -> Value {
    ledger["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["currency"] == "CITY")
        .unwrap()
        .clone()
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cycle_opened_through_the_api_deliberates_votes_quadratically_and_tallies() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let api = Api::new(&server).await;

    // Ana and Ben earn 10 VOTE each.
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 10).await;
    let opp = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    verified_work(&server, &ana, &vera, HANDLE, &opp).await;
    verified_work(&server, &ben, &vera, HANDLE, &opp).await;

    let clerk = token(&server, "clerk", "admin").await;
    let ana_t = token(&server, "ana", "write:proposals vote").await;
    let ana_admin = token(&server, "ana", "admin").await;
    let ben_t = token(&server, "ben", "write:proposals vote").await;

    // Only an administrator's token with `admin` opens a cycle.
    let now = server.running().ctx.now();
    let at = |hours: i64| {
        (now + Duration::hours(hours))
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string()
    };
    let input = json!({
        "title": "Spring decisions",
        "description": "What the city does next season.",
        "schedule": {
            "proposals_at": at(-1),
            "deliberation_at": at(24),
            "voting_at": at(48),
            "results_at": at(72),
        },
        "method": "quadratic",
        "quorum_percent": 10,
        "min_vote": 1,
    });
    let refused = api
        .post("/api/v1/cycles", &ana_t, None, Some(input.clone()))
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.problem(), "error-insufficient-scope");
    let refused = api
        .post("/api/v1/cycles", &ana_admin, None, Some(input.clone()))
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.problem(), "error-forbidden");
    let mut backwards = input.clone();
    backwards["schedule"]["voting_at"] = json!(at(12));
    let refused = api
        .post("/api/v1/cycles", &clerk, None, Some(backwards))
        .await;
    assert_eq!(refused.status, 400);
    let opened = api
        .post(
            "/api/v1/cycles",
            &clerk,
            Some("spring"),
            Some(input.clone()),
        )
        .await;
    assert_eq!(opened.status, 201, "{:#}", opened.body);
    assert_eq!(opened.body["phase"], "proposals");
    assert_eq!(opened.body["method"], "quadratic");
    let again = api
        .post("/api/v1/cycles", &clerk, Some("spring"), Some(input))
        .await;
    assert!(again.replayed);
    assert_eq!(again.body, opened.body);
    let cycle = opened.body["id"].as_str().unwrap().to_owned();
    let cycles = api.get("/api/v1/cycles", None).await;
    assert_eq!(cycles.body.as_array().unwrap().len(), 1, "opened once");
    assert_eq!(
        api.get(&format!("/api/v1/cycles/{cycle}"), None).await.body["title"],
        "Spring decisions"
    );

    // Proposals: a policy, and a parameter change its author withdraws.
    let proposals = format!("/api/v1/cycles/{cycle}/proposals");
    let policy = api
        .post(
            &proposals,
            &ana_t,
            None,
            Some(json!({
                "title": "Plant more trees",
                "body": "Along every creek.",
                "content": { "kind": "policy" },
            })),
        )
        .await;
    assert_eq!(policy.status, 201, "{:#}", policy.body);
    assert_eq!(policy.body["proposal"]["state"], "open");
    assert_eq!(policy.body["proposal"]["author"], "ana");
    assert_eq!(policy.body["proposal"]["options"], json!(["yes", "no"]));
    let proposal = policy.body["proposal"]["id"].as_str().unwrap().to_owned();
    let change = api
        .post(
            &proposals,
            &ben_t,
            None,
            Some(json!({
                "title": "Double environmental rewards",
                "body": "Creeks matter.",
                "content": {
                    "kind": "parameter_change",
                    "changes": [{ "name": "reward_multiplier.environment", "value": "200" }],
                },
            })),
        )
        .await;
    assert_eq!(change.status, 201, "{:#}", change.body);
    assert_eq!(
        change.body["proposal"]["content"]["changes"][0]["value"],
        "200"
    );
    let withdrawn = change.body["proposal"]["id"].as_str().unwrap().to_owned();
    let withdraw = format!("/api/v1/proposals/{withdrawn}/withdraw");
    assert_eq!(api.post(&withdraw, &ana_t, None, None).await.status, 403);
    let done = api.post(&withdraw, &ben_t, None, None).await;
    assert_eq!(done.status, 200, "{:#}", done.body);
    assert_eq!(done.body["proposal"]["state"], "withdrawn");
    let listed = api.get(&proposals, None).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 2);

    // Deliberation: comments only once it begins.
    let comments = format!("/api/v1/proposals/{proposal}/comments");
    let early = api
        .post(
            &comments,
            &ben_t,
            None,
            Some(json!({ "body": "Too soon?" })),
        )
        .await;
    assert_eq!(early.status, 409);
    assert_eq!(early.problem(), "error-phase-closed");
    let next = format!("/api/v1/cycles/{cycle}/next-phase");
    let deliberation = api.post(&next, &clerk, Some("to-deliberation"), None).await;
    assert_eq!(deliberation.status, 200, "{:#}", deliberation.body);
    assert_eq!(deliberation.body["phase"], "deliberation");
    let replay = api.post(&next, &clerk, Some("to-deliberation"), None).await;
    assert!(replay.replayed);
    assert_eq!(replay.body["phase"], "deliberation", "moved on once");
    let first = api
        .post(
            &comments,
            &ben_t,
            None,
            Some(json!({ "body": "Which trees?" })),
        )
        .await;
    assert_eq!(first.status, 201, "{:#}", first.body);
    assert_eq!(first.body["depth"], 0);
    let first_id = first.body["id"].as_str().unwrap().to_owned();
    let reply = api
        .post(
            &comments,
            &ana_t,
            None,
            Some(json!({ "body": "Oaks and willows.", "parent_id": first_id })),
        )
        .await;
    assert_eq!(reply.status, 201, "{:#}", reply.body);
    assert_eq!(reply.body["depth"], 1);
    assert_eq!(reply.body["parent_id"], first_id.as_str());
    let rude = api
        .post(
            &comments,
            &ben_t,
            None,
            Some(json!({ "body": "Nonsense!!" })),
        )
        .await;
    let rude_id = rude.body["id"].as_str().unwrap().to_owned();
    let report = format!("/api/v1/comments/{rude_id}/report");
    let reported = api
        .post(&report, &ana_t, None, Some(json!({ "reason": "Rude" })))
        .await;
    assert_eq!(reported.status, 204);
    let twice = api
        .post(&report, &ana_t, None, Some(json!({ "reason": "Rude" })))
        .await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.problem(), "error-already-reported");
    citysync_app::governance::comments::moderate(
        &server.running().ctx,
        &user_named(&server, "clerk").await,
        &rude_id,
        true,
        "Personal attack",
    )
    .await
    .unwrap();
    let thread = api.get(&comments, None).await;
    assert_eq!(thread.status, 200);
    let thread = thread.body.as_array().unwrap().clone();
    assert_eq!(thread.len(), 3);
    assert_eq!(thread[0]["id"], first_id.as_str());
    assert_eq!(
        thread[1]["parent_id"],
        first_id.as_str(),
        "the reply follows its parent"
    );
    let hidden = &thread[2];
    assert_eq!(hidden["hidden"], true);
    assert_eq!(hidden["body"], "");
    assert_eq!(hidden["hidden_reason"], "Personal attack");
    assert_eq!(hidden["reports"], Value::Null, "reports are for moderators");
    let as_moderator = api.get(&comments, Some(&clerk)).await;
    assert_eq!(as_moderator.body[2]["reports"], 1);

    // Voting: the snapshot gives each 10 voice credits.
    let voting = api.post(&next, &clerk, None, None).await;
    assert_eq!(voting.body["phase"], "voting");
    assert_eq!(voting.body["eligible_voters"], 2);
    let ballot = format!("/api/v1/proposals/{proposal}/ballot");
    let mine = api.get(&ballot, Some(&ana_t)).await;
    assert_eq!(mine.status, 200, "{:#}", mine.body);
    assert_eq!(mine.body["eligible"], true);
    assert_eq!(mine.body["weight"], 10);
    assert_eq!(mine.body["ballot"], Value::Null);
    assert_eq!(mine.body["credits_remaining"], 10);
    let dear = api
        .post(
            &ballot,
            &ana_t,
            None,
            Some(json!({ "kind": "quadratic", "votes": [4, 0] })),
        )
        .await;
    assert_eq!(dear.status, 400);
    assert_eq!(dear.problem(), "error-ballot-credits-exceeded");
    let wrong = api
        .post(
            &ballot,
            &ana_t,
            None,
            Some(json!({ "kind": "weighted_majority", "option": 0 })),
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.problem(), "error-ballot-invalid");
    let cast = api
        .post(
            &ballot,
            &ana_t,
            Some("ana-ballot"),
            Some(json!({ "kind": "quadratic", "votes": [3, 0] })),
        )
        .await;
    assert_eq!(cast.status, 200, "{:#}", cast.body);
    assert_eq!(
        cast.body["ballot"],
        json!({ "kind": "quadratic", "votes": [3, 0] })
    );
    assert_eq!(cast.body["credits_spent"], 9);
    assert_eq!(cast.body["credits_remaining"], 1);
    let replay = api
        .post(
            &ballot,
            &ana_t,
            Some("ana-ballot"),
            Some(json!({ "kind": "quadratic", "votes": [3, 0] })),
        )
        .await;
    assert!(replay.replayed);
    assert_eq!(replay.body, cast.body);
    let other = api
        .post(
            &ballot,
            &ana_t,
            Some("ana-ballot"),
            Some(json!({ "kind": "quadratic", "votes": [0, 3] })),
        )
        .await;
    assert_eq!(other.status, 409);
    assert_eq!(other.problem(), "error-idempotency-conflict");
    let ben_cast = api
        .post(
            &ballot,
            &ben_t,
            None,
            Some(json!({ "kind": "quadratic", "votes": [0, 2] })),
        )
        .await;
    assert_eq!(ben_cast.status, 200, "{:#}", ben_cast.body);
    let during = api
        .get(&format!("/api/v1/proposals/{proposal}"), None)
        .await;
    assert_eq!(during.body["ballots_cast"], 2);
    assert_eq!(during.body["proposal"]["result"], Value::Null);

    // The results: tallied and public.
    let results = api.post(&next, &clerk, None, None).await;
    assert_eq!(results.body["phase"], "results");
    let closed = api
        .get(&format!("/api/v1/proposals/{proposal}"), None)
        .await;
    let p = &closed.body["proposal"];
    assert_eq!(p["state"], "passed", "{p:#}");
    assert_eq!(p["result"]["outcome"], "passed");
    assert_eq!(p["result"]["support"], json!([3, 2]));
    assert_eq!(p["result"]["voters"], 2);
    assert_eq!(p["result"]["quorum_met"], true);
    let over = api.post(&next, &clerk, None, None).await;
    assert_eq!(over.status, 409);

    let parameters = api.get("/api/v1/parameters", None).await;
    assert_eq!(parameters.status, 200);
    assert!(
        parameters.body["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "epoch_length" && p["source"]["source"] == "configuration"),
        "{:#}",
        parameters.body
    );

    server.stop().await;
}
