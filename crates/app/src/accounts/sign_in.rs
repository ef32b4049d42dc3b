//! Signing in: the password (throttled per address and per account, yet open to the owner
//! from a known device), sessions, and emailed one-time sign-in links.

use super::emailed_link::{self, EmailedLink};
use super::second_factor;
use super::*;

/// Checks the password and opens a session; returns the user and the session cookie secret
/// (empty for an account with a second factor: see [`login_from`]).
pub async fn login(
    ctx: &Ctx,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<(User, String), AppError> {
    login_from(ctx, email, password, ip, None)
        .await
        .map(|signed_in| (signed_in.user, signed_in.session))
}

/// Checks the password and opens a session. Failures are throttled per IP and per account,
/// and unknown addresses cost a real hash check. While the account's own limit is reached
/// (someone guessing from many addresses), the right password still works from a browser
/// that signed in to the account before (`device`, its known-device cookie), so an
/// attacker cannot lock the owner out; from anywhere else the owner can ask for a
/// one-time sign-in link ([`request_sign_in_link`]).
pub async fn login_from(
    ctx: &Ctx,
    email: &str,
    password: &str,
    ip: &str,
    device: Option<&str>,
) -> Result<SignedIn, AppError> {
    let password = Password::offered(password).map_err(|_| AppError::BadCredentials)?;
    let email = EmailAddress::parse(email).map_err(|_| AppError::BadCredentials)?;
    let ip_bucket = format!("login-ip:{ip}");
    let account_bucket = format!("login-account:{email}");
    let (ib, ab, em) = (ip_bucket.clone(), account_bucket.clone(), email.clone());
    let device_hash = device.filter(|d| !d.is_empty()).map(secrets::hash_token);
    let ctx2 = ctx.clone();
    let dh = device_hash.clone();
    let row = ctx
        .db
        .write(move |conn| {
            throttle::check(conn, &ctx2, &ib, throttle::LOGIN_PER_IP)?;
            let row = users::by_email(conn, em.as_str())?;
            if let Err(throttled) = throttle::check(conn, &ctx2, &ab, throttle::LOGIN_PER_ACCOUNT) {
                let known = match (&row, &dh) {
                    (Some(row), Some(hash)) => {
                        tokens::is_known_device(conn, hash, &row.id, ctx2.now())?
                    }
                    _ => false,
                };
                if !known {
                    return Err(throttled);
                }
            }
            Ok::<_, AppError>(row)
        })
        .await?;
    let password_ok = match &row {
        Some(row) => {
            let (pw, stored) = (password.clone(), row.password_hash.clone());
            tokio::task::spawn_blocking(move || passwords::verify(&pw, &stored))
                .await
                .map_err(AppError::internal)?
        }
        None => {
            let pw = password.clone();
            tokio::task::spawn_blocking(move || passwords::verify_against_dummy(&pw))
                .await
                .map_err(AppError::internal)?;
            false
        }
    };
    let ctx2 = ctx.clone();
    match (row, password_ok) {
        (Some(row), true) => {
            let user = User::try_from(row)?;
            let user_id = user.id;
            let (session, device, second_factor_ticket) = ctx2
                .db
                .write({
                    let ctx = ctx2.clone();
                    move |conn| {
                        // Only the right password learns that the account is suspended.
                        if users::suspension(conn, &user_id.to_string())?.is_some() {
                            return Err(AppError::AccountSuspended);
                        }
                        // With a second factor: a half sign-in, no session yet.
                        if second_factor::sign_in_needs_code(conn, user_id)? {
                            let ticket = second_factor::begin_pending(
                                conn,
                                &ctx,
                                user_id,
                                device_hash.as_deref(),
                            )?;
                            return Ok((String::new(), String::new(), Some(ticket)));
                        }
                        let (session, device) =
                            open_session(conn, &ctx, user_id, device_hash.as_deref())?;
                        Ok((session, device, None))
                    }
                })
                .await?;
            Ok(SignedIn {
                user,
                session,
                device,
                second_factor_ticket,
            })
        }
        _ => {
            ctx.db
                .write(move |conn| {
                    throttle::record(conn, &ctx2, &ip_bucket)?;
                    throttle::record(conn, &ctx2, &account_bucket)
                })
                .await?;
            Err(AppError::BadCredentials)
        }
    }
}

/// Opens a session and makes this browser a known device of the account (replacing the
/// device secret it showed, if any). Returns the session and the device cookie secrets.
pub(super) fn open_session(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: UserId,
    old_device_hash: Option<&str>,
) -> Result<(String, String), AppError> {
    let uid = user_id.to_string();
    let now = ctx.now();
    if let Some(hash) = old_device_hash {
        tokens::forget_known_devices(conn, &uid, Some(hash))?;
    }
    let device = secrets::new_token();
    tokens::insert_known_device(
        conn,
        &tokens::KnownDeviceRow {
            token_hash: secrets::hash_token(&device),
            user_id: uid,
            created_at: now,
            expires_at: now + Duration::days(KNOWN_DEVICE_DAYS),
        },
    )?;
    let session = sessions::create(conn, ctx, user_id)?;
    Ok((session, device))
}

/// Mails a one-time sign-in link when the address has an account (single use, short-lived,
/// only its hash kept). Same answer for any address; throttled like reset requests.
pub async fn request_sign_in_link(
    ctx: &Ctx,
    email: &str,
    locale: Locale,
    ip: &str,
) -> Result<(), AppError> {
    request_sign_in_link_to(ctx, email, locale, ip, "").await
}

/// [`request_sign_in_link`] whose link, once used, leads on to `next` (a path on this site,
/// checked again when the link is used; "" for the home page).
pub async fn request_sign_in_link_to(
    ctx: &Ctx,
    email: &str,
    locale: Locale,
    ip: &str,
    next: &str,
) -> Result<(), AppError> {
    let link = EmailedLink {
        throttle: "signin",
        purpose: PURPOSE_SIGN_IN,
        valid: Duration::minutes(SIGN_IN_LINK_MINUTES),
        path: "/login/link",
        next: next.to_owned(),
        mail: |username, link| MailKind::SignInLink {
            valid_minutes: SIGN_IN_LINK_MINUTES,
            username,
            link,
        },
    };
    emailed_link::request(ctx, email, locale, ip, link).await
}

/// Signs in with an emailed one-time link (it also proves the address). The per-account
/// login limit does not apply: the link came to the owner's mailbox.
pub async fn sign_in_with_link(
    ctx: &Ctx,
    token: &str,
    device: Option<&str>,
) -> Result<SignedIn, AppError> {
    spend_link_signing_in(ctx, token, device, PURPOSE_SIGN_IN).await
}

/// Follows an email-verification link and signs its owner in with a fresh session and
/// known-device secret, as a login makes them (issue 26): the link came to the owner's
/// mailbox, as a sign-in link does. Single use, like [`verify_email`].
pub async fn verify_email_signing_in(
    ctx: &Ctx,
    token: &str,
    device: Option<&str>,
) -> Result<SignedIn, AppError> {
    spend_link_signing_in(ctx, token, device, PURPOSE_VERIFY).await
}

/// Spends an emailed link of `purpose`, marks its owner's address verified and opens a
/// session for them, in one transaction; a suspended account gets no session.
async fn spend_link_signing_in(
    ctx: &Ctx,
    token: &str,
    device: Option<&str>,
    purpose: &'static str,
) -> Result<SignedIn, AppError> {
    let hash = secrets::hash_token(token);
    let device_hash = device.filter(|d| !d.is_empty()).map(secrets::hash_token);
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            let now = ctx.now();
            let row = spend_email_token(conn, &hash, purpose, now)?;
            if users::suspension(conn, &row.user_id)?.is_some() {
                return Err(AppError::AccountSuspended);
            }
            users::mark_verified(conn, &row.user_id, now)?;
            let user =
                User::try_from(users::by_id(conn, &row.user_id)?.ok_or(AppError::InvalidLink)?)?;
            // The link proves the mailbox, not the second factor.
            if second_factor::sign_in_needs_code(conn, user.id)? {
                let ticket =
                    second_factor::begin_pending(conn, ctx, user.id, device_hash.as_deref())?;
                return Ok(second_factor::pending(user, ticket));
            }
            let (session, device) = open_session(conn, ctx, user.id, device_hash.as_deref())?;
            Ok(SignedIn {
                user,
                session,
                device,
                second_factor_ticket: None,
            })
        })
        .await
}

/// Whether a sign-in link is still good (to show its button or an error first).
pub async fn sign_in_link_valid(ctx: &Ctx, token: &str) -> Result<bool, AppError> {
    let hash = secrets::hash_token(token);
    let now = ctx.now();
    Ok(ctx
        .run(move |conn| Ok(tokens::email_token(conn, &hash)?))
        .await?
        .is_some_and(|row| token_is_live(&row, PURPOSE_SIGN_IN, now)))
}
