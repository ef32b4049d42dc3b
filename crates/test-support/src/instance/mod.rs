//! Real cities as separate processes, for the federation tests: builds the `citysync` binary once, starts real
//! `citysync serve` processes on loopback ports, each with its own data folder and SQLite
//! database, and polls them with deadlines (never fixed sleeps).
//!
//! Instances use `http://localhost:PORT` public URLs with `federation.allow_local_peers`
//! on, the documented test-only setting; signature checks stay as in production.

pub mod city;
pub mod tls;

use anyhow::{bail, Context as _};
use std::io::Write;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The name of the `citysync` binary that `federation-tests` builds from the server's own
/// `main.rs`, in the same cargo command as its tests.
pub const FEDTEST_BINARY: &str = "citysync-fedtest";

/// The `citysync` binary the instances run. From the `federation-tests` package it is that
/// package's own build of the server's `main.rs`, which cargo links before it runs a
/// package's integration tests, with the very features of the tests' build; a separate
/// `cargo build -p citysync-server` would resolve features differently and rebuild half
/// the workspace twice per run. Elsewhere it is built here on first use.
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
        let own = profile_dir.join(FEDTEST_BINARY);
        if std::env::var("CARGO_PKG_NAME").as_deref() == Ok("citysync-federation-tests")
            && own.exists()
        {
            return own;
        }
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
    reqwest::Client::builder()
        .pool_idle_timeout(crate::POOL_IDLE)
        .build()
        .expect("the test client")
}

fn free_port(ip: &str) -> u16 {
    TcpListener::bind(format!("{ip}:0"))
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// Every city listens on loopback; they are told apart by port (ActivityPub ids need a
/// domain name, and `localhost` is the one every machine resolves).
fn loopback_for(_name: &str) -> &'static str {
    "127.0.0.1"
}

/// One running city.
pub struct Instance {
    pub name: String,
    pub ip: String,
    pub port: u16,
    /// Where the test reaches the process directly (`http://localhost:PORT`).
    pub base: String,
    /// The city's public URL, its ids' origin: `base`, or a TLS front's (see [`tls`]).
    pub public: String,
    data: tempfile::TempDir,
    child: Option<Child>,
    log: PathBuf,
    env: Vec<(String, String)>,
}

impl Instance {
    /// Starts `citysync serve` and waits until `/healthz` answers.
    pub async fn start(name: &str) -> anyhow::Result<Instance> {
        Instance::start_with(name, &[]).await
    }

    /// Starts with extra `CITYSYNC_*` settings (e.g. a short retry base for the tests).
    pub async fn start_with(name: &str, env: &[(&str, &str)]) -> anyhow::Result<Instance> {
        Instance::start_public(name, None, env).await
    }

