//! The further resident-verification methods (issue 25), through the real pages: letter
//! codes (the administrator's CSV, single use, expiry, guessing throttled, one account per
//! address), the city's registry (a real HTTP server started here plays the registry and
//! answers by the documented JSON exchange), and OpenID Connect end to end against the
//! certified `oidc-provider` (Node.js, pinned in ../oidc-provider with its lockfile).
//! Every method ends in the common path: a second account with the same identifier is
//! refused and queued for the administrator.
//!
//! The OpenID Connect test needs Node.js; its packages are installed with `npm ci` on first
//! use. Without Node the test is skipped, except in CI (`CI=true`), where it fails.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use citysync_app::identity;
use citysync_domain::identity::{IdentityLevel, VerificationMethod};
use citysync_test_support::server::{
    choose_language, csrf, page, post, resident, set_up_city, user_named, TestServer,
};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};

const PASSWORD: &str = "correct horse battery";
const CURP: &str = "GODE561231HDFRRN04";

async fn level(server: &TestServer, username: &str) -> Option<IdentityLevel> {
    let user = user_named(server, username).await;
    identity::level_of(&server.running().ctx, &user)
        .await
        .unwrap()
}

async fn method(server: &TestServer, username: &str) -> Option<VerificationMethod> {
    let user = user_named(server, username).await;
    identity::method_of(&server.running().ctx, &user)
        .await
        .unwrap()
}

