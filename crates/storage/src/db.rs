//! Connections, the pool and transaction boundaries.
//!
//! The backend is chosen by the URL's scheme and built directly, so an operator sees the
//! driver's own error (diesel's `MultiConnection::establish` would hide it and feed a bad
//! PostgreSQL URL to SQLite as a file name).

use crate::StorageError;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// One connection to whichever database the city runs on. PostgreSQL first: SQLite accepts any path.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    /// `postgres://` and `postgresql://` select PostgreSQL; anything else is a SQLite file path
    /// (an optional `sqlite://` prefix is dropped).
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// The r2d2 manager: builds the right variant and sets SQLite's pragmas on every connection.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl Manager {
    fn establish(&self) -> Result<DbConnection, StorageError> {
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.url)
                .map(DbConnection::Postgresql)
                .map_err(|e| StorageError::Connect(e.to_string())),
            Backend::Sqlite => {
                let path = self.url.strip_prefix("sqlite://").unwrap_or(&self.url);
                let mut conn = SqliteConnection::establish(path)
                    .map_err(|e| StorageError::Connect(e.to_string()))?;
                // busy_timeout first: it makes a writer wait for the lock instead of failing,
                // and switching to WAL takes that lock too (set after it, a connection opened
                // while another process still holds the file failed at once: "database is
                // locked"). WAL lets readers run beside the one writer; foreign keys are off by
                // default in SQLite.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(|e| StorageError::Connect(e.to_string()))?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        self.establish().map_err(|e| {
            r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(e.to_string()))
        })
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// The database handle every use case gets: a pool plus the backend it talks to.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<Manager>,
    backend: Backend,
    /// SQLite has one writer at a time: this process's writers queue here, in order,
    /// instead of spinning on `SQLITE_BUSY` inside the pool (fairer, and no busy-sleeps
    /// that stretch the tail latency). Other processes still meet `busy_timeout`.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Set inside [`Db::scope`]: the one connection, in its open write transaction, that
    /// every `run` and `write` through this handle uses.
    bound: Option<Bound>,
    /// Work waiting to be written together (the ledger's group commit).
    group: std::sync::Arc<crate::group::Group>,
}

type Pooled = r2d2::PooledConnection<Manager>;
type Bound = std::sync::Arc<std::sync::Mutex<Option<Pooled>>>;

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish()
    }
}

