//! Getting back in and changing the password: emailed reset links, a signed-in change;
//! either ends the other sessions and the API tokens.

use super::emailed_link::{self, EmailedLink};
use super::*;

/// Mails a reset link when the address has an account. Same answer for any address.
pub async fn request_password_reset(
    ctx: &Ctx,
    email: &str,
    locale: Locale,
    ip: &str,
) -> Result<(), AppError> {
    let valid_hours = ctx.settings.reset_hours;
    let link = EmailedLink {
        throttle: "reset",
        purpose: PURPOSE_RESET,
        valid: Duration::hours(valid_hours),
        path: "/password/reset",
        next: String::new(),
        mail: move |username, link| MailKind::PasswordReset {
            valid_hours,
            username,
            link,
        },
    };
    emailed_link::request(ctx, email, locale, ip, link).await
}

/// Whether a reset link is still good (to show the form or an error first).
pub async fn reset_link_valid(ctx: &Ctx, token: &str) -> Result<bool, AppError> {
    let hash = secrets::hash_token(token);
    let now = ctx.now();
    Ok(ctx
        .run(move |conn| Ok(tokens::email_token(conn, &hash)?))
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
    let token_hash = secrets::hash_token(token);
    let owner = {
        let token_hash = token_hash.clone();
        let now = ctx.now();
        ctx.run(move |conn| match tokens::email_token(conn, &token_hash)? {
            Some(row) if token_is_live(&row, PURPOSE_RESET, now) => {
                Ok(users::by_id(conn, &row.user_id)?)
            }
            _ => Ok(None),
        })
        .await?
        .ok_or(AppError::InvalidLink)?
    };
    let city = city_name_now(ctx).await?;
    passwords::check_strength(&password, &[&owner.username, &owner.email, &city])?;
    let hash = passwords::hash(&password)?;
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let ctx = &ctx2;
            let now = ctx.now();
            let row = spend_email_token(conn, &token_hash, PURPOSE_RESET, now)?;
            users::set_password_hash(conn, &row.user_id, &hash, now)?;
            users::mark_verified(conn, &row.user_id, now)?;
            citysync_storage::sessions::delete_for_user(conn, &row.user_id, None)?;
            tokens::forget_known_devices(conn, &row.user_id, None)?;
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
    let city = city_name_now(ctx).await?;
    passwords::check_strength(&new, &[user.username.as_str(), user.email.as_str(), &city])?;
    let user_id = user.id.to_string();
    let stored = {
        let id = user_id.clone();
        ctx.run(move |conn| Ok(users::by_id(conn, &id)?))
            .await?
            .ok_or(AppError::NotFound)?
            .password_hash
    };
    let ok = tokio::task::spawn_blocking(move || passwords::verify(&current, &stored))
        .await
        .map_err(AppError::internal)?;
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
