//! The federation issue's seven scenarios: three real cities (berkeley, cdmx, oakland) on
//! their own loopback addresses, each its own process and database, real signed HTTP.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::federation::remote;
use citysync_app::governance::parameters;
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_test_support::instance::city::{spec, Issuer};
use citysync_test_support::instance::{eventually, http, Instance};
use serde_json::Value;
use std::time::Duration;

const AP: &str = "application/activity+json";
const WAIT: Duration = Duration::from_secs(60);
/// Retries after a second, not a minute: the scenarios stop and start cities.
const FAST_RETRY: [(&str, &str); 1] = [("CITYSYNC_FEDERATION__RETRY_BASE_SECONDS", "1")];

async fn get(url: &str) -> (u16, Value) {
    let resp = http().get(url).header("Accept", AP).send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn arrived(at: &Instance, ap_id: &str) -> remote::RemoteObject {
    let ctx = at.app().await;
    eventually(&format!("{ap_id} reaches {}", at.name), WAIT, || async {
        remote::by_ap_id(&ctx, ap_id).await.unwrap()
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", at.log_text()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn what_works_in_one_city_travels_and_the_ledgers_stay_home() {
    let (berkeley, cdmx, oakland) = tokio::try_join!(
        Instance::start_with("berkeley", &FAST_RETRY),
        Instance::start_with("cdmx", &FAST_RETRY),
        Instance::start_with("oakland", &FAST_RETRY)
    )
    .unwrap();
    cdmx.follow(&berkeley).await;
    oakland.follow(&cdmx).await;
    let bk = Issuer::new(berkeley.app().await, "creek-friends").await;
    let cd = Issuer::new(cdmx.app().await, "rios-limpios").await;
    let cdmx_parameters_before =
        serde_json::to_string(&parameters::page(&cd.ctx).await.unwrap().lines).unwrap();

    // 1. A template and an opportunity published in berkeley appear in cdmx.
    let template = bk.active_template("Creek cleanup").await;
    let opportunity = bk.published_opportunity(&template).await;
    let template_url = format!("{}/templates/{template}", berkeley.base);
    let opportunity_url = format!("{}/opportunities/{opportunity}", berkeley.base);
    let t = arrived(&cdmx, &template_url).await;
    assert_eq!(t.kind, "template");
    assert_eq!(t.name, "Creek cleanup");
    assert!(
        t.adoptable,
        "the template is understood well enough to adopt"
    );
    assert_eq!(t.document["type"], "Document");
    assert_eq!(
        t.document["attributedTo"],
        format!("{}/organizations/creek-friends", berkeley.base)
    );
    let (_, real_template) = get(&template_url).await;
    citysync_test_support::instance::assert_documented("Document", &real_template);
    let (_, real_event) = get(&opportunity_url).await;
    citysync_test_support::instance::assert_documented("Event", &real_event);
    let (_, real_city) = get(&berkeley.actor_url()).await;
    // A city is named at its first-run setup; these test cities were never set up.
    citysync_test_support::instance::assert_documented_but(
        "Service",
        &real_city,
        &["name", "summary"],
    );
    let (_, real_org) = get(&format!("{}/organizations/creek-friends", berkeley.base)).await;
    citysync_test_support::instance::assert_documented("Organization", &real_org);
    let o = arrived(&cdmx, &opportunity_url).await;
    assert_eq!(o.document["type"], "Event");
    assert_eq!(o.document["location"]["type"], "Place");
    assert!(o.starts_at.is_some());
    // An update propagates: a new version of the template.
    citysync_app::catalog::edit_template(
        &bk.ctx,
        &bk.owner,
        &template,
        spec("Creek cleanup, with kayaks"),
    )
    .await
    .unwrap();
    let ctx = cdmx.app().await;
    eventually("the update reaches cdmx", WAIT, || async {
        let t = remote::by_ap_id(&ctx, &template_url).await.unwrap()?;
        (t.name == "Creek cleanup, with kayaks" && t.document["version"] == 2).then_some(())
    })
    .await
    .unwrap();
    // A delete propagates: the cancelled opportunity becomes a tombstone there, 410 here.
    citysync_app::catalog::change_opportunity(
        &bk.ctx,
        &bk.owner,
        &opportunity,
        OpportunityEvent::Cancel,
    )
    .await
    .unwrap();
    eventually("the delete reaches cdmx", WAIT, || async {
        let o = remote::by_ap_id(&ctx, &opportunity_url).await.unwrap()?;
        o.deleted.then_some(())
    })
    .await
    .unwrap();
    let (status, tombstone) = get(&opportunity_url).await;
    assert_eq!(status, 410);
    assert_eq!(tombstone["type"], "Tombstone");
    citysync_test_support::instance::assert_documented("Tombstone", &tombstone);

    // 2. A cdmx issuer adopts the berkeley template; berkeley shows "adopted by cdmx".
    let copy = remote::adopt(&cd.ctx, &cd.owner, "rios-limpios", &t.id)
        .await
        .unwrap();
    assert_eq!(
        citysync_app::catalog::adapted_from(&cd.ctx, &copy.id)
            .await
            .unwrap()
            .as_deref(),
        Some(template_url.as_str())
    );
    citysync_app::catalog::change_template(
        &cd.ctx,
        &cd.owner,
        &copy.id,
        citysync_domain::lifecycle::TemplateEvent::Activate,
    )
    .await
    .unwrap();
    eventually("berkeley records the adoption", WAIT, || async {
        let (_, json) = get(&format!("{template_url}/adopted-by")).await;
        (json["totalItems"] == 1).then_some(())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", berkeley.log_text()));
    let adoptions = remote::adoptions(&bk.ctx, &template).await.unwrap();
    assert_eq!(adoptions[0].adopter_domain, cdmx.domain());
    let page = http()
        .get(&template_url)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&cdmx.domain()),
        "the template page names the adopting city"
    );

    // 3. A verification in berkeley makes an attestation; oakland gets it through cdmx's
    //    Announce and checks its proof from the bytes; one flipped byte fails it.
    let work = bk.published_opportunity(&template).await;
    bk.verified_work(&work, "rosa").await;
    let oakland_ctx = oakland.app().await;
    let attestation = eventually("the attestation reaches oakland", WAIT, || async {
        remote::list(
            &oakland_ctx,
            citysync_app::federation::publications::Kind::Attestation,
            10,
        )
        .await
        .unwrap()
        .into_iter()
        .next()
    })
    .await
    .unwrap_or_else(|e| {
        panic!(
            "{e}\ncdmx:\n{}\noakland:\n{}",
            cdmx.log_text(),
            oakland.log_text()
        )
    });
    assert!(attestation.proof_verified);
    assert_eq!(attestation.via.as_deref(), Some(cdmx.actor_url().as_str()));
    let credential = &attestation.document;
    citysync_test_support::instance::assert_documented("ContributionAttestation", credential);
    assert_eq!(
        credential["issuer"],
        format!("{}/organizations/creek-friends", berkeley.base)
    );
    let subject = credential["credentialSubject"]["id"].as_str().unwrap();
    assert!(
        subject.starts_with("urn:citysync:"),
        "a pseudonym, not the resident: {subject}"
    );
    let text = credential.to_string();
    assert!(!text.contains("rosa"), "the resident is not named: {text}");
    let claims = credential["credentialSubject"].as_object().unwrap();
    assert!(
        claims.keys().all(|k| !k.to_lowercase().contains("reward")),
        "an attestation never carries credit: {text}"
    );
    let (_, org) = get(&format!("{}/organizations/creek-friends", berkeley.base)).await;
    let key = org["assertionMethod"][0]["publicKeyMultibase"]
        .as_str()
        .unwrap();
    citysync_federation::integrity::verify(credential, key).unwrap();
    let bytes = text.into_bytes();
    let mut failures = 0;
    for i in (0..bytes.len()).step_by(7) {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x01;
        if let Ok(doc) = serde_json::from_slice::<Value>(&flipped) {
            assert!(
                citysync_federation::integrity::verify(&doc, key).is_err(),
                "flipping byte {i} still verifies"
            );
        }
        failures += 1;
    }
    assert!(failures > 10);

    // 4. A berkeley parameter_change proposal appears in cdmx once closed, with its tally;
    //    cdmx's ledger and parameters do not move.
    let cdmx_ledger_before = citysync_app::ledger::check::run(&cd.ctx).await.unwrap();
    let ana = citysync_test_support::person(&bk.ctx, "ana", false).await;
    let proposal = crate::seed::decided_proposal(&bk, &ana).await;
    let proposal_url = format!("{}/proposals/{proposal}", berkeley.base);
    let closed = eventually("the closed proposal reaches cdmx", WAIT, || async {
        let p = remote::by_ap_id(&ctx, &proposal_url).await.unwrap()?;
        p.document.get("tally").is_some().then_some(p)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", berkeley.log_text()));
    assert_eq!(closed.document["type"], "Article");
    let (_, real_article) = get(&proposal_url).await;
    citysync_test_support::instance::assert_documented("Article", &real_article);
    let checkpoint = citysync_app::ledger::checkpoints::sign_now(&bk.ctx)
        .await
        .unwrap();
    let (_, real_checkpoint) = get(&format!(
        "{}/ledger/checkpoints/{}",
        berkeley.base, checkpoint.seq
    ))
    .await;
    citysync_test_support::instance::assert_documented("LedgerCheckpoint", &real_checkpoint);
    assert_eq!(closed.document["proposalKind"], "parameter_change");
    assert_eq!(closed.document["tally"]["outcome"], "passed");
    let after = citysync_app::ledger::check::run(&cd.ctx).await.unwrap();
    assert!(after.ok);
    assert_eq!(
        after.entries, cdmx_ledger_before.entries,
        "cdmx's ledger did not move"
    );
    assert_eq!(
        serde_json::to_string(&parameters::page(&cd.ctx).await.unwrap().lines).unwrap(),
        cdmx_parameters_before,
        "cdmx's parameters did not move"
    );
}
