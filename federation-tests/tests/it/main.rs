//! The federation tests, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE): several real
//! `citysync serve` processes on loopback, driven over HTTP (crates/test-support/src/instance).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod correction;
mod defenses;
mod federation;
mod fedify;
mod generic;
mod jsonld;
mod scale_out;
mod scenarios;
mod seed;
mod server_errors;
mod settlement;
mod witness;
