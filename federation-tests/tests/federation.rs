//! All federation tests in one binary: real processes, real HTTP, real signatures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_federation_tests::{eventually, Instance};
use serde_json::Value;
use std::time::Duration;

const AP: &str = "application/activity+json";

async fn get_json(url: &str, accept: &str) -> (u16, String, Value) {
    let resp = citysync_federation_tests::http()
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

    // B's actor is a Service with a public key, as AS2 JSON when asked, HTML otherwise.
    let (status, ct, actor) = get_json(&b.actor_url(), AP).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with(AP), "{ct}");
    assert_eq!(actor["type"], "Service");
    assert!(actor["publicKey"]["publicKeyPem"]
        .as_str()
        .unwrap()
        .contains("BEGIN PUBLIC KEY"));
    let page = citysync_federation_tests::http()
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
    let resp = citysync_federation_tests::http()
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
