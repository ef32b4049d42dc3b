//! Moving a city from SQLite to PostgreSQL: a city with residents, an issuer, verified work
//! and a signed ledger runs on SQLite; `migrate-data` copies it into an empty PostgreSQL
//! database; a server started on PostgreSQL shows the same opportunity, wallet and ledger,
//! and the ledger verifies there. A second copy into the same database is refused.
//!
//! Needs PostgreSQL (`TEST_DATABASE_URL`, or 127.0.0.1:5432): outside CI the test is skipped
//! when there is none; with CI=true it fails instead.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use citysync_server::config::{Config, Overrides};
use citysync_server::migrate_data;
use common::{
    approved_issuer, environment_template, page, published_opportunity, resident, set_budget,
    set_up_city, verified_work, TestServer,
};

const PASSWORD: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_city_moves_to_postgresql_with_its_ledger() {
    let Some(target) = citysync_test_support::TestDb::postgres() else {
        return;
    };
    // The city on SQLite (whatever database the suite runs on).
    let server = TestServer::start_with(|config| config.database.url = None).await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 2).await;
    let opp = published_opportunity(&server, "olga", &template, "Creek cleanup, Saturday").await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    verified_work(&server, &ana, &vera, "creek-friends", &opp).await;
    let (_, wallet_before) = page(&ana, &server.url("/wallet")).await;
    assert!(wallet_before.contains("5.00"), "{wallet_before}");
    let data_dir = server.data.path().to_path_buf();
    // Stopped, its data folder kept (the TestServer owns it).
    let mut server = server;
    server.running.take().unwrap().stop().await.unwrap();

    // The copy.
    let overrides = Overrides {
        data_dir: Some(data_dir.clone()),
        ..Overrides::default()
    };
    let mut config = Config::load(None, &overrides).unwrap();
    config.database.url = None;
    migrate_data::run(&config, &target.url).await.unwrap();

    // The city on PostgreSQL: the same data, the ledger verified.
    let url = target.url.clone();
    let moved = TestServer::start_with(move |config| {
        config.data_dir = data_dir;
        config.database.url = Some(citysync_server::config::Secret(url));
    })
    .await;
    let client = moved.client();
    let (status, html) = page(&client, &moved.url(&format!("/opportunities/{opp}"))).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Creek cleanup, Saturday"), "{html}");
    let (status, html) = page(&client, &moved.url("/ledger")).await;
    assert_eq!(status, 200);
    assert!(html.contains("5.00"), "{html}");
    let ctx = &moved.running().ctx;
    let v = citysync_app::ledger::check::run(ctx).await.unwrap();
    assert!(v.ok, "{v:?}");
    assert!(v.entries >= 3, "{v:?}");
    moved.stop().await;

    // Twice is refused: the target holds a city now.
    let again = migrate_data::run(&config, &target.url).await;
    let err = format!("{:#}", again.unwrap_err());
    assert!(err.contains("not empty"), "{err}");
    drop(server);
}
