//! Deliberation: a proposal's threaded comments (public; a hidden one keeps its place with
//! the moderator's reason), commenting and replying while the cycle deliberates or votes,
//! reporting a comment to the moderators.

use crate::auth::{scoped, Scoped};
use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::{web, HttpResponse};
use citysync_app::governance::{comments, proposals};
use citysync_app::{AppError, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/proposals/{id}/comments", web::get().to(comments_index))
        .route("/proposals/{id}/comments", web::post().to(comment_create))
        .route("/comments/{id}/report", web::post().to(comment_report))
        .route(
            "/comments/{id}/moderation",
            web::post().to(comment_moderate),
        );
}

/// One comment of a proposal's thread.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Comment {
    pub id: String,
    /// The comment it replies to.
    pub parent_id: Option<String>,
    /// 0 for a comment on the proposal, 1 for a reply to it, … (at most 4).
    pub depth: usize,
    /// The author's username.
    pub author: String,
    /// Empty when hidden.
    pub body: String,
    /// Hidden by a moderator: only the reason is shown.
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    /// How many residents reported it; only for the city's administrators.
    pub reports: Option<i64>,
    pub created_at: CityTime,
}

fn comment_of(c: comments::Comment, moderator: bool) -> Comment {
    Comment {
        id: c.id,
        parent_id: c.parent_id,
        depth: c.depth,
        author: c.author,
        body: c.body,
        hidden: c.hidden_reason.is_some(),
        hidden_reason: c.hidden_reason,
        reports: moderator.then_some(c.reports),
        created_at: c.created_at.into(),
    }
}

/// A proposal's comments as a thread: each reply right after its parent, oldest first.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/comments", tag = "governance",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, body = Vec<Comment>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn comments_index(
    ctx: web::Data<Ctx>,
    reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    proposals::get(&ctx, &id).await?;
    let thread = comments::thread(&ctx, &id).await?;
    let moderator = reader.user.as_ref().is_some_and(|u| u.is_admin);
    let body: Vec<Comment> = thread
        .into_iter()
        .map(|c| comment_of(c, moderator))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// A comment, or a reply to one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommentInput {
    #[schema(min_length = 1, max_length = 5000)]
    pub body: String,
    /// The comment of the same proposal this replies to.
    pub parent_id: Option<String>,
}

/// Comment on a proposal (or reply to a comment) while its cycle deliberates or votes.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/comments", tag = "governance",
    security(("oauth2" = ["write:proposals"])),
    params(("id" = String, Path, description = "The proposal's id")),
    request_body = CommentInput,
    responses(
        (status = 201, body = Comment),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal, or the parent is not one of its comments", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is not deliberating or voting", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn comment_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteProposals>,
    id: web::Path<String>,
    body: crate::extract::Json<CommentInput>,
) -> Result<HttpResponse, Problem> {
    let input = body.into_inner();
    let comment_id = comments::post(
        &ctx,
        &bearer.user,
        &id,
        input.parent_id.as_deref(),
        &input.body,
    )
    .await?;
    let comment = comments::thread(&ctx, &id)
        .await?
        .into_iter()
        .find(|c| c.id == comment_id)
        .ok_or_else(|| Problem::from(AppError::NotFound))?;
    Ok(HttpResponse::Created().json(comment_of(comment, bearer.user.is_admin)))
}

/// Why a comment is reported.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportInput {
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// Report a comment to the moderators (once per resident and comment).
#[utoipa::path(post, path = "/api/v1/comments/{id}/report", tag = "governance",
    security(("oauth2" = ["write:proposals"])),
    params(("id" = String, Path, description = "The comment's id")),
    request_body = ReportInput,
    responses(
        (status = 204, description = "Reported"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Reported already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn comment_report(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteProposals>,
    id: web::Path<String>,
    body: crate::extract::Json<ReportInput>,
) -> Result<HttpResponse, Problem> {
    comments::report(&ctx, &bearer.user, &id, &body.reason).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A moderator hides a comment (or shows it again), with the reason everyone sees.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Moderation {
    pub hide: bool,
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// Hide or restore a comment (administrators); the public moderation log records it.
#[utoipa::path(post, path = "/api/v1/comments/{id}/moderation", tag = "governance",
    security(("oauth2" = ["admin"])),
    params(("id" = String, Path, description = "The comment's id")),
    request_body = Moderation,
    responses(
        (status = 204, description = "Done"),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn comment_moderate(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
    id: web::Path<String>,
    body: crate::extract::Json<Moderation>,
) -> Result<HttpResponse, Problem> {
    comments::moderate(&ctx, &bearer.user, &id, body.hide, &body.reason).await?;
    Ok(HttpResponse::NoContent().finish())
}
