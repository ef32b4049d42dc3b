//! The signed inbox beside the bare verify baselines, same client, same concurrency.
//!
//! The load plays one remote peer (`http://localhost:PORT/actor`, served here) that POSTs
//! distinct signed `Delete`s of its own objects, each with a `Tombstone`, to the city's
//! shared inbox. The city accepts such a `Delete` with no outbound side effect and stores its
//! receipt (a `received_activities` row, the peer's `received` counter, the tombstone update
//! of an unknown object touching no row) before it answers 202. The city fetches the actor
//! once, on the first request, which is part of the warm-up. The baselines and the inbox
//! are measured in rounds, the order rotated each round, and reported as medians.

use crate::baseline::{Baseline, Kind};
use crate::city::City;
use crate::load::{self, LoadResult, Mode};
use crate::report::median;
use crate::signing::{Keys, PeerActor, Signed, Signer};
use crate::{sinks, FederationArgs};
use anyhow::{bail, Context as _};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

const WARMUP: usize = 1000;
/// Requests signed for the timed window: the warm-up's rate × seconds × this, plus a margin.
const POOL_FACTOR: f64 = 1.4;
const POOL_MAX: usize = 400_000;

pub struct InboxReport {
    /// One entry per round.
    pub rounds: Vec<Round>,
    pub warmup: LoadResult,
    /// Receipts the city's database holds for the peer after the run.
    pub stored: i64,
    /// 2xx answers the peer got in all (first request, warm-up, timed windows).
    pub accepted: u64,
    pub pool: usize,
    pub sign_rate: f64,
}

pub struct Round {
    pub rsa: LoadResult,
    pub openssl: LoadResult,
    pub inbox: LoadResult,
    /// `--decompose`: the inbox with invalid signatures, and with duplicates.
    pub bad_signature: Option<LoadResult>,
    pub duplicates: Option<LoadResult>,
}

/// The same requests with one character of the signature changed.
fn tamper(pool: &[Signed]) -> Vec<Signed> {
    pool.iter()
        .map(|s| {
            let mut s = s.clone();
            let changed = s
                .headers
                .get("signature")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    let at = v.find("signature=\"")? + "signature=\"".len() + 10;
                    let mut bytes = v.as_bytes().to_vec();
                    let b = bytes.get_mut(at)?;
                    *b = if *b == b'A' { b'B' } else { b'A' };
                    reqwest::header::HeaderValue::from_bytes(&bytes).ok()
                });
            if let Some(v) = changed {
                s.headers.insert("signature", v);
            }
            s
        })
        .collect()
}

fn delete(actor: &PeerActor, n: usize) -> Value {
    let base = actor.id.origin().ascii_serialization();
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{base}/activities/delete-{n}"),
        "type": "Delete",
        "actor": actor.id,
        "object": {
            "type": "Tombstone",
            "id": format!("{base}/objects/{n}"),
        },
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
    })
}

fn deletes(actor: &PeerActor, range: std::ops::Range<usize>) -> Vec<(PeerActor, Value)> {
    range.map(|n| (actor.clone(), delete(actor, n))).collect()
}

async fn window(
    client: &reqwest::Client,
    target: Option<&url::Url>,
    pool: Arc<Vec<Signed>>,
    args: &FederationArgs,
    mode: Mode,
    pid: u32,
) -> LoadResult {
    load::hammer(
        client,
        target,
        pool,
        args.connections,
        Duration::from_secs(args.seconds),
        mode,
        Some(pid),
    )
    .await
}

