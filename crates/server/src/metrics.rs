//! `GET /metrics` in Prometheus' text format: HTTP requests by route pattern, method and
//! status with a latency histogram per route, background worker runs, and gauges read from
//! the database at each scrape (delivery backlog per peer, ledger totals, pending mail).
//!
//! Who may scrape is set under `[metrics]`: a bearer token, or else the addresses in
//! `allow_from` (loopback by default) with no proxy headers.

use crate::config::Secret;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::Ctx;
use prometheus::{
    Encoder, GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// Serve `GET /metrics`; false answers 404.
    pub enabled: bool,
    /// When set, a scraper must send `Authorization: Bearer <token>` (from any address).
    pub token: Secret,
    /// Without a token: the addresses or networks (`10.0.0.0/8`) allowed to scrape.
    pub allow_from: Vec<String>,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        MetricsConfig {
            enabled: true,
            token: Secret(String::new()),
            allow_from: vec!["127.0.0.1/8".into(), "::1/128".into()],
        }
    }
}

/// An address or a network in CIDR notation.
fn parse_net(s: &str) -> Option<(IpAddr, u8)> {
    let (addr, bits) = match s.split_once('/') {
        Some((a, b)) => (a.parse::<IpAddr>().ok()?, Some(b.parse::<u8>().ok()?)),
        None => (s.parse::<IpAddr>().ok()?, None),
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let bits = bits.unwrap_or(max);
    (bits <= max).then_some((addr, bits))
}

fn in_net(ip: IpAddr, (net, bits): (IpAddr, u8)) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    };
    let mask = |width: u32| -> u128 {
        if bits == 0 {
            0
        } else {
            (u128::MAX << (width - u32::from(bits))) & (u128::MAX >> (128 - width))
        }
    };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            u128::from(u32::from(a)) & mask(32) == u128::from(u32::from(b)) & mask(32)
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => u128::from(a) & mask(128) == u128::from(b) & mask(128),
        _ => false,
    }
}

/// Compares without stopping at the first difference (no timing hint about the token).
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

impl MetricsConfig {
    pub fn validate(&self) -> Result<(), String> {
        match self.allow_from.iter().find(|s| parse_net(s).is_none()) {
            Some(bad) => Err(format!(
                "metrics.allow_from entries must be addresses or networks like 10.0.0.0/8, got {bad:?}"
            )),
            None => Ok(()),
        }
    }

    /// Whether this request may read the metrics.
    fn allows(&self, req: &HttpRequest) -> bool {
        if !self.token.0.is_empty() {
            let expected = format!("Bearer {}", self.token.0);
            return req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| same_secret(v, &expected));
        }
        // A request relayed by a reverse proxy on an allowed address is a stranger's.
        let proxied = ["forwarded", "x-forwarded-for", "x-real-ip"]
            .iter()
            .any(|h| req.headers().contains_key(*h));
        let Some(peer) = req.peer_addr() else {
            return false;
        };
        !proxied
            && self
                .allow_from
                .iter()
                .filter_map(|s| parse_net(s))
                .any(|net| in_net(peer.ip(), net))
    }
}

/// The process's counters and histograms; shared by every HTTP worker and background job.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    worker_runs: IntCounterVec,
    config: MetricsConfig,
}

impl Metrics {
    pub fn new(config: MetricsConfig) -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "citysync_http_requests_total",
                "HTTP requests by route pattern, method and status.",
            ),
            &["route", "method", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "citysync_http_request_duration_seconds",
                "Time to answer HTTP requests, by route pattern.",
            ),
            &["route"],
        )?;
        let worker_runs = IntCounterVec::new(
            Opts::new(
                "citysync_worker_runs_total",
                "Background worker rounds by job and outcome (ok, error).",
            ),
            &["job", "outcome"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(worker_runs.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            worker_runs,
            config,
        })
    }

    fn observe(&self, route: &str, method: &str, status: u16, took: Duration) {
        self.requests
            .with_label_values(&[route, method, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[route])
            .observe(took.as_secs_f64());
    }

    /// Counts one round of a background job.
    pub fn worker_run(&self, job: &str, ok: bool) {
        let outcome = if ok { "ok" } else { "error" };
        self.worker_runs.with_label_values(&[job, outcome]).inc();
    }
}

/// Middleware: counts every request under its matched route pattern (never the raw path,
/// so the number of series stays bounded) and times it.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    // The request cannot be cloned before routing (actix then panics): the pattern is read
    // from the response's request afterwards.
    let method: &'static str = match req.method().as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let result = next.call(req).await;
    if let Some(metrics) = metrics {
        let (route, status) = match &result {
            Ok(resp) => (
                resp.request()
                    .match_pattern()
                    .unwrap_or_else(|| "unmatched".into()),
                resp.status(),
            ),
            // Handlers' errors are already responses here; this is a middleware's failure.
            Err(e) => ("error".into(), e.as_response_error().status_code()),
        };
        metrics.observe(&route, method, status.as_u16(), started.elapsed());
    }
    result
}

