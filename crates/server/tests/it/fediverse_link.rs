//! Issue 24: a resident links a fediverse account. The handle typed in the settings is
//! resolved by WebFinger on a Mobilizon-shaped peer (remote_join's), the city's direct message
//! with a one-time link arrives in that person's inbox, opening it links the account; another
//! resident cannot link it too, and unlinking frees it. A linked account's `Join`s — and the
//! places it held when linked — are the resident's claims, proved, verified and minted as any
//! claim, and the attestation reaches the account's inbox. An opportunity's edit and its
//! cancellation reach its remote participants, addressed to them. Runs on SQLite, and on
//! PostgreSQL when TEST_DATABASE_URL is set.

use crate::remote_join::{join, start, Mobilizon};
use citysync_app::accounts::fediverse;
use citysync_app::{catalog, claims};
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::server as common;
use common::{csrf, page, post, resident, set_up_city, text_between, TestServer};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

/// The resident asks, in the settings, to link `handle`.
async fn ask_link(
    server: &TestServer,
    client: &reqwest::Client,
    handle: &str,
) -> reqwest::Response {
    let (_, html) = page(client, &server.url("/settings")).await;
    post(
        client,
        &server.url("/settings/fediverse"),
        &[("csrf_token", &csrf(&html)), ("handle", handle)],
    )
    .await
}

/// The city's direct message to `actor` that carries none of the tokens in `seen`, and its
/// token.
async fn link_message(mz: &Mobilizon, actor: &str, seen: &[String]) -> (Value, String) {
    let token_of = |dm: &Value| {
        let content = dm["object"]["content"].as_str().unwrap_or_default();
        content
            .contains("/settings/fediverse/confirm?token=")
            .then(|| text_between(content, "/settings/fediverse/confirm?token=", "\"").to_owned())
    };
    let dm = mz
        .awaited(actor, "direct message with a link", |a| {
            a["type"] == "Create" && token_of(a).is_some_and(|t| !seen.contains(&t))
        })
        .await;
    let token = token_of(&dm).unwrap();
    (dm, token)
}

/// Opens the link as `client` and confirms on the page it leads to.
async fn confirm(server: &TestServer, client: &reqwest::Client, token: &str) -> reqwest::Response {
    let url = server.url(&format!("/settings/fediverse/confirm?token={token}"));
    let (status, html) = page(client, &url).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("Link @alice@") || html.contains("Vincular @alice@"),
        "{html}"
    );
    post(
        client,
        &server.url("/settings/fediverse/confirm"),
        &[("csrf_token", &csrf(&html)), ("token", token)],
    )
    .await
}

async fn status_of(server: &TestServer, username: &str) -> fediverse::Status {
    let user = common::user_named(server, username).await;
    fediverse::status(&server.running().ctx, &user)
        .await
        .unwrap()
}

