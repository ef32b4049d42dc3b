//! W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite, and Ed25519 Multikey
//! encoding — how an organization signs a `ContributionAttestation` (a W3C Verifiable
//! Credential 2.0) so that any city can check it from its own bytes, even after a third
//! server relayed it.
//!
//! What it implements:
//!
//! - W3C *Data Integrity EdDSA Cryptosuites v1.0* (vc-di-eddsa, Recommendation 2025),
//!   section 3.3 `eddsa-jcs-2022`: 3.3.1 Create Proof, 3.3.2 Verify Proof,
//!   3.3.3 Transformation (JCS, RFC 8785), 3.3.4 Hashing
//!   (`SHA-256(JCS(proofConfig)) || SHA-256(JCS(unsecuredDocument))`),
//!   3.3.5 Proof Configuration, 3.3.6 Proof Serialization and 3.3.7 Proof Verification
//!   (pure Ed25519, RFC 8032). Appendix B.3 "Representation: eddsa-jcs-2022" is the test
//!   vector the tests below reproduce byte for byte.
//! - FEP-8b32 (Object Integrity Proofs), which profiles exactly that suite for
//!   ActivityPub objects.
//! - FEP-521a and W3C Controlled Identifiers v1.0 (Multikey): an Ed25519 public key is
//!   `z` + base58btc(`0xed 0x01` ‖ 32 key bytes), so it starts with `z6Mk`; the secret key is
//!   `z` + base58btc(`0x80 0x26` ‖ 32 seed bytes), so it starts with `z3u2`.
//!
//! Deliberate narrowings of the Data Integrity algorithms, all of them stricter:
//!
//! - one proof per document; proof sets and chains (`proof` as an array, `previousProof`)
//!   are refused as malformed;
//! - only `proofPurpose: assertionMethod` is accepted;
//! - when the proof carries an `@context` it must *equal* the document's `@context` (the spec
//!   only asks that the document's context *start with* the proof's);
//! - signatures are checked with `verify_strict` (no small-order keys, canonical `S`), as
//!   vc-di-eddsa §4.1.2 recommends.
//!
//! [`verify`] does not dereference the `verificationMethod`: the caller fetches the key it
//! trusts for the signer (for City/Sync, the organization actor's `assertionMethod` Multikey)
//! and must compare the returned URL with that key's id.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use thiserror::Error;
use url::Url;

/// The proof `type` of every Data Integrity proof.
pub const PROOF_TYPE: &str = "DataIntegrityProof";
/// The cryptosuite identifier this module implements.
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
/// The only proof purpose signed and accepted here.
pub const ASSERTION_METHOD: &str = "assertionMethod";

/// Multicodec header of an Ed25519 public key (`ed25519-pub`, varint of 0xed).
const ED25519_PUB_HEADER: [u8; 2] = [0xed, 0x01];
/// Multicodec header of an Ed25519 secret key (`ed25519-priv`, varint of 0x1300).
const ED25519_PRIV_HEADER: [u8; 2] = [0x80, 0x26];
/// The multibase prefix of base58btc.
const BASE58BTC: char = 'z';

/// Why a proof could not be made or does not hold.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum IntegrityError {
    /// The document or its proof is not shaped as a Data Integrity proof requires.
    #[error("malformed document or proof: {0}")]
    Malformed(String),
    /// A key is not a base58btc Multikey of the expected kind (Ed25519 public or secret).
    #[error("not a valid Ed25519 Multikey")]
    KeyInvalid,
    /// The document carries no `proof`.
    #[error("the document has no proof")]
    MissingProof,
    /// [`sign`] was given a document that already has a `proof`.
    #[error("the document already has a proof")]
    AlreadySigned,
    /// The proof is not a `DataIntegrityProof` of the `eddsa-jcs-2022` cryptosuite.
    #[error("the proof is not a DataIntegrityProof with cryptosuite eddsa-jcs-2022")]
    WrongSuite,
    /// The proof's purpose is not `assertionMethod`.
    #[error("the proof's purpose {0:?} is not assertionMethod")]
    WrongPurpose(String),
    /// The proof's `@context` differs from the document's.
    #[error("the proof's @context differs from the document's")]
    ContextMismatch,
    /// The signature does not match the document and key.
    #[error("the signature does not verify")]
    SignatureInvalid,
}

