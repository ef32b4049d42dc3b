//! A contribution attestation: a W3C Verifiable Credential 2.0 issued by the organization
//! actor, about a pseudonymous (or, by the resident's choice, named) subject, with an
//! `eddsa-jcs-2022` Data Integrity proof made with the organization's Ed25519 key, which its
//! actor publishes as `assertionMethod` (FEP-521a). It verifies from its own bytes wherever
//! it is relayed, and never carries credit.
//!
//! It is an ActivityStreams `Document` too ([`TYPE`]), so that ActivityPub software that
//! knows no credential (Fedify's parser throws on an object of no AS2 type) reads it. The
//! credential's context is the VC 2.0 one, first as VC 2.0 requires; that context protects
//! `name` and `mediaType`, which the ActivityStreams context would redefine, so it cannot
//! follow, and the AS2 type is written as its full IRI.

use super::{wire_time, Rendered};
use crate::actor::{assertion_key_id, urls, ApubActor};
use crate::{integrity, FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use citysync_app::claims::attestation;
use citysync_app::federation::publications::Kind;
use citysync_app::Ctx;
use serde_json::{json, Value};

/// An attestation's `type`: a Verifiable Credential, an ActivityStreams `Document` (by its
/// IRI, see above), and City/Sync's `ContributionAttestation`. Received, the bare
/// `["VerifiableCredential", "ContributionAttestation"]` of earlier versions is read too.
pub const TYPE: [&str; 3] = [
    "VerifiableCredential",
    super::AS2_DOCUMENT,
    "ContributionAttestation",
];

/// The credential's context: VC 2.0, then City/Sync's terms.
pub fn context() -> Value {
    json!(["https://www.w3.org/ns/credentials/v2", super::terms()])
}

pub async fn render(ctx: &Ctx, contribution_id: &str) -> Result<Rendered, FedError> {
    let facts = attestation::facts(ctx, contribution_id).await?;
    let author = ApubActor::local_organization(ctx, &facts.organization_handle)
        .await?
        .ok_or(FedError::NotFound)?;
    let s = &ctx.settings;
    let subject = match &facts.named {
        Some(username) => urls::user(s, username).to_string(),
        None => format!("urn:citysync:{}:resident:{}", s.host(), facts.pseudonym),
    };
    let unsigned = json!({
        "@context": context(),
        "id": urls::object(s, Kind::Attestation, &facts.contribution_id),
        "type": TYPE,
        "issuer": author.ap_id,
        "validFrom": wire_time(facts.verified_at),
        "name": format!("{} {} ({})", facts.outcome_quantity, facts.outcome_unit, facts.category),
        "credentialSubject": {
            "id": subject,
            "task": urls::object(s, Kind::Template, &facts.template_id),
            "version": facts.template_version,
            "opportunity": urls::object(s, Kind::Opportunity, &facts.opportunity_id),
            "category": facts.category,
            "outcome": { "quantity": facts.outcome_quantity, "unit": facts.outcome_unit },
        },
    });
    let secret = author
        .attestation_secret
        .as_deref()
        .ok_or_else(|| FedError::Invalid("organization has no attestation key".into()))?;
    // Signed at the moment of verification, so every rendering has the same bytes.
    let object = integrity::sign(
        &unsigned,
        secret,
        &assertion_key_id(&author.ap_id),
        facts.verified_at.and_utc(),
    )?;
    Ok(Rendered { object, author })
}

/// Checks an attestation's proof with the key its issuer publishes: the proof must name the
/// issuer's own `assertionMethod`, on the issuer's host, and the signature must hold over the
/// credential's bytes as they are.
pub async fn verify(data: &Data<FederationData>, credential: &Value) -> Result<(), FedError> {
    let issuer = super::url_field(credential, "issuer")?;
    let id = super::url_field(credential, "id")?;
    activitypub_federation::protocol::verification::verify_domains_match(&issuer, &id)?;
    let actor: ObjectId<ApubActor> = issuer.clone().into();
    let actor = actor.dereference(data).await?;
    let key = actor
        .assertion_key
        .ok_or_else(|| FedError::Invalid("the issuer publishes no assertion key".into()))?;
    let method = integrity::verify(credential, &key)?;
    if method != assertion_key_id(&issuer) {
        return Err(FedError::Invalid(
            "the proof was not made with the issuer's assertion key".into(),
        ));
    }
    Ok(())
}

/// A short title for lists: "3 kg (environment)".
pub fn title(credential: &Value) -> String {
    credential
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}
