//! The typed configuration: documented defaults, a TOML file, a `CITYSYNC_SECTION__KEY`
//! environment overlay, command-line flags last; validated once at start-up.

use citysync_domain::identity::IdentityLevel;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use url::Url;

mod identity;
pub use identity::{IdentityConfig, OidcConfig, RegistryConfig};

/// A secret setting: shown as `[redacted]` in `Debug` and in `citysync config check`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Masks the password (and only the password) of a URL, so an operator can still see where it points.
pub fn redact_url(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("REDACTED"));
            url.to_string()
        }
        _ => raw.to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folder for the SQLite database, mail files and uploads.
    pub data_dir: PathBuf,
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub mail: MailConfig,
    pub federation: FederationConfig,
    pub accounts: AccountsConfig,
    pub work: WorkConfig,
    pub notifications: NotificationsConfig,
    pub eligibility: EligibilityConfig,
    pub ledger: LedgerConfig,
    pub governance: GovernanceConfig,
    pub api: ApiConfig,
    pub metrics: crate::metrics::MetricsConfig,
    pub log: LogConfig,
    pub identity: IdentityConfig,
    pub map: MapConfig,
    pub retention: RetentionConfig,
    pub i18n: I18nConfig,
}

/// The languages the city offers. A language is a folder `locales/<tag>/` of Fluent files
/// (compiled into the binary, or read from `dir`): offering one more is adding its folder
/// and its tag here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct I18nConfig {
    /// The tags offered, in the order of the language picker; empty: every language found.
    pub locales: Vec<String>,
    /// A folder of `<tag>/*.ftl` read at start-up instead of the compiled-in messages
    /// (it must hold `en/`, the source language).
    pub dir: Option<PathBuf>,
}

/// How many days personal data is kept (issue 27); a daily sweep removes what is older,
/// except everything of an account under legal hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Proof photos, files and rows (the claim and its verification stay). California
    /// cities keep records at least two years.
    pub photo_days: i64,
    /// Coordinates given with proofs.
    pub location_days: i64,
    /// IP addresses kept for throttles.
    pub ip_days: i64,
    /// Sessions and known devices after they ended or expired.
    pub session_days: i64,
    /// Sent mail: the queue's rows and the `.eml` files under `data_dir/outbox-mail`.
    pub mail_days: i64,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        RetentionConfig {
            photo_days: 730,
            location_days: 90,
            ip_days: 30,
            session_days: 30,
            mail_days: 30,
        }
    }
}

impl RetentionConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        for (name, days) in [
            ("photo_days", self.photo_days),
            ("location_days", self.location_days),
            ("ip_days", self.ip_days),
            ("session_days", self.session_days),
            ("mail_days", self.mail_days),
        ] {
            if !(1..=36_500).contains(&days) {
                return Err(ConfigError::Invalid(format!(
                    "retention.{name} must be between 1 and 36500 days, got {days}"
                )));
            }
        }
        Ok(())
    }
}

