//! A generic ActivityPub implementation that is not ours (bovine, in Python) looks up a
//! City/Sync organization by WebFinger, fetches it and its opportunities, and follows it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::instance::city::Issuer;
use citysync_test_support::instance::{generic_ap_python, Instance};
use serde_json::Value;
use std::path::PathBuf;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bovine_finds_fetches_and_follows_an_organization() {
    let Some(python) = generic_ap_python() else {
        return;
    };
    let berkeley = Instance::start("berkeley").await.unwrap();
    let issuer = Issuer::new(berkeley.app().await, "creek-friends").await;
    let template = issuer.active_template("Creek cleanup").await;
    let opportunity = issuer.published_opportunity(&template).await;
    let org_url = format!("{}/organizations/creek-friends", berkeley.base);
    let opportunity_url = format!("{}/opportunities/{opportunity}", berkeley.base);

    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("generic/follow_with_bovine.py");
    let out = tokio::process::Command::new(&python)
        .arg(&script)
        .arg(&berkeley.base)
        .arg(format!("creek-friends@{}", berkeley.domain()))
        .output()
        .await
        .expect("running the bovine client");
    assert!(
        out.status.success(),
        "bovine client failed:\n{}\n--- city log ---\n{}",
        String::from_utf8_lossy(&out.stderr),
        berkeley.log_text()
    );
    let seen: Value = serde_json::from_slice(&out.stdout).expect("the client's JSON line");

    assert_eq!(seen["webfinger"], org_url, "{seen:#}");
    assert_eq!(seen["organization"]["type"], "Organization");
    assert_eq!(seen["organization"]["id"], org_url);
    let events = seen["events"].as_array().expect("events");
    assert_eq!(events.len(), 1, "{seen:#}");
    assert_eq!(events[0]["id"], opportunity_url);
    assert_eq!(events[0]["attributedTo"], org_url);
    assert_eq!(events[0]["location"], "Strawberry Creek bridge");
    assert!(events[0]["startTime"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert!(
        matches!(seen["follow_status"].as_u64(), Some(200 | 202)),
        "{seen:#}"
    );
    // The organization answered with an Accept signed by its own key, about that Follow.
    let answer = &seen["answer"];
    assert_eq!(answer["type"], "Accept", "{seen:#}");
    assert_eq!(answer["actor"], org_url);
    assert_eq!(answer["signed_by"], org_url);
    assert_eq!(answer["object_id"], answer["follow_id"]);

    // And berkeley lists the bovine actor among the organization's followers.
    let followers: Value = citysync_test_support::instance::http()
        .get(format!("{org_url}/followers"))
        .header("Accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let follower = answer["follow_id"]
        .as_str()
        .and_then(|f| f.split("/follows/").next())
        .map(|base| format!("{base}/actor"))
        .unwrap();
    assert!(
        followers["orderedItems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == &Value::String(follower.clone())),
        "{followers:#}"
    );
}
