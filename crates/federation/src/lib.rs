//! Federation: City/Sync's ActivityPub dialect on activitypub_federation — actors, the
//! inbox, WebFinger, NodeInfo, and the persistent delivery worker.
//!
//! Wire types live here and only here; every received activity is handed to `app` use cases
//! (never to diesel directly), and every outgoing one is queued through `app` in the
//! transaction of the change it announces. Must not depend on the api or web crates.

pub mod activities;
pub mod actor;
pub mod config;
pub mod delivery;
pub mod error;
pub mod hours_record;
pub mod inbox;
pub mod integrity;
pub mod keys;
pub mod models;
pub mod objects;
pub mod outbound;
pub mod outbox;
pub mod peers;
pub mod policy;
pub mod publisher;
pub mod rate;
pub mod rfc9421;
pub mod routes;
pub mod signature_time;
pub mod signing;
pub mod witness;

pub use config::{build_config, FederationData};
pub use error::FedError;
pub use routes::configure;

/// The one namespace IRI of City/Sync's terms (documented in docs/federation.md).
pub const CONTEXT_NAMESPACE: &str = "https://citysync.example/ns#";
