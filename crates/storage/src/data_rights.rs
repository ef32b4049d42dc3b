//! A person's rights over their data (issue 27): every record the city keeps about them,
//! read table by table for the export, and the erasure of their personal fields.
//!
//! [`PERSONAL_TABLES`] is the one list of what is theirs: each table holding rows that
//! belong to a person, the SQL condition that selects those rows, and the columns that are
//! secrets (password, token and code hashes, private keys, second-factor secrets) and are
//! never exported. The export reads each table's columns from the database itself
//! (`pragma_table_info` on SQLite, `information_schema.columns` on PostgreSQL), so a column
//! added later is exported without a change here; a new *table* is added to the list.
//!
//! Conditions are written with `:user` (the person's id) and `:email` (their address);
//! both are bound as quoted SQL literals by [`literal`] — ids are UUIDs and addresses are
//! validated before they get here, and quotes are doubled all the same.

use crate::schema::{identity_verifications, redemptions, users};
use crate::{DbConnection, StorageError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::Text;

/// A table holding rows that belong to a person.
#[derive(Debug, Clone, Copy)]
pub struct PersonalTable {
    pub table: &'static str,
    /// The SQL condition selecting the person's rows (`:user`, `:email`).
    pub rows: &'static str,
    /// Columns never exported.
    pub secret: &'static [&'static str],
}

const OWN_CLAIMS: &str = "claim_id IN (SELECT id FROM claims WHERE claimant_id = :user)";
const OWN_SUBMISSIONS: &str = "submission_id IN (SELECT s.id FROM submissions s \
     JOIN claims c ON c.id = s.claim_id WHERE c.claimant_id = :user)";
const OWN_GRANTS: &str = "grant_id IN (SELECT id FROM oauth_grants WHERE user_id = :user)";
const OWN_ACCOUNTS: &str =
    "from_account IN (SELECT id FROM ledger_accounts WHERE kind = 'resident' AND owner = :user) \
     OR to_account IN (SELECT id FROM ledger_accounts WHERE kind = 'resident' AND owner = :user)";

/// Every table with rows that are a person's, in the order the export lists them.
///
/// Not listed, on purpose: records a person made in a role for an organization or the
/// city (templates, opportunities, decisions on other people's proof, settlements) — they
/// belong to that organization and name other people; the throttle's counters
/// (`rate_events`) and the API's cached replies (`api_idempotency`), which are erased on
/// deletion but are not records about the person.
pub const PERSONAL_TABLES: &[PersonalTable] = &[
    PersonalTable {
        table: "users",
        rows: "id = :user",
        secret: &["password_hash", "public_key_pem", "private_key_pem"],
    },
    PersonalTable {
        table: "sessions",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "known_devices",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "email_tokens",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "api_tokens",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "second_factors",
        rows: "user_id = :user",
        secret: &["secret", "last_step"],
    },
    PersonalTable {
        table: "second_factor_recovery_codes",
        rows: "user_id = :user",
        secret: &["code_hash"],
    },
    PersonalTable {
        table: "second_factor_pending",
        rows: "user_id = :user",
        secret: &["token_hash", "device_hash"],
    },
    PersonalTable {
        table: "oauth_grants",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "oauth_codes",
        rows: "user_id = :user",
        secret: &["code_hash", "code_challenge"],
    },
    PersonalTable {
        table: "oauth_tokens",
        rows: OWN_GRANTS,
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "fediverse_links",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "fediverse_link_requests",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "calendar_feeds",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "mail_queue",
        rows: "recipient = :email",
        // The bodies hold one-time links (sign-in, reset, verification).
        secret: &["body_text", "body_html", "locked_until", "last_error"],
    },
    PersonalTable {
        table: "notifications",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "notification_preferences",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "notification_digests",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "notices_sent",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "identity_verifications",
        rows: "user_id = :user",
        secret: &["identifier_hash"],
    },
    PersonalTable {
        table: "identity_conflicts",
        rows: "user_id = :user",
        secret: &["identifier_hash", "holder_id"],
    },
    PersonalTable {
        table: "identity_oidc_flows",
        rows: "user_id = :user",
        secret: &["state_hash", "nonce", "pkce_verifier"],
    },
    PersonalTable {
        table: "birth_dates",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "guardian_consents",
        rows: "user_id = :user",
        secret: &["token_hash"],
    },
    PersonalTable {
        table: "waiver_acceptances",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "qualification_grants",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "memberships",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "invitations",
        rows: "invitee_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "claims",
        rows: "claimant_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "submissions",
        rows: OWN_CLAIMS,
        secret: &[],
    },
    PersonalTable {
        table: "submission_photos",
        rows: OWN_SUBMISSIONS,
        secret: &[],
    },
    PersonalTable {
        table: "attendance_confirmations",
        rows: OWN_CLAIMS,
        secret: &[],
    },
    PersonalTable {
        table: "claim_reminders",
        rows: OWN_CLAIMS,
        secret: &[],
    },
    PersonalTable {
        table: "waitlist_entries",
        rows: "resident_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "contributions",
        rows: "contributor_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "held_rewards",
        rows: "contributor_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "ledger_accounts",
        rows: "kind = 'resident' AND owner = :user",
        secret: &[],
    },
    PersonalTable {
        table: "ledger_entries",
        rows: OWN_ACCOUNTS,
        secret: &[],
    },
    PersonalTable {
        table: "redemptions",
        rows: "resident_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "vote_snapshots",
        rows: "user_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "ballots",
        rows: "voter_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "proposals",
        rows: "author_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "proposal_comments",
        rows: "author_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "comment_reports",
        rows: "reporter_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "audit_trail",
        rows: "actor_id = :user",
        secret: &[],
    },
    PersonalTable {
        table: "privileged_actions",
        rows: "actor_id = :user OR (subject_kind = 'account' AND subject_id = :user)",
        secret: &["prev_hash", "hash"],
    },
];

