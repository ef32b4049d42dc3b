//! The city's shared standards (taxonomy with the administrator's extensions), issuers'
//! task templates with their versions, opportunities, and the public catalog.

use crate::federation::publications::{self, Kind, Verb};
use crate::notifications::{self, Notice, NoticeKind};
use crate::organizations::{self, Organization};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::{
    ClaimEvent, ClaimProgress, ClaimState, OpportunityEvent, OpportunityState, TemplateEvent,
    TemplateState,
};
use citysync_domain::organization::Capability;
use citysync_domain::task::{TemplateSpec, VerificationMethod};
use citysync_domain::taxonomy::{Category, Taxonomy};
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use citysync_domain::{text, DomainError};
use citysync_i18n::{I18n, Locale};
use citysync_storage::catalog::{
    self as store, CatalogFilter, OpportunityRow, TaxonomyExtensionRow, TemplateRow,
    TemplateVersionRow,
};
use citysync_storage::{claims as claim_store, DbConnection};
use serde::Serialize;
use std::sync::Arc;

mod corrections;
mod opportunities;
mod partners;
mod reference;
mod series;

pub use corrections::{
    cancel_opportunity, cancel_preview, edit_opportunity, editable_opportunity, CancelPreview,
};
pub(crate) use opportunities::load_opportunity;
pub use opportunities::{
    catalog, catalog_after, change_opportunity, create_opportunity, opportunities_of, opportunity,
    CatalogCursor, CatalogPage, CatalogQuery, Opportunity, OpportunityInput, CATALOG_PAGE_SIZE,
};
pub use partners::{
    answer_partner, co_issuers, invite_partner, partner_invitations, partners_page, Partner,
    PartnerAnswer, PartnerInput, PartnerInvitation, PartnersPage,
};
pub(crate) use partners::{require_answered, require_verifier};
pub use reference::ReferenceCache;
pub use series::{
    create_series, occurrence_days, publish_series, series_dates, Repeat, SeriesDate, SERIES_MAX,
};

/// The shipped taxonomy plus the categories and units this city's administrators added,
/// with the added ones' names in each language.
#[derive(Debug, Clone)]
pub struct CityTaxonomy {
    pub taxonomy: Taxonomy,
    extensions: Vec<TaxonomyExtensionRow>,
}

impl CityTaxonomy {
    fn build(extensions: Vec<TaxonomyExtensionRow>) -> Result<CityTaxonomy, AppError> {
        let mut taxonomy = Taxonomy::shipped()?;
        for ext in &extensions {
            match taxonomy
                .categories
                .iter_mut()
                .find(|c| c.id == ext.category)
            {
                Some(c) if !c.units.contains(&ext.unit) => c.units.push(ext.unit.clone()),
                Some(_) => {}
                None => taxonomy.categories.push(Category {
                    id: ext.category.clone(),
                    units: vec![ext.unit.clone()],
                }),
            }
        }
        Ok(CityTaxonomy {
            taxonomy,
            extensions,
        })
    }

    /// A category's name in `locale`: the shipped Fluent name, else the administrator's.
    pub fn category_name(&self, i18n: &I18n, locale: Locale, id: &str) -> String {
        let msg = format!("category-{}", id.replace('_', "-"));
        if i18n.has_message(locale, &msg) {
            return i18n.message(locale, &msg, &[]);
        }
        self.extensions
            .iter()
            .find(|e| e.category == id)
            .map(|e| pick(locale, &e.category_name_en, &e.category_name_es))
            .unwrap_or_else(|| id.to_owned())
    }

    pub fn unit_name(&self, i18n: &I18n, locale: Locale, id: &str) -> String {
        let msg = format!("unit-{}", id.replace('_', "-"));
        if i18n.has_message(locale, &msg) {
            return i18n.message(locale, &msg, &[]);
        }
        self.extensions
            .iter()
            .find(|e| e.unit == id)
            .map(|e| pick(locale, &e.unit_name_en, &e.unit_name_es))
            .unwrap_or_else(|| id.to_owned())
    }
}

fn pick(locale: Locale, en: &str, es: &str) -> String {
    // The taxonomy's own names are kept in English and Spanish; other languages read English.
    if locale.language() == "es" {
        es.to_owned()
    } else {
        en.to_owned()
    }
}

/// The city's taxonomy (kept in this process until a change, `catalog::reference`).
pub async fn taxonomy(ctx: &Ctx) -> Result<Arc<CityTaxonomy>, AppError> {
    let cache = ctx.reference_cache.clone();
    ctx.run(move |conn| cache.current(conn).map(|r| r.taxonomy.clone()))
        .await
}

