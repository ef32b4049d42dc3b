//! Scale-out on PostgreSQL: two `citysync serve` processes of one city share one database
//! (as behind a load balancer), and a third city follows it. Work is driven through both:
//! sign-ups on each process (verification mail), opportunities published (deliveries to
//! the follower), claims left without proof past their end (expiry, with its notices and
//! mail) and an epoch that falls due (the close, its checkpoint and the next epoch). Every
//! job is claimed by one process only, so nothing happens twice and nothing is missed.
//!
//! Needs PostgreSQL (`TEST_DATABASE_URL`, or 127.0.0.1:5432): outside CI the test is
//! skipped when there is none; with CI=true it fails instead.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::claims;
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote;
use citysync_app::ledger::{checkpoints, epochs};
use citysync_app::notifications;
use citysync_storage::error::StorageError;
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::instance::{eventually, Instance};
use citysync_test_support::{person, TestDb};
use diesel::connection::SimpleConnection;
use std::collections::BTreeMap;
use std::path::Path;

use std::time::Duration;

const WAIT: Duration = Duration::from_secs(120);
const OPPORTUNITIES: usize = 12;
const SIGNUPS: usize = 8;
const CLAIMS: usize = 5;

async fn sql(db: &TestDb, statement: &str) {
    let statement = statement.to_owned();
    db.db
        .run(move |conn| conn.batch_execute(&statement).map_err(StorageError::from))
        .await
        .unwrap();
}

