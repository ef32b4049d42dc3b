//! Overlap detection: the templates and published opportunities already in this city that
//! look like what an issuer is drafting, best first, each with the reasons why.
//!
//! The scoring itself is `citysync_domain::similarity` (pure and deterministic); this
//! module only gathers what to compare against: this city's active templates and
//! published opportunities, and the templates and opportunities followed cities sent us.
//! Times are compared on this city's clocks, so "same Saturday morning" means what a
//! resident here would say.

mod neighbors;
mod report;

pub use neighbors::{neighbors_of, Neighbor};
pub use report::{monthly_report, DuplicatePair, OverlapReport, Program};

use crate::federation::publications::Kind;
use crate::instance::{self, City};
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::similarity::{self, Candidate, Explanation};
use citysync_domain::task::TemplateSpec;
use citysync_domain::work::GeoPoint;
use citysync_storage::catalog::{self as catalog_store, CatalogFilter};
use citysync_storage::federation::{self as federation_store, RemoteObjectRow};
use citysync_storage::overlap as store;
use serde::Serialize;
use std::cmp::Reverse;

/// How many matches are shown.
pub const SIMILAR_SHOWN: usize = 5;
/// How many templates, and how many opportunities, are compared at most. The comparison
/// is in memory and linear; a city's live catalog is far smaller than this.
const COMPARED_MAX: i64 = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SimilarKind {
    Template,
    Opportunity,
}

/// Something that already exists and looks like the draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Similar {
    pub kind: SimilarKind,
    pub id: String,
    pub title: String,
    pub organization_handle: String,
    pub organization_name: String,
    /// The followed city it comes from (its domain); `None` for this city's own work.
    pub city: Option<String>,
    /// For opportunities: when it starts (UTC).
    pub starts_at: Option<NaiveDateTime>,
    pub score: u8,
    pub explanation: Explanation,
}

/// How many remote templates, and remote opportunities, are compared at most.
const REMOTE_COMPARED_MAX: i64 = 500;

/// Something existing, reduced to what is compared and shown.
struct Existing {
    kind: SimilarKind,
    id: String,
    title: String,
    organization_handle: String,
    organization_name: String,
    city: Option<String>,
    /// For this city's opportunities: the template they were issued from.
    template_id: Option<String>,
    candidate: Candidate,
}

/// The active templates and published, not yet ended opportunities of this city, and the
/// live templates and opportunities of followed cities, that score at least
/// [`similarity::SIMILAR_ENOUGH`] against `draft` (its times in UTC), highest first (ties
/// by kind, then id, so the order is stable), at most [`SIMILAR_SHOWN`]. `exclude_id`
/// leaves out the draft itself or, for an opportunity being issued, its template and the
/// other opportunities issued from it (the same program's other dates are not a duplicate).
pub async fn similar_to(
    ctx: &Ctx,
    draft: Candidate,
    exclude_id: Option<&str>,
) -> Result<Vec<Similar>, AppError> {
    let clocks = Clocks::of(ctx).await;
    let draft = clocks.local(draft);
    let mut found: Vec<Similar> = existing(ctx)
        .await?
        .into_iter()
        .filter(|e| {
            exclude_id.is_none()
                || (exclude_id != Some(e.id.as_str()) && exclude_id != e.template_id.as_deref())
        })
        .filter_map(|e| {
            let starts_at = e.candidate.starts_at;
            let s = similarity::score(&draft, &clocks.local(e.candidate));
            s.similar_enough().then_some(Similar {
                kind: e.kind,
                id: e.id,
                title: e.title,
                organization_handle: e.organization_handle,
                organization_name: e.organization_name,
                city: e.city,
                starts_at,
                score: s.score,
                explanation: s.explanation,
            })
        })
        .collect();
    found.sort_by(|a, b| (Reverse(a.score), a.kind, &a.id).cmp(&(Reverse(b.score), b.kind, &b.id)));
    found.truncate(SIMILAR_SHOWN);
    Ok(found)
}

/// This city's clocks (UTC when the city is not set up yet).
pub(crate) struct Clocks(Option<City>);

impl Clocks {
    pub(crate) async fn of(ctx: &Ctx) -> Clocks {
        Clocks(instance::get(ctx).await.ok())
    }

    /// A candidate with its times as this city's clocks show them.
    pub(crate) fn local(&self, mut c: Candidate) -> Candidate {
        if let Some(city) = &self.0 {
            c.starts_at = c.starts_at.map(|t| city.local_time(t));
            c.ends_at = c.ends_at.map(|t| city.local_time(t));
        }
        c
    }
}

