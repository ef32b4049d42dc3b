//! Inbound: everything that needs no key is checked before anything is fetched
//! ([`prepare`]): the covered components (`@method`; `@target-uri`, or `@authority` and
//! `@path`; `content-digest`), `created` within [`crate::signature_time::WINDOW_SECONDS`] of
//! now, `expires` not past, the algorithm, and the `Content-Digest` against the body. The
//! signature base is built from what this city is (its public URL, not the `Host` a proxy may
//! rewrite) and what the request carries; [`Prepared::verify`] checks it with the actor's key
//! once the inbox has fetched the actor.

use super::{authority, refuse, signature_base, RSA_V1_5_SHA256};
use crate::FedError;
use actix_web::http::header::HeaderMap;
use actix_web::HttpRequest;
use chrono::{DateTime, Utc};
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sfv::{BareItem, Dictionary, InnerList, ListEntry, Parser};
use sha2::{Digest, Sha256, Sha512};

/// The reason given when the signature does not verify with the actor's key (the inbox then
/// refetches the actor once, in case it rotated its key).
pub const NOT_VERIFIED: &str = "the RFC 9421 signature does not verify with the actor's key";

/// Whether the request is signed the RFC 9421 way (it has a `Signature-Input` header).
pub fn present(headers: &HeaderMap) -> bool {
    headers.contains_key("signature-input")
}

/// A signature whose time, components and digest passed; its key is still to be checked.
#[derive(Debug)]
pub struct Prepared {
    /// The `keyid` parameter: a key of the activity's actor.
    pub keyid: String,
    base: String,
    signature: Vec<u8>,
}

/// One header's whole value (several lines joined with `, `, RFC 9421 §2.1), or `None`.
fn header(headers: &HeaderMap, name: &str) -> Result<Option<String>, FedError> {
    let mut values = Vec::new();
    for value in headers.get_all(name) {
        let text = value
            .to_str()
            .map_err(|_| refuse(format!("the {name} header is not text")))?;
        values.push(text.trim().to_owned());
    }
    Ok((!values.is_empty()).then(|| values.join(", ")))
}

fn dictionary(headers: &HeaderMap, name: &str) -> Result<Dictionary, FedError> {
    let text = header(headers, name)?.ok_or_else(|| refuse(format!("no {name} header")))?;
    Parser::new(&text).parse::<Dictionary>().map_err(|e| {
        refuse(format!(
            "the {name} header is not a structured dictionary: {e}"
        ))
    })
}

/// Checks `Content-Digest` against `body`: every `sha-256` or `sha-512` member must match,
/// and there must be one.
fn check_content_digest(headers: &HeaderMap, body: &[u8]) -> Result<(), FedError> {
    let digests = dictionary(headers, "content-digest")?;
    let mut checked = false;
    for (algorithm, entry) in &digests {
        let expected: Vec<u8> = match algorithm.as_str() {
            "sha-256" => Sha256::digest(body).to_vec(),
            "sha-512" => Sha512::digest(body).to_vec(),
            _ => continue,
        };
        let ListEntry::Item(item) = entry else {
            return Err(refuse("a Content-Digest member is not a byte sequence"));
        };
        let given = item
            .bare_item
            .as_byte_sequence()
            .ok_or_else(|| refuse("a Content-Digest member is not a byte sequence"))?;
        if given != expected.as_slice() {
            return Err(refuse(format!(
                "the body does not match its Content-Digest ({algorithm})"
            )));
        }
        checked = true;
    }
    if checked {
        Ok(())
    } else {
        Err(refuse("Content-Digest has no sha-256 or sha-512 digest"))
    }
}

fn integer_param(list: &InnerList, name: &str) -> Result<Option<i64>, FedError> {
    match list.params.get(name) {
        None => Ok(None),
        Some(value) => value
            .as_integer()
            .map(|i| Some(i64::from(i)))
            .ok_or_else(|| {
                refuse(format!(
                    "the signature's {name} parameter is not an integer"
                ))
            }),
    }
}

