//! The city's shared standards (taxonomy with the administrator's extensions), issuers'
//! task templates with their versions, opportunities, and the public catalog.

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
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
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
    match locale {
        Locale::Es => es.to_owned(),
        _ => en.to_owned(),
    }
}

pub async fn taxonomy(ctx: &Ctx) -> Result<CityTaxonomy, AppError> {
    let ext = ctx.db.run(store::taxonomy_extensions).await?;
    CityTaxonomy::build(ext)
}

fn taxonomy_in(conn: &mut DbConnection) -> Result<CityTaxonomy, AppError> {
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
        extra_fields: serde_json::to_string(&spec.extra_fields)
            .map_err(|e| AppError::Internal(e.to_string()))?,
        created_by: by.to_owned(),
        created_at: at,
    })
}

fn template_of(row: TemplateRow, version: &TemplateVersionRow) -> Result<Template, AppError> {
    Ok(Template {
        state: TemplateState::parse(&row.state)?,
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
    let handle = handle.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = organizations::load(conn, &handle)?;
            require_editor(conn, &org, &user)?;
            let spec = spec.check(&taxonomy_in(conn)?.taxonomy)?;
            let by = user.id.to_string();
            let row = TemplateRow {
                id: secrets::new_id(),
                organization_id: org.id.clone(),
                state: TemplateState::Draft.as_str().to_owned(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            let version = version_row(&row.id, 1, &spec, &by, now)?;
            store::insert_template(conn, &row, &version)?;
            trail::record(
                conn,
                Subject::Template,
                &row.id,
                "created",
                Some(&by),
                "v1",
                now,
            )?;
            template_of(row, &version)
        })
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
            let state = TemplateState::parse(&row.state)?;
            let version = match state {
                TemplateState::Draft => {
                    let v = version_row(&id, row.version, &spec, &by, now)?;
                    store::overwrite_version(conn, &v)?;
                    v
                }
                TemplateState::Active => {
                    let v = version_row(&id, row.version + 1, &spec, &by, now)?;
                    store::add_version(conn, &v, now)?;
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
            let from = TemplateState::parse(&row.state)?;
            let to = from.transition(event)?;
            if !store::set_template_state(conn, &id, from.as_str(), to.as_str(), now)? {
                return Err(AppError::Conflict);
            }
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
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let row = store::template(conn, &id)?.ok_or(AppError::NotFound)?;
                let org = organizations::load_by_id(conn, &row.organization_id)?;
                let can_edit = match &viewer {
                    Some(v) => {
                        organizations::require(conn, &org.id, v, Capability::EditCatalog).is_ok()
                    }
                    None => false,
                };
                let is_member = match &viewer {
                    Some(v) => {
                        organizations::role_of(conn, &org.id, &v.id.to_string())?.is_some()
                            || v.is_admin
                    }
                    None => false,
                };
                if (row.state == "draft" || !org.is_approved()) && !is_member {
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
            })())
        })
        .await?
}

/// An organization's templates: active ones for everyone, all of them for its editors.
pub async fn templates_of(
    ctx: &Ctx,
    org: &Organization,
    include_unpublished: bool,
) -> Result<Vec<Template>, AppError> {
    let org_id = org.id.clone();
    let states: Vec<&str> = if include_unpublished {
        vec!["draft", "active", "retired"]
    } else {
        vec!["active"]
    };
    let rows = ctx
        .db
        .run(move |conn| store::templates_of(conn, &org_id, &states))
        .await?;
    rows.into_iter().map(|(t, v)| template_of(t, &v)).collect()
}

/// An opportunity with what people need to know about it.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    pub id: String,
    pub organization_id: String,
    pub organization_handle: String,
    pub organization_name: String,
    pub template_id: String,
    /// The title override, else the template's title.
    pub title: String,
    pub summary: String,
    pub category: String,
    pub outcome_unit: String,
    pub expected_outcome: f64,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verification_method: VerificationMethod,
    pub place: String,
    pub point: Option<GeoPoint>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub claim_deadline: NaiveDateTime,
    pub capacity: i32,
    pub active_claims: i64,
    pub remaining: i64,
    pub onsite_instructions: String,
    pub state: OpportunityState,
    pub has_title_override: bool,
}

