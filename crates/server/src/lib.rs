//! The `citysync` binary's library: configuration, the command line, the composition root and
//! the background workers. `main.rs` only parses arguments and calls [`cli::run`]; the tests
//! start real servers through [`serve::start`].

pub mod backup;
pub mod cli;
pub mod config;
pub mod health;
pub mod hours_record;
pub mod identity_http;
pub mod metrics;
pub mod migrate_data;
pub mod protocol;
pub mod runtime;
pub mod serve;
pub mod workers;
