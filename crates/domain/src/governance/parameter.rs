//! The city parameters a `parameter_change` proposal may set, each with its allowed range.
//! A parameter is named by text (`reward_multiplier.environment`, `issuer_budget.<handle>`,
//! `epoch_length`, …) and its value is kept as normalized text.

use crate::epoch::EpochLength;
use crate::identity::IdentityLevel;
use crate::ledger::Currency;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest reward multiplier, in percent (×10).
pub const MULTIPLIER_MAX: i64 = 1000;
/// The largest issuer budget per epoch a decision may set, in CITY hundredths (10 million CITY).
pub const ISSUER_BUDGET_MAX: i64 = 1_000_000_000;
/// The longest CITY lifetime, in epochs.
pub const CITY_EXPIRY_MAX: i64 = 120;
/// The fastest VOTE decay, in percent per epoch.
pub const VOTE_DECAY_MAX: i64 = 50;
/// The highest minimum VOTE to propose.
pub const MIN_VOTE_TO_PROPOSE_MAX: i64 = 1_000_000;
/// The highest per-resident CITY cap per epoch, in CITY hundredths (1 million CITY).
pub const RESIDENT_CAP_CITY_MAX: i64 = 100_000_000;
/// The highest per-resident VOTE cap per epoch.
pub const RESIDENT_CAP_VOTE_MAX: i64 = 1_000_000;
/// The shortest and longest time a reservation stays valid, in minutes (3 days).
pub const RESERVATION_MINUTES_RANGE: std::ops::RangeInclusive<i64> = 5..=4320;

/// One city parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Parameter {
    /// The percentage applied to the CITY and VOTE reward of work in a category (100 = as set
    /// by the template). Applied when the work is verified.
    RewardMultiplier(String),
    /// How long the next epochs last.
    EpochLength,
    /// The CITY an issuer (named by handle) is granted at the start of every next epoch.
    IssuerBudget(String),
    /// After how many epochs earned CITY expires (0: never).
    CityExpiryEpochs,
    /// How much of each resident's VOTE decays at every epoch close, in percent.
    VoteDecayPercent,
    /// The VOTE a resident needs to draft a proposal.
    MinVoteToPropose,
    /// The most CITY one resident may earn per epoch (in hundredths; 0: no cap), or with a
    /// category the most in that category.
    ResidentCapCity(Option<String>),
    /// The most VOTE one resident may earn per epoch (0: no cap).
    ResidentCapVote,
    /// The identity level verified work needs to mint CITY and VOTE (work done below it is
    /// held, and credited when the resident reaches it within the same epoch).
    LevelToEarn,
    /// The identity level a ballot needs.
    LevelToVote,
    /// How long a reservation (and its QR code) stays valid, in minutes: long enough to
    /// reserve at home and walk to the counter.
    ReservationMinutes,
}

impl Parameter {
    /// Reads a parameter's name. Categories and issuers are checked against the city's
    /// taxonomy and organizations by the caller.
    pub fn parse(name: &str) -> Result<Parameter, DomainError> {
        let name = name.trim();
        let unknown = || DomainError::ParameterUnknown(name.to_owned());
        let key = |rest: &str| {
            let ok = !rest.is_empty()
                && rest.len() <= 64
                && rest
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_".contains(c));
            ok.then(|| rest.to_owned()).ok_or_else(unknown)
        };
        Ok(match name {
            "epoch_length" => Parameter::EpochLength,
            "city_expiry_epochs" => Parameter::CityExpiryEpochs,
            "vote_decay_percent" => Parameter::VoteDecayPercent,
            "min_vote_to_propose" => Parameter::MinVoteToPropose,
            "resident_cap_city" => Parameter::ResidentCapCity(None),
            "resident_cap_vote" => Parameter::ResidentCapVote,
            "level_to_earn" => Parameter::LevelToEarn,
            "level_to_vote" => Parameter::LevelToVote,
            "reservation_minutes" => Parameter::ReservationMinutes,
            _ => match name.split_once('.') {
                Some(("reward_multiplier", category)) => {
                    Parameter::RewardMultiplier(key(category)?)
                }
                Some(("issuer_budget", handle)) => Parameter::IssuerBudget(key(handle)?),
                Some(("resident_cap_city", category)) => {
                    Parameter::ResidentCapCity(Some(key(category)?))
                }
                _ => return Err(unknown()),
            },
        })
    }

