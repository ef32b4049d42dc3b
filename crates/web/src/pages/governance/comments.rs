//! Deliberation: comments and replies on a proposal, reports by residents, the moderators'
//! hide and restore (always with a reason), and the city's public moderation log with the
//! moderators' list of reported comments.

use super::proposal_page::{render_proposal, Failure};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::pages::{form_status, safe_path_segment, safe_return_path};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::governance::comments::{self, ModerationEntry, Reported};
use citysync_app::AppError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many lines of the city's moderation log the page shows, newest first.
const LOG_LISTED: i64 = 200;
/// Where the moderators' list lives (a moderation form posted from it comes back to it).
const MODERATION_PAGE: &str = "/governance/moderation";

#[derive(Debug, Default, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ModerateForm {
    #[serde(default)]
    csrf_token: String,
    /// `hide` or `restore`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    return_to: String,
}

/// A refused form of the proposal page, with what was typed in `field`.
fn failure(
    viewer: &Viewer,
    state: &WebState,
    err: &AppError,
    form: String,
    field: &str,
    typed: &str,
) -> Failure {
    let mut errors = FormErrors::from_error(viewer, state, err);
    // An error about the one field a small form has is shown beside it.
    let from = citysync_edge::form_field(err).unwrap_or("general");
    if from != "general" && from != field {
        if let Some(text) = errors.0.remove(from) {
            errors.0.insert("general", text);
        }
    }
    let mut kept = BTreeMap::new();
    kept.insert(field.to_owned(), typed.to_owned());
    Failure {
        form,
        typed: kept,
        errors,
    }
}

/// POST /proposals/{id}/comments — a verified resident, while the cycle deliberates or
/// votes; `parent_id` makes it a reply.
pub async fn comment_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<CommentForm>,
) -> Page {
    let user = viewer.require_user()?;
    let parent = Some(form.parent_id.trim()).filter(|p| !p.is_empty());
    match comments::post(&state.ctx, user, &path, parent, &form.body).await {
        Ok(id) => Ok(Viewer::see_other(&format!(
            "/proposals/{}#comment-{}",
            path.as_str(),
            safe_path_segment(&id)
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let which = match parent {
                    Some(p) => format!("reply-{p}"),
                    None => "comment".to_owned(),
                };
                let failed = failure(&viewer, &state, &e, which, "body", &form.body);
                Ok(render_proposal(&viewer, &state, &path, status, failed).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /proposals/{id}/comments/{comment}/report — a signed-in resident, once per comment.
pub async fn report_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<ReportForm>,
) -> Page {
    let (proposal_id, comment_id) = path.into_inner();
    let user = viewer.require_user()?;
    match comments::report(&state.ctx, user, &comment_id, &form.reason).await {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/proposals/{}#comment-{}",
            safe_path_segment(&proposal_id),
            safe_path_segment(&comment_id)
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let which = format!("report-{comment_id}");
                let failed = failure(&viewer, &state, &e, which, "reason", &form.reason);
                Ok(render_proposal(&viewer, &state, &proposal_id, status, failed).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /proposals/{id}/comments/{comment}/moderate — administrators hide a comment with a
/// reason (or restore it); the action goes in the public moderation log.
pub async fn moderate_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<ModerateForm>,
) -> Page {
    let (proposal_id, comment_id) = path.into_inner();
    let moderator = viewer.require_user()?;
    let hide = match form.action.as_str() {
        "hide" => true,
        "restore" => false,
        _ => return Err(AppError::NotFound.into()),
    };
    let from_list = form.return_to == MODERATION_PAGE;
    match comments::moderate(&state.ctx, moderator, &comment_id, hide, &form.reason).await {
        Ok(proposal) => {
            let back = if from_list {
                safe_return_path(&form.return_to).to_owned()
            } else {
                format!(
                    "/proposals/{}#comment-{}",
                    safe_path_segment(&proposal),
                    safe_path_segment(&comment_id)
                )
            };
            Ok(Viewer::see_other(&back))
        }
        Err(e) => match form_status(&e) {
            Some(status) => {
                let which = format!("moderate-{comment_id}");
                let failed = failure(&viewer, &state, &e, which, "reason", &form.reason);
                if from_list {
                    Ok(render_moderation(&viewer, &state, status, failed).await)
                } else {
                    Ok(render_proposal(&viewer, &state, &proposal_id, status, failed).await)
                }
            }
            None => Err(e.into()),
        },
    }
}

#[derive(Serialize)]
struct LogLine<'a> {
    #[serde(flatten)]
    entry: &'a ModerationEntry,
}

#[derive(Serialize)]
struct ReportedLine<'a> {
    #[serde(flatten)]
    comment: &'a Reported,
}

/// GET /governance/moderation — public: the city's moderation log; for administrators also
/// the reported comments still visible, each with a form to hide it.
pub async fn moderation_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    render_moderation(&viewer, &state, StatusCode::OK, Failure::default()).await
}

async fn render_moderation(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    failed: Failure,
) -> HttpResponse {
    let ctx = &state.ctx;
    let log = match comments::log(ctx, None, LOG_LISTED).await {
        Ok(log) => log,
        Err(e) => return viewer.error_page(state, &e),
    };
    let reported = match &viewer.user {
        Some(admin) if admin.is_admin => match comments::reported(ctx, admin).await {
            Ok(list) => list,
            Err(e) => return viewer.error_page(state, &e),
        },
        _ => Vec::new(),
    };
    let log_lines: Vec<LogLine> = log.iter().map(|entry| LogLine { entry }).collect();
    let reported_lines: Vec<ReportedLine> = reported
        .iter()
        .map(|comment| ReportedLine { comment })
        .collect();
    viewer.render(
        state,
        status,
        "moderation.html",
        minijinja::context! {
            log => minijinja::value::Serde(&log_lines),
            reported => minijinja::value::Serde(&reported_lines),
            is_admin => viewer.user.as_ref().is_some_and(|u| u.is_admin),
            failed => failed.form,
            typed => minijinja::value::Serde(&failed.typed),
            errors => minijinja::value::Serde(failed.errors),
        },
    )
}

crate::pages::csrf_forms!(CommentForm, ModerateForm, ReportForm);
