//! The OpenAPI 3.1 document, generated from the handlers' annotations and typed bodies,
//! served at `/api/v1/openapi.json`; a page for people at `/api/v1/docs`. A copy is
//! committed at `docs/openapi.json` and a test fails when it drifts from this one.

use crate::Problem;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_domain::Scope;
use utoipa::openapi::security::{AuthorizationCode, Flow, OAuth2, Scopes, SecurityScheme};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "City/Sync API",
        description = "The JSON API of a City/Sync city: civic work, credits, governance. \
            Apps act for residents with OAuth 2 access tokens (authorization code with PKCE \
            S256); public reads need no token. Errors are RFC 9457 problem details. Times are \
            RFC 3339 date-times with the UTC offset of the city's clock (see `CityTime`).",
        license(name = "AGPL-3.0-or-later"),
    ),
    modifiers(&Security),
    components(schemas(Problem)),
)]
struct Base;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scopes = Scopes::from_iter(Scope::ALL.iter().map(|s| (s.as_str(), s.description())));
        let flow = Flow::AuthorizationCode(AuthorizationCode::new(
            "/oauth/authorize",
            "/oauth/token",
            scopes,
        ));
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("oauth2", SecurityScheme::OAuth2(OAuth2::new([flow])));
    }
}

/// The whole document.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = Base::openapi();
    doc.merge(crate::routes::Doc::openapi());
    doc.merge(crate::oauth::Doc::openapi());
    doc.merge(crate::catalog::Doc::openapi());
    doc.merge(crate::organizations::Doc::openapi());
    doc.merge(crate::work::Doc::openapi());
    doc.merge(crate::eligibility::Doc::openapi());
    doc.merge(crate::ledger::Doc::openapi());
    doc.merge(crate::governance::Doc::openapi());
    doc.merge(crate::stats::Doc::openapi());
    doc.merge(crate::catalog::issuing::Doc::openapi());
    doc.merge(crate::offerings::Doc::openapi());
    doc.merge(crate::membership::Doc::openapi());
    doc.merge(crate::administration::Doc::openapi());
    common_responses(&mut doc);
    doc
}

/// The answers every operation can give whatever its handler does, added where an
/// operation does not document them itself (issue 23, point 12: Schemathesis found them
/// undocumented). They come from the layers in front of every handler:
/// - `400`: a token in the query (`error-token-in-query`), or a path, query or body the
///   extractors cannot read (`error-request-malformed`);
/// - `401`: a bearer token that is not live (even on public reads);
/// - `403`: a token without the operation's scope (operations that need one);
/// - `404`: a path parameter that names nothing (operations with one);
/// - `409`: an `Idempotency-Key` reused for another request, or still running
///   (operations that take one);
/// - `429`: over the caller's quota, with `Retry-After`.
fn common_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

    let components = doc.components.get_or_insert_with(Default::default);
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    let common = [
        ("400", "Malformed", "The path, query or body cannot be read, or a token was sent in the query (`error-request-malformed`, `error-token-in-query`)."),
        ("401", "Unauthenticated", "No token where one is needed, or a token that is not live; with `WWW-Authenticate: Bearer`."),
        ("403", "Forbidden", "The token lacks the operation's scope, acts for no resident, or the resident may not do this."),
        ("404", "NotFound", "Nothing has this id or handle."),
        ("409", "IdempotencyConflict", "The `Idempotency-Key` was used for a different request, or that request is still running."),
        ("429", "Throttled", "Over the caller's quota; `Retry-After` says when to try again."),
    ];
    for (_, name, description) in common {
        components
            .responses
            .entry(name.to_owned())
            .or_insert_with(|| RefOr::T(problem(description)));
    }
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            let params = op.parameters.as_deref().unwrap_or_default();
            let has = |place: ParameterIn, name: Option<&str>| {
                params.iter().any(|p| {
                    p.parameter_in == place && name.is_none_or(|n| p.name.eq_ignore_ascii_case(n))
                })
            };
            let secured = op
                .security
                .as_ref()
                .is_some_and(|s| !s.is_empty() && s.iter().any(|r| r != &Default::default()));
            let wanted = [
                ("400", true),
                ("401", true),
                ("403", secured),
                ("404", has(ParameterIn::Path, None)),
                ("409", has(ParameterIn::Header, Some("Idempotency-Key"))),
                ("429", true),
            ];
            for ((status, want), (_, name, _)) in wanted.into_iter().zip(common) {
                if want {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
                }
            }
        }
    }
}

