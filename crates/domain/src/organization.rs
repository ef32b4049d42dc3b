//! Organizations (issuers and redeemers), their approval by the city and their members' roles.

use crate::lifecycle::lifecycle_states;
use crate::{DomainError, EmailAddress};
use serde::{Deserialize, Serialize};

lifecycle_states!(
    /// An organization: `pending -> approved | declined`; only approved ones publish.
    OrganizationState { Pending => "pending", Approved => "approved", Declined => "declined" }
);

impl OrganizationState {
    /// The city administrator's decision on a pending organization.
    pub fn decide(self, approve: bool) -> Result<OrganizationState, DomainError> {
        match (self, approve) {
            (OrganizationState::Pending, true) => Ok(OrganizationState::Approved),
            (OrganizationState::Pending, false) => Ok(OrganizationState::Declined),
            _ => Err(DomainError::TransitionRefused {
                from: self.as_str(),
                event: if approve { "approve" } else { "decline" },
            }),
        }
    }
}

lifecycle_states!(
    /// A member's role. An owner can do everything the others can.
    Role {
        Owner => "owner",
        Editor => "editor",
        Verifier => "verifier",
        Cashier => "cashier",
        Registrar => "registrar",
    }
);

lifecycle_states!(
    /// An invitation to join an organization.
    InvitationState { Pending => "pending", Accepted => "accepted", Declined => "declined", Revoked => "revoked" }
);

/// What a member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// Invite and remove members, change roles, edit the profile.
    ManageMembers,
    /// Write templates and issue opportunities.
    EditCatalog,
    /// Decide submissions and check residents in and out.
    Verify,
    /// Honor redemptions at the counter.
    Honor,
    /// Check residents' documents at the desk and verify them as residents.
    VerifyResidents,
}

impl Role {
    pub fn parse_role(s: &str) -> Result<Role, DomainError> {
        Role::parse(s).map_err(|_| DomainError::RoleUnknown)
    }

    pub fn can(self, capability: Capability) -> bool {
        match self {
            Role::Owner => true,
            Role::Editor => capability == Capability::EditCatalog,
            Role::Verifier => capability == Capability::Verify,
            Role::Cashier => capability == Capability::Honor,
            Role::Registrar => capability == Capability::VerifyResidents,
        }
    }
}

/// An organization's handle: the last part of `/organizations/{handle}` and of its actor's
/// `acct:` name. 3 to 40 lowercase letters, digits, `-` and `_`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrganizationHandle(String);

impl OrganizationHandle {
    pub fn parse(input: &str) -> Result<OrganizationHandle, DomainError> {
        let s = input.trim().to_ascii_lowercase();
        let valid = (3..=40).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            return Err(DomainError::HandleInvalid);
        }
        if crate::user::RESERVED_USERNAMES.contains(&s.as_str()) {
            return Err(DomainError::UsernameReserved);
        }
        Ok(OrganizationHandle(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an organization says about itself, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationProfile {
    pub name: String,
    pub description: String,
    pub is_issuer: bool,
    pub is_redeemer: bool,
    pub contact_email: EmailAddress,
    pub website: Option<String>,
}

impl OrganizationProfile {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: &str,
        description: &str,
        is_issuer: bool,
        is_redeemer: bool,
        contact_email: &str,
        website: &str,
    ) -> Result<OrganizationProfile, DomainError> {
        let name = crate::text::required("name", name, 100)?;
        let description = crate::text::optional("description", description, 5000)?;
        if !is_issuer && !is_redeemer {
            return Err(DomainError::KindsMissing);
        }
        let contact_email = EmailAddress::parse(contact_email)?;
        let website = match website.trim() {
            "" => None,
            w => Some(crate::text::web_address(w)?),
        };
        Ok(OrganizationProfile {
            name,
            description,
            is_issuer,
            is_redeemer,
            contact_email,
            website,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn owners_can_do_everything_others_only_their_part() {
        assert!(Role::Owner.can(Capability::Verify));
        assert!(Role::Verifier.can(Capability::Verify));
        assert!(!Role::Editor.can(Capability::Verify));
        assert!(!Role::Cashier.can(Capability::EditCatalog));
        assert!(!Role::Verifier.can(Capability::ManageMembers));
        assert!(Role::Registrar.can(Capability::VerifyResidents));
        assert!(Role::Owner.can(Capability::VerifyResidents));
        assert!(!Role::Verifier.can(Capability::VerifyResidents));
        assert!(!Role::Registrar.can(Capability::Verify));
    }

    #[test]
    fn handles_are_checked() {
        assert_eq!(
            OrganizationHandle::parse(" Food-Bank_2 ").unwrap().as_str(),
            "food-bank_2"
        );
        assert!(OrganizationHandle::parse("2fast").is_err());
        assert!(OrganizationHandle::parse("ab").is_err());
        assert!(OrganizationHandle::parse("a b c").is_err());
        assert!(OrganizationHandle::parse("admin").is_err());
    }

    #[test]
    fn a_decided_organization_stays_decided() {
        let approved = OrganizationState::Pending.decide(true).unwrap();
        assert_eq!(approved, OrganizationState::Approved);
        assert!(approved.decide(false).is_err());
        assert!(OrganizationState::Declined.decide(true).is_err());
    }

    #[test]
    fn a_profile_needs_a_kind_and_a_valid_site() {
        assert_eq!(
            OrganizationProfile::new("Bank", "", false, false, "a@b.org", ""),
            Err(DomainError::KindsMissing)
        );
        assert!(
            OrganizationProfile::new("Bank", "", true, false, "a@b.org", "javascript:x").is_err()
        );
        let p = OrganizationProfile::new("Bank", "", true, false, "a@b.org", "https://bank.org")
            .unwrap();
        assert_eq!(p.website.as_deref(), Some("https://bank.org"));
    }
}
