//! The committed `docs/openapi.json` is the document the code generates. When an endpoint
//! or a body changes, regenerate it with
//! `CITYSYNC_BLESS_OPENAPI=1 cargo test -p citysync-api --test it openapi_drift` and commit it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

fn committed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

#[test]
fn committed_openapi_document_matches_the_code() {
    let generated = citysync_api::openapi::document_json();
    if std::env::var("CITYSYNC_BLESS_OPENAPI").is_ok_and(|v| !v.is_empty()) {
        std::fs::write(committed(), &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(committed()).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/openapi.json differs from the document the code generates; regenerate it with \
         CITYSYNC_BLESS_OPENAPI=1 cargo test -p citysync-api --test it openapi_drift"
    );
}

#[test]
fn the_document_is_openapi_3_1_and_every_operation_is_described() {
    let doc: serde_json::Value =
        serde_json::from_str(&citysync_api::openapi::document_json()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() > 10, "{} paths", paths.len());
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, op) in item.as_object().unwrap() {
            let summary = op["summary"].as_str().unwrap_or_default();
            assert!(!summary.is_empty(), "{method} {path} has no summary");
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{method} {path} has no tag"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|k| k.starts_with('2')),
                "{method} {path} documents no success"
            );
        }
    }
    let scopes = doc["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"]
        ["scopes"]
        .as_object()
        .unwrap();
    assert_eq!(scopes.len(), citysync_domain::Scope::ALL.len());
}
