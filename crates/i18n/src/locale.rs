//! The languages City/Sync speaks, and how a request picks one.
//!
//! A language is data: a folder `locales/<tag>/` of Fluent files, named by its BCP 47 tag
//! (`en`, `es`, `zh-Hant`). Its `_locale.ftl` holds what City/Sync needs besides messages:
//! the language's name in itself, chrono's name for its day and month names, and how it
//! writes numbers. Every folder compiled into the binary is known from the start; a folder
//! read from disk at start-up ([`crate::I18n::from_dir`]) is registered then. A [`Locale`]
//! is a small copyable handle on one of them.

use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, PoisonError, RwLock};

use fluent_bundle::{FluentBundle, FluentResource};
use unic_langid::LanguageIdentifier;

use crate::bundle::EMBEDDED_LOCALES;
use crate::I18nError;

/// The tag of the language the messages are written in first: every message exists in it,
/// so it is the fallback of last resort.
pub const SOURCE_TAG: &str = "en";

/// A language City/Sync has messages for.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Locale(u16);

/// What City/Sync knows of one language besides its messages.
#[derive(Debug)]
pub(crate) struct LocaleDef {
    /// The folder's name, a BCP 47 tag: `en`, `es`, `zh-Hant`.
    pub tag: String,
    pub langid: LanguageIdentifier,
    /// The language's name in itself, for a language picker (`locale-native-name`).
    pub native_name: String,
    /// Day and month names (`locale-chrono`, e.g. `zh_TW`; POSIX when absent or unknown).
    pub chrono: chrono::Locale,
    /// `locale-decimal-separator`, `locale-group-separator`.
    pub decimal: String,
    pub group: String,
    /// What follows a number to make a percentage (`locale-percent-suffix`: `%`, ` %`).
    pub percent_suffix: String,
}

/// Every language known to this process; a locale is an index into it. Append-only, so
/// a handle stays valid for the life of the process. The source language is always first.
static REGISTRY: LazyLock<RwLock<Vec<&'static LocaleDef>>> = LazyLock::new(|| {
    let mut defs: Vec<&'static LocaleDef> = Vec::new();
    let source = EMBEDDED_LOCALES.get_dir(SOURCE_TAG);
    defs.push(leak(define(SOURCE_TAG, source.and_then(facts_of_dir))));
    let mut others: Vec<_> = EMBEDDED_LOCALES
        .dirs()
        .filter_map(|dir| Some((dir.path().to_str()?, dir)))
        .filter(|(tag, _)| *tag != SOURCE_TAG && tag.parse::<LanguageIdentifier>().is_ok())
        .collect();
    others.sort_by_key(|(tag, _)| *tag);
    for (tag, dir) in others {
        defs.push(leak(define(tag, facts_of_dir(dir))));
    }
    RwLock::new(defs)
});

fn leak(def: LocaleDef) -> &'static LocaleDef {
    Box::leak(Box::new(def))
}

fn facts_of_dir(dir: &include_dir::Dir<'static>) -> Option<String> {
    dir.files()
        .find(|f| f.path().file_name().is_some_and(|n| n == FACTS_FILE))
        .and_then(|f| f.contents_utf8())
        .map(str::to_owned)
}

/// The file of a locale folder that holds the language's facts.
pub(crate) const FACTS_FILE: &str = "_locale.ftl";

/// A language's definition from its tag and the text of its `_locale.ftl` (if any).
fn define(tag: &str, facts: Option<String>) -> LocaleDef {
    let langid: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut def = LocaleDef {
        tag: tag.to_owned(),
        langid: langid.clone(),
        native_name: tag.to_owned(),
        chrono: chrono::Locale::POSIX,
        decimal: ".".to_owned(),
        group: ",".to_owned(),
        percent_suffix: "%".to_owned(),
    };
    let Some(source) = facts else {
        return def;
    };
    let Ok(resource) = FluentResource::try_new(source) else {
        tracing::warn!(
            locale = tag,
            "its {FACTS_FILE} is not valid Fluent: defaults used"
        );
        return def;
    };
    let mut bundle: FluentBundle<FluentResource> = FluentBundle::new(vec![langid]);
    bundle.set_use_isolating(false);
    if bundle.add_resource(resource).is_err() {
        return def;
    }
    let fact = |id: &str| -> Option<String> {
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned(),
        )
    };
    if let Some(name) = fact("locale-native-name") {
        def.native_name = name;
    }
    if let Some(chrono_name) = fact("locale-chrono") {
        match chrono::Locale::try_from(chrono_name.trim()) {
            Ok(c) => def.chrono = c,
            Err(_) => tracing::warn!(locale = tag, chrono_name, "unknown chrono locale"),
        }
    }
    if let Some(v) = fact("locale-decimal-separator") {
        def.decimal = v;
    }
    if let Some(v) = fact("locale-group-separator") {
        def.group = v;
    }
    if let Some(v) = fact("locale-percent-suffix") {
        def.percent_suffix = v;
    }
    def
}

