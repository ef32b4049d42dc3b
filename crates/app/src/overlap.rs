//! Overlap detection: the templates and published opportunities already in this city that
//! look like what an issuer is drafting, best first, each with the reasons why.
//!
//! The scoring itself is `citysync_domain::similarity` (pure and deterministic); this
//! module only gathers what to compare against. Followed cities' work is not compared yet.

use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::similarity::{self, Candidate, Explanation};
use citysync_domain::work::GeoPoint;
use citysync_storage::catalog::{self as catalog_store, CatalogFilter};
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
    /// For opportunities: when it starts.
    pub starts_at: Option<NaiveDateTime>,
    pub score: u8,
    pub explanation: Explanation,
}

/// The active templates and published, not yet ended opportunities of this city that score
/// at least [`similarity::SIMILAR_ENOUGH`] against `draft`, highest first (ties by kind,
/// then id, so the order is stable), at most [`SIMILAR_SHOWN`]. `exclude_id` leaves out
/// the draft itself (or the template an opportunity is being issued from).
pub async fn similar_to(
    ctx: &Ctx,
    draft: Candidate,
    exclude_id: Option<&str>,
) -> Result<Vec<Similar>, AppError> {
    let now = ctx.now();
    let exclude = exclude_id.map(str::to_owned);
    let (templates, opportunities) = ctx
        .db
        .run(move |conn| {
            let templates = store::active_templates(conn, COMPARED_MAX)?;
            let filter = CatalogFilter {
                states: vec![OpportunityState::Published.as_str().to_owned()],
                not_ended_by: Some(now),
                ..CatalogFilter::default()
            };
            let opportunities = catalog_store::catalog_page(conn, &filter, COMPARED_MAX, 0)?;
            Ok((templates, opportunities))
        })
        .await?;

    let template_matches = templates.into_iter().map(|(row, version, handle, name)| {
        let candidate = Candidate {
            title: version.title.clone(),
            summary: version.summary,
            instructions: version.instructions,
            category: version.category,
            point: None,
            starts_at: None,
            ends_at: None,
        };
        (
            SimilarKind::Template,
            row.id,
            version.title,
            handle,
            name,
            candidate,
        )
    });
    let opportunity_matches = opportunities
        .into_iter()
        .map(|(row, version, handle, name)| {
            let title = row.title_override.unwrap_or(version.title);
            let point = match (row.latitude, row.longitude) {
                (Some(la), Some(lo)) => GeoPoint::new(la, lo).ok(),
                _ => None,
            };
            let candidate = Candidate {
                title: title.clone(),
                summary: version.summary,
                instructions: version.instructions,
                category: version.category,
                point,
                starts_at: Some(row.starts_at),
                ends_at: Some(row.ends_at),
            };
            (
                SimilarKind::Opportunity,
                row.id,
                title,
                handle,
                name,
                candidate,
            )
        });

    let mut found: Vec<Similar> = template_matches
        .chain(opportunity_matches)
        .filter(|(_, id, ..)| exclude.as_deref() != Some(id.as_str()))
        .filter_map(|(kind, id, title, handle, name, candidate)| {
            let s = similarity::score(&draft, &candidate);
            s.similar_enough().then_some(Similar {
                kind,
                id,
                title,
                organization_handle: handle,
                organization_name: name,
                starts_at: candidate.starts_at,
                score: s.score,
                explanation: s.explanation,
            })
        })
        .collect();
    found.sort_by(|a, b| (Reverse(a.score), a.kind, &a.id).cmp(&(Reverse(b.score), b.kind, &b.id)));
    found.truncate(SIMILAR_SHOWN);
    Ok(found)
}
