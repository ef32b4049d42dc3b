//! Recurring opportunities: an editor issues one opportunity repeated weekly until a date or
//! on a list of dates. Each occurrence is an opportunity of its own (own capacity, claims,
//! deadline), its times at the same local hour on the city's clock whatever the
//! daylight-saving rules do in between; the occurrences share a series id.

use super::opportunities::{apply_event, insert_draft, load_opportunity};
use super::*;
use chrono::{Duration, NaiveDate};
use citysync_domain::epoch::{timezone, utc_of_local};
use citysync_storage::calendar::{self as series_store, SeriesRow};

/// The most occurrences one series may have (a year of weeks).
pub const SERIES_MAX: usize = 52;

/// How an opportunity repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeat {
    /// Every week on the first occurrence's weekday, until this day (local, inclusive).
    Weekly { until: NaiveDate },
    /// On these days besides the first occurrence's (local; none before it).
    Dates(Vec<NaiveDate>),
}

impl Repeat {
    /// What a form chose: `kind` "weekly" with `until` (YYYY-MM-DD), "dates" with `dates`
    /// (YYYY-MM-DD separated by commas, semicolons or white space), anything else once.
    pub fn from_form(kind: &str, until: &str, dates: &str) -> Result<Option<Repeat>, AppError> {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| AppError::RepeatInvalid)
        };
        match kind.trim() {
            "weekly" => Ok(Some(Repeat::Weekly { until: day(until)? })),
            "dates" => Ok(Some(Repeat::Dates(
                dates
                    .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(day)
                    .collect::<Result<_, _>>()?,
            ))),
            _ => Ok(None),
        }
    }
}

/// The local days of a series whose first occurrence is on `first`, in order.
pub fn occurrence_days(first: NaiveDate, repeat: &Repeat) -> Result<Vec<NaiveDate>, AppError> {
    let days = match repeat {
        Repeat::Weekly { until } => {
            if *until < first {
                return Err(AppError::RepeatInvalid);
            }
            let weeks = (*until - first).num_days() / 7;
            if weeks >= SERIES_MAX as i64 {
                return Err(AppError::TooManyOccurrences { max: SERIES_MAX });
            }
            (0..=weeks).map(|w| first + Duration::weeks(w)).collect()
        }
        Repeat::Dates(dates) => {
            if dates.is_empty() || dates.iter().any(|d| *d < first) {
                return Err(AppError::RepeatInvalid);
            }
            let mut days = dates.clone();
            days.push(first);
            days.sort_unstable();
            days.dedup();
            days
        }
    };
    if days.len() > SERIES_MAX {
        return Err(AppError::TooManyOccurrences { max: SERIES_MAX });
    }
    Ok(days)
}

/// `spec` (its first occurrence) moved `days` later on the clock of `zone`: each time keeps
/// its local hour, so a 10:00 start stays at 10:00 across a daylight-saving change.
pub fn shifted(spec: &OpportunitySpec, zone: chrono_tz::Tz, days: i64) -> OpportunitySpec {
    use chrono::TimeZone;
    let shift = |at: NaiveDateTime| {
        let local = zone.from_utc_datetime(&at).naive_local() + Duration::days(days);
        utc_of_local(local, zone)
    };
    OpportunitySpec {
        starts_at: shift(spec.starts_at),
        ends_at: shift(spec.ends_at),
        claim_deadline: shift(spec.claim_deadline),
        ..spec.clone()
    }
}

/// An editor issues a series: one draft per occurrence, linked by a series id, in one
/// transaction (refused whole when any occurrence is not valid or there are more than
/// [`SERIES_MAX`]). Returns the occurrences, soonest first.
pub async fn create_series(
    ctx: &Ctx,
    user: &User,
    input: OpportunityInput,
    repeat: Repeat,
) -> Result<Vec<Opportunity>, AppError> {
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let spec = input.spec.check()?;
            let template = store::template(conn, &input.template_id)?.ok_or(AppError::NotFound)?;
            let org = organizations::load_by_id(conn, &template.organization_id)?;
            require_editor(conn, &org, &user)?;
            if template.state != TemplateState::Active {
                return Err(AppError::TemplateNotActive);
            }
            let zone = timezone(
                &citysync_storage::instance::get(conn)?
                    .map(|city| city.timezone)
                    .unwrap_or_default(),
            );
            let first = {
                use chrono::TimeZone;
                zone.from_utc_datetime(&spec.starts_at).date_naive()
            };
            let days = occurrence_days(first, &repeat)?;
            let series_id = secrets::new_id();
            let mut made = Vec::with_capacity(days.len());
            for (position, day) in (0i32..).zip(&days) {
                let occurrence = shifted(&spec, zone, (*day - first).num_days()).check()?;
                let id = insert_draft(conn, (&org.id, &template.id), &occurrence, &user, now)?;
                series_store::insert_series_member(
                    conn,
                    &SeriesRow {
                        opportunity_id: id.clone(),
                        series_id: series_id.clone(),
                        position,
                    },
                )?;
                made.push(load_opportunity(conn, &id)?);
            }
            Ok(made)
        })
        .await
}

