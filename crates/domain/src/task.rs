//! Task templates: an issuer's "task functions", with the shared standards they use
//! (category and outcome unit, verification method, proof kinds) and typed extra fields
//! residents fill when they submit (in the manner of Open311 service attributes).

use crate::lifecycle::lifecycle_states;
use crate::taxonomy::Taxonomy;
use crate::text;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

lifecycle_states!(
    /// How a template's work is verified.
    VerificationMethod { IssuerReview => "issuer_review", OnSite => "on_site", Peer => "peer" }
);

lifecycle_states!(
    /// What a resident submits as proof.
    ProofKind { Text => "text", Photo => "photo", Geo => "geo", TimeRange => "time_range" }
);

lifecycle_states!(
    /// The type of an extra field.
    FieldKind { Text => "text", Number => "number", Choice => "choice", Date => "date" }
);

/// The most an outcome may exceed the template's expected outcome per completion: beyond
/// it the quantity is taken for a typo.
pub const OUTCOME_MAX_FACTOR: f64 = 100.0;
/// The largest reward per completion, in minor units (guards against typos of many zeros).
pub const REWARD_MAX: i64 = 1_000_000;
pub const EXTRA_FIELDS_MAX: usize = 12;

/// A field a resident fills when submitting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtraField {
    /// Stable key (`[a-z0-9_]`), also the form field name `extra_<key>`.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// The choices of a `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl ExtraField {
    /// Checks a value a resident typed; returns it normalized. Empty is `None`.
    pub fn check(&self, input: &str) -> Result<Option<String>, DomainError> {
        let v = input.trim();
        if v.is_empty() {
            return if self.required {
                Err(DomainError::ExtraValueInvalid(self.label.clone()))
            } else {
                Ok(None)
            };
        }
        let invalid = || DomainError::ExtraValueInvalid(self.label.clone());
        let ok = match self.kind {
            FieldKind::Text => v.chars().count() <= 500 && !v.chars().any(char::is_control),
            FieldKind::Number => v.parse::<f64>().map(f64::is_finite).unwrap_or(false),
            FieldKind::Choice => self.choices.iter().any(|c| c == v),
            FieldKind::Date => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
        };
        if ok {
            Ok(Some(v.to_owned()))
        } else {
            Err(invalid())
        }
    }
}

/// Parses the editor's compact notation for extra fields, one per line:
/// `key | label | kind | required|optional | choice1, choice2`.
pub fn parse_extra_fields(input: &str) -> Result<Vec<ExtraField>, DomainError> {
    let mut fields: Vec<ExtraField> = Vec::new();
    for (n, line) in input
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let bad = || DomainError::ExtraFieldInvalid(n + 1);
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let (key, label, kind, need, choices) = match parts.as_slice() {
            [k, l, t] => (*k, *l, *t, "optional", ""),
            [k, l, t, r] => (*k, *l, *t, *r, ""),
            [k, l, t, r, c] => (*k, *l, *t, *r, *c),
            _ => return Err(bad()),
        };
        let key_ok = (1..=30).contains(&key.len())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        let kind = FieldKind::parse(kind).map_err(|_| bad())?;
        let required = match need {
            "required" => true,
            "optional" | "" => false,
            _ => return Err(bad()),
        };
        let choices: Vec<String> = choices
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        if !key_ok
            || label.is_empty()
            || label.chars().count() > 100
            || fields.iter().any(|f| f.key == key)
            || (kind == FieldKind::Choice) == choices.is_empty()
        {
            return Err(bad());
        }
        fields.push(ExtraField {
            key: key.to_owned(),
            label: label.to_owned(),
            kind,
            required,
            choices,
        });
    }
    if fields.len() > EXTRA_FIELDS_MAX {
        return Err(DomainError::ExtraFieldInvalid(EXTRA_FIELDS_MAX + 1));
    }
    Ok(fields)
}

