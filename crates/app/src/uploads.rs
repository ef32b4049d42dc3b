//! Forms with files (proof photos, offering images) as they arrive part by part, held to
//! their limits: the web pages and the API read multipart bodies through this, so both
//! refuse the same things the same way, as soon as a limit is passed.

use crate::AppError;
use citysync_domain::DomainError;
use std::collections::BTreeMap;

/// The limits of one form: which field carries files, how large and how many; which text
/// field to blame when a text field is too long (20 000 bytes each).
#[derive(Debug, Clone, Copy)]
pub struct UploadLimits {
    pub file_field: &'static str,
    pub max_file_bytes: usize,
    pub max_files: usize,
    pub long_text_field: &'static str,
}

const TEXT_MAX_BYTES: usize = 20_000;

/// What a form held: its text fields and the files of its one file field.
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: BTreeMap<String, String>,
    pub files: Vec<Vec<u8>>,
}

/// One part of the form being read.
#[derive(Debug)]
pub struct Part {
    name: String,
    is_file: bool,
    bytes: Vec<u8>,
    limits: UploadLimits,
}

impl Part {
    /// Adds a chunk; one byte more than allowed is enough to refuse.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), AppError> {
        let limit = if self.is_file {
            self.limits.max_file_bytes
        } else {
            TEXT_MAX_BYTES
        };
        if self.bytes.len() + chunk.len() > limit {
            return Err(if self.is_file {
                AppError::PhotoTooLarge {
                    max_bytes: self.limits.max_file_bytes,
                }
            } else {
                DomainError::TooLong(self.limits.long_text_field).into()
            });
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }
}

impl Upload {
    /// Starts reading the part named `name`.
    pub fn part(limits: UploadLimits, name: &str) -> Part {
        Part {
            is_file: name == limits.file_field,
            name: name.to_owned(),
            bytes: Vec::new(),
            limits,
        }
    }

    /// Keeps a part read whole. An empty file input sends an empty part: it is skipped.
    pub fn add(&mut self, part: Part) -> Result<(), AppError> {
        if part.is_file {
            if part.bytes.is_empty() {
                return Ok(());
            }
            if self.files.len() >= part.limits.max_files {
                return Err(DomainError::TooManyPhotos {
                    max: part.limits.max_files,
                }
                .into());
            }
            self.files.push(part.bytes);
        } else {
            self.fields
                .insert(part.name, String::from_utf8_lossy(&part.bytes).into_owned());
        }
        Ok(())
    }
}