use citysync_app::operations::{figures, Figures};

/// The gauges of one scrape, in a registry of their own.
fn gauges(figures: Option<&Figures>) -> Result<Registry, prometheus::Error> {
    let registry = Registry::new();
    let up = IntGauge::new(
        "citysync_database_up",
        "1 when the database answered this scrape.",
    )?;
    up.set(i64::from(figures.is_some()));
    registry.register(Box::new(up))?;
    let info = IntGaugeVec::new(
        Opts::new("citysync_build_info", "The running City/Sync version."),
        &["version"],
    )?;
    info.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
    registry.register(Box::new(info))?;
    let Some(f) = figures else {
        return Ok(registry);
    };
    let backlog = IntGaugeVec::new(
        Opts::new(
            "citysync_federation_backlog",
            "Activities queued for a peer city and not delivered yet.",
        ),
        &["peer"],
    )?;
    let failed = IntGaugeVec::new(
        Opts::new(
            "citysync_federation_failed",
            "Deliveries to a peer city given up on.",
        ),
        &["peer"],
    )?;
    for b in &f.backlogs {
        backlog.with_label_values(&[&b.peer_domain]).set(b.pending);
        failed.with_label_values(&[&b.peer_domain]).set(b.failed);
    }
    registry.register(Box::new(backlog))?;
    registry.register(Box::new(failed))?;
    let ledger = GaugeVec::new(
        Opts::new(
            "citysync_ledger_total",
            "Ledger totals by currency and part (issued, circulating, budgets, escrow, \
             burned), in whole units.",
        ),
        &["currency", "part"],
    )?;
    for currency in ["CITY", "VOTE"] {
        let sum = |kinds: &[&str]| -> i64 {
            f.balances
                .iter()
                .filter(|b| b.currency == currency && kinds.contains(&b.kind.as_str()))
                .map(|b| b.total)
                .sum()
        };
        // The mint's balance is minus everything issued; CITY is kept in hundredths.
        let scale = if currency == "CITY" { 100.0 } else { 1.0 };
        for (part, value) in [
            ("issued", -sum(&["mint"])),
            ("circulating", sum(&["resident", "organization"])),
            ("budgets", sum(&["budget"])),
            ("escrow", sum(&["escrow"])),
            ("burned", sum(&["burn"])),
        ] {
            // VOTE is only ever minted and held (or decayed back to the mint).
            if currency == "VOTE" && !matches!(part, "issued" | "circulating") {
                continue;
            }
            #[allow(clippy::cast_precision_loss)] // balances stay far below 2^53
            let value = value as f64 / scale;
            ledger.with_label_values(&[currency, part]).set(value);
        }
    }
    registry.register(Box::new(ledger))?;
    let mail = IntGauge::new("citysync_mail_pending", "Messages queued and not sent yet.")?;
    mail.set(f.pending_mail);
    registry.register(Box::new(mail))?;
    Ok(registry)
}

/// GET /metrics.
pub async fn metrics(
    req: HttpRequest,
    metrics: web::Data<Metrics>,
    ctx: web::Data<Ctx>,
) -> HttpResponse {
    if !metrics.config.allows(&req) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("metrics: not allowed (see [metrics] in the configuration)\n");
    }
    let figures = match tokio::time::timeout(Duration::from_secs(5), figures(&ctx)).await {
        Ok(Ok(f)) => Some(f),
        Ok(Err(e)) => {
            tracing::warn!(error = ?e, "metrics: the database did not answer");
            None
        }
        Err(_) => None,
    };
    let mut families = metrics.registry.gather();
    match gauges(figures.as_ref()) {
        Ok(scrape) => families.extend(scrape.gather()),
        Err(e) => tracing::warn!(error = %e, "metrics: building the gauges failed"),
    }
    let mut body = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&families, &mut body) {
        tracing::warn!(error = %e, "metrics: encoding failed");
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn networks_match_addresses() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let net = |s: &str| parse_net(s).unwrap();
        assert!(in_net(ip("10.1.2.3"), net("10.0.0.0/8")));
        assert!(!in_net(ip("11.0.0.1"), net("10.0.0.0/8")));
        assert!(in_net(ip("127.0.0.1"), net("127.0.0.1/8")));
        assert!(in_net(ip("::ffff:127.0.0.1"), net("127.0.0.1/8")));
        assert!(in_net(ip("::1"), net("::1/128")));
        assert!(!in_net(ip("::2"), net("::1/128")));
        assert!(in_net(ip("192.0.2.7"), net("0.0.0.0/0")));
        assert!(in_net(ip("192.0.2.7"), net("192.0.2.7")));
        assert!(parse_net("10.0.0.0/33").is_none() && parse_net("localhost").is_none());
        let config = MetricsConfig {
            allow_from: vec!["10.0.0.0/8".into(), "nonsense".into()],
            ..MetricsConfig::default()
        };
        assert!(config.validate().is_err());
        assert!(
            same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("ab", "abc")
        );
    }
}
