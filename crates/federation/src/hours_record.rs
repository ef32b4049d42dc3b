//! The signed service-hours record (issue 26, `docs/protocol.md`): a resident's verified
//! contributions in a period, each entry carrying the organization's signed
//! `ContributionAttestation` (the same credential `/attestations/{id}` serves) and the hours
//! worked, signed by the city's ledger key (Ed25519 over the entry's RFC 8785 form), and the
//! whole record signed the same way; the organizations' public keys travel with it.
//! [`verify`] checks it offline — every signature, every total — and says which entry fails.

use crate::objects::{attestation, wire_time};
use crate::{integrity, FedError};
use chrono::NaiveDate;
use citysync_app::hours::{self, hours_of};
use citysync_app::{Ctx, User};
use citysync_domain::ledger::verify_signature;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The record's `format`.
pub const FORMAT: &str = "citysync-service-hours";
/// The record's `version`.
pub const VERSION: u64 = 1;
/// The signature algorithm and canonicalization named in the record.
pub const ALGORITHM: &str = "ed25519";
pub const CANONICALIZATION: &str = "jcs-rfc8785";
/// The largest record read.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

fn jcs(value: &Value) -> Result<Vec<u8>, FedError> {
    serde_json_canonicalizer::to_vec(value).map_err(|e| FedError::Invalid(e.to_string()))
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The resident's signed record of `from`..=`until` (days on the city's calendar).
pub async fn bundle(
    ctx: &Ctx,
    resident: &User,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Value, FedError> {
    let record = hours::record(ctx, resident, from, until).await?;
    let key = citysync_app::ledger::checkpoints::signing_key(ctx).await?;
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut entries = Vec::new();
    for e in &record.entries {
        let rendered = attestation::render(ctx, &e.contribution_id).await?;
        let credential = rendered.object;
        if let (Some(method), Some(public)) = (
            credential
                .pointer("/proof/verificationMethod")
                .and_then(Value::as_str),
            rendered.author.assertion_key,
        ) {
            keys.insert(method.to_owned(), public);
        }
        let mut entry = json!({
            "resident": record.resident_username,
            "contribution": e.contribution_id,
            "date": day(e.date),
            "verifiedAt": wire_time(e.verified_at),
            "organization": { "name": e.organization_name, "handle": e.organization_handle },
            "category": e.category,
            "outcome": { "quantity": e.outcome_quantity, "unit": e.outcome_unit },
            "workedFrom": e.worked_from.map(wire_time),
            "workedUntil": e.worked_until.map(wire_time),
            "hoursFrom": e.source.as_str(),
            "minutes": e.minutes,
            "hours": e.hours,
            "attestation": credential,
        });
        let signature = key.sign_hex(&jcs(&entry)?);
        if let Some(members) = entry.as_object_mut() {
            members.insert("signature".into(), signature.into());
        }
        entries.push(entry);
    }
    let s = &ctx.settings;
    let mut document = json!({
        "format": FORMAT,
        "version": VERSION,
        "city": {
            "name": record.city_name,
            "url": s.public_url.as_str(),
            "timeZone": record.time_zone,
            "publicKeyHex": key.public_hex(),
        },
        "resident": { "username": record.resident_username, "name": record.resident_name },
        "period": { "from": day(record.from), "until": day(record.until) },
        "issuedAt": wire_time(ctx.now()),
        "entries": entries,
        "keys": keys
            .into_iter()
            .map(|(id, public)| json!({ "id": id, "publicKeyMultibase": public }))
            .collect::<Vec<_>>(),
        "totalMinutes": record.total_minutes,
        "totalHours": record.total_hours,
        "verifyAt": s.url("/attestations/verify"),
    });
    let value = key.sign_hex(&jcs(&document)?);
    if let Some(members) = document.as_object_mut() {
        members.insert(
            "signature".into(),
            json!({ "algorithm": ALGORITHM, "canonicalization": CANONICALIZATION, "value": value }),
        );
    }
    Ok(document)
}

/// What a record that verifies says.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub city: String,
    pub city_url: String,
    /// The city key it was signed with (hex), to compare with the one the city publishes.
    pub city_key: String,
    pub resident: String,
    pub from: String,
    pub until: String,
    pub entries: usize,
    pub total_minutes: i64,
    pub total_hours: f64,
}

