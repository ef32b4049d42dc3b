//! The OpenAPI document says what the server does (issue 23, point 12): the answers every
//! operation can give are documented, a method a known path does not take is `405` with
//! `Allow`, and the limits the document states are the ones the server enforces — each
//! read from the served document and tried on the server at the boundary. The whole
//! document is also fuzzed by Schemathesis in CI (`.ci/schemathesis.sh`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::{
    approved_issuer, environment_template, published_opportunity, resident, set_up_city, TestServer,
};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

async fn token(server: &TestServer, username: &str, scopes: &str) -> String {
    citysync_app::tokens::create(&server.running().ctx, username, scopes, "test")
        .await
        .unwrap()
}

async fn document(server: &TestServer) -> Value {
    let resp = server
        .client()
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    resp.json().await.unwrap()
}

/// A property of a component schema, e.g. `("NewOrganization", "name")`.
fn property<'a>(doc: &'a Value, schema: &str, name: &str) -> &'a Value {
    let p = &doc["components"]["schemas"][schema]["properties"][name];
    assert!(p.is_object(), "{schema}.{name} is not in the document");
    p
}

fn number(v: &Value, key: &str) -> usize {
    v[key].as_u64().unwrap_or_else(|| panic!("no {key} in {v}")) as usize
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_method_a_known_path_does_not_take_is_405_with_allow() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let http = server.client();
    let trace = reqwest::Method::from_bytes(b"TRACE").unwrap();

    for (method, path, allow) in [
        (trace.clone(), "/api/v1/cycles", "GET, POST"),
        (trace.clone(), "/api/v1/instance", "GET"),
        (
            reqwest::Method::PATCH,
            "/api/v1/claims/some-claim/proofs",
            "POST",
        ),
        (
            reqwest::Method::DELETE,
            "/api/v1/organizations/x/budget",
            "PUT",
        ),
        (reqwest::Method::PUT, "/api/v1/openapi.json", "GET"),
    ] {
        let resp = http
            .request(method.clone(), server.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
        assert_eq!(resp.headers()["allow"], allow, "{method} {path}");
        assert_eq!(
            resp.headers()["content-type"],
            "application/problem+json",
            "{method} {path}"
        );
        let problem: Value = resp.json().await.unwrap();
        assert_eq!(problem["code"], "error-method-not-allowed");
        assert_eq!(problem["status"], 405);
    }

    // In the reader's language, like every problem.
    let resp = http
        .request(trace.clone(), server.url("/api/v1/cycles"))
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap();
    let problem: Value = resp.json().await.unwrap();
    assert_eq!(
        problem["title"],
        "Esta dirección no acepta ese tipo de solicitud."
    );

    // A path the API does not have stays 404, whatever the method.
    for (method, path) in [
        (trace.clone(), "/api/v1/no-such-thing"),
        (reqwest::Method::GET, "/api/v1/no-such-thing"),
        (trace, "/api/v1/claims//proofs"),
    ] {
        let resp = http
            .request(method.clone(), server.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404, "{method} {path}");
        assert!(resp.headers().get("allow").is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_documents_the_answers_the_layers_before_it_can_give() {
    let server = TestServer::start().await;
    let doc = document(&server).await;
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            let has = |code: &str| responses.contains_key(code);
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let secured = op["security"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
            });
            let in_path = params.iter().any(|p| p["in"] == "path");
            let keyed = params
                .iter()
                .any(|p| p["in"] == "header" && p["name"] == "Idempotency-Key");
            let at = format!("{} {path}", method.to_uppercase());
            // A token in the query or a malformed request; a token that is not live; the quota.
            for code in ["400", "401", "429"] {
                assert!(has(code), "{at} does not document {code}");
            }
            assert!(
                !secured || has("403"),
                "{at} needs a scope but documents no 403"
            );
            assert!(
                !in_path || has("404"),
                "{at} takes an id but documents no 404"
            );
            assert!(
                !keyed || has("409"),
                "{at} takes an Idempotency-Key but documents no 409"
            );
            checked += 1;
        }
    }
    assert!(checked >= 70, "only {checked} operations");
    // Images are answered as PNG or JPEG, and both are documented.
    for path in ["/api/v1/photos/{id}", "/api/v1/offerings/{id}/image"] {
        let content = &doc["paths"][path]["get"]["responses"]["200"]["content"];
        assert!(content.get("image/png").is_some(), "{path}: {content}");
        assert!(content.get("image/jpeg").is_some(), "{path}: {content}");
    }
    // A filter naming no organization is a documented 404.
    assert!(doc["paths"]["/api/v1/opportunities"]["get"]["responses"]
        .get("404")
        .is_some());
}

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 8, image::Rgb([0, 120, 200])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documented_photo_limit_is_the_one_the_server_keeps() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let _ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 200).await;
    let opportunity = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    let ana = token(&server, "ana", "read write:claims write:proofs").await;
    let http = server.client();

    let doc = document(&server).await;
    let photos = property(&doc, "ProofForm", "photos");
    let max = number(photos, "maxItems");
    assert_eq!(max, citysync_domain::work::PHOTOS_MAX);
    let described = photos["description"].as_str().unwrap();
    assert!(described.contains(&format!("at most {max}")), "{described}");

    let resp = http
        .post(server.url(&format!("/api/v1/opportunities/{opportunity}/claims")))
        .bearer_auth(&ana)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let claim = resp.json::<Value>().await.unwrap()["claim"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let proof = |count: usize| {
        let mut form = reqwest::multipart::Form::new()
            .text("text", "Filled four bags")
            .text("outcome_quantity", "4");
        for i in 0..count {
            form = form.part(
                "photos",
                reqwest::multipart::Part::bytes(png())
                    .file_name(format!("p{i}.png"))
                    .mime_str("image/png")
                    .unwrap(),
            );
        }
        form
    };
    let url = server.url(&format!("/api/v1/claims/{claim}/proofs"));
    // One more than the document allows is refused, and nothing is submitted.
    let resp = http
        .post(&url)
        .bearer_auth(&ana)
        .multipart(proof(max + 1))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let problem: Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "error-too-many-photos", "{problem}");
    // As many as the document allows are taken.
    let resp = http
        .post(&url)
        .bearer_auth(&ana)
        .multipart(proof(max))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let submitted: Value = resp.json().await.unwrap();
    assert_eq!(
        submitted["submissions"][0]["photos"]
            .as_array()
            .unwrap()
            .len(),
        max
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_length_and_range_limits_are_the_enforced_ones() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let olga = token(&server, "olga", "read write:catalog").await;
    let doc = document(&server).await;
    let http = server.client();
    let post = |path: &str, body: Value| {
        http.post(server.url(path))
            .bearer_auth(&olga)
            .json(&body)
            .send()
    };

    // An organization's name and handle: at the documented maximum taken, one more refused.
    let name_max = number(property(&doc, "NewOrganization", "name"), "maxLength");
    let handle = property(&doc, "NewOrganization", "handle");
    assert_eq!(handle["pattern"], "^[a-z][a-z0-9_-]{2,39}$");
    let application = |handle: &str, name: &str| {
        json!({"handle": handle, "name": name, "is_issuer": true, "is_redeemer": false,
               "contact_email": "hello@example.org"})
    };
    let long_handle = format!("h{}", "a".repeat(39));
    let resp = post(
        "/api/v1/organizations",
        application(&format!("{long_handle}a"), "Too long a handle"),
    )
    .await
    .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "error-handle-invalid"
    );
    let resp = post(
        "/api/v1/organizations",
        application(&long_handle, &"n".repeat(name_max + 1)),
    )
    .await
    .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "error-too-long"
    );
    let resp = post(
        "/api/v1/organizations",
        application(&long_handle, &"n".repeat(name_max)),
    )
    .await
    .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        201,
        "{}",
        resp.text().await.unwrap()
    );
    // A two-letter handle does not fit the pattern and is refused.
    let resp = post("/api/v1/organizations", application("ab", "Short"))
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        resp.json::<Value>().await.unwrap()["code"],
        "error-handle-invalid"
    );

    // A template's title and summary, and its ranges.
    let title_max = number(property(&doc, "TemplateContent", "title"), "maxLength");
    let summary_max = number(property(&doc, "TemplateContent", "summary"), "maxLength");
    let minutes = property(&doc, "TemplateContent", "estimated_minutes");
    let minutes_max = number(minutes, "maximum");
    let reward_max = number(property(&doc, "TemplateContent", "reward_city"), "maximum");
    let template = |title: usize, summary: usize, minutes: usize, reward: usize| {
        json!({"title": "t".repeat(title), "summary": "s".repeat(summary),
               "category": "environment", "outcome_unit": "kg_waste_diverted",
               "expected_outcome": 5.0, "verification_method": "issuer_review",
               "proof_kinds": ["text"], "reward_city": reward, "reward_vote": 0,
               "estimated_minutes": minutes})
    };
    let path = "/api/v1/organizations/creek-friends/templates";
    for (body, field) in [
        (template(title_max + 1, 10, 60, 100), "title"),
        (template(10, summary_max + 1, 60, 100), "summary"),
        (template(10, 10, minutes_max + 1, 100), "estimated_minutes"),
        (template(10, 10, 60, reward_max + 1), "reward"),
    ] {
        let resp = post(path, body).await.unwrap();
        assert_eq!(
            resp.status().as_u16(),
            400,
            "{field} over the documented limit"
        );
    }
    let resp = post(
        path,
        template(title_max, summary_max, minutes_max, reward_max),
    )
    .await
    .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        201,
        "{}",
        resp.text().await.unwrap()
    );
}
