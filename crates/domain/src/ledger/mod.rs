//! The local ledger (docs/architecture.md, "The ledger"): two currencies, double-entry postings between typed
//! accounts, an append-only hash chain and the city's signed checkpoints.
//!
//! Everything here is pure: storage keeps the entries, this module says which postings
//! are allowed, how an entry is hashed, and replays a journal to check every invariant
//! (`citysync ledger verify` and the simulation tests both use [`Replay`]).

mod account;
pub mod caps;
mod checkpoint;
mod entry;
mod replay;
mod report;
mod witness;

pub use account::{AccountId, AccountKind};
pub use checkpoint::{verify_signature, Checkpoint, CheckpointKey, CurrencyTotals};
pub use entry::{Entry, NewEntry, GENESIS_HASH};
pub use replay::{Replay, ReplayError};
pub use report::{Figures, Movements};
pub use witness::{compare, Comparison, WitnessStatement};

use crate::DomainError;
use serde::{Deserialize, Serialize};

/// The two local currencies. CITY counts hundredths (as `task::parse_credits`); VOTE whole votes.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Currency {
    #[default]
    #[serde(rename = "CITY")]
    City,
    #[serde(rename = "VOTE")]
    Vote,
}

impl Currency {
    pub const ALL: &'static [Currency] = &[Currency::City, Currency::Vote];

    pub fn as_str(self) -> &'static str {
        match self {
            Currency::City => "CITY",
            Currency::Vote => "VOTE",
        }
    }

    pub fn parse(s: &str) -> Result<Currency, DomainError> {
        match s.trim() {
            "CITY" => Ok(Currency::City),
            "VOTE" => Ok(Currency::Vote),
            _ => Err(DomainError::CurrencyUnknown),
        }
    }

    /// An amount as people read it: CITY with two decimals, VOTE whole.
    pub fn format(self, minor: i64) -> String {
        match self {
            Currency::City => crate::task::format_credits(minor),
            Currency::Vote => minor.to_string(),
        }
    }

    /// An amount as typed: CITY "2.50", VOTE "3". Zero, negative, fractional VOTE,
    /// more than two decimals or more than [`AMOUNT_MAX`] are refused.
    pub fn parse_amount(self, input: &str) -> Result<Amount, DomainError> {
        let minor = match self {
            Currency::City => {
                crate::task::parse_credits(input).map_err(|_| DomainError::AmountInvalid)?
            }
            Currency::Vote => {
                let s = input.trim();
                if s.is_empty() || s.len() > 12 || !s.chars().all(|c| c.is_ascii_digit()) {
                    return Err(DomainError::AmountInvalid);
                }
                s.parse().map_err(|_| DomainError::AmountInvalid)?
            }
        };
        Amount::new(minor)
    }
}

/// The largest amount one entry may move: 10 billion CITY in hundredths (or votes).
/// Well inside `i64`, so no sum of a year's entries can overflow.
pub const AMOUNT_MAX: i64 = 1_000_000_000_000;

/// A positive amount in a currency's minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Amount(i64);

impl Amount {
    pub fn new(minor: i64) -> Result<Amount, DomainError> {
        if minor <= 0 {
            Err(DomainError::AmountInvalid)
        } else if minor > AMOUNT_MAX {
            Err(DomainError::AmountTooLarge)
        } else {
            Ok(Amount(minor))
        }
    }

    pub fn minor(self) -> i64 {
        self.0
    }
}

/// Why credit moves. The kind decides which accounts an entry may connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Verified work: CITY from the issuer's budget, VOTE from the city mint, to the resident.
    Mint,
    /// A redemption holds CITY in escrow.
    Reserve,
    /// A cancelled or expired redemption gives the CITY back.
    Release,
    /// An honored redemption burns the escrowed CITY.
    Burn,
    /// The city grants an issuer its epoch budget, or takes back what was left at the close.
    Budget,
    /// A correction enacted by a governance decision.
    Adjust,
    /// CITY expiry or VOTE decay, when the city turned them on.
    Expire,
    /// A redeemer's settlement statement, chained by its hash (in the memo). It names the
    /// CITY it covers as its amount, from the burn account to itself: it moves nothing.
    Statement,
}

