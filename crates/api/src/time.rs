//! Times at the API's edge, in one place. Stored times are UTC instants; the API answers
//! each as RFC 3339 with the UTC offset the city's clocks have at that instant
//! (`2026-12-12T09:00:00-08:00` for 17:00 UTC in Berkeley), so a client shows what the
//! city's own pages show and still holds the exact instant. It reads `Z`, any offset, and —
//! for people typing a time — a local time without offset, read on the city's clock.
//!
//! Every date-time field of a body or query is a [`CityTime`]. serde gives a type no
//! argument, so the city's zone reaches it through a task-local value that
//! [`on_city_clock`] sets around each `/api/v1` request from the city's settings (per
//! request, never global: several cities in one process each see their own). Outside a
//! request the zone is UTC.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone};
use chrono_tz::Tz;
use citysync_app::{instance, Ctx};
use citysync_domain::epoch;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

tokio::task_local! {
    static ZONE: Tz;
}

/// An instant (UTC inside), written and read on the city's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CityTime(pub NaiveDateTime);

impl CityTime {
    /// The instant, as stored (naive UTC).
    pub fn utc(self) -> NaiveDateTime {
        self.0
    }
}

impl From<NaiveDateTime> for CityTime {
    fn from(at: NaiveDateTime) -> CityTime {
        CityTime(at)
    }
}

/// The zone of the city whose request this is (UTC outside a request).
pub fn zone() -> Tz {
    ZONE.try_with(|z| *z).unwrap_or(Tz::UTC)
}

/// Runs `f` with `zone` as the city's clock.
pub async fn in_zone<F: std::future::Future>(zone: Tz, f: F) -> F::Output {
    ZONE.scope(zone, f).await
}

/// Middleware of `/api/v1`: the city's zone for the bodies and queries of the request.
pub async fn on_city_clock(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let zone = match req.app_data::<web::Data<Ctx>>() {
        Some(ctx) => match instance::get(ctx).await {
            Ok(city) => epoch::timezone(&city.timezone),
            Err(e) => {
                tracing::warn!(error = ?e, "the city's zone is unknown; API times in UTC");
                Tz::UTC
            }
        },
        None => Tz::UTC,
    };
    in_zone(zone, next.call(req)).await
}

/// `at` (UTC) in RFC 3339 with `zone`'s offset then; fractions of a second only when there
/// are some.
pub fn format(at: NaiveDateTime, zone: Tz) -> String {
    zone.from_utc_datetime(&at)
        .to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// What is wrong with a time a client sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeInvalid(pub String);

impl fmt::Display for TimeInvalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a date-time: send RFC 3339 with an offset \
             (2026-12-12T09:00:00-08:00, 2026-12-12T17:00:00Z) or the city's local time \
             without one (2026-12-12T09:00)",
            self.0
        )
    }
}

impl std::error::Error for TimeInvalid {}

/// Reads a client's time: RFC 3339 with `Z` or an offset (seconds optional), or a local
/// time without offset on `zone`'s clock (`T` or a space between date and time; seconds
/// and fractions optional). A local time the clocks show twice is the earlier instant; one
/// they skip is the first instant after the gap.
pub fn parse(text: &str, zone: Tz) -> Result<NaiveDateTime, TimeInvalid> {
    let invalid = || TimeInvalid(text.chars().take(60).collect());
    let s = text.trim();
    // RFC 3339 allows `z` and `t`; chrono's parser wants seconds, which people omit.
    let with_offset: Cow<str> = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => Cow::Owned(format!("{rest}+00:00")),
        None => Cow::Borrowed(s),
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(&with_offset) {
        return Ok(t.naive_utc());
    }
    for pattern in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"] {
        if let Ok(t) = DateTime::parse_from_str(&with_offset, pattern) {
            return Ok(t.naive_utc());
        }
    }
    if with_offset != s {
        return Err(invalid());
    }
    for pattern in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(s, pattern) {
            return Ok(epoch::utc_of_local(local, zone));
        }
    }
    Err(invalid())
}

/// A time in a form field (multipart bodies, which serde does not read): empty is none, a
/// malformed one the problem naming `field`.
pub fn form_field(
    field: &str,
    value: Option<&String>,
    req: &actix_web::HttpRequest,
) -> Result<Option<NaiveDateTime>, crate::Problem> {
    match value.map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => parse(text, zone())
            .map(Some)
            .map_err(|e| crate::extract::malformed(Some(field.to_owned()), &e, req)),
    }
}

impl Serialize for CityTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format(self.0, zone()))
    }
}

impl<'de> Deserialize<'de> for CityTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CityTime, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        parse(&text, zone())
            .map(CityTime)
            .map_err(serde::de::Error::custom)
    }
}

/// What the OpenAPI document says of every date-time.
pub const RULE: &str = "RFC 3339 date-time. Answers carry the UTC offset of the city's \
    clock at that instant (`2026-12-12T09:00:00-08:00` in Berkeley, \
    `2026-12-12T09:00:00-06:00` in Mexico City; the zone is `timezone` of \
    `GET /api/v1/instance`). Requests may send `Z`, any offset, or a local time without \
    offset (`2026-12-12T09:00`), read on the city's clock.";

impl utoipa::PartialSchema for CityTime {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some(RULE))
            .examples(["2026-12-12T09:00:00-08:00"])
            .into()
    }
}

impl utoipa::ToSchema for CityTime {}
