//! Checkpoints: the city's signed statement of the journal's head and totals.

use super::Currency;
use crate::DomainError;
use chrono::NaiveDateTime;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

/// One currency's totals. `issued` = `circulating + budgets + escrow + burned` always.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyTotals {
    pub currency: Currency,
    /// Everything that left the mint (minus what returned to it).
    pub issued: i64,
    /// Held by residents and organizations.
    pub circulating: i64,
    /// Granted to issuers and not yet awarded.
    pub budgets: i64,
    /// Held for open reservations.
    pub escrow: i64,
    /// Honored redemptions.
    pub burned: i64,
}

impl CurrencyTotals {
    /// Whether the currency sums to zero across all accounts.
    pub fn balanced(&self) -> bool {
        self.issued == self.circulating + self.budgets + self.escrow + self.burned
    }
}

/// A signed checkpoint over the journal up to `seq`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    pub head_hash: String,
    pub totals: Vec<CurrencyTotals>,
    pub signed_at: NaiveDateTime,
    /// Ed25519 signature over [`Checkpoint::canonical`], hex.
    pub signature: String,
}

impl Checkpoint {
    /// The bytes the city signs.
    pub fn canonical(
        seq: i64,
        head_hash: &str,
        totals: &[CurrencyTotals],
        signed_at: NaiveDateTime,
    ) -> String {
        let mut out = format!(
            "citysync-checkpoint-v1\nseq:{seq}\nhead:{head_hash}\nat:{}\n",
            signed_at.and_utc().timestamp_micros()
        );
        for t in totals {
            out.push_str(&format!(
                "{}:issued={},circulating={},budgets={},escrow={},burned={}\n",
                t.currency.as_str(),
                t.issued,
                t.circulating,
                t.budgets,
                t.escrow,
                t.burned
            ));
        }
        out
    }

    pub fn sign(
        key: &CheckpointKey,
        seq: i64,
        head_hash: &str,
        totals: Vec<CurrencyTotals>,
        signed_at: NaiveDateTime,
    ) -> Checkpoint {
        let message = Checkpoint::canonical(seq, head_hash, &totals, signed_at);
        let signature = hex::encode(key.signing.sign(message.as_bytes()).to_bytes());
        Checkpoint {
            seq,
            head_hash: head_hash.to_owned(),
            totals,
            signed_at,
            signature,
        }
    }

    /// Whether `public_key_hex` signed exactly this checkpoint.
    pub fn verify(&self, public_key_hex: &str) -> bool {
        let message =
            Checkpoint::canonical(self.seq, &self.head_hash, &self.totals, self.signed_at);
        verify_signature(public_key_hex, message.as_bytes(), &self.signature)
    }
}

/// Whether `signature_hex` is `public_key_hex`'s Ed25519 signature of `message`.
pub fn verify_signature(public_key_hex: &str, message: &[u8], signature_hex: &str) -> bool {
    let Ok(key) = hex::decode(public_key_hex) else {
        return false;
    };
    let Ok(sig) = hex::decode(signature_hex) else {
        return false;
    };
    let (Ok(key), Ok(sig)) = (
        <[u8; 32]>::try_from(key.as_slice()),
        <[u8; 64]>::try_from(sig.as_slice()),
    ) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&key) else {
        return false;
    };
    key.verify(message, &Signature::from_bytes(&sig)).is_ok()
}

/// The city's Ed25519 key for checkpoints and redemption tokens.
#[derive(Clone)]
pub struct CheckpointKey {
    signing: SigningKey,
}

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckpointKey")
            .field("public", &self.public_hex())
            .finish_non_exhaustive()
    }
}

impl CheckpointKey {
    /// A key from 32 secret bytes (the caller brings the randomness).
    pub fn from_secret(secret: [u8; 32]) -> CheckpointKey {
        CheckpointKey {
            signing: SigningKey::from_bytes(&secret),
        }
    }

    pub fn from_secret_hex(secret_hex: &str) -> Result<CheckpointKey, DomainError> {
        let bytes = hex::decode(secret_hex).map_err(|_| DomainError::KeyInvalid)?;
        let secret = <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| DomainError::KeyInvalid)?;
        Ok(CheckpointKey::from_secret(secret))
    }

    pub fn secret_hex(&self) -> String {
        hex::encode(self.signing.to_bytes())
    }

    pub fn public_hex(&self) -> String {
        hex::encode(self.signing.verifying_key().to_bytes())
    }

    pub fn sign_hex(&self, message: &[u8]) -> String {
        hex::encode(self.signing.sign(message).to_bytes())
    }

    pub fn sign_bytes(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn signatures_verify_and_tampering_does_not() {
        let key = CheckpointKey::from_secret([7; 32]);
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc();
        let totals = vec![CurrencyTotals {
            currency: Currency::City,
            issued: 10,
            circulating: 10,
            ..CurrencyTotals::default()
        }];
        let cp = Checkpoint::sign(&key, 5, "ab", totals, at);
        assert!(cp.verify(&key.public_hex()));
        let mut forged = cp.clone();
        forged.seq = 6;
        assert!(!forged.verify(&key.public_hex()));
        let other = CheckpointKey::from_secret([8; 32]);
        assert!(!cp.verify(&other.public_hex()));
        assert!(!cp.verify("not hex"));
    }
}
