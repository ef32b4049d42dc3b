//! All federation tests in one binary: real processes, real HTTP, real signatures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::instance::{eventually, Instance};
use serde_json::Value;
use std::time::Duration;

const AP: &str = "application/activity+json";

async fn get_json(url: &str, accept: &str) -> (u16, String, Value) {
    let resp = citysync_test_support::instance::http()
        .get(url)
        .header("Accept", accept)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = resp.text().await.unwrap();
    (
        status,
        ct,
        serde_json::from_str(&body).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_city_follows_another_through_webfinger_and_signed_activities() {
    let (a, b) = tokio::try_join!(Instance::start("berkeley"), Instance::start("cdmx")).unwrap();

    // B answers WebFinger for its city actor, with the port in the host.
    let (status, _, wf) = get_json(
        &format!(
            "{}/.well-known/webfinger?resource=acct:{}",
            b.base,
            b.handle()
        ),
        "application/jrd+json",
    )
    .await;
    assert_eq!(status, 200, "{wf}");
    assert_eq!(wf["subject"], format!("acct:{}", b.handle()));
    assert!(wf["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["href"] == b.actor_url()));
    // And by the actor's own URL (the reverse lookup Fedify's getActorHandle() makes):
    // the same acct: subject, the URL an alias. A URL that is not an actor's is unknown.
    let (status, _, by_url) = get_json(
        &format!(
            "{}/.well-known/webfinger?resource={}",
            b.base,
            b.actor_url()
        ),
        "application/jrd+json",
    )
    .await;
    assert_eq!(status, 200, "{by_url}");
    assert_eq!(by_url["subject"], format!("acct:{}", b.handle()));
    assert_eq!(by_url["aliases"][0], b.actor_url());
    let (status, _, _) = get_json(
        &format!(
            "{}/.well-known/webfinger?resource={}/organizations/nobody",
            b.base, b.base
        ),
        "application/jrd+json",
    )
    .await;
    assert_eq!(status, 404);

    // B's actor is a Service with a public key, as AS2 JSON when asked, HTML otherwise.
    let (status, ct, actor) = get_json(&b.actor_url(), AP).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with(AP), "{ct}");
    assert_eq!(actor["type"], "Service");
    assert!(actor["publicKey"]["publicKeyPem"]
        .as_str()
        .unwrap()
        .contains("BEGIN PUBLIC KEY"));
    let page = citysync_test_support::instance::http()
        .get(b.actor_url())
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));

    // A follows B by handle; B records A as a follower and A sees the Accept.
    let out = a
        .cli(&["federation", "follow", &format!("@{}", b.handle())], None)
        .unwrap();
    assert!(out.contains(&b.actor_url()), "{out}");
    let followers_url = format!("{}/city/followers", b.base);
    let followers = eventually(
        "B records A as a follower",
        Duration::from_secs(30),
        || async {
            let (_, _, json) = get_json(&followers_url, AP).await;
            (json["totalItems"] == 1).then_some(json)
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}\nA log:\n{}\nB log:\n{}", a.log_text(), b.log_text()));
    assert_eq!(followers["orderedItems"][0], a.actor_url());
    eventually(
        "A sees the follow accepted",
        Duration::from_secs(30),
        || async {
            let peers = a.cli(&["federation", "peers"], None).ok()?;
            peers
                .lines()
                .any(|l| l.contains(&b.actor_url()) && l.contains("accepted"))
                .then_some(())
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}\nA log:\n{}\nB log:\n{}", a.log_text(), b.log_text()));

    // An unsigned Follow is refused with 401 and changes nothing.
    let forged = serde_json::json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "http://localhost:1/activities/follow/x",
        "type": "Follow",
        "actor": "http://localhost:1/city",
        "object": b.actor_url(),
    });
    let resp = citysync_test_support::instance::http()
        .post(format!("{}/inbox", b.base))
        .header("Content-Type", AP)
        .body(forged.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        401,
        "an unsigned POST is refused as unauthenticated"
    );
    let (_, _, json) = get_json(&followers_url, AP).await;
    assert_eq!(json["totalItems"], 1);

    // NodeInfo names the software and counts users.
    let (_, _, links) = get_json(
        &format!("{}/.well-known/nodeinfo", b.base),
        "application/json",
    )
    .await;
    let href = links["links"][0]["href"].as_str().unwrap().to_owned();
    let (status, _, info) = get_json(&href, "application/json").await;
    assert_eq!(status, 200);
    assert_eq!(info["software"]["name"], "citysync");
    assert_eq!(info["protocols"][0], "activitypub");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passed_adopt_model_decision_installs_the_peer_organizations_templates() {
    use chrono::Duration as Days;
    use citysync_app::governance::adoptions::{self, AdoptionState};
    use citysync_app::governance::{cycles, proposals, voting, CycleInput, ProposalInput};
    use citysync_domain::governance::{Ballot, ProposalContent, Rules, Schedule, VotingMethod};
    use citysync_test_support::instance::city::Issuer;

    let (berkeley, cdmx) =
        tokio::try_join!(Instance::start("berkeley"), Instance::start("cdmx")).unwrap();
    let bk = Issuer::new(berkeley.app().await, "creek-friends").await;
    let template = bk.active_template("Creek cleanup").await;
    let template_url = format!("{}/templates/{template}", berkeley.base);
    let cd = Issuer::new(cdmx.app().await, "rios-limpios").await;
    let ana = citysync_test_support::person(&cd.ctx, "ana", false).await;
    citysync_test_support::mint(&cd.ctx, &cd.org_id.to_string(), &ana, 0, 9)
        .await
        .unwrap();

    // cdmx decides to adopt berkeley's creek-friends catalog, and a model that is not there.
    let now = cd.ctx.now();
    let cycle = cycles::create(
        &cd.ctx,
        &cd.admin,
        CycleInput {
            title: "Modelos".into(),
            description: "What cdmx takes from other cities".into(),
            schedule: Schedule {
                proposals_at: now - Days::minutes(1),
                deliberation_at: now + Days::days(1),
                voting_at: now + Days::days(2),
                results_at: now + Days::days(3),
            },
            rules: Rules {
                method: VotingMethod::Quadratic,
                quorum_percent: 30,
                min_vote: 1,
            },
            pool: 0,
        },
    )
    .await
    .unwrap();
    let mut drafted = Vec::new();
    for model_url in [
        format!("{}/organizations/creek-friends", berkeley.base),
        format!("{}/templates/no-such-template", berkeley.base),
    ] {
        let proposal = proposals::draft(
            &cd.ctx,
            &cd.owner,
            &cycle.id,
            ProposalInput {
                title: format!("Adopt {model_url}"),
                body: "It works there.".into(),
                content: ProposalContent::AdoptModel { model_url },
                organization: Some("rios-limpios".into()),
            },
        )
        .await
        .unwrap();
        drafted.push(proposal.id);
    }
    for _ in 0..2 {
        cycles::begin_next_phase(&cd.ctx, &cd.admin, &cycle.id)
            .await
            .unwrap();
    }
    for id in &drafted {
        voting::cast(&cd.ctx, &ana, id, Ballot::marking([(0, 1)]))
            .await
            .unwrap();
    }
    cycles::begin_next_phase(&cd.ctx, &cd.admin, &cycle.id)
        .await
        .unwrap();

    // cdmx's worker fetches the organization and its outbox; the template becomes a draft
    // of the proposing organization, adapted from berkeley's.
    let installed = eventually(
        "the model is installed",
        Duration::from_secs(90),
        || async {
            let a = adoptions::adoption(&cd.ctx, &drafted[0]).await.unwrap()?;
            (a.state != AdoptionState::Pending).then_some(a.state)
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", cdmx.log_text()));
    assert_eq!(
        installed,
        AdoptionState::Installed {
            installed: 1,
            offered: 1
        }
    );
    let org = citysync_app::organizations::by_handle(&cd.ctx, "rios-limpios", None)
        .await
        .unwrap();
    let drafts = citysync_app::catalog::templates_of(&cd.ctx, &org, true)
        .await
        .unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].spec.title, "Creek cleanup");
    assert_eq!(
        citysync_app::catalog::adapted_from(&cd.ctx, &drafts[0].id)
            .await
            .unwrap(),
        Some(template_url)
    );
    let missing = eventually(
        "the missing model fails",
        Duration::from_secs(90),
        || async {
            let a = adoptions::adoption(&cd.ctx, &drafted[1]).await.unwrap()?;
            (a.state != AdoptionState::Pending).then_some(a.state)
        },
    )
    .await
    .unwrap();
    assert_eq!(
        missing,
        AdoptionState::Failed {
            reason: adoptions::GONE.into()
        }
    );
    // The proposal page says what happened, in the reader's language.
    let page = citysync_test_support::instance::http()
        .get(format!("{}/proposals/{}", cdmx.base, drafted[0]))
        .header("Accept", "text/html")
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("1 de 1 plantillas de tareas son ahora borradores"),
        "{page}"
    );
}
