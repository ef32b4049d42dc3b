//! Identity levels (issue 25): how sure the city is that an account is one real resident.
//! A verified email is the first level; a resident verification (a registrar checked a
//! document in person, later also letter codes, registries or OpenID Connect) is the
//! second. Only a keyed hash of a document's identifier is ever kept, so the identifier
//! here is normalized once and then handed to the hashing.

use crate::lifecycle::lifecycle_states;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

lifecycle_states!(
    /// How far an account is verified, lowest first.
    IdentityLevel { EmailVerified => "email", ResidentVerified => "resident" }
);

impl IdentityLevel {
    /// Where the level stands among the others (its place in `ALL`).
    fn rank(self) -> usize {
        IdentityLevel::ALL
            .iter()
            .position(|l| *l == self)
            .unwrap_or_default()
    }

    /// The account's level: `None` while its email is not verified.
    pub fn of(email_verified: bool, resident_verified: bool) -> Option<IdentityLevel> {
        match (email_verified, resident_verified) {
            (false, _) => None,
            (true, false) => Some(IdentityLevel::EmailVerified),
            (true, true) => Some(IdentityLevel::ResidentVerified),
        }
    }

    /// Whether an account at `level` (`None`: not even an email) meets this requirement.
    pub fn met_by(self, level: Option<IdentityLevel>) -> bool {
        level.is_some_and(|l| l >= self)
    }
}

impl PartialOrd for IdentityLevel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IdentityLevel {
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank().cmp(&other.rank())
    }
}

lifecycle_states!(
    /// How a resident verification was made. Each method is one module behind the app's
    /// verification interface; only the registrar's desk exists so far.
    VerificationMethod { InPerson => "in_person" }
);

lifecycle_states!(
    /// The kind of document a registrar checked.
    DocumentKind { Curp => "curp", DocumentNumber => "document_number" }
);

lifecycle_states!(
    /// What the administrator decided about a refused second verification.
    ConflictResolution { Dismissed => "dismissed", Transferred => "transferred" }
);

/// A document identifier, normalized so that the same document always gives the same text
/// (and so the same keyed hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentIdentifier {
    kind: DocumentKind,
    normalized: String,
}

/// The Mexican states' two-letter codes in a CURP (`NE`: born abroad).
const CURP_STATES: [&str; 33] = [
    "AS", "BC", "BS", "CC", "CS", "CH", "CL", "CM", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
    "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS",
    "NE",
];

impl DocumentIdentifier {
    /// Reads an identifier as typed at the desk: spaces and hyphens are dropped and
    /// letters uppercased, then the kind's form is checked.
    pub fn parse(kind: DocumentKind, input: &str) -> Result<DocumentIdentifier, DomainError> {
        let normalized: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = match kind {
            DocumentKind::Curp => is_curp(&normalized),
            DocumentKind::DocumentNumber => {
                (4..=32).contains(&normalized.len())
                    && normalized.chars().all(|c| c.is_ascii_alphanumeric())
            }
        };
        if !valid {
            return Err(DomainError::IdentifierInvalid);
        }
        Ok(DocumentIdentifier { kind, normalized })
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The text that is hashed: the kind and the normalized identifier, so a document
    /// number never collides with a CURP.
    pub fn hash_input(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.normalized)
    }
}

