//! The lifecycles (docs/architecture.md, "The work loop") as explicit state machines: every change of state goes
//! through `transition`, which refuses anything the diagram does not draw. Storage keeps the
//! state as its `as_str()` text and its rows hold the enum: `parse` (as `TryFrom<String>`)
//! reads the text back, `From<…> for String` writes it.

use crate::DomainError;
use serde::{Deserialize, Serialize};

/// Declares a state or kind enum with its stable text form (`as_str` / `parse`).
macro_rules! lifecycle_states {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Result<$name, DomainError> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(DomainError::StateUnknown(other.to_owned())),
                }
            }
        }

        /// How storage reads the text back (a row field `deserialize_as = String`).
        impl TryFrom<String> for $name {
            type Error = $crate::DomainError;
            fn try_from(text: String) -> Result<$name, $crate::DomainError> {
                $name::parse(&text)
            }
        }

        /// How storage writes it (a row field `serialize_as = String`).
        impl From<$name> for String {
            fn from(state: $name) -> String {
                state.as_str().to_owned()
            }
        }
    };
}
pub(crate) use lifecycle_states;

lifecycle_states!(
    /// A task template: `draft -> active -> retired` (editing an active one makes a new version).
    TemplateState { Draft => "draft", Active => "active", Retired => "retired" }
);

lifecycle_states!(
    /// An opportunity: `draft -> published -> closed | cancelled`. "Full" is derived from claims.
    OpportunityState { Draft => "draft", Published => "published", Closed => "closed", Cancelled => "cancelled" }
);

lifecycle_states!(
    /// A claim: `claimed -> submitted -> verified | rejected`, `rejected -> submitted` once,
    /// `claimed -> withdrawn | expired`.
    ClaimState {
        Claimed => "claimed",
        Submitted => "submitted",
        Verified => "verified",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
        Expired => "expired",
    }
);

lifecycle_states!(
    /// A resident's place on a full opportunity's waiting list: `waiting -> offered`, then
    /// `offered -> taken` (the offer became a claim), `declined` (the resident said no) or
    /// `lapsed` (the offer ended unanswered); `waiting -> left` (left before any offer). An
    /// offered place counts as taken until the offer ends.
    WaitlistState {
        Waiting => "waiting",
        Offered => "offered",
        Taken => "taken",
        Declined => "declined",
        Lapsed => "lapsed",
        Left => "left",
    }
);

lifecycle_states!(
    /// A fediverse account's place taken with a signed `Join`: `joined -> left` (it gave the
    /// place back) or `joined -> claimed` (it became the claim of the resident who linked that
    /// actor: the place is the claim's now). Only `joined` holds a place of its own.
    RemoteParticipationState { Joined => "joined", Left => "left", Claimed => "claimed" }
);

lifecycle_states!(
    /// A follow between actors. One asked for by handle or URL starts `requested` (not yet
    /// resolved to an actor) and becomes `pending` once its `Follow` is sent, or `unresolved`;
    /// the answer leaves it `accepted` or `rejected`. A follow received starts `pending` too.
    FollowState {
        Requested => "requested",
        Unresolved => "unresolved",
        Pending => "pending",
        Accepted => "accepted",
        Rejected => "rejected",
    }
);

/// What can happen to a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateEvent {
    Activate,
    Retire,
}

impl TemplateState {
    pub fn transition(self, event: TemplateEvent) -> Result<TemplateState, DomainError> {
        use TemplateEvent::*;
        use TemplateState::*;
        match (self, event) {
            (Draft, Activate) => Ok(Active),
            (Draft | Active, Retire) => Ok(Retired),
            _ => Err(DomainError::TransitionRefused {
                from: self.as_str(),
                event: event.name(),
            }),
        }
    }
}

impl TemplateEvent {
    fn name(self) -> &'static str {
        match self {
            TemplateEvent::Activate => "activate",
            TemplateEvent::Retire => "retire",
        }
    }
}

/// What can happen to an opportunity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpportunityEvent {
    Publish,
    Close,
    Cancel,
}

impl OpportunityState {
    pub fn transition(self, event: OpportunityEvent) -> Result<OpportunityState, DomainError> {
        use OpportunityEvent::*;
        use OpportunityState::*;
        match (self, event) {
            (Draft, Publish) => Ok(Published),
            (Published, Close) => Ok(Closed),
            (Draft | Published, Cancel) => Ok(Cancelled),
            _ => Err(DomainError::TransitionRefused {
                from: self.as_str(),
                event: event.name(),
            }),
        }
    }

    /// Whether residents can claim it (capacity and deadline are checked beside this).
    pub fn accepts_claims(self) -> bool {
        self == OpportunityState::Published
    }
}

impl OpportunityEvent {
    fn name(self) -> &'static str {
        match self {
            OpportunityEvent::Publish => "publish",
            OpportunityEvent::Close => "close",
            OpportunityEvent::Cancel => "cancel",
        }
    }
}

/// What can happen to a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimEvent {
    Submit,
    Approve,
    Reject,
    Withdraw,
    Expire,
}

impl ClaimEvent {
    fn name(self) -> &'static str {
        match self {
            ClaimEvent::Submit => "submit",
            ClaimEvent::Approve => "approve",
            ClaimEvent::Reject => "reject",
            ClaimEvent::Withdraw => "withdraw",
            ClaimEvent::Expire => "expire",
        }
    }
}

/// A claim's state with how many times it was submitted (one resubmission after a rejection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimProgress {
    pub state: ClaimState,
    pub submissions: u8,
}

