//! Fediverse accounts linked to residents (issue 24), and the link requests that confirm
//! them: one actor per resident, one resident per actor (both unique in the table).

use crate::schema::{claims, fediverse_link_requests as requests, fediverse_links as links};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::identity::LinkRequestState;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = links)]
pub struct LinkRow {
    pub user_id: String,
    /// The actor's id (a URL).
    pub actor: String,
    /// `@user@host`.
    pub handle: String,
    pub inbox: String,
    pub linked_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = requests)]
pub struct LinkRequestRow {
    pub id: String,
    pub user_id: String,
    /// As typed, without its leading `@`: `alice@mastodon.example`.
    pub handle: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: LinkRequestState,
    pub actor: Option<String>,
    pub inbox: Option<String>,
    pub token_hash: Option<String>,
    pub requested_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub expires_at: Option<NaiveDateTime>,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert_link(conn: &mut DbConnection, row: &LinkRow) -> Result<(), StorageError> {
    diesel::insert_into(links::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

pub fn link_of_user(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<LinkRow>, StorageError> {
    Ok(links::table
        .find(user_id)
        .select(LinkRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn link_of_actor(
    conn: &mut DbConnection,
    actor: &str,
) -> Result<Option<LinkRow>, StorageError> {
    Ok(links::table
        .filter(links::actor.eq(actor))
        .select(LinkRow::as_select())
        .first(conn)
        .optional()?)
}

/// Removes the resident's link; false if there was none.
pub fn delete_link(conn: &mut DbConnection, user_id: &str) -> Result<bool, StorageError> {
    Ok(diesel::delete(links::table.find(user_id)).execute(conn)? > 0)
}

/// The linked actors of the residents holding a claim on the opportunity in one of `states`.
pub fn links_of_claimants(
    conn: &mut DbConnection,
    opportunity_id: &str,
    states: &[&str],
) -> Result<Vec<LinkRow>, StorageError> {
    let claimants = claims::table
        .filter(claims::opportunity_id.eq(opportunity_id))
        .filter(claims::state.eq_any(states))
        .select(claims::claimant_id);
    Ok(links::table
        .filter(links::user_id.eq_any(claimants))
        .order(links::actor.asc())
        .select(LinkRow::as_select())
        .load(conn)?)
}

pub fn insert_request(conn: &mut DbConnection, row: &LinkRequestRow) -> Result<(), StorageError> {
    diesel::insert_into(requests::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

/// Ends the resident's open requests (requested or sent): their links stop working.
pub fn supersede_requests(conn: &mut DbConnection, user_id: &str) -> Result<(), StorageError> {
    diesel::update(
        requests::table
            .filter(requests::user_id.eq(user_id))
            .filter(requests::state.eq_any([
                LinkRequestState::Requested.as_str(),
                LinkRequestState::Sent.as_str(),
            ])),
    )
    .set(requests::state.eq(LinkRequestState::Superseded.as_str()))
    .execute(conn)?;
    Ok(())
}

/// The resident's latest request, whatever its state.
pub fn latest_request(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<LinkRequestRow>, StorageError> {
    Ok(requests::table
        .filter(requests::user_id.eq(user_id))
        .order((requests::requested_at.desc(), requests::id.desc()))
        .select(LinkRequestRow::as_select())
        .first(conn)
        .optional()?)
}

/// Requests waiting to be resolved, oldest first.
pub fn requested(conn: &mut DbConnection, limit: i64) -> Result<Vec<LinkRequestRow>, StorageError> {
    Ok(requests::table
        .filter(requests::state.eq(LinkRequestState::Requested.as_str()))
        .order((requests::requested_at.asc(), requests::id.asc()))
        .limit(limit)
        .select(LinkRequestRow::as_select())
        .load(conn)?)
}

/// Records that the link was sent to `actor`; false when the request is no longer waiting
/// (superseded meanwhile, or handled by another worker).
pub fn mark_sent(
    conn: &mut DbConnection,
    id: &str,
    sent: (&str, &str, &str),
    at: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let (actor, inbox, token_hash) = sent;
    let n = diesel::update(
        requests::table
            .find(id)
            .filter(requests::state.eq(LinkRequestState::Requested.as_str())),
    )
    .set((
        requests::state.eq(LinkRequestState::Sent.as_str()),
        requests::actor.eq(Some(actor)),
        requests::inbox.eq(Some(inbox)),
        requests::token_hash.eq(Some(token_hash)),
        requests::sent_at.eq(Some(at)),
        requests::expires_at.eq(Some(expires_at)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The handle did not resolve; false when the request is no longer waiting.
pub fn mark_unresolved(conn: &mut DbConnection, id: &str) -> Result<bool, StorageError> {
    let n = diesel::update(
        requests::table
            .find(id)
            .filter(requests::state.eq(LinkRequestState::Requested.as_str())),
    )
    .set(requests::state.eq(LinkRequestState::Unresolved.as_str()))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn request_by_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<LinkRequestRow>, StorageError> {
    Ok(requests::table
        .filter(requests::token_hash.eq(token_hash))
        .select(LinkRequestRow::as_select())
        .first(conn)
        .optional()?)
}

/// Spends a sent request's link; false when it was already used or replaced (so two clicks
/// cannot both link).
pub fn mark_used(
    conn: &mut DbConnection,
    id: &str,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        requests::table
            .find(id)
            .filter(requests::state.eq(LinkRequestState::Sent.as_str())),
    )
    .set((
        requests::state.eq(LinkRequestState::Used.as_str()),
        requests::used_at.eq(Some(at)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
