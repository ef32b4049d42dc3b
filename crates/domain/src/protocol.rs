//! The portable city protocol: one versioned, signed document with a city's way of working
//! — taxonomy and outcome units, verification methods and reason codes, task templates,
//! epoch and reward parameters, governance rules — each value with its provenance, so that
//! another city can adopt and adapt it (`docs/protocol.md` describes every member).
//!
//! Pure types and checks. Serializing to JSON, canonicalizing (JCS, RFC 8785) and reading
//! the database are the app's job; this module verifies a signature over bytes it is given.

use crate::governance::{Phase, ProposalKind, Rules, Schedule, VotingMethod};
use crate::lifecycle::lifecycle_states;
use crate::task::{ExtraField, ProofKind, TemplateSpec, VerificationMethod};
use crate::work::RejectReason;
use crate::DomainError;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The document's `format` member.
pub const FORMAT: &str = "citysync-protocol";
/// The document's `version`: bumped when a member changes meaning or a required member is
/// added or removed. Readers refuse versions they do not know.
pub const VERSION: u64 = 1;
/// The one signature algorithm.
pub const ALGORITHM: &str = "Ed25519";
/// How the signed bytes are made: the JSON Canonicalization Scheme, RFC 8785.
pub const CANONICALIZATION: &str = "JCS";
/// The longest phase a governance model may give, in minutes (a year).
pub const PHASE_MINUTES_MAX: i64 = 366 * 24 * 60;

/// A city's protocol document. Every member named `provenance`, at any depth, and the
/// top-level `signature` say where values come from; the rest is the way of working itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtocolDocument {
    pub format: String,
    pub version: u64,
    pub provenance: DocumentProvenance,
    pub taxonomy: TaxonomySection,
    pub verification: VerificationSection,
    pub templates: Vec<TemplateEntry>,
    pub parameters: Vec<ParameterEntry>,
    pub configuration: Vec<ConfigurationEntry>,
    pub governance: GovernanceSection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// Which city wrote the document, when, and the key that signed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentProvenance {
    pub city: CityRef,
    pub exported_at: DateTime<Utc>,
    /// The software that wrote it, e.g. `citysync 0.1.0`.
    pub software: String,
    pub key: KeyRef,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CityRef {
    pub name: String,
    /// The city's public origin.
    pub url: String,
    /// The city's ActivityPub actor.
    pub actor: String,
}

/// The city's Ed25519 ledger key (the one that signs its ledger checkpoints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyRef {
    #[serde(rename = "type")]
    pub kind: String,
    pub public_key_hex: String,
    /// Where the city publishes the same key, to compare by hand.
    pub published_at: String,
}

lifecycle_states!(
    /// Where a value comes from.
    Source {
        Shipped => "shipped",
        Default => "default",
        Configuration => "configuration",
        City => "city",
        Decision => "decision",
        Administrator => "administrator",
        Import => "import",
        Cycle => "cycle",
    }
);

/// Where one value comes from: its source and, as the source has them, the decision
/// (proposal) or cycle behind it, who set it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<Link>,
    /// The username of who set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Provenance {
    pub fn of(source: Source) -> Provenance {
        Provenance {
            source,
            proposal: None,
            cycle: None,
            by: None,
            at: None,
            note: None,
        }
    }
}

/// A record on the exporting city: its id there, its address and its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub id: String,
    pub url: String,
    pub title: String,
}

