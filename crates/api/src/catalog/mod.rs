//! The catalog: opportunities with filters and cursor pagination, one opportunity, and the
//! taxonomy its filters name. Public: no token needed. Its write side, for organizations
//! (`write:catalog`), is [`issuing`].

pub mod issuing;

use crate::pagination::{self, DEFAULT_LIMIT, MAX_LIMIT};
use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog::{self, CatalogQuery};
use citysync_app::translations::Field;
use citysync_app::Ctx;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(opportunities_index, opportunity_show, taxonomy_show))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities", web::get().to(opportunities_index))
        .route("/opportunities/{id}", web::get().to(opportunity_show))
        .route("/taxonomy", web::get().to(taxonomy_show));
}

/// A place as coordinates (WGS 84).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Point {
    #[schema(minimum = -90, maximum = 90)]
    pub latitude: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub longitude: f64,
}

/// An opportunity to do civic work, as the catalog lists it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Opportunity {
    pub id: String,
    /// The issuing organization's handle.
    pub organization: String,
    pub organization_name: String,
    pub template_id: String,
    pub title: String,
    pub summary: String,
    /// A taxonomy category id.
    pub category: String,
    /// The unit outcomes are counted in (a taxonomy unit id).
    pub outcome_unit: String,
    pub expected_outcome: f64,
    /// CITY minted on verification, in hundredths (500 = 5.00 CITY).
    pub reward_city: i64,
    /// VOTE minted on verification (whole VOTE).
    pub reward_vote: i64,
    /// `issuer_review`, `on_site` or `peer`.
    pub verification_method: String,
    pub place: String,
    pub point: Option<Point>,
    pub starts_at: CityTime,
    pub ends_at: CityTime,
    pub claim_deadline: CityTime,
    pub capacity: i32,
    pub remaining: i64,
    pub onsite_instructions: String,
    /// `draft`, `published`, `closed` or `cancelled`.
    pub state: String,
    /// The language the opportunity was written in (a BCP 47 tag). `title`, `summary` and
    /// `onsite_instructions` are in the language `Accept-Language` asks for when a
    /// translation into it exists, else in this one.
    #[serde(default)]
    pub original_language: String,
    /// Its translations, by language tag (the original's language is not among them).
    #[serde(default)]
    pub translations: BTreeMap<String, OpportunityTexts>,
}

/// An opportunity's texts in one language; a field without a translation is absent.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct OpportunityTexts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onsite_instructions: Option<String>,
}

impl Opportunity {
    /// Opportunities as the reader of `req` reads them (issue 27): their texts in the
    /// language `Accept-Language` picks when translated, with every translation.
    pub(crate) async fn localized(
        ctx: &Ctx,
        req: &HttpRequest,
        items: Vec<catalog::Opportunity>,
    ) -> Result<Vec<Opportunity>, Problem> {
        let texts = citysync_app::translations::opportunity_texts(ctx, &items).await?;
        let reader = crate::problem::reader_locale(req);
        Ok(items
            .into_iter()
            .map(|o| {
                let t = texts.get(&o.id).cloned().unwrap_or_default();
                let pick =
                    |field: Field, original: &str| t.pick(field, original, reader.code()).text;
                let (title, summary, onsite) = (
                    pick(Field::Title, &o.title),
                    pick(Field::Summary, &o.summary),
                    pick(Field::Content, &o.onsite_instructions),
                );
                let mut json = Opportunity::from(o);
                json.title = title;
                json.summary = summary;
                json.onsite_instructions = onsite;
                json.original_language.clone_from(&t.original);
                json.translations = t
                    .translations
                    .iter()
                    .map(|(lang, fields)| {
                        (
                            lang.clone(),
                            OpportunityTexts {
                                title: fields.get(&Field::Title).cloned(),
                                summary: fields.get(&Field::Summary).cloned(),
                                onsite_instructions: fields.get(&Field::Content).cloned(),
                            },
                        )
                    })
                    .collect();
                json
            })
            .collect())
    }

    /// One opportunity, as [`Opportunity::localized`] shows it.
    pub(crate) async fn localized_one(
        ctx: &Ctx,
        req: &HttpRequest,
        item: catalog::Opportunity,
    ) -> Result<Opportunity, Problem> {
        Opportunity::localized(ctx, req, vec![item])
            .await?
            .pop()
            .ok_or_else(|| Problem::from_app(&citysync_app::AppError::NotFound, req))
    }
}

