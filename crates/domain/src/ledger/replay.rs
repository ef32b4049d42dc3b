//! Replaying a journal from its first entry: the one place that decides whether a ledger
//! holds together. Used by `citysync ledger verify`, the checkpoint writer and the tests.

use super::{AccountId, AccountKind, Amount, Currency, CurrencyTotals, Entry, GENESIS_HASH};
use std::collections::BTreeMap;
use std::fmt;

/// The first entry that breaks the ledger, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayError {
    pub seq: i64,
    pub reason: String,
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}: {}", self.seq, self.reason)
    }
}

/// Balances and totals recomputed from entries, checked as they come.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    last_seq: i64,
    head_hash: Option<String>,
    balances: BTreeMap<AccountId, i64>,
}

impl Replay {
    pub fn new() -> Replay {
        Replay::default()
    }

    pub fn last_seq(&self) -> i64 {
        self.last_seq
    }

    pub fn head_hash(&self) -> &str {
        self.head_hash.as_deref().unwrap_or(GENESIS_HASH)
    }

    pub fn balances(&self) -> &BTreeMap<AccountId, i64> {
        &self.balances
    }

    pub fn balance(&self, account: &AccountId) -> i64 {
        self.balances.get(account).copied().unwrap_or(0)
    }

    /// Applies the next entry, or says why it does not belong.
    pub fn apply(&mut self, entry: &Entry) -> Result<(), ReplayError> {
        let fail = |reason: String| ReplayError {
            seq: entry.seq,
            reason,
        };
        if entry.seq != self.last_seq + 1 {
            return Err(fail(format!(
                "sequence gap: expected {}, found {}",
                self.last_seq + 1,
                entry.seq
            )));
        }
        if entry.prev_hash != self.head_hash() {
            return Err(fail("does not chain to the previous entry's hash".into()));
        }
        if entry.hash != entry.compute_hash() {
            return Err(fail(
                "hash does not match its contents (the entry was altered)".into(),
            ));
        }
        Amount::new(entry.amount)
            .map_err(|_| fail(format!("amount {} is not valid", entry.amount)))?;
        if entry.from.currency != entry.currency || entry.to.currency != entry.currency {
            return Err(fail("accounts are not in the entry's currency".into()));
        }
        super::check_posting(entry.kind, entry.currency, entry.from.kind, entry.to.kind).map_err(
            |_| {
                fail(format!(
                    "a {} entry may not move {} from {} to {}",
                    entry.kind.as_str(),
                    entry.currency.as_str(),
                    entry.from.kind.as_str(),
                    entry.to.kind.as_str()
                ))
            },
        )?;
        if !entry.kind.moves_credit() {
            // A statement records a hash; its amount is what it covers, not a movement.
            self.last_seq = entry.seq;
            self.head_hash = Some(entry.hash.clone());
            return Ok(());
        }
        let from = self.balance(&entry.from) - entry.amount;
        if from < 0 && !entry.from.kind.may_go_negative() {
            return Err(fail(format!("{} would go below zero", entry.from)));
        }
        let to = self
            .balance(&entry.to)
            .checked_add(entry.amount)
            .ok_or_else(|| fail("balance overflow".into()))?;
        self.balances.insert(entry.from.clone(), from);
        self.balances.insert(entry.to.clone(), to);
        self.last_seq = entry.seq;
        self.head_hash = Some(entry.hash.clone());
        Ok(())
    }

    /// Per-currency totals; by construction each currency sums to zero.
    pub fn totals(&self) -> Vec<CurrencyTotals> {
        Currency::ALL
            .iter()
            .map(|c| CurrencyTotals::from_balances(*c, self.balances.iter()))
            .collect()
    }
}

impl CurrencyTotals {
    /// Totals of one currency from `(account, balance)` pairs.
    pub fn from_balances<'a>(
        currency: Currency,
        balances: impl Iterator<Item = (&'a AccountId, &'a i64)>,
    ) -> CurrencyTotals {
        let mut t = CurrencyTotals {
            currency,
            ..CurrencyTotals::default()
        };
        for (account, balance) in balances.filter(|(a, _)| a.currency == currency) {
            match account.kind {
                AccountKind::CityMint => t.issued -= balance,
                AccountKind::Resident | AccountKind::Organization => t.circulating += balance,
                AccountKind::IssuerBudget => t.budgets += balance,
                AccountKind::CityEscrow => t.escrow += balance,
                AccountKind::CityBurn => t.burned += balance,
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::ledger::{EntryKind, NewEntry};

    fn chain(specs: &[(EntryKind, Currency, AccountId, AccountId, i64)]) -> Vec<Entry> {
        let mut prev = GENESIS_HASH.to_owned();
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc();
        specs
            .iter()
            .enumerate()
            .map(|(i, (kind, currency, from, to, amount))| {
                let e = NewEntry {
                    kind: *kind,
                    currency: *currency,
                    from: from.clone(),
                    to: to.clone(),
                    amount: Amount::new(*amount).unwrap(),
                    organization_id: None,
                    category: None,
                    memo: String::new(),
                }
                .seal(i as i64 + 1, &prev, &format!("op{i}"), 1, at);
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn sample() -> Vec<Entry> {
        let r = AccountId::resident("u", Currency::City);
        chain(&[
            (
                EntryKind::Budget,
                Currency::City,
                AccountId::mint(Currency::City),
                AccountId::budget("o"),
                1000,
            ),
            (
                EntryKind::Mint,
                Currency::City,
                AccountId::budget("o"),
                r.clone(),
                300,
            ),
            (
                EntryKind::Reserve,
                Currency::City,
                r.clone(),
                AccountId::escrow(),
                200,
            ),
            (
                EntryKind::Burn,
                Currency::City,
                AccountId::escrow(),
                AccountId::burn(),
                200,
            ),
        ])
    }

    #[test]
    fn a_good_chain_replays_and_sums_to_zero() {
        let mut r = Replay::new();
        for e in sample() {
            r.apply(&e).unwrap();
        }
        let city = &r.totals()[0];
        assert_eq!(city.issued, 1000);
        assert_eq!(city.circulating, 100);
        assert_eq!(city.budgets, 700);
        assert_eq!(city.burned, 200);
        assert_eq!(
            city.issued,
            city.circulating + city.budgets + city.escrow + city.burned
        );
    }

    #[test]
    fn tampering_names_the_entry() {
        let mut entries = sample();
        entries[2].amount = 250;
        let mut r = Replay::new();
        let err = entries.iter().try_for_each(|e| r.apply(e)).unwrap_err();
        assert_eq!(err.seq, 3);
        assert!(err.reason.contains("altered"));

        let mut entries = sample();
        entries.remove(1);
        let mut r = Replay::new();
        assert_eq!(
            entries.iter().try_for_each(|e| r.apply(e)).unwrap_err().seq,
            3
        );
    }

    #[test]
    fn overspending_is_caught() {
        let r = AccountId::resident("u", Currency::City);
        let entries = chain(&[
            (
                EntryKind::Budget,
                Currency::City,
                AccountId::mint(Currency::City),
                AccountId::budget("o"),
                10,
            ),
            (
                EntryKind::Mint,
                Currency::City,
                AccountId::budget("o"),
                r.clone(),
                20,
            ),
        ]);
        let mut replay = Replay::new();
        let err = entries
            .iter()
            .try_for_each(|e| replay.apply(e))
            .unwrap_err();
        assert_eq!(err.seq, 2);
    }
}