impl Db {
    /// Opens the pool (checking one connection now, so a bad URL fails start-up with the
    /// driver's message) and applies pending migrations.
    pub fn open(url: &str, pool_size: u32) -> Result<Db, StorageError> {
        let backend = Backend::of_url(url);
        let manager = Manager {
            url: url.to_owned(),
            backend,
        };
        // Fail fast with the real driver error rather than r2d2's timeout.
        let mut first = manager.establish()?;
        run_migrations(&mut first)?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            .connection_timeout(Duration::from_secs(5))
            .build(manager)
            .map_err(|e| StorageError::Connect(e.to_string()))?;
        Ok(Db {
            pool,
            backend,
            writer: std::sync::Arc::new(tokio::sync::Mutex::new(())),
            bound: None,
            group: std::sync::Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Inside [`Db::scope`]: every write joins the scope's one transaction.
    pub fn is_scoped(&self) -> bool {
        self.bound.is_some()
    }

    /// This database's queue of work to write together.
    pub fn group(&self) -> &crate::group::Group {
        &self.group
    }

    /// Runs a read (or a single self-contained statement) on the blocking pool. `f` may
    /// answer with any error a storage error converts into (a use case's own, say), so a
    /// read that checks what it read needs no second layer of `Result`.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StorageError> + Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        if let Some(bound) = &self.bound {
            return on_bound(bound.clone(), f).await;
        }
        let pool = self.pool.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StorageError::from)?;
            f(&mut conn)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(e) => Err(E::from(StorageError::from(e))),
        }
    }

    /// Runs `f` in one write transaction: `BEGIN IMMEDIATE` on SQLite (a deferred transaction
    /// that upgrades to a write gets `SQLITE_BUSY` whatever the timeout), an ordinary
    /// transaction on PostgreSQL. `f` must not open transactions itself. Inside
    /// [`Db::scope`] it is a savepoint of the scope's transaction instead: an error undoes
    /// what `f` wrote, success keeps it until the scope commits.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StorageError> + Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        if let Some(bound) = &self.bound {
            return on_bound(bound.clone(), |conn| savepoint(conn, f)).await;
        }
        let _turn = match self.backend {
            Backend::Sqlite => Some(self.writer.lock().await),
            Backend::Postgres => None,
        };
        let pool = self.pool.clone();
        let joined = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StorageError::from)?;
            write_transaction(&mut conn, f)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(e) => Err(E::from(StorageError::from(e))),
        }
    }

    /// Runs `f` with a handle whose every `run` and `write` goes to one connection inside one
    /// write transaction (SQLite `BEGIN IMMEDIATE`, so the scope holds the write lock), and
    /// commits it if `f` succeeds, else rolls it back: whatever several use cases write
    /// through the handle commits together or not at all (e.g. an effect and the answer kept
    /// for its retries). Inside a scope, a nested scope joins the outer transaction. If the
    /// future is dropped half-way, the transaction is rolled back. Code in the scope must
    /// reach the database only through the handle it is given: not [`Db::connection`], not
    /// another `Db` (on SQLite its write would wait for the scope's lock), and never open a
    /// transaction itself (diesel's `transaction`, [`read_snapshot`]).
    pub async fn scope<T, E, F, Fut>(&self, f: F) -> Result<T, E>
    where
        E: From<StorageError>,
        F: FnOnce(Db) -> Fut,
        Fut: std::future::Future<Output = Result<T, E>>,
    {
        if self.bound.is_some() {
            return f(self.clone()).await;
        }
        let _turn = match self.backend {
            Backend::Sqlite => Some(self.writer.lock().await),
            Backend::Postgres => None,
        };
        let pool = self.pool.clone();
        let conn = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            conn.batch_execute(match &*conn {
                DbConnection::Sqlite(_) => "BEGIN IMMEDIATE",
                DbConnection::Postgresql(_) => "BEGIN",
            })?;
            Ok::<_, StorageError>(conn)
        })
        .await
        .map_err(StorageError::from)??;
        let guard = ScopeGuard(std::sync::Arc::new(std::sync::Mutex::new(Some(conn))));
        let scoped = Db {
            bound: Some(guard.0.clone()),
            ..self.clone()
        };
        let result = f(scoped).await;
        let conn = guard
            .take()
            .ok_or_else(|| StorageError::Corrupt("the scope's connection is gone".into()))?;
        let commit = result.is_ok();
        tokio::task::spawn_blocking(move || end_scope(conn, commit))
            .await
            .map_err(StorageError::from)??;
        result
    }

    /// Where the schema stands against this binary's migrations (for `/readyz`).
    pub async fn schema_status(&self) -> Result<SchemaStatus, StorageError> {
        self.run(schema_status).await
    }

    /// A pooled connection of its own, for a long job on a blocking thread (e.g. copying
    /// the city to another database).
    pub fn connection(&self) -> Result<r2d2::PooledConnection<Manager>, StorageError> {
        Ok(self.pool.get()?)
    }

    /// Checks that the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StorageError> {
        self.run(|conn| conn.batch_execute("SELECT 1").map_err(StorageError::from))
            .await
    }
}

