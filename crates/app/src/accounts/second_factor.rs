//! A second factor (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of
//! drift either way) with ten single-use recovery codes (issue 27).
//!
//! Enrolling shows the secret once (as an `otpauth://` URI and as text), a code from the
//! app confirms it, and then the recovery codes are shown once: only their SHA-256 is kept.
//! A code is accepted once: the step of the last accepted code is kept, and a code of that
//! step or an earlier one is refused (replay). Wrong codes are throttled like passwords.
//!
//! Signing in to an account with a second factor opens no session after the password (or an
//! emailed link): it leaves a half sign-in, a ticket whose secret only the browser holds,
//! that [`complete_sign_in`] turns into a session once a code or a recovery code is given.
//! A half-signed-in browser has no session, so it can do nothing else.
//!
//! Staff (administrators, and members who own an organization or verify, cash or register
//! for it) must enroll when the city's `[accounts] staff_second_factor` is on
//! ([`required_missing`]): the staff pages and the staff scopes of the API refuse them until then.

use super::sign_in::open_session;
use super::{SignedIn, User};
use crate::privileged_log::{self, Capacity, Entry, PrivilegedAction, Subject};
use crate::{secrets, throttle, AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_domain::organization::Role;
use citysync_domain::{Scope, UserId};
use citysync_storage::second_factor as store;
use citysync_storage::{users, DbConnection, StorageError};
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds of one TOTP step.
pub const STEP_SECS: i64 = 30;
/// How many recovery codes an enrollment (or a regeneration) gives.
pub const RECOVERY_CODES: usize = 10;
/// How long a half sign-in waits for its code.
pub const PENDING_MINUTES: i64 = 10;
/// Wrong codes per account in 15 minutes (the 11th attempt is refused, right or wrong).
pub const CODES_PER_ACCOUNT: throttle::Limit = throttle::Limit {
    max: 10,
    window_secs: 900,
};
/// The roles whose holders count as staff (with administrators).
pub const STAFF_ROLES: [Role; 4] = [Role::Owner, Role::Verifier, Role::Cashier, Role::Registrar];

/// The scopes that move CITY or administer the city: an app token holding one is refused
/// for staff without a second factor where the city requires one, and consenting to one
/// asks an enrolled person for a code. (`vote` moves no credit; `write:claims` neither.)
pub fn scope_needs_second_factor(scope: Scope) -> bool {
    matches!(scope, Scope::Verify | Scope::Redeem | Scope::Admin)
}

/// What consenting to `scopes` asks of `user`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentStep {
    /// Nothing more than the button.
    None,
    /// A current code (or a recovery code).
    Code,
    /// Staff without a second factor where the city requires one: enroll first.
    Enroll,
}

pub async fn consent_step(
    ctx: &Ctx,
    user: &User,
    scopes: impl IntoIterator<Item = Scope>,
) -> Result<ConsentStep, AppError> {
    if !scopes.into_iter().any(scope_needs_second_factor) {
        return Ok(ConsentStep::None);
    }
    if enabled(ctx, user.id).await? {
        return Ok(ConsentStep::Code);
    }
    if required_missing(ctx, user).await? {
        return Ok(ConsentStep::Enroll);
    }
    Ok(ConsentStep::None)
}

/// What the enrollment page shows: the secret in text and in an `otpauth://` URI.
#[derive(Debug, Clone)]
pub struct Enrollment {
    /// Base32, in groups of four for reading aloud or typing.
    pub secret: String,
    pub uri: String,
}

/// Where an account stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub enabled: bool,
    /// Unused recovery codes left (0 when not enabled).
    pub recovery_left: i64,
    /// The city requires this account to have one (it is staff and the setting is on).
    pub required: bool,
}

/// Records an act on the account's second factor in the privileged-action log, in the
/// act's own transaction (the person acts on their own account: capacity `owner`).
fn record(
    conn: &mut DbConnection,
    user_id: &str,
    action: PrivilegedAction,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    privileged_log::record(
        conn,
        &Entry::new(
            Some(user_id),
            Capacity::Owner,
            action,
            Subject::Account,
            user_id,
            now,
        ),
    )?;
    Ok(())
}

fn totp(secret_b32: &str) -> Result<TOTP, AppError> {
    let bytes = Secret::Encoded(secret_b32.to_owned())
        .to_bytes()
        .map_err(|e| AppError::internal(format!("second factor secret: {e:?}")))?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECS as u64, bytes)
        .map_err(|e| AppError::internal(format!("second factor secret: {e}")))
}

