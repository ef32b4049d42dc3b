//! Cities keep each other honest: two witness cities that follow an origin countersign its
//! ledger checkpoints, the origin shows who witnessed each one, and a forged second
//! checkpoint for an old sequence number — signed with the origin's real ledger key and
//! sent as a properly HTTP-signed `Create` from the origin's actor — is caught by both
//! witnesses, not countersigned, and shown publicly with the original side by side.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::federation::witness::{self, STATE_CONFLICTED, STATE_WITNESSED};
use citysync_app::ledger::checkpoints;
use citysync_domain::ledger::Checkpoint;
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::instance::{eventually, http, signed_post, Instance};
use serde_json::json;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

async fn html(url: &str) -> String {
    http()
        .get(url)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Waits until `witness` countersigned `origin`'s checkpoint `cp`.
async fn countersigned(witness: &Instance, origin: &Instance, cp: &Checkpoint) {
    let ctx = witness.app().await;
    let domain = origin.domain();
    eventually(
        &format!("{} countersigns checkpoint {}", witness.name, cp.seq),
        WAIT,
        || async {
            let page = witness::witnessing(&ctx, 100).await.unwrap();
            page.checkpoints
                .into_iter()
                .find(|c| c.origin_domain == domain && c.seq == cp.seq)
                .filter(|c| c.state == STATE_WITNESSED && c.countersignature.is_some())
                .map(|c| assert_eq!(c.head_hash, cp.head_hash))
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", witness.log_text(), origin.log_text()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_witnesses_countersign_and_both_catch_a_forged_checkpoint_for_an_old_number() {
    let berkeley = Instance::start("berkeley").await.unwrap();
    let cdmx = Instance::start("cdmx").await.unwrap();
    let oakland = Instance::start("oakland").await.unwrap();
    cdmx.follow(&berkeley).await;
    oakland.follow(&berkeley).await;

    // Berkeley signs a checkpoint, moves its ledger on, and signs another.
    let bk = berkeley.app().await;
    let first = checkpoints::sign_now(&bk).await.unwrap();
    let _issuer = Issuer::new(bk.clone(), "creek-care").await;
    let second = checkpoints::sign_now(&bk).await.unwrap();
    assert!(
        second.seq > first.seq,
        "the ledger moved between checkpoints"
    );

    // Both witnesses countersign both, and berkeley keeps their countersignatures.
    for w in [&cdmx, &oakland] {
        countersigned(w, &berkeley, &first).await;
        countersigned(w, &berkeley, &second).await;
    }
    let witnesses_of = |seq: i64| {
        let bk = bk.clone();
        async move {
            let mut domains: Vec<String> = witness::witnesses_of(&bk, vec![seq])
                .await
                .unwrap()
                .remove(&seq)
                .unwrap_or_default()
                .into_iter()
                .map(|w| w.witness_domain)
                .collect();
            domains.sort();
            domains
        }
    };
    let mut expected = vec![cdmx.domain(), oakland.domain()];
    expected.sort();
    for seq in [first.seq, second.seq] {
        let expected = expected.clone();
        eventually("berkeley keeps both countersignatures", WAIT, || async {
            (witnesses_of(seq).await == expected).then_some(())
        })
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", berkeley.log_text()));
    }
    // The public ledger pages say who witnessed each checkpoint.
    for page in ["/ledger/checkpoints", "/ledger"] {
        let body = html(&format!("{}{page}", berkeley.base)).await;
        for w in [&cdmx, &oakland] {
            assert!(
                // Linked to the witness's own witnessing page (minijinja escapes the `/`s).
                body.contains(&format!(
                    "<a href=\"{}&#x2f;ledger&#x2f;witnessing\">{}</a>",
                    w.base.replace('/', "&#x2f;"),
                    w.domain()
                )),
                "{page} names witness {}:\n{body}",
                w.domain()
            );
        }
    }
    // Each witness's page lists what it witnessed, and no conflict yet.
    for w in [&cdmx, &oakland] {
        let body = html(&format!("{}/ledger/witnessing", w.base)).await;
        assert!(body.contains(&berkeley.domain()), "{body}");
        assert!(body.contains(&first.head_hash[..16]), "{body}");
        assert!(!body.contains("class=\"equivocation\""), "{body}");
    }

    // Berkeley (or whoever holds its keys) now signs a different checkpoint for the old
    // number and sends it to both witnesses, signed as its own city actor.
    let ledger_key = checkpoints::signing_key(&bk).await.unwrap();
    let forged_head = "f".repeat(64);
    let forged = Checkpoint::sign(
        &ledger_key,
        first.seq,
        &forged_head,
        first.totals.clone(),
        bk.now(),
    );
    assert!(forged.verify(&ledger_key.public_hex()));
    let city_key = citysync_app::instance::private_key_pem(&bk).await.unwrap();
    let activity = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/activities/rewritten-history", berkeley.base),
        "type": "Create",
        "actor": berkeley.actor_url(),
        "object": {
            "type": "LedgerCheckpoint",
            "id": format!("{}/ledger/checkpoints/{}", berkeley.base, first.seq),
            "attributedTo": berkeley.actor_url(),
            "sequence": forged.seq,
            "headHash": forged.head_hash,
            "totals": forged.totals,
            "signedAt": forged.signed_at.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "ledgerSignature": forged.signature,
            "ledgerKey": ledger_key.public_hex(),
            "published": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
        },
    });
    for w in [&cdmx, &oakland] {
        let status = signed_post(
            &format!("{}/inbox", w.base),
            &activity,
            &city_key,
            &format!("{}#main-key", berkeley.actor_url()),
        )
        .await;
        assert!(
            (200..300).contains(&status),
            "the forged checkpoint was refused at the door ({status}) instead of being caught\n{}",
            w.log_text()
        );
    }

    // Both witnesses catch it, keep refusing, and show both checkpoints publicly.
    for w in [&cdmx, &oakland] {
        let ctx = w.app().await;
        let domain = berkeley.domain();
        let caught = eventually(
            &format!("{} catches the equivocation", w.name),
            WAIT,
            || async {
                let page = witness::witnessing(&ctx, 100).await.unwrap();
                page.equivocations
                    .into_iter()
                    .find(|e| e.origin_domain == domain && e.seq == first.seq)
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", w.log_text()));
        assert_eq!(caught.first_head_hash, first.head_hash);
        assert_eq!(caught.first_signature, first.signature);
        assert_eq!(caught.second_head_hash, forged_head);
        assert_eq!(caught.second_signature, forged.signature);
        let page = witness::witnessing(&ctx, 100).await.unwrap();
        let held = page
            .checkpoints
            .iter()
            .find(|c| c.origin_domain == domain && c.seq == first.seq)
            .unwrap();
        assert_eq!(held.state, STATE_CONFLICTED);
        assert_eq!(
            held.head_hash, first.head_hash,
            "the forgery replaced nothing"
        );
        assert_eq!(
            page.checkpoints
                .iter()
                .filter(|c| c.origin_domain == domain)
                .count(),
            2,
            "the forgery was not countersigned"
        );
        assert!(
            w.log_text().contains("EQUIVOCATION"),
            "{} logs a warning",
            w.name
        );
        let body = html(&format!("{}/ledger/witnessing", w.base)).await;
        assert!(body.contains("class=\"equivocation\""), "{body}");
        assert!(body.contains(&first.head_hash), "{body}");
        assert!(body.contains(&forged_head), "{body}");
        assert!(body.contains(&first.signature), "{body}");
        assert!(body.contains(&forged.signature), "{body}");
        // Sent again, the same forgery changes nothing more.
        let again = signed_post(
            &format!("{}/inbox", w.base),
            &activity,
            &city_key,
            &format!("{}#main-key", berkeley.actor_url()),
        )
        .await;
        assert!((200..300).contains(&again), "{again}");
        assert_eq!(
            witness::witnessing(&ctx, 100)
                .await
                .unwrap()
                .equivocations
                .len(),
            1
        );
    }
    // Berkeley never got a countersignature for the forgery: still the two honest ones.
    assert_eq!(witnesses_of(first.seq).await, expected);
}