/// Everything a draft is compared against, local first.
async fn existing(ctx: &Ctx) -> Result<Vec<Existing>, AppError> {
    let now = ctx.now();
    let (templates, opportunities, remote) = ctx
        .run(move |conn| {
            let templates = store::active_templates(conn, COMPARED_MAX)?;
            let filter = CatalogFilter {
                states: vec![OpportunityState::Published],
                not_ended_by: Some(now),
                ..CatalogFilter::default()
            };
            let opportunities = catalog_store::catalog_page(conn, &filter, COMPARED_MAX, 0)?;
            let mut remote = federation_store::remote_objects_of_kind(
                conn,
                Kind::Template.as_str(),
                REMOTE_COMPARED_MAX,
            )?;
            remote.extend(federation_store::remote_objects_of_kind(
                conn,
                Kind::Opportunity.as_str(),
                REMOTE_COMPARED_MAX,
            )?);
            Ok((templates, opportunities, remote))
        })
        .await?;

    let mut all: Vec<Existing> = templates
        .into_iter()
        .map(|(row, version, handle, name)| Existing {
            kind: SimilarKind::Template,
            id: row.id,
            title: version.title.clone(),
            organization_handle: handle,
            organization_name: name,
            city: None,
            template_id: None,
            candidate: Candidate {
                title: version.title,
                summary: version.summary,
                instructions: version.instructions,
                category: version.category,
                point: None,
                starts_at: None,
                ends_at: None,
            },
        })
        .collect();
    all.extend(
        opportunities
            .into_iter()
            .map(|(row, version, handle, name)| {
                let title = row.title_override.unwrap_or(version.title);
                Existing {
                    kind: SimilarKind::Opportunity,
                    id: row.id,
                    title: title.clone(),
                    organization_handle: handle,
                    organization_name: name,
                    city: None,
                    template_id: Some(row.template_id),
                    candidate: Candidate {
                        title,
                        summary: version.summary,
                        instructions: version.instructions,
                        category: version.category,
                        point: point(row.latitude, row.longitude),
                        starts_at: Some(row.starts_at),
                        ends_at: Some(row.ends_at),
                    },
                }
            }),
    );
    all.extend(
        remote
            .into_iter()
            .filter(|r| {
                r.starts_at
                    .is_none_or(|s| s >= now - chrono::Duration::days(1))
            })
            .filter_map(remote_existing),
    );
    Ok(all)
}

fn point(latitude: Option<f64>, longitude: Option<f64>) -> Option<GeoPoint> {
    match (latitude, longitude) {
        (Some(la), Some(lo)) => GeoPoint::new(la, lo).ok(),
        _ => None,
    }
}

/// A followed city's template or opportunity, read from what it sent: the template's spec
/// as this city reads it, or the opportunity's `Event` (name, summary, category, place
/// and times).
fn remote_existing(row: RemoteObjectRow) -> Option<Existing> {
    let document: serde_json::Value = serde_json::from_str(&row.document).ok()?;
    let text = |key: &str| {
        document
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let (kind, candidate) = match Kind::parse(&row.kind)? {
        Kind::Template => {
            let spec: TemplateSpec = serde_json::from_str(row.content.as_deref()?).ok()?;
            (
                SimilarKind::Template,
                Candidate {
                    title: spec.title,
                    summary: spec.summary,
                    instructions: spec.instructions,
                    category: spec.category,
                    ..Candidate::default()
                },
            )
        }
        Kind::Opportunity => {
            let location = document.get("location");
            let coordinate = |key: &str| location.and_then(|l| l.get(key)).and_then(|v| v.as_f64());
            let end = document
                .get("endTime")
                .and_then(|v| v.as_str())
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.naive_utc());
            (
                SimilarKind::Opportunity,
                Candidate {
                    title: row.name.clone(),
                    summary: row.summary.clone(),
                    instructions: String::new(),
                    category: text("category"),
                    point: point(coordinate("latitude"), coordinate("longitude")),
                    starts_at: row.starts_at,
                    ends_at: end,
                },
            )
        }
        _ => return None,
    };
    let organization = url::Url::parse(&row.attributed_to).ok();
    let handle = organization
        .as_ref()
        .and_then(|u| u.path_segments().and_then(|mut s| s.next_back()))
        .unwrap_or_default()
        .to_owned();
    Some(Existing {
        kind,
        id: row.id,
        title: row.name,
        organization_name: handle.clone(),
        organization_handle: handle,
        city: Some(row.domain),
        template_id: None,
        candidate,
    })
}
