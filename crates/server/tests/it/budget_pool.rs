//! Issue 25, participatory budgeting: the pool is the city's, set by the administrator per
//! decision cycle (and audited), never by a proposer (neither the form nor the API takes
//! it). A passed budget pays each funded organization into its own account, which its
//! console shows with a link to the decision, and which pays its tasks' rewards once its
//! epoch budget is spent — every movement in the hash chain, which still verifies.

use citysync_test_support::server as common;

use common::governance::*;
use common::{
    approved_issuer, environment_template, page, published_opportunity, resident, set_budget,
    set_up_city, text_between, user_named, verified_work, TestServer,
};
use serde_json::{json, Value};

/// The verifier approves the submission waiting in the organization's queue.
async fn verified_work_pending(server: &TestServer, vera: &reqwest::Client) {
    let queue = format!("/organizations/{HANDLE}/verify");
    let (_, html) = page(vera, &server.url(&queue)).await;
    let submission = text_between(&html, "/submissions/", "/").to_owned();
    let resp = common::post(
        vera,
        &server.url(&format!("/submissions/{submission}/decide")),
        &[
            ("csrf_token", &common::csrf(&html)),
            ("organization", HANDLE),
            ("decision", "approve"),
            ("confirmed_outcome", "5"),
            ("quality_rating", "5"),
            ("feedback", "Thank you"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_sets_the_pool_and_funded_city_pays_the_organizations_tasks() {
    let server = TestServer::start().await;
    let ctx = &server.running().ctx;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let carl = resident(&server, "carl", PASSWORD).await;
    let anon = server.client();
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    // An epoch budget of 10 CITY: Ana's and Ben's work (5 CITY, 3 VOTE each) spends it all.
    set_budget(&server, &admin, HANDLE, "10").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 3).await;
    let opportunity = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    for client in [&ana, &ben] {
        verified_work(&server, client, &vera, HANDLE, &opportunity).await;
    }

    // The administrator sets the cycle's pool on the cycle form, and changes it before voting.
    let (_, html) = page(&admin, &server.url("/governance/new")).await;
    assert!(html.contains("name=\"pool\""), "{html}");
    let resp = submit(
        &server,
        &admin,
        "/governance/new",
        "/governance/new",
        &[
            ("title", "Too much"),
            ("method", "approval"),
            ("pool", "10000000.01"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(
        text_between(&html, "id=\"f-pool-error\">", "</p>").contains("at most 10,000,000"),
        "{html}"
    );
    let cycle = open_cycle_with_pool(&server, &admin, "Budget round", "approval", "40").await;
    let cycle_path = format!("/governance/{cycle}");
    let (_, html) = page(&anon, &server.url(&cycle_path)).await;
    assert!(
        text_between(&html, "id=\"rules-pool\">", "</dd>").contains("40.00 CITY"),
        "{html}"
    );
    let (_, html) = page(&admin, &server.url(&cycle_path)).await;
    let form = cycle_form(&html, &[("method", "approval"), ("pool", "60")]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = common::post(&admin, &server.url(&format!("{cycle_path}/edit")), &form).await;
    assert_eq!(location(&resp), cycle_path);
    let (_, html) = page(&anon, &server.url(&cycle_path)).await;
    assert!(
        text_between(&html, "id=\"rules-pool\">", "</dd>").contains("60.00 CITY"),
        "{html}"
    );
    // The change is in the administrators' audit trail, with who set it.
    let id = cycle.clone();
    let trail = citysync_app::trail::of_subject(ctx, citysync_app::trail::Subject::Cycle, &id)
        .await
        .unwrap();
    let set: Vec<_> = trail.iter().filter(|e| e.action == "pool_set").collect();
    assert_eq!(set.len(), 2, "{trail:?}");
    assert!(set.iter().any(|e| e.detail == "40.00 → 60.00"), "{trail:?}");
    // A resident cannot set it: the edit is refused and the pool stays.
    let resp = common::post(&ana, &server.url(&format!("{cycle_path}/edit")), &form).await;
    assert_eq!(resp.status().as_u16(), 403);

    // The proposer's form has no pool: it shows the city's. A typed `pool` is ignored.
    let new = format!("{cycle_path}/proposals/new?kind=budget");
    let (_, html) = page(&olga, &server.url(&new)).await;
    assert!(!html.contains("name=\"pool\""), "{html}");
    assert!(
        text_between(&html, "id=\"cycle-pool\">", "</p>").contains("60.00 CITY"),
        "{html}"
    );
    let mut budget = vec![
        ("kind", "budget"),
        ("title", "Creek furniture"),
        ("body", "Where should the city's CITY go?"),
        ("organization", HANDLE),
        ("pool", "9999999"),
        ("option_title_0", "Benches"),
        ("option_cost_0", "70"),
        ("option_org_0", HANDLE),
        ("option_title_1", "Trees"),
        ("option_cost_1", "25"),
        ("option_org_1", HANDLE),
    ];
    // An option costing more than the city's pool is refused, whatever the proposer typed.
    let resp = submit(&server, &olga, &new, &new, &budget).await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(
        text_between(&html, "id=\"f-options-error\" role=\"alert\">", "</p>")
            .contains("no larger than the pool"),
        "{html}"
    );
    budget[6] = ("option_cost_0", "30");
    let resp = submit(&server, &olga, &new, &new, &budget).await;
    let proposal_path = location(&resp);
    let proposal_id = proposal_path.trim_start_matches("/proposals/").to_owned();
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    assert!(
        text_between(&html, "id=\"budget-pool\">", "</p>").contains("Pool: 60.00 CITY"),
        "{html}"
    );

    // Through the API, a proposal that sets a pool is refused with a problem.
    let token = citysync_app::tokens::create(ctx, "ana", "write:proposals", "test")
        .await
        .unwrap();
    let resp = server
        .client()
        .post(server.url(&format!("/api/v1/cycles/{cycle}/proposals")))
        .bearer_auth(&token)
        .json(&json!({
            "title": "My own pool",
            "body": "A million CITY",
            "content": {"kind": "budget", "pool": 100_000_000, "options": [
                {"title": "A", "cost": 1000, "organization": HANDLE},
                {"title": "B", "cost": 1000, "organization": HANDLE},
            ]},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let problem: Value = resp.json().await.unwrap();
    assert!(
        problem["code"]
            .as_str()
            .unwrap()
            .contains("pool-set-by-city"),
        "{problem}"
    );
    // The cycle's pool is in the API's cycle.
    let resp = server
        .client()
        .get(server.url(&format!("/api/v1/cycles/{cycle}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["pool"], 6_000, "{body}");
    // Administrators set a pool through the API too; out of range is refused.
    let clerk = citysync_app::tokens::create(ctx, "clerk", "admin", "test")
        .await
        .unwrap();
    let at = |hours: i64| {
        (ctx.now() + chrono::Duration::hours(hours))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };
    let cycle_input = |pool: i64| {
        json!({
            "title": "Autumn budget",
            "schedule": {"proposals_at": at(1), "deliberation_at": at(24),
                         "voting_at": at(48), "results_at": at(72)},
            "method": "approval", "quorum_percent": 10, "min_vote": 1, "pool": pool,
        })
    };
    for (pool, status) in [(1_000_000_001, 400), (12_345, 201)] {
        let resp = server
            .client()
            .post(server.url("/api/v1/cycles"))
            .bearer_auth(&clerk)
            .json(&cycle_input(pool))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), status);
        let body: Value = resp.json().await.unwrap();
        if status == 201 {
            assert_eq!(body["pool"], 12_345, "{body}");
        } else {
            assert_eq!(body["code"], "error-pool-invalid", "{body}");
        }
    }
    // A cycle the city gave no pool takes no budget proposals.
    let bare = open_cycle(&server, &admin, "No budget", "approval").await;
    let bare_new = format!("/governance/{bare}/proposals/new?kind=budget");
    let resp = submit(&server, &olga, &bare_new, &bare_new, &budget).await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.text().await.unwrap().contains("no budget pool"));

    // Ana approves both, Ben the benches: both fit in the city's 60 CITY.
    next_phase(&server, &admin, &cycle).await;
    next_phase(&server, &admin, &cycle).await;
    let ballot = format!("{proposal_path}/ballot");
    let resp = submit(
        &server,
        &ana,
        &proposal_path,
        &ballot,
        &[("option", "0"), ("option", "1")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = submit(&server, &ben, &proposal_path, &ballot, &[("option", "0")]).await;
    assert_eq!(resp.status().as_u16(), 303);
    next_phase(&server, &admin, &cycle).await;

    // The decision links to the organization's funded account.
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    assert!(html.contains("<strong>Passed</strong>"), "{html}");
    assert!(
        html.contains(&format!(
            "<a href=\"/organizations/{HANDLE}#funded-city\">Benches: 30.00 CITY paid to @{HANDLE}</a>"
        )),
        "{html}"
    );
    // The organization's page and console show it, linked to the decision.
    for (who, path) in [
        (&anon, format!("/organizations/{HANDLE}")),
        (&olga, format!("/organizations/{HANDLE}/console")),
    ] {
        let (status, html) = page(who, &server.url(&path)).await;
        assert_eq!(status, 200, "{html}");
        let section = text_between(&html, "id=\"funded-city\">", "</section>");
        assert!(
            section.contains("55.00 CITY funded by the city"),
            "{section}"
        );
        assert!(
            section.contains(&format!(
                "30.00 CITY funded by the decision <a href=\"/proposals/{proposal_id}\">Creek furniture</a>"
            )),
            "{section}"
        );
    }

    // A task whose reward the epoch budget (spent) cannot pay: the funded CITY pays it.
    let org = citysync_app::organizations::by_handle(ctx, HANDLE, None)
        .await
        .unwrap();
    let funded_before = citysync_app::ledger::funded::of_organization(ctx, &org.id)
        .await
        .unwrap();
    assert_eq!(funded_before.balance, 5_500);
    let paid = environment_template(&server, "olga", HANDLE, 2_000, 0).await;
    let shift = published_opportunity(&server, "olga", &paid, "Creek planting").await;
    verified_work(&server, &carl, &vera, HANDLE, &shift).await;
    let wallet = citysync_app::ledger::wallet::wallet(ctx, &user_named(&server, "carl").await)
        .await
        .unwrap();
    assert_eq!(wallet.city, 2_000);
    let funded = citysync_app::ledger::funded::of_organization(ctx, &org.id)
        .await
        .unwrap();
    assert_eq!((funded.balance, funded.issued), (3_500, 2_000));
    let (_, html) = page(
        &olga,
        &server.url(&format!("/organizations/{HANDLE}/console")),
    )
    .await;
    let section = text_between(&html, "id=\"funded-city\">", "</section>");
    assert!(section.contains("35.00 CITY funded"), "{section}");
    assert!(
        section.contains("Issued as rewards so far: 20.00 CITY"),
        "{section}"
    );
    // A reward neither the budget nor the funded CITY can pay is refused, as before.
    let dear = environment_template(&server, "olga", HANDLE, 4_000, 0).await;
    let dear_shift = published_opportunity(&server, "olga", &dear, "Creek survey").await;
    common::submitted_work(&server, &ana, &dear_shift).await;
    let queue = format!("/organizations/{HANDLE}/verify");
    let (_, html) = page(&vera, &server.url(&queue)).await;
    let submission = text_between(&html, "/submissions/", "/").to_owned();
    let resp = common::post(
        &vera,
        &server.url(&format!("/submissions/{submission}/decide")),
        &[
            ("csrf_token", &common::csrf(&html)),
            ("organization", HANDLE),
            ("decision", "approve"),
            ("confirmed_outcome", "5"),
            ("quality_rating", "5"),
            ("feedback", "Thank you"),
        ],
    )
    .await;
    assert_ne!(resp.status().as_u16(), 303);
    let funded = citysync_app::ledger::funded::of_organization(ctx, &org.id)
        .await
        .unwrap();
    assert_eq!(funded.balance, 3_500);

    // With 5 CITY of epoch budget granted, the same approval passes: the budget pays first
    // (it would return to the mint at the close), the funded CITY the rest.
    set_budget(&server, &admin, HANDLE, "15").await;
    let ana_before = citysync_app::ledger::wallet::wallet(ctx, &user_named(&server, "ana").await)
        .await
        .unwrap()
        .city;
    verified_work_pending(&server, &vera).await;
    let ana_after = citysync_app::ledger::wallet::wallet(ctx, &user_named(&server, "ana").await)
        .await
        .unwrap();
    assert_eq!(ana_after.city - ana_before, 4_000);
    let funded = citysync_app::ledger::funded::of_organization(ctx, &org.id)
        .await
        .unwrap();
    assert_eq!((funded.balance, funded.issued), (0, 5_500));
    // Two mint entries for the one contribution, newest first: funded CITY, then budget.
    let lines: Vec<(&str, &str, i64)> = ana_after
        .history
        .iter()
        .take(2)
        .map(|line| (line.kind.as_str(), line.memo.as_str(), line.amount))
        .collect();
    assert_eq!(
        lines.iter().map(|l| (l.0, l.2)).collect::<Vec<_>>(),
        [("mint", 3_500), ("mint", 500)],
        "{lines:?}"
    );
    assert_eq!(lines[0].1, lines[1].1);

    // The public dashboard's CITY flow still adds up: a reward paid from funded CITY is not
    // minted twice (its CITY entered circulation when the decision paid it).
    let (status, html) = page(&anon, &server.url("/transparency")).await;
    assert_eq!(status, 200, "{html}");
    let figure = |id: &str| -> f64 {
        text_between(&html, &format!("id=\"figure-city-{id}\">"), " CITY<")
            .replace(',', "")
            .parse()
            .unwrap_or_else(|_| panic!("figure {id} in {html}"))
    };
    assert_eq!(figure("start"), 0.0, "{html}");
    assert_eq!(figure("decisions"), 55.0, "{html}");
    // Budget-paid rewards only: 2 × 5 CITY, then the 5 CITY top-up's part of the last one.
    assert_eq!(figure("minted"), 15.0, "{html}");
    let sum = figure("start") + figure("minted") + figure("decisions") - figure("burned");
    assert!((sum - figure("circulating")).abs() < 0.005, "{html}");

    // Conservation and the hash chain hold.
    let report = citysync_app::ledger::check::run(ctx).await.unwrap();
    assert!(report.ok, "{report:?}");
}
