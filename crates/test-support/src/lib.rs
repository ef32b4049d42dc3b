//! The test kit (dev-only), the one place tests get their fixtures from; never used by
//! production code.
//!
//! - the database half, re-exported from `citysync-test-db`: a fresh SQLite or PostgreSQL
//!   database per test ([`TestDb`], [`both_backends`]);
//! - [`fixtures`]: a use-case context on that database, people, organizations, members,
//!   minted credits, a clock the test moves by hand;
//! - [`server`]: a real server in-process on a loopback port with a browser-like client,
//!   and helpers that drive its pages, its JSON API and its OAuth provider;
//! - [`instance`]: real `citysync serve` processes on loopback ports, for the federation
//!   tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

pub mod fixtures;
pub mod instance;
pub mod node;
pub mod server;

/// How long the test clients keep an idle connection for reuse: well under the server's
/// keep-alive (actix's default, 5 s), so a client never sends on a connection the server is
/// closing at that moment (hyper's `IncompleteMessage` on a loaded machine).
pub const POOL_IDLE: std::time::Duration = std::time::Duration::from_secs(2);

pub use citysync_test_db::{both_backends, TestDb, DEFAULT_POSTGRES, POSTGRES_ENV};
pub use fixtures::{
    add_member, approved_organization, contribution_verified, ctx, ctx_for, ctx_with_clock, mint,
    person, ManualClock,
};
