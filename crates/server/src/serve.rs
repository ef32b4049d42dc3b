//! `citysync serve`: the composition root. Builds every part once, mounts the federation,
//! API and web routes, runs the workers (each as its [`Role`] says), and shuts down
//! gracefully on SIGTERM/SIGINT.

use crate::config::Config;
use crate::metrics::{self, Metrics};
use crate::{health, runtime, workers};
use activitypub_federation::config::FederationMiddleware;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context as _;
use citysync_app::Ctx;
use citysync_web::templates::Templates;
use citysync_web::WebState;
use std::sync::Arc;
use std::time::Duration;

/// What a `serve` process does: `web` answers HTTP and runs no background work, `worker`
/// runs the background work and answers only `/livez`, `/readyz`, `/healthz` and `/metrics`,
/// `all` (the default) does both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    Web,
    Worker,
    #[default]
    All,
}

impl Role {
    fn serves_pages(self) -> bool {
        self != Role::Worker
    }

    fn runs_workers(self) -> bool {
        self != Role::Web
    }
}

/// A server started by [`start`]: its address, its context and how to stop it.
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub ctx: Ctx,
    /// The one-time setup token while the city has no administrator.
    pub setup_token: Option<String>,
    handle: actix_web::dev::ServerHandle,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    stop_workers: tokio::sync::watch::Sender<bool>,
    workers: Vec<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// How many background workers this process runs (none in the `web` role).
    pub fn worker_count(&self) -> usize {
        self.workers.len()
    }
}

impl Running {
    /// Waits until the server stops (SIGINT/SIGTERM: actix-web finishes requests in flight),
    /// then stops the workers.
    pub async fn wait(self) -> anyhow::Result<()> {
        let result = self.server.await;
        tracing::info!("shutting down: stopping workers");
        let _ = self.stop_workers.send(true);
        for task in self.workers {
            let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
        }
        result??;
        Ok(())
    }

    /// Stops the server gracefully (tests).
    pub async fn stop(self) -> anyhow::Result<()> {
        self.handle.stop(true).await;
        self.wait().await
    }
}

/// Serves until SIGINT/SIGTERM.
pub async fn serve(config: Config, role: Role) -> anyhow::Result<()> {
    let running = start_as(config, None, role).await?;
    if let Some(token) = &running.setup_token {
        let url = running.ctx.settings.url(&format!("/setup?token={token}"));
        tracing::warn!("no administrator yet: open the one-time setup page");
        println!("\n  City/Sync is not set up yet. Open this one-time link to set up the city:\n\n    {url}\n");
    }
    running.wait().await
}

/// Builds every part, binds (or uses `listener`), and starts the server and its workers.
pub async fn start(
    config: Config,
    listener: Option<std::net::TcpListener>,
) -> anyhow::Result<Running> {
    start_as(config, listener, Role::All).await
}

/// [`start`] in one role.
pub async fn start_as(
    config: Config,
    listener: Option<std::net::TcpListener>,
    role: Role,
) -> anyhow::Result<Running> {
    let ctx = runtime::context(&config).await?;
    let startup = citysync_app::instance::ensure(&ctx).await?;
    let federation = runtime::federation(&config, ctx.clone()).await?;
    let templates =
        Arc::new(Templates::new(ctx.i18n.clone()).context("loading the page templates")?);
    let private_key = citysync_app::instance::private_key_pem(&ctx).await?;
    let web_state = web::Data::new(WebState::new(ctx.clone(), templates, &private_key));
    let ctx_data = web::Data::new(ctx.clone());
    let api_state = web::Data::new(citysync_api::ApiState::new(config.api.limits()));
    let https = config.server.public_url.scheme() == "https";
    let metrics = Metrics::new(config.metrics.clone()).context("setting up the metrics")?;
    let metrics_data = web::Data::new(metrics.clone());
    let metrics_enabled = config.metrics.enabled;

    let fed = federation.clone();
    let mut server = HttpServer::new(move || {
        App::new()
            .wrap(from_fn(citysync_web::pages::second_factor::staff_gate))
            .wrap(citysync_web::errors::error_pages())
            .wrap(citysync_web::headers::security_headers(https))
            .wrap(FederationMiddleware::new(fed.clone()))
            .wrap(tracing_actix_web::TracingLogger::default())
            .wrap(from_fn(metrics::record))
            .app_data(web_state.clone())
            .app_data(ctx_data.clone())
            .app_data(api_state.clone())
            .app_data(metrics_data.clone())
            .app_data(citysync_web::errors::form_config())
            .app_data(citysync_web::errors::query_config())
            .app_data(web::PayloadConfig::new(256 * 1024))
            .configure(|cfg| health::configure(cfg, metrics_enabled))
            .configure(|cfg| {
                if role.serves_pages() {
                    crate::hours_record::configure(cfg);
                    citysync_federation::configure(cfg);
                    citysync_api::configure(cfg);
                    citysync_web::configure(cfg);
                }
            })
            .default_service(web::to(HttpResponse::NotFound))
    })
    .shutdown_timeout(10)
    .client_request_timeout(Duration::from_secs(10));
    if config.server.workers > 0 {
        server = server.workers(config.server.workers);
    }
    let server = match listener {
        Some(listener) => server.listen(listener).context("listening")?,
        None => server
            .bind(&config.server.bind)
            .with_context(|| format!("binding {}", config.server.bind))?,
    };
    let addr = server
        .addrs()
        .first()
        .copied()
        .context("the server has no address")?;
    let server = server.run();
    let handle = server.handle();
    tracing::info!(%addr, ?role, public_url = %config.server.public_url, "City/Sync is serving");

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mailer = citysync_mail::mailer_from_transport(
        &config.mail.transport.0,
        &config.mail.from,
        &config.data_dir,
    )?;
    let workers = if role.runs_workers() {
        let jobs = workers::Jobs {
            ctx: ctx.clone(),
            metrics: metrics.clone(),
            shutdown: stopped.clone(),
        };
        let every = Duration::from_secs(config.server.sweep_seconds);
        let day = Duration::from_secs(24 * 3600);
        vec![
            jobs.spawn("mail", Duration::from_secs(1), move |ctx| {
                workers::mail(ctx, mailer.clone())
            }),
            tokio::spawn(citysync_federation::delivery::run(
                federation,
                Duration::from_secs(1),
                stopped,
            )),
            jobs.spawn("claim_expiry", every, workers::claim_expiry),
            jobs.spawn("waitlist_offers", every, workers::waitlist_offers),
            jobs.spawn("shift_reminders", every, workers::shift_reminders),
            jobs.spawn("ledger", every, workers::ledger),
            jobs.spawn("reservations", every, workers::reservations),
            jobs.spawn("digest", every, workers::digest),
            jobs.spawn("governance", every, workers::governance),
            jobs.spawn("retention", day, workers::retention),
            jobs.spawn(
                "housekeeping",
                Duration::from_secs(3600),
                workers::housekeeping,
            ),
        ]
    } else {
        Vec::new()
    };
    Ok(Running {
        addr,
        ctx,
        // A worker process shows no setup link: the web processes do.
        setup_token: startup.setup_token.filter(|_| role.serves_pages()),
        handle,
        server: tokio::spawn(server),
        stop_workers: stop,
        workers,
    })
}
