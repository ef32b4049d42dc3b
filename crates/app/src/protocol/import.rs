//! Importing another city's protocol: a plan of exactly what would change here, part by
//! part, and its application in one transaction.
//!
//! - **taxonomy**: categories and units this city lacks become its own extensions, named as
//!   the document names them;
//! - **templates**: each template this city does not run yet becomes an active template of
//!   the organization the administrator chooses, with `adaptedFrom` = its id on the
//!   exporting city (no organization, no templates);
//! - **parameters**: each city parameter whose value differs is set, recorded in the
//!   parameter history as set by the administrator, with the import in its trail; issuer
//!   budgets are not portable, and values only the configuration file sets are shown,
//!   never applied;
//! - **governance**: when the rules differ from those of the cycle created last (or the
//!   defaults), a decision cycle with the document's rules and phase lengths is opened,
//!   upcoming, its proposals starting at the next whole hour.

use super::export::{approved_issuers, configuration, current_governance};
use crate::catalog;
use crate::federation::publications::{self, Kind, Verb};
use crate::governance::parameters::{self, InForce};
use crate::organizations::{self, Organization};
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use citysync_domain::governance::{Parameter, Phase, Schedule};
use citysync_domain::lifecycle::TemplateState;
use citysync_domain::protocol::{GovernanceModel, Names, ProtocolDocument};
use citysync_domain::task::TemplateSpec;
use citysync_domain::taxonomy::{Category, Taxonomy};
use citysync_domain::DomainError;
use citysync_i18n::{ArgValue, Locale};
use citysync_storage::catalog::{self as store, TaxonomyExtensionRow};
use citysync_storage::governance::{self as gov_store, CycleRow, ParameterRow};
use citysync_storage::{instance, DbConnection};
use serde::Serialize;
use std::collections::BTreeMap;

/// The trail action on a parameter a protocol import set.
pub(super) const IMPORTED: &str = "imported";

/// A part of the document an administrator can choose to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Taxonomy,
    Templates,
    Parameters,
    Governance,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Taxonomy,
        Part::Templates,
        Part::Parameters,
        Part::Governance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Taxonomy => "taxonomy",
            Part::Templates => "templates",
            Part::Parameters => "parameters",
            Part::Governance => "governance",
        }
    }

    pub fn parse(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
}

/// Which parts to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Parts {
    pub taxonomy: bool,
    pub templates: bool,
    pub parameters: bool,
    pub governance: bool,
}

impl Parts {
    pub fn all() -> Parts {
        Parts {
            taxonomy: true,
            templates: true,
            parameters: true,
            governance: true,
        }
    }

    pub fn has(self, part: Part) -> bool {
        match part {
            Part::Taxonomy => self.taxonomy,
            Part::Templates => self.templates,
            Part::Parameters => self.parameters,
            Part::Governance => self.governance,
        }
    }

    pub fn with(mut self, part: Part) -> Parts {
        match part {
            Part::Taxonomy => self.taxonomy = true,
            Part::Templates => self.templates = true,
            Part::Parameters => self.parameters = true,
            Part::Governance => self.governance = true,
        }
        self
    }

    /// Reads part names (`taxonomy`, `templates`, …); the first unknown name is the error.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Parts, String> {
        let mut parts = Parts::default();
        for name in names.into_iter().filter(|n| !n.trim().is_empty()) {
            parts = parts.with(Part::parse(name).ok_or_else(|| name.trim().to_owned())?);
        }
        Ok(parts)
    }
}

/// What the administrator chose: the parts, and the organization (by handle) that receives
/// the templates.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub parts: Parts,
    pub organization: Option<String>,
}

/// The city that wrote the document.
#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    pub name: String,
    pub url: String,
    pub exported_at: DateTime<Utc>,
    pub version: u64,
    pub software: String,
    pub public_key_hex: String,
    /// Where the origin publishes its key, to compare with `public_key_hex` by hand.
    pub key_published_at: String,
}

/// Why something is left out: a Fluent message id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Reason {
    fn of(e: &AppError) -> Reason {
        Reason {
            code: e.code(),
            args: e.message_args(),
        }
    }

    /// The reason in `locale`.
    pub fn message(&self, i18n: &citysync_i18n::I18n, locale: Locale) -> String {
        let args: Vec<(&str, ArgValue)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, ArgValue::from(v.as_str())))
            .collect();
        i18n.message(locale, self.code, &args)
    }
}

