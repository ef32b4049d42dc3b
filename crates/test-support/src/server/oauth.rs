//! OAuth 2 as a third-party app does it, with the `oauth2` crate: register, send the
//! resident through the consent form, exchange the code.

use super::{csrf, text_between, TestServer};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

pub type Answer =
    Pin<Box<dyn Future<Output = Result<oauth2::HttpResponse, std::io::Error>> + Send>>;

/// oauth2's HTTP client, on the project's reqwest, following no redirect. oauth2 wants the
/// revocation endpoint on `https` (RFC 7009 §2); the test server speaks plain http, so
/// `https://` to it goes over http, as behind a TLS-terminating proxy.
pub fn transport(base: &str) -> impl Fn(oauth2::HttpRequest) -> Answer {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .pool_idle_timeout(crate::POOL_IDLE)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (plain, tls) = (base.to_owned(), base.replacen("http://", "https://", 1));
    move |request: oauth2::HttpRequest| {
        let (http, plain, tls) = (http.clone(), plain.clone(), tls.clone());
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            let uri = parts.uri.to_string();
            if let Some(rest) = uri.strip_prefix(&tls) {
                parts.uri = format!("{plain}{rest}")
                    .parse()
                    .map_err(std::io::Error::other)?;
            }
            let request =
                reqwest::Request::try_from(oauth2::http::Request::from_parts(parts, body))
                    .map_err(std::io::Error::other)?;
            let resp = http.execute(request).await.map_err(std::io::Error::other)?;
            let mut answer = oauth2::http::Response::builder().status(resp.status());
            for (name, value) in resp.headers() {
                answer = answer.header(name, value);
            }
            let body = resp.bytes().await.map_err(std::io::Error::other)?;
            answer.body(body.to_vec()).map_err(std::io::Error::other)
        })
    }
}

/// Registers a public app (no secret, PKCE only) with `redirect_uris` and `scopes`.
pub async fn register(server: &TestServer, redirect_uris: &str, scopes: &str) -> String {
    let resp = server
        .client()
        .post(server.url("/api/v1/apps"))
        .json(&serde_json::json!({
            "client_name": "Tracker",
            "redirect_uris": redirect_uris,
            "scopes": scopes,
            "website": "https://tracker.example",
            "token_endpoint_auth_method": "none",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let app: serde_json::Value = resp.json().await.unwrap();
    assert!(app.get("client_secret").is_none(), "{app}");
    app["client_id"].as_str().unwrap().to_owned()
}

/// Minijinja's HTML escapes, undone (`&amp;` last).
pub fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What a browser sends with the consent form: its hidden fields, and the button pressed.
pub fn consent_form(html: &str, decision: &str) -> Vec<(String, String)> {
    let form = text_between(
        html,
        "<form method=\"post\" action=\"/oauth/authorize\">",
        "</form>",
    );
    let mut fields: Vec<(String, String)> = form
        .split("<input ")
        .skip(1)
        .map(|tag| {
            let name = text_between(tag, "name=\"", "\"");
            let value = text_between(tag, "value=\"", "\"");
            (name.to_owned(), unescape(value))
        })
        .collect();
    assert!(html.contains(&format!("name=\"decision\" value=\"{decision}\"")));
    fields.push(("decision".into(), decision.into()));
    fields
}

pub async fn post_owned(
    client: &reqwest::Client,
    server: &TestServer,
    fields: &[(String, String)],
) -> reqwest::Response {
    client
        .post(server.url("/oauth/authorize"))
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The query of a redirect back to the app, which must start with `redirect_uri?`.
pub fn answer_to(location: &str, redirect_uri: &str) -> HashMap<String, String> {
    assert!(
        location.starts_with(&format!("{redirect_uri}?")),
        "{location} is not an answer to {redirect_uri}"
    );
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// An access token for `username`'s browser session `browser`, with exactly `scopes`: a
/// public app is registered for them, the resident allows it on the consent page, and
/// oauth2 trades the code (PKCE S256) at the token endpoint.
pub async fn authorized_token(
    server: &TestServer,
    browser: &reqwest::Client,
    scopes: &str,
) -> String {
    use oauth2::basic::BasicClient;
    use oauth2::{
        AuthUrl, AuthorizationCode, ClientId, CsrfToken, PkceCodeChallenge, RedirectUrl, Scope,
        TokenResponse, TokenUrl,
    };
    const REDIRECT: &str = "http://127.0.0.1:43111/cb";
    let client_id = register(server, REDIRECT, scopes).await;
    let app = BasicClient::new(ClientId::new(client_id))
        .set_auth_uri(AuthUrl::new(server.url("/oauth/authorize")).unwrap())
        .set_token_uri(TokenUrl::new(server.url("/oauth/token")).unwrap())
        .set_redirect_uri(RedirectUrl::new(REDIRECT.into()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = app
        .authorize_url(CsrfToken::new_random)
        .add_scopes(scopes.split(' ').map(|s| Scope::new(s.to_owned())))
        .set_pkce_challenge(challenge)
        .url();
    let html = browser
        .get(url.as_str())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!csrf(&html).is_empty(), "{html}");
    let resp = post_owned(browser, server, &consent_form(&html, "approve")).await;
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let answer = answer_to(&location, REDIRECT);
    assert_eq!(answer.get("state"), Some(state.secret()));
    let token = app
        .exchange_code(AuthorizationCode::new(answer["code"].clone()))
        .set_pkce_verifier(verifier)
        .request_async(&transport(&server.base))
        .await
        .unwrap();
    let granted: Vec<String> = token
        .scopes()
        .map(|s| s.iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    assert_eq!(
        granted.join(" "),
        scopes,
        "the grant is exactly what was asked"
    );
    token.access_token().secret().clone()
}
