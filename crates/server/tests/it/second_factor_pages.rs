//! The second factor over real HTTP (issue 27): with `[accounts] staff_second_factor` on, an
//! administrator without one is sent from the admin pages to enroll, and a verifier from the
//! queue; enrolling with a code computed from the page's secret opens them; signing in then
//! asks for a code (a half-signed-in browser reaches nothing), wrong and replayed codes are
//! refused, a recovery code works once; the consent page asks for a code for credit-moving
//! scopes. With the setting off, staff reach their pages without one.

use citysync_domain::oauth::s256;
use citysync_test_support::server as common;
use common::oauth::register;
use common::{approved_issuer, csrf, page, post, resident, set_up_city, text_between, TestServer};
use totp_rs::{Algorithm, Secret, TOTP};

const PASSWORD: &str = "correct horse battery";
const ADMIN_EMAIL: &str = "clerk@berkeley.example";

fn code(secret: &str, ahead_secs: u64) -> String {
    let secret: String = secret.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        Secret::Encoded(secret).to_bytes().unwrap(),
    )
    .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + ahead_secs)
}

fn wrong(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 500_000) % 1_000_000)
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_owned()
}

async fn get(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client.get(url).send().await.unwrap()
}

/// Enrolls the signed-in `client` through the page; returns the secret, the code used and
/// the recovery codes.
async fn enroll(
    server: &TestServer,
    client: &reqwest::Client,
    next: &str,
) -> (String, String, Vec<String>) {
    let (status, html) = page(client, &server.url("/settings/second-factor")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<svg"), "a QR code: {html}");
    let secret = text_between(&html, "<code data-second-factor-secret>", "</code>").to_owned();
    // A wrong code is refused beside its field.
    let resp = post(
        client,
        &server.url("/settings/second-factor/confirm"),
        &[
            ("csrf_token", &csrf(&html)),
            ("code", &wrong(&code(&secret, 0))),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let used = code(&secret, 0);
    let resp = post(
        client,
        &server.url("/settings/second-factor/confirm"),
        &[
            ("csrf_token", &csrf(&html)),
            ("code", &used),
            ("next", next),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    let list = text_between(
        &html,
        "<ul class=\"recovery-codes\" data-recovery-codes>",
        "</ul>",
    );
    let codes: Vec<String> = list
        .split("<li><code>")
        .skip(1)
        .map(|li| li.split("</code>").next().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "{html}");
    (secret, used, codes)
}

/// Signs in with the password in a new browser; returns it and where it was sent.
async fn password(server: &TestServer, email: &str) -> (reqwest::Client, String) {
    let client = server.client();
    let (_, html) = page(&client, &server.url("/login")).await;
    let resp = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &csrf(&html)),
            ("email", email),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let to = location(&resp);
    (client, to)
}

async fn give_code(server: &TestServer, client: &reqwest::Client, code: &str) -> reqwest::Response {
    let (status, html) = page(client, &server.url("/login/second-factor")).await;
    assert_eq!(status, 200, "{html}");
    post(
        client,
        &server.url("/login/second-factor"),
        &[("csrf_token", &csrf(&html)), ("code", code)],
    )
    .await
}

fn authorize_path(client_id: &str, scope: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", "http://127.0.0.1:43112/cb")
        .append_pair("response_type", "code")
        .append_pair("scope", scope)
        .append_pair("state", "s1")
        .append_pair(
            "code_challenge",
            &s256("a-verifier-long-enough-for-pkce-0123456789"),
        )
        .append_pair("code_challenge_method", "S256")
        .finish();
    format!("/oauth/authorize?{query}")
}

#[tokio::test]
async fn staff_enroll_before_their_pages_and_then_sign_in_with_a_code() {
    let server = TestServer::start_with(|c| c.accounts.staff_second_factor = true).await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let rosa = resident(&server, "rosa", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek").await;

    // Without a second factor: the admin pages and the queue lead to enrolling, which says why.
    let resp = get(&admin, &server.url("/admin")).await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/settings/second-factor?next=%2Fadmin");
    let resp = get(&admin, &server.url("/admin/users")).await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = get(&vera, &server.url("/organizations/creek/verify")).await;
    assert_eq!(resp.status().as_u16(), 303);
    assert!(location(&resp).starts_with("/settings/second-factor?next="));
    let (_, html) = page(&vera, &server.url(&location(&resp))).await;
    assert!(
        html.contains("Set up a second factor to continue"),
        "{html}"
    );
    // A resident who is not staff passes the gate (and meets the page's own answer).
    let resp = get(&rosa, &server.url("/organizations/creek/verify")).await;
    assert_ne!(resp.status().as_u16(), 303);
    // Nor is a resident told to enroll on their settings page.
    let (_, html) = page(&rosa, &server.url("/settings/second-factor")).await;
    assert!(!html.contains("data-second-factor=\"required\""), "{html}");

    // The consent to an admin-scoped app sends staff without one to enroll too.
    let client_id = register(&server, "http://127.0.0.1:43112/cb", "read admin").await;
    let resp = get(
        &admin,
        &server.url(&authorize_path(&client_id, "read admin")),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert!(location(&resp).starts_with("/settings/second-factor?next=%2Foauth%2Fauthorize"));

    // Through the API, her token's `verify` scope is refused until she enrolls (403
    // problem+json); its `read` scope still works.
    let token = common::api::token(&server, "vera", "read verify").await;
    let queue = server.url("/api/v1/organizations/creek/verification-queue");
    let resp = server
        .client()
        .get(&queue)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "error-second-factor-required", "{problem}");
    let resp = server
        .client()
        .get(server.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);

    // Enrolled: the pages open.
    let (secret, used, recovery) = enroll(&server, &admin, "/admin").await;
    let (status, _) = page(&admin, &server.url("/admin")).await;
    assert_eq!(status, 200);
    enroll(&server, &vera, "").await;
    let (status, _) = page(&vera, &server.url("/organizations/creek/verify")).await;
    assert_eq!(status, 200);
    let resp = server
        .client()
        .get(&queue)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);

    // Signing in again: the password leads to the code, and the browser reaches nothing yet.
    let (browser, to) = password(&server, ADMIN_EMAIL).await;
    assert_eq!(to, "/login/second-factor");
    let resp = get(&browser, &server.url("/admin")).await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/login?next=%2Fadmin");
    let resp = get(&browser, &server.url("/settings")).await;
    assert_eq!(resp.status().as_u16(), 303, "signed in before the code");

    // A wrong code and the replayed enrollment code are refused; the next one signs in.
    let resp = give_code(&server, &browser, &wrong(&used)).await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("That code is wrong"), "{html}");
    let resp = give_code(&server, &browser, &used).await;
    assert_eq!(resp.status().as_u16(), 400);
    let resp = give_code(&server, &browser, &code(&secret, 30)).await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/");
    let (status, _) = page(&browser, &server.url("/admin")).await;
    assert_eq!(status, 200);

    // A recovery code works once.
    let (browser, _) = password(&server, ADMIN_EMAIL).await;
    let resp = give_code(&server, &browser, &recovery[0]).await;
    assert_eq!(resp.status().as_u16(), 303);
    let (status, _) = page(&browser, &server.url("/admin")).await;
    assert_eq!(status, 200);
    let (browser, _) = password(&server, ADMIN_EMAIL).await;
    let resp = give_code(&server, &browser, &recovery[0]).await;
    assert_eq!(resp.status().as_u16(), 400);
    server.stop().await;
}

#[tokio::test]
async fn with_the_setting_off_staff_reach_their_pages_without_one() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek").await;
    let (status, _) = page(&admin, &server.url("/admin")).await;
    assert_eq!(status, 200);
    let (status, _) = page(&vera, &server.url("/organizations/creek/verify")).await;
    assert_eq!(status, 200);
    server.stop().await;
}

#[tokio::test]
async fn the_consent_page_asks_an_enrolled_person_for_a_code_for_credit_moving_scopes() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let client_id = register(&server, "http://127.0.0.1:43112/cb", "read redeem").await;
    let (secret, _, _) = enroll(&server, &ana, "").await;

    // Reading only: no code.
    let (status, html) = page(&ana, &server.url(&authorize_path(&client_id, "read"))).await;
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("name=\"second_factor_code\""), "{html}");

    // Redeeming moves CITY: the code is asked for, and a missing one refused.
    let path = authorize_path(&client_id, "read redeem");
    let (status, html) = page(&ana, &server.url(&path)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("name=\"second_factor_code\""), "{html}");
    let mut fields = common::oauth::consent_form(&html, "approve");
    fields.retain(|(k, _)| k != "second_factor_code");
    let resp = common::oauth::post_owned(&ana, &server, &fields).await;
    assert_eq!(resp.status().as_u16(), 400);
    fields.push(("second_factor_code".into(), code(&secret, 30)));
    let resp = common::oauth::post_owned(&ana, &server, &fields).await;
    assert_eq!(resp.status().as_u16(), 303);
    assert!(location(&resp).starts_with("http://127.0.0.1:43112/cb?code="));
    server.stop().await;
}
