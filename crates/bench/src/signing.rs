//! Signing as a remote peer, with activitypub_federation's own sending path:
//! `SendActivityTask::prepare` + `sign_and_send` (headers, `Digest`, draft-cavage signature
//! with RSA-2048 SHA-256). The federation client's one middleware keeps each signed request
//! instead of sending it, so requests are signed before a timed window and replayed in it.

use activitypub_federation::activity_sending::SendActivityTask;
use activitypub_federation::config::{Data, FederationConfig};
use activitypub_federation::error::Error as FedError;
use activitypub_federation::traits::{Activity, Actor, Object};
use anyhow::Context as _;
use bytes::Bytes;
use futures_util::StreamExt as _;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use url::Url;

/// One signed POST, ready to replay.
#[derive(Clone, Debug)]
pub struct Signed {
    pub url: Url,
    pub headers: reqwest::header::HeaderMap,
    pub body: Bytes,
}

/// An RSA key pair in PEM (PKCS#8 private, SPKI public), as activitypub_federation makes them.
#[derive(Clone, Debug)]
pub struct Keys {
    pub public_pem: String,
    pub private_pem: String,
}

impl Keys {
    pub async fn generate() -> anyhow::Result<Keys> {
        let pair = tokio::task::spawn_blocking(
            activitypub_federation::http_signatures::generate_actor_keypair,
        )
        .await??;
        Ok(Keys {
            public_pem: pair.public_key,
            private_pem: pair.private_key,
        })
    }
}

/// A peer's actor: `http://localhost:PORT/actor`, a `Service` with an inbox on the same port.
#[derive(Clone, Debug)]
pub struct PeerActor {
    pub id: Url,
    pub inbox: Url,
    keys: Keys,
}

impl PeerActor {
    pub fn new(port: u16, keys: &Keys) -> anyhow::Result<PeerActor> {
        Ok(PeerActor {
            id: Url::parse(&actor_id(port))?,
            inbox: Url::parse(&format!("http://localhost:{port}/inbox"))?,
            keys: keys.clone(),
        })
    }
}

pub fn actor_id(port: u16) -> String {
    format!("http://localhost:{port}/actor")
}

/// The actor document a peer serves (the shape City/Sync's `ActorJson` parses).
pub fn actor_json(port: u16, public_pem: &str) -> Value {
    let id = actor_id(port);
    json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "type": "Service",
        "id": id,
        "preferredUsername": format!("peer{port}"),
        "name": format!("Bench peer {port}"),
        "inbox": format!("http://localhost:{port}/inbox"),
        "publicKey": {
            "id": format!("{id}#main-key"),
            "owner": id,
            "publicKeyPem": public_pem,
        },
    })
}

#[async_trait::async_trait]
impl Object for PeerActor {
    type DataType = ();
    type Kind = Value;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    async fn read_from_id(_id: Url, _data: &Data<()>) -> Result<Option<Self>, FedError> {
        Ok(None)
    }

    async fn into_json(self, _data: &Data<()>) -> Result<Value, FedError> {
        let port = self.id.port().unwrap_or(80);
        Ok(actor_json(port, &self.keys.public_pem))
    }

    async fn verify(_json: &Value, _domain: &Url, _data: &Data<()>) -> Result<(), FedError> {
        Ok(())
    }

    async fn from_json(_json: Value, _data: &Data<()>) -> Result<Self, FedError> {
        Err(FedError::Other("the benchmark receives no actors".into()))
    }
}

impl Actor for PeerActor {
    fn public_key_pem(&self) -> &str {
        &self.keys.public_pem
    }

    fn private_key_pem(&self) -> Option<String> {
        Some(self.keys.private_pem.clone())
    }

    fn inbox(&self) -> Url {
        self.inbox.clone()
    }
}

/// Any activity JSON with an `id` and an `actor`, sent as it is.
#[derive(Debug)]
struct RawActivity {
    id: Url,
    actor: Url,
    json: Value,
}

impl RawActivity {
    fn new(json: Value) -> anyhow::Result<RawActivity> {
        let field = |name: &str| -> anyhow::Result<Url> {
            let s = json
                .get(name)
                .and_then(Value::as_str)
                .with_context(|| format!("activity without {name}"))?;
            Ok(Url::parse(s)?)
        };
        Ok(RawActivity {
            id: field("id")?,
            actor: field("actor")?,
            json,
        })
    }
}

impl serde::Serialize for RawActivity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(s)
    }
}

#[async_trait::async_trait]
impl Activity for RawActivity {
    type DataType = ();
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _data: &Data<()>) -> Result<(), FedError> {
        Err(FedError::Other("only sent".into()))
    }

    async fn receive(self, _data: &Data<()>) -> Result<(), FedError> {
        Err(FedError::Other("only sent".into()))
    }
}

