//! The city's home page, its public "about" page (the HTML face of the city actor) and
//! residents' public profiles.

use crate::errors::Page;
use crate::templates::STYLESHEET;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::catalog::{self, CatalogQuery};
use citysync_app::ledger::wallet;
use citysync_app::{accounts, home, instance, AppError};
use citysync_i18n::Moment;
use serde::{Deserialize, Serialize};

/// How many coming opportunities the home page lists.
const SOON: i64 = 3;

#[derive(Debug, Default, Deserialize)]
pub struct HomeQuery {
    /// Set after an email verification link signed the person in.
    #[serde(default)]
    verified: String,
}

/// A coming opportunity as the home lists it: the city's clocks, the reader's language.
#[derive(Serialize)]
struct Soon {
    id: String,
    title: String,
    organization_name: String,
    place: String,
    starts_iso: String,
    starts: String,
}

/// GET / — the city's home page: for a signed-in person their own home (the next shift,
/// the balances, what needs them); for everyone the next opportunities open to claim.
pub async fn home(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<HomeQuery>,
) -> Page {
    match page(&viewer, &state, !query.verified.is_empty()).await {
        Ok(resp) => Ok(resp),
        Err(e) => Err(e.into()),
    }
}

/// GET /home — the personal home (the sign-in page first, for a visitor).
pub async fn personal_home(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<HomeQuery>,
) -> Page {
    if viewer.user.is_none() {
        return Ok(viewer.sign_in_first());
    }
    home(viewer, state, query).await
}

async fn page(viewer: &Viewer, state: &WebState, verified: bool) -> Result<HttpResponse, AppError> {
    let ctx = &state.ctx;
    let region = viewer.city.region.clone();
    let query = CatalogQuery {
        open_slots_only: true,
        page: 1,
        ..CatalogQuery::default()
    };
    let (coming, _) = catalog::catalog_after(ctx, query, None, SOON).await?;
    let soon: Vec<Soon> = coming
        .into_iter()
        .map(|o| Soon {
            starts_iso: o.starts_at.and_utc().to_rfc3339(),
            starts: viewer.moment(state, o.starts_at, Moment::DateTime),
            id: o.id,
            title: o.title,
            organization_name: o.organization_name,
            place: o.place,
        })
        .collect();
    let Some(user) = &viewer.user else {
        return Ok(viewer.render(
            state,
            StatusCode::OK,
            "home.html",
            minijinja::context! {
                region => region,
                soon => minijinja::value::Serde(&soon),
                personal => false,
            },
        ));
    };
    let overview = home::overview(ctx, user).await?;
    let purse = wallet::wallet(ctx, user).await?;
    let next_shift = overview.next_shift.as_ref().map(|s| {
        minijinja::context! {
            claim_id => &s.claim_id,
            opportunity_id => &s.opportunity_id,
            title => &s.title,
            place => &s.place,
            starts_iso => s.starts_at.and_utc().to_rfc3339(),
            starts => viewer.moment(state, s.starts_at, Moment::DateTime),
            ends => viewer.moment(state, s.ends_at, Moment::Time),
        }
    });
    Ok(viewer.render(
        state,
        StatusCode::OK,
        "home.html",
        minijinja::context! {
            region => region,
            soon => minijinja::value::Serde(&soon),
            personal => true,
            verified => verified,
            next_shift => next_shift,
            city_balance => purse.city_text,
            vote_balance => purse.vote,
            overview => minijinja::value::Serde(&overview),
            reservations => purse.reservations.len(),
        },
    ))
}

/// GET /static/app.css — the one stylesheet.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(STYLESHEET)
}

/// GET /city — the city as a page (the same URL answers ActivityPub clients with its actor).
pub async fn city_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let handle = format!("@city@{}", state.ctx.settings.host());
    let region = viewer.city.region.clone();
    let timezone = viewer.city.timezone.clone();
    let profile = instance::profile(&state.ctx).await?;
    Ok(viewer.render(
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
    ))
}

/// GET /users/{username} — a resident's public profile.
pub async fn profile(viewer: Viewer, state: web::Data<WebState>, path: web::Path<String>) -> Page {
    match accounts::by_username(&state.ctx, &path).await {
        Ok(Some(user)) => {
            let handle = format!("@{}@{}", user.username, state.ctx.settings.host());
            // The name only when the resident chose to show it (settings, public profile).
            let display_name = match accounts::profile(&state.ctx, &user.id.to_string()).await {
                Ok(p) => p.display_name.filter(|_| p.public),
                Err(e) => return Err(e.into()),
            };
            Ok(viewer.render(
                &state,
                StatusCode::OK,
                "profile.html",
                minijinja::context! {
                    username => user.username.as_str(),
                    handle => handle,
                    display_name => display_name,
                },
            ))
        }
        Ok(None) => Err(AppError::NotFound.into()),
        Err(e) => Err(e.into()),
    }
}
