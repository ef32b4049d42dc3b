//! Content in several languages (issue 27): what people write — a template, an opportunity,
//! an offering, an organization, a proposal — keeps the language it was written in, and may
//! carry translations of its text fields into the other languages the city offers. This
//! module decides which fields can be translated, how long each may be (as long as the
//! original allows), and which text a reader sees.
//!
//! Languages are language tags as text (`"es"`, `"en"`, `"zh-Hant"`): the caller checks
//! them against the languages the city offers.

use crate::{text, DomainError};
use std::collections::BTreeMap;

/// What carries translatable text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectKind {
    Template,
    Opportunity,
    Offering,
    Organization,
    Proposal,
}

impl SubjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Template => "template",
            SubjectKind::Opportunity => "opportunity",
            SubjectKind::Offering => "offering",
            SubjectKind::Organization => "organization",
            SubjectKind::Proposal => "proposal",
        }
    }

    pub fn parse(s: &str) -> Result<SubjectKind, DomainError> {
        match s {
            "template" => Ok(SubjectKind::Template),
            "opportunity" => Ok(SubjectKind::Opportunity),
            "offering" => Ok(SubjectKind::Offering),
            "organization" => Ok(SubjectKind::Organization),
            "proposal" => Ok(SubjectKind::Proposal),
            _ => Err(DomainError::StateUnknown(s.to_owned())),
        }
    }

    /// The fields a translation may give, in the order a form shows them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            SubjectKind::Template => &[Field::Title, Field::Summary, Field::Content],
            SubjectKind::Opportunity => &[Field::Title, Field::Content],
            SubjectKind::Offering => &[Field::Title, Field::Summary],
            SubjectKind::Organization => &[Field::Title, Field::Summary],
            SubjectKind::Proposal => &[Field::Title, Field::Content],
        }
    }

    /// The most characters a field may hold: the original's own bound.
    pub fn max_chars(self, field: Field) -> usize {
        match (self, field) {
            (SubjectKind::Template, Field::Title) => 120,
            (SubjectKind::Template, Field::Summary) => 500,
            (SubjectKind::Template, Field::Content) => 20_000,
            (SubjectKind::Opportunity, Field::Title) => 120,
            (SubjectKind::Opportunity, _) => 2_000,
            (SubjectKind::Offering, Field::Title) => 120,
            (SubjectKind::Offering, _) => 2_000,
            (SubjectKind::Organization, Field::Title) => 100,
            (SubjectKind::Organization, _) => 5_000,
            (SubjectKind::Proposal, Field::Title) => 200,
            (SubjectKind::Proposal, _) => 20_000,
        }
    }
}

/// A translatable field. Each kind names its own fields (an organization's `Title` is its
/// name, its `Summary` its description; an opportunity's `Content` its on-site
/// instructions, a proposal's its text), and each maps onto one ActivityStreams term:
/// `Title` → `name`, `Summary` → `summary`, `Content` → `content`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Summary,
    Content,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Content => "content",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        match s {
            "title" => Some(Field::Title),
            "summary" => Some(Field::Summary),
            "content" => Some(Field::Content),
            _ => None,
        }
    }
}

/// Checks one translated field: trimmed, no control characters, at most as long as the
/// original may be. An empty text means "no translation of this field".
pub fn check_field(kind: SubjectKind, field: Field, input: &str) -> Result<String, DomainError> {
    text::optional(field.as_str(), input, kind.max_chars(field))
}

/// The primary language of a tag, lower-cased: `"es-MX"` → `"es"`, `"zh-Hant"` → `"zh"`.
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether two tags name the same language for a reader: equal ignoring case, or the same
/// primary language when one of them has no script or region (`"es"` and `"es-MX"`).
pub fn same_language(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (pa, pb) = (primary(a), primary(b));
    pa == pb && (!a.contains(['-', '_']) || !b.contains(['-', '_']))
}

/// One field's text as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    /// The language of `text` (for a `lang` attribute).
    pub lang: String,
    /// Whether `text` is the original and the reader reads another language: the page
    /// says "Originally in …".
    pub foreign: bool,
}

/// A subject's texts in every language it has: the original and its translations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    /// The language the subject was written in.
    pub original: String,
    /// Translations: language → field → text (only non-empty texts).
    pub translations: BTreeMap<String, BTreeMap<Field, String>>,
}

impl Texts {
    pub fn new(original: &str) -> Texts {
        Texts {
            original: original.to_owned(),
            translations: BTreeMap::new(),
        }
    }

    /// Takes `fields` of `from` (an opportunity's template: its summary, and its title when
    /// the opportunity has none of its own) where these texts have no translation of them.
    pub fn inherit(&mut self, from: &Texts, fields: &[Field]) {
        for (lang, theirs) in &from.translations {
            if same_language(lang, &self.original) {
                continue;
            }
            let mine = self.translations.entry(lang.clone()).or_default();
            for field in fields {
                if let Some(text) = theirs.get(field) {
                    mine.entry(*field).or_insert_with(|| text.clone());
                }
            }
        }
        self.translations.retain(|_, fields| !fields.is_empty());
    }

