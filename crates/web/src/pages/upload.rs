//! Multipart forms with files (proof photos, offering images), read with the limits of
//! `citysync_app::uploads`.

use actix_multipart::Multipart;
pub(crate) use citysync_app::uploads::Upload;
use citysync_app::uploads::UploadLimits;
use citysync_app::AppError;
use futures_util::StreamExt;

pub(crate) use citysync_app::uploads::UploadLimits as Limits;

/// Reads the body, refusing as soon as a limit is passed.
pub(crate) async fn read(mut body: Multipart, limits: UploadLimits) -> Result<Upload, AppError> {
    let mut form = Upload::default();
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| AppError::PhotoInvalid)?;
        let mut part = Upload::part(limits, field.name().unwrap_or_default());
        while let Some(chunk) = field.next().await {
            part.push(&chunk.map_err(|_| AppError::PhotoInvalid)?)?;
        }
        form.add(part)?;
    }
    Ok(form)
}
