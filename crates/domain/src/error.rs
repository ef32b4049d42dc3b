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
    #[error("handle must be 3 to 40 lowercase letters, digits, - or _, starting with a letter")]
    HandleInvalid,
    #[error("web address is not valid")]
    WebAddressInvalid,
    #[error("an organization is an issuer, a redeemer or both")]
    KindsMissing,
    #[error("unknown role")]
    RoleUnknown,
    #[error("a field holds control characters: {0}")]
    ControlCharacters(&'static str),
    #[error("unknown category")]
    CategoryUnknown,
    #[error("this outcome unit does not belong to the category")]
    UnitNotOfCategory,
    #[error("outcome quantity is not plausible")]
    OutcomeInvalid,
    #[error("reward is not valid")]
    RewardInvalid,
    #[error("estimated minutes must be between 1 and 1440")]
    MinutesInvalid,
    #[error("choose at least one kind of proof")]
    ProofKindsMissing,
    #[error("unknown proof kind")]
    ProofKindUnknown,
    #[error("unknown verification method")]
    MethodUnknown,
    #[error("extra field line {0} is not valid")]
    ExtraFieldInvalid(usize),
    #[error("value for {0} is missing or not valid")]
    ExtraValueInvalid(String),
    #[error("the times are not in order")]
    TimesInvalid,
    #[error("capacity must be between 1 and 10000")]
    CapacityInvalid,
    #[error("coordinates are not valid")]
    CoordinatesInvalid,
    #[error("proof missing: {0}")]
    ProofMissing(&'static str),
    #[error("at most {max} photos")]
    TooManyPhotos { max: usize },
    #[error("rating must be 1 to 5")]
    RatingInvalid,
    #[error("unknown reason")]
    ReasonUnknown,
    #[error("the amount must be a positive number")]
    AmountInvalid,
    #[error("the amount is too large")]
    AmountTooLarge,
    #[error("unknown currency")]
    CurrencyUnknown,
    #[error("the accounts are not in the entry's currency")]
    CurrencyMismatch,
    #[error("this kind of entry cannot move credit between these accounts")]
    PostingRefused,
    #[error("account reference is not valid")]
    AccountInvalid,
    #[error("signing key is not valid")]
    KeyInvalid,
    #[error("epoch length must be like \"1 month\", \"2 weeks\" or \"10 days\"")]
    EpochLengthInvalid,
    #[error("this code was not issued by this city or was altered")]
    TokenInvalid,
    #[error("this code has expired")]
    TokenExpired,
    #[error("a code has eight letters and digits, like ABCD-1234")]
    CodeInvalid,
    #[error("the price must be a positive amount of CITY with at most two decimals")]
    PriceInvalid,
    #[error("the quantity must be a whole number from 0 to 100000")]
    QuantityInvalid,
    #[error("the phases' dates must be in order: proposals, deliberation, voting, results")]
    ScheduleInvalid,
    #[error("the quorum is a percentage from 0 to 100")]
    QuorumInvalid,
    #[error("the minimum VOTE to vote must be from 1 to 1000000")]
    MinVoteInvalid,
    #[error("unknown parameter {0}")]
    ParameterUnknown(String),
    #[error("the value for {0} is outside its allowed range")]
    ParameterOutOfRange(String),
    #[error("a parameter appears twice in one proposal")]
    ParameterRepeated,
    #[error("a budget proposal needs a cycle that votes by approval or quadratically")]
    BudgetNeedsOptionVoting,
    #[error("the pool must be a positive amount of CITY up to 10000000")]
    PoolInvalid,
    #[error("each option costs a positive amount no larger than the pool")]
    OptionCostInvalid,
    #[error("the city has set no budget pool for this cycle")]
    PoolNotSet,
    #[error("the pool is set by the city for the whole cycle, not by a proposal")]
    PoolSetByCity,
    #[error("the ballot marks an option that does not exist")]
    BallotOptionUnknown,
    #[error("the ballot does not fit the voting method")]
    BallotInvalid,
    #[error("the ballot marks nothing: choose an option or abstain")]
    BallotEmpty,
    #[error("these votes cost more voice credits than you have")]
    BallotCreditsExceeded,
    #[error("a redirect URI must be https, http on this computer, or an app's own scheme, without a fragment")]
    RedirectUriInvalid,
    #[error("PKCE with S256 is required")]
    PkceInvalid,
    #[error("the protocol document is not valid: {0}")]
    ProtocolInvalid(String),
    #[error("protocol version {0} is not supported")]
    ProtocolVersionUnsupported(u64),
    #[error("the protocol document's signature does not verify")]
    ProtocolSignatureInvalid,
    #[error("a partner's share must be a positive amount of CITY")]
    ShareInvalid,
    #[error("the partners' shares together exceed the reward")]
    SharesExceedReward,
    #[error("the opportunity is published: its partners and shares are frozen")]
    PartnersFrozen,
    #[error("the document identifier is not in its official form")]
    IdentifierInvalid,
    #[error("a postal address must have 5 to 200 letters and digits")]
    AddressInvalid,
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
            DomainError::RedirectUriInvalid => "error-redirect-uri-invalid",
            DomainError::PkceInvalid => "error-pkce-invalid",
            DomainError::Required(_) => "error-required",
            DomainError::TooLong(_) => "error-too-long",
            DomainError::TransitionRefused { .. } => "error-transition-refused",
            DomainError::StateUnknown(_) => "error-state-unknown",
            DomainError::TaxonomyInvalid(_) => "error-taxonomy-invalid",
            DomainError::HandleInvalid => "error-handle-invalid",
            DomainError::WebAddressInvalid => "error-web-address-invalid",
            DomainError::KindsMissing => "error-kinds-missing",
            DomainError::RoleUnknown => "error-role-unknown",
            DomainError::ControlCharacters(_) => "error-control-characters",
            DomainError::CategoryUnknown => "error-category-unknown",
            DomainError::UnitNotOfCategory => "error-unit-not-of-category",
            DomainError::OutcomeInvalid => "error-outcome-invalid",
            DomainError::RewardInvalid => "error-reward-invalid",
            DomainError::MinutesInvalid => "error-minutes-invalid",
            DomainError::ProofKindsMissing => "error-proof-kinds-missing",
            DomainError::ProofKindUnknown => "error-proof-kind-unknown",
            DomainError::MethodUnknown => "error-method-unknown",
            DomainError::ExtraFieldInvalid(_) => "error-extra-field-invalid",
            DomainError::ExtraValueInvalid(_) => "error-extra-value-invalid",
            DomainError::TimesInvalid => "error-times-invalid",
            DomainError::CapacityInvalid => "error-capacity-invalid",
            DomainError::CoordinatesInvalid => "error-coordinates-invalid",
            DomainError::ProofMissing(_) => "error-proof-missing",
            DomainError::TooManyPhotos { .. } => "error-too-many-photos",
            DomainError::RatingInvalid => "error-rating-invalid",
            DomainError::ReasonUnknown => "error-reason-unknown",
            DomainError::AmountInvalid => "error-amount-invalid",
            DomainError::AmountTooLarge => "error-amount-too-large",
            DomainError::CurrencyUnknown => "error-currency-unknown",
            DomainError::CurrencyMismatch => "error-currency-mismatch",
            DomainError::PostingRefused => "error-posting-refused",
            DomainError::AccountInvalid => "error-account-invalid",
            DomainError::KeyInvalid => "error-key-invalid",
            DomainError::EpochLengthInvalid => "error-epoch-length-invalid",
            DomainError::TokenInvalid => "error-token-invalid",
            DomainError::TokenExpired => "error-token-expired",
            DomainError::CodeInvalid => "error-code-invalid",
            DomainError::PriceInvalid => "error-price-invalid",
            DomainError::QuantityInvalid => "error-quantity-invalid",
            DomainError::ScheduleInvalid => "error-schedule-invalid",
            DomainError::QuorumInvalid => "error-quorum-invalid",
            DomainError::MinVoteInvalid => "error-min-vote-invalid",
            DomainError::ParameterUnknown(_) => "error-parameter-unknown",
            DomainError::ParameterOutOfRange(_) => "error-parameter-out-of-range",
            DomainError::ParameterRepeated => "error-parameter-repeated",
            DomainError::BudgetNeedsOptionVoting => "error-budget-needs-option-voting",
            DomainError::PoolInvalid => "error-pool-invalid",
            DomainError::OptionCostInvalid => "error-option-cost-invalid",
            DomainError::PoolNotSet => "error-pool-not-set",
            DomainError::PoolSetByCity => "error-pool-set-by-city",
            DomainError::BallotOptionUnknown => "error-ballot-option-unknown",
            DomainError::BallotInvalid => "error-ballot-invalid",
            DomainError::BallotEmpty => "error-ballot-empty",
            DomainError::BallotCreditsExceeded => "error-ballot-credits-exceeded",
            DomainError::ProtocolInvalid(_) => "error-protocol-invalid",
            DomainError::ProtocolVersionUnsupported(_) => "error-protocol-version-unsupported",
            DomainError::ProtocolSignatureInvalid => "error-protocol-signature-invalid",
            DomainError::ShareInvalid => "error-share-invalid",
            DomainError::SharesExceedReward => "error-shares-exceed-reward",
            DomainError::PartnersFrozen => "error-partners-frozen",
            DomainError::IdentifierInvalid => "error-identifier-invalid",
            DomainError::AddressInvalid => "error-address-invalid",
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
        "error-handle-invalid",
        "error-web-address-invalid",
        "error-kinds-missing",
        "error-role-unknown",
        "error-control-characters",
        "error-category-unknown",
        "error-unit-not-of-category",
        "error-outcome-invalid",
        "error-reward-invalid",
        "error-minutes-invalid",
        "error-proof-kinds-missing",
        "error-proof-kind-unknown",
        "error-method-unknown",
        "error-extra-field-invalid",
        "error-extra-value-invalid",
        "error-times-invalid",
        "error-capacity-invalid",
        "error-coordinates-invalid",
        "error-proof-missing",
        "error-too-many-photos",
        "error-rating-invalid",
        "error-reason-unknown",
        "error-amount-invalid",
        "error-amount-too-large",
        "error-currency-unknown",
        "error-currency-mismatch",
        "error-posting-refused",
        "error-account-invalid",
        "error-key-invalid",
        "error-epoch-length-invalid",
        "error-token-invalid",
        "error-token-expired",
        "error-code-invalid",
        "error-price-invalid",
        "error-quantity-invalid",
        "error-schedule-invalid",
        "error-quorum-invalid",
        "error-min-vote-invalid",
        "error-parameter-unknown",
        "error-parameter-out-of-range",
        "error-parameter-repeated",
        "error-budget-needs-option-voting",
        "error-pool-invalid",
        "error-option-cost-invalid",
        "error-pool-not-set",
        "error-pool-set-by-city",
        "error-ballot-option-unknown",
        "error-ballot-invalid",
        "error-ballot-empty",
        "error-ballot-credits-exceeded",
        "error-redirect-uri-invalid",
        "error-pkce-invalid",
        "error-protocol-invalid",
        "error-protocol-version-unsupported",
        "error-protocol-signature-invalid",
        "error-share-invalid",
        "error-shares-exceed-reward",
        "error-partners-frozen",
        "error-identifier-invalid",
        "error-address-invalid",
    ];
}
