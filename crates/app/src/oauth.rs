//! The OAuth 2 provider (RFC 6749 hardened to RFC 9700, Mastodon's conventions): apps
//! register with their redirect URIs and scopes; a resident's consent gives an app a grant;
//! codes are single-use, ten minutes, bound to the app, the redirect URI and a PKCE S256
//! challenge; refresh tokens rotate, and a replayed code or refresh token revokes the grant
//! it made. Secrets and tokens are stored hashed.

use crate::accounts::User;
use crate::{secrets, AppError, Ctx, Settings};
use chrono::{Duration, NaiveDateTime};
use citysync_domain::oauth::{self, CodeChallenge, RedirectUris};
use citysync_domain::{text, Scope, ScopeSet};
use citysync_storage::oauth as store;
use citysync_storage::{users, DbConnection};

const ACCESS: &str = "access";
const REFRESH: &str = "refresh";

/// An error of the token or revocation endpoint, as RFC 6749 §5.2 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    UnauthorizedClient,
    UnsupportedGrantType,
    InvalidScope,
}

impl TokenError {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenError::InvalidRequest => "invalid_request",
            TokenError::InvalidClient => "invalid_client",
            TokenError::InvalidGrant => "invalid_grant",
            TokenError::UnauthorizedClient => "unauthorized_client",
            TokenError::UnsupportedGrantType => "unsupported_grant_type",
            TokenError::InvalidScope => "invalid_scope",
        }
    }
}

/// What registering an app returns; the secret is shown this once.
#[derive(Debug, Clone)]
pub struct RegisteredApp {
    pub client_id: String,
    pub client_secret: Option<String>,
    pub name: String,
    pub website: Option<String>,
    pub redirect_uris: Vec<String>,
    pub scopes: ScopeSet,
    /// When it was registered (RFC 7591's `client_id_issued_at`).
    pub issued_at: NaiveDateTime,
}

/// This server's issuer identifier (RFC 8414 §2): the public URL's origin, with no
/// trailing slash, so that `{issuer}/.well-known/oauth-authorization-server` is the
/// metadata's address and clients comparing it exactly (§3.3, RFC 9207 `iss`) find it equal.
pub fn issuer(settings: &Settings) -> String {
    settings.public_url.origin().ascii_serialization()
}

/// `POST /api/v1/apps`.
#[derive(Debug, Clone, Default)]
pub struct AppInput {
    pub client_name: String,
    /// One URI per item (a Mastodon app's whitespace-separated string is split first).
    pub redirect_uris: Vec<String>,
    /// Space-separated; `read` when empty.
    pub scopes: String,
    pub website: String,
    /// A public client (a phone or browser app) has no secret and must use PKCE.
    pub public_client: bool,
}

pub async fn register(ctx: &Ctx, input: AppInput) -> Result<RegisteredApp, AppError> {
    let name = text::required("client_name", &input.client_name, 100)?;
    let website = match input.website.trim() {
        "" => None,
        w => Some(text::web_address(w)?),
    };
    let redirect_uris = RedirectUris::from_list(input.redirect_uris)?;
    let scopes = match input.scopes.trim() {
        "" => ScopeSet::parse("read")?,
        s => ScopeSet::parse(s)?,
    };
    let client_id = secrets::new_token();
    let client_secret = (!input.public_client).then(secrets::new_token);
    let issued_at = ctx.now();
    let row = store::AppRow {
        client_id: client_id.clone(),
        secret_hash: client_secret.as_deref().map(secrets::hash_token),
        name: name.clone(),
        website: website.clone(),
        redirect_uris: redirect_uris.to_stored(),
        scopes: scopes.to_string(),
        created_at: issued_at,
        deleted_at: None,
    };
    ctx.db
        .write(move |conn| Ok::<_, AppError>(store::insert_app(conn, &row)?))
        .await?;
    Ok(RegisteredApp {
        client_id,
        client_secret,
        name,
        website,
        redirect_uris: redirect_uris.iter().map(str::to_owned).collect(),
        scopes,
        issued_at,
    })
}

/// An authorization request, checked: what the consent page shows and what approving it
/// binds the code to.
#[derive(Debug, Clone)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub app_name: String,
    pub website: Option<String>,
    pub redirect_uri: String,
    pub scopes: ScopeSet,
    pub state: Option<String>,
    pub code_challenge: String,
}

