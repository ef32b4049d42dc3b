//! Governance through the real pages (cookies, CSRF, forms): four residents earn VOTE by
//! verified work; the administrator opens a quadratic cycle whose proposal phase has begun;
//! a resident with VOTE proposes doubling the rewards of environmental work while one
//! without VOTE is refused; deliberation with a reply, a report and a moderator's hiding in
//! the public log; the author's late edit refused; a quadratic vote with a ballot that costs
//! too much refused and one ballot changed, no one ever seeing another's choice; the rules
//! frozen once voting opened; the tally with turnout and quorum; the parameter in force
//! linked to its proposal; and the next verified work paid double. In Spanish too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use chrono::Duration;
use common::governance::*;
use common::{
    approved_issuer, environment_template, page, post, published_opportunity, resident, set_budget,
    set_up_city, text_between, verified_work, TestServer,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quadratic_vote_doubles_environment_rewards_for_the_next_verified_work() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let carmen = resident(&server, "carmen", PASSWORD).await;
    let dora = resident(&server, "dora", PASSWORD).await;
    let eve = resident(&server, "eve", PASSWORD).await;
    let anon = server.client();

    // An issuer with a CITY budget; four residents earn 5.00 CITY and 10 VOTE each.
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "1000").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 10).await;
    let first = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    for client in [&ana, &ben, &carmen, &dora] {
        verified_work(&server, client, &vera, HANDLE, &first).await;
    }
    let (_, html) = page(&ana, &server.url("/wallet")).await;
    assert!(
        html.contains("<dd id=\"balance-city\">5.00 CITY</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd id=\"balance-vote\">10 VOTE</dd>"),
        "{html}"
    );

    // The public list, with the navigation link; only administrators open cycles.
    let (status, html) = page(&anon, &server.url("/governance")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<a href=\"/governance\">Governance</a>"),
        "{html}"
    );
    assert!(
        html.contains("No decision cycle has been opened yet."),
        "{html}"
    );
    assert!(!html.contains("/governance/new"), "{html}");
    assert_eq!(page(&ana, &server.url("/governance/new")).await.0, 403);
    let (_, html) = page(&admin, &server.url("/governance")).await;
    assert!(html.contains("href=\"/governance/new\""), "{html}");

    // A cycle whose dates are out of order is refused beside the dates; nothing is opened.
    let now = server.running().ctx.now();
    let (opens, deliberation, voting, results) = (
        local(now - Duration::hours(1)),
        local(now + Duration::days(1)),
        local(now + Duration::days(2)),
        local(now + Duration::days(3)),
    );
    let mut fields = vec![
        ("title", "Spring decisions"),
        ("description", "What the city does **next season**."),
        ("proposals_at", opens.as_str()),
        ("deliberation_at", voting.as_str()),
        ("voting_at", deliberation.as_str()),
        ("results_at", results.as_str()),
        ("method", "quadratic"),
        ("quorum_percent", "30"),
        ("min_vote", "1"),
    ];
    let resp = submit(
        &server,
        &admin,
        "/governance/new",
        "/governance/new",
        &fields,
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    let error = text_between(&html, "<p class=\"error\" id=\"f-schedule-error\">", "</p>");
    assert!(
        error.contains("must follow each other: proposals, then deliberation"),
        "{html}"
    );
    assert!(html.contains("value=\"Spring decisions\""), "{html}");
    let (_, html) = page(&anon, &server.url("/governance")).await;
    assert!(
        html.contains("No decision cycle has been opened yet."),
        "{html}"
    );

    // Opened with the proposal phase already begun.
    fields[3] = ("deliberation_at", deliberation.as_str());
    fields[4] = ("voting_at", voting.as_str());
    let resp = submit(
        &server,
        &admin,
        "/governance/new",
        "/governance/new",
        &fields,
    )
    .await;
    let cycle_path = location(&resp);
    let cycle = cycle_path.trim_start_matches("/governance/").to_owned();
    let (status, html) = page(&anon, &server.url(&cycle_path)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Now: proposals are open."), "{html}");
    assert!(html.contains("<strong>next season</strong>"), "{html}");
    assert!(html.contains("Quadratic voting"), "{html}");
    assert!(
        html.contains("30% of the eligible VOTE must take part"),
        "{html}"
    );
    assert!(
        html.contains("id=\"step-proposals\" class=\"step-current\" aria-current=\"step\""),
        "{html}"
    );
    assert!(html.contains("Sign in to make a proposal"), "{html}");
    assert!(!html.contains("next-phase"), "{html}");
    let (_, html) = page(&anon, &server.url("/governance")).await;
    assert!(
        html.contains("Spring decisions") && html.contains("Proposals"),
        "{html}"
    );

    // A resident without VOTE is refused; one with VOTE proposes doubling the multiplier.
    let (_, html) = page(&eve, &server.url(&cycle_path)).await;
    let new = format!("{cycle_path}/proposals/new?kind=parameter_change");
    assert!(html.contains(&format!("href=\"{new}\"")), "{html}");
    let change = [
        ("kind", "parameter_change"),
        ("title", "Double the rewards for creek work"),
        (
            "body",
            "The creek needs more hands.\n\n- more cleanups\n- more planting",
        ),
        ("organization", ""),
        ("family_0", "reward_multiplier"),
        ("category_0", "environment"),
        ("value_0", "200"),
    ];
    let resp = submit(&server, &eve, &new, &new, &change).await;
    assert_eq!(resp.status().as_u16(), 403);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("You need more VOTE to make a proposal."),
        "{html}"
    );
    assert!(
        html.contains("value=\"Double the rewards for creek work\""),
        "{html}"
    );
    let (status, html) = page(&dora, &server.url(&new)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Reward multiplier for a category"), "{html}");
    assert!(html.contains("200 doubles them"), "{html}");
    assert!(
        html.contains("<option value=\"environment\">Environment</option>"),
        "{html}"
    );
    let resp = submit(&server, &dora, &new, &new, &change).await;
    let proposal_path = location(&resp);
    let proposal = proposal_path.trim_start_matches("/proposals/").to_owned();
    let (status, html) = page(&anon, &server.url(&proposal_path)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Reward multiplier for Environment"), "{html}");
    assert!(
        html.contains("×1.00 (100%)") && html.contains("×2.00 (200%)"),
        "{html}"
    );
    assert!(html.contains("<li>more cleanups</li>"), "{html}");
    assert!(html.contains("Open for changes"), "{html}");
    assert!(!html.contains("/edit\""), "{html}");
    let (_, html) = page(&eve, &server.url(&cycle_path)).await;
    assert!(
        html.contains("Double the rewards for creek work") && html.contains("@dora"),
        "{html}"
    );

    // Its author edits it while the proposal phase lasts.
    let edit = format!("{proposal_path}/edit");
    let (status, html) = page(&dora, &server.url(&proposal_path)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("href=\"{edit}\"")), "{html}");
    assert_eq!(page(&ana, &server.url(&edit)).await.0, 403);
    let mut edited = change;
    edited[1] = ("title", "Double the rewards for environmental work");
    let resp = submit(&server, &dora, &edit, &edit, &edited).await;
    assert_eq!(location(&resp), proposal_path);

    // Deliberation: two comments and a reply, threaded.
    let (_, html) = page(&admin, &server.url(&cycle_path)).await;
    assert!(
        html.contains("Start the next phase now: deliberation"),
        "{html}"
    );
    next_phase(&server, &admin, &cycle).await;
    let (_, html) = page(&anon, &server.url(&cycle_path)).await;
    assert!(html.contains("Now: deliberation."), "{html}");
    let comments = format!("{proposal_path}/comments");
    let resp = submit(&server, &ana, &proposal_path, &comments, &[("body", "")]).await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("Please fill in this field"));
    let resp = submit(
        &server,
        &ana,
        &proposal_path,
        &comments,
        &[("body", "Yes! The creek deserves it.")],
    )
    .await;
    let ana_comment = location(&resp)
        .split("#comment-")
        .nth(1)
        .unwrap()
        .to_owned();
    let resp = submit(
        &server,
        &ben,
        &proposal_path,
        &comments,
        &[("body", "Only fools clean creeks, ana.")],
    )
    .await;
    let ben_comment = location(&resp)
        .split("#comment-")
        .nth(1)
        .unwrap()
        .to_owned();
    let resp = submit(
        &server,
        &carmen,
        &proposal_path,
        &comments,
        &[
            ("body", "Agreed, and planting too."),
            ("parent_id", &ana_comment),
        ],
    )
    .await;
    let carmen_comment = location(&resp)
        .split("#comment-")
        .nth(1)
        .unwrap()
        .to_owned();
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    let thread = text_between(
        &html,
        &format!("id=\"comment-{ana_comment}\""),
        &format!("id=\"comment-{carmen_comment}\""),
    );
    assert!(thread.contains("<ol>"), "the reply is not nested: {html}");
    assert!(
        html.contains("Yes! The creek deserves it.") && html.contains("Only fools"),
        "{html}"
    );

    // A report, once; the administrator hides the comment with a public reason.
    let report = format!("{proposal_path}/comments/{ben_comment}/report");
    let resp = submit(
        &server,
        &dora,
        &proposal_path,
        &report,
        &[("reason", "Insulting")],
    )
    .await;
    assert_eq!(
        location(&resp),
        format!("{proposal_path}#comment-{ben_comment}")
    );
    let resp = submit(
        &server,
        &dora,
        &proposal_path,
        &report,
        &[("reason", "Again")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("You have already reported this comment."));
    let (status, html) = page(&admin, &server.url("/governance/moderation")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(&format!("id=\"reported-{ben_comment}\"")),
        "{html}"
    );
    assert!(html.contains("Only fools clean creeks, ana."), "{html}");
    let (_, html) = page(&anon, &server.url("/governance/moderation")).await;
    assert!(
        !html.contains("Only fools"),
        "reports are for moderators: {html}"
    );
    let moderate = format!("{proposal_path}/comments/{ben_comment}/moderate");
    let hide = |reason: &'static str| {
        [
            ("action", "hide"),
            ("reason", reason),
            ("return_to", "/governance/moderation"),
        ]
    };
    let resp = submit(&server, &ben, &proposal_path, &moderate, &hide("Mine")).await;
    assert_eq!(resp.status().as_u16(), 403);
    let resp = submit(
        &server,
        &admin,
        "/governance/moderation",
        &moderate,
        &hide(""),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("Please fill in this field"));
    let resp = submit(
        &server,
        &admin,
        "/governance/moderation",
        &moderate,
        &hide("Name-calling is not allowed here"),
    )
    .await;
    assert_eq!(location(&resp), "/governance/moderation");
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    assert!(
        html.contains("Hidden by a moderator: Name-calling is not allowed here"),
        "{html}"
    );
    assert!(!html.contains("Only fools"), "{html}");
    assert!(html.contains("Hidden by @clerk"), "{html}");
    let (_, html) = page(&anon, &server.url("/governance/moderation")).await;
    assert!(html.contains("Name-calling is not allowed here"), "{html}");
    assert!(
        html.contains("Double the rewards for environmental work"),
        "{html}"
    );

    // The text is frozen now: the author's edit is refused and changes nothing.
    let mut late = edited;
    late[1] = ("title", "Triple the rewards");
    late[6] = ("value_0", "300");
    let resp = submit(&server, &dora, &proposal_path, &edit, &late).await;
    assert_eq!(resp.status().as_u16(), 409);
    let html = resp.text().await.unwrap();
    assert!(html.contains("This cannot be done in the cycle"), "{html}");
    assert!(html.contains("current phase."), "{html}");
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    assert!(
        !html.contains("Triple") && html.contains("×2.00 (200%)"),
        "{html}"
    );

    // Voting: the snapshot, and the rules frozen (the rest still editable).
    next_phase(&server, &admin, &cycle).await;
    let (_, html) = page(&admin, &server.url(&cycle_path)).await;
    assert!(html.contains("Now: voting is open."), "{html}");
    assert!(
        html.contains("4 residents holding 40 VOTE in all"),
        "{html}"
    );
    let form = cycle_form(&html, &[("quorum_percent", "50")]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&admin, &server.url(&format!("{cycle_path}/edit")), &form).await;
    assert_eq!(resp.status().as_u16(), 409);
    let html = resp.text().await.unwrap();
    let error = text_between(&html, "id=\"f-rules-error\" role=\"alert\">", "</p>");
    assert!(error.starts_with("Voting has opened: the cycle"), "{html}");
    assert!(
        error.ends_with("method and rules can no longer change."),
        "{html}"
    );
    let (_, html) = page(&admin, &server.url(&cycle_path)).await;
    let form = cycle_form(&html, &[("title", "Spring decisions 2026")]);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = post(&admin, &server.url(&format!("{cycle_path}/edit")), &form).await;
    assert_eq!(location(&resp), cycle_path);
    let (_, html) = page(&anon, &server.url(&cycle_path)).await;
    assert!(
        html.contains("Spring decisions 2026") && html.contains("30% of the eligible"),
        "{html}"
    );

    // Who may vote, and how many credits.
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    assert!(
        html.contains("No ballots cast yet.") && html.contains("Sign in to vote"),
        "{html}"
    );
    let (_, html) = page(&eve, &server.url(&proposal_path)).await;
    assert!(
        html.contains("You are not eligible to vote in this cycle"),
        "{html}"
    );
    assert!(!html.contains("/ballot\""), "{html}");
    let (_, html) = page(&ana, &server.url(&proposal_path)).await;
    assert!(html.contains("You can vote with 10 VOTE"), "{html}");
    assert!(html.contains("You have 10 credits."), "{html}");

    // Three quadratic ballots; one costing too much is refused and changes nothing.
    let resp = vote(&server, &ana, &proposal, "3", "0").await;
    assert_eq!(location(&resp), format!("{proposal_path}#ballot"));
    let resp = vote(&server, &ben, &proposal, "4", "0").await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("These votes cost more voice credits than you have."),
        "{html}"
    );
    assert!(html.contains("1 ballot cast so far."), "{html}");
    assert!(
        html.contains("You have not voted on this proposal yet."),
        "{html}"
    );
    let resp = vote(&server, &ben, &proposal, "0", "1").await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = vote(&server, &carmen, &proposal, "2", "0").await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&carmen, &server.url(&proposal_path)).await;
    assert!(html.contains("<li>Yes: 2 votes</li>"), "{html}");
    assert!(html.contains("You can change it until the close"), "{html}");
    let resp = vote(&server, &carmen, &proposal, "3", "0").await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&carmen, &server.url(&proposal_path)).await;
    assert!(
        html.contains("<li>Yes: 3 votes</li>") && !html.contains("Yes: 2 votes"),
        "{html}"
    );
    assert!(html.contains("3 ballots cast so far."), "{html}");

    // Nobody sees anyone else's choice: only their own, or none at all.
    let (_, html) = page(&ben, &server.url(&proposal_path)).await;
    assert!(html.contains("<li>No: 1 vote</li>"), "{html}");
    assert!(!html.contains("Yes: 3 votes"), "{html}");
    assert!(html.contains("name=\"votes_0\" type=\"number\" min=\"0\" step=\"1\" inputmode=\"numeric\" value=\"0\""), "{html}");
    for client in [&anon, &eve, &dora] {
        let (_, html) = page(client, &server.url(&proposal_path)).await;
        assert!(html.contains("3 ballots cast so far."), "{html}");
        assert!(!html.contains("id=\"my-ballot\""), "{html}");
        assert!(
            !html.contains("Yes: 3 votes") && !html.contains("No: 1 vote"),
            "{html}"
        );
    }

    // Results: the tally, turnout and quorum; the parameter in force, linked.
    next_phase(&server, &admin, &cycle).await;
    let (_, html) = page(&anon, &server.url(&proposal_path)).await;
    assert!(html.contains("<strong>Passed</strong>"), "{html}");
    assert!(html.contains("<td class=\"num\">6 votes</td>"), "{html}");
    assert!(html.contains("<td class=\"num\">1 vote</td>"), "{html}");
    assert!(
        html.contains("id=\"tally-eligible\">4 residents · 40 VOTE<"),
        "{html}"
    );
    assert!(
        html.contains("id=\"tally-voters\">3 residents · 30 VOTE<"),
        "{html}"
    );
    assert!(html.contains("id=\"tally-turnout\">75.0%<"), "{html}");
    assert!(
        html.contains("id=\"tally-quorum\">30% · reached<"),
        "{html}"
    );
    assert!(
        html.contains(
            "<a href=\"/parameters\">Reward multiplier for Environment is now ×2.00 (200%)</a>"
        ),
        "{html}"
    );
    assert!(!html.contains("/ballot\""), "{html}");
    let (status, html) = page(&anon, &server.url("/parameters")).await;
    assert_eq!(status, 200, "{html}");
    let row = text_between(
        &html,
        "id=\"parameter-reward_multiplier--environment\"",
        "</tr>",
    );
    assert!(row.contains("Reward multiplier for Environment"), "{row}");
    assert!(row.contains("×2.00 (200%)"), "{row}");
    assert!(row.contains(&format!("href=\"{proposal_path}\"")), "{row}");
    assert!(html.contains("configuration default"), "{html}");
    assert!(html.contains("administrator @clerk"), "{html}");

    // The next verified environmental work pays twice the template's 5.00 CITY.
    let second =
        published_opportunity(&server, "olga", &template, "Creek cleanup, round two").await;
    verified_work(&server, &ana, &vera, HANDLE, &second).await;
    let (_, html) = page(&ana, &server.url("/wallet")).await;
    assert!(
        html.contains("<dd id=\"balance-city\">15.00 CITY</dd>"),
        "{html}"
    );
    assert!(html.contains("10.00"), "{html}");

    // In Spanish.
    let spanish = |path: String| {
        let anon = anon.clone();
        let url = server.url(&path);
        async move {
            let resp = anon
                .get(url)
                .header("Accept-Language", "es-MX,es;q=0.9")
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status().as_u16(), 200);
            resp.text().await.unwrap()
        }
    };
    let html = spanish(cycle_path.clone()).await;
    assert!(html.contains("lang=\"es\""), "{html}");
    assert!(html.contains("Ahora: ya hay resultados."), "{html}");
    assert!(
        html.contains("Voto cuadrático") && html.contains("Calendario"),
        "{html}"
    );
    assert!(html.contains("Aprobada"), "{html}");
    let html = spanish(proposal_path.clone()).await;
    assert!(html.contains("Participación y quórum"), "{html}");
    assert!(
        html.contains("Multiplicador de recompensa de Medio ambiente ahora es ×2.00 (200%)"),
        "{html}"
    );
    assert!(
        html.contains("Ocultado por la moderación: Name-calling is not allowed here"),
        "{html}"
    );
    assert!(html.contains("6 votos"), "{html}");
    let html = spanish("/parameters".to_owned()).await;
    assert!(
        html.contains("la decisión «Double the rewards for environmental work»"),
        "{html}"
    );
    // No English message is left on the Spanish pages.
    let i18n = citysync_i18n::I18n::load().unwrap();
    let es = citysync_i18n::Locale::from_code("es").unwrap();
    let en = citysync_i18n::Locale::SOURCE;
    let spanish_texts: Vec<String> = i18n
        .message_ids(es)
        .iter()
        .map(|id| i18n.message(es, id, &[]))
        .collect();
    let english: Vec<String> = i18n
        .message_ids(en)
        .into_iter()
        .filter(|id| id.starts_with("gov-"))
        .map(|id| i18n.message(en, &id, &[]))
        .filter(|m| m.len() > 12 && !m.contains('{') && !spanish_texts.contains(m))
        .collect();
    assert!(english.len() > 50, "{english:?}");
    for path in [
        "/governance".to_owned(),
        cycle_path.clone(),
        proposal_path.clone(),
        "/parameters".to_owned(),
        "/governance/moderation".to_owned(),
    ] {
        let html = spanish(path.clone()).await;
        for m in &english {
            assert!(
                !html.contains(m.as_str()),
                "{path} still shows English: {m}"
            );
        }
    }

    // For a look in a real browser: `GOVERNANCE_FLOW_HOLD=<seconds>` keeps this city serving
    // its closed cycle; the URLs are printed.
    if let Some(secs) = std::env::var("GOVERNANCE_FLOW_HOLD")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        eprintln!(
            "holding {} {cycle_path} {proposal_path} for {secs} s",
            server.url("")
        );
        tokio::time::sleep(std::time::Duration::from_secs(secs)).await;
    }
    server.stop().await;
}
