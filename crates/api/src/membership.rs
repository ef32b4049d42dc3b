//! Belonging to organizations through an app: a resident applies to create one, its owners
//! invite members with a role, the invited answer. (Reads are in `organizations`.)

use crate::auth::{scoped, Scoped};
use crate::organizations::Organization;
use crate::time::CityTime;
use crate::Problem;
use actix_web::{web, HttpResponse};
use citysync_app::{organizations, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(
    organization_create,
    members_index,
    invitation_create,
    invitations_index,
    invitation_answer
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/organizations", web::post().to(organization_create))
        .route(
            "/organizations/{handle}/members",
            web::get().to(members_index),
        )
        .route(
            "/organizations/{handle}/invitations",
            web::post().to(invitation_create),
        )
        .route("/me/invitations", web::get().to(invitations_index))
        .route(
            "/invitations/{id}/answer",
            web::post().to(invitation_answer),
        );
}

/// An organization a resident asks the city to approve; they become its first owner.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewOrganization {
    /// 3 to 40 of `a-z`, `0-9`, `-` and `_`, starting with a letter (capitals are read as
    /// lower case), not a reserved name; unique in the city; its address and federation
    /// handle.
    #[schema(pattern = "^[a-z][a-z0-9_-]{2,39}$")]
    pub handle: String,
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub description: String,
    /// Publishes civic tasks.
    pub is_issuer: bool,
    /// Accepts CITY for its offerings.
    pub is_redeemer: bool,
    #[schema(format = Email, max_length = 254)]
    pub contact_email: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub website: String,
}

/// Apply to create an organization; it waits for an administrator's decision.
#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations",
    security(("oauth2" = ["write:catalog"])),
    request_body = NewOrganization,
    responses(
        (status = 201, body = Organization),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The handle is taken", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organization_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    body: crate::extract::Json<NewOrganization>,
) -> Result<HttpResponse, Problem> {
    let new = body.into_inner();
    let org = organizations::create(
        &ctx,
        &bearer.user,
        organizations::NewOrganization {
            handle: new.handle,
            name: new.name,
            description: new.description,
            is_issuer: new.is_issuer,
            is_redeemer: new.is_redeemer,
            contact_email: new.contact_email,
            website: new.website,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(Organization::from(org)))
}

/// A member of an organization.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Member {
    pub username: String,
    /// `owner`, `editor`, `verifier` or `cashier`.
    pub role: String,
    pub since: CityTime,
}

/// An invitation to join an organization, waiting for an answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Invitation {
    pub id: String,
    pub organization: String,
    pub organization_name: String,
    /// The invited username.
    pub invitee: String,
    pub role: String,
    pub created_at: CityTime,
}

impl From<organizations::PendingInvitation> for Invitation {
    fn from(i: organizations::PendingInvitation) -> Invitation {
        Invitation {
            id: i.id,
            organization: i.organization_handle,
            organization_name: i.organization_name,
            invitee: i.invitee,
            role: i.role.as_str().to_owned(),
            created_at: i.created_at.into(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Members {
    pub members: Vec<Member>,
    pub invitations: Vec<Invitation>,
}

/// An organization's members and pending invitations (to its members).
#[utoipa::path(get, path = "/api/v1/organizations/{handle}/members", tag = "organizations",
    security(("oauth2" = ["read"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    responses(
        (status = 200, body = Members),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn members_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
    handle: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let org = organizations::by_handle(&ctx, &handle, Some(&bearer.user)).await?;
    let (members, invitations) = organizations::members(&ctx, &org, &bearer.user).await?;
    Ok(HttpResponse::Ok().json(Members {
        members: members
            .into_iter()
            .map(|m| Member {
                username: m.username,
                role: m.role.as_str().to_owned(),
                since: m.since.into(),
            })
            .collect(),
        invitations: invitations.into_iter().map(Invitation::from).collect(),
    }))
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewInvitation {
    /// The resident's username or e-mail address.
    pub who: String,
    /// `owner`, `editor`, `verifier` or `cashier`.
    #[schema(pattern = "^(owner|editor|verifier|cashier)$")]
    pub role: String,
}

/// Invite a resident to the organization with a role (its owners).
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/invitations", tag = "organizations",
    security(("oauth2" = ["write:catalog"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = NewInvitation,
    responses(
        (status = 204, description = "Invited"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A member, or invited already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn invitation_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    handle: web::Path<String>,
    body: crate::extract::Json<NewInvitation>,
) -> Result<HttpResponse, Problem> {
    organizations::invite(&ctx, &bearer.user, &handle, &body.who, &body.role).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The invitations waiting for the resident's answer.
#[utoipa::path(get, path = "/api/v1/me/invitations", tag = "organizations",
    security(("oauth2" = ["read"])),
    responses((status = 200, body = Vec<Invitation>), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn invitations_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
) -> Result<HttpResponse, Problem> {
    let list = organizations::invitations_for(&ctx, &bearer.user).await?;
    let body: Vec<Invitation> = list.into_iter().map(Invitation::from).collect();
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Answer {
    pub accept: bool,
}

/// Accept or decline an invitation.
#[utoipa::path(post, path = "/api/v1/invitations/{id}/answer", tag = "organizations",
    security(("oauth2" = ["write:catalog"])),
    params(("id" = String, Path, description = "The invitation's id")),
    request_body = Answer,
    responses(
        (status = 204, description = "Answered"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn invitation_answer(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    id: web::Path<String>,
    body: crate::extract::Json<Answer>,
) -> Result<HttpResponse, Problem> {
    organizations::answer_invitation(&ctx, &bearer.user, &id, body.accept).await?;
    Ok(HttpResponse::NoContent().finish())
}
