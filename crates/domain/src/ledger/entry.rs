//! A journal entry and its place in the hash chain.

use super::{AccountId, Amount, Currency, EntryKind};
use crate::DomainError;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of entry 1.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a use case asks to post; storage gives it its sequence number and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub kind: EntryKind,
    pub currency: Currency,
    pub from: AccountId,
    pub to: AccountId,
    pub amount: Amount,
    /// The organization the entry is credited to (issuer for mints, redeemer for burns).
    pub organization_id: Option<String>,
    /// The taxonomy category of the work behind a mint.
    pub category: Option<String>,
    /// What the entry is for, e.g. `contribution:<id>` or `redemption:<id>`.
    pub memo: String,
}

impl NewEntry {
    /// Checks the posting rule and that both accounts hold the entry's currency.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.from.currency != self.currency || self.to.currency != self.currency {
            return Err(DomainError::CurrencyMismatch);
        }
        if self.from == self.to && self.kind.moves_credit() {
            return Err(DomainError::PostingRefused);
        }
        super::check_posting(self.kind, self.currency, self.from.kind, self.to.kind)
    }

    /// The entry as it will be stored after `prev`: sequence, time, operation and hash.
    pub fn seal(
        self,
        seq: i64,
        prev_hash: &str,
        operation: &str,
        epoch: i64,
        recorded_at: NaiveDateTime,
    ) -> Entry {
        let mut entry = Entry {
            seq,
            kind: self.kind,
            currency: self.currency,
            from: self.from,
            to: self.to,
            amount: self.amount.minor(),
            operation: operation.to_owned(),
            organization_id: self.organization_id,
            category: self.category,
            memo: self.memo,
            epoch,
            recorded_at,
            prev_hash: prev_hash.to_owned(),
            hash: String::new(),
        };
        entry.hash = entry.compute_hash();
        entry
    }
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: i64,
    pub kind: EntryKind,
    pub currency: Currency,
    pub from: AccountId,
    pub to: AccountId,
    pub amount: i64,
    /// The idempotency key of the operation that posted it.
    pub operation: String,
    pub organization_id: Option<String>,
    pub category: Option<String>,
    pub memo: String,
    /// The epoch the entry counts in.
    pub epoch: i64,
    pub recorded_at: NaiveDateTime,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    /// The canonical encoding: a version line, then every field as `length:value\n`, so no
    /// two different entries encode alike. The time is in microseconds since the epoch,
    /// the precision both databases keep.
    pub fn canonical(&self) -> Vec<u8> {
        let fields: [String; 12] = [
            self.seq.to_string(),
            self.kind.as_str().to_owned(),
            self.currency.as_str().to_owned(),
            self.from.to_string(),
            self.to.to_string(),
            self.amount.to_string(),
            self.operation.clone(),
            self.organization_id.clone().unwrap_or_default(),
            self.category.clone().unwrap_or_default(),
            self.memo.clone(),
            self.epoch.to_string(),
            self.recorded_at.and_utc().timestamp_micros().to_string(),
        ];
        let mut out = b"citysync-entry-v1\n".to_vec();
        for field in fields {
            out.extend_from_slice(format!("{}:{}\n", field.len(), field).as_bytes());
        }
        out
    }

    /// SHA-256 over the previous entry's hash and this entry's canonical encoding, in hex.
    pub fn compute_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.prev_hash.as_bytes());
        hasher.update(b"\n");
        hasher.update(self.canonical());
        hex::encode(hasher.finalize())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn entry() -> Entry {
        NewEntry {
            kind: EntryKind::Mint,
            currency: Currency::Vote,
            from: AccountId::mint(Currency::Vote),
            to: AccountId::resident("u1", Currency::Vote),
            amount: Amount::new(2).unwrap(),
            organization_id: Some("o1".into()),
            category: Some("environment".into()),
            memo: "contribution:c1".into(),
        }
        .seal(
            1,
            GENESIS_HASH,
            "op-1",
            1,
            chrono::DateTime::from_timestamp(1_700_000_000, 5_000)
                .unwrap()
                .naive_utc(),
        )
    }

    #[test]
    fn any_change_changes_the_hash() {
        let e = entry();
        assert_eq!(e.hash, e.compute_hash());
        let mut t = e.clone();
        t.amount = 3;
        assert_ne!(t.compute_hash(), e.hash);
        let mut t = e.clone();
        t.memo = "contribution:c2".into();
        assert_ne!(t.compute_hash(), e.hash);
        let mut t = e.clone();
        t.prev_hash = "1".repeat(64);
        assert_ne!(t.compute_hash(), e.hash);
        // Length prefixes keep field boundaries: moving a character between fields shows.
        let mut t = e.clone();
        t.organization_id = Some("o1e".into());
        t.category = Some("nvironment".into());
        assert_ne!(t.compute_hash(), e.hash);
    }
}
