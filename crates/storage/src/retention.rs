//! Retention (issue 27): finding and removing personal data older than the city keeps it,
//! never touching an account under legal hold. Every removal is idempotent, so two worker
//! processes sweeping at once remove each thing once.

use crate::schema::{
    claims, known_devices, mail_queue, sessions, submission_photos, submissions, users,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The accounts under legal hold: their ids and email addresses.
#[derive(Debug, Clone, Default)]
pub struct Held {
    pub ids: Vec<String>,
    pub emails: Vec<String>,
}

pub fn held(conn: &mut DbConnection) -> Result<Held, StorageError> {
    let rows: Vec<(String, String)> = users::table
        .filter(users::legal_hold.eq(true))
        .select((users::id, users::email))
        .load(conn)?;
    let (ids, emails) = rows.into_iter().unzip();
    Ok(Held { ids, emails })
}

/// A proof photo old enough to go: its row id and the file it names.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct OldPhoto {
    pub id: String,
    pub file_name: String,
}

/// Up to `limit` proof photos stored before `before`, of claimants not in `held_ids`.
pub fn old_photos(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    held_ids: &[String],
    limit: i64,
) -> Result<Vec<OldPhoto>, StorageError> {
    Ok(submission_photos::table
        .inner_join(submissions::table.inner_join(claims::table))
        .filter(submission_photos::created_at.lt(before))
        .filter(claims::claimant_id.ne_all(held_ids))
        .select((submission_photos::id, submission_photos::file_name))
        .order(submission_photos::created_at.asc())
        .limit(limit)
        .load(conn)?)
}

/// Deletes one photo's row; 1 when this call deleted it, 0 when another already had.
pub fn delete_photo(conn: &mut DbConnection, id: &str) -> Result<usize, StorageError> {
    Ok(
        diesel::delete(submission_photos::table.filter(submission_photos::id.eq(id)))
            .execute(conn)?,
    )
}

/// Blanks the coordinates of proofs submitted before `before`, except held claimants'.
pub fn clear_locations(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    held_ids: &[String],
) -> Result<usize, StorageError> {
    let held_claims: Vec<String> = claims::table
        .filter(claims::claimant_id.eq_any(held_ids))
        .select(claims::id)
        .load(conn)?;
    Ok(diesel::update(
        submissions::table
            .filter(submissions::submitted_at.lt(before))
            .filter(
                submissions::latitude
                    .is_not_null()
                    .or(submissions::longitude.is_not_null()),
            )
            .filter(submissions::claim_id.ne_all(&held_claims)),
    )
    .set((
        submissions::latitude.eq(None::<f64>),
        submissions::longitude.eq(None::<f64>),
    ))
    .execute(conn)?)
}

/// Deletes sessions and known devices that ended (expired) before `before`, except held
/// accounts'.
pub fn delete_old_sessions(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    held_ids: &[String],
) -> Result<usize, StorageError> {
    let s = diesel::delete(
        sessions::table
            .filter(sessions::expires_at.lt(before))
            .filter(sessions::user_id.ne_all(held_ids)),
    )
    .execute(conn)?;
    let d = diesel::delete(
        known_devices::table
            .filter(known_devices::expires_at.lt(before))
            .filter(known_devices::user_id.ne_all(held_ids)),
    )
    .execute(conn)?;
    Ok(s + d)
}

/// Deletes queued mail sent or given up before `before`, except mail to held addresses.
pub fn delete_old_mail(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    held_emails: &[String],
) -> Result<usize, StorageError> {
    Ok(diesel::delete(
        mail_queue::table
            .filter(
                mail_queue::sent_at
                    .lt(before)
                    .or(mail_queue::failed_at.lt(before)),
            )
            .filter(mail_queue::recipient.ne_all(held_emails)),
    )
    .execute(conn)?)
}
