//! Browser sessions: a random secret in the cookie, its hash in the database; a new one at
//! every login (session rotation), gone at logout.

use crate::accounts::User;
use crate::{secrets, AppError, Ctx};
use chrono::Duration;
use citysync_domain::UserId;
use citysync_storage::{sessions, users, DbConnection};

/// Opens a session and returns the cookie secret.
pub(crate) fn create(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: UserId,
) -> Result<String, AppError> {
    let token = secrets::new_token();
    let now = ctx.now();
    sessions::insert(
        conn,
        &sessions::SessionRow {
            token_hash: secrets::hash_token(&token),
            user_id: user_id.to_string(),
            created_at: now,
            last_seen_at: now,
            expires_at: now + Duration::days(ctx.settings.session_days),
        },
    )?;
    Ok(token)
}

/// Opens a session for someone the city has just let in (the first administrator at set-up)
/// and returns the cookie secret.
pub async fn open(ctx: &Ctx, user_id: UserId) -> Result<String, AppError> {
    let ctx2 = ctx.clone();
    ctx.db.write(move |conn| create(conn, &ctx2, user_id)).await
}

/// The signed-in person behind a cookie secret, if the session is alive. Extends the session
/// when it was last touched over an hour ago (not on every request: that would be a write per page).
pub async fn resolve(ctx: &Ctx, token: &str) -> Result<Option<(User, String)>, AppError> {
    let hash = secrets::hash_token(token);
    let ctx2 = ctx.clone();
    let found = ctx
        .run(move |conn| {
            let now = ctx2.now();
            let Some(session) = sessions::live(conn, &hash, now)? else {
                return Ok(None);
            };
            if now - session.last_seen_at > Duration::hours(1) {
                sessions::touch(
                    conn,
                    &hash,
                    now,
                    now + Duration::days(ctx2.settings.session_days),
                )?;
            }
            // A suspended account's sessions end with the suspension; refused meanwhile too.
            Ok(users::active_by_id(conn, &session.user_id)?.map(|u| (u, hash)))
        })
        .await?;
    match found {
        Some((row, hash)) => Ok(Some((User::try_from(row)?, hash))),
        None => Ok(None),
    }
}

/// Ends the session behind a cookie secret.
pub async fn end(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let hash = secrets::hash_token(token);
    ctx.run(move |conn| Ok(sessions::delete(conn, &hash)?))
        .await?;
    Ok(())
}
