//! Minting verified work: `ContributionVerified` becomes CITY from the issuer's epoch budget
//! and VOTE from the city mint, in the verification's own transaction.

use super::{Journal, Operation};
use crate::{AppError, Ctx};
use citysync_domain::ledger::{AccountId, Amount, Currency, EntryKind, NewEntry};
use citysync_domain::work::ContributionVerified;
use citysync_storage::DbConnection;

/// What a mint posted, by sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Minted {
    pub city_seq: Option<i64>,
    pub vote_seq: Option<i64>,
}

/// Mints a verified contribution's reward (fixed when the claim was made). Keyed by the
/// claim, so a claim can never mint twice. An issuer whose epoch budget cannot pay is
/// refused with `BudgetExhausted`, and the caller's whole transaction rolls back.
pub fn mint(
    conn: &mut DbConnection,
    ctx: &Ctx,
    event: &ContributionVerified,
) -> Result<Minted, AppError> {
    let op = Operation::new(
        format!("contribution:{}", event.claim_id),
        &format!(
            "mint|{}|{}|{}|{}|{}",
            event.claim_id,
            event.organization_id,
            event.contributor_id,
            event.reward_city,
            event.reward_vote
        ),
    );
    let mut journal = Journal::lock(conn, ctx)?;
    if let Some(done) = journal.begin(conn, &op)? {
        return Ok(done);
    }
    let memo = format!("contribution:{}", event.contribution_id);
    let entry = |currency: Currency, from: AccountId, amount: Amount| NewEntry {
        kind: EntryKind::Mint,
        currency,
        from,
        to: AccountId::resident(&event.contributor_id, currency),
        amount,
        organization_id: Some(event.organization_id.clone()),
        category: Some(event.category.clone()),
        memo: memo.clone(),
    };
    let mut minted = Minted {
        city_seq: None,
        vote_seq: None,
    };
    if let Ok(amount) = Amount::new(event.reward_city) {
        let e = journal.post(
            conn,
            &op,
            entry(
                Currency::City,
                AccountId::budget(&event.organization_id),
                amount,
            ),
        )?;
        minted.city_seq = Some(e.seq);
    }
    if let Ok(amount) = Amount::new(event.reward_vote) {
        let e = journal.post(
            conn,
            &op,
            entry(Currency::Vote, AccountId::mint(Currency::Vote), amount),
        )?;
        minted.vote_seq = Some(e.seq);
    }
    journal.finish(conn, &op, &minted)?;
    Ok(minted)
}
