//! JSON bodies and query strings that say which field is wrong: a malformed value answers
//! `400 error-request-malformed` with the field's path in `field` and `detail`
//! (`starts_at`, `schedule.voting_at`), nothing changed. actix's own extractors name only
//! a line and column.

use crate::Problem;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// A JSON body of type `T` (read with the scope's `JsonConfig`: size limit, content type).
#[derive(Debug)]
pub struct Json<T>(pub T);

/// A query string of type `T`.
#[derive(Debug)]
pub struct Query<T>(pub T);

macro_rules! wrapper {
    ($name:ident) => {
        impl<T> $name<T> {
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> std::ops::Deref for $name<T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> std::ops::DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }
    };
}
wrapper!(Json);
wrapper!(Query);

/// `400 error-request-malformed` for the value of `field` (`None`: the whole input).
pub fn malformed(field: Option<String>, err: &dyn std::fmt::Display, req: &HttpRequest) -> Problem {
    let mut problem = Problem::new("error-request-malformed", 400, &[], req, None);
    problem.detail = Some(match &field {
        Some(field) => format!("{field}: {err}"),
        None => err.to_string(),
    });
    problem.field = field.map(Box::new);
    problem
}

/// The problem for a value `T` cannot take, naming where it is.
fn at_field<E: std::fmt::Display>(
    err: serde_path_to_error::Error<E>,
    req: &HttpRequest,
) -> Problem {
    let path = err.path().to_string();
    malformed((path != ".").then_some(path), err.inner(), req)
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Json<T>, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let value = value.await?.into_inner();
            serde_path_to_error::deserialize(value)
                .map(Json)
                .map_err(|e| at_field(e, &req).into())
        })
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Query<T>, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let pairs = url::form_urlencoded::parse(req.query_string().as_bytes());
        let deserializer = serde_urlencoded::Deserializer::new(pairs);
        std::future::ready(
            serde_path_to_error::deserialize(deserializer)
                .map(Query)
                .map_err(|e| at_field(e, req).into()),
        )
    }
}
