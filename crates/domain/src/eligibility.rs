//! Who may claim a template's work: its requirements (a minimum age, a waiver to accept,
//! qualifications granted by an organization) against what is known of a resident (date of
//! birth, a guardian's consent, the waiver version she ticks, the qualifications she holds),
//! on the day the work starts. No IO: the dates come in as arguments.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The youngest and oldest minimum age a template may ask for.
pub const MIN_AGE_RANGE: std::ops::RangeInclusive<u8> = 1..=120;
/// The longest waiver text, in characters.
pub const WAIVER_MAX_CHARS: usize = 20_000;
/// The longest qualification name, in characters.
pub const QUALIFICATION_NAME_MAX: usize = 100;
/// The default age of majority (`[eligibility] age_of_majority`).
pub const DEFAULT_AGE_OF_MAJORITY: u8 = 18;

/// A qualification a template asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredQualification {
    pub id: String,
    pub name: String,
}

/// What a template asks of whoever claims its work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Requirements {
    pub min_age: Option<u8>,
    /// The current version of the template's waiver, if it has one.
    pub waiver_version: Option<i32>,
    pub qualifications: Vec<RequiredQualification>,
}

impl Requirements {
    pub fn is_empty(&self) -> bool {
        self.min_age.is_none() && self.waiver_version.is_none() && self.qualifications.is_empty()
    }
}

/// A qualification a resident holds, valid through `expires_on` (inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldQualification {
    pub id: String,
    pub expires_on: NaiveDate,
}

/// What is known of the resident when she claims.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResidentFacts {
    pub born_on: Option<NaiveDate>,
    /// A guardian consented (only asked of residents under the age of majority).
    pub guardian_consented: bool,
    /// The waiver version she ticked "I accept" for on this claim.
    pub accepted_waiver: Option<i32>,
    pub qualifications: Vec<HeldQualification>,
}

/// One requirement still unmet, in the order a resident can act on them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unmet {
    /// The template has a minimum age and the resident gave no date of birth.
    BirthDate,
    /// She is younger than `min_age` on the day the work starts.
    Age { min_age: u8 },
    /// She is under the age of majority and no guardian has consented yet.
    GuardianConsent,
    /// She did not accept the waiver's current version.
    Waiver { version: i32 },
    /// She holds no unexpired grant of this qualification on the day the work starts.
    Qualification { id: String, name: String },
}

impl Unmet {
    /// The stable code, also the Fluent message id explaining it (`locales/*/eligibility.ftl`).
    pub fn code(&self) -> &'static str {
        match self {
            Unmet::BirthDate => "eligibility-need-birth-date",
            Unmet::Age { .. } => "eligibility-need-age",
            Unmet::GuardianConsent => "eligibility-need-guardian",
            Unmet::Waiver { .. } => "eligibility-need-waiver",
            Unmet::Qualification { .. } => "eligibility-need-qualification",
        }
    }
}

/// Whole years from `born_on` to `on` (a birthday on 29 February is reached on 1 March in
/// other years).
pub fn age_on(born_on: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - born_on.year();
    if (on.month(), on.day()) < (born_on.month(), born_on.day()) {
        years -= 1;
    }
    years
}

/// Whether a resident born on `born_on` is under `age_of_majority` on `on`.
pub fn is_minor(born_on: NaiveDate, on: NaiveDate, age_of_majority: u8) -> bool {
    age_on(born_on, on) < i32::from(age_of_majority)
}

/// Checks the resident's facts against a template's requirements on `on`, the (city-clock)
/// day the work starts. A resident known to be a minor needs a guardian's consent for any
/// claim. Returns every unmet requirement, so a page can list them all at once.
pub fn check(
    requirements: &Requirements,
    facts: &ResidentFacts,
    on: NaiveDate,
    age_of_majority: u8,
) -> Result<(), Vec<Unmet>> {
    let mut unmet = Vec::new();
    match (requirements.min_age, facts.born_on) {
        (Some(_), None) => unmet.push(Unmet::BirthDate),
        (Some(min_age), Some(born)) if age_on(born, on) < i32::from(min_age) => {
            unmet.push(Unmet::Age { min_age })
        }
        _ => {}
    }
    if let Some(born) = facts.born_on {
        if is_minor(born, on, age_of_majority) && !facts.guardian_consented {
            unmet.push(Unmet::GuardianConsent);
        }
    }
    if let Some(version) = requirements.waiver_version {
        if facts.accepted_waiver != Some(version) {
            unmet.push(Unmet::Waiver { version });
        }
    }
    for q in &requirements.qualifications {
        let held = facts
            .qualifications
            .iter()
            .any(|h| h.id == q.id && h.expires_on >= on);
        if !held {
            unmet.push(Unmet::Qualification {
                id: q.id.clone(),
                name: q.name.clone(),
            });
        }
    }
    if unmet.is_empty() {
        Ok(())
    } else {
        Err(unmet)
    }
}

/// A date of birth as typed (`YYYY-MM-DD`): not in the future of `today`, and at most 130
/// years back.
pub fn parse_birth_date(input: &str, today: NaiveDate) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").ok()?;
    (date <= today && age_on(date, today) <= 130).then_some(date)
}

/// A minimum age outside [`MIN_AGE_RANGE`] or not a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinAgeInvalid;

