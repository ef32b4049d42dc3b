//! When an inbound HTTP signature was made (issue 23 point 8). The signature crate refuses a
//! `Date` older than an hour but not one in the future, and checks no time at all when the
//! signature covers neither `date` nor `(created)`: such a request could be replayed forever.
//! Before the signature is verified, the inbox refuses (401, with the reason) a signature
//! that covers no time, and a `Date` or `(created)` more than [`WINDOW_SECONDS`] away from
//! now, before or after; and an `expires` parameter already past.

use crate::FedError;
use actix_web::http::header::HeaderMap;
use chrono::{DateTime, Utc};

/// How far a signature's time may be from ours, either way (docs/federation.md: one hour).
pub const WINDOW_SECONDS: i64 = 60 * 60;

/// The parameters of a `Signature` header: `keyId="…",headers="…",created=123,…`.
fn parameters(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = header.trim();
    while !rest.is_empty() {
        let Some(eq) = rest.find('=') else { break };
        let name = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        let after = &rest[eq + 1..];
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => (&quoted[..end], &quoted[end + 1..]),
                None => (quoted, ""),
            }
        } else {
            match after.find(',') {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            }
        };
        out.push((name, value.trim().to_owned()));
        rest = tail.trim_start().trim_start_matches(',').trim_start();
    }
    out
}

fn refuse(why: String) -> FedError {
    FedError::SignatureTime(why)
}

pub(crate) fn within_window(
    what: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), FedError> {
    let ahead = (at - now).num_seconds();
    if ahead > WINDOW_SECONDS {
        return Err(refuse(format!(
            "the signature's {what} ({}) is more than an hour in the future",
            at.to_rfc3339()
        )));
    }
    if -ahead > WINDOW_SECONDS {
        return Err(refuse(format!(
            "the signature's {what} ({}) is more than an hour old",
            at.to_rfc3339()
        )));
    }
    Ok(())
}

fn epoch(what: &str, value: &str) -> Result<DateTime<Utc>, FedError> {
    value
        .parse::<i64>()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| refuse(format!("the signature's {what} parameter is not a time")))
}

/// Checks the time an inbound request's `Signature` covers against `now`. A request without
/// a `Signature` header passes here: the signature check refuses it next.
pub fn check(headers: &HeaderMap, now: DateTime<Utc>) -> Result<(), FedError> {
    let Some(signature) = headers.get("signature") else {
        return Ok(());
    };
    let signature = signature
        .to_str()
        .map_err(|_| refuse("the Signature header is not text".into()))?;
    let params = parameters(signature);
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    // draft-cavage-http-signatures-12 §2.1.6: without `headers`, only `(created)` is signed.
    let signed: Vec<String> = param("headers")
        .unwrap_or("(created)")
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let covers = |h: &str| signed.iter().any(|s| s == h);
    if !covers("date") && !covers("(created)") {
        return Err(refuse(
            "the signature covers neither `date` nor `(created)`, so it would never expire".into(),
        ));
    }
    if covers("date") {
        let date = headers
            .get("date")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                refuse("the signature covers `date` but there is no Date header".into())
            })?;
        let at = DateTime::parse_from_rfc2822(date)
            .map_err(|_| refuse(format!("the Date header ({date}) is not an HTTP date")))?
            .with_timezone(&Utc);
        within_window("Date", at, now)?;
    }
    if covers("(created)") {
        let created = param("created").ok_or_else(|| {
            refuse("the signature covers `(created)` but has no created parameter".into())
        })?;
        within_window("created time", epoch("created", created)?, now)?;
    }
    if let Some(expires) = param("expires") {
        if epoch("expires", expires)? < now {
            return Err(refuse("the signature has expired".into()));
        }
    }
    Ok(())
}
