//! Content in several languages on the wire (issue 27): beside `name`, `summary` and
//! `content` (the original), an object carries `nameMap`, `summaryMap` and `contentMap`
//! keyed by language tag — the original's language and every translation's. These are
//! ActivityStreams 2.0 terms, so the context defines nothing new for them.

use super::paragraphs;
use citysync_app::translations::{Field, Texts};
use serde_json::{json, Map, Value};

/// The AS2 term of a field's language map.
fn map_term(field: Field) -> &'static str {
    match field {
        Field::Title => "nameMap",
        Field::Summary => "summaryMap",
        Field::Content => "contentMap",
    }
}

/// How a field is written on the wire: plain text, or HTML paragraphs (`content`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Plain,
    Paragraphs,
}

/// Adds the language maps of `fields` (each with its original text and its wire form) to
/// `object`, and `inLanguage` (the original's language). A field with no text in any
/// language gets no map.
pub fn add(object: &mut Value, texts: &Texts, fields: &[(Field, &str, Form)]) {
    for (field, original, form) in fields {
        let map: Map<String, Value> = texts
            .map(*field, original)
            .into_iter()
            .map(|(lang, text)| {
                let text = match form {
                    Form::Plain => text,
                    Form::Paragraphs => paragraphs(&text),
                };
                (lang, Value::String(text))
            })
            .collect();
        if !map.is_empty() {
            super::set(object, map_term(*field), Value::Object(map));
        }
    }
    if !texts.original.is_empty() {
        super::set(object, "inLanguage", json!(texts.original));
    }
}