pub(crate) fn taxonomy_in(conn: &mut DbConnection) -> Result<CityTaxonomy, AppError> {
    CityTaxonomy::build(store::taxonomy_extensions(conn)?)
}

/// An administrator adds an outcome unit to a category (a new category if the id is new),
/// named in both languages.
#[allow(clippy::too_many_arguments)]
pub async fn extend_taxonomy(
    ctx: &Ctx,
    admin: &User,
    category: &str,
    unit: &str,
    category_name_en: &str,
    category_name_es: &str,
    unit_name_en: &str,
    unit_name_es: &str,
) -> Result<(), AppError> {
    admin.require_admin()?;
    let id = |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        if (2..=40).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            Ok(s)
        } else {
            Err(DomainError::TaxonomyInvalid(s))
        }
    };
    let row = TaxonomyExtensionRow {
        category: id(category)?,
        unit: id(unit)?,
        category_name_en: text::required("category_name_en", category_name_en, 80)?,
        category_name_es: text::required("category_name_es", category_name_es, 80)?,
        unit_name_en: text::required("unit_name_en", unit_name_en, 80)?,
        unit_name_es: text::required("unit_name_es", unit_name_es, 80)?,
        created_by: admin.id.to_string(),
        created_at: ctx.now(),
    };
    ctx.db
        .write(move |conn| {
            if taxonomy_in(conn)?
                .taxonomy
                .measures(&row.category, &row.unit)
            {
                return Err(AppError::CategoryTaken);
            }
            store::add_taxonomy_extension(conn, &row)?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &row.created_by,
                    crate::privileged_log::PrivilegedAction::TaxonomyChanged,
                    crate::privileged_log::Subject::Category,
                    &row.category,
                    row.created_at,
                )
                .detail(serde_json::json!({ "category": row.category, "unit": row.unit })),
            )?;
            Ok(())
        })
        .await
}

/// A template at one of its versions.
#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub id: String,
    pub organization_id: String,
    pub state: TemplateState,
    /// The version shown (`current_version` unless an older one was asked for).
    pub version: i32,
    pub current_version: i32,
    pub spec: TemplateSpec,
    pub updated_at: NaiveDateTime,
}

pub(crate) fn spec_of(row: &TemplateVersionRow) -> Result<TemplateSpec, AppError> {
    let corrupt = |what: &str| {
        AppError::Storage(citysync_storage::StorageError::Corrupt(format!(
            "template {} v{}: {what}",
            row.template_id, row.version
        )))
    };
    Ok(TemplateSpec {
        title: row.title.clone(),
        summary: row.summary.clone(),
        instructions: row.instructions.clone(),
        category: row.category.clone(),
        outcome_unit: row.outcome_unit.clone(),
        expected_outcome: row.expected_outcome,
        verification_method: VerificationMethod::parse(&row.verification_method)?,
        proof_kinds: citysync_domain::task::parse_proof_kinds(
            row.proof_kinds.split(',').filter(|k| !k.is_empty()),
        )?,
        reward_city: row.reward_city,
        reward_vote: row.reward_vote,
        estimated_minutes: row.estimated_minutes,
        accessibility_notes: row.accessibility_notes.clone(),
        extra_fields: serde_json::from_str(&row.extra_fields)
            .map_err(|_| corrupt("extra fields"))?,
    })
}

fn version_row(
    template_id: &str,
    version: i32,
    spec: &TemplateSpec,
    by: &str,
    at: NaiveDateTime,
) -> Result<TemplateVersionRow, AppError> {
    Ok(TemplateVersionRow {
        template_id: template_id.to_owned(),
        version,
        title: spec.title.clone(),
        summary: spec.summary.clone(),
        instructions: spec.instructions.clone(),
        category: spec.category.clone(),
        outcome_unit: spec.outcome_unit.clone(),
        expected_outcome: spec.expected_outcome,
        verification_method: spec.verification_method.as_str().to_owned(),
        proof_kinds: spec
            .proof_kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(","),
        reward_city: spec.reward_city,
        reward_vote: spec.reward_vote,
        estimated_minutes: spec.estimated_minutes,
        accessibility_notes: spec.accessibility_notes.clone(),
        extra_fields: serde_json::to_string(&spec.extra_fields).map_err(AppError::internal)?,
        created_by: by.to_owned(),
        created_at: at,
    })
}

fn template_of(row: TemplateRow, version: &TemplateVersionRow) -> Result<Template, AppError> {
    Ok(Template {
        state: row.state,
        version: version.version,
        current_version: row.version,
        spec: spec_of(version)?,
        id: row.id,
        organization_id: row.organization_id,
        updated_at: row.updated_at,
    })
}