/// A template's minimum age as typed: empty is none; otherwise a whole number in
/// [`MIN_AGE_RANGE`].
pub fn parse_min_age(input: &str) -> Result<Option<u8>, MinAgeInvalid> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u8>() {
        Ok(age) if MIN_AGE_RANGE.contains(&age) => Ok(Some(age)),
        _ => Err(MinAgeInvalid),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn food() -> RequiredQualification {
        RequiredQualification {
            id: "q1".into(),
            name: "Food handler card".into(),
        }
    }

    #[test]
    fn age_counts_whole_years_to_the_birthday() {
        assert_eq!(age_on(d("2010-06-15"), d("2026-06-14")), 15);
        assert_eq!(age_on(d("2010-06-15"), d("2026-06-15")), 16);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
        assert!(is_minor(d("2008-12-08"), d("2026-12-07"), 18));
        assert!(!is_minor(d("2008-12-07"), d("2026-12-07"), 18));
    }

    #[test]
    fn no_requirements_and_an_adult_or_unknown_age_pass() {
        let none = Requirements::default();
        assert!(none.is_empty());
        assert_eq!(
            check(&none, &ResidentFacts::default(), d("2026-12-07"), 18),
            Ok(())
        );
        let adult = ResidentFacts {
            born_on: Some(d("1990-01-01")),
            ..ResidentFacts::default()
        };
        assert_eq!(check(&none, &adult, d("2026-12-07"), 18), Ok(()));
    }

    #[test]
    fn a_minimum_age_needs_the_date_of_birth_then_the_birthday() {
        let req = Requirements {
            min_age: Some(16),
            ..Requirements::default()
        };
        let on = d("2026-12-07");
        assert_eq!(
            check(&req, &ResidentFacts::default(), on, 18),
            Err(vec![Unmet::BirthDate])
        );
        let mut facts = ResidentFacts {
            born_on: Some(d("2010-12-08")),
            guardian_consented: true,
            ..ResidentFacts::default()
        };
        assert_eq!(
            check(&req, &facts, on, 18),
            Err(vec![Unmet::Age { min_age: 16 }])
        );
        // The age is taken on the day the work starts.
        assert_eq!(check(&req, &facts, d("2026-12-08"), 18), Ok(()));
        facts.born_on = Some(d("2010-12-07"));
        assert_eq!(check(&req, &facts, on, 18), Ok(()));
    }

    #[test]
    fn a_minor_needs_a_guardian_for_any_claim() {
        let facts = ResidentFacts {
            born_on: Some(d("2012-01-01")),
            ..ResidentFacts::default()
        };
        let none = Requirements::default();
        assert_eq!(
            check(&none, &facts, d("2026-12-07"), 18),
            Err(vec![Unmet::GuardianConsent])
        );
        // A city with a lower age of majority does not ask.
        assert_eq!(check(&none, &facts, d("2026-12-07"), 14), Ok(()));
        let consented = ResidentFacts {
            guardian_consented: true,
            ..facts
        };
        assert_eq!(check(&none, &consented, d("2026-12-07"), 18), Ok(()));
    }

    #[test]
    fn the_waiver_must_be_accepted_in_its_current_version() {
        let req = Requirements {
            waiver_version: Some(2),
            ..Requirements::default()
        };
        let mut facts = ResidentFacts::default();
        assert_eq!(
            check(&req, &facts, d("2026-12-07"), 18),
            Err(vec![Unmet::Waiver { version: 2 }])
        );
        facts.accepted_waiver = Some(1);
        assert!(check(&req, &facts, d("2026-12-07"), 18).is_err());
        facts.accepted_waiver = Some(2);
        assert_eq!(check(&req, &facts, d("2026-12-07"), 18), Ok(()));
    }

    #[test]
    fn qualifications_must_be_held_through_the_start() {
        let req = Requirements {
            qualifications: vec![food()],
            ..Requirements::default()
        };
        let on = d("2026-12-07");
        let unmet = Err(vec![Unmet::Qualification {
            id: "q1".into(),
            name: "Food handler card".into(),
        }]);
        assert_eq!(check(&req, &ResidentFacts::default(), on, 18), unmet);
        let mut facts = ResidentFacts {
            qualifications: vec![HeldQualification {
                id: "q1".into(),
                expires_on: d("2026-12-06"),
            }],
            ..ResidentFacts::default()
        };
        assert_eq!(check(&req, &facts, on, 18), unmet);
        facts.qualifications[0].expires_on = on;
        assert_eq!(check(&req, &facts, on, 18), Ok(()));
        // Another qualification does not count.
        facts.qualifications[0].id = "q2".into();
        assert!(check(&req, &facts, on, 18).is_err());
    }

    #[test]
    fn every_unmet_requirement_is_listed_in_order() {
        let req = Requirements {
            min_age: Some(14),
            waiver_version: Some(1),
            qualifications: vec![food()],
        };
        let got = check(&req, &ResidentFacts::default(), d("2026-12-07"), 18).unwrap_err();
        let codes: Vec<_> = got.iter().map(Unmet::code).collect();
        assert_eq!(
            codes,
            [
                "eligibility-need-birth-date",
                "eligibility-need-waiver",
                "eligibility-need-qualification"
            ]
        );
    }

    #[test]
    fn typed_values_are_checked() {
        let today = d("2026-12-07");
        assert_eq!(
            parse_birth_date(" 2010-05-04 ", today),
            Some(d("2010-05-04"))
        );
        assert_eq!(parse_birth_date("2026-12-08", today), None);
        assert_eq!(parse_birth_date("1850-01-01", today), None);
        assert_eq!(parse_birth_date("04/05/2010", today), None);
        assert_eq!(parse_min_age(""), Ok(None));
        assert_eq!(parse_min_age("16"), Ok(Some(16)));
        assert_eq!(parse_min_age("0"), Err(MinAgeInvalid));
        assert_eq!(parse_min_age("121"), Err(MinAgeInvalid));
        assert_eq!(parse_min_age("abc"), Err(MinAgeInvalid));
    }
}
