//! The city's registry (CONSUL's census service is the model): the resident enters their
//! document's identifier (and, if the city asks, their birth date); City/Sync asks the
//! registry the operator configured, over HTTPS, whether that person is a resident.
//!
//! The exchange, documented in docs/admin-guide.md for whoever writes the registry's side:
//! `POST <url>` with `Content-Type: application/json`, an optional
//! `Authorization: Bearer <token>`, and the body
//! `{"document_kind": "curp", "document": "GODE561231HDFRRN04", "birth_date": "1956-12-31"}`
//! (`birth_date` only when the city asks for it; the document normalized: uppercase, no
//! spaces or hyphens). The registry answers `200` with `{"valid": true}` or
//! `{"valid": false}`; anything else (another status, another body, no answer within the
//! timeout, a redirect) means "could not check", and nothing changes. A valid answer goes
//! through the common path: only the keyed hash of the identifier is kept.

use super::{methods, record, Checked, Hidden, Outcome};
use crate::{throttle, AppError, Ctx, User};
use chrono::NaiveDate;
use citysync_domain::identity::{DocumentIdentifier, DocumentKind, VerificationMethod};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use url::Url;

/// Checks one account may ask the registry for per hour, answered or not (the registry
/// must not become a way to try out other people's documents).
pub const CHECKS_PER_ACCOUNT: throttle::Limit = throttle::Limit {
    max: 10,
    window_secs: 3600,
};
/// The largest answer read from the registry.
const ANSWER_MAX_BYTES: usize = 16 * 1024;

/// `[identity.registry]` of the server's configuration.
#[derive(Debug, Clone)]
pub struct RegistrySettings {
    /// The registry's name as residents know it ("Padrón municipal").
    pub name: String,
    /// Where to POST the check: https, or http on a loopback address.
    pub url: Url,
    /// Which document the registry knows people by.
    pub document_kind: DocumentKind,
    /// Whether the resident also gives their birth date, sent along.
    pub ask_birth_date: bool,
    /// Sent as `Authorization: Bearer …` when set.
    pub token: Option<Hidden>,
    pub timeout: Duration,
}

#[derive(Serialize)]
struct Question<'a> {
    document_kind: &'a str,
    document: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_date: Option<String>,
}

#[derive(Deserialize)]
struct Answer {
    valid: bool,
}

/// What the resident's form says.
#[derive(Debug, Clone, Default)]
pub struct RegistryInput {
    pub identifier: String,
    /// `YYYY-MM-DD`; read only when the city asks for it.
    pub birth_date: String,
}

fn settings(ctx: &Ctx) -> Result<&RegistrySettings, AppError> {
    ctx.settings
        .identity
        .registry
        .as_ref()
        .ok_or(AppError::VerificationMethodOff)
}

/// Asks the registry; `Ok(valid)` only for a well-formed answer.
async fn ask(
    http: Option<&super::Http>,
    settings: &RegistrySettings,
    identifier: &DocumentIdentifier,
    birth_date: Option<NaiveDate>,
) -> Result<bool, AppError> {
    use openidconnect::http::{header, Method, Request, StatusCode};
    let unavailable = |e: &dyn std::fmt::Display| AppError::RegistryUnavailable(e.to_string());
    let http = http.ok_or_else(|| unavailable(&"no HTTP client"))?;
    let question = Question {
        document_kind: identifier.kind().as_str(),
        document: identifier.normalized(),
        birth_date: birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
    };
    let body = serde_json::to_vec(&question).map_err(|e| unavailable(&e))?;
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(settings.url.as_str())
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json");
    if let Some(token) = &settings.token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {}", token.0));
    }
    let request = request.body(body).map_err(|e| unavailable(&e))?;
    let response = http
        .0
        .send(request, settings.timeout)
        .await
        .map_err(|e| unavailable(&e))?;
    if response.status() != StatusCode::OK {
        return Err(unavailable(&format!("status {}", response.status())));
    }
    if response.body().len() > ANSWER_MAX_BYTES {
        return Err(unavailable(&"answer too large"));
    }
    let answer: Answer = serde_json::from_slice(response.body()).map_err(|e| unavailable(&e))?;
    Ok(answer.valid)
}

/// Checks the resident's document with the registry and, if it knows them, verifies them.
pub async fn verify_with_registry(
    ctx: &Ctx,
    resident: &User,
    input: &RegistryInput,
) -> Result<Outcome, AppError> {
    resident.require_verified()?;
    let settings = settings(ctx)?;
    let identifier = DocumentIdentifier::parse(settings.document_kind, &input.identifier)?;
    let birth_date = if settings.ask_birth_date {
        let date = NaiveDate::parse_from_str(input.birth_date.trim(), "%Y-%m-%d")
            .map_err(|_| DomainError::Required("birth_date"))?;
        Some(date)
    } else {
        None
    };
    let (resident_id, now, ctx2) = (resident.id.to_string(), ctx.now(), ctx.clone());
    let bucket = format!("registry:{resident_id}");
    ctx.db
        .write(move |conn| {
            methods::require_on(conn, &ctx2, VerificationMethod::Registry)?;
            throttle::hit(conn, &ctx2, &bucket, CHECKS_PER_ACCOUNT)
        })
        .await?;
    let http = ctx.settings.identity.http.as_ref();
    if !ask(http, settings, &identifier, birth_date).await? {
        return Err(AppError::RegistryNoMatch);
    }
    let city_secret = crate::instance::private_key_pem(ctx).await?;
    let (agent, ctx2) = (resident.id, ctx.clone());
    ctx.db
        .write(move |conn| {
            methods::require_on(conn, &ctx2, VerificationMethod::Registry)?;
            let checked = Checked {
                method: VerificationMethod::Registry,
                identifier,
                agent,
                organization_id: None,
            };
            record(conn, &ctx2, now, &city_secret, &resident_id, &checked)
        })
        .await?
}
