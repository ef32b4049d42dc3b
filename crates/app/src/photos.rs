//! Proof photos: checked by their content (JPEG, PNG or WebP only, whatever the file is
//! called), bounded in size and pixels, and re-encoded from the decoded pixels so nothing but
//! the picture survives: EXIF (with GPS location), XMP and comments are dropped. The EXIF
//! orientation is applied first so the picture still stands the right way up.

use crate::AppError;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The largest side accepted, in pixels (bigger pictures are decompression bombs or scans).
pub const MAX_SIDE: u32 = 12_000;
/// Pictures are stored no larger than this on their longest side.
pub const STORED_MAX_SIDE: u32 = 2_560;

/// A photo ready to store.
#[derive(Debug, Clone)]
pub struct CleanPhoto {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub extension: &'static str,
    pub width: u32,
    pub height: u32,
    /// The picture's perceptual hash ([`perceptual_hash`]), base64.
    pub perceptual_hash: String,
}

/// Width and height of the perceptual hash's grid: 256 bits.
const HASH_SIDE: u32 = 16;

/// A gradient ("difference") hash of the picture on a 16×16 grid, base64: the same picture
/// re-encoded, resized or slightly recompressed keeps nearly all its bits, so two hashes a
/// small Hamming distance apart are the same photo (the integrity report compares them).
pub fn perceptual_hash(picture: &DynamicImage) -> String {
    image_hasher::HasherConfig::new()
        .hash_size(HASH_SIDE, HASH_SIDE)
        .hash_alg(image_hasher::HashAlg::Gradient)
        .to_hasher()
        .hash_image(picture)
        .to_base64()
}

/// The bytes of a stored perceptual hash, or `None` if it is not one.
pub fn hash_bytes(encoded: &str) -> Option<Vec<u8>> {
    image_hasher::ImageHash::<Box<[u8]>>::from_base64(encoded)
        .ok()
        .map(|h| h.as_bytes().to_vec())
}

/// Checks and cleans an uploaded photo. CPU-heavy: call it off the async threads.
pub fn clean(bytes: &[u8], max_bytes: usize) -> Result<CleanPhoto, AppError> {
    if bytes.len() > max_bytes {
        return Err(AppError::PhotoTooLarge { max_bytes });
    }
    let format = image::guess_format(bytes).map_err(|_| AppError::PhotoInvalid)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(AppError::PhotoInvalid);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| AppError::PhotoInvalid)?;
    let orientation = decoder.orientation().map_err(|_| AppError::PhotoInvalid)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| AppError::PhotoInvalid)?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > STORED_MAX_SIDE {
        picture = picture.resize(
            STORED_MAX_SIDE,
            STORED_MAX_SIDE,
            image::imageops::FilterType::Triangle,
        );
    }
    let (width, height) = (picture.width(), picture.height());
    let perceptual_hash = perceptual_hash(&picture);
    let mut out = Vec::new();
    // PNG stays PNG (screenshots, drawings); photos (JPEG, WebP) are stored as JPEG.
    let (content_type, extension) = if format == ImageFormat::Png {
        picture
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .map_err(AppError::internal)?;
        ("image/png", "png")
    } else {
        let rgb = DynamicImage::ImageRgb8(picture.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        rgb.write_with_encoder(encoder)
            .map_err(AppError::internal)?;
        ("image/jpeg", "jpg")
    };
    Ok(CleanPhoto {
        bytes: out,
        content_type,
        extension,
        width,
        height,
        perceptual_hash,
    })
}

/// Where a stored photo lives: `<uploads>/photos/<server-generated name>`.
pub fn path_of(uploads_dir: &Path, file_name: &str) -> PathBuf {
    uploads_dir.join("photos").join(file_name)
}

/// Writes a cleaned photo under a new server-generated name; returns the name.
pub fn store(uploads_dir: &Path, photo: &CleanPhoto) -> Result<String, AppError> {
    let name = format!("{}.{}", crate::secrets::new_id(), photo.extension);
    let path = path_of(uploads_dir, &name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::internal(format!("uploads folder: {e}")))?;
    }
    std::fs::write(&path, &photo.bytes)
        .map_err(|e| AppError::internal(format!("storing a photo: {e}")))?;
    Ok(name)
}

/// Reads a stored photo. Names come from the database only, never from a request.
pub fn read(uploads_dir: &Path, file_name: &str) -> Result<Vec<u8>, AppError> {
    if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
        return Err(AppError::NotFound);
    }
    std::fs::read(path_of(uploads_dir, file_name)).map_err(|_| AppError::NotFound)
}
