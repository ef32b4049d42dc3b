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
    #[error("unknown OAuth client")]
    OAuthClientUnknown,
    #[error("the redirect URI is not one the app registered")]
    OAuthRedirectMismatch,
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
    /// Too easy to guess; `reason` is one of `personal`, `repeat`, `common`, `pattern`,
    /// `date`, `word`, `other` (a Fluent selector of `error-password-weak`).
    #[error("the password is too easy to guess ({reason})")]
    PasswordWeak { reason: &'static str },
    #[error("unsupported language")]
    LocaleUnsupported,
    /// A translation into the language the text was written in (the original stays).
    #[error("a translation into the original language")]
    TranslationOfOriginal,
    #[error("unknown time zone")]
    TimezoneInvalid,
    #[error("the contact is neither an email address nor a web address")]
    ContactInvalid,
    #[error("the city keeps at least one active administrator")]
    LastAdmin,
    #[error("an administrator cannot suspend their own account")]
    SuspendSelf,
    #[error("this account is suspended")]
    AccountSuspended,
    /// A second-factor code (or recovery code) that is wrong, expired or already used.
    #[error("the second-factor code is wrong or was used already")]
    SecondFactorCodeWrong,
    /// Staff without a second factor where the city requires one.
    #[error("this needs a second factor; enroll one first")]
    SecondFactorRequired,
    #[error("a second factor is enrolled already")]
    SecondFactorAlreadyOn,
    #[error("no second factor is enrolled")]
    SecondFactorOff,
    /// Sign-up (or the acceptance page) without ticking the privacy notice in force.
    #[error("the privacy notice in force was not accepted")]
    PrivacyNotAccepted,
    /// The account is under legal hold: nothing of it may be removed.
    #[error("the account is under legal hold")]
    LegalHold,
    /// Account deletion without the typed confirmation (the username).
    #[error("the deletion was not confirmed")]
    DeletionNotConfirmed,
    /// Account deletion while a reservation may still be honored at a counter.
    #[error("the account holds an open reservation")]
    DeletionOpenReservation,
    /// A failure of the server: the cause is kept for the log, never shown to the person.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("that handle is taken")]
    HandleTaken,
    #[error("this was changed meanwhile")]
    Conflict,
    #[error("no resident with that username or email")]
    InviteeUnknown,
    #[error("already a member")]
    AlreadyMember,
    #[error("already invited")]
    AlreadyInvited,
    #[error("an organization keeps at least one owner")]
    LastOwner,
    #[error("the organization is not approved yet")]
    OrganizationNotApproved,
    #[error("the organization is not an issuer")]
    NotAnIssuer,
    #[error("the template is not active")]
    TemplateNotActive,
    #[error("the opportunity is full")]
    OpportunityFull,
    #[error("you are already on this opportunity's waiting list")]
    AlreadyWaiting,
    #[error("places are still open: claim one instead of waiting")]
    PlacesLeft,
    #[error("no place is offered to you now, or the offer has ended")]
    OfferGone,
    #[error("a party is 1 to 10 people, and at most the places left")]
    PartySizeInvalid,
    #[error("this party is complete")]
    PartyFull,
    #[error("the opportunity does not take claims")]
    NotClaimable,
    #[error("you already hold a claim on this opportunity")]
    AlreadyClaimed,
    /// The template asks for what the resident does not (yet) meet (`domain::eligibility`).
    #[error("requirements not met: {0:?}")]
    ClaimRequirementsUnmet(Vec<citysync_domain::eligibility::Unmet>),
    #[error("not a date of birth")]
    BirthDateInvalid,
    #[error("the minimum age is not a whole number from 1 to 120")]
    MinAgeInvalid,
    #[error("a guardian's consent is only asked of residents under the age of majority")]
    GuardianNotNeeded,
    #[error("no such qualification in this organization")]
    QualificationUnknown,
    #[error("the organization has a qualification of that name")]
    QualificationTaken,
    #[error("not an expiry date")]
    ExpiryInvalid,
    #[error("the repetition (weekly until a date, or a list of dates) is not valid")]
    RepeatInvalid,
    #[error("a series has at most {max} occurrences")]
    TooManyOccurrences { max: usize },
    #[error("the deadline has passed")]
    DeadlinePassed,
    #[error("this submission was already decided")]
    AlreadyDecided,
    #[error("proof can be sent once the opportunity has started")]
    WorkNotStarted,
    #[error("a verifier cannot decide their own claim")]
    OwnClaim,
    #[error("only JPEG, PNG and WebP photos")]
    PhotoInvalid,
    #[error("photo is too large")]
    PhotoTooLarge { max_bytes: usize },
    #[error("that category and unit exist already")]
    CategoryTaken,
    #[error("injected fault at {0}")]
    Injected(&'static str),
    #[error("this idempotency key was used for a different request")]
    IdempotencyConflict,
    #[error("an idempotency key is 1 to 100 visible ASCII characters")]
    IdempotencyKeyInvalid,
    #[error("not enough CITY in the wallet")]
    InsufficientCredit,
    #[error("the organization's budget for this epoch cannot pay this reward")]
    BudgetExhausted,
    #[error("the organization is not a redeemer")]
    NotARedeemer,
    #[error("this offering has no units left this epoch")]
    OfferingUnavailable,
    #[error("the commitment cannot go below what is already reserved or honored")]
    CommitmentBelowTaken { taken: i64 },
    #[error("capacity {capacity} is below the {claims} claims already made")]
    CapacityBelowClaims { capacity: i32, claims: i64 },
    #[error("no reservation has this code")]
    CodeUnknown,
    #[error("this code belongs to another redeemer")]
    WrongRedeemer,
    #[error("this code was already used")]
    RedemptionUsed,
    #[error("this reservation was cancelled")]
    RedemptionCancelled,
    #[error("this reservation has expired")]
    RedemptionExpired,
    #[error("this cannot be done in the cycle's current phase")]
    PhaseClosed,
    #[error("voting has opened: the cycle's method and rules are frozen")]
    RulesFrozen,
    #[error("you are not eligible to vote in this cycle")]
    NotEligible,
    #[error("not enough VOTE to propose")]
    NotEnoughVote,
    #[error("you already reported this comment")]
    AlreadyReported,
    #[error("enter a handle like @city@example.org or an actor's web address")]
    FollowTargetInvalid,
    #[error("not a domain name")]
    DomainInvalid,
    #[error("that is this city itself")]
    FollowSelf,
    #[error("choose the organization that receives the imported templates")]
    ProtocolOrganizationNeeded,
    #[error("no approved issuer organization has that handle")]
    PartnerUnknown,
    #[error("that organization already issues or is invited to this opportunity")]
    AlreadyPartner,
    #[error("invitations to co-issue still wait for an answer")]
    PartnersPending,
    #[error("enter a fediverse handle like @name@example.social")]
    FediverseHandleInvalid,
    #[error("this fediverse account is linked to another resident")]
    FediverseActorTaken,
    #[error("a fediverse account is linked already; unlink it first")]
    FediverseAlreadyLinked,
    #[error("this link was sent for another account of this city")]
    FediverseLinkOtherAccount,
    #[error("another account already holds this identifier; the case went to the administrator")]
    IdentifierHeld,
    #[error("this resident is already verified with another document")]
    AlreadyResidentVerified,
    #[error("this needs a resident verification")]
    ResidentVerificationNeeded,
    #[error("this verification was already revoked, or this case already decided")]
    IdentityAlreadyDecided,
    #[error("the city does not offer this verification method")]
    VerificationMethodOff,
    #[error("this verification method is not configured on this server")]
    VerificationMethodNotConfigured,
    #[error("the letter code is unknown, used or expired")]
    LetterCodeInvalid,
    #[error("the city's registry does not know this document")]
    RegistryNoMatch,
    #[error("the city's registry did not answer: {0}")]
    RegistryUnavailable(String),
    #[error("the identity provider could not be reached: {0}")]
    IdentityProviderUnavailable(String),
    #[error("the identity provider's answer was refused: {0}")]
    IdentityProviderRefused(String),
}

impl AppError {
    /// A failure of the server, keeping its cause (an error, or a sentence saying what broke).
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> AppError {
        AppError::Internal(cause.into())
    }

    /// The stable code: also the Fluent message id explaining it to a person.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Domain(e) => e.code(),
            AppError::Storage(e) if e.is_unavailable() => "error-unavailable",
            AppError::Storage(_) | AppError::Mail(_) | AppError::Internal(_) => "error-internal",
            AppError::NotFound => "error-not-found",
            AppError::Forbidden => "error-forbidden",
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::OAuthClientUnknown => "error-oauth-client-unknown",
            AppError::OAuthRedirectMismatch => "error-oauth-redirect-mismatch",
            AppError::NotVerified => "error-not-verified",
            AppError::BadCredentials => "error-bad-credentials",
            AppError::Throttled { .. } => "error-throttled",
            AppError::InvalidLink => "error-invalid-link",
            AppError::SetupTokenInvalid => "error-setup-token-invalid",
            AppError::AlreadySetUp => "error-already-set-up",
            AppError::UsernameTaken => "error-username-taken",
            AppError::CurrentPasswordWrong => "error-current-password-wrong",
            AppError::PasswordsDiffer => "error-passwords-differ",
            AppError::PasswordWeak { .. } => "error-password-weak",
            AppError::LocaleUnsupported => "error-locale-unsupported",
            AppError::TranslationOfOriginal => "error-translation-of-original",
            AppError::TimezoneInvalid => "error-timezone-invalid",
            AppError::ContactInvalid => "error-contact-invalid",
            AppError::LastAdmin => "error-last-admin",
            AppError::SuspendSelf => "error-suspend-self",
            AppError::AccountSuspended => "error-account-suspended",
            AppError::SecondFactorCodeWrong => "error-second-factor-code-wrong",
            AppError::SecondFactorRequired => "error-second-factor-required",
            AppError::SecondFactorAlreadyOn => "error-second-factor-already-on",
            AppError::SecondFactorOff => "error-second-factor-off",
            AppError::PrivacyNotAccepted => "error-privacy-not-accepted",
            AppError::LegalHold => "error-legal-hold",
            AppError::DeletionNotConfirmed => "error-deletion-not-confirmed",
            AppError::DeletionOpenReservation => "error-deletion-open-reservation",
            AppError::HandleTaken => "error-handle-taken",
            AppError::Conflict => "error-conflict",
            AppError::InviteeUnknown => "error-invitee-unknown",
            AppError::AlreadyMember => "error-already-member",
            AppError::AlreadyInvited => "error-already-invited",
            AppError::LastOwner => "error-last-owner",
            AppError::OrganizationNotApproved => "error-organization-not-approved",
            AppError::NotAnIssuer => "error-not-an-issuer",
            AppError::TemplateNotActive => "error-template-not-active",
            AppError::OpportunityFull => "error-opportunity-full",
            AppError::AlreadyWaiting => "error-waitlist-already",
            AppError::PlacesLeft => "error-waitlist-places-left",
            AppError::OfferGone => "error-waitlist-offer-gone",
            AppError::PartySizeInvalid => "error-party-size-invalid",
            AppError::PartyFull => "error-party-full",
            AppError::NotClaimable => "error-not-claimable",
            AppError::AlreadyClaimed => "error-already-claimed",
            AppError::ClaimRequirementsUnmet(_) => "error-claim-requirements-unmet",
            AppError::BirthDateInvalid => "error-birth-date-invalid",
            AppError::MinAgeInvalid => "error-min-age-invalid",
            AppError::GuardianNotNeeded => "error-guardian-not-needed",
            AppError::QualificationUnknown => "error-qualification-unknown",
            AppError::QualificationTaken => "error-qualification-taken",
            AppError::ExpiryInvalid => "error-expiry-invalid",
            AppError::RepeatInvalid => "error-repeat-invalid",
            AppError::TooManyOccurrences { .. } => "error-too-many-occurrences",
            AppError::DeadlinePassed => "error-deadline-passed",
            AppError::AlreadyDecided => "error-already-decided",
            AppError::WorkNotStarted => "error-work-not-started",
            AppError::OwnClaim => "error-own-claim",
            AppError::PhotoInvalid => "error-photo-invalid",
            AppError::PhotoTooLarge { .. } => "error-photo-too-large",
            AppError::CategoryTaken => "error-category-taken",
            AppError::Injected(_) => "error-internal",
            AppError::IdempotencyConflict => "error-idempotency-conflict",
            AppError::IdempotencyKeyInvalid => "error-idempotency-key-invalid",
            AppError::InsufficientCredit => "error-insufficient-credit",
            AppError::BudgetExhausted => "error-budget-exhausted",
            AppError::NotARedeemer => "error-not-a-redeemer",
            AppError::OfferingUnavailable => "error-offering-unavailable",
            AppError::CommitmentBelowTaken { .. } => "error-commitment-below-taken",
            AppError::CapacityBelowClaims { .. } => "error-capacity-below-claims",
            AppError::CodeUnknown => "error-code-unknown",
            AppError::WrongRedeemer => "error-wrong-redeemer",
            AppError::RedemptionUsed => "error-redemption-used",
            AppError::RedemptionCancelled => "error-redemption-cancelled",
            AppError::RedemptionExpired => "error-redemption-expired",
            AppError::PhaseClosed => "error-phase-closed",
            AppError::RulesFrozen => "error-rules-frozen",
            AppError::NotEligible => "error-not-eligible",
            AppError::NotEnoughVote => "error-not-enough-vote",
            AppError::AlreadyReported => "error-already-reported",
            AppError::FollowTargetInvalid => "error-follow-target-invalid",
            AppError::DomainInvalid => "error-domain-invalid",
            AppError::FollowSelf => "error-follow-self",
            AppError::ProtocolOrganizationNeeded => "error-protocol-organization-needed",
            AppError::PartnerUnknown => "error-partner-unknown",
            AppError::AlreadyPartner => "error-already-partner",
            AppError::PartnersPending => "error-partners-pending",
            AppError::FediverseHandleInvalid => "error-fediverse-handle-invalid",
            AppError::FediverseActorTaken => "error-fediverse-actor-taken",
            AppError::FediverseAlreadyLinked => "error-fediverse-already-linked",
            AppError::FediverseLinkOtherAccount => "error-fediverse-link-other-account",
            AppError::IdentifierHeld => "error-identifier-held",
            AppError::AlreadyResidentVerified => "error-already-resident-verified",
            AppError::ResidentVerificationNeeded => "error-resident-verification-needed",
            AppError::IdentityAlreadyDecided => "error-identity-already-decided",
            AppError::VerificationMethodOff => "error-verification-method-off",
            AppError::VerificationMethodNotConfigured => "error-verification-method-not-configured",
            AppError::LetterCodeInvalid => "error-letter-code-invalid",
            AppError::RegistryNoMatch => "error-registry-no-match",
            AppError::RegistryUnavailable(_) => "error-registry-unavailable",
            AppError::IdentityProviderUnavailable(_) => "error-identity-provider-unavailable",
            AppError::IdentityProviderRefused(_) => "error-identity-provider-refused",
        }
    }

    /// Every code this type can produce (a test checks each has a message in every locale).
    pub fn all_codes() -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = DomainError::ALL_CODES.to_vec();
        codes.extend([
            "error-second-factor-code-wrong",
            "error-second-factor-required",
            "error-second-factor-already-on",
            "error-second-factor-off",
            "error-unavailable",
            "error-internal",
            "error-not-found",
            "error-forbidden",
            "error-unauthenticated",
            "error-oauth-client-unknown",
            "error-oauth-redirect-mismatch",
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
            "error-translation-of-original",
            "error-timezone-invalid",
            "error-handle-taken",
            "error-conflict",
            "error-invitee-unknown",
            "error-already-member",
            "error-already-invited",
            "error-last-owner",
            "error-organization-not-approved",
            "error-not-an-issuer",
            "error-template-not-active",
            "error-opportunity-full",
            "error-not-claimable",
            "error-already-claimed",
            "error-claim-requirements-unmet",
            "error-birth-date-invalid",
            "error-min-age-invalid",
            "error-guardian-not-needed",
            "error-qualification-unknown",
            "error-qualification-taken",
            "error-expiry-invalid",
            "error-repeat-invalid",
            "error-too-many-occurrences",
            "error-deadline-passed",
            "error-already-decided",
            "error-work-not-started",
            "error-own-claim",
            "error-photo-invalid",
            "error-photo-too-large",
            "error-category-taken",
            "error-idempotency-conflict",
            "error-idempotency-key-invalid",
            "error-insufficient-credit",
            "error-budget-exhausted",
            "error-not-a-redeemer",
            "error-offering-unavailable",
            "error-commitment-below-taken",
            "error-capacity-below-claims",
            "error-code-unknown",
            "error-wrong-redeemer",
            "error-redemption-used",
            "error-redemption-cancelled",
            "error-redemption-expired",
            "error-phase-closed",
            "error-rules-frozen",
            "error-not-eligible",
            "error-not-enough-vote",
            "error-already-reported",
            "error-follow-target-invalid",
            "error-domain-invalid",
            "error-follow-self",
            "error-protocol-organization-needed",
            "error-partner-unknown",
            "error-already-partner",
            "error-partners-pending",
            "error-fediverse-handle-invalid",
            "error-fediverse-actor-taken",
            "error-fediverse-already-linked",
            "error-fediverse-link-other-account",
            "error-identifier-held",
            "error-already-resident-verified",
            "error-resident-verification-needed",
            "error-identity-already-decided",
            "error-verification-method-off",
            "error-verification-method-not-configured",
            "error-letter-code-invalid",
            "error-registry-no-match",
            "error-registry-unavailable",
            "error-identity-provider-unavailable",
            "error-identity-provider-refused",
            "error-password-weak",
            "error-contact-invalid",
            "error-last-admin",
            "error-suspend-self",
            "error-account-suspended",
            "error-privacy-not-accepted",
            "error-legal-hold",
            "error-deletion-not-confirmed",
            "error-deletion-open-reservation",
        ]);
        codes
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
            AppError::PasswordWeak { reason } => vec![("reason", (*reason).to_owned())],
            AppError::Domain(DomainError::Required(f) | DomainError::TooLong(f)) => {
                vec![("field", (*f).to_owned())]
            }
            AppError::Domain(DomainError::ScopeUnknown(s)) => vec![("scope", s.clone())],
            AppError::Domain(DomainError::TransitionRefused { from, .. }) => {
                vec![("state", (*from).to_owned())]
            }
            AppError::Domain(DomainError::ControlCharacters(f)) => vec![("field", (*f).to_owned())],
            AppError::Domain(DomainError::ProofMissing(kind)) => vec![("kind", (*kind).to_owned())],
            AppError::Domain(DomainError::TooManyPhotos { max }) => vec![("max", max.to_string())],
            AppError::Domain(DomainError::ExtraFieldInvalid(line)) => {
                vec![("line", line.to_string())]
            }
            AppError::Domain(DomainError::ExtraValueInvalid(label)) => {
                vec![("field", label.clone())]
            }
            AppError::PhotoTooLarge { max_bytes } => {
                vec![("megabytes", (max_bytes / (1024 * 1024)).max(1).to_string())]
            }
            AppError::CommitmentBelowTaken { taken } => vec![("taken", taken.to_string())],
            AppError::TooManyOccurrences { max } => vec![("max", max.to_string())],
            AppError::CapacityBelowClaims { capacity, claims } => vec![
                ("capacity", capacity.to_string()),
                ("claims", claims.to_string()),
            ],
            AppError::Domain(
                DomainError::ParameterUnknown(name) | DomainError::ParameterOutOfRange(name),
            ) => vec![("parameter", name.clone())],
            AppError::Domain(DomainError::ProtocolVersionUnsupported(version)) => {
                vec![("version", version.to_string())]
            }
            _ => Vec::new(),
        }
    }
}
