//! The shared picture of civic work: every published opportunity of the city on a calendar
//! (grouped by day, in the city's time zone) and on a map (an SVG drawn here, with a numbered
//! list of the same opportunities). Both are public, work without JavaScript and take the
//! same filters; the calendar can add, as a separate layer, the opportunities followed cities
//! sent us.

use crate::errors::Page;
use crate::map_svg::{self, MapPoint};
use crate::pages::catalog::taxonomy_view;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::web;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use citysync_app::catalog::{self, CatalogQuery, CityTaxonomy, Opportunity};
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote as remote_objects;
use citysync_app::instance::City;
use citysync_app::AppError;
use citysync_i18n::Moment;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/calendar", web::get().to(calendar_page))
        .route("/map", web::get().to(map_page));
}

/// How many opportunities one calendar or map shows at most, a slice of the catalog at a
/// time; past that the page says it stopped and asks for narrower filters.
const SHOWN: usize = 500;
const SLICE: i64 = 100;
/// How many remote opportunities the peers layer looks through, newest first.
const REMOTE_LIMIT: i64 = 200;

/// The filters as they appear in the address (and back in the form).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CalendarParams {
    #[serde(default)]
    category: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// Matched against the place (and title and summary): there is no neighborhood field.
    #[serde(default)]
    place: String,
    /// `peers` adds the opportunities of followed cities.
    #[serde(default)]
    layer: String,
}

fn date(input: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").ok()
}

impl CalendarParams {
    /// The first instant (UTC) the filters let in: the start of `from` on the city's clocks.
    fn start_utc(&self, city: &City) -> Option<NaiveDateTime> {
        date(&self.from).map(|d| city.utc_of_local(d.and_time(NaiveTime::MIN)))
    }

    /// The last instant (UTC) the filters let in: the end of `to` on the city's clocks.
    fn until_utc(&self, city: &City) -> Option<NaiveDateTime> {
        date(&self.to)
            .and_then(|d| d.succ_opt())
            .map(|next| city.utc_of_local(next.and_time(NaiveTime::MIN)) - Duration::seconds(1))
    }

    fn to_query(&self, city: &City) -> CatalogQuery {
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        CatalogQuery {
            category: some(&self.category),
            organization: some(&self.organization),
            from: self.start_utc(city),
            until: self.until_utc(city),
            text: some(&self.place),
            open_slots_only: false,
            page: 1,
        }
    }

    fn peers(&self) -> bool {
        self.layer == "peers"
    }
}

/// Every opportunity the filters match, soonest first, up to `SHOWN`; and whether there were
/// more. An organization handle nobody has simply matches nothing.
async fn matching(
    state: &WebState,
    params: &CalendarParams,
    city: &City,
) -> Result<(Vec<Opportunity>, bool), AppError> {
    let query = params.to_query(city);
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let slice = catalog::catalog_after(&state.ctx, query.clone(), after, SLICE).await;
        let (items, next) = match slice {
            Ok(found) => found,
            Err(AppError::NotFound) if query.organization.is_some() => return Ok((all, false)),
            Err(e) => return Err(e),
        };
        all.extend(items);
        match next {
            Some(cursor) if all.len() < SHOWN => after = Some(cursor),
            Some(_) => return Ok((all, true)),
            None => return Ok((all, false)),
        }
    }
}

/// An opportunity as the calendar and the map list it: names and local times ready to read.
#[derive(Serialize)]
struct Item {
    number: usize,
    id: String,
    title: String,
    organization_handle: String,
    organization_name: String,
    category_name: String,
    place: String,
    /// For `<time datetime>`: UTC, with its `Z`.
    starts_iso: String,
    ends_iso: String,
    /// The city's clock time (`18:00`), or date and time when it ends on another day.
    starts_text: String,
    ends_text: String,
    /// The city's date and time, for the map's list.
    starts_full: String,
    remaining: i64,
    capacity: i32,
    located: bool,
}

fn iso(at: NaiveDateTime) -> String {
    format!("{}Z", at.format("%Y-%m-%dT%H:%M:%S"))
}

