//! Queries of the administrators' integrity report (issue 25): decisions per verifier in a
//! period, what each resident was minted in an epoch, and the proof photos with a perceptual
//! hash, each with its claim.

use crate::schema::{claims, submission_photos, submissions, users};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

/// How many submissions one verifier decided one way in a period.
#[derive(Debug, Clone)]
pub struct DecisionCount {
    pub verifier_id: String,
    pub decision: String,
    pub count: i64,
}

/// Submissions decided in `[from, to)`, counted per verifier and decision.
pub fn decisions_by_verifier(
    conn: &mut DbConnection,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<DecisionCount>, StorageError> {
    let rows: Vec<(Option<String>, Option<String>, i64)> = submissions::table
        .filter(submissions::decided_at.ge(from))
        .filter(submissions::decided_at.lt(to))
        .filter(submissions::decided_by.is_not_null())
        .filter(submissions::decision.is_not_null())
        .group_by((submissions::decided_by, submissions::decision))
        .select((submissions::decided_by, submissions::decision, count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(who, decision, count)| {
            Some(DecisionCount {
                verifier_id: who?,
                decision: decision?,
                count,
            })
        })
        .collect())
}

/// What one resident account was minted in an epoch, per category.
#[derive(Debug, Clone, QueryableByName)]
pub struct MintTotal {
    #[diesel(sql_type = Text)]
    pub account: String,
    #[diesel(sql_type = Text)]
    pub currency: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub category: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// Mint entries of `epoch` to residents, summed per account, currency and category, by the
/// database (the epoch is a number, so it is written into the statement).
pub fn minted_to_residents(
    conn: &mut DbConnection,
    epoch: i64,
) -> Result<Vec<MintTotal>, StorageError> {
    let sql = format!(
        "SELECT to_account AS account, currency, category, \
         CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total \
         FROM ledger_entries WHERE kind = 'mint' AND epoch = {epoch} \
         AND to_account LIKE 'resident/%' \
         GROUP BY to_account, currency, category ORDER BY to_account, currency"
    );
    Ok(match conn {
        DbConnection::Postgresql(c) => diesel::sql_query(sql).load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(sql).load(c)?,
    })
}

/// A proof photo with a perceptual hash, its claim and the claim's resident.
#[derive(Debug, Clone)]
pub struct HashedPhoto {
    pub photo_id: String,
    pub perceptual_hash: String,
    pub stored_at: NaiveDateTime,
    pub claim_id: String,
    pub claimant: String,
}

/// Every hashed proof photo stored before `before`, oldest first.
pub fn hashed_photos(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> Result<Vec<HashedPhoto>, StorageError> {
    let rows: Vec<(String, Option<String>, NaiveDateTime, String, String)> =
        submission_photos::table
            .inner_join(submissions::table.inner_join(claims::table.inner_join(users::table)))
            .filter(submission_photos::perceptual_hash.is_not_null())
            .filter(submission_photos::created_at.lt(before))
            .order((submission_photos::created_at, submission_photos::id))
            .select((
                submission_photos::id,
                submission_photos::perceptual_hash,
                submission_photos::created_at,
                claims::id,
                users::username,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(photo_id, hash, stored_at, claim_id, claimant)| {
            Some(HashedPhoto {
                photo_id,
                perceptual_hash: hash?,
                stored_at,
                claim_id,
                claimant,
            })
        })
        .collect())
}
