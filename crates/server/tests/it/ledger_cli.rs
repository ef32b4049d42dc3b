//! `citysync ledger verify` as an operator runs it, on SQLite and PostgreSQL: exit 0 on a
//! sound ledger, exit 1 naming the first bad entry after one amount is changed in SQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use citysync_test_support::{approved_organization, both_backends, ctx_for, mint, person};
use diesel::connection::SimpleConnection;
use std::process::Command;

fn verify(data_dir: &std::path::Path, url: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_citysync"))
        .args([
            "--data-dir",
            &data_dir.to_string_lossy(),
            "--database-url",
            url,
        ])
        .args(["ledger", "verify"])
        .env("CITYSYNC_LOG__LEVEL", "warn")
        .output()
        .expect("run citysync");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ledger_verify_exits_0_then_names_the_tampered_entry() {
    for (backend, t) in both_backends() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx_for(t.db.clone(), "http://127.0.0.1:8080");
        citysync_app::instance::ensure(&ctx).await.unwrap();
        let admin = person(&ctx, "admin_ana", true).await;
        let owner = person(&ctx, "owner_olga", false).await;
        let resident = person(&ctx, "rosa", false).await;
        let issuer = approved_organization(&ctx, &admin, &owner, "creek", true, false).await;
        citysync_app::ledger::epochs::set_budget(&ctx, &admin, &issuer, "100", "b1")
            .await
            .unwrap();
        for _ in 0..3 {
            mint(&ctx, &issuer, &resident, 250, 1).await.unwrap();
        }
        citysync_app::ledger::checkpoints::sign_now(&ctx)
            .await
            .unwrap();

        let (code, out) = verify(dir.path(), &t.url);
        assert_eq!(code, 0, "{backend}: {out}");
        assert!(
            out.contains("ledger verified: 7 entries"),
            "{backend}: {out}"
        );

        let tamper = if backend == "postgres" {
            "ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only; \
             UPDATE ledger_entries SET amount = 25000 WHERE seq = 4; \
             ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only;"
        } else {
            "DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET amount = 25000 WHERE seq = 4;"
        };
        t.db.run(move |conn| {
            conn.batch_execute(tamper)
                .map_err(citysync_storage::StorageError::from)
        })
        .await
        .unwrap();
        let (code, out) = verify(dir.path(), &t.url);
        assert_eq!(code, 1, "{backend}: {out}");
        assert!(out.contains("entry 4:"), "{backend}: {out}");
        println!("{backend}: {out}");
    }
}

/// A command run before the first administrator exists must not replace the setup token
/// the running server printed (the setup link would stop working).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_before_setup_keep_the_printed_setup_token() {
    let t = citysync_test_support::TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx_for(t.db.clone(), "http://127.0.0.1:8080");
    let startup = citysync_app::instance::ensure(&ctx).await.unwrap();
    assert!(startup.setup_token.is_some());
    let hash = |db: citysync_storage::Db| async move {
        db.run(citysync_storage::instance::get)
            .await
            .unwrap()
            .unwrap()
            .setup_token_hash
    };
    let before = hash(t.db.clone()).await;
    let (code, out) = verify(dir.path(), &t.url);
    assert_eq!(code, 0, "{out}");
    assert_eq!(hash(t.db.clone()).await, before);
}
