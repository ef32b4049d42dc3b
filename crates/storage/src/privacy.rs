//! The privacy notice (issue 27): published versions and their texts, each person's
//! acceptances, and the legal hold on accounts.

use crate::schema::{privacy_acceptances, privacy_texts, privacy_versions, users};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = privacy_versions)]
pub struct VersionRow {
    pub version: i32,
    pub published_at: NaiveDateTime,
    pub published_by: Option<String>,
}

/// The newest published version, if any was published (the default version 1 has no row).
pub fn latest_version(conn: &mut DbConnection) -> Result<Option<i32>, StorageError> {
    Ok(privacy_versions::table
        .select(diesel::dsl::max(privacy_versions::version))
        .first::<Option<i32>>(conn)?)
}

pub fn version(conn: &mut DbConnection, version: i32) -> Result<Option<VersionRow>, StorageError> {
    Ok(privacy_versions::table
        .find(version)
        .select(VersionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Every published version, newest first.
pub fn versions(conn: &mut DbConnection) -> Result<Vec<VersionRow>, StorageError> {
    Ok(privacy_versions::table
        .select(VersionRow::as_select())
        .order(privacy_versions::version.desc())
        .load(conn)?)
}

/// A version's texts as `(locale code, body)`, by locale.
pub fn texts(conn: &mut DbConnection, version: i32) -> Result<Vec<(String, String)>, StorageError> {
    Ok(privacy_texts::table
        .filter(privacy_texts::version.eq(version))
        .select((privacy_texts::locale, privacy_texts::body))
        .order(privacy_texts::locale.asc())
        .load(conn)?)
}

/// Stores a new version with its texts. Two administrators publishing the same number at
/// once: the second insert fails on the primary key.
pub fn insert_version(
    conn: &mut DbConnection,
    row: &VersionRow,
    texts: &[(String, String)],
) -> Result<(), StorageError> {
    diesel::insert_into(privacy_versions::table)
        .values(row)
        .execute(conn)?;
    for (locale, body) in texts {
        diesel::insert_into(privacy_texts::table)
            .values((
                privacy_texts::version.eq(row.version),
                privacy_texts::locale.eq(locale),
                privacy_texts::body.eq(body),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The newest version a person accepted.
pub fn accepted_version(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<i32>, StorageError> {
    Ok(privacy_acceptances::table
        .filter(privacy_acceptances::user_id.eq(user_id))
        .select(diesel::dsl::max(privacy_acceptances::version))
        .first::<Option<i32>>(conn)?)
}

/// A person's acceptances as `(version, at)`, newest first.
pub fn acceptances(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Vec<(i32, NaiveDateTime)>, StorageError> {
    Ok(privacy_acceptances::table
        .filter(privacy_acceptances::user_id.eq(user_id))
        .select((
            privacy_acceptances::version,
            privacy_acceptances::accepted_at,
        ))
        .order(privacy_acceptances::version.desc())
        .load(conn)?)
}

/// Records an acceptance; accepting the same version twice keeps the first.
pub fn record_acceptance(
    conn: &mut DbConnection,
    user_id: &str,
    version: i32,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    let row = (
        privacy_acceptances::user_id.eq(user_id),
        privacy_acceptances::version.eq(version),
        privacy_acceptances::accepted_at.eq(at),
    );
    match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(privacy_acceptances::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => diesel::insert_into(privacy_acceptances::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(lite)?,
    };
    Ok(())
}

/// An account's legal hold: the reason, who set it and when (`None`: not on hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRow {
    pub reason: String,
    pub set_by: Option<String>,
    pub set_at: Option<NaiveDateTime>,
}

/// `legal_hold`, its reason, who set it, when.
type HoldColumns = (bool, Option<String>, Option<String>, Option<NaiveDateTime>);

pub fn hold_of(conn: &mut DbConnection, user_id: &str) -> Result<Option<HoldRow>, StorageError> {
    let row: Option<HoldColumns> = users::table
        .find(user_id)
        .select((
            users::legal_hold,
            users::legal_hold_reason,
            users::legal_hold_by,
            users::legal_hold_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(held, reason, set_by, set_at)| {
        held.then(|| HoldRow {
            reason: reason.unwrap_or_default(),
            set_by,
            set_at,
        })
    }))
}

/// The usernames on hold among `usernames`, with their holds.
pub fn holds_among(
    conn: &mut DbConnection,
    usernames: &[String],
) -> Result<Vec<(String, String, Option<NaiveDateTime>)>, StorageError> {
    let rows: Vec<(String, Option<String>, Option<NaiveDateTime>)> = users::table
        .filter(users::username.eq_any(usernames))
        .filter(users::legal_hold.eq(true))
        .select((
            users::username,
            users::legal_hold_reason,
            users::legal_hold_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(u, r, at)| (u, r.unwrap_or_default(), at))
        .collect())
}

/// Sets (`Some(reason)`) or lifts (`None`) an account's hold, by compare-and-set on its
/// current state: 1 when it changed, 0 when it already was so.
pub fn set_hold(
    conn: &mut DbConnection,
    user_id: &str,
    reason: Option<&str>,
    by: &str,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    let target = users::table
        .filter(users::id.eq(user_id))
        .filter(users::legal_hold.eq(reason.is_none()));
    Ok(diesel::update(target)
        .set((
            users::legal_hold.eq(reason.is_some()),
            users::legal_hold_reason.eq(reason),
            users::legal_hold_by.eq(Some(by)),
            users::legal_hold_at.eq(Some(at)),
        ))
        .execute(conn)?)
}
