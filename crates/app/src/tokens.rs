//! API bearer tokens: those the OAuth provider (`oauth`) issues to apps, and those the
//! `citysync admin create-token` command issues to scripts.

use crate::accounts::User;
use crate::{secrets, AppError, Ctx};
use citysync_domain::{ScopeSet, TokenId};
use citysync_storage::{tokens, users};

/// Creates a token for `username` with `scopes`; returns the secret (shown once, stored hashed).
pub async fn create(
    ctx: &Ctx,
    username: &str,
    scopes: &str,
    label: &str,
) -> Result<String, AppError> {
    let scopes = ScopeSet::parse(scopes)?;
    if scopes.is_empty() {
        return Err(AppError::Domain(citysync_domain::DomainError::Required(
            "scopes",
        )));
    }
    let name = username.to_ascii_lowercase();
    let label = label.to_owned();
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let user = users::by_username(conn, &name)?.ok_or(AppError::NotFound)?;
            let token = format!("cs_{}", secrets::new_token());
            tokens::insert_api_token(
                conn,
                &tokens::ApiTokenRow {
                    id: TokenId::from_random_bytes(secrets::random_id_bytes()).to_string(),
                    token_hash: secrets::hash_token(&token),
                    user_id: user.id,
                    scopes: scopes.to_string(),
                    label,
                    created_at: ctx2.now(),
                    expires_at: None,
                    last_used_at: None,
                    revoked_at: None,
                },
            )?;
            Ok(token)
        })
        .await
}

/// The account and scopes behind a bearer token; `Unauthenticated` for an unknown, revoked
/// or expired one, and for an app's own client-credentials token, which acts for no resident.
pub async fn authenticate(ctx: &Ctx, bearer: &str) -> Result<(User, ScopeSet), AppError> {
    let (user, scopes) = caller(ctx, bearer).await?;
    Ok((user.ok_or(AppError::Unauthenticated)?, scopes))
}

/// Who a bearer token speaks for: a resident with the scopes they gave, or (`None`) only
/// the app itself, for a client-credentials token. `Unauthenticated` when it is not live.
pub async fn caller(ctx: &Ctx, bearer: &str) -> Result<(Option<User>, ScopeSet), AppError> {
    if let Some(access) = crate::oauth::access(ctx, bearer).await? {
        return Ok((access.user, access.scopes));
    }
    let hash = secrets::hash_token(bearer);
    let now = ctx.now();
    let found = ctx
        .run(move |conn| {
            let Some(token) = tokens::api_token_by_hash(conn, &hash)? else {
                return Ok(None);
            };
            if token.revoked_at.is_some() || token.expires_at.is_some_and(|e| e <= now) {
                return Ok(None);
            }
            tokens::touch_api_token(conn, &token.id, now)?;
            // A suspended account's tokens are refused while it stays suspended.
            Ok(users::active_by_id(conn, &token.user_id)?.map(|u| (u, token.scopes)))
        })
        .await?;
    let (row, scopes) = found.ok_or(AppError::Unauthenticated)?;
    Ok((Some(User::try_from(row)?), ScopeSet::parse(&scopes)?))
}