/// A value as exported.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Time(NaiveDateTime),
    Date(NaiveDate),
}

/// One exported row: its columns in the table's order.
pub type Record = Vec<(String, Field)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Int,
    Float,
    Text,
    Time,
    Date,
}

impl Kind {
    fn of(sql_type: &str) -> Kind {
        let t = sql_type.to_ascii_lowercase();
        if t.contains("timestamp") {
            Kind::Time
        } else if t.contains("bool") {
            Kind::Bool
        } else if t == "date" {
            Kind::Date
        } else if t.contains("int") {
            Kind::Int
        } else if t.contains("double") || t.contains("real") || t.contains("float") {
            Kind::Float
        } else {
            Kind::Text
        }
    }
}

#[derive(QueryableByName)]
struct ColumnRow {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
}

#[derive(QueryableByName)]
struct JsonRow {
    #[diesel(sql_type = Text)]
    row: String,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn corrupt(what: String) -> StorageError {
    StorageError::Corrupt(what)
}

/// A value as a quoted SQL string literal.
pub fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// `condition` with the person's id and address bound.
pub fn bind(condition: &str, user_id: &str, email: &str) -> String {
    condition
        .replace(":user", &literal(user_id))
        .replace(":email", &literal(email))
}

/// The columns of `table`, in order, with their SQL types.
pub fn columns(
    conn: &mut DbConnection,
    table: &str,
) -> Result<Vec<(String, String)>, StorageError> {
    let rows: Vec<ColumnRow> = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(
            "SELECT column_name::text AS name, data_type::text AS data_type \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind::<Text, _>(table)
        .load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT name, type AS data_type FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind::<Text, _>(table)
        .load(c)?,
    };
    Ok(rows.into_iter().map(|r| (r.name, r.data_type)).collect())
}

/// Every table of the database (diesel's own bookkeeping left out).
pub fn tables(conn: &mut DbConnection) -> Result<Vec<String>, StorageError> {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }
    let rows: Vec<Name> = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             ORDER BY table_name",
        )
        .load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .load(c)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| r.name)
        .filter(|n| !n.starts_with("__diesel"))
        .collect())
}

/// Runs one statement built here (no bound parameters).
fn execute(conn: &mut DbConnection, sql: &str) -> Result<usize, StorageError> {
    Ok(match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(sql).execute(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql).execute(c)?,
    })
}

/// Counts the rows of `table` matching `condition` (bound already).
pub fn count_where(
    conn: &mut DbConnection,
    table: &str,
    condition: &str,
) -> Result<i64, StorageError> {
    let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\" WHERE {condition}");
    let row: CountRow = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(sql).get_result(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql).get_result(c)?,
    };
    Ok(row.n)
}

