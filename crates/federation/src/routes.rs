//! HTTP routes of the federation door: actors (content-negotiated with the HTML pages at the
//! same URLs), inboxes, collections, WebFinger and NodeInfo.

use crate::activities::InboxActivity;
use crate::actor::{urls, ApubActor};
use crate::{context, FedError, FederationData};
use activitypub_federation::actix_web::inbox::receive_activity;
use activitypub_federation::config::Data;
use activitypub_federation::fetch::webfinger::{build_webfinger_response, extract_webfinger_name};
use activitypub_federation::protocol::context::WithContext;
use activitypub_federation::traits::Object;
use activitypub_federation::FEDERATION_CONTENT_TYPE;
use actix_web::guard::{self, GuardContext};
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::federation as fed;
use serde::Deserialize;
use serde_json::json;

/// Largest inbox body accepted (a larger one gets 413).
pub const MAX_INBOX_BODY: usize = 256 * 1024;

/// Whether a request asks for ActivityStreams JSON rather than a page.
pub fn wants_activity_json(ctx: &GuardContext<'_>) -> bool {
    ctx.head()
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(|accept| {
            accept.contains("application/activity+json")
                || (accept.contains("application/ld+json") && accept.contains("activitystreams"))
        })
        .unwrap_or(false)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    let inbox_limit = web::PayloadConfig::new(MAX_INBOX_BODY);
    cfg.route(
        "/city",
        web::get()
            .guard(guard::fn_guard(wants_activity_json))
            .to(city_actor),
    )
    .route(
        "/users/{username}",
        web::get()
            .guard(guard::fn_guard(wants_activity_json))
            .to(user_actor),
    )
    .service(
        web::resource("/city/inbox")
            .app_data(inbox_limit.clone())
            .route(web::post().to(inbox)),
    )
    .service(
        web::resource("/inbox")
            .app_data(inbox_limit.clone())
            .route(web::post().to(inbox)),
    )
    .service(
        web::resource("/users/{username}/inbox")
            .app_data(inbox_limit)
            .route(web::post().to(inbox)),
    )
    .route("/city/followers", web::get().to(city_followers))
    .route("/city/outbox", web::get().to(city_outbox))
    .route("/.well-known/webfinger", web::get().to(webfinger))
    .route("/.well-known/nodeinfo", web::get().to(nodeinfo_links))
    .route("/nodeinfo/2.1", web::get().to(nodeinfo));
}

/// GET /city (Accept: application/activity+json) — the city actor, a `Service`.
pub async fn city_actor(data: Data<FederationData>) -> Result<HttpResponse, FedError> {
    ApubActor::local_city(data.app_data())
        .await?
        .http_response(&context(), &data)
        .await
}

/// GET /users/{username} (Accept: application/activity+json) — a resident, a `Person`.
pub async fn user_actor(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let actor = ApubActor::local_user(data.app_data(), &path)
        .await?
        .ok_or(FedError::NotFound)?;
    actor.http_response(&context(), &data).await
}

/// POST /inbox, /city/inbox, /users/{username}/inbox — signed activities from peers.
pub async fn inbox(
    req: HttpRequest,
    body: web::Bytes,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    receive_activity::<WithContext<InboxActivity>, ApubActor, FederationData>(req, body, &data)
        .await
}

fn collection(id: url::Url, items: Vec<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": id,
            "type": "OrderedCollection",
            "totalItems": items.len(),
            "orderedItems": items,
        }))
}

/// GET /city/followers — the peer cities (and others) following this city.
pub async fn city_followers(data: Data<FederationData>) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let city = urls::city(&ctx.settings);
    let followers = fed::followers(ctx, city.as_str()).await?;
    Ok(collection(
        urls::city_followers(&ctx.settings),
        followers.into_iter().map(|f| f.follower_ap_id).collect(),
    ))
}

/// GET /city/outbox — what the city published (filled by the federation issue).
pub async fn city_outbox(data: Data<FederationData>) -> Result<HttpResponse, FedError> {
    Ok(collection(
        urls::city_outbox(&data.app_data().settings),
        Vec::new(),
    ))
}

#[derive(Deserialize)]
pub struct WebfingerQuery {
    resource: String,
}

/// GET /.well-known/webfinger?resource=acct:NAME@HOST — `city` is the city actor; other
/// names are residents. HOST includes the port when it is not the default.
pub async fn webfinger(
    query: web::Query<WebfingerQuery>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let name = extract_webfinger_name(&query.resource, &data).map_err(|_| FedError::NotFound)?;
    let actor = if name == "city" {
        ApubActor::local_city(ctx).await?
    } else {
        ApubActor::local_user(ctx, name)
            .await?
            .ok_or(FedError::NotFound)?
    };
    // The crate adds the `self` (AS2) and profile-page links.
    let response = build_webfinger_response(query.resource.clone(), actor.ap_id.clone());
    Ok(HttpResponse::Ok()
        .content_type("application/jrd+json")
        .json(response))
}

/// GET /.well-known/nodeinfo — where the NodeInfo 2.1 document is.
pub async fn nodeinfo_links(data: Data<FederationData>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "links": [{
            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
            "href": data.app_data().settings.url("/nodeinfo/2.1"),
        }]
    }))
}

/// GET /nodeinfo/2.1 — software, protocols and user counts.
pub async fn nodeinfo(data: Data<FederationData>) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let (total, verified) = fed::user_counts(ctx).await?;
    let city = citysync_app::instance::get(ctx).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"")
        .json(json!({
            "version": "2.1",
            "software": {
                "name": "citysync",
                "version": env!("CARGO_PKG_VERSION"),
            },
            "protocols": ["activitypub"],
            "services": { "inbound": [], "outbound": [] },
            "openRegistrations": true,
            "usage": { "users": { "total": total, "verified": verified }, "localPosts": 0 },
            "metadata": { "nodeName": city.display_name(), "region": city.region, "defaultLocale": city.default_locale.code() },
        })))
}
