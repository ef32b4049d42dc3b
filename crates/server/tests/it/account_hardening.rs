//! Issue 23, points 2, 3, 5 and 6, as an attacker meets them: throttles count the real
//! client (never a forwarded address a stranger chose), junk bearer tokens are throttled,
//! the owner of an account locked by someone's guessing still gets in, invitations by
//! email say nothing about which addresses have accounts, and weak passwords are refused.
//! Each runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

use citysync_test_support::server as common;
use common::api::{token, Api};
use common::*;
use serde_json::json;

const PASSWORD: &str = "correct horse battery";

/// A city whose reverse proxy runs on this machine (the test client is the "proxy").
async fn behind_local_proxy() -> TestServer {
    TestServer::start_with(|config| {
        config.server.trusted_proxies = vec!["127.0.0.1/32".into(), "::1/128".into()];
    })
    .await
}

/// One sign-in attempt by `client` (its CSRF token `csrf`), relayed for `forwarded`.
async fn sign_in(
    server: &TestServer,
    client: &reqwest::Client,
    csrf: &str,
    (email, password): (&str, &str),
    forwarded: Option<&str>,
) -> u16 {
    let mut req = client.post(server.url("/login")).form(&[
        ("csrf_token", csrf),
        ("email", email),
        ("password", password),
    ]);
    if let Some(hops) = forwarded {
        req = req.header("x-forwarded-for", hops);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn login_csrf(server: &TestServer, client: &reqwest::Client) -> String {
    let (_, html) = page(client, &server.url("/login")).await;
    csrf(&html)
}

#[actix_web::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_does_not_dodge_the_login_throttle() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    let token = login_csrf(&server, &client).await;
    for i in 0..25 {
        let hop = format!("198.51.100.{i}");
        let email = format!("guess{i}@example.org");
        let status = sign_in(
            &server,
            &client,
            &token,
            (&email, "wrong password"),
            Some(&hop),
        )
        .await;
        assert_eq!(status, 401, "attempt {i}");
    }
    // A 26th address in the header changes nothing: the peer is the one counted.
    let status = sign_in(
        &server,
        &client,
        &token,
        ("guess99@example.org", "wrong password"),
        Some("198.51.100.99"),
    )
    .await;
    assert_eq!(status, 429);
    server.stop().await;
}

#[actix_web::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_counted_on_its_own() {
    let server = behind_local_proxy().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    let token = login_csrf(&server, &client).await;
    for i in 0..25 {
        // The left-most hops are the client's own words; the proxy appended the last one.
        let hops = format!("10.9.8.{i}, 203.0.113.7");
        let email = format!("guess{i}@example.org");
        let status = sign_in(
            &server,
            &client,
            &token,
            (&email, "wrong password"),
            Some(&hops),
        )
        .await;
        assert_eq!(status, 401, "attempt {i}");
    }
    let refused = sign_in(
        &server,
        &client,
        &token,
        ("guess@example.org", "wrong password"),
        Some("192.0.2.1, 203.0.113.7"),
    )
    .await;
    assert_eq!(refused, 429, "the same client, whatever it wrote in front");
    let other = sign_in(
        &server,
        &client,
        &token,
        ("guess@example.org", "wrong password"),
        Some("203.0.113.7, 203.0.113.8"),
    )
    .await;
    assert_eq!(
        other, 401,
        "another client behind the proxy has its own count"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn junk_bearer_tokens_and_forwarded_anonymous_calls_reach_the_quota() {
    // Mastodon's 300 calls, over a day rather than five minutes: the quota refills one
    // call every 288 s, so a slow, shared machine cannot refill it during the loop.
    let server = TestServer::start_with(|config| {
        config.api.requests_per_window = 300;
        config.api.window_seconds = 86_400;
    })
    .await;
    set_up_city(&server, "Berkeley").await;
    let http = server.client();
    let mut statuses = Vec::new();
    for i in 0..320 {
        let status = http
            .get(server.url("/api/v1/instance"))
            .bearer_auth(format!("junk-token-{i}"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        statuses.push(status);
    }
    assert!(statuses[..300].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[319], 429, "{statuses:?}");

    // Anonymous calls from one untrusted peer share its quota whatever they forward; the
    // junk tokens above already spent it.
    let status = http
        .get(server.url("/api/v1/instance"))
        .header("x-forwarded-for", "198.51.100.77")
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(status, 429);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_of_a_locked_account_gets_in_from_a_known_device_or_by_an_emailed_link() {
    let server = behind_local_proxy().await;
    set_up_city(&server, "Berkeley").await;
    // Olga signed in from this browser before: it is one of her known devices.
    let olga = resident(&server, "olga", PASSWORD).await;
    let attacker = server.client();
    let token = login_csrf(&server, &attacker).await;
    for i in 0..100 {
        let hop = format!("198.51.100.{}", i / 20);
        let status = sign_in(
            &server,
            &attacker,
            &token,
            ("olga@example.org", "guessing away"),
            Some(&hop),
        )
        .await;
        assert_eq!(status, 401, "attempt {i}");
    }
    // The account is locked: even the right password from a fresh client and address fails.
    let stranger = server.client();
    let token = login_csrf(&server, &stranger).await;
    let status = sign_in(
        &server,
        &stranger,
        &token,
        ("olga@example.org", PASSWORD),
        Some("203.0.113.50"),
    )
    .await;
    assert_eq!(status, 429);

    // Olga's own browser, from a new address (a café's Wi-Fi), still gets in.
    let token = login_csrf(&server, &olga).await;
    let status = sign_in(
        &server,
        &olga,
        &token,
        ("olga@example.org", PASSWORD),
        Some("203.0.113.60"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(page(&olga, &server.url("/settings")).await.0, 200);

    // From a borrowed computer she asks for a one-time link instead.
    let borrowed = server.client();
    let (status, html) = page(&borrowed, &server.url("/login")).await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/login/email\""), "{html}");
    let (_, html) = page(&borrowed, &server.url("/login/email")).await;
    let resp = borrowed
        .post(server.url("/login/email"))
        .header("x-forwarded-for", "203.0.113.70")
        .form(&[
            ("csrf_token", csrf(&html)),
            ("email", "olga@example.org".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    // An address without an account gets the very same answer.
    let unknown = borrowed
        .post(server.url("/login/email"))
        .header("x-forwarded-for", "203.0.113.70")
        .form(&[
            ("csrf_token", csrf(&html)),
            ("email", "nobody@example.org".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 200);
    let (a, b) = (resp.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(
        text_between(&a, "<h1>", "</h1>"),
        text_between(&b, "<h1>", "</h1>")
    );
    let mail = server
        .mail_to("olga@example.org", "/login/link?token=")
        .await;
    let url = link(&mail, &server.url("/login/link?token="));
    let link_token = url.split("token=").nth(1).unwrap().to_owned();
    let (status, html) = page(&borrowed, &url).await;
    assert_eq!(status, 200, "{html}");
    let form = [("csrf_token", csrf(&html)), ("token", link_token)];
    let resp = borrowed
        .post(server.url("/login/link"))
        .header("x-forwarded-for", "203.0.113.70")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(page(&borrowed, &server.url("/settings")).await.0, 200);
    // The link works once.
    let again = server.client();
    let (_, html) = page(&again, &server.url("/login")).await;
    let reuse = again
        .post(server.url("/login/link"))
        .form(&[("csrf_token", csrf(&html)), ("token", form[1].1.clone())])
        .send()
        .await
        .unwrap();
    assert_eq!(reuse.status().as_u16(), 400);

    // The attacker, with neither her device nor her mailbox, is still refused.
    let token = login_csrf(&server, &attacker).await;
    let status = sign_in(
        &server,
        &attacker,
        &token,
        ("olga@example.org", PASSWORD),
        Some("203.0.113.80"),
    )
    .await;
    assert_eq!(status, 429);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inviting_by_email_answers_the_same_whether_or_not_the_address_has_an_account() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let _kim = resident(&server, "kim", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek").await;

    // The web door: the same redirect, and the console lists both by the address typed.
    let mut answers = Vec::new();
    for who in ["kim@example.org", "newcomer@example.org"] {
        let (_, html) = page(&olga, &server.url("/organizations/creek/console")).await;
        let resp = post(
            &olga,
            &server.url("/organizations/creek/invitations"),
            &[
                ("csrf_token", &csrf(&html)),
                ("who", who),
                ("role", "editor"),
            ],
        )
        .await;
        let location = resp.headers().get("location").cloned();
        answers.push((resp.status().as_u16(), location, resp.text().await.unwrap()));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, 303);
    let (_, console) = page(&olga, &server.url("/organizations/creek/console")).await;
    assert!(console.contains("kim@example.org ·"), "{console}");
    assert!(console.contains("newcomer@example.org ·"), "{console}");
    assert!(!console.contains(">kim ·"), "{console}");

    // The API door: the same status and body, asked again or not.
    let api = Api::new(&server).await;
    let owner = token(&server, "olga", "read write:catalog").await;
    let mut answers = Vec::new();
    for who in [
        "kim@example.org",
        "stranger@example.org",
        "kim@example.org",
        "vera@example.org",
    ] {
        let answer = api
            .post(
                "/api/v1/organizations/creek/invitations",
                &owner,
                None,
                Some(json!({"who": who, "role": "verifier"})),
            )
            .await;
        answers.push((answer.status, answer.body));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, 204);

    // The newcomer gets the mail, signs up through its link and is an editor.
    let mail = server
        .mail_to("newcomer@example.org", "/signup?invitation=")
        .await;
    assert!(mail.contains("Friends of the Creek"), "{mail}");
    let url = link(&mail, &server.url("/signup?invitation="));
    let invitation = url.split("invitation=").nth(1).unwrap().to_owned();
    let newcomer = server.client();
    let (status, html) = page(&newcomer, &url).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&invitation),
        "the form carries the invitation"
    );
    let resp = post(
        &newcomer,
        &server.url("/signup"),
        &[
            ("csrf_token", &csrf(&html)),
            ("invitation", &invitation),
            ("username", "newcomer"),
            ("email", "newcomer@example.org"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("privacy_version", "1"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let user = user_named(&server, "newcomer").await;
    assert!(user.verified, "the invitation's link proved the address");
    let orgs = citysync_app::organizations::of_user(&server.running().ctx, &user)
        .await
        .unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].0.handle, "creek");
    assert_eq!(orgs[0].1.as_str(), "editor");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weak_and_personal_passwords_are_refused_with_a_reason_in_the_readers_language() {
    let server = TestServer::start().await;
    set_up_city(&server, "Springfield Gardens").await;
    let client = server.client();
    let signup = |password: &'static str, username: &'static str| {
        let client = client.clone();
        let server = &server;
        async move {
            let (_, html) = page(&client, &server.url("/signup")).await;
            let email = format!("{username}@example.org");
            let resp = post(
                &client,
                &server.url("/signup"),
                &[
                    ("csrf_token", &csrf(&html)),
                    ("username", username),
                    ("email", &email),
                    ("password", password),
                    ("password_confirm", password),
                    ("privacy_version", "1"),
                ],
            )
            .await;
            (resp.status().as_u16(), resp.text().await.unwrap())
        }
    };
    for (password, reason) in [
        ("aaaaaaaaaaaa", "repeats like"),
        ("passwordpassword", "repeats like"),
        ("mariagonzalez", "your username"),
        ("springfieldgardens", "your username"),
    ] {
        let (status, html) = signup(password, "mariagonzalez").await;
        assert_eq!(status, 400, "{password}: {html}");
        assert!(html.contains("too easy to guess"), "{password}: {html}");
        assert!(html.contains(reason), "{password}: {html}");
    }
    choose_language(&server, &client, "es").await;
    let (status, html) = signup("aaaaaaaaaaaa", "mariagonzalez").await;
    assert_eq!(status, 400);
    assert!(html.contains("demasiado fácil de adivinar"), "{html}");

    // Changing the password is held to the same rule.
    let olga = resident(&server, "olga", PASSWORD).await;
    let (_, html) = page(&olga, &server.url("/settings")).await;
    let resp = post(
        &olga,
        &server.url("/settings/password"),
        &[
            ("csrf_token", &csrf(&html)),
            ("current_password", PASSWORD),
            ("password", "passwordpassword"),
            ("password_confirm", "passwordpassword"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.text().await.unwrap().contains("too easy to guess"));

    // And so is a reset.
    let other = server.client();
    let (_, html) = page(&other, &server.url("/password/forgot")).await;
    post(
        &other,
        &server.url("/password/forgot"),
        &[("csrf_token", &csrf(&html)), ("email", "olga@example.org")],
    )
    .await;
    let mail = server
        .mail_to("olga@example.org", "/password/reset?token=")
        .await;
    let reset = link(&mail, &server.url("/password/reset?token="));
    let token = reset.split("token=").nth(1).unwrap().to_owned();
    let (_, html) = page(&other, &reset).await;
    for weak in ["olga@example.org", "aaaaaaaaaaaa"] {
        let resp = post(
            &other,
            &server.url("/password/reset"),
            &[
                ("csrf_token", &csrf(&html)),
                ("token", &token),
                ("password", weak),
                ("password_confirm", weak),
            ],
        )
        .await;
        assert_eq!(resp.status().as_u16(), 400, "{weak}");
        assert!(resp.text().await.unwrap().contains("too easy to guess"));
    }
    // The link was not spent by the refusals: a strong password still goes through.
    let resp = post(
        &other,
        &server.url("/password/reset"),
        &[
            ("csrf_token", &csrf(&html)),
            ("token", &token),
            ("password", "tangerine bicycle orbit"),
            ("password_confirm", "tangerine bicycle orbit"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    server.stop().await;
}
