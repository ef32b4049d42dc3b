//! The database half of the test kit (dev-only): a fresh database per test on SQLite or
//! PostgreSQL. It depends on `storage` alone, so `storage`'s own tests need not wait for
//! `app`; everything else takes it through `citysync-test-support`, which re-exports it.
//!
//! Which backend: `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/` runs the suite on
//! PostgreSQL (each test creates, then drops, its own database); unset, SQLite files in a
//! temporary folder. Tests that must run on both call [`TestDb::sqlite`] and
//! [`TestDb::postgres`]; with `CI=true` an unreachable PostgreSQL fails instead of skipping.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use citysync_storage::Db;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

pub const POSTGRES_ENV: &str = "TEST_DATABASE_URL";
pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/";

/// A database that exists for one test.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl TestDb {
    /// The backend the suite runs on (see the crate docs).
    pub fn new() -> TestDb {
        match std::env::var(POSTGRES_ENV) {
            Ok(base) if !base.is_empty() => TestDb::postgres_at(&base).unwrap_or_else(|e| {
                panic!("{POSTGRES_ENV} is set but PostgreSQL is unusable: {e}")
            }),
            _ => TestDb::sqlite(),
        }
    }

    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = dir.path().join("test.db").to_string_lossy().into_owned();
        let db = Db::open(&url, 8).expect("open sqlite");
        TestDb {
            db,
            url,
            _dir: Some(dir),
            drop_pg: None,
        }
    }

    /// A PostgreSQL test database, or None (with a note) when no server is reachable outside CI.
    pub fn postgres() -> Option<TestDb> {
        let base = std::env::var(POSTGRES_ENV)
            .ok()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| DEFAULT_POSTGRES.to_owned());
        match TestDb::postgres_at(&base) {
            Ok(db) => Some(db),
            Err(e) if std::env::var("CI").map(|v| v == "true").unwrap_or(false) => {
                panic!("CI=true and PostgreSQL at {base} is unusable: {e}")
            }
            Err(e) => {
                eprintln!("skipping the PostgreSQL half of this test: {e}");
                None
            }
        }
    }

    fn postgres_at(base: &str) -> anyhow::Result<TestDb> {
        let base = base.trim_end_matches('/');
        let (server, _) = match base.rsplit_once('/') {
            Some((server, db))
                if server.contains("://") && !server.ends_with(':') && !server.ends_with('/') =>
            {
                (server.to_owned(), db)
            }
            _ => (base.to_owned(), ""),
        };
        let admin_url = format!("{server}/postgres");
        let name = format!("citysync_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(&admin_url)?;
        admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
        let url = format!("{server}/{name}");
        let db = Db::open(&url, 8)?;
        Ok(TestDb {
            db,
            url,
            _dir: None,
            drop_pg: Some((admin_url, name)),
        })
    }
}

impl TestDb {
    /// A second pool on the same database, with its own connections, as another process on
    /// it (a `citysync` command, a second `serve`) opens one.
    pub fn another_process(&self) -> Db {
        Db::open(&self.url, 2).expect("open the same database again")
    }
}

impl Default for TestDb {
    fn default() -> Self {
        TestDb::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.drop_pg.take() {
            if let Ok(mut admin) = PgConnection::establish(&admin_url) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// Both backends, for tests that must hold on each: SQLite always, PostgreSQL when reachable.
pub fn both_backends() -> Vec<(&'static str, TestDb)> {
    let mut dbs = vec![("sqlite", TestDb::sqlite())];
    if let Some(pg) = TestDb::postgres() {
        dbs.push(("postgres", pg));
    }
    dbs
}
