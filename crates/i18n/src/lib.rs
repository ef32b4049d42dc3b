//! Translations for City/Sync: Fluent bundles built from `locales/<code>/*.ftl`, the
//! supported [`Locale`]s with `Accept-Language` negotiation, instants on the city's clocks
//! as each language writes them ([`moments`]), and the `t()` function and `local` filter
//! for minijinja templates.
//!
//! This crate owns message lookup and fallback (requested locale, then English, then the
//! id) and the parity checks between locales. It knows nothing about requests, sessions,
//! users or mail: callers decide which locale applies. It must not depend on any other
//! City/Sync crate.

mod bundle;
mod error;
mod locale;
pub mod moments;
mod numbers;
mod template;

pub use bundle::{missing_between, ArgValue, I18n};
pub use error::I18nError;
pub use locale::Locale;
pub use moments::Moment;
pub use numbers::{number, percent};
pub use template::register_minijinja;
