//! The privileged-action log's page and CSV: administrators filter it by who, what and when
//! and download the filtered entries; the banner says whether the chain verifies; everyone
//! else is refused. And `citysync audit verify` on a sound and on a tampered log.

use citysync_app::privileged_log::{self as plog, Entry, PrivilegedAction, Subject};
use citysync_app::{account_admin, federation::peers};
use citysync_test_support::server as common;
use common::{csrf, post, resident, set_up_city, user_named, TestServer};
use std::process::Command;

const PASSWORD: &str = "correct horse battery";

/// A page with the slashes the templates escape (`&#x2f;`) read back as slashes.
async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let (status, html) = citysync_test_support::server::page(client, url).await;
    (
        status,
        citysync_test_support::server::oauth::unescape(&html),
    )
}

/// The rows of the log's table on a page: their `data-kind`s, in order.
fn kinds(html: &str) -> Vec<String> {
    html.split("data-kind=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn administrators_filter_the_log_by_who_what_and_when_and_download_it() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let _ben = resident(&server, "ben", PASSWORD).await;
    let ctx = &server.running().ctx;
    let clerk = user_named(&server, "clerk").await;

    // The clerk suspends and restores Ben; the operator allows a peer at the command line;
    // the clerk blocks a domain through the federation page.
    account_admin::suspend(ctx, &clerk, "ben", "Spam")
        .await
        .unwrap();
    account_admin::restore(ctx, &clerk, "ben").await.unwrap();
    peers::set_policy(ctx, "friends.example", Some(peers::ALLOW))
        .await
        .unwrap();
    let (status, html) = page(&admin, &server.url("/admin/federation")).await;
    assert_eq!(status, 200, "{html}");
    let resp = post(
        &admin,
        &server.url("/admin/federation/domains/block"),
        &[("csrf_token", &csrf(&html)), ("domain", "spam.example")],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );

    // The administrator's home links the log; the whole log, newest first, verifies.
    let (_, home) = page(&admin, &server.url("/admin")).await;
    assert!(home.contains("href=\"/admin/log\""), "{home}");
    let (status, html) = page(&admin, &server.url("/admin/log")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-verifies=\"true\""), "{html}");
    assert!(html.contains("The chain verifies"), "{html}");
    let all = kinds(&html);
    assert_eq!(
        all[..4],
        [
            "peer_blocked",
            "peer_allowed",
            "account_restored",
            "account_suspended"
        ],
        "{html}"
    );
    // Kinds in words, the operator named, the subject linked to its page.
    assert!(html.contains("Account suspended"), "{html}");
    assert!(html.contains("Peer city blocked"), "{html}");
    assert!(html.contains("The operator"), "{html}");
    assert!(html.contains("href=\"/users/ben\""), "{html}");
    assert!(
        !html.contains("privileged-action-"),
        "no raw message id: {html}"
    );

    // Who: the clerk's acts only (no operator's entry).
    let (_, html) = page(&admin, &server.url("/admin/log?who=clerk")).await;
    let by_clerk = kinds(&html);
    assert!(by_clerk.contains(&"account_suspended".to_owned()), "{html}");
    assert!(by_clerk.contains(&"peer_blocked".to_owned()), "{html}");
    assert!(!by_clerk.contains(&"peer_allowed".to_owned()), "{html}");
    let (_, html) = page(&admin, &server.url("/admin/log?who=ana")).await;
    assert!(kinds(&html).is_empty(), "{html}");
    assert!(html.contains("No entry matches."), "{html}");

    // What: one kind, chosen in the select (its options in words).
    assert!(
        html.contains("<option value=\"account_suspended\">Account suspended</option>"),
        "{html}"
    );
    let (_, html) = page(&admin, &server.url("/admin/log?what=peer_allowed")).await;
    assert_eq!(kinds(&html), ["peer_allowed"], "{html}");
    assert!(
        html.contains("<option value=\"peer_allowed\" selected>"),
        "{html}"
    );

    // When: dates on the city's clock, both ends included. Every entry is from today there,
    // which lies between yesterday and tomorrow in UTC; none is from the day after.
    let today = chrono::Utc::now().date_naive();
    let day = |d: i64| {
        (today + chrono::Duration::days(d))
            .format("%Y-%m-%d")
            .to_string()
    };
    let (_, html) = page(
        &admin,
        &server.url(&format!("/admin/log?from={}&to={}", day(-1), day(1))),
    )
    .await;
    assert_eq!(kinds(&html), all, "{html}");
    let (_, html) = page(
        &admin,
        &server.url(&format!("/admin/log?who=clerk&from={}", day(2))),
    )
    .await;
    assert!(kinds(&html).is_empty(), "{html}");
    let (_, html) = page(&admin, &server.url(&format!("/admin/log?to={}", day(-2)))).await;
    assert!(kinds(&html).is_empty(), "{html}");
    let (status, html) = page(&admin, &server.url("/admin/log?from=yesterday")).await;
    assert_eq!(status, 400, "{html}");

    // The CSV of the filtered entries: a header, then one line per entry.
    let (_, html) = page(
        &admin,
        &server.url(&format!(
            "/admin/log?who=clerk&what=account_suspended&from={}",
            day(-1)
        )),
    )
    .await;
    assert!(
        html.contains(&format!(
            "href=\"/admin/log.csv?who=clerk&what=account_suspended&from={}\"",
            day(-1)
        )),
        "{html}"
    );
    let resp = admin
        .get(server.url("/admin/log.csv?who=clerk&what=account_suspended"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = resp.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("\"number\",\"time (UTC)\""), "{csv}");
    assert!(
        lines[1].contains(
            "\"clerk\",\"administrator\",\"account_suspended\",\"Account suspended\",\"account\""
        ),
        "{csv}"
    );
    assert!(lines[1].contains("Spam"), "{csv}");

    // Residents are refused; visitors are asked to sign in.
    for path in ["/admin/log", "/admin/log.csv"] {
        let (status, _) = page(&ana, &server.url(path)).await;
        assert_eq!(status, 403, "{path}");
        let resp = server.client().get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 303, "{path}");
    }

    // A row changed behind the application's back: the banner names it.
    let seq = ctx
        .db()
        .run::<_, citysync_storage::StorageError, _>(|conn| {
            use diesel::connection::SimpleConnection;
            let sql = match conn {
                citysync_storage::DbConnection::Postgresql(_) => {
                    "ALTER TABLE privileged_actions DISABLE TRIGGER USER; \
                     UPDATE privileged_actions SET detail = '{}' WHERE seq = 2; \
                     ALTER TABLE privileged_actions ENABLE TRIGGER USER;"
                }
                citysync_storage::DbConnection::Sqlite(_) => {
                    "DROP TRIGGER privileged_actions_no_update; \
                     UPDATE privileged_actions SET detail = '{}' WHERE seq = 2;"
                }
            };
            conn.batch_execute(sql)?;
            Ok(2)
        })
        .await
        .unwrap();
    let (_, html) = page(&admin, &server.url("/admin/log")).await;
    assert!(html.contains("data-verifies=\"false\""), "{html}");
    assert!(
        html.contains(&format!("entry {seq} was changed after it was written")),
        "{html}"
    );
    server.stop().await;
}

