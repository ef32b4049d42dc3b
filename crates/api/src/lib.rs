//! The JSON API under `/api/v1` for third-party clients: bearer-token authentication with
//! scopes, RFC 9457 `application/problem+json` errors in the reader's language.
//!
//! The OAuth 2 endpoints apps call directly live in `oauth`; the consent page is the web
//! crate's. Must not depend on the web or federation crates.

pub mod administration;
pub mod auth;
pub mod catalog;
pub mod eligibility;
pub mod extract;
pub mod governance;
pub mod ledger;
pub mod membership;
pub mod methods;
pub mod oauth;
pub mod offerings;
pub mod openapi;
pub mod organizations;
pub mod pagination;
pub mod problem;
pub mod reply;
pub mod routes;
pub mod stats;
pub mod time;
pub mod work;

pub use auth::{scoped, ApiState, Bearer, Limits, Reader, Scoped};
pub use problem::Problem;
pub use routes::configure;
