//! Redemptions at the counter: reservations, the short code a person can type, and the
//! signed token the QR code carries.

use crate::ledger::{verify_signature, CheckpointKey};
use crate::lifecycle::lifecycle_states;
use crate::DomainError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

lifecycle_states!(
    /// A redemption: `reserved -> honored | cancelled | expired`, each at most once.
    RedemptionState { Reserved => "reserved", Honored => "honored", Cancelled => "cancelled", Expired => "expired" }
);

impl RedemptionState {
    /// The state a reserved redemption moves to; anything else was settled already.
    pub fn settle(self, to: RedemptionState) -> Result<RedemptionState, DomainError> {
        if self == RedemptionState::Reserved && to != RedemptionState::Reserved {
            Ok(to)
        } else {
            Err(DomainError::TransitionRefused {
                from: self.as_str(),
                event: to.as_str(),
            })
        }
    }
}

/// Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud is typed right.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// An 8-character code shown as `ABCD-1234`: what a cashier types when there is no camera.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ShortCode(String);

impl ShortCode {
    /// A code from 40 random bits (the caller brings the randomness).
    pub fn from_random(random: u64) -> ShortCode {
        let code = (0..8)
            .map(|i| {
                let index = ((random >> (i * 5)) & 31) as usize;
                ALPHABET.get(index).map_or('0', |b| char::from(*b))
            })
            .collect();
        ShortCode(code)
    }

    /// A code as typed: case, spaces and dashes ignored; O read as 0, I and L as 1.
    pub fn parse(input: &str) -> Result<ShortCode, DomainError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        if code.len() != 8 || !code.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(DomainError::CodeInvalid);
        }
        Ok(ShortCode(code))
    }

    /// As stored: eight characters, no dash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As shown: `ABCD-1234`.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(4.min(self.0.len()));
        format!("{a}-{b}")
    }
}

/// What the QR code says: which redemption, of what, at which redeemer, how much, until
/// when, signed by the city. 65 bytes plus a 64-byte signature, base64url: 172 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedemptionToken {
    pub redemption_id: Uuid,
    pub offering_id: Uuid,
    pub redeemer_id: Uuid,
    pub amount: i64,
    /// Unix seconds.
    pub expires_at: i64,
}

const TOKEN_VERSION: u8 = 1;
const PAYLOAD_LEN: usize = 1 + 16 * 3 + 8 + 8;

impl RedemptionToken {
    fn payload(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(PAYLOAD_LEN);
        out.push(TOKEN_VERSION);
        out.extend_from_slice(self.redemption_id.as_bytes());
        out.extend_from_slice(self.offering_id.as_bytes());
        out.extend_from_slice(self.redeemer_id.as_bytes());
        out.extend_from_slice(&self.amount.to_be_bytes());
        out.extend_from_slice(&self.expires_at.to_be_bytes());
        out
    }

    /// The signed token as the QR code carries it.
    pub fn sign(&self, key: &CheckpointKey) -> String {
        let mut bytes = self.payload();
        let signature = key.sign_bytes(&bytes);
        bytes.extend_from_slice(&signature);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A token read from a QR code, checked against the city's public key and the time
    /// (Unix seconds). A token that is not ours, altered or truncated is `TokenInvalid`;
    /// a genuine one past its time is `TokenExpired`.
    pub fn verify(
        text: &str,
        public_key_hex: &str,
        now: i64,
    ) -> Result<RedemptionToken, DomainError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| DomainError::TokenInvalid)?;
        if bytes.len() != PAYLOAD_LEN + 64 {
            return Err(DomainError::TokenInvalid);
        }
        let (payload, signature) = bytes.split_at(PAYLOAD_LEN);
        if !verify_signature(public_key_hex, payload, &hex::encode(signature)) {
            return Err(DomainError::TokenInvalid);
        }
        let token = RedemptionToken::decode(payload).ok_or(DomainError::TokenInvalid)?;
        if token.expires_at <= now {
            return Err(DomainError::TokenExpired);
        }
        Ok(token)
    }

    fn decode(payload: &[u8]) -> Option<RedemptionToken> {
        if payload.first() != Some(&TOKEN_VERSION) {
            return None;
        }
        let uuid =
            |from: usize| -> Option<Uuid> { Uuid::from_slice(payload.get(from..from + 16)?).ok() };
        let int = |from: usize| -> Option<i64> {
            Some(i64::from_be_bytes(
                payload.get(from..from + 8)?.try_into().ok()?,
            ))
        };
        Some(RedemptionToken {
            redemption_id: uuid(1)?,
            offering_id: uuid(17)?,
            redeemer_id: uuid(33)?,
            amount: int(49)?,
            expires_at: int(57)?,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn token() -> RedemptionToken {
        RedemptionToken {
            redemption_id: Uuid::from_u128(1),
            offering_id: Uuid::from_u128(2),
            redeemer_id: Uuid::from_u128(3),
            amount: 450,
            expires_at: 1_000,
        }
    }

    #[test]
    fn tokens_verify_and_forgeries_do_not() {
        let key = CheckpointKey::from_secret([1; 32]);
        let text = token().sign(&key);
        assert_eq!(text.len(), 172);
        assert_eq!(
            RedemptionToken::verify(&text, &key.public_hex(), 999).unwrap(),
            token()
        );
        assert_eq!(
            RedemptionToken::verify(&text, &key.public_hex(), 1_000),
            Err(DomainError::TokenExpired)
        );
        let other = CheckpointKey::from_secret([2; 32]);
        assert_eq!(
            RedemptionToken::verify(&token().sign(&other), &key.public_hex(), 0),
            Err(DomainError::TokenInvalid)
        );
        // Altering the amount (bytes 49..57) breaks the signature.
        let mut bytes = URL_SAFE_NO_PAD.decode(&text).unwrap();
        if let Some(b) = bytes.get_mut(56) {
            *b ^= 1;
        }
        assert_eq!(
            RedemptionToken::verify(&URL_SAFE_NO_PAD.encode(&bytes), &key.public_hex(), 0),
            Err(DomainError::TokenInvalid)
        );
        assert!(RedemptionToken::verify("garbage", &key.public_hex(), 0).is_err());
        assert!(RedemptionToken::verify(&text[..100], &key.public_hex(), 0).is_err());
    }

    #[test]
    fn settling_happens_once() {
        use RedemptionState::*;
        assert_eq!(Reserved.settle(Honored), Ok(Honored));
        for from in [Honored, Cancelled, Expired] {
            for to in RedemptionState::ALL {
                assert!(from.settle(*to).is_err());
            }
        }
        assert!(Reserved.settle(Reserved).is_err());
    }

    proptest! {
        #[test]
        fn short_codes_survive_how_people_type_them(random in any::<u64>()) {
            let code = ShortCode::from_random(random);
            let typed = code.display().to_lowercase().replace('0', "o").replace('1', "l");
            prop_assert_eq!(ShortCode::parse(&typed).unwrap(), code);
        }
    }
}