impl AuthorizationRequest {
    /// The scopes that move credit, vote or administer, shown apart on the consent page.
    pub fn sensitive_scopes(&self) -> Vec<Scope> {
        self.scopes.iter().filter(|s| s.is_sensitive()).collect()
    }
}

/// Why an authorization request cannot go on. `Page` errors are shown on our own page and
/// never sent to the redirect URI (it is unknown or unregistered); `Redirect` errors are
/// sent back to the app's registered redirect URI with `state` (RFC 6749 §4.1.2.1).
#[derive(Debug)]
pub enum AuthorizeError {
    Page(AppError),
    Redirect {
        redirect_uri: String,
        error: &'static str,
        state: Option<String>,
    },
}

/// The query of `GET /oauth/authorize`.
#[derive(Debug, Clone, Default)]
pub struct AuthorizeQuery {
    pub client_id: String,
    pub redirect_uri: String,
    pub response_type: String,
    pub scope: String,
    pub state: Option<String>,
    pub code_challenge: String,
    pub code_challenge_method: String,
}

/// Checks an authorization request: the app exists, the redirect URI is one it registered
/// (exactly), it asks for a code with PKCE S256, and only scopes it registered.
pub async fn check_authorization(
    ctx: &Ctx,
    query: AuthorizeQuery,
) -> Result<AuthorizationRequest, AuthorizeError> {
    let id = query.client_id.clone();
    let app = ctx
        .run(move |conn| Ok(store::app(conn, &id)?))
        .await
        .map_err(AuthorizeError::Page)?
        .ok_or(AuthorizeError::Page(AppError::OAuthClientUnknown))?;
    let registered = RedirectUris::parse(&app.redirect_uris)
        .map_err(|e| AuthorizeError::Page(AppError::internal(e)))?;
    if !registered.allows(&query.redirect_uri) {
        return Err(AuthorizeError::Page(AppError::OAuthRedirectMismatch));
    }
    let back = |error: &'static str| AuthorizeError::Redirect {
        redirect_uri: query.redirect_uri.clone(),
        error,
        state: query.state.clone(),
    };
    if query.response_type != "code" {
        return Err(back("unsupported_response_type"));
    }
    CodeChallenge::parse(&query.code_challenge, &query.code_challenge_method)
        .map_err(|_| back("invalid_request"))?;
    let allowed = ScopeSet::parse(&app.scopes).map_err(|_| back("server_error"))?;
    let scopes = match query.scope.trim() {
        "" => ScopeSet::parse("read").map_err(|_| back("invalid_scope"))?,
        s => ScopeSet::parse(s).map_err(|_| back("invalid_scope"))?,
    };
    if scopes.is_empty() || scopes.iter().any(|s| !allowed.allows(s)) {
        return Err(back("invalid_scope"));
    }
    Ok(AuthorizationRequest {
        client_id: app.client_id,
        app_name: app.name,
        website: app.website,
        redirect_uri: query.redirect_uri,
        scopes,
        state: query.state,
        code_challenge: query.code_challenge,
    })
}

/// The resident approved: a single-use code for this app, redirect URI, scopes and PKCE
/// challenge, good for ten minutes.
pub async fn approve(
    ctx: &Ctx,
    user: &User,
    request: &AuthorizationRequest,
) -> Result<String, AppError> {
    let code = format!("csc_{}", secrets::new_token());
    let now = ctx.now();
    let row = store::CodeRow {
        code_hash: secrets::hash_token(&code),
        client_id: request.client_id.clone(),
        user_id: user.id.to_string(),
        redirect_uri: request.redirect_uri.clone(),
        scopes: request.scopes.to_string(),
        code_challenge: request.code_challenge.clone(),
        created_at: now,
        expires_at: now + Duration::seconds(oauth::CODE_SECONDS),
        used_at: None,
        grant_id: None,
    };
    ctx.db
        .write(move |conn| Ok::<_, AppError>(store::insert_code(conn, &row)?))
        .await?;
    Ok(code)
}

/// How the app identified itself at the token endpoint.
#[derive(Debug, Clone, Default)]
pub struct ClientAuth {
    pub client_id: String,
    pub client_secret: Option<String>,
}

/// What the token endpoint answers.
#[derive(Debug, Clone)]
pub struct Issued {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: Option<String>,
    pub scope: ScopeSet,
}

