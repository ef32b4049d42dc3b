//! OpenID Connect end to end: the certified `oidc-provider` (Node.js, pinned in
//! ../oidc-provider with its lockfile) as the city's identity provider.

use super::*;

/// The provider's folder, its packages installed from the lockfile; `None` (outside CI)
/// when Node.js or npm is missing.
fn oidc_provider_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc-provider");
    citysync_test_support::node::npm_packages(&dir, "the OpenID Connect provider")
}

/// The login that makes the resident cancel at the provider instead of signing in.
const CANCEL: &str = "(cancel)";

/// The resident presses "Verify with …", signs in at the provider as `login` and consents,
/// following every redirect by hand until the provider sends them back to the city.
/// Returns the callback URL and the city's answer to it.
async fn sign_in_at_provider(
    server: &TestServer,
    client: &reqwest::Client,
    login: &str,
) -> (String, u16, String) {
    let (_, html) = page(client, &server.url("/settings/identity")).await;
    let resp = post(
        client,
        &server.url("/settings/identity/oidc"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let mut next = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(next.contains("code_challenge_method=S256"), "{next}");
    assert!(next.contains("nonce="), "{next}");
    for _ in 0..20 {
        if next.starts_with(&server.base) {
            let resp = client.get(&next).send().await.unwrap();
            let status = resp.status().as_u16();
            return (next, status, resp.text().await.unwrap());
        }
        let here = url::Url::parse(&next).unwrap();
        let resp = client.get(here.clone()).send().await.unwrap();
        if resp.status().is_redirection() {
            let location = resp.headers()["location"].to_str().unwrap();
            next = here.join(location).unwrap().to_string();
            continue;
        }
        let html = resp.text().await.unwrap();
        if login == CANCEL {
            // The resident cancels at the provider's page.
            let before = html.split("\">[ Cancel ]").next().unwrap();
            let abort = before.rsplit("href=\"").next().unwrap();
            next = here.join(abort).unwrap().to_string();
            continue;
        }
        let action = html
            .split("action=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no form at the provider:\n{html}"))
            .to_owned();
        let form: Vec<(&str, &str)> = if html.contains("name=\"login\"") {
            vec![("prompt", "login"), ("login", login), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        let target = here.join(&action).unwrap();
        let resp = client
            .post(target.clone())
            .form(&form)
            .send()
            .await
            .unwrap();
        assert!(
            resp.status().is_redirection(),
            "{}",
            resp.text().await.unwrap()
        );
        let location = resp.headers()["location"].to_str().unwrap();
        next = target.join(location).unwrap().to_string();
    }
    panic!("the provider never sent the resident back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openid_connect_verifies_against_a_real_provider_and_queues_a_second_account() {
    let Some(provider_dir) = oidc_provider_dir() else {
        return;
    };
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let issuer = format!("http://localhost:{port}");
    let server = TestServer::start_with(|config| {
        config.identity.oidc.issuer = issuer.clone();
        config.identity.oidc.name = "Llave CDMX".into();
        config.identity.oidc.client_id = "citysync".into();
        config.identity.oidc.client_secret =
            citysync_server::config::Secret("citysync-secret".into());
        config.identity.oidc.claim = "curp".into();
        config.identity.oidc.identifier_kind = "curp".into();
        config.identity.oidc.scopes = vec!["curp".into()];
    })
    .await;
    let callback = server.url(identity::oidc::CALLBACK_PATH);
    let mut node = tokio::process::Command::new("node")
        .arg(provider_dir.join("provider.mjs"))
        .arg(port.to_string())
        .arg(&callback)
        .current_dir(&provider_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("starting node");
    let said = Arc::new(Mutex::new(String::new()));
    let stderr = node.stderr.take().unwrap();
    let kept = said.clone();
    tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            kept.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
    let mut stdout = BufReader::new(node.stdout.take().unwrap()).lines();
    let ready = tokio::time::timeout(Duration::from_secs(60), stdout.next_line())
        .await
        .ok()
        .and_then(Result::ok)
        .flatten();
    assert_eq!(ready.as_deref(), Some("ready"), "{}", said.lock().unwrap());

    let admin = set_up_city(&server, "Ciudad de México").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let cara = resident(&server, "cara", PASSWORD).await;
    let (status, _) = switch_methods(&server, &admin, &["openid_connect"]).await;
    assert_eq!(status, 303);
    let (_, html) = page(&ana, &server.url("/settings/identity")).await;
    assert!(html.contains("Verify with Llave CDMX"), "{html}");

    // Ana signs in at the provider; its CURP claim verifies her.
    let (used_callback, status, html) = sign_in_at_provider(&server, &ana, "ana").await;
    assert_eq!(status, 200, "{html}\n{}", said.lock().unwrap());
    assert!(
        html.contains("You are now verified as a resident."),
        "{html}"
    );
    assert_eq!(
        level(&server, "ana").await,
        Some(IdentityLevel::ResidentVerified)
    );
    assert_eq!(
        method(&server, "ana").await,
        Some(VerificationMethod::OpenidConnect)
    );
    let (_, settings) = page(&ana, &server.url("/settings")).await;
    assert!(
        settings.contains("Resident verified (Identity service sign-in)"),
        "{settings}"
    );

    // The same answer again (a replayed callback): the state was good once.
    let resp = ben.get(&used_callback).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.text().await.unwrap().contains("could not be used"));

    // Ben signs in with another provider account carrying the same CURP: refused, queued.
    let (_, status, html) = sign_in_at_provider(&server, &ben, "ana-again").await;
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("Another account already holds this document"),
        "{html}"
    );
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );
    let (_, html) = page(&admin, &server.url("/admin/identity")).await;
    assert!(
        html.contains(
            "ben presented a document ana already holds (CURP), by Identity service sign-in."
        ),
        "{html}"
    );

    // Cara cancels at the provider: it sends her back with an error; nothing changes.
    let (back, status, html) = sign_in_at_provider(&server, &cara, CANCEL).await;
    assert!(back.contains("error=access_denied"), "{back}");
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("could not be used"), "{html}");
    assert_eq!(
        level(&server, "cara").await,
        Some(IdentityLevel::EmailVerified)
    );

    // An account without the claim: refused, nothing changes.
    let (_, status, html) = sign_in_at_provider(&server, &cara, "nocurp").await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("could not be used"), "{html}");
    assert_eq!(
        level(&server, "cara").await,
        Some(IdentityLevel::EmailVerified)
    );

    // A sign-in Cara started cannot be finished by Ben's session.
    let (_, html) = page(&cara, &server.url("/settings/identity")).await;
    let resp = post(
        &cara,
        &server.url("/settings/identity/oidc"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    let authorize = resp.headers()["location"].to_str().unwrap().to_owned();
    let state = url::Url::parse(&authorize)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let forged = format!("{callback}?code=whatever&state={state}");
    let resp = ben.get(&forged).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert_eq!(
        level(&server, "ben").await,
        Some(IdentityLevel::EmailVerified)
    );
    node.kill().await.ok();
}
