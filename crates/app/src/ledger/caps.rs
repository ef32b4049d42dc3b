//! Per-resident caps at approval: what the resident already earned this epoch (the ledger's
//! mint entries to them) against the caps in force. Read under the journal's head lock, in
//! the approval's own transaction, so concurrent approvals for one resident cannot pass a cap.

use super::Journal;
use crate::{AppError, Ctx};
use citysync_domain::ledger::caps::{self, Capped, Limit};
use citysync_domain::ledger::{AccountId, Currency, EntryKind};
use citysync_i18n::{ArgValue, I18n, Locale};
use citysync_storage::ledger as store;
use citysync_storage::DbConnection;
use serde::{Deserialize, Serialize};

/// What an approval mints in CITY and VOTE once the caps are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CappedReward {
    pub city: Capped,
    pub vote: Capped,
}

impl CappedReward {
    /// Whether a cap held back some CITY or VOTE.
    pub fn was_capped(&self) -> bool {
        self.city.was_capped() || self.vote.was_capped()
    }

    /// The sentence telling the resident (or the verifier) what a cap held back.
    pub fn describe(&self, i18n: &I18n, locale: Locale) -> String {
        let amount = |currency: Currency, minor: i64| ArgValue::from(currency.format(minor));
        i18n.message(
            locale,
            "work-reward-capped",
            &[
                ("city_reward", amount(Currency::City, self.city.reward)),
                ("city_minted", amount(Currency::City, self.city.minted)),
                ("vote_reward", amount(Currency::Vote, self.vote.reward)),
                ("vote_minted", amount(Currency::Vote, self.vote.minted)),
            ],
        )
    }
}

/// Applies the caps in force to a reward of `contributor_id` for work in `category`. Locks
/// the journal's head first (the caller's transaction keeps it until it commits).
pub(crate) fn apply(
    conn: &mut DbConnection,
    ctx: &Ctx,
    contributor_id: &str,
    category: &str,
    reward_city: i64,
    reward_vote: i64,
) -> Result<CappedReward, AppError> {
    let journal = Journal::lock(conn, ctx)?;
    let epoch = journal.epoch();
    let params = crate::governance::parameters::in_force(conn, ctx)?;
    let mint = EntryKind::Mint.as_str();
    let city_account = AccountId::resident(contributor_id, Currency::City).to_string();
    let city_rows = store::received_by_category(conn, &city_account, mint, epoch)?;
    let earned_city: i64 = city_rows.iter().map(|(_, amount)| amount).sum();
    let earned_in_category: i64 = city_rows
        .iter()
        .filter(|(c, _)| c.as_deref() == Some(category))
        .map(|(_, amount)| amount)
        .sum();
    let vote_account = AccountId::resident(contributor_id, Currency::Vote).to_string();
    let earned_vote = store::received(conn, &vote_account, mint, epoch, epoch)?;
    let category_cap = params
        .resident_cap_city_by_category
        .get(category)
        .copied()
        .unwrap_or(0);
    Ok(CappedReward {
        city: caps::apply(
            reward_city,
            &[
                Limit {
                    earned: earned_city,
                    cap: params.resident_cap_city,
                },
                Limit {
                    earned: earned_in_category,
                    cap: category_cap,
                },
            ],
        ),
        vote: caps::apply(
            reward_vote,
            &[Limit {
                earned: earned_vote,
                cap: params.resident_cap_vote,
            }],
        ),
    })
}
