//! Issuing an opportunity from an active template; publishing, closing, correcting it, and
//! cancelling it after a confirmation that asks for a reason. Every time field is typed and
//! shown on the city's clock.

use super::overlap::{views, SimilarView, CONTINUE};
use super::templates::editable_template;
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::pages::{form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use citysync_app::catalog::{self, Opportunity, OpportunityInput, Repeat, TemplatePage};
use citysync_app::translations::SubjectKind;
use citysync_app::{instance, overlap, AppError, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateState};
use citysync_domain::similarity::Candidate;
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};

/// What an editor types for an opportunity; times are `datetime-local` values on the
/// city's clock.
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
    /// New opportunities only: "once", "weekly" (until `repeat_until`) or "dates" (the days
    /// in `repeat_dates`), on the city's calendar.
    #[serde(default)]
    repeat: String,
    #[serde(default)]
    repeat_until: String,
    #[serde(default)]
    repeat_dates: String,
}

impl OpportunityForm {
    /// The form holding what `opp` is now, its times on the city's clock.
    fn of(viewer: &Viewer, opp: &Opportunity) -> OpportunityForm {
        OpportunityForm {
            title: if opp.has_title_override {
                opp.title.clone()
            } else {
                String::new()
            },
            place: opp.place.clone(),
            latitude: opp
                .point
                .map(|p| p.latitude.to_string())
                .unwrap_or_default(),
            longitude: opp
                .point
                .map(|p| p.longitude.to_string())
                .unwrap_or_default(),
            starts_at: viewer.input_value(opp.starts_at),
            ends_at: viewer.input_value(opp.ends_at),
            claim_deadline: viewer.input_value(opp.claim_deadline),
            capacity: opp.capacity.to_string(),
            onsite_instructions: opp.onsite_instructions.clone(),
            ..OpportunityForm::default()
        }
    }

    /// What was typed. Editing `current`, a time field left as the form showed it keeps
    /// the stored instant (stored times can be finer than the field's seconds).
    fn to_spec(
        &self,
        viewer: &Viewer,
        current: Option<&Opportunity>,
    ) -> Result<OpportunitySpec, DomainError> {
        let time = |typed: &str, was: Option<NaiveDateTime>| match was {
            Some(at) if typed.trim() == viewer.input_value(at) => Ok(at),
            _ => viewer.instant_typed(typed),
        };
        Ok(OpportunitySpec {
            title_override: Some(self.title.clone()).filter(|t| !t.trim().is_empty()),
            place: self.place.clone(),
            point: GeoPoint::parse_optional(&self.latitude, &self.longitude)?,
            starts_at: time(&self.starts_at, current.map(|o| o.starts_at))?,
            ends_at: time(&self.ends_at, current.map(|o| o.ends_at))?,
            claim_deadline: time(&self.claim_deadline, current.map(|o| o.claim_deadline))?,
            capacity: self
                .capacity
                .trim()
                .parse()
                .map_err(|_| DomainError::CapacityInvalid)?,
            onsite_instructions: self.onsite_instructions.clone(),
        })
    }

