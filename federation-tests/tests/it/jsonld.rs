//! Issue 24, D8: the documents a real `citysync serve` gives out, written to a folder for
//! the offline JSON-LD check in federation-tests/jsonld/ (jsonld.js: no term dropped, none of
//! City/Sync's in the ActivityStreams namespace). Every kind of document is here, produced by
//! the code, never by hand: the city, an organization and a resident (`Service`,
//! `Organization`, `Person`), their outboxes and followers, a template (`Document`), its
//! adopted-by collection, an opportunity (`Event`), a proposal with its tally (`Article`), a
//! contribution attestation, a ledger checkpoint, a `Tombstone`, the `/ns` context, and every
//! activity the city delivered to a follower (played by a small HTTP server here that keeps
//! what arrives in its inbox): `Accept`, `Create`, `Update`, `Delete`, `Announce`.
//!
//! The folder is `CITYSYNC_JSONLD_FIXTURES`, or `jsonld-fixtures` in the target folder.

use citysync_domain::lifecycle::OpportunityEvent;
use citysync_test_support::instance::city::{spec, Issuer};
use citysync_test_support::instance::{eventually, http, signed_post, Instance};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const AP: &str = "application/activity+json";
const WAIT: Duration = Duration::from_secs(60);

fn out_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CITYSYNC_JSONLD_FIXTURES") {
        return PathBuf::from(dir);
    }
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("jsonld-fixtures")
}

