//! An opportunity as an `Event` — start and end, a `Place` — so Mobilizon-style and
//! Mastodon-style software shows it as an event; with its template, capacity and what is left.

use super::{paragraphs, wire_time, Rendered, PUBLIC};
use crate::actor::{urls, ApubActor};
use crate::FedError;
use citysync_app::catalog;
use citysync_app::federation::publications::Kind;
use citysync_app::Ctx;
use citysync_domain::lifecycle::OpportunityState;
use serde_json::json;

pub async fn render(ctx: &Ctx, id: &str) -> Result<Rendered, FedError> {
    let opp = catalog::opportunity(ctx, id, None).await?;
    // A draft is not public yet; a cancelled one is withdrawn (served as its tombstone).
    if matches!(
        opp.state,
        OpportunityState::Draft | OpportunityState::Cancelled
    ) {
        return Err(citysync_app::AppError::NotFound.into());
    }
    let author = ApubActor::local_organization(ctx, &opp.organization_handle)
        .await?
        .ok_or(FedError::NotFound)?;
    let s = &ctx.settings;
    let url = urls::object(s, Kind::Opportunity, &opp.id);
    let mut place = json!({ "type": "Place", "name": opp.place });
    if let Some(point) = &opp.point {
        super::set(&mut place, "latitude", json!(point.latitude));
        super::set(&mut place, "longitude", json!(point.longitude));
    }
    let object = json!({
        "type": "Event",
        "id": url,
        "url": url,
        "attributedTo": author.ap_id,
        "name": opp.title,
        "summary": opp.summary,
        "content": paragraphs(&opp.onsite_instructions),
        "startTime": wire_time(opp.starts_at),
        "endTime": wire_time(opp.ends_at),
        "location": place,
        "template": urls::object(s, Kind::Template, &opp.template_id),
        "category": opp.category,
        "outcomeUnit": opp.outcome_unit,
        "capacity": opp.capacity,
        "remaining": opp.remaining,
        "rewardCity": opp.reward_city,
        "rewardVote": opp.reward_vote,
        "eventStatus": opp.state.as_str(),
        "to": [PUBLIC],
        "cc": [urls::organization_part(s, &author.preferred_username, "followers")],
    });
    Ok(Rendered { object, author })
}
