//! Recurring opportunities: a weekly series keeps its local start time across a
//! daylight-saving change, each occurrence has its own capacity and claims, a series by
//! dates works, and a series with too many dates is refused whole. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use citysync_app::accounts::SignupInput;
use citysync_app::catalog::{self, Opportunity, OpportunityInput, Repeat};
use citysync_app::instance::{self, SettingsInput, SetupInput};
use citysync_app::{claims, organizations, AppError};
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::both_backends;

const ZONE: &str = "America/Los_Angeles";

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn utc(m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(h, 0, 0).unwrap()
}

/// The local time on Berkeley's clock of `at` (UTC), as `HH:MM`.
fn local(at: NaiveDateTime) -> String {
    let zone: chrono_tz::Tz = ZONE.parse().unwrap();
    zone.from_utc_datetime(&at).format("%H:%M").to_string()
}

/// Puts the town on Berkeley's clock on 1 March 2027 (daylight-saving time begins on the
/// 14th).
async fn berkeley(town: &Town) {
    town.clock.set(utc(3, 1, 12).and_utc());
    let ctx = &town.ctx;
    match instance::ensure(ctx).await.unwrap().setup_token {
        Some(token) => {
            instance::complete_setup(
                ctx,
                &token,
                SetupInput {
                    city_name: "Berkeley".into(),
                    region: "California".into(),
                    default_locale: "en".into(),
                    timezone: ZONE.into(),
                    admin: SignupInput {
                        username: "clerk".into(),
                        email: "clerk@example.org".into(),
                        password: "correct horse battery".into(),
                        password_confirm: "correct horse battery".into(),
                    },
                },
            )
            .await
            .unwrap();
        }
        None => {
            instance::update_settings(
                ctx,
                &town.admin,
                &SettingsInput {
                    name: "Berkeley".into(),
                    description: String::new(),
                    default_locale: "en".into(),
                    timezone: ZONE.into(),
                    contact: String::new(),
                },
            )
            .await
            .unwrap();
        }
    }
}

/// The first occurrence: Saturday 6 March 2027, 10:00–12:00 PST, claims until 08:00, one
/// place.
fn input(town: &Town) -> OpportunityInput {
    OpportunityInput {
        template_id: town.template_id.clone(),
        spec: OpportunitySpec {
            title_override: Some("Saturday creek cleanup".into()),
            place: "Strawberry Creek".into(),
            point: None,
            starts_at: utc(3, 6, 18),
            ends_at: utc(3, 6, 20),
            claim_deadline: utc(3, 6, 16),
            capacity: 1,
            onsite_instructions: String::new(),
        },
    }
}

