//! The HTTP client resident verification asks the city's registry and its identity
//! provider through (the app's `identity::HttpClient` port): reqwest over rustls, following
//! no redirect (a redirect would let a configured service point the server at another
//! address), each request with its own timeout, answers capped at 1 MB.

use citysync_app::identity::{Http, HttpClient, HttpRequest, HttpResponse};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The largest answer read.
const ANSWER_MAX_BYTES: usize = 1024 * 1024;

pub struct ReqwestHttp {
    client: reqwest::Client,
}

impl ReqwestHttp {
    /// The port, shared; `None` if the TLS stack cannot be set up (the methods then say
    /// the service is unavailable).
    pub fn port() -> Option<Http> {
        // reqwest is built without a TLS provider of its own (rustls-no-provider): install
        // ring's, as the rest of the server does, before building a client (it would panic).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("City/Sync/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| tracing::error!(error = %e, "building the identity HTTP client"))
            .ok()?;
        Some(Http(Arc::new(ReqwestHttp { client })))
    }
}

impl HttpClient for ReqwestHttp {
    fn send(
        &self,
        request: HttpRequest,
        timeout: Duration,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, String>> + Send>> {
        let client = self.client.clone();
        Box::pin(async move {
            let mut request = reqwest::Request::try_from(request).map_err(|e| e.to_string())?;
            *request.timeout_mut() = Some(timeout);
            let mut resp = client.execute(request).await.map_err(|e| e.to_string())?;
            let mut answer = citysync_app::identity::http_response_builder().status(resp.status());
            for (name, value) in resp.headers() {
                answer = answer.header(name, value);
            }
            let mut body = Vec::new();
            while let Some(chunk) = resp.chunk().await.map_err(|e| e.to_string())? {
                body.extend_from_slice(&chunk);
                if body.len() > ANSWER_MAX_BYTES {
                    return Err("answer larger than 1 MB".to_owned());
                }
            }
            answer.body(body).map_err(|e| e.to_string())
        })
    }
}