impl From<catalog::Opportunity> for Opportunity {
    fn from(o: catalog::Opportunity) -> Opportunity {
        Opportunity {
            id: o.id,
            organization: o.organization_handle,
            organization_name: o.organization_name,
            template_id: o.template_id,
            title: o.title,
            summary: o.summary,
            category: o.category,
            outcome_unit: o.outcome_unit,
            expected_outcome: o.expected_outcome,
            reward_city: o.reward_city,
            reward_vote: o.reward_vote,
            verification_method: o.verification_method.as_str().to_owned(),
            place: o.place,
            point: o.point.map(|p| Point {
                latitude: p.latitude,
                longitude: p.longitude,
            }),
            starts_at: o.starts_at.into(),
            ends_at: o.ends_at.into(),
            claim_deadline: o.claim_deadline.into(),
            capacity: o.capacity,
            remaining: o.remaining,
            onsite_instructions: o.onsite_instructions,
            state: o.state.as_str().to_owned(),
            original_language: String::new(),
            translations: BTreeMap::new(),
        }
    }
}

/// A slice of a list; `next` is the cursor of the following slice (also in the `Link`
/// header), absent on the last.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OpportunityList {
    pub items: Vec<Opportunity>,
    pub next: Option<String>,
}

/// The catalog's filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OpportunityFilter {
    /// A taxonomy category id.
    pub category: Option<String>,
    /// An organization's handle.
    pub organization: Option<String>,
    /// Only opportunities still running at or after this time.
    pub from: Option<CityTime>,
    /// Only opportunities starting at or before this time.
    pub until: Option<CityTime>,
    /// Words in the title, summary or place.
    pub q: Option<String>,
    /// Only opportunities with a free slot.
    #[serde(default)]
    pub open: bool,
    /// The `next` cursor of the previous slice.
    pub cursor: Option<String>,
    /// How many per slice (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// List published opportunities that have not ended, soonest first.
#[utoipa::path(get, path = "/api/v1/opportunities", tag = "catalog",
    params(OpportunityFilter),
    responses(
        (status = 200, description = "A slice of the catalog; `Link: <…>; rel=\"next\"` when there is more", body = OpportunityList),
        (status = 400, description = "A filter or cursor is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`organization` names no organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn opportunities_index(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    _reader: Reader,
    filter: crate::extract::Query<OpportunityFilter>,
) -> Result<HttpResponse, Problem> {
    let filter = filter.into_inner();
    let after = match &filter.cursor {
        Some(cursor) => {
            let position = pagination::decode(cursor, &req)?;
            let (at, id) = position
                .split_once('|')
                .and_then(|(at, id)| {
                    Some((at.parse::<chrono::NaiveDateTime>().ok()?, id.to_owned()))
                })
                .ok_or_else(|| Problem::new("error-cursor-invalid", 400, &[], &req, None))?;
            Some((at, id))
        }
        None => None,
    };
    let query = CatalogQuery {
        category: filter.category,
        organization: filter.organization,
        from: filter.from.map(CityTime::utc),
        until: filter.until.map(CityTime::utc),
        text: filter.q,
        open_slots_only: filter.open,
        page: 1,
    };
    let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let (items, next) = catalog::catalog_after(&ctx, query, after, limit).await?;
    let next = next
        .map(|(at, id)| pagination::encode(&format!("{}|{id}", at.format("%Y-%m-%dT%H:%M:%S%.f"))));
    let mut response = HttpResponse::Ok();
    if let Some(cursor) = &next {
        response.insert_header((header::LINK, pagination::next_link(&ctx, &req, cursor)));
    }
    Ok(response.json(OpportunityList {
        items: Opportunity::localized(&ctx, &req, items).await?,
        next,
    }))
}

/// Show one opportunity (a draft only to its organization's members).
#[utoipa::path(get, path = "/api/v1/opportunities/{id}", tag = "catalog",
    params(("id" = String, Path, description = "The opportunity's id")),
    responses(
        (status = 200, body = Opportunity),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn opportunity_show(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let opportunity = catalog::opportunity(&ctx, &id, reader.user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(Opportunity::localized_one(&ctx, &req, opportunity).await?))
}

/// A category of civic work and the units its outcomes are counted in.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Category {
    pub id: String,
    pub units: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Taxonomy {
    pub version: u32,
    pub categories: Vec<Category>,
}

/// The city's taxonomy: the shipped categories and units plus those its administrators added.
#[utoipa::path(get, path = "/api/v1/taxonomy", tag = "catalog",
    responses((status = 200, body = Taxonomy)))]
pub async fn taxonomy_show(ctx: web::Data<Ctx>, _reader: Reader) -> Result<HttpResponse, Problem> {
    let city = catalog::taxonomy(&ctx).await?;
    Ok(HttpResponse::Ok().json(Taxonomy {
        version: city.taxonomy.version,
        categories: city
            .taxonomy
            .categories
            .iter()
            .map(|c| Category {
                id: c.id.clone(),
                units: c.units.clone(),
            })
            .collect(),
    }))
}
