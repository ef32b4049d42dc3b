//! The personal data export: every record of [`PERSONAL_TABLES`] that is the person's,
//! secrets left out, and the files of their proof photos. The doors turn it into a zip
//! holding `data.json` ([`Export::data_json`]), a readable `index.html` in the person's
//! language, and the photos under `photos/`.

use super::check_password;
use crate::privileged_log::{self, Capacity, Entry, PrivilegedAction, Subject};
use crate::{photos, AppError, Ctx, User};
use chrono::{DateTime, NaiveDate, Utc};
use citysync_domain::UserId;
use citysync_storage::data_rights::{self as store, Field, PERSONAL_TABLES};
use serde_json::json;

/// The format named in `data.json`, for whoever reads it later.
pub const FORMAT: &str = "citysync-personal-data/1";

/// A value of an exported record.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    /// An instant (UTC); shown on the city's clock.
    Time(DateTime<Utc>),
    Date(NaiveDate),
}

impl Value {
    fn of(field: Field) -> Value {
        match field {
            Field::Null => Value::Null,
            Field::Bool(b) => Value::Bool(b),
            Field::Int(i) => Value::Int(i),
            Field::Float(f) => Value::Float(f),
            Field::Text(s) => Value::Text(s),
            Field::Time(t) => Value::Time(t.and_utc()),
            Field::Date(d) => Value::Date(d),
        }
    }

    /// The value in `data.json`: instants in RFC 3339 UTC, dates as `YYYY-MM-DD`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => json!(b),
            Value::Int(i) => json!(i),
            Value::Float(f) => json!(f),
            Value::Text(s) => json!(s),
            Value::Time(t) => json!(t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
            Value::Date(d) => json!(d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// One table's records of the person.
#[derive(Debug, Clone)]
pub struct ExportTable {
    /// The table's name (also the key of its section in `data.json`).
    pub name: &'static str,
    /// Each record's columns, in the table's order.
    pub records: Vec<Vec<(String, Value)>>,
}

/// A proof photo's file.
#[derive(Debug, Clone)]
pub struct PhotoFile {
    /// Its path in the archive: `photos/<stored name>`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything the city holds about one person.
#[derive(Debug, Clone)]
pub struct Export {
    pub user_id: UserId,
    pub username: String,
    pub generated_at: DateTime<Utc>,
    pub tables: Vec<ExportTable>,
    pub photos: Vec<PhotoFile>,
}

impl Export {
    /// The records of `table`, if it is exported.
    pub fn table(&self, name: &str) -> Option<&ExportTable> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// `data.json`: the format, when and for whom it was made, each table's records in
    /// the order the city lists them, and the photos' paths in the archive.
    pub fn data_json(&self) -> Result<Vec<u8>, AppError> {
        let tables: Vec<serde_json::Value> = self
            .tables
            .iter()
            .map(|t| {
                let records: Vec<serde_json::Value> = t
                    .records
                    .iter()
                    .map(|r| {
                        serde_json::Value::Object(
                            r.iter().map(|(k, v)| (k.clone(), v.to_json())).collect(),
                        )
                    })
                    .collect();
                json!({ "table": t.name, "records": records })
            })
            .collect();
        let photos: Vec<&str> = self.photos.iter().map(|p| p.path.as_str()).collect();
        serde_json::to_vec_pretty(&json!({
            "format": FORMAT,
            "generated_at": self.generated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "user_id": self.user_id.to_string(),
            "username": self.username,
            "tables": tables,
            "photos": photos,
        }))
        .map_err(|e| AppError::internal(format!("data.json: {e}")))
    }
}

/// Exports `user`'s data after checking their password again (a wrong one changes
/// nothing and records nothing). The act is recorded in the privileged-action log in the
/// same transaction that reads the records, so the export holds its own entry.
pub async fn export(ctx: &Ctx, user: &User, password: &str) -> Result<Export, AppError> {
    check_password(ctx, user, password).await?;
    let ctx2 = ctx.clone();
    let id = user.id.to_string();
    let (email, username) = (user.email.to_string(), user.username.to_string());
    let tables = ctx
        .db
        .write(move |conn| {
            let now = ctx2.now();
            privileged_log::record(
                conn,
                &Entry::new(
                    Some(&id),
                    Capacity::Owner,
                    PrivilegedAction::DataExported,
                    Subject::Account,
                    &id,
                    now,
                ),
            )?;
            let mut tables = Vec::with_capacity(PERSONAL_TABLES.len());
            for table in PERSONAL_TABLES {
                let records = store::records(conn, table, &id, &email)?
                    .into_iter()
                    .map(|r| r.into_iter().map(|(k, f)| (k, Value::of(f))).collect())
                    .collect();
                tables.push(ExportTable {
                    name: table.table,
                    records,
                });
            }
            Ok::<_, AppError>(tables)
        })
        .await?;
    let mut export = Export {
        user_id: user.id,
        username,
        generated_at: ctx.clock.now(),
        tables,
        photos: Vec::new(),
    };
    let names: Vec<String> = export
        .table("submission_photos")
        .map(|t| {
            t.records
                .iter()
                .filter_map(|r| match r.iter().find(|(k, _)| k == "file_name") {
                    Some((_, Value::Text(name))) => Some(name.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let dir = ctx.settings.uploads_dir.clone();
    export.photos = tokio::task::spawn_blocking(move || {
        names
            .into_iter()
            .filter_map(|name| {
                // A photo whose file is missing is still listed in data.json.
                photos::read(&dir, &name).ok().map(|bytes| PhotoFile {
                    path: format!("photos/{name}"),
                    bytes,
                })
            })
            .collect()
    })
    .await
    .map_err(AppError::internal)?;
    Ok(export)
}
