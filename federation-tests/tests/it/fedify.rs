//! Issue 24: Fedify (TypeScript, pinned in federation-tests/fedify with its lockfile) as an
//! independent peer of a real `citysync serve` that sits behind https (a TLS front on
//! loopback, as a production city sits behind Caddy). federation-tests/fedify/peer.mjs does
//! the looking, parsing, following, joining and verifying; this test seeds the city, starts
//! the peer with a plan, makes the city act once the peer follows, and reads the verdict.
//!
//! Node.js is needed; the packages are installed with `npm ci` on first use. Without Node
//! the test is skipped, except in CI (`CI=true`), where it fails.

use citysync_app::catalog;
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_test_support::instance::city::{spec, Issuer};
use citysync_test_support::instance::tls::TlsFront;
use citysync_test_support::instance::Instance;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// The peer's folder, its packages installed from the lockfile; `None` (outside CI) when
/// Node.js or npm is missing.
fn fedify_peer() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fedify");
    citysync_test_support::node::npm_packages(&dir, "the Fedify peer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fedify_looks_up_parses_follows_joins_and_verifies_a_city() {
    let Some(peer_dir) = fedify_peer() else {
        return;
    };
    let listener = TlsFront::bind().unwrap();
    let public = format!(
        "https://localhost:{}",
        listener.local_addr().unwrap().port()
    );
    let fast_retry = [("CITYSYNC_FEDERATION__RETRY_BASE_SECONDS", "1")];
    let city = Instance::start_public("fedify", Some(&public), &fast_retry)
        .await
        .unwrap();
    let front = TlsFront::serve(listener, city.port, &city.data_dir()).unwrap();
    assert_eq!(front.base(), public);

    // Every kind of object: a template, opportunities, verified work (an attestation), a
    // resident with a public profile, a decided proposal, a ledger checkpoint.
    let bk = Issuer::new(city.app().await, "creek-friends").await;
    let template = bk.active_template("Creek cleanup").await;
    let opportunity = bk.published_opportunity(&template).await;
    let to_cancel = bk.published_opportunity(&template).await;
    let ana = bk.verified_work(&opportunity, "ana").await;
    citysync_app::accounts::set_profile(&bk.ctx, &ana, "Ana", true)
        .await
        .unwrap();
    let proposal = crate::seed::decided_proposal(&bk, &ana).await;
    let checkpoint = citysync_app::ledger::checkpoints::sign_now(&bk.ctx)
        .await
        .unwrap();
    let starts = catalog::opportunity(&bk.ctx, &opportunity, None)
        .await
        .unwrap()
        .starts_at
        .and_utc()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let org = format!("{public}/organizations/creek-friends");
    let (_, contributions) = citysync_app::claims::my_work(&bk.ctx, &ana).await.unwrap();
    let attestation = format!("{public}/attestations/{}", contributions[0].id);
    let domain = city.domain();
    let plan = json!({
        "city": public,
        "handles": {
            "city": city.handle(),
            "organization": format!("creek-friends@{domain}"),
            "resident": format!("ana@{domain}"),
        },
        "actors": {
            "city": city.actor_url(),
            "organization": org,
            "resident": format!("{public}/users/ana"),
        },
        "objects": {
            "template": format!("{public}/templates/{template}"),
            "opportunity": format!("{public}/opportunities/{opportunity}"),
            "proposal": format!("{public}/proposals/{proposal}"),
            "attestation": attestation,
            "checkpoint": format!("{public}/ledger/checkpoints/{}", checkpoint.seq),
        },
        "opportunity_starts": starts,
    });
    let plan_file = city.data_dir().join("fedify-plan.json");
    std::fs::write(&plan_file, plan.to_string()).unwrap();

    let mut node = tokio::process::Command::new("node")
        .arg(peer_dir.join("peer.mjs"))
        .arg(&plan_file)
        .current_dir(&peer_dir)
        .env("NODE_EXTRA_CA_CERTS", &front.certificate)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("starting node");
    let said = Arc::new(Mutex::new(String::new()));
    let stderr = node.stderr.take().unwrap();
    let kept = said.clone();
    tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            let mut said = kept.lock().unwrap();
            said.push_str(&line);
            said.push('\n');
        }
    });
    let failed = |what: &str| -> String {
        format!(
            "{what}\n--- Fedify peer ---\n{}\n--- city log ---\n{}",
            said.lock().unwrap(),
            city.log_text()
        )
    };
    let mut stdout = BufReader::new(node.stdout.take().unwrap()).lines();
    let mut next_line = async || {
        tokio::time::timeout(Duration::from_secs(300), stdout.next_line())
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
    };

    // Lookups, parsing, collections, proofs, follows, the Join and the Leave.
    let ready = next_line()
        .await
        .unwrap_or_else(|| panic!("{}", failed("the peer stopped before it was ready")));
    let ready: Value = serde_json::from_str(&ready).unwrap();
    assert_eq!(ready["ready"], true, "{ready}");

    // Now the city acts: a new opportunity, verified work on it, a corrected template, a
    // cancelled opportunity, a checkpoint.
    let fresh = bk.published_opportunity(&template).await;
    bk.verified_work(&fresh, "bea").await;
    catalog::edit_template(&bk.ctx, &bk.owner, &template, spec("Creek, kayaks"))
        .await
        .unwrap();
    catalog::change_opportunity(&bk.ctx, &bk.owner, &to_cancel, OpportunityEvent::Cancel)
        .await
        .unwrap();
    citysync_app::ledger::checkpoints::sign_now(&bk.ctx)
        .await
        .unwrap();
    let mut stdin = node.stdin.take().unwrap();
    let go = json!({ "opportunity": format!("{public}/opportunities/{fresh}") });
    stdin.write_all(format!("{go}\n").as_bytes()).await.unwrap();
    stdin.flush().await.unwrap();

    let verdict = next_line()
        .await
        .unwrap_or_else(|| panic!("{}", failed("the peer gave no verdict")));
    let status = tokio::time::timeout(Duration::from_secs(30), node.wait())
        .await
        .expect("the peer exits")
        .unwrap();
    let verdict: Value = serde_json::from_str(&verdict).unwrap();
    println!("Fedify's verdict: {verdict:#}");
    assert!(
        status.success() && verdict["failures"].as_array().is_some_and(Vec::is_empty),
        "{}",
        failed(&format!("Fedify found problems: {:#}", verdict["failures"]))
    );
    // The peer really looked: every actor, the collections, and proofs it verified itself.
    assert!(verdict["checks"].as_u64().unwrap() >= 40, "{verdict:#}");
    for role in ["city", "organization", "resident"] {
        assert!(verdict["lookups"][role]["id"].is_string(), "{verdict:#}");
    }
    assert!(
        verdict["collections"]["organization outbox"]
            .as_u64()
            .unwrap()
            >= 3
    );
    // Each Fedify actor signed with its own first knock and was accepted at once, and the
    // city answered each in kind (the RFC 9421 peer with RFC 9421).
    let inbound = &verdict["inbound"];
    assert_eq!(
        inbound["cavage signed with"],
        json!(["draft-cavage"]),
        "{verdict:#}"
    );
    assert_eq!(
        inbound["rfc signed with"],
        json!(["rfc9421"]),
        "{verdict:#}"
    );
    assert_eq!(
        inbound["delivered to rfc, signed with"],
        json!(["rfc9421"]),
        "{verdict:#}"
    );
    let proofs = verdict["proofs"].as_array().unwrap();
    assert!(
        proofs.iter().filter(|p| p["verified"] == true).count() >= 2,
        "{verdict:#}"
    );
}
