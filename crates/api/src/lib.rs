//! The JSON API under `/api/v1` for third-party clients: bearer-token authentication with
//! scopes, RFC 9457 `application/problem+json` errors in the reader's language.
//!
//! The OAuth 2 endpoints apps call directly live in `oauth`; the consent page is the web
//! crate's. Must not depend on the web or federation crates.

pub mod auth;
pub mod oauth;
pub mod problem;
pub mod routes;

pub use auth::Bearer;
pub use problem::Problem;
pub use routes::configure;
