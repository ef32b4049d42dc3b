//! Fluent bundles, one per locale, and message lookup with fallback.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use fluent_syntax::ast;
use include_dir::{include_dir, Dir};
use unic_langid::LanguageIdentifier;

use crate::{I18nError, Locale};

/// The `locales/` folder, compiled into the binary.
pub(crate) static EMBEDDED_LOCALES: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/../../locales");

/// A value passed to a Fluent message: text, or a number (numbers select plural forms).
#[derive(Clone, Debug, PartialEq)]
pub enum ArgValue {
    /// Text, inserted as is.
    Str(String),
    /// A number, formatted and used for plural selection.
    Num(f64),
}

impl From<&str> for ArgValue {
    fn from(value: &str) -> Self {
        ArgValue::Str(value.to_owned())
    }
}

impl From<String> for ArgValue {
    fn from(value: String) -> Self {
        ArgValue::Str(value)
    }
}

impl From<i64> for ArgValue {
    #[allow(clippy::cast_precision_loss)]
    fn from(value: i64) -> Self {
        ArgValue::Num(value as f64)
    }
}

impl From<u32> for ArgValue {
    fn from(value: u32) -> Self {
        ArgValue::Num(f64::from(value))
    }
}

impl From<usize> for ArgValue {
    #[allow(clippy::cast_precision_loss)]
    fn from(value: usize) -> Self {
        ArgValue::Num(value as f64)
    }
}

impl From<f64> for ArgValue {
    fn from(value: f64) -> Self {
        ArgValue::Num(value)
    }
}

struct LocaleBundle {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
    ids: BTreeSet<String>,
}

/// Every locale's messages. Cheap to share behind an `Arc`; `Send + Sync`.
pub struct I18n {
    bundles: Vec<LocaleBundle>,
    /// The languages the city offers (all loaded ones unless [`I18n::offering`] narrows them).
    offered: Vec<Locale>,
    /// The city's default language (an index of the registry): a message missing in the
    /// reader's language is taken from it, then from the source language.
    default: AtomicU16,
    /// `"<locale>:<id>"` already reported as missing, so the log says it once.
    warned: Mutex<HashSet<String>>,
}

const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<I18n>();
};

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("I18n");
        for b in &self.bundles {
            s.field(b.locale.code(), &b.ids.len());
        }
        s.finish()
    }
}

impl I18n {
    /// Loads every `locales/<tag>/*.ftl` compiled into the binary: every folder is a language.
    pub fn load() -> Result<I18n, I18nError> {
        let mut files: Vec<(Locale, String, String)> = Vec::new();
        for locale in Locale::known() {
            let Some(dir) = EMBEDDED_LOCALES.get_dir(locale.code()) else {
                continue;
            };
            for file in dir.files() {
                let path = file.path();
                if path.extension().is_none_or(|ext| ext != "ftl") {
                    continue;
                }
                let name = path.display().to_string();
                let source = file
                    .contents_utf8()
                    .ok_or_else(|| I18nError::NotUtf8(name.clone()))?;
                files.push((locale, name, source.to_owned()));
            }
        }
        Self::build(files)
    }

