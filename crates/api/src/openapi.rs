//! The OpenAPI 3.1 document, generated from the handlers' annotations and typed bodies,
//! served at `/api/v1/openapi.json`; a page for people at `/api/v1/docs`. A copy is
//! committed at `docs/openapi.json` and a test fails when it drifts from this one.

use crate::Problem;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_domain::Scope;
use citysync_i18n::Locale;
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
    doc.merge(crate::ledger::Doc::openapi());
    doc.merge(crate::governance::Doc::openapi());
    doc.merge(crate::stats::Doc::openapi());
    doc.merge(crate::issuing::Doc::openapi());
    doc.merge(crate::redeeming::Doc::openapi());
    doc.merge(crate::membership::Doc::openapi());
    doc.merge(crate::administration::Doc::openapi());
    doc
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
    let locale = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::negotiate)
        .unwrap_or(Locale::En);
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