/// The document as committed in `docs/openapi.json`: pretty JSON ending in a newline.
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_default();
    json.push('\n');
    json
}

/// GET /api/v1/openapi.json — the document with this city as its server, and the OAuth
/// endpoints as absolute URLs.
pub async fn openapi_json(ctx: web::Data<citysync_app::Ctx>) -> HttpResponse {
    let mut doc = document();
    doc.servers = Some(vec![utoipa::openapi::server::Server::new(
        ctx.settings.url(""),
    )]);
    if let Some(components) = doc.components.as_mut() {
        let flow = Flow::AuthorizationCode(AuthorizationCode::new(
            ctx.settings.url("/oauth/authorize"),
            ctx.settings.url("/oauth/token"),
            Scopes::from_iter(Scope::ALL.iter().map(|s| (s.as_str(), s.description()))),
        ));
        components.add_security_scheme("oauth2", SecurityScheme::OAuth2(OAuth2::new([flow])));
    }
    HttpResponse::Ok()
        .content_type("application/json")
        .body(doc.to_pretty_json().unwrap_or_default())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// GET /api/v1/docs — the operations for people: each with its method, path, summary,
/// the scope it needs and its answers.
pub async fn docs_page(req: HttpRequest, ctx: web::Data<citysync_app::Ctx>) -> HttpResponse {
    let locale = crate::problem::reader_locale(&req);
    let t = |id: &str| ctx.i18n.message(locale, id, &[]);
    let doc = document();
    let mut html = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
         <body><main><h1>{title}</h1><p>{intro}</p>\
         <p><a href=\"/api/v1/openapi.json\">openapi.json</a></p>",
        lang = locale.code(),
        title = escape(&t("api-docs-title")),
        intro = escape(&t("api-docs-intro")),
    );
    let mut by_tag: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (path, item) in &doc.paths.paths {
        let operations = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("DELETE", &item.delete),
        ];
        for (method, op) in operations {
            let Some(op) = op else { continue };
            let tag = op
                .tags
                .as_ref()
                .and_then(|t| t.first().cloned())
                .unwrap_or_default();
            let scopes: Vec<String> = op
                .security
                .iter()
                .flatten()
                .filter_map(|req| serde_json::to_value(req).ok())
                .filter_map(|v| v.get("oauth2").cloned())
                .filter_map(|v| serde_json::from_value::<Vec<String>>(v).ok())
                .flatten()
                .collect();
            let scope = if scopes.is_empty() {
                t("api-docs-public")
            } else {
                format!("{}: {}", t("api-docs-scope"), scopes.join(", "))
            };
            let responses: Vec<&str> = op.responses.responses.keys().map(String::as_str).collect();
            by_tag.entry(tag).or_default().push(format!(
                "<li><code>{method} {path}</code> — {summary}<br><small>{scope} · {answers}: {codes}</small></li>",
                path = escape(path),
                summary = escape(op.summary.as_deref().unwrap_or("")),
                scope = escape(&scope),
                answers = escape(&t("api-docs-responses")),
                codes = responses.join(", "),
            ));
        }
    }
    for (tag, lines) in by_tag {
        html.push_str(&format!("<h2>{}</h2><ul>", escape(&tag)));
        for line in lines {
            html.push_str(&line);
        }
        html.push_str("</ul>");
    }
    html.push_str("</main></body></html>");
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html)
}
