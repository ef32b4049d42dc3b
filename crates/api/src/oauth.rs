//! The OAuth 2 endpoints apps talk to directly: `POST /api/v1/apps` (registration, as in
//! Mastodon or RFC 7591), `POST /oauth/token`, `POST /oauth/revoke` (RFC 7009) and the RFC 8414
//! metadata. The consent page, `GET /oauth/authorize`, is the web crate's. Token responses
//! carry `Cache-Control: no-store`; their errors are RFC 6749 §5.2's JSON.

use crate::Problem;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use citysync_app::oauth::{self, AppInput, ClientAuth, Issued, TokenError};
use citysync_app::{AppError, Ctx};
use citysync_domain::{DomainError, Scope};
use serde::{Deserialize, Serialize};

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(register_app, delete_app),
    components(schemas(RedirectUrisField, ClientInformation, RegistrationError))
)]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/oauth/token", web::post().to(token))
        .route("/oauth/revoke", web::post().to(revoke))
        .route(
            "/.well-known/oauth-authorization-server",
            web::get().to(metadata),
        );
}

/// `POST /api/v1/apps` as JSON, in either of two dialects. Mastodon's: `redirect_uris` a
/// space- or newline-separated string (or a list, as Mastodon 4.3 takes), `scopes`,
/// `website`. RFC 7591's: `redirect_uris` a list, `scope`, `client_uri`, `grant_types`,
/// `response_types`, `token_endpoint_auth_method`. Members it does not know are ignored
/// (RFC 7591 §2). `token_endpoint_auth_method: "none"` registers a public client (no
/// secret, PKCE only).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AppRequest {
    /// Required (City/Sync shows it on the consent page).
    #[serde(default)]
    #[schema(max_length = 100)]
    pub client_name: String,
    #[serde(default)]
    pub redirect_uris: Option<RedirectUrisField>,
    /// Mastodon: space-separated scopes; `read` when empty.
    #[serde(default)]
    pub scopes: Option<String>,
    /// Mastodon: the app's home page.
    #[serde(default)]
    pub website: Option<String>,
    /// RFC 7591: space-separated scopes; `read` when absent.
    #[serde(default)]
    pub scope: Option<String>,
    /// RFC 7591: the app's home page.
    #[serde(default)]
    pub client_uri: Option<String>,
    /// RFC 7591: of `authorization_code` (the default), `refresh_token`, `client_credentials`.
    #[serde(default)]
    pub grant_types: Option<Vec<String>>,
    /// RFC 7591: only `code`.
    #[serde(default)]
    pub response_types: Option<Vec<String>>,
    /// `client_secret_basic` (the default), `client_secret_post` or `none`.
    #[serde(default)]
    pub token_endpoint_auth_method: Option<String>,
}

/// Mastodon's whitespace-separated string, or RFC 7591's list.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum RedirectUrisField {
    Text(String),
    List(Vec<String>),
}

/// `POST /api/v1/apps` as a form: Mastodon's fields.
#[derive(Debug, Deserialize)]
pub struct AppForm {
    #[serde(default)]
    pub client_name: String,
    #[serde(default)]
    pub redirect_uris: String,
    #[serde(default)]
    pub scopes: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub token_endpoint_auth_method: Option<String>,
}

/// A registered app, as Mastodon answers; `client_secret` is shown this once (absent for a
/// public client).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AppResponse {
    pub id: String,
    pub name: String,
    pub website: Option<String>,
    pub redirect_uri: String,
    pub redirect_uris: Vec<String>,
    pub client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    pub scopes: Vec<String>,
    /// `none` (public client, PKCE only) or `client_secret_basic`.
    pub token_endpoint_auth_method: String,
}

