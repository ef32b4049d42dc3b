//! The administrator's city settings (`/admin/city`) and people's accounts (`/admin/users`):
//! settings saved, audited and followed by every page (a time zone change moves the times
//! shown), bad values refused with nothing changed; accounts found, suspended (no sign-in,
//! no session, no token) and restored; the administrator role granted and revoked, never
//! leaving the city without an active administrator; residents refused; both languages.

use citysync_app::{account_admin, instance};
use citysync_i18n::moments::Moment;
use citysync_i18n::Locale;
use citysync_test_support::server as common;

use common::{choose_language, csrf, post, resident, set_up_city, user_named, TestServer};

const PASSWORD: &str = "correct horse battery";

/// A page with the slashes the templates escape (`&#x2f;`) read back as slashes.
async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let (status, html) = common::page(client, url).await;
    (status, plain(html))
}

fn plain(html: String) -> String {
    html.replace("&#x2f;", "/")
}

/// Posts the settings form as it stands with `changes` applied; returns the answer.
async fn save_settings(
    server: &TestServer,
    admin: &reqwest::Client,
    changes: &[(&str, &str)],
) -> (u16, String) {
    let (status, html) = page(admin, &server.url("/admin/city")).await;
    assert_eq!(status, 200, "{html}");
    let ctx = &server.running().ctx;
    let (city, profile) = (
        instance::get(ctx).await.unwrap(),
        instance::profile(ctx).await.unwrap(),
    );
    let mut form: Vec<(&str, String)> = vec![
        ("csrf_token", csrf(&html)),
        ("name", city.name.clone().unwrap_or_default()),
        ("description", profile.description),
        ("timezone", city.timezone.clone()),
        ("default_locale", city.default_locale.code().to_owned()),
        ("contact", profile.contact),
    ];
    for (name, value) in changes {
        for field in form.iter_mut().filter(|(n, _)| n == name) {
            field.1 = (*value).to_owned();
        }
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let resp = post(admin, &server.url("/admin/city"), &form).await;
    (resp.status().as_u16(), plain(resp.text().await.unwrap()))
}

#[tokio::test]
async fn city_settings_are_saved_audited_and_followed_by_every_page() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ctx = &server.running().ctx;

    let (status, html) = page(&admin, &server.url("/admin/city")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("value=\"America/Los_Angeles\""), "{html}");
    assert!(html.contains("have not been changed"), "{html}");
    let (_, home) = page(&admin, &server.url("/admin")).await;
    assert!(home.contains("href=\"/admin/city\""), "{home}");
    assert!(home.contains("href=\"/admin/users\""), "{home}");

    // An unknown zone and a contact that is neither address are refused; nothing changes.
    let before = (
        instance::get(ctx).await.unwrap(),
        instance::profile(ctx).await.unwrap(),
    );
    let (status, html) = save_settings(
        &server,
        &admin,
        &[("name", "Renamed"), ("timezone", "Mars/Olympus_Mons")],
    )
    .await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("Unknown time zone"), "{html}");
    assert!(html.contains("value=\"Mars/Olympus_Mons\""), "{html}");
    let (status, html) = save_settings(&server, &admin, &[("contact", "call the mayor")]).await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("f-contact-error"), "{html}");
    assert_eq!(
        (
            instance::get(ctx).await.unwrap(),
            instance::profile(ctx).await.unwrap()
        ),
        before
    );
    let clerk = user_named(&server, "clerk").await;
    assert!(instance::settings_history(ctx, &clerk, 20)
        .await
        .unwrap()
        .is_empty());

    // A new name: saved, audited with who, old and new, and its time on the city's clock.
    let (status, html) = save_settings(&server, &admin, &[("name", "Berkeley, CA")]).await;
    assert_eq!(status, 303, "{html}");
    let history = instance::settings_history(ctx, &clerk, 20).await.unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    let renamed = &history[0];
    assert_eq!(
        (
            renamed.field.as_str(),
            renamed.from.as_str(),
            renamed.to.as_str()
        ),
        ("name", "Berkeley", "Berkeley, CA")
    );
    assert_eq!(renamed.actor.as_deref(), Some("clerk"));
    let shown_in = |zone: &str| {
        ctx.i18n.moment(
            Locale::SOURCE,
            zone.parse().unwrap(),
            renamed.at,
            Moment::DateTime,
        )
    };
    let (_, html) = page(&admin, &server.url("/admin/city")).await;
    assert!(
        html.contains("clerk changed the name: Berkeley → Berkeley, CA"),
        "{html}"
    );
    assert!(html.contains(&shown_in("America/Los_Angeles")), "{html}");

    // Every setting at once; the zone moves the time shown for the earlier change.
    let (status, html) = save_settings(
        &server,
        &admin,
        &[
            ("timezone", " Asia/Tokyo "),
            ("default_locale", "es"),
            ("description", "A city by the bay."),
            ("contact", "https://berkeley.example/contact"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{html}");
    let city = instance::get(ctx).await.unwrap();
    assert_eq!(city.timezone, "Asia/Tokyo");
    assert_eq!(
        city.default_locale,
        citysync_i18n::Locale::from_code("es").unwrap()
    );
    let profile = instance::profile(ctx).await.unwrap();
    assert_eq!(profile.description, "A city by the bay.");
    assert_eq!(profile.contact, "https://berkeley.example/contact");
    let history = instance::settings_history(ctx, &clerk, 20).await.unwrap();
    assert_eq!(history.len(), 5, "{history:?}");
    let (_, html) = page(&admin, &server.url("/admin/city")).await;
    assert!(html.contains(&shown_in("Asia/Tokyo")), "{html}");
    assert!(!html.contains(&shown_in("America/Los_Angeles")), "{html}");
    assert!(
        html.contains("clerk changed the time zone: America/Los_Angeles → Asia/Tokyo"),
        "{html}"
    );
    assert!(
        html.contains("clerk changed the default language: English → Español"),
        "{html}"
    );
    assert!(
        html.contains("clerk changed the contact: (nothing) → https://berkeley.example/contact"),
        "{html}"
    );
    // The public page of the city says it too; a visitor now reads the city's language.
    let (_, html) = page(&server.client(), &server.url("/city")).await;
    assert!(html.contains("Asia/Tokyo"), "{html}");
    assert!(html.contains("A city by the bay."), "{html}");
    assert!(
        html.contains("href=\"https://berkeley.example/contact\""),
        "{html}"
    );
    assert!(html.contains("lang=\"es\""), "{html}");

    // Saving what is already there records nothing; an email address is a contact too.
    let (status, _) = save_settings(&server, &admin, &[]).await;
    assert_eq!(status, 303);
    assert_eq!(
        instance::settings_history(ctx, &clerk, 20)
            .await
            .unwrap()
            .len(),
        5
    );
    let (status, _) =
        save_settings(&server, &admin, &[("contact", "Hello@Berkeley.example")]).await;
    assert_eq!(status, 303);
    assert_eq!(
        instance::profile(ctx).await.unwrap().contact,
        "hello@berkeley.example"
    );

    // In Spanish.
    choose_language(&server, &admin, "es").await;
    let (status, html) = page(&admin, &server.url("/admin/city")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Configuración de la ciudad"), "{html}");
    assert!(html.contains("clerk cambió la zona horaria"), "{html}");
    let (status, html) = page(&admin, &server.url("/admin/users")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Cuentas de las personas"), "{html}");
    server.stop().await;
}

#[tokio::test]
async fn residents_and_visitors_cannot_administer_the_city_or_its_accounts() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    for path in ["/admin/city", "/admin/users", "/admin/users?q=clerk"] {
        let (status, _) = page(&ana, &server.url(path)).await;
        assert_eq!(status, 403, "{path}");
        let resp = server.client().get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 303, "{path}");
        let back: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
        assert_eq!(
            resp.headers()["location"],
            format!("/login?next={back}").as_str()
        );
    }
    let (_, html) = page(&ana, &server.url("/")).await;
    let token = csrf(&html);
    let resp = post(
        &ana,
        &server.url("/admin/city"),
        &[
            ("csrf_token", &token),
            ("name", "Anaville"),
            ("timezone", "UTC"),
            ("default_locale", "en"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    for action in ["suspend", "revoke-admin"] {
        let resp = post(
            &ana,
            &server.url(&format!("/admin/users/clerk/{action}")),
            &[("csrf_token", &token), ("reason", "coup")],
        )
        .await;
        assert_eq!(resp.status().as_u16(), 403, "{action}");
    }
    let resp = post(
        &ana,
        &server.url("/admin/users/ana/grant-admin"),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    // A form without the administrator's CSRF token is refused too.
    let resp = post(
        &admin,
        &server.url("/admin/users/ana/suspend"),
        &[("csrf_token", "forged"), ("reason", "spam")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    let ctx = &server.running().ctx;
    let city = instance::get(ctx).await.unwrap();
    assert_eq!(city.name.as_deref(), Some("Berkeley"));
    assert!(user_named(&server, "clerk").await.is_admin);
    assert!(!user_named(&server, "ana").await.is_admin);
    let clerk = user_named(&server, "clerk").await;
    assert!(account_admin::recent_actions(ctx, &clerk, 10)
        .await
        .unwrap()
        .is_empty());
    server.stop().await;
}

/// The `/api/v1/me` status for a bearer token.
async fn me(server: &TestServer, bearer: &str) -> u16 {
    server
        .client()
        .get(server.url("/api/v1/me"))
        .bearer_auth(bearer)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Signs in through the login form; returns the status and the page.
async fn log_in(server: &TestServer, email: &str, password: &str) -> (u16, String) {
    let client = server.client();
    let (_, html) = page(&client, &server.url("/login")).await;
    let resp = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &csrf(&html)),
            ("email", email),
            ("password", password),
        ],
    )
    .await;
    (resp.status().as_u16(), plain(resp.text().await.unwrap()))
}

#[tokio::test]
async fn accounts_are_found_suspended_and_restored_and_a_suspension_ends_all_access() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ctx = &server.running().ctx;
    let ana = resident(&server, "ana", PASSWORD).await;
    let _bob = resident(&server, "bob", PASSWORD).await;
    for n in 1..=30 {
        citysync_test_support::fixtures::person(ctx, &format!("walker{n:02}"), false).await;
    }

    // Search by username or email, any case; paged by 25.
    let (status, html) = page(&admin, &server.url("/admin/users?q=ANA")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"user-ana\""), "{html}");
    assert!(!html.contains("id=\"user-bob\""), "{html}");
    assert!(html.contains("One account."), "{html}");
    let (_, html) = page(&admin, &server.url("/admin/users?q=bob%40example")).await;
    assert!(html.contains("id=\"user-bob\""), "{html}");
    assert!(!html.contains("id=\"user-ana\""), "{html}");
    let (_, html) = page(&admin, &server.url("/admin/users?q=nobody_here")).await;
    assert!(html.contains("No account matches"), "{html}");
    let (_, html) = page(&admin, &server.url("/admin/users?q=walker")).await;
    assert!(html.contains("30 accounts."), "{html}");
    assert!(html.contains("id=\"user-walker25\""), "{html}");
    assert!(!html.contains("id=\"user-walker26\""), "{html}");
    assert!(
        html.contains("href=\"/admin/users?q=walker&amp;page=2\""),
        "{html}"
    );
    let (_, html) = page(&admin, &server.url("/admin/users?q=walker&page=2")).await;
    assert!(html.contains("id=\"user-walker26\""), "{html}");
    assert!(html.contains("Page 2 of 2"), "{html}");
    let (_, html) = page(&admin, &server.url("/admin/users")).await;
    assert!(html.contains("33 accounts."), "{html}");
    assert!(html.contains("Administrator"), "{html}");

    // Ana's ways in: a browser session, a script's token and an app's OAuth token.
    let api_token = common::api::token(&server, "ana", "read").await;
    let oauth_token = common::oauth::authorized_token(&server, &ana, "read").await;
    assert_eq!(me(&server, &api_token).await, 200);
    assert_eq!(me(&server, &oauth_token).await, 200);
    assert_eq!(page(&ana, &server.url("/settings")).await.0, 200);

    // A suspension needs a reason.
    let (_, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    let resp = post(
        &admin,
        &server.url("/admin/users/ana/suspend"),
        &[("csrf_token", &csrf(&html)), ("reason", "  "), ("q", "ana")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = plain(resp.text().await.unwrap());
    assert!(html.contains("reason-ana-error"), "{html}");
    assert!(
        account_admin::search(ctx, &user_named(&server, "clerk").await, "ana", 1)
            .await
            .unwrap()
            .accounts[0]
            .suspended_at
            .is_none()
    );

    let resp = post(
        &admin,
        &server.url("/admin/users/ana/suspend"),
        &[
            ("csrf_token", &csrf(&html)),
            ("reason", "Spam in the comments"),
            ("q", "ana"),
            ("page", "1"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "/admin/users?q=ana");

    // Her session ended, her tokens are refused, and she cannot sign in again — told why
    // only with the right password.
    let resp = ana.get(server.url("/settings")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url("/")).await;
    assert!(!html.contains("action=\"/logout\""), "{html}");
    assert_eq!(me(&server, &api_token).await, 401);
    assert_eq!(me(&server, &oauth_token).await, 401);
    let (status, html) = log_in(&server, "ana@example.org", PASSWORD).await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("This account is suspended."), "{html}");
    let (status, html) = log_in(&server, "ana@example.org", "a wrong password!").await;
    assert_eq!(status, 401, "{html}");
    assert!(!html.contains("suspended"), "{html}");

    // The page shows her state, the reason, and the action with its author.
    let (_, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    assert!(html.contains("Suspended"), "{html}");
    assert!(html.contains("Spam in the comments"), "{html}");
    assert!(html.contains("clerk suspended ana"), "{html}");
    assert!(html.contains("/admin/users/ana/restore"), "{html}");
    let clerk = user_named(&server, "clerk").await;
    let actions = account_admin::recent_actions(ctx, &clerk, 10)
        .await
        .unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(
        (
            actions[0].action.as_str(),
            actions[0].username.as_str(),
            actions[0].actor.as_deref(),
            actions[0].detail.as_str()
        ),
        (
            account_admin::SUSPENDED,
            "ana",
            Some("clerk"),
            "Spam in the comments"
        )
    );

    // In Spanish too.
    choose_language(&server, &admin, "es").await;
    let (_, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    assert!(html.contains("Suspendida"), "{html}");
    assert!(html.contains("clerk suspendió a ana"), "{html}");
    choose_language(&server, &admin, "en").await;

    // Restored: she signs in again, and her tokens work again.
    let (_, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    let resp = post(
        &admin,
        &server.url("/admin/users/ana/restore"),
        &[("csrf_token", &csrf(&html)), ("q", "ana")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (status, html) = log_in(&server, "ana@example.org", PASSWORD).await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(me(&server, &api_token).await, 200);
    let (_, html) = page(&admin, &server.url("/admin/users?q=ana")).await;
    assert!(html.contains("clerk restored ana"), "{html}");
    assert!(html.contains("/admin/users/ana/suspend"), "{html}");
    server.stop().await;
}

#[tokio::test]
async fn the_administrator_role_is_granted_and_revoked_but_the_last_one_stays() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ctx = &server.running().ctx;
    let action = |client: &reqwest::Client, who: &str, what: &str, reason: &str| {
        let (client, url, who) = (client.clone(), server.url("/admin/users"), who.to_owned());
        let (what, reason) = (what.to_owned(), reason.to_owned());
        let server = &server;
        async move {
            let (_, html) = page(&client, &url).await;
            let resp = post(
                &client,
                &server.url(&format!("/admin/users/{who}/{what}")),
                &[("csrf_token", &csrf(&html)), ("reason", &reason)],
            )
            .await;
            (resp.status().as_u16(), plain(resp.text().await.unwrap()))
        }
    };

    // The only administrator can neither give up the role nor suspend themselves.
    let (status, html) = action(&admin, "clerk", "revoke-admin", "").await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("The city needs at least one active administrator."),
        "{html}"
    );
    let (status, html) = action(&admin, "clerk", "suspend", "tired").await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("You cannot suspend your own account."),
        "{html}"
    );
    assert!(user_named(&server, "clerk").await.is_admin);

    // Ana is made an administrator, and the page says so.
    let (status, _) = action(&admin, "ana", "grant-admin", "").await;
    assert_eq!(status, 303);
    assert!(user_named(&server, "ana").await.is_admin);
    let (status, html) = page(&ana, &server.url("/admin/users")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("clerk made ana an administrator"), "{html}");

    // With the clerk suspended, Ana is the last active administrator and stays one.
    let (status, html) = action(&ana, "clerk", "suspend", "Lost laptop").await;
    assert_eq!(status, 303, "{html}");
    let (status, html) = action(&ana, "ana", "revoke-admin", "").await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("The city needs at least one active administrator."),
        "{html}"
    );
    // Restored, the clerk counts again.
    let (status, _) = action(&ana, "clerk", "restore", "").await;
    assert_eq!(status, 303);

    // Two active administrators: Ana gives up the role and leaves the administration.
    let (status, html) = action(&ana, "ana", "revoke-admin", "").await;
    assert_eq!(status, 303, "{html}");
    assert!(!user_named(&server, "ana").await.is_admin);
    let (status, _) = page(&ana, &server.url("/admin/users")).await;
    assert_eq!(status, 403);

    // Every action is in the record, newest first.
    let clerk = user_named(&server, "clerk").await;
    let actions = account_admin::recent_actions(ctx, &clerk, 10)
        .await
        .unwrap();
    let seen: Vec<(&str, &str, Option<&str>)> = actions
        .iter()
        .map(|a| (a.action.as_str(), a.username.as_str(), a.actor.as_deref()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (account_admin::ADMIN_REVOKED, "ana", Some("ana")),
            (account_admin::RESTORED, "clerk", Some("ana")),
            (account_admin::SUSPENDED, "clerk", Some("ana")),
            (account_admin::ADMIN_GRANTED, "ana", Some("clerk")),
        ]
    );
    server.stop().await;
}
