//! A client of the JSON API for the tests: every answer checked against the OpenAPI
//! document the server serves; tokens, a café and its offerings made through the use cases.

use super::openapi::{check, response_schema};
use super::{user_named, TestServer};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::{organizations, tokens};
use serde_json::Value;

/// A client of the API that checks every answer against the document the server serves.
pub struct Api<'a> {
    pub server: &'a TestServer,
    pub http: reqwest::Client,
    pub doc: Value,
}

pub struct Answer {
    pub status: u16,
    pub replayed: bool,
    pub body: Value,
}

impl Answer {
    /// The problem's code, checking the answer is one.
    pub fn problem(&self) -> &str {
        self.body["code"]
            .as_str()
            .unwrap_or_else(|| panic!("not a problem: {}", self.body))
    }
}

impl<'a> Api<'a> {
    pub async fn new(server: &'a TestServer) -> Api<'a> {
        let http = server.client();
        let doc = http
            .get(server.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        // The checks below are only as good as the document: bodies must be in it.
        assert!(response_schema(&doc, "GET", "/api/v1/wallet", 200).is_some());
        Api { server, http, doc }
    }

    /// The documented path template `path` is an instance of (literal segments win).
    pub fn template(&self, path: &str) -> String {
        let wanted: Vec<&str> = path.split('?').next().unwrap().split('/').collect();
        let mut best: Option<(usize, String)> = None;
        for template in self.doc["paths"].as_object().unwrap().keys() {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != wanted.len() {
                continue;
            }
            let fits = parts
                .iter()
                .zip(&wanted)
                .all(|(t, w)| t == w || t.starts_with('{'));
            let literal = parts.iter().filter(|t| !t.starts_with('{')).count();
            if fits && best.as_ref().is_none_or(|(n, _)| literal > *n) {
                best = Some((literal, template.clone()));
            }
        }
        best.unwrap_or_else(|| panic!("{path} is not in the document"))
            .1
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let url = self.server.url(path);
        let mut request = match method {
            "GET" => self.http.get(url),
            "POST" => self.http.post(url),
            _ => unreachable!(),
        };
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let resp = request.send().await.unwrap();
        let status = resp.status().as_u16();
        let replayed = resp
            .headers()
            .get("idempotent-replayed")
            .is_some_and(|v| v == "true");
        let content_type = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let text = resp.text().await.unwrap();
        if status >= 400 {
            assert_eq!(
                content_type, "application/problem+json",
                "{method} {path}: {text}"
            );
        }
        let body: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{method} {path}: {text}"))
        };
        let template = self.template(path);
        if let Some(schema) = response_schema(&self.doc, method, &template, status) {
            check(&self.doc, &schema, &body, "$")
                .unwrap_or_else(|e| panic!("{method} {path} ({status}): {e}\n{body:#}"));
        }
        Answer {
            status,
            replayed,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call("GET", path, token, None, None).await
    }

    pub async fn post(
        &self,
        path: &str,
        token: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        self.call("POST", path, Some(token), key, body).await
    }
}

pub async fn token(server: &TestServer, username: &str, scopes: &str) -> String {
    tokens::create(&server.running().ctx, username, scopes, "test")
        .await
        .unwrap()
}

/// An approved redeemer of `owner` with `cashier` joined as its cashier; returns its id.
pub async fn redeemer(server: &TestServer, owner: &str, cashier: &str, handle: &str) -> String {
    super::approved_redeemer(server, owner, cashier, handle).await;
    organizations::by_handle(&server.running().ctx, handle, None)
        .await
        .unwrap()
        .id
}

/// An active offering with ten units committed this epoch; returns its id.
pub async fn offering(
    server: &TestServer,
    owner: &str,
    org_id: &str,
    title: &str,
    price: &str,
) -> String {
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let id = offerings::create(
        ctx,
        &owner,
        org_id,
        OfferingInput {
            title: title.into(),
            description: format!("A cup of {title}."),
            price: price.into(),
            category: "food_drink".into(),
            terms: "Weekdays before 11:00".into(),
            active: true,
        },
        None,
    )
    .await
    .unwrap();
    offerings::commit(ctx, &owner, &id, "10").await.unwrap();
    id.to_string()
}

pub fn city_totals(ledger: &Value) -> Value {
    ledger["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["currency"] == "CITY")
        .unwrap()
        .clone()
}
