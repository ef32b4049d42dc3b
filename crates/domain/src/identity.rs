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
    /// A request to link a fediverse account: `requested` (waiting for the federation worker
    /// to resolve the handle) `-> sent` (the direct message with the link was queued) `-> used`
    /// (the link was opened and the actor linked); `requested -> unresolved` (the handle did
    /// not resolve); `requested | sent -> superseded` (a newer request or an unlink replaced it).
    LinkRequestState {
        Requested => "requested",
        Sent => "sent",
        Unresolved => "unresolved",
        Used => "used",
        Superseded => "superseded",
    }
);

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
    /// verification interface: the registrar's desk, a code posted to an address, a check
    /// against the city's registry, an OpenID Connect identity provider.
    VerificationMethod {
        InPerson => "in_person",
        LetterCode => "letter_code",
        Registry => "registry",
        OpenidConnect => "openid_connect",
    }
);

lifecycle_states!(
    /// What the hashed identifier is: a document a registrar or registry checked, a postal
    /// address a letter code was sent to, or an identity provider's subject.
    DocumentKind {
        Curp => "curp",
        DocumentNumber => "document_number",
        Address => "address",
        ProviderSubject => "provider_subject",
    }
);

impl DocumentKind {
    /// The identity documents a person shows (at a desk, or to a registry).
    pub const DOCUMENTS: [DocumentKind; 2] = [DocumentKind::Curp, DocumentKind::DocumentNumber];

    pub fn is_document(self) -> bool {
        DocumentKind::DOCUMENTS.contains(&self)
    }
}

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
        match kind {
            DocumentKind::Address => return DocumentIdentifier::address(input),
            DocumentKind::ProviderSubject => return Err(DomainError::IdentifierInvalid),
            DocumentKind::Curp | DocumentKind::DocumentNumber => {}
        }
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
            DocumentKind::Address | DocumentKind::ProviderSubject => false,
        };
        if !valid {
            return Err(DomainError::IdentifierInvalid);
        }
        Ok(DocumentIdentifier { kind, normalized })
    }

    /// A postal address, normalized so the same home written two ways is one identifier:
    /// lowercased, punctuation other than `#` and `/` dropped, spaces collapsed. Between 5
    /// and 200 characters once normalized, with at least one letter or digit.
    pub fn address(input: &str) -> Result<DocumentIdentifier, DomainError> {
        let spaced: String = input
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| {
                if c.is_alphanumeric() || c == '#' || c == '/' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        let normalized = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = normalized.chars().count();
        if !(5..=200).contains(&length) || !normalized.chars().any(char::is_alphanumeric) {
            return Err(DomainError::AddressInvalid);
        }
        Ok(DocumentIdentifier {
            kind: DocumentKind::Address,
            normalized,
        })
    }

    /// An identity provider's subject (`sub`), unique only at its issuer, so the issuer is
    /// part of the identifier. Kept exactly: subjects are case-sensitive (OpenID Connect
    /// Core 1.0, section 2).
    pub fn provider_subject(
        issuer: &str,
        subject: &str,
    ) -> Result<DocumentIdentifier, DomainError> {
        if subject.is_empty() || subject.len() > 255 || subject.chars().any(char::is_control) {
            return Err(DomainError::IdentifierInvalid);
        }
        Ok(DocumentIdentifier {
            kind: DocumentKind::ProviderSubject,
            normalized: format!("{} {subject}", issuer.trim_end_matches('/')),
        })
    }

    /// The normalized text, as sent to the city's registry. Never shown on a page.
    pub fn normalized(&self) -> &str {
        &self.normalized
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

    #[test]
    fn addresses_are_normalized_and_checked() {
        let a = DocumentIdentifier::address("  Calle 5 #12,  Col. Centro ").unwrap();
        let b = DocumentIdentifier::parse(DocumentKind::Address, "calle 5 #12 col centro").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.hash_input(), "address:calle 5 #12 col centro");
        assert_eq!(
            DocumentIdentifier::address("1600 Ávila St., Apt 2/B")
                .unwrap()
                .normalized(),
            "1600 ávila st apt 2/b"
        );
        for bad in ["", " , . ", "abc", &"x".repeat(201)] {
            assert_eq!(
                DocumentIdentifier::address(bad),
                Err(DomainError::AddressInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn serde_names_are_the_stored_names() {
        // Pages get these through serde and forms send back `as_str`: they must agree.
        for m in VerificationMethod::ALL {
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
        for k in DocumentKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn provider_subjects_keep_case_and_name_their_issuer() {
        let s = DocumentIdentifier::provider_subject("https://llave.example/", "AbC").unwrap();
        assert_eq!(s.hash_input(), "provider_subject:https://llave.example AbC");
        assert_ne!(
            s,
            DocumentIdentifier::provider_subject("https://llave.example", "abc").unwrap()
        );
        assert!(DocumentIdentifier::provider_subject("https://i", "").is_err());
        assert!(DocumentIdentifier::parse(DocumentKind::ProviderSubject, "abc").is_err());
        assert!(!DocumentKind::Address.is_document());
        assert!(DocumentKind::Curp.is_document());
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
