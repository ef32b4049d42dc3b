//! A resident's ballot on one proposal: marks per option (a weighted-majority or approval
//! mark is 1; a quadratic mark is the number of votes, costing its square in voice
//! credits), or an abstention. Checked against the method, the options and the credits.

use super::VotingMethod;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most votes one option may receive from one quadratic ballot (credits up to 10^12).
pub const VOTES_MAX: i64 = 1_000_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// Takes part (counts toward quorum and turnout) without supporting any option.
    pub abstain: bool,
    /// Option index → mark. Zero marks are dropped.
    pub marks: BTreeMap<usize, i64>,
}

impl Ballot {
    pub fn abstention() -> Ballot {
        Ballot {
            abstain: true,
            marks: BTreeMap::new(),
        }
    }

    pub fn marking(marks: impl IntoIterator<Item = (usize, i64)>) -> Ballot {
        Ballot {
            abstain: false,
            marks: marks.into_iter().filter(|(_, n)| *n != 0).collect(),
        }
    }

    /// The voice credits a quadratic ballot spends: the sum of each option's votes squared.
    pub fn cost(&self) -> i128 {
        self.marks.values().map(|n| i128::from(*n).pow(2)).sum()
    }

    /// Refuses a ballot the method cannot count: unknown options, negative marks, a
    /// weighted-majority ballot with other than one choice, an approval mark other than 1,
    /// quadratic votes costing more than `credits` (the voter's snapshot).
    pub fn check(
        self,
        method: VotingMethod,
        options: usize,
        credits: i64,
    ) -> Result<Ballot, DomainError> {
        let ballot = Ballot::marking(self.marks);
        let ballot = Ballot {
            abstain: self.abstain,
            ..ballot
        };
        if ballot.marks.keys().any(|i| *i >= options) {
            return Err(DomainError::BallotOptionUnknown);
        }
        if ballot.marks.values().any(|n| *n < 0) {
            return Err(DomainError::BallotInvalid);
        }
        if ballot.abstain {
            return if ballot.marks.is_empty() {
                Ok(ballot)
            } else {
                Err(DomainError::BallotInvalid)
            };
        }
        if ballot.marks.is_empty() {
            return Err(DomainError::BallotEmpty);
        }
        match method {
            VotingMethod::WeightedMajority => {
                if ballot.marks.len() != 1 || ballot.marks.values().any(|n| *n != 1) {
                    return Err(DomainError::BallotInvalid);
                }
            }
            VotingMethod::Approval => {
                if ballot.marks.values().any(|n| *n != 1) {
                    return Err(DomainError::BallotInvalid);
                }
            }
            VotingMethod::Quadratic => {
                if ballot.marks.values().any(|n| *n > VOTES_MAX) {
                    return Err(DomainError::BallotCreditsExceeded);
                }
                if ballot.cost() > i128::from(credits) {
                    return Err(DomainError::BallotCreditsExceeded);
                }
            }
        }
        Ok(ballot)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quadratic_votes_cost_their_square() {
        let ballot = Ballot::marking([(0, 3), (1, 1)]);
        assert_eq!(ballot.cost(), 10);
        assert!(ballot.clone().check(VotingMethod::Quadratic, 2, 10).is_ok());
        assert_eq!(
            ballot.check(VotingMethod::Quadratic, 2, 9),
            Err(DomainError::BallotCreditsExceeded)
        );
    }

    #[test]
    fn options_must_exist_and_marks_must_fit_the_method() {
        assert_eq!(
            Ballot::marking([(2, 1)]).check(VotingMethod::Approval, 2, 5),
            Err(DomainError::BallotOptionUnknown)
        );
        assert_eq!(
            Ballot::marking([(0, 1), (1, 1)]).check(VotingMethod::WeightedMajority, 2, 5),
            Err(DomainError::BallotInvalid)
        );
        assert_eq!(
            Ballot::marking([(0, 2)]).check(VotingMethod::Approval, 2, 5),
            Err(DomainError::BallotInvalid)
        );
        assert_eq!(
            Ballot::marking([(0, -1)]).check(VotingMethod::Quadratic, 2, 5),
            Err(DomainError::BallotInvalid)
        );
        assert_eq!(
            Ballot::marking([(0, 0)]).check(VotingMethod::Quadratic, 2, 5),
            Err(DomainError::BallotEmpty)
        );
        assert!(Ballot::abstention()
            .check(VotingMethod::Quadratic, 2, 5)
            .is_ok());
    }

    #[test]
    fn ballots_round_trip_as_json() {
        let ballot = Ballot::marking([(0, 3), (4, 1)]);
        let text = serde_json::to_string(&ballot).unwrap();
        assert_eq!(serde_json::from_str::<Ballot>(&text).unwrap(), ballot);
    }
}