/// Runs `citysync audit verify` on the database at `url`: exit code and output.
fn audit_verify(data_dir: &std::path::Path, url: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_citysync"))
        .args([
            "--data-dir",
            &data_dir.to_string_lossy(),
            "--database-url",
            url,
        ])
        .args(["audit", "verify"])
        .env("CITYSYNC_LOG__LEVEL", "warn")
        .output()
        .expect("run citysync");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[tokio::test]
async fn the_cli_verifies_the_chain_and_names_the_first_broken_entry() {
    let t = citysync_test_support::TestDb::new();
    let ctx = citysync_test_support::ctx(&t);
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        let at = ctx.now();
        plog::record_now(
            &ctx,
            Entry::operator(
                PrivilegedAction::PeerBlocked,
                Subject::Peer,
                &format!("peer{i}.example"),
                at,
            ),
        )
        .await
        .unwrap();
    }
    let (code, out) = audit_verify(dir.path(), &t.url);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("privileged-action log verified: 3 entries"),
        "{out}"
    );

    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(|conn| {
            use diesel::connection::SimpleConnection;
            let sql = match conn {
                citysync_storage::DbConnection::Postgresql(_) => {
                    "ALTER TABLE privileged_actions DISABLE TRIGGER USER; \
                     UPDATE privileged_actions SET subject_id = 'friend.example' WHERE seq = 2; \
                     ALTER TABLE privileged_actions ENABLE TRIGGER USER;"
                }
                citysync_storage::DbConnection::Sqlite(_) => {
                    "DROP TRIGGER privileged_actions_no_update; \
                     UPDATE privileged_actions SET subject_id = 'friend.example' WHERE seq = 2;"
                }
            };
            conn.batch_execute(sql)?;
            Ok(())
        })
        .await
        .unwrap();
    let (code, out) = audit_verify(dir.path(), &t.url);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("first broken entry: 2"), "{out}");
}
