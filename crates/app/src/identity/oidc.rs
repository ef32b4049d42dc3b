//! An OpenID Connect identity provider as a resident verification (Mexico City's Llave
//! CDMX is the model), with the `openidconnect` crate over the server's HTTP client.
//!
//! The resident, signed in here, starts the flow ([`begin`]): City/Sync discovers the
//! provider, sends the resident to its authorization endpoint with the authorization-code
//! flow, PKCE (S256), a nonce and a state, and keeps the state's hash, the nonce and the
//! PKCE verifier server-side, bound to the resident's account, for ten minutes. The
//! provider sends the resident back to `/settings/identity/oidc/callback`; [`finish`] takes
//! the flow (a state is good once, for the account that started it), exchanges the code,
//! verifies the ID token (signature, issuer, audience, expiry, nonce, access-token hash)
//! and reads the configured claim: `sub` from the ID token, any other claim (`curp`) from
//! the userinfo endpoint, whose subject must be the ID token's. The claim is the
//! identifier, hashed by the common path, so the conflict rules apply across methods (a
//! CURP from the provider is the same identifier as that CURP at a registrar's desk).

use super::{methods, record, Checked, Hidden, Outcome};
use crate::{secrets, throttle, AppError, Ctx, User};
use chrono::Duration;
use citysync_domain::identity::{DocumentIdentifier, DocumentKind, VerificationMethod};
use citysync_storage::identity::{self as store, OidcFlowRow};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreProviderMetadata,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse, UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

/// How long a started sign-in waits for the resident to come back.
pub const FLOW_MINUTES: i64 = 10;
/// Sign-ins one account may start per hour (each keeps a row for ten minutes).
pub const STARTS_PER_ACCOUNT: throttle::Limit = throttle::Limit {
    max: 20,
    window_secs: 3600,
};
/// Where the provider sends the resident back (registered with the provider).
pub const CALLBACK_PATH: &str = "/settings/identity/oidc/callback";
/// How long each request to the provider may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// `[identity.oidc]` of the server's configuration.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The provider's name as residents know it ("Llave CDMX"): the button says it.
    pub name: String,
    /// The issuer, exactly as the provider's discovery document gives it.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Hidden,
    /// The claim that carries the identifier: `sub` (the default), or e.g. `curp`.
    pub claim: String,
    /// What that claim is: `Curp` and `DocumentNumber` are checked and normalized as at a
    /// registrar's desk; `ProviderSubject` is kept exactly, prefixed by the issuer.
    pub identifier_kind: DocumentKind,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
}

/// Claims beyond the standard ones (the userinfo answer's other members).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Extra {
    #[serde(flatten)]
    members: HashMap<String, serde_json::Value>,
}

impl AdditionalClaims for Extra {}

type Answer = Pin<Box<dyn Future<Output = Result<openidconnect::HttpResponse, Failed>> + Send>>;

/// A transport failure, as the `openidconnect` crate wants it (an `Error`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Failed(String);

/// The crate's HTTP client: the server's (see [`super::HttpClient`]: no redirects, which
/// would open the server to request forgery; answers capped in size), with a timeout.
fn transport(ctx: &Ctx) -> Result<impl Fn(openidconnect::HttpRequest) -> Answer, AppError> {
    let http = ctx
        .settings
        .identity
        .http
        .clone()
        .ok_or_else(|| unavailable("no HTTP client"))?;
    Ok(move |request: openidconnect::HttpRequest| -> Answer {
        let sent = http.0.send(request, TIMEOUT);
        Box::pin(async move { sent.await.map_err(Failed) })
    })
}

fn settings(ctx: &Ctx) -> Result<&OidcSettings, AppError> {
    ctx.settings
        .identity
        .oidc
        .as_ref()
        .ok_or(AppError::VerificationMethodOff)
}

fn unavailable(e: impl std::fmt::Display) -> AppError {
    AppError::IdentityProviderUnavailable(e.to_string())
}

fn refused(e: impl std::fmt::Display) -> AppError {
    AppError::IdentityProviderRefused(e.to_string())
}

/// The provider's metadata (discovery) and a client for it.
async fn client(
    ctx: &Ctx,
    settings: &OidcSettings,
    http: &(impl Fn(openidconnect::HttpRequest) -> Answer + Sync),
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    AppError,
> {
    let issuer = IssuerUrl::new(settings.issuer.clone()).map_err(unavailable)?;
    let metadata = CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(unavailable)?;
    let redirect = RedirectUrl::new(ctx.settings.url(CALLBACK_PATH)).map_err(unavailable)?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(settings.client_id.clone()),
        // A public client (no secret) authenticates by PKCE alone.
        (!settings.client_secret.0.is_empty())
            .then(|| ClientSecret::new(settings.client_secret.0.clone())),
    )
    .set_redirect_uri(redirect))
}