/// Writes extra fields back in the editor's notation (the inverse of `parse_extra_fields`).
pub fn format_extra_fields(fields: &[ExtraField]) -> String {
    fields
        .iter()
        .map(|f| {
            let need = if f.required { "required" } else { "optional" };
            let mut line = format!("{} | {} | {} | {}", f.key, f.label, f.kind.as_str(), need);
            if !f.choices.is_empty() {
                line.push_str(" | ");
                line.push_str(&f.choices.join(", "));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One version of a template's content, checked against the city's taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateSpec {
    pub title: String,
    pub summary: String,
    /// Markdown; rendered safely by the pages.
    pub instructions: String,
    pub category: String,
    pub outcome_unit: String,
    pub expected_outcome: f64,
    pub verification_method: VerificationMethod,
    pub proof_kinds: Vec<ProofKind>,
    /// CITY in minor units (hundredths).
    pub reward_city: i64,
    pub reward_vote: i64,
    pub estimated_minutes: i32,
    pub accessibility_notes: String,
    pub extra_fields: Vec<ExtraField>,
}

impl TemplateSpec {
    /// Checks every field; the taxonomy decides which category and unit exist.
    pub fn check(mut self, taxonomy: &Taxonomy) -> Result<TemplateSpec, DomainError> {
        self.title = text::required("title", &self.title, 120)?;
        self.summary = text::required("summary", &self.summary, 500)?;
        self.instructions = text::optional("instructions", &self.instructions, 20_000)?;
        self.accessibility_notes =
            text::optional("accessibility_notes", &self.accessibility_notes, 2_000)?;
        if taxonomy.category(&self.category).is_none() {
            return Err(DomainError::CategoryUnknown);
        }
        if !taxonomy.measures(&self.category, &self.outcome_unit) {
            return Err(DomainError::UnitNotOfCategory);
        }
        if !self.expected_outcome.is_finite()
            || self.expected_outcome <= 0.0
            || self.expected_outcome > 1_000_000.0
        {
            return Err(DomainError::OutcomeInvalid);
        }
        if !(0..=REWARD_MAX).contains(&self.reward_city)
            || !(0..=REWARD_MAX).contains(&self.reward_vote)
        {
            return Err(DomainError::RewardInvalid);
        }
        if !(1..=24 * 60).contains(&self.estimated_minutes) {
            return Err(DomainError::MinutesInvalid);
        }
        self.proof_kinds.sort_by_key(|k| k.as_str());
        self.proof_kinds.dedup();
        if self.verification_method != VerificationMethod::OnSite && self.proof_kinds.is_empty() {
            return Err(DomainError::ProofKindsMissing);
        }
        if self.extra_fields.len() > EXTRA_FIELDS_MAX {
            return Err(DomainError::ExtraFieldInvalid(EXTRA_FIELDS_MAX + 1));
        }
        Ok(self)
    }

    pub fn requires(&self, kind: ProofKind) -> bool {
        self.proof_kinds.contains(&kind)
    }

    /// The largest outcome quantity a submission may claim.
    pub fn outcome_ceiling(&self) -> f64 {
        self.expected_outcome * OUTCOME_MAX_FACTOR
    }

    /// Checks the extra values a resident typed against the fields; unknown keys are dropped.
    pub fn check_extra_values(
        &self,
        values: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>, DomainError> {
        let mut checked = BTreeMap::new();
        for field in &self.extra_fields {
            let input = values.get(&field.key).map(String::as_str).unwrap_or("");
            if let Some(v) = field.check(input)? {
                checked.insert(field.key.clone(), v);
            }
        }
        Ok(checked)
    }
}

/// Parses proof kinds from their text forms, refusing unknown ones.
pub fn parse_proof_kinds<'a>(
    kinds: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<ProofKind>, DomainError> {
    kinds
        .into_iter()
        .filter(|k| !k.is_empty())
        .map(|k| ProofKind::parse(k).map_err(|_| DomainError::ProofKindUnknown))
        .collect()
}

/// CITY amounts typed by people ("2.50") as minor units (250), and back.
pub fn parse_credits(input: &str) -> Result<i64, DomainError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(0);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |d: &str| !d.is_empty() && d.len() <= 7 && d.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || frac.len() > 2 || !(frac.is_empty() || digits(frac)) {
        return Err(DomainError::RewardInvalid);
    }
    let whole: i64 = whole.parse().map_err(|_| DomainError::RewardInvalid)?;
    let frac: i64 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| DomainError::RewardInvalid)?;
    Ok(whole * 100 + frac)
}

pub fn format_credits(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn spec() -> TemplateSpec {
        TemplateSpec {
            title: "Creek cleanup".into(),
            summary: "Pick up litter".into(),
            instructions: "Bring gloves".into(),
            category: "environment".into(),
            outcome_unit: "kg_waste_diverted".into(),
            expected_outcome: 5.0,
            verification_method: VerificationMethod::IssuerReview,
            proof_kinds: vec![ProofKind::Photo, ProofKind::Text, ProofKind::Photo],
            reward_city: 500,
            reward_vote: 1,
            estimated_minutes: 120,
            accessibility_notes: String::new(),
            extra_fields: vec![],
        }
    }

    #[test]
    fn a_template_is_checked_against_the_taxonomy() {
        let t = Taxonomy::shipped().unwrap();
        let ok = spec().check(&t).unwrap();
        assert_eq!(ok.proof_kinds, vec![ProofKind::Photo, ProofKind::Text]);
        let mut bad = spec();
        bad.outcome_unit = "meals_served".into();
        assert_eq!(bad.check(&t), Err(DomainError::UnitNotOfCategory));
        let mut bad = spec();
        bad.expected_outcome = f64::NAN;
        assert_eq!(bad.check(&t), Err(DomainError::OutcomeInvalid));
        let mut bad = spec();
        bad.reward_city = -1;
        assert_eq!(bad.check(&t), Err(DomainError::RewardInvalid));
        let mut bad = spec();
        bad.proof_kinds.clear();
        assert_eq!(bad.check(&t), Err(DomainError::ProofKindsMissing));
    }

    #[test]
    fn extra_fields_parse_check_and_round_trip() {
        let text = "bags | Bags filled | number | required\nsite | Site | choice | optional | North, South\nday | Day | date";
        let fields = parse_extra_fields(text).unwrap();
        assert_eq!(fields.len(), 3);
        assert_eq!(fields[1].choices, vec!["North", "South"]);
        assert_eq!(
            parse_extra_fields(&format_extra_fields(&fields)).unwrap(),
            fields
        );
        assert!(fields[0].check("").is_err());
        assert!(fields[0].check("abc").is_err());
        assert_eq!(fields[0].check(" 3 ").unwrap().as_deref(), Some("3"));
        assert!(fields[1].check("East").is_err());
        assert_eq!(fields[1].check("").unwrap(), None);
        assert!(fields[2].check("2026-02-30").is_err());
        assert!(parse_extra_fields("a | A | choice").is_err());
        assert!(parse_extra_fields("a | A | text\na | B | text").is_err());
        assert!(parse_extra_fields("Bad Key | A | text").is_err());
    }

    #[test]
    fn credits_parse_like_people_write_them() {
        assert_eq!(parse_credits("2.5").unwrap(), 250);
        assert_eq!(parse_credits("3").unwrap(), 300);
        assert_eq!(parse_credits("").unwrap(), 0);
        assert!(parse_credits("-1").is_err());
        assert!(parse_credits("1.234").is_err());
        assert!(parse_credits("1e3").is_err());
        assert_eq!(format_credits(250), "2.50");
    }

    proptest! {
        #[test]
        fn credits_round_trip(minor in 0i64..1_000_000_000) {
            prop_assert_eq!(parse_credits(&format_credits(minor)).unwrap(), minor);
        }
    }
}
