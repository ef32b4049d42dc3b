//! The `citysync` binary's library: configuration, the command line, the composition root and
//! the background workers. `main.rs` only parses arguments and calls [`cli::run`]; the tests
//! start real servers through [`serve::start`].

pub mod cli;
pub mod config;
pub mod protocol;
pub mod runtime;
pub mod serve;
pub mod workers;
