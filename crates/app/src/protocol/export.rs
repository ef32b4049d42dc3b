//! Writing this city's protocol document: what is in force now, each value with where it
//! comes from, signed with the city's ledger key.

use super::signed_bytes;
use crate::catalog::{self, CityTaxonomy};
use crate::governance::cycles::Cycle;
use crate::governance::parameters;
use crate::ledger::checkpoints;
use crate::trail::Subject;
use crate::{AppError, Ctx};
use chrono::{DateTime, NaiveDateTime, Utc};
use citysync_domain::governance::Parameter;
use citysync_domain::ledger::CheckpointKey;
use citysync_domain::lifecycle::TemplateState;
use citysync_domain::organization::OrganizationState;
use citysync_domain::protocol::{
    CategoryEntry, CityRef, ConfigurationEntry, DocumentProvenance, GovernanceModel,
    GovernanceSection, KeyRef, Link, Names, OrganizationRef, ParameterEntry, ProtocolDocument,
    Provenance, Signature, Source, TaxonomySection, TemplateContent, TemplateEntry,
    TemplateProvenance, UnitEntry, VerificationSection, ALGORITHM, CANONICALIZATION, FORMAT,
    VERSION,
};
use citysync_domain::taxonomy::Taxonomy;
use citysync_i18n::Locale;
use citysync_storage::governance::{self as gov_store, ParameterRow};
use citysync_storage::organizations as org_store;
use citysync_storage::{catalog as store, events, instance, users, DbConnection};
use std::collections::BTreeMap;

/// How many cycles are looked through for the one created last.
const CYCLES_SCANNED: i64 = 10_000;

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// This city's protocol document, signed.
pub async fn export(ctx: &Ctx) -> Result<ProtocolDocument, AppError> {
    let key = checkpoints::signing_key(ctx).await?;
    let ctx2 = ctx.clone();
    let public_key = key.public_hex();
    let mut document = ctx
        .run(move |conn| Ok(gather(conn, &ctx2, &public_key)))
        .await??;
    sign(&mut document, &key)?;
    Ok(document)
}

fn sign(document: &mut ProtocolDocument, key: &CheckpointKey) -> Result<(), AppError> {
    document.signature = None;
    let value = serde_json::to_value(&*document).map_err(AppError::internal)?;
    let bytes = signed_bytes(&value)?;
    document.signature = Some(Signature {
        algorithm: ALGORITHM.to_owned(),
        canonicalization: CANONICALIZATION.to_owned(),
        value: key.sign_hex(&bytes),
    });
    Ok(())
}

fn gather(
    conn: &mut DbConnection,
    ctx: &Ctx,
    public_key: &str,
) -> Result<ProtocolDocument, AppError> {
    let s = &ctx.settings;
    let city = instance::get(conn)?.ok_or(AppError::NotFound)?;
    let taxonomy = catalog::taxonomy_in(conn)?;
    let mut usernames = Usernames::default();
    Ok(ProtocolDocument {
        format: FORMAT.to_owned(),
        version: VERSION,
        provenance: DocumentProvenance {
            city: CityRef {
                name: city.name.unwrap_or_else(|| "City/Sync".to_owned()),
                url: s.public_url.to_string(),
                actor: s.url("/city"),
            },
            exported_at: utc(ctx.now()),
            software: format!("citysync {}", env!("CARGO_PKG_VERSION")),
            key: KeyRef {
                kind: ALGORITHM.to_owned(),
                public_key_hex: public_key.to_owned(),
                published_at: s.url("/ledger/checkpoints.json"),
            },
        },
        taxonomy: taxonomy_section(conn, ctx, &taxonomy, &mut usernames)?,
        verification: VerificationSection::current(),
        templates: templates(conn, ctx)?,
        parameters: parameter_entries(conn, ctx, &taxonomy.taxonomy, &mut usernames)?,
        configuration: configuration(ctx),
        governance: governance(conn, ctx)?,
        signature: None,
    })
}

/// Usernames by user id, looked up once each.
#[derive(Default)]
struct Usernames(BTreeMap<String, Option<String>>);

impl Usernames {
    fn of(&mut self, conn: &mut DbConnection, id: &str) -> Result<Option<String>, AppError> {
        if let Some(known) = self.0.get(id) {
            return Ok(known.clone());
        }
        let name = users::by_id(conn, id)?.map(|u| u.username);
        self.0.insert(id.to_owned(), name.clone());
        Ok(name)
    }
}

