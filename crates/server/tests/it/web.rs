//! The resident's and the clerk's first steps through the real forms, over real HTTP:
//! setup, sign-up with the emailed link, login, language, password flows, and the web
//! security promises (sessions, CSRF, security headers, throttling) of the foundation.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::*;

#[actix_web::test]
async fn setup_then_a_resident_signs_up_verifies_logs_in_and_switches_to_spanish_and_chinese() {
    let server = TestServer::start().await;
    // Without the token, setup refuses.
    let anon = server.client();
    let (status, _) = page(&anon, &server.url("/setup?token=wrong")).await;
    assert_eq!(status, 403);
    let (status, _) = page(&anon, &server.url("/setup")).await;
    assert_eq!(status, 403);

    let admin = set_up_city(&server, "Berkeley <script>alert(1)</script>").await;
    let (_, home) = page(&admin, &server.url("/")).await;
    assert!(home.contains("clerk"), "the administrator is signed in");
    assert!(
        home.contains("Berkeley &lt;script&gt;alert(1)&lt;"),
        "HTML is escaped"
    );
    assert!(!home.contains("<script>alert(1)"));
    // The setup link works once.
    let token = server.running().setup_token.clone().unwrap();
    let (status, _) = page(&anon, &server.url(&format!("/setup?token={token}"))).await;
    assert_eq!(status, 409);

    let ana = resident(&server, "ana", "contraseña segura 🔑").await;
    let (_, home) = page(&ana, &server.url("/")).await;
    assert!(home.contains("Sign out (ana)"), "{home}");

    // Spanish and Traditional Chinese: the switcher remembers the choice, and no English
    // message is left on any page.
    let i18n = citysync_i18n::I18n::load().unwrap();
    let en = citysync_i18n::Locale::SOURCE;
    for lang in ["es", "zh-Hant"] {
        let locale = citysync_i18n::Locale::from_code(lang).unwrap();
        let (_, current) = page(&ana, &server.url("/")).await;
        let resp = post(
            &ana,
            &server.url("/language"),
            &[
                ("csrf_token", &csrf(&current)),
                ("locale", lang),
                ("return_to", "/settings"),
            ],
        )
        .await;
        assert_eq!(resp.status().as_u16(), 303);
        assert_eq!(resp.headers()["location"], "/settings");
        let theirs: std::collections::BTreeSet<String> = i18n
            .message_ids(locale)
            .iter()
            .map(|id| i18n.message(locale, id, &[]))
            .collect();
        let english: Vec<String> = i18n
            .message_ids(en)
            .into_iter()
            .filter(|id| !id.starts_with("mail-"))
            .map(|id| i18n.message(en, &id, &[]))
            .filter(|m| m.len() > 12 && !m.contains('{') && !theirs.contains(m))
            .collect();
        for path in [
            "/",
            "/settings",
            "/city",
            "/users/ana",
            "/login",
            "/signup",
            "/password/forgot",
            "/verify-email/resend",
            "/no-such-page",
        ] {
            let (_, html) = page(&ana, &server.url(path)).await;
            assert!(
                html.contains(&format!("lang=\"{lang}\"")),
                "{path} is not {lang}"
            );
            for m in &english {
                assert!(
                    !html.contains(m.as_str()),
                    "{path} still shows English in {lang}: {m}"
                );
            }
        }
    }
    server.stop().await;
}

#[actix_web::test]
async fn forms_refuse_missing_foreign_and_cross_site_csrf_tokens() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let alice = server.client();
    let mallory = server.client();
    let (_, alice_page) = page(&alice, &server.url("/login")).await;
    let (_, mallory_page) = page(&mallory, &server.url("/login")).await;
    let creds = [
        ("email", "clerk@berkeley.example"),
        ("password", "correct horse battery"),
    ];
    // No token.
    let resp = post(&alice, &server.url("/login"), &creds).await;
    assert_eq!(resp.status().as_u16(), 403);
    // Another browser's token.
    let mut form = creds.to_vec();
    let foreign = csrf(&mallory_page);
    form.push(("csrf_token", &foreign));
    assert_eq!(
        post(&alice, &server.url("/login"), &form)
            .await
            .status()
            .as_u16(),
        403
    );
    // A cross-site Origin with a valid token.
    let own = csrf(&alice_page);
    let mut form = creds.to_vec();
    form.push(("csrf_token", &own));
    let resp = alice
        .post(server.url("/login"))
        .header("Origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);
    // And with everything right, it works.
    assert_eq!(
        post(&alice, &server.url("/login"), &form)
            .await
            .status()
            .as_u16(),
        303
    );
    server.stop().await;
}