    /// The name's first part, also the Fluent id suffix that describes the parameter.
    pub fn family(&self) -> &'static str {
        match self {
            Parameter::RewardMultiplier(_) => "reward_multiplier",
            Parameter::EpochLength => "epoch_length",
            Parameter::IssuerBudget(_) => "issuer_budget",
            Parameter::CityExpiryEpochs => "city_expiry_epochs",
            Parameter::VoteDecayPercent => "vote_decay_percent",
            Parameter::MinVoteToPropose => "min_vote_to_propose",
            Parameter::ResidentCapCity(_) => "resident_cap_city",
            Parameter::ResidentCapVote => "resident_cap_vote",
            Parameter::LevelToEarn => "level_to_earn",
            Parameter::LevelToVote => "level_to_vote",
            Parameter::ReservationMinutes => "reservation_minutes",
        }
    }

    /// The category or issuer handle the parameter is about, if any.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Parameter::RewardMultiplier(s) | Parameter::IssuerBudget(s) => Some(s),
            Parameter::ResidentCapCity(s) => s.as_deref(),
            _ => None,
        }
    }

    /// Checks a value against the parameter's range and returns it normalized.
    pub fn check_value(&self, value: &str) -> Result<String, DomainError> {
        let value = value.trim();
        let out_of_range = || DomainError::ParameterOutOfRange(self.to_string());
        let whole = |max: i64| {
            value
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=max).contains(n))
                .map(|n| n.to_string())
                .ok_or_else(out_of_range)
        };
        match self {
            Parameter::RewardMultiplier(_) => whole(MULTIPLIER_MAX),
            Parameter::CityExpiryEpochs => whole(CITY_EXPIRY_MAX),
            Parameter::VoteDecayPercent => whole(VOTE_DECAY_MAX),
            Parameter::MinVoteToPropose => whole(MIN_VOTE_TO_PROPOSE_MAX),
            Parameter::ResidentCapVote => whole(RESIDENT_CAP_VOTE_MAX),
            Parameter::ResidentCapCity(_) => {
                city_value(value, RESIDENT_CAP_CITY_MAX).ok_or_else(out_of_range)
            }
            Parameter::EpochLength => EpochLength::parse(value)
                .map(|l| l.to_string())
                .map_err(|_| out_of_range()),
            Parameter::IssuerBudget(_) => {
                city_value(value, ISSUER_BUDGET_MAX).ok_or_else(out_of_range)
            }
            Parameter::ReservationMinutes => value
                .parse::<i64>()
                .ok()
                .filter(|n| RESERVATION_MINUTES_RANGE.contains(n))
                .map(|n| n.to_string())
                .ok_or_else(out_of_range),
            Parameter::LevelToEarn | Parameter::LevelToVote => IdentityLevel::parse(value)
                .map(|l| l.as_str().to_owned())
                .map_err(|_| out_of_range()),
        }
    }
}

impl Parameter {
    /// Checks a value already in its stored form (budgets in CITY hundredths, the rest as
    /// `check_value` writes them); the same value comes back, so checking is idempotent.
    pub fn check_stored(&self, value: &str) -> Result<String, DomainError> {
        match self {
            Parameter::IssuerBudget(_) | Parameter::ResidentCapCity(_) => {
                let max = match self {
                    Parameter::IssuerBudget(_) => ISSUER_BUDGET_MAX,
                    _ => RESIDENT_CAP_CITY_MAX,
                };
                value
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (0..=max).contains(n))
                    .map(|n| n.to_string())
                    .ok_or_else(|| DomainError::ParameterOutOfRange(self.to_string()))
            }
            _ => self.check_value(value),
        }
    }
}

/// A CITY amount as typed ("250.5", or "0"), in hundredths, if it is at most `max`.
fn city_value(value: &str, max: i64) -> Option<String> {
    let minor = match value {
        "0" | "0.00" => 0,
        text => Currency::City.parse_amount(text).ok()?.minor(),
    };
    (minor <= max).then(|| minor.to_string())
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.subject() {
            Some(subject) => write!(f, "{}.{subject}", self.family()),
            None => f.write_str(self.family()),
        }
    }
}

