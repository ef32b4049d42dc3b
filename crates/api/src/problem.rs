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

/// What a problem needs of the request it answers: the reader's language, the request id
/// and path (for the log line of our own failure) and the city's words.
#[derive(Clone)]
pub(crate) struct Asking {
    locale: Locale,
    request_id: String,
    path: String,
    ctx: Option<actix_web::web::Data<citysync_app::Ctx>>,
}

impl Asking {
    pub(crate) fn of(req: &HttpRequest) -> Asking {
        Asking {
            locale: reader_locale(req),
            request_id: request_id(req),
            path: req.path().to_owned(),
            ctx: req
                .app_data::<actix_web::web::Data<citysync_app::Ctx>>()
                .cloned(),
        }
    }
}

impl Problem {
    pub fn from_app(err: &AppError, req: &HttpRequest) -> Problem {
        Problem::answering(err, &Asking::of(req))
    }

    fn answering(err: &AppError, asking: &Asking) -> Problem {
        let status = citysync_edge::status(err);
        if status.is_server_error() {
            tracing::error!(error = ?err, request_id = %asking.request_id, path = %asking.path, "API request failed");
            let mut problem = Problem::worded(err.code(), status.as_u16(), &[], asking, None);
            problem.request_id = Some(Box::new(asking.request_id.clone()));
            return problem;
        }
        if let AppError::ClaimRequirementsUnmet(unmet) = err {
            let mut problem = Problem::worded(err.code(), status.as_u16(), &[], asking, None);
            problem.detail = asking.ctx.as_ref().map(|ctx| {
                citysync_app::eligibility::describe_all(&ctx.i18n, asking.locale, unmet)
            });
            return problem;
        }
        Problem::worded(
            err.code(),
            status.as_u16(),
            &err.message_args(),
            asking,
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
        Problem::worded(code, status, args, &Asking::of(req), retry_after)
    }

    fn worded(
        code: &str,
        status: u16,
        args: &[(&'static str, String)],
        asking: &Asking,
        retry_after: Option<u64>,
    ) -> Problem {
        let title = asking
            .ctx
            .as_ref()
            .map(|ctx| {
                let args: Vec<(&str, ArgValue)> = args
                    .iter()
                    .map(|(k, v)| (*k, ArgValue::from(v.clone())))
                    .collect();
                ctx.i18n.message(asking.locale, code, &args)
            })
            .unwrap_or_else(|| code.to_owned());
        Problem {
            kind: problem_type(code),
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

tokio::task_local! {
    /// What the request being answered needs of its problems, for those its handler returns
    /// with `?`.
    static ANSWERING: Asking;
}

/// Middleware of `/api/v1`: the request's language, id and path are known while its handler
/// runs, so a use case's error becomes its problem with `?` ([`From<AppError>`]) — in the
/// reader's language and, for our own failure, logged with the request id — without each
/// handler mapping it. (Not the request itself: actix wants it unshared while it routes.)
pub async fn answering(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let asking = Asking::of(req.request());
    ANSWERING.scope(asking, next.call(req)).await
}

impl From<AppError> for Problem {
    /// The problem for the request being answered ([`answering`]). Outside a request (never
    /// under `/api/v1`) it is the problem in the source language, its failure logged.
    fn from(err: AppError) -> Problem {
        ANSWERING
            .try_with(|asking| Problem::answering(&err, asking))
            .unwrap_or_else(|_| {
                let unknown = Asking {
                    locale: Locale::SOURCE,
                    request_id: String::new(),
                    path: String::new(),
                    ctx: None,
                };
                Problem::answering(&err, &unknown)
            })
    }
}

/// The problem type URI of a stable error code.
fn problem_type(code: &str) -> String {
    format!(
        "https://citysync.example/problems/{}",
        code.trim_start_matches("error-")
    )
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