    /// The translated text of `field` in the reader's language, if any.
    fn translated(&self, field: Field, reader: &str) -> Option<(&str, &str)> {
        let exact = self
            .translations
            .iter()
            .find(|(lang, _)| lang.eq_ignore_ascii_case(reader));
        let near = || {
            self.translations
                .iter()
                .find(|(lang, _)| same_language(lang, reader))
        };
        exact
            .or_else(near)
            .and_then(|(lang, fields)| fields.get(&field).map(|t| (lang.as_str(), t.as_str())))
            .filter(|(_, t)| !t.is_empty())
    }

    /// What a reader of `reader` sees for `field` whose original text is `original_text`:
    /// the original when the reader reads its language, else the translation when there is
    /// one, else the original marked as foreign.
    pub fn pick(&self, field: Field, original_text: &str, reader: &str) -> Shown {
        if same_language(&self.original, reader) {
            return Shown {
                text: original_text.to_owned(),
                lang: self.original.clone(),
                foreign: false,
            };
        }
        match self.translated(field, reader) {
            Some((lang, text)) => Shown {
                text: text.to_owned(),
                lang: lang.to_owned(),
                foreign: false,
            },
            None => Shown {
                text: original_text.to_owned(),
                lang: self.original.clone(),
                foreign: true,
            },
        }
    }

    /// A field in every language it has, original first: the wire's `nameMap`,
    /// `summaryMap`, `contentMap`. Empty originals are left out.
    pub fn map(&self, field: Field, original_text: &str) -> BTreeMap<String, String> {
        let mut map = BTreeMap::new();
        for (lang, fields) in &self.translations {
            if let Some(text) = fields.get(&field).filter(|t| !t.is_empty()) {
                map.insert(lang.clone(), text.clone());
            }
        }
        if !original_text.is_empty() {
            map.insert(self.original.clone(), original_text.to_owned());
        }
        map
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    fn spanish_with_english_title() -> Texts {
        let mut texts = Texts::new("es");
        texts.translations.insert(
            "en".into(),
            BTreeMap::from([(Field::Title, "Park cleanup".to_owned())]),
        );
        texts
    }

    #[test]
    fn the_original_language_reads_the_original() {
        let t = spanish_with_english_title();
        let shown = t.pick(Field::Title, "Limpieza del parque", "es-MX");
        assert_eq!(shown.text, "Limpieza del parque");
        assert_eq!(shown.lang, "es");
        assert!(!shown.foreign);
    }

    #[test]
    fn a_translation_is_read_in_its_language() {
        let t = spanish_with_english_title();
        let shown = t.pick(Field::Title, "Limpieza del parque", "en");
        assert_eq!(shown.text, "Park cleanup");
        assert_eq!(shown.lang, "en");
        assert!(!shown.foreign);
    }

    #[test]
    fn without_a_translation_the_original_is_foreign() {
        let t = spanish_with_english_title();
        let content = t.pick(Field::Content, "Traiga guantes", "en");
        assert_eq!(content.text, "Traiga guantes");
        assert!(content.foreign);
        let third = t.pick(Field::Title, "Limpieza del parque", "zh-Hant");
        assert_eq!(third.text, "Limpieza del parque");
        assert_eq!(third.lang, "es");
        assert!(third.foreign);
    }

    #[test]
    fn scripts_are_not_mixed_up() {
        assert!(same_language("zh-Hant", "zh-hant"));
        assert!(!same_language("zh-Hant", "zh-Hans"));
        assert!(same_language("es", "es-MX"));
        assert!(!same_language("en", "es"));
    }

    #[test]
    fn maps_hold_the_original_and_every_translation() {
        let t = spanish_with_english_title();
        let map = t.map(Field::Title, "Limpieza del parque");
        assert_eq!(map.len(), 2);
        assert_eq!(map["es"], "Limpieza del parque");
        assert_eq!(map["en"], "Park cleanup");
        assert_eq!(t.map(Field::Content, "").len(), 0);
    }

    #[test]
    fn translations_are_as_long_as_originals_may_be() {
        let long = "x".repeat(121);
        assert_eq!(
            check_field(SubjectKind::Opportunity, Field::Title, &long),
            Err(DomainError::TooLong("title"))
        );
        assert_eq!(
            check_field(SubjectKind::Proposal, Field::Title, &long).unwrap(),
            long
        );
        for kind in [
            SubjectKind::Template,
            SubjectKind::Opportunity,
            SubjectKind::Offering,
            SubjectKind::Organization,
            SubjectKind::Proposal,
        ] {
            assert_eq!(SubjectKind::parse(kind.as_str()).unwrap(), kind);
            for field in kind.fields() {
                assert_eq!(Field::parse(field.as_str()), Some(*field));
            }
        }
    }
}