/// The app, if the client authenticated as it: a confidential app with its secret, a
/// public one with none.
fn authenticated_app(
    conn: &mut DbConnection,
    client: &ClientAuth,
) -> Result<Result<store::AppRow, TokenError>, AppError> {
    let Some(app) = store::app(conn, &client.client_id)? else {
        return Ok(Err(TokenError::InvalidClient));
    };
    let ok = match (&app.secret_hash, &client.client_secret) {
        (Some(hash), Some(secret)) => {
            secrets::constant_time_eq(hash.as_bytes(), secrets::hash_token(secret).as_bytes())
        }
        (None, None) => true,
        _ => false,
    };
    Ok(if ok {
        Ok(app)
    } else {
        Err(TokenError::InvalidClient)
    })
}

/// Issues an access token (and, for a resident's grant, a refresh token) of `grant`.
fn issue(
    conn: &mut DbConnection,
    grant: &store::GrantRow,
    with_refresh: bool,
    now: NaiveDateTime,
) -> Result<Issued, AppError> {
    let access = format!("csa_{}", secrets::new_token());
    store::insert_token(
        conn,
        &store::TokenRow {
            token_hash: secrets::hash_token(&access),
            grant_id: grant.id.clone(),
            kind: ACCESS.into(),
            created_at: now,
            expires_at: now + Duration::seconds(oauth::ACCESS_SECONDS),
            used_at: None,
            revoked_at: None,
        },
    )?;
    let refresh = if with_refresh {
        let refresh = format!("csr_{}", secrets::new_token());
        store::insert_token(
            conn,
            &store::TokenRow {
                token_hash: secrets::hash_token(&refresh),
                grant_id: grant.id.clone(),
                kind: REFRESH.into(),
                created_at: now,
                expires_at: now + Duration::days(oauth::REFRESH_DAYS),
                used_at: None,
                revoked_at: None,
            },
        )?;
        Some(refresh)
    } else {
        None
    };
    Ok(Issued {
        access_token: access,
        expires_in: oauth::ACCESS_SECONDS,
        refresh_token: refresh,
        scope: ScopeSet::parse(&grant.scopes)?,
    })
}

/// `grant_type=authorization_code`. A code used a second time revokes the grant its first
/// use made (RFC 9700 §4.6).
pub async fn exchange_code(
    ctx: &Ctx,
    client: ClientAuth,
    code: &str,
    redirect_uri: &str,
    code_verifier: &str,
) -> Result<Result<Issued, TokenError>, AppError> {
    let (hash, redirect_uri, verifier, now) = (
        secrets::hash_token(code),
        redirect_uri.to_owned(),
        code_verifier.to_owned(),
        ctx.now(),
    );
    ctx.db
        .write(move |conn| {
            let app = match authenticated_app(conn, &client)? {
                Ok(app) => app,
                Err(e) => return Ok(Err(e)),
            };
            let Some(code) = store::code(conn, &hash)? else {
                return Ok(Err(TokenError::InvalidGrant));
            };
            if code.client_id != app.client_id {
                return Ok(Err(TokenError::InvalidGrant));
            }
            if code.used_at.is_some() {
                if let Some(grant) = &code.grant_id {
                    store::revoke_grant(conn, grant, now)?;
                    tracing::warn!(client = %app.client_id, "authorization code replayed: its grant is revoked");
                }
                return Ok(Err(TokenError::InvalidGrant));
            }
            let challenge = CodeChallenge::from_stored(&code.code_challenge);
            if code.expires_at <= now
                || code.redirect_uri != redirect_uri
                || !challenge.verifies(&verifier)
            {
                return Ok(Err(TokenError::InvalidGrant));
            }
            let grant = store::GrantRow {
                id: secrets::new_id(),
                client_id: app.client_id.clone(),
                user_id: Some(code.user_id.clone()),
                scopes: code.scopes.clone(),
                created_at: now,
                last_used_at: Some(now),
                revoked_at: None,
            };
            store::insert_grant(conn, &grant)?;
            if !store::use_code(conn, &hash, &grant.id, now)? {
                return Ok(Err(TokenError::InvalidGrant));
            }
            Ok(Ok(issue(conn, &grant, true, now)?))
        })
        .await
}

