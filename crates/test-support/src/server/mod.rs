//! A real server on a loopback port, in-process, with its own data folder and database, and a
//! browser-like client (cookies kept, redirects not followed).

/// The zone of the city `set_up_city` makes: Berkeley's.
pub const CITY_ZONE: &str = "America/Los_Angeles";

/// What a person types in a `datetime-local` field for the instant `at` (UTC): the city's
/// clock (`CITY_ZONE`), to the minute.
pub fn city_input(at: chrono::NaiveDateTime) -> String {
    use chrono::TimeZone;
    let zone: chrono_tz::Tz = CITY_ZONE.parse().expect("a zone");
    zone.from_utc_datetime(&at)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

pub mod api;
pub mod governance;
pub mod oauth;
pub mod openapi;

use citysync_server::config::{Config, Overrides};
use citysync_server::serve::{self, Running};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub struct TestServer {
    pub running: Option<Running>,
    pub base: String,
    pub data: tempfile::TempDir,
    _db: Option<crate::TestDb>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    /// A server whose configuration `adjust` changes first.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let data = tempfile::tempdir().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        // On PostgreSQL runs (TEST_DATABASE_URL set) the server gets its own fresh database.
        let pg = std::env::var(crate::POSTGRES_ENV)
            .ok()
            .filter(|s| !s.is_empty())
            .map(|_| crate::TestDb::new());
        let overrides = Overrides {
            data_dir: Some(data.path().to_path_buf()),
            database_url: pg.as_ref().map(|t| t.url.clone()),
            bind: Some(format!("127.0.0.1:{port}")),
            public_url: Some(base.clone()),
        };
        let mut config = Config::load(None, &overrides).unwrap();
        config.server.workers = 1;
        crate::fixtures::kit_levels(
            &mut config.governance.level_to_earn,
            &mut config.governance.level_to_vote,
        );
        // Staff act without a second factor unless a test turns it on (`adjust`).
        config.accounts.staff_second_factor = false;
        adjust(&mut config);
        let running = serve::start(config, Some(listener)).await.unwrap();
        TestServer {
            running: Some(running),
            base,
            data,
            _db: pg,
        }
    }

    pub fn running(&self) -> &Running {
        self.running.as_ref().unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn client(&self) -> reqwest::Client {
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(crate::POOL_IDLE)
            .build()
            .unwrap()
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data.path().join("outbox-mail")
    }

    /// Waits for a mail to `to` whose text contains `needle`; returns the decoded message.
    pub async fn mail_to(&self, to: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(entries) = std::fs::read_dir(self.mail_dir()) {
                let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
                paths.sort();
                for p in paths {
                    let raw = std::fs::read_to_string(&p).unwrap_or_default();
                    let text = decode_qp(&raw);
                    if text.contains(to) && text.contains(needle) {
                        return text;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "no mail to {to} containing {needle}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.unwrap();
        }
    }
}

/// Undoes quoted-printable soft breaks and `=3D`, enough to read links out of a message.
pub fn decode_qp(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// The first link in `text` that starts with `prefix`.
pub fn link(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no link {prefix} in:\n{text}"));
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .next()
        .unwrap()
        .to_owned()
}

/// The CSRF token of the first form in a page.
pub fn csrf(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no csrf token in:\n{html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

pub async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let resp = client.get(url).send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

pub async fn post(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client.post(url).form(form).send().await.unwrap()
}

/// Chooses `locale` ("en", "es") with the language switcher, as a person does: saved for a
/// signed-in person, kept in a cookie for a visitor.
pub async fn choose_language(server: &TestServer, client: &reqwest::Client, locale: &str) {
    let (_, home) = page(client, &server.url("/")).await;
    let resp = post(
        client,
        &server.url("/language"),
        &[
            ("csrf_token", &csrf(&home)),
            ("locale", locale),
            ("return_to", "/"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303, "choosing {locale}");
    let (_, home) = page(client, &server.url("/")).await;
    assert!(home.contains(&format!("lang=\"{locale}\"")), "{home}");
}

/// Sets up the city through the real setup form; returns the signed-in administrator's client.
pub async fn set_up_city(server: &TestServer, city: &str) -> reqwest::Client {
    set_up_city_in(server, city, CITY_ZONE).await
}

/// [`set_up_city`] in the time zone `zone` (an IANA name, e.g. `America/Mexico_City`).
pub async fn set_up_city_in(server: &TestServer, city: &str, zone: &str) -> reqwest::Client {
    let token = server
        .running()
        .setup_token
        .clone()
        .expect("setup token on first start");
    let admin = server.client();
    let (status, html) = page(&admin, &server.url(&format!("/setup?token={token}"))).await;
    assert_eq!(status, 200, "{html}");
    let resp = post(
        &admin,
        &server.url("/setup"),
        &[
            ("csrf_token", &csrf(&html)),
            ("token", &token),
            ("city_name", city),
            ("region", "California, United States"),
            ("default_locale", "en"),
            ("timezone", zone),
            ("username", "clerk"),
            ("email", "clerk@berkeley.example"),
            ("password", "correct horse battery"),
            ("password_confirm", "correct horse battery"),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    admin
}

/// The value of the sign-up form's privacy-notice box (the version in force).
pub fn privacy_version(html: &str) -> String {
    let at = html
        .find("name=\"privacy_version\" value=\"")
        .expect("the privacy notice's box on the form");
    html[at + "name=\"privacy_version\" value=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

/// Signs a resident up through the forms, follows the emailed link, and signs in.
pub async fn resident(server: &TestServer, username: &str, password: &str) -> reqwest::Client {
    let client = server.client();
    let email = format!("{username}@example.org");
    let (_, html) = page(&client, &server.url("/signup")).await;
    let resp = post(
        &client,
        &server.url("/signup"),
        &[
            ("csrf_token", &csrf(&html)),
            ("username", username),
            ("email", &email),
            ("password", password),
            ("password_confirm", password),
            // The privacy notice's box, ticked (the version in force; 1 unless published).
            ("privacy_version", &privacy_version(&html)),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let mail = server.mail_to(&email, "/verify-email?token=").await;
    let verify = link(&mail, &server.url("/verify-email?token="));
    let (status, html) = page(&client, &verify).await;
    assert_eq!(status, 200);
    let token = verify.split("token=").nth(1).unwrap();
    let resp = post(
        &client,
        &server.url("/verify-email"),
        &[("csrf_token", &csrf(&html)), ("token", token)],
    )
    .await;
    // Verifying signs in (issue 26); the password sign-in below starts a fresh session.
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&client, &server.url("/login")).await;
    let resp = post(
        &client,
        &server.url("/login"),
        &[
            ("csrf_token", &csrf(&html)),
            ("email", &email),
            ("password", password),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "login failed: {}",
        resp.text().await.unwrap()
    );
    client
}

/// Sets an issuer's CITY budget per period through the administrator's budget form
/// (approving work mints from it).
pub async fn set_budget(server: &TestServer, admin: &reqwest::Client, handle: &str, amount: &str) {
    let org = citysync_app::organizations::by_handle(&server.running().ctx, handle, None)
        .await
        .unwrap();
    let (status, html) = page(admin, &server.url("/admin/budgets")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!("id=\"budget-{handle}\"")), "{html}");
    let key = format!("test-budget-{handle}-{amount}");
    let resp = post(
        admin,
        &server.url("/admin/budgets"),
        &[
            ("csrf_token", &csrf(&html)),
            ("organization_id", &org.id),
            ("amount", amount),
            ("idempotency_key", &key),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
}

/// The text between `start` and the next `end` after it.
pub fn text_between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{html}"))
        + start.len();
    html[at..].split(end).next().unwrap()
}

/// The account of `username`.
pub async fn user_named(server: &TestServer, username: &str) -> citysync_app::User {
    citysync_app::accounts::by_username(&server.running().ctx, username)
        .await
        .unwrap()
        .unwrap()
}

/// An issuer created by `owner` and approved by the administrator, with `verifier` joined
/// as its verifier (through the use cases; their forms have their own tests).
pub async fn approved_issuer(server: &TestServer, owner: &str, verifier: &str, handle: &str) {
    approved_organization(server, owner, (verifier, "verifier"), handle, true).await;
}

/// A redeemer (a café) created by `owner` and approved, with `cashier` as its cashier.
pub async fn approved_redeemer(server: &TestServer, owner: &str, cashier: &str, handle: &str) {
    approved_organization(server, owner, (cashier, "cashier"), handle, false).await;
}

/// An organization (a library) created by `owner` and approved, with `registrar` at its
/// registrar's desk (issue 25).
pub async fn approved_registrar_desk(
    server: &TestServer,
    owner: &str,
    registrar: &str,
    handle: &str,
) {
    approved_organization(server, owner, (registrar, "registrar"), handle, true).await;
}

async fn approved_organization(
    server: &TestServer,
    owner: &str,
    (member, role): (&str, &str),
    handle: &str,
    issuer: bool,
) {
    use citysync_app::organizations;
    let ctx = &server.running().ctx;
    let admin = user_named(server, "clerk").await;
    let owner = user_named(server, owner).await;
    let joining = user_named(server, member).await;
    organizations::create(
        ctx,
        &owner,
        organizations::NewOrganization {
            handle: handle.into(),
            name: if issuer {
                "Friends of the Creek".into()
            } else {
                "Corner Café".into()
            },
            is_issuer: issuer,
            is_redeemer: !issuer,
            contact_email: format!("hi@{handle}.org"),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    organizations::decide(ctx, &admin, handle, true, "")
        .await
        .unwrap();
    organizations::invite(ctx, &owner, handle, member, role)
        .await
        .unwrap();
    let invitations = organizations::invitations_for(ctx, &joining).await.unwrap();
    organizations::answer_invitation(ctx, &joining, &invitations[0].id, true)
        .await
        .unwrap();
}

/// An active template of `handle` in the category `environment`, proof by text, worth
/// `reward_city` (CITY hundredths) and `reward_vote` VOTE; returns its id.
pub async fn environment_template(
    server: &TestServer,
    owner: &str,
    handle: &str,
    reward_city: i64,
    reward_vote: i64,
) -> String {
    use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let spec = TemplateSpec {
        title: "Creek cleanup".into(),
        summary: "Pick up litter".into(),
        instructions: "Bring gloves".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city,
        reward_vote,
        estimated_minutes: 60,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let template = citysync_app::catalog::create_template(ctx, &owner, handle, spec)
        .await
        .unwrap();
    citysync_app::catalog::change_template(
        ctx,
        &owner,
        &template.id,
        citysync_domain::lifecycle::TemplateEvent::Activate,
    )
    .await
    .unwrap();
    template.id
}

/// A draft opportunity from `template`, begun an hour ago and open until tomorrow, for ten
/// people; returns its id.
pub async fn draft_opportunity(
    server: &TestServer,
    owner: &str,
    template: &str,
    title: &str,
) -> String {
    use citysync_app::catalog::{self, OpportunityInput};
    use citysync_domain::work::OpportunitySpec;
    let ctx = &server.running().ctx;
    let owner = user_named(server, owner).await;
    let now = ctx.now();
    let day = chrono::Duration::days(1);
    catalog::create_opportunity(
        ctx,
        &owner,
        OpportunityInput {
            template_id: template.to_owned(),
            spec: OpportunitySpec {
                title_override: Some(title.to_owned()),
                place: "Strawberry Creek".into(),
                point: None,
                // Started an hour ago (proof is taken once work has begun).
                starts_at: now - chrono::Duration::hours(1),
                ends_at: now + day,
                claim_deadline: now + day,
                capacity: 10,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap()
    .id
}

/// A published opportunity from `template`, begun an hour ago and open until tomorrow, for
/// ten people; returns its id.
pub async fn published_opportunity(
    server: &TestServer,
    owner: &str,
    template: &str,
    title: &str,
) -> String {
    let id = draft_opportunity(server, owner, template, title).await;
    citysync_app::catalog::change_opportunity(
        &server.running().ctx,
        &user_named(server, owner).await,
        &id,
        citysync_domain::lifecycle::OpportunityEvent::Publish,
    )
    .await
    .unwrap();
    id
}

/// The resident claims `opportunity` and sends a text proof (four bags, outcome 5), all
/// through the forms; the proof then waits in the organization's verification queue.
pub async fn submitted_work(server: &TestServer, resident: &reqwest::Client, opportunity: &str) {
    let (_, html) = page(
        resident,
        &server.url(&format!("/opportunities/{opportunity}")),
    )
    .await;
    let resp = post(
        resident,
        &server.url(&format!("/opportunities/{opportunity}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let claim = resp.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(resident, &server.url(&claim)).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .text("text", "Filled four bags")
        .text("outcome_quantity", "5");
    let resp = resident
        .post(server.url(&format!("{claim}/proof")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
}

/// The resident claims `opportunity`, sends a text proof, and the verifier of `handle`
/// approves it: all through the forms. The ledger mints the reward's CITY and VOTE.
pub async fn verified_work(
    server: &TestServer,
    resident: &reqwest::Client,
    verifier: &reqwest::Client,
    handle: &str,
    opportunity: &str,
) {
    submitted_work(server, resident, opportunity).await;
    let queue = format!("/organizations/{handle}/verify");
    let (status, html) = page(verifier, &server.url(&queue)).await;
    assert_eq!(status, 200, "{html}");
    let submission = text_between(&html, "/submissions/", "/").to_owned();
    let resp = post(
        verifier,
        &server.url(&format!("/submissions/{submission}/decide")),
        &[
            ("csrf_token", &csrf(&html)),
            ("organization", handle),
            ("decision", "approve"),
            ("confirmed_outcome", "5"),
            ("quality_rating", "5"),
            ("feedback", "Thank you"),
        ],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
}
