//! Issue 23 point 10: content nobody asked for is not published. Servers this city does not
//! follow — Lemmy, Mobilizon, WordPress and Friendica shapes, and a City/Sync city nobody
//! here follows — send `Create`, `Update` and `Announce` of Pages, Articles, Events and Notes,
//! really signed, to a real server: each is answered 202, nothing becomes a template, an
//! opportunity or a proposal on `/federation/*`, and each peer's "Ignored" count on
//! `/admin/federation` (English and Spanish) goes up. A followed city's City/Sync objects
//! still arrive (directly and announced); its foreign-shaped Page is ignored too; and a city
//! we do not follow can still tell us it adopted one of our templates (listed, not kept).
//!
//! The peers are played by one small HTTP server on six loopback ports (one per peer), which
//! serves their actors so the city can fetch their keys. Runs on SQLite, and on PostgreSQL
//! when TEST_DATABASE_URL is set (the server then gets its own database).

mod foreign;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use citysync_app::federation::publications::Kind;
use citysync_app::federation::{self as fed, peers, remote};
use citysync_domain::lifecycle::FollowState;
use citysync_test_support::instance::{city::Issuer, signed_post};
use citysync_test_support::server as common;
use common::governance::{location, submit};
use common::{page, set_up_city, text_between, TestServer};
use foreign::{friendica, lemmy, mobilizon, wordpress};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
const AS: &str = "https://www.w3.org/ns/activitystreams";
const PUBLISHED: &str = "2026-12-01T17:00:00Z";

/// The actor documents the peers serve, by id.
type Actors = Arc<Mutex<HashMap<String, Value>>>;

async fn serve_actor(req: HttpRequest, actors: web::Data<Actors>) -> HttpResponse {
    let id = format!("http://{}{}", req.connection_info().host(), req.path());
    let found = actors.lock().unwrap().get(&id).cloned();
    match found {
        Some(doc) => HttpResponse::Ok()
            .content_type("application/activity+json")
            .body(doc.to_string()),
        None => HttpResponse::NotFound().finish(),
    }
}

/// One fake peer: its base URL and the key its actors sign with.
struct Peer {
    base: String,
    key: String,
}

impl Peer {
    fn domain(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// The peers' server: one actix server listening on one loopback port per peer.
struct Fediverse {
    actors: Actors,
    public_pem: String,
    private_pem: String,
    ports: Vec<u16>,
    _server: actix_web::dev::ServerHandle,
}

impl Fediverse {
    fn start(peers: usize) -> Fediverse {
        let (public_pem, private_pem) = citysync_app::instance::generate_rsa_keypair().unwrap();
        let actors: Actors = Arc::default();
        let data = web::Data::new(actors.clone());
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::to(serve_actor))
        })
        .workers(1);
        let mut ports = Vec::new();
        for _ in 0..peers {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            ports.push(listener.local_addr().unwrap().port());
            server = server.listen(listener).unwrap();
        }
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Fediverse {
            actors,
            public_pem,
            private_pem,
            ports,
            _server: handle,
        }
    }

    fn peer(&self, n: usize) -> Peer {
        Peer {
            // A name, not an IP literal: ActivityPub ids need a domain.
            base: format!("http://localhost:{}", self.ports[n]),
            key: self.private_pem.clone(),
        }
    }

    /// Serves an actor of `kind` at `path` on `peer`; returns its id.
    fn actor(&self, peer: &Peer, path: &str, kind: &str, username: &str) -> String {
        let id = peer.url(path);
        let doc = json!({
            "@context": [AS, "https://w3id.org/security/v1"],
            "id": id,
            "type": kind,
            "preferredUsername": username,
            "name": username,
            "inbox": format!("{id}/inbox"),
            "outbox": format!("{id}/outbox"),
            "followers": format!("{id}/followers"),
            "endpoints": { "sharedInbox": peer.url("/inbox") },
            "publicKey": {
                "id": format!("{id}#main-key"),
                "owner": id,
                "publicKeyPem": self.public_pem,
            },
        });
        self.actors.lock().unwrap().insert(id.clone(), doc);
        id
    }
}

/// Sends `activity` to the city's shared inbox, signed by its `actor`'s key; the status.
async fn send(server: &TestServer, peer: &Peer, activity: &Value) -> u16 {
    let actor = activity["actor"].as_str().unwrap();
    signed_post(
        &server.url("/inbox"),
        activity,
        &peer.key,
        &format!("{actor}#main-key"),
    )
    .await
}