fn names(ctx: &Ctx, taxonomy: &CityTaxonomy, id: &str, unit: bool) -> Names {
    let name = |locale| {
        if unit {
            taxonomy.unit_name(&ctx.i18n, locale, id)
        } else {
            taxonomy.category_name(&ctx.i18n, locale, id)
        }
    };
    Names {
        en: name(Locale::SOURCE),
        es: name(Locale::from_code("es").unwrap_or(Locale::SOURCE)),
    }
}

fn taxonomy_section(
    conn: &mut DbConnection,
    ctx: &Ctx,
    taxonomy: &CityTaxonomy,
    usernames: &mut Usernames,
) -> Result<TaxonomySection, AppError> {
    let shipped = Taxonomy::shipped()?;
    let extensions = store::taxonomy_extensions(conn)?;
    let mut added = |conn: &mut DbConnection,
                     category: &str,
                     unit: Option<&str>|
     -> Result<Provenance, AppError> {
        let row = extensions
            .iter()
            .find(|e| e.category == category && unit.is_none_or(|u| e.unit == u));
        Ok(match row {
            Some(row) => Provenance {
                by: usernames.of(conn, &row.created_by)?,
                at: Some(utc(row.created_at)),
                ..Provenance::of(Source::City)
            },
            None => Provenance::of(Source::City),
        })
    };
    let mut categories = Vec::new();
    for c in &taxonomy.taxonomy.categories {
        let mut units = Vec::new();
        for u in &c.units {
            units.push(UnitEntry {
                id: u.clone(),
                names: names(ctx, taxonomy, u, true),
                provenance: if shipped.measures(&c.id, u) {
                    Provenance::of(Source::Shipped)
                } else {
                    added(conn, &c.id, Some(u))?
                },
            });
        }
        categories.push(CategoryEntry {
            id: c.id.clone(),
            names: names(ctx, taxonomy, &c.id, false),
            units,
            provenance: if shipped.category(&c.id).is_some() {
                Provenance::of(Source::Shipped)
            } else {
                added(conn, &c.id, None)?
            },
        });
    }
    Ok(TaxonomySection {
        shipped_version: shipped.version,
        categories,
    })
}

/// The active templates of approved issuers, sorted by their content (so two cities with
/// the same templates list them in the same order, whoever issues them).
fn templates(conn: &mut DbConnection, ctx: &Ctx) -> Result<Vec<TemplateEntry>, AppError> {
    let s = &ctx.settings;
    let mut out = Vec::new();
    for org in approved_issuers(conn)? {
        for (template, version) in store::templates_of(conn, &org.id, &[TemplateState::Active])? {
            let content = TemplateContent::from(catalog::spec_of(&version)?);
            out.push(TemplateEntry {
                content,
                provenance: TemplateProvenance {
                    id: s.url(&format!("/templates/{}", template.id)),
                    adapted_from: store::adapted_from(conn, &template.id)?,
                    organization: OrganizationRef {
                        handle: org.handle.clone(),
                        name: org.name.clone(),
                        url: s.url(&format!("/organizations/{}", org.handle)),
                    },
                    version: template.version,
                    updated_at: utc(template.updated_at),
                },
            });
        }
    }
    let key = |t: &TemplateEntry| {
        (
            t.content.title.clone(),
            serde_json_canonicalizer::to_string(&t.content).unwrap_or_default(),
            t.provenance.id.clone(),
        )
    };
    out.sort_by_cached_key(key);
    Ok(out)
}

/// Every approved organization that issues, by handle.
pub(super) fn approved_issuers(
    conn: &mut DbConnection,
) -> Result<Vec<org_store::OrganizationRow>, AppError> {
    const PAGE: i64 = 500;
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = org_store::in_state(conn, OrganizationState::Approved, PAGE, offset)?;
        let n = i64::try_from(page.len()).unwrap_or(PAGE);
        out.extend(page.into_iter().filter(|o| o.is_issuer));
        if n < PAGE {
            break;
        }
        offset += PAGE;
    }
    out.sort_by(|a, b| a.handle.cmp(&b.handle));
    Ok(out)
}

