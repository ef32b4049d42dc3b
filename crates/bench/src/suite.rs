//! `citysync-bench suite`: the whole performance suite, bounded in time and traffic, on
//! loopback, one markdown table at the end. Each part runs the code the separate commands
//! run (the federation inbox and fan-out modules, the ledger port, the catalog load) and a
//! part that fails is reported as such in its rows while the others still run.

use crate::catalog::{self, CatalogArgs, CatalogReport};
use crate::fanout::FanoutReport;
use crate::footprint::{self, mib};
use crate::inbox::InboxReport;
use crate::ledger::{self, LedgerArgs, LedgerResult};
use crate::report::{self, list, median, num, pct, Row};
use crate::{fanout, inbox, FederationArgs, SuiteArgs};
use std::time::Instant;

struct Plan {
    federation: FederationArgs,
    ledger: LedgerArgs,
    catalog: CatalogArgs,
}

fn plan(args: &SuiteArgs) -> Plan {
    let q = args.quick;
    let seconds = args.seconds.unwrap_or(if q { 3 } else { 5 });
    let rounds = args.rounds.unwrap_or(if q { 1 } else { 3 });
    Plan {
        federation: FederationArgs {
            seconds,
            rounds,
            peers: args.peers,
            connections: args.connections,
            templates: args.templates.unwrap_or(if q { 10 } else { 50 }),
            skip_inbox: false,
            skip_fanout: false,
            // Where the inbox's time goes, in the same rounds: the inbox answering invalid
            // signatures (everything up to and including the verify, nothing stored) and
            // duplicates (verified, receipt found, counter bumped).
            decompose: true,
            city_log: args.city_log.clone(),
            no_hung: true,
        },
        ledger: LedgerArgs {
            // Every mint credits 5 CITY to one of 8 residents; their reservations (4.50 CITY
            // each) must be covered: 2000 mints cover 64 × 25 confirmations.
            mints: 2000,
            baseline_tx: 2000,
            confirms_per_cashier: if q { 10 } else { 25 },
        },
        catalog: CatalogArgs {
            seconds,
            rounds,
            connections: args.connections,
            opportunities: 30,
            startups: 3,
        },
    }
}

fn skipped(args: &SuiteArgs, part: &str) -> bool {
    args.skip.iter().any(|s| s == part)
}

fn inbox_rows(r: anyhow::Result<InboxReport>) -> Vec<Row> {
    let what = "signed inbox activities/s (verified and stored)";
    let r = match r {
        Ok(r) => r,
        Err(e) => return vec![Row::missing(what, format!("failed: {e:#}"))],
    };
    let inbox: Vec<f64> = r.rounds.iter().map(|x| x.inbox.rate()).collect();
    let rsa: Vec<f64> = r.rounds.iter().map(|x| x.rsa.rate()).collect();
    let openssl: Vec<f64> = r.rounds.iter().map(|x| x.openssl.rate()).collect();
    let per_round: Vec<f64> = r
        .rounds
        .iter()
        .map(|x| 100.0 * x.inbox.rate() / x.rsa.rate().max(1e-9))
        .collect();
    let failed: u64 = r
        .rounds
        .iter()
        .map(|x| x.inbox.non2xx + x.inbox.errors)
        .sum();
    let mut rows = vec![Row::new(what, num(median(inbox.clone())))
        .baseline(format!(
            "{} (bare actix-web + one RSA-2048 verify, `rsa` 0.9)",
            num(median(rsa.clone()))
        ))
        .ratio(format!("{:.1} %", median(per_round.clone())))
        .notes(format!(
            "target ≥ 40 %; per round inbox {} vs `rsa` {} ({}); OpenSSL-verify baseline {}; {} failed; {} receipts stored for {} 2xx",
            list(&inbox),
            list(&rsa),
            per_round.iter().map(|p| format!("{p:.1} %")).collect::<Vec<_>>().join(" / "),
            num(median(openssl)),
            failed,
            r.stored,
            r.accepted
        ))];
    let rsa_median = median(rsa);
    let inbox_median = median(inbox);
    let mut decomposition = |label: &str, rates: Vec<f64>, what_runs: &str| {
        if rates.is_empty() {
            return;
        }
        let rate = median(rates.clone());
        rows.push(
            Row::new(format!("(decomposition) {label}"), num(rate))
                .baseline(format!("{} (`rsa` verify)", num(rsa_median)))
                .ratio(pct(rate, rsa_median))
                .notes(format!(
                    "{what_runs}; per round {}; the stored inbox is {} of this",
                    list(&rates),
                    pct(inbox_median, rate)
                )),
        );
    };
    decomposition(
        "inbox, signature made invalid, answers/s",
        r.rounds
            .iter()
            .filter_map(|x| x.bad_signature.as_ref().map(|l| l.answered_rate()))
            .collect(),
        "same requests with one character of the signature changed: middleware, depth scan and parse, domain policy read, rate, digest, stored actor read, PEM parse, RSA verify, 401; nothing stored",
    );
    decomposition(
        "inbox, duplicates, 2xx/s",
        r.rounds
            .iter()
            .filter_map(|x| x.duplicates.as_ref().map(|l| l.rate()))
            .collect(),
        "requests already received: all of the above, then one write transaction finds the receipt and bumps the duplicate counter",
    );
    rows
}