/// Refuses unless the organization may publish (approved, an issuer) and `user` may edit
/// its catalog.
fn require_editor(
    conn: &mut DbConnection,
    org: &Organization,
    user: &User,
) -> Result<(), AppError> {
    organizations::require(conn, &org.id, user, Capability::EditCatalog)?;
    if !org.is_approved() {
        return Err(AppError::OrganizationNotApproved);
    }
    if !org.is_issuer {
        return Err(AppError::NotAnIssuer);
    }
    Ok(())
}

/// An editor writes a new template; it starts as a draft.
pub async fn create_template(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    spec: TemplateSpec,
) -> Result<Template, AppError> {
    create(ctx, user, handle, spec, None).await
}

/// An editor adopts another city's template: a draft copy that records where it came from.
pub async fn create_adapted_template(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    spec: TemplateSpec,
    adapted_from: &str,
) -> Result<Template, AppError> {
    create(ctx, user, handle, spec, Some(adapted_from.to_owned())).await
}

/// An issuer adopts another organization's active template of this city instead of
/// writing a duplicate: a draft copy in `handle`, adapted from it (its public URL), which
/// the issuer may edit before activating.
pub async fn adopt_local_template(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    template_id: &str,
) -> Result<Template, AppError> {
    let page = template_page(ctx, template_id, None, Some(user)).await?;
    if page.template.state != TemplateState::Active {
        return Err(AppError::TemplateNotActive);
    }
    let origin = ctx
        .settings
        .url(&format!("/templates/{}", page.template.id));
    create(ctx, user, handle, page.template.spec, Some(origin)).await
}

async fn create(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    spec: TemplateSpec,
    adapted_from: Option<String>,
) -> Result<Template, AppError> {
    let handle = handle.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = organizations::load(conn, &handle)?;
            require_editor(conn, &org, &user)?;
            insert_draft(
                conn,
                &org,
                &user.id.to_string(),
                spec,
                adapted_from.as_deref(),
                now,
            )
        })
        .await
}

/// Writes a new draft template of `org` (the caller checked who may).
pub(crate) fn insert_draft(
    conn: &mut DbConnection,
    org: &Organization,
    by: &str,
    spec: TemplateSpec,
    adapted_from: Option<&str>,
    now: NaiveDateTime,
) -> Result<Template, AppError> {
    let spec = spec.check(&taxonomy_in(conn)?.taxonomy)?;
    let row = TemplateRow {
        id: secrets::new_id(),
        organization_id: org.id.clone(),
        state: TemplateState::Draft,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let version = version_row(&row.id, 1, &spec, by, now)?;
    store::insert_template(conn, &row, &version)?;
    if let Some(origin) = adapted_from {
        store::set_adapted_from(conn, &row.id, origin)?;
    }
    trail::record(
        conn,
        Subject::Template,
        &row.id,
        "created",
        Some(by),
        adapted_from
            .map_or("v1".to_owned(), |o| format!("v1, adapted from {o}"))
            .as_str(),
        now,
    )?;
    template_of(row, &version)
}

/// A passed `adopt_model` decision installs a model's templates as drafts of `org`, each
/// with `adaptedFrom`; a template this city's taxonomy cannot take is left out. Returns how
/// many were installed.
pub(crate) fn insert_adapted_drafts(
    conn: &mut DbConnection,
    org: &Organization,
    by: &str,
    templates: &[(url::Url, TemplateSpec)],
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut installed = 0;
    for (origin, spec) in templates {
        match insert_draft(conn, org, by, spec.clone(), Some(origin.as_str()), now) {
            Ok(_) => installed += 1,
            Err(AppError::Storage(e)) => return Err(AppError::Storage(e)),
            Err(e) => tracing::info!(%origin, error = %e, "a model template was left out"),
        }
    }
    Ok(installed)
}

/// Where a template was copied from, if it is an adoption.
pub async fn adapted_from(ctx: &Ctx, template_id: &str) -> Result<Option<String>, AppError> {
    let id = template_id.to_owned();
    ctx.run(move |conn| Ok(store::adapted_from(conn, &id)?))
        .await
}

/// Edits a template: a draft changes in place; an active one gets a new version (claims
/// already made keep the version they were made on); a retired one cannot change.
pub async fn edit_template(
    ctx: &Ctx,
    user: &User,
    template_id: &str,
    spec: TemplateSpec,
) -> Result<Template, AppError> {
    let id = template_id.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = store::template(conn, &id)?.ok_or(AppError::NotFound)?;
            let org = organizations::load_by_id(conn, &row.organization_id)?;
            require_editor(conn, &org, &user)?;
            let spec = spec.check(&taxonomy_in(conn)?.taxonomy)?;
            let by = user.id.to_string();
            let state = row.state;
            let version = match state {
                TemplateState::Draft => {
                    let v = version_row(&id, row.version, &spec, &by, now)?;
                    store::overwrite_version(conn, &v)?;
                    v
                }
                TemplateState::Active => {
                    let v = version_row(&id, row.version + 1, &spec, &by, now)?;
                    store::add_version(conn, &v, now)?;
                    publications::publish(conn, Kind::Template, &id, Verb::Update, now)?;
                    v
                }
                TemplateState::Retired => {
                    return Err(DomainError::TransitionRefused {
                        from: "retired",
                        event: "edit",
                    }
                    .into())
                }
            };
            trail::record(
                conn,
                Subject::Template,
                &id,
                "edited",
                Some(&by),
                &format!("v{}", version.version),
                now,
            )?;
            let row = store::template(conn, &id)?.ok_or(AppError::NotFound)?;
            template_of(row, &version)
        })
        .await
}