/// A new Ed25519 secret key from the operating system's random source, as stored in the
/// database: multibase base58btc of the Multikey secret (`0x8026` prefix + 32 bytes), i.e.
/// it starts with `z3u2`. It is a secret: never log it or put it on the wire.
pub fn generate_secret() -> String {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let encoded = encode_multikey(ED25519_PRIV_HEADER, &seed);
    seed.fill(0);
    encoded
}

/// The Multikey public key (`0xed01` prefix + 32 bytes, base58btc, `z6Mk…`) for a stored
/// secret, as published in the actor's `assertionMethod`.
/// The Multikey secret for a 32-byte Ed25519 seed stored as hex (how the city keeps an
/// organization's attestation key).
pub fn secret_from_seed_hex(seed_hex: &str) -> Result<String, IntegrityError> {
    let mut seed = [0u8; 32];
    hex::decode_to_slice(seed_hex, &mut seed).map_err(|_| IntegrityError::KeyInvalid)?;
    let secret = encode_multikey(ED25519_PRIV_HEADER, &seed);
    seed.fill(0);
    Ok(secret)
}

pub fn public_multibase(secret: &str) -> Result<String, IntegrityError> {
    let key = signing_key(secret)?;
    Ok(encode_multikey(
        ED25519_PUB_HEADER,
        key.verifying_key().as_bytes(),
    ))
}

/// Adds a Data Integrity `proof` (vc-di-eddsa §3.3.1) to an unsecured JSON object: `type`
/// `DataIntegrityProof`, `cryptosuite` `eddsa-jcs-2022`, `created` (RFC 3339, UTC, whole
/// seconds, `Z`), `verificationMethod`, `proofPurpose` `assertionMethod`, the document's
/// `@context` when it has one (step 2), and the `proofValue` (`z` + base58btc of the 64-byte
/// signature over `SHA-256(JCS(proofConfig)) || SHA-256(JCS(document))`).
///
/// Errors when the document is not an object or already has a `proof`, or when the secret
/// is not an Ed25519 Multikey secret.
pub fn sign(
    document: &Value,
    secret: &str,
    verification_method: &Url,
    created: DateTime<Utc>,
) -> Result<Value, IntegrityError> {
    let unsecured = document
        .as_object()
        .ok_or_else(|| IntegrityError::Malformed("the document is not a JSON object".into()))?;
    if unsecured.contains_key("proof") {
        return Err(IntegrityError::AlreadySigned);
    }
    let key = signing_key(secret)?;

    let mut proof = Map::new();
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    proof.insert(
        "created".into(),
        created.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
    );
    proof.insert(
        "verificationMethod".into(),
        verification_method.as_str().into(),
    );
    proof.insert("proofPurpose".into(), ASSERTION_METHOD.into());
    if let Some(context) = unsecured.get("@context") {
        proof.insert("@context".into(), context.clone());
    }

    let hash_data = hash_data(&proof, unsecured)?;
    let signature = key.sign(&hash_data);
    proof.insert(
        "proofValue".into(),
        format!(
            "{BASE58BTC}{}",
            bs58::encode(signature.to_bytes()).into_string()
        )
        .into(),
    );

    let mut secured = unsecured.clone();
    secured.insert("proof".into(), Value::Object(proof));
    Ok(Value::Object(secured))
}

