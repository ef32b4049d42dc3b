//! Issuing through an app (`write:catalog`, for an organization's owners and editors):
//! templates written, activated and retired; opportunities issued from active templates,
//! published, closed or cancelled. Templates are public once active.

use crate::auth::{scoped, Scoped};
use crate::catalog::{Opportunity, Point};
use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::{AppError, Ctx};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ExtraField, FieldKind, ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(
    template_create,
    template_show,
    template_change,
    opportunity_create,
    opportunity_change
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/organizations/{handle}/templates",
        web::post().to(template_create),
    )
    .route("/templates/{id}", web::get().to(template_show))
    .route(
        "/templates/{id}/transitions",
        web::post().to(template_change),
    )
    .route(
        "/organizations/{handle}/opportunities",
        web::post().to(opportunity_create),
    )
    .route(
        "/opportunities/{id}/transitions",
        web::post().to(opportunity_change),
    );
}

/// A question the claimant answers with their proof.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExtraQuestion {
    /// `[a-z0-9_]`; answered in the proof form's `extra_<key>` field.
    #[schema(pattern = "^[a-z0-9_]{1,30}$")]
    pub key: String,
    #[schema(min_length = 1, max_length = 100)]
    pub label: String,
    /// `text`, `number`, `choice` or `date`.
    #[schema(pattern = "^(text|number|choice|date)$")]
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<String>,
}

/// What a task template says, version by version.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TemplateContent {
    #[schema(min_length = 1, max_length = 120)]
    pub title: String,
    #[schema(min_length = 1, max_length = 500)]
    pub summary: String,
    /// Markdown.
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub instructions: String,
    /// A taxonomy category id (`GET /api/v1/taxonomy`).
    pub category: String,
    /// One of the category's units.
    pub outcome_unit: String,
    #[schema(exclusive_minimum = 0, maximum = 1000000)]
    pub expected_outcome: f64,
    /// `issuer_review`, `on_site` or `peer`.
    #[schema(pattern = "^(issuer_review|on_site|peer)$")]
    pub verification_method: String,
    /// Any of `text`, `photo`, `geo`, `time_range`.
    pub proof_kinds: Vec<String>,
    /// CITY in hundredths (500 = 5.00 CITY).
    #[schema(minimum = 0, maximum = 1000000)]
    pub reward_city: i64,
    #[schema(minimum = 0, maximum = 1000000)]
    pub reward_vote: i64,
    #[schema(minimum = 1, maximum = 1440)]
    pub estimated_minutes: i32,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub accessibility_notes: String,
    #[serde(default)]
    #[schema(max_items = 12)]
    pub extra_fields: Vec<ExtraQuestion>,
}

impl TemplateContent {
    fn into_spec(self) -> Result<TemplateSpec, AppError> {
        Ok(TemplateSpec {
            verification_method: VerificationMethod::parse(&self.verification_method)?,
            proof_kinds: self
                .proof_kinds
                .iter()
                .map(|k| ProofKind::parse(k))
                .collect::<Result<_, _>>()?,
            extra_fields: self
                .extra_fields
                .into_iter()
                .map(|f| {
                    Ok(ExtraField {
                        kind: FieldKind::parse(&f.kind)?,
                        key: f.key,
                        label: f.label,
                        required: f.required,
                        choices: f.choices,
                    })
                })
                .collect::<Result<_, AppError>>()?,
            title: self.title,
            summary: self.summary,
            instructions: self.instructions,
            category: self.category,
            outcome_unit: self.outcome_unit,
            expected_outcome: self.expected_outcome,
            reward_city: self.reward_city,
            reward_vote: self.reward_vote,
            estimated_minutes: self.estimated_minutes,
            accessibility_notes: self.accessibility_notes,
        })
    }

    fn of(spec: TemplateSpec) -> TemplateContent {
        TemplateContent {
            verification_method: spec.verification_method.as_str().to_owned(),
            proof_kinds: spec
                .proof_kinds
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            extra_fields: spec
                .extra_fields
                .into_iter()
                .map(|f| ExtraQuestion {
                    kind: f.kind.as_str().to_owned(),
                    key: f.key,
                    label: f.label,
                    required: f.required,
                    choices: f.choices,
                })
                .collect(),
            title: spec.title,
            summary: spec.summary,
            instructions: spec.instructions,
            category: spec.category,
            outcome_unit: spec.outcome_unit,
            expected_outcome: spec.expected_outcome,
            reward_city: spec.reward_city,
            reward_vote: spec.reward_vote,
            estimated_minutes: spec.estimated_minutes,
            accessibility_notes: spec.accessibility_notes,
        }
    }
}

/// A task template.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Template {
    pub id: String,
    pub organization_id: String,
    /// `draft`, `active` or `retired`.
    pub state: String,
    pub version: i32,
    pub content: TemplateContent,
    pub updated_at: CityTime,
}

impl From<catalog::Template> for Template {
    fn from(t: catalog::Template) -> Template {
        Template {
            id: t.id,
            organization_id: t.organization_id,
            state: t.state.as_str().to_owned(),
            version: t.version,
            content: TemplateContent::of(t.spec),
            updated_at: t.updated_at.into(),
        }
    }
}