/// `ring_rate`: ring's raw RSA-2048 signing rate, all cores, measured just before the fan-out
/// (what each delivery is signed with); `sign_rate`: activitypub_federation's (`rsa`), from
/// the inbox part's pre-signing.
fn fanout_rows(
    r: anyhow::Result<FanoutReport>,
    ring_rate: anyhow::Result<f64>,
    sign_rate: Option<f64>,
) -> Vec<Row> {
    let what = "outbound deliveries/s to 100 loopback peers";
    let r = match r {
        Ok(r) => r,
        Err(e) => return vec![Row::missing(what, format!("failed: {e:#}"))],
    };
    let mut rows = Vec::new();
    let alive = r.runs.first();
    if let Some(a) = alive {
        let mut row = Row::new(
            format!("outbound deliveries/s, {} peers all alive", a.live),
            num(a.rate()),
        )
        .notes(format!(
            "target ≥ 80 % of ring's rate; {} of {} delivered, {} templates announced to every follower; city CPU {} cores",
            a.received,
            a.expected,
            r.templates,
            a.server_cores.map_or("?".into(), |c| format!("{c:.2}"))
        ));
        match &ring_rate {
            Ok(ring) => {
                row = row
                    .baseline(format!(
                        "{} RSA-2048 signatures/s (ring, raw, {} threads, same run)",
                        num(*ring),
                        std::thread::available_parallelism().map_or(2, |n| n.get())
                    ))
                    .ratio(pct(a.rate(), *ring));
            }
            Err(e) => row = row.baseline(format!("ring's signing rate failed: {e:#}")),
        }
        if let Some(s) = sign_rate {
            let notes = format!(
                "{}; activitypub_federation's own signing (`rsa` 0.9) ran at {} signatures/s in this run",
                row.notes,
                num(s)
            );
            row = row.notes(notes);
        }
        rows.push(row);
    }
    if let (Some(a), Some(d)) = (alive, r.runs.get(1)) {
        rows.push(
            Row::new(
                format!(
                    "outbound deliveries/s, one of {} peers dead (port closed)",
                    r.peers
                ),
                num(d.rate()),
            )
            .baseline(format!("{} (all alive, same city)", num(a.rate())))
            .ratio(pct(d.rate(), a.rate()))
            .notes(format!(
                "{} of {} delivered to the {} live peers; {}",
                d.received,
                d.expected,
                d.live,
                r.victims.join("; ")
            )),
        );
    }
    rows
}