/// What is wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON, or a member missing or of the wrong type (which one).
    Malformed(String),
    /// Another format or version.
    Format,
    /// The city's signature of an entry does not hold: the entry was changed.
    EntrySignature,
    /// No key in the record for the attestation's signer.
    KeyMissing(String),
    /// The organization's signature of the attestation does not hold (why).
    AttestationSignature(String),
    /// The attestation was signed with another key than its issuer's.
    Issuer,
    /// The attestation is about another contribution, or the entry about another resident.
    Subject,
    /// The hours do not match the minutes.
    Hours,
    /// The totals do not add up.
    Total,
    /// The city's signature of the whole record does not hold: it was changed.
    RecordSignature,
}

impl Problem {
    /// The message id in `check_in.ftl`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Malformed(_) => "attestation-problem-malformed",
            Problem::Format => "attestation-problem-format",
            Problem::EntrySignature => "attestation-problem-entry-signature",
            Problem::KeyMissing(_) => "attestation-problem-key-missing",
            Problem::AttestationSignature(_) => "attestation-problem-attestation-signature",
            Problem::Issuer => "attestation-problem-issuer",
            Problem::Subject => "attestation-problem-subject",
            Problem::Hours => "attestation-problem-hours",
            Problem::Total => "attestation-problem-total",
            Problem::RecordSignature => "attestation-problem-record-signature",
        }
    }

    /// The detail the message carries (`$detail`), if any.
    pub fn detail(&self) -> String {
        match self {
            Problem::Malformed(d) | Problem::KeyMissing(d) | Problem::AttestationSignature(d) => {
                d.clone()
            }
            _ => String::new(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Malformed(what) => {
                write!(f, "the file is not a service-hours record ({what})")
            }
            Problem::Format => write!(f, "the file is not a {FORMAT} record of version {VERSION}"),
            Problem::EntrySignature => {
                write!(
                    f,
                    "the city's signature does not hold: the entry was changed"
                )
            }
            Problem::KeyMissing(id) => write!(f, "the record carries no key {id}"),
            Problem::AttestationSignature(why) => {
                write!(
                    f,
                    "the organization's signature of the attestation does not hold ({why})"
                )
            }
            Problem::Issuer => write!(f, "the attestation was not signed with its issuer's key"),
            Problem::Subject => write!(
                f,
                "the attestation is about another contribution or resident"
            ),
            Problem::Hours => write!(f, "the hours do not match the minutes worked"),
            Problem::Total => write!(f, "the totals do not add up"),
            Problem::RecordSignature => {
                write!(
                    f,
                    "the city's signature of the record does not hold: it was changed"
                )
            }
        }
    }
}

/// A record that does not verify: which entry (1-based, with its date and organization), if
/// the problem is in one, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub entry: Option<(usize, String, String)>,
    pub problem: Problem,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some((n, date, org)) => write!(f, "entry {n} ({date}, {org}): {}", self.problem),
            None => write!(f, "{}", self.problem),
        }
    }
}

fn malformed(what: &str) -> Failure {
    Failure {
        entry: None,
        problem: Problem::Malformed(what.to_owned()),
    }
}

fn text<'a>(v: &'a Value, pointer: &str) -> Result<&'a str, Problem> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .ok_or_else(|| Problem::Malformed(pointer.to_owned()))
}

fn without(v: &Value, member: &str) -> Value {
    let mut out: Map<String, Value> = v.as_object().cloned().unwrap_or_default();
    out.remove(member);
    Value::Object(out)
}

fn signed_by(key: &str, v: &Value, signature: &str) -> bool {
    serde_json_canonicalizer::to_vec(v).is_ok_and(|bytes| verify_signature(key, &bytes, signature))
}

fn same_hours(hours: f64, minutes: i64) -> bool {
    (hours - hours_of(minutes)).abs() < 0.001
}

