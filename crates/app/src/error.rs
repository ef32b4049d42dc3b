//! The one error type of the use cases. Each variant has a stable code that is also a Fluent
//! message id; the web, the API and the inbox each map it to their own response once.

use citysync_domain::DomainError;
use citysync_mail::MailError;
use citysync_storage::StorageError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("email address not verified yet")]
    NotVerified,
    #[error("email or password is wrong")]
    BadCredentials,
    #[error("too many attempts; retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("the link is invalid or has expired")]
    InvalidLink,
    #[error("the setup token is missing or wrong")]
    SetupTokenInvalid,
    #[error("the city is already set up")]
    AlreadySetUp,
    #[error("that username is taken")]
    UsernameTaken,
    #[error("the current password is wrong")]
    CurrentPasswordWrong,
    #[error("the two passwords differ")]
    PasswordsDiffer,
    #[error("unsupported language")]
    LocaleUnsupported,
    #[error("unknown time zone")]
    TimezoneInvalid,
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The stable code: also the Fluent message id explaining it to a person.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Domain(e) => e.code(),
            AppError::Storage(e) if e.is_unavailable() => "error-unavailable",
            AppError::Storage(_) | AppError::Mail(_) | AppError::Internal(_) => "error-internal",
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::NotVerified => "error-not-verified",
            AppError::BadCredentials => "error-bad-credentials",
            AppError::Throttled { .. } => "error-throttled",
            AppError::InvalidLink => "error-invalid-link",
            AppError::SetupTokenInvalid => "error-setup-token-invalid",
            AppError::AlreadySetUp => "error-already-set-up",
            AppError::UsernameTaken => "error-username-taken",
            AppError::CurrentPasswordWrong => "error-current-password-wrong",
            AppError::PasswordsDiffer => "error-passwords-differ",
            AppError::LocaleUnsupported => "error-locale-unsupported",
            AppError::TimezoneInvalid => "error-timezone-invalid",
        }
    }

    /// Every code this type can produce (a test checks each has a message in every locale).
    pub fn all_codes() -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = DomainError::ALL_CODES.to_vec();
        codes.extend([
            "error-unavailable",
            "error-internal",
            "error-not-found",
            "error-forbidden",
            "error-unauthenticated",
            "error-not-verified",
            "error-bad-credentials",
            "error-throttled",
            "error-invalid-link",
            "error-setup-token-invalid",
            "error-already-set-up",
            "error-username-taken",
            "error-current-password-wrong",
            "error-passwords-differ",
            "error-locale-unsupported",
            "error-timezone-invalid",
        ]);
        codes
    }

    /// The HTTP status this error means, for every presentation (HTML, API).
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::Domain(_)
            | AppError::CurrentPasswordWrong
            | AppError::PasswordsDiffer
            | AppError::LocaleUnsupported
            | AppError::TimezoneInvalid
            | AppError::InvalidLink => 400,
            AppError::BadCredentials | AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::NotVerified | AppError::SetupTokenInvalid => 403,
            AppError::NotFound => 404,
            AppError::AlreadySetUp | AppError::UsernameTaken => 409,
            AppError::Throttled { .. } => 429,
            AppError::Storage(e) if e.is_unavailable() => 503,
            AppError::Storage(_) | AppError::Mail(_) | AppError::Internal(_) => 500,
        }
    }

    /// The form field this error belongs to, so a page can show it next to that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Domain(DomainError::UsernameInvalid | DomainError::UsernameReserved)
            | AppError::UsernameTaken => Some("username"),
            AppError::Domain(DomainError::EmailInvalid) => Some("email"),
            AppError::Domain(
                DomainError::PasswordTooShort { .. } | DomainError::PasswordTooLong,
            ) => Some("password"),
            AppError::PasswordsDiffer => Some("password_confirm"),
            AppError::CurrentPasswordWrong => Some("current_password"),
            AppError::TimezoneInvalid => Some("timezone"),
            AppError::LocaleUnsupported => Some("locale"),
            _ => None,
        }
    }

    /// Arguments for the Fluent message.
    pub fn message_args(&self) -> Vec<(&'static str, String)> {
        match self {
            AppError::Domain(DomainError::PasswordTooShort { min }) => {
                vec![("min", min.to_string())]
            }
            AppError::Throttled { retry_after_secs } => {
                vec![("minutes", retry_after_secs.div_ceil(60).to_string())]
            }
            AppError::Domain(DomainError::Required(f) | DomainError::TooLong(f)) => {
                vec![("field", (*f).to_owned())]
            }
            AppError::Domain(DomainError::ScopeUnknown(s)) => vec![("scope", s.clone())],
            AppError::Domain(DomainError::TransitionRefused { from, .. }) => {
                vec![("state", (*from).to_owned())]
            }
            _ => Vec::new(),
        }
    }
}
