//! Outbound deliveries (docs/federation.md, "Outbound signatures"): the city signs and sends
//! each delivery itself, with ring ([`crate::signing`]), in one of two schemes, and knocks a
//! second time with the other one when the first is refused.
//!
//! - to a peer known to accept RFC 9421 the request goes out signed with RFC 9421;
//! - otherwise it goes out signed draft-cavage, exactly as activitypub_federation signed it;
//! - answered 401, or 400/403 with a body that mentions the signature, it is sent once more
//!   at once with the other scheme;
//! - the scheme of the attempt that was taken (2xx) is what the worker then remembers.
//!
//! The answer is judged as activitypub_federation judged it: 2xx delivered; any other 4xx
//! but 408 and 429 final (the peer will never take it, so it is not retried); anything else
//! an error to retry.

use crate::signing::{self, SigningKey};
use crate::{rfc9421, FedError};
use citysync_app::federation::peers::SignatureScheme;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Client, Method, Request, Response, StatusCode};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// The most of a refusal's body read to see whether it is about the signature.
const REFUSAL_READ: usize = 16 * 1024;

/// The content type of every delivery (activitypub_federation's `FEDERATION_CONTENT_TYPE`).
const CONTENT_TYPE: &str = activitypub_federation::FEDERATION_CONTENT_TYPE;

/// One delivery: the activity's bytes for one inbox, signed as one actor.
pub struct Delivery {
    pub inbox: Url,
    pub body: Vec<u8>,
    /// The actor's key id (`…#main-key`).
    pub key_id: String,
    pub key: Arc<SigningKey>,
}

/// How a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Taken (2xx), signed with this scheme.
    Taken(SignatureScheme),
    /// Refused for good (a 4xx other than 408 and 429): not retried.
    Refused(StatusCode),
}

impl Delivery {
    /// The POST of this delivery signed with `scheme`.
    fn request(&self, client: &Client, scheme: SignatureScheme) -> Result<Request, FedError> {
        let mut headers = HeaderMap::new();
        let header = |value: &str| {
            HeaderValue::from_str(value)
                .map_err(|e| FedError::Invalid(format!("a delivery header: {e}")))
        };
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static(CONTENT_TYPE),
        );
        headers.insert(
            reqwest::header::HOST,
            header(&signing::host_header(&self.inbox)?)?,
        );
        headers.insert(
            reqwest::header::DATE,
            header(&signing::http_date(chrono::Utc::now()))?,
        );
        match scheme {
            SignatureScheme::DraftCavage => {
                headers.insert("digest", header(&signing::digest_header(&self.body))?);
                let signature = signing::draft_cavage(
                    &Method::POST,
                    &self.inbox,
                    &headers,
                    &self.key_id,
                    &self.key,
                )?;
                headers.insert("signature", header(&signature)?);
            }
            SignatureScheme::Rfc9421 => {
                let signed = rfc9421::sign(
                    Method::POST.as_str(),
                    &self.inbox,
                    &self.body,
                    &self.key,
                    &self.key_id,
                    chrono::Utc::now(),
                )?;
                for (name, value) in [
                    ("content-digest", signed.content_digest),
                    ("signature-input", signed.signature_input),
                    ("signature", signed.signature),
                ] {
                    headers.insert(HeaderName::from_static(name), header(&value)?);
                }
            }
        }
        client
            .post(self.inbox.clone())
            .headers(headers)
            .body(self.body.clone())
            .build()
            .map_err(|e| FedError::Invalid(format!("building a delivery: {e}")))
    }

    /// Sends this delivery through `client` (the guarded federation client), first signed
    /// with `first`, then, if that is refused as a signature, with the other scheme.
    pub async fn send(
        &self,
        client: &Client,
        timeout: Duration,
        first: SignatureScheme,
    ) -> Result<Outcome, FedError> {
        let response = self.attempt(client, timeout, first).await?;
        let (response, refused) = refuses_signature(response).await.map_err(sending)?;
        let (response, scheme) = if refused {
            let second = first.other();
            tracing::info!(url = %self.inbox, status = %response.status(), refused = first.as_str(), retry = second.as_str(), "delivery signature refused: knocking again with the other scheme");
            (self.attempt(client, timeout, second).await?, second)
        } else {
            (response, first)
        };
        judged(&self.inbox, response, scheme).await
    }

    async fn attempt(
        &self,
        client: &Client,
        timeout: Duration,
        scheme: SignatureScheme,
    ) -> Result<Response, FedError> {
        let mut request = self.request(client, scheme)?;
        *request.timeout_mut() = Some(timeout);
        client.execute(request).await.map_err(sending)
    }
}

fn sending(e: reqwest::Error) -> FedError {
    FedError::Invalid(format!("sending failed: {e}"))
}

/// The answer as activitypub_federation's `SendActivityTask` judged it.
async fn judged(
    url: &Url,
    response: Response,
    scheme: SignatureScheme,
) -> Result<Outcome, FedError> {
    let status = response.status();
    if status.is_success() {
        return Ok(Outcome::Taken(scheme));
    }
    let text = read_limited(response, REFUSAL_READ)
        .await
        .map(|body| String::from_utf8_lossy(&body).into_owned())
        .unwrap_or_default();
    if status.is_client_error()
        && status != StatusCode::REQUEST_TIMEOUT
        && status != StatusCode::TOO_MANY_REQUESTS
    {
        tracing::debug!(%url, %status, body = %text, "delivery refused for good");
        return Ok(Outcome::Refused(status));
    }
    Err(FedError::Invalid(format!(
        "delivery to {url} failed with status {status}: {text}"
    )))
}

async fn read_limited(mut response: Response, limit: usize) -> Result<Vec<u8>, reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
        if body.len() >= limit {
            break;
        }
    }
    Ok(body)
}

/// Whether an answer refuses the request's signature scheme: 401, or 400/403 saying so in its
/// body. The answer is given back whole (its body read when it had to be).
async fn refuses_signature(response: Response) -> Result<(Response, bool), reqwest::Error> {
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED {
        return Ok((response, true));
    }
    if status != StatusCode::BAD_REQUEST && status != StatusCode::FORBIDDEN {
        return Ok((response, false));
    }
    let headers: HeaderMap = response.headers().clone();
    let version = response.version();
    let body = read_limited(response, REFUSAL_READ).await?;
    let about_signature = String::from_utf8_lossy(&body)
        .to_ascii_lowercase()
        .contains("signature");
    let mut rebuilt = http::Response::new(body);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok((Response::from(rebuilt), about_signature))
}