/// `grant_type=refresh_token`: the refresh token is spent and a new pair issued. A spent
/// refresh token presented again revokes the whole grant (RFC 9700 §4.14.2). `scope`, when
/// given, may only narrow the grant's scopes.
pub async fn refresh(
    ctx: &Ctx,
    client: ClientAuth,
    refresh_token: &str,
    scope: Option<&str>,
) -> Result<Result<Issued, TokenError>, AppError> {
    let (hash, scope, now) = (
        secrets::hash_token(refresh_token),
        scope.map(str::to_owned),
        ctx.now(),
    );
    ctx.db
        .write(move |conn| {
            let app = match authenticated_app(conn, &client)? {
                Ok(app) => app,
                Err(e) => return Ok(Err(e)),
            };
            let Some((token, mut grant, _)) = store::token(conn, &hash)? else {
                return Ok(Err(TokenError::InvalidGrant));
            };
            if token.kind != REFRESH || grant.client_id != app.client_id {
                return Ok(Err(TokenError::InvalidGrant));
            }
            if token.used_at.is_some() {
                store::revoke_grant(conn, &grant.id, now)?;
                tracing::warn!(client = %app.client_id, "refresh token replayed: its grant is revoked");
                return Ok(Err(TokenError::InvalidGrant));
            }
            if token.revoked_at.is_some() || token.expires_at <= now || grant.revoked_at.is_some()
            {
                return Ok(Err(TokenError::InvalidGrant));
            }
            let mut narrowed = false;
            if let Some(scope) = scope.as_deref().filter(|s| !s.trim().is_empty()) {
                let held = ScopeSet::parse(&grant.scopes)?;
                let Ok(wanted) = ScopeSet::parse(scope) else {
                    return Ok(Err(TokenError::InvalidScope));
                };
                if wanted.iter().any(|s| !held.allows(s)) {
                    return Ok(Err(TokenError::InvalidScope));
                }
                let wanted = wanted.to_string();
                narrowed = wanted != grant.scopes;
                grant.scopes = wanted;
            }
            if !store::use_token(conn, &hash, now)? {
                return Ok(Err(TokenError::InvalidGrant));
            }
            // A narrowed refresh narrows the grant itself, so the new access token, the new
            // refresh token (and every later refresh) hold only what was asked: never more.
            if narrowed {
                store::set_grant_scopes(conn, &grant.id, &grant.scopes)?;
            }
            store::touch_grant(conn, &grant.id, now)?;
            Ok(Ok(issue(conn, &grant, true, now)?))
        })
        .await
}

/// `grant_type=client_credentials`: a confidential app's own token, for public reads only
/// (`read`); it acts for no resident.
pub async fn client_credentials(
    ctx: &Ctx,
    client: ClientAuth,
    scope: Option<&str>,
) -> Result<Result<Issued, TokenError>, AppError> {
    let (scope, now) = (scope.unwrap_or("read").to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            let app = match authenticated_app(conn, &client)? {
                Ok(app) => app,
                Err(e) => return Ok(Err(e)),
            };
            if app.secret_hash.is_none() {
                return Ok(Err(TokenError::UnauthorizedClient));
            }
            let scope = if scope.trim().is_empty() {
                "read"
            } else {
                scope.as_str()
            };
            match ScopeSet::parse(scope) {
                Ok(s) if !s.is_empty() && s.iter().all(|x| x == Scope::Read) => {}
                _ => return Ok(Err(TokenError::InvalidScope)),
            }
            let grant = store::GrantRow {
                id: secrets::new_id(),
                client_id: app.client_id,
                user_id: None,
                scopes: "read".into(),
                created_at: now,
                last_used_at: Some(now),
                revoked_at: None,
            };
            store::insert_grant(conn, &grant)?;
            Ok(Ok(issue(conn, &grant, false, now)?))
        })
        .await
}

/// `POST /oauth/revoke` (RFC 7009): an access token ends; a refresh token ends its whole
/// grant. An unknown token, or another app's, changes nothing and is not an error.
pub async fn revoke(
    ctx: &Ctx,
    client: ClientAuth,
    token: &str,
) -> Result<Result<(), TokenError>, AppError> {
    let (hash, now) = (secrets::hash_token(token), ctx.now());
    ctx.db
        .write(move |conn| {
            let app = match authenticated_app(conn, &client)? {
                Ok(app) => app,
                Err(e) => return Ok(Err(e)),
            };
            if let Some((token, grant, _)) = store::token(conn, &hash)? {
                if grant.client_id == app.client_id {
                    if token.kind == REFRESH {
                        store::revoke_grant(conn, &grant.id, now)?;
                    } else {
                        store::revoke_token(conn, &hash, now)?;
                    }
                }
            }
            Ok(Ok(()))
        })
        .await
}