/// Another occurrence of an opportunity's series, as its page links to it.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesDate {
    pub id: String,
    pub starts_at: NaiveDateTime,
    pub state: OpportunityState,
}

/// The other occurrences of `opp`'s series that have not started: published ones, and
/// drafts too when `opp` is a draft (whose page only its organization sees).
pub async fn series_dates(ctx: &Ctx, opp: &Opportunity) -> Result<Vec<SeriesDate>, AppError> {
    let (id, draft) = (opp.id.clone(), opp.state == OpportunityState::Draft);
    let now = ctx.now();
    ctx.run(move |conn| {
        let Some(series) = series_store::series_of(conn, &id)? else {
            return Ok(Vec::new());
        };
        let mut dates = Vec::new();
        for other in series_store::series_members(conn, &series.series_id)? {
            let shown = other.state == OpportunityState::Published
                || (draft && other.state == OpportunityState::Draft);
            if other.id != id && other.starts_at > now && shown {
                dates.push(SeriesDate {
                    id: other.id,
                    starts_at: other.starts_at,
                    state: other.state,
                });
            }
        }
        Ok(dates)
    })
    .await
}

/// An editor publishes every draft of `opportunity_id`'s series at once; returns how many
/// were published.
pub async fn publish_series(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
) -> Result<usize, AppError> {
    let (id, user, ctx2) = (opportunity_id.to_owned(), user.clone(), ctx.clone());
    ctx.db
        .write(move |conn| {
            let opp = load_opportunity(conn, &id)?;
            let org = organizations::load_by_id(conn, &opp.organization_id)?;
            require_editor(conn, &org, &user)?;
            let series = series_store::series_of(conn, &id)?.ok_or(AppError::NotFound)?;
            let mut published = 0;
            for other in series_store::series_members(conn, &series.series_id)? {
                if other.state == OpportunityState::Draft {
                    apply_event(
                        conn,
                        &ctx2,
                        &user,
                        &other.id,
                        OpportunityEvent::Publish,
                        None,
                    )?;
                    published += 1;
                }
            }
            Ok(published)
        })
        .await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    #[test]
    fn weekly_days_run_until_the_last_day_inclusive() {
        let days = occurrence_days(day(3, 6), &Repeat::Weekly { until: day(3, 20) }).unwrap();
        assert_eq!(days, vec![day(3, 6), day(3, 13), day(3, 20)]);
        let days = occurrence_days(day(3, 6), &Repeat::Weekly { until: day(3, 19) }).unwrap();
        assert_eq!(days.len(), 2);
        assert!(matches!(
            occurrence_days(day(3, 6), &Repeat::Weekly { until: day(3, 5) }),
            Err(AppError::RepeatInvalid)
        ));
        let year = Repeat::Weekly {
            until: day(3, 6) + Duration::weeks(52),
        };
        assert!(matches!(
            occurrence_days(day(3, 6), &year),
            Err(AppError::TooManyOccurrences { max: 52 })
        ));
    }

    #[test]
    fn forms_choose_once_weekly_or_dates() {
        assert_eq!(Repeat::from_form("once", "", "").unwrap(), None);
        assert_eq!(
            Repeat::from_form("weekly", "2027-03-20", "").unwrap(),
            Some(Repeat::Weekly { until: day(3, 20) })
        );
        assert_eq!(
            Repeat::from_form("dates", "", "2027-03-09, 2027-03-07\n2027-03-08").unwrap(),
            Some(Repeat::Dates(vec![day(3, 9), day(3, 7), day(3, 8)]))
        );
        assert!(Repeat::from_form("weekly", "next week", "").is_err());
        assert!(Repeat::from_form("dates", "", "2027-02-30").is_err());
    }

    #[test]
    fn listed_days_join_the_first_sorted_once() {
        let days = occurrence_days(
            day(3, 6),
            &Repeat::Dates(vec![day(3, 9), day(3, 6), day(3, 7)]),
        )
        .unwrap();
        assert_eq!(days, vec![day(3, 6), day(3, 7), day(3, 9)]);
        assert!(occurrence_days(day(3, 6), &Repeat::Dates(vec![day(3, 1)])).is_err());
        assert!(occurrence_days(day(3, 6), &Repeat::Dates(Vec::new())).is_err());
    }

    #[test]
    fn shifting_keeps_the_local_hour_across_daylight_saving() {
        let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
        // Saturday 6 March 2027, 10:00 PST (18:00 UTC); DST begins on 14 March.
        let at = |d: u32, h: u32| day(3, d).and_hms_opt(h, 0, 0).unwrap();
        let spec = OpportunitySpec {
            title_override: None,
            place: "Park".into(),
            point: None,
            starts_at: at(6, 18),
            ends_at: at(6, 20),
            claim_deadline: at(6, 16),
            capacity: 3,
            onsite_instructions: String::new(),
        };
        let next = shifted(&spec, zone, 7);
        assert_eq!(next.starts_at, at(13, 18));
        let after = shifted(&spec, zone, 14);
        // 10:00 PDT is 17:00 UTC.
        assert_eq!(after.starts_at, at(20, 17));
        assert_eq!(after.ends_at, at(20, 19));
        assert_eq!(after.claim_deadline, at(20, 15));
    }
}
