//! People's accounts: sign-up with email verification, login, password reset and change,
//! language choice. Responses never reveal whether an email address has an account.

use crate::{mail_outbox, passwords, secrets, sessions, throttle, AppError, Ctx};
use chrono::Duration;
use citysync_domain::{EmailAddress, Password, UserId, Username};
use citysync_i18n::Locale;
use citysync_mail::MailKind;
use citysync_storage::{instance, tokens, users, DbConnection};

/// A person's account as the use cases and pages see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub username: Username,
    pub email: EmailAddress,
    pub is_admin: bool,
    pub verified: bool,
    pub locale: Option<Locale>,
}

impl User {
    /// Unverified accounts can browse but not act.
    pub fn require_verified(&self) -> Result<(), AppError> {
        if self.verified {
            Ok(())
        } else {
            Err(AppError::NotVerified)
        }
    }

    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.is_admin {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl TryFrom<users::UserRow> for User {
    type Error = AppError;
    fn try_from(row: users::UserRow) -> Result<Self, AppError> {
        let corrupt = |what: &str| {
            AppError::Storage(citysync_storage::StorageError::Corrupt(format!(
                "user {}: {what}",
                row.id
            )))
        };
        Ok(User {
            id: row.id.parse().map_err(|_| corrupt("id"))?,
            username: Username::parse(&row.username).map_err(|_| corrupt("username"))?,
            email: EmailAddress::parse(&row.email).map_err(|_| corrupt("email"))?,
            is_admin: row.is_admin,
            verified: row.email_verified_at.is_some(),
            locale: row.locale.as_deref().and_then(Locale::from_code),
        })
    }
}

pub const PURPOSE_VERIFY: &str = "verify";
pub const PURPOSE_RESET: &str = "reset";

#[derive(Debug, Clone, Default)]
pub struct SignupInput {
    pub username: String,
    pub email: String,
    pub password: String,
    pub password_confirm: String,
}

/// Validated sign-up fields (shared by sign-up, first-run setup and the CLI).
pub struct NewAccount {
    pub username: Username,
    pub email: EmailAddress,
    pub password: Password,
}

impl NewAccount {
    pub fn validate(input: &SignupInput) -> Result<NewAccount, AppError> {
        let username = Username::parse(&input.username)?;
        let email = EmailAddress::parse(&input.email)?;
        let password = Password::new(&input.password)?;
        if input.password != input.password_confirm {
            return Err(AppError::PasswordsDiffer);
        }
        Ok(NewAccount {
            username,
            email,
            password,
        })
    }
}

pub(crate) fn city_name(conn: &mut DbConnection) -> Result<String, AppError> {
    Ok(instance::get(conn)?
        .and_then(|i| i.name)
        .unwrap_or_else(|| "City/Sync".to_owned()))
}

/// The language to write to a person in: theirs, else the city's default.
pub(crate) fn mail_locale(
    conn: &mut DbConnection,
    chosen: Option<Locale>,
) -> Result<Locale, AppError> {
    if let Some(locale) = chosen {
        return Ok(locale);
    }
    Ok(instance::get(conn)?
        .and_then(|i| Locale::from_code(&i.default_locale))
        .unwrap_or(Locale::En))
}

/// Inserts an account row. Returns `UsernameTaken` for a taken username; the caller decides
/// what a taken email means (sign-up must not reveal it).
pub(crate) fn insert_account(
    conn: &mut DbConnection,
    ctx: &Ctx,
    account: &NewAccount,
    password_hash: String,
    is_admin: bool,
    verified: bool,
    locale: Option<Locale>,
) -> Result<User, AppError> {
    let now = ctx.now();
    let id = UserId::from_random_bytes(secrets::random_id_bytes());
    users::insert(
        conn,
        &users::UserRow {
            id: id.to_string(),
            username: account.username.as_str().to_owned(),
            email: account.email.as_str().to_owned(),
            password_hash,
            is_admin,
            email_verified_at: verified.then_some(now),
            locale: locale.map(|l| l.code().to_owned()),
            public_key_pem: None,
            private_key_pem: None,
            created_at: now,
            password_changed_at: now,
        },
    )?;
    Ok(User {
        id,
        username: account.username.clone(),
        email: account.email.clone(),
        is_admin,
        verified,
        locale,
    })
}

fn issue_email_token(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    purpose: &str,
    valid_hours: i64,
) -> Result<String, AppError> {
    let now = ctx.now();
    tokens::void_email_tokens(conn, user_id, purpose, now)?;
    let token = secrets::new_token();
    tokens::insert_email_token(
        conn,
        &tokens::EmailTokenRow {
            token_hash: secrets::hash_token(&token),
            user_id: user_id.to_owned(),
            purpose: purpose.to_owned(),
            created_at: now,
            expires_at: now + Duration::hours(valid_hours),
            used_at: None,
        },
    )?;
    Ok(token)
}

fn send_verification(conn: &mut DbConnection, ctx: &Ctx, user: &User) -> Result<(), AppError> {
    let token = issue_email_token(
        conn,
        ctx,
        &user.id.to_string(),
        PURPOSE_VERIFY,
        ctx.settings.verification_hours,
    )?;
    let link = ctx.settings.url(&format!("/verify-email?token={token}"));
    let locale = mail_locale(conn, user.locale)?;
    let city = city_name(conn)?;
    mail_outbox::enqueue(
        conn,
        ctx,
        &MailKind::VerifyEmail {
            valid_hours: ctx.settings.verification_hours,
            username: user.username.to_string(),
            link,
        },
        locale,
        user.email.as_str(),
        &city,
    )?;
    Ok(())
}

/// Signs a resident up and queues the verification mail. When the address already has an
/// account, the owner is told by mail instead, and the caller sees the same success.
pub async fn signup(
    ctx: &Ctx,
    input: SignupInput,
    locale: Locale,
    ip: &str,
) -> Result<(), AppError> {
    let account = NewAccount::validate(&input)?;
    // Hash before looking anything up, so both paths cost the same.
    let hash = passwords::hash(&account.password)?;
    let ctx2 = ctx.clone();
    let ip_bucket = format!("signup-ip:{ip}");
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            throttle::hit(conn, ctx, &ip_bucket, throttle::SIGNUP_PER_IP)?;
            let (name_taken, email_taken) = users::exists_username_or_email(
                conn,
                account.username.as_str(),
                account.email.as_str(),
            )?;
            if email_taken {
                let existing =
                    users::by_email(conn, account.email.as_str())?.ok_or(AppError::NotFound)?;
                let owner = User::try_from(existing)?;
                let city = city_name(conn)?;
                let kind = MailKind::SignupExistingAccount {
                    username: owner.username.to_string(),
                    login_link: ctx.settings.url("/login"),
                    reset_link: ctx.settings.url("/password/forgot"),
                };
                mail_outbox::enqueue(
                    conn,
                    ctx,
                    &kind,
                    owner.locale.unwrap_or(locale),
                    owner.email.as_str(),
                    &city,
                )?;
                return Ok(());
            }
            if name_taken {
                return Err(AppError::UsernameTaken);
            }
            let user = insert_account(conn, ctx, &account, hash, false, false, Some(locale))?;
            send_verification(conn, ctx, &user)
        })
        .await
}

