//! Installs the models the city decided to adopt (`adopt_model`). A model is addressed by
//! one URL: a template (`Document`), a collection of templates (or of the activities that
//! published them), or an actor whose outbox lists them. The worker fetches it with signed
//! GETs through the guarded client and hands the templates it understands to
//! `governance::adoptions::install`. A model that is gone, or holds no template, fails the
//! adoption; a peer that does not answer is tried again on a later round.

use crate::objects::{template, url_field};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::error::Error as ProtocolError;
use activitypub_federation::fetch::fetch_object_http;
use citysync_app::federation::{self as fed, remote};
use citysync_app::governance::adoptions;
use citysync_domain::task::TemplateSpec;
use serde_json::Value;
use url::Url;

/// At most this many objects are fetched for one model.
const MAX_OBJECTS: usize = 100;

/// One round: every pending adoption is fetched and installed, or failed, or left for the
/// next round when its peer cannot be reached.
pub async fn install_pending(data: &Data<FederationData>) -> Result<(), FedError> {
    let ctx = data.app_data();
    for (proposal_id, model_url) in adoptions::pending(ctx).await? {
        let Ok(url) = Url::parse(&model_url) else {
            adoptions::fail(ctx, &proposal_id, adoptions::GONE).await?;
            continue;
        };
        match templates_at(data, &url).await {
            Ok(templates) => {
                let state = adoptions::install(ctx, &proposal_id, templates).await?;
                tracing::info!(%proposal_id, %model_url, ?state, "adopted model installed");
            }
            Err(e) if is_permanent(&e) => {
                tracing::warn!(%proposal_id, %model_url, error = %e, "adopted model cannot be installed");
                adoptions::fail(ctx, &proposal_id, adoptions::GONE).await?;
            }
            Err(e) => {
                tracing::info!(%proposal_id, %model_url, error = %e, "adopted model not reachable yet");
            }
        }
    }
    Ok(())
}

/// Whether trying again later cannot help: the model is gone, refused, or not ActivityPub.
fn is_permanent(e: &FedError) -> bool {
    match e {
        FedError::Protocol(p) => matches!(
            p,
            ProtocolError::NotFound
                | ProtocolError::ObjectDeleted(_)
                | ProtocolError::FetchInvalidContentType(_)
                | ProtocolError::UrlVerificationError(_)
        ),
        FedError::NotFound
        | FedError::Invalid(_)
        | FedError::Forbidden(_)
        | FedError::Json(_)
        | FedError::Url(_)
        | FedError::Policy(_) => true,
        _ => false,
    }
}

/// The templates a model URL holds: (the template's id, what it says). Only objects on the
/// model's own host are taken, never one of ours.
pub async fn templates_at(
    data: &Data<FederationData>,
    url: &Url,
) -> Result<Vec<(Url, TemplateSpec)>, FedError> {
    let ctx = data.app_data();
    if remote::is_ours(ctx, url) {
        return Err(FedError::Forbidden("a model of this city".into()));
    }
    let mut fetched = 0;
    let root = fetch(data, url, &mut fetched).await?;
    let mut objects = Vec::new();
    match root.get("type").and_then(Value::as_str).unwrap_or("") {
        "Document" => objects.push(root),
        "Collection" | "OrderedCollection" | "CollectionPage" | "OrderedCollectionPage" => {
            collect(data, &root, &mut objects, &mut fetched).await?;
        }
        _ => {
            let outbox = url_field(&root, "outbox")
                .map_err(|_| FedError::Invalid("the model is not a template set".into()))?;
            let collection = fetch(data, &outbox, &mut fetched).await?;
            collect(data, &collection, &mut objects, &mut fetched).await?;
        }
    }
    let host = fed::peer_of(url);
    Ok(objects
        .iter()
        .filter(|o| o.get("type").and_then(Value::as_str) == Some("Document"))
        .filter_map(|o| {
            let id = url_field(o, "id").ok()?;
            (fed::peer_of(&id) == host).then_some(())?;
            Some((id, template::spec_of(o)?))
        })
        .collect())
}

/// The objects of a collection: its items (or its first page's), each either the object,
/// an activity carrying it, or an id to fetch.
async fn collect(
    data: &Data<FederationData>,
    collection: &Value,
    objects: &mut Vec<Value>,
    fetched: &mut usize,
) -> Result<(), FedError> {
    let items = |c: &Value| {
        c.get("orderedItems")
            .or_else(|| c.get("items"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut list = items(collection);
    if list.is_empty() {
        match collection.get("first") {
            Some(Value::String(first)) => {
                let page = fetch(data, &Url::parse(first)?, fetched).await?;
                list = items(&page);
            }
            Some(page @ Value::Object(_)) => list = items(page),
            _ => {}
        }
    }
    for item in list.into_iter().take(MAX_OBJECTS) {
        let item = match item {
            Value::String(id) => fetch(data, &Url::parse(&id)?, fetched).await?,
            other => other,
        };
        let object = match item.get("type").and_then(Value::as_str) {
            Some("Create" | "Update" | "Announce") => match item.get("object") {
                Some(Value::String(id)) => fetch(data, &Url::parse(id)?, fetched).await?,
                Some(object) => object.clone(),
                None => continue,
            },
            _ => item,
        };
        objects.push(object);
    }
    Ok(())
}

async fn fetch(
    data: &Data<FederationData>,
    url: &Url,
    fetched: &mut usize,
) -> Result<Value, FedError> {
    *fetched += 1;
    if *fetched > MAX_OBJECTS + 2 {
        return Err(FedError::Invalid("the model is too large".into()));
    }
    Ok(fetch_object_http::<_, Value>(url, data).await?.object)
}