/// Runs `f` on the scope's connection, on the blocking pool.
async fn on_bound<T, E, F>(bound: Bound, f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<StorageError> + Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
{
    let joined = tokio::task::spawn_blocking(move || {
        let mut slot = bound
            .lock()
            .map_err(|_| StorageError::Corrupt("the scope's connection lock is poisoned".into()))?;
        let conn = slot
            .as_mut()
            .ok_or_else(|| StorageError::Corrupt("used after its scope ended".into()))?;
        f(conn)
    })
    .await;
    match joined {
        Ok(result) => result,
        Err(e) => Err(E::from(StorageError::from(e))),
    }
}

/// `f` in a savepoint of the open transaction: rolled back to it on error (the rest of
/// the transaction goes on).
pub fn savepoint<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    E: From<StorageError>,
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
{
    conn.batch_execute("SAVEPOINT citysync_write")
        .map_err(|e| E::from(StorageError::from(e)))?;
    match f(conn) {
        Ok(v) => {
            conn.batch_execute("RELEASE SAVEPOINT citysync_write")
                .map_err(|e| E::from(StorageError::from(e)))?;
            Ok(v)
        }
        Err(e) => {
            if let Err(rollback) = conn.batch_execute(
                "ROLLBACK TO SAVEPOINT citysync_write; RELEASE SAVEPOINT citysync_write",
            ) {
                tracing::error!(error = %rollback, "rollback to savepoint failed");
            }
            Err(e)
        }
    }
}

/// Commits (or rolls back) a scope's transaction before its connection goes back to the pool.
fn end_scope(mut conn: Pooled, commit: bool) -> Result<(), StorageError> {
    if commit {
        if let Err(e) = conn.batch_execute("COMMIT") {
            let _ = conn.batch_execute("ROLLBACK");
            return Err(e.into());
        }
        Ok(())
    } else {
        conn.batch_execute("ROLLBACK")?;
        Ok(())
    }
}

/// Holds a scope's connection; a scope dropped before its end (a cancelled request, a
/// panic) rolls its transaction back, so no connection returns to the pool mid-transaction.
struct ScopeGuard(Bound);

impl ScopeGuard {
    fn take(&self) -> Option<Pooled> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

impl Drop for ScopeGuard {
    fn drop(&mut self) {
        if let Some(conn) = self.take() {
            let rollback = move || {
                if let Err(e) = end_scope(conn, false) {
                    tracing::error!(error = %e, "rolling back an abandoned scope");
                }
            };
            match tokio::runtime::Handle::try_current() {
                Ok(handle) => {
                    handle.spawn_blocking(rollback);
                }
                Err(_) => rollback(),
            }
        }
    }
}

/// Runs `f` in a read-only snapshot (PostgreSQL `REPEATABLE READ`, an SQLite read
/// transaction under WAL), so writers going on meanwhile cannot make what `f` reads
/// inconsistent — e.g. while the ledger is verified.
pub fn read_snapshot<T, E: From<StorageError>>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    let begin = match conn {
        DbConnection::Postgresql(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        DbConnection::Sqlite(_) => "BEGIN DEFERRED",
    };
    conn.batch_execute(begin).map_err(StorageError::from)?;
    let result = f(conn);
    let end = conn.batch_execute(if result.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let value = result?;
    end.map_err(StorageError::from)?;
    Ok(value)
}

/// The transaction boundary, usable from code that already holds a connection.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    E: From<StorageError>,
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
{
    match conn {
        DbConnection::Postgresql(_) => {
            let mut outcome: Option<Result<T, E>> = None;
            let result = conn.transaction::<(), diesel::result::Error, _>(|conn| match f(conn) {
                Ok(v) => {
                    outcome = Some(Ok(v));
                    Ok(())
                }
                Err(e) => {
                    outcome = Some(Err(e));
                    Err(diesel::result::Error::RollbackTransaction)
                }
            });
            match (result, outcome) {
                (Ok(()), Some(out))
                | (Err(diesel::result::Error::RollbackTransaction), Some(out)) => out,
                (Err(e), _) => Err(E::from(StorageError::from(e))),
                (Ok(()), None) => Err(E::from(StorageError::Corrupt(
                    "transaction produced no result".into(),
                ))),
            }
        }
        DbConnection::Sqlite(_) => {
            conn.batch_execute("BEGIN IMMEDIATE")
                .map_err(|e| E::from(StorageError::from(e)))?;
            match f(conn) {
                Ok(v) => match conn.batch_execute("COMMIT") {
                    Ok(()) => Ok(v),
                    Err(e) => {
                        let _ = conn.batch_execute("ROLLBACK");
                        Err(E::from(StorageError::from(e)))
                    }
                },
                Err(e) => {
                    if let Err(rollback) = conn.batch_execute("ROLLBACK") {
                        tracing::error!(error = %rollback, "rollback failed");
                    }
                    Err(e)
                }
            }
        }
    }
}

/// Where the database's schema stands against the migrations this binary embeds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaStatus {
    /// Embedded migrations not applied yet.
    pub pending: usize,
    /// Applied migrations this binary does not know: the schema is newer than the binary.
    pub unknown: Vec<String>,
}

impl SchemaStatus {
    pub fn is_current(&self) -> bool {
        self.pending == 0 && self.unknown.is_empty()
    }
}

fn versions<DB: diesel::backend::Backend>(
    source: &EmbeddedMigrations,
) -> Result<Vec<String>, StorageError> {
    use diesel::migration::MigrationSource;
    Ok(MigrationSource::<DB>::migrations(source)
        .map_err(|e| StorageError::Migration(e.to_string()))?
        .iter()
        .map(|m| m.name().version().to_string())
        .collect())
}

/// The versions of the migrations this binary embeds for `backend`.
pub fn embedded_versions(backend: Backend) -> Result<Vec<String>, StorageError> {
    match backend {
        Backend::Postgres => versions::<diesel::pg::Pg>(&POSTGRES_MIGRATIONS),
        Backend::Sqlite => versions::<diesel::sqlite::Sqlite>(&SQLITE_MIGRATIONS),
    }
}

impl SchemaStatus {
    /// Compares the versions recorded in a database with the embedded ones.
    pub fn compare(embedded: &[String], applied: Vec<String>) -> SchemaStatus {
        SchemaStatus {
            pending: embedded.iter().filter(|v| !applied.contains(v)).count(),
            unknown: applied
                .into_iter()
                .filter(|v| !embedded.contains(v))
                .collect(),
        }
    }
}

/// Compares the applied migrations with the embedded ones (for start-up and `/readyz`).
pub fn schema_status(conn: &mut DbConnection) -> Result<SchemaStatus, StorageError> {
    let (backend, applied) = match conn {
        DbConnection::Postgresql(c) => (Backend::Postgres, c.applied_migrations()),
        DbConnection::Sqlite(c) => (Backend::Sqlite, c.applied_migrations()),
    };
    let applied: Vec<String> = applied
        .map_err(|e| StorageError::Migration(e.to_string()))?
        .iter()
        .map(|v| v.to_string())
        .collect();
    Ok(SchemaStatus::compare(&embedded_versions(backend)?, applied))
}

/// Refuses a schema newer than this binary (an older binary must not write to it).
pub fn refuse_newer_schema(status: &SchemaStatus) -> Result<(), StorageError> {
    if status.unknown.is_empty() {
        return Ok(());
    }
    Err(StorageError::Migration(format!(
        "the database schema is newer than this binary: it has migrations this version of \
         City/Sync does not know ({}). Run the newer citysync binary, or restore the backup \
         taken before the upgrade (docs/admin-guide.md, Upgrades)",
        status.unknown.join(", ")
    )))
}

/// A constant key for PostgreSQL's advisory lock, so that several processes starting at
/// once apply the migrations one after the other.
const MIGRATION_LOCK: i64 = 0x6369_7479_7379_6e63; // "citysync"

fn run_migrations(conn: &mut DbConnection) -> Result<(), StorageError> {
    let postgres = matches!(conn, DbConnection::Postgresql(_));
    if postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
    }
    let result = apply_migrations(conn);
    if postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
    }
    result
}

fn apply_migrations(conn: &mut DbConnection) -> Result<(), StorageError> {
    refuse_newer_schema(&schema_status(conn)?)?;
    let applied = match conn {
        DbConnection::Postgresql(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    }
    .map_err(|e| StorageError::Migration(e.to_string()))?;
    if applied > 0 {
        tracing::info!(applied, "database migrations applied");
    }
    Ok(())
}
