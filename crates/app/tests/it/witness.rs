//! Witnessing on both databases: a witness countersigns an origin's checkpoint once, refuses
//! a checkpoint under another key, records an equivocation (and keeps refusing); the origin
//! keeps a countersignature once and refuses one that is not for what it signed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use citysync_app::federation::publications::Outgoing;
use citysync_app::federation::witness::{
    self, Countersignature, IncomingCheckpoint, IncomingCountersignature, Verdict, STATE_CONFLICTED,
};
use citysync_app::federation::Receipt;
use citysync_app::ledger::checkpoints;
use citysync_app::{AppError, Ctx};
use citysync_domain::ledger::{Checkpoint, CheckpointKey};
use citysync_test_support::{both_backends, ctx_for, TestDb};
use std::sync::{Arc, Mutex};
use url::Url;

const ORIGIN: &str = "http://origin.test";
const WITNESS: &str = "http://witness.test";

fn origin_actor() -> Url {
    Url::parse(&format!("{ORIGIN}/city")).unwrap()
}

fn incoming(cp: &Checkpoint, key: &str) -> IncomingCheckpoint {
    IncomingCheckpoint {
        origin_actor: origin_actor(),
        checkpoint: cp.clone(),
        ledger_key: key.to_owned(),
        document: serde_json::to_string(cp).unwrap(),
    }
}

async fn witness_it(ctx: &Ctx, cp: &Checkpoint, key: &str) -> (Verdict, Option<Countersignature>) {
    let sent = Arc::new(Mutex::new(None));
    let sent2 = sent.clone();
    let verdict = witness::receive_checkpoint(ctx, incoming(cp, key), move |c| {
        *sent2.lock().unwrap() = Some(c.clone());
        Ok(Outgoing {
            activity_id: format!("{WITNESS}/activities/countersign/{}", c.statement.seq),
            actor: format!("{WITNESS}/city"),
            inbox: Url::parse(&format!("{ORIGIN}/inbox")).unwrap(),
            body: "{}".into(),
        })
    })
    .await
    .unwrap();
    let sent = sent.lock().unwrap().clone();
    (verdict, sent)
}

fn countersignature(c: &Countersignature) -> IncomingCountersignature {
    IncomingCountersignature {
        witness_actor: Url::parse(&format!("{WITNESS}/city")).unwrap(),
        seq: c.statement.seq,
        head_hash: c.statement.head_hash.clone(),
        ledger_signature: c.statement.ledger_signature.clone(),
        signature: c.signature.clone(),
        witness_key: c.witness_key.clone(),
    }
}

fn receipt(ctx: &Ctx, n: u32) -> Receipt {
    Receipt::new(
        ctx,
        &Url::parse(&format!("{WITNESS}/activities/countersign/{n}")).unwrap(),
        &Url::parse(&format!("{WITNESS}/city")).unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn witnesses_countersign_once_and_catch_equivocations() {
    for (backend, origin_db) in both_backends() {
        let witness_db = if backend == "sqlite" {
            TestDb::sqlite()
        } else {
            TestDb::postgres().unwrap()
        };
        let origin = ctx_for(origin_db.db.clone(), ORIGIN);
        let wit = ctx_for(witness_db.db.clone(), WITNESS);

        // The origin signs a checkpoint; the witness countersigns it once.
        let cp = checkpoints::sign_now(&origin).await.unwrap();
        let key = checkpoints::signing_key(&origin).await.unwrap();
        let public = key.public_hex();
        let (verdict, sent) = witness_it(&wit, &cp, &public).await;
        assert_eq!(verdict, Verdict::Countersigned, "{backend}");
        let first_sig = sent.expect("a countersignature to deliver");
        assert_eq!(first_sig.statement.origin_domain, "origin.test");
        let (verdict, again) = witness_it(&wit, &cp, &public).await;
        assert_eq!(
            (verdict, again.is_none()),
            (Verdict::Again, true),
            "{backend}"
        );

        // A checkpoint under another key, or badly signed, is not witnessed.
        let stranger = CheckpointKey::from_secret([9; 32]);
        let other = Checkpoint::sign(&stranger, cp.seq + 1, "aa", cp.totals.clone(), cp.signed_at);
        let (verdict, _) = witness_it(&wit, &other, &stranger.public_hex()).await;
        assert_eq!(verdict, Verdict::Refused, "{backend}: pinned key");
        let mut bad = cp.clone();
        bad.seq += 2;
        let (verdict, _) = witness_it(&wit, &bad, &public).await;
        assert_eq!(verdict, Verdict::Refused, "{backend}: bad signature");

        // A different checkpoint for the same number: recorded once, never countersigned.
        let forged = Checkpoint::sign(
            &key,
            cp.seq,
            &"f".repeat(64),
            cp.totals.clone(),
            origin.now(),
        );
        for _ in 0..2 {
            let (verdict, sent) = witness_it(&wit, &forged, &public).await;
            assert_eq!(
                (verdict, sent.is_none()),
                (Verdict::Equivocation, true),
                "{backend}"
            );
        }
        let page = witness::witnessing(&wit, 10).await.unwrap();
        assert_eq!(page.equivocations.len(), 1, "{backend}");
        let e = &page.equivocations[0];
        assert_eq!(
            (e.first_head_hash.as_str(), e.second_head_hash.as_str()),
            (cp.head_hash.as_str(), forged.head_hash.as_str())
        );
        assert_eq!(page.checkpoints.len(), 1, "{backend}");
        assert_eq!(page.checkpoints[0].state, STATE_CONFLICTED);
        // The original again is still refused a second countersignature.
        let (verdict, sent) = witness_it(&wit, &cp, &public).await;
        assert_eq!(
            (verdict, sent.is_none()),
            (Verdict::Again, true),
            "{backend}"
        );

        // The origin keeps the countersignature once.
        let c = countersignature(&first_sig);
        assert!(
            witness::receive_countersignature(&origin, &receipt(&origin, 1), c.clone())
                .await
                .unwrap()
        );
        assert!(
            !witness::receive_countersignature(&origin, &receipt(&origin, 2), c.clone())
                .await
                .unwrap()
        );
        let by_seq = witness::witnesses_of(&origin, vec![cp.seq]).await.unwrap();
        assert_eq!(by_seq[&cp.seq].len(), 1, "{backend}");
        assert_eq!(by_seq[&cp.seq][0].witness_domain, "witness.test");
        assert_eq!(
            witness::witnessing(&wit, 10).await.unwrap().checkpoints[0].countersignature,
            Some(first_sig.signature.clone())
        );

        // Not for what the origin signed, or not by the witness's key: refused.
        let mut wrong_head = c.clone();
        wrong_head.head_hash = forged.head_hash.clone();
        wrong_head.ledger_signature = forged.signature.clone();
        wrong_head.signature = citysync_domain::ledger::WitnessStatement {
            origin_domain: "origin.test".into(),
            seq: forged.seq,
            head_hash: forged.head_hash.clone(),
            ledger_signature: forged.signature.clone(),
        }
        .countersign(&stranger);
        wrong_head.witness_key = stranger.public_hex();
        let refused =
            witness::receive_countersignature(&origin, &receipt(&origin, 3), wrong_head).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden)),
            "{backend}: {refused:?}"
        );
        let mut forged_sig = c.clone();
        forged_sig.signature = stranger.sign_hex(b"something else");
        let refused =
            witness::receive_countersignature(&origin, &receipt(&origin, 4), forged_sig).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden)),
            "{backend}: {refused:?}"
        );
        drop(witness_db);
    }
}