fn string_param(list: &InnerList, name: &str) -> Result<Option<String>, FedError> {
    match list.params.get(name) {
        None => Ok(None),
        Some(value) => value
            .as_string()
            .map(|s| Some(s.as_str().to_owned()))
            .ok_or_else(|| refuse(format!("the signature's {name} parameter is not a string"))),
    }
}

/// The value of one covered component for this request (RFC 9421 §2.1, §2.2). `public_url`
/// is the city's own base URL: the target URI a peer posted to.
fn component_value(
    name: &str,
    req: &HttpRequest,
    public_url: &url::Url,
) -> Result<String, FedError> {
    let path = || {
        let p = req.uri().path();
        if p.is_empty() {
            "/".to_owned()
        } else {
            p.to_owned()
        }
    };
    let query = || format!("?{}", req.uri().query().unwrap_or(""));
    Ok(match name {
        "@method" => req.method().as_str().to_owned(),
        "@target-uri" => {
            let mut uri = format!(
                "{}://{}{}",
                public_url.scheme(),
                authority(public_url),
                path()
            );
            if let Some(q) = req.uri().query() {
                uri.push('?');
                uri.push_str(q);
            }
            uri
        }
        "@authority" => authority(public_url),
        "@scheme" => public_url.scheme().to_owned(),
        "@path" => path(),
        "@query" => query(),
        "@request-target" => match req.uri().query() {
            Some(q) => format!("{}?{q}", path()),
            None => path(),
        },
        derived if derived.starts_with('@') => {
            return Err(refuse(format!(
                "the signature covers {derived}, which this city does not support"
            )))
        }
        field => header(req.headers(), field)?.ok_or_else(|| {
            refuse(format!(
                "the signature covers {field} but the request has no such header"
            ))
        })?,
    })
}

/// Checks everything about an RFC 9421 signature that needs no key, and builds its
/// signature base. `now` is the time the window is measured from.
pub fn prepare(
    req: &HttpRequest,
    body: &[u8],
    public_url: &url::Url,
    now: DateTime<Utc>,
) -> Result<Prepared, FedError> {
    let inputs = dictionary(req.headers(), "signature-input")?;
    let signatures = dictionary(req.headers(), "signature")?;
    // The first signature named in both headers is the one checked (RFC 9421 §3.2 leaves
    // the choice to the verifier; Fedify and Mastodon send one).
    let (label, input) = inputs
        .iter()
        .find(|(label, _)| signatures.contains_key(*label))
        .ok_or_else(|| refuse("no Signature matches a Signature-Input label"))?;
    let ListEntry::InnerList(input) = input else {
        return Err(refuse(format!(
            "Signature-Input {label} is not an inner list"
        )));
    };
    let signature = match signatures.get(label) {
        Some(ListEntry::Item(item)) => item.bare_item.as_byte_sequence().map(<[u8]>::to_vec),
        _ => None,
    }
    .ok_or_else(|| refuse(format!("Signature {label} is not a byte sequence")))?;

    let mut covered = Vec::new();
    for item in &input.items {
        let BareItem::String(name) = &item.bare_item else {
            return Err(refuse("a covered component is not a string"));
        };
        if !item.params.is_empty() {
            return Err(refuse(format!(
                "the covered component {} has parameters, which this city does not support",
                name.as_str()
            )));
        }
        covered.push(name.as_str().to_owned());
    }
    let covers = |c: &str| covered.iter().any(|n| n == c);
    if !covers("@method") {
        return Err(refuse("the signature does not cover @method"));
    }
    let target = covers("@target-uri") || (covers("@authority") && covers("@path"));
    if !target {
        return Err(refuse(
            "the signature covers neither @target-uri nor @authority and @path",
        ));
    }
    if !covers("content-digest") {
        return Err(refuse(
            "the signature does not cover content-digest, so the body is not signed",
        ));
    }

    let created = integer_param(input, "created")?
        .ok_or_else(|| refuse("the signature has no created parameter"))?;
    let created = DateTime::from_timestamp(created, 0)
        .ok_or_else(|| refuse("the signature's created parameter is not a time"))?;
    crate::signature_time::within_window("created time", created, now)?;
    if let Some(expires) = integer_param(input, "expires")? {
        if expires < now.timestamp() {
            return Err(refuse("the signature has expired"));
        }
    }
    if let Some(alg) = string_param(input, "alg")? {
        if alg != RSA_V1_5_SHA256 {
            return Err(refuse(format!(
                "the signature's algorithm {alg} is not supported (only {RSA_V1_5_SHA256})"
            )));
        }
    }
    let keyid = string_param(input, "keyid")?
        .ok_or_else(|| refuse("the signature has no keyid parameter"))?;

    check_content_digest(req.headers(), body)?;

    let base = signature_base(input, |name| component_value(name, req, public_url))?;
    Ok(Prepared {
        keyid,
        base,
        signature,
    })
}

