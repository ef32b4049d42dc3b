//! What every use case is handed: the database, the mail composer, the clock and the settings.
//! No globals, so several cities can run in one process (as the tests do).

use crate::{AppError, Clock};
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
    /// Staff must enroll a second factor before staff pages and scopes work for them
    /// (`[accounts] staff_second_factor`).
    pub staff_second_factor: bool,
    /// Where uploaded proof photos and logos are kept (`<data dir>/uploads`).
    pub uploads_dir: PathBuf,
    /// How long after an opportunity ends a claim without proof expires.
    pub claim_grace_hours: i64,
    /// How long before a claim expires its claimant is warned.
    pub expiry_warning_hours: i64,
    /// How long a place freed on a full opportunity is offered to the first one waiting
    /// before it passes on (`[work] waitlist_offer_hours`).
    pub waitlist_offer_hours: i64,
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
    /// The hour of the city's clock (0 to 23) the daily digest is sent at
    /// (`[notifications] digest_hour`).
    pub digest_hour: u32,
    /// When residents may check themselves in around an opportunity (`[work]`).
    pub check_in: crate::claims::CheckInSettings,
    /// Below this age a resident needs a guardian's consent to claim
    /// (`[eligibility] age_of_majority`).
    pub age_of_majority: u8,
    /// Street tiles under the map page's dots (`[map]`); none: the offline map.
    pub map: MapSettings,
    /// How long personal data is kept (`[retention]`).
    pub retention: crate::retention::RetentionSettings,
}

/// A city-configured tile server for the map page (`[map] tile_url`, `tile_attribution`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapSettings {
    /// `https://tile.example/{z}/{x}/{y}.png`; `None` keeps the offline map.
    pub tile_url: Option<String>,
    /// The credit the tile server asks for, shown under the map.
    pub tile_attribution: String,
}

impl Settings {
    pub fn for_url(public_url: Url) -> Settings {
        Settings {
            public_url,
            session_days: 14,
            verification_hours: 24,
            reset_hours: 1,
            staff_second_factor: true,
            uploads_dir: std::env::temp_dir().join("citysync-uploads"),
            claim_grace_hours: 24,
            expiry_warning_hours: 24,
            waitlist_offer_hours: 12,
            photo_max_bytes: 8 * 1024 * 1024,
            ledger: crate::ledger::LedgerSettings::default(),
            governance: crate::governance::GovernanceSettings::default(),
            federation: crate::federation::FederationSettings::default(),
            trusted_proxies: Vec::new(),
            identity: crate::identity::IdentitySettings::default(),
            reminder_hours: vec![24, 2],
            digest_hour: 7,
            check_in: crate::claims::CheckInSettings::default(),
            age_of_majority: citysync_domain::eligibility::DEFAULT_AGE_OF_MAJORITY,
            map: MapSettings::default(),
            retention: crate::retention::RetentionSettings::default(),
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
    /// The database, for the use cases only: a door asks `app`, which owns every
    /// transaction (the test kit reads it through `db()` with the `test-kit` feature).
    pub(crate) db: Db,
    pub i18n: Arc<I18n>,
    pub composer: Arc<MailComposer>,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// Crash injection for the ledger tests; never armed in production.
    pub faults: crate::Faults,
    /// The domain lists and remote actors the inbox reads on every request, kept in this
    /// process (`federation::cache`).
    pub federation_cache: crate::federation::cache::FederationCache,
    /// The taxonomy and reward multipliers every catalog page reads, kept in this process
    /// (`catalog::reference`).
    pub reference_cache: crate::catalog::ReferenceCache,
}

impl Ctx {
    pub fn new(
        db: Db,
        i18n: Arc<I18n>,
        composer: Arc<MailComposer>,
        clock: Arc<dyn Clock>,
        settings: Settings,
    ) -> Ctx {
        Ctx {
            db,
            i18n,
            composer,
            clock,
            settings: Arc::new(settings),
            faults: crate::Faults::default(),
            federation_cache: Default::default(),
            reference_cache: Default::default(),
        }
    }

    /// Runs a use case's read (or one self-contained statement) on the blocking pool, as
    /// [`Db::run`] does, with the use case's own error: what `f` finds wrong is an
    /// [`AppError`], and a storage error converts into it on the way (`?`). Writes of more
    /// than one statement go through `db.write`, in one transaction.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut citysync_storage::DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        self.db.run(f).await
    }

    /// The same city in another process: its own database handle and its own caches.
    pub fn on(&self, db: Db) -> Ctx {
        Ctx {
            db,
            // Another process keeps its own lists, keys and reference data.
            federation_cache: Default::default(),
            reference_cache: Default::default(),
            ..self.clone()
        }
    }

    /// The same city under other settings.
    pub fn with_settings(self, settings: Settings) -> Ctx {
        Ctx {
            settings: Arc::new(settings),
            ..self
        }
    }

    /// The same city on another clock.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Ctx {
        Ctx { clock, ..self }
    }

    /// The database, for the test kit's fixtures and the tests' inspections only.
    #[cfg(feature = "test-kit")]
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Now, from the clock port, as stored.
    pub fn now(&self) -> NaiveDateTime {
        citysync_storage::stored_time(self.clock.now())
    }
}