#[actix_web::test]
async fn a_resident_links_a_fediverse_account_with_the_link_sent_to_it_and_unlinks_it() {
    let server = start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let rosa = resident(&server, "rosa", PASSWORD).await;
    let sam = resident(&server, "sam", PASSWORD).await;
    let mz = Mobilizon::start();
    let alice = mz.person("alice");
    let handle = format!("@alice@{}", mz.host());

    // Not a handle: a clear error, and nothing is asked for.
    let resp = ask_link(&server, &rosa, "https://mastodon.example/@alice").await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("Enter a fediverse handle like @alice@mastodon.example."),
        "{html}"
    );
    assert!(status_of(&server, "rosa").await.pending.is_none());

    // A handle that leads nowhere: the page says so.
    let nobody = format!("@nobody@{}", mz.host());
    assert_eq!(
        ask_link(&server, &rosa, &nobody).await.status().as_u16(),
        303
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while status_of(&server, "rosa").await.pending.map(|p| p.state)
        != Some(fediverse::RequestState::Unresolved)
    {
        assert!(std::time::Instant::now() < deadline, "never unresolved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (_, html) = page(&rosa, &server.url("/settings")).await;
    assert!(
        html.contains(&format!("No fediverse account was found for {nobody}")),
        "{html}"
    );

    // The handle is looked up by WebFinger and the city writes to that person alone.
    let resp = ask_link(&server, &rosa, &handle).await;
    assert_eq!(resp.status().as_u16(), 303);
    let (dm, token) = link_message(&mz, &alice, &[]).await;
    assert_eq!(dm["actor"], server.url("/city"), "{dm}");
    assert_eq!(dm["to"], json!([alice]), "{dm}");
    assert_eq!(dm["cc"], json!([]), "{dm}");
    assert_eq!(dm["object"]["type"], "Note", "{dm}");
    assert_eq!(dm["object"]["to"], json!([alice]), "{dm}");
    assert_eq!(dm["object"]["tag"][0]["type"], "Mention", "{dm}");
    assert_eq!(dm["object"]["tag"][0]["href"], alice.as_str(), "{dm}");
    assert!(dm["object"]["content"]
        .as_str()
        .unwrap()
        .contains(&server.url("/settings/fediverse/confirm?token=")));
    let (_, html) = page(&rosa, &server.url("/settings")).await;
    assert!(
        html.contains(&format!(
            "A direct message with a link was sent to {handle}. The link works until"
        )),
        "{html}"
    );
    assert!(!html.contains("fediverse-link-"), "{html}");

    // The link is rosa's: signed in as someone else it links nothing.
    let url = server.url(&format!("/settings/fediverse/confirm?token={token}"));
    let (status, html) = page(&sam, &url).await;
    assert_eq!(status, 403, "{html}");
    assert!(
        html.contains("This link was sent for another account"),
        "{html}"
    );
    // Signed out, signing in comes first.
    let resp = server.client().get(&url).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert!(resp.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/login?next="));

    let resp = confirm(&server, &rosa, &token).await;
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(&rosa, &server.url(&location)).await;
    assert!(html.contains("Your fediverse account is linked."), "{html}");
    assert!(html.contains(&handle), "{html}");
    let linked = status_of(&server, "rosa").await.linked.unwrap();
    assert_eq!(linked.actor, alice);
    // The link works once.
    let (status, _) = page(&rosa, &url).await;
    assert_eq!(status, 400);

    // Sam asks for the same account; its owner gets a link for sam; sam is refused, clearly,
    // in either language, and nothing changes.
    assert_eq!(
        ask_link(&server, &sam, &handle).await.status().as_u16(),
        303
    );
    let (_, sams) = link_message(&mz, &alice, std::slice::from_ref(&token)).await;
    let resp = confirm(&server, &sam, &sams).await;
    assert_eq!(resp.status().as_u16(), 409);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("already linked to another resident of this city"),
        "{html}"
    );
    common::choose_language(&server, &sam, "es").await;
    let resp = confirm(&server, &sam, &sams).await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("ya está vinculada a otra persona de esta ciudad"));
    assert_eq!(
        status_of(&server, "rosa").await.linked.unwrap().actor,
        alice
    );
    assert!(status_of(&server, "sam").await.linked.is_none());

    // Rosa unlinks; then sam's link, untouched by the refusals, links the account to sam.
    let (_, html) = page(&rosa, &server.url("/settings")).await;
    let resp = post(
        &rosa,
        &server.url("/settings/fediverse/unlink"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(&rosa, &server.url(&location)).await;
    assert!(
        html.contains("Your fediverse account is no longer linked."),
        "{html}"
    );
    assert!(status_of(&server, "rosa").await.linked.is_none());
    let resp = confirm(&server, &sam, &sams).await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(status_of(&server, "sam").await.linked.unwrap().actor, alice);
}

/// Links `actor` (`alice`) to the resident through the settings and the direct message.
async fn linked(server: &TestServer, mz: &Mobilizon, client: &reqwest::Client, actor: &str) {
    let handle = format!("@alice@{}", mz.host());
    assert_eq!(
        ask_link(server, client, &handle).await.status().as_u16(),
        303
    );
    let (_, token) = link_message(mz, actor, &[]).await;
    assert_eq!(confirm(server, client, &token).await.status().as_u16(), 303);
}

/// The opportunity as the fediverse fetches it: its remaining places.
async fn remaining(server: &TestServer, id: &str) -> Value {
    let event: Value = server
        .client()
        .get(server.url(&format!("/opportunities/{id}")))
        .header("Accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    event["remainingAttendeeCapacity"].clone()
}

#[actix_web::test]
async fn a_linked_accounts_places_are_the_residents_claims_they_earn_and_the_attestation_reaches_it(
) {
    let server = start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olivia", PASSWORD).await;
    let victor = resident(&server, "victor", PASSWORD).await;
    let rosa = resident(&server, "rosa", PASSWORD).await;
    common::approved_issuer(&server, "olivia", "victor", "creek-friends").await;
    common::set_budget(&server, &admin, "creek-friends", "100").await;
    let template = common::environment_template(&server, "olivia", "creek-friends", 500, 2).await;
    let before = common::published_opportunity(&server, "olivia", &template, "Creek day").await;
    let after = common::published_opportunity(&server, "olivia", &template, "Creek night").await;
    let ctx = &server.running().ctx;
    let rosa_user = common::user_named(&server, "rosa").await;
    let mz = Mobilizon::start();
    let alice = mz.person("alice");

    // Before the link, alice takes a place as a remote participant: nobody's claim.
    let first = join(&alice, 1, &server.url(&format!("/opportunities/{before}")));
    assert_eq!(mz.send(&server, &first).await, 202);
    let answer = mz.answer_to(&alice, first["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Accept", "{answer}");
    assert_eq!(remaining(&server, &before).await, 9);
    assert!(claims::claim_on(ctx, &rosa_user, &before)
        .await
        .unwrap()
        .is_none());

    // Linking makes that place rosa's claim: still one place.
    linked(&server, &mz, &rosa, &alice).await;
    let converted = claims::claim_on(ctx, &rosa_user, &before).await.unwrap();
    assert!(converted.is_some());
    assert_eq!(remaining(&server, &before).await, 9);
    let victor_user = common::user_named(&server, "victor").await;
    assert!(claims::remote::participants(ctx, &victor_user, &before)
        .await
        .unwrap()
        .is_empty());

    // Once linked, alice's Join is rosa's claim, and is still answered.
    let second = join(&alice, 2, &server.url(&format!("/opportunities/{after}")));
    assert_eq!(mz.send(&server, &second).await, 202);
    let answer = mz.answer_to(&alice, second["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Accept", "{answer}");
    assert_eq!(remaining(&server, &after).await, 9);
    let claim = claims::claim_on(ctx, &rosa_user, &after)
        .await
        .unwrap()
        .expect("the Join made rosa's claim");
    assert!(claims::remote::participants(ctx, &victor_user, &after)
        .await
        .unwrap()
        .is_empty());

    // Rosa proves it here; the verifier approves; it mints as any claim.
    let path = format!("/claims/{}", claim.id);
    let (_, html) = page(&rosa, &server.url(&path)).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("text", "Filled four bags")
        .text("outcome_quantity", "5");
    let resp = rosa
        .post(server.url(&format!("{path}/proof")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let (_, html) = page(&victor, &server.url("/organizations/creek-friends/verify")).await;
    let submission = text_between(&html, "/submissions/", "/").to_owned();
    let resp = post(
        &victor,
        &server.url(&format!("/submissions/{submission}/decide")),
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", "creek-friends"),
            ("decision", "approve"),
            ("confirmed_outcome", "5"),
            ("quality_rating", "5"),
            ("feedback", "Thank you"),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let (_, html) = page(&rosa, &server.url("/wallet")).await;
    assert!(
        html.contains("<dd id=\"balance-city\">5.00 CITY</dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd id=\"balance-vote\">2 VOTE</dd>"),
        "{html}"
    );

    // The signed attestation reaches alice, addressed to her alone.
    let attestation = mz
        .awaited(&alice, "attestation", |a| {
            a["type"] == "Create"
                && a["object"]["type"]
                    .as_array()
                    .is_some_and(|t| t.contains(&json!("ContributionAttestation")))
        })
        .await;
    assert_eq!(attestation["to"], json!([alice]), "{attestation}");
    assert_eq!(attestation["cc"], json!([]), "{attestation}");
    assert!(attestation["object"]["proof"].is_object(), "{attestation}");
    assert!(attestation["object"]["id"]
        .as_str()
        .unwrap()
        .starts_with(&server.url("/attestations/")));
}

#[actix_web::test]
async fn an_opportunitys_edit_and_cancellation_reach_its_remote_participants() {
    let server = start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olivia", PASSWORD).await;
    let _verifier = resident(&server, "victor", PASSWORD).await;
    common::approved_issuer(&server, "olivia", "victor", "creek-friends").await;
    let template = common::environment_template(&server, "olivia", "creek-friends", 500, 2).await;
    let id = common::published_opportunity(&server, "olivia", &template, "Creek day").await;
    let url = server.url(&format!("/opportunities/{id}"));
    let ctx = &server.running().ctx;
    let olivia = common::user_named(&server, "olivia").await;
    let mz = Mobilizon::start();
    let bob = mz.person("bob");
    let carol = mz.person("carol");
    let joined = join(&bob, 1, &url);
    assert_eq!(mz.send(&server, &joined).await, 202);
    let answer = mz.answer_to(&bob, joined["id"].as_str().unwrap()).await;
    assert_eq!(answer["type"], "Accept", "{answer}");

    let opp = catalog::opportunity(ctx, &id, None).await.unwrap();
    let spec = OpportunitySpec {
        title_override: Some(opp.title.clone()),
        place: "Codornices Creek".into(),
        point: None,
        starts_at: opp.starts_at,
        ends_at: opp.ends_at,
        claim_deadline: opp.claim_deadline,
        capacity: opp.capacity,
        onsite_instructions: opp.onsite_instructions.clone(),
    };
    catalog::edit_opportunity(ctx, &olivia, &id, spec)
        .await
        .unwrap();
    let update = mz.awaited(&bob, "Update", |a| a["type"] == "Update").await;
    assert_eq!(update["to"], json!([bob]), "{update}");
    assert_eq!(update["actor"], server.url("/organizations/creek-friends"));
    assert_eq!(update["object"]["id"], url.as_str(), "{update}");
    assert!(update.to_string().contains("Codornices Creek"), "{update}");

    catalog::cancel_opportunity(ctx, &olivia, &id, "The creek flooded")
        .await
        .unwrap();
    let delete = mz.awaited(&bob, "Delete", |a| a["type"] == "Delete").await;
    assert_eq!(delete["to"], json!([bob]), "{delete}");
    assert_eq!(delete["object"]["id"], url.as_str(), "{delete}");
    // Someone who did not join is told nothing.
    assert!(mz.received(&carol).is_empty());
}
