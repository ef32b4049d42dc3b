//! Co-issuing an opportunity: the partners page (invite while a draft, accept, decline,
//! withdraw) at `/opportunities/{id}/partners`.

use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::pages::{form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog::{self, PartnerAnswer, PartnerInput};
use citysync_app::AppError;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities/{id}/partners", web::get().to(partners_show))
        .route(
            "/opportunities/{id}/partners",
            web::post().to(partner_invite),
        )
        .route(
            "/opportunities/{id}/partners/{handle}/accept",
            web::post().to(partner_accept),
        )
        .route(
            "/opportunities/{id}/partners/{handle}/decline",
            web::post().to(partner_decline),
        )
        .route(
            "/opportunities/{id}/partners/{handle}/withdraw",
            web::post().to(partner_withdraw),
        );
}

/// The invitation form as typed (or prefilled by `?invite=`).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct InviteForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    share: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    verifies: String,
}

/// `?invite=<organization handle>`: the drafting form's overlap panel sends an editor here.
#[derive(Debug, Default, Deserialize)]
pub struct PartnersQuery {
    #[serde(default)]
    invite: String,
}

async fn render(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    form: &InviteForm,
    errors: FormErrors,
) -> HttpResponse {
    match catalog::partners_page(&state.ctx, viewer.user.as_ref(), id).await {
        Ok(page) => viewer.render(
            state,
            status,
            "opportunity_partners.html",
            minijinja::context! {
                page => minijinja::value::Serde(&page),
                form => minijinja::value::Serde(form),
                errors => minijinja::value::Serde(errors),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// GET /opportunities/{id}/partners — the lead's and invited organizations' members while
/// a draft (the lead's editors get the invitation form); everyone once published.
pub async fn partners_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<PartnersQuery>,
) -> Page {
    if viewer.user.is_none() {
        // A draft's partners are for members; a published one's are public anyway.
        if let Err(e) = catalog::partners_page(&state.ctx, None, &path).await {
            return match e {
                AppError::NotFound => Ok(viewer.sign_in_first()),
                e => Err(e.into()),
            };
        }
    }
    let form = InviteForm {
        organization: crate::pages::safe_path_segment(query.invite.trim()),
        verifies: "on".to_owned(),
        ..InviteForm::default()
    };
    Ok(render(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        &form,
        FormErrors::default(),
    )
    .await)
}

/// POST /opportunities/{id}/partners — the lead's editors invite an organization.
pub async fn partner_invite(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<InviteForm>,
) -> Page {
    let user = viewer.require_user()?;
    let input = PartnerInput {
        organization: form.organization.clone(),
        share: form.share.clone(),
        verifies: !form.verifies.is_empty(),
    };
    match catalog::invite_partner(&state.ctx, user, &path, input).await {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/opportunities/{}/partners",
            path.as_str()
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(render(&viewer, &state, &path, status, &form, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

async fn answer(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    (id, handle): (String, String),
    form: &TokenForm,
    answer: PartnerAnswer,
) -> HttpResponse {
    let user = match poster(req, viewer, state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(state, &e),
    };
    match catalog::answer_partner(&state.ctx, user, &id, &handle, answer).await {
        Ok(()) => Viewer::see_other(&format!("/opportunities/{id}/partners")),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                render(viewer, state, &id, status, &InviteForm::default(), errors).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// POST /opportunities/{id}/partners/{handle}/accept — the invited organization's editors.
pub async fn partner_accept(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    answer(
        &req,
        &viewer,
        &state,
        path.into_inner(),
        &form,
        PartnerAnswer::Accept,
    )
    .await
}

/// POST /opportunities/{id}/partners/{handle}/decline — the invited organization's editors.
pub async fn partner_decline(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    answer(
        &req,
        &viewer,
        &state,
        path.into_inner(),
        &form,
        PartnerAnswer::Decline,
    )
    .await
}

/// POST /opportunities/{id}/partners/{handle}/withdraw — editors of either side, before
/// publication.
pub async fn partner_withdraw(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    answer(
        &req,
        &viewer,
        &state,
        path.into_inner(),
        &form,
        PartnerAnswer::Withdraw,
    )
    .await
}

crate::pages::csrf_forms!(InviteForm);
