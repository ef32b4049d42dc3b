//! Minting verified work: `ContributionVerified` becomes CITY from the issuer's epoch budget
//! and VOTE from the city mint, in the verification's own transaction. A co-issued
//! opportunity's CITY comes from each paying organization's budget, one entry each.

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

/// Mints `event` in a transaction of its own: the test kit's way to fill wallets without the
/// whole verification.
#[cfg(feature = "test-kit")]
pub async fn mint_now(ctx: &Ctx, event: ContributionVerified) -> Result<Minted, AppError> {
    let ctx2 = ctx.clone();
    ctx.db.write(move |conn| mint(conn, &ctx2, &event)).await
}

/// [`mint`] in the caller's transaction, for the tests that count its statements.
#[cfg(feature = "test-kit")]
pub fn mint_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    event: &ContributionVerified,
) -> Result<Minted, AppError> {
    mint(conn, ctx, event)
}

/// Mints a verified contribution's reward (fixed when the claim was made). Keyed by the
/// claim, so a claim can never mint twice. An issuer whose epoch budget cannot pay is
/// refused with `BudgetExhausted`, and the caller's whole transaction rolls back.
pub(crate) fn mint(
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
    // Who pays is read before the head's lock: partnerships are not the ledger's to serialize.
    let payers = city_payers(conn, event)?;
    let mut journal = Journal::lock_for(conn, ctx, &op)?;
    if let Some(done) = journal.begin(conn, &op)? {
        return Ok(done);
    }
    let memo = format!("contribution:{}", event.contribution_id);
    let entry = |currency: Currency, from: AccountId, amount: Amount, org: &str| NewEntry {
        kind: EntryKind::Mint,
        currency,
        from,
        to: AccountId::resident(&event.contributor_id, currency),
        amount,
        organization_id: Some(org.to_owned()),
        category: Some(event.category.clone()),
        memo: memo.clone(),
    };
    let mut minted = Minted {
        city_seq: None,
        vote_seq: None,
    };
    // A co-issued opportunity: each paying organization's own budget pays its part.
    // Each pays from its epoch budget, then from what decisions funded it (`funded`). The
    // budget alone is tried first: a refused debit moves nothing, and only then are the
    // balances read to split the reward.
    for (org, city) in payers {
        let Ok(whole) = Amount::new(city) else {
            continue;
        };
        let budget = entry(Currency::City, AccountId::budget(&org), whole, &org);
        let first = match journal.post(conn, &op, budget) {
            Err(AppError::BudgetExhausted) => None,
            other => Some(other?),
        };
        let posted = match first {
            Some(e) => vec![e],
            None => super::funded::sources(conn, &org, city)?
                .into_iter()
                .map(|(from, amount)| {
                    journal.post(conn, &op, entry(Currency::City, from, amount, &org))
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        if let Some(e) = posted.first() {
            minted.city_seq = minted.city_seq.or(Some(e.seq));
        }
    }
    if let Ok(amount) = Amount::new(event.reward_vote) {
        let e = journal.post(
            conn,
            &op,
            entry(
                Currency::Vote,
                AccountId::mint(Currency::Vote),
                amount,
                &event.organization_id,
            ),
        )?;
        minted.vote_seq = Some(e.seq);
    }
    journal.finish(conn, &op, &minted)?;
    Ok(minted)
}

/// Who pays a contribution's CITY reward and how much: the issuing organization alone, or
/// for a co-issued opportunity each accepted partner its share (scaled like the reward when a
/// multiplier changed it) and the issuer the remainder, summing exactly to the reward.
fn city_payers(
    conn: &mut DbConnection,
    event: &ContributionVerified,
) -> Result<Vec<(String, i64)>, AppError> {
    let partners = citysync_storage::partners::accepted_of(conn, &event.opportunity_id)?;
    if partners.is_empty() {
        return Ok(vec![(event.organization_id.clone(), event.reward_city)]);
    }
    // The shares were set against the template's reward as the claim fixed it.
    let base = citysync_storage::claims::by_id(conn, &event.claim_id)?
        .map_or(event.reward_city, |c| c.reward_city);
    let shares: Vec<i64> = partners.iter().map(|p| p.share_city).collect();
    let split = citysync_domain::partners::split(event.reward_city, base, &shares);
    let mut payers = vec![(event.organization_id.clone(), split.lead)];
    payers.extend(
        partners
            .into_iter()
            .map(|p| p.organization_id)
            .zip(split.partners),
    );
    Ok(payers)
}