/// The official CURP form (RENAPO): four letters (the second a vowel or X), the birth date
/// `YYMMDD`, sex (`H`, `M` or `X`), the state, three inner consonants, a letter or digit
/// that tells the century apart, and a check digit.
fn is_curp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !s.is_ascii() {
        return false;
    }
    let upper = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let consonant = |i: usize| upper(i) && b.get(i).is_some_and(|c| !b"AEIOU".contains(c));
    let number = |i: usize| {
        s.get(i..i + 2)
            .and_then(|t| t.parse::<u8>().ok())
            .filter(|_| digit(i) && digit(i + 1))
    };
    upper(0)
        && b.get(1).is_some_and(|c| b"AEIOUX".contains(c))
        && upper(2)
        && upper(3)
        && number(4).is_some()
        && number(6).is_some_and(|m| (1..=12).contains(&m))
        && number(8).is_some_and(|d| (1..=31).contains(&d))
        && b.get(10).is_some_and(|c| b"HMX".contains(c))
        && s.get(11..13).is_some_and(|st| CURP_STATES.contains(&st))
        && (13..16).all(consonant)
        && (upper(16) || digit(16))
        && digit(17)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn levels_are_ordered_and_met() {
        assert!(IdentityLevel::EmailVerified < IdentityLevel::ResidentVerified);
        assert!(IdentityLevel::ResidentVerified.met_by(Some(IdentityLevel::ResidentVerified)));
        assert!(!IdentityLevel::ResidentVerified.met_by(Some(IdentityLevel::EmailVerified)));
        assert!(IdentityLevel::EmailVerified.met_by(Some(IdentityLevel::ResidentVerified)));
        assert!(!IdentityLevel::EmailVerified.met_by(None));
        assert_eq!(IdentityLevel::of(false, true), None);
        assert_eq!(
            IdentityLevel::of(true, true),
            Some(IdentityLevel::ResidentVerified)
        );
        assert_eq!(
            IdentityLevel::parse("resident").unwrap(),
            IdentityLevel::ResidentVerified
        );
    }

    #[test]
    fn curps_are_normalized_and_checked() {
        let id = DocumentIdentifier::parse(DocumentKind::Curp, " gode-561231 hdfrrn04 ").unwrap();
        assert_eq!(id.hash_input(), "curp:GODE561231HDFRRN04");
        for bad in [
            "GODE561231HDFRRN0",   // 17 characters
            "GODE561231HDFRRN0A",  // check digit not a digit
            "GBDE561231HDFRRN04",  // second letter not a vowel
            "GODE561331HDFRRN04",  // month 13
            "GODE561200HDFRRN04",  // day 0
            "GODE561231ZDFRRN04",  // sex
            "GODE561231HZZRRN04",  // state
            "GODE561231HDFARN04",  // inner vowel
            "GODE561231HDFRRN04X", // 19 characters
            "GÓDE561231HDFRRN04",  // not ASCII
        ] {
            assert_eq!(
                DocumentIdentifier::parse(DocumentKind::Curp, bad),
                Err(DomainError::IdentifierInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn document_numbers_are_normalized_and_checked() {
        let id = DocumentIdentifier::parse(DocumentKind::DocumentNumber, "d12-34 567").unwrap();
        assert_eq!(id.hash_input(), "document_number:D1234567");
        assert_eq!(id.kind(), DocumentKind::DocumentNumber);
        for bad in ["", "ab1", "A1B2/C3", &"9".repeat(33), "ÑANDU1234"] {
            assert!(
                DocumentIdentifier::parse(DocumentKind::DocumentNumber, bad).is_err(),
                "{bad}"
            );
        }
    }

    proptest! {
        #[test]
        fn normalizing_is_idempotent_and_ignores_spacing(raw in "[a-zA-Z0-9 -]{0,40}") {
            if let Ok(id) = DocumentIdentifier::parse(DocumentKind::DocumentNumber, &raw) {
                let again = DocumentIdentifier::parse(DocumentKind::DocumentNumber, &id.normalized).unwrap();
                prop_assert_eq!(&again, &id);
                let spaced = raw.to_lowercase().replace(' ', " - ");
                prop_assert_eq!(DocumentIdentifier::parse(DocumentKind::DocumentNumber, &spaced).unwrap(), id);
            } else {
                let kept = raw.chars().filter(|c| c.is_ascii_alphanumeric()).count();
                prop_assert!(!(4..=32).contains(&kept));
            }
        }
    }
}