/// Names in each language City/Sync speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub en: String,
    pub es: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaxonomySection {
    /// The version of the taxonomy shipped with the exporting software.
    pub shipped_version: u32,
    pub categories: Vec<CategoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryEntry {
    pub id: String,
    pub names: Names,
    pub units: Vec<UnitEntry>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitEntry {
    pub id: String,
    pub names: Names,
    pub provenance: Provenance,
}

/// The verification vocabulary the exporting software uses (texts, so a reader can say
/// which it does not know instead of failing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationSection {
    pub methods: Vec<String>,
    pub proof_kinds: Vec<String>,
    pub reject_reasons: Vec<String>,
}

impl VerificationSection {
    /// This software's vocabulary.
    pub fn current() -> VerificationSection {
        VerificationSection {
            methods: VerificationMethod::ALL
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            proof_kinds: ProofKind::ALL
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            reject_reasons: RejectReason::ALL
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
        }
    }

    /// The terms this software does not know, as `kind:term`.
    pub fn unknown_here(&self) -> Vec<String> {
        let mut out = Vec::new();
        for m in &self.methods {
            if VerificationMethod::parse(m).is_err() {
                out.push(format!("method:{m}"));
            }
        }
        for k in &self.proof_kinds {
            if ProofKind::parse(k).is_err() {
                out.push(format!("proof_kind:{k}"));
            }
        }
        for r in &self.reject_reasons {
            if RejectReason::parse(r).is_err() {
                out.push(format!("reject_reason:{r}"));
            }
        }
        out
    }
}

/// A template's content, as the document carries it (rewards in minor units: CITY
/// hundredths, whole VOTE).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateContent {
    pub title: String,
    pub summary: String,
    pub instructions: String,
    pub category: String,
    pub outcome_unit: String,
    pub expected_outcome: f64,
    pub verification_method: VerificationMethod,
    pub proof_kinds: Vec<ProofKind>,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub estimated_minutes: i32,
    pub accessibility_notes: String,
    pub extra_fields: Vec<ExtraField>,
}

impl From<TemplateSpec> for TemplateContent {
    fn from(s: TemplateSpec) -> TemplateContent {
        TemplateContent {
            title: s.title,
            summary: s.summary,
            instructions: s.instructions,
            category: s.category,
            outcome_unit: s.outcome_unit,
            expected_outcome: s.expected_outcome,
            verification_method: s.verification_method,
            proof_kinds: s.proof_kinds,
            reward_city: s.reward_city,
            reward_vote: s.reward_vote,
            estimated_minutes: s.estimated_minutes,
            accessibility_notes: s.accessibility_notes,
            extra_fields: s.extra_fields,
        }
    }
}

impl TemplateContent {
    /// The content as a template version (unchecked: the importing city checks it against
    /// its own taxonomy).
    pub fn spec(&self) -> TemplateSpec {
        TemplateSpec {
            title: self.title.clone(),
            summary: self.summary.clone(),
            instructions: self.instructions.clone(),
            category: self.category.clone(),
            outcome_unit: self.outcome_unit.clone(),
            expected_outcome: self.expected_outcome,
            verification_method: self.verification_method,
            proof_kinds: self.proof_kinds.clone(),
            reward_city: self.reward_city,
            reward_vote: self.reward_vote,
            estimated_minutes: self.estimated_minutes,
            accessibility_notes: self.accessibility_notes.clone(),
            extra_fields: self.extra_fields.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateEntry {
    #[serde(flatten)]
    pub content: TemplateContent,
    pub provenance: TemplateProvenance,
}

/// Where a template lives on the exporting city: its id (its URL there, which an importing
/// city records as `adaptedFrom`), where it was itself adapted from, its organization and
/// its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateProvenance {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adapted_from: Option<String>,
    pub organization: OrganizationRef,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationRef {
    pub handle: String,
    pub name: String,
    pub url: String,
}

/// A city parameter in force (`crate::governance::Parameter` names it), its value in its
/// stored form, and what set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterEntry {
    pub name: String,
    pub value: String,
    pub provenance: Provenance,
}

/// A value only the configuration file sets (`section.key`): shown to an importing city,
/// never applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationEntry {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GovernanceSection {
    /// The lengths of the phases before the results, in order.
    pub phases: Vec<PhaseLength>,
    pub method: VotingMethod,
    pub quorum_percent: i64,
    pub eligibility: Eligibility,
    /// The voting methods the exporting software counts.
    pub methods: Vec<VotingMethod>,
    /// The kinds of proposal the exporting software takes.
    pub proposal_kinds: Vec<ProposalKind>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhaseLength {
    pub phase: Phase,
    pub minutes: i64,
}

/// Who may vote: residents with a verified email holding at least `min_vote` VOTE when
/// voting opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    pub verified_email: bool,
    pub min_vote: i64,
}

/// The signature: Ed25519 over the JCS form of the document without `signature`, by the key
/// in `provenance.key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    pub algorithm: String,
    pub canonicalization: String,
    /// The 64-byte signature, hex.
    pub value: String,
}