/// A registered app, as RFC 7591 §3.2.1 answers; `client_secret` is shown this once
/// (absent for a public client).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClientInformation {
    pub client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Seconds since the epoch.
    pub client_id_issued_at: i64,
    /// `0`: the secret does not expire (present when a secret is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret_expires_at: Option<i64>,
    pub client_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    pub redirect_uris: Vec<String>,
    /// Space-separated.
    pub scope: String,
    pub grant_types: Vec<String>,
    pub response_types: Vec<String>,
    pub token_endpoint_auth_method: String,
}

/// An RFC 7591 §3.2.2 error.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RegistrationError {
    /// `invalid_redirect_uri` or `invalid_client_metadata`.
    pub error: String,
    pub error_description: String,
}

const AUTH_METHODS: [&str; 3] = ["client_secret_basic", "client_secret_post", "none"];
const GRANT_TYPES: [&str; 3] = ["authorization_code", "refresh_token", "client_credentials"];

fn registration_error(error: &str, description: String) -> HttpResponse {
    no_store(HttpResponse::BadRequest()).json(RegistrationError {
        error: error.to_owned(),
        error_description: description,
    })
}

/// Register an app: its name, exact redirect URIs and the scopes it may ask for. Then send
/// residents to `/oauth/authorize` (code + PKCE S256) and trade the code at `/oauth/token`;
/// both are described in `/.well-known/oauth-authorization-server`. Mastodon's request
/// (a `redirect_uris` string, `scopes`, `website`, or any form) is answered `200` as
/// Mastodon answers, its errors as problems; RFC 7591's (a `redirect_uris` list and none of
/// Mastodon's members) `201` as RFC 7591 §3.2.1 answers, its errors as §3.2.2's.
#[utoipa::path(post, path = "/api/v1/apps", tag = "apps",
    request_body(content = AppRequest, description = "JSON (Mastodon's or RFC 7591's members) or a form (Mastodon's)"),
    responses(
        (status = 200, description = "Registered (Mastodon's request)", body = AppResponse),
        (status = 201, description = "Registered (RFC 7591's request)", body = ClientInformation),
        (status = 400, description = "A redirect URI or scope is not acceptable: a problem for Mastodon's request, `invalid_redirect_uri` or `invalid_client_metadata` for RFC 7591's",
            content(
                (Problem = "application/problem+json"),
                (RegistrationError = "application/json"),
            )),
    ))]
pub async fn register_app(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    body: web::Either<web::Json<AppRequest>, web::Form<AppForm>>,
) -> Result<HttpResponse, Problem> {
    let body = match body {
        web::Either::Left(json) => json.into_inner(),
        web::Either::Right(form) => {
            let form = form.into_inner();
            return register_mastodon(
                &req,
                &ctx,
                AppRequest {
                    client_name: form.client_name,
                    redirect_uris: Some(RedirectUrisField::Text(form.redirect_uris)),
                    scopes: Some(form.scopes),
                    website: Some(form.website),
                    scope: None,
                    client_uri: None,
                    grant_types: None,
                    response_types: None,
                    token_endpoint_auth_method: form.token_endpoint_auth_method,
                },
            )
            .await;
        }
    };
    let mastodon = matches!(body.redirect_uris, Some(RedirectUrisField::Text(_)))
        || body.scopes.is_some()
        || body.website.is_some();
    if mastodon {
        register_mastodon(&req, &ctx, body).await
    } else {
        register_rfc7591(&req, &ctx, body).await
    }
}

fn split_uris(field: Option<RedirectUrisField>) -> Vec<String> {
    match field {
        None => Vec::new(),
        Some(RedirectUrisField::Text(text)) => text.split_whitespace().map(str::to_owned).collect(),
        Some(RedirectUrisField::List(list)) => list,
    }
}

