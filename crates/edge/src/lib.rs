//! The doors' shared edge. `app` says *what* went wrong with a stable code (also the Fluent
//! id that explains it); what that means in HTTP — a status, the form field it belongs to —
//! is decided here, once, for the pages (`web`), the API (`api`) and the inbox (`federation`).
//! Reading a multipart body with files, the same for a form and an app, is here too
//! ([`read_upload`]).

use actix_web::http::StatusCode;
use citysync_app::AppError;
use citysync_domain::DomainError;

/// The HTTP status an error means, for every door (pages, the API, the inbox).
pub fn status(err: &AppError) -> StatusCode {
    match err {
        AppError::Domain(_)
        | AppError::CurrentPasswordWrong
        | AppError::PasswordsDiffer
        | AppError::PasswordWeak { .. }
        | AppError::LocaleUnsupported
        | AppError::TranslationOfOriginal
        | AppError::TimezoneInvalid
        | AppError::ContactInvalid
        | AppError::InvalidLink
        | AppError::FollowTargetInvalid
        | AppError::DomainInvalid
        | AppError::FollowSelf
        | AppError::ProtocolOrganizationNeeded
        | AppError::PartnerUnknown
        | AppError::FediverseHandleInvalid
        | AppError::OAuthClientUnknown
        | AppError::OAuthRedirectMismatch => StatusCode::BAD_REQUEST,
        AppError::BadCredentials | AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Forbidden | AppError::NotVerified | AppError::SetupTokenInvalid => {
            StatusCode::FORBIDDEN
        }
        AppError::AccountSuspended => StatusCode::FORBIDDEN,
        AppError::SecondFactorCodeWrong => StatusCode::BAD_REQUEST,
        AppError::SecondFactorRequired => StatusCode::FORBIDDEN,
        AppError::SecondFactorAlreadyOn | AppError::SecondFactorOff => StatusCode::CONFLICT,
        AppError::PrivacyNotAccepted => StatusCode::BAD_REQUEST,
        AppError::LegalHold => StatusCode::CONFLICT,
        AppError::DeletionNotConfirmed => StatusCode::BAD_REQUEST,
        AppError::DeletionOpenReservation => StatusCode::CONFLICT,
        AppError::LastAdmin | AppError::SuspendSelf => StatusCode::CONFLICT,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::AlreadySetUp | AppError::UsernameTaken => StatusCode::CONFLICT,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::HandleTaken
        | AppError::Conflict
        | AppError::AlreadyMember
        | AppError::AlreadyInvited
        | AppError::LastOwner
        | AppError::TemplateNotActive
        | AppError::OpportunityFull
        | AppError::AlreadyWaiting
        | AppError::PlacesLeft
        | AppError::OfferGone
        | AppError::PartyFull
        | AppError::NotClaimable
        | AppError::AlreadyClaimed
        | AppError::DeadlinePassed
        | AppError::AlreadyDecided
        | AppError::WorkNotStarted
        | AppError::AlreadyPartner
        | AppError::PartnersPending
        | AppError::FediverseActorTaken
        | AppError::FediverseAlreadyLinked
        | AppError::CategoryTaken => StatusCode::CONFLICT,
        AppError::FediverseLinkOtherAccount => StatusCode::FORBIDDEN,
        AppError::IdentifierHeld
        | AppError::AlreadyResidentVerified
        | AppError::IdentityAlreadyDecided => StatusCode::CONFLICT,
        AppError::ResidentVerificationNeeded => StatusCode::FORBIDDEN,
        AppError::VerificationMethodOff => StatusCode::FORBIDDEN,
        AppError::VerificationMethodNotConfigured => StatusCode::CONFLICT,
        AppError::LetterCodeInvalid
        | AppError::RegistryNoMatch
        | AppError::IdentityProviderRefused(_) => StatusCode::BAD_REQUEST,
        AppError::RegistryUnavailable(_) | AppError::IdentityProviderUnavailable(_) => {
            StatusCode::BAD_GATEWAY
        }
        AppError::InviteeUnknown | AppError::PhotoInvalid => StatusCode::BAD_REQUEST,
        AppError::PartySizeInvalid => StatusCode::BAD_REQUEST,
        AppError::OrganizationNotApproved | AppError::NotAnIssuer | AppError::OwnClaim => {
            StatusCode::FORBIDDEN
        }
        AppError::PhotoTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::IdempotencyConflict
        | AppError::InsufficientCredit
        | AppError::BudgetExhausted
        | AppError::OfferingUnavailable
        | AppError::CommitmentBelowTaken { .. }
        | AppError::CapacityBelowClaims { .. }
        | AppError::WrongRedeemer
        | AppError::RedemptionUsed
        | AppError::RedemptionCancelled
        | AppError::RedemptionExpired => StatusCode::CONFLICT,
        AppError::IdempotencyKeyInvalid => StatusCode::BAD_REQUEST,
        AppError::NotARedeemer => StatusCode::FORBIDDEN,
        AppError::CodeUnknown => StatusCode::NOT_FOUND,
        AppError::PhaseClosed | AppError::RulesFrozen | AppError::AlreadyReported => {
            StatusCode::CONFLICT
        }
        AppError::NotEligible | AppError::NotEnoughVote => StatusCode::FORBIDDEN,
        AppError::ClaimRequirementsUnmet(_) => StatusCode::FORBIDDEN,
        AppError::BirthDateInvalid
        | AppError::MinAgeInvalid
        | AppError::QualificationUnknown
        | AppError::ExpiryInvalid => StatusCode::BAD_REQUEST,
        AppError::RepeatInvalid | AppError::TooManyOccurrences { .. } => StatusCode::BAD_REQUEST,
        AppError::GuardianNotNeeded | AppError::QualificationTaken => StatusCode::CONFLICT,

        AppError::Storage(e) if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Storage(_)
        | AppError::Mail(_)
        | AppError::Internal(_)
        | AppError::Injected(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The form field an error belongs to, so a page can show it next to that field (and an
/// API problem can name it).
pub fn form_field(err: &AppError) -> Option<&'static str> {
    match err {
        AppError::Domain(DomainError::UsernameInvalid | DomainError::UsernameReserved)
        | AppError::UsernameTaken => Some("username"),
        AppError::Domain(DomainError::EmailInvalid) => Some("email"),
        AppError::Domain(DomainError::PasswordTooShort { .. } | DomainError::PasswordTooLong) => {
            Some("password")
        }
        AppError::PasswordsDiffer => Some("password_confirm"),
        AppError::PrivacyNotAccepted => Some("privacy_version"),
        AppError::PasswordWeak { .. } => Some("password"),
        AppError::CurrentPasswordWrong => Some("current_password"),
        AppError::DeletionNotConfirmed => Some("confirmation"),
        AppError::SecondFactorCodeWrong => Some("code"),
        AppError::TimezoneInvalid => Some("timezone"),
        AppError::ContactInvalid => Some("contact"),
        AppError::LocaleUnsupported | AppError::TranslationOfOriginal => Some("locale"),
        AppError::Domain(
            DomainError::Required(f) | DomainError::TooLong(f) | DomainError::ControlCharacters(f),
        ) => Some(f),
        AppError::Domain(DomainError::HandleInvalid) => Some("handle"),
        AppError::Domain(DomainError::IdentifierInvalid) | AppError::RegistryNoMatch => {
            Some("identifier")
        }
        AppError::Domain(DomainError::AddressInvalid) => Some("addresses"),
        AppError::LetterCodeInvalid => Some("code"),
        AppError::Domain(DomainError::WebAddressInvalid) => Some("website"),
        AppError::Domain(DomainError::KindsMissing) => Some("kinds"),
        AppError::Domain(DomainError::CategoryUnknown) => Some("category"),
        AppError::Domain(DomainError::UnitNotOfCategory) => Some("outcome_unit"),
        AppError::Domain(DomainError::OutcomeInvalid) => Some("outcome"),
        AppError::Domain(DomainError::RewardInvalid) => Some("reward"),
        AppError::Domain(DomainError::MinutesInvalid) => Some("estimated_minutes"),
        AppError::Domain(DomainError::ProofKindsMissing | DomainError::ProofKindUnknown) => {
            Some("proof_kinds")
        }
        AppError::Domain(DomainError::ExtraFieldInvalid(_)) => Some("extra_fields"),
        AppError::Domain(DomainError::CapacityInvalid) | AppError::CapacityBelowClaims { .. } => {
            Some("capacity")
        }
        AppError::Domain(DomainError::CoordinatesInvalid) => Some("coordinates"),
        AppError::Domain(DomainError::RatingInvalid) => Some("quality_rating"),
        AppError::Domain(DomainError::TooManyPhotos { .. }) => Some("photos"),
        AppError::Domain(DomainError::RoleUnknown) => Some("role"),
        AppError::HandleTaken => Some("handle"),
        AppError::FollowTargetInvalid | AppError::FollowSelf => Some("target"),
        AppError::DomainInvalid => Some("domain"),
        AppError::FediverseHandleInvalid | AppError::FediverseAlreadyLinked => Some("handle"),
        AppError::ProtocolOrganizationNeeded => Some("organization"),
        AppError::PartnerUnknown | AppError::AlreadyPartner => Some("organization"),
        AppError::Domain(DomainError::ShareInvalid | DomainError::SharesExceedReward) => {
            Some("share")
        }
        AppError::Domain(
            DomainError::ProtocolInvalid(_)
            | DomainError::ProtocolVersionUnsupported(_)
            | DomainError::ProtocolSignatureInvalid,
        ) => Some("document"),
        AppError::InviteeUnknown => Some("who"),
        AppError::AlreadyMember => Some("who"),
        AppError::AlreadyInvited => Some("who"),
        AppError::TemplateNotActive => Some("template"),
        AppError::PhotoInvalid => Some("photos"),
        AppError::PhotoTooLarge { .. } => Some("photos"),
        AppError::CategoryTaken => Some("category"),
        AppError::BirthDateInvalid => Some("born_on"),
        AppError::MinAgeInvalid => Some("min_age"),
        AppError::GuardianNotNeeded => Some("guardian_email"),
        AppError::QualificationUnknown => Some("qualification"),
        AppError::QualificationTaken => Some("name"),
        AppError::ExpiryInvalid => Some("expires_on"),
        AppError::RepeatInvalid | AppError::TooManyOccurrences { .. } => Some("repeat"),
        AppError::Domain(
            DomainError::AmountInvalid | DomainError::AmountTooLarge | DomainError::PriceInvalid,
        ) => Some("price"),
        AppError::Domain(DomainError::QuantityInvalid) | AppError::CommitmentBelowTaken { .. } => {
            Some("quantity")
        }
        AppError::Domain(DomainError::CodeInvalid) | AppError::CodeUnknown => Some("code"),
        AppError::Domain(DomainError::ScheduleInvalid) => Some("schedule"),
        AppError::Domain(DomainError::QuorumInvalid) => Some("quorum_percent"),
        AppError::Domain(DomainError::MinVoteInvalid) => Some("min_vote"),
        AppError::RulesFrozen => Some("rules"),
        // The pool is a field of the administrator's cycle form, never of a proposal.
        AppError::Domain(DomainError::PoolInvalid) => Some("pool"),
        AppError::Domain(
            DomainError::OptionCostInvalid
            | DomainError::BudgetNeedsOptionVoting
            | DomainError::PoolNotSet
            | DomainError::PoolSetByCity,
        ) => Some("options"),
        AppError::Domain(
            DomainError::ParameterUnknown(_)
            | DomainError::ParameterOutOfRange(_)
            | DomainError::ParameterRepeated,
        ) => Some("changes"),

        _ => None,
    }
}

/// A failure of the server rather than of the request (5xx): the doors log it with the
/// request id and show the person only the id.
/// Reads a multipart body (proof photos, offering images) part by part within the limits of
/// `citysync_app::uploads`, refusing as soon as one is passed.
pub async fn read_upload(
    mut body: actix_multipart::Multipart,
    limits: citysync_app::uploads::UploadLimits,
) -> Result<citysync_app::uploads::Upload, AppError> {
    use futures_util::StreamExt;
    let mut form = citysync_app::uploads::Upload::default();
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| AppError::PhotoInvalid)?;
        let mut part =
            citysync_app::uploads::Upload::part(limits, field.name().unwrap_or_default());
        while let Some(chunk) = field.next().await {
            part.push(&chunk.map_err(|_| AppError::PhotoInvalid)?)?;
        }
        form.add(part)?;
    }
    Ok(form)
}

pub fn is_server_failure(err: &AppError) -> bool {
    status(err).is_server_error()
}

/// An id typed in a path (`/offerings/{id}`) read as its typed id: text that is no such id
/// names nothing, so it is "not found", as an unknown id is.
pub fn path_id<T: std::str::FromStr>(text: &str) -> Result<T, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_errors_are_4xx_and_failures_5xx() {
        assert_eq!(status(&AppError::NotFound), StatusCode::NOT_FOUND);
        assert_eq!(
            status(&AppError::Throttled {
                retry_after_secs: 3
            }),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert!(is_server_failure(&AppError::internal("boom")));
        assert!(!is_server_failure(&AppError::UsernameTaken));
        assert_eq!(form_field(&AppError::UsernameTaken), Some("username"));
        assert_eq!(
            form_field(&AppError::Domain(DomainError::Required("title"))),
            Some("title")
        );
        assert_eq!(form_field(&AppError::NotFound), None);
    }
}
