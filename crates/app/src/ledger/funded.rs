//! CITY a participatory budget funded an organization with (issue 25). A passed budget
//! decision pays each funded organization from the city's mint into the organization's own
//! account (`organization/<id>/CITY`, an `adjust` entry whose memo names the proposal). That
//! CITY is the organization's to issue with: minting its tasks' rewards draws on the epoch
//! budget first (it returns to the mint at the close) and on the funded CITY for the rest
//! (it does not expire), each as an ordinary entry of the hash chain.

use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::ledger::{AccountId, Amount, EntryKind};
use citysync_storage::governance as gov_store;
use citysync_storage::ledger as store;
use citysync_storage::DbConnection;
use serde::Serialize;

/// Which accounts pay a reward of `amount` CITY minted for `organization_id`'s task: the
/// epoch budget, then the funded CITY. When both together cannot pay, the whole reward is
/// asked of the budget, so the caller gets `BudgetExhausted` as before.
pub(crate) fn sources(
    conn: &mut DbConnection,
    organization_id: &str,
    amount: i64,
) -> Result<Vec<(AccountId, Amount)>, AppError> {
    let budget = AccountId::budget(organization_id);
    let Ok(whole) = Amount::new(amount) else {
        return Ok(Vec::new());
    };
    let in_budget = balance(conn, &budget)?;
    if in_budget >= amount {
        return Ok(vec![(budget, whole)]);
    }
    let own = AccountId::organization(organization_id);
    let rest = amount - in_budget.max(0);
    if balance(conn, &own)? < rest {
        return Ok(vec![(budget, whole)]);
    }
    let mut out = Vec::new();
    if let Ok(part) = Amount::new(in_budget) {
        out.push((budget, part));
    }
    out.push((own, Amount::new(rest)?));
    Ok(out)
}

fn balance(conn: &mut DbConnection, account: &AccountId) -> Result<i64, AppError> {
    Ok(store::account(conn, &account.to_string())?.map_or(0, |a| a.balance))
}

/// One payment a decision made to the organization.
#[derive(Debug, Clone, Serialize)]
pub struct FundedGrant {
    pub proposal_id: String,
    pub proposal_title: String,
    pub amount: i64,
    pub at: NaiveDateTime,
    pub seq: i64,
}

/// An organization's funded CITY: what decisions paid it, what it has issued from it, and
/// what is left to issue.
#[derive(Debug, Clone, Serialize)]
pub struct FundedCity {
    /// The ledger account's id (`organization/<id>/CITY`).
    pub account: String,
    pub balance: i64,
    pub issued: i64,
    pub grants: Vec<FundedGrant>,
}

/// The organization's funded CITY, read from the ledger.
pub async fn of_organization(ctx: &Ctx, organization_id: &str) -> Result<FundedCity, AppError> {
    let account = AccountId::organization(organization_id).to_string();
    ctx.run(move |conn| {
        let balance = store::account(conn, &account)?.map_or(0, |a| a.balance);
        let mut grants = Vec::new();
        let mut issued = 0;
        for entry in store::entries_of(conn, std::slice::from_ref(&account), 10_000)? {
            if entry.from_account == account && entry.kind == EntryKind::Mint.as_str() {
                issued += entry.amount;
                continue;
            }
            let Some(proposal_id) = entry.memo.strip_prefix("proposal:") else {
                continue;
            };
            if entry.to_account != account || entry.kind != EntryKind::Adjust.as_str() {
                continue;
            }
            let proposal_title = gov_store::proposal(conn, proposal_id)?
                .map(|p| p.title)
                .unwrap_or_default();
            grants.push(FundedGrant {
                proposal_id: proposal_id.to_owned(),
                proposal_title,
                amount: entry.amount,
                at: entry.recorded_at,
                seq: entry.seq,
            });
        }
        Ok(FundedCity {
            account,
            balance,
            issued,
            grants,
        })
    })
    .await
}