/// A unit (and with it maybe its category) this city would add to its taxonomy.
#[derive(Debug, Clone, Serialize)]
pub struct UnitAddition {
    pub category: String,
    pub category_names: Names,
    /// The category is new here too.
    pub new_category: bool,
    pub unit: String,
    pub unit_names: Names,
}

/// What happens to one of the document's templates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fate {
    /// It becomes an active template of the chosen organization.
    Add,
    /// This city runs it already: a template here was adapted from it.
    AlreadyHere {
        template_id: String,
    },
    /// It is this city's own template.
    OwnTemplate,
    LeftOut {
        reason: Reason,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplatePlan {
    pub title: String,
    pub category: String,
    pub outcome_unit: String,
    /// Its id on the exporting city, recorded here as `adaptedFrom`.
    pub origin: String,
    /// The exporting organization's name.
    pub organization: String,
    pub fate: Fate,
    #[serde(skip)]
    spec: Option<TemplateSpec>,
}

/// A parameter whose value differs: in force here, and in the document.
#[derive(Debug, Clone, Serialize)]
pub struct ParameterPlan {
    pub name: String,
    /// The value here; `None` when the parameter is left out.
    pub here: Option<String>,
    pub there: String,
    pub left_out: Option<Reason>,
}

/// A value only the configuration file sets, different here.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigurationDifference {
    pub key: String,
    /// `None`: not a setting this software has.
    pub here: Option<String>,
    pub there: String,
}

/// The decision cycle an import would open.
#[derive(Debug, Clone, Serialize)]
pub struct GovernancePlan {
    pub here: GovernanceModel,
    /// The title of the cycle whose rules are in use here; `None` for the defaults.
    pub here_cycle: Option<String>,
    pub there: GovernanceModel,
    pub title: String,
    pub description: String,
    pub schedule: Schedule,
}

/// Exactly what importing the chosen parts would change. Every part is planned (so a page
/// can show them all); only the chosen ones are applied.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub origin: Origin,
    pub parts: Parts,
    /// The organization receiving the templates: (handle, name).
    pub organization: Option<(String, String)>,
    pub taxonomy: Vec<UnitAddition>,
    /// The shipped taxonomy versions, here and there.
    pub shipped_versions: (u32, u32),
    /// Verification terms (`kind:term`) this software does not know.
    pub unknown_terms: Vec<String>,
    pub templates: Vec<TemplatePlan>,
    pub parameters: Vec<ParameterPlan>,
    pub configuration: Vec<ConfigurationDifference>,
    pub governance: Option<GovernancePlan>,
}

impl Preview {
    pub fn templates_added(&self) -> usize {
        self.templates
            .iter()
            .filter(|t| t.fate == Fate::Add)
            .count()
    }

    pub fn parameters_changed(&self) -> usize {
        self.parameters
            .iter()
            .filter(|p| p.left_out.is_none())
            .count()
    }

    /// How many changes applying the chosen parts makes.
    pub fn changes(&self) -> usize {
        let p = self.parts;
        usize::from(p.taxonomy) * self.taxonomy.len()
            + usize::from(p.templates) * self.templates_added()
            + usize::from(p.parameters) * self.parameters_changed()
            + usize::from(p.governance && self.governance.is_some())
    }

    /// Templates would be imported but no organization is chosen to receive them.
    pub fn needs_organization(&self) -> bool {
        self.parts.templates && self.organization.is_none() && self.templates_added() > 0
    }
}

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub preview: Preview,
    /// The templates made, in the order of the document.
    pub template_ids: Vec<String>,
    pub cycle_id: Option<String>,
}

/// What importing `document` with `choices` would change here (nothing is written).
pub async fn preview(
    ctx: &Ctx,
    document: &ProtocolDocument,
    choices: Choices,
) -> Result<Preview, AppError> {
    let (ctx2, document) = (ctx.clone(), document.clone());
    let now = ctx.now();
    ctx.run(move |conn| plan(conn, &ctx2, &document, &choices, now))
        .await
}

/// An administrator imports the chosen parts of `document`, in one transaction: the plan
/// is made again inside it, so what is applied is what the preview of this moment says.
pub async fn apply(
    ctx: &Ctx,
    admin: &User,
    document: &ProtocolDocument,
    choices: Choices,
) -> Result<Applied, AppError> {
    admin.require_admin()?;
    let (ctx2, document, admin_id) = (ctx.clone(), document.clone(), admin.id.to_string());
    let now = ctx.now();
    let applied = ctx
        .db
        .write(move |conn| {
            let preview = plan(conn, &ctx2, &document, &choices, now)?;
            execute(conn, &admin_id, &document, preview, now)
        })
        .await?;
    tracing::info!(
        origin = %applied.preview.origin.url,
        changes = applied.preview.changes(),
        "imported a city protocol"
    );
    Ok(applied)
}

