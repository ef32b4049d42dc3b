//! Outbound HTTP signatures, made with ring (docs/federation.md, "Outbound signatures").
//!
//! activitypub_federation signs with the pure-Rust `rsa` crate, whose private-key operations
//! are not constant-time (RUSTSEC-2023-0071, the Marvin attack), and takes no other signer:
//! `SendActivityTask` holds an `rsa::RsaPrivateKey` and signs inside `sign_and_send`, and a
//! signed fetch signs with the `signed_fetch_actor`'s. So the city signs everything it sends
//! itself, with ring's RSA (constant-time, blinded, and several times faster):
//!
//! - deliveries ([`crate::delivery`]): draft-cavage exactly as the crate wrote it — same
//!   headers, same `hs2019` header, same one-hour `(expires)` — or RFC 9421
//!   ([`crate::rfc9421::sign`]);
//! - fetches: every GET of the federation client that is not signed yet is signed
//!   draft-cavage as the city actor by the client's [`SignFetches`] layer (the crate is given
//!   no `signed_fetch_actor`, so it signs nothing).
//!
//! `rsa` is left with public keys only (PEM parsing and verification of what peers sign) and
//! with the generation of new key pairs, which ring cannot do.

use crate::FedError;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, Request, Response};
use reqwest_middleware::{Middleware, Next};
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a draft-cavage signature is valid (`(expires)`), as activitypub_federation sets it.
pub const EXPIRES_AFTER: Duration = Duration::from_secs(60 * 60);

/// An actor's RSA private key, parsed once, signing RSASSA-PKCS1-v1_5 with SHA-256.
pub struct SigningKey {
    pair: RsaKeyPair,
    rng: SystemRandom,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(…)")
    }
}

impl SigningKey {
    /// A key from its PEM: PKCS#8 (`PRIVATE KEY`, as the city stores its keys) or PKCS#1
    /// (`RSA PRIVATE KEY`).
    pub fn from_pem(pem: &str) -> Result<SigningKey, FedError> {
        let (label, der) = pem_der(pem)?;
        let pair = match label.as_str() {
            "PRIVATE KEY" => RsaKeyPair::from_pkcs8(&der),
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&der),
            other => {
                return Err(FedError::Invalid(format!(
                    "a PEM {other} is not an RSA private key"
                )))
            }
        }
        .map_err(|e| FedError::Invalid(format!("the actor's private key: {e}")))?;
        Ok(SigningKey {
            pair,
            rng: SystemRandom::new(),
        })
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, FedError> {
        let mut signature = vec![0; self.pair.public().modulus_len()];
        self.pair
            .sign(&RSA_PKCS1_SHA256, &self.rng, message, &mut signature)
            .map_err(|_| FedError::Invalid("signing failed".into()))?;
        Ok(signature)
    }
}

/// The label and the bytes of a PEM document.
fn pem_der(pem: &str) -> Result<(String, Vec<u8>), FedError> {
    let invalid = || FedError::Invalid("the private key is not PEM".into());
    let mut lines = pem.lines().map(str::trim).filter(|l| !l.is_empty());
    let label = lines
        .next()
        .and_then(|l| l.strip_prefix("-----BEGIN "))
        .and_then(|l| l.strip_suffix("-----"))
        .ok_or_else(invalid)?
        .to_owned();
    let end = format!("-----END {label}-----");
    let mut body = String::new();
    for line in lines.by_ref() {
        if line == end {
            let der = BASE64.decode(body.as_bytes()).map_err(|_| invalid())?;
            return Ok((label, der));
        }
        body.push_str(line);
    }
    Err(invalid())
}

/// The draft-cavage `Signature` header of a request as activitypub_federation signs one
/// (`http_signature_normalization`'s default configuration with a one-hour expiry):
/// `(request-target)`, `(created)`, `(expires)` and every header the request carries (for a
/// delivery `content-type`, `date`, `digest`, `host`), `algorithm="hs2019"`.
pub fn draft_cavage(
    method: &Method,
    url: &url::Url,
    headers: &HeaderMap,
    key_id: &str,
    key: &SigningKey,
) -> Result<String, FedError> {
    let mut map = BTreeMap::new();
    for (name, value) in headers {
        let value = value
            .to_str()
            .map_err(|e| FedError::Invalid(format!("the {name} header: {e}")))?;
        map.insert(name.as_str().to_owned(), value.to_owned());
    }
    let path_and_query = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let unsigned = http_signature_normalization::Config::new()
        .set_expiration(EXPIRES_AFTER)
        .begin_sign(method.as_str(), &path_and_query, map)
        .map_err(|e| FedError::Invalid(format!("signing a request: {e}")))?;
    let signed = unsigned.sign(key_id.to_owned(), |signing_string| {
        key.sign(signing_string.as_bytes())
            .map(|signature| BASE64.encode(signature))
    })?;
    Ok(signed.signature_header())
}

