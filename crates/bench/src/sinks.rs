//! Loopback peers: each port serves its actor document (`GET /actor`) and an inbox
//! (`POST /inbox`) that answers 202 and counts what arrives, by activity type and port.
//! One actix-web server may listen on many ports; a port's own server can be stopped to
//! make that peer dead, or replaced by a socket that accepts and never answers (hung).

use crate::signing::actor_json;
use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct PortCounts {
    pub accepts: AtomicU64,
    pub announces: AtomicU64,
    pub others: AtomicU64,
    /// First and last `Announce` since the last reset.
    window: Mutex<(Option<Instant>, Option<Instant>)>,
}

pub struct Sinks {
    public_pem: String,
    ports: HashMap<u16, PortCounts>,
}

impl Sinks {
    pub fn new(public_pem: &str, ports: &[u16]) -> Arc<Sinks> {
        Arc::new(Sinks {
            public_pem: public_pem.to_owned(),
            ports: ports.iter().map(|p| (*p, PortCounts::default())).collect(),
        })
    }

    pub fn port(&self, port: u16) -> Option<&PortCounts> {
        self.ports.get(&port)
    }

    /// Forgets the `Announce`s counted so far (a new run starts).
    pub fn reset_announces(&self) {
        for counts in self.ports.values() {
            counts.announces.store(0, Ordering::SeqCst);
            if let Ok(mut w) = counts.window.lock() {
                *w = (None, None);
            }
        }
    }

    pub fn announces(&self, ports: &[u16]) -> u64 {
        ports
            .iter()
            .filter_map(|p| self.ports.get(p))
            .map(|c| c.announces.load(Ordering::SeqCst))
            .sum()
    }

    /// Fewest and most `Announce`s one of `ports` received.
    pub fn announce_spread(&self, ports: &[u16]) -> (u64, u64) {
        let counts: Vec<u64> = ports
            .iter()
            .filter_map(|p| self.ports.get(p))
            .map(|c| c.announces.load(Ordering::SeqCst))
            .collect();
        (
            counts.iter().copied().min().unwrap_or(0),
            counts.iter().copied().max().unwrap_or(0),
        )
    }

    /// The first and the last `Announce` any of `ports` received since the reset.
    pub fn window(&self, ports: &[u16]) -> Option<(Instant, Instant)> {
        let mut first: Option<Instant> = None;
        let mut last: Option<Instant> = None;
        for counts in ports.iter().filter_map(|p| self.ports.get(p)) {
            if let Ok(w) = counts.window.lock() {
                if let Some(f) = w.0 {
                    first = Some(first.map_or(f, |x| x.min(f)));
                }
                if let Some(l) = w.1 {
                    last = Some(last.map_or(l, |x| x.max(l)));
                }
            }
        }
        Some((first?, last?))
    }
}

async fn actor(req: HttpRequest, sinks: web::Data<Sinks>) -> HttpResponse {
    let port = req.app_config().local_addr().port();
    HttpResponse::Ok()
        .content_type("application/activity+json")
        .body(actor_json(port, &sinks.public_pem).to_string())
}

async fn inbox(req: HttpRequest, sinks: web::Data<Sinks>, body: web::Bytes) -> HttpResponse {
    let now = Instant::now();
    let port = req.app_config().local_addr().port();
    let kind = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("type").and_then(Value::as_str).map(str::to_owned));
    if let Some(counts) = sinks.ports.get(&port) {
        match kind.as_deref() {
            Some("Announce") => {
                counts.announces.fetch_add(1, Ordering::SeqCst);
                if let Ok(mut w) = counts.window.lock() {
                    w.0.get_or_insert(now);
                    w.1 = Some(now);
                }
            }
            Some("Accept") => {
                counts.accepts.fetch_add(1, Ordering::SeqCst);
            }
            _ => {
                counts.others.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
    HttpResponse::Accepted().finish()
}

/// Serves the peers of `listeners` with `workers` threads.
pub fn serve(
    listeners: Vec<std::net::TcpListener>,
    sinks: Arc<Sinks>,
    workers: usize,
) -> anyhow::Result<ServerHandle> {
    let data = web::Data::from(sinks);
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(web::PayloadConfig::new(1024 * 1024))
            .route("/actor", web::get().to(actor))
            .route("/inbox", web::post().to(inbox))
    })
    .workers(workers)
    .disable_signals()
    .shutdown_timeout(1);
    for listener in listeners {
        server = server.listen(listener)?;
    }
    let server = server.run();
    let handle = server.handle();
    tokio::spawn(server);
    Ok(handle)
}

/// A peer that accepts TCP connections on `port` and never reads or answers; dropped (the
/// task aborted) it closes them all.
pub struct Hung(tokio::task::JoinHandle<()>);

impl Hung {
    pub async fn listen(port: u16) -> anyhow::Result<Hung> {
        let mut tries = 0;
        let listener = loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
                Ok(l) => break l,
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e.into()),
            }
        };
        Ok(Hung(tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        })))
    }
}

impl Drop for Hung {
    fn drop(&mut self) {
        self.0.abort();
    }
}
