//! The public catalog of opportunities, and the issuer's side of it: task templates
//! (written, versioned, activated, retired) and the opportunities issued from them.

pub(crate) mod opportunities;
pub(crate) mod overlap;
mod templates;

use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::web;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use citysync_app::catalog::{self, CatalogPage, CatalogQuery, CityTaxonomy, Opportunity};
use citysync_app::instance::City;
use citysync_app::AppError;
use citysync_domain::task::format_credits;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities", web::get().to(catalog_page))
        .route(
            "/organizations/{handle}/templates/new",
            web::get().to(templates::template_new_form),
        )
        .route(
            "/organizations/{handle}/templates/new",
            web::post().to(templates::template_new_submit),
        )
        .route("/templates/{id}", web::get().to(templates::template_show))
        .route(
            "/templates/{id}/adopt",
            web::post().to(overlap::template_adopt),
        )
        .route(
            "/templates/{id}/edit",
            web::get().to(templates::template_edit_form),
        )
        .route(
            "/templates/{id}/edit",
            web::post().to(templates::template_edit_submit),
        )
        .route(
            "/templates/{id}/activate",
            web::post().to(templates::template_activate),
        )
        .route(
            "/templates/{id}/retire",
            web::post().to(templates::template_retire),
        )
        .route(
            "/templates/{id}/opportunities/new",
            web::get().to(opportunities::opportunity_new_form),
        )
        .route(
            "/templates/{id}/opportunities/new",
            web::post().to(opportunities::opportunity_new_submit),
        )
        .route(
            "/opportunities/{id}/publish",
            web::post().to(opportunities::opportunity_publish),
        )
        .route(
            "/opportunities/{id}/close",
            web::post().to(opportunities::opportunity_close),
        )
        .route(
            "/opportunities/{id}/edit",
            web::get().to(opportunities::opportunity_edit_form),
        )
        .route(
            "/opportunities/{id}/edit",
            web::post().to(opportunities::opportunity_edit_submit),
        )
        .route(
            "/opportunities/{id}/cancel",
            web::get().to(opportunities::opportunity_cancel_form),
        )
        .route(
            "/opportunities/{id}/cancel",
            web::post().to(opportunities::opportunity_cancel),
        );
}

#[derive(Serialize)]
pub(crate) struct NamedId {
    id: String,
    name: String,
}

/// A category with its units, named in the reader's language.
#[derive(Serialize)]
pub(crate) struct CategoryView {
    id: String,
    name: String,
    units: Vec<NamedId>,
}

pub(crate) fn taxonomy_view(
    viewer: &Viewer,
    state: &WebState,
    tax: &CityTaxonomy,
) -> Vec<CategoryView> {
    let i18n = &state.ctx.i18n;
    tax.taxonomy
        .categories
        .iter()
        .map(|c| CategoryView {
            id: c.id.clone(),
            name: tax.category_name(i18n, viewer.locale, &c.id),
            units: c
                .units
                .iter()
                .map(|u| NamedId {
                    id: u.clone(),
                    name: tax.unit_name(i18n, viewer.locale, u),
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The public catalog

/// The catalog's filters as they appear in the address (and back in the form).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CatalogParams {
    #[serde(default)]
    category: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    open: String,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

/// A date typed as `YYYY-MM-DD`, at `time` on the city's clocks (as the UTC instant the
/// queries compare); anything else is no filter.
fn day(city: &City, input: &str, time: NaiveTime) -> Option<NaiveDateTime> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .ok()
        .map(|d| city.utc_of_local(d.and_time(time)))
}

impl CatalogParams {
    fn to_query(&self, city: &City) -> CatalogQuery {
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        CatalogQuery {
            category: some(&self.category),
            organization: some(&self.organization),
            from: day(city, &self.from, NaiveTime::MIN),
            until: NaiveTime::from_hms_opt(23, 59, 59).and_then(|end| day(city, &self.until, end)),
            text: some(&self.q),
            open_slots_only: !self.open.is_empty(),
            page: self.page.unwrap_or(1),
        }
    }

    /// The address of page `page` with the same filters.
    fn link(&self, page: i64) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("category", &self.category),
            ("organization", &self.organization),
            ("from", &self.from),
            ("until", &self.until),
            ("q", &self.q),
            ("open", &self.open),
        ] {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        query.append_pair("page", &page.to_string());
        format!("/opportunities?{}", query.finish())
    }
}

/// An opportunity as a catalog line: names and amounts ready to read.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    opportunity: &'a Opportunity,
    /// The language the title is shown in (issue 27).
    title_lang: String,
    category_name: String,
    reward_city_text: String,
}

/// GET /opportunities — published opportunities that have not ended, with filters.
pub async fn catalog_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    params: web::Query<CatalogParams>,
) -> Page {
    let query = params.to_query(&viewer.city);
    let filtered_by_org = query.organization.is_some();
    let page = match catalog::catalog(&state.ctx, query).await {
        Ok(page) => page,
        // An organization handle nobody has: simply nothing to show.
        Err(AppError::NotFound) if filtered_by_org => CatalogPage {
            items: Vec::new(),
            total: 0,
            page: 1,
            pages: 1,
        },
        Err(e) => return Err(e.into()),
    };
    let tax = catalog::taxonomy(&state.ctx).await?;
    // Titles in the reader's language, where translated (issue 27).
    let mut items = page.items;
    let title_langs = super::translations::opportunities_shown(&viewer, &state, &mut items).await;
    let lines: Vec<Line> = items
        .iter()
        .zip(title_langs)
        .map(|(o, title_lang)| Line {
            opportunity: o,
            title_lang,
            category_name: tax.category_name(&state.ctx.i18n, viewer.locale, &o.category),
            reward_city_text: format_credits(o.reward_city),
        })
        .collect();
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "catalog.html",
        minijinja::context! {
            lines => minijinja::value::Serde(&lines),
            total => page.total,
            page => page.page,
            pages => page.pages,
            prev_link => (page.page > 1).then(|| params.link(page.page - 1)),
            next_link => (page.page < page.pages).then(|| params.link(page.page + 1)),
            filters => minijinja::value::Serde(&*params),
            categories => minijinja::value::Serde(taxonomy_view(&viewer, &state, &tax)),
        },
    ))
}
