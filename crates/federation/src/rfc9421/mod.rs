//! HTTP Message Signatures ([RFC 9421]) beside draft-cavage (issue 24): Fedify and other
//! current software sign with `Signature-Input` + `Signature`, structured fields ([RFC 8941],
//! parsed and serialized with `sfv`), and `Content-Digest` ([RFC 9530]).
//!
//! Both directions build the signature base (§2.5) with [`signature_base`]: the inbox checks
//! a peer's signature ([`prepare`], then [`Prepared::verify`] with the actor's key), and the
//! delivery worker signs a request for a peer that accepts RFC 9421 ([`sign`]).
//!
//! [RFC 9421]: https://www.rfc-editor.org/rfc/rfc9421
//! [RFC 8941]: https://www.rfc-editor.org/rfc/rfc8941
//! [RFC 9530]: https://www.rfc-editor.org/rfc/rfc9530

mod sign;
mod verify;

pub use sign::{sign, Signed, COVERED, LABEL};
pub use verify::{prepare, present, Prepared, NOT_VERIFIED};

use crate::FedError;
use sfv::{BareItem, InnerList, List, ListEntry};

/// The one algorithm signed and accepted (RFC 9421 §3.3.1); actors' keys are RSA.
pub const RSA_V1_5_SHA256: &str = "rsa-v1_5-sha256";

fn refuse(why: impl Into<String>) -> FedError {
    FedError::Signature(why.into())
}

/// The `@authority` of a URL (RFC 9421 §2.2.3): its host, lowercase, and its port when it is
/// not the scheme's default.
fn authority(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{}:{p}", h.to_ascii_lowercase()),
        (Some(h), None) => h.to_ascii_lowercase(),
        (None, _) => String::new(),
    }
}

/// The signature base of RFC 9421 §2.5 for the covered components of `input`: one line per
/// component with its value from `value`, then `@signature-params`, which is the inner list
/// serialized (a one-member list serializes as exactly that).
fn signature_base(
    input: &InnerList,
    mut value: impl FnMut(&str) -> Result<String, FedError>,
) -> Result<String, FedError> {
    let mut base = String::new();
    for item in &input.items {
        let BareItem::String(name) = &item.bare_item else {
            return Err(refuse("a covered component is not a string"));
        };
        let name = name.as_str();
        let value = value(name)?;
        if value.contains('\n') || value.contains('\r') {
            return Err(refuse(format!(
                "the {name} component contains a line break"
            )));
        }
        base.push_str(&sfv::FieldType::serialize(item));
        base.push_str(": ");
        base.push_str(&value);
        base.push('\n');
    }
    let params: List = vec![ListEntry::InnerList(input.clone())];
    let params = sfv::FieldType::serialize(&params)
        .ok_or_else(|| refuse("the signature parameters cannot be serialized"))?;
    base.push_str("\"@signature-params\": ");
    base.push_str(&params);
    Ok(base)
}
