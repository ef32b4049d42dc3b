//! A real server on a loopback port, in-process, with its own data folder and database, and a
//! browser-like client (cookies kept, redirects not followed).

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_server::config::{Config, Overrides};
use citysync_server::serve::{self, Running};
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub struct TestServer {
    pub running: Option<Running>,
    pub base: String,
    pub data: tempfile::TempDir,
    _db: Option<citysync_test_support::TestDb>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let data = tempfile::tempdir().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        // On PostgreSQL runs (TEST_DATABASE_URL set) the server gets its own fresh database.
        let pg = std::env::var(citysync_test_support::POSTGRES_ENV)
            .ok()
            .filter(|s| !s.is_empty())
            .map(|_| citysync_test_support::TestDb::new());
        let overrides = Overrides {
            data_dir: Some(data.path().to_path_buf()),
            database_url: pg.as_ref().map(|t| t.url.clone()),
            bind: Some(format!("127.0.0.1:{port}")),
            public_url: Some(base.clone()),
        };
        let mut config = Config::load(None, &overrides).unwrap();
        config.server.workers = 1;
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

/// Sets up the city through the real setup form; returns the signed-in administrator's client.
pub async fn set_up_city(server: &TestServer, city: &str) -> reqwest::Client {
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
            ("timezone", "America/Los_Angeles"),
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
    assert_eq!(resp.status().as_u16(), 200);
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
