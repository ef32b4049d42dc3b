//! Moving a city from SQLite to PostgreSQL (`citysync migrate-data --to postgres://…`):
//! every table copied row by row, in foreign-key order, in one PostgreSQL transaction.
//!
//! Both databases carry the same migrations, so the tables and columns are the same; the
//! copy reads the column list and types from PostgreSQL, has SQLite write each row as a
//! JSON object (booleans, which SQLite keeps as 0/1, written as JSON booleans), and lets
//! PostgreSQL read the objects back with `json_populate_recordset` into the table's own
//! types. Identity columns keep their values and their sequences move past them.

use crate::{DbConnection, StorageError};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use std::collections::{BTreeMap, BTreeSet};

/// Rows read and written per statement.
const BATCH: i64 = 500;

/// What was copied: each table and its row count, in copy order.
pub type Copied = Vec<(String, i64)>;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Edge {
    #[diesel(sql_type = Text)]
    child: String,
    #[diesel(sql_type = Text)]
    parent: String,
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    identity: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    row: String,
}

fn corrupt(message: String) -> StorageError {
    StorageError::Corrupt(message)
}

/// Copies everything in `source` (SQLite) into `target` (PostgreSQL, migrated and empty).
/// Refuses a target that already holds a city. All or nothing.
pub fn copy_sqlite_to_postgres(
    source: &mut DbConnection,
    target: &mut DbConnection,
) -> Result<Copied, StorageError> {
    let (DbConnection::Sqlite(from), DbConnection::Postgresql(to)) = (source, target) else {
        return Err(corrupt(
            "the source must be SQLite and the target PostgreSQL".into(),
        ));
    };
    let tables = tables_in_order(to)?;
    to.transaction(|to| {
        // A city lives in the target if it has its instance row, or any user.
        for table in ["instance", "users"] {
            let rows: Vec<Count> =
                diesel::sql_query(format!("SELECT count(*) AS n FROM \"{table}\"")).load(to)?;
            if rows.first().map_or(0, |c| c.n) > 0 {
                return Err(corrupt(format!(
                    "the target database is not empty (table {table} has rows)"
                )));
            }
        }
        // What the migrations seeded (the ledger head, the mint accounts…) comes from the
        // source as it is now.
        for table in tables.iter().rev() {
            to.batch_execute(&format!("DELETE FROM \"{table}\""))?;
        }
        let mut copied = Vec::with_capacity(tables.len());
        for table in &tables {
            copied.push((table.clone(), copy_table(from, to, table)?));
        }
        Ok(copied)
    })
}

/// The city's tables in PostgreSQL, each after the tables its foreign keys point to.
fn tables_in_order(to: &mut PgConnection) -> Result<Vec<String>, StorageError> {
    let names: Vec<Name> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name NOT LIKE '\\_\\_diesel%' ORDER BY table_name",
    )
    .load(to)?;
    let edges: Vec<Edge> = diesel::sql_query(
        "SELECT DISTINCT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent \
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
         WHERE c.contype = 'f' AND n.nspname = current_schema()",
    )
    .load(to)?;
    let mut parents: BTreeMap<String, BTreeSet<String>> = names
        .iter()
        .map(|n| (n.name.clone(), BTreeSet::new()))
        .collect();
    for e in edges {
        let (child, parent) = (unquote(&e.child), unquote(&e.parent));
        if child != parent {
            parents.entry(child).or_default().insert(parent);
        }
    }
    let mut ordered = Vec::with_capacity(parents.len());
    let mut done = BTreeSet::new();
    while done.len() < parents.len() {
        let ready: Vec<String> = parents
            .iter()
            .filter(|(t, ps)| !done.contains(*t) && ps.iter().all(|p| done.contains(p)))
            .map(|(t, _)| t.clone())
            .collect();
        if ready.is_empty() {
            return Err(corrupt(
                "the foreign keys between tables form a cycle".into(),
            ));
        }
        for t in ready {
            done.insert(t.clone());
            ordered.push(t);
        }
    }
    Ok(ordered)
}

fn unquote(name: &str) -> String {
    name.trim_matches('"').to_owned()
}

/// Copies one table; returns the number of rows.
fn copy_table(
    from: &mut SqliteConnection,
    to: &mut PgConnection,
    table: &str,
) -> Result<i64, StorageError> {
    let columns: Vec<Column> = diesel::sql_query(
        "SELECT column_name::text AS name, data_type::text AS data_type, \
         is_identity::text AS identity FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind::<Text, _>(table)
    .load(to)?;
    let in_sqlite: Vec<Name> =
        diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}')")).load(from)?;
    let in_sqlite: BTreeSet<String> = in_sqlite.into_iter().map(|n| n.name).collect();
    if in_sqlite.is_empty() {
        return Err(corrupt(format!(
            "table {table} is missing from the SQLite database"
        )));
    }
    if let Some(c) = columns.iter().find(|c| !in_sqlite.contains(&c.name)) {
        return Err(corrupt(format!(
            "column {table}.{} is missing from the SQLite database (is it at the same version?)",
            c.name
        )));
    }
    let object = columns
        .iter()
        .map(|c| {
            let value = if c.data_type == "boolean" {
                format!(
                    "CASE WHEN \"{0}\" IS NULL THEN NULL WHEN \"{0}\" THEN json('true') ELSE json('false') END",
                    c.name
                )
            } else {
                format!("\"{}\"", c.name)
            };
            format!("'{}', {value}", c.name)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let list = columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let overriding = if columns.iter().any(|c| c.identity == "YES") {
        "OVERRIDING SYSTEM VALUE"
    } else {
        ""
    };
    let mut copied = 0;
    loop {
        let batch: Vec<Line> = diesel::sql_query(format!(
            "SELECT json_object({object}) AS row FROM \"{table}\" ORDER BY rowid LIMIT {BATCH} OFFSET {copied}"
        ))
        .load(from)?;
        if batch.is_empty() {
            break;
        }
        let n = batch.len() as i64;
        let json = format!(
            "[{}]",
            batch
                .into_iter()
                .map(|l| l.row)
                .collect::<Vec<_>>()
                .join(",")
        );
        diesel::sql_query(format!(
            "INSERT INTO \"{table}\" ({list}) {overriding} \
             SELECT {list} FROM json_populate_recordset(NULL::\"{table}\", $1::json)"
        ))
        .bind::<Text, _>(json)
        .execute(to)?;
        copied += n;
    }
    for c in columns.iter().filter(|c| c.identity == "YES") {
        to.batch_execute(&format!(
            "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{0}'), \
             COALESCE((SELECT max(\"{0}\") FROM \"{table}\"), 0) + 1, false)",
            c.name
        ))?;
    }
    Ok(copied)
}