/// Verifies the document's single `proof` (vc-di-eddsa §3.3.2) with the given Multikey public
/// key (`z6Mk…`): the proof must be a `DataIntegrityProof` of `eddsa-jcs-2022` for
/// `assertionMethod`, its `@context` (if any) must equal the document's, its `created` (if
/// any) must be a date-time, and the signature must hold over the document without its
/// proof. Returns the proof's `verificationMethod`, which the caller must match against the
/// key it looked up.
pub fn verify(document: &Value, public_key_multibase: &str) -> Result<Url, IntegrityError> {
    let key = verifying_key(public_key_multibase)?;
    let secured = document
        .as_object()
        .ok_or_else(|| IntegrityError::Malformed("the document is not a JSON object".into()))?;
    let proof = match secured.get("proof") {
        None => return Err(IntegrityError::MissingProof),
        Some(Value::Object(proof)) => proof,
        Some(Value::Array(_)) => {
            return Err(IntegrityError::Malformed(
                "proof sets are not supported: exactly one proof object is expected".into(),
            ))
        }
        Some(_) => return Err(IntegrityError::Malformed("proof is not an object".into())),
    };

    let mut unsecured = secured.clone();
    unsecured.remove("proof");
    let mut options = proof.clone();
    let proof_value = match options.remove("proofValue") {
        Some(Value::String(value)) => value,
        Some(_) => {
            return Err(IntegrityError::Malformed(
                "proofValue is not a string".into(),
            ))
        }
        None => {
            return Err(IntegrityError::Malformed(
                "the proof has no proofValue".into(),
            ))
        }
    };

    if options.get("type").and_then(Value::as_str) != Some(PROOF_TYPE)
        || options.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE)
    {
        return Err(IntegrityError::WrongSuite);
    }
    match options.get("proofPurpose") {
        Some(Value::String(purpose)) if purpose == ASSERTION_METHOD => {}
        Some(Value::String(purpose)) => return Err(IntegrityError::WrongPurpose(purpose.clone())),
        Some(_) => {
            return Err(IntegrityError::Malformed(
                "proofPurpose is not a string".into(),
            ))
        }
        None => {
            return Err(IntegrityError::Malformed(
                "the proof has no proofPurpose".into(),
            ))
        }
    }
    if options.contains_key("previousProof") {
        return Err(IntegrityError::Malformed(
            "proof chains (previousProof) are not supported".into(),
        ));
    }
    let verification_method = options
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or_else(|| IntegrityError::Malformed("the proof has no verificationMethod".into()))
        .and_then(|vm| {
            Url::parse(vm)
                .map_err(|e| IntegrityError::Malformed(format!("verificationMethod: {e}")))
        })?;
    if let Some(created) = options.get("created") {
        let valid = created.as_str().is_some_and(is_xsd_date_time);
        if !valid {
            return Err(IntegrityError::Malformed(
                "created is not an XML Schema dateTime".into(),
            ));
        }
    }
    if let Some(context) = options.get("@context") {
        if unsecured.get("@context") != Some(context) {
            return Err(IntegrityError::ContextMismatch);
        }
    }

    let signature = decode_signature(&proof_value)?;
    let hash_data = hash_data(&options, &unsecured)?;
    key.verify_strict(&hash_data, &signature)
        .map_err(|_| IntegrityError::SignatureInvalid)?;
    Ok(verification_method)
}

/// vc-di-eddsa §3.3.3–3.3.5: `SHA-256(JCS(proofConfig)) || SHA-256(JCS(unsecuredDocument))`.
fn hash_data(
    proof_config: &Map<String, Value>,
    unsecured: &Map<String, Value>,
) -> Result<[u8; 64], IntegrityError> {
    let mut out = [0u8; 64];
    let (config_hash, document_hash) = out.split_at_mut(32);
    config_hash.copy_from_slice(&Sha256::digest(jcs(proof_config)?));
    document_hash.copy_from_slice(&Sha256::digest(jcs(unsecured)?));
    Ok(out)
}

/// RFC 8785 canonical JSON bytes of an object.
fn jcs(object: &Map<String, Value>) -> Result<Vec<u8>, IntegrityError> {
    serde_json_canonicalizer::to_vec(object)
        .map_err(|e| IntegrityError::Malformed(format!("cannot canonicalize: {e}")))
}

/// Whether `value` is an XML Schema 1.1 `dateTime` as Data Integrity writes them: RFC 3339
/// with an offset, or the same without one.
fn is_xsd_date_time(value: &str) -> bool {
    DateTime::parse_from_rfc3339(value).is_ok()
        || NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
}

fn encode_multikey(header: [u8; 2], key: &[u8; 32]) -> String {
    let mut bytes = [0u8; 34];
    let (head, body) = bytes.split_at_mut(2);
    head.copy_from_slice(&header);
    body.copy_from_slice(key);
    let encoded = format!("{BASE58BTC}{}", bs58::encode(bytes).into_string());
    bytes.fill(0);
    encoded
}

