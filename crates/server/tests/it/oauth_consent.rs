//! The consent page over real HTTP, with the `oauth2` crate as the third-party app: it
//! registers, sends the resident to `/oauth/authorize` with PKCE S256 and a state, the
//! resident allows or denies with the CSRF-protected form, and the app exchanges, refreshes
//! and revokes its tokens. Requests we cannot trust end on our own error page, never at a
//! redirect URI; the settings page lists the apps and withdraws their access at once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use citysync_domain::oauth::s256;
use common::governance::location;
use common::oauth::{answer_to, consent_form, post_owned, register, transport, unescape};
use common::{csrf, page, post, resident, set_up_city, text_between, TestServer};
use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RequestTokenError, RevocationUrl, StandardRevocableToken, TokenResponse, TokenUrl,
};

/// A loopback redirect URI (RFC 8252 §7.3); nothing listens there, redirects are not followed.
const CB: &str = "http://127.0.0.1:43110/cb";
const WEB_CB: &str = "https://tracker.example/cb";
const PASSWORD: &str = "a long enough password";

/// A city where the resident ana is signed in, and a public app registered with
/// `redirect_uris` and `scopes`.
async fn city_with_app(redirect_uris: &str, scopes: &str) -> (TestServer, reqwest::Client, String) {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let client_id = register(&server, redirect_uris, scopes).await;
    (server, ana, client_id)
}

/// The resident's consent page for `auth_url`, after checking its protective headers.
async fn consent_page(client: &reqwest::Client, auth_url: &str) -> String {
    let resp = client.get(auth_url).send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let html = resp.text().await.unwrap();
    assert_eq!(status, 200, "{html}");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["cache-control"], "no-store");
    html
}

/// A `GET /oauth/authorize` built by hand, for requests oauth2 would not make.
fn authorize_url(server: &TestServer, params: &[(&str, &str)]) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    server.url(&format!("/oauth/authorize?{query}"))
}