impl Opportunity {
    fn from_line(
        row: OpportunityRow,
        version: &TemplateVersionRow,
        handle: String,
        org_name: String,
        active_claims: i64,
    ) -> Result<Opportunity, AppError> {
        let point = match (row.latitude, row.longitude) {
            (Some(la), Some(lo)) => Some(GeoPoint::new(la, lo)?),
            _ => None,
        };
        Ok(Opportunity {
            state: OpportunityState::parse(&row.state)?,
            title: row
                .title_override
                .clone()
                .unwrap_or_else(|| version.title.clone()),
            has_title_override: row.title_override.is_some(),
            summary: version.summary.clone(),
            category: version.category.clone(),
            outcome_unit: version.outcome_unit.clone(),
            expected_outcome: version.expected_outcome,
            reward_city: version.reward_city,
            reward_vote: version.reward_vote,
            verification_method: VerificationMethod::parse(&version.verification_method)?,
            remaining: (i64::from(row.capacity) - active_claims).max(0),
            active_claims,
            capacity: row.capacity,
            point,
            id: row.id,
            organization_id: row.organization_id,
            organization_handle: handle,
            organization_name: org_name,
            template_id: row.template_id,
            place: row.place,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            claim_deadline: row.claim_deadline,
            onsite_instructions: row.onsite_instructions,
        })
    }

    pub fn is_full(&self) -> bool {
        self.remaining == 0
    }

    /// Whether a resident could claim it now (capacity aside).
    pub fn open_for_claims(&self, now: NaiveDateTime) -> bool {
        self.state.accepts_claims() && now <= self.claim_deadline && now < self.ends_at
    }
}

pub(crate) fn load_opportunity(conn: &mut DbConnection, id: &str) -> Result<Opportunity, AppError> {
    let (row, version, handle, name) = store::catalog_line(conn, id)?.ok_or(AppError::NotFound)?;
    let active = store::active_claim_count(conn, id)?;
    Opportunity::from_line(row, &version, handle, name, active)
}

/// What an editor types for an opportunity.
#[derive(Debug, Clone)]
pub struct OpportunityInput {
    pub template_id: String,
    pub spec: OpportunitySpec,
}

/// An editor issues an opportunity from an active template; it starts as a draft.
pub async fn create_opportunity(
    ctx: &Ctx,
    user: &User,
    input: OpportunityInput,
) -> Result<Opportunity, AppError> {
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let spec = input.spec.check()?;
            let template = store::template(conn, &input.template_id)?.ok_or(AppError::NotFound)?;
            let org = organizations::load_by_id(conn, &template.organization_id)?;
            require_editor(conn, &org, &user)?;
            if template.state != TemplateState::Active.as_str() {
                return Err(AppError::TemplateNotActive);
            }
            let by = user.id.to_string();
            let row = OpportunityRow {
                id: secrets::new_id(),
                organization_id: org.id.clone(),
                template_id: template.id.clone(),
                title_override: spec.title_override.clone(),
                place: spec.place.clone(),
                latitude: spec.point.map(|p| p.latitude),
                longitude: spec.point.map(|p| p.longitude),
                starts_at: spec.starts_at,
                ends_at: spec.ends_at,
                claim_deadline: spec.claim_deadline,
                capacity: spec.capacity,
                onsite_instructions: spec.onsite_instructions.clone(),
                state: OpportunityState::Draft.as_str().to_owned(),
                created_by: by.clone(),
                created_at: now,
                updated_at: now,
            };
            store::insert_opportunity(conn, &row)?;
            trail::record(
                conn,
                Subject::Opportunity,
                &row.id,
                "created",
                Some(&by),
                "",
                now,
            )?;
            load_opportunity(conn, &row.id)
        })
        .await
}

/// Publishes, closes or cancels an opportunity. Cancelling ends the claims not yet
/// submitted and notifies every claimant.
pub async fn change_opportunity(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    event: OpportunityEvent,
) -> Result<Opportunity, AppError> {
    let id = opportunity_id.to_owned();
    let user = user.clone();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let opp = load_opportunity(conn, &id)?;
            let org = organizations::load_by_id(conn, &opp.organization_id)?;
            require_editor(conn, &org, &user)?;
            let to = opp.state.transition(event)?;
            if !store::set_opportunity_state(conn, &id, opp.state.as_str(), to.as_str(), now)? {
                return Err(AppError::Conflict);
            }
            let by = user.id.to_string();
            trail::record(
                conn,
                Subject::Opportunity,
                &id,
                to.as_str(),
                Some(&by),
                "",
                now,
            )?;
            if to == OpportunityState::Cancelled {
                for (claim, _) in claim_store::claims_on(conn, &id)? {
                    let progress = ClaimProgress {
                        state: ClaimState::parse(&claim.state)?,
                        submissions: u8::try_from(claim.submissions).unwrap_or(u8::MAX),
                    };
                    if let Ok(next) = progress.transition(ClaimEvent::Withdraw) {
                        if claim_store::transition_claim(
                            conn,
                            &claim.id,
                            (progress.state.as_str(), claim.submissions),
                            (next.state.as_str(), i32::from(next.submissions)),
                            now,
                        )? {
                            trail::record(
                                conn,
                                Subject::Claim,
                                &claim.id,
                                "withdrawn",
                                None,
                                "opportunity cancelled",
                                now,
                            )?;
                        }
                    }
                    notifications::notify(
                        conn,
                        &ctx2,
                        &claim.claimant_id,
                        Notice {
                            kind: NoticeKind::OpportunityCancelled,
                            subject_id: &id,
                            about: &opp.title,
                            link: format!("/opportunities/{id}"),
                            feedback: None,
                        },
                        now,
                    )?;
                }
            }
            load_opportunity(conn, &id)
        })
        .await
}