/// The person's rows of one table, secrets left out.
pub fn records(
    conn: &mut DbConnection,
    table: &PersonalTable,
    user_id: &str,
    email: &str,
) -> Result<Vec<Record>, StorageError> {
    let columns: Vec<(String, Kind)> = columns(conn, table.table)?
        .into_iter()
        .filter(|(name, _)| !table.secret.contains(&name.as_str()))
        .map(|(name, t)| {
            let kind = Kind::of(&t);
            (name, kind)
        })
        .collect();
    // A table another part of the city has not created yet (an older database) has nothing.
    let Some((first, _)) = columns.first() else {
        return Ok(Vec::new());
    };
    let pairs = columns
        .iter()
        .map(|(name, _)| format!("'{name}', \"{name}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let condition = bind(table.rows, user_id, email);
    let name = table.table;
    let rows: Vec<JsonRow> = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(format!(
            "SELECT CAST(json_build_object({pairs}) AS TEXT) AS row FROM \"{name}\" \
             WHERE {condition} ORDER BY \"{first}\""
        ))
        .load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(format!(
            "SELECT json_object({pairs}) AS row FROM \"{name}\" WHERE {condition} \
             ORDER BY \"{first}\""
        ))
        .load(c)?,
    };
    rows.into_iter()
        .map(|r| {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&r.row).map_err(|e| corrupt(format!("{name}: {e}")))?;
            columns
                .iter()
                .map(|(column, kind)| {
                    let value = object.get(column).unwrap_or(&serde_json::Value::Null);
                    Ok((
                        column.clone(),
                        field(*kind, value)
                            .map_err(|e| corrupt(format!("{name}.{column}: {e}")))?,
                    ))
                })
                .collect()
        })
        .collect()
}

fn field(kind: Kind, value: &serde_json::Value) -> Result<Field, String> {
    use serde_json::Value;
    Ok(match (kind, value) {
        (_, Value::Null) => Field::Null,
        (Kind::Bool, Value::Bool(b)) => Field::Bool(*b),
        (Kind::Bool, Value::Number(n)) => Field::Bool(n.as_i64() != Some(0)),
        (Kind::Int, Value::Number(n)) => Field::Int(n.as_i64().ok_or("not an integer")?),
        (Kind::Float, Value::Number(n)) => Field::Float(n.as_f64().ok_or("not a number")?),
        (Kind::Time, Value::String(s)) => Field::Time(parse_time(s)?),
        (Kind::Date, Value::String(s)) => {
            Field::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| e.to_string())?)
        }
        (_, Value::String(s)) => Field::Text(s.clone()),
        (_, Value::Number(n)) => match n.as_i64() {
            Some(i) => Field::Int(i),
            None => Field::Float(n.as_f64().unwrap_or_default()),
        },
        (_, Value::Bool(b)) => Field::Bool(*b),
        (_, other) => Field::Text(other.to_string()),
    })
}

/// A stored time as SQLite (`2026-12-07 10:00:00.5`) or PostgreSQL's JSON (`T`) writes it.
fn parse_time(s: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f"))
        .map_err(|e| format!("{s}: {e}"))
}

