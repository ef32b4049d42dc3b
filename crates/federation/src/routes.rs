//! HTTP routes of the federation door: actors (content-negotiated with the HTML pages at the
//! same URLs), inboxes, collections, WebFinger and NodeInfo.

use crate::actor::{actor_context, urls, ApubActor};
use crate::objects;
use crate::outbox;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::webfinger::{build_webfinger_response, extract_webfinger_name};
use activitypub_federation::traits::Object;
use activitypub_federation::FEDERATION_CONTENT_TYPE;
use actix_web::guard::{self, GuardContext};
use actix_web::{web, HttpResponse};
use citysync_app::catalog;
use citysync_app::federation as fed;
use citysync_app::federation::publications::Kind;
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
    .route(
        "/users/{username}/outbox",
        web::get().to(outbox::user_outbox),
    )
    .route("/users/{username}/followers", web::get().to(user_followers))
    .route(
        "/organizations/{handle}",
        web::get()
            .guard(guard::fn_guard(wants_activity_json))
            .to(organization_actor),
    )
    .service(
        web::resource("/organizations/{handle}/inbox")
            .app_data(web::PayloadConfig::new(MAX_INBOX_BODY))
            .route(web::post().to(inbox)),
    )
    .route(
        "/organizations/{handle}/outbox",
        web::get().to(outbox::organization_outbox),
    )
    .route(
        "/organizations/{handle}/followers",
        web::get().to(organization_followers),
    )
    .route(
        "/templates/{id}",
        web::get()
            .guard(guard::fn_guard(wants_activity_json))
            .to(object_of(Kind::Template)),
    )
    .route("/templates/{id}/adopted-by", web::get().to(adopted_by))
    .route(
        "/opportunities/{id}",
        web::get()
            .guard(guard::fn_guard(wants_activity_json))
            .to(object_of(Kind::Opportunity)),
    )
    .route(
        "/proposals/{id}",
        web::get()
            .guard(guard::fn_guard(wants_activity_json))
            .to(object_of(Kind::Proposal)),
    )
    .route(
        "/attestations/{id}",
        web::get().to(object_of(Kind::Attestation)),
    )
    .route(
        "/ledger/checkpoints/{seq}",
        web::get().to(object_of(Kind::Checkpoint)),
    )
    .route("/ns", web::get().to(namespace))
    .route("/city/followers", web::get().to(city_followers))
    .route("/city/outbox", web::get().to(outbox::city_outbox))
    .route("/.well-known/webfinger", web::get().to(webfinger))
    .route("/.well-known/nodeinfo", web::get().to(nodeinfo_links))
    .route("/nodeinfo/2.1", web::get().to(nodeinfo));
}

/// GET /city (Accept: application/activity+json) — the city actor, a `Service`.
pub async fn city_actor(data: Data<FederationData>) -> Result<HttpResponse, FedError> {
    ApubActor::local_city(data.app_data())
        .await?
        .http_response(&actor_context(), &data)
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
    actor.http_response(&actor_context(), &data).await
}

/// GET /users/{username}/followers — the actors following a resident.
pub async fn user_followers(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let actor = ApubActor::local_user(ctx, &path)
        .await?
        .ok_or(FedError::NotFound)?;
    let followers = fed::followers(ctx, actor.ap_id.as_str()).await?;
    Ok(collection(
        urls::user_part(&ctx.settings, &actor.preferred_username, "followers"),
        followers.into_iter().map(|f| f.follower_ap_id).collect(),
    ))
}

pub use crate::inbox::{inbox, MAX_JSON_DEPTH};

fn activity_json(value: &serde_json::Value) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(value)
}

/// A local object as AS2 JSON with our context; a withdrawn one as its `Tombstone` (410).
async fn object_response(
    data: &Data<FederationData>,
    kind: Kind,
    id: &str,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    match objects::render(ctx, kind, id).await {
        Ok(rendered) => {
            let mut object = rendered.object;
            if object.get("@context").is_none() {
                objects::set(&mut object, "@context", objects::context());
            }
            Ok(activity_json(&object))
        }
        Err(FedError::App(citysync_app::AppError::NotFound)) | Err(FedError::NotFound) => {
            match withdrawn_at(ctx, kind, id).await? {
                Some(at) => {
                    let mut tombstone =
                        objects::tombstone(&urls::object(&ctx.settings, kind, id), kind, at);
                    objects::set(&mut tombstone, "@context", objects::context());
                    Ok(HttpResponse::Gone()
                        .content_type(FEDERATION_CONTENT_TYPE)
                        .json(tombstone))
                }
                None => Err(FedError::NotFound),
            }
        }
        Err(e) => Err(e),
    }
}

