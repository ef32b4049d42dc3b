//! Recurring opportunities: the editor publishes every draft of a series at once from any
//! of its occurrences (the form that issues a series is the new-opportunity form).

use super::TokenForm;
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::web;
use citysync_app::catalog;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/opportunities/{id}/series/publish",
        web::post().to(publish_series),
    );
}

/// POST /opportunities/{id}/series/publish — the organization's editors.
pub async fn publish_series(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?;
    catalog::publish_series(&state.ctx, user, &path).await?;
    Ok(Viewer::see_other(&format!(
        "/opportunities/{}",
        path.as_str()
    )))
}
