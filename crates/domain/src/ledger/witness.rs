//! Witnessing: a peer city countersigns another city's checkpoint with its own ledger key,
//! and refuses when the same city signed two different checkpoints for one sequence number.

use super::checkpoint::{verify_signature, Checkpoint, CheckpointKey};

/// What a witness signs: whose checkpoint (the origin's domain), which one (its sequence
/// number and head hash) and the origin's own signature over it, so a countersignature
/// stands for exactly one signed statement of one city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessStatement {
    pub origin_domain: String,
    pub seq: i64,
    pub head_hash: String,
    pub ledger_signature: String,
}

impl WitnessStatement {
    pub fn of(origin_domain: &str, checkpoint: &Checkpoint) -> WitnessStatement {
        WitnessStatement {
            origin_domain: origin_domain.to_owned(),
            seq: checkpoint.seq,
            head_hash: checkpoint.head_hash.clone(),
            ledger_signature: checkpoint.signature.clone(),
        }
    }

    /// The bytes a witness signs.
    pub fn canonical(&self) -> String {
        format!(
            "citysync-witness-v1\norigin:{}\nseq:{}\nhead:{}\nsignature:{}\n",
            self.origin_domain, self.seq, self.head_hash, self.ledger_signature
        )
    }

    /// The witness's countersignature, hex.
    pub fn countersign(&self, witness_key: &CheckpointKey) -> String {
        witness_key.sign_hex(self.canonical().as_bytes())
    }

    /// Whether `witness_public_hex` countersigned exactly this statement.
    pub fn verify(&self, witness_public_hex: &str, signature_hex: &str) -> bool {
        verify_signature(
            witness_public_hex,
            self.canonical().as_bytes(),
            signature_hex,
        )
    }
}

/// How a newly received checkpoint relates to the one a witness already holds for the same
/// origin and sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// Nothing held yet: countersign.
    New,
    /// The very same checkpoint again (a redelivery): nothing to do.
    Same,
    /// A different checkpoint for the same number: an equivocation, never countersigned.
    Conflicting,
}

/// Compares a held checkpoint (if any) with a received one for the same sequence number.
/// What a checkpoint states is its head hash and totals: the same statement signed again at
/// another time (an epoch closing at an interval checkpoint's head) is not a conflict.
pub fn compare(held: Option<&Checkpoint>, received: &Checkpoint) -> Comparison {
    match held {
        None => Comparison::New,
        Some(h) if h.head_hash == received.head_hash && h.totals == received.totals => {
            Comparison::Same
        }
        Some(_) => Comparison::Conflicting,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::ledger::{Currency, CurrencyTotals};

    fn checkpoint(key: &CheckpointKey, seq: i64, head: &str) -> Checkpoint {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 123_456_000)
            .unwrap()
            .naive_utc();
        let totals = vec![CurrencyTotals {
            currency: Currency::City,
            issued: 10,
            circulating: 10,
            ..CurrencyTotals::default()
        }];
        Checkpoint::sign(key, seq, head, totals, at)
    }

    #[test]
    fn a_countersignature_verifies_for_exactly_its_statement() {
        let origin = CheckpointKey::from_secret([1; 32]);
        let witness = CheckpointKey::from_secret([2; 32]);
        let cp = checkpoint(&origin, 7, "aa");
        let statement = WitnessStatement::of("berkeley.example", &cp);
        let sig = statement.countersign(&witness);
        assert!(statement.verify(&witness.public_hex(), &sig));
        assert!(!statement.verify(&origin.public_hex(), &sig));
        let mut other = statement.clone();
        other.origin_domain = "oakland.example".into();
        assert!(!other.verify(&witness.public_hex(), &sig));
        let mut other = statement.clone();
        other.head_hash = "bb".into();
        assert!(!other.verify(&witness.public_hex(), &sig));
        let mut other = statement;
        other.seq = 8;
        assert!(!other.verify(&witness.public_hex(), &sig));
    }

    #[test]
    fn two_different_checkpoints_for_one_number_conflict() {
        let origin = CheckpointKey::from_secret([1; 32]);
        let first = checkpoint(&origin, 7, "aa");
        let forged = checkpoint(&origin, 7, "bb");
        assert_eq!(compare(None, &first), Comparison::New);
        assert_eq!(compare(Some(&first), &first.clone()), Comparison::Same);
        assert_eq!(compare(Some(&first), &forged), Comparison::Conflicting);
        let mut later = first.clone();
        later.signed_at += chrono::Duration::seconds(5);
        assert_eq!(compare(Some(&first), &later), Comparison::Same);
        let mut other_totals = first.clone();
        other_totals.totals[0].issued += 1;
        assert_eq!(
            compare(Some(&first), &other_totals),
            Comparison::Conflicting
        );
        assert!(forged.verify(&origin.public_hex()));
    }
}
