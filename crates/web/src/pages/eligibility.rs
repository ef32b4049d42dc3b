//! Eligibility pages (issue 26): the resident's date of birth and guardian
//! (`/settings/eligibility`), the guardian's consent link (`/guardian/{token}`), a template's
//! requirements (`/templates/{id}/requirements`) and an organization's qualifications
//! (`/organizations/{handle}/qualifications`). The opportunity page's part is
//! [`opportunity_panel`]; the claim form is [`ClaimForm`].

use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::pages::{form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::eligibility::{self, RequirementsInput};
use citysync_app::{AppError, User};
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/eligibility", web::get().to(settings_show))
        .route(
            "/settings/eligibility/birth-date",
            web::post().to(birth_date_submit),
        )
        .route(
            "/settings/eligibility/guardian",
            web::post().to(guardian_submit),
        )
        .route(
            "/admin/users/{username}/eligibility",
            web::get().to(admin_show),
        )
        .route("/guardian/{token}", web::get().to(guardian_show))
        .route("/guardian/{token}", web::post().to(guardian_consent))
        .route(
            "/templates/{id}/requirements",
            web::get().to(requirements_show),
        )
        .route(
            "/templates/{id}/requirements",
            web::post().to(requirements_submit),
        )
        .route(
            "/organizations/{handle}/qualifications",
            web::get().to(qualifications_show),
        )
        .route(
            "/organizations/{handle}/qualifications",
            web::post().to(qualification_define),
        )
        .route(
            "/organizations/{handle}/qualifications/grant",
            web::post().to(qualification_grant),
        )
        .route(
            "/organizations/{handle}/qualifications/revoke",
            web::post().to(qualification_revoke),
        );
}

/// The claim button's form: the CSRF token and, when the template has a waiver, the version
/// the resident ticked "I accept" for.
#[derive(Debug, Default, Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    pub(crate) csrf_token: String,
    #[serde(default)]
    accept_waiver: String,
    /// How many people the claim is for, the claimant included (a group claim, issue 26).
    #[serde(default)]
    party_size: String,
}

impl ClaimForm {
    /// The party size typed (1 when left empty); a bad number is refused by the claim.
    pub fn party_size(&self) -> i32 {
        match self.party_size.trim() {
            "" => 1,
            typed => typed.parse().unwrap_or(0),
        }
    }

    /// The accepted waiver version, if the box was ticked.
    pub fn accepted_waiver(&self) -> Option<i32> {
        self.accept_waiver.trim().parse().ok()
    }
}

/// What the opportunity page shows a signed-in resident about eligibility: what she still
/// needs, the waiver to accept, and (for the organization's verifiers and editors) who
/// accepted which waiver version.
pub async fn opportunity_panel(
    viewer: &Viewer,
    state: &WebState,
    opportunity_id: &str,
) -> minijinja::Value {
    let Some(user) = &viewer.user else {
        return minijinja::Value::from(());
    };
    let needs = eligibility::needs(&state.ctx, user, opportunity_id, viewer.locale)
        .await
        .unwrap_or_default();
    let acceptances = eligibility::acceptances(&state.ctx, user, opportunity_id)
        .await
        .unwrap_or_default();
    minijinja::context! {
        needs => minijinja::value::Serde(needs),
        acceptances => minijinja::value::Serde(acceptances),
    }
}

// ---- the resident's settings ----

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct BirthDateForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    born_on: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct GuardianForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    guardian_email: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

#[derive(Default)]
struct SettingsShown {
    saved: &'static str,
    birth_errors: FormErrors,
    guardian_errors: FormErrors,
    typed_birth: Option<String>,
    typed_guardian: String,
}

async fn settings_page(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    status: StatusCode,
    shown: SettingsShown,
) -> HttpResponse {
    match eligibility::my_eligibility(&state.ctx, user).await {
        Ok(mine) => {
            let born_on = shown
                .typed_birth
                .unwrap_or_else(|| mine.born_on.map(|d| d.to_string()).unwrap_or_default());
            viewer.render(
                state,
                status,
                "settings_eligibility.html",
                minijinja::context! {
                    mine => minijinja::value::Serde(&mine),
                    born_on => born_on,
                    guardian_email => shown.typed_guardian,
                    saved => shown.saved,
                    birth_errors => minijinja::value::Serde(shown.birth_errors),
                    guardian_errors => minijinja::value::Serde(shown.guardian_errors),
                },
            )
        }
        Err(e) => viewer.error_page(state, &e),
    }
}

