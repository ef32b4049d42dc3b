//! The ledger's statements and its writer: how many statements a mint runs under the
//! chain's head lock, and operations waiting together posted in one group, each caller
//! answered with its own result (SQLite, and PostgreSQL when reachable).

use super::ledger::town;
use citysync_app::ledger::minting;
use citysync_app::{redemptions, AppError};
use citysync_domain::work::ContributionVerified;
use citysync_test_support::{both_backends, mint, person};
use diesel::connection::{Connection, InstrumentationEvent};
use std::sync::{Arc, Mutex};

fn contribution(issuer: &str, resident: &str, at: chrono::NaiveDateTime) -> ContributionVerified {
    citysync_test_support::contribution_verified(issuer, resident, 500, 1, at)
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
            let mut conn = ctx2.db().connection().unwrap();
            conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
                if let InstrumentationEvent::StartQuery { query, .. } = event {
                    sink.lock().unwrap().push(query.to_string());
                }
            });
            let minted = citysync_storage::db::write_transaction(&mut conn, |conn| {
                minting::mint_in(conn, &ctx2, &event)
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

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn operations_waiting_together_are_posted_in_groups_each_answered_on_its_own() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 50_000, 0)
            .await
            .unwrap();
        let poor = person(ctx, "pablo", false).await;
        let coffee = town.offering("4.50", "500").await;
        let mut reserved = Vec::new();
        for i in 0..30 {
            reserved.push(
                redemptions::reserve(ctx, &town.resident, &coffee, &format!("k{i}"))
                    .await
                    .unwrap(),
            );
        }
        let (groups_before, items_before) = ctx.db().group().taken();
        // Every reservation confirmed twice at once (one must be refused), and a resident
        // who cannot pay reserving beside them.
        let mut honors = Vec::new();
        for id in reserved.iter().chain(reserved.iter()) {
            let (ctx, cashier, cafe, id) =
                (ctx.clone(), town.cashier.clone(), town.cafe.clone(), *id);
            honors.push(tokio::spawn(async move {
                redemptions::honor(&ctx, &cashier, &cafe, &id)
                    .await
                    .map(|_| id)
            }));
        }
        let mut refused = Vec::new();
        for i in 0..10 {
            let (ctx, poor, coffee) = (ctx.clone(), poor.clone(), coffee);
            refused.push(tokio::spawn(async move {
                redemptions::reserve(&ctx, &poor, &coffee, &format!("p{i}")).await
            }));
        }
        let mut confirmed = Vec::new();
        for task in honors {
            match task.await.unwrap() {
                Ok(id) => confirmed.push(id),
                Err(AppError::RedemptionUsed) => {}
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        for task in refused {
            assert!(
                matches!(task.await.unwrap(), Err(AppError::InsufficientCredit)),
                "{backend}"
            );
        }
        confirmed.sort();
        let mut once = reserved.clone();
        once.sort();
        assert_eq!(
            confirmed, once,
            "{backend}: each reservation confirmed exactly once"
        );
        let (groups, items) = ctx.db().group().taken();
        let (groups, items) = (groups - groups_before, items - items_before);
        // A second confirmation that finds the first committed is refused before it
        // reaches the writer; one of each pair and every reservation reach it.
        eprintln!("{backend}: {items} operations in {groups} groups");
        assert!((40..=70).contains(&items), "{backend}: {items}");
        assert!(
            groups < items,
            "{backend}: some operations were posted together"
        );
        let w = citysync_app::ledger::wallet::wallet(ctx, &town.resident)
            .await
            .unwrap();
        assert_eq!(w.city, 50_000 - 30 * 450, "{backend}");
        assert!(w.reservations.is_empty(), "{backend}");
        town.assert_verified(backend).await;
    }
}