/// An app deletes its own registration, authenticating as itself (a confidential app with
/// its secret): every authorization it held and every token it was issued stop at once.
pub async fn delete_app(ctx: &Ctx, client: ClientAuth) -> Result<Result<(), TokenError>, AppError> {
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let app = match authenticated_app(conn, &client)? {
                Ok(app) if app.secret_hash.is_some() => app,
                // A public client proves nothing with its id alone: only an administrator
                // deletes it.
                Ok(_) => return Ok(Err(TokenError::UnauthorizedClient)),
                Err(e) => return Ok(Err(e)),
            };
            store::delete_app(conn, &app.client_id, now)?;
            Ok(Ok(()))
        })
        .await
}

/// An administrator deletes an app (`citysync admin delete-app`); `NotFound` if there is
/// no such live app.
pub async fn delete_app_as_admin(ctx: &Ctx, client_id: &str) -> Result<(), AppError> {
    let (id, now) = (client_id.to_owned(), ctx.now());
    ctx.db
        .write(move |conn| {
            if store::delete_app(conn, &id, now)? {
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        })
        .await
}

/// Who an OAuth access token acts for: a resident (with the scopes they granted) or, for a
/// client-credentials token, only the app.
#[derive(Debug, Clone)]
pub struct Access {
    pub user: Option<User>,
    pub scopes: ScopeSet,
    pub client_id: String,
}

/// The access an OAuth access token gives; `None` when it is not one of ours, or expired,
/// revoked, of a revoked grant or of a deleted app.
pub async fn access(ctx: &Ctx, bearer: &str) -> Result<Option<Access>, AppError> {
    let (hash, now) = (secrets::hash_token(bearer), ctx.now());
    let found = ctx
        .run(move |conn| {
            let Some((token, grant, app)) = store::token(conn, &hash)? else {
                return Ok(None);
            };
            let live = token.kind == ACCESS
                && token.revoked_at.is_none()
                && token.expires_at > now
                && grant.revoked_at.is_none()
                && app.deleted_at.is_none();
            if !live {
                return Ok(None);
            }
            let user = match &grant.user_id {
                // Nor does a suspended resident's, while they stay suspended.
                Some(id) => Some(users::active_by_id(conn, id)?),
                None => None,
            };
            Ok(Some((user, grant.scopes, app.client_id, grant.id)))
        })
        .await?;
    let Some((user, scopes, client_id, grant_id)) = found else {
        return Ok(None);
    };
    // A grant given by a resident whose account is gone (or suspended) acts for no one.
    let user = match user {
        Some(Some(row)) => Some(User::try_from(row)?),
        Some(None) => return Ok(None),
        None => None,
    };
    ctx.db
        .write(move |conn| Ok::<_, AppError>(store::touch_grant(conn, &grant_id, now)?))
        .await?;
    Ok(Some(Access {
        user,
        scopes: ScopeSet::parse(&scopes)?,
        client_id,
    }))
}

/// An app a resident authorized, for their settings page.
#[derive(Debug, Clone)]
pub struct AuthorizedApp {
    pub grant_id: String,
    pub name: String,
    pub website: Option<String>,
    pub scopes: ScopeSet,
    pub authorized_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

pub async fn authorized_apps(ctx: &Ctx, user: &User) -> Result<Vec<AuthorizedApp>, AppError> {
    let id = user.id.to_string();
    let rows = ctx
        .run(move |conn| Ok(store::grants_of_user(conn, &id)?))
        .await?;
    rows.into_iter()
        .map(|(grant, app)| {
            Ok(AuthorizedApp {
                grant_id: grant.id,
                name: app.name,
                website: app.website,
                scopes: ScopeSet::parse(&grant.scopes)?,
                authorized_at: grant.created_at,
                last_used_at: grant.last_used_at,
            })
        })
        .collect()
}

/// A resident withdraws an app's authorization: its tokens stop working at once.
pub async fn revoke_authorization(ctx: &Ctx, user: &User, grant_id: &str) -> Result<(), AppError> {
    let (id, user_id, now) = (grant_id.to_owned(), user.id.to_string(), ctx.now());
    ctx.db
        .write(move |conn| {
            let grant = store::grant(conn, &id)?.ok_or(AppError::NotFound)?;
            if grant.user_id.as_deref() != Some(user_id.as_str()) {
                return Err(AppError::NotFound);
            }
            store::revoke_grant(conn, &id, now)?;
            Ok(())
        })
        .await
}

/// Every grant a resident gave ends (their password changed); in the caller's transaction.
pub(crate) fn revoke_all_of_user(
    conn: &mut DbConnection,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    store::revoke_grants_of_user(conn, user_id, now)?;
    Ok(())
}