fn note(document: &ProtocolDocument) -> String {
    let p = &document.provenance;
    format!(
        "imported from {} ({}), protocol version {}, exported {}",
        p.city.name,
        p.city.url,
        document.version,
        p.exported_at.format("%Y-%m-%d %H:%M UTC")
    )
}

fn plan(
    conn: &mut DbConnection,
    ctx: &Ctx,
    document: &ProtocolDocument,
    choices: &Choices,
    now: NaiveDateTime,
) -> Result<Preview, AppError> {
    let parts = choices.parts;
    let p = &document.provenance;
    let origin = Origin {
        name: p.city.name.clone(),
        url: p.city.url.clone(),
        exported_at: p.exported_at,
        version: document.version,
        software: p.software.clone(),
        public_key_hex: p.key.public_key_hex.clone(),
        key_published_at: p.key.published_at.clone(),
    };
    let organization = match choices.organization.as_deref().map(str::trim) {
        Some(handle) if !handle.is_empty() => Some(receiving_organization(conn, handle)?),
        _ => None,
    };

    // Taxonomy: what this city lacks, and the taxonomy templates are checked against.
    let local = catalog::taxonomy_in(conn)?.taxonomy;
    let mut taxonomy = Vec::new();
    for c in &document.taxonomy.categories {
        let known = local.category(&c.id).is_some();
        for u in &c.units {
            if !local.measures(&c.id, &u.id) {
                taxonomy.push(UnitAddition {
                    category: c.id.clone(),
                    category_names: c.names.clone(),
                    new_category: !known,
                    unit: u.id.clone(),
                    unit_names: u.names.clone(),
                });
            }
        }
    }
    let mut effective = local.clone();
    if parts.taxonomy {
        extend(&mut effective, &taxonomy);
    }

    let templates = template_plans(conn, ctx, document, &effective)?;
    let parameters = parameter_plans(&parameters::in_force(conn, ctx)?, document, &effective);

    let here: BTreeMap<String, String> = configuration(ctx)
        .into_iter()
        .map(|e| (e.key, e.value))
        .collect();
    let configuration = document
        .configuration
        .iter()
        .filter(|e| here.get(&e.key) != Some(&e.value))
        .map(|e| ConfigurationDifference {
            key: e.key.clone(),
            here: here.get(&e.key).cloned(),
            there: e.value.clone(),
        })
        .collect();

    let (here_model, here_cycle) = current_governance(conn)?;
    let there = GovernanceModel::from_section(&document.governance)?;
    let governance = if here_model == there {
        None
    } else {
        let locale = instance::get(conn)?
            .and_then(|c| Locale::from_code(&c.default_locale))
            .unwrap_or(Locale::SOURCE);
        let args: [(&str, ArgValue); 3] = [
            ("city", p.city.name.as_str().into()),
            ("url", p.city.url.as_str().into()),
            ("date", p.exported_at.format("%Y-%m-%d").to_string().into()),
        ];
        Some(GovernancePlan {
            here: here_model,
            here_cycle: here_cycle.map(|c| c.title),
            there,
            title: ctx.i18n.message(locale, "protocol-cycle-title", &args),
            description: ctx
                .i18n
                .message(locale, "protocol-cycle-description", &args),
            schedule: there.schedule_from(next_whole_hour(now)),
        })
    };

    Ok(Preview {
        origin,
        parts,
        organization: organization.map(|o| (o.handle, o.name)),
        taxonomy,
        shipped_versions: (
            Taxonomy::shipped()?.version,
            document.taxonomy.shipped_version,
        ),
        unknown_terms: document.verification.unknown_here(),
        templates,
        parameters,
        configuration,
        governance,
    })
}

/// The organization that receives imported templates: an approved issuer.
fn receiving_organization(conn: &mut DbConnection, handle: &str) -> Result<Organization, AppError> {
    let org = organizations::load(conn, &handle.to_ascii_lowercase())?;
    if !org.is_approved() {
        return Err(AppError::OrganizationNotApproved);
    }
    if !org.is_issuer {
        return Err(AppError::NotAnIssuer);
    }
    Ok(org)
}

/// Adds units to a taxonomy as the city's extensions would.
fn extend(taxonomy: &mut Taxonomy, additions: &[UnitAddition]) {
    for a in additions {
        match taxonomy.categories.iter_mut().find(|c| c.id == a.category) {
            Some(c) if !c.units.contains(&a.unit) => c.units.push(a.unit.clone()),
            Some(_) => {}
            None => taxonomy.categories.push(Category {
                id: a.category.clone(),
                units: vec![a.unit.clone()],
            }),
        }
    }
}