/// Digits only (people type spaces or dashes between groups).
fn digits(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Checks a TOTP code at `now` (±1 step) and spends its step; false when wrong or replayed.
fn spend_totp(
    conn: &mut DbConnection,
    row: &store::SecondFactorRow,
    code: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let code = digits(code);
    if code.len() != 6 {
        return Ok(false);
    }
    let totp = totp(&row.secret)?;
    let current = now.and_utc().timestamp().div_euclid(STEP_SECS);
    for step in [current - 1, current, current + 1] {
        let Ok(at) = u64::try_from(step * STEP_SECS) else {
            continue;
        };
        if secrets::constant_time_eq(totp.generate(at).as_bytes(), code.as_bytes()) {
            return Ok(store::advance_step(conn, &row.user_id, step)?);
        }
    }
    Ok(false)
}

/// A recovery code as typed, normalized: lowercase letters and digits only.
fn normalize_recovery(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Spends a recovery code of the account once; false when unknown or used.
fn spend_recovery(
    conn: &mut DbConnection,
    user_id: &str,
    code: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let code = normalize_recovery(code);
    if code.len() < 16 {
        return Ok(false);
    }
    let used = store::use_recovery_code(conn, user_id, &secrets::hash_token(&code), now)?;
    if used {
        record(
            conn,
            user_id,
            PrivilegedAction::SecondFactorRecoveryUsed,
            now,
        )?;
    }
    Ok(used)
}

/// A TOTP code, or (when `recovery` allows) a recovery code, of an enabled factor.
fn spend_any(
    conn: &mut DbConnection,
    row: &store::SecondFactorRow,
    code: &str,
    now: NaiveDateTime,
    recovery: bool,
) -> Result<bool, AppError> {
    let typed = normalize_recovery(code);
    if typed.len() == 6 && typed.chars().all(|c| c.is_ascii_digit()) {
        spend_totp(conn, row, &typed, now)
    } else if recovery {
        spend_recovery(conn, &row.user_id, &typed, now)
    } else {
        Ok(false)
    }
}

/// Ten new recovery codes: 16 lowercase base32 characters each (80 bits), shown as
/// `xxxx-xxxx-xxxx-xxxx`; their hashes replace the account's old ones.
fn new_recovery_codes(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<Vec<String>, AppError> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut shown = Vec::with_capacity(RECOVERY_CODES);
    let mut hashes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let code: String = bytes
            .iter()
            .filter_map(|b| ALPHABET.get(usize::from(b % 32)).map(|c| char::from(*c)))
            .collect();
        hashes.push(secrets::hash_token(&code));
        let groups: Vec<&str> = (0..4).filter_map(|i| code.get(i * 4..i * 4 + 4)).collect();
        shown.push(groups.join("-"));
    }
    store::replace_recovery_codes(conn, user_id, &hashes, now)?;
    Ok(shown)
}

/// Throttles wrong codes per account and per address (as the password is).
fn check_throttle(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    ip: &str,
) -> Result<(), AppError> {
    throttle::check(conn, ctx, &format!("login-ip:{ip}"), throttle::LOGIN_PER_IP)?;
    throttle::check(
        conn,
        ctx,
        &format!("second-factor:{user_id}"),
        CODES_PER_ACCOUNT,
    )
}

async fn record_wrong(ctx: &Ctx, user_id: String, ip: String) -> Result<(), AppError> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            throttle::record(conn, &ctx2, &format!("login-ip:{ip}"))?;
            throttle::record(conn, &ctx2, &format!("second-factor:{user_id}"))
        })
        .await
}

/// Whether `user` is staff: an administrator, or a member in one of [`STAFF_ROLES`].
pub(crate) fn is_staff(conn: &mut DbConnection, user: &User) -> Result<bool, StorageError> {
    if user.is_admin {
        return Ok(true);
    }
    let roles = STAFF_ROLES.map(|r| r.as_str());
    store::holds_any_role(conn, &user.id.to_string(), &roles)
}

/// Whether the city requires `user` to have a second factor that they have not enrolled:
/// then the staff pages and scopes refuse them.
pub async fn required_missing(ctx: &Ctx, user: &User) -> Result<bool, AppError> {
    if !ctx.settings.staff_second_factor {
        return Ok(false);
    }
    let user = user.clone();
    ctx.run(move |conn| {
        Ok(is_staff(conn, &user)? && !store::is_enabled(conn, &user.id.to_string())?)
    })
    .await
}

/// Where the account stands.
pub async fn status(ctx: &Ctx, user: &User) -> Result<Status, AppError> {
    let user = user.clone();
    let setting = ctx.settings.staff_second_factor;
    ctx.run(move |conn| {
        let id = user.id.to_string();
        let enabled = store::is_enabled(conn, &id)?;
        Ok(Status {
            enabled,
            recovery_left: if enabled {
                store::recovery_codes_left(conn, &id)?
            } else {
                0
            },
            required: setting && is_staff(conn, &user)?,
        })
    })
    .await
}

