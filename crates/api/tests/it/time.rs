//! Times at the API's edge: answers carry the city's UTC offset; requests may send `Z`, an
//! offset, or the city's local time; a malformed time is a problem naming the field.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use citysync_api::time::{format, parse};
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::server::api::{token, Api};
use citysync_test_support::server::{set_up_city_in, TestServer};
use serde_json::{json, Value};

fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

const BERKELEY: &str = "America/Los_Angeles";
const MEXICO_CITY: &str = "America/Mexico_City";

#[test]
fn reads_offsets_z_and_local_time() {
    let la: Tz = BERKELEY.parse().unwrap();
    let at = utc("2026-12-12 17:00");
    for text in [
        "2026-12-12T09:00:00-08:00",
        "2026-12-12T09:00-08:00",
        "2026-12-12T17:00:00Z",
        "2026-12-12T17:00:00z",
        "2026-12-12T17:00Z",
        "2026-12-12T17:00:00+00:00",
        "2026-12-12T17:00:00.000Z",
        "2026-12-12 11:00:00-06:00",
        "2026-12-12T09:00",
        "2026-12-12T09:00:00",
        "2026-12-12T09:00:00.000",
        " 2026-12-12 09:00 ",
    ] {
        assert_eq!(parse(text, la), Ok(at), "{text}");
    }
    for bad in [
        "",
        "tomorrow",
        "2026-12-12",
        "2026-13-12T09:00",
        "2026-12-12T09:00+25:00",
        "2026-12-12T09:00 PST",
        "2026-12-12T09:00:00Zjunk",
        "2026-12-12T09:00:00ZZ",
    ] {
        assert!(parse(bad, la).is_err(), "{bad}");
    }
    // Local times the clocks skip or show twice (Berkeley, 2026).
    assert_eq!(
        parse("2026-03-08T02:30", la),
        Ok(utc("2026-03-08 10:00")),
        "in the gap: the first instant after it, 03:00 PDT"
    );
    assert_eq!(
        parse("2026-11-01T01:30", la),
        Ok(utc("2026-11-01 08:30")),
        "shown twice: the first, PDT"
    );
}

#[test]
fn writes_the_city_offset() {
    let at = utc("2026-12-12 17:00");
    let la: Tz = BERKELEY.parse().unwrap();
    let mx: Tz = MEXICO_CITY.parse().unwrap();
    assert_eq!(format(at, la), "2026-12-12T09:00:00-08:00");
    assert_eq!(format(at, mx), "2026-12-12T11:00:00-06:00");
    assert_eq!(
        format(utc("2026-07-01 17:00"), la),
        "2026-07-01T10:00:00-07:00"
    );
    assert_eq!(
        format(utc("2026-07-01 17:00"), mx),
        "2026-07-01T11:00:00-06:00",
        "no daylight-saving time in Mexico City since 2022"
    );
    assert_eq!(format(at, Tz::UTC), "2026-12-12T17:00:00+00:00");
}

/// A city in `zone` with an approved issuer, its active template, and a `write:catalog`
/// token of the issuer's owner.
async fn city(zone: &str) -> (TestServer, Issuer, String, String) {
    let server = TestServer::start().await;
    set_up_city_in(&server, "Testville", zone).await;
    let issuer = Issuer::new(server.running().ctx.clone(), "creek-care").await;
    let template = issuer.active_template("Creek cleanup").await;
    let token = token(
        &server,
        &issuer.owner.username.to_string(),
        "read write:catalog",
    )
    .await;
    (server, issuer, template, token)
}

fn opportunity(template: &str, starts: &str, ends: &str, deadline: &str) -> Value {
    json!({
        "template_id": template, "place": "Strawberry Creek bridge",
        "starts_at": starts, "ends_at": ends, "claim_deadline": deadline, "capacity": 5
    })
}