fn next_whole_hour(now: NaiveDateTime) -> NaiveDateTime {
    now.with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now)
        + chrono::Duration::hours(1)
}

/// Whether `url` is on this city (its own template, exported and brought back).
fn is_local(ctx: &Ctx, url: &url::Url) -> bool {
    url.origin() == ctx.settings.public_url.origin()
}

fn template_plans(
    conn: &mut DbConnection,
    ctx: &Ctx,
    document: &ProtocolDocument,
    taxonomy: &Taxonomy,
) -> Result<Vec<TemplatePlan>, AppError> {
    // Templates this city adapted from elsewhere, by origin.
    let mut adopted: BTreeMap<String, String> = BTreeMap::new();
    for org in approved_issuers(conn)? {
        for (t, _) in store::templates_of(conn, &org.id, TemplateState::ALL)? {
            if let Some(origin) = store::adapted_from(conn, &t.id)? {
                adopted.entry(origin).or_insert(t.id);
            }
        }
    }
    let mut out = Vec::new();
    for t in &document.templates {
        let origin = t.provenance.id.clone();
        let (fate, spec) = match url::Url::parse(&origin) {
            Err(_) => (
                Fate::LeftOut {
                    reason: Reason::of(&DomainError::WebAddressInvalid.into()),
                },
                None,
            ),
            Ok(url) if is_local(ctx, &url) => (Fate::OwnTemplate, None),
            Ok(_) => match adopted.get(&origin) {
                Some(id) => (
                    Fate::AlreadyHere {
                        template_id: id.clone(),
                    },
                    None,
                ),
                None => match t.content.spec().check(taxonomy) {
                    Ok(spec) => (Fate::Add, Some(spec)),
                    Err(e) => (
                        Fate::LeftOut {
                            reason: Reason::of(&e.into()),
                        },
                        None,
                    ),
                },
            },
        };
        out.push(TemplatePlan {
            title: t.content.title.clone(),
            category: t.content.category.clone(),
            outcome_unit: t.content.outcome_unit.clone(),
            organization: t.provenance.organization.name.clone(),
            origin,
            fate,
            spec,
        });
    }
    Ok(out)
}

/// The value of a parameter in force here, in its stored form.
fn in_force_value(in_force: &InForce, parameter: &Parameter) -> Option<String> {
    Some(match parameter {
        Parameter::EpochLength => in_force.epoch_length.to_string(),
        Parameter::CityExpiryEpochs => in_force.city_expiry_epochs.to_string(),
        Parameter::VoteDecayPercent => in_force.vote_decay_percent.to_string(),
        Parameter::MinVoteToPropose => in_force.min_vote_to_propose.to_string(),
        Parameter::RewardMultiplier(category) => in_force.reward_multiplier(category).to_string(),
        Parameter::ResidentCapCity(None) => in_force.resident_cap_city.to_string(),
        Parameter::ResidentCapCity(Some(category)) => in_force
            .resident_cap_city_by_category
            .get(category)
            .copied()
            .unwrap_or(0)
            .to_string(),
        Parameter::ResidentCapVote => in_force.resident_cap_vote.to_string(),
        Parameter::ReservationMinutes => in_force.reservation_minutes.to_string(),
        Parameter::LevelToEarn => in_force.level_to_earn.as_str().to_owned(),
        Parameter::LevelToVote => in_force.level_to_vote.as_str().to_owned(),
        Parameter::IssuerBudget(_) => return None,
    })
}

fn parameter_plans(
    in_force: &InForce,
    document: &ProtocolDocument,
    taxonomy: &Taxonomy,
) -> Vec<ParameterPlan> {
    let mut out = Vec::new();
    for entry in &document.parameters {
        let left_out = |reason: Reason| ParameterPlan {
            name: entry.name.clone(),
            here: None,
            there: entry.value.clone(),
            left_out: Some(reason),
        };
        let parameter = match Parameter::parse(&entry.name) {
            Ok(p) => p,
            Err(e) => {
                out.push(left_out(Reason::of(&e.into())));
                continue;
            }
        };
        let value = match parameter.check_stored(&entry.value) {
            Ok(v) => v,
            Err(e) => {
                out.push(left_out(Reason::of(&e.into())));
                continue;
            }
        };
        if let Parameter::RewardMultiplier(category) | Parameter::ResidentCapCity(Some(category)) =
            &parameter
        {
            if taxonomy.category(category).is_none() {
                out.push(left_out(Reason::of(&DomainError::CategoryUnknown.into())));
                continue;
            }
        }
        let Some(here) = in_force_value(in_force, &parameter) else {
            out.push(left_out(Reason {
                code: "protocol-budget-not-portable",
                args: Vec::new(),
            }));
            continue;
        };
        if here != value {
            out.push(ParameterPlan {
                name: parameter.to_string(),
                here: Some(here),
                there: value,
                left_out: None,
            });
        }
    }
    out
}

