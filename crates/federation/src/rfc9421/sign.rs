//! Outbound: the delivery worker signs a request the RFC 9421 way for a peer that accepts it
//! (docs/federation.md, "Outbound signatures"): `rsa-v1_5-sha256` with the actor's RSA key
//! (the one draft-cavage signs with), `keyid` the actor's key id, covering `@method`,
//! `@target-uri`, `@authority` and `content-digest` (`sha-256`, RFC 9530), with `created`.

use super::{authority, refuse, signature_base, RSA_V1_5_SHA256};
use crate::signing::SigningKey;
use crate::FedError;
use chrono::{DateTime, Utc};
use sfv::{BareItem, Dictionary, FieldType, InnerList, Item, Key, ListEntry, Parameters};
use sha2::{Digest, Sha256};

/// The label of the one signature this city sends.
pub const LABEL: &str = "sig1";

/// The components every outbound signature covers, in this order.
pub const COVERED: [&str; 4] = ["@method", "@target-uri", "@authority", "content-digest"];

/// The three headers that sign a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// `Content-Digest`: the body's SHA-256.
    pub content_digest: String,
    pub signature_input: String,
    pub signature: String,
}

fn key(name: &str) -> Result<Key, FedError> {
    Key::from_string(name.to_owned()).map_err(|(e, _)| refuse(format!("key {name}: {e}")))
}

fn string(value: &str) -> Result<BareItem, FedError> {
    sfv::String::from_string(value.to_owned())
        .map(BareItem::String)
        .map_err(|(e, _)| refuse(format!("{value} is not a structured-field string: {e}")))
}

/// A one-member dictionary `name=:bytes:`, serialized.
fn bytes_member(name: &str, bytes: Vec<u8>) -> Result<String, FedError> {
    let mut dictionary = Dictionary::new();
    dictionary.insert(
        key(name)?,
        ListEntry::Item(Item::new(BareItem::ByteSequence(bytes))),
    );
    dictionary
        .serialize()
        .ok_or_else(|| refuse(format!("{name} cannot be serialized")))
}

/// Signs a request of `method` to `target` carrying `body` with `private_key`, named by
/// `key_id`, created at `created`: the `Content-Digest`, `Signature-Input` and `Signature`
/// headers to send with it.
pub fn sign(
    method: &str,
    target: &url::Url,
    body: &[u8],
    private_key: &SigningKey,
    key_id: &str,
    created: DateTime<Utc>,
) -> Result<Signed, FedError> {
    let content_digest = bytes_member("sha-256", Sha256::digest(body).to_vec())?;
    let mut items = Vec::new();
    for component in COVERED {
        items.push(Item::new(string(component)?));
    }
    // `created` first, then `alg` and `keyid`: the order in which verifiers that rebuild the
    // parameters instead of reading them (the tests' http-msgsign) write them.
    let mut params = Parameters::new();
    let created = sfv::Integer::try_from(created.timestamp())
        .map_err(|e| refuse(format!("the created time cannot be signed: {e}")))?;
    params.insert(key("created")?, BareItem::Integer(created));
    params.insert(key("alg")?, string(RSA_V1_5_SHA256)?);
    params.insert(key("keyid")?, string(key_id)?);
    let input = InnerList::with_params(items, params);
    let base = signature_base(&input, |name| match name {
        "@method" => Ok(method.to_owned()),
        "@target-uri" => Ok(target.as_str().to_owned()),
        "@authority" => Ok(authority(target)),
        "content-digest" => Ok(content_digest.clone()),
        other => Err(refuse(format!("{other} is not signed by this city"))),
    })?;
    let signature = private_key.sign(base.as_bytes())?;
    let mut signature_input = Dictionary::new();
    signature_input.insert(key(LABEL)?, ListEntry::InnerList(input));
    Ok(Signed {
        content_digest,
        signature_input: signature_input
            .serialize()
            .ok_or_else(|| refuse("the signature parameters cannot be serialized"))?,
        signature: bytes_member(LABEL, signature)?,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    use rsa::RsaPrivateKey;

    /// What this city signs, its own inbox verifies: the signer and the verifier build the
    /// same base from the two ends of one request.
    #[test]
    fn a_signed_request_verifies_with_the_inbox_verifier() {
        let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
        let public = key
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap();
        let target = url::Url::parse("https://city.example/users/ana/inbox").unwrap();
        let body = br#"{"type":"Create"}"#;
        let now = Utc::now();
        let key_id = "https://other.example/city#main-key";
        let signer = SigningKey::from_pem(&key.to_pkcs8_pem(LineEnding::LF).unwrap()).unwrap();
        let signed = sign("POST", &target, body, &signer, key_id, now).unwrap();
        assert!(signed.signature_input.starts_with(
            r#"sig1=("@method" "@target-uri" "@authority" "content-digest");created="#
        ));
        let req = TestRequest::post()
            .uri("/users/ana/inbox")
            .insert_header(("Content-Digest", signed.content_digest.as_str()))
            .insert_header(("Signature-Input", signed.signature_input.as_str()))
            .insert_header(("Signature", signed.signature.as_str()))
            .to_http_request();
        let public_url = url::Url::parse("https://city.example/").unwrap();
        let prepared = super::super::prepare(&req, body, &public_url, now).unwrap();
        assert_eq!(prepared.keyid, key_id);
        prepared.verify(&public).unwrap();
        // Another body under the same headers does not pass.
        let refused = super::super::prepare(&req, b"{}", &public_url, now).unwrap_err();
        assert!(refused.to_string().contains("Content-Digest"), "{refused}");
    }
}