/// The `Digest` header of a body: `SHA-256=` and its base64 hash.
pub fn digest_header(body: &[u8]) -> String {
    format!("SHA-256={}", BASE64.encode(Sha256::digest(body)))
}

/// The `Host` header a signature covers: host, and the port when one is explicit (as
/// activitypub_federation writes it).
pub fn host_header(url: &url::Url) -> Result<String, FedError> {
    let host = url
        .host_str()
        .ok_or_else(|| FedError::Invalid(format!("{url} has no host")))?;
    Ok(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

/// An HTTP date (RFC 9110's IMF-fixdate), as a `Date` header carries it.
pub fn http_date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Parsed keys by actor and the SHA-256 of their PEM.
type Keys = HashMap<(String, [u8; 32]), Arc<SigningKey>>;

/// The private keys of the actors a process signs as, parsed once each (ring validates a key
/// when it parses it, which costs about as much as a few signatures). Keyed by the actor and
/// its PEM, so a new key is parsed anew.
#[derive(Default, Clone)]
pub struct KeyCache {
    keys: Arc<Mutex<Keys>>,
}

impl KeyCache {
    pub fn key(&self, actor: &str, pem: &str) -> Result<Arc<SigningKey>, FedError> {
        let id = (actor.to_owned(), Sha256::digest(pem.as_bytes()).into());
        let mut keys = self
            .keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(key) = keys.get(&id) {
            return Ok(key.clone());
        }
        let key = Arc::new(SigningKey::from_pem(pem)?);
        // Actors are few (the city, its organizations, residents that send); a rotated key
        // replaces its actor's entry rather than piling up.
        keys.retain(|(a, _), _| a != actor);
        keys.insert(id, key.clone());
        Ok(key)
    }
}

/// The federation client's layer that signs fetches as the city actor: a GET without a
/// `Signature` header gets a draft-cavage one (`(request-target)`, `(created)`, `(expires)`,
/// `accept`, `date`, `host`), the way activitypub_federation signed them for its
/// `signed_fetch_actor`.
pub struct SignFetches {
    key_id: String,
    key: Arc<SigningKey>,
}

impl SignFetches {
    pub fn new(key_id: String, private_key_pem: &str) -> Result<SignFetches, FedError> {
        Ok(SignFetches {
            key_id,
            key: Arc::new(SigningKey::from_pem(private_key_pem)?),
        })
    }

    fn sign(&self, request: &mut Request) -> Result<(), FedError> {
        let url = request.url().clone();
        let headers = request.headers_mut();
        headers.insert(
            reqwest::header::HOST,
            HeaderValue::from_str(&host_header(&url)?)
                .map_err(|e| FedError::Invalid(format!("the host header: {e}")))?,
        );
        if !headers.contains_key(reqwest::header::DATE) {
            let date = http_date(chrono::Utc::now());
            headers.insert(
                reqwest::header::DATE,
                HeaderValue::from_str(&date)
                    .map_err(|e| FedError::Invalid(format!("the date header: {e}")))?,
            );
        }
        let signature = draft_cavage(&Method::GET, &url, headers, &self.key_id, &self.key)?;
        let signature = HeaderValue::from_str(&signature)
            .map_err(|e| FedError::Invalid(format!("the signature header: {e}")))?;
        request.headers_mut().insert("signature", signature);
        Ok(())
    }
}

#[async_trait::async_trait]
impl Middleware for SignFetches {
    async fn handle(
        &self,
        mut request: Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        if request.method() == Method::GET && !request.headers().contains_key("signature") {
            self.sign(&mut request)
                .map_err(reqwest_middleware::Error::middleware)?;
        }
        next.run(request, extensions).await
    }
}
