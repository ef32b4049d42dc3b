//! What every use case is handed: the database, the mail composer, the clock and the settings.
//! No globals, so several cities can run in one process (as the tests do).

use crate::Clock;
use chrono::NaiveDateTime;
use citysync_i18n::I18n;
use citysync_mail::MailComposer;
use citysync_storage::Db;
use std::path::PathBuf;
use std::sync::Arc;
use url::Url;

/// The settings use cases need, taken from the server's `Config` at start-up.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The instance's public origin, e.g. `https://berkeley.example`; links in mail use it.
    pub public_url: Url,
    /// How long a browser session lives without use.
    pub session_days: i64,
    /// How long an email-verification link stays valid.
    pub verification_hours: i64,
    /// How long a password-reset link stays valid.
    pub reset_hours: i64,
    /// Where uploaded proof photos and logos are kept (`<data dir>/uploads`).
    pub uploads_dir: PathBuf,
    /// How long after an opportunity ends a claim without proof expires.
    pub claim_grace_hours: i64,
    /// How long before a claim expires its claimant is warned.
    pub expiry_warning_hours: i64,
    /// The largest photo accepted, in bytes.
    pub photo_max_bytes: usize,
    /// Epochs, checkpoints, reservations, expiry and decay.
    pub ledger: crate::ledger::LedgerSettings,
    /// The VOTE needed to propose, until a decision changes it.
    pub governance: crate::governance::GovernanceSettings,
    /// Federation mode, retries and inbound limits.
    pub federation: crate::federation::FederationSettings,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`[server] trusted_proxies`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The registry and OpenID Connect provider resident verification may use (`[identity]`).
    pub identity: crate::identity::IdentitySettings,
    /// How many hours before an opportunity starts its claimants are reminded, one reminder
    /// per entry (`[notifications] reminder_hours`).
    pub reminder_hours: Vec<i64>,
}

impl Settings {
    pub fn for_url(public_url: Url) -> Settings {
        Settings {
            public_url,
            session_days: 14,
            verification_hours: 24,
            reset_hours: 1,
            uploads_dir: std::env::temp_dir().join("citysync-uploads"),
            claim_grace_hours: 24,
            expiry_warning_hours: 24,
            photo_max_bytes: 8 * 1024 * 1024,
            ledger: crate::ledger::LedgerSettings::default(),
            governance: crate::governance::GovernanceSettings::default(),
            federation: crate::federation::FederationSettings::default(),
            trusted_proxies: Vec::new(),
            identity: crate::identity::IdentitySettings::default(),
            reminder_hours: vec![24, 2],
        }
    }

    /// `host` or `host:port` as it appears in `acct:` handles and ActivityPub ids.
    pub fn host(&self) -> String {
        match (self.public_url.host_str(), self.public_url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            (None, _) => String::new(),
        }
    }

    /// An absolute URL on this instance.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.public_url.as_str().trim_end_matches('/'), path)
    }
}

#[derive(Clone)]
pub struct Ctx {
    pub db: Db,
    pub i18n: Arc<I18n>,
    pub composer: Arc<MailComposer>,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// Crash injection for the ledger tests; never armed in production.
    pub faults: crate::Faults,
}

impl Ctx {
    /// Now, from the clock port, as stored.
    pub fn now(&self) -> NaiveDateTime {
        citysync_storage::stored_time(self.clock.now())
    }
}
