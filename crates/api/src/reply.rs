//! Answers of the API: typed bodies as JSON, and `Idempotency-Key` handling for the POSTs
//! that move credit or decide.

use crate::Problem;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use citysync_app::idempotency::{self, Answer, Outcome};
use citysync_app::{Ctx, User};
use serde::Serialize;
use std::future::Future;

pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// A typed body, serialized once (so it can be kept for a retry).
pub struct Reply {
    status: StatusCode,
    body: String,
}

impl Reply {
    /// Our bodies are plain structs, whose serialization cannot fail.
    pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Reply {
        Reply {
            status,
            body: serde_json::to_string(value).unwrap_or_else(|e| {
                tracing::error!(error = %e, "serializing an API body");
                String::from("null")
            }),
        }
    }

    fn of_problem(problem: &Problem) -> Reply {
        Reply {
            status: actix_web::ResponseError::status_code(problem),
            body: serde_json::to_string(problem).unwrap_or_default(),
        }
    }

    fn into_response(self, replayed: bool) -> HttpResponse {
        let mut builder = HttpResponse::build(self.status);
        builder.content_type(if self.status.is_success() {
            "application/json"
        } else {
            "application/problem+json"
        });
        if replayed {
            builder.insert_header(("Idempotent-Replayed", "true"));
        }
        builder.body(self.body)
    }
}

/// Runs `run` once per `Idempotency-Key` of `user`: a retry of the same request (method,
/// path, `fingerprint` of its body) gets the first answer again, marked
/// `Idempotent-Replayed: true`; the same key on another request is refused. Without the
/// header the request simply runs.
///
/// With a key, `run` gets the context of the one database transaction in which the key is
/// claimed and its answer kept (see `citysync_app::idempotency`): it must call the use
/// cases with that context, not the handler's, so that the effect, the reads that build
/// the answer and the kept answer commit together.
pub async fn once<F, Fut>(
    req: &HttpRequest,
    ctx: &Ctx,
    user: &User,
    fingerprint: &str,
    run: F,
) -> Result<HttpResponse, Problem>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<Reply, Problem>>,
{
    let key = match req.headers().get(IDEMPOTENCY_KEY) {
        None => {
            return run(ctx.clone())
                .await
                .map(|reply| reply.into_response(false))
        }
        Some(value) => value
            .to_str()
            .map_err(|_| Problem::from_app(&citysync_app::AppError::IdempotencyKeyInvalid, req))?
            .to_owned(),
    };
    let owner = user.id.to_string();
    let request = format!("{} {}\n{fingerprint}", req.method(), req.path());
    let outcome = idempotency::once(ctx, &owner, &key, &request, |scoped| async move {
        let reply = match run(scoped).await {
            Ok(reply) => reply,
            Err(problem) => Reply::of_problem(&problem),
        };
        Answer {
            status: reply.status.as_u16(),
            body: reply.body,
        }
    })
    .await
    .map_err(|e| Problem::from_app(&e, req))?;
    let (answer, replayed) = match outcome {
        Outcome::Ran(answer) => (answer, false),
        Outcome::Replayed(answer) => (answer, true),
    };
    Ok(Reply {
        status: StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body: answer.body,
    }
    .into_response(replayed))
}