async fn get(url: &str) -> (u16, Value) {
    let resp = http().get(url).header("Accept", AP).send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

/// A follower played by hand: `GET /users/peer` is a `Person` with an RSA key, and
/// whatever is POSTed to its inbox is kept.
struct Follower {
    base: String,
    private_pem: String,
    inbox: Arc<Mutex<Vec<Value>>>,
    server: actix_web::dev::ServerHandle,
}

impl Follower {
    async fn start() -> Follower {
        use actix_web::{web, App, HttpResponse, HttpServer};
        let (public_pem, private_pem) = citysync_app::instance::generate_rsa_keypair().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://localhost:{}", listener.local_addr().unwrap().port());
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let (b, p, i) = (base.clone(), public_pem, inbox.clone());
        let server = HttpServer::new(move || {
            let (b, p, i) = (b.clone(), p.clone(), i.clone());
            App::new()
                .route(
                    "/users/peer",
                    web::get().to(move || {
                        let (b, p) = (b.clone(), p.clone());
                        async move {
                            HttpResponse::Ok().content_type(AP).json(json!({
                                "@context": ["https://www.w3.org/ns/activitystreams",
                                             "https://w3id.org/security/v1"],
                                "type": "Person",
                                "id": format!("{b}/users/peer"),
                                "preferredUsername": "peer",
                                "inbox": format!("{b}/users/peer/inbox"),
                                "outbox": format!("{b}/users/peer/outbox"),
                                "publicKey": {
                                    "id": format!("{b}/users/peer#main-key"),
                                    "owner": format!("{b}/users/peer"),
                                    "publicKeyPem": p,
                                },
                            }))
                        }
                    }),
                )
                .route(
                    "/users/peer/inbox",
                    web::post().to(move |body: web::Bytes| {
                        let i = i.clone();
                        async move {
                            if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                                i.lock().unwrap().push(v);
                            }
                            HttpResponse::Accepted().finish()
                        }
                    }),
                )
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Follower {
            base,
            private_pem,
            inbox,
            server: handle,
        }
    }

    fn actor(&self) -> String {
        format!("{}/users/peer", self.base)
    }

    async fn follow(&self, city: &Instance, target: &str) {
        let follow = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}/follows/{}", self.base, slug(target)),
            "type": "Follow",
            "actor": self.actor(),
            "object": target,
        });
        let status = signed_post(
            &format!("{}/inbox", city.base),
            &follow,
            &self.private_pem,
            &format!("{}#main-key", self.actor()),
        )
        .await;
        assert!(
            (200..300).contains(&status),
            "follow of {target}: {status}\n{}",
            city.log_text()
        );
    }

    /// What arrived, as (activity type, object type) pairs.
    fn kinds(&self) -> Vec<(String, String)> {
        self.inbox
            .lock()
            .unwrap()
            .iter()
            .map(|a| {
                let object_type = match &a["object"]["type"] {
                    Value::String(t) => t.clone(),
                    Value::Array(ts) => ts.last().and_then(Value::as_str).unwrap_or("").into(),
                    _ => String::new(),
                };
                (a["type"].as_str().unwrap_or("").to_owned(), object_type)
            })
            .collect()
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn jsonld_fixtures_every_document_a_city_serves() {
    // Retries after a second, not a minute, should a delivery to the follower fail once.
    let fast_retry = [("CITYSYNC_FEDERATION__RETRY_BASE_SECONDS", "1")];
    let city = Instance::start_with("jsonld", &fast_retry).await.unwrap();
    let peer = Follower::start().await;
    let bk = Issuer::new(city.app().await, "creek-friends").await;
    let org_url = format!("{}/organizations/creek-friends", city.base);
    peer.follow(&city, &city.actor_url()).await;
    peer.follow(&city, &org_url).await;

    // A template (then a new version of it), two opportunities (one cancelled), verified
    // work (an attestation), a resident with a public profile.
    let template = bk.active_template("Creek cleanup").await;
    let opportunity = bk.published_opportunity(&template).await;
    let cancelled = bk.published_opportunity(&template).await;
    let ana = bk.verified_work(&opportunity, "ana").await;
    citysync_app::accounts::set_profile(&bk.ctx, &ana, "Ana", true)
        .await
        .unwrap();
    citysync_app::catalog::edit_template(&bk.ctx, &bk.owner, &template, spec("Creek, kayaks"))
        .await
        .unwrap();
    citysync_app::catalog::change_opportunity(
        &bk.ctx,
        &bk.owner,
        &cancelled,
        OpportunityEvent::Cancel,
    )
    .await
    .unwrap();

    // A parameter-change proposal through a whole cycle (its tally), and a checkpoint.
    let proposal = crate::seed::decided_proposal(&bk, &ana).await;
    let checkpoint = citysync_app::ledger::checkpoints::sign_now(&bk.ctx)
        .await
        .unwrap();

    // Every kind of activity reaches the follower.
    let wanted = [
        ("Accept", "Follow"),
        ("Create", "Document"),
        ("Create", "Event"),
        ("Create", "Article"),
        ("Create", "LedgerCheckpoint"),
        ("Update", "Document"),
        ("Update", "Article"),
        ("Delete", "Tombstone"),
        ("Announce", "Create"),
    ];
    let missing = || {
        let kinds = peer.kinds();
        wanted
            .iter()
            .filter(|(a, o)| !kinds.iter().any(|(ka, ko)| ka == a && ko == o))
            .copied()
            .collect::<Vec<_>>()
    };
    let attestation_arrived = || {
        peer.inbox
            .lock()
            .unwrap()
            .iter()
            .any(|a| a.to_string().contains("ContributionAttestation"))
    };
    eventually(
        "every kind of activity reaches the follower",
        WAIT,
        || async { (missing().is_empty() && attestation_arrived()).then_some(()) },
    )
    .await
    .unwrap_or_else(|e| {
        panic!(
            "{e}: missing {:?} (attestation: {}), got {:?}\n{}",
            missing(),
            attestation_arrived(),
            peer.kinds(),
            city.log_text()
        )
    });

    let dir = out_dir();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, doc: &Value| {
        assert!(doc.is_object(), "{name} is not a JSON object: {doc}");
        std::fs::write(
            dir.join(format!("{name}.json")),
            serde_json::to_string_pretty(doc).unwrap(),
        )
        .unwrap();
    };
    let b = &city.base;
    let served = [
        ("actor-city", format!("{b}/city")),
        ("actor-organization", org_url.clone()),
        ("actor-person", format!("{b}/users/ana")),
        ("collection-city-outbox", format!("{b}/city/outbox")),
        ("collection-city-followers", format!("{b}/city/followers")),
        (
            "collection-organization-outbox",
            format!("{org_url}/outbox"),
        ),
        (
            "collection-organization-followers",
            format!("{org_url}/followers"),
        ),
        ("collection-person-outbox", format!("{b}/users/ana/outbox")),
        (
            "collection-person-followers",
            format!("{b}/users/ana/followers"),
        ),
        ("object-template", format!("{b}/templates/{template}")),
        (
            "collection-template-adopted-by",
            format!("{b}/templates/{template}/adopted-by"),
        ),
        (
            "object-opportunity",
            format!("{b}/opportunities/{opportunity}"),
        ),
        ("object-tombstone", format!("{b}/opportunities/{cancelled}")),
        ("object-proposal", format!("{b}/proposals/{proposal}")),
        (
            "object-checkpoint",
            format!("{b}/ledger/checkpoints/{}", checkpoint.seq),
        ),
        ("context-ns", format!("{b}/ns")),
    ];
    for (name, url) in &served {
        let (status, doc) = get(url).await;
        assert!(
            status == 200 || (*name == "object-tombstone" && status == 410),
            "{url}: {status}"
        );
        write(name, &doc);
    }
    // The attestation, by its id in the delivered Create.
    let attestation = peer
        .inbox
        .lock()
        .unwrap()
        .iter()
        .find_map(|a| {
            let o = if a["type"] == "Announce" {
                &a["object"]["object"]
            } else {
                &a["object"]
            };
            o.to_string()
                .contains("ContributionAttestation")
                .then(|| o["id"].as_str().unwrap_or("").to_owned())
        })
        .unwrap();
    let (status, doc) = get(&attestation).await;
    assert_eq!(status, 200, "{attestation}");
    assert_eq!(doc["credentialSubject"]["category"], "environment");
    write("object-attestation", &doc);

    let delivered = peer.inbox.lock().unwrap().clone();
    for (n, activity) in delivered.iter().enumerate() {
        let (kind, object) = &peer.kinds()[n];
        write(&format!("activity-{n:02}-{kind}-{object}"), activity);
    }
    println!(
        "jsonld fixtures: {} served documents and {} delivered activities in {}",
        served.len() + 1,
        delivered.len(),
        dir.display()
    );
    peer.server.stop(true).await;
}
