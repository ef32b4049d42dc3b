//! What the Atom feeds of new opportunities list: the opportunities published most
//! recently and still published, of the city or of one organization.

use super::utc;
use crate::organizations;
use crate::{AppError, Ctx};
use chrono::{DateTime, Utc};
use citysync_storage::open_data as store;

/// How many entries a feed lists.
pub const FEED_ENTRIES: i64 = 50;

/// One published opportunity, as a feed entry shows it.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organization_handle: String,
    pub organization_name: String,
    pub published_at: DateTime<Utc>,
    /// The last change to the opportunity (publication included).
    pub updated_at: DateTime<Utc>,
}

/// The newest published opportunities, newest first: the city's, or those of the approved
/// organization `handle` (not found otherwise).
pub async fn newest_published(ctx: &Ctx, handle: Option<&str>) -> Result<Vec<FeedEntry>, AppError> {
    let handle = handle.map(str::to_owned);
    ctx.run(move |conn| {
        let organization_id = match &handle {
            Some(handle) => {
                let org = organizations::load(conn, handle)?;
                if !org.is_approved() {
                    return Err(AppError::NotFound);
                }
                Some(org.id)
            }
            None => None,
        };
        let lines = store::newest_published(conn, organization_id.as_deref(), FEED_ENTRIES)?;
        Ok(lines
            .into_iter()
            .map(|(opp, version, handle, name, published_at)| {
                let published_at = utc(published_at.unwrap_or(opp.updated_at));
                FeedEntry {
                    title: opp.title_override.unwrap_or(version.title),
                    summary: version.summary,
                    category: version.category,
                    place: opp.place,
                    starts_at: utc(opp.starts_at),
                    ends_at: utc(opp.ends_at),
                    organization_handle: handle,
                    organization_name: name,
                    updated_at: utc(opp.updated_at).max(published_at),
                    published_at,
                    id: opp.id,
                }
            })
            .collect())
    })
    .await
}