impl Prepared {
    /// Whether `keyid` names a key of `actor`: the actor's id with a fragment (`#main-key`),
    /// as its `publicKey.id` is.
    pub fn names_key_of(&self, actor: &url::Url) -> bool {
        match url::Url::parse(&self.keyid) {
            Ok(mut key) => {
                key.set_fragment(None);
                key == *actor
            }
            Err(_) => false,
        }
    }

    /// Verifies the signature with `public_key_pem` (RSASSA-PKCS1-v1_5 with SHA-256).
    pub fn verify(&self, public_key_pem: &str) -> Result<(), FedError> {
        let key = crate::keys::public_key(public_key_pem)?;
        self.verify_with(&key)
    }

    /// Verifies the signature with an actor's key, parsed ([`crate::keys`]).
    pub fn verify_with(&self, key: &RsaPublicKey) -> Result<(), FedError> {
        let hashed = Sha256::digest(self.base.as_bytes());
        key.verify(Pkcs1v15Sign::new::<Sha256>(), &hashed, &self.signature)
            .map_err(|_| refuse(NOT_VERIFIED))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    /// The signature base of RFC 9421 §2.5's example request, byte for byte.
    #[test]
    fn the_signature_base_is_the_rfcs_own_example() {
        let digest = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";
        let input = r#"sig1=("@method" "@authority" "@path" "content-digest" "content-length" "content-type");created=1618884473;keyid="test-key-rsa-pss""#;
        let req = TestRequest::post()
            .uri("/foo?param=Value&Pet=dog")
            .insert_header(("Host", "example.com"))
            .insert_header(("Date", "Tue, 20 Apr 2021 02:07:55 GMT"))
            .insert_header(("Content-Type", "application/json"))
            .insert_header(("Content-Digest", digest))
            .insert_header(("Content-Length", "18"))
            .insert_header(("Signature-Input", input))
            .insert_header(("Signature", "sig1=:AAAA:"))
            .to_http_request();
        let public_url = url::Url::parse("https://example.com/").unwrap();
        let at = DateTime::from_timestamp(1_618_884_473 + 30, 0).unwrap();
        let prepared = prepare(&req, br#"{"hello": "world"}"#, &public_url, at).unwrap();
        let expected = format!(
            "\"@method\": POST\n\"@authority\": example.com\n\"@path\": /foo\n\"content-digest\": {digest}\n\"content-length\": 18\n\"content-type\": application/json\n\"@signature-params\": {}",
            input.trim_start_matches("sig1=")
        );
        assert_eq!(prepared.base, expected);
        assert_eq!(prepared.keyid, "test-key-rsa-pss");
        // The same request, an hour and a minute later, is out of its time.
        let late = at + chrono::Duration::minutes(61);
        let refused = prepare(&req, br#"{"hello": "world"}"#, &public_url, late).unwrap_err();
        assert!(
            refused.to_string().contains("more than an hour old"),
            "{refused}"
        );
    }
}
