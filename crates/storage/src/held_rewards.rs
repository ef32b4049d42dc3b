//! Rewards held for verified work of a resident below the city's earning level, until
//! the resident is verified within the same epoch.

use crate::schema::{contributions, held_rewards};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = held_rewards)]
pub struct HeldRewardRow {
    pub claim_id: String,
    pub contribution_id: String,
    pub contributor_id: String,
    pub epoch: i64,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub held_at: NaiveDateTime,
    pub credited_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConnection, row: &HeldRewardRow) -> Result<(), StorageError> {
    diesel::insert_into(held_rewards::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// A resident's rewards of `epoch` not yet credited, oldest first.
pub fn uncredited(
    conn: &mut DbConnection,
    contributor_id: &str,
    epoch: i64,
) -> Result<Vec<HeldRewardRow>, StorageError> {
    Ok(held_rewards::table
        .filter(held_rewards::contributor_id.eq(contributor_id))
        .filter(held_rewards::epoch.eq(epoch))
        .filter(held_rewards::credited_at.is_null())
        .order((held_rewards::held_at.asc(), held_rewards::claim_id.asc()))
        .select(HeldRewardRow::as_select())
        .load(conn)?)
}

/// Every reward held for a resident, newest first (the wallet lists them).
pub fn of_contributor(
    conn: &mut DbConnection,
    contributor_id: &str,
) -> Result<Vec<HeldRewardRow>, StorageError> {
    Ok(held_rewards::table
        .filter(held_rewards::contributor_id.eq(contributor_id))
        .order((held_rewards::held_at.desc(), held_rewards::claim_id.desc()))
        .select(HeldRewardRow::as_select())
        .load(conn)?)
}

/// Marks a held reward credited and writes what was minted into its contribution. Returns
/// false when it was credited already (nothing changes).
pub fn mark_credited(
    conn: &mut DbConnection,
    claim_id: &str,
    minted_city: i64,
    minted_vote: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        held_rewards::table
            .filter(held_rewards::claim_id.eq(claim_id))
            .filter(held_rewards::credited_at.is_null()),
    )
    .set(held_rewards::credited_at.eq(Some(at)))
    .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::update(contributions::table.filter(contributions::claim_id.eq(claim_id)))
        .set((
            contributions::reward_city.eq(minted_city),
            contributions::reward_vote.eq(minted_vote),
        ))
        .execute(conn)?;
    Ok(true)
}
