//! The OAuth 2 consent page (RFC 6749 §4.1.1, hardened per RFC 9700): a signed-in resident
//! sees which app asks, where they will be sent back to and what it could do in plain words,
//! the scopes that move credit, vote or administer apart; Allow and Deny are one form.
//!
//! Every decision is the `app` layer's `check_authorization`, run again on the posted form (its
//! hidden fields are only ever a request to check). Its `Page` errors stay on our own error
//! page and never go to a redirect URI: the app or the address is not one we can trust.

use super::poster;
use super::second_factor::enroll_path;
use crate::errors::Page;
use crate::headers::CONTENT_SECURITY_POLICY;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY as CSP};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::accounts::second_factor::{self, ConsentStep};
use citysync_app::oauth::{self, AuthorizationRequest, AuthorizeError, AuthorizeQuery};
use citysync_app::AppError;
use citysync_domain::Scope;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/oauth/authorize", web::get().to(authorize_page))
        .route("/oauth/authorize", web::post().to(authorize_submit));
}

/// An authorization request's parameters: the query of the page, the hidden fields of its
/// form.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AuthorizeParams {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    response_type: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    code_challenge: String,
    #[serde(default)]
    code_challenge_method: String,
}

impl AuthorizeParams {
    fn query(&self) -> AuthorizeQuery {
        AuthorizeQuery {
            client_id: self.client_id.clone(),
            redirect_uri: self.redirect_uri.clone(),
            response_type: self.response_type.clone(),
            scope: self.scope.clone(),
            state: self.state.clone(),
            code_challenge: self.code_challenge.clone(),
            code_challenge_method: self.code_challenge_method.clone(),
        }
    }
}

/// The consent form: the request again, and which button was pressed.
#[derive(Debug, Default, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    csrf_token: String,
    /// `approve`; anything else denies.
    #[serde(default)]
    decision: String,
    /// A second-factor code, when the scopes move credit and the person has one (issue 27).
    #[serde(default)]
    second_factor_code: String,
    #[serde(flatten)]
    request: AuthorizeParams,
}

/// A scope in the reader's words.
#[derive(Debug, Serialize)]
pub(crate) struct ScopeLine {
    name: &'static str,
    text: String,
}

/// The Fluent message that says what `scope` lets an app do (`scope-read-wallet`).
pub(crate) fn scope_message_id(scope: Scope) -> String {
    format!("scope-{}", scope.as_str().replace(':', "-"))
}

pub(crate) fn scope_lines(
    viewer: &Viewer,
    state: &WebState,
    scopes: impl Iterator<Item = Scope>,
) -> Vec<ScopeLine> {
    scopes
        .map(|scope| ScopeLine {
            name: scope.as_str(),
            text: viewer.t(state, &scope_message_id(scope)),
        })
        .collect()
}

#[derive(Serialize)]
struct ConsentPage<'a> {
    app_name: &'a str,
    website: Option<&'a str>,
    /// The redirect URI's host (and port), or a native app's scheme.
    redirect_to: String,
    /// Whether the answer goes to an app on this device (loopback or private-use scheme).
    redirect_device: bool,
    username: &'a str,
    scopes: Vec<ScopeLine>,
    sensitive: Vec<ScopeLine>,
    request: &'a AuthorizeParams,
    /// Approving asks for a second-factor code (credit-moving scopes, enrolled person).
    ask_code: bool,
    errors: FormErrors,
}

/// The consent page again, e.g. with a second-factor error beside its field.
fn consent_page(
    viewer: &Viewer,
    state: &WebState,
    request: &AuthorizationRequest,
    params: &AuthorizeParams,
    user: &citysync_app::User,
    ask_code: bool,
    (status, errors): (StatusCode, FormErrors),
) -> HttpResponse {
    let (redirect_to, redirect_device) = redirect_target(&request.redirect_uri);
    let (sensitive, ordinary): (Vec<Scope>, Vec<Scope>) =
        request.scopes.iter().partition(|s| s.is_sensitive());
    let page = ConsentPage {
        app_name: &request.app_name,
        website: request.website.as_deref(),
        redirect_to,
        redirect_device,
        username: user.username.as_str(),
        scopes: scope_lines(viewer, state, ordinary.into_iter()),
        sensitive: scope_lines(viewer, state, sensitive.into_iter()),
        request: params,
        ask_code,
        errors,
    };
    let mut resp = viewer.render(state, status, "oauth_authorize.html", page);
    if let Ok(csp) = HeaderValue::from_str(&consent_csp(&request.redirect_uri)) {
        resp.headers_mut().insert(CSP, csp);
    }
    no_store(resp)
}

