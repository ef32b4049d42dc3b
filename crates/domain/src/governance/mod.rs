//! Governance (docs/architecture.md, "Governance"): decision cycles with dated phases, proposals of four kinds,
//! ballots weighted by VOTE snapshotted when voting opens, tallies and the parameters a
//! passed proposal changes. Pure rules; the app crate stores and schedules them.

pub mod ballot;
pub mod parameter;
pub mod proposal;
pub mod tally;

pub use ballot::Ballot;
pub use parameter::{Parameter, ParameterChange};
pub use proposal::{budget_pool, BudgetOption, ProposalContent, POOL_MAX};
pub use tally::{Outcome, Tally};

use crate::lifecycle::lifecycle_states;
use crate::DomainError;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

lifecycle_states!(
    /// A cycle's phase: `upcoming -> proposals -> deliberation -> voting -> results`, each
    /// entered on its date by the governance worker and never left backwards.
    Phase {
        Upcoming => "upcoming",
        Proposals => "proposals",
        Deliberation => "deliberation",
        Voting => "voting",
        Results => "results",
    }
);

impl Phase {
    /// The phase after this one, if any.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Upcoming => Some(Phase::Proposals),
            Phase::Proposals => Some(Phase::Deliberation),
            Phase::Deliberation => Some(Phase::Voting),
            Phase::Voting => Some(Phase::Results),
            Phase::Results => None,
        }
    }
}

lifecycle_states!(
    /// How ballots are counted.
    VotingMethod {
        WeightedMajority => "weighted_majority",
        Approval => "approval",
        Quadratic => "quadratic",
    }
);

lifecycle_states!(
    /// What a proposal asks the city to do.
    ProposalKind {
        Policy => "policy",
        ParameterChange => "parameter_change",
        Budget => "budget",
        AdoptModel => "adopt_model",
    }
);

lifecycle_states!(
    /// A proposal: `open` (its author edits it) `-> deliberation -> voting ->
    /// passed | rejected | no_quorum`; `open -> withdrawn` by its author.
    ProposalState {
        Open => "open",
        Withdrawn => "withdrawn",
        Deliberation => "deliberation",
        Voting => "voting",
        Passed => "passed",
        Rejected => "rejected",
        NoQuorum => "no_quorum",
    }
);

impl ProposalState {
    /// The state a proposal takes when its cycle enters `phase`.
    pub fn on_phase(self, phase: Phase) -> ProposalState {
        match (self, phase) {
            (ProposalState::Open, Phase::Deliberation) => ProposalState::Deliberation,
            (ProposalState::Open | ProposalState::Deliberation, Phase::Voting) => {
                ProposalState::Voting
            }
            (state, _) => state,
        }
    }
}

/// The dates on which a cycle's phases begin (UTC); results begin when voting closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub proposals_at: NaiveDateTime,
    pub deliberation_at: NaiveDateTime,
    pub voting_at: NaiveDateTime,
    pub results_at: NaiveDateTime,
}

impl Schedule {
    /// Each phase must last: the dates strictly increase.
    pub fn check(self) -> Result<Schedule, DomainError> {
        if self.proposals_at < self.deliberation_at
            && self.deliberation_at < self.voting_at
            && self.voting_at < self.results_at
        {
            Ok(self)
        } else {
            Err(DomainError::ScheduleInvalid)
        }
    }

    /// When `phase` begins.
    pub fn start_of(self, phase: Phase) -> Option<NaiveDateTime> {
        match phase {
            Phase::Upcoming => None,
            Phase::Proposals => Some(self.proposals_at),
            Phase::Deliberation => Some(self.deliberation_at),
            Phase::Voting => Some(self.voting_at),
            Phase::Results => Some(self.results_at),
        }
    }

    /// The phase the dates say it is at `now`.
    pub fn phase_at(self, now: NaiveDateTime) -> Phase {
        let mut phase = Phase::Upcoming;
        while let Some(next) = phase.next() {
            match self.start_of(next) {
                Some(at) if at <= now => phase = next,
                _ => break,
            }
        }
        phase
    }
}

/// Who may vote in a cycle and how its proposals pass; frozen when voting opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub method: VotingMethod,
    /// The share of the eligible VOTE (at the snapshot) that must take part, in percent.
    pub quorum_percent: i64,
    /// The least VOTE a resident must hold at the snapshot to vote (at least 1: a resident
    /// without VOTE has no voice). Only residents with a verified email are eligible.
    pub min_vote: i64,
}

/// The largest VOTE threshold a cycle may ask for.
pub const MIN_VOTE_MAX: i64 = 1_000_000;

impl Rules {
    pub fn check(self) -> Result<Rules, DomainError> {
        if !(0..=100).contains(&self.quorum_percent) {
            return Err(DomainError::QuorumInvalid);
        }
        if !(1..=MIN_VOTE_MAX).contains(&self.min_vote) {
            return Err(DomainError::MinVoteInvalid);
        }
        Ok(self)
    }

    /// Whether a resident holding `vote` at the snapshot may vote.
    pub fn eligible(self, email_verified: bool, vote: i64) -> bool {
        email_verified && vote >= self.min_vote.max(1)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    fn schedule() -> Schedule {
        Schedule {
            proposals_at: day(1),
            deliberation_at: day(8),
            voting_at: day(15),
            results_at: day(22),
        }
    }

    #[test]
    fn the_phase_follows_the_dates() {
        let s = schedule().check().unwrap();
        assert_eq!(
            s.phase_at(day(1) - chrono::Duration::seconds(1)),
            Phase::Upcoming
        );
        assert_eq!(s.phase_at(day(1)), Phase::Proposals);
        assert_eq!(s.phase_at(day(9)), Phase::Deliberation);
        assert_eq!(s.phase_at(day(15)), Phase::Voting);
        assert_eq!(s.phase_at(day(30)), Phase::Results);
    }

    #[test]
    fn phases_must_be_in_order() {
        let mut s = schedule();
        s.voting_at = s.deliberation_at;
        assert_eq!(s.check(), Err(DomainError::ScheduleInvalid));
    }

    #[test]
    fn rules_are_bounded_and_eligibility_needs_a_verified_email_and_vote() {
        let rules = Rules {
            method: VotingMethod::Quadratic,
            quorum_percent: 101,
            min_vote: 1,
        };
        assert_eq!(rules.check(), Err(DomainError::QuorumInvalid));
        let rules = Rules {
            quorum_percent: 20,
            min_vote: 5,
            ..rules
        };
        assert!(rules.check().is_ok());
        assert!(rules.eligible(true, 5));
        assert!(!rules.eligible(false, 50));
        assert!(!rules.eligible(true, 4));
    }

    #[test]
    fn proposals_freeze_as_the_cycle_moves_on() {
        assert_eq!(
            ProposalState::Open.on_phase(Phase::Deliberation),
            ProposalState::Deliberation
        );
        assert_eq!(
            ProposalState::Deliberation.on_phase(Phase::Voting),
            ProposalState::Voting
        );
        assert_eq!(
            ProposalState::Withdrawn.on_phase(Phase::Voting),
            ProposalState::Withdrawn
        );
    }
}
