//! RFC 9457 problem details: a stable `type` per error (its code), a localized `title`.

use actix_web::http::StatusCode;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError};
use citysync_app::AppError;
use citysync_i18n::{ArgValue, Locale};
use serde::Serialize;

/// An RFC 9457 problem: `type` is stable per error, `title` is in the reader's language.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `https://citysync.example/problems/<code>`-style URI; the code is stable.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The stable code, e.g. `error-not-found`.
    // A boxed `str`, to keep `Problem` small (see `retry_after`).
    #[schema(value_type = String)]
    pub code: Box<str>,
    /// The request field that is wrong (`starts_at`, `schedule.voting_at`), when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub field: Option<Box<String>>,
    /// The request's id when the server failed (5xx): the same id stands beside the error
    /// in the server's log, so an operator can find what went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub request_id: Option<Box<String>>,
    /// Seconds. (`field` and `request_id` are thin boxes, `code` a boxed `str` and this a `u32` to keep `Problem` under clippy's
    /// `result_large_err` limit: every handler returns `Result<_, Problem>`.)
    #[serde(skip)]
    retry_after: Option<u32>,
}

impl Problem {
    pub fn from_app(err: &AppError, req: &HttpRequest) -> Problem {
        let status = citysync_edge::status(err);
        if status.is_server_error() {
            // The person gets a localized title and the request id; the log gets the cause.
            let request_id = request_id(req);
            tracing::error!(error = ?err, request_id = %request_id, path = %req.path(), "API request failed");
            let mut problem = Problem::new(err.code(), status.as_u16(), &[], req, None);
            problem.request_id = Some(Box::new(request_id));
            return problem;
        }
        // A refused claim says what is missing, in the reader's language (issue 26).
        if let AppError::ClaimRequirementsUnmet(unmet) = err {
            let mut problem = Problem::new(err.code(), status.as_u16(), &[], req, None);
            problem.detail = req
                .app_data::<actix_web::web::Data<citysync_app::Ctx>>()
                .map(|ctx| {
                    citysync_app::eligibility::describe_all(&ctx.i18n, reader_locale(req), unmet)
                });
            return problem;
        }
        Problem::new(
            err.code(),
            status.as_u16(),
            &err.message_args(),
            req,
            match err {
                AppError::Throttled { retry_after_secs } => Some(*retry_after_secs),
                _ => None,
            },
        )
    }

    pub fn new(
        code: &str,
        status: u16,
        args: &[(&'static str, String)],
        req: &HttpRequest,
        retry_after: Option<u64>,
    ) -> Problem {
        let locale = reader_locale(req);
        let title = req
            .app_data::<actix_web::web::Data<citysync_app::Ctx>>()
            .map(|ctx| {
                let args: Vec<(&str, ArgValue)> = args
                    .iter()
                    .map(|(k, v)| (*k, ArgValue::from(v.clone())))
                    .collect();
                ctx.i18n.message(locale, code, &args)
            })
            .unwrap_or_else(|| code.to_owned());
        Problem {
            kind: format!(
                "https://citysync.example/problems/{}",
                code.trim_start_matches("error-")
            ),
            title,
            status,
            detail: None,
            code: code.into(),
            field: None,
            request_id: None,
            retry_after: retry_after.map(|s| u32::try_from(s).unwrap_or(u32::MAX)),
        }
    }
}

/// The id `tracing-actix-web` gave the request (the `request_id` of its log lines).
fn request_id(req: &HttpRequest) -> String {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
        .unwrap_or_default()
}

/// The language the request asks for (`Accept-Language`) among those the city offers, else
/// the city's default language.
pub(crate) fn reader_locale(req: &HttpRequest) -> Locale {
    let header = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    match req.app_data::<actix_web::web::Data<citysync_app::Ctx>>() {
        Some(ctx) => header
            .and_then(|h| ctx.i18n.negotiate(h))
            .unwrap_or_else(|| ctx.i18n.default_locale()),
        None => header.and_then(Locale::negotiate).unwrap_or(Locale::SOURCE),
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.code, self.status)
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut builder = HttpResponse::build(self.status_code());
        builder.content_type("application/problem+json");
        if let Some(secs) = self.retry_after {
            builder.insert_header((actix_web::http::header::RETRY_AFTER, secs.to_string()));
        }
        if self.status == 401 {
            builder.insert_header((
                actix_web::http::header::WWW_AUTHENTICATE,
                "Bearer realm=\"citysync\"",
            ));
        }
        builder.json(self)
    }
}

/// Bodies, queries and paths the extractors cannot read answer with a problem too, not
/// with actix's plain text.
fn malformed(err: impl std::fmt::Display, req: &HttpRequest) -> actix_web::Error {
    let mut problem = Problem::new("error-request-malformed", 400, &[], req, None);
    problem.detail = Some(err.to_string());
    problem.into()
}

pub fn json_config() -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default()
        .limit(64 * 1024)
        .error_handler(malformed)
}

pub fn query_config() -> actix_web::web::QueryConfig {
    actix_web::web::QueryConfig::default().error_handler(malformed)
}

pub fn path_config() -> actix_web::web::PathConfig {
    actix_web::web::PathConfig::default().error_handler(malformed)
}

pub fn form_config() -> actix_web::web::FormConfig {
    actix_web::web::FormConfig::default()
        .limit(64 * 1024)
        .error_handler(malformed)
}
