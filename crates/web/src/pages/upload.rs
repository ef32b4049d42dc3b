//! Multipart forms with files (proof photos, offering images), read with limits.

use actix_multipart::Multipart;
use citysync_app::AppError;
use citysync_domain::DomainError;
use futures_util::StreamExt;
use std::collections::BTreeMap;

/// What a multipart form held: its text fields and the files of its one file field.
#[derive(Default)]
pub(crate) struct Upload {
    pub fields: BTreeMap<String, String>,
    pub files: Vec<Vec<u8>>,
}

/// The limits of one form: which field carries files, how large and how many; which text
/// field to blame when a text field is too long (20 000 bytes each).
pub(crate) struct Limits {
    pub file_field: &'static str,
    pub max_file_bytes: usize,
    pub max_files: usize,
    pub long_text_field: &'static str,
}

/// Reads the body, refusing as soon as a limit is passed (one byte more than allowed is
/// enough to know). An empty file input sends an empty part: it is skipped.
pub(crate) async fn read(mut body: Multipart, limits: Limits) -> Result<Upload, AppError> {
    let mut form = Upload::default();
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| AppError::PhotoInvalid)?;
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = name == limits.file_field;
        let limit = if is_file {
            limits.max_file_bytes + 1
        } else {
            20_000
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| AppError::PhotoInvalid)?;
            if bytes.len() + chunk.len() > limit {
                return Err(if is_file {
                    AppError::PhotoTooLarge {
                        max_bytes: limits.max_file_bytes,
                    }
                } else {
                    DomainError::TooLong(limits.long_text_field).into()
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            if bytes.is_empty() {
                continue;
            }
            if form.files.len() >= limits.max_files {
                return Err(DomainError::TooManyPhotos {
                    max: limits.max_files,
                }
                .into());
            }
            form.files.push(bytes);
        } else {
            form.fields
                .insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(form)
}
