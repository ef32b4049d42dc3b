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
