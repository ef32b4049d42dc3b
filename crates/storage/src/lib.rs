//! Storage: the diesel schema, embedded migrations, the connection pool, transactions and
//! every query, for SQLite (bundled, the embedded default) and PostgreSQL alike.
//!
//! Rows (`*Row`, `New*`) live here and are mapped to domain types by their callers in `app`.
//! This crate must not depend on actix, federation or web code. Blocking diesel calls run on
//! tokio's blocking pool through [`Db::run`] and [`Db::write`].

pub mod db;
pub mod error;
pub mod group;
pub mod schema;

mod queue;

pub mod calendar;
pub mod catalog;
pub mod check_in;
pub mod claims;
pub mod data_rights;
pub mod eligibility;
pub mod epochs;
pub mod events;
pub mod federation;
pub mod fediverse;
pub mod governance;
pub mod held_rewards;
pub mod idempotency;
pub mod identity;
pub mod instance;
pub mod integrity;
pub mod ledger;
pub mod mail_queue;
pub mod oauth;
pub mod offerings;
pub mod open_data;
pub mod operations;
pub mod organizations;
pub mod overlap;
pub mod participations;
pub mod partners;
pub mod privacy;
pub mod privileged_log;
pub mod rate;
pub mod retention;
pub mod second_factor;
pub mod sessions;
pub mod settlement;
pub mod tokens;
pub mod transfer;
pub mod translations;
pub mod transparency;
pub mod users;
pub mod waitlist;
pub mod witness;

pub use db::{Backend, Db, DbConnection};
pub use error::StorageError;

/// A time as stored: UTC with microsecond precision, the finest both backends keep (so a
/// value read back equals the value written).
pub fn stored_time(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    let at = at.naive_utc();
    chrono::Timelike::with_nanosecond(&at, at.and_utc().timestamp_subsec_micros() * 1000)
        .unwrap_or(at)
}

/// The current time as stored.
pub fn now() -> chrono::NaiveDateTime {
    stored_time(chrono::Utc::now())
}
