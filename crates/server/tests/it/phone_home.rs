//! The phone-first part of issue 26 over real HTTP: the personal home (next shift in the
//! city's clock, balances, what needs the person), the way back after signing in (and never
//! off the site), signed in by the email verification link, an organization's address with
//! an "open in maps" link, and the map on a city-configured tile server with a CSP that lets
//! in that server's images only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::{catalog, claims, organizations};
use citysync_i18n::{Locale, Moment};
use citysync_test_support::server as common;

use common::governance::{HANDLE, PASSWORD};
use common::{
    approved_issuer, csrf, environment_template, link, page, post, published_opportunity, resident,
    set_budget, set_up_city, user_named, verified_work, TestServer, CITY_ZONE,
};

/// A page's text with the slashes minijinja escapes (`&#x2f;`) as they are read.
async fn read(client: &reqwest::Client, url: &str) -> String {
    page(client, url).await.1.replace("&#x2f;", "/")
}

/// The `Location` of a redirect.
fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// Signs `email` in with the password on a fresh client, `next` in the form; returns the
/// client and where the answer leads.
async fn sign_in(server: &TestServer, email: &str, next: &str) -> (reqwest::Client, String) {
    let client = server.client();
    let (_, html) = page(&client, &server.url("/login")).await;
    let resp = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &csrf(&html)),
            ("email", email),
            ("password", PASSWORD),
            ("next", next),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303, "{next}");
    let to = location(&resp);
    (client, to)
}