/// Write a template for an organization; it starts as a draft.
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/templates", tag = "issuing",
    security(("oauth2" = ["write:catalog"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = TemplateContent,
    responses(
        (status = 201, body = Template),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner or editor of an approved issuer", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn template_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    handle: web::Path<String>,
    body: crate::extract::Json<TemplateContent>,
) -> Result<HttpResponse, Problem> {
    let spec = body.into_inner().into_spec()?;
    let template = catalog::create_template(&ctx, &bearer.user, &handle, spec).await?;
    Ok(HttpResponse::Created().json(Template::from(template)))
}

/// Show a template (a draft only to its organization's members).
#[utoipa::path(get, path = "/api/v1/templates/{id}", tag = "issuing",
    params(("id" = String, Path, description = "The template's id")),
    responses((status = 200, body = Template), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn template_show(
    ctx: web::Data<Ctx>,
    reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let page = catalog::template_page(&ctx, &id, None, reader.user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(Template::from(page.template)))
}

/// A change of state: for a template `activate` or `retire`; for an opportunity
/// `publish`, `close` or `cancel`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Transition {
    #[schema(pattern = "^(activate|retire|publish|close|cancel)$")]
    pub event: String,
}

/// Activate a draft template (opportunities can then be issued from it) or retire one.
#[utoipa::path(post, path = "/api/v1/templates/{id}/transitions", tag = "issuing",
    security(("oauth2" = ["write:catalog"])),
    params(("id" = String, Path, description = "The template's id")),
    request_body = Transition,
    responses(
        (status = 200, body = Template),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in its state", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn template_change(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    id: web::Path<String>,
    body: crate::extract::Json<Transition>,
) -> Result<HttpResponse, Problem> {
    let event = match body.event.as_str() {
        "activate" => TemplateEvent::Activate,
        "retire" => TemplateEvent::Retire,
        _ => {
            return Err(Problem::new(
                "error-transition-unknown",
                400,
                &[],
                &req,
                None,
            ))
        }
    };
    catalog::change_template(&ctx, &bearer.user, &id, event).await?;
    let page = catalog::template_page(&ctx, &id, None, Some(&bearer.user)).await?;
    Ok(HttpResponse::Ok().json(Template::from(page.template)))
}

/// An opportunity to issue from an active template.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewOpportunity {
    pub template_id: String,
    /// Instead of the template's title.
    #[schema(max_length = 120)]
    pub title: Option<String>,
    #[schema(min_length = 1, max_length = 300)]
    pub place: String,
    pub point: Option<Point>,
    pub starts_at: CityTime,
    pub ends_at: CityTime,
    pub claim_deadline: CityTime,
    #[schema(minimum = 1, maximum = 10000)]
    pub capacity: i32,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub onsite_instructions: String,
}

/// Issue an opportunity (a draft until published) from one of the organization's active
/// templates.
#[utoipa::path(post, path = "/api/v1/organizations/{handle}/opportunities", tag = "issuing",
    security(("oauth2" = ["write:catalog"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    request_body = NewOpportunity,
    responses(
        (status = 201, body = Opportunity),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The template is not active", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn opportunity_create(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    handle: web::Path<String>,
    body: crate::extract::Json<NewOpportunity>,
) -> Result<HttpResponse, Problem> {
    let new = body.into_inner();
    let point = match new.point {
        Some(p) => Some(GeoPoint::new(p.latitude, p.longitude).map_err(AppError::from)?),
        None => None,
    };
    let template = catalog::template_page(&ctx, &new.template_id, None, Some(&bearer.user)).await?;
    if template.organization.handle != *handle {
        return Err(Problem::from(AppError::NotFound));
    }
    let opportunity = catalog::create_opportunity(
        &ctx,
        &bearer.user,
        OpportunityInput {
            template_id: new.template_id,
            spec: OpportunitySpec {
                title_override: new.title,
                place: new.place,
                point,
                starts_at: new.starts_at.utc(),
                ends_at: new.ends_at.utc(),
                claim_deadline: new.claim_deadline.utc(),
                capacity: new.capacity,
                onsite_instructions: new.onsite_instructions,
            },
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(Opportunity::localized_one(&ctx, &req, opportunity).await?))
}

/// Publish a draft opportunity, close it to new claims, or cancel it.
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/transitions", tag = "issuing",
    security(("oauth2" = ["write:catalog"])),
    params(("id" = String, Path, description = "The opportunity's id")),
    request_body = Transition,
    responses(
        (status = 200, body = Opportunity),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn opportunity_change(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteCatalog>,
    id: web::Path<String>,
    body: crate::extract::Json<Transition>,
) -> Result<HttpResponse, Problem> {
    let event = match body.event.as_str() {
        "publish" => OpportunityEvent::Publish,
        "close" => OpportunityEvent::Close,
        "cancel" => OpportunityEvent::Cancel,
        _ => {
            return Err(Problem::new(
                "error-transition-unknown",
                400,
                &[],
                &req,
                None,
            ))
        }
    };
    let opportunity = catalog::change_opportunity(&ctx, &bearer.user, &id, event).await?;
    Ok(HttpResponse::Ok().json(Opportunity::localized_one(&ctx, &req, opportunity).await?))
}