/// Whether an email token can still be used for `purpose`.
fn token_is_live(row: &tokens::EmailTokenRow, purpose: &str, now: chrono::NaiveDateTime) -> bool {
    row.purpose == purpose && row.used_at.is_none() && row.expires_at > now
}

/// Spends an email token once: it must exist, serve `purpose` and be unexpired; of two
/// concurrent uses only one succeeds (the update is conditional on it being unused).
fn spend_email_token(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: &str,
    now: chrono::NaiveDateTime,
) -> Result<tokens::EmailTokenRow, AppError> {
    let row = tokens::email_token(conn, token_hash)?.ok_or(AppError::InvalidLink)?;
    if !token_is_live(&row, purpose, now) || !tokens::use_email_token(conn, token_hash, now)? {
        return Err(AppError::InvalidLink);
    }
    Ok(row)
}

/// Follows a verification link: single-use, expiring, bound to its account.
pub async fn verify_email(ctx: &Ctx, token: &str) -> Result<User, AppError> {
    let hash = secrets::hash_token(token);
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let now = ctx2.now();
            let row = spend_email_token(conn, &hash, PURPOSE_VERIFY, now)?;
            users::mark_verified(conn, &row.user_id, now)?;
            let user = users::by_id(conn, &row.user_id)?.ok_or(AppError::InvalidLink)?;
            User::try_from(user)
        })
        .await
}

/// Sends a new verification link to an unverified account. Same answer for any address.
pub async fn resend_verification(ctx: &Ctx, email: &str, ip: &str) -> Result<(), AppError> {
    let email = EmailAddress::parse(email)?;
    let ctx2 = ctx.clone();
    let ip = ip.to_owned();
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            throttle::mail_request(conn, ctx, "resend", email.as_str(), &ip)?;
            if let Some(row) = users::by_email(conn, email.as_str())? {
                let user = User::try_from(row)?;
                if !user.verified {
                    send_verification(conn, ctx, &user)?;
                }
            }
            Ok(())
        })
        .await
}

