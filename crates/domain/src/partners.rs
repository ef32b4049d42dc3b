//! Co-issued opportunities: the issuing ("lead") organization invites partner organizations,
//! each naming its share of the CITY reward (paid from its own epoch budget) and whether its
//! verifiers may decide submissions. The lead pays the remainder, which may be zero.
//!
//! Invitation lifecycle: `invited -> accepted | declined | withdrawn`, `accepted -> withdrawn`,
//! and `declined | withdrawn -> invited` (invited again). Only while the opportunity is a
//! draft: after publication the partners and shares are frozen.

use crate::lifecycle::{lifecycle_states, OpportunityState};
use crate::DomainError;
use serde::{Deserialize, Serialize};

lifecycle_states!(
    /// A partner organization's place in an opportunity.
    PartnerState {
        Invited => "invited",
        Accepted => "accepted",
        Declined => "declined",
        Withdrawn => "withdrawn",
    }
);

/// What can happen to a partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerEvent {
    /// The lead invites (again).
    Invite,
    /// The invited organization accepts.
    Accept,
    /// The invited organization declines.
    Decline,
    /// Either side withdraws (an invitation not yet answered, or an accepted partnership).
    Withdraw,
}

impl PartnerEvent {
    fn name(self) -> &'static str {
        match self {
            PartnerEvent::Invite => "invite",
            PartnerEvent::Accept => "accept",
            PartnerEvent::Decline => "decline",
            PartnerEvent::Withdraw => "withdraw",
        }
    }
}

impl PartnerState {
    pub fn transition(self, event: PartnerEvent) -> Result<PartnerState, DomainError> {
        use PartnerEvent as E;
        use PartnerState as S;
        match (self, event) {
            (S::Declined | S::Withdrawn, E::Invite) => Ok(S::Invited),
            (S::Invited, E::Accept) => Ok(S::Accepted),
            (S::Invited, E::Decline) => Ok(S::Declined),
            (S::Invited | S::Accepted, E::Withdraw) => Ok(S::Withdrawn),
            _ => Err(DomainError::TransitionRefused {
                from: self.as_str(),
                event: event.name(),
            }),
        }
    }

    /// Whether this partner counts toward the shares (may pay once published).
    pub fn holds_share(self) -> bool {
        matches!(self, PartnerState::Invited | PartnerState::Accepted)
    }
}

/// Partners change only while the opportunity is a draft.
pub fn require_draft(opportunity: OpportunityState) -> Result<(), DomainError> {
    if opportunity == OpportunityState::Draft {
        Ok(())
    } else {
        Err(DomainError::PartnersFrozen)
    }
}

/// Checks a new share against the reward (minor units of CITY, as the template names it) and
/// the shares other partners already hold (invited or accepted): positive, and all together
/// at most the reward. The lead pays the rest, possibly nothing.
pub fn check_share(share: i64, reward: i64, others: &[i64]) -> Result<i64, DomainError> {
    if share <= 0 {
        return Err(DomainError::ShareInvalid);
    }
    let total = others
        .iter()
        .try_fold(share, |sum, s| sum.checked_add(*s))
        .ok_or(DomainError::SharesExceedReward)?;
    if total > reward {
        return Err(DomainError::SharesExceedReward);
    }
    Ok(share)
}

/// How one verified contribution's CITY reward is paid: each partner's part (in the order
/// of the shares given) and the lead's, summing to the reward exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub partners: Vec<i64>,
    pub lead: i64,
}

