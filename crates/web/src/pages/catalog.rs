//! The public catalog of opportunities, and the issuer's side of it: task templates
//! (written, versioned, activated, retired) and the opportunities issued from them.

use super::organizations::{can_edit, form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use citysync_app::catalog::{
    self, CatalogPage, CatalogQuery, CityTaxonomy, Opportunity, OpportunityInput, Template,
    TemplatePage,
};
use citysync_app::organizations::{self, Organization};
use citysync_app::{AppError, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent, TemplateState};
use citysync_domain::task::{
    format_credits, format_extra_fields, parse_credits, parse_extra_fields, ProofKind,
    TemplateSpec, VerificationMethod,
};
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities", web::get().to(catalog_page))
        .route(
            "/organizations/{handle}/templates/new",
            web::get().to(template_new_form),
        )
        .route(
            "/organizations/{handle}/templates/new",
            web::post().to(template_new_submit),
        )
        .route("/templates/{id}", web::get().to(template_show))
        .route("/templates/{id}/edit", web::get().to(template_edit_form))
        .route("/templates/{id}/edit", web::post().to(template_edit_submit))
        .route("/templates/{id}/activate", web::post().to(template_activate))
        .route("/templates/{id}/retire", web::post().to(template_retire))
        .route(
            "/templates/{id}/opportunities/new",
            web::get().to(opportunity_new_form),
        )
        .route(
            "/templates/{id}/opportunities/new",
            web::post().to(opportunity_new_submit),
        )
        .route(
            "/opportunities/{id}/publish",
            web::post().to(opportunity_publish),
        )
        .route("/opportunities/{id}/close", web::post().to(opportunity_close))
        .route(
            "/opportunities/{id}/cancel",
            web::post().to(opportunity_cancel),
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

/// A date typed as `YYYY-MM-DD`, at `time` UTC; anything else is no filter.
fn day(input: &str, time: NaiveTime) -> Option<NaiveDateTime> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(time))
}