async fn register_mastodon(
    req: &HttpRequest,
    ctx: &Ctx,
    body: AppRequest,
) -> Result<HttpResponse, Problem> {
    let public_client = body.token_endpoint_auth_method.as_deref() == Some("none");
    let app = oauth::register(
        ctx,
        AppInput {
            client_name: body.client_name,
            redirect_uris: split_uris(body.redirect_uris),
            scopes: body.scopes.or(body.scope).unwrap_or_default(),
            website: body.website.or(body.client_uri).unwrap_or_default(),
            public_client,
        },
    )
    .await
    .map_err(|e| Problem::from_app(&e, req))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(AppResponse {
            id: app.client_id.clone(),
            name: app.name,
            website: app.website,
            redirect_uri: app.redirect_uris.join("\n"),
            redirect_uris: app.redirect_uris,
            client_id: app.client_id,
            client_secret: app.client_secret,
            scopes: app.scopes.iter().map(|s| s.to_string()).collect(),
            token_endpoint_auth_method: if public_client {
                "none"
            } else {
                "client_secret_basic"
            }
            .into(),
        }))
}

/// RFC 7591 §3.1: the metadata checked, then the same registration as Mastodon's.
async fn register_rfc7591(
    req: &HttpRequest,
    ctx: &Ctx,
    body: AppRequest,
) -> Result<HttpResponse, Problem> {
    const INVALID: &str = "invalid_client_metadata";
    let auth_method = body
        .token_endpoint_auth_method
        .unwrap_or_else(|| "client_secret_basic".into());
    if !AUTH_METHODS.contains(&auth_method.as_str()) {
        return Ok(registration_error(
            INVALID,
            format!(
                "token_endpoint_auth_method must be one of {}",
                AUTH_METHODS.join(", ")
            ),
        ));
    }
    let public_client = auth_method == "none";
    // RFC 7591 §2: `grant_types` defaults to `authorization_code`, `response_types` to `code`.
    let grant_types = body
        .grant_types
        .unwrap_or_else(|| vec!["authorization_code".into()]);
    if let Some(unknown) = grant_types
        .iter()
        .find(|g| !GRANT_TYPES.contains(&g.as_str()))
    {
        return Ok(registration_error(
            INVALID,
            format!(
                "grant type {unknown:?} is not supported (only {})",
                GRANT_TYPES.join(", ")
            ),
        ));
    }
    if public_client && grant_types.iter().any(|g| g == "client_credentials") {
        return Ok(registration_error(
            INVALID,
            "client_credentials needs a confidential client (a token_endpoint_auth_method other than none)".into(),
        ));
    }
    let response_types = body.response_types.unwrap_or_else(|| vec!["code".into()]);
    if response_types.iter().any(|r| r != "code") {
        return Ok(registration_error(
            INVALID,
            "only the response type \"code\" is supported".into(),
        ));
    }
    let registered = oauth::register(
        ctx,
        AppInput {
            client_name: body.client_name,
            redirect_uris: split_uris(body.redirect_uris),
            scopes: body.scope.unwrap_or_default(),
            website: body.client_uri.unwrap_or_default(),
            public_client,
        },
    )
    .await;
    let app = match registered {
        Ok(app) => app,
        Err(e) => {
            // The member at fault, by RFC 7591's name, and the error it makes (§3.2.2).
            let (error, member) = match &e {
                AppError::Domain(
                    DomainError::RedirectUriInvalid | DomainError::Required("redirect_uris"),
                ) => ("invalid_redirect_uri", Some("redirect_uris")),
                AppError::Domain(DomainError::WebAddressInvalid) => (INVALID, Some("client_uri")),
                AppError::Domain(DomainError::ScopeUnknown(_)) => (INVALID, Some("scope")),
                AppError::Domain(_) => (INVALID, citysync_edge::form_field(&e)),
                _ => return Err(Problem::from_app(&e, req)),
            };
            let title = Problem::from_app(&e, req).title;
            let description = match member {
                Some(member) if !title.contains(member) => format!("{member}: {title}"),
                _ => title,
            };
            return Ok(registration_error(error, description));
        }
    };
    let secret_expires = app.client_secret.as_ref().map(|_| 0);
    Ok(no_store(HttpResponse::Created()).json(ClientInformation {
        client_id: app.client_id,
        client_secret: app.client_secret,
        client_id_issued_at: app.issued_at.and_utc().timestamp(),
        client_secret_expires_at: secret_expires,
        client_name: app.name,
        client_uri: app.website,
        redirect_uris: app.redirect_uris,
        scope: app.scopes.to_string(),
        grant_types,
        response_types,
        token_endpoint_auth_method: auth_method,
    }))
}

