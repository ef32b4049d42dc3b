//! Domain errors. Every variant has a stable code that is also a Fluent message id,
//! so the web pages, the API and the logs speak of the same thing in the reader's language.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("username must be 3 to 30 characters: lowercase letters, digits and underscores")]
    UsernameInvalid,
    #[error("this username is reserved")]
    UsernameReserved,
    #[error("email address is not valid")]
    EmailInvalid,
    #[error("password must be at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("password is too long")]
    PasswordTooLong,
    #[error("unknown scope {0}")]
    ScopeUnknown(String),
    #[error("a required field is empty: {0}")]
    Required(&'static str),
    #[error("a field is too long: {0}")]
    TooLong(&'static str),
    #[error("cannot {event} from state {from}")]
    TransitionRefused {
        from: &'static str,
        event: &'static str,
    },
    #[error("unknown state {0}")]
    StateUnknown(String),
    #[error("the taxonomy is not valid: {0}")]
    TaxonomyInvalid(String),
}

impl DomainError {
    /// The stable code: also the Fluent message id that explains it.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::UsernameInvalid => "error-username-invalid",
            DomainError::UsernameReserved => "error-username-reserved",
            DomainError::EmailInvalid => "error-email-invalid",
            DomainError::PasswordTooShort { .. } => "error-password-too-short",
            DomainError::PasswordTooLong => "error-password-too-long",
            DomainError::ScopeUnknown(_) => "error-scope-unknown",
            DomainError::Required(_) => "error-required",
            DomainError::TooLong(_) => "error-too-long",
            DomainError::TransitionRefused { .. } => "error-transition-refused",
            DomainError::StateUnknown(_) => "error-state-unknown",
            DomainError::TaxonomyInvalid(_) => "error-taxonomy-invalid",
        }
    }

    /// Every code this enum can produce (a test checks each has a message in every locale).
    pub const ALL_CODES: &'static [&'static str] = &[
        "error-username-invalid",
        "error-username-reserved",
        "error-email-invalid",
        "error-password-too-short",
        "error-password-too-long",
        "error-scope-unknown",
        "error-required",
        "error-too-long",
        "error-transition-refused",
        "error-state-unknown",
        "error-taxonomy-invalid",
    ];
}
