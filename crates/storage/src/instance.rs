//! The one row that describes this city instance: its name, description, contact, locale,
//! time zone, keys and setup state.

use crate::schema::instance;
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = instance)]
pub struct InstanceRow {
    pub id: i32,
    pub name: Option<String>,
    pub region: Option<String>,
    pub default_locale: String,
    pub timezone: String,
    pub public_key_pem: String,
    pub private_key_pem: String,
    pub setup_token_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub configured_at: Option<NaiveDateTime>,
    pub description: String,
    /// How to reach the city's administration: an email address or a web address.
    pub contact: String,
}

pub fn get(conn: &mut DbConnection) -> Result<Option<InstanceRow>, StorageError> {
    Ok(instance::table
        .filter(instance::id.eq(1))
        .select(InstanceRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert(conn: &mut DbConnection, row: &InstanceRow) -> Result<(), StorageError> {
    diesel::insert_into(instance::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn set_setup_token_hash(
    conn: &mut DbConnection,
    hash: Option<&str>,
) -> Result<(), StorageError> {
    diesel::update(instance::table.filter(instance::id.eq(1)))
        .set(instance::setup_token_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

pub struct CityDetails<'a> {
    pub name: &'a str,
    pub region: &'a str,
    pub default_locale: &'a str,
    pub timezone: &'a str,
}

/// Records the city's details and consumes the setup token, only while the city is unconfigured.
/// Returns false when someone else configured it first.
pub fn configure(
    conn: &mut DbConnection,
    d: &CityDetails<'_>,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        instance::table
            .filter(instance::id.eq(1))
            .filter(instance::configured_at.is_null()),
    )
    .set((
        instance::name.eq(d.name),
        instance::region.eq(d.region),
        instance::default_locale.eq(d.default_locale),
        instance::timezone.eq(d.timezone),
        instance::setup_token_hash.eq(None::<String>),
        instance::configured_at.eq(Some(at)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// What the administrator's city settings change.
pub struct CitySettings<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub default_locale: &'a str,
    pub timezone: &'a str,
    pub contact: &'a str,
}

/// Locks the instance row until the transaction ends: on PostgreSQL with `FOR UPDATE`
/// (SQLite's `BEGIN IMMEDIATE` already holds the only write lock). Changes that must see
/// each other (the city's settings, who administers it) take it first.
pub fn lock(conn: &mut DbConnection) -> Result<(), StorageError> {
    let query = || {
        instance::table
            .filter(instance::id.eq(1))
            .select(instance::id)
    };
    let _: Option<i32> = match conn {
        DbConnection::Postgresql(pg) => query().for_update().first(pg).optional()?,
        DbConnection::Sqlite(lite) => query().first(lite).optional()?,
    };
    Ok(())
}

/// Saves the administrator's city settings.
pub fn update_settings(conn: &mut DbConnection, s: &CitySettings<'_>) -> Result<(), StorageError> {
    diesel::update(instance::table.filter(instance::id.eq(1)))
        .set((
            instance::name.eq(Some(s.name)),
            instance::description.eq(s.description),
            instance::default_locale.eq(s.default_locale),
            instance::timezone.eq(s.timezone),
            instance::contact.eq(s.contact),
        ))
        .execute(conn)?;
    Ok(())
}