pub async fn run(args: &FederationArgs) -> anyhow::Result<InboxReport> {
    let rounds = args.rounds.max(1);
    eprintln!("inbox: generating the peer's RSA key");
    let keys = Keys::generate().await?;
    let listener = crate::proc::free_listener()?;
    let port = listener.local_addr()?.port();
    let peer = sinks::Sinks::new(&keys.public_pem, &[port]);
    let _peer_server = sinks::serve(vec![listener], peer, 1)?;
    let actor = PeerActor::new(port, &keys)?;

    eprintln!("inbox: starting the city and the baselines");
    let mut city = City::start("inbox", args.city_log.as_deref()).await?;
    let rsa = Baseline::start(Kind::Rsa).await?;
    let openssl = Baseline::start(Kind::Openssl).await?;
    let inbox = city.inbox_url()?;
    let signer = Signer::new().await?;
    let client = load::client(args.connections)?;
    // The forged requests leave from another loopback address (see `load::client_from`).
    let forger = load::client_from(
        args.connections,
        std::net::Ipv4Addr::new(127, 0, 0, 2).into(),
    )?;

    // One request alone: the city fetches the actor, checks the signature, stores it.
    let first = signer.sign_all(deletes(&actor, 0..1), &inbox, 1).await?;
    let signed = first.first().context("nothing signed")?;
    let (status, body) = load::send(&client, None, signed).await?;
    if !(200..300).contains(&status) {
        bail!(
            "the city refused a valid signed Delete: HTTP {status} {body}\ncity log:\n{}",
            city.proc.log_tail(30)
        );
    }
    let mut accepted = 1;

    eprintln!("inbox: signing {WARMUP} warm-up activities");
    let sign_start = std::time::Instant::now();
    let warm_pool = Arc::new(
        signer
            .sign_all(deletes(&actor, 1..1 + WARMUP), &inbox, 8)
            .await?,
    );
    let sign_rate = warm_pool.len() as f64 / sign_start.elapsed().as_secs_f64();
    eprintln!("  {sign_rate:.0} signatures/s; warm-up");
    let warmup = load::hammer(
        &client,
        None,
        warm_pool.clone(),
        args.connections,
        Duration::from_secs(60),
        Mode::Once,
        Some(city.proc.pid()),
    )
    .await;
    accepted += warmup.ok;
    if warmup.non2xx + warmup.errors > 0 {
        bail!(
            "warm-up: {} refused, {} failed; first: {:?}\ncity log:\n{}",
            warmup.non2xx,
            warmup.errors,
            warmup.sample,
            city.proc.log_tail(30)
        );
    }
    let per_round = ((warmup.rate() * args.seconds as f64 * POOL_FACTOR) as usize + 1000)
        .min(POOL_MAX / rounds);
    eprintln!(
        "  warm-up {:.0}/s; signing {} activities for {rounds} timed windows (~{:.0} s)",
        warmup.rate(),
        per_round * rounds,
        (per_round * rounds) as f64 / sign_rate
    );
    let mut pools = Vec::new();
    let mut next = 1 + WARMUP;
    for _ in 0..rounds {
        pools.push(Arc::new(
            signer
                .sign_all(deletes(&actor, next..next + per_round), &inbox, 8)
                .await?,
        ));
        next += per_round;
    }

    let (rsa_url, openssl_url) = (rsa.url()?, openssl.url()?);
    eprintln!("baselines: warm-up 2 s each");
    for url in [&rsa_url, &openssl_url] {
        let warm = load::hammer(
            &client,
            Some(url),
            warm_pool.clone(),
            args.connections,
            Duration::from_secs(2),
            Mode::Cycle,
            None,
        )
        .await;
        if warm.ok == 0 {
            bail!("a baseline answered nothing: {:?}", warm.sample);
        }
    }

    let bad_pool = Arc::new(tamper(&warm_pool));
    let mut results = Vec::new();
    for (r, pool) in pools.into_iter().enumerate() {
        city.proc.check_alive()?;
        let mut round: [Option<LoadResult>; 3] = [None, None, None];
        // Rotate the order so that no server always goes first or last.
        for k in 0..3 {
            let which = (r + k) % 3;
            let result = match which {
                0 => {
                    window(
                        &client,
                        Some(&rsa_url),
                        pool.clone(),
                        args,
                        Mode::Cycle,
                        rsa.proc.pid(),
                    )
                    .await
                }
                1 => {
                    window(
                        &client,
                        Some(&openssl_url),
                        pool.clone(),
                        args,
                        Mode::Cycle,
                        openssl.proc.pid(),
                    )
                    .await
                }
                _ => {
                    window(
                        &client,
                        None,
                        pool.clone(),
                        args,
                        Mode::Once,
                        city.proc.pid(),
                    )
                    .await
                }
            };
            if let Some(slot) = round.get_mut(which) {
                *slot = Some(result);
            }
        }
        let [Some(rsa_r), Some(openssl_r), Some(inbox_r)] = round else {
            bail!("a window was not measured");
        };
        let (bad_signature, duplicates) = if args.decompose {
            let bad = window(
                &forger,
                None,
                bad_pool.clone(),
                args,
                Mode::Cycle,
                city.proc.pid(),
            )
            .await;
            let dup = window(
                &client,
                None,
                warm_pool.clone(),
                args,
                Mode::Cycle,
                city.proc.pid(),
            )
            .await;
            eprintln!(
                "  invalid signature {:.0}/s answered ({} 2xx), duplicates {:.0}/s",
                bad.answered_rate(),
                bad.ok,
                dup.rate()
            );
            (Some(bad), Some(dup))
        } else {
            (None, None)
        };
        eprintln!(
            "round {}: rsa {:.0}/s, openssl {:.0}/s, inbox {:.0}/s ({:.1} %)",
            r + 1,
            rsa_r.rate(),
            openssl_r.rate(),
            inbox_r.rate(),
            100.0 * inbox_r.rate() / rsa_r.rate().max(1e-9)
        );
        accepted += inbox_r.ok;
        results.push(Round {
            rsa: rsa_r,
            openssl: openssl_r,
            inbox: inbox_r,
            bad_signature,
            duplicates,
        });
    }

    let ctx = city.ctx().await?;
    let domain = format!("localhost:{port}");
    let stored = citysync_app::federation::peers::all(&ctx)
        .await?
        .into_iter()
        .find(|p| p.domain == domain)
        .map(|p| p.received)
        .unwrap_or(0);
    Ok(InboxReport {
        rounds: results,
        warmup,
        stored,
        accepted,
        pool: per_round * rounds,
        sign_rate,
    })
}

fn cores(c: Option<f64>) -> String {
    c.map_or_else(|| "?".to_owned(), |c| format!("{c:.2}"))
}

