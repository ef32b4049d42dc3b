//! Task templates: one form for new ones and edits (an active template's edit is a new
//! version), the public template page with its versions, activation and retirement.

use super::overlap::{views, SimilarView, CONTINUE};
use super::taxonomy_view;
use crate::errors::Page;
use crate::pages::federation::{template_travels, TemplateTravels};
use crate::pages::CsrfForm;
use crate::pages::{form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog::{self, Template, TemplatePage};
use citysync_app::organizations::{self, Organization};
use citysync_app::translations::SubjectKind;
use citysync_app::{instance, overlap};
use citysync_app::{AppError, User};
use citysync_domain::lifecycle::{TemplateEvent, TemplateState};
use citysync_domain::organization::Capability;
use citysync_domain::similarity::Candidate;
use citysync_domain::task::{
    format_credits, format_extra_fields, parse_credits, parse_extra_fields, ProofKind,
    TemplateSpec, VerificationMethod,
};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};

/// One form for a template's content; each proof kind checkbox has its own name.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct TemplateForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    instructions: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    outcome_unit: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    verification_method: String,
    #[serde(default)]
    proof_text: String,
    #[serde(default)]
    proof_photo: String,
    #[serde(default)]
    proof_geo: String,
    #[serde(default)]
    proof_time_range: String,
    #[serde(default)]
    reward_city: String,
    #[serde(default)]
    reward_vote: String,
    #[serde(default)]
    estimated_minutes: String,
    #[serde(default)]
    accessibility_notes: String,
    #[serde(default)]
    extra_fields: String,
    /// "continue" once the issuer has seen the similar work and saves anyway.
    #[serde(default)]
    overlap: String,
}

const CHECKED: &str = "on";

impl TemplateForm {
    fn blank() -> TemplateForm {
        TemplateForm {
            verification_method: VerificationMethod::IssuerReview.as_str().to_owned(),
            ..TemplateForm::default()
        }
    }

    fn from_spec(spec: &TemplateSpec) -> TemplateForm {
        let kind = |k: ProofKind| {
            if spec.requires(k) {
                CHECKED.to_owned()
            } else {
                String::new()
            }
        };
        TemplateForm {
            csrf_token: String::new(),
            title: spec.title.clone(),
            summary: spec.summary.clone(),
            instructions: spec.instructions.clone(),
            category: spec.category.clone(),
            outcome_unit: spec.outcome_unit.clone(),
            outcome: spec.expected_outcome.to_string(),
            verification_method: spec.verification_method.as_str().to_owned(),
            proof_text: kind(ProofKind::Text),
            proof_photo: kind(ProofKind::Photo),
            proof_geo: kind(ProofKind::Geo),
            proof_time_range: kind(ProofKind::TimeRange),
            reward_city: format_credits(spec.reward_city),
            reward_vote: spec.reward_vote.to_string(),
            estimated_minutes: spec.estimated_minutes.to_string(),
            accessibility_notes: spec.accessibility_notes.clone(),
            extra_fields: format_extra_fields(&spec.extra_fields),
            overlap: String::new(),
        }
    }

    /// What was typed as a spec; the use case checks the rest against the taxonomy.
    fn to_spec(&self) -> Result<TemplateSpec, DomainError> {
        let proof_kinds = [
            (ProofKind::Text, &self.proof_text),
            (ProofKind::Photo, &self.proof_photo),
            (ProofKind::Geo, &self.proof_geo),
            (ProofKind::TimeRange, &self.proof_time_range),
        ]
        .into_iter()
        .filter(|(_, on)| !on.is_empty())
        .map(|(kind, _)| kind)
        .collect();
        let vote = match self.reward_vote.trim() {
            "" => 0,
            v => v.parse().map_err(|_| DomainError::RewardInvalid)?,
        };
        Ok(TemplateSpec {
            title: self.title.clone(),
            summary: self.summary.clone(),
            instructions: self.instructions.clone(),
            category: self.category.trim().to_owned(),
            outcome_unit: self.outcome_unit.trim().to_owned(),
            expected_outcome: self
                .outcome
                .trim()
                .parse()
                .map_err(|_| DomainError::OutcomeInvalid)?,
            verification_method: VerificationMethod::parse(&self.verification_method)
                .map_err(|_| DomainError::MethodUnknown)?,
            proof_kinds,
            reward_city: parse_credits(&self.reward_city)?,
            reward_vote: vote,
            estimated_minutes: self
                .estimated_minutes
                .trim()
                .parse()
                .map_err(|_| DomainError::MinutesInvalid)?,
            accessibility_notes: self.accessibility_notes.clone(),
            extra_fields: parse_extra_fields(&self.extra_fields)?,
        })
    }
}