async fn me_status(server: &TestServer, token: &str) -> u16 {
    server
        .client()
        .get(server.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oauth2_client_is_allowed_exchanges_refreshes_and_is_revoked() {
    let (server, ana, client_id) = city_with_app(CB, "read write:claims redeem").await;
    let http = transport(&server.base);
    let app = BasicClient::new(ClientId::new(client_id))
        .set_auth_uri(AuthUrl::new(server.url("/oauth/authorize")).unwrap())
        .set_token_uri(TokenUrl::new(server.url("/oauth/token")).unwrap())
        .set_redirect_uri(RedirectUrl::new(CB.into()).unwrap())
        .set_revocation_url(
            RevocationUrl::new(server.url("/oauth/revoke").replacen("http:", "https:", 1)).unwrap(),
        );

    // The app sends the resident to the consent page with PKCE S256 and a state; it says
    // who is signed in, where the answer goes and what the app could do, the credit-moving
    // scope apart.
    let authorize = |scopes: &[&str]| {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = app
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge);
        for s in scopes {
            request = request.add_scope(oauth2::Scope::new((*s).to_owned()));
        }
        let (url, state) = request.url();
        (url.to_string(), state, verifier)
    };
    // The code goes back to the token endpoint with its PKCE verifier.
    let exchange = |code: &str, verifier: PkceCodeVerifier| {
        app.exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_pkce_verifier(verifier)
            .request_async(&http)
    };
    let (auth_url, state, verifier) = authorize(&["read", "redeem"]);
    let html = consent_page(&ana, &auth_url).await;
    // The form may lead to the app's address (Chromium applies form-action to redirects).
    let resp = ana.get(&auth_url).send().await.unwrap();
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.split(';')
            .any(|d| d.trim() == "form-action 'self' http://127.0.0.1:43110"),
        "{csp}"
    );
    assert!(html.contains("Let Tracker use your account?"), "{html}");
    assert!(html.contains("Signed in as"), "{html}");
    assert!(html.contains("<dd>ana</dd>"), "{html}");
    assert!(
        html.contains("an app on this device (127.0.0.1:43110)"),
        "{html}"
    );
    assert!(html.contains("https:&#x2f;&#x2f;tracker.example"), "{html}");
    let ordinary = text_between(&html, "id=\"scopes-heading\"", "</section>");
    assert!(
        ordinary.contains("See your account and everything in it"),
        "{ordinary}"
    );
    assert!(!ordinary.contains("Spend your CITY"), "{ordinary}");
    let sensitive = text_between(&html, "id=\"sensitive-heading\"", "</section>");
    assert!(
        sensitive.contains("Spend your CITY: reserve offerings"),
        "{sensitive}"
    );
    assert!(!html.contains("data-scope=\"write:claims\""), "{html}");

    // Allow: back to the app with a code and the state unchanged.
    let resp = post_owned(&ana, &server, &consent_form(&html, "approve")).await;
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let answer = answer_to(&location(&resp), CB);
    assert_eq!(answer.get("state"), Some(state.secret()));
    // RFC 9207: the issuer identifier exactly as the metadata's `issuer` (no trailing slash).
    assert_eq!(answer.get("iss"), Some(&server.url("")), "RFC 9207 issuer");
    assert!(!answer.contains_key("error"), "{answer:?}");
    assert!(answer["code"].starts_with("csc_"));

    // The app exchanges the code with its verifier, and acts for ana.
    let issued = exchange(&answer["code"], verifier).await.unwrap();
    let scopes: Vec<String> = issued
        .scopes()
        .unwrap()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(scopes, ["read", "redeem"]);
    let access = issued.access_token().secret().clone();
    let me = server
        .client()
        .get(server.url("/api/v1/me"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status().as_u16(), 200);
    let body: serde_json::Value = me.json().await.unwrap();
    assert_eq!(body["username"], "ana");

    // Settings lists the app with its scopes in words and its last use.
    let (status, settings) = page(&ana, &server.url("/settings")).await;
    assert_eq!(status, 200);
    let apps = text_between(&settings, "id=\"apps-heading\"", "</section>");
    assert!(apps.contains("<h3>Tracker</h3>"), "{apps}");
    assert!(
        apps.contains("Spend your CITY: reserve offerings"),
        "{apps}"
    );
    assert!(apps.contains("Last used"), "{apps}");
    assert!(!apps.contains("Never"), "{apps}");

    // Refresh: a new pair; the spent refresh token replayed ends the whole grant.
    let refresh = issued.refresh_token().unwrap().clone();
    let second = app
        .exchange_refresh_token(&refresh)
        .request_async(&http)
        .await
        .unwrap();
    let second_access = second.access_token().secret().clone();
    assert_ne!(second_access, access);
    assert_ne!(second.refresh_token().unwrap().secret(), refresh.secret());
    assert_eq!(me_status(&server, &second_access).await, 200);
    let replayed = app
        .exchange_refresh_token(&refresh)
        .request_async(&http)
        .await;
    assert!(matches!(replayed, Err(RequestTokenError::ServerResponse(e))
        if *e.error() == BasicErrorResponseType::InvalidGrant));
    assert_eq!(me_status(&server, &second_access).await, 401);
    let rotated = app
        .exchange_refresh_token(second.refresh_token().unwrap())
        .request_async(&http)
        .await;
    assert!(
        rotated.is_err(),
        "the grant's newest refresh token still works"
    );
    let (_, settings) = page(&ana, &server.url("/settings")).await;
    assert!(
        settings.contains("You have not allowed any app"),
        "{settings}"
    );

    // Allowed again, the app revokes its access token itself (RFC 7009).
    let (auth_url, state, verifier) = authorize(&["read"]);
    let html = consent_page(&ana, &auth_url).await;
    assert!(!html.contains("id=\"sensitive-heading\""), "{html}");
    let resp = post_owned(&ana, &server, &consent_form(&html, "approve")).await;
    let answer = answer_to(&location(&resp), CB);
    assert_eq!(answer.get("state"), Some(state.secret()));
    let issued = exchange(&answer["code"], verifier).await.unwrap();
    let access = issued.access_token().clone();
    assert_eq!(me_status(&server, access.secret()).await, 200);
    app.revoke_token(StandardRevocableToken::AccessToken(access.clone()))
        .unwrap()
        .request_async(&http)
        .await
        .unwrap();
    assert_eq!(me_status(&server, access.secret()).await, 401);

    // The resident withdraws the grant in settings: its refreshed token stops at once.
    let fresh = app
        .exchange_refresh_token(issued.refresh_token().unwrap())
        .request_async(&http)
        .await
        .unwrap();
    let fresh_access = fresh.access_token().secret().clone();
    assert_eq!(me_status(&server, &fresh_access).await, 200);
    let (_, settings) = page(&ana, &server.url("/settings")).await;
    let action = text_between(&settings, "action=\"/settings/apps/", "\"");
    assert!(action.ends_with("/revoke"), "{action}");
    let path = format!("/settings/apps/{action}");
    // Without the CSRF token nothing happens.
    let resp = post(&ana, &server.url(&path), &[]).await;
    assert_eq!(resp.status().as_u16(), 403);
    assert_eq!(me_status(&server, &fresh_access).await, 200);
    let resp = post(
        &ana,
        &server.url(&path),
        &[("csrf_token", &csrf(&settings))],
    )
    .await;
    assert_eq!(location(&resp), "/settings?saved=app-revoked");
    assert_eq!(me_status(&server, &fresh_access).await, 401);
    let (_, settings) = page(&ana, &server.url("/settings?saved=app-revoked")).await;
    assert!(settings.contains("access was withdrawn"), "{settings}");
    assert!(
        settings.contains("You have not allowed any app"),
        "{settings}"
    );
    // A grant that is not the resident's is not found.
    let resp = post(
        &ana,
        &server.url("/settings/apps/00000000-0000-0000-0000-000000000000/revoke"),
        &[("csrf_token", &csrf(&settings))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 404);

    // A code works once: used again, it also ends the grant its first use made.
    let (auth_url, _, verifier) = authorize(&["read"]);
    let html = consent_page(&ana, &auth_url).await;
    let resp = post_owned(&ana, &server, &consent_form(&html, "approve")).await;
    let code = answer_to(&location(&resp), CB)["code"].clone();
    let verifier = verifier.secret().clone();
    let again = || PkceCodeVerifier::new(verifier.clone());
    let issued = exchange(&code, again()).await.unwrap();
    assert_eq!(
        me_status(&server, issued.access_token().secret()).await,
        200
    );
    let replayed = exchange(&code, again()).await;
    assert!(matches!(replayed, Err(RequestTokenError::ServerResponse(e))
        if *e.error() == BasicErrorResponseType::InvalidGrant));
    assert_eq!(
        me_status(&server, issued.access_token().secret()).await,
        401
    );

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_requests_stay_here_or_go_back_with_their_error() {
    let (server, ana, client_id) = city_with_app(WEB_CB, "read write:claims").await;
    let challenge = s256(&"v".repeat(50));
    let good = |redirect_uri: &'static str| {
        vec![
            ("client_id", client_id.clone()),
            ("redirect_uri", redirect_uri.to_owned()),
            ("response_type", "code".to_owned()),
            ("scope", "read".to_owned()),
            ("state", "s t&ate=1".to_owned()),
            ("code_challenge", challenge.clone()),
            ("code_challenge_method", "S256".to_owned()),
        ]
    };
    let url_of = |params: &[(&str, String)]| {
        let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        authorize_url(&server, &pairs)
    };
    // The parameters with `key` set to `value`, or left out.
    let with = |mut params: Vec<(&'static str, String)>, key: &'static str, value: Option<&str>| {
        params.retain(|(k, _)| *k != key);
        if let Some(value) = value {
            params.push((key, value.to_owned()));
        }
        params
    };

    // Deny: back to the app with access_denied and its state.
    let html = consent_page(&ana, &url_of(&good(WEB_CB))).await;
    let resp = post_owned(&ana, &server, &consent_form(&html, "deny")).await;
    let answer = answer_to(&location(&resp), WEB_CB);
    assert_eq!(
        answer.get("error").map(String::as_str),
        Some("access_denied")
    );
    assert_eq!(answer.get("state").map(String::as_str), Some("s t&ate=1"));
    assert!(!answer.contains_key("code"));

    // The form needs its CSRF token.
    let mut fields = consent_form(&html, "approve");
    fields.retain(|(k, _)| k != "csrf_token");
    let resp = post_owned(&ana, &server, &fields).await;
    assert_eq!(resp.status().as_u16(), 403);
    assert!(resp.headers().get("location").is_none());
    fields.push(("csrf_token".into(), "0".repeat(64)));
    let resp = post_owned(&ana, &server, &fields).await;
    assert_eq!(resp.status().as_u16(), 403);

    // An unknown app, or a redirect URI it did not register exactly: our own error page,
    // whether shown or posted, and nothing goes to the address.
    let unknown = with(good(WEB_CB), "client_id", Some("no-such-app"));
    let mut refused = vec![(unknown, "not registered with this city")];
    for variant in [
        "https://tracker.example/cb/../x",
        "https://tracker.example/cb?x=1",
        "https://TRACKER.example/cb",
        "https://tracker.example/CB",
        "https://tracker.example/cb/",
        "http://tracker.example/cb",
        "https://evil.example/cb",
    ] {
        refused.push((
            with(good(WEB_CB), "redirect_uri", Some(variant)),
            "did not register",
        ));
    }
    refused.push((with(good(WEB_CB), "redirect_uri", None), "did not register"));
    for (params, message) in &refused {
        let resp = ana.get(url_of(params)).send().await.unwrap();
        let status = resp.status().as_u16();
        assert!(resp.headers().get("location").is_none(), "{params:?}");
        let body = resp.text().await.unwrap();
        assert_eq!(status, 400, "{params:?}: {body}");
        assert!(body.contains(message), "{params:?}: {body}");
        let mut fields: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        fields.push(("csrf_token".into(), csrf(&html)));
        fields.push(("decision".into(), "approve".into()));
        let resp = post_owned(&ana, &server, &fields).await;
        assert_eq!(resp.status().as_u16(), 400, "{params:?}");
        assert!(resp.headers().get("location").is_none(), "{params:?}");
    }

    // With the app and its address known, errors go back to it with the state.
    let verifier = "v".repeat(50);
    for (params, error) in [
        (
            with(good(WEB_CB), "code_challenge_method", Some("plain")),
            "invalid_request",
        ),
        (
            with(
                with(good(WEB_CB), "code_challenge_method", Some("plain")),
                "code_challenge",
                Some(&verifier),
            ),
            "invalid_request",
        ),
        (
            with(good(WEB_CB), "code_challenge", None),
            "invalid_request",
        ),
        (
            with(good(WEB_CB), "code_challenge_method", None),
            "invalid_request",
        ),
        (
            with(good(WEB_CB), "scope", Some("read vote")),
            "invalid_scope",
        ),
        (
            with(good(WEB_CB), "scope", Some("read write:everything")),
            "invalid_scope",
        ),
        (
            with(good(WEB_CB), "response_type", Some("token")),
            "unsupported_response_type",
        ),
    ] {
        let resp = ana.get(url_of(&params)).send().await.unwrap();
        let answer = answer_to(&location(&resp), WEB_CB);
        assert_eq!(
            answer.get("error").map(String::as_str),
            Some(error),
            "{params:?}"
        );
        assert_eq!(
            answer.get("state").map(String::as_str),
            Some("s t&ate=1"),
            "{params:?}"
        );
    }

    // A registered redirect URI's own query is kept.
    let client_id = register(&server, "https://tracker.example/cb?app=1", "read").await;
    let params = with(
        with(good(WEB_CB), "client_id", Some(&client_id)),
        "redirect_uri",
        Some("https://tracker.example/cb?app=1"),
    );
    let html = consent_page(&ana, &url_of(&params)).await;
    let resp = post_owned(&ana, &server, &consent_form(&html, "deny")).await;
    let back = location(&resp);
    assert!(
        back.starts_with("https://tracker.example/cb?app=1&error=access_denied&state="),
        "{back}"
    );

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_leads_back_to_the_consent_page_in_the_readers_language() {
    let (server, _ana, client_id) =
        city_with_app("org.example.tracker:/cb", "read read:wallet vote").await;
    let challenge = s256(&"w".repeat(60));
    let auth_url = authorize_url(
        &server,
        &[
            ("client_id", &client_id),
            ("redirect_uri", "org.example.tracker:/cb"),
            ("response_type", "code"),
            ("scope", "read:wallet vote"),
            ("state", "xyz"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    );
    let path = auth_url.strip_prefix(&server.base).unwrap().to_owned();

    // Not signed in: to the login page, which leads back here.
    let browser = server.client();
    let resp = browser.get(&auth_url).send().await.unwrap();
    let login = location(&resp);
    let next = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", &path)
        .finish();
    assert_eq!(login, format!("/login?{next}"));
    let (status, html) = page(&browser, &server.url(&login)).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"next\""), "{html}");
    let fields: Vec<(String, String)> = [
        ("csrf_token".to_owned(), csrf(&html)),
        ("email".to_owned(), "ana@example.org".to_owned()),
        ("password".to_owned(), PASSWORD.to_owned()),
        (
            "next".to_owned(),
            unescape(text_between(&html, "name=\"next\" value=\"", "\"")),
        ),
    ]
    .into();
    let resp = browser
        .post(server.url("/login"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&resp), path);
    let html = consent_page(&browser, &auth_url).await;
    assert!(html.contains("Let Tracker use your account?"), "{html}");
    assert!(
        html.contains("an app on this device (org.example.tracker)"),
        "{html}"
    );
    let csp = browser.get(&auth_url).send().await.unwrap().headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.split(';')
            .any(|d| d.trim() == "form-action 'self' org.example.tracker:"),
        "{csp}"
    );

    // Signing in never leads off the site.
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let (_, html) = page(&browser, &server.url("/login")).await;
        let resp = post(
            &browser,
            &server.url("/login"),
            &[
                ("csrf_token", &csrf(&html)),
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", evil),
            ],
        )
        .await;
        assert_eq!(location(&resp), "/", "{evil}");
    }

    // In Spanish (the language switcher), the scopes are in Spanish words.
    let resp = post(
        &browser,
        &server.url("/language"),
        &[
            ("csrf_token", &csrf(&html)),
            ("locale", "es"),
            ("return_to", &path),
        ],
    )
    .await;
    assert_eq!(location(&resp), path);
    let html = consent_page(&browser, &auth_url).await;
    assert!(
        html.contains("¿Permitir que Tracker use su cuenta?"),
        "{html}"
    );
    assert!(
        html.contains("Ver su cartera: cuánto CITY y VOTE tiene"),
        "{html}"
    );
    let sensitive = text_between(&html, "id=\"sensitive-heading\"", "</section>");
    assert!(
        sensitive.contains("Emitir y cambiar sus votos en las decisiones de la ciudad."),
        "{sensitive}"
    );
    assert!(html.contains(">Permitir a Tracker</button>"), "{html}");
    assert!(html.contains(">Rechazar</button>"), "{html}");

    // Allowed, the private-use scheme gets its code and state.
    let resp = post_owned(&browser, &server, &consent_form(&html, "approve")).await;
    let answer = answer_to(&location(&resp), "org.example.tracker:/cb");
    assert_eq!(answer.get("state").map(String::as_str), Some("xyz"));
    assert!(answer["code"].starts_with("csc_"));

    server.stop().await;
}
