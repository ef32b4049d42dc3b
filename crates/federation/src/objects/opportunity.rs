//! An opportunity as an `Event` — start and end, a `Place` — so Mobilizon-style and
//! Mastodon-style software shows it as an event; with its template, capacity and what is left,
//! and Mobilizon's fields (`timezone`, attendee capacity and count, `joinMode`, a postal
//! address) so anyone on the fediverse can `Join` it.

use super::language_maps::Form;
use super::{paragraphs, wire_time, Rendered, PUBLIC};
use crate::actor::{urls, ApubActor};
use crate::FedError;
use citysync_app::catalog;
use citysync_app::federation::publications::Kind;
use citysync_app::translations::Field;
use citysync_app::Ctx;
use citysync_domain::lifecycle::OpportunityState;
use serde_json::json;

pub async fn render(ctx: &Ctx, id: &str) -> Result<Rendered, FedError> {
    let opp = catalog::opportunity(ctx, id, None).await?;
    let texts = citysync_app::translations::opportunity_text(ctx, &opp).await?;
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
    let city = citysync_app::instance::get(ctx).await?;
    let mut place = json!({ "type": "Place", "name": opp.place });
    if !opp.place.trim().is_empty() {
        // Mobilizon and schema.org read a postal address (schema:PostalAddress).
        let mut address = json!({ "type": "PostalAddress", "streetAddress": opp.place });
        if let Some(name) = &city.name {
            super::set(&mut address, "addressLocality", json!(name));
        }
        if let Some(region) = &city.region {
            super::set(&mut address, "addressRegion", json!(region));
        }
        super::set(&mut place, "address", address);
    }
    if let Some(point) = &opp.point {
        super::set(&mut place, "latitude", json!(point.latitude));
        super::set(&mut place, "longitude", json!(point.longitude));
    }
    let mut object = json!({
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
        // Mobilizon's Event fields (framasoft/mobilizon converter/event.ex), so its users and
        // other event software see the city's clock, the places and how to join (issue 24).
        "timezone": city.timezone,
        "maximumAttendeeCapacity": opp.capacity,
        "remainingAttendeeCapacity": opp.remaining,
        "participantCount": opp.active_claims,
        "joinMode": "free",
        "inLanguage": texts.original,
        "to": [PUBLIC],
        "cc": [urls::organization_part(s, &author.preferred_username, "followers")],
    });
    // The original and every translation, by language (issue 27).
    super::language_maps::add(
        &mut object,
        &texts,
        &[
            (Field::Title, &opp.title, Form::Plain),
            (Field::Summary, &opp.summary, Form::Plain),
            (Field::Content, &opp.onsite_instructions, Form::Paragraphs),
        ],
    );
    Ok(Rendered { object, author })
}