async fn stored(issuer: &Issuer, id: &str) -> (NaiveDateTime, NaiveDateTime, NaiveDateTime) {
    let o = citysync_app::catalog::opportunity(&issuer.ctx, id, Some(&issuer.owner))
        .await
        .unwrap();
    (o.starts_at, o.ends_at, o.claim_deadline)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn berkeley_answers_with_its_offset_and_reads_offsets_z_and_local_time() {
    let (server, issuer, template, token) = city(BERKELEY).await;
    let api = Api::new(&server).await;
    let path = "/api/v1/organizations/creek-care/opportunities";
    // Saturday 2026-12-12, 09:00 to 12:00 in Berkeley (PST), claims until 08:00: one with
    // an offset, one with Z, one in local time without offset.
    let created = api
        .post(
            path,
            &token,
            None,
            Some(opportunity(
                &template,
                "2026-12-12T09:00:00-08:00",
                "2026-12-12T20:00:00Z",
                "2026-12-12T08:00",
            )),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        stored(&issuer, &id).await,
        (
            utc("2026-12-12 17:00"),
            utc("2026-12-12 20:00"),
            utc("2026-12-12 16:00")
        )
    );
    for body in [
        created.body,
        api.get(&format!("/api/v1/opportunities/{id}"), Some(&token))
            .await
            .body,
    ] {
        assert_eq!(body["starts_at"], "2026-12-12T09:00:00-08:00", "{body}");
        assert_eq!(body["ends_at"], "2026-12-12T12:00:00-08:00");
        assert_eq!(body["claim_deadline"], "2026-12-12T08:00:00-08:00");
    }

    // Summer time: the offset is the one in force at that instant.
    let july = api
        .post(
            path,
            &token,
            None,
            Some(opportunity(
                &template,
                "2027-07-03T17:00:00Z",
                "2027-07-03T12:00",
                "2027-07-03T10:00:00-07:00",
            )),
        )
        .await;
    assert_eq!(july.status, 201, "{}", july.body);
    assert_eq!(july.body["starts_at"], "2027-07-03T10:00:00-07:00");
    assert_eq!(july.body["ends_at"], "2027-07-03T12:00:00-07:00");
    assert_eq!(july.body["claim_deadline"], "2027-07-03T10:00:00-07:00");

    // Garbage: a problem naming the field, and nothing made.
    let org = citysync_app::organizations::by_handle(&issuer.ctx, "creek-care", None)
        .await
        .unwrap();
    let before = citysync_app::catalog::opportunities_of(&issuer.ctx, &org, true)
        .await
        .unwrap()
        .len();
    for (field, body) in [
        (
            "starts_at",
            opportunity(
                &template,
                "next saturday",
                "2026-12-12T20:00:00Z",
                "2026-12-12T08:00",
            ),
        ),
        (
            "claim_deadline",
            opportunity(
                &template,
                "2026-12-12T09:00:00-08:00",
                "2026-12-12T20:00:00Z",
                "2026-12-12T08:00:00 PST",
            ),
        ),
    ] {
        let bad = api.post(path, &token, None, Some(body)).await;
        assert_eq!(bad.status, 400, "{}", bad.body);
        assert_eq!(bad.problem(), "error-request-malformed");
        assert_eq!(bad.body["field"], field, "{}", bad.body);
        assert!(
            bad.body["detail"].as_str().unwrap().starts_with(field),
            "{}",
            bad.body
        );
    }
    assert_eq!(
        citysync_app::catalog::opportunities_of(&issuer.ctx, &org, true)
            .await
            .unwrap()
            .len(),
        before
    );

    // The catalog's filters take the same forms; a bad one names itself.
    citysync_app::catalog::change_opportunity(
        &issuer.ctx,
        &issuer.owner,
        &id,
        citysync_domain::lifecycle::OpportunityEvent::Publish,
    )
    .await
    .unwrap();
    for (from, until, found) in [
        (
            "2026-12-12T00:00:00-08:00",
            "2026-12-12T23:59:59-08:00",
            true,
        ),
        ("2026-12-12T00:00:00Z", "2026-12-12T23:59:59Z", true),
        ("2026-12-12T00:00", "2026-12-12T08:59", false),
        ("2026-12-12T00:00", "2026-12-12T09:00", true),
        ("2026-12-12T20:00:01Z", "2026-12-13T00:00", false),
    ] {
        let list = api
            .get(
                &format!(
                    "/api/v1/opportunities?from={}&until={}",
                    from.replace('+', "%2B"),
                    until.replace('+', "%2B")
                ),
                None,
            )
            .await;
        assert_eq!(list.status, 200, "{}", list.body);
        let ids: Vec<&str> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.contains(&id.as_str()), found, "{from} – {until}");
    }
    let bad = api.get("/api/v1/opportunities?from=soon", None).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.body["field"], "from", "{}", bad.body);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mexico_city_answers_minus_six() {
    let (server, issuer, template, token) = city(MEXICO_CITY).await;
    let api = Api::new(&server).await;
    let instance = api.get("/api/v1/instance", None).await;
    assert_eq!(instance.body["timezone"], MEXICO_CITY);
    let created = api
        .post(
            "/api/v1/organizations/creek-care/opportunities",
            &token,
            None,
            Some(opportunity(
                &template,
                "2026-12-12T09:00:00-06:00",
                "2026-12-12T18:00:00Z",
                "2026-12-12T08:30",
            )),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap();
    assert_eq!(
        stored(&issuer, id).await,
        (
            utc("2026-12-12 15:00"),
            utc("2026-12-12 18:00"),
            utc("2026-12-12 14:30")
        )
    );
    assert_eq!(created.body["starts_at"], "2026-12-12T09:00:00-06:00");
    assert_eq!(created.body["ends_at"], "2026-12-12T12:00:00-06:00");
    assert_eq!(created.body["claim_deadline"], "2026-12-12T08:30:00-06:00");
    server.stop().await;
}
