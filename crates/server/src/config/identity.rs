//! `[identity.registry]` and `[identity.oidc]`: the services resident verification may ask,
//! checked once at start-up into the app's `IdentitySettings`.

use super::{is_loopback, ConfigError, Secret};
use serde::{Deserialize, Serialize};
use url::Url;

/// The services resident verification may ask (issue 25). Which methods a city offers is
/// the administrator's switch on /admin/identity; these say where the registry and the
/// identity provider are, and hold their secrets. An empty `url` / `issuer`: none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IdentityConfig {
    pub registry: RegistryConfig,
    pub oidc: OidcConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegistryConfig {
    /// Where to POST a check (https; http only on loopback). Empty: no registry.
    pub url: String,
    /// The registry's name as residents know it.
    pub name: String,
    /// The document residents enter: `curp` or `document_number`.
    pub document_kind: String,
    /// Whether residents also give their birth date (sent to the registry).
    pub ask_birth_date: bool,
    /// Sent as `Authorization: Bearer …` when not empty.
    pub token: Secret,
    /// Seconds to wait for the registry's answer (1 to 60).
    pub timeout_seconds: u64,
}

impl Default for RegistryConfig {
    fn default() -> Self {
        RegistryConfig {
            url: String::new(),
            name: "the city's registry".to_owned(),
            document_kind: "curp".to_owned(),
            ask_birth_date: false,
            token: Secret(String::new()),
            timeout_seconds: 10,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OidcConfig {
    /// The provider's issuer URL (https; http only on loopback). Empty: no provider.
    pub issuer: String,
    /// The provider's name as residents know it: the button reads "Verify with <name>".
    pub name: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// The claim carrying the identifier (`sub`, or e.g. `curp`, read from userinfo).
    pub claim: String,
    /// What the claim is: `subject` (kept exactly), `curp` or `document_number`.
    pub identifier_kind: String,
    /// Scopes asked for besides `openid` (e.g. `["curp"]`).
    pub scopes: Vec<String>,
}

impl Default for OidcConfig {
    fn default() -> Self {
        OidcConfig {
            issuer: String::new(),
            name: "the city's identity service".to_owned(),
            client_id: String::new(),
            client_secret: Secret(String::new()),
            claim: "sub".to_owned(),
            identifier_kind: "subject".to_owned(),
            scopes: Vec::new(),
        }
    }
}

fn identity_kind(text: &str) -> Option<citysync_domain::identity::DocumentKind> {
    use citysync_domain::identity::DocumentKind;
    match text {
        "subject" => Some(DocumentKind::ProviderSubject),
        other => DocumentKind::parse(other).ok().filter(|k| k.is_document()),
    }
}

/// An http(s) URL that is https unless its host is loopback.
fn service_url(what: &str, raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw)
        .map_err(|e| ConfigError::Invalid(format!("{what} is not a URL ({e}): {raw}")))?;
    let ok = url.scheme() == "https" || (url.scheme() == "http" && is_loopback(&url));
    if !ok || url.host().is_none() {
        return Err(ConfigError::Invalid(format!(
            "{what} must use https (http only on loopback), got {raw}"
        )));
    }
    Ok(url)
}

impl IdentityConfig {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        self.settings().map(|_| ())
    }

    /// The use cases' view, checked.
    pub fn settings(&self) -> Result<citysync_app::identity::IdentitySettings, ConfigError> {
        use citysync_app::identity::{oidc::OidcSettings, registry::RegistrySettings, Hidden};
        let bad = |m: &str| ConfigError::Invalid(m.to_owned());
        let hidden = |s: &Secret| (!s.0.is_empty()).then(|| Hidden(s.0.clone()));
        let r = &self.registry;
        let registry = if r.url.is_empty() {
            None
        } else {
            let document_kind = identity_kind(&r.document_kind)
                .filter(|k| k.is_document())
                .ok_or_else(|| {
                    bad("identity.registry.document_kind must be `curp` or `document_number`")
                })?;
            if !(1..=60).contains(&r.timeout_seconds) {
                return Err(bad("identity.registry.timeout_seconds must be 1 to 60"));
            }
            Some(RegistrySettings {
                name: r.name.clone(),
                url: service_url("identity.registry.url", &r.url)?,
                document_kind,
                ask_birth_date: r.ask_birth_date,
                token: hidden(&r.token),
                timeout: std::time::Duration::from_secs(r.timeout_seconds),
            })
        };
        let o = &self.oidc;
        let oidc = if o.issuer.is_empty() {
            None
        } else {
            service_url("identity.oidc.issuer", &o.issuer)?;
            if o.client_id.is_empty() || o.claim.is_empty() {
                return Err(bad("identity.oidc needs client_id and claim"));
            }
            let identifier_kind = identity_kind(&o.identifier_kind).ok_or_else(|| {
                bad("identity.oidc.identifier_kind must be `subject`, `curp` or `document_number`")
            })?;
            let mut scopes = o.scopes.clone();
            scopes.retain(|s| s != "openid");
            Some(OidcSettings {
                name: o.name.clone(),
                issuer: o.issuer.clone(),
                client_id: o.client_id.clone(),
                client_secret: hidden(&o.client_secret).unwrap_or_default(),
                claim: o.claim.clone(),
                identifier_kind,
                scopes,
            })
        };
        Ok(citysync_app::identity::IdentitySettings {
            registry,
            oidc,
            http: None,
        })
    }
}
