//! Issue 24: civic shifts anyone on the fediverse can join. A Mobilizon-shaped peer (a small
//! HTTP server on a loopback port serving its actors, and inboxes that record what they
//! receive) sends really signed `Join`s of a published opportunity to a real server: an
//! `Accept` arrives in the joiner's inbox, the place is taken (the served `Event`'s
//! `remainingAttendeeCapacity` goes down), a second `Join` takes no second place, `Leave` and
//! `Undo` free it, the organization's console and the opportunity page show the fediverse
//! handle; and 30 concurrent `Join`s from 30 actors on 5 places take exactly 5 (5 `Accept`s,
//! 25 `Reject`s). Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use citysync_test_support::instance::{city::Issuer, signed_post};
use citysync_test_support::server as common;
use common::{page, resident, set_up_city, TestServer, CITY_ZONE};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const AS: &str = "https://www.w3.org/ns/activitystreams";

#[derive(Default)]
struct Recorded {
    actors: HashMap<String, Value>,
    /// What each inbox (by its URL) received, in order.
    inboxes: HashMap<String, Vec<Value>>,
}

type Shared = Arc<Mutex<Recorded>>;

async fn serve(req: HttpRequest, body: web::Bytes, state: web::Data<Shared>) -> HttpResponse {
    let host = req.connection_info().host().to_owned();
    let id = format!("http://{host}{}", req.path());
    let mut state = state.lock().unwrap();
    if req.path() == "/.well-known/webfinger" {
        return webfinger(&state, &host, req.query_string());
    }
    if req.method() == actix_web::http::Method::POST {
        let activity: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        state.inboxes.entry(id).or_default().push(activity);
        return HttpResponse::Accepted().finish();
    }
    match state.actors.get(&id) {
        Some(doc) => HttpResponse::Ok()
            .content_type("application/activity+json")
            .body(doc.to_string()),
        None => HttpResponse::NotFound().finish(),
    }
}

/// WebFinger, as fediverse servers answer it: `acct:name@host` to the person's actor id.
fn webfinger(state: &Recorded, host: &str, query: &str) -> HttpResponse {
    let resource = url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "resource")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let name = resource
        .strip_prefix("acct:")
        .and_then(|acct| acct.strip_suffix(&format!("@{host}")))
        .unwrap_or_default();
    let id = format!("http://{host}/@{name}");
    if name.is_empty() || !state.actors.contains_key(&id) {
        return HttpResponse::NotFound().finish();
    }
    HttpResponse::Ok()
        .content_type("application/jrd+json")
        .body(
            json!({
                "subject": resource,
                "links": [{ "rel": "self", "type": "application/activity+json", "href": id }],
            })
            .to_string(),
        )
}

/// The Mobilizon-shaped server: its people (`Person` actors with their own inboxes).
pub(crate) struct Mobilizon {
    base: String,
    state: Shared,
    public_pem: String,
    private_pem: String,
    _server: actix_web::dev::ServerHandle,
}