/// An opportunity page's data; drafts only for the organization's members.
pub async fn opportunity(
    ctx: &Ctx,
    id: &str,
    viewer: Option<&User>,
) -> Result<Opportunity, AppError> {
    let id = id.to_owned();
    let viewer = viewer.cloned();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let opp = load_opportunity(conn, &id)?;
                if opp.state == OpportunityState::Draft {
                    let member = match &viewer {
                        Some(v) => {
                            v.is_admin
                                || organizations::role_of(
                                    conn,
                                    &opp.organization_id,
                                    &v.id.to_string(),
                                )?
                                .is_some()
                        }
                        None => false,
                    };
                    if !member {
                        return Err(AppError::NotFound);
                    }
                }
                Ok(opp)
            })())
        })
        .await?
}

/// The catalog's filters as people choose them.
#[derive(Debug, Clone, Default)]
pub struct CatalogQuery {
    pub category: Option<String>,
    pub organization: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    pub text: Option<String>,
    pub open_slots_only: bool,
    /// 1-based.
    pub page: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogPage {
    pub items: Vec<Opportunity>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

pub const CATALOG_PAGE_SIZE: i64 = 20;

/// Published opportunities that have not ended, soonest first. With an organization
/// filter, its closed ones are shown too (its page lists its history).
pub async fn catalog(ctx: &Ctx, query: CatalogQuery) -> Result<CatalogPage, AppError> {
    let now = ctx.now();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let organization_id = match &query.organization {
                    Some(handle) => Some(organizations::load(conn, handle)?.id),
                    None => None,
                };
                let filter = CatalogFilter {
                    category: query.category.clone().filter(|c| !c.is_empty()),
                    organization_id,
                    from: query.from,
                    until: query.until,
                    text: query
                        .text
                        .clone()
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty()),
                    open_slots_only: query.open_slots_only,
                    not_ended_by: Some(now),
                    states: vec![OpportunityState::Published.as_str().to_owned()],
                };
                let total = store::catalog_count(conn, &filter)?;
                let pages = ((total + CATALOG_PAGE_SIZE - 1) / CATALOG_PAGE_SIZE).max(1);
                let page = query.page.clamp(1, pages);
                let lines = store::catalog_page(
                    conn,
                    &filter,
                    CATALOG_PAGE_SIZE,
                    (page - 1) * CATALOG_PAGE_SIZE,
                )?;
                let ids: Vec<String> = lines.iter().map(|l| l.0.id.clone()).collect();
                let counts = store::active_claim_counts(conn, &ids)?;
                let items = lines
                    .into_iter()
                    .map(|(row, version, handle, name)| {
                        let active = counts
                            .iter()
                            .find(|(id, _)| *id == row.id)
                            .map(|(_, n)| *n)
                            .unwrap_or(0);
                        Opportunity::from_line(row, &version, handle, name, active)
                    })
                    .collect::<Result<Vec<_>, AppError>>()?;
                Ok(CatalogPage {
                    items,
                    total,
                    page,
                    pages,
                })
            })())
        })
        .await?
}

/// An organization's opportunities for its console: every state, newest first.
pub async fn opportunities_of(
    ctx: &Ctx,
    org: &Organization,
    include_unpublished: bool,
) -> Result<Vec<Opportunity>, AppError> {
    let org_id = org.id.clone();
    ctx.db
        .run(move |conn| {
            Ok((|| {
                let states = if include_unpublished {
                    vec!["draft", "published", "closed", "cancelled"]
                } else {
                    vec!["published", "closed"]
                };
                let filter = CatalogFilter {
                    organization_id: Some(org_id.clone()),
                    states: states.into_iter().map(str::to_owned).collect(),
                    ..CatalogFilter::default()
                };
                let lines = store::catalog_page(conn, &filter, 200, 0)?;
                let ids: Vec<String> = lines.iter().map(|l| l.0.id.clone()).collect();
                let counts = store::active_claim_counts(conn, &ids)?;
                lines
                    .into_iter()
                    .map(|(row, version, handle, name)| {
                        let active = counts
                            .iter()
                            .find(|(id, _)| *id == row.id)
                            .map(|(_, n)| *n)
                            .unwrap_or(0);
                        Opportunity::from_line(row, &version, handle, name, active)
                    })
                    .collect::<Result<Vec<_>, AppError>>()
            })())
        })
        .await?
}

/// Whether a template requires a proof kind (for forms).
pub fn requires(spec: &TemplateSpec, kind: &str) -> bool {
    ProofKind::parse(kind)
        .map(|k| spec.requires(k))
        .unwrap_or(false)
}
