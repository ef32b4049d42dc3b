//! The portable city protocol (`docs/protocol.md`): `export` writes this city's way of
//! working as one signed, versioned document; `read` checks a document another city wrote
//! (format, version, signature); `preview` says exactly what importing the chosen parts
//! would change here, and `apply` makes those changes in one transaction.

mod export;
mod import;

pub use export::export;
pub use import::{
    apply, preview, Applied, Choices, ConfigurationDifference, Fate, GovernancePlan, Origin,
    ParameterPlan, Part, Parts, Preview, Reason, TemplatePlan, UnitAddition,
};

use crate::AppError;
use citysync_domain::protocol::{self as rules, ProtocolDocument};
use citysync_domain::DomainError;
use serde_json::Value;

/// The largest document read (a city's whole catalog with long instructions fits easily).
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

fn invalid(what: impl Into<String>) -> AppError {
    DomainError::ProtocolInvalid(what.into()).into()
}

/// The bytes a document's signature covers: the RFC 8785 (JCS) form of the document
/// without its `signature` member.
pub fn signed_bytes(document: &Value) -> Result<Vec<u8>, AppError> {
    let mut unsigned = document.clone();
    if let Some(members) = unsigned.as_object_mut() {
        members.remove("signature");
    }
    serde_json_canonicalizer::to_vec(&unsigned).map_err(|e| invalid(e.to_string()))
}

/// Reads a document another city (or this one) wrote: JSON, a format and version this
/// software knows, a signature that verifies with the key the document names, and members
/// that make sense on their own. The signature is checked over the JSON as received, so
/// members a later version adds are covered too.
pub fn read(bytes: &[u8]) -> Result<ProtocolDocument, AppError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(invalid("too large"));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| invalid(e.to_string()))?;
    rules::check_header(
        value.get("format").and_then(Value::as_str),
        value.get("version").and_then(Value::as_u64),
    )?;
    let signature: rules::Signature = match value.get("signature") {
        Some(s) => {
            serde_json::from_value(s.clone()).map_err(|_| DomainError::ProtocolSignatureInvalid)?
        }
        None => return Err(DomainError::ProtocolSignatureInvalid.into()),
    };
    let key = value
        .pointer("/provenance/key/publicKeyHex")
        .and_then(Value::as_str)
        .ok_or(DomainError::ProtocolSignatureInvalid)?;
    rules::verify(key, &signed_bytes(&value)?, &signature)?;
    let document: ProtocolDocument =
        serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
    document.check()?;
    Ok(document)
}

/// A document as the JSON file `export` writes (pretty-printed; the signature does not
/// depend on the layout).
pub fn to_json(document: &ProtocolDocument) -> Result<String, AppError> {
    let mut text = serde_json::to_string_pretty(document).map_err(AppError::internal)?;
    text.push('\n');
    Ok(text)
}

/// The document without what says where it comes from: every member named `provenance`,
/// at any depth, and `signature`. Two cities running the same way of working have the same
/// substance (the round trip export → import → export keeps it).
pub fn substance(document: &ProtocolDocument) -> Result<Value, AppError> {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(members) => {
                members.remove("provenance");
                members.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(document).map_err(AppError::internal)?;
    if let Some(members) = value.as_object_mut() {
        members.remove("signature");
    }
    strip(&mut value);
    Ok(value)
}
