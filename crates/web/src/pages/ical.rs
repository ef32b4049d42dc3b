//! Calendar feeds (RFC 5545): a resident's private feed of their claims behind a secret
//! address they can reset on the settings page, and each organization's public feed of its
//! opportunities. Calendar applications subscribe to them and poll.

use super::open_data::public_headers;
use super::poster;
use super::TokenForm;
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::header::{HeaderValue, CACHE_CONTROL};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::calendar_files::{self, Calendar, Event, PRODUCT};
use citysync_app::AppError;
use citysync_i18n::ArgValue;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/calendar/feeds/{token}.ics", web::get().to(resident_feed))
        .route(
            "/organizations/{handle}/calendar.ics",
            web::get().to(organization_feed),
        )
        .route("/settings/calendar-feed", web::post().to(reset_feed_submit));
}

/// The address of a resident's private feed with secret `token`.
pub fn resident_feed_path(token: &str) -> String {
    format!("/calendar/feeds/{token}.ics")
}

fn ics_response(calendar: &Calendar) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(calendar_files::ics::content_type(None))
        .body(calendar.render())
}

/// GET /calendar/feeds/{token}.ics — whoever holds the secret address: the resident's
/// active claims. An unknown or reset secret is 404.
pub async fn resident_feed(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let events: Vec<Event> = calendar_files::resident_feed(&state.ctx, &path).await?;
    let name = state.ctx.i18n.message(
        viewer.city.default_locale,
        "calendar-files-resident-feed-name",
        &[("city", ArgValue::from(viewer.city.display_name()))],
    );
    let calendar = Calendar {
        product: PRODUCT.to_owned(),
        name: Some(name),
        method: None,
        events,
    };
    let mut resp = ics_response(&calendar);
    // Personal: never kept by a shared cache.
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(resp)
}

/// GET /organizations/{handle}/calendar.ics — public: an approved organization's published
/// opportunities.
pub async fn organization_feed(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let (org, events) = calendar_files::organization_feed(&state.ctx, &path).await?;
    let name = state.ctx.i18n.message(
        viewer.city.default_locale,
        "calendar-files-organization-feed-name",
        &[("name", ArgValue::from(org.name.as_str()))],
    );
    let calendar = Calendar {
        product: PRODUCT.to_owned(),
        name: Some(name),
        method: None,
        events,
    };
    let mut resp = ics_response(&calendar);
    public_headers(&mut resp);
    Ok(resp)
}

/// POST /settings/calendar-feed — the signed-in resident gets a new private feed address
/// (the old one stops working), shown once on the page this answers with.
pub async fn reset_feed_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<TokenForm>,
) -> Page {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(AppError::Unauthenticated) => return Ok(Viewer::see_other("/login")),
        Err(e) => return Err(e.into()),
    };
    match calendar_files::reset_feed(&state.ctx, user).await {
        Ok(token) => {
            let url = state.ctx.settings.url(&resident_feed_path(&token));
            let webcal = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .map(|rest| format!("webcal://{rest}"))
                .unwrap_or_else(|| url.clone());
            let mut resp = viewer.render(
                &state,
                StatusCode::OK,
                "calendar_feed.html",
                minijinja::context! { feed_url => url, webcal_url => webcal },
            );
            resp.headers_mut()
                .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(resp)
        }
        Err(e) => Err(e.into()),
    }
}