/// City/Sync's own context, as every City/Sync city sends it.
fn citysync_context() -> Value {
    json!([
        AS,
        "https://w3id.org/security/v1",
        citysync_federation::objects::terms()
    ])
}

/// A City/Sync city's template (`Document`) by `org`, as `objects::template` renders one.
fn citysync_template(p: &Peer, org: &str, id: &str, name: &str) -> Value {
    json!({
        "type": "Document",
        "id": p.url(&format!("/templates/{id}")),
        "url": p.url(&format!("/templates/{id}")),
        "attributedTo": org,
        "name": name,
        "summary": "Pick up litter along the river",
        "content": "<p>Bring gloves.</p>",
        "mediaType": "text/html",
        "source": { "content": "Bring gloves.", "mediaType": "text/markdown" },
        "category": "environment",
        "outcomeUnit": "kg_waste_diverted",
        "expectedOutcome": 5.0,
        "verificationProcedure": "issuer_review",
        "proofKinds": ["text"],
        "rewardCity": 500,
        "rewardVote": 2,
        "estimatedMinutes": 90,
        "accessibilityNotes": "",
        "version": 1,
        "adoptedBy": p.url(&format!("/templates/{id}/adopted-by")),
        "published": PUBLISHED,
        "updated": "2026-12-01T17:00:00.000001Z",
        "to": [PUBLIC],
        "cc": [format!("{org}/followers")],
    })
}

/// A City/Sync city's opportunity (`Event`) by `org`.
fn citysync_opportunity(p: &Peer, org: &str, id: &str, name: &str) -> Value {
    json!({
        "type": "Event",
        "id": p.url(&format!("/opportunities/{id}")),
        "url": p.url(&format!("/opportunities/{id}")),
        "attributedTo": org,
        "name": name,
        "summary": "Pick up litter along the river",
        "content": "<p>Look for the green tent.</p>",
        "startTime": "2026-12-12T17:00:00Z",
        "endTime": "2026-12-12T20:00:00Z",
        "location": { "type": "Place", "name": "River bridge" },
        "template": p.url("/templates/t1"),
        "category": "environment",
        "outcomeUnit": "kg_waste_diverted",
        "capacity": 5,
        "remaining": 5,
        "rewardCity": 500,
        "rewardVote": 2,
        "eventStatus": "published",
        "to": [PUBLIC],
        "cc": [format!("{org}/followers")],
    })
}

/// A City/Sync city's proposal (`Article`) by its city actor.
fn citysync_proposal(p: &Peer, city: &str, name: &str) -> Value {
    json!({
        "type": "Article",
        "id": p.url("/proposals/p1"),
        "url": p.url("/proposals/p1"),
        "attributedTo": city,
        "name": name,
        "content": "<p>Creeks need more hands.</p>",
        "mediaType": "text/html",
        "source": { "content": "Creeks need more hands.", "mediaType": "text/markdown" },
        "cycle": p.url("/governance/c1"),
        "proposalKind": "policy",
        "proposalState": "deliberation",
        "phase": "deliberation",
        "options": { "kind": "policy" },
        "published": PUBLISHED,
        "updated": "2026-12-01T17:00:00.000001Z",
        "to": [PUBLIC],
        "cc": [format!("{city}/followers")],
    })
}

/// `object` in a `Create` (or `Update`) by `actor`, with City/Sync's context.
fn citysync_activity(p: &Peer, verb: &str, n: u32, actor: &str, object: Value) -> Value {
    json!({
        "@context": citysync_context(),
        "id": p.url(&format!("/activities/{n}")),
        "type": verb,
        "actor": actor,
        "object": object,
        "published": PUBLISHED,
        "to": [PUBLIC],
    })
}

/// `inner` (an activity without context) announced by the city actor `city`.
fn citysync_announce(p: &Peer, n: u32, city: &str, inner: Value) -> Value {
    let mut inner = inner;
    inner.as_object_mut().unwrap().remove("@context");
    json!({
        "@context": citysync_context(),
        "id": p.url(&format!("/activities/{n}/announce")),
        "type": "Announce",
        "actor": city,
        "object": inner,
        "published": PUBLISHED,
        "to": [PUBLIC],
        "cc": [format!("{city}/followers")],
    })
}

/// A peer's "Ignored" count as the administrator's page shows it (the row's last number).
fn ignored_on_page(html: &str, peer: &Peer) -> i64 {
    let row = text_between(
        html,
        &format!("<tr id=\"peer-{}\">", peer.domain()),
        "</tr>",
    );
    let last = row.rsplit("<td class=\"num\">").next().unwrap();
    last.split("</td>").next().unwrap().trim().parse().unwrap()
}

