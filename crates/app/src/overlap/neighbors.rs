//! For an organization's console: the other organizations working in its categories and
//! near its places, so a clerk sees who to call before starting the same thing.

use super::point;
use crate::{AppError, Ctx};
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::similarity::{distance_meters, NEARBY_METERS};
use citysync_domain::work::GeoPoint;
use citysync_storage::catalog::{self as catalog_store, CatalogFilter};
use citysync_storage::overlap as store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How many templates and opportunities are looked at, at most.
const LOOKED_AT_MAX: i64 = 2_000;

/// Another organization and what it shares with this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbor {
    pub handle: String,
    pub name: String,
    /// Category ids both organizations work in (active templates or open opportunities).
    pub shared_categories: Vec<String>,
    /// Its open opportunities within [`NEARBY_METERS`] of one of this organization's.
    pub nearby_opportunities: usize,
    /// The closest of those, in meters.
    pub nearest_meters: Option<u32>,
}

#[derive(Default)]
struct Work {
    handle: String,
    name: String,
    categories: BTreeSet<String>,
    places: Vec<GeoPoint>,
}

/// The organizations (other than `organization_id`) sharing a category or working within
/// [`NEARBY_METERS`] of it, those sharing the most first, then by handle.
pub async fn neighbors_of(ctx: &Ctx, organization_id: &str) -> Result<Vec<Neighbor>, AppError> {
    let now = ctx.now();
    let (templates, opportunities) = ctx
        .run(move |conn| {
            let templates = store::active_templates(conn, LOOKED_AT_MAX)?;
            let filter = CatalogFilter {
                states: vec![OpportunityState::Published],
                not_ended_by: Some(now),
                ..CatalogFilter::default()
            };
            let opportunities = catalog_store::catalog_page(conn, &filter, LOOKED_AT_MAX, 0)?;
            Ok((templates, opportunities))
        })
        .await?;
    let mut work: BTreeMap<String, Work> = BTreeMap::new();
    fn entry<'a>(
        work: &'a mut BTreeMap<String, Work>,
        org: &str,
        handle: &str,
        name: &str,
    ) -> &'a mut Work {
        let w = work.entry(org.to_owned()).or_default();
        if w.handle.is_empty() {
            w.handle = handle.to_owned();
            w.name = name.to_owned();
        }
        w
    }
    for (row, version, handle, name) in &templates {
        entry(&mut work, &row.organization_id, handle, name)
            .categories
            .insert(version.category.clone());
    }
    for (row, version, handle, name) in &opportunities {
        let w = entry(&mut work, &row.organization_id, handle, name);
        w.categories.insert(version.category.clone());
        if let Some(p) = point(row.latitude, row.longitude) {
            w.places.push(p);
        }
    }
    let Some(own) = work.remove(organization_id) else {
        return Ok(Vec::new());
    };
    let mut found: Vec<Neighbor> = work
        .into_values()
        .filter_map(|other| {
            let shared_categories: Vec<String> = own
                .categories
                .intersection(&other.categories)
                .cloned()
                .collect();
            let distances: Vec<u32> = other
                .places
                .iter()
                .filter_map(|theirs| {
                    own.places
                        .iter()
                        .map(|ours| distance_meters(*ours, *theirs))
                        .min()
                        .filter(|m| *m <= NEARBY_METERS)
                })
                .collect();
            (!shared_categories.is_empty() || !distances.is_empty()).then(|| Neighbor {
                handle: other.handle,
                name: other.name,
                shared_categories,
                nearby_opportunities: distances.len(),
                nearest_meters: distances.iter().min().copied(),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        let weight = |n: &Neighbor| n.shared_categories.len() + n.nearby_opportunities;
        weight(b)
            .cmp(&weight(a))
            .then_with(|| a.handle.cmp(&b.handle))
    });
    Ok(found)
}
