//! Reading the log: the administrator's page, filtered by who, what and when, a page at a
//! time, and the same entries as CSV.

use super::{Capacity, PrivilegedAction, Subject, PAGE_SIZE};
use crate::{AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_storage::privileged_log as store;
use serde::Serialize;

/// The most entries one CSV export holds (the newest ones the filter keeps).
pub const CSV_MAX: i64 = 100_000;

/// What the log is filtered by; everything optional. Times are UTC instants (the page reads
/// the dates typed on the city's clock).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    /// The actor's username; empty for everyone.
    pub who: String,
    pub kind: Option<PrivilegedAction>,
    /// From this instant on (inclusive).
    pub from: Option<NaiveDateTime>,
    /// Before this instant (exclusive).
    pub until: Option<NaiveDateTime>,
}

impl LogFilter {
    fn store(&self) -> store::Filter {
        let who = self.who.trim().trim_start_matches('@').to_ascii_lowercase();
        store::Filter {
            username: Some(who).filter(|w| !w.is_empty()),
            operator_only: false,
            kind: self.kind.map(|k| k.as_str().to_owned()),
            from: self.from,
            until: self.until,
        }
    }
}

/// One entry as the page and the CSV show it.
#[derive(Debug, Clone, Serialize)]
pub struct LogLine {
    pub seq: i64,
    pub at: NaiveDateTime,
    /// The actor's username; `None` for the operator and the system, or an account since
    /// deleted (then `actor_id` is kept).
    pub actor: Option<String>,
    pub actor_id: Option<String>,
    pub capacity: Option<Capacity>,
    /// `None` only for a kind this version does not know (kept as `kind`).
    pub action: Option<PrivilegedAction>,
    pub kind: String,
    /// The Fluent id of the kind in words.
    pub kind_message: String,
    pub subject: Option<Subject>,
    pub subject_kind: String,
    pub subject_id: String,
    pub detail: serde_json::Value,
    /// The detail as stored (canonical JSON).
    pub detail_text: String,
    pub hash: String,
}

impl From<(store::PrivilegedActionRow, Option<String>)> for LogLine {
    fn from((row, username): (store::PrivilegedActionRow, Option<String>)) -> Self {
        let action = PrivilegedAction::parse(&row.kind);
        LogLine {
            seq: row.seq,
            at: row.occurred_at,
            actor: username,
            actor_id: row.actor_id,
            capacity: Capacity::parse(&row.capacity),
            action,
            kind_message: action
                .map(PrivilegedAction::message_id)
                .unwrap_or_else(|| "privileged-action-unknown".to_owned()),
            kind: row.kind,
            subject: Subject::parse(&row.subject_kind),
            subject_kind: row.subject_kind,
            subject_id: row.subject_id,
            detail: serde_json::from_str(&row.detail).unwrap_or(serde_json::Value::Null),
            detail_text: row.detail,
            hash: row.hash,
        }
    }
}

/// A page of the filtered log, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct LogPage {
    pub lines: Vec<LogLine>,
    /// How many entries the filter keeps in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// How many pages there are (at least 1).
    pub pages: i64,
}

/// Page `page` (from 1) of the filtered log, newest first. Administrators only.
pub async fn list(
    ctx: &Ctx,
    admin: &User,
    filter: &LogFilter,
    page: i64,
) -> Result<LogPage, AppError> {
    admin.require_admin()?;
    let page = page.max(1);
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let filter = filter.store();
    let (rows, total) = ctx
        .run(move |conn| {
            Ok((
                store::list(conn, &filter, offset, PAGE_SIZE)?,
                store::count(conn, &filter)?,
            ))
        })
        .await?;
    Ok(LogPage {
        lines: rows.into_iter().map(LogLine::from).collect(),
        total,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
    })
}

/// Every entry the filter keeps (up to [`CSV_MAX`], newest first). Administrators only.
pub async fn export(ctx: &Ctx, admin: &User, filter: &LogFilter) -> Result<Vec<LogLine>, AppError> {
    admin.require_admin()?;
    let filter = filter.store();
    let rows = ctx
        .run(move |conn| Ok(store::list(conn, &filter, 0, CSV_MAX)?))
        .await?;
    Ok(rows.into_iter().map(LogLine::from).collect())
}

/// The entries as CSV, one line each, with the kind in words (`words`) and the time on the
/// city's clock (`local`) beside the UTC instant.
pub fn csv(
    lines: &[LogLine],
    header: &[String; 11],
    words: impl Fn(&LogLine) -> String,
    local: impl Fn(NaiveDateTime) -> NaiveDateTime,
) -> String {
    let mut out = String::new();
    let mut row = |fields: Vec<String>| {
        let cells: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    row(header.to_vec());
    for l in lines {
        row(vec![
            l.seq.to_string(),
            l.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            local(l.at).format("%Y-%m-%d %H:%M:%S").to_string(),
            l.actor.clone().unwrap_or_default(),
            l.capacity
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            l.kind.clone(),
            words(l),
            l.subject_kind.clone(),
            l.subject_id.clone(),
            l.detail_text.clone(),
            l.hash.clone(),
        ]);
    }
    out
}

/// One CSV cell: quoted, control characters dropped, and a leading formula sign defused
/// (CWE-1236).
fn field(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_control()).collect();
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}