fn ratio(a: f64, b: f64) -> f64 {
    100.0 * a / b.max(1e-9)
}

impl InboxReport {
    fn row(&self, what: &str, pick: impl Fn(&Round) -> &LoadResult) -> String {
        let results: Vec<&LoadResult> = self.rounds.iter().map(&pick).collect();
        let rates: Vec<String> = results.iter().map(|r| format!("{:.0}", r.rate())).collect();
        let ok: u64 = results.iter().map(|r| r.ok).sum();
        let failed: u64 = results.iter().map(|r| r.non2xx + r.errors).sum();
        let server = median(results.iter().filter_map(|r| r.server_cores).collect());
        let client = median(results.iter().filter_map(|r| r.client_cores).collect());
        format!(
            "| {what} | **{:.0}** | {} | {ok} | {failed} | {} | {} |",
            median(results.iter().map(|r| r.rate()).collect()),
            rates.join(" / "),
            cores(Some(server)),
            cores(Some(client)),
        )
    }

    pub fn markdown(&self, args: &FederationArgs) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "### Signed inbox ({} connections; {} rounds of {} s windows per server, order rotated each round)\n\n",
            args.connections,
            self.rounds.len(),
            args.seconds
        ));
        out.push_str("| server | 2xx/s, median | 2xx/s per round | 2xx | failed | server CPU (cores, median) | client CPU (cores, median) |\n");
        out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        out.push_str(&self.row(
            "bare actix-web (2 workers), one RSA-2048 verify with `rsa` 0.9",
            |r| &r.rsa,
        ));
        out.push('\n');
        out.push_str(&self.row(
            "bare actix-web (2 workers), one RSA-2048 verify with OpenSSL",
            |r| &r.openssl,
        ));
        out.push('\n');
        out.push_str(&self.row(
            "City/Sync inbox: signed `Delete` verified and stored",
            |r| &r.inbox,
        ));
        if self.rounds.iter().all(|r| r.bad_signature.is_some()) {
            let bad: Vec<f64> = self
                .rounds
                .iter()
                .filter_map(|r| r.bad_signature.as_ref().map(LoadResult::answered_rate))
                .collect();
            let dup: Vec<f64> = self
                .rounds
                .iter()
                .filter_map(|r| r.duplicates.as_ref().map(LoadResult::rate))
                .collect();
            let fmt = |v: &[f64]| {
                v.iter()
                    .map(|x| format!("{x:.0}"))
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            out.push_str(&format!(
                "\n| (decomposition) City/Sync inbox, signature made invalid: policy read, actor read, RSA verify, 401; nothing stored | {:.0} (answers/s) | {} | | | | |",
                median(bad.clone()),
                fmt(&bad)
            ));
            out.push_str(&format!(
                "\n| (decomposition) City/Sync inbox, duplicates: verified, receipt found, duplicate counted | {:.0} | {} | | | | |",
                median(dup.clone()),
                fmt(&dup)
            ));
        }
        out.push_str("\n\n");
        let per_round: Vec<f64> = self
            .rounds
            .iter()
            .map(|r| ratio(r.inbox.rate(), r.rsa.rate()))
            .collect();
        out.push_str(&format!(
            "- inbox / `rsa` baseline, same round: **{:.1} %** median ({}) — target ≥ 40 %\n",
            median(per_round.clone()),
            per_round
                .iter()
                .map(|p| format!("{p:.1} %"))
                .collect::<Vec<_>>()
                .join(" / ")
        ));
        out.push_str(&format!(
            "- inbox / OpenSSL baseline: {:.1} % median; `rsa` / OpenSSL: {:.1} % median\n",
            median(
                self.rounds
                    .iter()
                    .map(|r| ratio(r.inbox.rate(), r.openssl.rate()))
                    .collect()
            ),
            median(
                self.rounds
                    .iter()
                    .map(|r| ratio(r.rsa.rate(), r.openssl.rate()))
                    .collect()
            )
        ));
        out.push_str(&format!(
            "- durably stored: the city's database counts {} receipts from the peer; the peer got {} 2xx answers{}\n",
            self.stored,
            self.accepted,
            if self.stored == self.accepted as i64 { " (equal)" } else { " (**differ**)" }
        ));
        let exhausted = self.rounds.iter().any(|r| r.inbox.exhausted);
        out.push_str(&format!(
            "- warm-up (first actor fetch, caches): {} activities at {:.0}/s; {} requests signed beforehand at {:.0} signatures/s{}\n",
            self.warmup.ok,
            self.warmup.rate(),
            self.pool,
            self.sign_rate,
            if exhausted { " — **a round's pool ran out before its window ended; that window is shorter**" } else { "" }
        ));
        for (n, round) in self.rounds.iter().enumerate() {
            for (what, r) in [
                ("rsa baseline", &round.rsa),
                ("OpenSSL baseline", &round.openssl),
                ("inbox", &round.inbox),
            ] {
                if let Some(sample) = &r.sample {
                    out.push_str(&format!(
                        "- round {}, {what}: first failure: {}\n",
                        n + 1,
                        load::truncate(sample, 200)
                    ));
                }
            }
        }
        out
    }
}