/// How a city decides: the lengths of its cycles' phases and their rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GovernanceModel {
    pub proposals_minutes: i64,
    pub deliberation_minutes: i64,
    pub voting_minutes: i64,
    pub rules: Rules,
}

impl Default for GovernanceModel {
    /// What the new-cycle form offers: a week per phase, weighted majority, a 20 % quorum
    /// and 1 VOTE to vote.
    fn default() -> GovernanceModel {
        GovernanceModel {
            proposals_minutes: 7 * 24 * 60,
            deliberation_minutes: 7 * 24 * 60,
            voting_minutes: 7 * 24 * 60,
            rules: Rules {
                method: VotingMethod::WeightedMajority,
                quorum_percent: 20,
                min_vote: 1,
            },
        }
    }
}

impl GovernanceModel {
    /// The model of a cycle: its phases' lengths in whole minutes (at least one each).
    pub fn of_cycle(schedule: Schedule, rules: Rules) -> GovernanceModel {
        let minutes = |from: NaiveDateTime, to: NaiveDateTime| (to - from).num_minutes().max(1);
        GovernanceModel {
            proposals_minutes: minutes(schedule.proposals_at, schedule.deliberation_at),
            deliberation_minutes: minutes(schedule.deliberation_at, schedule.voting_at),
            voting_minutes: minutes(schedule.voting_at, schedule.results_at),
            rules,
        }
    }

    /// A cycle's dates with this model's lengths, its proposals opening at `start`.
    pub fn schedule_from(&self, start: NaiveDateTime) -> Schedule {
        let deliberation_at = start + Duration::minutes(self.proposals_minutes);
        let voting_at = deliberation_at + Duration::minutes(self.deliberation_minutes);
        Schedule {
            proposals_at: start,
            deliberation_at,
            voting_at,
            results_at: voting_at + Duration::minutes(self.voting_minutes),
        }
    }

    pub fn section(&self, provenance: Provenance) -> GovernanceSection {
        GovernanceSection {
            phases: vec![
                PhaseLength {
                    phase: Phase::Proposals,
                    minutes: self.proposals_minutes,
                },
                PhaseLength {
                    phase: Phase::Deliberation,
                    minutes: self.deliberation_minutes,
                },
                PhaseLength {
                    phase: Phase::Voting,
                    minutes: self.voting_minutes,
                },
            ],
            method: self.rules.method,
            quorum_percent: self.rules.quorum_percent,
            eligibility: Eligibility {
                verified_email: true,
                min_vote: self.rules.min_vote,
            },
            methods: VotingMethod::ALL.to_vec(),
            proposal_kinds: ProposalKind::ALL.to_vec(),
            provenance,
        }
    }

    /// Reads a document's governance section: the three phases in order, each from one
    /// minute to a year, and rules this software accepts.
    pub fn from_section(section: &GovernanceSection) -> Result<GovernanceModel, DomainError> {
        let invalid = |what: &str| DomainError::ProtocolInvalid(format!("governance: {what}"));
        let [p, d, v] = section.phases.as_slice() else {
            return Err(invalid("three phases expected"));
        };
        let order = [Phase::Proposals, Phase::Deliberation, Phase::Voting];
        for (length, phase) in [p, d, v].iter().zip(order) {
            if length.phase != phase {
                return Err(invalid("phases out of order"));
            }
            if !(1..=PHASE_MINUTES_MAX).contains(&length.minutes) {
                return Err(invalid("a phase's length is out of range"));
            }
        }
        if !section.eligibility.verified_email {
            return Err(invalid("voting without a verified email is not supported"));
        }
        let rules = Rules {
            method: section.method,
            quorum_percent: section.quorum_percent,
            min_vote: section.eligibility.min_vote,
        }
        .check()?;
        Ok(GovernanceModel {
            proposals_minutes: p.minutes,
            deliberation_minutes: d.minutes,
            voting_minutes: v.minutes,
            rules,
        })
    }
}