/// The consent page's own address for `params` (where enrolling leads back to).
fn consent_path(params: &AuthorizeParams) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("client_id", &params.client_id)
        .append_pair("redirect_uri", &params.redirect_uri)
        .append_pair("response_type", &params.response_type)
        .append_pair("scope", &params.scope)
        .append_pair("code_challenge", &params.code_challenge)
        .append_pair("code_challenge_method", &params.code_challenge_method);
    if let Some(app_state) = &params.state {
        query.append_pair("state", app_state);
    }
    format!("/oauth/authorize?{}", query.finish())
}

/// GET /oauth/authorize — signed in: the consent page (the request must check out first);
/// not signed in: the login page, which leads back here.
pub async fn authorize_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    params: web::Query<AuthorizeParams>,
) -> Page {
    let request = match oauth::check_authorization(&state.ctx, params.query()).await {
        Ok(request) => request,
        Err(e) => return Ok(no_store(refused(&viewer, &state, e))),
    };
    let Some(user) = &viewer.user else {
        let next = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &viewer.path)
            .finish();
        return Ok(no_store(Viewer::see_other(&format!("/login?{next}"))));
    };
    let ask_code = match second_factor::consent_step(&state.ctx, user, request.scopes.iter()).await
    {
        Ok(ConsentStep::Enroll) => {
            return Ok(no_store(Viewer::see_other(&enroll_path(&consent_path(
                &params,
            )))))
        }
        Ok(step) => step == ConsentStep::Code,
        Err(e) => return Ok(no_store(viewer.error_page(&state, &e))),
    };
    Ok(consent_page(
        &viewer,
        &state,
        &request,
        &params,
        user,
        ask_code,
        (StatusCode::OK, FormErrors::default()),
    ))
}

/// POST /oauth/authorize — signed in, with the CSRF token: Allow sends the app a code, Deny
/// sends it `access_denied`; either way with its `state`.
pub async fn authorize_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<ConsentForm>,
) -> Page {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return Ok(no_store(viewer.error_page(&state, &e))),
    };
    let request = match oauth::check_authorization(&state.ctx, form.request.query()).await {
        Ok(request) => request,
        Err(e) => return Ok(no_store(refused(&viewer, &state, e))),
    };
    let resp = if form.decision == "approve" {
        // Credit-moving scopes: a code from an enrolled person; staff who must have a second
        // factor and have none enroll first.
        match second_factor::consent_step(&state.ctx, user, request.scopes.iter()).await {
            Ok(ConsentStep::None) => {}
            Ok(ConsentStep::Enroll) => {
                return Ok(no_store(Viewer::see_other(&enroll_path(&consent_path(
                    &form.request,
                )))))
            }
            Ok(ConsentStep::Code) => {
                let ip = super::client_ip(&req, &state.ctx);
                if let Err(e) =
                    second_factor::check_code(&state.ctx, user, &form.second_factor_code, &ip).await
                {
                    let Some(status) = super::form_status(&e) else {
                        return Ok(no_store(viewer.error_page(&state, &e)));
                    };
                    return Ok(consent_page(
                        &viewer,
                        &state,
                        &request,
                        &form.request,
                        user,
                        true,
                        (status, FormErrors::from_error(&viewer, &state, &e)),
                    ));
                }
            }
            Err(e) => return Ok(no_store(viewer.error_page(&state, &e))),
        }
        match oauth::approve(&state.ctx, user, &request).await {
            Ok(code) => back_to_app(&viewer, &state, &request, ("code", &code)),
            Err(e) => viewer.error_page(&state, &e),
        }
    } else {
        back_to_app(&viewer, &state, &request, ("error", "access_denied"))
    };
    Ok(no_store(resp))
}

/// A request that cannot go on: our own error page, or the app's redirect URI with the error.
fn refused(viewer: &Viewer, state: &WebState, err: AuthorizeError) -> HttpResponse {
    match err {
        AuthorizeError::Page(e) => viewer.error_page(state, &e),
        AuthorizeError::Redirect {
            redirect_uri,
            error,
            state: app_state,
        } => redirect_with(viewer, state, &redirect_uri, ("error", error), app_state),
    }
}

fn back_to_app(
    viewer: &Viewer,
    state: &WebState,
    request: &AuthorizationRequest,
    pair: (&str, &str),
) -> HttpResponse {
    redirect_with(
        viewer,
        state,
        &request.redirect_uri,
        pair,
        request.state.clone(),
    )
}

