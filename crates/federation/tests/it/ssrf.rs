//! SSRF (docs/federation.md, "Security"): with the production configuration (`build_config(ctx,
//! false)`, not debug), no fetch reaches a listener on this machine — not by IP literal
//! (plain, IPv4-mapped, or in the obfuscated forms the URL parser accepts), not over http,
//! not with an explicit port, not through `localhost`, not through a redirect. Canary
//! listeners are checked after every attempt: they must have accepted no connection.

use activitypub_federation::fetch::object_id::ObjectId;
use citysync_federation::actor::ApubActor;
use citysync_test_support::{ctx_for, TestDb};
use std::io::ErrorKind;
use std::net::{SocketAddr, TcpListener};
use std::time::Duration;
use url::Url;

/// A listener nobody should ever connect to.
struct Canary {
    listener: TcpListener,
    addr: SocketAddr,
}

impl Canary {
    fn bind(addr: &str) -> Option<Canary> {
        let listener = TcpListener::bind(addr).ok()?;
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        Some(Canary { listener, addr })
    }

    fn assert_untouched(&self) {
        match self.listener.accept() {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Ok((_, peer)) => panic!("canary {} was reached from {peer}", self.addr),
            Err(e) => panic!("canary {}: {e}", self.addr),
        }
    }
}

/// The canaries: one on a random loopback port for each address family, and on the
/// default ports 80 and 443 when they are free (running as root), so that URLs without a
/// port are covered too.
fn canaries() -> Vec<Canary> {
    let mut all = vec![Canary::bind("127.0.0.1:0").expect("an IPv4 loopback listener")];
    all.extend(
        [
            "[::1]:0",
            "127.0.0.1:80",
            "127.0.0.1:443",
            "[::1]:80",
            "[::1]:443",
        ]
        .into_iter()
        .filter_map(Canary::bind),
    );
    all
}

/// Every URL a hostile peer could hand us to make the city reach the canary at `addr`.
fn hostile_urls(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let host = match addr {
        SocketAddr::V4(a) => a.ip().to_string(),
        SocketAddr::V6(a) => format!("[{}]", a.ip()),
    };
    let mut urls = vec![];
    for scheme in ["http", "https"] {
        urls.push(format!("{scheme}://{host}:{port}/users/x"));
        urls.push(format!("{scheme}://{host}/users/x"));
        urls.push(format!("{scheme}://localhost:{port}/users/x"));
        urls.push(format!("{scheme}://localhost/users/x"));
        urls.push(format!("{scheme}://localhost.:{port}/users/x"));
        urls.push(format!("{scheme}://LOCALHOST./users/x"));
        if addr.is_ipv4() {
            // The URL parser turns all of these into 127.0.0.1 or ::ffff:127.0.0.1.
            for alias in [
                "0x7f.1",
                "2130706433",
                "0177.0.0.1",
                "127.1",
                "[::ffff:127.0.0.1]",
            ] {
                urls.push(format!("{scheme}://{alias}:{port}/users/x"));
                urls.push(format!("{scheme}://{alias}/users/x"));
            }
            urls.push(format!("{scheme}://0.0.0.0:{port}/users/x"));
            urls.push(format!("{scheme}://[::]:{port}/users/x"));
        }
    }
    urls
}

/// The production configuration, with the test database it lives on (keep it alive).
async fn production_config() -> (
    activitypub_federation::config::FederationConfig<citysync_federation::FederationData>,
    TestDb,
) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    assert!(
        std::env::var_os("DANGER_FEDERATION_ALLOW_LOCAL_IP").is_none(),
        "DANGER_FEDERATION_ALLOW_LOCAL_IP turns the address checks off"
    );
    let db = TestDb::sqlite();
    // A public-looking name of our own, so no test URL counts as local.
    let ctx = ctx_for(db.db.clone(), "https://city.test");
    citysync_app::instance::ensure_keys(&ctx).await.unwrap();
    let config = citysync_federation::build_config(ctx, false).await.unwrap();
    (config, db)
}

#[tokio::test]
async fn production_fetches_never_reach_a_local_listener() {
    let canaries = canaries();
    let (config, _db) = production_config().await;

    let mut urls: Vec<String> = canaries.iter().flat_map(|c| hostile_urls(c.addr)).collect();
    // A public-looking name that does not resolve.
    urls.push("https://citysync-ssrf-canary.invalid/users/x".into());
    urls.push("https://citysync-ssrf-canary.invalid./users/x".into());
    for url in &urls {
        let data = config.to_request_data();
        let id: ObjectId<ApubActor> = Url::parse(url).unwrap().into();
        let result = tokio::time::timeout(Duration::from_secs(30), id.dereference(&data))
            .await
            .unwrap_or_else(|_| panic!("{url}: no answer in 30 s"));
        assert!(result.is_err(), "{url} was fetched");
        for canary in &canaries {
            canary.assert_untouched();
        }
    }

    // The same through the operator's entry point: URLs and WebFinger handles.
    let port = canaries[0].addr.port();
    for input in [
        format!("http://127.0.0.1:{port}/users/x"),
        "https://localhost/users/x".to_owned(),
        format!("city@127.0.0.1:{port}"),
        format!("@city@localhost:{port}"),
        "city@localhost".to_owned(),
        "city@127.0.0.1".to_owned(),
        "city@[::1]".to_owned(),
        "city@citysync-ssrf-canary.invalid".to_owned(),
    ] {
        let data = config.to_request_data();
        let result = tokio::time::timeout(
            Duration::from_secs(30),
            citysync_federation::peers::resolve(&data, &input),
        )
        .await
        .unwrap_or_else(|_| panic!("{input}: no answer in 30 s"));
        assert!(result.is_err(), "{input} was resolved");
        for canary in &canaries {
            canary.assert_untouched();
        }
    }
}

/// The production resolver refuses a name that resolves to loopback at connect time, even
/// through a plain client that has no other check (what a DNS-rebinding name would look like
/// by the time of the connection).
#[tokio::test]
async fn the_guarded_resolver_refuses_names_of_internal_addresses() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let canaries = canaries();
    let client = reqwest::Client::builder()
        .pool_idle_timeout(citysync_test_support::POOL_IDLE)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .dns_resolver(std::sync::Arc::new(
            citysync_federation::policy::GuardedResolver { allow_local: false },
        ))
        .build()
        .unwrap();
    for canary in &canaries {
        let url = format!("http://localhost:{}/", canary.addr.port());
        assert!(client.get(&url).send().await.is_err(), "{url} was fetched");
    }
    for canary in &canaries {
        canary.assert_untouched();
    }
}
