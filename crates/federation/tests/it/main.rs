//! The integration tests of citysync-federation, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE).

// Tests may unwrap, index and panic: a failure is the point.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unwrap_used
)]

mod as2_objects;
mod fake_peer;
mod fediverse_actors;
mod host_normalization;
mod inbox_rate;
mod key_rotation;
mod language_maps;
mod outbound_signatures;
mod policy_cache;
mod rfc9421;
mod shapes;
mod signature_time;
mod ssrf;
mod wire_time;
