//! A real City/Sync instance: the main workspace's release `citysync serve` (or, when it has
//! not been built, this binary's hidden `city` subcommand, which runs the same code) in a
//! child process with its own data folder and SQLite database, configured like the
//! federation tests' instances (loopback peers allowed; signature checks as in production).

use crate::proc::{free_port, Proc};
use anyhow::{bail, Context as _};
use clap::Parser as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The `city` subcommand: exactly what the `citysync` binary's `main` does for `serve`.
pub fn serve_here() -> anyhow::Result<ExitCode> {
    let cli = citysync_server::cli::Cli::parse_from(["citysync", "serve"]);
    let system = actix_web::rt::System::new();
    system.block_on(citysync_server::cli::run(cli))
}

pub struct City {
    pub port: u16,
    pub proc: Proc,
    data: tempfile::TempDir,
}

impl City {
    /// Starts a city and waits until `/healthz` answers.
    /// `log`: the city's log filter (`log.level`); `None` keeps its default, `info`.
    pub async fn start(name: &str, log: Option<&str>) -> anyhow::Result<City> {
        let data = tempfile::Builder::new()
            .prefix(&format!("citysync-bench-{name}-"))
            .tempdir()?;
        let port = free_port()?;
        let mut env = vec![
            ("CITYSYNC_DATA_DIR", data.path().display().to_string()),
            ("CITYSYNC_SERVER__BIND", format!("127.0.0.1:{port}")),
            (
                "CITYSYNC_SERVER__PUBLIC_URL",
                format!("http://localhost:{port}"),
            ),
            ("CITYSYNC_FEDERATION__ALLOW_LOCAL_PEERS", "true".to_owned()),
            // The seeded residents are not verified at a desk: they earn at the email level.
            ("CITYSYNC_GOVERNANCE__LEVEL_TO_EARN", "email".to_owned()),
            ("CITYSYNC_GOVERNANCE__LEVEL_TO_VOTE", "email".to_owned()),
            // Its staff act without a second factor.
            ("CITYSYNC_ACCOUNTS__STAFF_SECOND_FACTOR", "false".to_owned()),
            (
                "CITYSYNC_FEDERATION__INBOUND_PER_MINUTE",
                "1000000000".to_owned(),
            ),
        ];
        if let Some(level) = log {
            env.push(("CITYSYNC_LOG__LEVEL", level.to_owned()));
        }
        let log = data.path().join("serve.log");
        let proc_name = format!("city {name}");
        let citysync = crate::footprint::citysync_binary();
        let proc = if citysync.is_file() {
            Proc::spawn(citysync, &proc_name, &["serve"], &env, log)?
        } else {
            Proc::spawn_self(&proc_name, &["city"], &env, log)?
        };
        let mut city = City { port, proc, data };
        city.wait_healthy(Duration::from_secs(60)).await?;
        Ok(city)
    }

    async fn wait_healthy(&mut self, limit: Duration) -> anyhow::Result<()> {
        let client = reqwest::Client::builder().no_proxy().build()?;
        let deadline = Instant::now() + limit;
        loop {
            self.proc.check_alive()?;
            if let Ok(resp) = client
                .get(format!("http://127.0.0.1:{}/healthz", self.port))
                .send()
                .await
            {
                if resp.status().is_success() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                bail!(
                    "the city did not become healthy; its log:\n{}",
                    self.proc.log_tail(40)
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    pub fn base(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    pub fn actor_url(&self) -> String {
        format!("{}/city", self.base())
    }

    /// The shared inbox.
    pub fn inbox_url(&self) -> anyhow::Result<url::Url> {
        Ok(url::Url::parse(&format!("{}/inbox", self.base()))?)
    }

    /// The configuration the child runs with, for opening its database from here.
    pub fn config(&self) -> anyhow::Result<citysync_server::config::Config> {
        let mut config = citysync_server::config::Config {
            data_dir: self.data.path().to_path_buf(),
            ..Default::default()
        };
        config.server.bind = format!("127.0.0.1:{}", self.port);
        config.server.public_url = url::Url::parse(&self.base())?;
        config.federation.allow_local_peers = true;
        config.federation.inbound_per_minute = 1_000_000_000;
        config.database.pool_size = 4;
        // As the child runs (`start`): the seeded residents earn at the email level.
        config.governance.level_to_earn = citysync_domain::identity::IdentityLevel::EmailVerified;
        config.governance.level_to_vote = citysync_domain::identity::IdentityLevel::EmailVerified;
        config.accounts.staff_second_factor = false;
        Ok(config)
    }

    /// A use-case context on the city's own database (SQLite in WAL: a second process may
    /// read and write while the city runs).
    pub async fn ctx(&self) -> anyhow::Result<citysync_app::Ctx> {
        citysync_server::runtime::context(&self.config()?)
            .await
            .context("opening the city's database")
    }
}
