//! Governance (docs/architecture.md, "Governance"): decision cycles whose phases a worker advances on their dates,
//! proposals drafted by residents with enough VOTE or by organizations, moderated
//! deliberation, ballots weighted by the VOTE snapshotted when voting opens, and the close
//! that tallies every proposal and enacts what passed, in one transaction each.

pub mod adoptions;
pub mod comments;
pub mod cycles;
pub mod parameters;
pub mod proposals;
pub mod voting;

mod closing;

pub use cycles::{advance_due, Cycle, CycleInput};
pub use proposals::{Proposal, ProposalInput};

/// The governance settings from the configuration (`[governance]`).
#[derive(Debug, Clone)]
pub struct GovernanceSettings {
    /// The VOTE a resident needs to draft a proposal, until a decision changes it.
    pub min_vote_to_propose: i64,
    /// The identity level a ballot needs, until a decision changes it (`level_to_vote`).
    pub level_to_vote: citysync_domain::identity::IdentityLevel,
    /// The identity level verified work needs to mint CITY and VOTE, until a decision
    /// changes it (`level_to_earn`).
    pub level_to_earn: citysync_domain::identity::IdentityLevel,
}

impl Default for GovernanceSettings {
    fn default() -> GovernanceSettings {
        GovernanceSettings {
            min_vote_to_propose: 1,
            // One person, one account: earning and voting need a resident verification.
            level_to_vote: citysync_domain::identity::IdentityLevel::ResidentVerified,
            level_to_earn: citysync_domain::identity::IdentityLevel::ResidentVerified,
        }
    }
}
