//! The OAuth 2 endpoints apps talk to directly: `POST /api/v1/apps` (registration, as in
//! Mastodon), `POST /oauth/token`, `POST /oauth/revoke` (RFC 7009) and the RFC 8414
//! metadata. The consent page, `GET /oauth/authorize`, is the web crate's. Token responses
//! carry `Cache-Control: no-store`; their errors are RFC 6749 §5.2's JSON.

use crate::Problem;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use citysync_app::oauth::{self, AppInput, ClientAuth, Issued, TokenError};
use citysync_app::Ctx;
use citysync_domain::Scope;
use serde::{Deserialize, Serialize};

#[derive(utoipa::OpenApi)]
#[openapi(paths(register_app, delete_app))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/oauth/token", web::post().to(token))
        .route("/oauth/revoke", web::post().to(revoke))
        .route(
            "/.well-known/oauth-authorization-server",
            web::get().to(metadata),
        );
}

/// `POST /api/v1/apps`, as JSON or a form. `redirect_uris` is space- or newline-separated;
/// `token_endpoint_auth_method: "none"` registers a public client (no secret, PKCE only).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AppRequest {
    #[schema(min_length = 1, max_length = 100)]
    pub client_name: String,
    pub redirect_uris: String,
    #[serde(default)]
    pub scopes: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub token_endpoint_auth_method: Option<String>,
}

/// A registered app; `client_secret` is shown this once (absent for a public client).
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

/// Register an app (Mastodon's convention): its name, exact redirect URIs and the scopes
/// it may ask for. Then send residents to `/oauth/authorize` (code + PKCE S256) and trade
/// the code at `/oauth/token`; both are described in `/.well-known/oauth-authorization-server`.
#[utoipa::path(post, path = "/api/v1/apps", tag = "apps",
    request_body(content = AppRequest, description = "JSON or a form"),
    responses(
        (status = 200, body = AppResponse),
        (status = 400, description = "A redirect URI or scope is not acceptable", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn register_app(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    body: web::Either<web::Json<AppRequest>, web::Form<AppRequest>>,
) -> Result<HttpResponse, Problem> {
    let body = body.into_inner();
    let public_client = body.token_endpoint_auth_method.as_deref() == Some("none");
    let app = oauth::register(
        &ctx,
        AppInput {
            client_name: body.client_name,
            redirect_uris: body.redirect_uris,
            scopes: body.scopes,
            website: body.website,
            public_client,
        },
    )
    .await
    .map_err(|e| Problem::from_app(&e, &req))?;
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
    let auth_methods = strings(&["client_secret_basic", "client_secret_post", "none"]);
    HttpResponse::Ok().json(ServerMetadata {
        issuer: url("/"),
        authorization_endpoint: url("/oauth/authorize"),
        token_endpoint: url("/oauth/token"),
        revocation_endpoint: url("/oauth/revoke"),
        registration_endpoint: url("/api/v1/apps"),
        scopes_supported: Scope::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
        response_types_supported: strings(&["code"]),
        response_modes_supported: strings(&["query"]),
        grant_types_supported: strings(&[
            "authorization_code",
            "refresh_token",
            "client_credentials",
        ]),
        token_endpoint_auth_methods_supported: auth_methods.clone(),
        revocation_endpoint_auth_methods_supported: auth_methods,
        code_challenge_methods_supported: strings(&["S256"]),
        authorization_response_iss_parameter_supported: true,
        service_documentation: url("/api/v1/docs"),
    })
}
