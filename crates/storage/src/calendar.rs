//! Recurring opportunities (the series an occurrence belongs to), files queued with an
//! email, and the residents' private calendar feeds.

use crate::catalog::OpportunityRow;
use crate::schema::{calendar_feeds, mail_attachments, opportunities, opportunity_series};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = opportunity_series)]
pub struct SeriesRow {
    pub opportunity_id: String,
    pub series_id: String,
    pub position: i32,
}

pub fn insert_series_member(conn: &mut DbConnection, row: &SeriesRow) -> Result<(), StorageError> {
    diesel::insert_into(opportunity_series::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The series `opportunity_id` belongs to, if any.
pub fn series_of(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<Option<SeriesRow>, StorageError> {
    Ok(opportunity_series::table
        .find(opportunity_id)
        .select(SeriesRow::as_select())
        .first(conn)
        .optional()?)
}

/// The occurrences of a series, soonest first.
pub fn series_members(
    conn: &mut DbConnection,
    series_id: &str,
) -> Result<Vec<OpportunityRow>, StorageError> {
    Ok(opportunity_series::table
        .inner_join(
            opportunities::table.on(opportunities::id.eq(opportunity_series::opportunity_id)),
        )
        .filter(opportunity_series::series_id.eq(series_id))
        .order((
            opportunities::starts_at.asc(),
            opportunity_series::position.asc(),
        ))
        .select(OpportunityRow::as_select())
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = mail_attachments)]
pub struct AttachmentRow {
    pub mail_id: String,
    pub position: i32,
    pub filename: String,
    pub content_type: String,
    pub body: String,
}

pub fn insert_attachment(conn: &mut DbConnection, row: &AttachmentRow) -> Result<(), StorageError> {
    diesel::insert_into(mail_attachments::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The files queued with one email, in order.
pub fn attachments_of(
    conn: &mut DbConnection,
    mail_id: &str,
) -> Result<Vec<AttachmentRow>, StorageError> {
    Ok(mail_attachments::table
        .filter(mail_attachments::mail_id.eq(mail_id))
        .order(mail_attachments::position.asc())
        .select(AttachmentRow::as_select())
        .load(conn)?)
}

/// Sets (or replaces) a resident's calendar-feed secret.
pub fn set_feed_token(
    conn: &mut DbConnection,
    user_id: &str,
    token_hash: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::delete(calendar_feeds::table.find(user_id)).execute(conn)?;
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::user_id.eq(user_id),
            calendar_feeds::token_hash.eq(token_hash),
            calendar_feeds::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whose feed a secret opens, if anyone's.
pub fn feed_owner(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<String>, StorageError> {
    Ok(calendar_feeds::table
        .filter(calendar_feeds::token_hash.eq(token_hash))
        .select(calendar_feeds::user_id)
        .first(conn)
        .optional()?)
}

/// When a resident's feed secret was made, if they have one.
pub fn feed_created(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<NaiveDateTime>, StorageError> {
    Ok(calendar_feeds::table
        .find(user_id)
        .select(calendar_feeds::created_at)
        .first(conn)
        .optional()?)
}
