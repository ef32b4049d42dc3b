//! City/Sync objects on the wire: rendering our own (templates as `Document`, opportunities
//! as `Event`, proposals as `Article`, attestations as Verifiable Credentials and ledger
//! checkpoints, both `Document`s too: every object an ActivityStreams one) and understanding
//! a peer's, which are then kept as theirs.

pub mod attestation;
pub mod checkpoint;
pub mod language_maps;
pub mod opportunity;
pub mod proposal;
pub mod template;

use crate::actor::ApubActor;
use crate::policy::bounded_text;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::Received;
use citysync_app::Ctx;
use serde_json::{json, Value};
use url::Url;

/// The ActivityStreams public collection.
pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// City/Sync's terms, each mapped into the one namespace IRI (served at `/ns`).
///
/// Every key City/Sync writes outside ActivityStreams, security, DID and Multikey terms is
/// defined here, so a JSON-LD processor drops none of them and none lands in the AS2
/// namespace by accident (docs/federation.md, "The City/Sync context"). Structures whose
/// inner keys are City/Sync's own data — a proposal's `options` and `tally`, a checkpoint's
/// `totals` — are `@json` literals: kept whole, their keys (`name`, `value`, `currency`…)
/// never read as vocabulary. `@version` 1.1 because `@json` needs JSON-LD 1.1.
pub fn terms() -> Value {
    let ns = crate::CONTEXT_NAMESPACE;
    let id = |term: &str| json!({ "@id": format!("cs:{term}"), "@type": "@id" });
    let literal = |term: &str| json!({ "@id": format!("cs:{term}"), "@type": "@json" });
    let mut terms = json!({
        "@version": 1.1,
        "cs": ns,
        "ContributionAttestation": "cs:ContributionAttestation",
        "LedgerCheckpoint": "cs:LedgerCheckpoint",
        "category": "cs:category",
        "outcomeUnit": "cs:outcomeUnit",
        "expectedOutcome": "cs:expectedOutcome",
        "verificationProcedure": "cs:verificationProcedure",
        "proofKinds": "cs:proofKinds",
        "rewardCity": "cs:rewardCity",
        "rewardVote": "cs:rewardVote",
        "estimatedMinutes": "cs:estimatedMinutes",
        "accessibilityNotes": "cs:accessibilityNotes",
        "version": "cs:version",
        "adaptedFrom": id("adaptedFrom"),
        "adoptedBy": id("adoptedBy"),
        "template": id("template"),
        "opportunity": id("opportunity"),
        "capacity": "cs:capacity",
        "remaining": "cs:remaining",
        "eventStatus": "cs:eventStatus",
        "cycle": id("cycle"),
        "proposalKind": "cs:proposalKind",
        "proposalState": "cs:proposalState",
        "phase": "cs:phase",
        "options": literal("options"),
        "tally": literal("tally"),
        "task": id("task"),
        "outcome": "cs:outcome",
        "quantity": "cs:quantity",
        "unit": "cs:unit",
        "sequence": "cs:sequence",
        "headHash": "cs:headHash",
        "totals": literal("totals"),
        "signedAt": "cs:signedAt",
        "ledgerSignature": "cs:ledgerSignature",
        "ledgerKey": "cs:ledgerKey",
        "Countersign": "cs:Countersign",
        "witnessSignature": "cs:witnessSignature",
        "witnessKey": "cs:witnessKey",
    });
    if let (Some(all), Value::Object(event)) = (terms.as_object_mut(), event_terms()) {
        all.extend(event);
    }
    terms
}

/// The Event fields Mobilizon and schema.org readers know, defined as Mobilizon defines
/// them (its own namespace and schema.org's), so they read an opportunity as an event.
fn event_terms() -> Value {
    json!({
        "sc": SCHEMA_ORG,
        "mz": MOBILIZON,
        "timezone": { "@id": "mz:timezone", "@type": "sc:Text" },
        "maximumAttendeeCapacity": "sc:maximumAttendeeCapacity",
        "remainingAttendeeCapacity": "sc:remainingAttendeeCapacity",
        "participantCount": { "@id": "mz:participantCount", "@type": "sc:Number" },
        "joinMode": { "@id": "mz:joinMode", "@type": "mz:joinModeType" },
        "inLanguage": "sc:inLanguage",
        "address": { "@id": "sc:address", "@type": "sc:PostalAddress" },
        "PostalAddress": "sc:PostalAddress",
        "streetAddress": "sc:streetAddress",
        "addressLocality": "sc:addressLocality",
        "addressRegion": "sc:addressRegion",
    })
}

