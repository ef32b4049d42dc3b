//! People's accounts: sign-up with email verification, login, password reset and change,
//! language choice. Responses never reveal whether an email address has an account.

pub mod data_rights;
mod emailed_link;
pub mod fediverse;
mod recovery;
pub mod second_factor;
mod sign_in;

pub use recovery::{change_password, request_password_reset, reset_link_valid, reset_password};
pub use sign_in::{
    login, login_from, request_sign_in_link, request_sign_in_link_to, sign_in_link_valid,
    sign_in_with_link, verify_email_signing_in,
};

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
pub const PURPOSE_SIGN_IN: &str = "signin";
/// How long an emailed one-time sign-in link works.
pub const SIGN_IN_LINK_MINUTES: i64 = 15;
/// How long a browser stays a known device of an account after its last sign-in there.
pub const KNOWN_DEVICE_DAYS: i64 = 365;

/// A successful sign-in: the account, its new session's cookie secret, and the new
/// known-device cookie secret of this browser. For an account with a second factor the
/// first step opens no session: `session` and `device` are empty and
/// `second_factor_ticket` holds the half sign-in's secret for
/// [`second_factor::complete_sign_in`].
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub session: String,
    pub device: String,
    pub second_factor_ticket: Option<String>,
}

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
        NewAccount::validate_in(input, "")
    }

    /// Validates for the city named `city` (its name is one of the words a password must
    /// not be made of).
    pub fn validate_in(input: &SignupInput, city: &str) -> Result<NewAccount, AppError> {
        let username = Username::parse(&input.username)?;
        let email = EmailAddress::parse(&input.email)?;
        let password = Password::new(&input.password)?;
        if input.password != input.password_confirm {
            return Err(AppError::PasswordsDiffer);
        }
        passwords::check_strength(&password, &[username.as_str(), email.as_str(), city])?;
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

/// The city's name, read on its own (a word no password may be made of).
async fn city_name_now(ctx: &Ctx) -> Result<String, AppError> {
    Ok(ctx
        .run(|conn| Ok(instance::get(conn)?.and_then(|i| i.name)))
        .await?
        .unwrap_or_default())
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
        .unwrap_or(Locale::SOURCE))
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
    valid_for: Duration,
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
            expires_at: now + valid_for,
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
        Duration::hours(ctx.settings.verification_hours),
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
    signup_invited(ctx, input, locale, ip, None).await
}

/// [`signup`] through the link of a mailed organization invitation: when the account is
/// made with the invited address, it joins the organization and is verified (the link
/// came to that address). Any other link, or another address, is a plain sign-up.
pub async fn signup_invited(
    ctx: &Ctx,
    input: SignupInput,
    locale: Locale,
    ip: &str,
    invitation: Option<String>,
) -> Result<(), AppError> {
    signup_with(ctx, input, locale, ip, invitation, None).await
}

/// [`signup_invited`] accepting the privacy notice: `privacy_version` must be the version
/// in force (what the form showed, ticked), else nothing is created
/// ([`AppError::PrivacyNotAccepted`]); the acceptance is recorded with the account. The web
/// sign-up uses this; an account made without it accepts at its first page.
pub async fn signup_accepting(
    ctx: &Ctx,
    input: SignupInput,
    locale: Locale,
    ip: &str,
    invitation: Option<String>,
    privacy_version: Option<i32>,
) -> Result<(), AppError> {
    signup_with(ctx, input, locale, ip, invitation, Some(privacy_version)).await
}

async fn signup_with(
    ctx: &Ctx,
    input: SignupInput,
    locale: Locale,
    ip: &str,
    invitation: Option<String>,
    privacy: Option<Option<i32>>,
) -> Result<(), AppError> {
    let city = city_name_now(ctx).await?;
    let account = NewAccount::validate_in(&input, &city)?;
    if let Some(accepted) = privacy {
        crate::privacy_notice::check_accepted(ctx, accepted).await?;
    }
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
            if let Some(accepted) = privacy {
                crate::privacy_notice::record_in(conn, ctx, &user.id.to_string(), accepted)?;
            }
            if let Some(token) = invitation.as_deref().filter(|t| !t.is_empty()) {
                let now = ctx.now();
                let id = user.id.to_string();
                if crate::organizations::join_by_email_invitation(
                    conn,
                    token,
                    &id,
                    &account.email,
                    now,
                )? {
                    users::mark_verified(conn, &id, now)?;
                    return Ok(());
                }
            }
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

/// Saves the language a person chose (None: follow the browser).
pub async fn set_locale(
    ctx: &Ctx,
    user_id: UserId,
    locale: Option<Locale>,
) -> Result<(), AppError> {
    let id = user_id.to_string();
    ctx.run(move |conn| Ok(users::set_locale(conn, &id, locale.map(|l| l.code()))?))
        .await?;
    Ok(())
}

pub async fn by_username(ctx: &Ctx, username: &str) -> Result<Option<User>, AppError> {
    let name = username.to_ascii_lowercase();
    ctx.run(move |conn| Ok(users::by_username(conn, &name)?))
        .await?
        .map(User::try_from)
        .transpose()
}

pub async fn by_id(ctx: &Ctx, id: UserId) -> Result<Option<User>, AppError> {
    ctx.run(move |conn| Ok(users::by_id(conn, &id.to_string())?))
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
            if is_admin {
                // The operator's command line made an administrator.
                crate::privileged_log::record(
                    conn,
                    &crate::privileged_log::Entry::operator(
                        crate::privileged_log::PrivilegedAction::AdministratorGranted,
                        crate::privileged_log::Subject::Account,
                        &user.id.to_string(),
                        ctx2.now(),
                    )
                    .detail(serde_json::json!({ "username": user.username.as_str() })),
                )?;
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
        .run(move |conn| Ok(citysync_storage::users::profile(conn, &id)?))
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
