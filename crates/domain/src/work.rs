//! Opportunities, proof and verification decisions: the rules of the civic work loop.

use crate::lifecycle::lifecycle_states;
use crate::task::{ProofKind, TemplateSpec};
use crate::text;
use crate::DomainError;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const CAPACITY_MAX: i32 = 10_000;
pub const PHOTOS_MAX: usize = 6;

/// A place: what people read, and optionally where it is on a map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

impl GeoPoint {
    pub fn new(latitude: f64, longitude: f64) -> Result<GeoPoint, DomainError> {
        if latitude.is_finite()
            && longitude.is_finite()
            && (-90.0..=90.0).contains(&latitude)
            && (-180.0..=180.0).contains(&longitude)
        {
            Ok(GeoPoint {
                latitude,
                longitude,
            })
        } else {
            Err(DomainError::CoordinatesInvalid)
        }
    }

    /// Both parts typed, or both empty.
    pub fn parse_optional(
        latitude: &str,
        longitude: &str,
    ) -> Result<Option<GeoPoint>, DomainError> {
        match (latitude.trim(), longitude.trim()) {
            ("", "") => Ok(None),
            (la, lo) => {
                let la: f64 = la.parse().map_err(|_| DomainError::CoordinatesInvalid)?;
                let lo: f64 = lo.parse().map_err(|_| DomainError::CoordinatesInvalid)?;
                GeoPoint::new(la, lo).map(Some)
            }
        }
    }
}

/// A time-bound instance of a template, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct OpportunitySpec {
    pub title_override: Option<String>,
    pub place: String,
    pub point: Option<GeoPoint>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub claim_deadline: NaiveDateTime,
    pub capacity: i32,
    pub onsite_instructions: String,
}

impl OpportunitySpec {
    pub fn check(mut self) -> Result<OpportunitySpec, DomainError> {
        self.title_override = match &self.title_override {
            Some(t) => Some(text::optional("title", t, 120)?).filter(|t| !t.is_empty()),
            None => None,
        };
        self.place = text::required("place", &self.place, 300)?;
        self.onsite_instructions =
            text::optional("onsite_instructions", &self.onsite_instructions, 2_000)?;
        if self.ends_at <= self.starts_at || self.claim_deadline > self.ends_at {
            return Err(DomainError::TimesInvalid);
        }
        if !(1..=CAPACITY_MAX).contains(&self.capacity) {
            return Err(DomainError::CapacityInvalid);
        }
        Ok(self)
    }

    /// Whether a new claim is on time.
    pub fn claimable_at(&self, now: NaiveDateTime) -> bool {
        now <= self.claim_deadline && now < self.ends_at
    }
}

/// What a resident submits as proof (photos are counted here; their bytes are checked
/// by the caller, which is the one that reads them).
#[derive(Debug, Clone, PartialEq)]
pub struct Proof {
    pub text: String,
    pub photos: usize,
    pub point: Option<GeoPoint>,
    pub worked: Option<(NaiveDateTime, NaiveDateTime)>,
    pub outcome_quantity: f64,
    pub extra_values: BTreeMap<String, String>,
}

impl Proof {
    /// Checks the proof against the template version the claim was made on.
    pub fn check(mut self, template: &TemplateSpec) -> Result<Proof, DomainError> {
        self.text = text::optional("text", &self.text, 5_000)?;
        let missing = |kind: ProofKind| DomainError::ProofMissing(kind.as_str());
        if template.requires(ProofKind::Text) && self.text.is_empty() {
            return Err(missing(ProofKind::Text));
        }
        if template.requires(ProofKind::Photo) && self.photos == 0 {
            return Err(missing(ProofKind::Photo));
        }
        if self.photos > PHOTOS_MAX {
            return Err(DomainError::TooManyPhotos { max: PHOTOS_MAX });
        }
        if template.requires(ProofKind::Geo) && self.point.is_none() {
            return Err(missing(ProofKind::Geo));
        }
        match self.worked {
            Some((from, until)) if until <= from || until - from > chrono::Duration::days(2) => {
                return Err(DomainError::TimesInvalid)
            }
            None if template.requires(ProofKind::TimeRange) => {
                return Err(missing(ProofKind::TimeRange))
            }
            _ => {}
        }
        check_outcome(self.outcome_quantity, template)?;
        self.extra_values = template.check_extra_values(&self.extra_values)?;
        Ok(self)
    }
}

/// An outcome quantity is positive, finite and not absurdly above what the template expects.
pub fn check_outcome(quantity: f64, template: &TemplateSpec) -> Result<(), DomainError> {
    if quantity.is_finite() && quantity > 0.0 && quantity <= template.outcome_ceiling() {
        Ok(())
    } else {
        Err(DomainError::OutcomeInvalid)
    }
}

lifecycle_states!(
    /// Why a verifier rejects a submission (a fixed list, comparable across cities).
    RejectReason {
        InsufficientProof => "insufficient_proof",
        NotCompleted => "not_completed",
        OutsideWindow => "outside_window",
        Duplicate => "duplicate",
        Other => "other",
    }
);