/// The 32 key bytes of a base58btc Multikey with the given multicodec header.
fn decode_multikey(value: &str, header: [u8; 2]) -> Result<[u8; 32], IntegrityError> {
    let encoded = value
        .strip_prefix(BASE58BTC)
        .ok_or(IntegrityError::KeyInvalid)?;
    let mut bytes = bs58::decode(encoded)
        .into_vec()
        .map_err(|_| IntegrityError::KeyInvalid)?;
    let key = match bytes.split_first_chunk::<2>() {
        Some((head, body)) if *head == header => {
            <[u8; 32]>::try_from(body).map_err(|_| IntegrityError::KeyInvalid)
        }
        _ => Err(IntegrityError::KeyInvalid),
    };
    bytes.fill(0);
    key
}

fn signing_key(secret: &str) -> Result<SigningKey, IntegrityError> {
    let mut seed = decode_multikey(secret, ED25519_PRIV_HEADER)?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    Ok(key)
}

/// Whether `public` is a usable Ed25519 Multikey public key (`z6Mk…`, not a weak key): the
/// only kind of assertion key City/Sync signs or verifies attestations with.
pub fn is_ed25519_public_key(public: &str) -> bool {
    verifying_key(public).is_ok()
}

fn verifying_key(public: &str) -> Result<VerifyingKey, IntegrityError> {
    let bytes = decode_multikey(public, ED25519_PUB_HEADER)?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|_| IntegrityError::KeyInvalid)?;
    if key.is_weak() {
        return Err(IntegrityError::KeyInvalid);
    }
    Ok(key)
}