    fn to_input(
        &self,
        viewer: &Viewer,
        template_id: &str,
    ) -> Result<OpportunityInput, DomainError> {
        Ok(OpportunityInput {
            template_id: template_id.to_owned(),
            spec: self.to_spec(viewer, None)?,
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
    let title = &page.template.spec.title;
    viewer.render(
        state,
        status,
        "opportunity_form.html",
        minijinja::context! {
            heading => state.ctx.i18n.message(viewer.locale, "opportunity-form-title", &[("title", title.as_str().into())]),
            intro => state.ctx.i18n.message(viewer.locale, "opportunity-form-intro", &[("organization", page.organization.name.as_str().into())]),
            action => format!("/templates/{}/opportunities/new", page.template.id),
            submit_label => viewer.t(state, "opportunity-form-submit"),
            claims => 0,
            repeatable => true,
            series_max => catalog::SERIES_MAX,
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
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match issuable_template(&state, &path, user).await {
        Ok(page) => {
            let form = OpportunityForm::default();
            Ok(opportunity_form_page(
                &viewer,
                &state,
                &page,
                StatusCode::OK,
                &form,
                FormErrors::default(),
                Vec::new(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// Issues `input` once, or as a series when the form repeats it (issue 26); answers the
/// first occurrence.
async fn issue(
    state: &WebState,
    user: &User,
    input: OpportunityInput,
    form: &OpportunityForm,
) -> Result<Opportunity, AppError> {
    match Repeat::from_form(&form.repeat, &form.repeat_until, &form.repeat_dates)? {
        None => catalog::create_opportunity(&state.ctx, user, input).await,
        Some(repeat) => catalog::create_series(&state.ctx, user, input, repeat)
            .await?
            .into_iter()
            .next()
            .ok_or(AppError::RepeatInvalid),
    }
}

/// POST /templates/{id}/opportunities/new — a new opportunity starts as a draft.
pub async fn opportunity_new_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<OpportunityForm>,
) -> Page {
    let user = viewer.require_user()?;
    let page = issuable_template(&state, &path, user).await?;
    let coissue_with = form.coissue_with.trim();
    let created = match form.to_input(&viewer, &path) {
        Ok(input) if coissue_with.is_empty() && form.overlap != CONTINUE => {
            let similar = similar_opportunities(&viewer, &state, &page, &input).await;
            if !similar.is_empty() {
                let errors = FormErrors::default();
                let status = StatusCode::OK;
                return Ok(opportunity_form_page(
                    &viewer, &state, &page, status, &form, errors, similar,
                ));
            }
            issue(&state, user, input, &form).await
        }
        Ok(input) => issue(&state, user, input, &form).await,
        Err(e) => Err(e.into()),
    };
    if let Ok(opp) = &created {
        // Written in the author's page language (issue 27).
        crate::pages::translations::record_written(
            &viewer,
            &state,
            SubjectKind::Opportunity,
            &opp.id,
        )
        .await;
    }
    match created {
        // Co-issuing: the draft exists; inviting the partner is the next step.
        Ok(opp) if !coissue_with.is_empty() => Ok(Viewer::see_other(&format!(
            "/opportunities/{}/partners?invite={}",
            opp.id,
            crate::pages::safe_path_segment(coissue_with)
        ))),
        Ok(opp) => Ok(Viewer::see_other(&format!("/opportunities/{}", opp.id))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = opportunity_errors(&viewer, &state, &e);
                Ok(opportunity_form_page(
                    &viewer,
                    &state,
                    &page,
                    status,
                    &form,
                    errors,
                    Vec::new(),
                ))
            }
            None => Err(e.into()),
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

/// The edit form of `opp`, with `form` as typed and its errors.
fn edit_page(
    viewer: &Viewer,
    state: &WebState,
    opp: &Opportunity,
    status: StatusCode,
    form: &OpportunityForm,
    errors: FormErrors,
) -> HttpResponse {
    let i18n = &state.ctx.i18n;
    let intro_id = if opp.state == citysync_domain::lifecycle::OpportunityState::Published {
        "opportunity-edit-intro-published"
    } else {
        "opportunity-edit-intro"
    };
    viewer.render(
        state,
        status,
        "opportunity_form.html",
        minijinja::context! {
            heading => i18n.message(viewer.locale, "opportunity-edit-title", &[("title", opp.title.as_str().into())]),
            intro => viewer.t(state, intro_id),
            action => format!("/opportunities/{}/edit", opp.id),
            submit_label => viewer.t(state, "opportunity-edit-submit"),
            claims => opp.active_claims,
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
            similar => minijinja::value::Serde(Vec::<SimilarView>::new()),
        },
    )
}

/// GET /opportunities/{id}/edit — the organization's editors, while draft or published:
/// the form holds what the opportunity is now.
pub async fn opportunity_edit_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match catalog::editable_opportunity(&state.ctx, user, &path).await {
        Ok(opp) => {
            let form = OpportunityForm::of(&viewer, &opp);
            Ok(edit_page(
                &viewer,
                &state,
                &opp,
                StatusCode::OK,
                &form,
                FormErrors::default(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /opportunities/{id}/edit — editors correct it; claimants are told what changed and
/// a published one goes to peers as an update.
pub async fn opportunity_edit_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<OpportunityForm>,
) -> Page {
    let user = viewer.require_user()?;
    let opp = catalog::editable_opportunity(&state.ctx, user, &path).await?;
    let edited = match form.to_spec(&viewer, Some(&opp)) {
        Ok(spec) => catalog::edit_opportunity(&state.ctx, user, &path, spec).await,
        Err(e) => Err(e.into()),
    };
    match edited {
        Ok(_) => Ok(Viewer::see_other(&format!("/opportunities/{}", opp.id))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = opportunity_errors(&viewer, &state, &e);
                Ok(edit_page(&viewer, &state, &opp, status, &form, errors))
            }
            None => Err(e.into()),
        },
    }
}

/// What the cancel confirmation posts: the reason told to every claimant.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CancelForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
}

fn cancel_page(
    viewer: &Viewer,
    state: &WebState,
    preview: &catalog::CancelPreview,
    status: StatusCode,
    form: &CancelForm,
    errors: FormErrors,
) -> HttpResponse {
    viewer.render(
        state,
        status,
        "opportunity_cancel.html",
        minijinja::context! {
            preview => minijinja::value::Serde(preview),
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
        },
    )
}

/// GET /opportunities/{id}/cancel — editors: what cancelling does (claims that end, people
/// told), and the reason to give them.
pub async fn opportunity_cancel_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match catalog::cancel_preview(&state.ctx, user, &path).await {
        Ok(preview) => Ok(cancel_page(
            &viewer,
            &state,
            &preview,
            StatusCode::OK,
            &CancelForm::default(),
            FormErrors::default(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /opportunities/{id}/cancel — editors, with a reason; claims not yet submitted end
/// and every claimant is told why. Without a reason nothing changes.
pub async fn opportunity_cancel(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<CancelForm>,
) -> Page {
    let user = viewer.require_user()?;
    match catalog::cancel_opportunity(&state.ctx, user, &path, &form.reason).await {
        Ok(_) => Ok(Viewer::see_other(&format!(
            "/opportunities/{}",
            path.as_str()
        ))),
        Err(e) => match form_status(&e) {
            Some(status) if citysync_edge::form_field(&e).is_some() => {
                match catalog::cancel_preview(&state.ctx, user, &path).await {
                    Ok(preview) => {
                        let errors = FormErrors::from_error(&viewer, &state, &e);
                        Ok(cancel_page(
                            &viewer, &state, &preview, status, &form, errors,
                        ))
                    }
                    Err(e) => Err(e.into()),
                }
            }
            _ => Err(e.into()),
        },
    }
}

crate::pages::csrf_forms!(CancelForm, OpportunityForm);