/// schema.org's namespace, as Mobilizon's context names it.
pub const SCHEMA_ORG: &str = "http://schema.org#";
/// Mobilizon's own namespace (its Event fields `timezone`, `participantCount`, `joinMode`).
pub const MOBILIZON: &str = "https://joinmobilizon.org/ns#";

/// The `@context` of activities and objects (attestations carry the VC 2.0 one).
pub fn context() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        terms()
    ])
}

/// A time on the wire: RFC 3339, UTC, whole seconds.
pub fn wire_time(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An object's `updated` on the wire: RFC 3339, UTC, to the microsecond. A receiver keeps
/// the newest version by it whatever order the `Update`s arrive in, so edits made within
/// one second must still be told apart (with whole seconds they tie, and the last to
/// arrive would win).
pub fn wire_updated(at: NaiveDateTime) -> String {
    at.and_utc().to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_time(value: Option<&Value>) -> Option<NaiveDateTime> {
    value
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc).naive_utc())
}

/// Plain text as HTML paragraphs, escaped.
pub fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", ammonia::clean_text(p.trim())))
        .collect()
}

/// A local object ready for the wire, with the actor it is by.
pub struct Rendered {
    pub object: Value,
    pub author: ApubActor,
}

/// Renders a local object. Drafts and unknown ids are `NotFound`.
pub async fn render(ctx: &Ctx, kind: Kind, id: &str) -> Result<Rendered, FedError> {
    match kind {
        Kind::Template => template::render(ctx, id).await,
        Kind::Opportunity => opportunity::render(ctx, id).await,
        Kind::Proposal => proposal::render(ctx, id).await,
        Kind::Attestation => attestation::render(ctx, id).await,
        Kind::Checkpoint => checkpoint::render(ctx, id).await,
    }
}

/// The ActivityStreams `Document` type by its full IRI, for documents whose context is not
/// the ActivityStreams one (an attestation's).
pub const AS2_DOCUMENT: &str = "https://www.w3.org/ns/activitystreams#Document";

/// The AS2 type an object of this kind has (a tombstone's `formerType`): attestations and
/// checkpoints are `Document`s beside their own type.
pub fn as2_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Template | Kind::Attestation | Kind::Checkpoint => "Document",
        Kind::Opportunity => "Event",
        Kind::Proposal => "Article",
    }
}

/// What a deleted object leaves: a `Tombstone`.
pub fn tombstone(id: &Url, kind: Kind, deleted: NaiveDateTime) -> Value {
    json!({
        "type": "Tombstone",
        "id": id,
        "formerType": as2_type(kind),
        "deleted": wire_time(deleted),
    })
}

/// Which kind a received object is, by its `type` (a string or a list). City/Sync's own
/// types decide wherever they stand in the list — attestations and checkpoints are
/// `Document`s too, and earlier versions wrote them without the AS2 type (a bare
/// `LedgerCheckpoint`, `["VerifiableCredential", "ContributionAttestation"]`); otherwise the
/// first type does.
pub fn kind_of(object: &Value) -> Option<Kind> {
    let types: Vec<&str> = match object.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    if types.contains(&"ContributionAttestation") {
        return Some(Kind::Attestation);
    }
    if types.contains(&"LedgerCheckpoint") {
        return Some(Kind::Checkpoint);
    }
    match types.first().copied() {
        Some("Document") | Some("Page") => Some(Kind::Template),
        Some("Event") => Some(Kind::Opportunity),
        Some("Article") => Some(Kind::Proposal),
        _ => None,
    }
}