/// The person's reservations still to be shown at a counter (reserved, not yet expired).
pub fn open_reservations(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<i64, StorageError> {
    Ok(redemptions::table
        .filter(redemptions::resident_id.eq(user_id))
        .filter(redemptions::state.eq("reserved"))
        .filter(redemptions::expires_at.gt(now))
        .count()
        .get_result(conn)?)
}

/// Administrators whose accounts are not deleted.
pub fn active_administrators(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(users::table
        .filter(users::is_admin.eq(true))
        .filter(users::deleted_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Whether the account was deleted.
pub fn deleted_at(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<NaiveDateTime>, StorageError> {
    Ok(users::table
        .find(user_id)
        .select(users::deleted_at)
        .first::<Option<NaiveDateTime>>(conn)
        .optional()?
        .flatten())
}

/// The display name the person gave, if any.
pub fn display_name(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<String>, StorageError> {
    Ok(users::table
        .find(user_id)
        .select(users::display_name)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// The stored names of the person's proof photos.
pub fn photo_files(conn: &mut DbConnection, user_id: &str) -> Result<Vec<String>, StorageError> {
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        file_name: String,
    }
    let sql = format!(
        "SELECT file_name FROM submission_photos WHERE {} ORDER BY file_name",
        bind(OWN_SUBMISSIONS, user_id, "")
    );
    let rows: Vec<Name> = match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(sql).load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql).load(c)?,
    };
    Ok(rows.into_iter().map(|r| r.file_name).collect())
}

/// What an erasure replaces: the person's identifying strings and their stand-ins.
#[derive(Debug, Clone)]
pub struct Erasure {
    pub user_id: String,
    pub email: String,
    pub username: String,
    pub display_name: Option<String>,
    /// The opaque username that takes the account's place (`former_…`).
    pub placeholder_username: String,
    /// The undeliverable address that takes the account's place.
    pub placeholder_email: String,
    /// What stands for the display name in other people's records ("a former resident").
    pub former_resident: String,
    pub now: NaiveDateTime,
}

/// Rows that are the person's alone and go entirely.
const DELETED: &[(&str, &str)] = &[
    ("sessions", "user_id = :user"),
    ("known_devices", "user_id = :user"),
    ("email_tokens", "user_id = :user"),
    ("api_tokens", "user_id = :user"),
    ("second_factor_pending", "user_id = :user"),
    ("second_factor_recovery_codes", "user_id = :user"),
    ("second_factors", "user_id = :user"),
    ("oauth_tokens", OWN_GRANTS),
    ("oauth_codes", "user_id = :user"),
    ("oauth_grants", "user_id = :user"),
    ("fediverse_links", "user_id = :user"),
    ("fediverse_link_requests", "user_id = :user"),
    ("calendar_feeds", "user_id = :user"),
    ("notifications", "user_id = :user"),
    ("notification_preferences", "user_id = :user"),
    ("notification_digests", "user_id = :user"),
    ("notices_sent", "user_id = :user"),
    ("identity_oidc_flows", "user_id = :user"),
    ("birth_dates", "user_id = :user"),
    ("guardian_consents", "user_id = :user"),
    ("memberships", "user_id = :user"),
    (
        "mail_attachments",
        "mail_id IN (SELECT id FROM mail_queue WHERE recipient = :email)",
    ),
    ("mail_queue", "recipient = :email"),
    ("submission_photos", OWN_SUBMISSIONS),
    ("api_idempotency", "REPLACE(owner, :user, '') <> owner"),
    ("rate_events", "REPLACE(bucket, :email, '') <> bucket"),
];

/// Text columns of other people's records that may quote the person's name or address
/// (mail to others, notifications, the audit trail, outgoing activities).
const QUOTING: &[(&str, &str)] = &[
    ("mail_queue", "subject"),
    ("mail_queue", "body_text"),
    ("mail_queue", "body_html"),
    ("notifications", "args"),
    ("audit_trail", "detail"),
    ("deliveries", "body"),
];

/// Erases the person's personal fields (in the caller's transaction): their own records go,
/// their proofs lose their free text and photos, their identity verifications keep only the
/// keyed hash (revoked), other people's records that quote them get the stand-ins, and the
/// account row keeps only its opaque id. The ledger is not touched: its accounts name the
/// opaque id only.
pub fn erase(conn: &mut DbConnection, e: &Erasure) -> Result<(), StorageError> {
    for (table, condition) in DELETED {
        let sql = format!(
            "DELETE FROM \"{table}\" WHERE {}",
            bind(condition, &e.user_id, &e.email)
        );
        execute(conn, &sql)?;
    }
    execute(
        conn,
        &format!(
            "UPDATE submissions SET text = '', extra_values = '{{}}', latitude = NULL, \
             longitude = NULL WHERE {}",
            bind(OWN_CLAIMS, &e.user_id, &e.email)
        ),
    )?;
    diesel::update(identity_verifications::table)
        .filter(identity_verifications::user_id.eq(&e.user_id))
        .set(identity_verifications::revoke_reason.eq(Some("account_deleted")))
        .execute(conn)?;
    diesel::update(identity_verifications::table)
        .filter(identity_verifications::user_id.eq(&e.user_id))
        .filter(identity_verifications::revoked_at.is_null())
        .set((
            identity_verifications::revoked_at.eq(Some(e.now)),
            identity_verifications::revoked_by.eq(Some(&e.user_id)),
        ))
        .execute(conn)?;
    let mut replaced: Vec<(&str, &str)> = vec![(&e.email, &e.placeholder_email)];
    if let Some(name) = e.display_name.as_deref().filter(|n| !n.trim().is_empty()) {
        replaced.push((name, &e.former_resident));
    }
    replaced.push((&e.username, &e.placeholder_username));
    for (table, column) in QUOTING {
        for (old, new) in &replaced {
            let (old, new) = (literal(old), literal(new));
            execute(
                conn,
                &format!(
                    "UPDATE \"{table}\" SET \"{column}\" = REPLACE(\"{column}\", {old}, {new}) \
                     WHERE REPLACE(\"{column}\", {old}, '') <> \"{column}\""
                ),
            )?;
        }
    }
    diesel::update(users::table.find(&e.user_id))
        .set((
            users::username.eq(&e.placeholder_username),
            users::email.eq(&e.placeholder_email),
            users::password_hash.eq("!"),
            users::display_name.eq(None::<String>),
            users::locale.eq(None::<String>),
            users::public_key_pem.eq(None::<String>),
            users::private_key_pem.eq(None::<String>),
            users::public_profile.eq(false),
            users::suspension_reason.eq(None::<String>),
            users::deleted_at.eq(Some(e.now)),
        ))
        .execute(conn)?;
    Ok(())
}
