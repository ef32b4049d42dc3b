//! Proof photos: location metadata removed, only real JPEG, PNG and WebP images pass.

use citysync_app::photos::*;
use citysync_app::AppError;
use image::{DynamicImage, ImageFormat};
use std::io::Cursor;

fn jpeg_with_gps() -> Vec<u8> {
    let img = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        40,
        30,
        image::Rgb([200, 10, 10]),
    ));
    let mut plain = Vec::new();
    img.write_to(&mut Cursor::new(&mut plain), ImageFormat::Jpeg)
        .unwrap();
    // An APP1 Exif segment right after SOI, holding a GPS IFD pointer and a marker string.
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    tiff.extend_from_slice(b"GPS-SECRET-37.8716N-122.2727W");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn location_metadata_is_gone_after_cleaning() {
    let dirty = jpeg_with_gps();
    assert!(contains(&dirty, b"GPS-SECRET"));
    let clean = clean(&dirty, 1 << 20).unwrap();
    assert_eq!(clean.content_type, "image/jpeg");
    assert_eq!((clean.width, clean.height), (40, 30));
    assert!(!contains(&clean.bytes, b"GPS-SECRET"));
    assert!(!contains(&clean.bytes, b"Exif"));
}

#[test]
fn only_real_images_in_the_three_formats_pass() {
    assert!(matches!(
        clean(b"%PDF-1.4 not a picture", 1 << 20),
        Err(AppError::PhotoInvalid)
    ));
    let mut gif = Vec::new();
    DynamicImage::ImageRgb8(image::RgbImage::new(2, 2))
        .write_to(&mut Cursor::new(&mut gif), ImageFormat::Png)
        .unwrap();
    assert_eq!(clean(&gif, 1 << 20).unwrap().content_type, "image/png");
    // A JPEG header with nothing behind it is refused, not stored.
    assert!(matches!(
        clean(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0], 1 << 20),
        Err(AppError::PhotoInvalid)
    ));
    assert!(matches!(
        clean(&gif, 10),
        Err(AppError::PhotoTooLarge { .. })
    ));
}
