//! Issuing an opportunity from an active template, and publishing, closing or cancelling it.

use super::overlap::{views, SimilarView, CONTINUE};
use super::templates::editable_template;
use crate::pages::{form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use citysync_app::catalog::{self, OpportunityInput, TemplatePage};
use citysync_app::{instance, overlap, AppError, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateState};
use citysync_domain::similarity::Candidate;
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};

/// What an editor types for an opportunity; times are `datetime-local` values in UTC.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OpportunityForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    claim_deadline: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    onsite_instructions: String,
    /// "continue" once the editor has seen the similar work and saves anyway.
    #[serde(default)]
    overlap: String,
    /// The organization the editor chose to co-issue with, from the similar work shown.
    #[serde(default)]
    coissue_with: String,
}

/// A `datetime-local` value (browsers send seconds only when asked to).
pub(crate) fn local_time(input: &str) -> Result<NaiveDateTime, DomainError> {
    let s = input.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| DomainError::TimesInvalid)
}

impl OpportunityForm {
    fn to_input(&self, template_id: &str) -> Result<OpportunityInput, DomainError> {
        Ok(OpportunityInput {
            template_id: template_id.to_owned(),
            spec: OpportunitySpec {
                title_override: Some(self.title.clone()).filter(|t| !t.trim().is_empty()),
                place: self.place.clone(),
                point: GeoPoint::parse_optional(&self.latitude, &self.longitude)?,
                starts_at: local_time(&self.starts_at)?,
                ends_at: local_time(&self.ends_at)?,
                claim_deadline: local_time(&self.claim_deadline)?,
                capacity: self
                    .capacity
                    .trim()
                    .parse()
                    .map_err(|_| DomainError::CapacityInvalid)?,
                onsite_instructions: self.onsite_instructions.clone(),
            },
        })
    }
}

/// The errors of the opportunity form: times that are out of order belong to the times.
fn opportunity_errors(viewer: &Viewer, state: &WebState, err: &AppError) -> FormErrors {
    let mut errors = FormErrors::from_error(viewer, state, err);
    if matches!(err, AppError::Domain(DomainError::TimesInvalid)) {
        if let Some(message) = errors.0.remove("general") {
            errors.0.insert("times", message);
        }
    }
    errors
}

/// The template to issue from, for someone who may; it must be active.
async fn issuable_template(
    state: &WebState,
    id: &str,
    user: &User,
) -> Result<TemplatePage, AppError> {
    let page = editable_template(state, id, user).await?;
    if page.template.state == TemplateState::Active {
        Ok(page)
    } else {
        Err(AppError::TemplateNotActive)
    }
}

fn opportunity_form_page(
    viewer: &Viewer,
    state: &WebState,
    page: &TemplatePage,
    status: StatusCode,
    form: &OpportunityForm,
    errors: FormErrors,
    similar: Vec<SimilarView>,
) -> HttpResponse {
    viewer.render(
        state,
        status,
        "opportunity_form.html",
        minijinja::context! {
            template => minijinja::value::Serde(&page.template),
            org => minijinja::value::Serde(&page.organization),
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
            similar => minijinja::value::Serde(similar),
        },
    )
}

/// The work like this new opportunity that already exists, here and in followed cities
/// (the template it is issued from left out). The check helps; it never stops a save.
async fn similar_opportunities(
    viewer: &Viewer,
    state: &WebState,
    page: &TemplatePage,
    input: &OpportunityInput,
) -> Vec<SimilarView> {
    let spec = &page.template.spec;
    let draft = Candidate {
        title: input
            .spec
            .title_override
            .clone()
            .unwrap_or_else(|| spec.title.clone()),
        summary: spec.summary.clone(),
        instructions: spec.instructions.clone(),
        category: spec.category.clone(),
        point: input.spec.point,
        starts_at: Some(input.spec.starts_at),
        ends_at: Some(input.spec.ends_at),
    };
    match overlap::similar_to(&state.ctx, draft, Some(&page.template.id)).await {
        Ok(found) => {
            let city = instance::get(&state.ctx).await.ok();
            views(
                viewer,
                state,
                city.as_ref(),
                found,
                &page.organization.handle,
            )
        }
        Err(e) => {
            tracing::warn!(error = %e, "looking for similar work failed");
            Vec::new()
        }
    }
}

/// GET /templates/{id}/opportunities/new — editors, from an active template.
pub async fn opportunity_new_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    let Some(user) = &viewer.user else {
        return Viewer::see_other("/login");
    };
    match issuable_template(&state, &path, user).await {
        Ok(page) => {
            let form = OpportunityForm::default();
            opportunity_form_page(
                &viewer,
                &state,
                &page,
                StatusCode::OK,
                &form,
                FormErrors::default(),
                Vec::new(),
            )
        }
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /templates/{id}/opportunities/new — a new opportunity starts as a draft.
pub async fn opportunity_new_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<OpportunityForm>,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let page = match issuable_template(&state, &path, user).await {
        Ok(page) => page,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let coissue_with = form.coissue_with.trim();
    let created = match form.to_input(&path) {
        Ok(input) if coissue_with.is_empty() && form.overlap != CONTINUE => {
            let similar = similar_opportunities(&viewer, &state, &page, &input).await;
            if !similar.is_empty() {
                let errors = FormErrors::default();
                let status = StatusCode::OK;
                return opportunity_form_page(
                    &viewer, &state, &page, status, &form, errors, similar,
                );
            }
            catalog::create_opportunity(&state.ctx, user, input).await
        }
        Ok(input) => catalog::create_opportunity(&state.ctx, user, input).await,
        Err(e) => Err(e.into()),
    };
    match created {
        // Co-issuing: the draft exists; inviting the partner is the next step.
        Ok(opp) if !coissue_with.is_empty() => Viewer::see_other(&format!(
            "/opportunities/{}/partners?invite={}",
            opp.id,
            crate::pages::safe_path_segment(coissue_with)
        )),
        Ok(opp) => Viewer::see_other(&format!("/opportunities/{}", opp.id)),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = opportunity_errors(&viewer, &state, &e);
                opportunity_form_page(&viewer, &state, &page, status, &form, errors, Vec::new())
            }
            None => viewer.error_page(&state, &e),
        },
    }
}

/// POST /opportunities/{id}/publish — editors; residents can claim it from then on.
pub async fn opportunity_publish(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    change_opportunity(
        &req,
        &viewer,
        &state,
        &path,
        &form,
        OpportunityEvent::Publish,
    )
    .await
}

/// POST /opportunities/{id}/close — editors; no new claims, claims made stay.
pub async fn opportunity_close(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    change_opportunity(&req, &viewer, &state, &path, &form, OpportunityEvent::Close).await
}

/// POST /opportunities/{id}/cancel — editors; claims not yet submitted end.
pub async fn opportunity_cancel(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    change_opportunity(
        &req,
        &viewer,
        &state,
        &path,
        &form,
        OpportunityEvent::Cancel,
    )
    .await
}

async fn change_opportunity(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    form: &TokenForm,
    event: OpportunityEvent,
) -> HttpResponse {
    let user = match poster(req, viewer, state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(state, &e),
    };
    match catalog::change_opportunity(&state.ctx, user, id, event).await {
        Ok(_) => Viewer::see_other(&format!("/opportunities/{id}")),
        Err(e) => viewer.error_page(state, &e),
    }
}