/// A verifier's decision on a submission, checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Approve {
        confirmed_outcome: f64,
        quality_rating: i32,
        feedback: String,
    },
    Reject {
        reason: RejectReason,
        feedback: String,
    },
}

impl Decision {
    pub fn check(self, template: &TemplateSpec) -> Result<Decision, DomainError> {
        match self {
            Decision::Approve {
                confirmed_outcome,
                quality_rating,
                feedback,
            } => {
                check_outcome(confirmed_outcome, template)?;
                if !(1..=5).contains(&quality_rating) {
                    return Err(DomainError::RatingInvalid);
                }
                Ok(Decision::Approve {
                    confirmed_outcome,
                    quality_rating,
                    feedback: text::optional("feedback", &feedback, 2_000)?,
                })
            }
            Decision::Reject { reason, feedback } => Ok(Decision::Reject {
                reason,
                feedback: text::required("feedback", &feedback, 2_000)?,
            }),
        }
    }
}

/// The domain event an approval emits: the ledger mints from it, federation attests it.
/// The reward is the one fixed when the claim was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContributionVerified {
    pub contribution_id: String,
    pub claim_id: String,
    pub organization_id: String,
    pub opportunity_id: String,
    pub contributor_id: String,
    pub verifier_id: String,
    pub template_id: String,
    pub template_version: i32,
    pub category: String,
    pub outcome_unit: String,
    pub outcome_quantity: f64,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verified_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::task::{TemplateSpec, VerificationMethod};
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn template(kinds: Vec<ProofKind>) -> TemplateSpec {
        TemplateSpec {
            title: "t".into(),
            summary: "s".into(),
            instructions: String::new(),
            category: "environment".into(),
            outcome_unit: "kg_waste_diverted".into(),
            expected_outcome: 5.0,
            verification_method: VerificationMethod::IssuerReview,
            proof_kinds: kinds,
            reward_city: 100,
            reward_vote: 1,
            estimated_minutes: 60,
            accessibility_notes: String::new(),
            extra_fields: vec![],
        }
    }

    fn proof() -> Proof {
        Proof {
            text: "done".into(),
            photos: 2,
            point: None,
            worked: None,
            outcome_quantity: 4.0,
            extra_values: BTreeMap::new(),
        }
    }

    #[test]
    fn opportunity_times_and_capacity_are_checked() {
        let spec = OpportunitySpec {
            title_override: Some("  ".into()),
            place: "Park".into(),
            point: None,
            starts_at: at(9),
            ends_at: at(12),
            claim_deadline: at(10),
            capacity: 2,
            onsite_instructions: String::new(),
        };
        let ok = spec.clone().check().unwrap();
        assert_eq!(ok.title_override, None);
        assert!(ok.claimable_at(at(10)) && !ok.claimable_at(at(11)));
        let mut bad = spec.clone();
        bad.ends_at = at(8);
        assert_eq!(bad.check(), Err(DomainError::TimesInvalid));
        let mut bad = spec;
        bad.capacity = 0;
        assert_eq!(bad.check(), Err(DomainError::CapacityInvalid));
    }

    #[test]
    fn proof_meets_the_templates_requirements() {
        let t = template(vec![ProofKind::Photo, ProofKind::Text]);
        assert!(proof().check(&t).is_ok());
        let mut p = proof();
        p.photos = 0;
        assert_eq!(p.check(&t), Err(DomainError::ProofMissing("photo")));
        let mut p = proof();
        p.text = " ".into();
        assert_eq!(p.check(&t), Err(DomainError::ProofMissing("text")));
        for q in [-1.0, 0.0, f64::INFINITY, 501.0] {
            let mut p = proof();
            p.outcome_quantity = q;
            assert_eq!(p.check(&t), Err(DomainError::OutcomeInvalid), "{q}");
        }
        let t = template(vec![ProofKind::TimeRange]);
        let mut p = proof();
        p.worked = Some((at(10), at(9)));
        assert_eq!(p.clone().check(&t), Err(DomainError::TimesInvalid));
        p.worked = None;
        assert_eq!(p.check(&t), Err(DomainError::ProofMissing("time_range")));
    }

    #[test]
    fn decisions_are_checked() {
        let t = template(vec![ProofKind::Text]);
        let approve = |r| Decision::Approve {
            confirmed_outcome: 5.0,
            quality_rating: r,
            feedback: String::new(),
        };
        assert!(approve(5).check(&t).is_ok());
        assert_eq!(approve(6).check(&t), Err(DomainError::RatingInvalid));
        let reject = Decision::Reject {
            reason: RejectReason::InsufficientProof,
            feedback: " ".into(),
        };
        assert_eq!(reject.check(&t), Err(DomainError::Required("feedback")));
        assert!(GeoPoint::parse_optional("91", "0").is_err());
        assert_eq!(GeoPoint::parse_optional("", "").unwrap(), None);
    }
}
