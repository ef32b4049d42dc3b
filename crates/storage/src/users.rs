//! People's accounts.

use crate::schema::users;
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub email: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub email_verified_at: Option<NaiveDateTime>,
    pub locale: Option<String>,
    pub public_key_pem: Option<String>,
    pub private_key_pem: Option<String>,
    pub created_at: NaiveDateTime,
    pub password_changed_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> Result<(), StorageError> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn by_id(conn: &mut DbConnection, id: &str) -> Result<Option<UserRow>, StorageError> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn by_email(conn: &mut DbConnection, email: &str) -> Result<Option<UserRow>, StorageError> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn by_username(
    conn: &mut DbConnection,
    username: &str,
) -> Result<Option<UserRow>, StorageError> {
    Ok(users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn exists_username_or_email(
    conn: &mut DbConnection,
    username: &str,
    email: &str,
) -> Result<(bool, bool), StorageError> {
    let name: i64 = users::table
        .filter(users::username.eq(username))
        .count()
        .get_result(conn)?;
    let mail: i64 = users::table
        .filter(users::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok((name > 0, mail > 0))
}

pub fn count(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(users::table.count().get_result(conn)?)
}

pub fn count_verified(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(users::table
        .filter(users::email_verified_at.is_not_null())
        .count()
        .get_result(conn)?)
}

pub fn count_admins(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(users::table
        .filter(users::is_admin.eq(true))
        .count()
        .get_result(conn)?)
}

pub fn mark_verified(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(Some(at)))
    .execute(conn)?;
    Ok(())
}

pub fn set_password_hash(
    conn: &mut DbConnection,
    id: &str,
    hash: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::password_changed_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_locale(
    conn: &mut DbConnection,
    id: &str,
    locale: Option<&str>,
) -> Result<(), StorageError> {
    diesel::update(users::table.find(id))
        .set(users::locale.eq(locale))
        .execute(conn)?;
    Ok(())
}

/// Stores an actor key pair once; returns false when the user already had one.
pub fn set_keys_once(
    conn: &mut DbConnection,
    id: &str,
    public_pem: &str,
    private_pem: &str,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        users::table
            .find(id)
            .filter(users::public_key_pem.is_null()),
    )
    .set((
        users::public_key_pem.eq(public_pem),
        users::private_key_pem.eq(private_pem),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A resident's public profile: the display name and whether it is public.
pub fn profile(conn: &mut DbConnection, id: &str) -> Result<(Option<String>, bool), StorageError> {
    Ok(users::table
        .find(id)
        .select((users::display_name, users::public_profile))
        .first(conn)?)
}

pub fn set_profile(
    conn: &mut DbConnection,
    id: &str,
    display_name: Option<&str>,
    public: bool,
) -> Result<(), StorageError> {
    diesel::update(users::table.find(id))
        .set((
            users::display_name.eq(display_name),
            users::public_profile.eq(public),
        ))
        .execute(conn)?;
    Ok(())
}

/// One account as the administrator's user list shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct AccountListRow {
    pub id: String,
    pub username: String,
    pub email: String,
    pub is_admin: bool,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub suspended_at: Option<NaiveDateTime>,
    pub suspension_reason: Option<String>,
}

/// `%`, `_` and `\` typed by a person match themselves.
fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Accounts whose username or email contains `text` (any case; all of them for an empty
/// text), by username, `limit` from `offset`, with how many match in all. Usernames and
/// email addresses are kept in lower case, so the lower-cased text is compared as it is.
pub fn search(
    conn: &mut DbConnection,
    text: &str,
    offset: i64,
    limit: i64,
) -> Result<(Vec<AccountListRow>, i64), StorageError> {
    let pattern = format!("%{}%", escape_like(&text.trim().to_lowercase()));
    let matching = || {
        users::table.filter(
            users::username
                .like(pattern.clone())
                .escape('\\')
                .or(users::email.like(pattern.clone()).escape('\\')),
        )
    };
    let total: i64 = matching().count().get_result(conn)?;
    let rows = matching()
        .order(users::username.asc())
        .offset(offset)
        .limit(limit)
        .select(AccountListRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Usernames of the given accounts, by id (for naming the accounts a trail is about).
pub fn usernames(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<Vec<(String, String)>, StorageError> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::username))
        .load(conn)?)
}

/// Administrators whose account is not suspended.
pub fn count_active_admins(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(users::table
        .filter(users::is_admin.eq(true))
        .filter(users::suspended_at.is_null())
        .count()
        .get_result(conn)?)
}

/// The account behind `id` unless it is suspended: what sessions and tokens act for.
pub fn active_by_id(conn: &mut DbConnection, id: &str) -> Result<Option<UserRow>, StorageError> {
    Ok(users::table
        .find(id)
        .filter(users::suspended_at.is_null())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// When the account was suspended and why; `None` when it is not.
pub fn suspension(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<(NaiveDateTime, Option<String>)>, StorageError> {
    let found: Option<(Option<NaiveDateTime>, Option<String>)> = users::table
        .find(id)
        .select((users::suspended_at, users::suspension_reason))
        .first(conn)
        .optional()?;
    Ok(found.and_then(|(at, reason)| at.map(|at| (at, reason))))
}

/// Suspends an account (`Some((at, reason))`) or restores it (`None`).
pub fn set_suspension(
    conn: &mut DbConnection,
    id: &str,
    suspension: Option<(NaiveDateTime, &str)>,
) -> Result<(), StorageError> {
    let (at, reason) = match suspension {
        Some((at, reason)) => (Some(at), Some(reason)),
        None => (None, None),
    };
    diesel::update(users::table.find(id))
        .set((
            users::suspended_at.eq(at),
            users::suspension_reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_admin(conn: &mut DbConnection, id: &str, is_admin: bool) -> Result<(), StorageError> {
    diesel::update(users::table.find(id))
        .set(users::is_admin.eq(is_admin))
        .execute(conn)?;
    Ok(())
}
