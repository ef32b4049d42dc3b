//! The inbox (docs/federation.md, "Signatures" and "Security"): every check of a signed
//! activity from a peer, in order, with the keys and policy lists kept in memory (issue 29).
//!
//! activitypub_federation's `receive_activity` checks draft-cavage signatures with a PEM it
//! parses on every request; so the inbox takes the same steps itself, for both schemes:
//! the digest, the activity's origin, the actor (through the crate's `ObjectId`, read from
//! the actor cache), the signature with the actor's parsed key ([`crate::keys`]), the hook
//! that marks the request verified, then the activity's own `verify` and `receive`.

use crate::activities::InboxActivity;
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::error::Error as E;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::traits::{Activity, Actor, Object};
use actix_web::{web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use citysync_app::federation as fed;
use citysync_app::federation::peers::DomainLists;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use serde::Deserialize;
use sha2::{Digest as _, Sha256};
use std::cell::Cell;
use std::collections::BTreeMap;

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
    // digest are checked before anything is fetched.
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
    let signed = match rfc9421 {
        Some(prepared) => Signed::Rfc9421(prepared),
        None => Signed::Cavage(cavage(req, body, data)?),
    };
    receive_signed(body, &signed, &lists, verified, data).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// A request's signature, checked as far as it can be without the actor's key.
enum Signed {
    Rfc9421(crate::rfc9421::Prepared),
    /// draft-cavage: the signing string and signature, as the crate's verifier reads them.
    Cavage(http_signature_normalization::verify::Unverified),
}

impl Signed {
    /// Verifies with the actor's key. A signature that does not verify is the crate's
    /// `ActivitySignatureInvalid` (draft-cavage) or [`crate::rfc9421::NOT_VERIFIED`].
    fn verify(&self, key: &RsaPublicKey) -> Result<(), FedError> {
        match self {
            Signed::Rfc9421(prepared) => prepared.verify_with(key),
            Signed::Cavage(unverified) => {
                let good = unverified.verify(|signature, signing_string| {
                    BASE64.decode(signature).is_ok_and(|signature| {
                        key.verify(
                            Pkcs1v15Sign::new::<Sha256>(),
                            &Sha256::digest(signing_string.as_bytes()),
                            &signature,
                        )
                        .is_ok()
                    })
                });
                if good {
                    Ok(())
                } else {
                    Err(E::ActivitySignatureInvalid.into())
                }
            }
        }
    }

    /// Whether `error` says the signature did not verify with the key (so a rotated key is
    /// worth a look).
    fn not_verified(&self, error: &FedError) -> bool {
        match error {
            FedError::Signature(why) => why == crate::rfc9421::NOT_VERIFIED,
            FedError::Protocol(E::ActivitySignatureInvalid) => true,
            _ => false,
        }
    }
}

/// What the crate checked of a draft-cavage request before it parsed the activity: the
/// `Digest` of the body (every digest listed must be the body's SHA-256), then the
/// `Signature` header and its signing string (`Digest` covered, `(created)`/`(expires)` or
/// `Date` within the hour), `Host` taken as the city's domain when the request has none.
fn cavage(
    req: &HttpRequest,
    body: &[u8],
    data: &Data<FederationData>,
) -> Result<http_signature_normalization::verify::Unverified, FedError> {
    let digests: Vec<&str> = req
        .headers()
        .get("digest")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| {
            v.split(',')
                .filter_map(|part| part.split_once('=').map(|(_, value)| value))
                .collect()
        })
        .unwrap_or_default();
    let ours = BASE64.encode(Sha256::digest(body));
    if digests.is_empty() || digests.iter().any(|d| *d != ours) {
        return Err(E::ActivityBodyDigestInvalid.into());
    }
    let mut headers = BTreeMap::new();
    for (name, value) in req.headers() {
        if let Ok(value) = value.to_str() {
            headers.insert(name.as_str().to_owned(), value.to_owned());
        }
    }
    if !headers.contains_key("host") {
        headers.insert("host".to_owned(), data.domain().to_owned());
    }
    let path_and_query = req.uri().path_and_query().map_or("", |p| p.as_str());
    http_signature_normalization::Config::new()
        .set_expiration(crate::signing::EXPIRES_AFTER)
        .require_digest()
        .begin_verify(req.method().as_str(), path_and_query, headers)
        .map_err(|e| E::Other(e.to_string()).into())
}

