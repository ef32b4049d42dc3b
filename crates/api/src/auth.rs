//! Who is calling: bearer tokens only in the `Authorization` header (a token in the query
//! string leaks into logs and referrers, so `?access_token=` is refused), and a per-caller
//! request quota answered with `429` and `Retry-After`.
//!
//! The quota is kept in each process's memory (as Mastodon does per process): with several
//! web processes behind a proxy a caller gets the quota once per process.

use crate::Problem;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use citysync_app::accounts::second_factor;
use citysync_app::{tokens, AppError, Ctx, User};
use citysync_domain::{Scope, ScopeSet};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::future::Future;
use std::num::NonZeroU32;
use std::pin::Pin;
use std::time::Duration;

/// How many API requests one caller (a token, or an address without one) may make.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub requests: u32,
    pub per_seconds: u64,
}

impl Default for Limits {
    /// Mastodon's: 300 requests in 5 minutes.
    fn default() -> Limits {
        Limits {
            requests: 300,
            per_seconds: 300,
        }
    }
}

/// The API's shared state in one process: the callers' quotas.
pub struct ApiState {
    limiter: DefaultKeyedRateLimiter<String>,
}

impl ApiState {
    pub fn new(limits: Limits) -> ApiState {
        let burst = NonZeroU32::new(limits.requests.max(1)).unwrap_or(NonZeroU32::MIN);
        let period = Duration::from_secs(limits.per_seconds.max(1)) / burst.get();
        let quota = Quota::with_period(period.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(burst))
            .allow_burst(burst);
        ApiState {
            limiter: RateLimiter::keyed(quota),
        }
    }

    /// One request of `caller`; `Throttled` with the seconds to wait when over quota.
    fn admit(&self, caller: &str) -> Result<(), AppError> {
        if self.limiter.len() > 100_000 {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(&caller.to_owned())
            .map_err(|not_until| {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                AppError::Throttled {
                    retry_after_secs: wait.as_secs() + 1,
                }
            })
    }
}

/// The caller's address for quotas: `citysync_app::throttle::client_address`, as every
/// throttle of the city takes it (peer, or the right-most untrusted forwarded hop).
fn client_address(req: &HttpRequest, ctx: &Ctx) -> String {
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    citysync_app::throttle::client_address(
        req.peer_addr().map(|a| a.ip()),
        &forwarded,
        &ctx.settings.trusted_proxies,
    )
}

/// A resident acting through an app: the account and the scopes they granted it.
pub struct Bearer {
    pub user: User,
    pub scopes: ScopeSet,
    /// The owner is staff without the second factor the city requires (issue 27): the
    /// credit-moving and admin scopes answer `error-second-factor-required` (403).
    second_factor_missing: bool,
}

impl Bearer {
    /// `insufficient_scope` (403) unless the token holds `scope`; for `verify`, `redeem` and
    /// `admin`, also `second-factor-required` (403) while its owner is staff without the
    /// second factor the city requires. Asked only by [`Scoped`], so a handler states the
    /// scope it needs in its parameter's type, never in its body.
    fn require(&self, scope: Scope, req: &HttpRequest) -> Result<(), Problem> {
        require(&self.scopes, scope, req)?;
        if self.second_factor_missing && second_factor::scope_needs_second_factor(scope) {
            return Err(Problem::from_app(&AppError::SecondFactorRequired, req));
        }
        Ok(())
    }
}

/// Whether the token's owner lacks a required second factor (asked only when the token
/// holds a scope that needs one).
async fn second_factor_missing(req: &HttpRequest, user: &User, scopes: &ScopeSet) -> bool {
    if !scopes.iter().any(second_factor::scope_needs_second_factor) {
        return false;
    }
    let Some(ctx) = req.app_data::<web::Data<Ctx>>() else {
        return false;
    };
    match second_factor::required_missing(ctx, user).await {
        Ok(missing) => missing,
        Err(e) => {
            tracing::warn!(error = ?e, "could not check the second factor; refusing staff scopes");
            true
        }
    }
}

fn require(scopes: &ScopeSet, scope: Scope, req: &HttpRequest) -> Result<(), Problem> {
    if scopes.allows(scope) {
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

/// A caller of a public endpoint: anyone, with or without a token (an app's own
/// client-credentials token included). A token given must be live.
pub struct Reader {
    pub user: Option<User>,
    pub scopes: ScopeSet,
}

/// The token of the request, if it has one.
fn bearer_token(req: &HttpRequest) -> Result<Option<String>, Problem> {
    if req
        .query_string()
        .split('&')
        .any(|kv| kv.starts_with("access_token="))
    {
        return Err(Problem::new("error-token-in-query", 400, &[], req, None));
    }
    let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Some(t.to_owned()))
        .ok_or_else(|| Problem::from_app(&AppError::Unauthenticated, req))
}

/// Admits the request against its caller's quota and authenticates its token, if any.
/// A live token has its own quota; a request without one, or with a token that turns out
/// not to be live, is charged to its address, so junk tokens are throttled like anonymous
/// requests (429 instead of 401 once the address is over quota), while live tokens from
/// the same address (a shared NAT) keep their own quotas.
async fn identify(req: &HttpRequest) -> Result<(Option<User>, ScopeSet, bool), Problem> {
    let token = bearer_token(req)?;
    let ctx = req
        .app_data::<web::Data<Ctx>>()
        .cloned()
        .ok_or_else(|| Problem::from_app(&AppError::internal("api context missing"), req))?;
    let state = req.app_data::<web::Data<ApiState>>();
    let address = format!("peer:{}", client_address(req, &ctx));
    if let Some(state) = state {
        let admitted = match &token {
            Some(t) => state.admit(&format!("token:{}", citysync_app::secrets::hash_token(t))),
            None => state.admit(&address),
        };
        admitted.map_err(|e| Problem::from_app(&e, req))?;
    }
    let Some(token) = token else {
        return Ok((None, ScopeSet::default(), false));
    };
    match tokens::caller(&ctx, &token).await {
        Ok((user, scopes)) => Ok((user, scopes, true)),
        Err(AppError::Unauthenticated) => {
            if let Some(state) = state {
                state
                    .admit(&address)
                    .map_err(|e| Problem::from_app(&e, req))?;
            }
            Err(Problem::from_app(&AppError::Unauthenticated, req))
        }
        Err(e) => Err(Problem::from_app(&e, req)),
    }
}

impl FromRequest for Bearer {
    type Error = Problem;
    type Future = Pin<Box<dyn Future<Output = Result<Bearer, Problem>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match identify(&req).await? {
                (Some(user), scopes, _) => {
                    let second_factor_missing = second_factor_missing(&req, &user, &scopes).await;
                    Ok(Bearer {
                        user,
                        scopes,
                        second_factor_missing,
                    })
                }
                (None, _, true) => Err(Problem::new(
                    "error-app-token-no-resident",
                    403,
                    &[],
                    &req,
                    None,
                )),
                (None, _, false) => Err(Problem::from_app(&AppError::Unauthenticated, &req)),
            }
        })
    }
}

