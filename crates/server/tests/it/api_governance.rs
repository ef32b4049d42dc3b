//! The governance part of the JSON API over real HTTP, every answer checked against the
//! served OpenAPI document: a cycle opened and moved on by an administrator's token,
//! proposals, a thread with a reply, a report and a hidden comment, quadratic ballots with
//! their credits, and the tally.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use chrono::Duration;
use common::api::{token, Api};
use common::governance::{HANDLE, PASSWORD};
use common::{
    approved_issuer, environment_template, published_opportunity, resident, set_budget,
    set_up_city, user_named, verified_work, TestServer,
};
use serde_json::{json, Value};

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
            .format("%Y-%m-%dT%H:%M:%SZ")
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
