//! Harness for the federation tests: builds the `citysync` binary once, starts real
//! `citysync serve` processes on loopback ports, each with its own data folder and SQLite
//! database, and polls them with deadlines (never fixed sleeps).
//!
//! Instances use `http://localhost:PORT` public URLs with `federation.allow_local_peers`
//! on, the documented test-only setting; signature checks stay as in production.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use anyhow::{bail, Context as _};
use std::io::Write;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The `citysync` binary next to this test's own target folder, built on first use.
pub fn binary() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Ok(path) = std::env::var("FEDTEST_CITYSYNC_BIN") {
            return PathBuf::from(path);
        }
        let exe = std::env::current_exe().expect("test executable path");
        // target/<profile>/deps/<test> -> target/<profile>/citysync
        let profile_dir = exe
            .parent()
            .and_then(|p| p.parent())
            .expect("target profile dir")
            .to_path_buf();
        let release = profile_dir
            .file_name()
            .map(|n| n == "release")
            .unwrap_or(false);
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args([
            "build",
            "--quiet",
            "-p",
            "citysync-server",
            "--bin",
            "citysync",
        ]);
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("running cargo build");
        assert!(status.success(), "building citysync failed");
        profile_dir.join("citysync")
    })
    .clone()
}

/// An HTTP client for the tests (installs rustls' ring provider first: reqwest is built without one).
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// One running city.
pub struct Instance {
    pub name: String,
    pub port: u16,
    pub base: String,
    data: tempfile::TempDir,
    child: Option<Child>,
    log: PathBuf,
}

impl Instance {
    /// Starts `citysync serve` and waits until `/healthz` answers.
    pub async fn start(name: &str) -> anyhow::Result<Instance> {
        let data = tempfile::Builder::new()
            .prefix(&format!("citysync-{name}-"))
            .tempdir()?;
        let port = free_port();
        let log = data.path().join("serve.log");
        let mut instance = Instance {
            name: name.to_owned(),
            port,
            base: format!("http://localhost:{port}"),
            data,
            child: None,
            log,
        };
        instance.spawn()?;
        instance.wait_healthy(Duration::from_secs(60)).await?;
        Ok(instance)
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(binary());
        for (key, _) in std::env::vars() {
            if key.starts_with("CITYSYNC_") || key == "DATABASE_URL" {
                cmd.env_remove(key);
            }
        }
        cmd.env("CITYSYNC_DATA_DIR", self.data.path())
            .env("CITYSYNC_SERVER__BIND", format!("127.0.0.1:{}", self.port))
            .env("CITYSYNC_SERVER__PUBLIC_URL", &self.base)
            .env("CITYSYNC_SERVER__WORKERS", "1")
            .env("CITYSYNC_FEDERATION__ALLOW_LOCAL_PEERS", "true")
            .env("RUST_LOG", "info,citysync=debug");
        cmd
    }

    fn spawn(&mut self) -> anyhow::Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let child = self
            .command()
            .arg("serve")
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("starting citysync serve")?;
        self.child = Some(child);
        Ok(())
    }

    async fn wait_healthy(&self, limit: Duration) -> anyhow::Result<()> {
        let client = http();
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(resp) = client.get(format!("{}/healthz", self.base)).send().await {
                if resp.status().is_success() {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!(
            "{} did not become healthy; log:\n{}",
            self.name,
            self.log_text()
        )
    }

    /// Runs a `citysync` command against this instance's data and configuration.
    pub fn cli(&self, args: &[&str], stdin: Option<&str>) -> anyhow::Result<String> {
        let mut cmd = self.command();
        cmd.args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn()?;
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())?;
        }
        drop(child.stdin.take());
        let out = child.wait_with_output()?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            bail!(
                "citysync {args:?} failed: {}\n{stdout}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(stdout)
    }

    pub fn handle(&self) -> String {
        format!("city@localhost:{}", self.port)
    }

    pub fn actor_url(&self) -> String {
        format!("{}/city", self.base)
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Polls `check` until it yields `Some`, or fails with `what` after `limit`.
pub async fn eventually<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = check().await {
            return Ok(v);
        }
        if Instant::now() > deadline {
            bail!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