/// The script a language tag is written in, explicit or implied: Chinese of Taiwan, Hong
/// Kong and Macao is written in Traditional characters, other Chinese in Simplified.
fn script_of(langid: &LanguageIdentifier) -> Option<String> {
    if let Some(script) = langid.script {
        return Some(script.as_str().to_owned());
    }
    if langid.language.as_str() == "zh" {
        let traditional = langid
            .region
            .is_some_and(|r| matches!(r.as_str(), "TW" | "HK" | "MO"));
        return Some(if traditional { "Hant" } else { "Hans" }.to_owned());
    }
    None
}

fn registry() -> std::sync::RwLockReadGuard<'static, Vec<&'static LocaleDef>> {
    REGISTRY.read().unwrap_or_else(PoisonError::into_inner)
}

impl Locale {
    /// The language the messages are written in first (English): complete by definition.
    pub const SOURCE: Locale = Locale(0);

    pub(crate) fn index(self) -> u16 {
        self.0
    }

    /// The locale at `index` of the registry (the source language if there is none).
    pub(crate) fn from_index(index: u16) -> Locale {
        if usize::from(index) < registry().len() {
            Locale(index)
        } else {
            Locale::SOURCE
        }
    }

    pub(crate) fn def(self) -> &'static LocaleDef {
        let defs = registry();
        defs.get(usize::from(self.0))
            .or_else(|| defs.first())
            .copied()
            .unwrap_or_else(|| leak(define(SOURCE_TAG, None)))
    }

    /// Every language this process knows (compiled in, or registered from disk), the source
    /// language first. A city offers the ones its configuration names ([`crate::I18n::locales`]).
    pub fn known() -> Vec<Locale> {
        (0..registry().len())
            .filter_map(|i| u16::try_from(i).ok())
            .map(Locale)
            .collect()
    }

    /// Registers a language read from disk (its tag and the text of its `_locale.ftl`), or
    /// returns the one already known by that exact tag.
    pub(crate) fn register(tag: &str, facts: Option<String>) -> Result<Locale, I18nError> {
        if tag.parse::<LanguageIdentifier>().is_err() {
            return Err(I18nError::UnsupportedLocale(tag.to_owned()));
        }
        let mut defs = REGISTRY.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(i) = defs.iter().position(|d| d.tag.eq_ignore_ascii_case(tag)) {
            return u16::try_from(i)
                .map(Locale)
                .map_err(|_| I18nError::UnsupportedLocale(tag.to_owned()));
        }
        let index =
            u16::try_from(defs.len()).map_err(|_| I18nError::UnsupportedLocale(tag.to_owned()))?;
        defs.push(leak(define(tag, facts)));
        Ok(Locale(index))
    }

    /// The language's tag, which is also its folder under `locales/`: `"en"`, `"zh-Hant"`.
    pub fn code(self) -> &'static str {
        &self.def().tag
    }

    /// The language subtag alone: `"en"`, `"es"`, `"zh"`.
    pub fn language(self) -> &'static str {
        self.def().langid.language.as_str()
    }

    /// The language's name in itself, for a language picker: "English", "Español", "繁體中文".
    pub fn native_name(self) -> &'static str {
        &self.def().native_name
    }

    /// Chrono's day and month names for this language.
    pub(crate) fn chrono(self) -> chrono::Locale {
        self.def().chrono
    }

    /// Reads a language tag (`"es"`, `"ES"`, `"es-MX"`, `"en_GB"`, `"zh-TW"`, `"zh-Hant-HK"`)
    /// and finds the known language it asks for: the same language in the same script
    /// (explicit, or implied for Chinese by its region). `None` when the tag is malformed
    /// or names a language this process does not know.
    pub fn from_code(s: &str) -> Option<Locale> {
        Self::from_code_among(s, &Self::known())
    }

    /// Like [`Locale::from_code`], among `offered` only.
    pub fn from_code_among(s: &str, offered: &[Locale]) -> Option<Locale> {
        let tag = s.trim().replace('_', "-");
        if tag.is_empty() || tag == "*" {
            return None;
        }
        let wanted: LanguageIdentifier = tag.parse().ok()?;
        let script = script_of(&wanted);
        offered.iter().copied().find(|l| {
            let have = &l.def().langid;
            have.language == wanted.language && script_of(have) == script
        })
    }

    /// Picks the known language an `Accept-Language` header likes best (see
    /// [`Locale::negotiate_among`]).
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        Self::negotiate_among(accept_language, &Self::known())
    }

    /// Picks the language of `offered` an `Accept-Language` header likes best: highest `q`
    /// first (ties keep the header's order), `q=0` means "not this one", `*` is ignored.
    /// `None` when the header names none of them.
    pub fn negotiate_among(accept_language: &str, offered: &[Locale]) -> Option<Locale> {
        // Each offered locale keeps the highest weight any of its tags got, and the
        // position where it first appeared (to break ties in the header's order).
        let mut weights: Vec<(Locale, f32)> = Vec::new();
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let Some(locale) = Locale::from_code_among(tag, offered) else {
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

impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Locale({})", self.code())
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

impl serde::Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Locale {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Locale::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unsupported locale {code:?}")))
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

    fn l(code: &str) -> Locale {
        Locale::from_code(code).unwrap()
    }

    #[test]
    fn every_folder_is_a_language_and_codes_round_trip() {
        let known = Locale::known();
        assert_eq!(known.first(), Some(&Locale::SOURCE));
        assert_eq!(Locale::SOURCE.code(), "en");
        for code in ["en", "es", "zh-Hant"] {
            assert!(known.iter().any(|k| k.code() == code), "{code} is known");
        }
        for locale in known {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
            assert_eq!(locale.to_string().parse::<Locale>().unwrap(), locale);
        }
        assert_eq!(l("es").native_name(), "Español");
        assert_eq!(l("zh-Hant").native_name(), "繁體中文");
        assert_eq!(l("zh-Hant").chrono(), chrono::Locale::zh_TW);
    }

    #[test]
    fn from_code_accepts_regions_scripts_and_case() {
        let (en, es, zh) = (Locale::SOURCE, l("es"), l("zh-Hant"));
        assert_eq!(Locale::from_code("ES"), Some(es));
        assert_eq!(Locale::from_code("es-MX"), Some(es));
        assert_eq!(Locale::from_code("en-US"), Some(en));
        assert_eq!(Locale::from_code("en_GB"), Some(en));
        assert_eq!(Locale::from_code(" en "), Some(en));
        assert_eq!(Locale::from_code("zh-TW"), Some(zh));
        assert_eq!(Locale::from_code("zh-HK"), Some(zh));
        assert_eq!(Locale::from_code("zh-Hant-US"), Some(zh));
        assert_eq!(Locale::from_code("zh-hant"), Some(zh));
        // Simplified Chinese is another script: not offered.
        assert_eq!(Locale::from_code("zh-CN"), None);
        assert_eq!(Locale::from_code("zh"), None);
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::from_code("english"), None);
        assert_eq!(Locale::from_code(""), None);
        assert_eq!(Locale::from_code("*"), None);
        assert!("fr".parse::<Locale>().is_err());
    }

    #[test]
    fn negotiate_follows_q_values_among_the_offered() {
        let (en, es, zh) = (Locale::SOURCE, l("es"), l("zh-Hant"));
        assert_eq!(Locale::negotiate("es-MX,es;q=0.9,en;q=0.8"), Some(es));
        assert_eq!(Locale::negotiate("fr, en;q=0.5"), Some(en));
        assert_eq!(Locale::negotiate("fr"), None);
        assert_eq!(Locale::negotiate("es;q=0, en"), Some(en));
        assert_eq!(Locale::negotiate("en;q=0.3, es;q=0.7"), Some(es));
        assert_eq!(Locale::negotiate("*, es;q=0.1"), Some(es));
        assert_eq!(Locale::negotiate("*"), None);
        assert_eq!(Locale::negotiate(""), None);
        assert_eq!(Locale::negotiate("es;q=0"), None);
        assert_eq!(Locale::negotiate("en;q=bogus, es;q=0.2"), Some(es));
        assert_eq!(Locale::negotiate("zh-TW,zh;q=0.9,en;q=0.5"), Some(zh));
        assert_eq!(
            Locale::negotiate_among("zh-TW, es;q=0.5", &[en, es]),
            Some(es)
        );
    }

    #[test]
    fn serde_uses_codes() {
        assert_eq!(serde_json::to_string(&l("es")).unwrap(), "\"es\"");
        assert_eq!(serde_json::to_string(&l("zh-Hant")).unwrap(), "\"zh-Hant\"");
        assert_eq!(
            serde_json::from_str::<Locale>("\"en\"").unwrap(),
            Locale::SOURCE
        );
        assert!(serde_json::from_str::<Locale>("\"fr\"").is_err());
    }
}
