//! Actors: the city (`Service`), residents (`Person`) and, from later issues, organizations
//! (`Organization`); remote actors of any of these kinds are stored as remote, never as ours.

use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::protocol::public_key::PublicKey;
use activitypub_federation::protocol::verification::verify_domains_match;
use activitypub_federation::traits::{Actor, Object};
use chrono::{DateTime, Utc};
use citysync_app::federation as fed;
use citysync_app::translations::{self, Field, SubjectKind, Texts};
use citysync_app::{accounts, instance, organizations, Ctx};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use url::Url;

/// Remote fields are bounded before anything is stored.
const MAX_NAME: usize = 200;
const MAX_USERNAME: usize = 100;
const MAX_PEM: usize = 4096;
const MAX_SUMMARY: usize = 5000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorKind {
    Service,
    Person,
    Organization,
    Group,
    Application,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Service => "Service",
            ActorKind::Person => "Person",
            ActorKind::Organization => "Organization",
            ActorKind::Group => "Group",
            ActorKind::Application => "Application",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        [
            ActorKind::Service,
            ActorKind::Person,
            ActorKind::Organization,
            ActorKind::Group,
            ActorKind::Application,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_inbox: Option<Url>,
}

/// An actor on the wire.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorJson {
    #[serde(rename = "type")]
    pub kind: ActorKind,
    pub id: Url,
    pub preferred_username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// An organization's name and description in each language it has them (issue 27).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name_map: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary_map: BTreeMap<String, String>,
    pub inbox: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Endpoints>,
    pub public_key: PublicKey,
    /// FEP-521a: the Ed25519 key that signs this actor's attestations (organizations).
    /// A peer's may hold keys of other kinds (Fedify publishes its RSA key here too), a
    /// single object instead of a list, or references: read leniently, see
    /// [`lenient_methods`] and [`usable_assertion_key`].
    #[serde(
        default,
        deserialize_with = "lenient_methods",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub assertion_method: Vec<Multikey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
}

/// At most this many of a peer's `assertionMethod` entries are looked at.
const MAX_ASSERTION_METHODS: usize = 8;
/// A `z6Mk…` Ed25519 Multikey is 48 characters; anything much longer is another kind of key.
const MAX_MULTIBASE: usize = 100;

/// Reads a peer's `assertionMethod` without refusing the actor over it: one object or a
/// list, of which the embedded verification methods are kept (the first
/// [`MAX_ASSERTION_METHODS`]) and references or other shapes skipped.
fn lenient_methods<'de, D>(deserializer: D) -> Result<Vec<Multikey>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let items = match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Null => Vec::new(),
        one => vec![one],
    };
    Ok(items
        .into_iter()
        .take(MAX_ASSERTION_METHODS)
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect())
}

/// The Ed25519 key an actor document publishes for its attestations: the first
/// `assertionMethod` that is a `Multikey` controlled by the actor, on the actor's host,
/// holding an Ed25519 public key. Keys of other types or algorithms (Fedify's RSA Multikey
/// of 722 characters), over-long ones and keys of other controllers are ignored, never a
/// reason to refuse the actor.
pub fn usable_assertion_key(json: &ActorJson) -> Option<String> {
    json.assertion_method
        .iter()
        .find(|m| {
            m.kind == "Multikey"
                && m.controller == json.id
                && verify_domains_match(&m.id, &json.id).is_ok()
                && m.public_key_multibase.len() <= MAX_MULTIBASE
                && crate::integrity::is_ed25519_public_key(&m.public_key_multibase)
        })
        .map(|m| m.public_key_multibase.clone())
}

/// A Multikey verification method (FEP-521a).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Multikey {
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: String,
    pub controller: Url,
    pub public_key_multibase: String,
}

#[derive(Debug, Clone)]
pub struct ApubActor {
    pub ap_id: Url,
    pub kind: ActorKind,
    pub preferred_username: String,
    pub name: Option<String>,
    pub inbox: Url,
    pub shared_inbox: Option<Url>,
    pub public_key_pem: String,
    pub private_key_pem: Option<String>,
    pub local: bool,
    pub fetched_at: Option<DateTime<Utc>>,
    /// Ed25519 Multikey (public) that signs the actor's attestations.
    pub assertion_key: Option<String>,
    /// The local organization's Ed25519 secret (multibase), for signing attestations.
    pub attestation_secret: Option<String>,
    pub summary: Option<String>,
    /// A local organization's texts in the city's languages (its original and translations).
    pub texts: Option<Texts>,
}

/// Local actor URLs, in one place.
pub mod urls {
    use citysync_app::Settings;
    use url::Url;