/// Starts the sign-in at the provider; returns where to send the resident.
pub async fn begin(ctx: &Ctx, resident: &User) -> Result<String, AppError> {
    resident.require_verified()?;
    let settings = settings(ctx)?;
    let (ctx2, bucket) = (ctx.clone(), format!("oidc:{}", resident.id));
    ctx.db
        .write(move |conn| {
            methods::require_on(conn, &ctx2, VerificationMethod::OpenidConnect)?;
            throttle::hit(conn, &ctx2, &bucket, STARTS_PER_ACCOUNT)
        })
        .await?;
    let http = transport(ctx)?;
    let client = client(ctx, settings, &http).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for scope in &settings.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.url();
    let now = ctx.now();
    let row = OidcFlowRow {
        state_hash: secrets::hash_token(state.secret()),
        user_id: resident.id.to_string(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        created_at: now,
    };
    ctx.db
        .write(move |conn| {
            store::delete_oidc_flows_before(conn, now - Duration::minutes(FLOW_MINUTES))?;
            store::insert_oidc_flow(conn, &row)?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(url.to_string())
}

/// What the provider sent back to the callback.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub code: String,
    /// Set when the provider (or the resident) refused (RFC 6749 §4.1.2.1).
    #[serde(default)]
    pub error: String,
}

/// Finishes the sign-in: checks the flow, the code, the ID token and the claim, then
/// verifies the resident through the common path.
pub async fn finish(ctx: &Ctx, resident: &User, back: &Callback) -> Result<Outcome, AppError> {
    resident.require_verified()?;
    let settings = settings(ctx)?;
    let (state_hash, now) = (secrets::hash_token(&back.state), ctx.now());
    let flow = ctx
        .db
        .write(move |conn| Ok::<_, AppError>(store::take_oidc_flow(conn, &state_hash)?))
        .await?
        .filter(|f| !back.state.is_empty() && f.created_at + Duration::minutes(FLOW_MINUTES) > now)
        .ok_or_else(|| refused("unknown or expired state"))?;
    if flow.user_id != resident.id.to_string() {
        return Err(refused("the sign-in was started by another account"));
    }
    if !back.error.is_empty() {
        return Err(refused(format!("the provider answered {}", back.error)));
    }
    if back.code.is_empty() {
        return Err(refused("no code"));
    }
    let http = transport(ctx)?;
    let client = client(ctx, settings, &http).await?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(back.code.clone()))
        .map_err(unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier))
        .request_async(&http)
        .await
        .map_err(refused)?;
    let id_token = tokens.id_token().ok_or_else(|| refused("no ID token"))?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(flow.nonce))
        .map_err(refused)?;
    if let Some(expected) = claims.access_token_hash() {
        let alg = id_token.signing_alg().map_err(refused)?;
        let key = id_token.signing_key(&verifier).map_err(refused)?;
        let actual =
            AccessTokenHash::from_token(tokens.access_token(), alg, key).map_err(refused)?;
        if actual != *expected {
            return Err(refused("the access token does not match the ID token"));
        }
    }
    let subject = claims.subject().clone();
    let value = if settings.claim == "sub" {
        subject.as_str().to_owned()
    } else {
        let info: UserInfoClaims<Extra, CoreGenderClaim> = client
            .user_info(tokens.access_token().clone(), Some(subject))
            .map_err(unavailable)?
            .request_async(&http)
            .await
            .map_err(refused)?;
        info.additional_claims()
            .members
            .get(&settings.claim)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .ok_or_else(|| refused(format!("no {} claim", settings.claim)))?
    };
    let identifier = match settings.identifier_kind {
        DocumentKind::ProviderSubject => {
            DocumentIdentifier::provider_subject(&settings.issuer, &value)?
        }
        kind => DocumentIdentifier::parse(kind, &value)?,
    };
    let city_secret = crate::instance::private_key_pem(ctx).await?;
    let (resident_id, agent, ctx2) = (resident.id.to_string(), resident.id, ctx.clone());
    ctx.db
        .write(move |conn| {
            methods::require_on(conn, &ctx2, VerificationMethod::OpenidConnect)?;
            let checked = Checked {
                method: VerificationMethod::OpenidConnect,
                identifier,
                agent,
                organization_id: None,
            };
            record(conn, &ctx2, now, &city_secret, &resident_id, &checked)
        })
        .await?
}
