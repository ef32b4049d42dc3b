//! Retention periods (issue 27): how long the city keeps proof photos, proof coordinates,
//! IP addresses, ended sessions and sent mail, and the sweep that removes what is older.
//!
//! Nothing of an account under legal hold is removed (see [`crate::legal_hold`]). The sweep
//! is idempotent: a photo's file is removed only by the process whose delete removed its
//! row, so two worker processes sweeping at once remove each thing once.

use crate::{AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_storage::{rate, retention};
use std::path::{Path, PathBuf};

/// Days each kind of personal data is kept (`[retention]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionSettings {
    /// Proof photos (files and rows); the claim and its verification stay.
    pub photo_days: i64,
    /// Coordinates given with proofs.
    pub location_days: i64,
    /// IP addresses (the throttles' counters).
    pub ip_days: i64,
    /// Sessions and known devices after they ended or expired.
    pub session_days: i64,
    /// Sent mail: the queue's rows and the files of the file transport.
    pub mail_days: i64,
    /// Where the file transport writes mail (`<data dir>/outbox-mail`); `None`: no files.
    pub mail_dir: Option<PathBuf>,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            photo_days: 730,
            location_days: 90,
            ip_days: 30,
            session_days: 30,
            mail_days: 30,
            mail_dir: None,
        }
    }
}

/// What one sweep removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub photos: usize,
    pub locations: usize,
    pub ip_records: usize,
    pub sessions: usize,
    pub mail_rows: usize,
    pub mail_files: usize,
}

impl Swept {
    pub fn total(&self) -> usize {
        self.photos
            + self.locations
            + self.ip_records
            + self.sessions
            + self.mail_rows
            + self.mail_files
    }
}

/// Photos removed per transaction.
const PHOTO_BATCH: i64 = 200;

fn days_before(now: NaiveDateTime, days: i64) -> NaiveDateTime {
    now - Duration::days(days)
}

/// Removes everything older than its retention period, except what belongs to an account
/// under legal hold.
pub async fn sweep(ctx: &Ctx) -> Result<Swept, AppError> {
    let settings = ctx.settings.retention.clone();
    let now = ctx.now();
    let mut swept = Swept::default();
    let held = ctx.run(|conn| Ok(retention::held(conn)?)).await?;

    // Photos: rows first (each delete tells whether this process removed it), then files.
    let photos_before = days_before(now, settings.photo_days);
    loop {
        let held_ids = held.ids.clone();
        let removed: Vec<String> = ctx
            .db
            .write(move |conn| {
                let old = retention::old_photos(conn, photos_before, &held_ids, PHOTO_BATCH)?;
                let mut removed = Vec::new();
                for photo in old {
                    if retention::delete_photo(conn, &photo.id)? == 1 {
                        removed.push(photo.file_name);
                    }
                }
                Ok::<_, AppError>(removed)
            })
            .await?;
        let batch = removed.len();
        for name in removed {
            remove_photo_file(&ctx.settings.uploads_dir, &name);
        }
        swept.photos += batch;
        if batch < PHOTO_BATCH as usize {
            break;
        }
    }

    let held2 = held.clone();
    let s = settings.clone();
    let (locations, ip_records, sessions, mail_rows) = ctx
        .db
        .write(move |conn| {
            let locations =
                retention::clear_locations(conn, days_before(now, s.location_days), &held2.ids)?;
            let ip_records = rate::prune(conn, days_before(now, s.ip_days))?;
            let sessions =
                retention::delete_old_sessions(conn, days_before(now, s.session_days), &held2.ids)?;
            let mail_rows =
                retention::delete_old_mail(conn, days_before(now, s.mail_days), &held2.emails)?;
            Ok::<_, AppError>((locations, ip_records, sessions, mail_rows))
        })
        .await?;
    swept.locations = locations;
    swept.ip_records = ip_records;
    swept.sessions = sessions;
    swept.mail_rows = mail_rows;

    if let Some(dir) = &settings.mail_dir {
        let cutoff = ctx.clock.now() - Duration::days(settings.mail_days);
        swept.mail_files = remove_old_mail_files(dir, cutoff.into(), &held.emails);
    }
    Ok(swept)
}

fn remove_photo_file(uploads_dir: &Path, file_name: &str) {
    if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
        tracing::warn!(
            file_name,
            "retention: refusing a photo name that is not plain"
        );
        return;
    }
    let path = crate::photos::path_of(uploads_dir, file_name);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(path = %path.display(), error = %e, "retention: photo file stays"),
    }
}

/// Removes `.eml` files last written before `cutoff`, except those to a held address.
fn remove_old_mail_files(
    dir: &Path,
    cutoff: std::time::SystemTime,
    held_emails: &[String],
) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|at| at < cutoff);
        if !old {
            continue;
        }
        if !held_emails.is_empty() {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let text = text.to_ascii_lowercase();
            if held_emails
                .iter()
                .any(|e| text.contains(&e.to_ascii_lowercase()))
            {
                continue;
            }
        }
        match std::fs::remove_file(&path) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "retention: mail file stays")
            }
        }
    }
    removed
}
