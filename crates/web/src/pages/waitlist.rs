//! Waiting lists and group claims (issue 26): joining, leaving, taking or declining an
//! offered place from an opportunity's page; a party's join page for the claimant's friends.

use super::eligibility::ClaimForm;
use super::work::render_opportunity;
use super::{form_status, poster};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::claims::{party, waitlist};
use citysync_app::AppError;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities/{id}/waitlist", web::post().to(join))
        .route("/opportunities/{id}/waitlist/leave", web::post().to(leave))
        .route("/opportunities/{id}/waitlist/take", web::post().to(take))
        .route(
            "/opportunities/{id}/waitlist/decline",
            web::post().to(decline),
        )
        .route("/parties", web::get().to(party_lookup))
        .route("/parties/{code}", web::get().to(party_page))
        .route("/parties/{code}/join", web::post().to(party_join));
}

/// The form posted by each of the waiting list's buttons.
type Posted = (
    HttpRequest,
    Viewer,
    web::Data<WebState>,
    web::Path<String>,
    web::Form<ClaimForm>,
);

/// POST /opportunities/{id}/waitlist
async fn join(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ClaimForm>,
) -> HttpResponse {
    act((req, viewer, state, path, form), Act::Join).await
}

/// POST /opportunities/{id}/waitlist/leave
async fn leave(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ClaimForm>,
) -> HttpResponse {
    act((req, viewer, state, path, form), Act::Leave).await
}

/// POST /opportunities/{id}/waitlist/take
async fn take(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ClaimForm>,
) -> HttpResponse {
    act((req, viewer, state, path, form), Act::Take).await
}

/// POST /opportunities/{id}/waitlist/decline
async fn decline(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ClaimForm>,
) -> HttpResponse {
    act((req, viewer, state, path, form), Act::Decline).await
}

#[derive(Debug, Clone, Copy)]
enum Act {
    Join,
    Leave,
    Take,
    Decline,
}

/// Back to the opportunity (to the new claim once a place is taken); a refusal is shown on
/// the opportunity's page.
async fn act((req, viewer, state, path, form): Posted, act: Act) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user.clone(),
        Err(e) => return viewer.error_page(&state, &e),
    };
    let ctx = &state.ctx;
    let id = path.as_str();
    let back = format!("/opportunities/{id}#claim-heading");
    let done = match act {
        Act::Join => waitlist::join(ctx, &user, id).await.map(|_| back),
        Act::Leave => waitlist::leave(ctx, &user, id).await.map(|()| back),
        Act::Decline => waitlist::decline(ctx, &user, id).await.map(|()| back),
        Act::Take => waitlist::take(ctx, &user, id, form.accepted_waiver())
            .await
            .map(|claim| format!("/claims/{}", claim.id)),
    };
    match done {
        Ok(to) => Viewer::see_other(&to),
        Err(e) => refused(&viewer, &state, id, &e).await,
    }
}

async fn refused(viewer: &Viewer, state: &WebState, id: &str, e: &AppError) -> HttpResponse {
    match form_status(e) {
        Some(status) => {
            let errors = FormErrors::from_error(viewer, state, e);
            render_opportunity(viewer, state, id, status, errors).await
        }
        None => viewer.error_page(state, e),
    }
}

/// GET /parties/{code} — what a friend with the join link sees.
async fn party_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_party(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        FormErrors::default(),
    )
    .await
}

#[derive(Debug, serde::Deserialize)]
struct LookupQuery {
    #[serde(default)]
    code: String,
}

/// GET /parties?code=… — a code typed by hand.
async fn party_lookup(query: web::Query<LookupQuery>) -> HttpResponse {
    let code: String = query
        .code
        .trim()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    Viewer::see_other(&format!("/parties/{code}"))
}

async fn render_party(
    viewer: &Viewer,
    state: &WebState,
    code: &str,
    status: StatusCode,
    errors: FormErrors,
) -> HttpResponse {
    match party::invitation(&state.ctx, viewer.user.as_ref(), code).await {
        Ok(invitation) => viewer.render(
            state,
            status,
            "party.html",
            minijinja::context! {
                eligibility => super::eligibility::opportunity_panel(
                    viewer, state, &invitation.opportunity.id,
                ).await,
                invitation => minijinja::value::Serde(&invitation),
                open => invitation.opportunity.open_for_claims(state.ctx.now()),
                errors => minijinja::value::Serde(errors),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// POST /parties/{code}/join — the friend's own claim in the party.
async fn party_join(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ClaimForm>,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user.clone(),
        Err(e) => return viewer.error_page(&state, &e),
    };
    match party::join(&state.ctx, &user, &path, form.accepted_waiver()).await {
        Ok(claim) => Viewer::see_other(&format!("/claims/{}", claim.id)),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                render_party(&viewer, &state, &path, status, errors).await
            }
            None => viewer.error_page(&state, &e),
        },
    }
}