/// One change a proposal asks for: a parameter and its new (normalized) value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterChange {
    pub name: String,
    pub value: String,
}

impl ParameterChange {
    /// Parses and range-checks a change; the name comes back in its canonical form.
    pub fn new(name: &str, value: &str) -> Result<ParameterChange, DomainError> {
        let parameter = Parameter::parse(name)?;
        let value = parameter.check_value(value)?;
        Ok(ParameterChange {
            name: parameter.to_string(),
            value,
        })
    }

    /// Re-checks a change in its stored form (as kept in a proposal, or sent by a client).
    pub fn stored(name: &str, value: &str) -> Result<ParameterChange, DomainError> {
        let parameter = Parameter::parse(name)?;
        let value = parameter.check_stored(value)?;
        Ok(ParameterChange {
            name: parameter.to_string(),
            value,
        })
    }

    pub fn parameter(&self) -> Result<Parameter, DomainError> {
        Parameter::parse(&self.name)
    }
}

/// Applies a reward multiplier (percent) to a reward, rounding down.
pub fn multiply(reward: i64, percent: i64) -> i64 {
    i64::try_from(i128::from(reward) * i128::from(percent) / 100).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in [
            "reward_multiplier.environment",
            "issuer_budget.food-bank",
            "epoch_length",
            "city_expiry_epochs",
            "vote_decay_percent",
            "min_vote_to_propose",
            "level_to_earn",
            "level_to_vote",
            "reservation_minutes",
        ] {
            assert_eq!(Parameter::parse(name).unwrap().to_string(), name);
        }
        for bad in [
            "reward_multiplier.",
            "reward_multiplier.Env",
            "colour",
            "x.y",
        ] {
            assert!(matches!(
                Parameter::parse(bad),
                Err(DomainError::ParameterUnknown(_))
            ));
        }
    }

    #[test]
    fn values_are_range_checked_and_normalized() {
        let change = ParameterChange::new("reward_multiplier.environment", " 200 ").unwrap();
        assert_eq!(change.value, "200");
        assert!(ParameterChange::new("reward_multiplier.environment", "1001").is_err());
        assert!(ParameterChange::new("reward_multiplier.environment", "-1").is_err());
        assert!(ParameterChange::new("reward_multiplier.environment", "1.5").is_err());
        assert_eq!(
            ParameterChange::new("epoch_length", "2 weeks")
                .unwrap()
                .value,
            "2 weeks"
        );
        assert!(ParameterChange::new("epoch_length", "13 months").is_err());
        assert_eq!(
            ParameterChange::new("issuer_budget.parks", "250.5")
                .unwrap()
                .value,
            "25050"
        );
        assert!(ParameterChange::new("issuer_budget.parks", "10000000.01").is_err());
        assert!(ParameterChange::new("vote_decay_percent", "51").is_err());
        assert_eq!(
            ParameterChange::new("city_expiry_epochs", "0")
                .unwrap()
                .value,
            "0"
        );
    }

    #[test]
    fn identity_levels_are_named_by_their_key() {
        assert_eq!(
            ParameterChange::new("level_to_earn", " email ")
                .unwrap()
                .value,
            "email"
        );
        assert_eq!(
            ParameterChange::stored("level_to_vote", "resident")
                .unwrap()
                .value,
            "resident"
        );
        assert!(ParameterChange::new("level_to_vote", "everyone").is_err());
        assert!(ParameterChange::new("level_to_earn", "").is_err());
    }

    #[test]
    fn reservations_last_from_five_minutes_to_three_days() {
        assert_eq!(
            ParameterChange::new("reservation_minutes", " 240 ")
                .unwrap()
                .value,
            "240"
        );
        for bad in ["4", "4321", "1.5", "two hours"] {
            assert!(
                ParameterChange::new("reservation_minutes", bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn multipliers_round_down() {
        assert_eq!(multiply(500, 200), 1000);
        assert_eq!(multiply(3, 150), 4);
        assert_eq!(multiply(7, 0), 0);
    }
}