fn item(
    number: usize,
    o: &Opportunity,
    city: &City,
    tax: &CityTaxonomy,
    state: &WebState,
    viewer: &Viewer,
) -> Item {
    let starts = city.local_time(o.starts_at);
    let ends = city.local_time(o.ends_at);
    let ends_text = if ends.date() == starts.date() {
        viewer.moment(state, o.ends_at, Moment::Time)
    } else {
        viewer.moment(state, o.ends_at, Moment::DateTime)
    };
    Item {
        number,
        id: o.id.clone(),
        title: o.title.clone(),
        organization_handle: o.organization_handle.clone(),
        organization_name: o.organization_name.clone(),
        category_name: tax.category_name(&state.ctx.i18n, viewer.locale, &o.category),
        place: o.place.clone(),
        starts_iso: iso(o.starts_at),
        ends_iso: iso(o.ends_at),
        starts_text: viewer.moment(state, o.starts_at, Moment::Time),
        ends_text,
        starts_full: viewer.moment(state, o.starts_at, Moment::DateTime),
        remaining: o.remaining,
        capacity: o.capacity,
        located: o.point.is_some(),
    }
}

/// One day of the calendar: its date and what starts on it (on the city's clocks).
#[derive(Serialize)]
struct Day {
    /// `2026-11-28`, for `<time datetime>` and the heading's id.
    date: String,
    /// 1 (Monday) to 7 (Sunday), for the localized weekday.
    weekday: u32,
    items: Vec<Item>,
}

fn days(items: Vec<(NaiveDate, Item)>) -> Vec<Day> {
    let mut days: Vec<Day> = Vec::new();
    for (date, item) in items {
        let key = date.format("%Y-%m-%d").to_string();
        match days.last_mut() {
            Some(day) if day.date == key => day.items.push(item),
            _ => days.push(Day {
                date: key,
                weekday: date.weekday().number_from_monday(),
                items: vec![item],
            }),
        }
    }
    days
}

/// A remote opportunity on the peers layer: it links to our own page of what was received.
#[derive(Serialize)]
struct RemoteItem {
    id: String,
    name: String,
    domain: String,
    starts_iso: String,
    starts_full: String,
}

/// The opportunities of followed cities that start within the filters' dates (and not
/// before today), soonest first. Only their dates filter them: category, organization and
/// place are this city's words.
async fn peer_items(
    state: &WebState,
    params: &CalendarParams,
    city: &City,
) -> Result<Vec<RemoteItem>, AppError> {
    let today = city.utc_of_local(
        city.local_time(state.ctx.now())
            .date()
            .and_time(NaiveTime::MIN),
    );
    let from = params.start_utc(city).map_or(today, |f| f.max(today));
    let until = params.until_utc(city);
    let mut found: Vec<(NaiveDateTime, RemoteItem)> =
        remote_objects::list(&state.ctx, Kind::Opportunity, REMOTE_LIMIT)
            .await?
            .into_iter()
            .filter(|o| !o.deleted)
            .filter_map(|o| {
                let starts = o.starts_at?;
                let inside = starts >= from && until.is_none_or(|u| starts <= u);
                inside.then(|| {
                    (
                        starts,
                        RemoteItem {
                            starts_iso: iso(starts),
                            starts_full: city
                                .local_time(starts)
                                .format("%Y-%m-%d %H:%M")
                                .to_string(),
                            id: o.id,
                            name: o.name,
                            domain: o.domain,
                        },
                    )
                })
            })
            .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(found.into_iter().map(|(_, item)| item).collect())
}

/// What both pages need: the matching opportunities and the taxonomy to name categories.
async fn load(
    viewer: &Viewer,
    state: &WebState,
    params: &CalendarParams,
) -> Result<(Vec<Opportunity>, bool, std::sync::Arc<CityTaxonomy>), AppError> {
    let (opportunities, more) = matching(state, params, &viewer.city).await?;
    let tax = catalog::taxonomy(&state.ctx).await?;
    Ok((opportunities, more, tax))
}