fn decode_signature(proof_value: &str) -> Result<Signature, IntegrityError> {
    let encoded = proof_value
        .strip_prefix(BASE58BTC)
        .ok_or_else(|| IntegrityError::Malformed("proofValue is not base58btc multibase".into()))?;
    let bytes = bs58::decode(encoded)
        .into_vec()
        .map_err(|_| IntegrityError::Malformed("proofValue is not base58btc".into()))?;
    let bytes = <[u8; 64]>::try_from(bytes.as_slice())
        .map_err(|_| IntegrityError::Malformed("proofValue is not a 64-byte signature".into()))?;
    Ok(Signature::from_bytes(&bytes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    // W3C vc-di-eddsa (Recommendation), Appendix B.3 "Representation: eddsa-jcs-2022",
    // examples 29–39.
    const SPEC_SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    const SPEC_PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const SPEC_VERIFICATION_METHOD: &str = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const SPEC_CANONICAL_DOCUMENT: &str = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}"#;
    const SPEC_CANONICAL_PROOF_CONFIG: &str = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"created":"2023-02-24T23:36:38Z","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod","type":"DataIntegrityProof","verificationMethod":"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}"#;
    const SPEC_HASH_DATA: &str = "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";
    const SPEC_SIGNATURE_HEX: &str = "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b80351da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808";
    const SPEC_PROOF_VALUE: &str =
        "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";

    fn spec_unsigned() -> Value {
        json!({
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/ns/credentials/examples/v2"
            ],
            "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
            "type": ["VerifiableCredential", "AlumniCredential"],
            "name": "Alumni Credential",
            "description": "A minimum viable example of an Alumni Credential.",
            "issuer": "https://vc.example/issuers/5678",
            "validFrom": "2023-01-01T00:00:00Z",
            "credentialSubject": {
                "id": "did:example:abcdefgh",
                "alumniOf": "The School of Examples"
            }
        })
    }

    /// Example 39, "Signed Credential", as printed in the spec.
    const SPEC_SIGNED: &str = r#"{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/ns/credentials/examples/v2"
  ],
  "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  "type": [
    "VerifiableCredential",
    "AlumniCredential"
  ],
  "name": "Alumni Credential",
  "description": "A minimum viable example of an Alumni Credential.",
  "issuer": "https://vc.example/issuers/5678",
  "validFrom": "2023-01-01T00:00:00Z",
  "credentialSubject": {
    "id": "did:example:abcdefgh",
    "alumniOf": "The School of Examples"
  },
  "proof": {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-jcs-2022",
    "created": "2023-02-24T23:36:38Z",
    "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    "proofPurpose": "assertionMethod",
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://www.w3.org/ns/credentials/examples/v2"
    ],
    "proofValue": "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
  }
}"#;

    fn spec_created() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2023, 2, 24, 23, 36, 38).unwrap()
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn spec_key_pair_is_a_multikey_pair() {
        assert_eq!(public_multibase(SPEC_SECRET).unwrap(), SPEC_PUBLIC);
    }

    #[test]
    fn spec_vector_intermediate_values() {
        let unsigned = spec_unsigned();
        let document = unsigned.as_object().unwrap();
        assert_eq!(
            String::from_utf8(jcs(document).unwrap()).unwrap(),
            SPEC_CANONICAL_DOCUMENT
        );

        let signed: Value = serde_json::from_str(SPEC_SIGNED).unwrap();
        let mut config = signed["proof"].as_object().unwrap().clone();
        config.remove("proofValue");
        assert_eq!(
            String::from_utf8(jcs(&config).unwrap()).unwrap(),
            SPEC_CANONICAL_PROOF_CONFIG
        );

        let hash = hash_data(&config, document).unwrap();
        assert_eq!(hex(&hash), SPEC_HASH_DATA);
        let signature = signing_key(SPEC_SECRET).unwrap().sign(&hash);
        assert_eq!(hex(&signature.to_bytes()), SPEC_SIGNATURE_HEX);
    }

    #[test]
    fn sign_reproduces_the_spec_vector() {
        let method = Url::parse(SPEC_VERIFICATION_METHOD).unwrap();
        assert_eq!(method.as_str(), SPEC_VERIFICATION_METHOD);
        let signed = sign(&spec_unsigned(), SPEC_SECRET, &method, spec_created()).unwrap();
        assert_eq!(signed["proof"]["proofValue"], SPEC_PROOF_VALUE);
        let expected: Value = serde_json::from_str(SPEC_SIGNED).unwrap();
        assert_eq!(signed, expected);
    }

    #[test]
    fn verify_accepts_the_spec_signed_credential() {
        let signed: Value = serde_json::from_str(SPEC_SIGNED).unwrap();
        let method = verify(&signed, SPEC_PUBLIC).unwrap();
        assert_eq!(method.as_str(), SPEC_VERIFICATION_METHOD);
    }

    /// The editor's draft's current vector (w3c/vc-di-eddsa
    /// `TestVectors/eddsa-jcs-2022/signedJCS.json`): the same credential and key, with an
    /// `https` verification method like the ones City/Sync uses.
    #[test]
    fn editors_draft_vector_with_an_https_method() {
        let method = Url::parse(
            "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        )
        .unwrap();
        let signed = sign(&spec_unsigned(), SPEC_SECRET, &method, spec_created()).unwrap();
        assert_eq!(
            signed["proof"]["proofValue"],
            "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
        );
        assert_eq!(verify(&signed, SPEC_PUBLIC).unwrap(), method);
    }

    fn attestation() -> Value {
        json!({
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                { "cs": "https://citysync.example/ns#" }
            ],
            "id": "https://north.example/attestations/8f1c",
            "type": ["VerifiableCredential", "cs:ContributionAttestation"],
            "issuer": "https://north.example/orgs/river-care",
            "validFrom": "2025-05-01T10:00:00Z",
            "credentialSubject": {
                "id": "https://south.example/users/ana",
                "cs:hours": 3.5,
                "cs:credits": 12,
                "cs:note": "Ufer gesäubert — 🌊"
            }
        })
    }

    fn org_method() -> Url {
        Url::parse("https://north.example/orgs/river-care#ed25519-key").unwrap()
    }

    fn signed_attestation() -> (Value, String) {
        let secret = generate_secret();
        let created = Utc.with_ymd_and_hms(2025, 5, 1, 10, 0, 7).unwrap();
        let signed = sign(&attestation(), &secret, &org_method(), created).unwrap();
        (signed, public_multibase(&secret).unwrap())
    }

    #[test]
    fn generated_keys_are_multikeys() {
        let secret = generate_secret();
        assert!(secret.starts_with("z3u2"), "{secret}");
        let public = public_multibase(&secret).unwrap();
        assert!(public.starts_with("z6Mk"), "{public}");
        assert_ne!(generate_secret(), secret);
        assert_eq!(
            public_multibase(SPEC_PUBLIC),
            Err(IntegrityError::KeyInvalid)
        );
        assert_eq!(
            public_multibase("not a key"),
            Err(IntegrityError::KeyInvalid)
        );
    }

    #[test]
    fn round_trip() {
        let (signed, public) = signed_attestation();
        let proof = &signed["proof"];
        assert_eq!(proof["type"], PROOF_TYPE);
        assert_eq!(proof["cryptosuite"], CRYPTOSUITE);
        assert_eq!(proof["proofPurpose"], ASSERTION_METHOD);
        assert_eq!(proof["created"], "2025-05-01T10:00:07Z");
        assert_eq!(proof["@context"], attestation()["@context"]);
        assert!(proof["proofValue"].as_str().unwrap().starts_with('z'));
        assert_eq!(verify(&signed, &public).unwrap(), org_method());
    }

    #[test]
    fn created_is_whole_seconds_utc() {
        let secret = generate_secret();
        let created = Utc.timestamp_opt(1_746_093_607, 123_456_789).unwrap();
        let signed = sign(&attestation(), &secret, &org_method(), created).unwrap();
        assert_eq!(signed["proof"]["created"], "2025-05-01T10:00:07Z");
    }

    #[test]
    fn every_single_byte_flip_is_caught() {
        let (signed, public) = signed_attestation();
        let bytes = serde_json::to_vec(&signed).unwrap();
        let mut checked = 0;
        // Flipping the lowest bit keeps most bytes printable, so most flips still parse and
        // reach the signature check (each verify costs milliseconds in a debug build).
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x01;
            let Ok(document) = serde_json::from_slice::<Value>(&flipped) else {
                continue;
            };
            checked += 1;
            assert!(
                verify(&document, &public).is_err(),
                "byte {i} flipped still verifies: {}",
                String::from_utf8_lossy(&flipped)
            );
        }
        assert!(checked * 2 > bytes.len(), "only {checked} flips parsed");
    }

    #[test]
    fn changed_values_fail() {
        let (signed, public) = signed_attestation();
        type Change = fn(&mut Value);
        let cases: [(&str, Change); 6] = [
            ("credits", |d| {
                d["credentialSubject"]["cs:credits"] = json!(13)
            }),
            ("credits as float", |d| {
                d["credentialSubject"]["cs:credits"] = json!(12.5)
            }),
            ("issuer", |d| d["issuer"] = json!("https://evil.example/")),
            ("added field", |d| d["extra"] = json!(true)),
            ("created", |d| {
                d["proof"]["created"] = json!("2025-05-01T10:00:08Z")
            }),
            ("verification method", |d| {
                d["proof"]["verificationMethod"] = json!("https://evil.example/key")
            }),
        ];
        for (name, change) in cases {
            let mut document = signed.clone();
            change(&mut document);
            assert_eq!(
                verify(&document, &public),
                Err(IntegrityError::SignatureInvalid),
                "{name}"
            );
        }
    }

    #[test]
    fn key_order_and_whitespace_do_not_matter() {
        let (signed, public) = signed_attestation();
        let pretty = serde_json::to_string_pretty(&signed).unwrap();
        let reparsed: Value = serde_json::from_str(&pretty).unwrap();
        assert!(verify(&reparsed, &public).is_ok());

        // The same document written by hand: keys in another order, other whitespace,
        // an escaped character where the signer wrote it raw.
        let proof = &signed["proof"];
        let text = format!(
            "{{ \"proof\" : {{\n\t\"proofValue\":{pv},\"proofPurpose\" :\"assertionMethod\", \"verificationMethod\": {vm},\r\n\"created\":{cr},\"cryptosuite\":\"eddsa-jcs-2022\",\"type\":\"DataIntegrityProof\",\"@context\":[\"https://www.w3.org/ns/credentials/v2\",{{\"cs\":\"https://citysync.example/ns#\"}}]}},\n  \"credentialSubject\": {{ \"cs:note\": \"Ufer ges\\u00e4ubert \\u2014 \\ud83c\\udf0a\", \"cs:credits\": 12, \"cs:hours\": 3.5, \"id\": \"https://south.example/users/ana\" }},\n  \"validFrom\": \"2025-05-01T10:00:00Z\", \"issuer\": \"https://north.example/orgs/river-care\",\n  \"type\": [\"VerifiableCredential\", \"cs:ContributionAttestation\"], \"id\": \"https://north.example/attestations/8f1c\",\n  \"@context\": [\"https://www.w3.org/ns/credentials/v2\", {{ \"cs\": \"https://citysync.example/ns#\" }}]\n}}",
            pv = proof["proofValue"],
            vm = proof["verificationMethod"],
            cr = proof["created"],
        );
        let rewritten: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(verify(&rewritten, &public).unwrap(), org_method());
    }

    #[test]
    fn a_wrong_key_fails() {
        let (signed, _) = signed_attestation();
        let other = public_multibase(&generate_secret()).unwrap();
        assert_eq!(
            verify(&signed, &other),
            Err(IntegrityError::SignatureInvalid)
        );
        assert_eq!(
            verify(&signed, SPEC_SECRET),
            Err(IntegrityError::KeyInvalid)
        );
        assert_eq!(verify(&signed, "z6Mk"), Err(IntegrityError::KeyInvalid));
    }

    #[test]
    fn another_suite_or_purpose_fails() {
        let (signed, public) = signed_attestation();

        let mut document = signed.clone();
        document["proof"]["cryptosuite"] = json!("eddsa-rdfc-2022");
        assert_eq!(verify(&document, &public), Err(IntegrityError::WrongSuite));

        let mut document = signed.clone();
        document["proof"]["type"] = json!("Ed25519Signature2020");
        assert_eq!(verify(&document, &public), Err(IntegrityError::WrongSuite));

        let mut document = signed.clone();
        document["proof"]["proofPurpose"] = json!("authentication");
        assert_eq!(
            verify(&document, &public),
            Err(IntegrityError::WrongPurpose("authentication".into()))
        );

        let mut document = signed.clone();
        document["proof"]["@context"] = json!(["https://www.w3.org/ns/credentials/v2"]);
        assert_eq!(
            verify(&document, &public),
            Err(IntegrityError::ContextMismatch)
        );

        let mut document = signed.clone();
        document["@context"] = json!(["https://www.w3.org/ns/credentials/v2"]);
        assert_eq!(
            verify(&document, &public),
            Err(IntegrityError::ContextMismatch)
        );
    }

    #[test]
    fn missing_or_malformed_proofs_fail() {
        let (signed, public) = signed_attestation();
        assert_eq!(
            verify(&attestation(), &public),
            Err(IntegrityError::MissingProof)
        );

        let mut set = signed.clone();
        set["proof"] = json!([signed["proof"].clone()]);
        assert!(matches!(
            verify(&set, &public),
            Err(IntegrityError::Malformed(_))
        ));

        for field in ["proofValue", "proofPurpose", "verificationMethod"] {
            let mut document = signed.clone();
            document["proof"].as_object_mut().unwrap().remove(field);
            assert!(
                matches!(
                    verify(&document, &public),
                    Err(IntegrityError::Malformed(_))
                ),
                "{field}"
            );
        }

        let mut document = signed.clone();
        document["proof"]["proofValue"] = json!("u2HnFSSPP");
        assert!(matches!(
            verify(&document, &public),
            Err(IntegrityError::Malformed(_))
        ));

        let mut document = signed.clone();
        document["proof"]["created"] = json!("yesterday");
        assert!(matches!(
            verify(&document, &public),
            Err(IntegrityError::Malformed(_))
        ));

        assert!(matches!(
            verify(&json!("a string"), &public),
            Err(IntegrityError::Malformed(_))
        ));
    }

    #[test]
    fn sign_refuses_signed_documents_and_non_objects() {
        let (signed, _) = signed_attestation();
        let secret = generate_secret();
        assert_eq!(
            sign(&signed, &secret, &org_method(), Utc::now()),
            Err(IntegrityError::AlreadySigned)
        );
        assert!(matches!(
            sign(&json!([1, 2]), &secret, &org_method(), Utc::now()),
            Err(IntegrityError::Malformed(_))
        ));
        assert_eq!(
            sign(&attestation(), SPEC_PUBLIC, &org_method(), Utc::now()),
            Err(IntegrityError::KeyInvalid)
        );
    }

    #[test]
    fn a_document_without_context_signs_and_verifies() {
        let secret = generate_secret();
        let public = public_multibase(&secret).unwrap();
        let document = json!({ "type": "Note", "content": "hi" });
        let signed = sign(&document, &secret, &org_method(), Utc::now()).unwrap();
        assert!(signed["proof"].get("@context").is_none());
        assert_eq!(verify(&signed, &public).unwrap(), org_method());
    }
}