fn ledger_rows(r: anyhow::Result<Vec<(&'static str, Option<LedgerResult>)>>) -> Vec<Row> {
    let r = match r {
        Ok(r) => r,
        Err(e) => return vec![Row::missing("ledger", format!("failed: {e:#}"))],
    };
    let mut rows = Vec::new();
    for (backend, res) in r {
        let Some(l) = res else {
            rows.push(Row::missing(
                format!("{backend}: verified-contribution mints/s"),
                "PostgreSQL at 127.0.0.1:5432 unreachable",
            ));
            continue;
        };
        let base = format!(
            "{} raw tx/s (1 INSERT + 1 UPDATE, same pool; mean of {} before / {} after)",
            num(l.baseline_tx_s),
            num(l.baselines.0),
            num(l.baselines.1)
        );
        rows.push(
            Row::new(
                format!("{backend}: verified-contribution mints/s"),
                num(l.mints_s),
            )
            .baseline(base.clone())
            .ratio(pct(l.mints_s, l.baseline_tx_s))
            .notes(format!("target ≥ 25 % of the baseline; {}", l.verified)),
        );
        rows.push(
            Row::new(
                format!(
                    "{backend}: redemption confirm p50 / p99, {} cashiers",
                    ledger::CASHIERS
                ),
                format!(
                    "{:.1} ms / {:.1} ms",
                    l.p50.as_secs_f64() * 1e3,
                    l.p99.as_secs_f64() * 1e3
                ),
            )
            .baseline(base)
            .ratio(format!(
                "{} confirms/s = {}",
                num(l.confirms_s),
                pct(l.confirms_s, l.baseline_tx_s)
            ))
            .notes(format!(
                "target p99 {}; {} confirmations",
                if backend == "SQLite" {
                    "< 25 ms"
                } else {
                    "< 50 ms"
                },
                l.confirms
            )),
        );
    }
    rows
}

fn catalog_rows(r: anyhow::Result<CatalogReport>, opportunities: usize) -> Vec<Row> {
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            return vec![Row::missing(
                "catalog and footprint",
                format!("failed: {e:#}"),
            )]
        }
    };
    let city: Vec<f64> = r.city.iter().map(|x| x.rate()).collect();
    let hello: Vec<f64> = r.hello.iter().map(|x| x.rate()).collect();
    let cores = |v: &[crate::load::LoadResult]| {
        format!(
            "{:.2}",
            median(v.iter().filter_map(|x| x.server_cores).collect())
        )
    };
    let failed: u64 = r.city.iter().map(|x| x.non2xx + x.errors).sum();
    let rss = |x: Option<footprint::Rss>| x.map_or("?".into(), |x| format!("{:.1} MiB", x.rss));
    let mut rows = vec![Row::new("catalog page GET /opportunities, requests/s", num(median(city.clone())))
        .baseline(format!("{} (actix-web \"hello\", 2 workers)", num(median(hello.clone()))))
        .ratio(pct(median(city.clone()), median(hello.clone())))
        .notes(format!(
            "target ≥ 6 %; {opportunities} published opportunities, page {} KiB; per window city {} vs hello {}; server CPU city {} / hello {} cores; {} non-2xx or errors",
            r.page_bytes / 1024,
            list(&city),
            list(&hello),
            cores(&r.city),
            cores(&r.hello),
            failed
        ))];
    if let Some(h) = &r.healthz {
        rows.push(
            Row::new("(decomposition) city GET /healthz, requests/s", num(h.rate()))
                .baseline(format!("{} (hello)", num(median(hello.clone()))))
                .ratio(pct(h.rate(), median(hello.clone())))
                .notes(format!(
                    "one {} s window after the catalog rounds: the city's middleware stack (error pages, security headers, federation data, request log at `info`, metrics) and one database ping, no page; server CPU {} cores",
                    h.elapsed.as_secs(),
                    h.server_cores.map_or("?".into(), |c| format!("{c:.2}"))
                )),
        );
    }
    if let Some((rate, cpu)) = r.data_only {
        rows.push(
            Row::new("(decomposition) the page's use cases alone, pages/s", num(rate))
                .baseline(format!("{} (the full page over HTTP)", num(median(city.clone()))))
                .ratio(pct(median(city.clone()), rate))
                .notes(format!(
                    "`catalog::catalog` (page 1) + `catalog::taxonomy` on the city's SQLite file from the bench process (pool of 4), {} concurrent loops, one window: queries and row mapping without HTTP or template rendering; bench process CPU {} cores; ratio = full page / use cases",
                    r.connections,
                    cpu.map_or("?".into(), |c| format!("{c:.2}"))
                )),
        );
    }
    rows.push(
        Row::new("RSS idle, 1 s after start (VmRSS)", rss(r.city_idle))
            .baseline(format!("{} (actix-web \"hello\")", rss(r.hello_idle)))
            .ratio(match (r.city_idle, r.hello_idle) {
                (Some(c), Some(h)) => format!("{:.1}×", c.rss / h.rss.max(1e-9)),
                _ => "?".into(),
            })
            .notes(format!(
                "the city after its migrations on a fresh SQLite database, before seeding; of it anonymous (heap, stacks) {} / file-backed (code) {}; hello {} / {}",
                r.city_idle.map_or("?".into(), |c| format!("{:.1} MiB", c.anon)),
                r.city_idle.map_or("?".into(), |c| format!("{:.1} MiB", c.file)),
                r.hello_idle.map_or("?".into(), |c| format!("{:.1} MiB", c.anon)),
                r.hello_idle.map_or("?".into(), |c| format!("{:.1} MiB", c.file)),
            )),
    );
    rows.push(
        Row::new(
            "RSS after the catalog load (VmRSS / peak VmHWM)",
            match r.city_loaded {
                Some(c) => format!("{:.1} / {:.1} MiB", c.rss, c.hwm),
                None => "?".into(),
            },
        )
        .baseline(match r.hello_loaded {
            Some(h) => format!("{:.1} / {:.1} MiB (hello)", h.rss, h.hwm),
            None => "?".into(),
        })
        .ratio(match (r.city_loaded, r.hello_loaded) {
            (Some(c), Some(h)) => format!("{:.1}×", c.rss / h.rss.max(1e-9)),
            _ => "?".into(),
        })
        .notes("the seeding ran in this process, not the city's"),
    );
    let ms: Vec<f64> = r.startups.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    rows.push(
        Row::new("start-up: spawn → first 200 on /healthz", format!("{:.0} ms", median(ms.clone())))
            .notes(format!(
                "median of {} ({} ms); fresh data folder each time, so it includes creating and migrating the SQLite database",
                ms.len(),
                ms.iter().map(|m| format!("{m:.0}")).collect::<Vec<_>>().join(" / ")
            )),
    );
    rows
}

