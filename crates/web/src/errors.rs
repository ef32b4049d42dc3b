//! Error pages for responses that carry no page of their own: unknown routes, bodies that are
//! too large or malformed, wrong methods, and the [`PageError`] a handler returned with `?`.
//! They are rendered in the reader's language with the request id; JSON errors from the API
//! and the inbox are left as they are.

use crate::viewer::Viewer;
use crate::WebState;
use actix_web::body::BoxBody;
use actix_web::dev::{Payload, ServiceResponse};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::http::StatusCode;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{web, FromRequest, HttpResponse};

/// The Fluent message explaining a bare HTTP status.
pub fn status_message_id(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-bad-request",
        401 => "error-unauthenticated",
        403 => "error-forbidden",
        404 => "error-not-found",
        405 => "error-method-not-allowed",
        408 => "error-timeout",
        413 => "error-payload-too-large",
        415 => "error-unsupported-media-type",
        429 => "error-throttled",
        503 => "error-unavailable",
        _ => "error-internal",
    }
}

fn needs_page(res: &ServiceResponse<BoxBody>) -> bool {
    let content_type = res
        .response()
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    content_type.is_empty() || content_type.starts_with("text/plain")
}

fn render_error_page(
    res: ServiceResponse<BoxBody>,
) -> actix_web::Result<ErrorHandlerResponse<BoxBody>> {
    if !needs_page(&res) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let (req, old) = res.into_parts();
        let status = old.status();
        let headers = old.headers().clone();
        let failure = old.extensions().get::<PageError>().cloned();
        let page = match (
            req.app_data::<web::Data<WebState>>(),
            Viewer::from_request(&req, &mut Payload::None).await,
        ) {
            (Some(state), Ok(viewer)) => match &failure {
                Some(PageError(err)) => viewer.error_page(state, err),
                None => {
                    let message = viewer.t(state, status_message_id(status));
                    viewer.render(
                        state,
                        status,
                        "error.html",
                        minijinja::context! { status => status.as_u16(), message => message },
                    )
                }
            },
            _ => {
                if let Some(PageError(err)) = &failure {
                    if citysync_edge::is_server_failure(err) {
                        tracing::error!(error = ?err, path = %req.path(), "request failed");
                    }
                }
                HttpResponse::build(status)
                    .content_type("text/plain; charset=utf-8")
                    .body(status.canonical_reason().unwrap_or("error"))
            }
        };
        let mut page = page;
        for (name, value) in headers.iter() {
            if name == CONTENT_TYPE || name == actix_web::http::header::CONTENT_LENGTH {
                continue;
            }
            page.headers_mut().insert(name.clone(), value.clone());
        }
        Ok(ServiceResponse::new(req, page).map_into_right_body::<BoxBody>())
    })))
}

/// The middleware that turns bare 4xx/5xx responses into pages.
pub fn error_pages() -> ErrorHandlers<BoxBody> {
    ErrorHandlers::new().default_handler(render_error_page)
}

/// actix's own extractor errors (bad form, too large) become plain responses with the right
/// status, which `error_pages` then renders.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(64 * 1024)
        .error_handler(|err, _req| {
            let status = match &err {
                actix_web::error::UrlencodedError::Overflow { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                actix_web::error::UrlencodedError::ContentType => {
                    StatusCode::UNSUPPORTED_MEDIA_TYPE
                }
                _ => StatusCode::BAD_REQUEST,
            };
            actix_web::error::InternalError::from_response(err, HttpResponse::new(status)).into()
        })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        actix_web::error::InternalError::from_response(
            err,
            HttpResponse::new(StatusCode::BAD_REQUEST),
        )
        .into()
    })
}

/// A use case's error on its way to the reader as a page. A handler returning [`Page`] uses
/// `?` on any use case; the response carries the error, and [`error_pages`] renders it in
/// the reader's language with the request id (a server failure is logged with it too), as
/// [`Viewer::error_page`] does.
#[derive(Debug, Clone)]
pub struct PageError(std::sync::Arc<citysync_app::AppError>);

/// What a page handler answers: the page, or the error page of a [`PageError`].
pub type Page = Result<HttpResponse, PageError>;

impl From<citysync_app::AppError> for PageError {
    fn from(err: citysync_app::AppError) -> PageError {
        PageError(std::sync::Arc::new(err))
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.code())
    }
}

impl actix_web::ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        citysync_edge::status(&self.0)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let mut res = HttpResponse::new(self.status_code());
        res.extensions_mut().insert(self.clone());
        res
    }
}