fn execute(
    conn: &mut DbConnection,
    admin_id: &str,
    document: &ProtocolDocument,
    preview: Preview,
    now: NaiveDateTime,
) -> Result<Applied, AppError> {
    let parts = preview.parts;
    let note = note(document);
    if preview.needs_organization() {
        return Err(AppError::ProtocolOrganizationNeeded);
    }
    if parts.taxonomy {
        for a in &preview.taxonomy {
            store::add_taxonomy_extension(
                conn,
                &TaxonomyExtensionRow {
                    category: a.category.clone(),
                    unit: a.unit.clone(),
                    category_name_en: a.category_names.en.trim().to_owned(),
                    category_name_es: a.category_names.es.trim().to_owned(),
                    unit_name_en: a.unit_names.en.trim().to_owned(),
                    unit_name_es: a.unit_names.es.trim().to_owned(),
                    created_by: admin_id.to_owned(),
                    created_at: now,
                },
            )?;
        }
    }
    let mut template_ids = Vec::new();
    if let (true, Some((handle, _))) = (parts.templates, &preview.organization) {
        let org = receiving_organization(conn, handle)?;
        for t in &preview.templates {
            let (Fate::Add, Some(spec)) = (&t.fate, &t.spec) else {
                continue;
            };
            let made =
                catalog::insert_draft(conn, &org, admin_id, spec.clone(), Some(&t.origin), now)?;
            if !store::set_template_state(
                conn,
                &made.id,
                TemplateState::Draft,
                TemplateState::Active,
                now,
            )? {
                return Err(AppError::Conflict);
            }
            publications::publish(conn, Kind::Template, &made.id, Verb::Create, now)?;
            trail::record(
                conn,
                Subject::Template,
                &made.id,
                "active",
                Some(admin_id),
                &note,
                now,
            )?;
            template_ids.push(made.id);
        }
    }
    if parts.parameters {
        for p in preview.parameters.iter().filter(|p| p.left_out.is_none()) {
            gov_store::set_parameter(
                conn,
                &ParameterRow {
                    name: p.name.clone(),
                    value: p.there.clone(),
                    proposal_id: None,
                    set_by: Some(admin_id.to_owned()),
                    set_at: now,
                },
                &secrets::new_id(),
            )?;
            trail::record(
                conn,
                Subject::Parameter,
                &p.name,
                IMPORTED,
                Some(admin_id),
                &note,
                now,
            )?;
        }
    }
    let mut cycle_id = None;
    if let (true, Some(g)) = (parts.governance, &preview.governance) {
        let row = CycleRow {
            id: secrets::new_id(),
            title: g.title.clone(),
            description: g.description.clone(),
            proposals_at: g.schedule.proposals_at,
            deliberation_at: g.schedule.deliberation_at,
            voting_at: g.schedule.voting_at,
            results_at: g.schedule.results_at,
            phase: Phase::Upcoming.as_str().to_owned(),
            method: g.there.rules.method.as_str().to_owned(),
            quorum_percent: g.there.rules.quorum_percent,
            min_vote: g.there.rules.min_vote,
            eligible_voters: None,
            eligible_weight: None,
            created_by: admin_id.to_owned(),
            created_at: now,
            updated_at: now,
            budget_pool: 0,
        };
        gov_store::insert_cycle(conn, &row)?;
        trail::record(
            conn,
            Subject::Cycle,
            &row.id,
            "created",
            Some(admin_id),
            &note,
            now,
        )?;
        cycle_id = Some(row.id);
    }
    crate::privileged_log::record(
        conn,
        &crate::privileged_log::Entry::admin(
            admin_id,
            crate::privileged_log::PrivilegedAction::ProtocolImported,
            crate::privileged_log::Subject::Protocol,
            preview.origin.url.as_str(),
            now,
        )
        .detail(serde_json::json!({
            "templates": template_ids.len(),
            "parameters": preview.parameters_changed(),
            "cycle_id": cycle_id,
        })),
    )?;
    Ok(Applied {
        preview,
        template_ids,
        cycle_id,
    })
}
