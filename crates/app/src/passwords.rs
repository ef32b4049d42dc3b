//! Password hashing: argon2id with OWASP's parameters (m=19 MiB, t=2, p=1), a unique salt each.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use citysync_domain::Password;
use std::sync::OnceLock;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &Password) -> Result<String, crate::AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::AppError::internal(format!("password hashing failed: {e}")))
}

pub fn verify(password: &Password, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.expose().as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same work as a real check when there is no account, so a login or sign-up
/// for an unknown address takes as long as for a known one.
pub fn verify_against_dummy(password: &Password) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(b"citysync dummy password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let _ = verify(password, dummy);
}

/// The weakest guess-resistance accepted: zxcvbn's 3 ("safely unguessable: moderate
/// protection from offline slow-hash scenario", about 10^8 guesses and more).
const MIN_SCORE: u8 = 3;

/// Refuses a new password that is common, a pattern, or made of the account's own words
/// (`context`: username, email address, the city's name) — OWASP ASVS 2.1.7, NIST
/// SP 800-63B §5.1.1.2. The one strength check of sign-up, password change and reset.
pub fn check_strength(password: &Password, context: &[&str]) -> Result<(), crate::AppError> {
    use zxcvbn::feedback::Warning;
    use zxcvbn::matching::patterns::MatchPattern;
    let mut inputs: Vec<String> = Vec::new();
    for item in context.iter().map(|s| s.trim().to_lowercase()) {
        if item.is_empty() {
            continue;
        }
        // An address and a name count as a whole and by their parts (`olga`, `example`).
        inputs.extend(
            item.split(|c: char| !c.is_alphanumeric())
                .filter(|part| part.chars().count() >= 3)
                .map(str::to_owned),
        );
        inputs.push(item.chars().filter(|c| c.is_alphanumeric()).collect());
        inputs.push(item);
    }
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password.expose(), &refs);
    if u8::from(estimate.score()) >= MIN_SCORE {
        return Ok(());
    }
    let personal = estimate.sequence().iter().any(|m| match &m.pattern {
        MatchPattern::Dictionary(d) => inputs.contains(&d.matched_word),
        _ => false,
    });
    let reason = if personal {
        "personal"
    } else {
        match estimate.feedback().and_then(|f| f.warning()) {
            Some(
                Warning::RepeatsLikeAaaAreEasyToGuess
                | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess,
            ) => "repeat",
            Some(
                Warning::ThisIsATop10Password
                | Warning::ThisIsATop100Password
                | Warning::ThisIsACommonPassword
                | Warning::ThisIsSimilarToACommonlyUsedPassword,
            ) => "common",
            Some(
                Warning::SequencesLikeAbcAreEasyToGuess
                | Warning::StraightRowsOfKeysAreEasyToGuess
                | Warning::ShortKeyboardPatternsAreEasyToGuess,
            ) => "pattern",
            Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => "date",
            Some(
                Warning::AWordByItselfIsEasyToGuess
                | Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
                | Warning::CommonNamesAndSurnamesAreEasyToGuess,
            ) => "word",
            None => "other",
        }
    };
    Err(crate::AppError::PasswordWeak { reason })
}