/// Whether the account has an enabled second factor.
pub async fn enabled(ctx: &Ctx, user_id: UserId) -> Result<bool, AppError> {
    let id = user_id.to_string();
    ctx.run(move |conn| Ok(store::is_enabled(conn, &id)?)).await
}

fn otpauth_uri(secret: &str, city: &str, user: &User) -> String {
    let enc = |s: &str| -> String { url::form_urlencoded::byte_serialize(s.as_bytes()).collect() };
    // Path segments take %20 for spaces, not `+`.
    let label = format!("{}:{}", enc(city), enc(user.username.as_str())).replace('+', "%20");
    format!(
        "otpauth://totp/{label}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECS}",
        enc(city).replace('+', "%20")
    )
}

/// The enrollment under way (started now when none is): the secret to put in an app.
/// Refused when a second factor is enabled already.
pub async fn enrollment(ctx: &Ctx, user: &User) -> Result<Enrollment, AppError> {
    let ctx2 = ctx.clone();
    let user = user.clone();
    ctx.db
        .write(move |conn| {
            let id = user.id.to_string();
            let secret = match store::get(conn, &id)? {
                Some(row) if row.enabled_at.is_some() => {
                    return Err(AppError::SecondFactorAlreadyOn)
                }
                Some(row) => row.secret,
                None => {
                    let mut bytes = [0u8; 20];
                    rand::rngs::OsRng.fill_bytes(&mut bytes);
                    let Secret::Encoded(secret) = Secret::Raw(bytes.to_vec()).to_encoded() else {
                        return Err(AppError::internal("base32 secret"));
                    };
                    store::start(
                        conn,
                        &store::SecondFactorRow {
                            user_id: id.clone(),
                            secret: secret.clone(),
                            created_at: ctx2.now(),
                            enabled_at: None,
                            last_step: None,
                        },
                    )?;
                    secret
                }
            };
            let city = super::city_name(conn)?;
            let grouped: Vec<String> = secret
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            Ok(Enrollment {
                uri: otpauth_uri(&secret, &city, &user),
                secret: grouped.join(" "),
            })
        })
        .await
}

/// Confirms the enrollment with a code from the app; returns the recovery codes, shown once.
pub async fn confirm(
    ctx: &Ctx,
    user: &User,
    code: &str,
    ip: &str,
) -> Result<Vec<String>, AppError> {
    let (ctx2, id, code2, ip2) = (
        ctx.clone(),
        user.id.to_string(),
        code.to_owned(),
        ip.to_owned(),
    );
    let outcome = ctx
        .db
        .write(move |conn| {
            let ctx = &ctx2;
            check_throttle(conn, ctx, &id, &ip2)?;
            let row = match store::get(conn, &id)? {
                Some(row) if row.enabled_at.is_some() => {
                    return Err(AppError::SecondFactorAlreadyOn)
                }
                Some(row) => row,
                None => return Err(AppError::SecondFactorOff),
            };
            let now = ctx.now();
            if !spend_totp(conn, &row, &code2, now)? {
                return Ok(None);
            }
            store::enable(conn, &id, now)?;
            let codes = new_recovery_codes(conn, &id, now)?;
            record(conn, &id, PrivilegedAction::SecondFactorEnrolled, now)?;
            Ok(Some(codes))
        })
        .await?;
    match outcome {
        Some(codes) => Ok(codes),
        None => {
            record_wrong(ctx, user.id.to_string(), ip.to_owned()).await?;
            Err(AppError::SecondFactorCodeWrong)
        }
    }
}

/// Spends a code of an enabled factor in its own transaction, counting a wrong one.
async fn with_code<T: Send + 'static>(
    ctx: &Ctx,
    user_id: &str,
    code: &str,
    ip: &str,
    recovery: bool,
    then: impl FnOnce(&mut DbConnection, &Ctx, NaiveDateTime) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let (ctx2, id, code2, ip2) = (
        ctx.clone(),
        user_id.to_owned(),
        code.to_owned(),
        ip.to_owned(),
    );
    let outcome = ctx
        .db
        .write(move |conn| {
            let ctx = &ctx2;
            check_throttle(conn, ctx, &id, &ip2)?;
            let row = match store::get(conn, &id)? {
                Some(row) if row.enabled_at.is_some() => row,
                _ => return Err(AppError::SecondFactorOff),
            };
            let now = ctx.now();
            if !spend_any(conn, &row, &code2, now, recovery)? {
                return Ok(None);
            }
            then(conn, ctx, now).map(Some)
        })
        .await?;
    match outcome {
        Some(value) => Ok(value),
        None => {
            record_wrong(ctx, user_id.to_owned(), ip.to_owned()).await?;
            Err(AppError::SecondFactorCodeWrong)
        }
    }
}