/// Posts one of /settings/identity's forms; returns the status and the page.
async fn on_identity_page(
    server: &TestServer,
    client: &reqwest::Client,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let (status, html) = page(client, &server.url("/settings/identity")).await;
    assert_eq!(status, 200, "{html}");
    let token = csrf(&html);
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let resp = post(client, &server.url(action), &form).await;
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// The administrator switches exactly `on` on.
async fn switch_methods(
    server: &TestServer,
    admin: &reqwest::Client,
    on: &[&str],
) -> (u16, String) {
    let (_, html) = page(admin, &server.url("/admin/identity")).await;
    let token = csrf(&html);
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend(on.iter().map(|m| (*m, "on")));
    let resp = post(admin, &server.url("/admin/identity/methods"), &form).await;
    let status = resp.status().as_u16();
    if status == 303 {
        let (_, html) = page(admin, &server.url("/admin/identity")).await;
        return (status, html);
    }
    (status, resp.text().await.unwrap())
}

/// The administrator's batch: (status, body) — the CSV, or the page with the error.
async fn make_codes(
    server: &TestServer,
    admin: &reqwest::Client,
    addresses: &str,
    days: &str,
) -> (u16, String, String) {
    make_codes_with_file(server, admin, addresses, None, days).await
}

/// The batch form as a browser sends it (multipart), with a CSV file when `file` is given.
async fn make_codes_with_file(
    server: &TestServer,
    admin: &reqwest::Client,
    addresses: &str,
    file: Option<&str>,
    days: &str,
) -> (u16, String, String) {
    let (_, html) = page(admin, &server.url("/admin/identity")).await;
    let mut form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("addresses", addresses.to_owned())
        .text("days", days.to_owned());
    let part = match file {
        Some(text) => reqwest::multipart::Part::bytes(text.as_bytes().to_vec())
            .file_name("addresses.csv")
            .mime_str("text/csv")
            .unwrap(),
        // What a browser sends for a file input left empty.
        None => reqwest::multipart::Part::bytes(Vec::new())
            .file_name("")
            .mime_str("application/octet-stream")
            .unwrap(),
    };
    form = form.part("file", part);
    let resp = admin
        .post(server.url("/admin/identity/letter-codes"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let kind = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (resp.status().as_u16(), kind, resp.text().await.unwrap())
}

/// The CSV's rows: (address, code, expires).
fn sheet(csv_text: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["address", "code", "expires"]
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect()
}

#[tokio::test]
async fn letter_codes_verify_one_account_per_address_once_before_expiry() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let cara = resident(&server, "cara", PASSWORD).await;

    // Off until the administrator switches it on: no form, and a post is refused.
    let (_, html) = page(&ana, &server.url("/settings/identity")).await;
    assert!(!html.contains("/settings/identity/letter-code"), "{html}");
    let (status, html) = on_identity_page(
        &server,
        &ana,
        "/settings/identity/letter-code",
        &[("code", "ABCD-EFGH-JKMN")],
    )
    .await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("does not offer this way"), "{html}");
    let (_, html) = page(&admin, &server.url("/admin/identity")).await;
    assert!(!html.contains("/admin/identity/letter-codes"), "{html}");
    let (status, _, html) = make_codes(&server, &admin, "1 Main St", "30").await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("does not offer this way"), "{html}");
    let (status, html) = switch_methods(&server, &admin, &["letter_code"]).await;
    assert_eq!(status, 303);
    assert!(
        html.contains("id=\"f-method-letter_code\" name=\"letter_code\" value=\"on\" checked"),
        "{html}"
    );

    // A batch with a line that is no address is refused whole: no code is made.
    let (status, _, html) = make_codes(&server, &admin, "1 Main St\nab\n", "30").await;
    assert_eq!(status, 400, "{html}");
    assert!(
        html.contains("Each line must be one postal address"),
        "{html}"
    );
    assert!(html.contains("0 codes are waiting to be used."), "{html}");
    assert!(
        html.contains("action=\"/admin/identity/letter-codes\""),
        "{html}"
    );

    // The batch: a CSV to print and post, one code per address however it is written.
    let (status, kind, csv_text) = make_codes(
        &server,
        &admin,
        "address\n1 Main St;Apt 4\n2 Oak Ave\n1 main st.\n",
        "30",
    )
    .await;
    assert_eq!(status, 200, "{csv_text}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    let letters = sheet(&csv_text);
    assert_eq!(letters.len(), 2, "{csv_text}");
    let (main_st, oak_ave) = (letters[0].clone(), letters[1].clone());
    assert_eq!(main_st.0, "1 Main St");
    assert_eq!(oak_ave.0, "2 Oak Ave");
    assert_ne!(main_st.1, oak_ave.1);
    let expected = (chrono::Utc::now() + chrono::Duration::days(30))
        .with_timezone(
            &citysync_test_support::server::CITY_ZONE
                .parse::<chrono_tz::Tz>()
                .unwrap(),
        )
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(main_st.2, expected);
    // A second batch, for the same home written another way.
    let (_, _, again) = make_codes(&server, &admin, "1 MAIN ST.", "30").await;
    let second_main_st = sheet(&again)[0].1.clone();
    let (_, html) = page(&admin, &server.url("/admin/identity")).await;
    assert!(html.contains("3 codes are waiting to be used."), "{html}");

    // Ana types her code sloppily: she is a verified resident, by letter code.
    let typed = main_st.1.to_lowercase().replace('-', " ");
    let (status, html) = on_identity_page(
        &server,
        &ana,
        "/settings/identity/letter-code",
        &[("code", &typed)],
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("You are now verified as a resident."),
        "{html}"
    );
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::ResidentVerified)
    );
    assert_eq!(
        method(&server, "ana").await,
        Some(VerificationMethod::LetterCode)
    );
    let (_, settings) = page(&ana, &server.url("/settings")).await;
    assert!(
        settings
            .contains("Identity level: Resident verified (Letter code, posted to your address)"),
        "{settings}"
    );
    let (_, users) = page(&admin, &server.url("/admin/users")).await;
    assert!(
        users.contains("ana verified as a resident (letter code, registry or identity service)"),
        "{users}"
    );

    // The same code again, by Ben: used, refused, nothing changes.
    let (status, html) = on_identity_page(
        &server,
        &ben,
        "/settings/identity/letter-code",
        &[("code", &main_st.1)],
    )
    .await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("This code is not valid"), "{html}");
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );

    // Ben with the second code for Ana's address: refused, and queued for the administrator.
    let (status, html) = on_identity_page(
        &server,
        &ben,
        "/settings/identity/letter-code",
        &[("code", &second_main_st)],
    )
    .await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("Another account already holds this document"),
        "{html}"
    );
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );
    let (_, html) = page(&admin, &server.url("/admin/identity")).await;
    assert!(
        html.contains(
            "ben presented a document ana already holds (Postal address), by Letter code, posted to your address."
        ),
        "{html}"
    );
    assert!(
        html.contains("ana: Postal address, by Letter code, posted to your address"),
        "{html}"
    );
    assert!(
        !html.contains("main st"),
        "the address is never kept: {html}"
    );

    // An expired code is refused like an unknown one (the clock moved past its date).
    let ctx = server.running().ctx.clone();
    ctx.db()
        .write(|conn| {
            use citysync_storage::schema::identity_letter_codes as codes;
            use diesel::prelude::*;
            let past = chrono::Utc::now().naive_utc() - chrono::Duration::days(1);
            diesel::update(codes::table.filter(codes::used_at.is_null()))
                .set(codes::expires_at.eq(past))
                .execute(conn)
                .map_err(citysync_storage::StorageError::from)?;
            Ok::<_, citysync_app::AppError>(())
        })
        .await
        .unwrap();
    let (status, html) = on_identity_page(
        &server,
        &cara,
        "/settings/identity/letter-code",
        &[("code", &oak_ave.1)],
    )
    .await;
    assert_eq!(status, 400, "{html}");
    assert_eq!(
        level(&server, "cara").await,
        Some(IdentityLevel::EmailVerified)
    );

    // A fresh code for Oak Ave; Cara guesses in Spanish until she is stopped, and then even
    // the right code waits.
    let (_, _, fresh) = make_codes(&server, &admin, "2 Oak Ave", "5").await;
    let oak_code = sheet(&fresh)[0].1.clone();
    choose_language(&server, &cara, "es").await;
    // The expired try above counted: nine more wrong ones reach the limit of ten.
    for i in 0..9 {
        let (status, html) = on_identity_page(
            &server,
            &cara,
            "/settings/identity/letter-code",
            &[("code", "2222-3333-4444")],
        )
        .await;
        assert_eq!(status, 400, "try {i}: {html}");
        assert!(html.contains("Este código no es válido"), "{html}");
    }
    let (status, html) = on_identity_page(
        &server,
        &cara,
        "/settings/identity/letter-code",
        &[("code", &oak_code)],
    )
    .await;
    assert_eq!(status, 429, "{html}");
    assert_eq!(
        level(&server, "cara").await,
        Some(IdentityLevel::EmailVerified)
    );

    // A whole neighbourhood as a CSV file (address in the first column, quoted commas
    // kept), larger than other forms may be, with a few more typed in the textarea.
    let mut file = String::from("\u{feff}address,owner\n");
    for i in 1..=2500 {
        file.push_str(&format!("\"{i} Long Avenue, Apartment {i}\",Someone {i}\n"));
    }
    assert!(file.len() > 64 * 1024);
    let (status, _, csv_text) =
        make_codes_with_file(&server, &admin, "9 Elm St\n", Some(&file), "60").await;
    assert_eq!(status, 200, "{csv_text}");
    let rows = sheet(&csv_text);
    assert_eq!(rows.len(), 2501);
    assert_eq!(rows[0].0, "9 Elm St");
    assert_eq!(rows[1].0, "1 Long Avenue, Apartment 1");
}

