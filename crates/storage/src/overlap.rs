//! What overlap detection compares a draft against: every active template of an approved
//! organization, with the organization's handle and name. (Published opportunities come
//! from the catalog query.)

use crate::catalog::{TemplateRow, TemplateVersionRow};
use crate::schema::{organizations, template_versions, templates};
use crate::{DbConnection, StorageError};
use diesel::prelude::*;

/// An active template, its current version, and its organization's handle and name.
pub type TemplateLine = (TemplateRow, TemplateVersionRow, String, String);

/// Active templates of approved organizations, at most `limit`, by id (a stable order so
/// the comparison, and so the result, is the same every time).
pub fn active_templates(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<TemplateLine>, StorageError> {
    Ok(templates::table
        .inner_join(
            template_versions::table.on(template_versions::template_id
                .eq(templates::id)
                .and(template_versions::version.eq(templates::version))),
        )
        .inner_join(organizations::table.on(organizations::id.eq(templates::organization_id)))
        .filter(templates::state.eq("active"))
        .filter(organizations::state.eq("approved"))
        .order(templates::id.asc())
        .limit(limit)
        .select((
            TemplateRow::as_select(),
            TemplateVersionRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .load(conn)?)
}

/// Who contributed to each of these opportunities' templates: distinct (template id,
/// contributor id) pairs of the verified contributions to `opportunity_ids`.
pub fn contributors_by_template(
    conn: &mut DbConnection,
    opportunity_ids: &[String],
) -> Result<Vec<(String, String)>, StorageError> {
    use crate::schema::contributions;
    let mut pairs = Vec::new();
    // In chunks, so no query carries more parameters than SQLite allows.
    for chunk in opportunity_ids.chunks(500) {
        pairs.extend(
            contributions::table
                .filter(contributions::opportunity_id.eq_any(chunk))
                .select((contributions::template_id, contributions::contributor_id))
                .distinct()
                .load::<(String, String)>(conn)?,
        );
    }
    pairs.sort();
    pairs.dedup();
    Ok(pairs)
}