    fn parse(settings: &Settings, path: &str) -> Url {
        Url::parse(&settings.url(path)).unwrap_or_else(|_| settings.public_url.clone())
    }
    pub fn city(s: &Settings) -> Url {
        parse(s, "/city")
    }
    pub fn city_inbox(s: &Settings) -> Url {
        parse(s, "/city/inbox")
    }
    pub fn city_outbox(s: &Settings) -> Url {
        parse(s, "/city/outbox")
    }
    pub fn city_followers(s: &Settings) -> Url {
        parse(s, "/city/followers")
    }
    pub fn shared_inbox(s: &Settings) -> Url {
        parse(s, "/inbox")
    }
    pub fn user(s: &Settings, username: &str) -> Url {
        parse(s, &format!("/users/{username}"))
    }
    pub fn user_inbox(s: &Settings, username: &str) -> Url {
        parse(s, &format!("/users/{username}/inbox"))
    }
    /// `/users/{username}/outbox`, `/users/{username}/followers`.
    pub fn user_part(s: &Settings, username: &str, part: &str) -> Url {
        parse(s, &format!("/users/{username}/{part}"))
    }
    pub fn organization(s: &Settings, handle: &str) -> Url {
        parse(s, &format!("/organizations/{handle}"))
    }
    pub fn organization_part(s: &Settings, handle: &str, part: &str) -> Url {
        parse(s, &format!("/organizations/{handle}/{part}"))
    }
    /// The id of a local object: `/templates/{id}`, `/opportunities/{id}`, `/proposals/{id}`,
    /// `/attestations/{id}`, `/ledger/checkpoints/{seq}`.
    pub fn object(
        s: &Settings,
        kind: citysync_app::federation::publications::Kind,
        id: &str,
    ) -> Url {
        use citysync_app::federation::publications::Kind;
        let path = match kind {
            Kind::Template => format!("/templates/{id}"),
            Kind::Opportunity => format!("/opportunities/{id}"),
            Kind::Proposal => format!("/proposals/{id}"),
            Kind::Attestation => format!("/attestations/{id}"),
            Kind::Checkpoint => format!("/ledger/checkpoints/{id}"),
        };
        parse(s, &path)
    }
    /// A deterministic activity id (re-rendering a publication gives the same id).
    pub fn activity_of(s: &Settings, publication: &str, suffix: &str) -> Url {
        parse(s, &format!("/activities/{publication}{suffix}"))
    }
    /// A new activity id on this instance.
    pub fn activity(s: &Settings, kind: &str) -> Url {
        parse(
            s,
            &format!("/activities/{kind}/{}", citysync_app::secrets::new_id()),
        )
    }
}

impl ApubActor {
    pub async fn local_city(ctx: &Ctx) -> Result<ApubActor, FedError> {
        let city = instance::get(ctx).await?;
        let private = instance::private_key_pem(ctx).await?;
        let s = &ctx.settings;
        Ok(ApubActor {
            ap_id: urls::city(s),
            kind: ActorKind::Service,
            preferred_username: "city".to_owned(),
            name: city.name.clone(),
            inbox: urls::city_inbox(s),
            shared_inbox: Some(urls::shared_inbox(s)),
            public_key_pem: city.public_key_pem,
            private_key_pem: Some(private),
            local: true,
            fetched_at: None,
            assertion_key: None,
            attestation_secret: None,
            summary: city.region.clone(),
            texts: None,
        })
    }

