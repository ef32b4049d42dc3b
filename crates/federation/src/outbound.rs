//! Outbound signatures (docs/federation.md, "Outbound signatures"): which HTTP signature
//! scheme a delivery is signed with, and the "double knock".
//!
//! activitypub_federation signs every delivery with draft-cavage and reads the answer
//! itself (a 4xx other than 408 and 429 counts as delivered). So the scheme is settled inside
//! the federation HTTP client — the same guarded client, a [`DoubleKnock`] layer in it — for
//! the requests the delivery worker sends within [`Knock::deliver`]:
//!
//! - to a peer known to accept RFC 9421 the request goes out signed with RFC 9421 instead;
//! - otherwise it goes out as the crate signed it (draft-cavage);
//! - answered 401, or 400/403 with a body that mentions the signature, it is sent once more
//!   at once with the other scheme;
//! - the scheme of the attempt that was taken (2xx) is what the worker then remembers.
//!
//! Every other request of the client (fetches, signed or not) passes untouched.

use crate::actor::ApubActor;
use crate::{rfc9421, FedError};
use activitypub_federation::traits::Actor;
use citysync_app::federation::peers::SignatureScheme;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Request, Response, StatusCode};
use reqwest_middleware::{Middleware, Next};
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};

/// The most of a refusal's body read to see whether it is about the signature.
const REFUSAL_READ: usize = 16 * 1024;

tokio::task_local! {
    static KNOCK: Knock;
}

/// One delivery's signing: the actor's key, the scheme to knock with first, and (once sent)
/// the scheme the peer took.
#[derive(Clone)]
pub struct Knock {
    inner: Arc<Inner>,
}

struct Inner {
    key_id: String,
    key_pem: String,
    key: OnceLock<RsaPrivateKey>,
    first: SignatureScheme,
    taken: Mutex<Option<SignatureScheme>>,
}

impl Knock {
    /// A delivery signed as `actor` (its RSA key, its key id), first with `first`.
    pub fn new(actor: &ApubActor, first: SignatureScheme) -> Result<Knock, FedError> {
        let key_pem = actor
            .private_key_pem()
            .ok_or_else(|| FedError::Invalid(format!("{} has no private key", actor.ap_id)))?;
        Ok(Knock {
            inner: Arc::new(Inner {
                key_id: actor.public_key().id,
                key_pem,
                key: OnceLock::new(),
                first,
                taken: Mutex::new(None),
            }),
        })
    }

    /// Runs `send` (the crate's `sign_and_send`) with this knock in force.
    pub async fn deliver<F: Future>(&self, send: F) -> F::Output {
        KNOCK.scope(self.clone(), send).await
    }

    /// The scheme of the attempt the peer took (2xx), if one was.
    pub fn taken(&self) -> Option<SignatureScheme> {
        *self
            .inner
            .taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn took(&self, scheme: SignatureScheme) {
        *self
            .inner
            .taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(scheme);
    }

    fn private_key(&self) -> Result<&RsaPrivateKey, FedError> {
        if let Some(key) = self.inner.key.get() {
            return Ok(key);
        }
        let key = RsaPrivateKey::from_pkcs8_pem(&self.inner.key_pem)
            .map_err(|e| FedError::Invalid(format!("the actor's private key: {e}")))?;
        Ok(self.inner.key.get_or_init(|| key))
    }

    /// `request` (signed draft-cavage by the crate) signed with RFC 9421 instead: the
    /// draft-cavage `Signature` and `Digest` give way to `Signature-Input`, `Signature` and
    /// `Content-Digest` over the same body.
    fn signed_rfc9421(&self, mut request: Request) -> Result<Request, FedError> {
        let body = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .ok_or_else(|| FedError::Invalid("a delivery without a body in memory".into()))?;
        let signed = rfc9421::sign(
            request.method().as_str(),
            request.url(),
            body,
            self.private_key()?,
            &self.inner.key_id,
            chrono::Utc::now(),
        )?;
        let headers = request.headers_mut();
        headers.remove("digest");
        for (name, value) in [
            ("content-digest", signed.content_digest),
            ("signature-input", signed.signature_input),
            ("signature", signed.signature),
        ] {
            let value = HeaderValue::from_str(&value)
                .map_err(|e| FedError::Invalid(format!("the {name} header: {e}")))?;
            headers.insert(HeaderName::from_static(name), value);
        }
        Ok(request)
    }

    /// `request` as the scheme signs it: as the crate signed it (draft-cavage), or RFC 9421.
    fn signed(&self, request: Request, scheme: SignatureScheme) -> Result<Request, FedError> {
        match scheme {
            SignatureScheme::DraftCavage => Ok(request),
            SignatureScheme::Rfc9421 => self.signed_rfc9421(request),
        }
    }
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
    let mut response = response;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
        if body.len() >= REFUSAL_READ {
            break;
        }
    }
    let about_signature = String::from_utf8_lossy(&body)
        .to_ascii_lowercase()
        .contains("signature");
    let mut rebuilt = http::Response::new(body);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok((Response::from(rebuilt), about_signature))
}

/// The layer of the federation HTTP client that signs a delivery with the scheme its
/// [`Knock`] says, and knocks a second time with the other one when the first is refused.
pub struct DoubleKnock;

#[async_trait::async_trait]
impl Middleware for DoubleKnock {
    async fn handle(
        &self,
        request: Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let knock = match KNOCK.try_with(Knock::clone) {
            Ok(knock) if request.method() == Method::POST => knock,
            _ => return next.run(request, extensions).await,
        };
        let first = knock.inner.first;
        // Kept as the crate signed it, for a second knock.
        let spare = request.try_clone();
        let request = knock
            .signed(request, first)
            .map_err(reqwest_middleware::Error::middleware)?;
        let response = next.clone().run(request, extensions).await?;
        let (response, refused) = refuses_signature(response).await?;
        if !refused {
            if response.status().is_success() {
                knock.took(first);
            }
            return Ok(response);
        }
        let Some(spare) = spare else {
            return Ok(response);
        };
        let second = first.other();
        tracing::info!(url = %spare.url(), status = %response.status(), refused = first.as_str(), retry = second.as_str(), "delivery signature refused: knocking again with the other scheme");
        let spare = knock
            .signed(spare, second)
            .map_err(reqwest_middleware::Error::middleware)?;
        let mut fresh = http::Extensions::new();
        let response = next.run(spare, &mut fresh).await?;
        if response.status().is_success() {
            knock.took(second);
        }
        Ok(response)
    }
}