/// Activates (draft → active) or retires a template.
pub async fn change_template(
    ctx: &Ctx,
    user: &User,
    template_id: &str,
    event: TemplateEvent,
) -> Result<(), AppError> {
    let id = template_id.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = store::template(conn, &id)?.ok_or(AppError::NotFound)?;
            let org = organizations::load_by_id(conn, &row.organization_id)?;
            require_editor(conn, &org, &user)?;
            let from = row.state;
            let to = from.transition(event)?;
            if !store::set_template_state(conn, &id, from, to, now)? {
                return Err(AppError::Conflict);
            }
            // Retiring withdraws the template from the network (a `Delete` with a tombstone);
            // it stays on this city's pages, marked retired.
            let verb = match to {
                TemplateState::Active => Verb::Create,
                _ => Verb::Delete,
            };
            publications::publish(conn, Kind::Template, &id, verb, now)?;
            trail::record(
                conn,
                Subject::Template,
                &id,
                to.as_str(),
                Some(&user.id.to_string()),
                "",
                now,
            )
        })
        .await
}

/// A template page: the template at a version, its organization, its version list and trail.
#[derive(Debug, Clone, Serialize)]
pub struct TemplatePage {
    pub template: Template,
    pub organization: Organization,
    pub versions: Vec<(i32, NaiveDateTime)>,
    pub can_edit: bool,
    pub trail: Vec<trail::TrailEntry>,
}

/// Drafts are visible to the organization's members only; active and retired templates are public.
pub async fn template_page(
    ctx: &Ctx,
    template_id: &str,
    version: Option<i32>,
    viewer: Option<&User>,
) -> Result<TemplatePage, AppError> {
    let id = template_id.to_owned();
    let viewer = viewer.cloned();
    ctx.run(move |conn| {
        let row = store::template(conn, &id)?.ok_or(AppError::NotFound)?;
        let org = organizations::load_by_id(conn, &row.organization_id)?;
        let can_edit = match &viewer {
            Some(v) => organizations::require(conn, &org.id, v, Capability::EditCatalog).is_ok(),
            None => false,
        };
        let is_member = match &viewer {
            Some(v) => {
                organizations::role_of(conn, &org.id, &v.id.to_string())?.is_some() || v.is_admin
            }
            None => false,
        };
        if (row.state == TemplateState::Draft || !org.is_approved()) && !is_member {
            return Err(AppError::NotFound);
        }
        let history = store::template_history(conn, &id)?;
        let shown = history
            .iter()
            .find(|v| v.version == version.unwrap_or(row.version))
            .ok_or(AppError::NotFound)?
            .clone();
        let versions = history.iter().map(|v| (v.version, v.created_at)).collect();
        Ok(TemplatePage {
            template: template_of(row, &shown)?,
            organization: org,
            versions,
            can_edit,
            trail: trail::of(conn, Subject::Template, &id)?,
        })
    })
    .await
}

/// An organization's templates: active ones for everyone, all of them for its editors.
pub async fn templates_of(
    ctx: &Ctx,
    org: &Organization,
    include_unpublished: bool,
) -> Result<Vec<Template>, AppError> {
    let org_id = org.id.clone();
    let states: &[TemplateState] = if include_unpublished {
        TemplateState::ALL
    } else {
        &[TemplateState::Active]
    };
    let rows = ctx
        .run(move |conn| Ok(store::templates_of(conn, &org_id, states)?))
        .await?;
    rows.into_iter().map(|(t, v)| template_of(t, &v)).collect()
}
