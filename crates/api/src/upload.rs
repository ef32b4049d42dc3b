//! Multipart bodies (proof photos, offering images), read part by part within the limits
//! of `citysync_app::uploads` — the same the web forms keep.

use crate::Problem;
use actix_multipart::Multipart;
use actix_web::HttpRequest;
use citysync_app::uploads::{Upload, UploadLimits};
use citysync_app::AppError;
use futures_util::StreamExt;

/// Reads the body, refusing as soon as a limit is passed.
pub async fn read(
    mut body: Multipart,
    limits: UploadLimits,
    req: &HttpRequest,
) -> Result<Upload, Problem> {
    let problem = |e| Problem::from_app(&e, req);
    let mut form = Upload::default();
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| problem(AppError::PhotoInvalid))?;
        let mut part = Upload::part(limits, field.name().unwrap_or_default());
        while let Some(chunk) = field.next().await {
            part.push(&chunk.map_err(|_| problem(AppError::PhotoInvalid))?)
                .map_err(problem)?;
        }
        form.add(part).map_err(problem)?;
    }
    Ok(form)
}
