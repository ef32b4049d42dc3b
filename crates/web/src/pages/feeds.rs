//! Atom feeds (RFC 4287) of newly published opportunities: the city's and each
//! organization's, newest first, in the city's default language. Written by hand: every
//! text goes through `xml::escape`.

use super::open_data::public_headers;
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::xml::escape;
use crate::WebState;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, SecondsFormat, Utc};
use citysync_app::catalog;
use citysync_app::open_data::{self, FeedEntry};
use citysync_i18n::{ArgValue, Locale};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities.atom", web::get().to(feed_city))
        .route(
            "/organizations/{handle}/opportunities.atom",
            web::get().to(feed_organization),
        );
}

/// The feed itself: who it is about and where it lives.
struct Feed<'a> {
    title: String,
    /// This feed's own address (also its id).
    self_url: String,
    /// The page it mirrors.
    page_url: String,
    author: &'a str,
    author_url: String,
    locale: Locale,
}

/// GET /opportunities.atom — public: the city's newest published opportunities.
pub async fn feed_city(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let settings = &state.ctx.settings;
    let city = viewer.city.display_name();
    let locale = viewer.city.default_locale;
    let feed = Feed {
        title: message(&state, locale, "open-data-feed-city-title", city),
        self_url: settings.url("/opportunities.atom"),
        page_url: settings.url("/opportunities"),
        author: city,
        author_url: settings.url("/"),
        locale,
    };
    answer(&viewer, &state, &feed, None).await
}

/// GET /organizations/{handle}/opportunities.atom — public: one approved organization's.
pub async fn feed_organization(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let org = citysync_app::organizations::by_handle(&state.ctx, &path, None).await?;
    let settings = &state.ctx.settings;
    let locale = viewer.city.default_locale;
    let page = format!("/organizations/{}", org.handle);
    let feed = Feed {
        title: message(
            &state,
            locale,
            "open-data-feed-organization-title",
            &org.name,
        ),
        self_url: settings.url(&format!("{page}/opportunities.atom")),
        page_url: settings.url(&page),
        author: &org.name,
        author_url: settings.url(&page),
        locale,
    };
    Ok(answer(&viewer, &state, &feed, Some(&org.handle)).await)
}

fn message(state: &WebState, locale: Locale, id: &str, name: &str) -> String {
    state
        .ctx
        .i18n
        .message(locale, id, &[("name", ArgValue::from(name))])
}

async fn answer(
    viewer: &Viewer,
    state: &WebState,
    feed: &Feed<'_>,
    handle: Option<&str>,
) -> HttpResponse {
    let entries = match open_data::newest_published(&state.ctx, handle).await {
        Ok(entries) => entries,
        Err(e) => return viewer.error_page(state, &e),
    };
    // Category names are a nicety: a feed without them is still a feed.
    let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
    let category = |id: &str| match &taxonomy {
        Some(t) => t.category_name(&state.ctx.i18n, feed.locale, id),
        None => id.to_owned(),
    };
    let updated = entries
        .iter()
        .map(|e| e.updated_at)
        .max()
        .unwrap_or_else(|| state.ctx.clock.now());
    let mut xml = String::with_capacity(1024 + entries.len() * 1024);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        feed.locale.code()
    ));
    push_element(&mut xml, 1, "id", &feed.self_url);
    push_element(&mut xml, 1, "title", &feed.title);
    push_element(&mut xml, 1, "updated", &time(updated));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&feed.self_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&feed.page_url)
    ));
    push_author(&mut xml, 1, feed.author, &feed.author_url);
    push_element(&mut xml, 1, "generator", "City/Sync");
    for entry in &entries {
        push_entry(
            &mut xml,
            state,
            feed.locale,
            citysync_i18n::moments::zone(&viewer.city.timezone),
            entry,
            &category(&entry.category),
        );
    }
    xml.push_str("</feed>\n");
    let mut resp = HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(xml);
    public_headers(&mut resp);
    resp
}

fn push_entry(
    xml: &mut String,
    state: &WebState,
    locale: Locale,
    zone: chrono_tz::Tz,
    e: &FeedEntry,
    category: &str,
) {
    let local = |at: DateTime<Utc>| {
        state.ctx.i18n.moment(
            locale,
            zone,
            at.naive_utc(),
            citysync_i18n::Moment::DateTime,
        )
    };
    let settings = &state.ctx.settings;
    let url = settings.url(&format!("/opportunities/{}", e.id));
    let summary = state.ctx.i18n.message(
        locale,
        "open-data-feed-entry-summary",
        &[
            ("summary", ArgValue::from(e.summary.as_str())),
            ("place", ArgValue::from(e.place.as_str())),
            ("starts", ArgValue::from(local(e.starts_at))),
            ("ends", ArgValue::from(local(e.ends_at))),
        ],
    );
    xml.push_str("  <entry>\n");
    // The opportunity's page is its permanent address, so it is also the entry's id.
    push_element(xml, 2, "id", &url);
    push_element(xml, 2, "title", &e.title);
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&url)
    ));
    push_element(xml, 2, "published", &time(e.published_at));
    push_element(xml, 2, "updated", &time(e.updated_at));
    push_author(
        xml,
        2,
        &e.organization_name,
        &settings.url(&format!("/organizations/{}", e.organization_handle)),
    );
    xml.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\"/>\n",
        escape(&e.category),
        escape(category)
    ));
    push_element(xml, 2, "summary", &summary);
    xml.push_str("  </entry>\n");
}

/// `<name>text</name>` on its own line; Atom's text constructs default to `type="text"`.
fn push_element(xml: &mut String, depth: usize, name: &str, text: &str) {
    xml.push_str(&format!(
        "{}<{name}>{}</{name}>\n",
        "  ".repeat(depth),
        escape(text)
    ));
}

fn push_author(xml: &mut String, depth: usize, name: &str, url: &str) {
    let indent = "  ".repeat(depth);
    xml.push_str(&format!("{indent}<author>\n"));
    push_element(xml, depth + 1, "name", name);
    push_element(xml, depth + 1, "uri", url);
    xml.push_str(&format!("{indent}</author>\n"));
}

/// An RFC 3339 date-time (RFC 4287 §3.3).
fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
