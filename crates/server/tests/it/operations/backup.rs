//! `citysync backup` / `restore` through the real binary, and the refusal of a schema newer
//! than the binary.

use super::common::{self, page};
use super::{citysync, start_in, text, FUTURE_MIGRATION};
use citysync_server::serve::Role;
use diesel::connection::SimpleConnection;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_of_a_running_city_restores_into_a_new_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (running, base) = start_in(dir.path(), Role::All).await.unwrap();
    let server_ctx = running.ctx.clone();
    let token = running.setup_token.clone().unwrap();
    let client = reqwest::Client::builder()
        .pool_idle_timeout(citysync_test_support::POOL_IDLE)
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let (_, html) = page(&client, &format!("{base}/setup?token={token}")).await;
    let form = [
        ("csrf_token", common::csrf(&html)),
        ("token", token),
        ("city_name", "Berkeley Backup".into()),
        ("region", "California".into()),
        ("default_locale", "en".into()),
        ("timezone", "America/Los_Angeles".into()),
        ("username", "clerk".into()),
        ("email", "clerk@berkeley.example".into()),
        ("password", "correct horse battery".into()),
        ("password_confirm", "correct horse battery".into()),
    ];
    let resp = client
        .post(format!("{base}/setup"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);

    // Online: the server keeps running while the backup is written.
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("city.db");
    let file_arg = file.to_string_lossy().into_owned();
    let out = citysync(dir.path(), None, &["backup", "--out", &file_arg]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("backup written"), "{}", text(&out));
    // Restoring under a running server is refused.
    let out = citysync(dir.path(), None, &["restore", "--from", &file_arg]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("in use"), "{}", text(&out));
    let again = citysync(dir.path(), None, &["backup", "--out", &file_arg]);
    assert!(!again.status.success());
    assert!(
        text(&again).contains("refusing to overwrite"),
        "{}",
        text(&again)
    );
    assert_eq!(page(&client, &format!("{base}/livez")).await.0, 200);
    running.stop().await.unwrap();
    drop(server_ctx);

    // Not a City/Sync database: refused, nothing touched.
    let fresh = tempfile::tempdir().unwrap();
    let junk = backups.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let out = citysync(
        fresh.path(),
        None,
        &["restore", "--from", &junk.to_string_lossy()],
    );
    assert!(!out.status.success(), "{}", text(&out));
    assert!(!fresh.path().join("citysync.db").exists());

    let out = citysync(fresh.path(), None, &["restore", "--from", &file_arg]);
    assert!(out.status.success(), "{}", text(&out));
    // A second restore keeps the database it replaces.
    let out = citysync(fresh.path(), None, &["restore", "--from", &file_arg]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("before-restore-"), "{}", text(&out));
    let kept = std::fs::read_dir(fresh.path()).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("citysync.db.before-restore-")
    });
    assert!(kept);

    let (restored, base) = start_in(fresh.path(), Role::All).await.unwrap();
    assert!(
        restored.setup_token.is_none(),
        "the restored city is set up"
    );
    let (status, html) = page(
        &citysync_test_support::instance::http(),
        &format!("{base}/"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Berkeley Backup"), "{html}");
    restored.stop().await.unwrap();
}

#[test]
fn backup_on_postgresql_prints_the_pg_dump_procedure() {
    let dir = tempfile::tempdir().unwrap();
    let url = Some("postgres://nobody@127.0.0.1:1/none");
    let out = citysync(dir.path(), url, &["backup", "--out", "x.db"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("pg_dump"), "{}", text(&out));
    let out = citysync(dir.path(), url, &["restore", "--from", "x.db"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("pg_restore"), "{}", text(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_newer_than_the_binary_is_refused() {
    for (backend, t) in citysync_test_support::both_backends() {
        t.db.run(|c| {
            c.batch_execute(FUTURE_MIGRATION)
                .map_err(citysync_storage::StorageError::from)
        })
        .await
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = citysync(dir.path(), Some(&t.url), &["migrate"]);
        assert!(!out.status.success(), "{backend}: {}", text(&out));
        let said = text(&out);
        assert!(said.contains("newer than this binary"), "{backend}: {said}");
        assert!(said.contains("99991231000000"), "{backend}: {said}");
    }
    // `serve` refuses the same way.
    let dir = tempfile::tempdir().unwrap();
    let out = citysync(dir.path(), None, &["migrate"]);
    assert!(out.status.success(), "{}", text(&out));
    let path = dir.path().join("citysync.db");
    let mut conn =
        <diesel::SqliteConnection as diesel::Connection>::establish(&path.to_string_lossy())
            .unwrap();
    conn.batch_execute(FUTURE_MIGRATION).unwrap();
    drop(conn);
    let err = start_in(dir.path(), Role::All).await.err().unwrap();
    assert!(
        format!("{err:#}").contains("newer than this binary"),
        "{err:#}"
    );
}
