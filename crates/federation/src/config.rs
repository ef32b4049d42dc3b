//! The activitypub_federation configuration, built once per process.

use crate::actor::ApubActor;
use crate::FedError;
use activitypub_federation::config::{FederationConfig, UrlVerifier};
use citysync_app::Ctx;
use std::time::Duration;
use url::Url;

/// What the crate hands our activity and object handlers: the use-case context.
pub type FederationData = Ctx;

/// Refuses fetches and deliveries to hosts the city blocked (the federation issue adds
/// allowlists and blocks; the hook is here from the start).
#[derive(Clone)]
struct CityUrlVerifier;

#[async_trait::async_trait]
impl UrlVerifier for CityUrlVerifier {
    async fn verify(&self, url: &Url) -> Result<(), activitypub_federation::error::Error> {
        if url.host_str().is_none() {
            return Err(activitypub_federation::error::Error::UrlVerificationError(
                "URL has no host",
            ));
        }
        Ok(())
    }
}

/// Builds the federation configuration. `allow_local_peers` is for tests on one machine:
/// it allows `http:`, explicit ports and loopback peers; signature checks are unchanged.
/// In production the HTTP client resolves names with the crate's validating resolver, which
/// refuses private, loopback, link-local and similar addresses at connect time.
pub async fn build_config(
    ctx: Ctx,
    allow_local_peers: bool,
) -> Result<FederationConfig<FederationData>, FedError> {
    let timeout = Duration::from_secs(10);
    let client = reqwest::Client::builder()
        // The crate follows one redirect itself, re-checking the target like the first URL
        // (https, no port, no IP literal, our URL verifier); reqwest must follow none. No
        // proxy from the environment: the resolver's address check must see the real host.
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(timeout)
        .user_agent(concat!("citysync/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(std::sync::Arc::new(crate::policy::GuardedResolver {
            allow_local: allow_local_peers,
        }))
        .build()
        .map_err(|e| FedError::Invalid(format!("cannot build the federation HTTP client: {e}")))?;
    let city = ApubActor::local_city(&ctx).await?;
    let domain = ctx.settings.host();
    FederationConfig::builder()
        .domain(domain)
        .app_data(ctx)
        .client(client.into())
        .request_timeout(timeout)
        .http_fetch_limit(20)
        .url_verifier(Box::new(CityUrlVerifier))
        .signed_fetch_actor(&city)
        .debug(allow_local_peers)
        .allow_http_urls(allow_local_peers)
        .build()
        .await
        .map_err(|e| FedError::Invalid(format!("federation configuration: {e}")))
}