    /// An approved organization, an `Organization` actor with its own keys.
    pub async fn local_organization(
        ctx: &Ctx,
        handle: &str,
    ) -> Result<Option<ApubActor>, FedError> {
        let org = match organizations::by_handle(ctx, handle, None).await {
            Ok(org) => org,
            Err(citysync_app::AppError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let keys = organizations::actor_keys(ctx, &org.id).await?;
        let texts = translations::texts(ctx, SubjectKind::Organization, &org.id).await?;
        let secret = crate::integrity::secret_from_seed_hex(&keys.attestation_seed_hex)?;
        let s = &ctx.settings;
        Ok(Some(ApubActor {
            ap_id: urls::organization(s, &org.handle),
            kind: ActorKind::Organization,
            preferred_username: org.handle.clone(),
            name: Some(org.name.clone()),
            inbox: urls::organization_part(s, &org.handle, "inbox"),
            shared_inbox: Some(urls::shared_inbox(s)),
            public_key_pem: keys.public_pem,
            private_key_pem: Some(keys.private_pem),
            local: true,
            fetched_at: None,
            assertion_key: Some(crate::integrity::public_multibase(&secret)?),
            attestation_secret: Some(secret),
            summary: Some(org.description.clone()),
            texts: Some(texts),
        }))
    }

    pub async fn local_user(ctx: &Ctx, username: &str) -> Result<Option<ApubActor>, FedError> {
        let Some(user) = accounts::by_username(ctx, username).await? else {
            return Ok(None);
        };
        let (public, private) = fed::user_keys(ctx, &user.id.to_string()).await?;
        let profile = accounts::profile(ctx, &user.id.to_string()).await?;
        let s = &ctx.settings;
        Ok(Some(ApubActor {
            ap_id: urls::user(s, user.username.as_str()),
            kind: ActorKind::Person,
            preferred_username: user.username.to_string(),
            // Only a resident who made their profile public is shown by name.
            name: profile.public.then_some(profile.display_name).flatten(),
            inbox: urls::user_inbox(s, user.username.as_str()),
            shared_inbox: Some(urls::shared_inbox(s)),
            public_key_pem: public,
            private_key_pem: Some(private),
            local: true,
            fetched_at: None,
            assertion_key: None,
            attestation_secret: None,
            summary: None,
            texts: None,
        }))
    }

    fn from_row(row: fed::ActorRow) -> Result<ApubActor, FedError> {
        Ok(ApubActor {
            ap_id: Url::parse(&row.ap_id)?,
            kind: ActorKind::parse(&row.kind)
                .ok_or_else(|| FedError::Invalid(format!("stored actor kind {}", row.kind)))?,
            preferred_username: row.preferred_username,
            name: row.name,
            inbox: Url::parse(&row.inbox)?,
            shared_inbox: row.shared_inbox.as_deref().map(Url::parse).transpose()?,
            public_key_pem: row.public_key_pem,
            private_key_pem: None,
            local: false,
            fetched_at: Some(row.fetched_at.and_utc()),
            assertion_key: row.assertion_key,
            attestation_secret: None,
            summary: None,
            texts: None,
        })
    }

    /// Which local actor, if any, a URL on our own host names.
    pub async fn read_local(url: &Url, ctx: &Ctx) -> Result<Option<ApubActor>, FedError> {
        if *url == urls::city(&ctx.settings) {
            return Ok(Some(ApubActor::local_city(ctx).await?));
        }
        if url.query().is_some() {
            return Ok(None);
        }
        if let Some(name) = url.path().strip_prefix("/users/") {
            if !name.contains('/') {
                return ApubActor::local_user(ctx, name).await;
            }
        }
        if let Some(handle) = url.path().strip_prefix("/organizations/") {
            if !handle.contains('/') {
                return ApubActor::local_organization(ctx, handle).await;
            }
        }
        Ok(None)
    }
}

fn bounded(value: &str, max: usize, what: &str) -> Result<(), FedError> {
    if value.chars().count() > max {
        return Err(FedError::Invalid(format!("{what} is too long")));
    }
    Ok(())
}

#[async_trait::async_trait]
impl Object for ApubActor {
    type DataType = FederationData;
    type Kind = ActorJson;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        self.fetched_at
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<Self::DataType>,
    ) -> Result<Option<Self>, Self::Error> {
        let ctx: &Ctx = data.app_data();
        if fed::peer_of(&object_id) == ctx.settings.host() {
            return ApubActor::read_local(&object_id, ctx).await;
        }
        match fed::actor_by_ap_id(ctx, object_id.as_str()).await? {
            Some(row) => Ok(Some(ApubActor::from_row(row)?)),
            None => Ok(None),
        }
    }

    async fn into_json(self, data: &Data<Self::DataType>) -> Result<Self::Kind, Self::Error> {
        let s = &data.app_data().settings;
        let (outbox, followers) = match (self.local, self.kind) {
            (true, ActorKind::Service) => {
                (Some(urls::city_outbox(s)), Some(urls::city_followers(s)))
            }
            (true, ActorKind::Organization) => (
                Some(urls::organization_part(
                    s,
                    &self.preferred_username,
                    "outbox",
                )),
                Some(urls::organization_part(
                    s,
                    &self.preferred_username,
                    "followers",
                )),
            ),
            (true, ActorKind::Person) => (
                Some(urls::user_part(s, &self.preferred_username, "outbox")),
                Some(urls::user_part(s, &self.preferred_username, "followers")),
            ),
            _ => (None, None),
        };
        let assertion_method = match &self.assertion_key {
            Some(key) if self.local => vec![Multikey {
                id: assertion_key_id(&self.ap_id),
                kind: "Multikey".to_owned(),
                controller: self.ap_id.clone(),
                public_key_multibase: key.clone(),
            }],
            _ => Vec::new(),
        };
        Ok(ActorJson {
            kind: self.kind,
            id: self.ap_id.clone(),
            preferred_username: self.preferred_username.clone(),
            name: self.name.clone(),
            summary: self.summary.clone(),
            name_map: self
                .texts
                .as_ref()
                .map(|t| t.map(Field::Title, self.name.as_deref().unwrap_or("")))
                .unwrap_or_default(),
            summary_map: self
                .texts
                .as_ref()
                .map(|t| t.map(Field::Summary, self.summary.as_deref().unwrap_or("")))
                .unwrap_or_default(),
            inbox: self.inbox.clone(),
            outbox,
            followers,
            assertion_method,
            endpoints: Some(Endpoints {
                shared_inbox: self.shared_inbox.clone(),
            }),
            public_key: self.public_key(),
            url: Some(self.ap_id.clone()),
        })
    }

    async fn verify(
        json: &Self::Kind,
        expected_domain: &Url,
        _data: &Data<Self::DataType>,
    ) -> Result<(), Self::Error> {
        verify_domains_match(&json.id, expected_domain)?;
        verify_domains_match(&json.id, &json.inbox)?;
        if json.public_key.owner != json.id {
            return Err(FedError::Invalid(
                "public key owner is not the actor".into(),
            ));
        }
        bounded(&json.preferred_username, MAX_USERNAME, "preferredUsername")?;
        bounded(json.name.as_deref().unwrap_or(""), MAX_NAME, "name")?;
        bounded(
            json.summary.as_deref().unwrap_or(""),
            MAX_SUMMARY,
            "summary",
        )?;
        bounded(&json.public_key.public_key_pem, MAX_PEM, "publicKeyPem")?;
        // `assertionMethod` is not checked here: keys City/Sync cannot use are ignored when
        // the actor is stored (`usable_assertion_key`), not held against the actor.
        Ok(())
    }

    async fn from_json(json: Self::Kind, data: &Data<Self::DataType>) -> Result<Self, Self::Error> {
        let ctx: &Ctx = data.app_data();
        if fed::peer_of(&json.id) == ctx.settings.host() {
            // Never store a copy of one of our own actors from a remote document.
            return ApubActor::read_local(&json.id, ctx)
                .await?
                .ok_or(FedError::NotFound);
        }
        let assertion_key = usable_assertion_key(&json);
        let row = fed::ActorRow {
            id: fed::new_actor_id(),
            ap_id: json.id.to_string(),
            kind: json.kind.as_str().to_owned(),
            preferred_username: json.preferred_username,
            name: json.name,
            inbox: json.inbox.to_string(),
            shared_inbox: json
                .endpoints
                .and_then(|e| e.shared_inbox)
                .map(|u| u.to_string()),
            public_key_pem: json.public_key.public_key_pem,
            domain: fed::peer_of(&json.id),
            fetched_at: ctx.now(),
            assertion_key,
        };
        ApubActor::from_row(fed::save_actor(ctx, row).await?)
    }
}

impl Actor for ApubActor {
    fn public_key_pem(&self) -> &str {
        &self.public_key_pem
    }