/// Checks the members every version shares before the rest is read: the format's name and
/// a version this software knows.
pub fn check_header(format: Option<&str>, version: Option<u64>) -> Result<(), DomainError> {
    if format != Some(FORMAT) {
        return Err(DomainError::ProtocolInvalid(format!(
            "format is not {FORMAT}"
        )));
    }
    match version {
        Some(VERSION) => Ok(()),
        Some(other) => Err(DomainError::ProtocolVersionUnsupported(other)),
        None => Err(DomainError::ProtocolInvalid("no version".into())),
    }
}

/// A category or unit id a city may add: 2 to 40 lowercase letters or `_` (the rule the
/// administrator's taxonomy form applies).
pub fn check_taxonomy_id(id: &str) -> Result<(), DomainError> {
    if (2..=40).contains(&id.len()) && id.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        Ok(())
    } else {
        Err(DomainError::ProtocolInvalid(format!("taxonomy id {id:?}")))
    }
}

impl ProtocolDocument {
    /// Checks what does not depend on the reading city: the header, unique and well-formed
    /// taxonomy ids with names in every language, unique parameter names, the governance
    /// model.
    pub fn check(&self) -> Result<(), DomainError> {
        check_header(Some(&self.format), Some(self.version))?;
        let invalid = |what: String| DomainError::ProtocolInvalid(what);
        let mut categories = BTreeSet::new();
        for c in &self.taxonomy.categories {
            check_taxonomy_id(&c.id)?;
            check_names(&c.names)?;
            if !categories.insert(c.id.as_str()) {
                return Err(invalid(format!("category {} twice", c.id)));
            }
            if c.units.is_empty() {
                return Err(invalid(format!("category {} has no unit", c.id)));
            }
            let mut units = BTreeSet::new();
            for u in &c.units {
                check_taxonomy_id(&u.id)?;
                check_names(&u.names)?;
                if !units.insert(u.id.as_str()) {
                    return Err(invalid(format!("unit {} twice in {}", u.id, c.id)));
                }
            }
        }
        let mut templates = BTreeSet::new();
        for t in &self.templates {
            if !templates.insert(t.provenance.id.as_str()) {
                return Err(invalid(format!("template {} twice", t.provenance.id)));
            }
        }
        let mut names = BTreeSet::new();
        for p in &self.parameters {
            if !names.insert(p.name.as_str()) {
                return Err(invalid(format!("parameter {} twice", p.name)));
            }
        }
        GovernanceModel::from_section(&self.governance)?;
        match &self.signature {
            Some(s) if s.algorithm == ALGORITHM && s.canonicalization == CANONICALIZATION => Ok(()),
            Some(_) => Err(invalid("unknown signature algorithm".into())),
            None => Err(DomainError::ProtocolSignatureInvalid),
        }
    }
}

fn check_names(names: &Names) -> Result<(), DomainError> {
    let ok = |s: &str| {
        let t = s.trim();
        !t.is_empty() && t.chars().count() <= 80 && !t.chars().any(char::is_control)
    };
    if ok(&names.en) && ok(&names.es) {
        Ok(())
    } else {
        Err(DomainError::ProtocolInvalid(format!(
            "names {:?} / {:?}",
            names.en, names.es
        )))
    }
}

