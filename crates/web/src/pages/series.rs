//! Recurring opportunities: the editor publishes every draft of a series at once from any
//! of its occurrences (the form that issues a series is the new-opportunity form).

use super::{poster, TokenForm};
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::{web, HttpRequest};
use citysync_app::catalog;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/opportunities/{id}/series/publish",
        web::post().to(publish_series),
    );
}

/// POST /opportunities/{id}/series/publish — the organization's editors.
pub async fn publish_series(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Page {
    let user = poster(&req, &viewer, &state, &form.csrf_token)?;
    catalog::publish_series(&state.ctx, user, &path).await?;
    Ok(Viewer::see_other(&format!(
        "/opportunities/{}",
        path.as_str()
    )))
}
