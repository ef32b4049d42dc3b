//! Operations: `/metrics` in Prometheus' text format, liveness and readiness, `citysync
//! backup` / `restore` through the real binary, the refusal of a schema newer than the
//! binary, and `serve --role web|worker`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod backup;
use citysync_test_support::server as common;
mod exposition;
mod failures;

use citysync_server::config::{Config, Overrides};
use citysync_server::serve::{self, Role, Running};
use common::{page, set_up_city, TestServer};
use diesel::connection::SimpleConnection;
use exposition::{assert_prometheus_text, sample};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const FUTURE_MIGRATION: &str =
    "INSERT INTO __diesel_schema_migrations (version) VALUES ('99991231000000')";

/// Runs the `citysync` binary on a data folder (SQLite unless `database_url` is given).
fn citysync(data_dir: &Path, database_url: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_citysync"));
    cmd.env_remove("DATABASE_URL")
        .env("CITYSYNC_LOG__LEVEL", "warn")
        .args(["--data-dir", &data_dir.to_string_lossy()]);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    cmd.args(args).output().expect("run citysync")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A server on SQLite in `data_dir`, in one role.
async fn start_in(data_dir: &Path, role: Role) -> anyhow::Result<(Running, String)> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let overrides = Overrides {
        data_dir: Some(data_dir.to_path_buf()),
        public_url: Some(base.clone()),
        ..Overrides::default()
    };
    let mut config = Config::load(None, &overrides).unwrap();
    config.database.url = None;
    config.server.workers = 1;
    let running = serve::start_as(config, Some(listener), role).await?;
    Ok((running, base))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_route_patterns_and_read_the_gauges() {
    use citysync_test_support::{approved_organization, person};
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ctx = server.running().ctx.clone();
    let clerk = common::user_named(&server, "clerk").await;
    let owner = person(&ctx, "owner_olga", false).await;
    let issuer = approved_organization(&ctx, &clerk, &owner, "creek", true, false).await;
    citysync_app::ledger::epochs::set_budget(&ctx, &clerk, &issuer, "100", "ops-b1")
        .await
        .unwrap();
    let now = ctx.now();
    let delivery = citysync_storage::federation::DeliveryRow {
        id: "d1".into(),
        activity_id: "https://127.0.0.1/a/1".into(),
        actor_ap_id: "https://127.0.0.1/city".into(),
        inbox: "https://peer.example/inbox".into(),
        peer_domain: "peer.example".into(),
        body: "{}".into(),
        created_at: now,
        attempts: 0,
        next_attempt_at: now + chrono::Duration::days(1),
        locked_until: None,
        delivered_at: None,
        failed_at: None,
        last_error: None,
    };
    ctx.db()
        .run(move |c| citysync_storage::federation::insert_delivery(c, &delivery))
        .await
        .unwrap();
    for handle in ["creek", "no-such-org", "another-missing"] {
        page(&admin, &server.url(&format!("/organizations/{handle}"))).await;
    }
    page(&admin, &server.url("/not/a/route")).await;

    let resp = server
        .client()
        .get(server.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let content_type = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    let body = resp.text().await.unwrap();
    assert_prometheus_text(&body);
    let route = r#"route="/organizations/{handle}""#;
    let requests = "citysync_http_requests_total";
    assert_eq!(
        sample(&body, requests, &[route, r#"status="200""#]),
        Some(1.0),
        "{body}"
    );
    assert_eq!(
        sample(&body, requests, &[route, r#"status="404""#]),
        Some(2.0),
        "{body}"
    );
    assert!(
        !body.contains("no-such-org"),
        "raw paths must not be labels"
    );
    assert!(
        sample(&body, requests, &[r#"route="unmatched""#]).is_some(),
        "{body}"
    );
    let histogram = "citysync_http_request_duration_seconds";
    assert!(body.contains(&format!("# TYPE {histogram} histogram")));
    let count = sample(&body, &format!("{histogram}_count"), &[route]);
    assert_eq!(count, Some(3.0), "{body}");
    assert!(sample(
        &body,
        &format!("{histogram}_bucket"),
        &[route, r#"le="+Inf""#]
    )
    .is_some());
    let ledger = "citysync_ledger_total";
    let city = r#"currency="CITY""#;
    assert_eq!(
        sample(&body, ledger, &[city, r#"part="budgets""#]),
        Some(100.0),
        "{body}"
    );
    assert_eq!(
        sample(&body, ledger, &[city, r#"part="issued""#]),
        Some(100.0)
    );
    assert_eq!(
        sample(&body, ledger, &[city, r#"part="burned""#]),
        Some(0.0)
    );
    let peer = r#"peer="peer.example""#;
    assert_eq!(
        sample(&body, "citysync_federation_backlog", &[peer]),
        Some(1.0),
        "{body}"
    );
    assert!(
        sample(&body, "citysync_mail_pending", &[]).is_some(),
        "{body}"
    );
    assert_eq!(sample(&body, "citysync_database_up", &[]), Some(1.0));
    // The workers have run at least once by now (mail every second).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = page(&server.client(), &server.url("/metrics")).await;
        let runs = "citysync_worker_runs_total";
        if sample(&body, runs, &[r#"job="mail""#, r#"outcome="ok""#]).is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "no worker runs counted:\n{body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_access_follows_the_configuration() {
    let server = TestServer::start_with(|c| {
        c.metrics.token = citysync_server::config::Secret("s3cret".into())
    })
    .await;
    let client = server.client();
    let url = server.url("/metrics");
    assert_eq!(
        client.get(&url).send().await.unwrap().status().as_u16(),
        403
    );
    let authed = client.get(&url).bearer_auth("s3cret").send().await.unwrap();
    assert_eq!(authed.status().as_u16(), 200);
    let wrong = client.get(&url).bearer_auth("nope").send().await.unwrap();
    assert_eq!(wrong.status().as_u16(), 403);
    server.stop().await;

    // No token: loopback may scrape, a request relayed by a proxy may not.
    let server = TestServer::start().await;
    let client = server.client();
    let url = server.url("/metrics");
    assert_eq!(
        client.get(&url).send().await.unwrap().status().as_u16(),
        200
    );
    let relayed = client
        .get(&url)
        .header("X-Forwarded-For", "203.0.113.9")
        .send()
        .await;
    assert_eq!(relayed.unwrap().status().as_u16(), 403);
    server.stop().await;

    let server = TestServer::start_with(|c| c.metrics.enabled = false).await;
    let (status, _) = page(&server.client(), &server.url("/metrics")).await;
    assert_eq!(status, 404);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn liveness_and_readiness() {
    let server = TestServer::start().await;
    let client = server.client();
    for path in ["/livez", "/readyz", "/healthz"] {
        let (status, body) = page(&client, &server.url(path)).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body.contains(r#""status":"ok""#), "{path}: {body}");
    }
    // A newer binary migrated the database: this one is alive but no longer ready.
    let db = server.running().ctx.db().clone();
    db.run(|c| {
        c.batch_execute(FUTURE_MIGRATION)
            .map_err(citysync_storage::StorageError::from)
    })
    .await
    .unwrap();
    let (status, body) = page(&client, &server.url("/readyz")).await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("newer than this binary"), "{body}");
    assert_eq!(page(&client, &server.url("/livez")).await.0, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_split_pages_from_workers() {
    let dir = tempfile::tempdir().unwrap();
    let (web, base) = start_in(dir.path(), Role::Web).await.unwrap();
    assert_eq!(web.worker_count(), 0);
    let client = reqwest::Client::builder()
        .pool_idle_timeout(citysync_test_support::POOL_IDLE)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_ne!(page(&client, &format!("{base}/")).await.0, 404);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, body) = page(&client, &format!("{base}/metrics")).await;
    assert!(
        sample(&body, "citysync_worker_runs_total", &[]).is_none(),
        "{body}"
    );
    web.stop().await.unwrap();

    let (worker, base) = start_in(dir.path(), Role::Worker).await.unwrap();
    assert!(worker.worker_count() > 0);
    assert!(
        worker.setup_token.is_none(),
        "the web processes show the setup link"
    );
    assert_eq!(page(&client, &format!("{base}/")).await.0, 404);
    assert_eq!(page(&client, &format!("{base}/login")).await.0, 404);
    assert_eq!(page(&client, &format!("{base}/livez")).await.0, 200);
    assert_eq!(page(&client, &format!("{base}/readyz")).await.0, 200);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, body) = page(&client, &format!("{base}/metrics")).await;
        assert_eq!(status, 200);
        if sample(&body, "citysync_worker_runs_total", &[r#"job="mail""#]).is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "no worker runs:\n{body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    worker.stop().await.unwrap();
}