/// What the registry test's registry was asked.
#[derive(Default)]
struct Asked {
    bodies: Vec<serde_json::Value>,
    authorizations: Vec<String>,
}

/// The city's registry: a real HTTP server answering the documented exchange. It knows one
/// person; a document ending in `99` makes it fail (status 500), one ending in `98` makes
/// it answer too late.
async fn start_registry(asked: Arc<Mutex<Asked>>) -> (String, actix_web::dev::ServerHandle) {
    async fn check(
        req: HttpRequest,
        body: web::Json<serde_json::Value>,
        asked: web::Data<Arc<Mutex<Asked>>>,
    ) -> HttpResponse {
        let auth = req
            .headers()
            .get("authorization")
            .map(|v| v.to_str().unwrap_or_default().to_owned())
            .unwrap_or_default();
        {
            let mut asked = asked.lock().unwrap();
            asked.bodies.push(body.0.clone());
            asked.authorizations.push(auth);
        }
        let document = body["document"].as_str().unwrap_or_default();
        if document.ends_with("99") {
            return HttpResponse::InternalServerError().finish();
        }
        if document.ends_with("98") {
            // Slower than the city waits.
            tokio::time::sleep(Duration::from_secs(3)).await;
            return HttpResponse::Ok().json(serde_json::json!({ "valid": true }));
        }
        let known = body["document_kind"] == "curp"
            && document == CURP
            && body["birth_date"] == "1956-12-31";
        HttpResponse::Ok().json(serde_json::json!({ "valid": known }))
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/census/check",
        listener.local_addr().unwrap().port()
    );
    let data = web::Data::new(asked);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/census/check", web::post().to(check))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    (url, handle)
}

