//! Cursor pagination: opaque cursors and RFC 8288 `Link` headers to the next slice.

use crate::Problem;
use actix_web::HttpRequest;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use citysync_app::Ctx;

/// The most lines one slice holds, and the default.
pub const MAX_LIMIT: i64 = 100;
pub const DEFAULT_LIMIT: i64 = 20;

/// An opaque cursor for `position` (whatever the list orders by).
pub fn encode(position: &str) -> String {
    URL_SAFE_NO_PAD.encode(position.as_bytes())
}

/// The position a client's cursor names; a cursor we did not make is a 400.
pub fn decode(cursor: &str, req: &HttpRequest) -> Result<String, Problem> {
    URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| Problem::new("error-cursor-invalid", 400, &[], req, None))
}

/// `<https://city/api/v1/…?…&cursor=…>; rel="next"`: this request's URL with the cursor
/// replaced.
pub fn next_link(ctx: &Ctx, req: &HttpRequest, cursor: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(req.query_string().as_bytes())
            .filter(|(k, _)| k != "cursor")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    pairs.push(("cursor".into(), cursor.to_owned()));
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("<{}?{query}>; rel=\"next\"", ctx.settings.url(req.path()))
}
