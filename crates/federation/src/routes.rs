//! HTTP routes of the federation door: actors (content-negotiated with the HTML pages at the
//! same URLs), inboxes, collections, WebFinger and NodeInfo.

use crate::activities::InboxActivity;
use crate::actor::{actor_context, urls, ApubActor};
use crate::objects;
use crate::outbox;
use crate::{FedError, FederationData};
use activitypub_federation::actix_web::inbox::{receive_activity_with_hook, ReceiveActivityHook};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::fetch::webfinger::{build_webfinger_response, extract_webfinger_name};
use activitypub_federation::traits::{Actor, Object};
use activitypub_federation::FEDERATION_CONTENT_TYPE;
use actix_web::guard::{self, GuardContext};
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog;
use citysync_app::federation as fed;
use citysync_app::federation::publications::Kind;
use serde::Deserialize;
use serde_json::json;
use std::cell::Cell;

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

/// Deepest JSON nesting an activity may have.
pub const MAX_JSON_DEPTH: usize = 32;

/// POST /inbox, /city/inbox, /users/{username}/inbox, /organizations/{handle}/inbox —
/// signed activities from peers.
///
/// First, cheaply and before anything is fetched: the client address's budget of requests
/// that did not verify (429), the nesting depth, a `Signature` header at all (401), the
/// signature's time, and the city's domain policy for the claimed actor's domain (a blocked
/// peer gets 403). Then the crate checks digest, origin and signature with the actor's key;
/// once it verified, the peer domain's budget is charged (429 with Retry-After), and our
/// activities check and apply the rest. A request that fails before its signature verified
/// is charged to its client address, never to the domain it names: nobody can spend a
/// peer's budget but the peer. When the signature fails against the cached key, the actor
/// is refetched once (at most every few minutes per actor) in case it rotated its key.
pub async fn inbox(
    req: HttpRequest,
    body: web::Bytes,
    data: Data<FederationData>,
) -> Result<HttpResponse, FedError> {
    let address = client_key(&req, data.app_data());
    crate::rate::check_address(&address)?;
    let verified = Cell::new(false);
    let result = receive(&req, &body, &data, &verified).await;
    if result.is_err() && !verified.get() {
        crate::rate::charge_unverified(&address);
    }
    result
}

/// The address an inbox request is counted against: the client as every throttle of the
/// city sees it (`[server] trusted_proxies` honoured); an IPv6 client by its /64, which one
/// host commonly holds whole.
fn client_key(req: &HttpRequest, ctx: &citysync_app::Ctx) -> String {
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    let address = citysync_app::throttle::client_address(
        req.peer_addr().map(|a| a.ip()),
        &forwarded,
        &ctx.settings.trusted_proxies,
    );
    match address.parse::<std::net::Ipv6Addr>() {
        Ok(v6) if v6.to_ipv4_mapped().is_none() => {
            let [a, b, c, d, ..] = v6.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
        _ => address,
    }
}

async fn receive(
    req: &HttpRequest,
    body: &web::Bytes,
    data: &Data<FederationData>,
    verified: &Cell<bool>,
) -> Result<HttpResponse, FedError> {
    crate::policy::check_json_depth(body, MAX_JSON_DEPTH)?;
    if !req.headers().contains_key("signature") {
        return Err(FedError::Unsigned(
            "the request carries no HTTP signature (Signature header)".into(),
        ));
    }
    // RFC 9421 (Signature-Input beside Signature) or draft-cavage: time, components and
    // digest are checked here, before anything is fetched.
    let rfc9421 = if crate::rfc9421::present(req.headers()) {
        Some(crate::rfc9421::prepare(
            req,
            body,
            &data.app_data().settings.public_url,
            chrono::Utc::now(),
        )?)
    } else {
        crate::signature_time::check(req.headers(), chrono::Utc::now())?;
        None
    };
    #[derive(Deserialize)]
    struct Claimed {
        // Required, as the crate's `WithContext` required it before the hook needed `Clone`.
        #[serde(rename = "@context")]
        _context: serde_json::Value,
        actor: url::Url,
    }
    let claimed: Claimed = serde_json::from_slice(body)?;
    let domain = fed::peer_of(&claimed.actor);
    let ctx = data.app_data();
    let lists = fed::peers::lists(ctx).await?;
    if lists.refuses(ctx.settings.federation.allowlist_only, &domain) {
        return Err(FedError::Forbidden(format!(
            "{domain} may not federate with this city"
        )));
    }
    if let Some(prepared) = rfc9421 {
        match receive_rfc9421(body, &prepared, verified, data).await {
            Err(FedError::Signature(why))
                if why == crate::rfc9421::NOT_VERIFIED
                    && !verified.get()
                    && key_rotated(&claimed.actor, data).await =>
            {
                receive_rfc9421(body, &prepared, verified, data).await?;
            }
            other => other?,
        }
        return Ok(HttpResponse::Accepted().finish());
    }
    let attempt = || {
        receive_activity_with_hook::<InboxActivity, ApubActor, FederationData>(
            req.clone(),
            body.clone(),
            Verified(verified),
            data,
        )
    };
    match attempt().await {
        Err(FedError::Protocol(activitypub_federation::error::Error::ActivitySignatureInvalid))
            if !verified.get() && key_rotated(&claimed.actor, data).await =>
        {
            attempt().await?;
        }
        other => {
            other?;
        }
    }
    Ok(HttpResponse::Accepted().finish())
}

/// The crate's inbox steps for an RFC 9421 request, whose signature the crate cannot check
/// (`receive_activity_with_hook` knows draft-cavage only): parse the activity, the crate's
/// origin checks on its id (same host as the actor, not ours, an allowed URL), fetch the
/// actor through the crate, verify with its key, then the same hook (verified, the peer's
/// budget charged) and the activity's own `verify` and `receive`.
async fn receive_rfc9421(
    body: &web::Bytes,
    prepared: &crate::rfc9421::Prepared,
    verified: &Cell<bool>,
    data: &Data<FederationData>,
) -> Result<(), FedError> {
    use activitypub_federation::error::Error as E;
    use activitypub_federation::traits::Activity;
    let activity: InboxActivity =
        serde_json::from_slice(body).map_err(|err| E::ParseReceivedActivity {
            err,
            id: serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("id")?.as_str()?.parse().ok()),
        })?;
    activity_origin(&activity, data).await?;
    if !prepared.names_key_of(activity.actor()) {
        return Err(FedError::Signature(format!(
            "the signature's keyid {} is not a key of the actor {}",
            prepared.keyid,
            activity.actor()
        )));
    }
    let actor = ObjectId::<ApubActor>::from(activity.actor().clone())
        .dereference(data)
        .await?;
    prepared.verify(actor.public_key_pem())?;
    // A peer that signs with RFC 9421 is answered in kind (docs/federation.md, "Outbound
    // signatures").
    fed::peers::remember_signature_scheme(
        data.app_data(),
        &fed::peer_of(actor.id()),
        fed::peers::SignatureScheme::Rfc9421,
    )
    .await?;
    Verified(verified).hook(&activity, &actor, data).await?;
    activity.verify(data).await?;
    activity.receive(data).await
}