/// See Other to the registered redirect URI, its own query kept, with `pair`, the app's
/// `state` (RFC 6749 §4.1.2) and our issuer identifier `iss` (RFC 9207) added.
fn redirect_with(
    viewer: &Viewer,
    state: &WebState,
    redirect_uri: &str,
    (key, value): (&str, &str),
    app_state: Option<String>,
) -> HttpResponse {
    let mut url = match url::Url::parse(redirect_uri) {
        Ok(url) => url,
        Err(e) => {
            let err = AppError::internal(format!("a registered redirect URI is unusable: {e}"));
            return viewer.error_page(state, &err);
        }
    };
    {
        let mut query = url.query_pairs_mut();
        query.append_pair(key, value);
        if let Some(app_state) = &app_state {
            query.append_pair("state", app_state);
        }
        // RFC 9207: which server answered, against mix-up attacks.
        query.append_pair("iss", &citysync_app::oauth::issuer(&state.ctx.settings));
    }
    Viewer::see_other(url.as_str())
}

/// Codes, states and the consent page itself are never cached.
fn no_store(mut resp: HttpResponse) -> HttpResponse {
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// Where the app's answer goes, as the page shows it: `app.example` (with its port when it
/// has one), or the scheme of an app on this device.
fn redirect_target(redirect_uri: &str) -> (String, bool) {
    let Ok(url) = url::Url::parse(redirect_uri) else {
        return (redirect_uri.to_owned(), false);
    };
    match (url.scheme(), url.host_str()) {
        ("http" | "https", Some(host)) => {
            let shown = match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            };
            (shown, url.scheme() == "http")
        }
        (scheme, _) => (scheme.to_owned(), true),
    }
}

/// The site-wide policy, except that the consent form may also lead to the app's redirect
/// URI: browsers that apply `form-action` to a form's redirects (Chromium) would otherwise
/// block the answer. Only a source written in CSP's plain characters is added.
fn consent_csp(redirect_uri: &str) -> String {
    let source = url::Url::parse(redirect_uri)
        .ok()
        .map(|url| match url.scheme() {
            "http" | "https" => url.origin().ascii_serialization(),
            scheme => format!("{scheme}:"),
        });
    let plain = |s: &String| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | ':' | '/'))
    };
    match source.filter(plain) {
        Some(source) => CONTENT_SECURITY_POLICY.replace(
            "form-action 'self'",
            &format!("form-action 'self' {source}"),
        ),
        None => CONTENT_SECURITY_POLICY.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use citysync_i18n::I18n;

    #[test]
    fn every_scope_has_words_in_every_locale() {
        let i18n = I18n::load().unwrap();
        for scope in Scope::ALL {
            for locale in i18n.locales().iter().copied() {
                assert!(
                    i18n.has_message(locale, &scope_message_id(scope)),
                    "{scope} in {locale}"
                );
            }
        }
    }

    #[test]
    fn the_consent_form_may_lead_to_the_redirect_uri_only() {
        let form_action = |uri: &str| {
            let csp = consent_csp(uri);
            assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with("form-action"))
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            form_action("https://app.example/cb?x=1"),
            "form-action 'self' https://app.example"
        );
        assert_eq!(
            form_action("http://127.0.0.1:7000/cb"),
            "form-action 'self' http://127.0.0.1:7000"
        );
        assert_eq!(
            form_action("org.example.app:/cb"),
            "form-action 'self' org.example.app:"
        );
        // A host CSP cannot express is left out rather than written in.
        assert_eq!(form_action("http://[::1]:7000/cb"), "form-action 'self'");
        assert_eq!(form_action("not a uri"), "form-action 'self'");
    }

    #[test]
    fn the_page_names_where_the_answer_goes() {
        assert_eq!(
            redirect_target("https://app.example/cb"),
            ("app.example".to_owned(), false)
        );
        assert_eq!(
            redirect_target("http://127.0.0.1:7000/cb"),
            ("127.0.0.1:7000".to_owned(), true)
        );
        assert_eq!(
            redirect_target("org.example.app:/cb"),
            ("org.example.app".to_owned(), true)
        );
    }

    #[test]
    fn the_form_carries_the_request() {
        let form: ConsentForm = parse_form(
            "csrf_token=t&decision=approve&client_id=c&redirect_uri=https%3A%2F%2Fa.example%2Fcb\
             &response_type=code&scope=read&state=s&code_challenge=x&code_challenge_method=S256",
        );
        assert_eq!(form.decision, "approve");
        assert_eq!(form.request.client_id, "c");
        assert_eq!(form.request.redirect_uri, "https://a.example/cb");
        assert_eq!(form.request.state.as_deref(), Some("s"));
        let none: ConsentForm = parse_form("csrf_token=t&client_id=c");
        assert_eq!(none.request.state, None);
    }

    /// A form body as actix reads it (the same `serde_urlencoded` as `web::Form`).
    fn parse_form(body: &str) -> ConsentForm {
        actix_web::web::Query::<ConsentForm>::from_query(body)
            .unwrap()
            .into_inner()
    }
}
