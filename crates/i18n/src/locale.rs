//! The languages City/Sync speaks, and how a request picks one.

use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

use crate::I18nError;

/// A language City/Sync has messages for. `En` is the fallback for everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English.
    En,
    /// Spanish, written for Mexico City (es-MX, usted form).
    Es,
}

impl Locale {
    /// Every supported locale, fallback (`En`) first.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// The language code, which is also the folder name under `locales/`: `"en"`, `"es"`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// The language's name in itself, for a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    /// Reads a language tag (`"es"`, `"ES"`, `"es-MX"`, `"en-US"`, `"en_GB"`) and keeps its
    /// language. `None` when the tag is malformed or names a language we do not have.
    pub fn from_code(s: &str) -> Option<Locale> {
        let tag = s.trim().replace('_', "-");
        if tag.is_empty() {
            return None;
        }
        let langid: LanguageIdentifier = tag.parse().ok()?;
        match langid.language.as_str() {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            _ => None,
        }
    }

    /// Picks the supported locale an `Accept-Language` header likes best: highest `q`
    /// first (ties keep the header's order), `q=0` means "not this one", `*` is ignored.
    /// `None` when the header names no supported language.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        // Each supported locale keeps the highest weight any of its tags got, and the
        // position where it first appeared (to break ties in the header's order).
        let mut weights: Vec<(Locale, f32)> = Vec::new();
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            if tag.is_empty() || tag == "*" {
                continue;
            }
            let Some(locale) = Locale::from_code(tag) else {
                continue;
            };
            let q = parts
                .filter_map(|param| {
                    let param = param.trim();
                    param
                        .strip_prefix("q=")
                        .or_else(|| param.strip_prefix("Q="))
                })
                .map(|value| match value.trim().parse::<f32>() {
                    Ok(v) if v.is_finite() => v.clamp(0.0, 1.0),
                    _ => 0.0,
                })
                .next_back()
                .unwrap_or(1.0);
            match weights.iter_mut().find(|(l, _)| *l == locale) {
                Some((_, w)) => *w = w.max(q),
                None => weights.push((locale, q)),
            }
        }
        let mut best: Option<(Locale, f32)> = None;
        for (locale, q) in weights {
            if q > 0.0 && best.is_none_or(|(_, best_q)| q > best_q) {
                best = Some((locale, q));
            }
        }
        best.map(|(locale, _)| locale)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Locale {
    type Err = I18nError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::from_code(s).ok_or_else(|| I18nError::UnsupportedLocale(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;

    #[test]
    fn codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
            assert_eq!(locale.to_string().parse::<Locale>().unwrap(), locale);
        }
        assert_eq!(Locale::Es.native_name(), "Español");
    }

    #[test]
    fn from_code_accepts_regions_and_case() {
        assert_eq!(Locale::from_code("es"), Some(Locale::Es));
        assert_eq!(Locale::from_code("ES"), Some(Locale::Es));
        assert_eq!(Locale::from_code("es-MX"), Some(Locale::Es));
        assert_eq!(Locale::from_code("en-US"), Some(Locale::En));
        assert_eq!(Locale::from_code("en_GB"), Some(Locale::En));
        assert_eq!(Locale::from_code(" en "), Some(Locale::En));
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::from_code("english"), None);
        assert_eq!(Locale::from_code(""), None);
        assert_eq!(Locale::from_code("*"), None);
        assert!("fr".parse::<Locale>().is_err());
    }

    #[test]
    fn negotiate_follows_q_values() {
        assert_eq!(
            Locale::negotiate("es-MX,es;q=0.9,en;q=0.8"),
            Some(Locale::Es)
        );
        assert_eq!(Locale::negotiate("fr, en;q=0.5"), Some(Locale::En));
        assert_eq!(Locale::negotiate("fr"), None);
        assert_eq!(Locale::negotiate("es;q=0, en"), Some(Locale::En));
        assert_eq!(Locale::negotiate("en;q=0.3, es;q=0.7"), Some(Locale::Es));
        assert_eq!(Locale::negotiate("*, es;q=0.1"), Some(Locale::Es));
        assert_eq!(Locale::negotiate("*"), None);
        assert_eq!(Locale::negotiate(""), None);
        assert_eq!(Locale::negotiate("es;q=0"), None);
        assert_eq!(Locale::negotiate("en;q=bogus, es;q=0.2"), Some(Locale::Es));
        assert_eq!(Locale::negotiate("en-US,en;q=0.9"), Some(Locale::En));
    }

    #[test]
    fn serde_uses_codes() {
        assert_eq!(serde_json::to_string(&Locale::Es).unwrap(), "\"es\"");
        assert_eq!(
            serde_json::from_str::<Locale>("\"en\"").unwrap(),
            Locale::En
        );
    }
}
