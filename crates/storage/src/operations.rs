//! Queries for operators: figures read at each metrics scrape, and SQLite's online backup
//! and the check of a file to restore.

use crate::db::{embedded_versions, refuse_newer_schema, SchemaStatus};
use crate::Backend;
use crate::{DbConnection, StorageError};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::SqliteConnection;
use std::path::Path;

/// The summed balance of one kind of ledger account in one currency.
#[derive(Debug, Clone, QueryableByName)]
pub struct BalanceSum {
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub currency: String,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

const BALANCE_SUMS: &str =
    "SELECT kind, currency, CAST(COALESCE(SUM(balance), 0) AS BIGINT) AS total \
     FROM ledger_accounts GROUP BY kind, currency ORDER BY kind, currency";

/// Balances summed by account kind and currency, by the database (one row per pair).
pub fn balance_sums(conn: &mut DbConnection) -> Result<Vec<BalanceSum>, StorageError> {
    Ok(match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(BALANCE_SUMS).load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(BALANCE_SUMS).load(c)?,
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

const PENDING_MAIL: &str = "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM mail_queue \
     WHERE sent_at IS NULL AND failed_at IS NULL";

/// Messages queued and neither sent nor given up on.
pub fn pending_mail(conn: &mut DbConnection) -> Result<i64, StorageError> {
    let row: Count = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(PENDING_MAIL).get_result(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(PENDING_MAIL).get_result(c)?,
    };
    Ok(row.n)
}

/// Writes a consistent copy of a SQLite database to `out` with `VACUUM INTO`: one read
/// transaction, so it is safe while the city serves. `out` must not exist.
pub fn sqlite_backup(conn: &mut DbConnection, out: &Path) -> Result<(), StorageError> {
    let DbConnection::Sqlite(c) = conn else {
        return Err(StorageError::Corrupt(
            "online backup is for SQLite; use pg_dump for PostgreSQL".into(),
        ));
    };
    let out = out.to_string_lossy().into_owned();
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(out)
        .execute(c)?;
    Ok(())
}

/// What a file offered to `citysync restore` holds.
#[derive(Debug, Clone)]
pub struct CityFile {
    pub migrations: usize,
    pub city_name: Option<String>,
    pub schema: SchemaStatus,
}

/// Checks that `path` is a sound City/Sync SQLite database (integrity check, the migrations
/// table, the instance row) whose schema this binary knows.
pub fn inspect_sqlite(path: &Path) -> Result<CityFile, StorageError> {
    let bad = |why: &str| StorageError::Corrupt(format!("{}: {why}", path.display()));
    if !path.is_file() {
        return Err(bad("no such file"));
    }
    let escaped = path
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    let url = format!("file:{escaped}?mode=ro");
    let mut c = SqliteConnection::establish(&url).map_err(|e| bad(&e.to_string()))?;
    c.batch_execute("PRAGMA query_only = ON")
        .map_err(|_| bad("not a SQLite database"))?;
    #[derive(QueryableByName)]
    struct Check {
        #[diesel(sql_type = Text)]
        integrity_check: String,
    }
    let check: Check = diesel::sql_query("PRAGMA integrity_check")
        .get_result(&mut c)
        .map_err(|_| bad("not a SQLite database"))?;
    if check.integrity_check != "ok" {
        return Err(bad(&format!("integrity check: {}", check.integrity_check)));
    }
    let tables: Count = diesel::sql_query(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM sqlite_master WHERE type = 'table' \
         AND name IN ('__diesel_schema_migrations', 'instance')",
    )
    .get_result(&mut c)?;
    if tables.n != 2 {
        return Err(bad(
            "not a City/Sync database (no migrations table or instance)",
        ));
    }
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = Text)]
        version: String,
    }
    let applied: Vec<Version> =
        diesel::sql_query("SELECT version FROM __diesel_schema_migrations").load(&mut c)?;
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        name: Option<String>,
    }
    let instance: Option<Name> = diesel::sql_query("SELECT name FROM instance LIMIT 1")
        .get_result(&mut c)
        .optional()?;
    let Some(instance) = instance else {
        return Err(bad("not a City/Sync database (no instance row)"));
    };
    let migrations = applied.len();
    let schema = SchemaStatus::compare(
        &embedded_versions(Backend::Sqlite)?,
        applied.into_iter().map(|v| v.version).collect(),
    );
    refuse_newer_schema(&schema)?;
    Ok(CityFile {
        migrations,
        city_name: instance.name,
        schema,
    })
}

/// Whether another connection (a running server) has the SQLite database open: taking
/// SQLite's exclusive locking mode fails while any other connection holds the WAL open,
/// even an idle one. Closing afterwards checkpoints the WAL into the file.
pub fn sqlite_in_use(path: &Path) -> Result<bool, StorageError> {
    let mut c = SqliteConnection::establish(&path.to_string_lossy())
        .map_err(|e| StorageError::Connect(e.to_string()))?;
    let taken = c.batch_execute(
        "PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; \
         SELECT COUNT(*) FROM sqlite_master; COMMIT;",
    );
    Ok(match taken {
        Ok(()) => false,
        Err(diesel::result::Error::DatabaseError(_, info))
            if info.message().contains("locked") || info.message().contains("busy") =>
        {
            true
        }
        Err(e) => return Err(e.into()),
    })
}