/// The parameters in force, with what set each. Issuer budgets name this city's
/// organizations and are left out; every category of the taxonomy has its multiplier.
fn parameter_entries(
    conn: &mut DbConnection,
    ctx: &Ctx,
    taxonomy: &Taxonomy,
    usernames: &mut Usernames,
) -> Result<Vec<ParameterEntry>, AppError> {
    let in_force = parameters::in_force(conn, ctx)?;
    let rows: BTreeMap<String, ParameterRow> = gov_store::parameters(conn)?
        .into_iter()
        .map(|r| (r.name.clone(), r))
        .collect();
    let mut values: Vec<(Parameter, String)> = vec![
        (Parameter::EpochLength, in_force.epoch_length.to_string()),
        (
            Parameter::CityExpiryEpochs,
            in_force.city_expiry_epochs.to_string(),
        ),
        (
            Parameter::VoteDecayPercent,
            in_force.vote_decay_percent.to_string(),
        ),
        (
            Parameter::MinVoteToPropose,
            in_force.min_vote_to_propose.to_string(),
        ),
    ];
    for c in &taxonomy.categories {
        values.push((
            Parameter::RewardMultiplier(c.id.clone()),
            in_force.reward_multiplier(&c.id).to_string(),
        ));
    }
    let mut out = Vec::new();
    for (parameter, value) in values {
        let name = parameter.to_string();
        let unset = match parameter {
            Parameter::RewardMultiplier(_) => Source::Default,
            _ => Source::Configuration,
        };
        let provenance = match rows.get(&name) {
            Some(row) => provenance_of(conn, ctx, row, usernames)?,
            None => Provenance::of(unset),
        };
        out.push(ParameterEntry {
            name,
            value,
            provenance,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// What set a parameter: a decision, a protocol import, or an administrator.
fn provenance_of(
    conn: &mut DbConnection,
    ctx: &Ctx,
    row: &ParameterRow,
    usernames: &mut Usernames,
) -> Result<Provenance, AppError> {
    let at = Some(utc(row.set_at));
    if let Some(id) = &row.proposal_id {
        let title = gov_store::proposal(conn, id)?
            .map(|p| p.title)
            .unwrap_or_default();
        return Ok(Provenance {
            proposal: Some(Link {
                id: id.clone(),
                url: ctx.settings.url(&format!("/proposals/{id}")),
                title,
            }),
            at,
            ..Provenance::of(Source::Decision)
        });
    }
    let by = match &row.set_by {
        Some(id) => usernames.of(conn, id)?,
        None => None,
    };
    let import = events::audit_of(conn, Subject::Parameter.as_str(), &row.name)?
        .into_iter()
        .rev()
        .find(|(a, _)| a.action == super::import::IMPORTED && a.occurred_at == row.set_at)
        .map(|(a, _)| a.detail);
    Ok(match import {
        Some(note) => Provenance {
            by,
            at,
            note: Some(note),
            ..Provenance::of(Source::Import)
        },
        None => Provenance {
            by,
            at,
            ..Provenance::of(Source::Administrator)
        },
    })
}

/// The values only the configuration file sets that shape how the city works.
pub(super) fn configuration(ctx: &Ctx) -> Vec<ConfigurationEntry> {
    let s = &ctx.settings;
    let entry = |key: &str, value: i64| ConfigurationEntry {
        key: key.to_owned(),
        value: value.to_string(),
    };
    vec![
        entry("ledger.checkpoint_every", s.ledger.checkpoint_every),
        entry("ledger.reservation_minutes", s.ledger.reservation_minutes),
        entry("work.claim_grace_hours", s.claim_grace_hours),
        entry("work.expiry_warning_hours", s.expiry_warning_hours),
    ]
}

/// The rules of the decision cycle created last, or the new-cycle form's defaults.
pub(super) fn current_governance(
    conn: &mut DbConnection,
) -> Result<(GovernanceModel, Option<Cycle>), AppError> {
    let latest = gov_store::cycles(conn, CYCLES_SCANNED)?
        .into_iter()
        .max_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    match latest {
        Some(row) => {
            let cycle = Cycle::try_from(row)?;
            Ok((
                GovernanceModel::of_cycle(cycle.schedule, cycle.rules),
                Some(cycle),
            ))
        }
        None => Ok((GovernanceModel::default(), None)),
    }
}

fn governance(conn: &mut DbConnection, ctx: &Ctx) -> Result<GovernanceSection, AppError> {
    let (model, cycle) = current_governance(conn)?;
    let provenance = match cycle {
        Some(c) => Provenance {
            cycle: Some(Link {
                url: ctx.settings.url(&format!("/governance/{}", c.id)),
                id: c.id,
                title: c.title,
            }),
            at: Some(utc(c.created_at)),
            ..Provenance::of(Source::Cycle)
        },
        None => Provenance::of(Source::Default),
    };
    Ok(model.section(provenance))
}