async fn ignored_count(ctx: &citysync_app::Ctx, peer: &Peer) -> i64 {
    peers::all(ctx)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.domain == peer.domain())
        .map(|p| p.ignored)
        .unwrap_or(0)
}

#[actix_web::test]
async fn content_from_servers_this_city_does_not_follow_is_acknowledged_and_not_published() {
    let server = TestServer::start_with(|config| {
        config.federation.allow_local_peers = true;
    })
    .await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ctx = server.running().ctx.clone();
    let fedi = Fediverse::start(6);
    let (lemmy_peer, mobilizon_peer, wordpress_peer, friendica_peer) =
        (fedi.peer(0), fedi.peer(1), fedi.peer(2), fedi.peer(3));
    let (stranger, followed) = (fedi.peer(4), fedi.peer(5));

    // A City/Sync city this city does not follow, and one it follows.
    let stranger_city = fedi.actor(&stranger, "/city", "Service", "city");
    let stranger_org = fedi.actor(
        &stranger,
        "/organizations/riverkeepers",
        "Organization",
        "riverkeepers",
    );
    let followed_city = fedi.actor(&followed, "/city", "Service", "city");
    let followed_org = fedi.actor(
        &followed,
        "/organizations/creek-friends",
        "Organization",
        "creek-friends",
    );
    let (our_city, their_city) = (server.url("/city"), followed_city.clone());
    fed::record_follow_now(
        &ctx,
        &our_city,
        &their_city,
        "http://berkeley.test/follows/1",
        FollowState::Accepted,
    )
    .await
    .unwrap();
    // One of our templates, which the stranger city adopts (and tells us).
    let issuer = Issuer::new(ctx.clone(), "tree-keepers").await;
    let ours = issuer.active_template("Tree watering").await;

    // 1. What nobody here asked for: real-world shapes, and City/Sync's own.
    let sets: Vec<(&Peer, Vec<Value>)> = vec![
        (&lemmy_peer, lemmy(&fedi, &lemmy_peer)),
        (&mobilizon_peer, mobilizon(&fedi, &mobilizon_peer)),
        (&wordpress_peer, wordpress(&fedi, &wordpress_peer)),
        (&friendica_peer, friendica(&fedi, &friendica_peer)),
        (
            &stranger,
            vec![
                citysync_activity(
                    &stranger,
                    "Create",
                    1,
                    &stranger_org,
                    citysync_template(&stranger, &stranger_org, "t1", "Stranger: river cleanup"),
                ),
                citysync_activity(
                    &stranger,
                    "Create",
                    2,
                    &stranger_org,
                    citysync_opportunity(&stranger, &stranger_org, "o1", "Stranger: river day"),
                ),
                citysync_activity(
                    &stranger,
                    "Create",
                    3,
                    &stranger_city,
                    citysync_proposal(&stranger, &stranger_city, "Stranger: more rivers"),
                ),
                citysync_announce(
                    &stranger,
                    4,
                    &stranger_city,
                    citysync_activity(
                        &stranger,
                        "Update",
                        4,
                        &stranger_org,
                        citysync_template(
                            &stranger,
                            &stranger_org,
                            "t2",
                            "Stranger: announced cleanup",
                        ),
                    ),
                ),
            ],
        ),
    ];
    let mut names = Vec::new();
    for (peer, activities) in &sets {
        for activity in activities {
            if let Some(name) = activity["object"]["name"].as_str() {
                names.push(name.to_owned());
            }
            let status = send(&server, peer, activity).await;
            assert_eq!(status, 202, "{activity}");
        }
    }
    // The stranger city's copy of our template: the adoption is listed, the copy not kept.
    let mut copy = citysync_template(&stranger, &stranger_org, "copy1", "Stranger: our trees");
    copy["adaptedFrom"] = json!(server.url(&format!("/templates/{ours}")));
    let status = send(
        &server,
        &stranger,
        &citysync_activity(&stranger, "Create", 5, &stranger_org, copy),
    )
    .await;
    assert_eq!(status, 202);
    names.push("Stranger: our trees".into());

    for kind in [
        Kind::Template,
        Kind::Opportunity,
        Kind::Proposal,
        Kind::Attestation,
        Kind::Checkpoint,
    ] {
        let kept = remote::list(&ctx, kind, 100).await.unwrap();
        assert!(kept.is_empty(), "{kind:?}: {kept:?}");
    }
    let adoptions = remote::adoptions(&ctx, &ours).await.unwrap();
    assert_eq!(adoptions.len(), 1, "{adoptions:?}");
    assert_eq!(adoptions[0].adopter_domain, stranger.domain());
    let visitor = server.client();
    for path in [
        "/federation",
        "/federation/templates",
        "/federation/opportunities",
        "/federation/proposals",
    ] {
        let (status, html) = page(&visitor, &server.url(path)).await;
        assert_eq!(status, 200, "{path}");
        for name in &names {
            let shown = name.replace('\'', "&#x27;");
            assert!(!html.contains(&shown), "{path} shows {name}");
        }
    }
    for (peer, activities) in &sets {
        let sent = activities.len() as i64;
        assert_eq!(ignored_count(&ctx, peer).await, sent, "{}", peer.base);
    }
    let (_, html) = page(&admin, &server.url("/admin/federation")).await;
    assert!(html.contains(">Ignored</th>"), "{html}");
    for (peer, activities) in &sets {
        assert_eq!(
            ignored_on_page(&html, peer),
            activities.len() as i64,
            "{}",
            peer.base
        );
    }

    // 2. The followed city: its City/Sync objects arrive, directly and announced; a Page of
    //    another shape from it is ignored like a stranger's.
    let template = citysync_template(&followed, &followed_org, "t1", "Followed: creek cleanup");
    let status = send(
        &server,
        &followed,
        &citysync_activity(&followed, "Create", 1, &followed_org, template.clone()),
    )
    .await;
    assert_eq!(status, 202);
    let announced = citysync_announce(
        &followed,
        2,
        &followed_city,
        citysync_activity(
            &followed,
            "Create",
            2,
            &followed_org,
            citysync_opportunity(&followed, &followed_org, "o1", "Followed: creek day"),
        ),
    );
    assert_eq!(send(&server, &followed, &announced).await, 202);
    let proposal = citysync_proposal(&followed, &followed_city, "Followed: more creeks");
    let status = send(
        &server,
        &followed,
        &citysync_activity(&followed, "Create", 3, &followed_city, proposal),
    )
    .await;
    assert_eq!(status, 202);
    let mut foreign = lemmy(&fedi, &lemmy_peer)[0]["object"].clone();
    foreign["id"] = json!(followed.url("/post/1"));
    foreign["attributedTo"] = json!(followed_org);
    foreign["name"] = json!("Followed: a page of another shape");
    let status = send(
        &server,
        &followed,
        &json!({
            "@context": ["https://join-lemmy.org/context.json", AS],
            "id": followed.url("/activities/create/page"),
            "type": "Create",
            "actor": followed_org,
            "to": [PUBLIC],
            "object": foreign,
        }),
    )
    .await;
    assert_eq!(status, 202);

    let kept = remote::by_ap_id(&ctx, &followed.url("/templates/t1"))
        .await
        .unwrap()
        .expect("the followed city's template");
    assert_eq!(kept.kind, "template");
    assert!(kept.adoptable);
    let kept = remote::by_ap_id(&ctx, &followed.url("/opportunities/o1"))
        .await
        .unwrap()
        .expect("the followed city's announced opportunity");
    assert_eq!(kept.kind, "opportunity");
    assert!(remote::by_ap_id(&ctx, &followed.url("/proposals/p1"))
        .await
        .unwrap()
        .is_some());
    assert!(remote::by_ap_id(&ctx, &followed.url("/post/1"))
        .await
        .unwrap()
        .is_none());
    assert_eq!(ignored_count(&ctx, &followed).await, 1);
    let (_, html) = page(&visitor, &server.url("/federation/templates")).await;
    assert!(html.contains("Followed: creek cleanup"), "{html}");
    assert!(
        !html.contains("Followed: a page of another shape"),
        "{html}"
    );
    let (_, html) = page(&visitor, &server.url("/federation/opportunities")).await;
    assert!(html.contains("Followed: creek day"), "{html}");
    // Still nothing of the strangers'.
    assert_eq!(
        remote::list(&ctx, Kind::Template, 100).await.unwrap().len(),
        1
    );

    // The administrator's page, in Spanish too.
    let resp = submit(
        &server,
        &admin,
        "/settings",
        "/language",
        &[("locale", "es"), ("return_to", "/settings")],
    )
    .await;
    assert_eq!(location(&resp), "/settings");
    let (_, html) = page(&admin, &server.url("/admin/federation")).await;
    assert!(html.contains(">Ignoradas</th>"), "{html}");
    assert_eq!(ignored_on_page(&html, &followed), 1);
    assert_eq!(ignored_on_page(&html, &lemmy_peer), 4);

    server.stop().await;
}
