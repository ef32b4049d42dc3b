//! The outboxes (docs/federation.md, "Outboxes"): `OrderedCollection`s whose every item is
//! an activity — the `Create` that published each object, the object embedded — never a
//! bare URL, so that ActivityPub software can read them item by item.

use crate::actor::{urls, ApubActor};
use crate::objects::{self, checkpoint};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::FEDERATION_CONTENT_TYPE;
use actix_web::{web, HttpResponse};
use citysync_app::catalog;
use citysync_app::federation::publications::Kind;
use serde_json::{json, Value};
use url::Url;

/// How many items an outbox lists (the newest).
const ITEMS: usize = 100;

/// The `Create` by `actor` of a local `object`, embedded. Its id is the object's with the
/// fragment `#create`: stable, and it resolves to the object it created.
pub fn create_of(actor: &Url, object: Value) -> Value {
    let mut activity = json!({
        "id": format!("{}#create", objects::id_of(&object)),
        "type": "Create",
        "actor": actor,
    });
    for field in ["published", "to", "cc"] {
        if let Some(value) = object.get(field) {
            objects::set(&mut activity, field, value.clone());
        }
    }
    objects::set(&mut activity, "object", object);
    activity
}

fn outbox(id: Url, activities: Vec<Value>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(json!({
            "@context": objects::context(),
            "id": id,
            "type": "OrderedCollection",
            "totalItems": activities.len(),
            "orderedItems": activities,
        }))
}

/// GET /city/outbox — the `Create` of each of the city's latest ledger checkpoints (its
/// proposals are on their pages).
pub async fn city_outbox(data: Data<FederationData>) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let city = urls::city(&ctx.settings);
    let activities = citysync_app::ledger::checkpoints::recent(ctx, 20)
        .await?
        .iter()
        .map(|published| create_of(&city, checkpoint::object(&ctx.settings, published, &city)))
        .collect();
    Ok(outbox(urls::city_outbox(&ctx.settings), activities))
}

/// GET /organizations/{handle}/outbox — the `Create` of each of its active templates and
/// public opportunities.
pub async fn organization_outbox(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let actor = ApubActor::local_organization(ctx, &path)
        .await?
        .ok_or(FedError::NotFound)?;
    let org = citysync_app::organizations::by_handle(ctx, &path, None).await?;
    let mut items = Vec::new();
    for t in catalog::templates_of(ctx, &org, false).await? {
        items.push((Kind::Template, t.id));
    }
    for o in catalog::opportunities_of(ctx, &org, false).await? {
        items.push((Kind::Opportunity, o.id));
    }
    let mut activities = Vec::new();
    for (kind, id) in items.into_iter().take(ITEMS) {
        if let Ok(rendered) = objects::render(ctx, kind, &id).await {
            activities.push(create_of(&actor.ap_id, rendered.object));
        }
    }
    Ok(outbox(
        urls::organization_part(&ctx.settings, &path, "outbox"),
        activities,
    ))
}

/// GET /users/{username}/outbox — a resident's public activities: none, since residents
/// publish nothing federated (what they do in the city reaches peers as their
/// organizations' and the city's activities).
pub async fn user_outbox(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let actor = ApubActor::local_user(ctx, &path)
        .await?
        .ok_or(FedError::NotFound)?;
    Ok(outbox(
        urls::user_part(&ctx.settings, &actor.preferred_username, "outbox"),
        Vec::new(),
    ))
}
