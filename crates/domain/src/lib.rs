//! The City/Sync domain: entities, typed ids, validated value types, lifecycles and rules.
//!
//! This crate decides; it never does IO. It must not depend on diesel, actix, tokio,
//! reqwest, activitypub_federation, minijinja or lettre. Time and randomness come in as
//! arguments so every rule is a pure, testable function.

pub mod content_language;
pub mod eligibility;
pub mod epoch;
pub mod error;
pub mod governance;
pub mod identity;
pub mod ids;
pub mod integrity;
pub mod ledger;
pub mod lifecycle;
pub mod oauth;
pub mod offering;
pub mod organization;
pub mod partners;
pub mod protocol;
pub mod redemption;
pub mod scope;
pub mod settlement;
pub mod similarity;
pub mod task;
pub mod taxonomy;
pub mod text;
pub mod user;
pub mod work;

pub use error::DomainError;
pub use ids::*;
pub use scope::{Scope, ScopeSet};
pub use user::{EmailAddress, Password, Username};
