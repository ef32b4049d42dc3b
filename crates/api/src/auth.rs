//! Bearer tokens: only in the `Authorization` header (a token in the query string leaks into
//! logs and referrers, so `?access_token=` is refused).

use crate::Problem;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use citysync_app::{tokens, AppError, Ctx, User};
use citysync_domain::{Scope, ScopeSet};
use std::future::Future;
use std::pin::Pin;

/// The account and scopes behind the request's bearer token.
pub struct Bearer {
    pub user: User,
    pub scopes: ScopeSet,
}

impl Bearer {
    /// `insufficient_scope` (403) unless the token holds `scope`.
    pub fn require(&self, scope: Scope, req: &HttpRequest) -> Result<(), Problem> {
        if self.scopes.allows(scope) {
            Ok(())
        } else {
            Err(Problem::new(
                "error-insufficient-scope",
                403,
                &[("scope", scope.to_string())],
                req,
                None,
            ))
        }
    }
}

impl FromRequest for Bearer {
    type Error = Problem;
    type Future = Pin<Box<dyn Future<Output = Result<Bearer, Problem>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if req
                .query_string()
                .split('&')
                .any(|kv| kv.starts_with("access_token="))
            {
                return Err(Problem::new("error-token-in-query", 400, &[], &req, None));
            }
            let token = req
                .headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| Problem::from_app(&AppError::Unauthenticated, &req))?
                .to_owned();
            let ctx = req.app_data::<web::Data<Ctx>>().cloned().ok_or_else(|| {
                Problem::from_app(&AppError::Internal("api context missing".into()), &req)
            })?;
            let (user, scopes) = tokens::authenticate(&ctx, &token)
                .await
                .map_err(|e| Problem::from_app(&e, &req))?;
            Ok(Bearer { user, scopes })
        })
    }
}
