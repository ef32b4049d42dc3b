//! The activitypub_federation configuration, built once per process.

use crate::actor::ApubActor;
use crate::signing::SignFetches;
use crate::FedError;
use activitypub_federation::config::{Data, FederationConfig, UrlVerifier};
use activitypub_federation::traits::Actor;
use citysync_app::Ctx;
use std::time::Duration;
use url::Url;

/// What the crate hands our activity and object handlers: the use-case context.
pub type FederationData = Ctx;

/// The outbound guard's policy half: refuses every fetch and delivery (and every inbound
/// activity id the crate checks) whose host the city's policy refuses — blocked, or not on
/// the allowlist in `allowlist` mode — judged on the host as `fed::peer_of` normalizes it,
/// so `runsc.`, `RUNSC` and `xn--…` forms of a blocked name are refused like the name.
/// (The address half is [`crate::policy::GuardedResolver`].)
#[derive(Clone)]
struct CityUrlVerifier {
    ctx: Ctx,
}

#[async_trait::async_trait]
impl UrlVerifier for CityUrlVerifier {
    async fn verify(&self, url: &Url) -> Result<(), activitypub_federation::error::Error> {
        use activitypub_federation::error::Error;
        if url.host_str().is_none() {
            return Err(Error::UrlVerificationError("URL has no host"));
        }
        let lists = citysync_app::federation::peers::lists(&self.ctx)
            .await
            .map_err(|e| Error::Other(format!("reading the domain policy: {e}")))?;
        let peer = citysync_app::federation::peer_of(url);
        if lists.refuses(self.ctx.settings.federation.allowlist_only, &peer) {
            return Err(Error::UrlVerificationError(
                "the city's federation policy refuses this domain",
            ));
        }
        Ok(())
    }
}

/// The guarded federation HTTP client: names resolved by [`crate::policy::GuardedResolver`]
/// (internal addresses refused at connect time unless `allow_local_peers`), no redirects
/// followed by reqwest (the crate follows one itself, re-checking the target like the first
/// URL: https, no port, no IP literal, our URL verifier), no proxy from the environment (the
/// resolver's address check must see the real host), ten-second timeouts.
pub fn http_client(allow_local_peers: bool) -> Result<reqwest::Client, FedError> {
    let timeout = Duration::from_secs(10);
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(timeout)
        .user_agent(concat!("citysync/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(std::sync::Arc::new(crate::policy::GuardedResolver {
            allow_local: allow_local_peers,
        }))
        .build()
        .map_err(|e| FedError::Invalid(format!("cannot build the federation HTTP client: {e}")))
}

/// Whether the configuration allows local peers (`allow_local_peers`): its address check is
/// a no-op exactly then (the crate's debug mode).
pub async fn allows_local_peers(data: &Data<FederationData>) -> bool {
    match Url::parse("http://127.0.0.1/") {
        Ok(loopback) => data.is_valid_ip(&loopback).await.is_ok(),
        Err(_) => false,
    }
}

/// Builds the federation configuration. `allow_local_peers` is for tests on one machine:
/// it allows `http:`, explicit ports and loopback peers; signature checks are unchanged.
/// In production the HTTP client resolves names with the crate's validating resolver, which
/// refuses private, loopback, link-local and similar addresses at connect time.
///
/// The crate is given no `signed_fetch_actor`, so it signs nothing itself (it would sign with
/// the `rsa` crate): the client's [`SignFetches`] layer signs its fetches as the city actor,
/// with ring, and deliveries are signed by [`crate::delivery`].
pub async fn build_config(
    ctx: Ctx,
    allow_local_peers: bool,
) -> Result<FederationConfig<FederationData>, FedError> {
    let timeout = Duration::from_secs(10);
    let client = http_client(allow_local_peers)?;
    let city = ApubActor::local_city(&ctx).await?;
    let city_key = city
        .private_key_pem()
        .ok_or_else(|| FedError::Invalid("the city actor has no private key".into()))?;
    let sign_fetches = SignFetches::new(city.public_key().id, &city_key)?;
    let domain = ctx.settings.host();
    let verifier = CityUrlVerifier { ctx: ctx.clone() };
    FederationConfig::builder()
        .domain(domain)
        .app_data(ctx)
        .client(
            reqwest_middleware::ClientBuilder::new(client)
                .with(sign_fetches)
                .build(),
        )
        .request_timeout(timeout)
        .http_fetch_limit(20)
        .url_verifier(Box::new(verifier))
        .debug(allow_local_peers)
        .allow_http_urls(allow_local_peers)
        .build()
        .await
        .map_err(|e| FedError::Invalid(format!("federation configuration: {e}")))
}