#[derive(Debug, Deserialize)]
pub struct TokenRequest {
    pub grant_type: String,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_verifier: Option<String>,
    pub refresh_token: Option<String>,
    pub scope: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub scope: String,
}

#[derive(Debug, Serialize)]
struct TokenErrorBody {
    error: &'static str,
}

fn no_store(mut builder: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
    builder
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"));
    builder
}

fn token_error(e: TokenError) -> HttpResponse {
    let builder = match e {
        TokenError::InvalidClient => {
            let mut b = HttpResponse::Unauthorized();
            b.insert_header((header::WWW_AUTHENTICATE, "Basic realm=\"citysync\""));
            b
        }
        _ => HttpResponse::BadRequest(),
    };
    no_store(builder).json(TokenErrorBody { error: e.as_str() })
}

/// The client's identity: HTTP Basic (`client_secret_basic`, form-urlencoded parts) or the
/// form's `client_id` / `client_secret` (`client_secret_post`, or a public client's id).
fn client_auth(
    req: &HttpRequest,
    client_id: Option<String>,
    client_secret: Option<String>,
) -> Result<ClientAuth, TokenError> {
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "));
    if let Some(encoded) = basic {
        let decoded = STANDARD
            .decode(encoded.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(TokenError::InvalidClient)?;
        let (id, secret) = decoded.split_once(':').ok_or(TokenError::InvalidClient)?;
        let unescape = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        return Ok(ClientAuth {
            client_id: unescape(id),
            client_secret: Some(unescape(secret)),
        });
    }
    Ok(ClientAuth {
        client_id: client_id.ok_or(TokenError::InvalidClient)?,
        client_secret: client_secret.filter(|s| !s.is_empty()),
    })
}

/// POST /oauth/token — `authorization_code` (with PKCE), `refresh_token` and
/// `client_credentials`. No password or implicit grant.
pub async fn token(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    form: web::Form<TokenRequest>,
) -> Result<HttpResponse, Problem> {
    let form = form.into_inner();
    let client = match client_auth(&req, form.client_id.clone(), form.client_secret.clone()) {
        Ok(c) => c,
        Err(e) => return Ok(token_error(e)),
    };
    let required = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(str::to_owned);
    let outcome = match form.grant_type.as_str() {
        "authorization_code" => {
            match (
                required(&form.code),
                required(&form.redirect_uri),
                required(&form.code_verifier),
            ) {
                (Some(code), Some(redirect_uri), Some(verifier)) => {
                    oauth::exchange_code(&ctx, client, &code, &redirect_uri, &verifier).await
                }
                // RFC 9700: a code without its PKCE verifier is refused.
                _ => Ok(Err(TokenError::InvalidRequest)),
            }
        }
        "refresh_token" => match required(&form.refresh_token) {
            Some(refresh) => oauth::refresh(&ctx, client, &refresh, form.scope.as_deref()).await,
            None => Ok(Err(TokenError::InvalidRequest)),
        },
        "client_credentials" => {
            oauth::client_credentials(&ctx, client, form.scope.as_deref()).await
        }
        _ => Ok(Err(TokenError::UnsupportedGrantType)),
    };
    match outcome.map_err(|e| Problem::from_app(&e, &req))? {
        Ok(issued) => Ok(issued_response(issued)),
        Err(e) => Ok(token_error(e)),
    }
}

fn issued_response(issued: Issued) -> HttpResponse {
    no_store(HttpResponse::Ok()).json(TokenResponse {
        access_token: issued.access_token,
        token_type: "Bearer",
        expires_in: issued.expires_in,
        refresh_token: issued.refresh_token,
        scope: issued.scope.to_string(),
    })
}

#[derive(Debug, Deserialize)]
pub struct RevokeRequest {
    pub token: String,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

/// POST /oauth/revoke — RFC 7009: 200 whether or not the token was known.
pub async fn revoke(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    form: web::Form<RevokeRequest>,
) -> Result<HttpResponse, Problem> {
    let form = form.into_inner();
    let client = match client_auth(&req, form.client_id, form.client_secret) {
        Ok(c) => c,
        Err(e) => return Ok(token_error(e)),
    };
    match oauth::revoke(&ctx, client, &form.token)
        .await
        .map_err(|e| Problem::from_app(&e, &req))?
    {
        Ok(()) => Ok(no_store(HttpResponse::Ok()).json(serde_json::json!({}))),
        Err(e) => Ok(token_error(e)),
    }
}

/// Delete the app's registration (a confidential app, authenticated with HTTP Basic
/// `client_id:client_secret`): every authorization it held and every token it was issued
/// stop working at once. A public client cannot prove it is itself: ask the city's
/// administrators.
#[utoipa::path(delete, path = "/api/v1/apps", tag = "apps",
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "`unauthorized_client`: a public client"),
        (status = 401, description = "`invalid_client`"),
    ))]