/// Checks the password and opens a session; returns the user and the session cookie secret.
/// Failures are throttled per IP and per account, and unknown addresses cost a real hash check.
pub async fn login(
    ctx: &Ctx,
    email: &str,
    password: &str,
    ip: &str,
) -> Result<(User, String), AppError> {
    let password = Password::offered(password).map_err(|_| AppError::BadCredentials)?;
    let email = EmailAddress::parse(email).map_err(|_| AppError::BadCredentials)?;
    let ip_bucket = format!("login-ip:{ip}");
    let account_bucket = format!("login-account:{email}");
    let (ib, ab, em) = (ip_bucket.clone(), account_bucket.clone(), email.clone());
    let ctx2 = ctx.clone();
    let row = ctx
        .db
        .write(move |conn| {
            throttle::check(conn, &ctx2, &ib, throttle::LOGIN_PER_IP)?;
            throttle::check(conn, &ctx2, &ab, throttle::LOGIN_PER_ACCOUNT)?;
            Ok::<_, AppError>(users::by_email(conn, em.as_str())?)
        })
        .await?;
    let password_ok = match &row {
        Some(row) => {
            let (pw, stored) = (password.clone(), row.password_hash.clone());
            tokio::task::spawn_blocking(move || passwords::verify(&pw, &stored))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?
        }
        None => {
            let pw = password.clone();
            tokio::task::spawn_blocking(move || passwords::verify_against_dummy(&pw))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            false
        }
    };
    let ctx2 = ctx.clone();
    match (row, password_ok) {
        (Some(row), true) => {
            let user = User::try_from(row)?;
            let user_id = user.id;
            let token = ctx2
                .db
                .write({
                    let ctx = ctx2.clone();
                    move |conn| {
                        // Only the right password learns that the account is suspended.
                        if users::suspension(conn, &user_id.to_string())?.is_some() {
                            return Err(AppError::AccountSuspended);
                        }
                        sessions::create(conn, &ctx, user_id)
                    }
                })
                .await?;
            Ok((user, token))
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

/// Mails a reset link when the address has an account. Same answer for any address.
pub async fn request_password_reset(
    ctx: &Ctx,
    email: &str,
    locale: Locale,
    ip: &str,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(email)?;
    let ctx2 = ctx.clone();
    let ip = ip.to_owned();
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            throttle::mail_request(conn, ctx, "reset", email.as_str(), &ip)?;
            if let Some(row) = users::by_email(conn, email.as_str())? {
                let user = User::try_from(row)?;
                let token = issue_email_token(
                    conn,
                    ctx,
                    &user.id.to_string(),
                    PURPOSE_RESET,
                    ctx.settings.reset_hours,
                )?;
                let link = ctx.settings.url(&format!("/password/reset?token={token}"));
                let city = city_name(conn)?;
                let kind = MailKind::PasswordReset {
                    valid_hours: ctx.settings.reset_hours,
                    username: user.username.to_string(),
                    link,
                };
                mail_outbox::enqueue(
                    conn,
                    ctx,
                    &kind,
                    user.locale.unwrap_or(locale),
                    user.email.as_str(),
                    &city,
                )?;
            }
            Ok(())
        })
        .await
}

/// Whether a reset link is still good (to show the form or an error first).
pub async fn reset_link_valid(ctx: &Ctx, token: &str) -> Result<bool, AppError> {
    let hash = secrets::hash_token(token);
    let now = ctx.now();
    Ok(ctx
        .db
        .run(move |conn| tokens::email_token(conn, &hash))
        .await?
        .is_some_and(|row| token_is_live(&row, PURPOSE_RESET, now)))
}

/// Sets a new password from a reset link; ends every session and API token of the account.
/// A reset also proves the address, so an unverified account becomes verified.
pub async fn reset_password(
    ctx: &Ctx,
    token: &str,
    password: &str,
    confirm: &str,
) -> Result<User, AppError> {
    let password = Password::new(password)?;
    if password.expose() != confirm {
        return Err(AppError::PasswordsDiffer);
    }
    let hash = passwords::hash(&password)?;
    let token_hash = secrets::hash_token(token);
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            let now = ctx.now();
            let row = spend_email_token(conn, &token_hash, PURPOSE_RESET, now)?;
            users::set_password_hash(conn, &row.user_id, &hash, now)?;
            users::mark_verified(conn, &row.user_id, now)?;
            citysync_storage::sessions::delete_for_user(conn, &row.user_id, None)?;
            tokens::revoke_api_tokens_of_user(conn, &row.user_id, now)?;
            crate::oauth::revoke_all_of_user(conn, &row.user_id, now)?;
            let user =
                User::try_from(users::by_id(conn, &row.user_id)?.ok_or(AppError::InvalidLink)?)?;
            let city = city_name(conn)?;
            let locale = mail_locale(conn, user.locale)?;
            mail_outbox::enqueue(
                conn,
                ctx,
                &MailKind::PasswordChanged {
                    username: user.username.to_string(),
                },
                locale,
                user.email.as_str(),
                &city,
            )?;
            Ok(user)
        })
        .await
}