/// Checks a record offline: its format, every entry's city signature, every attestation's
/// organization signature (with the key the record carries for it, which must be its
/// issuer's), that each attestation is the entry's contribution, the hours, the totals,
/// and the city's signature over the whole.
pub fn verify(bytes: &[u8]) -> Result<Verified, Failure> {
    if bytes.len() > MAX_BYTES {
        return Err(malformed("too large"));
    }
    let doc: Value = serde_json::from_slice(bytes).map_err(|_| malformed("not JSON"))?;
    let at_top = |problem| Failure {
        entry: None,
        problem,
    };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT)
        || doc.get("version").and_then(Value::as_u64) != Some(VERSION)
    {
        return Err(at_top(Problem::Format));
    }
    let key = text(&doc, "/city/publicKeyHex").map_err(at_top)?;
    let resident = text(&doc, "/resident/username").map_err(at_top)?;
    let keys: BTreeMap<&str, &str> = doc
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("/keys"))?
        .iter()
        .filter_map(|k| {
            Some((
                k.get("id")?.as_str()?,
                k.get("publicKeyMultibase")?.as_str()?,
            ))
        })
        .collect();
    let entries = doc
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("/entries"))?;
    let mut total = 0i64;
    for (i, entry) in entries.iter().enumerate() {
        let label = (
            i + 1,
            entry
                .get("date")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned(),
            entry
                .pointer("/organization/name")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned(),
        );
        let minutes = check_entry(entry, key, resident, &keys).map_err(|problem| Failure {
            entry: Some(label),
            problem,
        })?;
        total += minutes;
    }
    let total_minutes = doc.get("totalMinutes").and_then(Value::as_i64);
    let total_hours = doc.get("totalHours").and_then(Value::as_f64);
    match (total_minutes, total_hours) {
        (Some(m), Some(h)) if m == total && same_hours(h, m) => {}
        _ => return Err(at_top(Problem::Total)),
    }
    let signature = text(&doc, "/signature/value").map_err(at_top)?;
    if !signed_by(key, &without(&doc, "signature"), signature) {
        return Err(at_top(Problem::RecordSignature));
    }
    let field = |p: &str| text(&doc, p).unwrap_or_default().to_owned();
    Ok(Verified {
        city: field("/city/name"),
        city_url: field("/city/url"),
        city_key: key.to_owned(),
        resident: resident.to_owned(),
        from: field("/period/from"),
        until: field("/period/until"),
        entries: entries.len(),
        total_minutes: total,
        total_hours: hours_of(total),
    })
}

/// One entry; its minutes when it holds.
fn check_entry(
    entry: &Value,
    city_key: &str,
    resident: &str,
    keys: &BTreeMap<&str, &str>,
) -> Result<i64, Problem> {
    let signature = text(entry, "/signature")?;
    if !signed_by(city_key, &without(entry, "signature"), signature) {
        return Err(Problem::EntrySignature);
    }
    if text(entry, "/resident")? != resident {
        return Err(Problem::Subject);
    }
    let credential = entry
        .get("attestation")
        .ok_or_else(|| Problem::Malformed("attestation".into()))?;
    let method = text(credential, "/proof/verificationMethod")?;
    let public = keys
        .get(method)
        .ok_or_else(|| Problem::KeyMissing(method.to_owned()))?;
    let signed_with = integrity::verify(credential, public)
        .map_err(|e| Problem::AttestationSignature(e.to_string()))?;
    let issuer = url::Url::parse(text(credential, "/issuer")?)
        .map_err(|_| Problem::Malformed("attestation issuer".into()))?;
    if signed_with != crate::actor::assertion_key_id(&issuer) {
        return Err(Problem::Issuer);
    }
    let contribution = text(entry, "/contribution")?;
    let id = text(credential, "/id")?;
    if !id.ends_with(&format!("/attestations/{contribution}")) {
        return Err(Problem::Subject);
    }
    let minutes = entry
        .get("minutes")
        .and_then(Value::as_i64)
        .filter(|m| *m >= 0)
        .ok_or_else(|| Problem::Malformed("minutes".into()))?;
    let hours = entry
        .get("hours")
        .and_then(Value::as_f64)
        .ok_or_else(|| Problem::Malformed("hours".into()))?;
    if !same_hours(hours, minutes) {
        return Err(Problem::Hours);
    }
    Ok(minutes)
}