/// GET /settings/eligibility — the date of birth (seen only by the resident and
/// administrators), the guardian's consent, the qualifications held.
pub async fn settings_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<SavedQuery>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return Viewer::see_other("/login");
    };
    let saved = match query.saved.as_str() {
        "birth-date" => "birth-date",
        "guardian" => "guardian",
        _ => "",
    };
    let shown = SettingsShown {
        saved,
        ..SettingsShown::default()
    };
    settings_page(&viewer, &state, &user, StatusCode::OK, shown).await
}

/// POST /settings/eligibility/birth-date
pub async fn birth_date_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<BirthDateForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    match eligibility::set_birth_date(&state.ctx, &user, &form.born_on).await {
        Ok(_) => Ok(Viewer::see_other("/settings/eligibility?saved=birth-date")),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let shown = SettingsShown {
                    birth_errors: FormErrors::from_error(&viewer, &state, &e),
                    typed_birth: Some(form.born_on.clone()),
                    ..SettingsShown::default()
                };
                Ok(settings_page(&viewer, &state, &user, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /settings/eligibility/guardian — emails the guardian a consent link.
pub async fn guardian_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<GuardianForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    match eligibility::request_guardian_consent(&state.ctx, &user, &form.guardian_email).await {
        Ok(()) => Ok(Viewer::see_other("/settings/eligibility?saved=guardian")),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let mut errors = FormErrors::from_error(&viewer, &state, &e);
                // An invalid address belongs to the guardian's field here.
                if matches!(
                    e,
                    AppError::Domain(citysync_domain::DomainError::EmailInvalid)
                ) {
                    errors = FormErrors::default();
                    errors
                        .0
                        .insert("guardian_email", viewer.message_for(&state, &e));
                }
                let shown = SettingsShown {
                    guardian_errors: errors,
                    typed_guardian: form.guardian_email.clone(),
                    ..SettingsShown::default()
                };
                Ok(settings_page(&viewer, &state, &user, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

/// GET /admin/users/{username}/eligibility — a resident's date of birth, guardian and
/// qualifications, for administrators only.
pub async fn admin_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(Viewer::see_other("/login"));
    };
    match eligibility::eligibility_for_admin(&state.ctx, &user, &path).await {
        Ok(facts) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "admin_eligibility.html",
            minijinja::context! {
                username => path.as_str(),
                mine => minijinja::value::Serde(&facts),
            },
        )),
        Err(e) => Err(e.into()),
    }
}

// ---- the guardian's link ----

/// GET /guardian/{token} — what the guardian consents to, and the button.
pub async fn guardian_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    match eligibility::consent_request(&state.ctx, &path).await {
        Ok(request) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "guardian_consent.html",
            minijinja::context! {
                request => minijinja::value::Serde(&request),
                token => path.as_str(),
                done => false,
            },
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /guardian/{token} — records the consent (once).
pub async fn guardian_consent(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Page {
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return Err(AppError::Forbidden.into());
    }
    match eligibility::consent(&state.ctx, &path).await {
        Ok(request) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "guardian_consent.html",
            minijinja::context! {
                request => minijinja::value::Serde(&request),
                token => "",
                done => true,
            },
        )),
        Err(e) => Err(e.into()),
    }
}

// ---- a template's requirements ----

/// The requirements form as typed: `qualification` repeats, one per ticked box.
#[derive(Debug, Default)]
pub struct RequirementsForm {
    csrf_token: String,
    min_age: String,
    waiver: String,
    qualification: Vec<String>,
}

/// What the requirements form shows besides the stored values.
#[derive(Default)]
struct RequirementsShown<'a> {
    /// The form as typed, when it failed.
    typed: Option<&'a RequirementsForm>,
    errors: FormErrors,
    saved: bool,
}

