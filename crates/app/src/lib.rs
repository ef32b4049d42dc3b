//! Use cases and transaction boundaries: what a resident, an administrator, a client app or
//! a peer city can ask of City/Sync, and what follows from it.
//!
//! `app` asks `domain` for decisions and `storage` to keep them; it sends mail and
//! activities only by queueing them (workers deliver). It must not depend on actix,
//! minijinja or any wire format: the web pages, the JSON API and the federation inbox all
//! call the same functions here.

pub mod account_admin;
pub mod accounts;
pub mod calendar_files;
pub mod catalog;
pub mod claims;
pub mod clock;
pub mod context;
pub mod eligibility;
pub mod error;
pub mod faults;
pub mod federation;
pub mod governance;
pub mod home;
pub mod hours;
pub mod idempotency;
pub mod identity;
pub mod instance;
pub mod integrity;
pub mod ledger;
pub mod legal_hold;
pub mod mail_outbox;
pub mod notices;
pub mod notifications;
pub mod oauth;
pub mod offerings;
pub mod open_data;
pub mod operations;
pub mod organizations;
pub mod overlap;
pub mod passwords;
pub mod photos;
pub mod privacy_notice;
pub mod privileged_log;
pub mod protocol;
pub mod redemptions;
pub mod retention;
pub mod secrets;
pub mod sessions;
pub mod stats;
pub mod throttle;
pub mod tokens;
pub mod trail;
pub mod translations;
pub mod transparency;
pub mod uploads;

pub use accounts::User;
pub use clock::{Clock, SystemClock};
pub use context::{Ctx, MapSettings, Settings};
pub use error::AppError;
pub use faults::Faults;
