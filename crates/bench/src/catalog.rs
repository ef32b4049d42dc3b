//! The public catalog: GET /opportunities on a real city holding an approved organization's
//! published opportunities, beside actix-web's "hello" (2 workers, like the city), same
//! client, same connections, windows alternated. Also the resident memory of both, idle and
//! after the load, and the city's start-up time.

use crate::baseline::Hello;
use crate::city::City;
use crate::footprint::{self, Rss};
use crate::load::{self, LoadResult};
use anyhow::{bail, Context as _};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::work::OpportunitySpec;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct CatalogArgs {
    pub seconds: u64,
    pub rounds: usize,
    pub connections: usize,
    pub opportunities: usize,
    pub startups: usize,
}

pub struct CatalogReport {
    pub connections: usize,
    pub city: Vec<LoadResult>,
    pub hello: Vec<LoadResult>,
    /// One window of GET /healthz on the same city: everything but the page itself.
    pub healthz: Option<LoadResult>,
    /// The page's two use-case calls (`catalog::catalog` page 1 and `catalog::taxonomy`),
    /// called from this process on the city's database: (pages/s, bench process cores).
    pub data_only: Option<(f64, Option<f64>)>,
    pub page_bytes: usize,
    pub city_idle: Option<Rss>,
    pub city_loaded: Option<Rss>,
    pub hello_idle: Option<Rss>,
    pub hello_loaded: Option<Rss>,
    pub startups: Vec<Duration>,
}

/// The page's data without HTTP or rendering: `tasks` concurrent loops over the two use
/// cases the catalog handler calls, for `window`.
async fn data_only(
    ctx: &citysync_app::Ctx,
    tasks: usize,
    window: Duration,
) -> anyhow::Result<(f64, Option<f64>)> {
    let cpu0 = crate::proc::cpu_seconds(None);
    let start = Instant::now();
    let stop = start + window;
    let mut handles = Vec::new();
    for _ in 0..tasks.max(1) {
        let ctx = ctx.clone();
        handles.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < stop {
                let query = catalog::CatalogQuery {
                    page: 1,
                    ..Default::default()
                };
                catalog::catalog(&ctx, query).await?;
                catalog::taxonomy(&ctx).await?;
                n += 1;
            }
            Ok::<_, citysync_app::AppError>(n)
        }));
    }
    let mut total = 0;
    for h in handles {
        total += h.await??;
    }
    let elapsed = start.elapsed();
    let cpu = crate::proc::cores(cpu0, crate::proc::cpu_seconds(None), elapsed);
    Ok((total as f64 / elapsed.as_secs_f64(), cpu))
}

/// An approved organization with `n` published opportunities, through the use cases.
async fn seed(city: &City, n: usize) -> anyhow::Result<citysync_app::Ctx> {
    let ctx = city.ctx().await?;
    let admin = citysync_test_support::person(&ctx, "bench_admin", true).await;
    let owner = citysync_test_support::person(&ctx, "bench_owner", false).await;
    citysync_test_support::approved_organization(&ctx, &admin, &owner, "bench-org", true, false)
        .await;
    for i in 0..n {
        let t = catalog::create_template(&ctx, &owner, "bench-org", crate::fanout::spec(i)).await?;
        catalog::change_template(&ctx, &owner, &t.id, TemplateEvent::Activate).await?;
        let starts_at = ctx.now() + chrono::Duration::days(7 + i as i64);
        let opp = catalog::create_opportunity(
            &ctx,
            &owner,
            OpportunityInput {
                template_id: t.id.clone(),
                spec: OpportunitySpec {
                    title_override: None,
                    place: "Riverside park, north gate".into(),
                    point: None,
                    starts_at,
                    ends_at: starts_at + chrono::Duration::hours(3),
                    claim_deadline: starts_at,
                    capacity: 20,
                    onsite_instructions: String::new(),
                },
            },
        )
        .await?;
        catalog::change_opportunity(&ctx, &owner, &opp.id, OpportunityEvent::Publish).await?;
    }
    Ok(ctx)
}

pub async fn run(args: CatalogArgs, city_log: Option<&str>) -> anyhow::Result<CatalogReport> {
    eprintln!("catalog: starting the hello baseline and the city");
    let hello = Hello::start().await?;
    let t0 = Instant::now();
    let mut city = City::start("catalog", city_log).await?;
    let mut startups = vec![t0.elapsed()];
    tokio::time::sleep(Duration::from_secs(1)).await;
    let city_idle = footprint::rss(city.proc.pid());
    let hello_idle = footprint::rss(hello.proc.pid());
    eprintln!(
        "catalog: seeding {} published opportunities",
        args.opportunities
    );
    let ctx = seed(&city, args.opportunities).await?;

    let client = load::client(args.connections)?;
    let page = url::Url::parse(&format!("http://127.0.0.1:{}/opportunities", city.port))?;
    let resp = client.get(page.clone()).send().await?;
    let status = resp.status();
    let body = resp.text().await?;
    if !status.is_success() || !body.contains("Creek cleanup 0") {
        bail!(
            "GET /opportunities: HTTP {status}, the seeded opportunities {}",
            if body.contains("Creek cleanup") {
                "shown"
            } else {
                "missing"
            }
        );
    }
    let page_bytes = body.len();
    let hello_url = hello.url()?;
    let window = Duration::from_secs(args.seconds);
    for (url, pid) in [(&hello_url, hello.proc.pid()), (&page, city.proc.pid())] {
        let warm = load::hammer_get(
            &client,
            url,
            args.connections,
            Duration::from_secs(2),
            Some(pid),
        )
        .await;
        if warm.ok == 0 {
            bail!("catalog warm-up answered nothing: {:?}", warm.sample);
        }
    }
    let (mut city_r, mut hello_r) = (Vec::new(), Vec::new());
    for r in 0..args.rounds.max(1) {
        city.proc.check_alive()?;
        for k in 0..2 {
            if (r + k) % 2 == 0 {
                hello_r.push(
                    load::hammer_get(
                        &client,
                        &hello_url,
                        args.connections,
                        window,
                        Some(hello.proc.pid()),
                    )
                    .await,
                );
            } else {
                city_r.push(
                    load::hammer_get(
                        &client,
                        &page,
                        args.connections,
                        window,
                        Some(city.proc.pid()),
                    )
                    .await,
                );
            }
        }
        if let (Some(c), Some(h)) = (city_r.last(), hello_r.last()) {
            eprintln!(
                "  round {}: /opportunities {:.0}/s, hello {:.0}/s",
                r + 1,
                c.rate(),
                h.rate()
            );
        }
    }
    let healthz_url = url::Url::parse(&format!("http://127.0.0.1:{}/healthz", city.port))?;
    let healthz = load::hammer_get(
        &client,
        &healthz_url,
        args.connections,
        window,
        Some(city.proc.pid()),
    )
    .await;
    eprintln!("  /healthz {:.0}/s", healthz.rate());
    let data = data_only(&ctx, args.connections, window).await?;
    eprintln!("  catalog use cases alone {:.0} pages/s", data.0);
    let city_loaded = footprint::rss(city.proc.pid());
    let hello_loaded = footprint::rss(hello.proc.pid());
    drop(city);
    drop(hello);
    for _ in 1..args.startups.max(1) {
        startups.push(footprint::startup(city_log).await.context("start-up")?);
    }
    Ok(CatalogReport {
        connections: args.connections,
        city: city_r,
        hello: hello_r,
        healthz: Some(healthz),
        data_only: Some(data),
        page_bytes,
        city_idle,
        city_loaded,
        hello_idle,
        hello_loaded,
        startups,
    })
}