/// GET /calendar — public: published opportunities that have not ended, by day on the
/// city's clocks, with filters; `layer=peers` adds those of followed cities.
pub async fn calendar_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    params: web::Query<CalendarParams>,
) -> Page {
    let (opportunities, more, tax) = load(&viewer, &state, &params).await?;
    let city = &viewer.city;
    let total = opportunities.len();
    let dated: Vec<(NaiveDate, Item)> = opportunities
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                city.local_time(o.starts_at).date(),
                item(i + 1, o, city, &tax, &state, &viewer),
            )
        })
        .collect();
    let peers = if params.peers() {
        match peer_items(&state, &params, city).await {
            Ok(items) => Some(items),
            Err(e) => return Err(e.into()),
        }
    } else {
        None
    };
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "calendar.html",
        minijinja::context! {
            days => minijinja::value::Serde(days(dated)),
            total => total,
            more => more,
            peers => minijinja::value::Serde(peers),
            timezone => city.timezone.clone(),
            filters => minijinja::value::Serde(&*params),
            categories => minijinja::value::Serde(taxonomy_view(&viewer, &state, &tax)),
        },
    ))
}

/// GET /map — public: the same opportunities on a map drawn here (those with a position),
/// each numbered as in the list below it, which has them all.
pub async fn map_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    params: web::Query<CalendarParams>,
) -> Page {
    let (opportunities, more, tax) = load(&viewer, &state, &params).await?;
    let city = &viewer.city;
    let items: Vec<Item> = opportunities
        .iter()
        .enumerate()
        .map(|(i, o)| item(i + 1, o, city, &tax, &state, &viewer))
        .collect();
    let points: Vec<MapPoint> = opportunities
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            o.point.map(|p| MapPoint {
                number: i + 1,
                label: o.title.clone(),
                href: format!("/opportunities/{}", o.id),
                latitude: p.latitude,
                longitude: p.longitude,
            })
        })
        .collect();
    let located = points.len();
    let description = state.ctx.i18n.message(
        viewer.locale,
        "map-svg-desc",
        &[("located", located.into()), ("total", items.len().into())],
    );
    // Street tiles from the city's tile server (`[map] tile_url`), when it names one.
    let tiles = state.ctx.settings.map.tile_url.as_deref();
    let svg = map_svg::map_with_tiles(
        "city-map",
        &viewer.t(&state, "map-svg-title"),
        &description,
        &points,
        tiles,
    );
    let attribution = tiles
        .filter(|_| svg.is_some())
        .map(|_| state.ctx.settings.map.tile_attribution.clone());
    let mut resp = viewer.render(
        &state,
        StatusCode::OK,
        "map.html",
        minijinja::context! {
            attribution => attribution,
            svg => svg.map(minijinja::Value::from_safe_string),
            items => minijinja::value::Serde(&items),
            total => items.len(),
            located => located,
            more => more,
            filters => minijinja::value::Serde(&*params),
            categories => minijinja::value::Serde(taxonomy_view(&viewer, &state, &tax)),
        },
    );
    // The tiles' server, and only it, joins the images the page may load.
    if let Some(origin) = tiles.and_then(crate::street_map::tile_origin) {
        let policy = crate::headers::policy_with_images_from(&origin);
        if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&policy) {
            resp.headers_mut()
                .insert(actix_web::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use citysync_i18n::Locale;

    fn berkeley() -> City {
        City {
            name: None,
            region: None,
            default_locale: Locale::SOURCE,
            timezone: "America/Los_Angeles".into(),
            configured: true,
            public_key_pem: String::new(),
        }
    }

    #[test]
    fn dates_are_whole_days_on_the_city_clocks() {
        let params = CalendarParams {
            from: "2026-07-04".into(),
            to: "2026-07-04".into(),
            place: "  ".into(),
            ..CalendarParams::default()
        };
        let query = params.to_query(&berkeley());
        assert_eq!(
            query.from.map(|t| t.to_string()).as_deref(),
            Some("2026-07-04 07:00:00")
        );
        assert_eq!(
            query.until.map(|t| t.to_string()).as_deref(),
            Some("2026-07-05 06:59:59")
        );
        assert_eq!(query.text, None);
        let params = CalendarParams {
            from: "July".into(),
            ..CalendarParams::default()
        };
        assert_eq!(params.to_query(&berkeley()).from, None);
    }
}
