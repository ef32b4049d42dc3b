//! The ledger: verified-contribution mints per second and counter-confirmation latency with
//! 64 concurrent cashiers, beside raw write transactions (one INSERT and one UPDATE) per
//! second on the same database and pool, in the same run. Ported from
//! `crates/app/benches/ledger.rs`; SQLite in a temporary file, PostgreSQL in a scratch
//! database created and dropped by `citysync_test_support::TestDb` (skipped if unreachable).

use anyhow::Context as _;
use citysync_app::ledger::epochs;
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::{redemptions, Ctx, User};
use citysync_test_support::{add_member, approved_organization, mint, person, TestDb};
use diesel::connection::SimpleConnection;
use std::time::{Duration, Instant};

pub const CASHIERS: usize = 64;

#[derive(Debug, Clone, Copy)]
pub struct LedgerArgs {
    pub mints: usize,
    pub baseline_tx: usize,
    pub confirms_per_cashier: usize,
}

pub struct LedgerResult {
    /// The mean of the two baseline measurements, before the mints and after the confirms.
    pub baseline_tx_s: f64,
    pub baselines: (f64, f64),
    pub mints_s: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub confirms_s: f64,
    pub confirms: usize,
    pub verified: String,
}

/// Raw write transactions per second; `k` names this measurement's tables (the baseline
/// is measured before the mints and again after the confirmations, to bracket drift).
async fn baseline(ctx: &Ctx, n: usize, k: usize) -> anyhow::Result<f64> {
    ctx.db()
        .run(move |conn| {
            conn.batch_execute(&format!(
                "CREATE TABLE bench_rows{k} (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); \
                 CREATE TABLE bench_counter{k} (id INTEGER PRIMARY KEY, n BIGINT NOT NULL); \
                 INSERT INTO bench_counter{k} VALUES (1, 0);"
            ))
            .map_err(citysync_storage::StorageError::from)
        })
        .await?;
    let start = Instant::now();
    for i in 0..n {
        ctx.db()
            .write(move |conn| {
                conn.batch_execute(&format!(
                    "INSERT INTO bench_rows{k} VALUES ({i}, {i}); \
                     UPDATE bench_counter{k} SET n = n + 1 WHERE id = 1;"
                ))
                .map_err(citysync_storage::StorageError::from)
            })
            .await?;
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}

struct Setup {
    ctx: Ctx,
    owner: User,
    issuer: String,
    cafe: String,
    cashiers: Vec<User>,
    residents: Vec<User>,
}

async fn setup(t: &TestDb) -> anyhow::Result<Setup> {
    let ctx = citysync_test_support::ctx(&t);
    let admin = person(&ctx, "admin_ana", true).await;
    let issuer_owner = person(&ctx, "owner_olga", false).await;
    let owner = person(&ctx, "cafe_carla", false).await;
    let issuer = approved_organization(&ctx, &admin, &issuer_owner, "issuer", true, false).await;
    let cafe = approved_organization(&ctx, &admin, &owner, "cafe", false, true).await;
    epochs::set_budget(&ctx, &admin, &issuer, "1000000", "budget").await?;
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
    Ok(Setup {
        ctx,
        owner,
        issuer,
        cafe,
        cashiers,
        residents,
    })
}

async fn mints_per_second(s: &Setup, n: usize) -> anyhow::Result<f64> {
    let start = Instant::now();
    for (i, who) in s.residents.iter().cycle().take(n).enumerate() {
        mint(&s.ctx, &s.issuer, who, 500, 1)
            .await
            .with_context(|| format!("mint {i}"))?;
    }
    Ok(n as f64 / start.elapsed().as_secs_f64())
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted
        .get(i.min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

async fn confirm_latencies(s: &Setup, per_cashier: usize) -> anyhow::Result<(Vec<Duration>, f64)> {
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
    .await?;
    offerings::commit(&s.ctx, &s.owner, &id, "100000").await?;
    let mut queues: Vec<Vec<citysync_domain::RedemptionId>> = vec![Vec::new(); CASHIERS];
    for n in 0..CASHIERS * per_cashier {
        let who = s
            .residents
            .get(n % s.residents.len())
            .context("residents")?;
        let r = redemptions::reserve(&s.ctx, who, &id, &format!("bench-{n}")).await?;
        if let Some(q) = queues.get_mut(n % CASHIERS) {
            q.push(r);
        }
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
                    redemptions::honor(&ctx, &cashier, &cafe, &r).await?;
                    times.push(t0.elapsed());
                }
                Ok::<_, citysync_app::AppError>(times)
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let per_second = all.len() as f64 / start.elapsed().as_secs_f64();
    all.sort();
    Ok((all, per_second))
}

async fn run_on(
    backend: &'static str,
    t: TestDb,
    args: LedgerArgs,
) -> anyhow::Result<LedgerResult> {
    eprintln!("ledger: {backend}: setting up");
    let s = setup(&t).await?;
    let before = baseline(&s.ctx, args.baseline_tx, 0).await?;
    let mints = mints_per_second(&s, args.mints).await?;
    let (all, confirms_s) = confirm_latencies(&s, args.confirms_per_cashier).await?;
    let after = baseline(&s.ctx, args.baseline_tx, 1).await?;
    let base = (before + after) / 2.0;
    let v = citysync_app::ledger::check::run(&s.ctx).await?;
    let r = LedgerResult {
        baseline_tx_s: base,
        baselines: (before, after),
        mints_s: mints,
        p50: percentile(&all, 0.5),
        p99: percentile(&all, 0.99),
        confirms_s,
        confirms: all.len(),
        verified: format!("{} entries verified: {}", v.entries, v.ok),
    };
    eprintln!(
        "  baseline {before:.0} / {after:.0} tx/s, {mints:.0} mints/s, confirm p50 {:.1} ms p99 {:.1} ms",
        r.p50.as_secs_f64() * 1e3,
        r.p99.as_secs_f64() * 1e3
    );
    Ok(r)
}

/// SQLite, then PostgreSQL when reachable (`None` in its place when not).
pub async fn run(args: LedgerArgs) -> anyhow::Result<Vec<(&'static str, Option<LedgerResult>)>> {
    let mut out = vec![(
        "SQLite",
        Some(run_on("SQLite", TestDb::sqlite(), args).await?),
    )];
    // TestDb::postgres panics on an unreachable server only with CI=true; not here.
    std::env::remove_var("CI");
    let pg = match TestDb::postgres() {
        Some(t) => Some(run_on("PostgreSQL", t, args).await?),
        None => None,
    };
    out.push(("PostgreSQL", pg));
    Ok(out)
}