    fn private_key_pem(&self) -> Option<String> {
        self.private_key_pem.clone()
    }

    fn inbox(&self) -> Url {
        self.inbox.clone()
    }

    fn shared_inbox(&self) -> Option<Url> {
        self.shared_inbox.clone()
    }
}

/// The JSON-LD contexts an actor document adds to [`crate::objects::context`]: DID Core's
/// (`assertionMethod`, `controller`) and Multikey's (`Multikey`, `publicKeyMultibase`), so
/// JSON-LD consumers (Fedify's `getAssertionMethods()`) see the attestation key.
pub const ACTOR_CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
];

/// The `@context` of our actor documents: the objects' context with [`ACTOR_CONTEXTS`]
/// placed after its IRIs and before its term definitions.
pub fn actor_context() -> serde_json::Value {
    let mut context = match crate::objects::context() {
        serde_json::Value::Array(items) => items,
        one => vec![one],
    };
    let mut at = context
        .iter()
        .position(|item| !item.is_string())
        .unwrap_or(context.len());
    for iri in ACTOR_CONTEXTS {
        let iri = serde_json::Value::from(iri);
        if !context.contains(&iri) {
            context.insert(at, iri);
            at += 1;
        }
    }
    serde_json::Value::Array(context)
}

/// The id of an actor's attestation key: `<actor>#ed25519-key`.
pub fn assertion_key_id(actor: &Url) -> Url {
    let mut id = actor.clone();
    id.set_fragment(Some("ed25519-key"));
    id
}
