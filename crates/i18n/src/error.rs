//! What can go wrong while loading the locale files.

/// Loading or reading locales failed. Parse errors name the file, the line and the entry.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A `.ftl` file is not valid Fluent.
    #[error("{file}: Fluent syntax error: {details}")]
    Parse {
        /// The file, relative to the locales folder (`es/mail.ftl`).
        file: String,
        /// One line per error: line number, the offending entry and what is wrong.
        details: String,
    },
    /// The same message id is defined twice for one locale.
    #[error("{file}: {id} is already defined for locale {locale}")]
    Duplicate {
        /// The file with the second definition.
        file: String,
        /// The message or term id.
        id: String,
        /// The locale code.
        locale: String,
    },
    /// A supported locale has no folder.
    #[error("no folder for locale {0} under the locales folder")]
    MissingLocale(String),
    /// A `.ftl` file is not UTF-8.
    #[error("{0}: not UTF-8 text")]
    NotUtf8(String),
    /// Reading the locales folder failed.
    #[error("cannot read {path}")]
    Io {
        /// The path that could not be read.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A language code City/Sync does not support.
    #[error("unsupported locale {0:?}: a language tag such as en, es or zh-Hant, with a folder under locales/")]
    UnsupportedLocale(String),
    /// The configuration offers a language that was not loaded.
    #[error("the language {tag:?} is offered but has no folder of messages (loaded: {loaded})")]
    NotLoaded {
        /// The tag the configuration names.
        tag: String,
        /// The languages that were loaded.
        loaded: String,
    },
}