/// When a once-public object was withdrawn (a retired template, a cancelled opportunity).
async fn withdrawn_at(
    ctx: &citysync_app::Ctx,
    kind: Kind,
    id: &str,
) -> Result<Option<chrono::NaiveDateTime>, FedError> {
    use citysync_domain::lifecycle::{OpportunityState, TemplateState};
    Ok(match kind {
        Kind::Template => match catalog::template_page(ctx, id, None, None).await {
            Ok(page) if page.template.state == TemplateState::Retired => {
                Some(page.template.updated_at)
            }
            _ => None,
        },
        Kind::Opportunity => match catalog::opportunity(ctx, id, None).await {
            Ok(opp) if opp.state == OpportunityState::Cancelled => {
                Some(opp.claim_deadline.min(ctx.now()))
            }
            _ => None,
        },
        _ => None,
    })
}

/// The AS2 handler of one kind of object: `GET /templates/{id}`, `/opportunities/{id}`,
/// `/proposals/{id}` (for AS2 clients; browsers get the page), `/attestations/{id}` (a
/// signed credential, JSON for every client) and `/ledger/checkpoints/{seq}`.
fn object_of(
    kind: Kind,
) -> impl Fn(
    web::Path<String>,
    Data<FederationData>,
) -> futures_util::future::LocalBoxFuture<'static, Result<HttpResponse, FedError>>
       + Clone
       + 'static {
    move |path, data| Box::pin(async move { object_response(&data, kind, &path).await })
}

/// GET /templates/{id}/adopted-by — the copies other cities made of a template.
pub async fn adopted_by(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let adoptions = fed::remote::adoptions(ctx, &path).await?;
    let id = format!(
        "{}/adopted-by",
        urls::object(&ctx.settings, Kind::Template, &path)
    );
    Ok(collection(
        url::Url::parse(&id)?,
        adoptions.into_iter().map(|a| a.copy_ap_id).collect(),
    ))
}

/// GET /ns — the City/Sync JSON-LD context (the same terms every document embeds).
pub async fn namespace() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/ld+json")
        .json(json!({ "@context": objects::terms() }))
}

/// GET /organizations/{handle} (AS2) — an approved organization, an `Organization`.
pub async fn organization_actor(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let actor = ApubActor::local_organization(data.app_data(), &path)
        .await?
        .ok_or(FedError::NotFound)?;
    actor.http_response(&actor_context(), &data).await
}

/// GET /organizations/{handle}/followers
pub async fn organization_followers(
    path: web::Path<String>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let actor = ApubActor::local_organization(ctx, &path)
        .await?
        .ok_or(FedError::NotFound)?;
    let followers = fed::followers(ctx, actor.ap_id.as_str()).await?;
    Ok(collection(
        urls::organization_part(&ctx.settings, &path, "followers"),
        followers.into_iter().map(|f| f.follower_ap_id).collect(),
    ))
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

#[derive(Deserialize)]
pub struct WebfingerQuery {
    resource: String,
}

/// GET /.well-known/webfinger?resource=acct:NAME@HOST — `city` is the city actor; other
/// names are residents, then organizations. HOST includes the port when it is not the
/// default. The resource may also be an actor's own URL (`https://HOST/organizations/NAME`),
/// as Mastodon allows: that reverse lookup is how Fedify and others find an actor's handle.
/// The subject is always the `acct:` handle, and the actor's URL an alias.
pub async fn webfinger(
    query: web::Query<WebfingerQuery>,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let ctx = data.app_data();
    let by_url = query
        .resource
        .strip_prefix(ctx.settings.url("/").as_str())
        .and_then(|path| match path.split_once('/') {
            None if path == "city" => Some("city"),
            Some(("users" | "organizations", name)) if !name.is_empty() && !name.contains('/') => {
                Some(name)
            }
            _ => None,
        });
    let name = match by_url {
        Some(name) => name,
        None => extract_webfinger_name(&query.resource, &data).map_err(|_| FedError::NotFound)?,
    };
    let actor = if name == "city" {
        ApubActor::local_city(ctx).await?
    } else if let Some(user) = ApubActor::local_user(ctx, name).await? {
        user
    } else {
        ApubActor::local_organization(ctx, name)
            .await?
            .ok_or(FedError::NotFound)?
    };
    // By URL, the URL must be the actor's own (not a resident's name under /organizations/).
    if by_url.is_some() && query.resource != actor.ap_id.as_str() {
        return Err(FedError::NotFound);
    }
    // The crate adds the `self` (AS2) and profile-page links.
    let subject = format!("acct:{}@{}", actor.preferred_username, ctx.settings.host());
    let mut response = build_webfinger_response(subject, actor.ap_id.clone());
    response.aliases = vec![actor.ap_id.clone()];
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
