//! Errors of the federation door, mapped to status codes senders understand: 4xx for what
//! their retry cannot fix (bad signature, bad origin, malformed), 5xx only for our own faults.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use citysync_app::AppError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FedError {
    #[error(transparent)]
    Protocol(#[from] activitypub_federation::error::Error),
    #[error(transparent)]
    App(#[from] AppError),
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Url(#[from] url::ParseError),
    #[error("proof: {0}")]
    Integrity(#[from] crate::integrity::IntegrityError),
    #[error("refused: {0}")]
    Policy(#[from] crate::policy::PolicyError),
    /// An inbound signature's time is missing or out of the window; says why (401).
    #[error("signature time: {0}")]
    SignatureTime(String),
    /// Too many requests from one peer domain (verified activities) or one client address
    /// (requests that did not verify): retry after this many seconds; says which (429).
    #[error("too many requests: {reason}")]
    Throttled { retry_after: u64, reason: String },
    /// A request to an inbox without an HTTP signature; refused before anything is fetched
    /// (401, with the reason).
    #[error("unsigned: {0}")]
    Unsigned(String),
    /// An RFC 9421 signature that is malformed, covers too little, is out of its time, does
    /// not match the body's digest or does not verify; says why (401).
    #[error("signature: {0}")]
    Signature(String),
}

impl ResponseError for FedError {
    fn status_code(&self) -> StatusCode {
        use activitypub_federation::error::Error as E;
        match self {
            FedError::Protocol(e) => match e {
                E::ActivitySignatureInvalid | E::ActivityBodyDigestInvalid => {
                    StatusCode::UNAUTHORIZED
                }
                E::UrlVerificationError(_)
                | E::DomainResolveError(_)
                | E::ResolveInternalIpError(..) => StatusCode::FORBIDDEN,
                E::NotFound | E::ObjectDeleted(_) => StatusCode::NOT_FOUND,
                E::IoError(_) | E::StopActivityQueue(_) | E::ActivityQueueError(_) => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
                _ => StatusCode::BAD_REQUEST,
            },
            FedError::App(e) => citysync_edge::status(e),
            FedError::Invalid(_)
            | FedError::Json(_)
            | FedError::Url(_)
            | FedError::Integrity(_)
            | FedError::Policy(_) => StatusCode::BAD_REQUEST,
            FedError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            FedError::SignatureTime(_) | FedError::Unsigned(_) | FedError::Signature(_) => {
                StatusCode::UNAUTHORIZED
            }
            FedError::Forbidden(_) => StatusCode::FORBIDDEN,
            FedError::NotFound => StatusCode::NOT_FOUND,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = ?self, "federation request failed");
        } else {
            tracing::info!(error = %self, status = status.as_u16(), "federation request refused");
        }
        let mut response = HttpResponse::build(status);
        if let FedError::Throttled { retry_after, .. } = self {
            response.insert_header(("Retry-After", retry_after.to_string()));
        }
        let reason = match self {
            FedError::SignatureTime(why)
            | FedError::Unsigned(why)
            | FedError::Signature(why)
            | FedError::Throttled { reason: why, .. }
            | FedError::Forbidden(why) => Some(why.as_str()),
            FedError::Protocol(activitypub_federation::error::Error::UrlVerificationError(why)) => {
                Some(*why)
            }
            _ => None,
        };
        if let Some(why) = reason {
            return response
                .content_type("application/json")
                .json(serde_json::json!({
                    "error": status.canonical_reason().unwrap_or("error"),
                    "reason": why,
                }));
        }
        response
            .content_type("application/json")
            .json(serde_json::json!({ "error": status.canonical_reason().unwrap_or("error") }))
    }
}
