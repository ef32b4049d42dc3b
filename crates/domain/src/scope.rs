//! API scopes, hierarchical like Mastodon's: `read` covers every `read:*`.
//! Credit-moving and voting scopes are never granted by default.

use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Scope {
    #[serde(rename = "read")]
    Read,
    #[serde(rename = "read:wallet")]
    ReadWallet,
    #[serde(rename = "write:claims")]
    WriteClaims,
    #[serde(rename = "write:proofs")]
    WriteProofs,
    #[serde(rename = "write:catalog")]
    WriteCatalog,
    #[serde(rename = "verify")]
    Verify,
    #[serde(rename = "redeem")]
    Redeem,
    #[serde(rename = "vote")]
    Vote,
    #[serde(rename = "write:proposals")]
    WriteProposals,
    #[serde(rename = "admin")]
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 10] = [
        Scope::Read,
        Scope::ReadWallet,
        Scope::WriteClaims,
        Scope::WriteProofs,
        Scope::WriteCatalog,
        Scope::Verify,
        Scope::Redeem,
        Scope::Vote,
        Scope::WriteProposals,
        Scope::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::ReadWallet => "read:wallet",
            Scope::WriteClaims => "write:claims",
            Scope::WriteProofs => "write:proofs",
            Scope::WriteCatalog => "write:catalog",
            Scope::Verify => "verify",
            Scope::Redeem => "redeem",
            Scope::Vote => "vote",
            Scope::WriteProposals => "write:proposals",
            Scope::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Result<Scope, DomainError> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| DomainError::ScopeUnknown(s.to_owned()))
    }

    /// What the scope lets an app do, for developers (people read `scope-*` messages).
    pub fn description(self) -> &'static str {
        match self {
            Scope::Read => "Read the resident's account, claims, wallet and votes (covers read:*)",
            Scope::ReadWallet => "Read the resident's CITY and VOTE balances, history and reservations",
            Scope::WriteClaims => "Claim opportunities and withdraw claims",
            Scope::WriteProofs => "Submit proof of work done",
            Scope::WriteCatalog => "Publish templates and opportunities for the resident's organizations",
            Scope::Verify => "Approve or reject contributions for the resident's organizations (mints credit)",
            Scope::Redeem => "Reserve and cancel offerings with the resident's CITY; confirm redemptions at the counter",
            Scope::Vote => "Cast and change the resident's ballots",
            Scope::WriteProposals => "Draft proposals and comment on them",
            Scope::Admin => "Administer the city",
        }
    }

    /// Scopes that move credit or cast votes: never default, always shown prominently.
    pub fn is_sensitive(self) -> bool {
        matches!(
            self,
            Scope::Redeem | Scope::Vote | Scope::Verify | Scope::Admin
        )
    }

    /// Whether holding `self` grants `wanted` (`read` covers `read:*`).
    pub fn covers(self, wanted: Scope) -> bool {
        self == wanted || (self == Scope::Read && wanted.as_str().starts_with("read:"))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of scopes, written space-separated as in OAuth 2 (RFC 6749 §3.3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeSet(BTreeSet<Scope>);

impl ScopeSet {
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        s.split_whitespace()
            .map(Scope::parse)
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn allows(&self, wanted: Scope) -> bool {
        self.0.iter().any(|held| held.covers(wanted))
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words: Vec<&str> = self.0.iter().map(|s| s.as_str()).collect();
        f.write_str(&words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn read_covers_read_children_only() {
        let set = ScopeSet::parse("read write:claims").unwrap();
        assert!(set.allows(Scope::ReadWallet));
        assert!(set.allows(Scope::WriteClaims));
        assert!(!set.allows(Scope::Redeem));
        assert_eq!(set.to_string(), "read write:claims");
        assert!(ScopeSet::parse("read write:everything").is_err());
    }
}