/// Changes the password of a signed-in person; other sessions and all API tokens end.
pub async fn change_password(
    ctx: &Ctx,
    user: &User,
    current: &str,
    new: &str,
    confirm: &str,
    keep_session_hash: Option<String>,
) -> Result<(), AppError> {
    let current = Password::offered(current).map_err(|_| AppError::CurrentPasswordWrong)?;
    let new = Password::new(new)?;
    if new.expose() != confirm {
        return Err(AppError::PasswordsDiffer);
    }
    let user_id = user.id.to_string();
    let stored = {
        let id = user_id.clone();
        ctx.db
            .run(move |conn| users::by_id(conn, &id))
            .await?
            .ok_or(AppError::NotFound)?
            .password_hash
    };
    let ok = tokio::task::spawn_blocking(move || passwords::verify(&current, &stored))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if !ok {
        return Err(AppError::CurrentPasswordWrong);
    }
    let hash = passwords::hash(&new)?;
    let ctx2 = ctx.clone();
    let (username, email, locale) = (
        user.username.to_string(),
        user.email.to_string(),
        user.locale,
    );
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            let now = ctx.now();
            users::set_password_hash(conn, &user_id, &hash, now)?;
            citysync_storage::sessions::delete_for_user(
                conn,
                &user_id,
                keep_session_hash.as_deref(),
            )?;
            tokens::revoke_api_tokens_of_user(conn, &user_id, now)?;
            crate::oauth::revoke_all_of_user(conn, &user_id, now)?;
            let city = city_name(conn)?;
            let locale = mail_locale(conn, locale)?;
            mail_outbox::enqueue(
                conn,
                ctx,
                &MailKind::PasswordChanged { username },
                locale,
                &email,
                &city,
            )?;
            Ok(())
        })
        .await
}

/// Saves the language a person chose (None: follow the browser).
pub async fn set_locale(
    ctx: &Ctx,
    user_id: UserId,
    locale: Option<Locale>,
) -> Result<(), AppError> {
    let id = user_id.to_string();
    ctx.db
        .run(move |conn| users::set_locale(conn, &id, locale.map(|l| l.code())))
        .await?;
    Ok(())
}

pub async fn by_username(ctx: &Ctx, username: &str) -> Result<Option<User>, AppError> {
    let name = username.to_ascii_lowercase();
    ctx.db
        .run(move |conn| users::by_username(conn, &name))
        .await?
        .map(User::try_from)
        .transpose()
}

pub async fn by_id(ctx: &Ctx, id: UserId) -> Result<Option<User>, AppError> {
    ctx.db
        .run(move |conn| users::by_id(conn, &id.to_string()))
        .await?
        .map(User::try_from)
        .transpose()
}

/// Creates an account directly (the `citysync admin create-user` command).
pub async fn create_user(
    ctx: &Ctx,
    username: &str,
    email: &str,
    password: &str,
    is_admin: bool,
    verified: bool,
) -> Result<User, AppError> {
    let account = NewAccount::validate(&SignupInput {
        username: username.to_owned(),
        email: email.to_owned(),
        password: password.to_owned(),
        password_confirm: password.to_owned(),
    })?;
    let hash = passwords::hash(&account.password)?;
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let (name_taken, email_taken) = users::exists_username_or_email(
                conn,
                account.username.as_str(),
                account.email.as_str(),
            )?;
            if name_taken {
                return Err(AppError::UsernameTaken);
            }
            if email_taken {
                return Err(AppError::Domain(citysync_domain::DomainError::EmailInvalid));
            }
            let user = insert_account(conn, &ctx2, &account, hash, is_admin, verified, None)?;
            if !verified {
                send_verification(conn, &ctx2, &user)?;
            }
            Ok(user)
        })
        .await
}

/// A resident's public profile: what their federated actor shows, and whether attestations
/// of their work name them (otherwise a per-city pseudonym stands for them).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Profile {
    pub display_name: Option<String>,
    pub public: bool,
}

pub async fn profile(ctx: &Ctx, user_id: &str) -> Result<Profile, AppError> {
    let id = user_id.to_owned();
    let (display_name, public) = ctx
        .db
        .run(move |conn| citysync_storage::users::profile(conn, &id))
        .await?;
    Ok(Profile {
        display_name,
        public,
    })
}

/// Changes the resident's profile; the name is optional and at most 80 characters.
pub async fn set_profile(
    ctx: &Ctx,
    user: &User,
    display_name: &str,
    public: bool,
) -> Result<Profile, AppError> {
    let name = citysync_domain::text::optional("display_name", display_name, 80)?;
    let name = (!name.is_empty() && !name.contains('\n')).then_some(name);
    let (id, name2) = (user.id.to_string(), name.clone());
    ctx.db
        .write(move |conn| {
            citysync_storage::users::set_profile(conn, &id, name2.as_deref(), public)?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(Profile {
        display_name: name,
        public,
    })
}
