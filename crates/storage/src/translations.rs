//! Content in several languages (issue 27): the language each template, opportunity,
//! offering, organization or proposal was written in (`content_languages`; none stored
//! means the city's default) and the translations of its text fields
//! (`content_translations`, one row per subject, language and field).

use crate::schema::{content_languages, content_translations};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = content_translations)]
pub struct TranslationRow {
    pub subject_kind: String,
    pub subject_id: String,
    pub locale: String,
    pub field: String,
    pub text: String,
    pub translated_by: Option<String>,
    pub translated_at: NaiveDateTime,
}

/// The language a subject was written in, when one is stored.
pub fn original_language(
    conn: &mut DbConnection,
    kind: &str,
    id: &str,
) -> Result<Option<String>, StorageError> {
    Ok(content_languages::table
        .filter(content_languages::subject_kind.eq(kind))
        .filter(content_languages::subject_id.eq(id))
        .select(content_languages::locale)
        .first(conn)
        .optional()?)
}

/// The stored languages of several subjects of one kind: `(id, language)`.
pub fn original_languages(
    conn: &mut DbConnection,
    kind: &str,
    ids: &[String],
) -> Result<Vec<(String, String)>, StorageError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(content_languages::table
        .filter(content_languages::subject_kind.eq(kind))
        .filter(content_languages::subject_id.eq_any(ids))
        .select((content_languages::subject_id, content_languages::locale))
        .load(conn)?)
}

/// Records the language a subject was written in, unless one is recorded already (the
/// original stays the original).
pub fn set_original_language(
    conn: &mut DbConnection,
    kind: &str,
    id: &str,
    locale: &str,
) -> Result<bool, StorageError> {
    let row = (
        content_languages::subject_kind.eq(kind),
        content_languages::subject_id.eq(id),
        content_languages::locale.eq(locale),
    );
    let n = match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(content_languages::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(content_languages::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    Ok(n == 1)
}

/// Every translation of several subjects of one kind.
pub fn translations_of(
    conn: &mut DbConnection,
    kind: &str,
    ids: &[String],
) -> Result<Vec<TranslationRow>, StorageError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(content_translations::table
        .filter(content_translations::subject_kind.eq(kind))
        .filter(content_translations::subject_id.eq_any(ids))
        .order((
            content_translations::subject_id,
            content_translations::locale,
            content_translations::field,
        ))
        .select(TranslationRow::as_select())
        .load(conn)?)
}

/// Replaces one field's translation into one language (inside the caller's transaction).
pub fn put_translation(conn: &mut DbConnection, row: &TranslationRow) -> Result<(), StorageError> {
    remove_translation(
        conn,
        &row.subject_kind,
        &row.subject_id,
        &row.locale,
        &row.field,
    )?;
    diesel::insert_into(content_translations::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// Removes one field's translation into one language; whether there was one.
pub fn remove_translation(
    conn: &mut DbConnection,
    kind: &str,
    id: &str,
    locale: &str,
    field: &str,
) -> Result<bool, StorageError> {
    let n = diesel::delete(
        content_translations::table
            .filter(content_translations::subject_kind.eq(kind))
            .filter(content_translations::subject_id.eq(id))
            .filter(content_translations::locale.eq(locale))
            .filter(content_translations::field.eq(field)),
    )
    .execute(conn)?;
    Ok(n > 0)
}