impl Mobilizon {
    pub(crate) fn start() -> Mobilizon {
        let (public_pem, private_pem) = citysync_app::instance::generate_rsa_keypair().unwrap();
        let state: Shared = Arc::default();
        let data = web::Data::new(state.clone());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::to(serve))
        })
        .workers(2)
        .listen(listener)
        .unwrap()
        .run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Mobilizon {
            // A name, not an IP literal: ActivityPub ids need a domain.
            base: format!("http://localhost:{port}"),
            state,
            public_pem,
            private_pem,
            _server: handle,
        }
    }

    pub(crate) fn host(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    /// A person as Mobilizon serves one; returns its id.
    pub(crate) fn person(&self, username: &str) -> String {
        let id = format!("{}/@{username}", self.base);
        let doc = json!({
            "@context": [AS, "https://w3id.org/security/v1", {
                "mz": "https://joinmobilizon.org/ns#",
                "discoverable": "toot:discoverable",
                "toot": "http://joinmastodon.org/ns#",
            }],
            "id": id,
            "type": "Person",
            "preferredUsername": username,
            "name": username,
            "summary": "",
            "url": id,
            "inbox": format!("{id}/inbox"),
            "outbox": format!("{id}/outbox"),
            "followers": format!("{id}/followers"),
            "following": format!("{id}/following"),
            "discoverable": false,
            "publicKey": {
                "id": format!("{id}#main-key"),
                "owner": id,
                "publicKeyPem": self.public_pem,
            },
        });
        self.state.lock().unwrap().actors.insert(id.clone(), doc);
        id
    }

    pub(crate) fn received(&self, actor: &str) -> Vec<Value> {
        let state = self.state.lock().unwrap();
        state
            .inboxes
            .get(&format!("{actor}/inbox"))
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for the answer (`Accept` or `Reject`) to the `Join` `join_id` in `actor`'s inbox.
    pub(crate) async fn answer_to(&self, actor: &str, join_id: &str) -> Value {
        self.awaited(actor, join_id, |a| {
            a["object"]["id"] == join_id || a["object"] == join_id
        })
        .await
    }

    /// Waits (up to a minute) for an activity `found` picks in `actor`'s inbox; `what` names
    /// it when none comes.
    pub(crate) async fn awaited(
        &self,
        actor: &str,
        what: &str,
        found: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(activity) = self.received(actor).into_iter().find(|a| found(a)) {
                return activity;
            }
            assert!(
                Instant::now() < deadline,
                "no {what} in {actor}'s inbox: {:?}",
                self.received(actor)
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends `activity` to the city's shared inbox, signed by its actor's key; the status.
    pub(crate) async fn send(&self, server: &TestServer, activity: &Value) -> u16 {
        let actor = activity["actor"].as_str().unwrap();
        signed_post(
            &server.url("/inbox"),
            activity,
            &self.private_pem,
            &format!("{actor}#main-key"),
        )
        .await
    }
}

/// A `Join` of `event` by `actor`, as Mobilizon sends one.
pub(crate) fn join(actor: &str, n: u32, event: &str) -> Value {
    json!({
        "@context": [AS, { "mz": "https://joinmobilizon.org/ns#", "participationMessage": { "@id": "mz:participationMessage", "@type": "sc:Text" }, "sc": "http://schema.org#" }],
        "id": format!("{actor}/join/{n}"),
        "type": "Join",
        "actor": actor,
        "object": event,
        "participationMessage": null,
        "to": [actor],
        "cc": [],
    })
}

fn leave(actor: &str, n: u32, event: &str) -> Value {
    json!({
        "@context": [AS],
        "id": format!("{actor}/leave/{n}"),
        "type": "Leave",
        "actor": actor,
        "object": event,
        "to": [],
        "cc": [],
    })
}

/// The opportunity as the fediverse fetches it.
async fn event(server: &TestServer, url: &str) -> Value {
    server
        .client()
        .get(url)
        .header("Accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub(crate) async fn start() -> TestServer {
    TestServer::start_with(|config| {
        config.federation.allow_local_peers = true;
    })
    .await
}

#[actix_web::test]
async fn a_mobilizon_join_takes_a_place_and_is_accepted_and_leave_frees_it() {
    let server = start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let owner = resident(&server, "olivia", "correct horse battery").await;
    let verifier = resident(&server, "victor", "correct horse battery").await;
    common::approved_issuer(&server, "olivia", "victor", "creek-friends").await;
    let template = common::environment_template(&server, "olivia", "creek-friends", 500, 2).await;
    let id = common::published_opportunity(&server, "olivia", &template, "Creek day").await;
    let url = server.url(&format!("/opportunities/{id}"));
    let mz = Mobilizon::start();
    let alice = mz.person("alice");

    // The standard Event fields, beside City/Sync's own.
    let before = event(&server, &url).await;
    assert_eq!(before["type"], "Event");
    assert_eq!(before["timezone"], CITY_ZONE);
    assert_eq!(before["maximumAttendeeCapacity"], 10);
    assert_eq!(before["remainingAttendeeCapacity"], 10);
    assert_eq!(before["participantCount"], 0);
    assert_eq!(before["joinMode"], "free");
    assert_eq!(before["inLanguage"], "en");
    assert_eq!(before["capacity"], 10);
    assert_eq!(before["remaining"], 10);
    assert_eq!(before["location"]["type"], "Place");
    assert_eq!(before["location"]["address"]["type"], "PostalAddress");
    assert_eq!(
        before["location"]["address"]["streetAddress"],
        "Strawberry Creek"
    );

    // A stranger's server (nobody here follows it) may join: Join is not content.
    let first = join(&alice, 1, &url);
    assert_eq!(mz.send(&server, &first).await, 202);
    let answer = mz.answer_to(&alice, first["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Accept", "{answer}");
    assert_eq!(
        answer["actor"],
        server.url("/organizations/creek-friends"),
        "{answer}"
    );
    assert_eq!(answer["object"]["type"], "Join");
    assert_eq!(answer["object"]["object"], url.as_str());
    let taken = event(&server, &url).await;
    assert_eq!(taken["remainingAttendeeCapacity"], 9, "{taken}");
    assert_eq!(taken["participantCount"], 1);
    assert_eq!(taken["remaining"], 9);

    // A second Join by the same person: accepted again, no second place.
    let again = join(&alice, 2, &url);
    assert_eq!(mz.send(&server, &again).await, 202);
    let answer = mz.answer_to(&alice, again["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Accept", "{answer}");
    assert_eq!(event(&server, &url).await["remainingAttendeeCapacity"], 9);

    // The organization sees the fediverse handle: on its console and the opportunity page.
    let handle = format!("@alice@{}", mz.host());
    let (status, html) = page(&owner, &server.url("/organizations/creek-friends/console")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&handle), "{html}");
    assert!(html.contains("Taking part from other servers"));
    let (status, html) = page(&verifier, &url).await;
    assert_eq!(status, 200);
    assert!(html.contains(&handle), "{html}");
    common::choose_language(&server, &owner, "es").await;
    let (_, html) = page(&owner, &server.url("/organizations/creek-friends/console")).await;
    assert!(html.contains("Participan desde otros servidores"), "{html}");
    assert!(html.contains(&handle));
    // A visitor does not see who joined.
    let (_, html) = page(&server.client(), &url).await;
    assert!(!html.contains(&handle));
    // No claim was made: a remote participant earns nothing here.
    let ctx = &server.running().ctx;
    let victor = common::user_named(&server, "victor").await;
    assert!(citysync_app::claims::claimants(ctx, &victor, &id)
        .await
        .unwrap()
        .is_empty());

    // Leave frees the place.
    assert_eq!(mz.send(&server, &leave(&alice, 1, &url)).await, 202);
    let freed = event(&server, &url).await;
    assert_eq!(freed["remainingAttendeeCapacity"], 10, "{freed}");
    assert_eq!(freed["participantCount"], 0);
    let (_, html) = page(&owner, &server.url("/organizations/creek-friends/console")).await;
    assert!(!html.contains(&handle));

    // Joining again, then Undo of that Join, frees it too.
    let third = join(&alice, 3, &url);
    assert_eq!(mz.send(&server, &third).await, 202);
    let answer = mz.answer_to(&alice, third["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Accept", "{answer}");
    assert_eq!(event(&server, &url).await["remainingAttendeeCapacity"], 9);
    let mut inner = third.clone();
    inner.as_object_mut().unwrap().remove("@context");
    let undo = json!({
        "@context": [AS],
        "id": format!("{alice}/undo/3"),
        "type": "Undo",
        "actor": alice,
        "object": inner,
    });
    assert_eq!(mz.send(&server, &undo).await, 202);
    assert_eq!(event(&server, &url).await["remainingAttendeeCapacity"], 10);

    // A Join of an opportunity that does not exist is rejected.
    let nowhere = join(&alice, 4, &server.url("/opportunities/nope"));
    assert_eq!(mz.send(&server, &nowhere).await, 202);
    let answer = mz.answer_to(&alice, nowhere["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Reject", "{answer}");
}

#[actix_web::test]
async fn thirty_concurrent_joins_on_five_places_take_exactly_five() {
    let server = start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let ctx = server.running().ctx.clone();
    let issuer = Issuer::new(ctx.clone(), "tree-keepers").await;
    let template = issuer.active_template("Tree watering").await;
    let id = issuer.published_opportunity(&template).await;
    let url = server.url(&format!("/opportunities/{id}"));
    assert_eq!(event(&server, &url).await["remainingAttendeeCapacity"], 5);

    let mz = Mobilizon::start();
    let people: Vec<String> = (0..30).map(|n| mz.person(&format!("p{n}"))).collect();
    let joins: Vec<Value> = people.iter().map(|p| join(p, 1, &url)).collect();
    let mut tasks = Vec::new();
    for j in &joins {
        let (inbox, activity, key) = (server.url("/inbox"), j.clone(), mz.private_pem.clone());
        let key_id = format!("{}#main-key", j["actor"].as_str().unwrap());
        tasks.push(tokio::spawn(async move {
            signed_post(&inbox, &activity, &key, &key_id).await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 202);
    }

    let mut accepted = 0;
    let mut rejected = 0;
    for (person, join) in people.iter().zip(&joins) {
        let answer = mz.answer_to(person, join["id"].as_str().unwrap()).await;
        match answer["type"].as_str() {
            Some("Accept") => accepted += 1,
            Some("Reject") => rejected += 1,
            other => panic!("{other:?}: {answer}"),
        }
    }
    assert_eq!((accepted, rejected), (5, 25));
    let full = event(&server, &url).await;
    assert_eq!(full["remainingAttendeeCapacity"], 0, "{full}");
    assert_eq!(full["participantCount"], 5);
    // A resident finds it full too: one count for both.
    let resident = citysync_test_support::fixtures::person(&ctx, "rosa", false).await;
    let err = citysync_app::claims::claim(&ctx, &resident, &id)
        .await
        .unwrap_err();
    assert!(
        matches!(err, citysync_app::AppError::OpportunityFull),
        "{err:?}"
    );
}