async fn requirements_page(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    id: &str,
    status: StatusCode,
    shown: RequirementsShown<'_>,
) -> HttpResponse {
    let RequirementsShown {
        typed,
        errors,
        saved,
    } = shown;
    match eligibility::requirements_page(&state.ctx, user, id).await {
        Ok(mut page) => {
            if let Some(form) = typed {
                page.waiver = form.waiver.clone();
                for q in &mut page.qualifications {
                    q.required = form.qualification.contains(&q.id);
                }
            }
            let min_age = match typed {
                Some(form) => form.min_age.clone(),
                None => page.min_age.map(|a| a.to_string()).unwrap_or_default(),
            };
            viewer.render(
                state,
                status,
                "template_requirements.html",
                minijinja::context! {
                    page => minijinja::value::Serde(&page),
                    min_age => min_age,
                    errors => minijinja::value::Serde(errors),
                    saved => saved,
                },
            )
        }
        Err(e) => viewer.error_page(state, &e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedFlag {
    #[serde(default)]
    saved: String,
}

/// GET /templates/{id}/requirements — for the organization's editors.
pub async fn requirements_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<SavedFlag>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return Viewer::see_other("/login");
    };
    let saved = query.saved == "1";
    let shown = RequirementsShown {
        saved,
        ..RequirementsShown::default()
    };
    requirements_page(&viewer, &state, &user, &path, StatusCode::OK, shown).await
}

/// POST /templates/{id}/requirements
pub async fn requirements_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    pairs: web::Form<Vec<(String, String)>>,
) -> Page {
    // `qualification` repeats (one per ticked box), which a struct cannot hold.
    let mut form = RequirementsForm::default();
    for (key, value) in pairs.into_inner() {
        match key.as_str() {
            "csrf_token" => form.csrf_token = value,
            "min_age" => form.min_age = value,
            "waiver" => form.waiver = value,
            "qualification" => form.qualification.push(value),
            _ => {}
        }
    }
    let user = poster(&req, &viewer, &state, &form.csrf_token)?.clone();
    let input = RequirementsInput {
        min_age: form.min_age.clone(),
        waiver: form.waiver.clone(),
        qualification_ids: form.qualification.clone(),
    };
    match eligibility::set_requirements(&state.ctx, &user, &path, input).await {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/templates/{}/requirements?saved=1",
            path
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let shown = RequirementsShown {
                    typed: Some(&form),
                    errors: FormErrors::from_error(&viewer, &state, &e),
                    saved: false,
                };
                Ok(requirements_page(&viewer, &state, &user, &path, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

// ---- an organization's qualifications ----

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct DefineForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    name: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct GrantForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    qualification: String,
    #[serde(default)]
    who: String,
    #[serde(default)]
    expires_on: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    qualification: String,
    #[serde(default)]
    username: String,
}

#[derive(Default)]
struct QualificationsShown<'a> {
    saved: &'static str,
    define: Option<&'a DefineForm>,
    grant: Option<&'a GrantForm>,
    define_errors: FormErrors,
    grant_errors: FormErrors,
}

async fn qualifications_page(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    handle: &str,
    status: StatusCode,
    shown: QualificationsShown<'_>,
) -> HttpResponse {
    match eligibility::qualifications_page(&state.ctx, user, handle).await {
        Ok(page) => viewer.render(
            state,
            status,
            "qualifications.html",
            minijinja::context! {
                page => minijinja::value::Serde(&page),
                saved => shown.saved,
                define => minijinja::value::Serde(shown.define),
                grant => minijinja::value::Serde(shown.grant),
                define_errors => minijinja::value::Serde(shown.define_errors),
                grant_errors => minijinja::value::Serde(shown.grant_errors),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// GET /organizations/{handle}/qualifications — for its editors and verifiers.
pub async fn qualifications_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return Viewer::see_other("/login");
    };
    let saved = match query.saved.as_str() {
        "defined" => "defined",
        "granted" => "granted",
        "revoked" => "revoked",
        _ => "",
    };
    let shown = QualificationsShown {
        saved,
        ..QualificationsShown::default()
    };
    qualifications_page(&viewer, &state, &user, &path, StatusCode::OK, shown).await
}

/// POST /organizations/{handle}/qualifications — defines one (editors).
pub async fn qualification_define(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<DefineForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    match eligibility::define_qualification(&state.ctx, &user, &path, &form.name).await {
        Ok(_) => Ok(Viewer::see_other(&format!(
            "/organizations/{}/qualifications?saved=defined",
            path
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let shown = QualificationsShown {
                    define: Some(&form),
                    define_errors: FormErrors::from_error(&viewer, &state, &e),
                    ..QualificationsShown::default()
                };
                Ok(qualifications_page(&viewer, &state, &user, &path, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /organizations/{handle}/qualifications/grant
pub async fn qualification_grant(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<GrantForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let result = eligibility::grant_qualification(
        &state.ctx,
        &user,
        &path,
        &form.qualification,
        &form.who,
        &form.expires_on,
    )
    .await;
    match result {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/organizations/{}/qualifications?saved=granted",
            path
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let shown = QualificationsShown {
                    grant: Some(&form),
                    grant_errors: FormErrors::from_error(&viewer, &state, &e),
                    ..QualificationsShown::default()
                };
                Ok(qualifications_page(&viewer, &state, &user, &path, status, shown).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /organizations/{handle}/qualifications/revoke
pub async fn qualification_revoke(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<RevokeForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let result = eligibility::revoke_qualification(
        &state.ctx,
        &user,
        &path,
        &form.qualification,
        &form.username,
    )
    .await;
    match result {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/organizations/{}/qualifications?saved=revoked",
            path
        ))),
        Err(e) => Err(e.into()),
    }
}

crate::pages::csrf_forms!(
    BirthDateForm,
    ClaimForm,
    DefineForm,
    GrantForm,
    GuardianForm,
    RevokeForm
);
