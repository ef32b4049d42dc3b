//! Building the parts from the configuration: logging, the database, the use-case context and
//! the federation configuration. Shared by `serve` and the other commands.

use crate::config::Config;
use anyhow::Context as _;
use citysync_app::{Ctx, Settings, SystemClock};
use citysync_i18n::I18n;
use citysync_mail::MailComposer;
use citysync_storage::Db;
use std::sync::Arc;
use tracing_subscriber::EnvFilter;

pub fn init_logging(config: &Config) -> anyhow::Result<()> {
    let filter =
        EnvFilter::try_from_default_env().or_else(|_| EnvFilter::try_new(&config.log.level))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = if config.log.format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    // A second initialisation (tests, several commands in one process) keeps the first.
    let _ = result;
    Ok(())
}

pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating the data folder {}", config.data_dir.display()))?;
    let url = config.database_url();
    let pool_size = config.database.pool_size;
    let db = tokio::task::spawn_blocking(move || Db::open(&url, pool_size))
        .await?
        .with_context(|| {
            format!(
                "opening the database {}",
                crate::config::redact_url(&config.database_url())
            )
        })?;
    Ok(db)
}

pub fn settings(config: &Config) -> Settings {
    Settings {
        public_url: config.server.public_url.clone(),
        session_days: config.accounts.session_days,
        verification_hours: config.accounts.verification_hours,
        reset_hours: config.accounts.reset_hours,
        staff_second_factor: config.accounts.staff_second_factor,
        uploads_dir: config.data_dir.join("uploads"),
        claim_grace_hours: config.work.claim_grace_hours,
        expiry_warning_hours: config.work.expiry_warning_hours,
        waitlist_offer_hours: config.work.waitlist_offer_hours,
        photo_max_bytes: config.work.photo_max_bytes,
        reminder_hours: config.notifications.reminder_hours.clone(),
        digest_hour: config.notifications.digest_hour,
        check_in: citysync_app::claims::CheckInSettings {
            early_minutes: config.work.check_in_early_minutes,
            late_minutes: config.work.check_in_late_minutes,
        },
        age_of_majority: config.eligibility.age_of_majority,
        map: citysync_app::MapSettings {
            tile_url: Some(config.map.tile_url.clone()).filter(|u| !u.is_empty()),
            tile_attribution: config.map.tile_attribution.clone(),
        },
        retention: citysync_app::retention::RetentionSettings {
            photo_days: config.retention.photo_days,
            location_days: config.retention.location_days,
            ip_days: config.retention.ip_days,
            session_days: config.retention.session_days,
            mail_days: config.retention.mail_days,
            mail_dir: (config.mail.transport.0 == "file")
                .then(|| config.data_dir.join("outbox-mail")),
        },
        ledger: citysync_app::ledger::LedgerSettings {
            epoch_length: citysync_domain::epoch::EpochLength::parse(&config.ledger.epoch_length)
                .unwrap_or_default(),
            checkpoint_every: config.ledger.checkpoint_every,
            reservation_minutes: config.ledger.reservation_minutes,
            city_expiry_epochs: config.ledger.city_expiry_epochs,
            vote_decay_percent: config.ledger.vote_decay_percent,
        },
        governance: citysync_app::governance::GovernanceSettings {
            min_vote_to_propose: config.governance.min_vote_to_propose,
            level_to_earn: config.governance.level_to_earn,
            level_to_vote: config.governance.level_to_vote,
        },
        federation: citysync_app::federation::FederationSettings {
            allowlist_only: config.federation.mode == crate::config::FederationMode::Allowlist,
            retry_base_seconds: config.federation.retry_base_seconds,
            inbound_per_minute: config.federation.inbound_per_minute,
        },
        // Validated at start-up (`Config::validate`).
        trusted_proxies: citysync_app::throttle::parse_networks(&config.server.trusted_proxies)
            .unwrap_or_default(),
        // Validated at start-up too.
        identity: citysync_app::identity::IdentitySettings {
            http: crate::identity_http::ReqwestHttp::port(),
            ..config.identity.settings().unwrap_or_default()
        },
    }
}

/// The city's languages: the compiled-in folders or `[i18n] dir`, narrowed to `[i18n] locales`.
pub fn load_i18n(config: &Config) -> anyhow::Result<I18n> {
    let loaded = match &config.i18n.dir {
        Some(dir) => I18n::from_dir(dir)
            .with_context(|| format!("loading the locales from {}", dir.display()))?,
        None => I18n::load().context("loading the locales")?,
    };
    Ok(loaded.offering(&config.i18n.locales)?)
}

pub async fn context(config: &Config) -> anyhow::Result<Ctx> {
    let db = open_database(config).await?;
    let i18n = Arc::new(load_i18n(config)?);
    let composer =
        Arc::new(MailComposer::new(i18n.clone()).context("loading the email templates")?);
    Ok(Ctx {
        db,
        i18n,
        composer,
        clock: Arc::new(SystemClock),
        settings: Arc::new(settings(config)),
        faults: citysync_app::Faults::default(),
        federation_cache: Default::default(),
    })
}

pub async fn federation(
    config: &Config,
    ctx: Ctx,
) -> anyhow::Result<activitypub_federation::config::FederationConfig<Ctx>> {
    // activitypub_federation ships no TLS backend: install ring before building clients.
    let _ = rustls::crypto::ring::default_provider().install_default();
    if config.federation.allow_local_peers {
        tracing::warn!("federation.allow_local_peers is ON: http, ports and loopback peers are accepted. This is for tests on one machine, never for a real city.");
    }
    Ok(citysync_federation::build_config(ctx, config.federation.allow_local_peers).await?)
}