fn size_row() -> Row {
    match footprint::binary_size() {
        Ok(b) => Row::new(
            "release binary size",
            match b.stripped {
                Some(s) => format!("{:.1} MiB ({:.1} MiB stripped)", mib(b.bytes), mib(s)),
                None => format!("{:.1} MiB", mib(b.bytes)),
            },
        )
        .notes(format!("{}: {}", b.what, b.path.display())),
        Err(e) => Row::missing("release binary size", format!("{e:#}")),
    }
}

pub async fn run(args: SuiteArgs) -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let machine = crate::proc::machine();
    eprintln!("# {machine}");
    // Only the inbox, the fan-out, the catalog and the size row run `citysync`: a run of the
    // ledger rows alone (`--skip inbox,fanout,catalog,size`) need not build it.
    let needs_city = ["inbox", "fanout", "catalog", "size"]
        .iter()
        .any(|part| !skipped(&args, part));
    if needs_city {
        eprintln!("# building the main workspace's release `citysync` (the cities run it)");
        footprint::build_citysync()?;
    }
    let p = plan(&args);
    let started = Instant::now();
    let mut rows = Vec::new();
    let mut sign_rate = None;
    if !skipped(&args, "inbox") {
        let r = inbox::run(&p.federation).await;
        sign_rate = r.as_ref().ok().map(|r| r.sign_rate);
        rows.extend(inbox_rows(r));
    }
    if !skipped(&args, "fanout") {
        eprintln!("fan-out: ring's raw signing rate (3 s)");
        let ring_rate = match crate::signing::Keys::generate().await {
            Ok(keys) => tokio::task::spawn_blocking(move || {
                crate::signing::ring_sign_rate(&keys.private_pem, std::time::Duration::from_secs(3))
            })
            .await
            .map_err(anyhow::Error::from)
            .and_then(|r| r),
            Err(e) => Err(e),
        };
        rows.extend(fanout_rows(
            fanout::run(&p.federation).await,
            ring_rate,
            sign_rate,
        ));
    }
    if !skipped(&args, "ledger") {
        rows.extend(ledger_rows(ledger::run(p.ledger).await));
    }
    if !skipped(&args, "catalog") {
        let r = catalog::run(p.catalog, args.city_log.as_deref()).await;
        rows.extend(catalog_rows(r, p.catalog.opportunities));
    }
    if !skipped(&args, "size") {
        rows.push(size_row());
    }
    let argv: Vec<String> = std::env::args().skip(1).collect();
    println!("## Whole suite\n");
    println!("Machine: {machine}\n");
    println!(
        "Command: `citysync-bench {}` ({}: windows of {} s, {} rounds, {} connections, {} peers, {} templates per fan-out run; {} mints, {} confirms by {} cashiers); took {:.0} s\n",
        argv.join(" "),
        if args.quick { "quick" } else { "full" },
        p.federation.seconds,
        p.federation.rounds,
        p.federation.connections,
        p.federation.peers,
        p.federation.templates,
        p.ledger.mints,
        p.ledger.confirms_per_cashier * ledger::CASHIERS,
        ledger::CASHIERS,
        started.elapsed().as_secs_f64()
    );
    println!("{}", report::table(&rows));
    Ok(())
}
