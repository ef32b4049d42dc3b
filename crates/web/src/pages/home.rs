//! The city's home page, its public "about" page (the HTML face of the city actor) and
//! residents' public profiles.

use crate::templates::STYLESHEET;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::{accounts, instance, AppError};

/// GET / — the city's home page.
pub async fn home(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let region = viewer.city.region.clone();
    viewer.render(
        &state,
        StatusCode::OK,
        "home.html",
        minijinja::context! { region => region },
    )
}

/// GET /static/app.css — the one stylesheet.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(STYLESHEET)
}

/// GET /city — the city as a page (the same URL answers ActivityPub clients with its actor).
pub async fn city_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let handle = format!("@city@{}", state.ctx.settings.host());
    let region = viewer.city.region.clone();
    let timezone = viewer.city.timezone.clone();
    let profile = match instance::profile(&state.ctx).await {
        Ok(profile) => profile,
        Err(e) => return viewer.error_page(&state, &e),
    };
    viewer.render(
        &state,
        StatusCode::OK,
        "city.html",
        minijinja::context! {
            handle => handle,
            region => region,
            timezone => timezone,
            description => profile.description,
            contact => profile.contact,
        },
    )
}

/// GET /users/{username} — a resident's public profile.
pub async fn profile(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    match accounts::by_username(&state.ctx, &path).await {
        Ok(Some(user)) => {
            let handle = format!("@{}@{}", user.username, state.ctx.settings.host());
            // The name only when the resident chose to show it (settings, public profile).
            let display_name = match accounts::profile(&state.ctx, &user.id.to_string()).await {
                Ok(p) => p.display_name.filter(|_| p.public),
                Err(e) => return viewer.error_page(&state, &e),
            };
            viewer.render(
                &state,
                StatusCode::OK,
                "profile.html",
                minijinja::context! {
                    username => user.username.as_str(),
                    handle => handle,
                    display_name => display_name,
                },
            )
        }
        Ok(None) => viewer.error_page(&state, &AppError::NotFound),
        Err(e) => viewer.error_page(&state, &e),
    }
}