impl CatalogParams {
    fn to_query(&self) -> CatalogQuery {
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        CatalogQuery {
            category: some(&self.category),
            organization: some(&self.organization),
            from: day(&self.from, NaiveTime::MIN),
            until: NaiveTime::from_hms_opt(23, 59, 59).and_then(|end| day(&self.until, end)),
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
    category_name: String,
    reward_city_text: String,
}

/// GET /opportunities — published opportunities that have not ended, with filters.
pub async fn catalog_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    params: web::Query<CatalogParams>,
) -> HttpResponse {
    let query = params.to_query();
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
        Err(e) => return viewer.error_page(&state, &e),
    };
    let tax = match catalog::taxonomy(&state.ctx).await {
        Ok(tax) => tax,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let lines: Vec<Line> = page
        .items
        .iter()
        .map(|o| Line {
            opportunity: o,
            category_name: tax.category_name(&state.ctx.i18n, viewer.locale, &o.category),
            reward_city_text: format_credits(o.reward_city),
        })
        .collect();
    viewer.render(
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
    )
}

// ---------------------------------------------------------------------------------------
// Templates

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
        if !can_edit(state, &org, Some(user)).await {
            return Err(AppError::Forbidden);
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
async fn editable_template(
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
        Ok(spec) => match &target.template {
            Some(t) => catalog::edit_template(&state.ctx, user, &t.id, spec).await,
            None => catalog::create_template(&state.ctx, user, &target.org.handle, spec).await,
        },
    };
    match saved {
        Ok(t) => Viewer::see_other(&format!("/templates/{}", t.id)),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                template_form_page(viewer, state, &target, status, form, errors).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// GET /organizations/{handle}/templates/new — the organization's owners and editors.
pub async fn template_new_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    let Some(user) = &viewer.user else {
        return Viewer::see_other("/login");
    };
    match TemplateTarget::new_of(&state, &path, user).await {
        Ok(target) => {
            let form = TemplateForm::blank();
            let errors = FormErrors::default();
            template_form_page(&viewer, &state, &target, StatusCode::OK, &form, errors).await
        }
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /organizations/{handle}/templates/new — a new template starts as a draft.
pub async fn template_new_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TemplateForm>,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(resp) => return resp,
    };
    match TemplateTarget::new_of(&state, &path, user).await {
        Ok(target) => template_save(&viewer, &state, user, target, &form).await,
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// GET /templates/{id}/edit — editors; an active template gets a new version when saved.
pub async fn template_edit_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    let Some(user) = &viewer.user else {
        return Viewer::see_other("/login");
    };
    match TemplateTarget::edit_of(&state, &path, user).await {
        Ok(target) => {
            let form = target
                .template
                .as_ref()
                .map(|t| TemplateForm::from_spec(&t.spec))
                .unwrap_or_else(TemplateForm::blank);
            let errors = FormErrors::default();
            template_form_page(&viewer, &state, &target, StatusCode::OK, &form, errors).await
        }
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /templates/{id}/edit
pub async fn template_edit_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TemplateForm>,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user,
        Err(resp) => return resp,
    };
    match TemplateTarget::edit_of(&state, &path, user).await {
        Ok(target) => template_save(&viewer, &state, user, target, &form).await,
        Err(e) => viewer.error_page(&state, &e),
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
}

/// GET /templates/{id} — public once active; `?version=N` shows an older version.
pub async fn template_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<VersionQuery>,
) -> HttpResponse {
    let ctx = &state.ctx;
    let loaded = match catalog::template_page(ctx, &path, query.version, viewer.user.as_ref()).await
    {
        Ok(page) => catalog::taxonomy(ctx).await.map(|tax| (page, tax)),
        Err(e) => Err(e),
    };
    let (page, tax) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let spec = &page.template.spec;
    let view = TemplateView {
        category_name: tax.category_name(&ctx.i18n, viewer.locale, &spec.category),
        unit_name: tax.unit_name(&ctx.i18n, viewer.locale, &spec.outcome_unit),
        reward_city_text: format_credits(spec.reward_city),
        page: &page,
    };
    viewer.render(
        &state,
        StatusCode::OK,
        "template_page.html",
        minijinja::value::Serde(&view),
    )
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
        Err(resp) => return resp,
    };
    match catalog::change_template(&state.ctx, user, id, event).await {
        Ok(()) => Viewer::see_other(&format!("/templates/{id}")),
        Err(e) => viewer.error_page(state, &e),
    }
}

// ---------------------------------------------------------------------------------------
// Opportunities

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
}

/// A `datetime-local` value (browsers send seconds only when asked to).
fn local_time(input: &str) -> Result<NaiveDateTime, DomainError> {
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
        },
    )
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
            opportunity_form_page(&viewer, &state, &page, StatusCode::OK, &form, FormErrors::default())
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
        Err(resp) => return resp,
    };
    let page = match issuable_template(&state, &path, user).await {
        Ok(page) => page,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let created = match form.to_input(&path) {
        Ok(input) => catalog::create_opportunity(&state.ctx, user, input).await,
        Err(e) => Err(e.into()),
    };
    match created {
        Ok(opp) => Viewer::see_other(&format!("/opportunities/{}", opp.id)),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = opportunity_errors(&viewer, &state, &e);
                opportunity_form_page(&viewer, &state, &page, status, &form, errors)
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
    change_opportunity(&req, &viewer, &state, &path, &form, OpportunityEvent::Publish).await
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
    change_opportunity(&req, &viewer, &state, &path, &form, OpportunityEvent::Cancel).await
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
        Err(resp) => return resp,
    };
    match catalog::change_opportunity(&state.ctx, user, id, event).await {
        Ok(_) => Viewer::see_other(&format!("/opportunities/{id}")),
        Err(e) => viewer.error_page(state, &e),
    }
}
