//! Figures of a set of entries (an epoch, or the open epoch so far): what was minted,
//! burned, granted and expired, per organization and per category. The sealed epoch report,
//! the public explorer and the transparency dashboard all count with this one function.

use super::{AccountKind, Currency, Entry, EntryKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Totals by kind of movement. CITY in hundredths, VOTE whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movements {
    pub city_minted: i64,
    pub vote_minted: i64,
    pub city_burned: i64,
    pub city_reserved: i64,
    pub city_released: i64,
    pub city_budget_granted: i64,
    pub city_budget_returned: i64,
    pub city_expired: i64,
    pub vote_expired: i64,
    pub city_adjusted_in: i64,
    pub city_adjusted_out: i64,
    pub vote_adjusted_in: i64,
    pub vote_adjusted_out: i64,
    /// Of `city_minted`, what organizations paid from the CITY decisions funded them with:
    /// it entered circulation when the decision paid it, not with the work (issue 25).
    #[serde(default)]
    pub city_minted_from_funded: i64,
    /// Distinct verified contributions behind the mints.
    pub contributions: i64,
    /// Honored redemptions.
    pub redemptions: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub total: Movements,
    /// Keyed by organization id (issuer for mints and budgets, redeemer for burns).
    pub by_organization: BTreeMap<String, Movements>,
    /// Keyed by taxonomy category (mints only).
    pub by_category: BTreeMap<String, Movements>,
}

impl Figures {
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Figures {
        let mut figures = Figures::default();
        let mut contributions: BTreeMap<Option<&str>, BTreeSet<(&str, Option<&str>)>> =
            BTreeMap::new();
        for e in entries {
            let mut targets: Vec<&mut Movements> = vec![&mut figures.total];
            if let Some(org) = &e.organization_id {
                targets.push(figures.by_organization.entry(org.clone()).or_default());
            }
            if let (EntryKind::Mint, Some(category)) = (e.kind, &e.category) {
                targets.push(figures.by_category.entry(category.clone()).or_default());
            }
            for m in targets {
                add(m, e);
            }
            if e.kind == EntryKind::Mint {
                contributions
                    .entry(None)
                    .or_default()
                    .insert((e.memo.as_str(), None));
                if let Some(org) = &e.organization_id {
                    contributions
                        .entry(Some(org.as_str()))
                        .or_default()
                        .insert((e.memo.as_str(), None));
                }
                if let Some(category) = &e.category {
                    contributions
                        .entry(None)
                        .or_default()
                        .insert((e.memo.as_str(), Some(category.as_str())));
                }
            }
        }
        for (scope, memos) in contributions {
            match scope {
                None => {
                    figures.total.contributions =
                        memos.iter().filter(|(_, c)| c.is_none()).count() as i64;
                    for (_, category) in memos.iter().filter(|(_, c)| c.is_some()) {
                        if let Some(m) = category.and_then(|c| figures.by_category.get_mut(c)) {
                            m.contributions += 1;
                        }
                    }
                }
                Some(org) => {
                    if let Some(m) = figures.by_organization.get_mut(org) {
                        m.contributions = memos.len() as i64;
                    }
                }
            }
        }
        figures
    }
}

fn add(m: &mut Movements, e: &Entry) {
    let a = e.amount;
    match (e.kind, e.currency) {
        (EntryKind::Mint, Currency::City) => {
            m.city_minted += a;
            if e.from.kind == AccountKind::Organization {
                m.city_minted_from_funded += a;
            }
        }
        (EntryKind::Mint, Currency::Vote) => m.vote_minted += a,
        (EntryKind::Burn, _) => {
            m.city_burned += a;
            m.redemptions += 1;
        }
        (EntryKind::Reserve, _) => m.city_reserved += a,
        (EntryKind::Release, _) => m.city_released += a,
        (EntryKind::Budget, _) if e.to.kind == AccountKind::IssuerBudget => {
            m.city_budget_granted += a
        }
        (EntryKind::Budget, _) => m.city_budget_returned += a,
        (EntryKind::Expire, Currency::City) => m.city_expired += a,
        (EntryKind::Expire, Currency::Vote) => m.vote_expired += a,
        (EntryKind::Adjust, Currency::City) if e.from.kind == AccountKind::CityMint => {
            m.city_adjusted_in += a
        }
        (EntryKind::Adjust, Currency::City) => m.city_adjusted_out += a,
        (EntryKind::Adjust, Currency::Vote) if e.from.kind == AccountKind::CityMint => {
            m.vote_adjusted_in += a
        }
        (EntryKind::Adjust, Currency::Vote) => m.vote_adjusted_out += a,
        (EntryKind::Statement, _) => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::too_many_arguments
    )]
    use super::*;
    use crate::ledger::{AccountId, Amount, NewEntry, GENESIS_HASH};

    fn e(
        kind: EntryKind,
        currency: Currency,
        from: AccountId,
        to: AccountId,
        amount: i64,
        org: &str,
        cat: Option<&str>,
        memo: &str,
    ) -> Entry {
        NewEntry {
            kind,
            currency,
            from,
            to,
            amount: Amount::new(amount).unwrap(),
            organization_id: Some(org.into()),
            category: cat.map(str::to_owned),
            memo: memo.into(),
        }
        .seal(1, GENESIS_HASH, "op", 1, chrono::NaiveDateTime::default())
    }

    #[test]
    fn figures_count_each_contribution_once() {
        let r = |c| AccountId::resident("u", c);
        let entries = [
            e(
                EntryKind::Budget,
                Currency::City,
                AccountId::mint(Currency::City),
                AccountId::budget("o"),
                1000,
                "o",
                None,
                "epoch:1",
            ),
            e(
                EntryKind::Mint,
                Currency::City,
                AccountId::budget("o"),
                r(Currency::City),
                300,
                "o",
                Some("environment"),
                "contribution:a",
            ),
            e(
                EntryKind::Mint,
                Currency::Vote,
                AccountId::mint(Currency::Vote),
                r(Currency::Vote),
                2,
                "o",
                Some("environment"),
                "contribution:a",
            ),
            e(
                EntryKind::Mint,
                Currency::City,
                AccountId::budget("o"),
                r(Currency::City),
                100,
                "o",
                Some("education"),
                "contribution:b",
            ),
            e(
                EntryKind::Burn,
                Currency::City,
                AccountId::escrow(),
                AccountId::burn(),
                250,
                "cafe",
                None,
                "redemption:x",
            ),
        ];
        let f = Figures::of(&entries);
        assert_eq!(f.total.city_minted, 400);
        assert_eq!(f.total.vote_minted, 2);
        assert_eq!(f.total.contributions, 2);
        assert_eq!(f.total.city_budget_granted, 1000);
        assert_eq!(f.by_organization["o"].contributions, 2);
        assert_eq!(f.by_organization["cafe"].city_burned, 250);
        assert_eq!(f.by_organization["cafe"].redemptions, 1);
        assert_eq!(f.by_category["environment"].contributions, 1);
        assert_eq!(f.by_category["environment"].city_minted, 300);
        assert_eq!(f.by_category["education"].contributions, 1);
    }
}
