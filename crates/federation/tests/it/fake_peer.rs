//! A peer played by hand for the inbox tests: a real HTTP server on a loopback port that
//! serves its actors (`/users/{name}`, a `Person` with the peer's current RSA key) and
//! counts how often it is fetched, takes deliveries at their inboxes (`/users/{name}/inbox`,
//! each kept, answered as its [`Judge`] says), and a city (our inbox, in-process) on a fresh database,
//! with the test-only configuration that allows `http:` and loopback peers. Requests are
//! signed for real (`citysync_test_support::instance::signature_headers`).

use activitypub_federation::config::FederationConfig;
use activitypub_federation::http_signatures::{generate_actor_keypair, Keypair};
use actix_web::body::MessageBody;
use actix_web::dev::{ServerHandle, ServiceResponse};
use actix_web::{test, web, App, HttpResponse, HttpServer};
use citysync_app::Ctx;
use citysync_test_support::instance::signature_headers;
use citysync_test_support::{ctx_for, TestDb};
use serde_json::{json, Value};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A request that reached one of the peer's inboxes.
#[derive(Debug, Clone)]
pub struct Received {
    /// The absolute URL it was sent to.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: bytes::Bytes,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How the peer answers a delivery: a status and a body.
pub type Judge =
    Arc<dyn Fn(Received) -> futures_util::future::BoxFuture<'static, (u16, String)> + Send + Sync>;

/// Our city's public URL in these tests.
pub const CITY: &str = "http://city.test";

pub struct FakePeer {
    pub base: String,
    key: Arc<Mutex<Keypair>>,
    fetches: Arc<AtomicUsize>,
    fetched: Arc<Mutex<Vec<Received>>>,
    received: Arc<Mutex<Vec<Received>>>,
    judge: Arc<Mutex<Option<Judge>>>,
    server: ServerHandle,
}

impl FakePeer {
    /// Starts the peer on a free loopback port, named `localhost:PORT`.
    pub async fn start() -> FakePeer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://localhost:{port}");
        let key = Arc::new(Mutex::new(generate_actor_keypair().unwrap()));
        let fetches = Arc::new(AtomicUsize::new(0));
        let fetched: Arc<Mutex<Vec<Received>>> = Arc::default();
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let judge: Arc<Mutex<Option<Judge>>> = Arc::default();
        let (k, f, b) = (key.clone(), fetches.clone(), base.clone());
        let (r, j, g) = (received.clone(), judge.clone(), fetched.clone());
        let server = HttpServer::new(move || {
            let (k, f, b, g) = (k.clone(), f.clone(), b.clone(), g.clone());
            let (r, j, base) = (r.clone(), j.clone(), b.clone());
            App::new()
                .route(
                    "/users/{name}/inbox",
                    web::post().to(move |req: actix_web::HttpRequest, body: web::Bytes| {
                        let (r, j, base) = (r.clone(), j.clone(), base.clone());
                        async move {
                            let received = Received {
                                url: format!("{base}{}", req.uri()),
                                headers: req
                                    .headers()
                                    .iter()
                                    .map(|(n, v)| {
                                        (n.to_string(), v.to_str().unwrap_or("").to_owned())
                                    })
                                    .collect(),
                                body,
                            };
                            r.lock().unwrap().push(received.clone());
                            let judge = j.lock().unwrap().clone();
                            let (status, text) = match judge {
                                Some(judge) => judge(received).await,
                                None => (202, String::new()),
                            };
                            HttpResponse::build(
                                actix_web::http::StatusCode::from_u16(status).unwrap(),
                            )
                            .body(text)
                        }
                    }),
                )
                .route(
                    "/users/{name}",
                    web::get().to(
                        move |req: actix_web::HttpRequest, name: web::Path<String>| {
                            let (k, f, b, g) = (k.clone(), f.clone(), b.clone(), g.clone());
                            async move {
                                f.fetch_add(1, Ordering::SeqCst);
                                g.lock().unwrap().push(Received {
                                    url: format!("{b}{}", req.uri()),
                                    headers: req
                                        .headers()
                                        .iter()
                                        .map(|(n, v)| {
                                            (n.to_string(), v.to_str().unwrap_or("").to_owned())
                                        })
                                        .collect(),
                                    body: bytes::Bytes::new(),
                                });
                                let id = format!("{b}/users/{name}");
                                let pem = k.lock().unwrap().public_key.clone();
                                HttpResponse::Ok()
                                    .content_type("application/activity+json")
                                    .json(json!({
                                        "@context": ["https://www.w3.org/ns/activitystreams",
                                                     "https://w3id.org/security/v1"],
                                        "type": "Person",
                                        "id": id,
                                        "preferredUsername": name.as_str(),
                                        "inbox": format!("{id}/inbox"),
                                        "publicKey": {
                                            "id": format!("{id}#main-key"),
                                            "owner": id,
                                            "publicKeyPem": pem,
                                        },
                                    }))
                            }
                        },
                    ),
                )
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        FakePeer {
            base,
            key,
            fetches,
            fetched,
            received,
            judge,
            server: handle,
        }
    }

    pub fn actor(&self, name: &str) -> String {
        format!("{}/users/{name}", self.base)
    }

    /// How many times the peer's actors were fetched.
    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    /// Every fetch of the peer's actors, in order.
    pub fn fetched(&self) -> Vec<Received> {
        self.fetched.lock().unwrap().clone()
    }

    /// Every request that reached the peer's inboxes, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// From now on the peer's inboxes answer as `judge` says (202 to everything before).
    pub fn judge_with(&self, judge: Judge) {
        *self.judge.lock().unwrap() = Some(judge);
    }

    /// The peer's current private key.
    pub fn private_key(&self) -> String {
        self.key.lock().unwrap().private_key.clone()
    }

    /// The peer's current public key.
    pub fn public_key(&self) -> String {
        self.key.lock().unwrap().public_key.clone()
    }

    /// The peer rotates its key: its actors serve the new public key from now on.
    pub fn rotate_key(&self) {
        *self.key.lock().unwrap() = generate_actor_keypair().unwrap();
    }

    pub async fn stop(self) {
        self.server.stop(false).await;
    }
}

/// Our city on `db`, with `inbound_per_minute` verified activities per peer domain, and its
/// federation configuration (test-only: `http:` and loopback peers allowed).
pub async fn city(db: &TestDb, inbound_per_minute: u32) -> (Ctx, FederationConfig<Ctx>) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut ctx = ctx_for(db.db.clone(), CITY);
    let mut settings = (*ctx.settings).clone();
    settings.federation.inbound_per_minute = inbound_per_minute;
    ctx.settings = Arc::new(settings);
    citysync_app::instance::ensure_keys(&ctx).await.unwrap();
    let config = citysync_federation::build_config(ctx.clone(), true)
        .await
        .unwrap();
    (ctx, config)
}

/// A `Follow` of our city by `actor`, with a fresh id on the actor's host.
pub fn follow(actor: &str, n: usize) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{actor}/follows/{n}"),
        "type": "Follow",
        "actor": actor,
        "object": format!("{CITY}/city"),
    })
}

/// A POST of `body` to our `/inbox` from the client address `from`, signed with `key_pem`
/// as `actor`'s main key — or not signed at all.
pub fn inbox_post(from: IpAddr, body: &Value, signer: Option<(&str, &str)>) -> test::TestRequest {
    let body = body.to_string();
    let mut req = test::TestRequest::post()
        .uri("/inbox")
        .peer_addr(SocketAddr::new(from, 40_000))
        .insert_header(("Content-Type", "application/activity+json"))
        .insert_header(("Host", "city.test"));
    if let Some((key_pem, actor)) = signer {
        for (name, value) in signature_headers(
            &format!("{CITY}/inbox"),
            &body,
            key_pem,
            &format!("{actor}#main-key"),
        ) {
            req = req.insert_header((name, value));
        }
    }
    req.set_payload(body)
}

/// The status of an answer and its JSON body (`null` when it has none).
pub async fn answer<B: MessageBody>(resp: ServiceResponse<B>) -> (u16, Value) {
    let status = resp.status().as_u16();
    let bytes = test::read_body(resp).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}