#[tokio::test]
async fn the_registry_check_verifies_refuses_and_queues() {
    let asked = Arc::new(Mutex::new(Asked::default()));
    let (registry_url, registry) = start_registry(asked.clone()).await;
    let server = TestServer::start_with(|config| {
        config.identity.registry.url = registry_url.clone();
        config.identity.registry.name = "Padrón municipal".into();
        config.identity.registry.ask_birth_date = true;
        config.identity.registry.timeout_seconds = 1;
        config.identity.registry.token = citysync_server::config::Secret("s3cret".into());
    })
    .await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let (status, _) = switch_methods(&server, &admin, &["registry"]).await;
    assert_eq!(status, 303);
    let (_, html) = page(&ana, &server.url("/settings/identity")).await;
    assert!(html.contains("Check with Padrón municipal"), "{html}");
    assert!(html.contains("name=\"birth_date\""), "{html}");
    let registry_form = |identifier: &'static str, birth: &'static str| {
        [("identifier", identifier), ("birth_date", birth)]
    };
    let action = "/settings/identity/registry";

    // Bad input is refused here, before the registry is asked.
    let (status, html) = on_identity_page(
        &server,
        &ana,
        action,
        &registry_form("GODE5612", "1956-12-31"),
    )
    .await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("a CURP has 18 letters and digits"), "{html}");
    let (status, html) =
        on_identity_page(&server, &ana, action, &registry_form(CURP, "31/12/1956")).await;
    assert_eq!(status, 400, "{html}");
    assert!(asked.lock().unwrap().bodies.is_empty());

    // The registry does not know her with that birth date: nothing changes.
    let (status, html) =
        on_identity_page(&server, &ana, action, &registry_form(CURP, "1956-12-30")).await;
    assert_eq!(status, 400, "{html}");
    assert!(
        html.contains("registry does not know this document"),
        "{html}"
    );
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::EmailVerified)
    );

    // A registry that fails: said on the page, nothing changes.
    let (status, html) = on_identity_page(
        &server,
        &ana,
        action,
        &registry_form("GODE561231HDFRRN99", "1956-12-31"),
    )
    .await;
    assert_eq!(status, 502, "{html}");
    assert!(html.contains("registry did not answer"), "{html}");
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::EmailVerified)
    );

    // A registry too slow to answer within the timeout: the same.
    let (status, html) = on_identity_page(
        &server,
        &ana,
        action,
        &registry_form("GODE561231HDFRRN98", "1956-12-31"),
    )
    .await;
    assert_eq!(status, 502, "{html}");
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::EmailVerified)
    );

    // The right document and date: verified, by the registry.
    let (status, html) = on_identity_page(
        &server,
        &ana,
        action,
        &registry_form("gode-561231-hdfrrn04", "1956-12-31"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("You are now verified as a resident."),
        "{html}"
    );
    assert_eq!(
        method(&server, "ana").await,
        Some(VerificationMethod::Registry)
    );
    {
        let asked = asked.lock().unwrap();
        assert_eq!(
            asked.bodies.last().unwrap(),
            &serde_json::json!({
                "document_kind": "curp",
                "document": CURP,
                "birth_date": "1956-12-31",
            })
        );
        assert!(asked.authorizations.iter().all(|a| a == "Bearer s3cret"));
    }

    // Ben presents Ana's document, in Spanish: refused and queued.
    choose_language(&server, &ben, "es").await;
    let (status, html) =
        on_identity_page(&server, &ben, action, &registry_form(CURP, "1956-12-31")).await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("Otra cuenta ya tiene este documento"),
        "{html}"
    );
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );
    let (_, html) = page(&admin, &server.url("/admin/identity")).await;
    assert!(
        html.contains("ben presented a document ana already holds (CURP), by The city"),
        "{html}"
    );

    // Switched off: the form goes and a post is refused.
    let (status, _) = switch_methods(&server, &admin, &[]).await;
    assert_eq!(status, 303);
    let (_, html) = page(&ben, &server.url("/settings/identity")).await;
    assert!(!html.contains(action), "{html}");
    registry.stop(true).await;
}

#[tokio::test]
async fn methods_the_configuration_lacks_cannot_be_switched_on() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let (_, html) = page(&admin, &server.url("/admin/identity")).await;
    assert!(
        html.contains("Set [identity.oidc] issuer, client_id and client_secret"),
        "{html}"
    );
    let (status, html) = switch_methods(&server, &admin, &["letter_code", "openid_connect"]).await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("needs the server"), "{html}");
    let enabled = identity::methods::enabled(&server.running().ctx)
        .await
        .unwrap();
    assert_eq!(enabled, [VerificationMethod::InPerson]);

    // The configuration is checked at start-up, and `citysync config check` hides secrets.
    use citysync_server::config::{Config, Secret};
    let mut config = Config::default();
    config.identity.registry.url = "http://registry.example/check".into();
    let refused = config.validate().unwrap_err().to_string();
    assert!(
        refused.contains("identity.registry.url must use https"),
        "{refused}"
    );
    config.identity.registry.url = "https://registry.example/check".into();
    config.identity.registry.document_kind = "address".into();
    assert!(config.validate().is_err());
    config.identity.registry.document_kind = "document_number".into();
    config.identity.registry.token = Secret("registry-token".into());
    config.identity.oidc.issuer = "https://llave.example".into();
    config.identity.oidc.client_id = "citysync".into();
    config.identity.oidc.client_secret = Secret("oidc-secret".into());
    config.identity.oidc.identifier_kind = "passport".into();
    assert!(config.validate().is_err());
    config.identity.oidc.identifier_kind = "subject".into();
    config.validate().unwrap();
    let shown = config.redacted_toml().unwrap();
    assert!(
        !shown.contains("registry-token") && !shown.contains("oidc-secret"),
        "{shown}"
    );
    assert!(shown.contains("https://llave.example"), "{shown}");
}

mod oidc;