/// Keeps each request the federation client would send, and answers 202 in its place.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Signed>>>);

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Capture {
    async fn handle(
        &self,
        req: reqwest::Request,
        _extensions: &mut http::Extensions,
        _next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let body = req
            .body()
            .and_then(|b| b.as_bytes())
            .map(Bytes::copy_from_slice)
            .unwrap_or_default();
        let signed = Signed {
            url: req.url().clone(),
            headers: req.headers().clone(),
            body,
        };
        if let Ok(mut kept) = self.0.lock() {
            kept.push(signed);
        }
        let response = http::Response::builder()
            .status(202)
            .body(Vec::<u8>::new())
            .map_err(|e| reqwest_middleware::Error::Middleware(e.into()))?;
        Ok(reqwest::Response::from(response))
    }
}

/// Signs activities the way a peer on activitypub_federation sends them.
pub struct Signer {
    data: Data<()>,
    capture: Capture,
}

impl Signer {
    pub async fn new() -> anyhow::Result<Signer> {
        let capture = Capture::default();
        let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
            .with(capture.clone())
            .build();
        let config = FederationConfig::builder()
            .domain("bench-peer.invalid")
            .app_data(())
            .client(client)
            // http, explicit ports and loopback, as the city's `allow_local_peers`.
            .debug(true)
            .allow_http_urls(true)
            .build()
            .await?;
        Ok(Signer {
            data: config.to_request_data(),
            capture,
        })
    }

    async fn sign_one(
        &self,
        actor: &PeerActor,
        activity: Value,
        inbox: &Url,
    ) -> anyhow::Result<()> {
        let raw = RawActivity::new(activity)?;
        let tasks = SendActivityTask::prepare(&raw, actor, vec![inbox.clone()], &self.data).await?;
        anyhow::ensure!(tasks.len() == 1, "the inbox {inbox} was skipped");
        for task in tasks {
            task.sign_and_send(&self.data).await?;
        }
        Ok(())
    }

    /// Signs every `(actor, activity)` for `inbox`, `parallel` at a time (the RSA work runs on
    /// tokio's blocking pool). The order of the result is not the order given.
    pub async fn sign_all(
        &self,
        items: Vec<(PeerActor, Value)>,
        inbox: &Url,
        parallel: usize,
    ) -> anyhow::Result<Vec<Signed>> {
        let results: Vec<anyhow::Result<()>> = futures_util::stream::iter(items)
            .map(|(actor, activity)| async move { self.sign_one(&actor, activity, inbox).await })
            .buffer_unordered(parallel.max(1))
            .collect()
            .await;
        for r in results {
            r?;
        }
        let mut kept = self
            .capture
            .0
            .lock()
            .map_err(|_| anyhow::anyhow!("capture poisoned"))?;
        Ok(std::mem::take(&mut *kept))
    }
}

/// ring's raw RSA-2048 PKCS#1 v1.5 SHA-256 signing rate on this machine now, with the key
/// `private_pem` (PKCS#8): one thread per core signing a signing string of a delivery's size for `window`, signatures per second in
/// all. What the city's deliveries are signed with since issue 29; the fan-out's baseline.
pub fn ring_sign_rate(private_pem: &str, window: std::time::Duration) -> anyhow::Result<f64> {
    use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
    let der = rsa::RsaPrivateKey::from_pkcs8_pem(private_pem)?.to_pkcs8_der()?;
    let pair = Arc::new(
        ring::signature::RsaKeyPair::from_pkcs8(der.as_bytes())
            .map_err(|e| anyhow::anyhow!("ring refused the key: {e}"))?,
    );
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let start = std::time::Instant::now();
    let deadline = start + window;
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let pair = pair.clone();
            std::thread::spawn(move || -> anyhow::Result<u64> {
                let rng = ring::rand::SystemRandom::new();
                let mut signature = vec![0; pair.public().modulus_len()];
                let mut n = 0u64;
                while std::time::Instant::now() < deadline {
                    pair.sign(
                        &ring::signature::RSA_PKCS1_SHA256,
                        &rng,
                        crate::baseline::MESSAGE,
                        &mut signature,
                    )
                    .map_err(|_| anyhow::anyhow!("ring could not sign"))?;
                    n += 1;
                }
                Ok(n)
            })
        })
        .collect();
    let mut total = 0u64;
    for handle in handles {
        total += handle
            .join()
            .map_err(|_| anyhow::anyhow!("a signing thread panicked"))??;
    }
    Ok(total as f64 / start.elapsed().as_secs_f64())
}