/// What the crate checks of an inbound activity's id before it fetches the actor
/// (`FederationConfig::verify_url_and_domain`, private to it): the id's host is the actor's,
/// it is not one of ours, its scheme is https (http only where the city allows local peers,
/// as the crate's test mode does), and the city's policy and address guard allow it.
async fn activity_origin(
    activity: &InboxActivity,
    data: &Data<FederationData>,
) -> Result<(), FedError> {
    use activitypub_federation::error::Error as E;
    use activitypub_federation::traits::Activity;
    let id = activity.id();
    activitypub_federation::protocol::verification::verify_domains_match(id, activity.actor())?;
    if fed::peer_of(id) == data.app_data().settings.host() {
        return Err(E::UrlVerificationError("Activity was sent from local instance").into());
    }
    // `is_valid_ip` is a no-op exactly when the crate runs in its test mode (local peers).
    let test_mode = data
        .is_valid_ip(&url::Url::parse("http://127.0.0.1/").map_err(FedError::Url)?)
        .await
        .is_ok();
    match id.scheme() {
        "https" => {}
        "http" if test_mode => {}
        _ => return Err(E::UrlVerificationError("Invalid url scheme").into()),
    }
    if !test_mode {
        if id.port().is_some() {
            return Err(E::UrlVerificationError("Explicit port is not allowed").into());
        }
        data.is_valid_ip(id).await?;
    }
    let ctx = data.app_data();
    let lists = fed::peers::lists(ctx).await?;
    if lists.refuses(ctx.settings.federation.allowlist_only, &fed::peer_of(id)) {
        return Err(
            E::UrlVerificationError("the city's federation policy refuses this domain").into(),
        );
    }
    Ok(())
}

/// Called by the crate once the signature verified, before the activity's own checks:
/// marks the request verified and charges the signer's domain.
struct Verified<'a>(&'a Cell<bool>);

impl ReceiveActivityHook<InboxActivity, ApubActor, FederationData> for Verified<'_> {
    async fn hook(
        self,
        _activity: &InboxActivity,
        actor: &ApubActor,
        data: &Data<FederationData>,
    ) -> Result<(), FedError> {
        self.0.set(true);
        crate::rate::admit(
            &fed::peer_of(actor.id()),
            data.app_data().settings.federation.inbound_per_minute,
        )
    }
}

/// After a signature failed against the cached key: refetches `actor` (at most once per
/// [`crate::rate::KEY_REFETCH_EVERY`]) and says whether its key changed, so the
/// verification is worth one retry. A peer that rotated its key is heard at once instead of
/// when the cached actor expires a day later.
async fn key_rotated(actor: &url::Url, data: &Data<FederationData>) -> bool {
    let ctx = data.app_data();
    // A fetch made by this request already (the crate fetches the actor before it checks
    // the signature, and nothing else before) means the key just failed was fresh.
    if data.request_count() > 0
        || fed::peer_of(actor) == ctx.settings.host()
        || !crate::rate::may_refetch_key(actor.as_str())
    {
        return false;
    }
    let cached = match fed::actor_by_ap_id(ctx, actor.as_str()).await {
        Ok(Some(row)) => row.public_key_pem,
        _ => return false,
    };
    match ObjectId::<ApubActor>::from(actor.clone())
        .dereference_forced(data)
        .await
    {
        Ok(fresh) => {
            let rotated = fresh.public_key_pem() != cached;
            tracing::info!(%actor, rotated, "actor refetched after a signature failure");
            rotated
        }
        Err(e) => {
            tracing::info!(%actor, error = %e, "refetching an actor after a signature failure failed");
            false
        }
    }
}

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
