//! Organizations: the approved ones, one with its public record, and the ones a resident
//! belongs to. Public reads need no token.

use crate::auth::{scoped, Scoped};
use crate::pagination::{self, DEFAULT_LIMIT, MAX_LIMIT};
use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::{organizations, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(organizations_index, organization_show, my_organizations))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/organizations", web::get().to(organizations_index))
        .route("/organizations/{handle}", web::get().to(organization_show))
        .route("/me/organizations", web::get().to(my_organizations));
}

/// An issuer or redeemer organization.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Organization {
    pub id: String,
    pub handle: String,
    pub name: String,
    pub description: String,
    pub is_issuer: bool,
    pub is_redeemer: bool,
    pub website: Option<String>,
    /// `pending`, `approved` or `declined`.
    pub state: String,
    pub created_at: CityTime,
}

impl From<organizations::Organization> for Organization {
    fn from(o: organizations::Organization) -> Organization {
        Organization {
            id: o.id,
            handle: o.handle,
            name: o.name,
            description: o.description,
            is_issuer: o.is_issuer,
            is_redeemer: o.is_redeemer,
            website: o.website,
            state: o.state.as_str().to_owned(),
            created_at: o.created_at.into(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganizationList {
    pub items: Vec<Organization>,
    pub next: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// The `next` cursor of the previous slice.
    pub cursor: Option<String>,
    /// How many per slice (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// List the approved organizations, oldest first.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations",
    params(ListQuery),
    responses(
        (status = 200, description = "A slice; `Link: <…>; rel=\"next\"` when there is more", body = OrganizationList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organizations_index(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    _reader: Reader,
    query: crate::extract::Query<ListQuery>,
) -> Result<HttpResponse, Problem> {
    let offset: i64 = match &query.cursor {
        Some(c) => pagination::decode(c, &req)?
            .parse()
            .map_err(|_| Problem::new("error-cursor-invalid", 400, &[], &req, None))?,
        None => 0,
    };
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let mut items = organizations::approved(&ctx, limit + 1, offset).await?;
    let next =
        (items.len() as i64 > limit).then(|| pagination::encode(&(offset + limit).to_string()));
    items.truncate(limit as usize);
    let mut response = HttpResponse::Ok();
    if let Some(cursor) = &next {
        response.insert_header((header::LINK, pagination::next_link(&ctx, &req, cursor)));
    }
    Ok(response.json(OrganizationList {
        items: items.into_iter().map(Organization::from).collect(),
        next,
    }))
}

/// An organization with its public record.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganizationRecord {
    pub organization: Organization,
    pub opportunities_issued: i64,
    pub claims_verified: i64,
    /// Median hours from submission to decision; absent before the first decision.
    pub median_decision_hours: Option<f64>,
}

/// Show an organization (one not approved only to its members and administrators).
#[utoipa::path(get, path = "/api/v1/organizations/{handle}", tag = "organizations",
    params(("handle" = String, Path, description = "The organization's handle")),
    responses(
        (status = 200, body = OrganizationRecord),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organization_show(
    ctx: web::Data<Ctx>,
    reader: Reader,
    handle: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let org = organizations::by_handle(&ctx, &handle, reader.user.as_ref()).await?;
    let counts = organizations::public_counts(&ctx, &org.id).await?;
    Ok(HttpResponse::Ok().json(OrganizationRecord {
        organization: org.into(),
        opportunities_issued: counts.opportunities_issued,
        claims_verified: counts.claims_verified,
        median_decision_hours: counts.median_decision_hours,
    }))
}

/// An organization the resident belongs to, and their role in it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Membership {
    pub organization: Organization,
    /// `owner`, `editor`, `verifier` or `cashier`.
    pub role: String,
}

/// The organizations the resident belongs to, with their role.
#[utoipa::path(get, path = "/api/v1/me/organizations", tag = "organizations",
    security(("oauth2" = ["read"])),
    responses(
        (status = 200, body = Vec<Membership>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_organizations(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
) -> Result<HttpResponse, Problem> {
    let list = organizations::of_user(&ctx, &bearer.user).await?;
    let body: Vec<Membership> = list
        .into_iter()
        .map(|(org, role)| Membership {
            organization: org.into(),
            role: role.as_str().to_owned(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