/// A published opportunity of `template` at a point on the map, begun an hour ago.
async fn located_opportunity(server: &TestServer, template: &str, title: &str) -> String {
    use citysync_domain::work::{GeoPoint, OpportunitySpec};
    let ctx = &server.running().ctx;
    let owner = user_named(server, "olga").await;
    let now = ctx.now();
    let day = chrono::Duration::days(1);
    let opp = catalog::create_opportunity(
        ctx,
        &owner,
        catalog::OpportunityInput {
            template_id: template.to_owned(),
            spec: OpportunitySpec {
                title_override: Some(title.to_owned()),
                place: "Civic Center Park".into(),
                point: Some(GeoPoint::new(37.8694, -122.2705).unwrap()),
                starts_at: now - chrono::Duration::hours(1),
                ends_at: now + day,
                claim_deadline: now + day,
                capacity: 10,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(
        ctx,
        &owner,
        &opp.id,
        citysync_domain::lifecycle::OpportunityEvent::Publish,
    )
    .await
    .unwrap();
    opp.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_of_a_signed_in_resident_shows_her_next_shift_balance_and_what_needs_her() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 2).await;
    let done = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    verified_work(&server, &ana, &vera, HANDLE, &done).await;

    // Nothing claimed yet: no shift, and the balances of the verified work.
    let (status, html) = page(&ana, &server.url("/")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Hello, ana"), "{html}");
    assert!(html.contains("No shift coming up."), "{html}");
    assert!(html.contains("<dt>CITY</dt><dd>5.00</dd>"), "{html}");
    assert!(html.contains("<dt>VOTE</dt><dd>2</dd>"), "{html}");

    // A claimed opportunity: her next shift, on the city's clock, and a proof to send.
    let ctx = &server.running().ctx;
    let next = published_opportunity(&server, "olga", &template, "Saturday planting").await;
    claims::claim(ctx, &user_named(&server, "ana").await, &next)
        .await
        .unwrap();
    let starts = catalog::opportunity(ctx, &next, None)
        .await
        .unwrap()
        .starts_at;
    let local = ctx.i18n.moment(
        Locale::SOURCE,
        citysync_i18n::moments::zone(CITY_ZONE),
        starts,
        Moment::DateTime,
    );
    let (_, html) = page(&ana, &server.url("/home")).await;
    let shift = common::text_between(&html, "id=\"next-shift\"", "</li>");
    assert!(shift.contains("Saturday planting"), "{shift}");
    assert!(shift.contains(&format!("/opportunities/{next}")), "{shift}");
    assert!(shift.contains("Strawberry Creek"), "{shift}");
    assert!(shift.contains(&local), "{local} in {shift}");
    assert!(
        html.contains("Send the proof for “Saturday planting”"),
        "{html}"
    );
    // The claim's confirmation is an unread notification.
    assert!(html.contains("unread notification"), "{html}");

    // The administrator is told what waits: an organization to approve.
    organizations::create(
        ctx,
        &user_named(&server, "ana").await,
        organizations::NewOrganization {
            handle: "garden-club".into(),
            name: "Garden Club".into(),
            is_issuer: true,
            contact_email: "hi@garden.example".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (_, html) = page(&admin, &server.url("/")).await;
    assert!(html.contains("1 organization waits for approval"), "{html}");

    // A visitor: the city's home with the next opportunities; /home asks to sign in first.
    let visitor = server.client();
    let (_, html) = page(&visitor, &server.url("/")).await;
    assert!(!html.contains("id=\"next-shift\""));
    assert!(html.contains("Open to claim soon") && html.contains("Saturday planting"));
    let resp = visitor.get(server.url("/home")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/login?next=%2Fhome");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_leads_back_to_the_page_that_asked_and_never_off_the_site() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let _ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 2).await;
    let opp = published_opportunity(&server, "olga", &template, "Creek cleanup").await;

    // "Sign in to claim a place" carries the page; the form keeps it; signing in returns.
    let visitor = server.client();
    let path = format!("/opportunities/{opp}");
    let html = read(&visitor, &server.url(&path)).await;
    let to_login = format!("/login?next=/opportunities/{opp}");
    assert!(html.contains(&format!("href=\"{to_login}\"")), "{html}");
    let html = read(&visitor, &server.url(&to_login)).await;
    assert!(
        html.contains(&format!("name=\"next\" value=\"{path}\"")),
        "{html}"
    );
    let (ana, to) = sign_in(&server, "ana@example.org", &path).await;
    assert_eq!(to, path);
    let (_, html) = page(&ana, &server.url(&to)).await;
    assert!(
        html.contains("Claim a place") || html.contains("/claim\""),
        "{html}"
    );

    // A page that needs a signed-in person sends to the sign-in page with itself as `next`.
    let resp = visitor.get(server.url("/wallet")).send().await.unwrap();
    assert_eq!(location(&resp), "/login?next=%2Fwallet");

    // Off-site or odd destinations lead home instead, and the form does not keep them.
    for bad in [
        "//evil.example/steal",
        "https://evil.example/",
        "http:evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
    ] {
        let (_, to) = sign_in(&server, "ana@example.org", bad).await;
        assert_eq!(to, "/", "{bad}");
        let query: String = url::form_urlencoded::byte_serialize(bad.as_bytes()).collect();
        let html = read(&visitor, &server.url(&format!("/login?next={query}"))).await;
        let kept = html
            .split("name=\"next\" value=\"")
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap());
        assert!(matches!(kept, None | Some("/")), "{bad}: {kept:?}");
    }

    // The emailed sign-in link leads back too.
    let email_client = server.client();
    let html = read(&email_client, &server.url("/login/email?next=%2Fwallet")).await;
    assert!(html.contains("name=\"next\" value=\"/wallet\""), "{html}");
    let resp = post(
        &email_client,
        &server.url("/login/email"),
        &[
            ("csrf_token", &csrf(&html)),
            ("email", "ana@example.org"),
            ("next", "/wallet"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let mail = server
        .mail_to("ana@example.org", "/login/link?token=")
        .await;
    let url = link(&mail, &server.url("/login/link?token="));
    assert!(url.ends_with("&next=%2Fwallet"), "{url}");
    let (status, html) = page(&email_client, &url).await;
    assert_eq!(status, 200, "{html}");
    let token = url
        .split("token=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let resp = post(
        &email_client,
        &server.url("/login/link"),
        &[
            ("csrf_token", &csrf(&html)),
            ("token", token),
            ("next", "/wallet"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/wallet");
    let (status, _) = page(&email_client, &server.url("/wallet")).await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn following_the_email_verification_link_signs_in() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let zoe = server.client();
    let (_, html) = page(&zoe, &server.url("/signup")).await;
    let resp = post(
        &zoe,
        &server.url("/signup"),
        &[
            ("csrf_token", &csrf(&html)),
            ("username", "zoe"),
            ("email", "zoe@example.org"),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
            ("privacy_version", "1"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    // Opened on the phone, where she never signed in.
    let phone = server.client();
    let mail = server
        .mail_to("zoe@example.org", "/verify-email?token=")
        .await;
    let verify = link(&mail, &server.url("/verify-email?token="));
    let (_, html) = page(&phone, &verify).await;
    let token = verify.split("token=").nth(1).unwrap();
    let resp = post(
        &phone,
        &server.url("/verify-email"),
        &[("csrf_token", &csrf(&html)), ("token", token)],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(location(&resp), "/?verified=1");
    let (_, html) = page(&phone, &server.url("/?verified=1")).await;
    assert!(html.contains("Hello, zoe"), "{html}");
    assert!(
        html.contains("Your email address is verified and you are signed in."),
        "{html}"
    );
    assert!(!html.contains("class=\"banner\""), "{html}");
    // The link is spent: a second use signs nobody in.
    let other = server.client();
    let (_, html) = page(&other, &verify).await;
    let resp = post(
        &other,
        &server.url("/verify-email"),
        &[("csrf_token", &csrf(&html)), ("token", token)],
    )
    .await;
    assert_ne!(resp.status().as_u16(), 303);
    let (_, html) = page(&other, &server.url("/")).await;
    assert!(!html.contains("Hello, zoe"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizations_address_is_shown_with_an_open_in_maps_link() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let _ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 2).await;
    let opp = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    let console = format!("/organizations/{HANDLE}/console");
    let action = format!("/organizations/{HANDLE}/address");

    // The owner types it on two lines; it is kept on one.
    let (_, html) = page(&olga, &server.url(&console)).await;
    assert!(html.contains(&format!("action=\"{action}\"")), "{html}");
    let resp = post(
        &olga,
        &server.url(&action),
        &[
            ("csrf_token", &csrf(&html)),
            ("address", "2180 Milvia St\r\nBerkeley"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let search = "https://www.openstreetmap.org/search?query=2180+Milvia+St%2C+Berkeley";
    for path in [
        format!("/organizations/{HANDLE}"),
        format!("/opportunities/{opp}"),
    ] {
        let html = read(&server.client(), &server.url(&path)).await;
        assert!(html.contains("2180 Milvia St, Berkeley"), "{path}: {html}");
        assert!(
            html.contains(&format!("href=\"{search}\"")) && html.contains("Open in maps"),
            "{path}: {html}"
        );
    }

    // An opportunity at a point: the link shows that point.
    let located = located_opportunity(&server, &template, "Park day").await;
    let html = read(
        &server.client(),
        &server.url(&format!("/opportunities/{located}")),
    )
    .await;
    assert!(
        html.contains(
            "href=\"https://www.openstreetmap.org/?mlat=37.869400&amp;mlon=-122.270500#map=17/37.869400/-122.270500\""
        ),
        "{html}"
    );

    // Too long: refused beside the field, nothing changed; a verifier may not change it.
    let (_, html) = page(&olga, &server.url(&console)).await;
    let long = "x".repeat(201);
    let resp = post(
        &olga,
        &server.url(&action),
        &[("csrf_token", &csrf(&html)), ("address", &long)],
    )
    .await;
    assert!(resp.status().is_client_error() && resp.status().as_u16() != 403);
    let html = resp.text().await.unwrap();
    assert!(html.contains("id=\"f-address-error\""), "{html}");
    let (_, html) = page(&vera, &server.url(&format!("/organizations/{HANDLE}"))).await;
    let resp = post(
        &vera,
        &server.url(&action),
        &[("csrf_token", &csrf(&html)), ("address", "Elsewhere 1")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    let org = organizations::by_handle(&server.running().ctx, HANDLE, None)
        .await
        .unwrap();
    assert_eq!(org.address, "2180 Milvia St, Berkeley");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_lays_the_citys_street_tiles_under_its_dots_and_lets_in_only_their_host() {
    let server = TestServer::start_with(|config| {
        config.map.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png".into();
        config.map.tile_attribution = "© OpenStreetMap contributors".into();
    })
    .await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", HANDLE).await;
    set_budget(&server, &admin, HANDLE, "100").await;
    let template = environment_template(&server, "olga", HANDLE, 500, 2).await;
    let _opp = located_opportunity(&server, &template, "Park day").await;

    let visitor = server.client();
    let resp = visitor.get(server.url("/map")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let policy = resp
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let html = resp.text().await.unwrap();
    // Zoom 17 around one point: tiles named on that zoom, under the dot.
    assert!(
        html.contains("<image href=\"https://tiles.example.org/17/"),
        "{html}"
    );
    assert!(html.find("<image").unwrap() < html.find("<circle").unwrap());
    assert!(html.contains("Map: © OpenStreetMap contributors"), "{html}");
    let img_src: Vec<&str> = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("img-src "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        img_src,
        ["'self'", "data:", "https://tiles.example.org"],
        "{policy}"
    );
    assert!(policy.contains("default-src 'self'") && policy.contains("style-src 'self'"));
    // Elsewhere the strict policy stays.
    let resp = visitor.get(server.url("/")).send().await.unwrap();
    let policy = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("img-src 'self' data:;"), "{policy}");
    assert!(!policy.contains("tiles.example.org"));

    // A tile address without its credit is refused at start-up.
    let mut config = citysync_server::config::Config::default();
    config.map.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png".into();
    assert!(config.validate().is_err());
    config.map.tile_attribution = "© OpenStreetMap contributors".into();
    config.validate().unwrap();
}