async fn count_opportunities(town: &Town) -> usize {
    let org = organizations::by_handle(&town.ctx, "creek-friends", None)
        .await
        .unwrap();
    catalog::opportunities_of(&town.ctx, &org, true)
        .await
        .unwrap()
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_weekly_series_keeps_its_local_time_and_each_date_its_own_places() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        berkeley(&town).await;
        let ctx = &town.ctx;
        let series = catalog::create_series(
            ctx,
            &town.owner,
            input(&town),
            Repeat::Weekly { until: day(3, 20) },
        )
        .await
        .unwrap();
        assert_eq!(series.len(), 3, "{backend}");
        let starts: Vec<NaiveDateTime> = series.iter().map(|o| o.starts_at).collect();
        // 10:00 PST is 18:00 UTC; after 14 March, 10:00 PDT is 17:00 UTC.
        assert_eq!(
            starts,
            vec![utc(3, 6, 18), utc(3, 13, 18), utc(3, 20, 17)],
            "{backend}"
        );
        for o in &series {
            assert_eq!(local(o.starts_at), "10:00", "{backend}");
            assert_eq!(local(o.ends_at), "12:00", "{backend}");
            assert_eq!(local(o.claim_deadline), "08:00", "{backend}");
            assert_eq!(o.state, OpportunityState::Draft, "{backend}");
            assert_eq!(o.capacity, 1, "{backend}");
        }
        let ids: Vec<String> = series.iter().map(|o| o.id.clone()).collect();

        // One button publishes the whole series; each page lists the other dates.
        let published = catalog::publish_series(ctx, &town.owner, &ids[1])
            .await
            .unwrap();
        assert_eq!(published, 3, "{backend}");
        let first: Opportunity = catalog::opportunity(ctx, &ids[0], None).await.unwrap();
        let others = catalog::series_dates(ctx, &first).await.unwrap();
        let other_ids: Vec<&str> = others.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(
            other_ids,
            vec![ids[1].as_str(), ids[2].as_str()],
            "{backend}"
        );
        // A resident of another organization cannot publish a series.
        assert!(
            catalog::publish_series(ctx, &town.ana, &ids[0])
                .await
                .is_err(),
            "{backend}"
        );

        // Filling the first date leaves the next one open.
        claims::claim(ctx, &town.ana, &ids[0]).await.unwrap();
        assert!(
            matches!(
                claims::claim(ctx, &town.ben, &ids[0]).await,
                Err(AppError::OpportunityFull)
            ),
            "{backend}"
        );
        claims::claim(ctx, &town.ben, &ids[1]).await.unwrap();
        claims::claim(ctx, &town.ana, &ids[2]).await.unwrap();
        for (id, remaining) in [(&ids[0], 0), (&ids[1], 0), (&ids[2], 0)] {
            let o = catalog::opportunity(ctx, id, None).await.unwrap();
            assert_eq!(o.remaining, remaining, "{backend}");
            assert_eq!(o.active_claims, 1, "{backend}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_by_dates_has_one_opportunity_per_date() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        berkeley(&town).await;
        let series = catalog::create_series(
            &town.ctx,
            &town.owner,
            input(&town),
            Repeat::Dates(vec![day(3, 18), day(3, 8), day(3, 8)]),
        )
        .await
        .unwrap();
        let days: Vec<String> = series
            .iter()
            .map(|o| {
                let zone: chrono_tz::Tz = ZONE.parse().unwrap();
                zone.from_utc_datetime(&o.starts_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect();
        assert_eq!(
            days,
            vec!["2027-03-06 10:00", "2027-03-08 10:00", "2027-03-18 10:00"],
            "{backend}"
        );
        assert_eq!(count_opportunities(&town).await, 3, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_dates_are_refused_and_nothing_is_created() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        berkeley(&town).await;
        let ctx = &town.ctx;
        let a_year_and_more = Repeat::Weekly {
            until: day(3, 6) + chrono::Duration::weeks(60),
        };
        let refused = catalog::create_series(ctx, &town.owner, input(&town), a_year_and_more).await;
        assert!(
            matches!(refused, Err(AppError::TooManyOccurrences { max: 52 })),
            "{backend}: {refused:?}"
        );
        let many: Vec<NaiveDate> = (1..=52)
            .map(|w| day(3, 6) + chrono::Duration::days(w))
            .collect();
        let refused =
            catalog::create_series(ctx, &town.owner, input(&town), Repeat::Dates(many)).await;
        assert!(
            matches!(refused, Err(AppError::TooManyOccurrences { .. })),
            "{backend}: {refused:?}"
        );
        // A date before the first, or a last date before it: refused too.
        let before = Repeat::Dates(vec![day(3, 1)]);
        let refused = catalog::create_series(ctx, &town.owner, input(&town), before).await;
        assert!(matches!(refused, Err(AppError::RepeatInvalid)), "{backend}");
        assert_eq!(count_opportunities(&town).await, 0, "{backend}");

        // Exactly 52 weeks is allowed.
        let year = Repeat::Weekly {
            until: day(3, 6) + chrono::Duration::weeks(51),
        };
        let made = catalog::create_series(ctx, &town.owner, input(&town), year)
            .await
            .unwrap();
        assert_eq!(made.len(), 52, "{backend}");
        assert_eq!(count_opportunities(&town).await, 52, "{backend}");
    }
}
