//! The OAuth endpoints over real HTTP: registration, the token endpoint's three grants with
//! `Cache-Control: no-store`, RFC 6749 errors, RFC 7009 revocation and RFC 8414 metadata;
//! registration in Mastodon's dialect and in RFC 7591's.
//! (The consent page comes with the web part; here the resident's approval is the use case.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use citysync_app::oauth::{self, AuthorizeQuery};
use citysync_domain::oauth::s256;
use common::governance::location;
use common::oauth::{answer_to, consent_form, post_owned};
use common::{set_up_city, user_named, TestServer};
use serde_json::Value;

const VERIFIER: &str = "a-verifier-of-more-than-forty-three-characters-0123456789";
const CB: &str = "https://tracker.example/cb";

async fn json(resp: reqwest::Response) -> (u16, Option<String>, Value) {
    let status = resp.status().as_u16();
    let cache = resp
        .headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, cache, resp.json().await.unwrap_or(Value::Null))
}

/// Resident ana approves `client_id`'s request for `read write:claims` (the consent page's
/// use case); the authorization code her approval gives the app.
async fn ana_approves(server: &TestServer, client_id: &str) -> String {
    let _ = common::resident(server, "ana", "a long enough password").await;
    let ana = user_named(server, "ana").await;
    let ctx = &server.running().ctx;
    let request = oauth::check_authorization(
        ctx,
        AuthorizeQuery {
            client_id: client_id.to_owned(),
            redirect_uri: CB.into(),
            response_type: "code".into(),
            scope: "read write:claims".into(),
            state: None,
            code_challenge: s256(VERIFIER),
            code_challenge_method: "S256".into(),
        },
    )
    .await
    .unwrap();
    oauth::approve(ctx, &ana, &request).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apps_register_exchange_codes_refresh_and_revoke_over_http() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let http = server.client();

    // RFC 8414 metadata.
    let (status, _, meta) = json(
        http.get(server.url("/.well-known/oauth-authorization-server"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        meta["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    assert_eq!(meta["token_endpoint"], server.url("/oauth/token"));
    assert_eq!(meta["issuer"], server.url(""));
    assert_eq!(meta["authorization_response_iss_parameter_supported"], true);

    // Registration: an unsafe redirect URI is a localized problem; a good app gets its id
    // and secret once.
    let resp = http
        .post(server.url("/api/v1/apps"))
        .header("Accept-Language", "es")
        .json(&serde_json::json!({"client_name": "Tracker", "redirect_uris": "http://evil.example/cb"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let problem: Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "error-redirect-uri-invalid");
    assert!(problem["title"]
        .as_str()
        .unwrap()
        .contains("dirección de retorno"));
    let (status, cache, app) = json(
        http.post(server.url("/api/v1/apps"))
            .json(&serde_json::json!({
                "client_name": "Tracker",
                "redirect_uris": CB,
                "scopes": "read write:claims",
                "website": "https://tracker.example",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{app}");
    assert_eq!(cache.as_deref(), Some("no-store"));
    let (client_id, secret) = (
        app["client_id"].as_str().unwrap().to_owned(),
        app["client_secret"].as_str().unwrap().to_owned(),
    );

    // The resident approves (the consent page's use case); the app exchanges the code with
    // HTTP Basic client authentication and its PKCE verifier.
    let code = ana_approves(&server, &client_id).await;
    let token = |form: Vec<(&'static str, String)>| {
        http.post(server.url("/oauth/token"))
            .basic_auth(&client_id, Some(&secret))
            .form(&form)
            .send()
    };
    // Without the verifier: invalid_request.
    let (status, cache, err) = json(
        token(vec![
            ("grant_type", "authorization_code".into()),
            ("code", code.clone()),
            ("redirect_uri", CB.into()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("invalid_request"))
    );
    assert_eq!(cache.as_deref(), Some("no-store"));
    let (status, _, issued) = json(
        token(vec![
            ("grant_type", "authorization_code".into()),
            ("code", code.clone()),
            ("redirect_uri", CB.into()),
            ("code_verifier", VERIFIER.into()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["token_type"], "Bearer");
    assert_eq!(issued["scope"], "read write:claims");
    let access = issued["access_token"].as_str().unwrap().to_owned();
    let me = |bearer: String| {
        http.get(server.url("/api/v1/me"))
            .bearer_auth(bearer)
            .send()
    };
    let (status, _, body) = json(me(access.clone()).await.unwrap()).await;
    assert_eq!((status, body["username"].as_str()), (200, Some("ana")));

    // A wrong secret: invalid_client (401).
    let resp = http
        .post(server.url("/oauth/token"))
        .basic_auth(&client_id, Some("wrong"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    // No password grant, no implicit grant.
    let (status, _, err) = json(
        token(vec![
            ("grant_type", "password".into()),
            ("username", "ana".into()),
            ("password", "a long enough password".into()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );

    // Refresh rotates; the spent refresh token replayed revokes everything.
    let refresh = issued["refresh_token"].as_str().unwrap().to_owned();
    let (status, _, second) = json(
        token(vec![
            ("grant_type", "refresh_token".into()),
            ("refresh_token", refresh.clone()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{second}");
    let second_access = second["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        me(second_access.clone()).await.unwrap().status().as_u16(),
        200
    );
    let (status, _, err) = json(
        token(vec![
            ("grant_type", "refresh_token".into()),
            ("refresh_token", refresh),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(me(second_access).await.unwrap().status().as_u16(), 401);

    // Client credentials: a token for public reads that acts for no resident.
    let (status, _, own) = json(
        token(vec![("grant_type", "client_credentials".into())])
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{own}");
    assert!(own.get("refresh_token").is_none());
    let own_access = own["access_token"].as_str().unwrap().to_owned();
    let refused = me(own_access.clone()).await.unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["code"], "error-app-token-no-resident");

    // RFC 7009: revoked, then refused; an unknown token is still 200.
    for revoked in [own_access.clone(), "unknown".to_owned()] {
        let resp = http
            .post(server.url("/oauth/revoke"))
            .basic_auth(&client_id, Some(&secret))
            .form(&[("token", revoked.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
    }
    // The token in the query string is refused outright.
    let resp = http
        .get(server.url(&format!("/api/v1/me?access_token={access}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);

    // The app deletes itself (only with its secret): its live tokens stop at once.
    let (_, _, fresh) = json(
        token(vec![("grant_type", "client_credentials".into())])
            .await
            .unwrap(),
    )
    .await;
    let fresh = fresh["access_token"].as_str().unwrap().to_owned();
    let opportunities = |bearer: String| {
        http.get(server.url("/api/v1/opportunities"))
            .bearer_auth(bearer)
            .send()
    };
    assert_eq!(opportunities(fresh.clone()).await.unwrap().status(), 200);
    let delete = |secret: &'static str| {
        http.delete(server.url("/api/v1/apps"))
            .basic_auth(&client_id, Some(secret))
            .send()
    };
    assert_eq!(delete("wrong").await.unwrap().status(), 401);
    let resp = http
        .delete(server.url("/api/v1/apps"))
        .basic_auth(&client_id, Some(&secret))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    assert_eq!(opportunities(fresh).await.unwrap().status(), 401);
    let (status, _, err) = json(
        token(vec![("grant_type", "client_credentials".into())])
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str()),
        (401, Some("invalid_client"))
    );
}

/// Issue 23 point 4 over HTTP: a refresh with `scope=read` gives an access token that
/// claiming (which needs `write:claims`) refuses, and the next refresh without `scope` answers
/// only `read`; asking back for more than that is `invalid_scope`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_narrowed_refresh_is_refused_by_endpoints_needing_more() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let http = server.client();
    let (_, _, app) = json(
        http.post(server.url("/api/v1/apps"))
            .json(&serde_json::json!({
                "client_name": "Tracker",
                "redirect_uris": CB,
                "scopes": "read write:claims",
                "website": "https://tracker.example",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let (client_id, secret) = (
        app["client_id"].as_str().unwrap().to_owned(),
        app["client_secret"].as_str().unwrap().to_owned(),
    );
    let code = ana_approves(&server, &client_id).await;
    let token = |form: Vec<(&'static str, String)>| {
        http.post(server.url("/oauth/token"))
            .basic_auth(&client_id, Some(&secret))
            .form(&form)
            .send()
    };
    // Claiming needs `write:claims`, checked before the opportunity is looked up: with it
    // an unknown opportunity is 404, without it 403.
    let claim = |access: String| {
        http.post(server.url("/api/v1/opportunities/no-such-opportunity/claims"))
            .bearer_auth(access)
            .send()
    };
    let (status, _, issued) = json(
        token(vec![
            ("grant_type", "authorization_code".into()),
            ("code", code),
            ("redirect_uri", CB.into()),
            ("code_verifier", VERIFIER.into()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{issued}");
    let access = issued["access_token"].as_str().unwrap().to_owned();
    assert_eq!(claim(access).await.unwrap().status().as_u16(), 404);

    let (status, _, narrow) = json(
        token(vec![
            ("grant_type", "refresh_token".into()),
            (
                "refresh_token",
                issued["refresh_token"].as_str().unwrap().into(),
            ),
            ("scope", "read".into()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{narrow}");
    assert_eq!(narrow["scope"], "read");
    let refused = claim(narrow["access_token"].as_str().unwrap().into())
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["code"], "error-insufficient-scope", "{problem}");
    let refresh = narrow["refresh_token"].as_str().unwrap().to_owned();

    // More than the narrowed grant: invalid_scope (and the refresh token is not spent).
    let (status, _, err) = json(
        token(vec![
            ("grant_type", "refresh_token".into()),
            ("refresh_token", refresh.clone()),
            ("scope", "read write:claims".into()),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("invalid_scope"))
    );

    let (status, _, next) = json(
        token(vec![
            ("grant_type", "refresh_token".into()),
            ("refresh_token", refresh),
        ])
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next["scope"], "read");
    let refused = claim(next["access_token"].as_str().unwrap().into())
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["code"], "error-insufficient-scope", "{problem}");
}

/// Issue 24 D11: RFC 8414 §3.3: the metadata's `issuer` is the issuer identifier the
/// metadata's address was formed from (`{issuer}/.well-known/oauth-authorization-server`),
/// character for character: the configured public URL's origin, no trailing slash.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metadata_issuer_is_the_public_origin_without_a_trailing_slash() {
    let server = TestServer::start().await;
    let http = server.client();
    let public_url = server.running().ctx.settings.public_url.clone();
    let origin = public_url.origin().ascii_serialization();
    let (status, _, meta) = json(
        http.get(server.url("/.well-known/oauth-authorization-server"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let issuer = meta["issuer"].as_str().unwrap();
    assert!(!issuer.ends_with('/'), "{issuer}");
    assert_eq!(issuer, origin);
    assert_eq!(issuer, public_url.as_str().trim_end_matches('/'));
    assert_eq!(
        format!("{issuer}/.well-known/oauth-authorization-server"),
        server.url("/.well-known/oauth-authorization-server")
    );
    assert_eq!(
        meta["registration_endpoint"],
        format!("{issuer}/api/v1/apps")
    );
}

/// An RFC 7591 client: `redirect_uris` as a list, `scope`, `grant_types`…, and members we
/// do not know (ignored, §2). It gets `201` with §3.2.1's fields, then a resident allows it
/// on the consent page (the answer's RFC 9207 `iss` is the metadata's issuer) and it trades
/// the code with its PKCE verifier.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_rfc7591_client_registers_with_a_list_and_completes_a_pkce_flow() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let ana = common::resident(&server, "ana", "a long enough password").await;
    let http = server.client();
    let (status, cache, app) = json(
        http.post(server.url("/api/v1/apps"))
            .json(&serde_json::json!({
                "client_name": "Tracker",
                "redirect_uris": [CB, "org.example.tracker:/cb"],
                "scope": "read write:claims",
                "grant_types": ["authorization_code", "refresh_token"],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_basic",
                "client_uri": "https://tracker.example",
                "logo_uri": "https://tracker.example/logo.png",
                "contacts": ["ops@tracker.example"],
                "software_id": "4NRB1-0XZABZI9E6-5SM3R",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{app}");
    assert_eq!(cache.as_deref(), Some("no-store"));
    assert_eq!(
        app["redirect_uris"],
        serde_json::json!([CB, "org.example.tracker:/cb"])
    );
    assert_eq!(app["client_name"], "Tracker");
    assert_eq!(app["client_uri"], "https://tracker.example");
    assert_eq!(app["scope"], "read write:claims");
    assert_eq!(
        app["grant_types"],
        serde_json::json!(["authorization_code", "refresh_token"])
    );
    assert_eq!(app["response_types"], serde_json::json!(["code"]));
    assert_eq!(app["token_endpoint_auth_method"], "client_secret_basic");
    assert_eq!(app["client_secret_expires_at"], 0);
    assert!(app["client_id_issued_at"].as_i64().unwrap() > 0, "{app}");
    // RFC 7591's answer, not Mastodon's.
    assert!(
        app.get("scopes").is_none() && app.get("id").is_none(),
        "{app}"
    );
    let (client_id, secret) = (
        app["client_id"].as_str().unwrap().to_owned(),
        app["client_secret"].as_str().unwrap().to_owned(),
    );

    // The authorization request, the resident's consent, the code.
    let (_, _, meta) = json(
        http.get(server.url("/.well-known/oauth-authorization-server"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mut auth_url = url::Url::parse(meta["authorization_endpoint"].as_str().unwrap()).unwrap();
    auth_url
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &client_id)
        .append_pair("redirect_uri", CB)
        .append_pair("scope", "read write:claims")
        .append_pair("state", "s-1")
        .append_pair("code_challenge", &s256(VERIFIER))
        .append_pair("code_challenge_method", "S256");
    let resp = ana.get(auth_url.as_str()).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    let resp = post_owned(&ana, &server, &consent_form(&html, "approve")).await;
    let answer = answer_to(&location(&resp), CB);
    assert_eq!(answer.get("state").map(String::as_str), Some("s-1"));
    assert_eq!(
        answer.get("iss").map(String::as_str),
        meta["issuer"].as_str(),
        "RFC 9207"
    );

    let (status, _, issued) = json(
        http.post(meta["token_endpoint"].as_str().unwrap())
            .basic_auth(&client_id, Some(&secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", answer["code"].as_str()),
                ("redirect_uri", CB),
                ("code_verifier", VERIFIER),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["scope"], "read write:claims");
    let me = http
        .get(server.url("/api/v1/me"))
        .bearer_auth(issued["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let (status, _, body) = json(me).await;
    assert_eq!((status, body["username"].as_str()), (200, Some("ana")));

    // A public RFC 7591 client gets no secret (nor its expiry).
    let (status, _, public) = json(
        http.post(server.url("/api/v1/apps"))
            .json(&serde_json::json!({
                "client_name": "Phone",
                "redirect_uris": ["org.example.phone:/cb"],
                "token_endpoint_auth_method": "none",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{public}");
    assert!(public.get("client_secret").is_none(), "{public}");
    assert!(public.get("client_secret_expires_at").is_none(), "{public}");
    assert_eq!(public["token_endpoint_auth_method"], "none");
    assert_eq!(public["scope"], "read");
    assert_eq!(
        public["grant_types"],
        serde_json::json!(["authorization_code"])
    );
}

/// RFC 7591 §3.2.2: unacceptable metadata is `400` with `invalid_redirect_uri` or
/// `invalid_client_metadata` and a description, as JSON; nothing is registered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rfc7591_errors_name_the_bad_metadata() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let http = server.client();
    let register = |body: Value| http.post(server.url("/api/v1/apps")).json(&body).send();
    for (body, error, mentions) in [
        (
            serde_json::json!({"client_name": "T", "redirect_uris": ["http://evil.example/cb"]}),
            "invalid_redirect_uri",
            "redirect_uris",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": ["https://a.example/cb#x"]}),
            "invalid_redirect_uri",
            "redirect_uris",
        ),
        // One item with a space is one bad URI, not two good ones.
        (
            serde_json::json!({"client_name": "T", "redirect_uris": ["https://a.example/cb https://b.example/cb"]}),
            "invalid_redirect_uri",
            "redirect_uris",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": []}),
            "invalid_redirect_uri",
            "redirect_uris",
        ),
        (
            serde_json::json!({"client_name": "T"}),
            "invalid_redirect_uri",
            "redirect_uris",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": [CB], "scope": "read fly"}),
            "invalid_client_metadata",
            "scope",
        ),
        (
            serde_json::json!({"redirect_uris": [CB]}),
            "invalid_client_metadata",
            "client_name",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": [CB], "grant_types": ["password"]}),
            "invalid_client_metadata",
            "password",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": [CB], "response_types": ["token"]}),
            "invalid_client_metadata",
            "response type",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": [CB], "token_endpoint_auth_method": "private_key_jwt"}),
            "invalid_client_metadata",
            "token_endpoint_auth_method",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": [CB], "token_endpoint_auth_method": "none", "grant_types": ["client_credentials"]}),
            "invalid_client_metadata",
            "client_credentials",
        ),
        (
            serde_json::json!({"client_name": "T", "redirect_uris": [CB], "client_uri": "not a web address"}),
            "invalid_client_metadata",
            "client_uri",
        ),
    ] {
        let resp = register(body.clone()).await.unwrap();
        assert_eq!(resp.status().as_u16(), 400, "{body}");
        assert!(
            resp.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{body}"
        );
        let answer: Value = resp.json().await.unwrap();
        assert_eq!(answer["error"], error, "{body}: {answer}");
        assert!(
            answer["error_description"]
                .as_str()
                .unwrap()
                .contains(mentions),
            "{body}: {answer}"
        );
    }
}

/// Mastodon's registration, as form and as JSON, is answered as before: `200`, `id`,
/// `redirect_uri`, `scopes`; its errors stay problems. Mastodon 4.3's list of URIs works too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mastodon_registration_still_works_as_a_form_and_as_json() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let http = server.client();
    let (status, cache, app) = json(
        http.post(server.url("/api/v1/apps"))
            .form(&[
                ("client_name", "Toot"),
                (
                    "redirect_uris",
                    "https://toot.example/cb\norg.example.toot:/cb",
                ),
                ("scopes", "read write:claims"),
                ("website", "https://toot.example"),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{app}");
    assert_eq!(cache.as_deref(), Some("no-store"));
    assert_eq!(app["id"], app["client_id"]);
    assert_eq!(app["name"], "Toot");
    assert_eq!(app["website"], "https://toot.example");
    assert_eq!(
        app["redirect_uri"],
        "https://toot.example/cb\norg.example.toot:/cb"
    );
    assert_eq!(
        app["redirect_uris"],
        serde_json::json!(["https://toot.example/cb", "org.example.toot:/cb"])
    );
    assert_eq!(app["scopes"], serde_json::json!(["read", "write:claims"]));
    assert!(app["client_secret"].as_str().is_some(), "{app}");
    assert_eq!(app["token_endpoint_auth_method"], "client_secret_basic");
    assert!(app.get("scope").is_none() && app.get("client_id_issued_at").is_none());

    // Mastodon 4.3 takes a list of redirect URIs beside its other members.
    let (status, _, listed) = json(
        http.post(server.url("/api/v1/apps"))
            .json(&serde_json::json!({
                "client_name": "Toot",
                "redirect_uris": ["https://toot.example/cb"],
                "scopes": "read",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["redirect_uri"], "https://toot.example/cb");

    // A bad redirect URI in a form: the localized problem, as before.
    let resp = http
        .post(server.url("/api/v1/apps"))
        .form(&[
            ("client_name", "Toot"),
            ("redirect_uris", "http://evil.example/cb"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let problem: Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "error-redirect-uri-invalid");
}
