//! Times on the wire are UTC instants (docs/federation.md, "Times"): an opportunity typed
//! for 09:00 on a city's clock is served with `startTime` at that instant in UTC (`Z`),
//! whatever the city's zone; a peer's times with any offset are read as the right instant.

use chrono::NaiveDateTime;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::federation::publications::Kind;
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::server::{set_up_city_in, TestServer};
use citysync_test_support::{ctx_for, TestDb};
use serde_json::{json, Value};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A city in `zone` with an opportunity on Saturday 2026-12-12 from 09:00 to 12:00 on its
/// clock, published; the `Event` as served over HTTP.
async fn served_event(zone: &str) -> Value {
    let server = TestServer::start().await;
    set_up_city_in(&server, "Testville", zone).await;
    let ctx = server.running().ctx.clone();
    let city = citysync_app::instance::get(&ctx).await.unwrap();
    let issuer = Issuer::new(ctx.clone(), "creek-care").await;
    let template = issuer.active_template("Creek cleanup").await;
    let opp = catalog::create_opportunity(
        &ctx,
        &issuer.owner,
        OpportunityInput {
            template_id: template,
            spec: OpportunitySpec {
                title_override: None,
                place: "Strawberry Creek bridge".into(),
                point: None,
                starts_at: city.utc_of_local(at("2026-12-12 09:00")),
                ends_at: city.utc_of_local(at("2026-12-12 12:00")),
                claim_deadline: city.utc_of_local(at("2026-12-12 08:00")),
                capacity: 5,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(&ctx, &issuer.owner, &opp.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    let rendered = citysync_federation::objects::render(&ctx, Kind::Opportunity, &opp.id)
        .await
        .unwrap();
    let id = rendered.object["id"].as_str().unwrap().to_owned();
    let served: Value = server
        .client()
        .get(&id)
        .header("Accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        served["startTime"], rendered.object["startTime"],
        "{served}"
    );
    server.stop().await;
    served
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_berkeley_opportunity_at_nine_starts_at_seventeen_utc() {
    let event = served_event("America/Los_Angeles").await;
    assert_eq!(event["type"], "Event");
    assert_eq!(event["startTime"], "2026-12-12T17:00:00Z", "{event}");
    assert_eq!(event["endTime"], "2026-12-12T20:00:00Z");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mexico_city_opportunity_at_nine_starts_at_fifteen_utc() {
    let event = served_event("America/Mexico_City").await;
    assert_eq!(event["startTime"], "2026-12-12T15:00:00Z", "{event}");
    assert_eq!(event["endTime"], "2026-12-12T18:00:00Z");
}

#[tokio::test]
async fn a_peers_times_with_offsets_are_read_as_utc_instants() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let db = TestDb::sqlite();
    let ctx = ctx_for(db.db.clone(), "https://city.test");
    citysync_app::instance::ensure_keys(&ctx).await.unwrap();
    let config = citysync_federation::build_config(ctx, false).await.unwrap();
    let data = config.to_request_data();
    for (start, published) in [
        ("2026-12-12T09:00:00-08:00", "2026-12-06T10:00:00+01:00"),
        ("2026-12-12T11:00:00-06:00", "2026-12-06T09:00:00Z"),
        ("2026-12-12T17:00:00Z", "2026-12-06T03:00:00-06:00"),
        ("2026-12-12T17:00:00.000+00:00", "2026-12-06T09:00:00.000Z"),
    ] {
        let event = json!({
            "type": "Event",
            "id": "https://peer.example/objects/opportunity/1",
            "attributedTo": "https://peer.example/organizations/creek",
            "name": "Creek cleanup",
            "startTime": start,
            "endTime": "2026-12-12T12:00:00-08:00",
            "published": published,
        });
        let received = citysync_federation::objects::understand(&data, &event, None)
            .await
            .unwrap();
        assert_eq!(received.starts_at, Some(at("2026-12-12 17:00")), "{start}");
        assert_eq!(received.published_at, at("2026-12-06 09:00"), "{published}");
    }
}
