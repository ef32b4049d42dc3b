//! Governance's other proposal kinds and ballot forms through the real pages: a budget
//! proposed on behalf of an organization and decided by approval (an abstention, an empty
//! ballot refused, the tie going to the cheaper option, the funded option paid through the
//! ledger), a policy withdrawn, and a model adopted by a weighted-majority vote.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::governance::*;
use common::{
    approved_issuer, environment_template, page, published_opportunity, resident, set_budget,
    set_up_city, text_between, verified_work, TestServer,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approval_budget_funds_what_fits_and_a_majority_adopts_a_model() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let anon = server.client();
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 3).await;
    let opportunity = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    for client in [&ana, &ben] {
        verified_work(&server, client, &vera, HANDLE, &opportunity).await;
    }

    // An approval cycle: the issuer's owner, without VOTE, proposes a budget on its behalf.
    // The city sets the cycle's pool; the proposal form no longer asks for one.
    let cycle = open_cycle_with_pool(&server, &admin, "Budget round", "approval", "50").await;
    let cycle_path = format!("/governance/{cycle}");
    let new = format!("{cycle_path}/proposals/new?kind=budget");
    let (status, html) = page(&olga, &server.url(&new)).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(
            "<option value=\"creek-friends\">Friends of the Creek (@creek-friends)</option>"
        ),
        "{html}"
    );
    assert!(!html.contains("name=\"pool\""), "{html}");
    assert!(
        text_between(&html, "id=\"cycle-pool\">", "</p>").contains("50.00 CITY"),
        "{html}"
    );
    let mut budget = vec![
        ("kind", "budget"),
        ("title", "Creek furniture"),
        ("body", "Where should 50 CITY go?"),
        ("organization", HANDLE),
        ("option_title_0", "Benches"),
        ("option_cost_0", "80"),
        ("option_org_0", HANDLE),
        ("option_title_3", "Trees"),
        ("option_cost_3", "25"),
        ("option_org_3", HANDLE),
    ];
    let resp = submit(&server, &olga, &new, &new, &budget).await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    let error = text_between(&html, "id=\"f-options-error\" role=\"alert\">", "</p>");
    assert!(error.contains("no larger than the pool"), "{html}");
    assert!(html.contains("value=\"Trees\""), "{html}");
    budget[5] = ("option_cost_0", "30");
    let resp = submit(&server, &olga, &new, &new, &budget).await;
    let budget_path = location(&resp);
    let (_, html) = page(&anon, &server.url(&budget_path)).await;
    assert!(
        html.contains("Proposed on behalf of") && html.contains("Friends of the Creek"),
        "{html}"
    );
    assert!(
        html.contains("Pool: 50.00 CITY") && html.contains("30.00 CITY"),
        "{html}"
    );

    // A policy, withdrawn by its author.
    let new_policy = format!("{cycle_path}/proposals/new?kind=policy");
    let resp = submit(
        &server,
        &ana,
        &new_policy,
        &new_policy,
        &[
            ("kind", "policy"),
            ("title", "Quiet hours"),
            ("body", "No leaf blowers before nine."),
        ],
    )
    .await;
    let policy_path = location(&resp);
    let resp = submit(
        &server,
        &ana,
        &policy_path,
        &format!("{policy_path}/withdraw"),
        &[],
    )
    .await;
    assert_eq!(location(&resp), policy_path);
    let (_, html) = page(&anon, &server.url(&policy_path)).await;
    assert!(html.contains("<strong>Withdrawn</strong>"), "{html}");
    assert!(html.contains("it will not be voted on"), "{html}");

    // Approval ballots: two options approved; an abstention.
    next_phase(&server, &admin, &cycle).await;
    next_phase(&server, &admin, &cycle).await;
    let ballot = format!("{budget_path}/ballot");
    let (_, html) = page(&ana, &server.url(&budget_path)).await;
    assert!(
        html.contains("type=\"checkbox\" name=\"option\" id=\"option-1\" value=\"1\""),
        "{html}"
    );
    let resp = submit(
        &server,
        &ana,
        &budget_path,
        &ballot,
        &[("option", "0"), ("option", "1")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = submit(&server, &ben, &budget_path, &ballot, &[]).await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("Your ballot marks nothing"));
    let resp = submit(&server, &ben, &budget_path, &ballot, &[("abstain", "on")]).await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url(&budget_path)).await;
    assert!(html.contains("<li>Benches</li><li>Trees</li>"), "{html}");
    let (_, html) = page(&ben, &server.url(&budget_path)).await;
    assert!(html.contains("You abstain"), "{html}");

    // The tie goes to the cheaper option; the other no longer fits in the pool.
    next_phase(&server, &admin, &cycle).await;
    let (_, html) = page(&anon, &server.url(&budget_path)).await;
    assert!(html.contains("<strong>Passed</strong>"), "{html}");
    assert!(html.contains("<td class=\"num\">3 VOTE</td>"), "{html}");
    assert!(html.contains("id=\"tally-turnout\">100.0%<"), "{html}");
    assert!(
        html.contains(
            "<a href=\"/organizations/creek-friends#funded-city\">Trees: 25.00 CITY paid to @creek-friends</a>"
        ),
        "{html}"
    );
    assert!(!html.contains("Benches: 30.00 CITY paid"), "{html}");
    // The payout is on the ledger with a link to its decision, and the dashboard's summary
    // counts it: what was held at the start plus every movement is what is held at the end.
    let (_, html) = page(&anon, &server.url("/ledger")).await;
    assert!(
        html.contains(&format!("<a href=\"{budget_path}\">the decision</a>")),
        "{html}"
    );
    let (status, html) = page(&anon, &server.url("/transparency")).await;
    assert_eq!(status, 200, "{html}");
    let figure = |id: &str| -> f64 {
        text_between(&html, &format!("id=\"figure-city-{id}\">"), " CITY<")
            .replace(',', "")
            .parse()
            .unwrap_or_else(|_| panic!("figure {id} in {html}"))
    };
    assert_eq!(figure("decisions"), 25.0, "{html}");
    let sum = figure("start") + figure("minted") + figure("decisions") - figure("burned");
    assert!((sum - figure("circulating")).abs() < 0.005, "{html}");
    assert!(figure("circulating") >= 25.0, "{html}");

    // A weighted-majority cycle cannot share a budget, but adopts a model.
    let cycle = open_cycle(&server, &admin, "Model round", "weighted_majority").await;
    let new = format!("/governance/{cycle}/proposals/new?kind=budget");
    budget[3] = ("organization", "");
    let resp = submit(&server, &ana, &new, &new, &budget).await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    let error = text_between(&html, "id=\"f-options-error\" role=\"alert\">", "</p>");
    assert!(error.contains("approval or quadratically"), "{html}");
    let new = format!("/governance/{cycle}/proposals/new?kind=adopt_model");
    let mut model = [
        ("kind", "adopt_model"),
        ("title", "Adopt Oakland's park templates"),
        ("body", "They work well there."),
        ("model_url", "oakland parks"),
    ];
    let resp = submit(&server, &ana, &new, &new, &model).await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("id=\"f-model_url-error\""));
    model[3] = ("model_url", "https://oakland.example/models/parks");
    let resp = submit(&server, &ana, &new, &new, &model).await;
    let model_path = location(&resp);
    next_phase(&server, &admin, &cycle).await;
    next_phase(&server, &admin, &cycle).await;
    let ballot = format!("{model_path}/ballot");
    let resp = submit(&server, &ana, &model_path, &ballot, &[("choice", "0")]).await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = submit(
        &server,
        &ben,
        &model_path,
        &ballot,
        &[("choice", "abstain")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url(&model_path)).await;
    assert!(html.contains("<ul><li>Yes</li></ul>"), "{html}");
    assert!(
        html.contains("id=\"choice-0\" value=\"0\" checked"),
        "{html}"
    );
    next_phase(&server, &admin, &cycle).await;
    let (_, html) = page(&anon, &server.url(&model_path)).await;
    assert!(html.contains("<strong>Passed</strong>"), "{html}");
    assert!(html.contains("<td class=\"num\">3 VOTE</td>"), "{html}");
    assert!(
        html.contains(
            "was adopted; its task templates are installed once the city has fetched it."
        ),
        "{html}"
    );
    let (_, html) = page(&anon, &server.url("/governance")).await;
    assert!(
        html.contains("Budget round") && html.contains("Model round"),
        "{html}"
    );

    server.stop().await;
}
