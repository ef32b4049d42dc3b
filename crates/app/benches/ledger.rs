//! Ledger benchmark: verified-contribution mints per second and counter-confirmation
//! latency with 64 concurrent cashiers, each beside a baseline measured in the same run
//! on the same database: raw transactions of one INSERT and one UPDATE.
//!
//! `cargo bench -p citysync-app --bench ledger` runs it on SQLite and, when reachable, on
//! PostgreSQL (`TEST_DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/`).
//! Figures are recorded in docs/benchmarks.md. Nothing here asserts a time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::ledger::epochs;
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::{redemptions, Ctx, User};
use citysync_test_support::{add_member, approved_organization, mint, person, TestDb};
use diesel::connection::SimpleConnection;
use std::time::{Duration, Instant};

const MINTS: usize = 2_000;
const BASELINE_TX: usize = 2_000;
const CASHIERS: usize = 64;
const CONFIRMS_PER_CASHIER: usize = 25;

async fn baseline(ctx: &Ctx) -> f64 {
    ctx.db
        .run(|conn| {
            conn.batch_execute(
                "CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); \
                 CREATE TABLE bench_counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL); \
                 INSERT INTO bench_counter VALUES (1, 0);",
            )
            .map_err(Into::into)
        })
        .await
        .unwrap();
    let start = Instant::now();
    for i in 0..BASELINE_TX {
        ctx.db
            .write(move |conn| {
                conn.batch_execute(&format!(
                    "INSERT INTO bench_rows VALUES ({i}, {i}); \
                     UPDATE bench_counter SET n = n + 1 WHERE id = 1;"
                ))
                .map_err(citysync_storage::StorageError::from)
            })
            .await
            .unwrap();
    }
    BASELINE_TX as f64 / start.elapsed().as_secs_f64()
}

struct Setup {
    ctx: Ctx,
    admin: User,
    owner: User,
    issuer: String,
    cafe: String,
    cashiers: Vec<User>,
    residents: Vec<User>,
}

async fn setup(t: &TestDb) -> Setup {
    let ctx = t.ctx();
    let admin = person(&ctx, "admin_ana", true).await;
    let issuer_owner = person(&ctx, "owner_olga", false).await;
    let owner = person(&ctx, "cafe_carla", false).await;
    let issuer = approved_organization(&ctx, &admin, &issuer_owner, "issuer", true, false).await;
    let cafe = approved_organization(&ctx, &admin, &owner, "cafe", false, true).await;
    epochs::set_budget(&ctx, &admin, &issuer, "1000000", "budget")
        .await
        .unwrap();
    let mut cashiers = Vec::new();
    for i in 0..CASHIERS {
        let c = person(&ctx, &format!("cashier_{i}"), false).await;
        add_member(&ctx, &owner, "cafe", &c, "cashier").await;
        cashiers.push(c);
    }
    let mut residents = Vec::new();
    for i in 0..8 {
        residents.push(person(&ctx, &format!("resident_{i}"), false).await);
    }
    Setup {
        ctx,
        admin,
        owner,
        issuer,
        cafe,
        cashiers,
        residents,
    }
}

async fn mints_per_second(s: &Setup) -> f64 {
    let start = Instant::now();
    for i in 0..MINTS {
        mint(
            &s.ctx,
            &s.issuer,
            &s.residents[i % s.residents.len()],
            500,
            1,
        )
        .await
        .unwrap();
    }
    MINTS as f64 / start.elapsed().as_secs_f64()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn confirm_latencies(s: &Setup) -> (Duration, Duration, f64) {
    let _ = &s.admin;
    let id = offerings::create(
        &s.ctx,
        &s.owner,
        &s.cafe,
        OfferingInput {
            title: "Coffee".into(),
            price: "4.50".into(),
            category: "food_drink".into(),
            active: true,
            ..OfferingInput::default()
        },
        None,
    )
    .await
    .unwrap();
    offerings::commit(&s.ctx, &s.owner, &id, "100000")
        .await
        .unwrap();
    let mut queues: Vec<Vec<String>> = vec![Vec::new(); CASHIERS];
    for n in 0..CASHIERS * CONFIRMS_PER_CASHIER {
        let who = &s.residents[n % s.residents.len()];
        let r = redemptions::reserve(&s.ctx, who, &id, &format!("bench-{n}"))
            .await
            .unwrap();
        queues[n % CASHIERS].push(r);
    }
    let start = Instant::now();
    let tasks: Vec<_> = queues
        .into_iter()
        .zip(s.cashiers.iter().cloned())
        .map(|(queue, cashier)| {
            let (ctx, cafe) = (s.ctx.clone(), s.cafe.clone());
            tokio::spawn(async move {
                let mut times = Vec::new();
                for r in queue {
                    let t0 = Instant::now();
                    redemptions::honor(&ctx, &cashier, &cafe, &r).await.unwrap();
                    times.push(t0.elapsed());
                }
                times
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let per_second = all.len() as f64 / start.elapsed().as_secs_f64();
    all.sort();
    (percentile(&all, 0.5), percentile(&all, 0.99), per_second)
}

async fn run(name: &str, t: TestDb) {
    let s = setup(&t).await;
    let base = baseline(&s.ctx).await;
    let mints = mints_per_second(&s).await;
    let (p50, p99, confirms) = confirm_latencies(&s).await;
    let v = citysync_app::ledger::verify::run(&s.ctx).await.unwrap();
    println!(
        "| {name} | {base:.0} tx/s | {mints:.0} mints/s ({:.0} % of baseline) | {:.1} ms | {:.1} ms | {confirms:.0} confirms/s | {} entries verified: {} |",
        100.0 * mints / base,
        p50.as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        v.entries,
        v.ok
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!("| backend | baseline: 1 insert + 1 update per tx | mints (2 entries each: CITY + VOTE) | confirm p50 | confirm p99 (64 cashiers) | confirm throughput | check |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    run("SQLite (WAL, file)", TestDb::sqlite()).await;
    if let Some(pg) = TestDb::postgres() {
        run("PostgreSQL 15", pg).await;
    }
}