    /// Starts a city whose public URL is `public` (e.g. `https://localhost:PORT` of a
    /// [`tls::TlsFront`] that forwards to it) rather than its own port.
    pub async fn start_public(
        name: &str,
        public: Option<&str>,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Instance> {
        let data = tempfile::Builder::new()
            .prefix(&format!("citysync-{name}-"))
            .tempdir()?;
        let ip = loopback_for(name).to_owned();
        let port = free_port(&ip);
        let log = data.path().join("serve.log");
        let base = format!("http://localhost:{port}");
        let mut instance = Instance {
            name: name.to_owned(),
            public: public.map_or_else(|| base.clone(), str::to_owned),
            base,
            ip,
            port,
            data,
            child: None,
            log,
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
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
            .env(
                "CITYSYNC_SERVER__BIND",
                format!("{}:{}", self.ip, self.port),
            )
            .env("CITYSYNC_SERVER__PUBLIC_URL", &self.public)
            .env("CITYSYNC_SERVER__WORKERS", "1")
            .env("CITYSYNC_FEDERATION__ALLOW_LOCAL_PEERS", "true")
            // The kit's levels (`fixtures::kit_levels`): a verified email earns and votes.
            .env("CITYSYNC_GOVERNANCE__LEVEL_TO_EARN", "email")
            .env("CITYSYNC_GOVERNANCE__LEVEL_TO_VOTE", "email")
            // The kit's staff act without a second factor (`fixtures::kit_levels`).
            .env("CITYSYNC_ACCOUNTS__STAFF_SECOND_FACTOR", "false")
            .env("RUST_LOG", "info,citysync=debug");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
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
        format!("city@{}", self.domain())
    }

    /// The domain others see this city under (host and port of its public URL).
    pub fn domain(&self) -> String {
        self.public
            .split_once("://")
            .map_or(self.public.as_str(), |(_, rest)| rest)
            .to_owned()
    }

    /// The use cases on this city's own database, as an operator's tool would reach them
    /// (the running server picks up what they change: its workers read the same tables).
    pub async fn app(&self) -> citysync_app::Ctx {
        let mut config = citysync_server::config::Config {
            data_dir: self.data.path().to_path_buf(),
            ..Default::default()
        };
        config.server.public_url = url::Url::parse(&self.public).expect("public url");
        config.federation.allow_local_peers = true;
        // The levels its process runs with (`command`): a verified email earns and votes.
        crate::fixtures::kit_levels(
            &mut config.governance.level_to_earn,
            &mut config.governance.level_to_vote,
        );
        config.accounts.staff_second_factor = false;
        citysync_server::runtime::context(&config)
            .await
            .expect("the city's context")
    }

    /// Stops the process the hard way (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the process again on the same data and port.
    pub async fn restart(&mut self) -> anyhow::Result<()> {
        self.kill();
        self.spawn()?;
        self.wait_healthy(Duration::from_secs(60)).await
    }

    /// The instance's data folder (its mail files, uploads and, on SQLite, its database).
    pub fn data_dir(&self) -> PathBuf {
        self.data.path().to_path_buf()
    }

    /// This city follows `target` (through the CLI, as an operator would) and waits until
    /// `target` lists it among its followers.
    pub async fn follow(&self, target: &Instance) {
        self.cli(
            &["federation", "follow", &format!("@{}", target.handle())],
            None,
        )
        .expect("citysync federation follow");
        let url = format!("{}/city/followers", target.base);
        let me = serde_json::Value::String(self.actor_url());
        eventually(
            &format!("{}'s follow of {} is accepted", self.name, target.name),
            Duration::from_secs(120),
            || async {
                let json: serde_json::Value = http()
                    .get(&url)
                    .header("Accept", "application/activity+json")
                    .send()
                    .await
                    .ok()?
                    .json()
                    .await
                    .ok()?;
                json.get("orderedItems")?
                    .as_array()?
                    .contains(&me)
                    .then_some(())
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", target.log_text()));
    }

    pub fn actor_url(&self) -> String {
        format!("{}/city", self.public)
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

/// The examples of docs/federation.md, by the name in their `<!-- example: NAME -->` marker.
pub fn documented_examples() -> std::collections::HashMap<String, serde_json::Value> {
    let doc = include_str!("../../../../docs/federation.md");
    let mut out = std::collections::HashMap::new();
    for part in doc.split("<!-- example: ").skip(1) {
        let Some((name, rest)) = part.split_once(" -->") else {
            continue;
        };
        let Some(start) = rest.find("```json") else {
            continue;
        };
        let body = &rest[start + 7..];
        let Some(end) = body.find("```") else {
            continue;
        };
        let value = serde_json::from_str(&body[..end])
            .unwrap_or_else(|e| panic!("example {name} in docs/federation.md is not JSON: {e}"));
        out.insert(name.trim().to_owned(), value);
    }
    out
}

/// Checks real output against the documented example: the same `type`, and every field the
/// example shows is present (examples elide values, never fields) — but for `optional`
/// ones, which the document says may be absent.
pub fn assert_documented(name: &str, real: &serde_json::Value) {
    assert_documented_but(name, real, &[]);
}

pub fn assert_documented_but(name: &str, real: &serde_json::Value, optional: &[&str]) {
    let examples = documented_examples();
    let example = examples
        .get(name)
        .unwrap_or_else(|| panic!("docs/federation.md has no example {name}"));
    assert_eq!(example["type"], real["type"], "{name}: type");
    let fields = example.as_object().expect("an object");
    for key in fields.keys().filter(|k| !optional.contains(&k.as_str())) {
        assert!(
            real.get(key).is_some(),
            "{name}: docs/federation.md shows `{key}` but the real document lacks it:\n{real}"
        );
    }
}

/// The Python of a virtual environment holding `generic/requirements.txt` (bovine, an
/// ActivityPub implementation that is not ours), made on first use under the target
/// folder. `None` when this machine has no `python3` or cannot reach PyPI — which fails
/// the run in CI (`CI=true`), where the generic client must always be exercised.
pub fn generic_ap_python() -> Option<PathBuf> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let requirements = root.join("federation-tests/generic/requirements.txt");
    let wanted =
        std::fs::read_to_string(&requirements).expect("federation-tests/generic/requirements.txt");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let venv = target.join("generic-ap-venv");
    let python = venv.join("bin/python");
    let marker = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Some(python);
    }
    let unavailable = |why: String| {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the generic ActivityPub client is required in CI: {why}"
        );
        eprintln!("skipping the generic ActivityPub client: {why}");
        None
    };
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status();
    if !matches!(made, Ok(s) if s.success()) {
        return unavailable(format!("`python3 -m venv` failed: {made:?}"));
    }
    let installed = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements)
        .status();
    if !matches!(installed, Ok(s) if s.success()) {
        return unavailable(format!(
            "pip could not install {requirements:?}: {installed:?}"
        ));
    }
    std::fs::write(&marker, wanted).expect("writing the venv marker");
    Some(python)
}

/// The headers of a POST to `inbox` signed the way ActivityPub servers do (draft-cavage
/// HTTP Signatures, rsa-sha256 over request-target, host, date and digest) with `key_pem`,
/// naming `key_id`: `Host`, `Date`, `Digest`, `Signature`. For tests that play a peer (or a
/// forger) by hand, over HTTP or in-process.
pub fn signature_headers(
    inbox: &str,
    body: &str,
    key_pem: &str,
    key_id: &str,
) -> Vec<(&'static str, String)> {
    use base64::Engine as _;
    use rsa::pkcs8::DecodePrivateKey as _;
    use sha2::{Digest as _, Sha256};
    let b64 = base64::engine::general_purpose::STANDARD;
    let url = url::Url::parse(inbox).expect("inbox URL");
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().expect("inbox host")),
        None => url.host_str().expect("inbox host").to_owned(),
    };
    let digest = format!("SHA-256={}", b64.encode(Sha256::digest(body.as_bytes())));
    let date = chrono::Utc::now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    let signing = format!(
        "(request-target): post {}\nhost: {host}\ndate: {date}\ndigest: {digest}",
        url.path()
    );
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(key_pem).expect("PKCS#8 key");
    let signature = key
        .sign(
            rsa::Pkcs1v15Sign::new::<Sha256>(),
            &Sha256::digest(signing.as_bytes()),
        )
        .expect("signing");
    let header = format!(
        "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"{}\"",
        b64.encode(signature)
    );
    vec![
        ("Host", host),
        ("Date", date),
        ("Digest", digest),
        ("Signature", header),
    ]
}

/// Signs a POST with [`signature_headers`] and sends it to `inbox`; returns the status.
pub async fn signed_post(
    inbox: &str,
    body: &serde_json::Value,
    key_pem: &str,
    key_id: &str,
) -> u16 {
    let body = body.to_string();
    let mut request = http()
        .post(inbox)
        .header("Content-Type", "application/activity+json");
    for (name, value) in signature_headers(inbox, &body, key_pem, key_id) {
        request = request.header(name, value);
    }
    request
        .body(body)
        .send()
        .await
        .expect("POST to the inbox")
        .status()
        .as_u16()
}
