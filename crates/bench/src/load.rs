//! The load generator: `connections` tasks on one HTTP client replay pre-signed requests
//! for a fixed time and count the answers.

use crate::proc::{cores, cpu_seconds};
use crate::signing::Signed;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Each request once (an inbox drops duplicates); the window ends early if they run out.
    Once,
    /// Round the pool again and again (a baseline does not look at what it gets).
    Cycle,
}

#[derive(Debug, Clone, Default)]
pub struct LoadResult {
    pub ok: u64,
    pub non2xx: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// The pool ran out before the time was up.
    pub exhausted: bool,
    /// The first failure seen, for the report.
    pub sample: Option<String>,
    /// CPU cores the server process and this process kept busy during the window.
    pub server_cores: Option<f64>,
    pub client_cores: Option<f64>,
}

impl LoadResult {
    pub fn rate(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Answers of any status per second.
    pub fn answered_rate(&self) -> f64 {
        (self.ok + self.non2xx) as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

pub fn client(connections: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// A client whose connections leave from `address` (another loopback address: the city
/// limits requests that do not verify per client address, so forgeries sent from the
/// load's own address would get every later request of the load refused for a minute).
pub fn client_from(
    connections: usize,
    address: std::net::IpAddr,
) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .no_proxy()
        .local_address(address)
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// Sends one signed request (to `target` instead of its own URL when given): status, body.
pub async fn send(
    client: &reqwest::Client,
    target: Option<&Url>,
    signed: &Signed,
) -> Result<(u16, String), reqwest::Error> {
    let url = target.unwrap_or(&signed.url).clone();
    let resp = client
        .post(url)
        .headers(signed.headers.clone())
        .body(signed.body.clone())
        .send()
        .await?;
    let status = resp.status().as_u16();
    let body = resp.text().await?;
    Ok((status, body))
}

/// Replays `pool` over `connections` connections for `duration`.
pub async fn hammer(
    client: &reqwest::Client,
    target: Option<&Url>,
    pool: Arc<Vec<Signed>>,
    connections: usize,
    duration: Duration,
    mode: Mode,
    server_pid: Option<u32>,
) -> LoadResult {
    let next = Arc::new(AtomicUsize::new(0));
    let ok = Arc::new(AtomicU64::new(0));
    let non2xx = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let exhausted = Arc::new(AtomicBool::new(false));
    let sample: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let (server0, client0) = (cpu_seconds(server_pid), cpu_seconds(None));
    let start = Instant::now();
    let stop_at = start + duration;
    let mut tasks = Vec::new();
    for _ in 0..connections.max(1) {
        let (client, target, pool) = (client.clone(), target.cloned(), pool.clone());
        let (next, ok, non2xx, errors, exhausted, sample) = (
            next.clone(),
            ok.clone(),
            non2xx.clone(),
            errors.clone(),
            exhausted.clone(),
            sample.clone(),
        );
        tasks.push(tokio::spawn(async move {
            while Instant::now() < stop_at && !pool.is_empty() {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let signed = match mode {
                    Mode::Once => match pool.get(i) {
                        Some(s) => s,
                        None => {
                            exhausted.store(true, Ordering::Relaxed);
                            break;
                        }
                    },
                    Mode::Cycle => match pool.get(i % pool.len()) {
                        Some(s) => s,
                        None => break,
                    },
                };
                let failure = match send(&client, target.as_ref(), signed).await {
                    Ok((status, _)) if (200..300).contains(&status) => {
                        ok.fetch_add(1, Ordering::Relaxed);
                        None
                    }
                    Ok((status, body)) => {
                        non2xx.fetch_add(1, Ordering::Relaxed);
                        Some(format!("HTTP {status}: {}", truncate(&body, 300)))
                    }
                    Err(e) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        Some(format!("error: {e}"))
                    }
                };
                if let Some(failure) = failure {
                    if let Ok(mut s) = sample.lock() {
                        s.get_or_insert(failure);
                    }
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = start.elapsed();
    let (server1, client1) = (cpu_seconds(server_pid), cpu_seconds(None));
    let sample = sample.lock().ok().and_then(|s| s.clone());
    LoadResult {
        ok: ok.load(Ordering::SeqCst),
        non2xx: non2xx.load(Ordering::SeqCst),
        errors: errors.load(Ordering::SeqCst),
        elapsed,
        exhausted: exhausted.load(Ordering::SeqCst),
        sample,
        server_cores: cores(server0, server1, elapsed),
        client_cores: cores(client0, client1, elapsed),
    }
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// GETs `url` over `connections` connections for `duration`; 2xx answers count, the body is
/// read in full.
pub async fn hammer_get(
    client: &reqwest::Client,
    url: &Url,
    connections: usize,
    duration: Duration,
    server_pid: Option<u32>,
) -> LoadResult {
    let (ok, non2xx, errors) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let sample: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let (server0, client0) = (cpu_seconds(server_pid), cpu_seconds(None));
    let start = Instant::now();
    let stop_at = start + duration;
    let mut tasks = Vec::new();
    for _ in 0..connections.max(1) {
        let (client, url) = (client.clone(), url.clone());
        let (ok, non2xx, errors, sample) =
            (ok.clone(), non2xx.clone(), errors.clone(), sample.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < stop_at {
                let answer = match client.get(url.clone()).send().await {
                    Ok(resp) => {
                        let status = resp.status().as_u16();
                        resp.bytes().await.map(|b| (status, b))
                    }
                    Err(e) => Err(e),
                };
                let failure = match answer {
                    Ok((status, _)) if (200..300).contains(&status) => {
                        ok.fetch_add(1, Ordering::Relaxed);
                        None
                    }
                    Ok((status, body)) => {
                        non2xx.fetch_add(1, Ordering::Relaxed);
                        Some(format!(
                            "HTTP {status}: {}",
                            truncate(&String::from_utf8_lossy(&body), 300)
                        ))
                    }
                    Err(e) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        Some(format!("error: {e}"))
                    }
                };
                if let Some(failure) = failure {
                    if let Ok(mut s) = sample.lock() {
                        s.get_or_insert(failure);
                    }
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = start.elapsed();
    let (server1, client1) = (cpu_seconds(server_pid), cpu_seconds(None));
    let sample = sample.lock().ok().and_then(|s| s.clone());
    LoadResult {
        ok: ok.load(Ordering::SeqCst),
        non2xx: non2xx.load(Ordering::SeqCst),
        errors: errors.load(Ordering::SeqCst),
        elapsed,
        exhausted: false,
        sample,
        server_cores: cores(server0, server1, elapsed),
        client_cores: cores(client0, client1, elapsed),
    }
}