/// Turns the second factor off: needs a current code or a recovery code.
pub async fn disable(ctx: &Ctx, user: &User, code: &str, ip: &str) -> Result<(), AppError> {
    let id = user.id.to_string();
    with_code(ctx, &id.clone(), code, ip, true, move |conn, _, now| {
        store::remove(conn, &id)?;
        record(conn, &id, PrivilegedAction::SecondFactorDisabled, now)?;
        Ok(())
    })
    .await
}

/// New recovery codes in place of the old ones: needs a current code from the app.
pub async fn regenerate_recovery_codes(
    ctx: &Ctx,
    user: &User,
    code: &str,
    ip: &str,
) -> Result<Vec<String>, AppError> {
    let id = user.id.to_string();
    with_code(ctx, &id.clone(), code, ip, false, move |conn, _, now| {
        let codes = new_recovery_codes(conn, &id, now)?;
        Ok(codes)
    })
    .await
}

/// Checks a code of the account's second factor where an act asks for one (the OAuth
/// consent to credit-moving scopes): a current code or a recovery code, spent once.
pub async fn check_code(ctx: &Ctx, user: &User, code: &str, ip: &str) -> Result<(), AppError> {
    with_code(ctx, &user.id.to_string(), code, ip, true, |_, _, _| Ok(())).await
}

/// Leaves a half sign-in instead of a session (the caller checked the password or link).
/// Returns the ticket's secret for the browser.
pub(crate) fn begin_pending(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: UserId,
    device_hash: Option<&str>,
) -> Result<String, AppError> {
    let now = ctx.now();
    store::delete_expired_pending(conn, now)?;
    let ticket = secrets::new_token();
    store::insert_pending(
        conn,
        &store::PendingRow {
            token_hash: secrets::hash_token(&ticket),
            user_id: user_id.to_string(),
            device_hash: device_hash.map(str::to_owned),
            created_at: now,
            expires_at: now + Duration::minutes(PENDING_MINUTES),
        },
    )?;
    Ok(ticket)
}

/// Whether a sign-in of this account must go through a second factor.
pub(crate) fn sign_in_needs_code(
    conn: &mut DbConnection,
    user_id: UserId,
) -> Result<bool, AppError> {
    Ok(store::is_enabled(conn, &user_id.to_string())?)
}

/// A half sign-in as a signed-in result: no session, the ticket in its place.
pub(crate) fn pending(user: User, ticket: String) -> SignedIn {
    SignedIn {
        user,
        session: String::new(),
        device: String::new(),
        second_factor_ticket: Some(ticket),
    }
}

/// The account a half sign-in belongs to, while it is alive (to greet them on the code page).
pub async fn pending_user(ctx: &Ctx, ticket: &str) -> Result<Option<User>, AppError> {
    let hash = secrets::hash_token(ticket);
    let now = ctx.now();
    let row = ctx
        .run(move |conn| {
            let Some(p) = store::live_pending(conn, &hash, now)? else {
                return Ok(None);
            };
            Ok(users::by_id(conn, &p.user_id)?)
        })
        .await?;
    row.map(User::try_from).transpose()
}

/// Finishes a half sign-in with a TOTP code or a recovery code: opens the session (and
/// makes the browser a known device). An unknown or expired ticket: `Unauthenticated`
/// (sign in again); a wrong code: `SecondFactorCodeWrong`, throttled.
pub async fn complete_sign_in(
    ctx: &Ctx,
    ticket: &str,
    code: &str,
    ip: &str,
) -> Result<SignedIn, AppError> {
    let hash = secrets::hash_token(ticket);
    let now = ctx.now();
    let pending = ctx
        .run({
            let hash = hash.clone();
            move |conn| Ok(store::live_pending(conn, &hash, now)?)
        })
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let user_id: UserId = pending
        .user_id
        .parse()
        .map_err(|_| AppError::internal("pending sign-in user id"))?;
    let device_hash = pending.device_hash.clone();
    let (session, device, row) = with_code(
        ctx,
        &pending.user_id,
        code,
        ip,
        true,
        move |conn, ctx, _| {
            if !store::delete_pending(conn, &hash)? {
                return Err(AppError::Unauthenticated);
            }
            if users::suspension(conn, &user_id.to_string())?.is_some() {
                return Err(AppError::AccountSuspended);
            }
            let row = users::by_id(conn, &user_id.to_string())?.ok_or(AppError::Unauthenticated)?;
            let (session, device) = open_session(conn, ctx, user_id, device_hash.as_deref())?;
            Ok((session, device, row))
        },
    )
    .await?;
    Ok(SignedIn {
        user: User::try_from(row)?,
        session,
        device,
        second_factor_ticket: None,
    })
}
