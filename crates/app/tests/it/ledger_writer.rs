//! The ledger's statements: how many a mint runs under the chain's head lock (SQLite, and
//! PostgreSQL when reachable).

use super::ledger::town;
use citysync_app::ledger::minting;
use citysync_domain::work::ContributionVerified;
use citysync_test_support::{both_backends, mint};
use diesel::connection::{Connection, InstrumentationEvent};
use std::sync::{Arc, Mutex};

fn contribution(issuer: &str, resident: &str, at: chrono::NaiveDateTime) -> ContributionVerified {
    ContributionVerified {
        contribution_id: uuid::Uuid::new_v4().to_string(),
        claim_id: uuid::Uuid::new_v4().to_string(),
        organization_id: issuer.to_owned(),
        opportunity_id: uuid::Uuid::new_v4().to_string(),
        contributor_id: resident.to_owned(),
        verifier_id: uuid::Uuid::new_v4().to_string(),
        template_id: uuid::Uuid::new_v4().to_string(),
        template_version: 1,
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        outcome_quantity: 1.0,
        reward_city: 500,
        reward_vote: 1,
        verified_at: at,
    }
}

/// Transaction control, which the count leaves out.
fn is_control(sql: &str) -> bool {
    let sql = sql.trim_start().to_ascii_uppercase();
    ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]
        .iter()
        .any(|c| sql.starts_with(c))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mint_runs_at_most_nine_statements_under_the_head_lock() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = town.ctx.clone();
        // The resident's accounts exist (a first mint opens them).
        mint(&ctx, &town.issuer, &town.resident, 500, 1)
            .await
            .unwrap();
        let event = contribution(&town.issuer, &town.resident.id.to_string(), ctx.now());
        let log = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = log.clone();
        let ctx2 = ctx.clone();
        let minted = tokio::task::spawn_blocking(move || {
            let mut conn = ctx2.db.connection().unwrap();
            conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
                if let InstrumentationEvent::StartQuery { query, .. } = event {
                    sink.lock().unwrap().push(query.to_string());
                }
            });
            let minted = citysync_storage::db::write_transaction(&mut conn, |conn| {
                minting::mint(conn, &ctx2, &event)
            });
            conn.set_instrumentation(diesel::connection::get_default_instrumentation());
            minted
        })
        .await
        .unwrap()
        .unwrap();
        assert!(minted.city_seq.is_some() && minted.vote_seq.is_some());
        let statements: Vec<String> = log
            .lock()
            .unwrap()
            .iter()
            .filter(|sql| !is_control(sql))
            .cloned()
            .collect();
        let lock = statements
            .iter()
            .position(|sql| sql.contains("ledger_head"))
            .expect("the head is locked");
        let under_lock = statements.len() - lock;
        eprintln!(
            "{backend}: a mint ran {} statements, {under_lock} under the head lock:\n{}",
            statements.len(),
            statements.join("\n")
        );
        assert!(
            under_lock <= 9,
            "{backend}: {under_lock} statements under the lock"
        );
        town.assert_verified(backend).await;
    }
}
