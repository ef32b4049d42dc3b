//! Outbound fan-out: the city announces each newly active template to every follower. The
//! followers are `peers` loopback inbox sinks; each sent the city a signed `Follow` and got
//! its `Accept`. Templates are activated through the app layer on the city's own database
//! (the same use case the pages call); the city's delivery worker does the rest. Deliveries
//! per second are counted at the live sinks, from the first `Announce` to the last expected.
//!
//! Runs, one after the other on the same city: every peer alive; one peer dead (its port
//! closed: connections refused); one more peer hung (it accepts connections and never
//! answers, as a stalled server or a full backlog does).

use crate::city::City;
use crate::load;
use crate::proc::{cores, cpu_seconds};
use crate::signing::{Keys, PeerActor, Signer};
use crate::sinks::{self, Hung, Sinks};
use crate::FederationArgs;
use anyhow::{bail, Context as _};
use citysync_app::{catalog, Ctx, User};
use citysync_domain::lifecycle::TemplateEvent;
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use futures_util::StreamExt as _;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long one run may take before it is reported incomplete.
const RUN_LIMIT: Duration = Duration::from_secs(240);

pub struct FanoutRun {
    pub label: String,
    pub live: usize,
    pub expected: u64,
    pub received: u64,
    /// First to last `Announce` at the live sinks.
    pub window: Duration,
    /// From the first activation to the last `Announce`.
    pub end_to_end: Duration,
    pub spread: (u64, u64),
    pub server_cores: Option<f64>,
}

impl FanoutRun {
    pub fn rate(&self) -> f64 {
        self.received as f64 / self.window.as_secs_f64().max(1e-9)
    }
}

pub struct FanoutReport {
    pub peers: usize,
    pub templates: usize,
    pub runs: Vec<FanoutRun>,
    /// What the city's queue says about the dead and the hung peer at the end.
    pub victims: Vec<String>,
}

/// The template the catalog and fan-out benchmarks activate: a creek cleanup numbered `n`.
pub fn spec(n: usize) -> TemplateSpec {
    TemplateSpec {
        title: format!("Creek cleanup {n}"),
        summary: "Pick up litter along the creek".into(),
        instructions: "Bring **gloves**.".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Photo, ProofKind::Text],
        reward_city: 500,
        reward_vote: 2,
        estimated_minutes: 90,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    }
}

