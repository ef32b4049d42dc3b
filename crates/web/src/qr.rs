//! QR codes as inline SVG: what a resident shows at the counter (a signed redemption token).
//!
//! Drawn on the server so the page needs no script to show one, and inline so the strict CSP
//! (`img-src 'self' data:`, no inline styles) has nothing to allow: the SVG uses presentation
//! attributes only.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The smallest side of the drawn code in CSS pixels, quiet zone included: large enough for
/// a phone held at arm's length to a counter camera.
const MIN_SIDE_PX: u32 = 240;

/// `text` as a QR code (error correction level M, with its quiet zone, dark on white), an
/// `<svg role="img">` whose `<title>` is `title` for screen readers. Text too long for any QR
/// code gives an empty string (and a warning in the log): the page still shows the typed code.
pub fn svg(text: &str, title: &str) -> String {
    let code = match QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) {
        Ok(code) => code,
        Err(err) => {
            // The text is a bearer token: log its length, never the text.
            tracing::warn!(error = %err, len = text.len(), "cannot draw a QR code");
            return String::new();
        }
    };
    let drawn = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .min_dimensions(MIN_SIDE_PX, MIN_SIDE_PX)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // The renderer writes a standalone document: drop its `<?xml …?>` prolog (meaningless
    // inside HTML) and give the root element its role and title.
    let Some((_, root)) = drawn.split_once("<svg") else {
        tracing::warn!("QR renderer gave no <svg> element");
        return String::new();
    };
    let Some((attributes, content)) = root.split_once('>') else {
        tracing::warn!("QR renderer gave an unterminated <svg> tag");
        return String::new();
    };
    let attributes = if attributes.contains("shape-rendering") {
        attributes.to_owned()
    } else {
        format!(r#"{attributes} shape-rendering="crispEdges""#)
    };
    let title = crate::xml::escape(title);
    // The `<title>` alone names the image (SVG-AAM); an `aria-label` as well would make
    // screen readers read the title a second time, as the description.
    format!(r#"<svg{attributes} role="img"><title>{title}</title>{content}"#)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    /// A token shaped like a real one: 65-byte payload + 64-byte signature, base64url.
    fn token() -> String {
        let bytes: Vec<u8> = (0..129u32).map(|i| (i * 37 % 251) as u8).collect();
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn qr_draws_an_accessible_svg() {
        let out = svg("hello", "Voucher for <Ana> & \"Bob\"");
        assert!(out.starts_with("<svg"), "{out}");
        assert!(!out.contains("<?xml"));
        assert!(out.contains(r#"role="img""#));
        assert!(out.contains(r#"shape-rendering="crispEdges""#));
        assert!(out.contains("<title>Voucher for &lt;Ana&gt; &amp; &quot;Bob&quot;</title>"));
        assert!(!out.contains("<Ana>"));
        assert!(out.contains(r##"fill="#000""##) && out.contains(r##"fill="#fff""##));
        assert!(out.ends_with("</svg>"));
    }

    #[test]
    fn qr_fits_a_redemption_token_at_a_readable_size() {
        let token = token();
        assert_eq!(token.len(), 172);
        let out = svg(&token, "Redemption code");
        assert!(out.contains("<svg"), "a 172-character token fits");
        let width: u32 = out
            .split_once(r#"width=""#)
            .and_then(|(_, rest)| rest.split_once('"'))
            .and_then(|(w, _)| w.parse().ok())
            .unwrap();
        assert!(width >= MIN_SIDE_PX, "{width}px");
    }

    #[test]
    fn qr_of_too_much_text_is_empty() {
        assert_eq!(svg(&"x".repeat(5000), "too long"), "");
    }
}