#[actix_web::test]
async fn sessions_rotate_at_login_and_die_at_logout() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let browser = reqwest::Client::builder()
        .pool_idle_timeout(citysync_test_support::POOL_IDLE)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // Manual cookie handling, to see the values.
    let resp = browser.get(server.url("/login")).send().await.unwrap();
    let csrf_cookie = resp
        .cookies()
        .find(|c| c.name() == "citysync_csrf")
        .unwrap();
    assert!(csrf_cookie.http_only());
    let csrf_pair = format!("citysync_csrf={}", csrf_cookie.value());
    let html = resp.text().await.unwrap();
    let form = [
        ("csrf_token", csrf(&html)),
        ("email", "clerk@berkeley.example".into()),
        ("password", "correct horse battery".into()),
    ];
    let login = |cookie: String| {
        let browser = browser.clone();
        let form = form.clone();
        let url = server.url("/login");
        async move {
            browser
                .post(url)
                .header("Cookie", cookie)
                .form(&form)
                .send()
                .await
                .unwrap()
        }
    };
    let first = login(csrf_pair.clone()).await;
    let s1 = first
        .cookies()
        .find(|c| c.name() == "citysync_session")
        .unwrap();
    assert!(s1.http_only() && s1.same_site_lax());
    let s1 = s1.value().to_owned();
    let second = login(format!("{csrf_pair}; citysync_session={s1}")).await;
    let s2 = second
        .cookies()
        .find(|c| c.name() == "citysync_session")
        .unwrap()
        .value()
        .to_owned();
    assert_ne!(s1, s2, "a login issues a new session id");
    let settings = |session: String| {
        let browser = browser.clone();
        let url = server.url("/settings");
        async move {
            browser
                .get(url)
                .header("Cookie", format!("citysync_session={session}"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        settings(s1.clone()).await,
        303,
        "the session replaced at login no longer works"
    );
    assert_eq!(settings(s2.clone()).await, 200);
    let resp = browser
        .post(server.url("/logout"))
        .header("Cookie", format!("{csrf_pair}; citysync_session={s2}"))
        .form(&[("csrf_token", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(settings(s2).await, 303, "logout ends the session");
    server.stop().await;
}

#[actix_web::test]
async fn answers_about_an_email_address_do_not_reveal_whether_it_has_an_account() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    let (_, html) = page(&client, &server.url("/password/forgot")).await;
    let token = csrf(&html);
    let known = post(
        &client,
        &server.url("/password/forgot"),
        &[("csrf_token", &token), ("email", "clerk@berkeley.example")],
    )
    .await;
    let (ks, kb) = (known.status(), known.text().await.unwrap());
    let unknown = post(
        &client,
        &server.url("/password/forgot"),
        &[("csrf_token", &token), ("email", "nobody@berkeley.example")],
    )
    .await;
    assert_eq!((ks, kb), (unknown.status(), unknown.text().await.unwrap()));

    let (_, html) = page(&client, &server.url("/login")).await;
    let token = csrf(&html);
    let wrong = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &token),
            ("email", "clerk@berkeley.example"),
            ("password", "not the password"),
        ],
    )
    .await;
    let (ws, wb) = (wrong.status(), wrong.text().await.unwrap());
    let nobody = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &token),
            ("email", "nobody@berkeley.example"),
            ("password", "not the password"),
        ],
    )
    .await;
    assert_eq!(ws.as_u16(), 401);
    // The form keeps the typed email, so compare with it masked.
    assert_eq!(
        wb.replace("clerk@berkeley.example", "E"),
        nobody
            .text()
            .await
            .unwrap()
            .replace("nobody@berkeley.example", "E")
    );

    // Signing up with a taken address looks like success, and tells the owner by mail.
    let (_, html) = page(&client, &server.url("/signup")).await;
    let token = csrf(&html);
    let taken = post(
        &client,
        &server.url("/signup"),
        &[
            ("csrf_token", &token),
            ("username", "someone"),
            ("email", "clerk@berkeley.example"),
            ("password", "another password"),
            ("password_confirm", "another password"),
            ("privacy_version", "1"),
        ],
    )
    .await;
    let fresh = post(
        &client,
        &server.url("/signup"),
        &[
            ("csrf_token", &token),
            ("username", "newbie"),
            ("email", "newbie@example.org"),
            ("password", "another password"),
            ("password_confirm", "another password"),
            ("privacy_version", "1"),
        ],
    )
    .await;
    assert_eq!(taken.status(), fresh.status());
    assert_eq!(taken.text().await.unwrap(), fresh.text().await.unwrap());
    server
        .mail_to("clerk@berkeley.example", "/password/forgot")
        .await;
    server.stop().await;
}

