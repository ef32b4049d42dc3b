//! Typed ids: one small macro, so a `UserId` can never be passed where a `SessionId` is meant.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Declares a UUID-backed id type with serde, `Display` and `FromStr`.
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new id from 16 random bytes supplied by the caller (the domain takes no randomness itself).
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        /// How storage reads the id's text back (a row field `deserialize_as = String`).
        impl TryFrom<String> for $name {
            type Error = uuid::Error;
            fn try_from(text: String) -> Result<Self, uuid::Error> {
                text.parse()
            }
        }

        /// How storage writes it (a row field `serialize_as = String`).
        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }
    };
}

typed_id!(
    /// A person's account on this instance.
    UserId
);
typed_id!(
    /// An organization: an issuer, a redeemer, or both.
    OrganizationId
);
typed_id!(
    /// An API bearer token (the OAuth issue adds apps and refresh families).
    TokenId
);
typed_id!(
    /// A known ActivityPub actor, local or remote.
    ActorId
);
typed_id!(
    /// A queued outgoing activity delivery.
    DeliveryId
);
typed_id!(
    /// A queued outgoing email.
    MailId
);
typed_id!(
    /// A redeemer's offering: what a resident can reserve with CITY.
    OfferingId
);
typed_id!(
    /// A resident's reservation of an offering, settled at the counter (or cancelled, or
    /// expired).
    RedemptionId
);
typed_id!(
    /// A dated opportunity of a task: the places residents (and fediverse accounts) take.
    OpportunityId
);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = UserId::from_random_bytes([7; 16]);
        let text = id.to_string();
        assert_eq!(text.parse::<UserId>().unwrap(), id);
        let json = serde_json_like(&id);
        assert_eq!(json, format!("\"{text}\""));
    }

    fn serde_json_like(id: &UserId) -> String {
        // serde_json is not a dependency of the domain; Display is what serde emits transparently.
        format!("\"{}\"", id.0)
    }
}