/// Which kind a received object is *as City/Sync writes it*, or `None` for anything else.
///
/// An AS2 type alone says little: a Lemmy post or a WordPress page is a `Page`, a blog post
/// an `Article`, a Mobilizon or Friendica event an `Event`. What marks City/Sync's own objects
/// is our context's extension terms (docs/federation.md, "The City/Sync context"): each kind
/// carries the terms every City/Sync version writes for it, and an object that brings its own
/// `@context` must name our namespace. (Inside a `Create` the context is the activity's; the
/// inbox's `WithContext` consumes it, so the terms are what is left to judge by.)
pub fn citysync_kind(object: &Value) -> Option<Kind> {
    let kind = kind_of(object)?;
    if let Some(context) = object.get("@context") {
        if !names_namespace(context) {
            return None;
        }
    }
    let has = |terms: &[&str]| {
        terms
            .iter()
            .all(|term| object.get(*term).is_some_and(|v| !v.is_null()))
    };
    let shaped = match kind {
        Kind::Template => {
            has(&[
                "category",
                "outcomeUnit",
                "expectedOutcome",
                "verificationProcedure",
                "rewardCity",
                "rewardVote",
                "version",
            ]) && object.get("proofKinds").is_some_and(Value::is_array)
        }
        Kind::Opportunity => has(&["template", "capacity", "category", "outcomeUnit"]),
        Kind::Proposal => has(&["cycle", "proposalKind", "proposalState"]),
        Kind::Attestation => has(&["credentialSubject", "proof"]),
        Kind::Checkpoint => has(&["sequence", "headHash", "ledgerSignature", "ledgerKey"]),
    };
    shaped.then_some(kind)
}

/// Whether a JSON-LD `@context` names City/Sync's namespace (as a term's IRI or the prefix).
fn names_namespace(context: &Value) -> bool {
    match context {
        Value::String(iri) => iri == crate::CONTEXT_NAMESPACE,
        Value::Array(items) => items.iter().any(names_namespace),
        Value::Object(terms) => terms.values().any(names_namespace),
        _ => false,
    }
}

pub fn url_field(object: &Value, field: &str) -> Result<Url, FedError> {
    let value = match object.get(field) {
        Some(Value::String(s)) => s.as_str(),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).unwrap_or(""),
        _ => "",
    };
    Url::parse(value).map_err(|_| FedError::Invalid(format!("{field} is missing or not a URL")))
}

pub fn text_field(object: &Value, field: &'static str, max: usize) -> Result<String, FedError> {
    Ok(bounded_text(
        object.get(field).and_then(Value::as_str).unwrap_or(""),
        max,
        field,
    )?)
}

/// Who an object is by: `attributedTo`, or a credential's `issuer`.
pub fn author_of(object: &Value) -> Result<Url, FedError> {
    url_field(object, "attributedTo").or_else(|_| url_field(object, "issuer"))
}

/// Reads a peer's object into what this city keeps: bounded fields, remote HTML sanitized,
/// an attestation's proof checked against its issuer's published key.
pub async fn understand(
    data: &Data<FederationData>,
    object: &Value,
    via: Option<Url>,
) -> Result<Received, FedError> {
    let kind = kind_of(object).ok_or_else(|| FedError::Invalid("unknown object type".into()))?;
    let ap_id = url_field(object, "id")?;
    let attributed_to = author_of(object)?;
    let mut document = object.clone();
    if let Some(Value::String(html)) = document.get_mut("content") {
        *html = crate::policy::sanitize_html(html);
    }
    let now = data.app_data().now();
    let published = parse_time(object.get("published"))
        .or_else(|| parse_time(object.get("validFrom")))
        .unwrap_or(now);
    let mut received = Received {
        ap_id,
        kind,
        attributed_to,
        via,
        name: text_field(object, "name", 300)?,
        summary: text_field(object, "summary", 2000)?,
        document: String::new(),
        template: None,
        starts_at: parse_time(object.get("startTime")),
        proof_verified: false,
        published_at: published,
        updated_at: parse_time(object.get("updated")).unwrap_or(published),
    };
    match kind {
        Kind::Template => received.template = template::spec_of(object),
        Kind::Attestation => {
            attestation::verify(data, object).await?;
            received.proof_verified = true;
            received.name = attestation::title(object);
        }
        Kind::Checkpoint => {
            received.name = format!(
                "#{}",
                object.get("sequence").and_then(Value::as_i64).unwrap_or(0)
            );
        }
        Kind::Opportunity | Kind::Proposal => {}
    }
    received.document = serde_json::to_string(&document)?;
    Ok(received)
}

/// A JSON value's `id`, or "".
pub fn id_of(value: &Value) -> &str {
    value.get("id").and_then(Value::as_str).unwrap_or("")
}

/// Sets a field of a JSON object (a no-op on anything else).
pub fn set(value: &mut Value, key: &str, field: Value) {
    if let Some(map) = value.as_object_mut() {
        map.insert(key.to_owned(), field);
    }
}