#[actix_web::test]
async fn bad_input_keeps_what_was_typed_and_changes_nothing() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    let (_, html) = page(&client, &server.url("/signup")).await;
    let resp = post(
        &client,
        &server.url("/signup"),
        &[
            ("csrf_token", &csrf(&html)),
            ("username", "ana"),
            ("email", "ana@example\r\nBcc: x@y.z"),
            ("password", "long enough password"),
            ("password_confirm", "long enough password"),
            ("privacy_version", "1"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let body = resp.text().await.unwrap();
    assert!(body.contains("value=\"ana\""), "the username is kept");
    assert!(
        !body.contains("long enough password"),
        "the password is never echoed"
    );
    assert!(
        body.contains("f-email-error"),
        "the error sits next to the email field"
    );
    let users = server
        .running()
        .ctx
        .db()
        .run(citysync_storage::users::count)
        .await
        .unwrap();
    assert_eq!(users, 1, "only the administrator exists");

    // Oversized bodies get 413, unknown routes a 404 page, both with the security headers.
    let big = "x".repeat(200 * 1024);
    let resp = post(
        &client,
        &server.url("/signup"),
        &[("csrf_token", &csrf(&html)), ("username", &big)],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 413);
    let resp = client.get(server.url("/nowhere")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    let csp = resp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("object-src 'none'")
            && csp.contains("base-uri 'none'")
            && csp.contains("frame-ancestors 'none'")
    );
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert!(resp.headers().contains_key("referrer-policy"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("This page does not exist."), "{html}");
    server.stop().await;
}

#[actix_web::test]
async fn the_26th_failed_login_from_one_address_is_throttled() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    let (_, html) = page(&client, &server.url("/login")).await;
    let token = csrf(&html);
    for i in 0..25 {
        let resp = post(
            &client,
            &server.url("/login"),
            &[
                ("csrf_token", &token),
                ("email", &format!("guess{i}@example.org")),
                ("password", "wrong password"),
            ],
        )
        .await;
        assert_eq!(resp.status().as_u16(), 401, "attempt {i}");
    }
    let resp = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &token),
            ("email", "clerk@berkeley.example"),
            ("password", "correct horse battery"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 429);
    assert!(resp.headers().contains_key("retry-after"));
    server.stop().await;
}

#[actix_web::test]
async fn password_reset_is_single_use_and_ends_every_session() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", "first password here").await;
    let other = server.client();
    let (_, html) = page(&other, &server.url("/password/forgot")).await;
    post(
        &other,
        &server.url("/password/forgot"),
        &[("csrf_token", &csrf(&html)), ("email", "ana@example.org")],
    )
    .await;
    let mail = server
        .mail_to("ana@example.org", "/password/reset?token=")
        .await;
    let reset = link(&mail, &server.url("/password/reset?token="));
    let token = reset.split("token=").nth(1).unwrap().to_owned();
    let (status, html) = page(&other, &reset).await;
    assert_eq!(status, 200);
    let form = [
        ("csrf_token", csrf(&html)),
        ("token", token.clone()),
        ("password", "second password here".into()),
        ("password_confirm", "second password here".into()),
    ];
    assert_eq!(
        other
            .post(server.url("/password/reset"))
            .form(&form)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        other
            .post(server.url("/password/reset"))
            .form(&form)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        400,
        "single use"
    );
    assert_eq!(
        ana.get(server.url("/settings"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        303,
        "old sessions ended"
    );
    server.stop().await;
}

#[actix_web::test]
async fn passwords_are_stored_as_argon2id_with_owasp_parameters_and_unique_salts() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    // 64 characters, and hard to guess (a run of one letter is refused since issue 23).
    resident(
        &server,
        "ana",
        "sixty four characters of creek restoration, oak trees and tides!",
    )
    .await;
    resident(&server, "bob", "same password twice").await;
    resident(&server, "cyd", "same password twice").await;
    let hashes: Vec<String> = server
        .running()
        .ctx
        .db()
        .run::<_, citysync_storage::StorageError, _>(|conn| {
            use diesel::prelude::*;
            Ok(citysync_storage::schema::users::table
                .select(citysync_storage::schema::users::password_hash)
                .load::<String>(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(hashes.len(), 4);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    }
    let mut unique = hashes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), hashes.len(), "salts are unique");
    server.stop().await;
}

#[actix_web::test]
async fn health_api_tokens_and_problem_json() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let client = server.client();
    let resp = client.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        resp.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"status": "ok", "database": "ok"})
    );

    let token = citysync_app::tokens::create(&server.running().ctx, "clerk", "read", "test")
        .await
        .unwrap();
    let me: serde_json::Value = client
        .get(server.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "clerk");
    assert_eq!(me["scopes"], serde_json::json!(["read"]));
    let resp = client
        .get(server.url(&format!("/api/v1/me?access_token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    let resp = client
        .get(server.url("/api/v1/me"))
        .header("Accept-Language", "es-MX")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let problem: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "error-unauthenticated");
    assert_eq!(problem["title"], "Inicie sesión primero.");
    server.stop().await;
}