async fn wait_for<F: Fn() -> bool>(what: &str, limit: Duration, done: F) -> anyhow::Result<()> {
    let deadline = Instant::now() + limit;
    while !done() {
        if Instant::now() > deadline {
            bail!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn fan_run(
    label: &str,
    ctx: &Ctx,
    owner: &User,
    templates: &[String],
    sinks: &Sinks,
    live: &[u16],
    city: &mut City,
) -> anyhow::Result<FanoutRun> {
    city.proc.check_alive()?;
    sinks.reset_announces();
    let expected = (templates.len() * live.len()) as u64;
    eprintln!("fan-out: {label}: {expected} deliveries expected");
    let cpu0 = cpu_seconds(Some(city.proc.pid()));
    let t0 = Instant::now();
    for id in templates {
        catalog::change_template(ctx, owner, id, TemplateEvent::Activate).await?;
    }
    let deadline = t0 + RUN_LIMIT;
    while sinks.announces(live) < expected && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let end = Instant::now();
    let cpu1 = cpu_seconds(Some(city.proc.pid()));
    let received = sinks.announces(live);
    let (first, last) = sinks.window(live).unwrap_or((t0, end));
    let run = FanoutRun {
        label: label.to_owned(),
        live: live.len(),
        expected,
        received,
        window: last.saturating_duration_since(first),
        end_to_end: last.saturating_duration_since(t0),
        spread: sinks.announce_spread(live),
        server_cores: cores(cpu0, cpu1, end.saturating_duration_since(t0)),
    };
    eprintln!(
        "  {received}/{expected} in {:.2} s: {:.0}/s",
        run.window.as_secs_f64(),
        run.rate()
    );
    Ok(run)
}

pub async fn run(args: &FederationArgs) -> anyhow::Result<FanoutReport> {
    let hung_run = !args.no_hung;
    let victims = if hung_run { 2 } else { 1 };
    anyhow::ensure!(args.peers > victims, "--peers must be more than {victims}");
    eprintln!("fan-out: {} peers", args.peers);
    let keys = Keys::generate().await?;
    let mut listeners = Vec::new();
    for _ in 0..args.peers {
        listeners.push(crate::proc::free_listener()?);
    }
    let ports: Vec<u16> = listeners
        .iter()
        .map(|l| l.local_addr().map(|a| a.port()))
        .collect::<Result<_, _>>()?;
    let sinks = Sinks::new(&keys.public_pem, &ports);
    // The last port is the peer that dies, the one before it the one that hangs.
    let dead_listener = listeners.pop().context("no peers")?;
    let dead_port = dead_listener.local_addr()?.port();
    let hung = if hung_run {
        let l = listeners.pop().context("no peers")?;
        let port = l.local_addr()?.port();
        Some((port, sinks::serve(vec![l], sinks.clone(), 1)?))
    } else {
        None
    };
    let dead_server = sinks::serve(vec![dead_listener], sinks.clone(), 1)?;
    let _live_server = sinks::serve(listeners, sinks.clone(), 1)?;

    eprintln!("fan-out: starting the city");
    let mut city = City::start("fanout", args.city_log.as_deref()).await?;
    let inbox = city.inbox_url()?;
    let signer = Signer::new().await?;
    let client = load::client(16)?;

    // Every peer follows the city with a signed Follow; the city fetches its actor and
    // queues an Accept.
    let follows = ports
        .iter()
        .map(|port| {
            let actor = PeerActor::new(*port, &keys)?;
            let follow = json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": format!("http://localhost:{port}/follows/1"),
                "type": "Follow",
                "actor": actor.id,
                "object": city.actor_url(),
            });
            Ok((actor, follow))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let signed = signer.sign_all(follows, &inbox, 8).await?;
    let answers: Vec<_> = futures_util::stream::iter(signed.iter())
        .map(|s| load::send(&client, None, s))
        .buffer_unordered(16)
        .collect()
        .await;
    for answer in answers {
        let (status, body) = answer?;
        if !(200..300).contains(&status) {
            bail!(
                "the city refused a signed Follow: HTTP {status} {body}\ncity log:\n{}",
                city.proc.log_tail(30)
            );
        }
    }
    wait_for("every peer's Accept", Duration::from_secs(120), || {
        ports.iter().all(|p| {
            sinks
                .port(*p)
                .map(|c| c.accepts.load(Ordering::SeqCst) > 0)
                .unwrap_or(false)
        })
    })
    .await
    .with_context(|| format!("city log:\n{}", city.proc.log_tail(30)))?;
    eprintln!("fan-out: {} followers accepted", ports.len());

    // An approved organization with enough draft templates for every run.
    let ctx = city.ctx().await?;
    let admin = citysync_test_support::person(&ctx, "bench_admin", true).await;
    let owner = citysync_test_support::person(&ctx, "bench_owner", false).await;
    citysync_test_support::approved_organization(&ctx, &admin, &owner, "bench-org", true, false)
        .await;
    let runs = if hung_run { 3 } else { 2 };
    let mut drafts = Vec::new();
    for n in 0..args.templates * runs {
        drafts.push(
            catalog::create_template(&ctx, &owner, "bench-org", spec(n))
                .await?
                .id,
        );
    }
    let mut batches = drafts.chunks(args.templates.max(1));
    let mut next_batch = || batches.next().context("not enough templates");
    // Let the worker settle (organization approval, drafts: nothing to deliver).
    tokio::time::sleep(Duration::from_secs(2)).await;

    let mut live: Vec<u16> = ports.clone();
    let mut report = Vec::new();
    report.push(
        fan_run(
            "all peers alive",
            &ctx,
            &owner,
            next_batch()?,
            &sinks,
            &live,
            &mut city,
        )
        .await?,
    );

    dead_server.stop(false).await;
    live.retain(|p| *p != dead_port);
    report.push(
        fan_run(
            "one peer dead (port closed)",
            &ctx,
            &owner,
            next_batch()?,
            &sinks,
            &live,
            &mut city,
        )
        .await?,
    );

    let hung_port = hung.as_ref().map(|(port, _)| *port);
    if let Some((hung_port, server)) = hung {
        server.stop(false).await;
        let _hung = Hung::listen(hung_port).await?;
        live.retain(|p| *p != hung_port);
        report.push(
            fan_run(
                "one dead + one hung peer (accepts, never answers)",
                &ctx,
                &owner,
                next_batch()?,
                &sinks,
                &live,
                &mut city,
            )
            .await?,
        );
    }
    // The city's own account of the peers that failed.
    let mut victims = Vec::new();
    let backlogs = citysync_app::federation::peer_backlogs(&ctx).await?;
    for (what, port) in [("dead", Some(dead_port)), ("hung", hung_port)] {
        let Some(port) = port else { continue };
        let domain = format!("localhost:{port}");
        match backlogs.iter().find(|b| b.peer_domain == domain) {
            Some(b) => victims.push(format!(
                "{what} peer {domain}: {} delivered, {} waiting, {} given up; last error: {}",
                b.delivered,
                b.pending,
                b.failed,
                b.last_error
                    .as_deref()
                    .map(|e| load::truncate(e, 160))
                    .unwrap_or_else(|| "none".to_owned())
            )),
            None => victims.push(format!("{what} peer {domain}: no queue")),
        }
    }
    Ok(FanoutReport {
        peers: args.peers,
        templates: args.templates,
        runs: report,
        victims,
    })
}

impl FanoutReport {
    /// `sign_rate`: activitypub_federation's signatures per second on this machine in this run
    /// (the inbox part's pre-signing, 8 at a time), the cost every delivery pays once.
    pub fn markdown(&self, sign_rate: Option<f64>) -> String {
        let mut out = format!(
            "### Outbound fan-out ({} followers, {} templates activated per run, each announced to every follower)\n\n",
            self.peers, self.templates
        );
        out.push_str("| run | live peers | delivered to live peers | per live peer (min–max) | first→last | deliveries/s | vs all alive | activation→last | city CPU (cores) |\n");
        out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        let base = self.runs.first().map(FanoutRun::rate).unwrap_or(0.0);
        for r in &self.runs {
            out.push_str(&format!(
                "| {} | {} | {}{} | {}–{} | {:.2} s | {:.0} | {:.0} % | {:.2} s | {} |\n",
                r.label,
                r.live,
                r.received,
                if r.received < r.expected {
                    format!(" of {} (**incomplete**)", r.expected)
                } else {
                    String::new()
                },
                r.spread.0,
                r.spread.1,
                r.window.as_secs_f64(),
                r.rate(),
                100.0 * r.rate() / base.max(1e-9),
                r.end_to_end.as_secs_f64(),
                r.server_cores
                    .map_or_else(|| "?".to_owned(), |c| format!("{c:.2}")),
            ));
        }
        for v in &self.victims {
            out.push_str(&format!("\n- the city's queue at the end, {v}"));
        }
        if !self.victims.is_empty() {
            out.push('\n');
        }
        if let Some(rate) = sign_rate {
            out.push_str(&format!(
                "\nFor scale: each delivery is signed once (RSA-2048, with ring since issue 29; `citysync-bench suite` measures ring's rate beside it); activitypub_federation's own signing (pure-Rust `rsa`) ran at {rate:.0} signatures/s on this machine in this run (the inbox part's pre-signing, all cores).\n"
            ));
        }
        out
    }
}