/// Splits `reward` (minor units). `shares` are the partners' shares of `base`, the
/// template's reward the shares were set against. When `reward` differs from `base` (a
/// governance multiplier), each share scales proportionally, rounded down, and the rounding
/// remainder goes to the lead. Shares that exceed `base` (a template edited since) are scaled
/// against their own sum, so the lead never pays less than nothing.
pub fn split(reward: i64, base: i64, shares: &[i64]) -> Split {
    let reward = reward.max(0);
    let sum: i128 = shares.iter().map(|s| i128::from((*s).max(0))).sum();
    let denominator = i128::from(base.max(0)).max(sum);
    let partners: Vec<i64> = if denominator == 0 {
        vec![0; shares.len()]
    } else {
        shares
            .iter()
            .map(|s| {
                let part = i128::from(reward) * i128::from((*s).max(0)) / denominator;
                i64::try_from(part).unwrap_or(0)
            })
            .collect()
    };
    let paid: i64 = partners.iter().sum();
    Split {
        lead: reward - paid,
        partners,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn invitations_follow_their_lifecycle() {
        use PartnerEvent as E;
        use PartnerState as S;
        assert_eq!(S::Invited.transition(E::Accept).unwrap(), S::Accepted);
        assert_eq!(S::Invited.transition(E::Decline).unwrap(), S::Declined);
        assert_eq!(S::Accepted.transition(E::Withdraw).unwrap(), S::Withdrawn);
        assert_eq!(S::Declined.transition(E::Invite).unwrap(), S::Invited);
        assert!(S::Accepted.transition(E::Decline).is_err());
        assert!(S::Declined.transition(E::Accept).is_err());
        assert!(S::Invited.transition(E::Invite).is_err());
        assert!(S::Withdrawn.transition(E::Withdraw).is_err());
    }

    #[test]
    fn partners_freeze_at_publication() {
        assert!(require_draft(OpportunityState::Draft).is_ok());
        for s in [
            OpportunityState::Published,
            OpportunityState::Closed,
            OpportunityState::Cancelled,
        ] {
            assert_eq!(require_draft(s), Err(DomainError::PartnersFrozen));
        }
    }

    #[test]
    fn shares_are_positive_and_fit_the_reward() {
        assert_eq!(check_share(100, 500, &[200]).unwrap(), 100);
        assert_eq!(check_share(300, 500, &[200]).unwrap(), 300);
        assert_eq!(check_share(0, 500, &[]), Err(DomainError::ShareInvalid));
        assert_eq!(check_share(-5, 500, &[]), Err(DomainError::ShareInvalid));
        assert_eq!(
            check_share(301, 500, &[200]),
            Err(DomainError::SharesExceedReward)
        );
        assert_eq!(
            check_share(1, 500, &[i64::MAX]),
            Err(DomainError::SharesExceedReward)
        );
    }

    #[test]
    fn the_lead_pays_the_remainder() {
        assert_eq!(
            split(500, 500, &[100, 150]),
            Split {
                partners: vec![100, 150],
                lead: 250
            }
        );
        assert_eq!(
            split(500, 500, &[200, 300]),
            Split {
                partners: vec![200, 300],
                lead: 0
            }
        );
        // A 150 % multiplier scales every share; a 33 % one rounds down, lead takes the rest.
        assert_eq!(split(750, 500, &[100, 150]).partners, vec![150, 225]);
        let s = split(165, 500, &[100, 100, 100]);
        assert_eq!((s.partners, s.lead), (vec![33, 33, 33], 66));
        // Shares above a since-lowered base are scaled against their own sum.
        let s = split(300, 200, &[200, 200]);
        assert_eq!((s.partners, s.lead), (vec![150, 150], 0));
        assert_eq!(split(0, 500, &[100]).partners, vec![0]);
    }

    proptest! {
        #[test]
        fn a_split_sums_to_the_reward_exactly(
            reward in 0i64..10_000_000,
            base in 0i64..10_000_000,
            shares in proptest::collection::vec(1i64..5_000_000, 0..6),
        ) {
            let s = split(reward, base, &shares);
            prop_assert_eq!(s.partners.len(), shares.len());
            prop_assert_eq!(s.partners.iter().sum::<i64>() + s.lead, reward);
            prop_assert!(s.lead >= 0);
            prop_assert!(s.partners.iter().all(|p| *p >= 0));
            // Without a multiplier and with shares that fit, every partner pays its share.
            if reward == base && shares.iter().sum::<i64>() <= base {
                prop_assert_eq!(&s.partners, &shares);
            }
        }
    }
}