/// Street tiles for the map page (issue 26). Empty `tile_url`: the offline map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MapConfig {
    /// A tile server's address with `{z}`, `{x}` and `{y}`, e.g.
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`; empty: no tiles.
    pub tile_url: String,
    /// The credit the tile server requires, shown under the map (required with `tile_url`).
    pub tile_attribution: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address and port to listen on.
    pub bind: String,
    /// The public origin people and peer cities use; https unless the host is loopback.
    pub public_url: Url,
    /// HTTP worker threads; 0 means one per CPU core.
    pub workers: usize,
    /// Seconds between the background sweeps of a process that runs workers: claims past
    /// their end expire (and their claimants are warned first), epochs that fall due close,
    /// reservations past their time are released, decision cycles change phase. The mail
    /// and delivery queues are read every second regardless.
    pub sweep_seconds: u64,
    /// Reverse proxies (CIDRs or addresses) whose `X-Forwarded-For` is believed. Empty: the
    /// client is always the connecting peer. A request from a trusted proxy counts against
    /// the right-most forwarded hop that is not itself a trusted proxy.
    pub trusted_proxies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `postgres://…` for PostgreSQL; unset means the SQLite file `citysync.db` in `data_dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Secret>,
    /// Connections kept per process.
    pub pool_size: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// `file` writes .eml files under `data_dir/outbox-mail`; `smtp://user:pass@host:port` or `smtps://…` sends them.
    pub transport: Secret,
    /// The sender of every message.
    pub from: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationConfig {
    /// `open` (any domain not blocked) or `allowlist` (only allowed domains: a pilot).
    pub mode: FederationMode,
    /// Seconds before the first retry of a failed delivery; doubles per attempt up to 12 hours.
    pub retry_base_seconds: i64,
    /// Activities accepted per minute from one domain before 429 (per process).
    pub inbound_per_minute: u32,
    /// TESTS ONLY: allow http, explicit ports and loopback peers so several instances can federate on one machine.
    pub allow_local_peers: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FederationMode {
    #[default]
    Open,
    Allowlist,
}

impl Default for FederationConfig {
    fn default() -> Self {
        FederationConfig {
            mode: FederationMode::Open,
            retry_base_seconds: 60,
            inbound_per_minute: 3000,
            allow_local_peers: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsConfig {
    /// Days a browser session lives without use.
    pub session_days: i64,
    /// Hours an email-verification link stays valid.
    pub verification_hours: i64,
    /// Hours a password-reset link stays valid.
    pub reset_hours: i64,
    /// Administrators and staff (owners, verifiers, cashiers, registrars) must enroll a second
    /// factor (TOTP) before the admin pages, the verifier queue, the counter, the registrar
    /// desk or the API's `verify`, `redeem` and `admin` scopes work for them.
    pub staff_second_factor: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkConfig {
    /// Hours after an opportunity ends before a claim with no proof expires and frees its slot.
    pub claim_grace_hours: i64,
    /// Hours before a claim expires that its claimant is reminded.
    pub expiry_warning_hours: i64,
    /// Hours a place freed on a full opportunity is offered to the first one on its waiting
    /// list before it passes to the next (1 to 168).
    pub waitlist_offer_hours: i64,
    /// The largest proof photo accepted, in bytes.
    pub photo_max_bytes: usize,
    /// Minutes before an opportunity starts that residents may check in by its poster.
    pub check_in_early_minutes: i64,
    /// Minutes after an opportunity ends that residents may still check in or out.
    pub check_in_late_minutes: i64,
}

impl Default for WorkConfig {
    fn default() -> Self {
        WorkConfig {
            claim_grace_hours: 24,
            expiry_warning_hours: 24,
            waitlist_offer_hours: 12,
            photo_max_bytes: 8 * 1024 * 1024,
            check_in_early_minutes: 30,
            check_in_late_minutes: 60,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EligibilityConfig {
    /// Residents younger than this (by the date of birth they give) need a guardian's
    /// consent, by email, before they can claim (1 to 25).
    pub age_of_majority: u8,
}

impl Default for EligibilityConfig {
    fn default() -> Self {
        EligibilityConfig {
            age_of_majority: citysync_domain::eligibility::DEFAULT_AGE_OF_MAJORITY,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NotificationsConfig {
    /// Hours before an opportunity starts that each claimant is reminded, one reminder per
    /// entry (1 to 720 hours, at most 5 entries); empty: no reminders.
    pub reminder_hours: Vec<i64>,
    /// The hour of the city's clock (0 to 23) at which people who chose the daily digest
    /// get it.
    pub digest_hour: u32,
}

impl Default for NotificationsConfig {
    fn default() -> Self {
        NotificationsConfig {
            reminder_hours: vec![24, 2],
            digest_hour: 7,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LedgerConfig {
    /// How long an epoch lasts in the city's calendar: "1 month", "2 weeks", "10 days".
    pub epoch_length: String,
    /// Sign a checkpoint every this many journal entries (and at every epoch close).
    pub checkpoint_every: i64,
    /// Minutes a reservation and its QR code stay valid.
    pub reservation_minutes: i64,
    /// CITY expires this many epochs after it was earned; 0 (the default) never.
    pub city_expiry_epochs: i64,
    /// Percentage of each resident's VOTE that decays at every epoch close; 0 (the default) none.
    pub vote_decay_percent: i64,
}

impl Default for LedgerConfig {
    fn default() -> Self {
        LedgerConfig {
            epoch_length: "1 month".to_owned(),
            checkpoint_every: 1000,
            reservation_minutes: 180,
            city_expiry_epochs: 0,
            vote_decay_percent: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GovernanceConfig {
    /// The VOTE a resident needs to draft a proposal, until a decision changes it.
    pub min_vote_to_propose: i64,
    /// The identity level (`email` or `resident`) verified work needs to mint CITY and
    /// VOTE, until a decision changes it. Work done below it is held and credited when the
    /// resident is verified within the same epoch.
    #[serde(with = "level_text")]
    pub level_to_earn: IdentityLevel,
    /// The identity level a ballot needs, until a decision changes it.
    #[serde(with = "level_text")]
    pub level_to_vote: IdentityLevel,
}

/// An identity level in the configuration as the city's parameters write it (`email`,
/// `resident`).
mod level_text {
    use citysync_domain::identity::IdentityLevel;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(level: &IdentityLevel, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(level.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<IdentityLevel, D::Error> {
        let text = String::deserialize(d)?;
        IdentityLevel::parse(&text).map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown identity level {text:?} (expected \"email\" or \"resident\")"
            ))
        })
    }
}

impl Default for GovernanceConfig {
    fn default() -> Self {
        GovernanceConfig {
            min_vote_to_propose: 1,
            level_to_earn: IdentityLevel::ResidentVerified,
            level_to_vote: IdentityLevel::ResidentVerified,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApiConfig {
    /// Requests one caller (a token, or an address without one) may make per window,
    /// per web process.
    pub requests_per_window: u32,
    pub window_seconds: u64,
}

impl Default for ApiConfig {
    fn default() -> Self {
        let limits = citysync_api::Limits::default();
        ApiConfig {
            requests_per_window: limits.requests,
            window_seconds: limits.per_seconds,
        }
    }
}

impl ApiConfig {
    pub fn limits(&self) -> citysync_api::Limits {
        citysync_api::Limits {
            requests: self.requests_per_window,
            per_seconds: self.window_seconds,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `text` for people, `json` for log collectors.
    pub format: String,
    /// A tracing filter, e.g. `info` or `citysync=debug,info`; `RUST_LOG` overrides it.
    pub level: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./data"),
            server: ServerConfig::default(),
            database: DatabaseConfig::default(),
            mail: MailConfig::default(),
            federation: FederationConfig::default(),
            accounts: AccountsConfig::default(),
            work: WorkConfig::default(),
            notifications: NotificationsConfig::default(),
            eligibility: EligibilityConfig::default(),
            ledger: LedgerConfig::default(),
            governance: GovernanceConfig::default(),
            api: ApiConfig::default(),
            metrics: crate::metrics::MetricsConfig::default(),
            log: LogConfig::default(),
            identity: IdentityConfig::default(),
            map: MapConfig::default(),
            retention: RetentionConfig::default(),
            i18n: I18nConfig::default(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            bind: "127.0.0.1:8080".to_owned(),
            public_url: Url::parse("http://127.0.0.1:8080").unwrap_or_else(|_| unreachable_url()),
            workers: 0,
            sweep_seconds: 15,
            trusted_proxies: Vec::new(),
        }
    }
}

fn unreachable_url() -> Url {
    // `http://127.0.0.1:8080` always parses; this only satisfies the no-panic rule.
    Url::parse("http://localhost/").unwrap_or_else(|_| unreachable_url())
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: None,
            pool_size: 8,
        }
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            transport: Secret("file".to_owned()),
            from: "City/Sync <noreply@localhost>".to_owned(),
        }
    }
}

impl Default for AccountsConfig {
    fn default() -> Self {
        AccountsConfig {
            session_days: 14,
            verification_hours: 24,
            reset_hours: 1,
            staff_second_factor: true,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            format: "text".to_owned(),
            level: "info".to_owned(),
        }
    }
}

/// Values given on the command line, which win over everything else.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Load(#[from] Box<figment::Error>),
    #[error("configuration: {0}")]
    Invalid(String),
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl Config {
    /// Defaults, then the TOML file, then `CITYSYNC_*` variables, then the command line.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            if !file.exists() {
                return Err(ConfigError::Invalid(format!(
                    "config file {} does not exist",
                    file.display()
                )));
            }
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("CITYSYNC_").split("__").ignore(&["config"]));
        if let Some(d) = &overrides.data_dir {
            figment = figment.merge(Serialized::default("data_dir", d));
        }
        if let Some(u) = &overrides.database_url {
            figment = figment.merge(Serialized::default("database.url", u));
        }
        if let Some(b) = &overrides.bind {
            figment = figment.merge(Serialized::default("server.bind", b));
        }
        if let Some(p) = &overrides.public_url {
            figment = figment.merge(Serialized::default("server.public_url", p));
        }
        let config: Config = figment
            .extract()
            .map_err(|e| ConfigError::Load(Box::new(e)))?;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |m: String| Err(ConfigError::Invalid(m));
        let url = &self.server.public_url;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return bad(format!(
                "server.public_url must be an http(s) origin, got {url}"
            ));
        }
        if url.path() != "/" || url.query().is_some() {
            return bad(format!(
                "server.public_url must be an origin without a path, got {url}"
            ));
        }
        if url.scheme() == "http" && !is_loopback(url) {
            return bad(format!(
                "server.public_url must use https (http is only for loopback addresses), got {url}"
            ));
        }
        if !self.server.bind.contains(':') {
            return bad(format!(
                "server.bind must be ADDRESS:PORT, got {}",
                self.server.bind
            ));
        }
        if self.server.sweep_seconds == 0 {
            return bad("server.sweep_seconds must be at least 1".into());
        }
        if let Err(e) = citysync_app::throttle::parse_networks(&self.server.trusted_proxies) {
            return bad(format!("server.trusted_proxies: {e}"));
        }
        if self.database.pool_size == 0 {
            return bad("database.pool_size must be at least 1".into());
        }
        let transport = &self.mail.transport.0;
        if !(transport == "file"
            || transport.starts_with("smtp://")
            || transport.starts_with("smtps://"))
        {
            return bad("mail.transport must be `file`, `smtp://…` or `smtps://…`".into());
        }
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return bad(format!(
                "log.format must be `text` or `json`, got {}",
                self.log.format
            ));
        }
        if self.accounts.session_days < 1
            || self.accounts.verification_hours < 1
            || self.accounts.reset_hours < 1
        {
            return bad("accounts durations must be at least 1".into());
        }
        if self.work.claim_grace_hours < 0 || self.work.expiry_warning_hours < 1 {
            return bad(
                "work.claim_grace_hours must be 0 or more and work.expiry_warning_hours at least 1"
                    .into(),
            );
        }
        if !(1..=25).contains(&self.eligibility.age_of_majority) {
            return bad("eligibility.age_of_majority must be between 1 and 25".into());
        }
        if ![
            self.work.check_in_early_minutes,
            self.work.check_in_late_minutes,
        ]
        .iter()
        .all(|m| (0..=1440).contains(m))
        {
            return bad("work.check_in_early_minutes and work.check_in_late_minutes must be between 0 and 1440".into());
        }
        if !(1..=168).contains(&self.work.waitlist_offer_hours) {
            return bad("work.waitlist_offer_hours must be between 1 and 168".into());
        }
        if self.notifications.reminder_hours.len() > 5
            || self
                .notifications
                .reminder_hours
                .iter()
                .any(|h| !(1..=720).contains(h))
        {
            return bad(
                "notifications.reminder_hours must hold at most 5 entries, each 1 to 720".into(),
            );
        }
        if let Err(e) = check_map(&self.map) {
            return bad(e);
        }
        if self.notifications.digest_hour > 23 {
            return bad("notifications.digest_hour must be 0 to 23".into());
        }
        if !(64 * 1024..=64 * 1024 * 1024).contains(&self.work.photo_max_bytes) {
            return bad("work.photo_max_bytes must be between 65536 and 67108864".into());
        }
        if citysync_domain::epoch::EpochLength::parse(&self.ledger.epoch_length).is_err() {
            return bad(format!(
                "ledger.epoch_length must be like \"1 month\", \"2 weeks\" or \"10 days\", got {:?}",
                self.ledger.epoch_length
            ));
        }
        if !(0..=citysync_domain::governance::parameter::MIN_VOTE_TO_PROPOSE_MAX)
            .contains(&self.governance.min_vote_to_propose)
        {
            return bad("governance.min_vote_to_propose must be between 0 and 1000000".into());
        }
        if !(10..=1_000_000).contains(&self.ledger.checkpoint_every) {
            return bad("ledger.checkpoint_every must be between 10 and 1000000".into());
        }
        if !citysync_domain::governance::parameter::RESERVATION_MINUTES_RANGE
            .contains(&self.ledger.reservation_minutes)
        {
            return bad("ledger.reservation_minutes must be between 5 and 4320".into());
        }
        if !(0..=120).contains(&self.ledger.city_expiry_epochs)
            || !(0..=100).contains(&self.ledger.vote_decay_percent)
        {
            return bad(
                "ledger.city_expiry_epochs must be 0 to 120 and ledger.vote_decay_percent 0 to 100"
                    .into(),
            );
        }
        self.identity.validate()?;
        self.retention.validate()?;
        self.metrics.validate().map_err(ConfigError::Invalid)
    }

    /// The database URL in effect: the configured one, or the SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database.url {
            Some(url) => url.0.clone(),
            None => self
                .data_dir
                .join("citysync.db")
                .to_string_lossy()
                .into_owned(),
        }
    }

    /// The effective configuration as TOML with secrets masked (`citysync config check`).
    pub fn redacted_toml(&self) -> Result<String, ConfigError> {
        let mut shown = self.clone();
        shown.database.url = Some(Secret(redact_url(&self.database_url())));
        shown.mail.transport = Secret(redact_url(&self.mail.transport.0));
        for secret in [
            &mut shown.identity.registry.token,
            &mut shown.identity.oidc.client_secret,
        ] {
            if !secret.0.is_empty() {
                *secret = Secret("[redacted]".into());
            }
        }
        if !shown.metrics.token.0.is_empty() {
            shown.metrics.token = Secret("[redacted]".into());
        }
        toml::to_string_pretty(&shown).map_err(|e| ConfigError::Invalid(e.to_string()))
    }
}

/// `[map]`: an `https://` tile address with `{z}`, `{x}`, `{y}` and a credit, or nothing.
fn check_map(map: &MapConfig) -> Result<(), String> {
    if map.tile_url.is_empty() {
        return Ok(());
    }
    let parsed = url::Url::parse(&map.tile_url.replace(['{', '}'], ""))
        .map_err(|_| format!("map.tile_url is not an address: {}", map.tile_url))?;
    if !matches!(parsed.scheme(), "https" | "http") || parsed.host_str().is_none() {
        return Err("map.tile_url must start with https:// and name a host".into());
    }
    if !["{z}", "{x}", "{y}"]
        .iter()
        .all(|p| map.tile_url.contains(p))
    {
        return Err("map.tile_url must contain {z}, {x} and {y}".into());
    }
    if map.tile_attribution.trim().is_empty() {
        return Err("map.tile_attribution is required with map.tile_url".into());
    }
    Ok(())
}