pub async fn delete_app(req: HttpRequest, ctx: web::Data<Ctx>) -> Result<HttpResponse, Problem> {
    let client = match client_auth(&req, None, None) {
        Ok(c) => c,
        Err(e) => return Ok(token_error(e)),
    };
    match oauth::delete_app(&ctx, client)
        .await
        .map_err(|e| Problem::from_app(&e, &req))?
    {
        Ok(()) => Ok(no_store(HttpResponse::NoContent()).finish()),
        Err(e) => Ok(token_error(e)),
    }
}

/// RFC 8414 authorization server metadata.
#[derive(Debug, Serialize, Deserialize)]
pub struct ServerMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: String,
    pub registration_endpoint: String,
    pub scopes_supported: Vec<String>,
    pub response_types_supported: Vec<String>,
    pub response_modes_supported: Vec<String>,
    pub grant_types_supported: Vec<String>,
    pub token_endpoint_auth_methods_supported: Vec<String>,
    pub revocation_endpoint_auth_methods_supported: Vec<String>,
    pub code_challenge_methods_supported: Vec<String>,
    /// RFC 9207: the authorization response names its issuer (`iss`).
    pub authorization_response_iss_parameter_supported: bool,
    pub service_documentation: String,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// GET /.well-known/oauth-authorization-server — RFC 8414.
pub async fn metadata(ctx: web::Data<Ctx>) -> HttpResponse {
    let url = |path: &str| ctx.settings.url(path);
    let auth_methods = strings(&AUTH_METHODS);
    HttpResponse::Ok().json(ServerMetadata {
        issuer: oauth::issuer(&ctx.settings),
        authorization_endpoint: url("/oauth/authorize"),
        token_endpoint: url("/oauth/token"),
        revocation_endpoint: url("/oauth/revoke"),
        registration_endpoint: url("/api/v1/apps"),
        scopes_supported: Scope::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
        response_types_supported: strings(&["code"]),
        response_modes_supported: strings(&["query"]),
        grant_types_supported: strings(&GRANT_TYPES),
        token_endpoint_auth_methods_supported: auth_methods.clone(),
        revocation_endpoint_auth_methods_supported: auth_methods,
        code_challenge_methods_supported: strings(&["S256"]),
        authorization_response_iss_parameter_supported: true,
        service_documentation: url("/api/v1/docs"),
    })
}