impl ClaimProgress {
    pub const MAX_SUBMISSIONS: u8 = 2;

    pub fn new() -> ClaimProgress {
        ClaimProgress {
            state: ClaimState::Claimed,
            submissions: 0,
        }
    }

    pub fn transition(self, event: ClaimEvent) -> Result<ClaimProgress, DomainError> {
        use ClaimEvent::*;
        use ClaimState::*;
        let refused = || DomainError::TransitionRefused {
            from: self.state.as_str(),
            event: event.name(),
        };
        let next = match (self.state, event) {
            (Claimed, Submit) => ClaimProgress {
                state: Submitted,
                submissions: 1,
            },
            (Rejected, Submit) if self.submissions < Self::MAX_SUBMISSIONS => ClaimProgress {
                state: Submitted,
                submissions: self.submissions + 1,
            },
            (Submitted, Approve) => ClaimProgress {
                state: Verified,
                ..self
            },
            (Submitted, Reject) => ClaimProgress {
                state: Rejected,
                ..self
            },
            (Claimed, Withdraw) => ClaimProgress {
                state: Withdrawn,
                ..self
            },
            (Claimed, Expire) => ClaimProgress {
                state: Expired,
                ..self
            },
            _ => return Err(refused()),
        };
        Ok(next)
    }

    /// An active claim holds a slot of the opportunity's capacity.
    pub fn holds_slot(self) -> bool {
        matches!(
            self.state,
            ClaimState::Claimed
                | ClaimState::Submitted
                | ClaimState::Rejected
                | ClaimState::Verified
        )
    }

    pub fn is_final(self) -> bool {
        match self.state {
            ClaimState::Verified | ClaimState::Withdrawn | ClaimState::Expired => true,
            ClaimState::Rejected => self.submissions >= Self::MAX_SUBMISSIONS,
            ClaimState::Claimed | ClaimState::Submitted => false,
        }
    }
}

impl Default for ClaimProgress {
    fn default() -> Self {
        ClaimProgress::new()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    fn claim_event() -> impl Strategy<Value = ClaimEvent> {
        prop_oneof![
            Just(ClaimEvent::Submit),
            Just(ClaimEvent::Approve),
            Just(ClaimEvent::Reject),
            Just(ClaimEvent::Withdraw),
            Just(ClaimEvent::Expire)
        ]
    }

    fn opportunity_event() -> impl Strategy<Value = OpportunityEvent> {
        prop_oneof![
            Just(OpportunityEvent::Publish),
            Just(OpportunityEvent::Close),
            Just(OpportunityEvent::Cancel)
        ]
    }

    /// The diagram's edges, written out independently of `transition`.
    fn claim_edge_allowed(from: ClaimState, to: ClaimState) -> bool {
        use ClaimState::*;
        matches!(
            (from, to),
            (Claimed, Submitted)
                | (Submitted, Verified)
                | (Submitted, Rejected)
                | (Rejected, Submitted)
                | (Claimed, Withdrawn)
                | (Claimed, Expired)
        )
    }

    proptest! {
        #[test]
        fn no_illegal_claim_transition_is_reachable(events in prop::collection::vec(claim_event(), 0..40)) {
            let mut claim = ClaimProgress::new();
            for event in events {
                let was_final = claim.is_final();
                match claim.transition(event) {
                    Ok(next) => {
                        prop_assert!(!was_final, "left a final state {:?}", claim);
                        prop_assert!(claim_edge_allowed(claim.state, next.state), "{:?} -> {:?}", claim.state, next.state);
                        prop_assert!(next.submissions <= ClaimProgress::MAX_SUBMISSIONS);
                        claim = next;
                    }
                    Err(DomainError::TransitionRefused { .. }) => {}
                    Err(other) => prop_assert!(false, "unexpected error {other:?}"),
                }
            }
            // Verified at most once, and only from a submission.
            prop_assert!(claim.state != ClaimState::Verified || claim.submissions >= 1);
        }

        #[test]
        fn opportunities_never_leave_closed_or_cancelled(events in prop::collection::vec(opportunity_event(), 0..20)) {
            let mut state = OpportunityState::Draft;
            for event in events {
                if let Ok(next) = state.transition(event) {
                    prop_assert!(!matches!(state, OpportunityState::Closed | OpportunityState::Cancelled));
                    prop_assert!(next != OpportunityState::Draft);
                    state = next;
                }
            }
        }

        #[test]
        fn templates_never_leave_retired(events in prop::collection::vec(prop_oneof![Just(TemplateEvent::Activate), Just(TemplateEvent::Retire)], 0..10)) {
            let mut state = TemplateState::Draft;
            for event in events {
                if let Ok(next) = state.transition(event) {
                    prop_assert!(state != TemplateState::Retired);
                    state = next;
                }
            }
        }
    }

    #[test]
    fn one_resubmission_after_a_rejection() {
        let c = ClaimProgress::new();
        let c = c
            .transition(ClaimEvent::Submit)
            .unwrap()
            .transition(ClaimEvent::Reject)
            .unwrap();
        assert!(!c.is_final());
        let c = c
            .transition(ClaimEvent::Submit)
            .unwrap()
            .transition(ClaimEvent::Reject)
            .unwrap();
        assert!(c.is_final());
        assert!(c.transition(ClaimEvent::Submit).is_err());
    }

    #[test]
    fn states_round_trip_through_text() {
        for s in ClaimState::ALL {
            assert_eq!(ClaimState::parse(s.as_str()).unwrap(), *s);
        }
        assert!(OpportunityState::parse("open").is_err());
    }
}