/// Checks `signature` over `canonical` (the JCS bytes of the document without its
/// `signature` member) with the Ed25519 key `public_key_hex`.
pub fn verify(
    public_key_hex: &str,
    canonical: &[u8],
    signature: &Signature,
) -> Result<(), DomainError> {
    if signature.algorithm == ALGORITHM
        && signature.canonicalization == CANONICALIZATION
        && crate::ledger::verify_signature(public_key_hex, canonical, &signature.value)
    {
        Ok(())
    } else {
        Err(DomainError::ProtocolSignatureInvalid)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::ledger::CheckpointKey;
    use chrono::NaiveDate;

    #[test]
    fn the_header_names_the_format_and_a_known_version() {
        assert!(check_header(Some(FORMAT), Some(VERSION)).is_ok());
        assert_eq!(
            check_header(Some(FORMAT), Some(2)),
            Err(DomainError::ProtocolVersionUnsupported(2))
        );
        assert!(matches!(
            check_header(Some("something-else"), Some(1)),
            Err(DomainError::ProtocolInvalid(_))
        ));
        assert!(matches!(
            check_header(Some(FORMAT), None),
            Err(DomainError::ProtocolInvalid(_))
        ));
    }

    #[test]
    fn a_governance_model_round_trips_through_a_cycle_and_a_section() {
        let model = GovernanceModel {
            proposals_minutes: 60,
            deliberation_minutes: 2 * 24 * 60,
            voting_minutes: 3 * 24 * 60 + 5,
            rules: Rules {
                method: VotingMethod::Quadratic,
                quorum_percent: 30,
                min_vote: 2,
            },
        };
        let start = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let schedule = model.schedule_from(start).check().unwrap();
        assert_eq!(GovernanceModel::of_cycle(schedule, model.rules), model);
        let section = model.section(Provenance::of(Source::Default));
        assert_eq!(GovernanceModel::from_section(&section).unwrap(), model);

        let mut bad = section.clone();
        bad.phases.swap(0, 1);
        assert!(GovernanceModel::from_section(&bad).is_err());
        let mut bad = section.clone();
        bad.quorum_percent = 101;
        assert_eq!(
            GovernanceModel::from_section(&bad),
            Err(DomainError::QuorumInvalid)
        );
        let mut bad = section;
        bad.phases.pop();
        assert!(GovernanceModel::from_section(&bad).is_err());
    }

    #[test]
    fn signatures_verify_only_the_signed_bytes_with_the_signing_key() {
        let key = CheckpointKey::from_secret([3; 32]);
        let bytes = br#"{"format":"citysync-protocol","version":1}"#;
        let signature = Signature {
            algorithm: ALGORITHM.into(),
            canonicalization: CANONICALIZATION.into(),
            value: key.sign_hex(bytes),
        };
        assert!(verify(&key.public_hex(), bytes, &signature).is_ok());
        assert_eq!(
            verify(&key.public_hex(), br#"{"format":"x"}"#, &signature),
            Err(DomainError::ProtocolSignatureInvalid)
        );
        let other = CheckpointKey::from_secret([4; 32]);
        assert!(verify(&other.public_hex(), bytes, &signature).is_err());
        let mut wrong = signature;
        wrong.algorithm = "RSA".into();
        assert!(verify(&key.public_hex(), bytes, &wrong).is_err());
    }

    #[test]
    fn the_verification_vocabulary_is_known_here() {
        let current = VerificationSection::current();
        assert!(current.unknown_here().is_empty());
        assert!(current.methods.contains(&"issuer_review".to_owned()));
        assert!(current.reject_reasons.contains(&"duplicate".to_owned()));
        let mut future = current;
        future.methods.push("drone".into());
        assert_eq!(future.unknown_here(), vec!["method:drone".to_owned()]);
    }

    #[test]
    fn taxonomy_ids_follow_the_administrator_form_rule() {
        assert!(check_taxonomy_id("repair").is_ok());
        assert!(check_taxonomy_id("items_repaired").is_ok());
        assert!(check_taxonomy_id("x").is_err());
        assert!(check_taxonomy_id("Repair").is_err());
        assert!(check_taxonomy_id("a1").is_err());
    }
}