/// Signs `username` up through the forms of the process at `base`.
async fn sign_up(base: &str, username: &str) {
    let client = reqwest::Client::builder()
        .pool_idle_timeout(citysync_test_support::POOL_IDLE)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let html = client
        .get(format!("{base}/signup"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = html
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let email = format!("{username}@example.org");
    let resp = client
        .post(format!("{base}/signup"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("username", username),
            ("email", email.as_str()),
            ("password", "correct horse battery"),
            ("password_confirm", "correct horse battery"),
            ("privacy_version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        200,
        "sign-up of {username} at {base}"
    );
}

/// How many mail files in `dirs` there are of each (recipient, subject).
fn mail_counts(dirs: &[&Path]) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir.join("outbox-mail")) else {
            continue;
        };
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let header = |name: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|t| t.trim().trim_matches(['<', '>']).to_owned())
            };
            if let (Some(to), Some(subject)) = (header("To: "), header("Subject: ")) {
                *counts.entry((to, subject)).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_on_one_postgresql_do_each_job_once() {
    let Some(db) = TestDb::postgres() else {
        return;
    };
    let shared = [
        ("DATABASE_URL", db.url.as_str()),
        ("CITYSYNC_WORK__CLAIM_GRACE_HOURS", "0"),
        ("CITYSYNC_FEDERATION__RETRY_BASE_SECONDS", "1"),
        ("CITYSYNC_SERVER__SWEEP_SECONDS", "1"),
    ];
    // The first process applies the migrations and makes the keys; the second starts on
    // the same database and answers for the same public URL (as behind a proxy).
    let a = Instance::start_with("berkeley-a", &shared).await.unwrap();
    let mut with_url = shared.to_vec();
    with_url.push(("CITYSYNC_SERVER__PUBLIC_URL", a.base.as_str()));
    let b = Instance::start_with("berkeley-b", &with_url).await.unwrap();
    let oakland = Instance::start("oakland").await.unwrap();

    // Oakland follows the city (its Follow reaches process a; either one answers).
    oakland.follow(&a).await;

    // The operator's tools on the shared database.
    let ctx = {
        let mut config = citysync_server::config::Config::default();
        config.database.url = Some(citysync_server::config::Secret(db.url.clone()));
        config.server.public_url = url::Url::parse(&a.base).unwrap();
        config.federation.allow_local_peers = true;
        citysync_test_support::fixtures::kit_levels(
            &mut config.governance.level_to_earn,
            &mut config.governance.level_to_vote,
        );
        config.accounts.staff_second_factor = false;
        citysync_server::runtime::context(&config).await.unwrap()
    };

    // Mail: residents sign up on both processes; each gets one verification message.
    for i in 0..SIGNUPS {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        sign_up(base, &format!("resident{i}")).await;
    }

    // Deliveries: opportunities published; each reaches oakland once.
    let issuer = Issuer::new(ctx.clone(), "creek-friends").await;
    let template = issuer.active_template("Creek cleanup").await;
    let mut published = Vec::new();
    for _ in 0..OPPORTUNITIES {
        published.push(issuer.published_opportunity(&template).await);
    }

    // Expiry: claims on one more opportunity, then its end moved into the past.
    let ending = issuer.published_opportunity(&template).await;
    let mut claimants = Vec::new();
    for i in 0..CLAIMS {
        let who = person(&ctx, &format!("claimant{i}"), false).await;
        claims::claim(&ctx, &who, &ending).await.unwrap();
        claimants.push(who);
    }
    sql(
        &db,
        &format!(
            "UPDATE opportunities SET starts_at = starts_at - INTERVAL '3 days', \
             ends_at = ends_at - INTERVAL '3 days', claim_deadline = claim_deadline - INTERVAL '3 days' \
             WHERE id = '{ending}'"
        ),
    )
    .await;

    // Epoch close: the open epoch falls due now.
    let open = epochs::current(&ctx).await.unwrap();
    sql(
        &db,
        &format!(
            "UPDATE epochs SET ends_at = (now() AT TIME ZONE 'UTC') - INTERVAL '1 minute' \
             WHERE number = {}",
            open.number
        ),
    )
    .await;

    // Everything happens...
    let oakland_ctx = oakland.app().await;
    eventually("every opportunity reaches oakland", WAIT, || async {
        let got = remote::list(&oakland_ctx, Kind::Opportunity, 1000)
            .await
            .ok()?
            .len();
        (got > OPPORTUNITIES).then_some(())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", a.log_text(), b.log_text()));
    eventually("the claims expire", WAIT, || async {
        let mut expired = 0;
        for who in &claimants {
            let (mine, _) = claims::my_work(&ctx, who).await.ok()?;
            expired += mine
                .iter()
                .filter(|c| c.claim.state == citysync_domain::lifecycle::ClaimState::Expired)
                .count();
        }
        (expired == CLAIMS).then_some(())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", a.log_text(), b.log_text()));
    eventually("the epoch closes", WAIT, || async {
        let closed = epochs::get(&ctx, open.number).await.ok()?;
        (!closed.open).then_some(())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", a.log_text(), b.log_text()));
    let dirs = [a.data_dir(), b.data_dir()];
    let dirs: Vec<&Path> = dirs.iter().map(|d| d.as_path()).collect();
    eventually("every verification mail is sent", WAIT, || async {
        let counts = mail_counts(&dirs);
        (0..SIGNUPS)
            .all(|i| {
                let to = format!("resident{i}@example.org");
                counts.keys().any(|(t, _)| *t == to)
            })
            .then_some(())
    })
    .await
    .unwrap();
    // Give a second process every chance to do something twice: several more rounds of
    // every worker in both processes (mail and sweeps each second here).
    tokio::time::sleep(Duration::from_secs(8)).await;

    // ...and nothing twice.
    let counts = mail_counts(&dirs);
    assert!(counts.len() >= SIGNUPS, "{counts:?}");
    assert!(
        counts.values().all(|n| *n == 1),
        "no message sent twice: {counts:?}"
    );
    let peers = citysync_federation::peers::states(&oakland_ctx)
        .await
        .unwrap();
    let city = peers
        .iter()
        .find(|p| p.domain == a.domain())
        .unwrap_or_else(|| panic!("{peers:?}"));
    assert!(city.received > OPPORTUNITIES as i64, "{peers:?}");
    assert_eq!(city.duplicates, 0, "nothing delivered twice: {peers:?}");
    assert_eq!(
        remote::list(&oakland_ctx, Kind::Opportunity, 1000)
            .await
            .unwrap()
            .len(),
        OPPORTUNITIES + 1
    );
    for who in &claimants {
        let notices = notifications::list(&ctx, who).await.unwrap();
        let warned = notices
            .iter()
            .filter(|n| n.kind.as_str() == "claim_expiring")
            .count();
        assert_eq!(warned, 1, "one expiry warning for {}", who.username);
    }
    let all = epochs::list(&ctx, 100).await.unwrap();
    let next: Vec<_> = all.iter().filter(|e| e.number == open.number + 1).collect();
    assert_eq!(next.len(), 1, "one next epoch: {all:?}");
    assert_eq!(all.iter().filter(|e| e.open).count(), 1, "{all:?}");
    let signed = checkpoints::recent(&ctx, 100).await.unwrap();
    let closes = signed
        .iter()
        .filter(|c| c.reason == "epoch_close" && c.epoch == Some(open.number))
        .count();
    assert_eq!(closes, 1, "one checkpoint for the close: {signed:?}");
}