/// The inbox's steps once the signature is prepared: parse the activity, its origin (same
/// host as the actor, not ours, an allowed URL), the actor (read through the crate, from
/// the actor cache, fetched when unknown or stale), the signature with its key — once more
/// after a failure when the key turns out rotated — then the hook (verified, the peer's
/// budget charged) and the activity's own `verify` and `receive`.
async fn receive_signed(
    body: &web::Bytes,
    signed: &Signed,
    lists: &DomainLists,
    verified: &Cell<bool>,
    data: &Data<FederationData>,
) -> Result<(), FedError> {
    let activity: InboxActivity =
        serde_json::from_slice(body).map_err(|err| E::ParseReceivedActivity {
            err,
            id: serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.get("id")?.as_str()?.parse().ok()),
        })?;
    activity_origin(&activity, lists, data).await?;
    if let Signed::Rfc9421(prepared) = signed {
        if !prepared.names_key_of(activity.actor()) {
            return Err(FedError::Signature(format!(
                "the signature's keyid {} is not a key of the actor {}",
                prepared.keyid,
                activity.actor()
            )));
        }
    }
    let actor_id = ObjectId::<ApubActor>::from(activity.actor().clone());
    let mut actor = actor_id.dereference(data).await?;
    let key = crate::keys::public_key(actor.public_key_pem())?;
    if let Err(e) = signed.verify(&key) {
        if !signed.not_verified(&e) || !key_rotated(&actor, data).await {
            return Err(e);
        }
        actor = actor_id.dereference(data).await?;
        let key = crate::keys::public_key(actor.public_key_pem())?;
        signed.verify(&key)?;
    }
    if let Signed::Rfc9421(_) = signed {
        // A peer that signs with RFC 9421 is answered in kind (docs/federation.md, "Outbound
        // signatures").
        fed::peers::remember_signature_scheme(
            data.app_data(),
            &fed::peer_of(actor.id()),
            fed::peers::SignatureScheme::Rfc9421,
        )
        .await?;
    }
    verified.set(true);
    crate::rate::admit(
        &fed::peer_of(actor.id()),
        data.app_data().settings.federation.inbound_per_minute,
    )?;
    activity.verify(data).await?;
    activity.receive(data).await
}

/// What the crate checks of an inbound activity's id before it fetches the actor
/// (`FederationConfig::verify_url_and_domain`, private to it): the id's host is the actor's,
/// it is not one of ours, its scheme is https (http only where the city allows local peers,
/// as the crate's test mode does), and the city's policy and address guard allow it.
async fn activity_origin(
    activity: &InboxActivity,
    lists: &DomainLists,
    data: &Data<FederationData>,
) -> Result<(), FedError> {
    let id = activity.id();
    activitypub_federation::protocol::verification::verify_domains_match(id, activity.actor())?;
    if fed::peer_of(id) == data.app_data().settings.host() {
        return Err(E::UrlVerificationError("Activity was sent from local instance").into());
    }
    let test_mode = crate::config::allows_local_peers(data).await;
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
    if lists.refuses(ctx.settings.federation.allowlist_only, &fed::peer_of(id)) {
        return Err(
            E::UrlVerificationError("the city's federation policy refuses this domain").into(),
        );
    }
    Ok(())
}

/// After a signature failed against `actor`'s key as this process keeps it: says whether the
/// key changed, so the verification is worth one retry with the actor read again (from the
/// same actor cache, which now holds the new key). First the stored row (another process may
/// have fetched the actor again since this one kept it); then a refetch over the network, at
/// most once per [`crate::rate::KEY_REFETCH_EVERY`] per actor. A peer that rotated its key
/// is heard at once instead of when the stored actor expires a day later.
async fn key_rotated(actor: &ApubActor, data: &Data<FederationData>) -> bool {
    let ctx = data.app_data();
    let id = actor.id();
    let used = actor.public_key_pem();
    // A fetch made by this request already (the crate fetches the actor before it checks
    // the signature, and nothing else before) means the key just failed was fresh.
    if data.request_count() > 0 || fed::peer_of(id) == ctx.settings.host() {
        return false;
    }
    match fed::stored_actor(ctx, id.as_str()).await {
        Ok(Some(row)) if row.public_key_pem != used => {
            tracing::info!(actor = %id, "the stored actor has another key: verifying again");
            return true;
        }
        Ok(Some(_)) => {}
        _ => return false,
    }
    if !crate::rate::may_refetch_key(id.as_str()) {
        return false;
    }
    match ObjectId::<ApubActor>::from(id.clone())
        .dereference_forced(data)
        .await
    {
        Ok(fresh) => {
            let rotated = fresh.public_key_pem() != used;
            tracing::info!(actor = %id, rotated, "actor refetched after a signature failure");
            rotated
        }
        Err(e) => {
            tracing::info!(actor = %id, error = %e, "refetching an actor after a signature failure failed");
            false
        }
    }
}