impl EntryKind {
    pub const ALL: &'static [EntryKind] = &[
        EntryKind::Mint,
        EntryKind::Reserve,
        EntryKind::Release,
        EntryKind::Burn,
        EntryKind::Budget,
        EntryKind::Adjust,
        EntryKind::Expire,
        EntryKind::Statement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Mint => "mint",
            EntryKind::Reserve => "reserve",
            EntryKind::Release => "release",
            EntryKind::Burn => "burn",
            EntryKind::Budget => "budget",
            EntryKind::Adjust => "adjust",
            EntryKind::Expire => "expire",
            EntryKind::Statement => "statement",
        }
    }

    /// Whether entries of this kind move credit (a statement only records a hash).
    pub fn moves_credit(self) -> bool {
        self != EntryKind::Statement
    }

    pub fn parse(s: &str) -> Result<EntryKind, DomainError> {
        EntryKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| DomainError::StateUnknown(s.to_owned()))
    }
}

/// Whether an entry of `kind` may move `currency` from an account of kind `from` to one of
/// kind `to`. Nothing moves VOTE between residents, and VOTE never reaches escrow or burn,
/// so it can never be redeemed.
pub fn check_posting(
    kind: EntryKind,
    currency: Currency,
    from: AccountKind,
    to: AccountKind,
) -> Result<(), DomainError> {
    use AccountKind::*;
    use Currency::*;
    let allowed = match kind {
        // An organization's own CITY (what a participatory budget funded it) pays for its
        // tasks like its epoch budget does, without returning to the mint at the close.
        EntryKind::Mint => matches!(
            (currency, from, to),
            (City, IssuerBudget | Organization, Resident) | (Vote, CityMint, Resident)
        ),
        EntryKind::Budget => matches!(
            (currency, from, to),
            (City, CityMint, IssuerBudget) | (City, IssuerBudget, CityMint)
        ),
        EntryKind::Reserve => matches!((currency, from, to), (City, Resident, CityEscrow)),
        EntryKind::Release => matches!((currency, from, to), (City, CityEscrow, Resident)),
        EntryKind::Burn => matches!((currency, from, to), (City, CityEscrow, CityBurn)),
        EntryKind::Adjust => matches!(
            (currency, from, to),
            (_, CityMint, Resident)
                | (_, Resident, CityMint)
                | (City, CityMint, Organization | IssuerBudget)
                | (City, Organization | IssuerBudget, CityMint)
        ),
        EntryKind::Expire => matches!((from, to), (Resident, CityMint)),
        EntryKind::Statement => matches!((currency, from, to), (City, CityBurn, CityBurn)),
    };
    if allowed {
        Ok(())
    } else {
        Err(DomainError::PostingRefused)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn amounts_are_positive_bounded_integers() {
        assert_eq!(Currency::City.parse_amount("2.50").unwrap().minor(), 250);
        assert_eq!(Currency::Vote.parse_amount("3").unwrap().minor(), 3);
        for bad in ["0", "-1", "0.00", "1.234", "abc", "", "1e3", "NaN"] {
            assert!(Currency::City.parse_amount(bad).is_err(), "{bad}");
        }
        for bad in ["0", "1.5", "-2", "99999999999999999999"] {
            assert!(Currency::Vote.parse_amount(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Amount::new(AMOUNT_MAX + 1),
            Err(DomainError::AmountTooLarge)
        );
        assert_eq!(Currency::parse("EUR"), Err(DomainError::CurrencyUnknown));
    }

    #[test]
    fn vote_never_moves_between_residents_nor_reaches_escrow() {
        for kind in EntryKind::ALL {
            assert!(check_posting(
                *kind,
                Currency::Vote,
                AccountKind::Resident,
                AccountKind::Resident
            )
            .is_err());
            for to in [AccountKind::CityEscrow, AccountKind::CityBurn] {
                for from in AccountKind::ALL {
                    assert!(check_posting(*kind, Currency::Vote, *from, to).is_err());
                }
            }
        }
        assert!(check_posting(
            EntryKind::Mint,
            Currency::City,
            AccountKind::CityMint,
            AccountKind::Resident
        )
        .is_err());
    }
}