impl FromRequest for Reader {
    type Error = Problem;
    type Future = Pin<Box<dyn Future<Output = Result<Reader, Problem>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (user, scopes, _) = identify(&req).await?;
            Ok(Reader { user, scopes })
        })
    }
}

/// The scopes as types, for [`Scoped`]: `Scoped<scoped::WriteCatalog>`.
pub mod scoped {
    use citysync_domain::Scope;

    /// A scope named by a type.
    pub trait Named {
        const SCOPE: Scope;
    }

    macro_rules! scope_types {
        ($($name:ident),* $(,)?) => {
            $(
                #[doc = concat!("The `", stringify!($name), "` scope, as a type.")]
                pub struct $name;
                impl Named for $name {
                    const SCOPE: Scope = Scope::$name;
                }
            )*
        };
    }

    scope_types!(
        Read,
        ReadWallet,
        WriteClaims,
        WriteProofs,
        WriteCatalog,
        Verify,
        Redeem,
        Vote,
        WriteProposals,
        Admin,
    );
}

/// A [`Bearer`] whose token holds the scope `S` — and, for the scopes that need it, an owner
/// with the second factor the city requires — checked before the handler runs: a handler
/// that takes `Scoped<scoped::Redeem>` cannot forget to ask.
pub struct Scoped<S> {
    bearer: Bearer,
    scope: std::marker::PhantomData<S>,
}

impl<S> std::ops::Deref for Scoped<S> {
    type Target = Bearer;
    fn deref(&self) -> &Bearer {
        &self.bearer
    }
}

impl<S: scoped::Named + 'static> FromRequest for Scoped<S> {
    type Error = Problem;
    type Future = Pin<Box<dyn Future<Output = Result<Scoped<S>, Problem>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let bearer = Bearer::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let bearer = bearer.await?;
            bearer.require(S::SCOPE, &req)?;
            Ok(Scoped {
                bearer,
                scope: std::marker::PhantomData,
            })
        })
    }
}