    /// Loads every `<dir>/<tag>/*.ftl` from disk (same layout as `locales/`): each folder
    /// named by a language tag is a language, registered if the binary did not know it.
    /// The source language's folder must be there.
    pub fn from_dir(dir: &Path) -> Result<I18n, I18nError> {
        let io_err = |path: &Path| {
            let path = path.display().to_string();
            move |source| I18nError::Io { path, source }
        };
        let mut files: Vec<(Locale, String, String)> = Vec::new();
        let mut tags: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
            let path = entry.map_err(io_err(dir))?.path();
            if let Some(tag) = path.file_name().and_then(|n| n.to_str()) {
                if path.is_dir() && tag.parse::<LanguageIdentifier>().is_ok() {
                    tags.push(tag.to_owned());
                }
            }
        }
        if !tags.iter().any(|t| t == crate::locale::SOURCE_TAG) {
            return Err(I18nError::MissingLocale(
                crate::locale::SOURCE_TAG.to_owned(),
            ));
        }
        tags.sort();
        for tag in tags {
            let locale_dir = dir.join(&tag);
            let mut sources: Vec<(String, String)> = Vec::new();
            for entry in std::fs::read_dir(&locale_dir).map_err(io_err(&locale_dir))? {
                let path = entry.map_err(io_err(&locale_dir))?.path();
                if !path.is_file() || path.extension().is_none_or(|ext| ext != "ftl") {
                    continue;
                }
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                let bytes = std::fs::read(&path).map_err(io_err(&path))?;
                let source =
                    String::from_utf8(bytes).map_err(|_| I18nError::NotUtf8(name.clone()))?;
                sources.push((name, source));
            }
            let facts = sources
                .iter()
                .find(|(name, _)| name.ends_with(crate::locale::FACTS_FILE))
                .map(|(_, source)| source.clone());
            let locale = Locale::register(&tag, facts)?;
            files.extend(sources.into_iter().map(|(n, s)| (locale, n, s)));
        }
        Self::build(files)
    }

    /// Builds bundles from in-memory sources: `(locale, file name for errors, FTL text)`.
    /// Only the locales named there are loaded (and the source language, empty if absent).
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (Locale, &'a str, &'a str)>,
    ) -> Result<I18n, I18nError> {
        Self::build(
            sources
                .into_iter()
                .map(|(locale, name, source)| (locale, name.to_owned(), source.to_owned()))
                .collect(),
        )
    }

    fn build(mut files: Vec<(Locale, String, String)>) -> Result<I18n, I18nError> {
        // Deterministic order whatever the file system returns.
        files.sort_by(|a, b| a.1.cmp(&b.1));
        let mut locales: Vec<Locale> = vec![Locale::SOURCE];
        for (locale, _, _) in &files {
            if !locales.contains(locale) {
                locales.push(*locale);
            }
        }
        let mut bundles = Vec::with_capacity(locales.len());
        for locale in locales.iter().copied() {
            let langid: LanguageIdentifier = locale
                .code()
                .parse()
                .map_err(|_| I18nError::UnsupportedLocale(locale.code().to_owned()))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            let mut ids = BTreeSet::new();
            for (_, name, source) in files.iter().filter(|(l, _, _)| *l == locale) {
                let resource = parse(name, source.clone())?;
                for entry in resource.entries() {
                    if let ast::Entry::Message(message) = entry {
                        ids.insert(message.id.name.to_owned());
                    }
                }
                if let Err(errors) = bundle.add_resource(resource) {
                    let (id, details) = errors
                        .iter()
                        .map(|e| match e {
                            FluentError::Overriding { id, .. } => (id.clone(), e.to_string()),
                            other => (String::new(), other.to_string()),
                        })
                        .next()
                        .unwrap_or_default();
                    return Err(I18nError::Duplicate {
                        file: name.clone(),
                        id: if id.is_empty() { details } else { id },
                        locale: locale.code().to_owned(),
                    });
                }
            }
            bundles.push(LocaleBundle {
                locale,
                bundle,
                ids,
            });
        }
        Ok(I18n {
            bundles,
            offered: locales,
            default: AtomicU16::new(0),
            warned: Mutex::new(HashSet::new()),
        })
    }

    /// Narrows the languages the city offers to `tags` (in that order; empty: every loaded
    /// language). Each must be loaded; the source language stays loaded as the last fallback.
    pub fn offering(mut self, tags: &[String]) -> Result<I18n, I18nError> {
        if tags.is_empty() {
            return Ok(self);
        }
        let loaded: Vec<Locale> = self.bundles.iter().map(|b| b.locale).collect();
        let mut offered = Vec::with_capacity(tags.len());
        for tag in tags {
            let locale = loaded
                .iter()
                .copied()
                .find(|l| l.code().eq_ignore_ascii_case(tag.trim()))
                .ok_or_else(|| I18nError::NotLoaded {
                    tag: tag.clone(),
                    loaded: loaded
                        .iter()
                        .map(|l| l.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            if !offered.contains(&locale) {
                offered.push(locale);
            }
        }
        self.offered = offered;
        Ok(self)
    }

    /// The languages the city offers, in the configured order.
    pub fn locales(&self) -> &[Locale] {
        &self.offered
    }

    /// The offered language a tag asks for (`"zh-TW"` → zh-Hant), if any.
    pub fn locale(&self, tag: &str) -> Option<Locale> {
        Locale::from_code_among(tag, &self.offered)
    }

    /// The offered language an `Accept-Language` header likes best.
    pub fn negotiate(&self, accept_language: &str) -> Option<Locale> {
        Locale::negotiate_among(accept_language, &self.offered)
    }

    /// Sets the city's default language: the first fallback for a missing message.
    pub fn set_default(&self, locale: Locale) {
        if self.bundles.iter().any(|b| b.locale == locale) {
            self.default.store(locale.index(), Ordering::Relaxed);
        }
    }

    /// The city's default language as last set (the source language until then).
    pub fn default_locale(&self) -> Locale {
        Locale::from_index(self.default.load(Ordering::Relaxed))
    }

    /// Message ids of the source language that `locale` lacks (shown in its place: the
    /// city's default language's, else the source's).
    pub fn missing(&self, locale: Locale) -> BTreeSet<String> {
        missing_between(self, Locale::SOURCE, locale)
    }

    fn bundle(&self, locale: Locale) -> Option<&LocaleBundle> {
        self.bundles.iter().find(|b| b.locale == locale)
    }

    /// The message `id` (or `id.attribute`) in `locale`, formatted with `args`. Falls back to
    /// the city's default language, then to the source language (English), then to the id
    /// itself; each fallback is logged once per locale and id.
    pub fn message(&self, locale: Locale, id: &str, args: &[(&str, ArgValue)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value: FluentValue<'_> = match value {
                ArgValue::Str(s) => FluentValue::from(s.as_str()),
                ArgValue::Num(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        if let Some(text) = self.format(locale, id, &fluent_args) {
            return text;
        }
        let default = self.default_locale();
        for fallback in [default, Locale::SOURCE] {
            if fallback == locale {
                continue;
            }
            if let Some(text) = self.format(fallback, id, &fluent_args) {
                self.warn_once(locale, id, "message missing, using the fallback language");
                return text;
            }
        }
        self.warn_once(
            locale,
            id,
            "message missing in every locale, showing its id",
        );
        id.to_owned()
    }

    /// Whether `locale` itself (without fallback) has `id` (or `id.attribute`).
    pub fn has_message(&self, locale: Locale, id: &str) -> bool {
        self.bundle(locale)
            .is_some_and(|b| find_pattern(&b.bundle, id).is_some())
    }

    /// Every message id defined for `locale` (terms excluded), sorted.
    pub fn message_ids(&self, locale: Locale) -> BTreeSet<String> {
        self.bundle(locale)
            .map(|b| b.ids.clone())
            .unwrap_or_default()
    }

    fn format(&self, locale: Locale, id: &str, args: &FluentArgs<'_>) -> Option<String> {
        let b = self.bundle(locale)?;
        let pattern = find_pattern(&b.bundle, id)?;
        let mut errors = Vec::new();
        let text: Cow<'_, str> = b.bundle.format_pattern(pattern, Some(args), &mut errors);
        if !errors.is_empty() {
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            tracing::warn!(locale = %locale, id, errors = ?errors, "could not fully format a message");
        }
        Some(text.into_owned())
    }

    fn warn_once(&self, locale: Locale, id: &str, what: &str) {
        let key = format!("{locale}:{id}");
        let first = self
            .warned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key);
        if first {
            tracing::warn!(locale = %locale, id, "{what}");
        }
    }
}

/// The pattern for `id`, or for `message.attribute` when `id` has a dot.
fn find_pattern<'b>(
    bundle: &'b FluentBundle<FluentResource>,
    id: &str,
) -> Option<&'b ast::Pattern<&'b str>> {
    match id.split_once('.') {
        Some((message, attribute)) => bundle
            .get_message(message)?
            .get_attribute(attribute)
            .map(|a| a.value()),
        None => bundle.get_message(id)?.value(),
    }
}

/// Parses one file, naming the file, line and entry of every syntax error.
fn parse(name: &str, source: String) -> Result<FluentResource, I18nError> {
    match FluentResource::try_new(source) {
        Ok(resource) => Ok(resource),
        Err((resource, errors)) => {
            let text = resource.source();
            let details: Vec<String> = errors
                .iter()
                .map(|e| {
                    let line_of = |offset: usize| {
                        text.get(..offset)
                            .map_or(0, |before| before.matches('\n').count())
                            + 1
                    };
                    // The entry is the first non-comment line of the unparsable slice.
                    let entry = e.slice.clone().and_then(|range| {
                        let slice = text.get(range.clone())?;
                        let mut offset = range.start;
                        for l in slice.split_inclusive('\n') {
                            let trimmed = l.trim();
                            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                                return Some((offset, trimmed));
                            }
                            offset += l.len();
                        }
                        None
                    });
                    let (line, entry) = match entry {
                        Some((offset, entry)) => (line_of(offset), entry),
                        None => (line_of(e.pos.start), ""),
                    };
                    let entry: String = entry.chars().take(80).collect();
                    format!(
                        "line {line}, entry `{entry}`: {} (at line {})",
                        e.kind,
                        line_of(e.pos.start)
                    )
                })
                .collect();
            Err(I18nError::Parse {
                file: name.to_owned(),
                details: details.join("; "),
            })
        }
    }
}

/// Message ids in `a` that `b` lacks, sorted. The locale parity check: run it both ways.
pub fn missing_between(i18n: &I18n, a: Locale, b: Locale) -> BTreeSet<String> {
    let in_b = i18n.message_ids(b);
    i18n.message_ids(a)
        .into_iter()
        .filter(|id| !in_b.contains(id))
        .collect()
}
