//! A resident's service-hours record (issue 26): her verified contributions in a period of
//! the city's calendar, each with the hours worked — from her check-in and check-out, else
//! from the worked times of the approved proof — and their total. The printable page shows
//! it; the federation door bundles it with the signed attestations for offline checking.

use crate::claims::check_in::worked_minutes;
use crate::{accounts, instance, AppError, Ctx, User};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

/// The longest period one record covers.
pub const MAX_PERIOD_DAYS: i64 = 5 * 366;

/// Where an entry's hours come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursSource {
    /// The resident's check-in and check-out.
    CheckIn,
    /// The worked times of the approved proof.
    Proof,
    /// Neither was recorded: the contribution counts no hours.
    None,
}

impl HoursSource {
    pub fn as_str(self) -> &'static str {
        match self {
            HoursSource::CheckIn => "check_in",
            HoursSource::Proof => "proof",
            HoursSource::None => "none",
        }
    }
}

/// One verified contribution of a record.
#[derive(Debug, Clone, Serialize)]
pub struct HoursEntry {
    pub contribution_id: String,
    pub verified_at: NaiveDateTime,
    /// The day of the verification on the city's calendar.
    pub date: NaiveDate,
    pub organization_name: String,
    pub organization_handle: String,
    pub opportunity_id: String,
    pub category: String,
    pub outcome_quantity: f64,
    pub outcome_unit: String,
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
    pub minutes: i64,
    pub hours: f64,
    pub source: HoursSource,
}

/// A resident's record for a period.
#[derive(Debug, Clone, Serialize)]
pub struct HoursRecord {
    pub city_name: String,
    pub time_zone: String,
    pub resident_username: String,
    pub resident_name: Option<String>,
    /// First and last day (inclusive) on the city's calendar.
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub entries: Vec<HoursEntry>,
    pub total_minutes: i64,
    pub total_hours: f64,
}

/// Minutes as hours, to the hundredth.
pub fn hours_of(minutes: i64) -> f64 {
    // Minutes in a record stay far below 2^52, where f64 is exact.
    let hours = minutes as f64 / 60.0;
    (hours * 100.0).round() / 100.0
}

/// Reads a period typed as `YYYY-MM-DD` days; an empty `from` is the first day of the
/// current year and an empty `until` today (on the city's calendar).
pub fn period(
    from: &str,
    until: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), AppError> {
    use citysync_domain::DomainError;
    let day = |s: &str, default: NaiveDate| -> Result<NaiveDate, AppError> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(default);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DomainError::TimesInvalid.into())
    };
    let first = NaiveDate::from_yo_opt(chrono::Datelike::year(&today), 1).unwrap_or(today);
    let (from, until) = (day(from, first)?, day(until, today)?);
    if until < from || (until - from).num_days() > MAX_PERIOD_DAYS {
        return Err(DomainError::TimesInvalid.into());
    }
    Ok((from, until))
}

/// Today on the city's calendar.
pub async fn today(ctx: &Ctx) -> Result<NaiveDate, AppError> {
    Ok(instance::get(ctx).await?.local_time(ctx.now()).date())
}

/// The resident's record of the contributions verified from `from` to `until` (days on the
/// city's calendar, both included).
pub async fn record(
    ctx: &Ctx,
    resident: &User,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<HoursRecord, AppError> {
    let city = instance::get(ctx).await?;
    let profile = accounts::profile(ctx, &resident.id.to_string()).await?;
    let start = city.utc_of_local(from.and_time(chrono::NaiveTime::MIN));
    let end = city.utc_of_local((until + Duration::days(1)).and_time(chrono::NaiveTime::MIN));
    let uid = resident.id.to_string();
    let rows = ctx
        .run(move |conn| {
            Ok(citysync_storage::check_in::verified_between(
                conn, &uid, start, end,
            )?)
        })
        .await?;
    let entries: Vec<HoursEntry> = rows
        .into_iter()
        .map(|row| {
            let from_check_in = worked_minutes(row.checked_in_at, row.checked_out_at);
            let from_proof = worked_minutes(row.worked_from, row.worked_until);
            let (source, minutes, (worked_from, worked_until)) = match (from_check_in, from_proof) {
                (Some(m), _) => (
                    HoursSource::CheckIn,
                    m,
                    (row.checked_in_at, row.checked_out_at),
                ),
                (None, Some(m)) => (HoursSource::Proof, m, (row.worked_from, row.worked_until)),
                (None, None) => (HoursSource::None, 0, (None, None)),
            };
            let c = row.contribution;
            HoursEntry {
                date: city.local_time(c.verified_at).date(),
                contribution_id: c.id,
                verified_at: c.verified_at,
                organization_name: row.organization_name,
                organization_handle: row.organization_handle,
                opportunity_id: c.opportunity_id,
                category: c.category,
                outcome_quantity: c.outcome_quantity,
                outcome_unit: c.outcome_unit,
                worked_from,
                worked_until,
                hours: hours_of(minutes),
                minutes,
                source,
            }
        })
        .collect();
    let total_minutes = entries.iter().map(|e| e.minutes).sum();
    Ok(HoursRecord {
        city_name: city.display_name().to_owned(),
        time_zone: city.timezone.clone(),
        resident_username: resident.username.to_string(),
        resident_name: profile.display_name,
        from,
        until,
        entries,
        total_minutes,
        total_hours: hours_of(total_minutes),
    })
}
