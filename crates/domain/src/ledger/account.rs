//! Accounts: who holds credit. An account's id names its kind, owner and currency, so a
//! journal can be checked from its own rows.

use super::Currency;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A resident's wallet (CITY and VOTE).
    Resident,
    /// An organization's own CITY.
    Organization,
    /// An issuer's budget for the current epoch; minting draws on it.
    IssuerBudget,
    /// Where all credit comes from: its balance is minus everything issued.
    CityMint,
    /// Where honored redemptions go.
    CityBurn,
    /// CITY held for reservations until they are honored, cancelled or expire.
    CityEscrow,
}

impl AccountKind {
    pub const ALL: &'static [AccountKind] = &[
        AccountKind::Resident,
        AccountKind::Organization,
        AccountKind::IssuerBudget,
        AccountKind::CityMint,
        AccountKind::CityBurn,
        AccountKind::CityEscrow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Resident => "resident",
            AccountKind::Organization => "organization",
            AccountKind::IssuerBudget => "budget",
            AccountKind::CityMint => "mint",
            AccountKind::CityBurn => "burn",
            AccountKind::CityEscrow => "escrow",
        }
    }

    pub fn parse(s: &str) -> Result<AccountKind, DomainError> {
        AccountKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or(DomainError::AccountInvalid)
    }

    /// Only the mint may go below zero: it is the other side of everything issued.
    pub fn may_go_negative(self) -> bool {
        self == AccountKind::CityMint
    }

    /// The city's own accounts have no owner but the city.
    pub fn is_city(self) -> bool {
        matches!(
            self,
            AccountKind::CityMint | AccountKind::CityBurn | AccountKind::CityEscrow
        )
    }
}

/// `kind/owner/CURRENCY`, e.g. `resident/<user id>/VOTE` or `mint/city/CITY`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountId {
    pub kind: AccountKind,
    pub owner: String,
    pub currency: Currency,
}

impl AccountId {
    pub fn resident(user_id: &str, currency: Currency) -> AccountId {
        AccountId {
            kind: AccountKind::Resident,
            owner: user_id.to_owned(),
            currency,
        }
    }

    pub fn organization(organization_id: &str) -> AccountId {
        AccountId {
            kind: AccountKind::Organization,
            owner: organization_id.to_owned(),
            currency: Currency::City,
        }
    }

    pub fn budget(organization_id: &str) -> AccountId {
        AccountId {
            kind: AccountKind::IssuerBudget,
            owner: organization_id.to_owned(),
            currency: Currency::City,
        }
    }

    pub fn city(kind: AccountKind, currency: Currency) -> AccountId {
        AccountId {
            kind,
            owner: "city".to_owned(),
            currency,
        }
    }

    pub fn mint(currency: Currency) -> AccountId {
        AccountId::city(AccountKind::CityMint, currency)
    }

    pub fn escrow() -> AccountId {
        AccountId::city(AccountKind::CityEscrow, Currency::City)
    }

    pub fn burn() -> AccountId {
        AccountId::city(AccountKind::CityBurn, Currency::City)
    }

    pub fn parse(s: &str) -> Result<AccountId, DomainError> {
        let mut parts = s.split('/');
        let (Some(kind), Some(owner), Some(currency), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DomainError::AccountInvalid);
        };
        let kind = AccountKind::parse(kind)?;
        let currency = Currency::parse(currency).map_err(|_| DomainError::AccountInvalid)?;
        if owner.is_empty() || kind.is_city() != (owner == "city") {
            return Err(DomainError::AccountInvalid);
        }
        if currency == Currency::Vote
            && !matches!(kind, AccountKind::Resident | AccountKind::CityMint)
        {
            return Err(DomainError::AccountInvalid);
        }
        Ok(AccountId {
            kind,
            owner: owner.to_owned(),
            currency,
        })
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}",
            self.kind.as_str(),
            self.owner,
            self.currency.as_str()
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_round_trip_and_bad_ones_are_refused() {
        for id in [
            AccountId::resident("u1", Currency::Vote),
            AccountId::budget("o1"),
            AccountId::mint(Currency::City),
            AccountId::escrow(),
        ] {
            assert_eq!(AccountId::parse(&id.to_string()).unwrap(), id);
        }
        for bad in [
            "resident/u1",
            "mint/u1/CITY",
            "resident/city/CITY",
            "escrow/city/VOTE",
            "budget/o/VOTE",
            "x/y/CITY",
            "resident/u/CITY/extra",
        ] {
            assert!(AccountId::parse(bad).is_err(), "{bad}");
        }
    }
}