/// Whose template form it is: a new one of `org`, or an edit of `template`.
struct TemplateTarget {
    org: Organization,
    template: Option<Template>,
}

impl TemplateTarget {
    async fn new_of(state: &WebState, handle: &str, user: &User) -> Result<Self, AppError> {
        let org = organizations::by_handle(&state.ctx, handle, Some(user)).await?;
        match organizations::role(&state.ctx, &org.id, user).await? {
            Some(role) if role.can(Capability::EditCatalog) => {}
            _ => return Err(AppError::Forbidden),
        }
        Ok(TemplateTarget {
            org,
            template: None,
        })
    }

    async fn edit_of(state: &WebState, id: &str, user: &User) -> Result<Self, AppError> {
        let page = editable_template(state, id, user).await?;
        if page.template.state == TemplateState::Retired {
            return Err(DomainError::TransitionRefused {
                from: "retired",
                event: "edit",
            }
            .into());
        }
        Ok(TemplateTarget {
            org: page.organization,
            template: Some(page.template),
        })
    }

    fn action(&self) -> String {
        match &self.template {
            Some(t) => format!("/templates/{}/edit", t.id),
            None => format!("/organizations/{}/templates/new", self.org.handle),
        }
    }
}

/// The template at its current version, for someone who may edit it.
pub(super) async fn editable_template(
    state: &WebState,
    id: &str,
    user: &User,
) -> Result<TemplatePage, AppError> {
    let page = catalog::template_page(&state.ctx, id, None, Some(user)).await?;
    if page.can_edit {
        Ok(page)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn template_form_page(
    viewer: &Viewer,
    state: &WebState,
    target: &TemplateTarget,
    status: StatusCode,
    form: &TemplateForm,
    errors: FormErrors,
    similar: Vec<SimilarView>,
) -> HttpResponse {
    let tax = match catalog::taxonomy(&state.ctx).await {
        Ok(tax) => tax,
        Err(e) => return viewer.error_page(state, &e),
    };
    let methods: Vec<&str> = VerificationMethod::ALL.iter().map(|m| m.as_str()).collect();
    viewer.render(
        state,
        status,
        "template_form.html",
        minijinja::context! {
            action => target.action(),
            org => minijinja::value::Serde(&target.org),
            template => minijinja::value::Serde(&target.template),
            categories => minijinja::value::Serde(taxonomy_view(viewer, state, &tax)),
            methods => methods,
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
            similar => minijinja::value::Serde(similar),
        },
    )
}

/// Saves the typed template (a new one, or an edit), or shows the form again with the error.
async fn template_save(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    target: TemplateTarget,
    form: &TemplateForm,
) -> HttpResponse {
    let saved = match form.to_spec() {
        Err(e) => Err(AppError::from(e)),
        Ok(spec) if target.template.is_none() && form.overlap != CONTINUE => {
            let similar = similar_templates(viewer, state, &target.org, &spec).await;
            if !similar.is_empty() {
                let errors = FormErrors::default();
                return template_form_page(
                    viewer,
                    state,
                    &target,
                    StatusCode::OK,
                    form,
                    errors,
                    similar,
                )
                .await;
            }
            catalog::create_template(&state.ctx, user, &target.org.handle, spec).await
        }
        Ok(spec) => match &target.template {
            Some(t) => catalog::edit_template(&state.ctx, user, &t.id, spec).await,
            None => catalog::create_template(&state.ctx, user, &target.org.handle, spec).await,
        },
    };
    if let (Ok(t), None) = (&saved, &target.template) {
        // Written in the author's page language (issue 27).
        crate::pages::translations::record_written(viewer, state, SubjectKind::Template, &t.id)
            .await;
    }
    match saved {
        Ok(t) => Viewer::see_other(&format!("/templates/{}", t.id)),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                template_form_page(viewer, state, &target, status, form, errors, Vec::new()).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// The work like this new template that already exists, here and in followed cities. The
/// check helps; it never stops a save, so a failure to look is logged and shows nothing.
async fn similar_templates(
    viewer: &Viewer,
    state: &WebState,
    org: &Organization,
    spec: &TemplateSpec,
) -> Vec<SimilarView> {
    let draft = Candidate {
        title: spec.title.clone(),
        summary: spec.summary.clone(),
        instructions: spec.instructions.clone(),
        category: spec.category.clone(),
        ..Candidate::default()
    };
    match overlap::similar_to(&state.ctx, draft, None).await {
        Ok(found) => {
            let city = instance::get(&state.ctx).await.ok();
            views(viewer, state, city.as_ref(), found, &org.handle)
        }
        Err(e) => {
            tracing::warn!(error = %e, "looking for similar work failed");
            Vec::new()
        }
    }
}

/// GET /organizations/{handle}/templates/new — the organization's owners and editors.
pub async fn template_new_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match TemplateTarget::new_of(&state, &path, user).await {
        Ok(target) => {
            let form = TemplateForm::blank();
            let errors = FormErrors::default();
            Ok(template_form_page(
                &viewer,
                &state,
                &target,
                StatusCode::OK,
                &form,
                errors,
                Vec::new(),
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /organizations/{handle}/templates/new — a new template starts as a draft.
pub async fn template_new_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<TemplateForm>,
) -> Page {
    let user = viewer.require_user()?;
    match TemplateTarget::new_of(&state, &path, user).await {
        Ok(target) => Ok(template_save(&viewer, &state, user, target, &form).await),
        Err(e) => Err(e.into()),
    }
}

/// GET /templates/{id}/edit — editors; an active template gets a new version when saved.
pub async fn template_edit_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match TemplateTarget::edit_of(&state, &path, user).await {
        Ok(target) => {
            let form = target
                .template
                .as_ref()
                .map(|t| TemplateForm::from_spec(&t.spec))
                .unwrap_or_else(TemplateForm::blank);
            let errors = FormErrors::default();
            Ok(template_form_page(
                &viewer,
                &state,
                &target,
                StatusCode::OK,
                &form,
                errors,
                Vec::new(),
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /templates/{id}/edit
pub async fn template_edit_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<TemplateForm>,
) -> Page {
    let user = viewer.require_user()?;
    match TemplateTarget::edit_of(&state, &path, user).await {
        Ok(target) => Ok(template_save(&viewer, &state, user, target, &form).await),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct VersionQuery {
    #[serde(default)]
    version: Option<i32>,
}

/// A template page's data in the reader's words.
#[derive(Serialize)]
struct TemplateView<'a> {
    #[serde(flatten)]
    page: &'a TemplatePage,
    category_name: String,
    unit_name: String,
    reward_city_text: String,
    /// Where it was adapted from and which cities adopted it.
    travels: TemplateTravels,
    /// Its text as the reader sees it, and "Originally in …" (issue 27).
    shown: crate::pages::translations::ShownFields,
    content: crate::pages::translations::ContentView,
}

/// GET /templates/{id} — public once active; `?version=N` shows an older version.
pub async fn template_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<VersionQuery>,
) -> Page {
    let ctx = &state.ctx;
    let loaded = match catalog::template_page(ctx, &path, query.version, viewer.user.as_ref()).await
    {
        Ok(page) => catalog::taxonomy(ctx).await.map(|tax| (page, tax)),
        Err(e) => Err(e),
    };
    let (mut page, tax) = loaded?;
    // Its text in the reader's language, where translated (issue 27).
    let (shown, content) =
        crate::pages::translations::template_shown(&viewer, &state, &mut page.template).await;
    let travels = template_travels(&state, &page.template.id).await?;
    let spec = &page.template.spec;
    let view = TemplateView {
        category_name: tax.category_name(&ctx.i18n, viewer.locale, &spec.category),
        unit_name: tax.unit_name(&ctx.i18n, viewer.locale, &spec.outcome_unit),
        reward_city_text: format_credits(spec.reward_city),
        travels,
        shown,
        content,
        page: &page,
    };
    Ok(viewer.render(&state, StatusCode::OK, "template_page.html", &view))
}

/// POST /templates/{id}/activate — editors; draft → active.
pub async fn template_activate(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    change_template(&req, &viewer, &state, &path, &form, TemplateEvent::Activate).await
}

/// POST /templates/{id}/retire — editors; no new opportunities from it afterwards.
pub async fn template_retire(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    change_template(&req, &viewer, &state, &path, &form, TemplateEvent::Retire).await
}

async fn change_template(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    form: &TokenForm,
    event: TemplateEvent,
) -> HttpResponse {
    let user = match poster(req, viewer, state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(state, &e),
    };
    match catalog::change_template(&state.ctx, user, id, event).await {
        Ok(()) => Viewer::see_other(&format!("/templates/{id}")),
        Err(e) => viewer.error_page(state, &e),
    }
}

crate::pages::csrf_forms!(TemplateForm);
