//! Epochs begin and end at midnights on the city's clock: the first opens when setup gives
//! the city its zone (not at first start, in UTC); daylight-saving changes do not move the
//! boundaries; a change of zone leaves the open epoch alone and moves the next ones.

use chrono::{Duration, NaiveDateTime};
use citysync_app::accounts::SignupInput;
use citysync_app::instance::{self, SettingsInput, SetupInput};
use citysync_app::ledger::epochs;
use citysync_app::{Ctx, User};
use citysync_test_support::{both_backends, ctx_with_clock, ManualClock};
use std::sync::Arc;

fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// A new city at `now` (UTC), set up in `zone` through the use cases; its administrator.
/// Before setup the ledger worker runs, and finds nothing due.
async fn city(ctx: &Ctx, clock: &Arc<ManualClock>, now: &str, zone: &str) -> User {
    clock.set(utc(now).and_utc());
    let token = instance::ensure(ctx).await.unwrap().setup_token.unwrap();
    assert_eq!(epochs::close_all_due(ctx).await.unwrap(), Vec::<i64>::new());
    assert!(
        epochs::list(ctx, 10).await.unwrap().is_empty(),
        "no epoch before setup"
    );
    instance::complete_setup(
        ctx,
        &token,
        SetupInput {
            city_name: "Testville".into(),
            region: "Somewhere".into(),
            default_locale: "en".into(),
            timezone: zone.into(),
            admin: SignupInput {
                username: "clerk".into(),
                email: "clerk@example.org".into(),
                password: "correct horse battery".into(),
                password_confirm: "correct horse battery".into(),
            },
        },
    )
    .await
    .unwrap()
}

async fn bounds(ctx: &Ctx) -> (i64, NaiveDateTime, NaiveDateTime) {
    let e = epochs::current(ctx).await.unwrap();
    (e.number, e.starts_at, e.ends_at)
}

/// Moves the clock a second past the open epoch's end and closes it.
async fn close(ctx: &Ctx, clock: &ManualClock) {
    let open = epochs::current(ctx).await.unwrap();
    clock.set(open.ends_at.and_utc() + Duration::seconds(1));
    assert_eq!(epochs::close_all_due(ctx).await.unwrap(), vec![open.number]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn berkeley_epochs_span_the_change_to_standard_time_at_local_midnights() {
    for (backend, t) in both_backends() {
        let (ctx, clock) = ctx_with_clock(&t);
        let admin = city(&ctx, &clock, "2026-10-20 12:00:00", "America/Los_Angeles").await;
        // October in Berkeley is PDT (-07:00): midnight is 07:00 UTC.
        assert_eq!(
            bounds(&ctx).await,
            (1, utc("2026-10-01 07:00:00"), utc("2026-11-01 07:00:00")),
            "{backend}"
        );
        // November spans the change to PST (2026-11-01 02:00): it ends at 08:00 UTC,
        // one hour longer than 30 days.
        close(&ctx, &clock).await;
        assert_eq!(
            bounds(&ctx).await,
            (2, utc("2026-11-01 07:00:00"), utc("2026-12-01 08:00:00")),
            "{backend}"
        );

        // Mid-November the city moves to Mexico City's clock: the open epoch keeps its
        // bounds; the next begins where it ends and ends at Mexico City's midnight.
        clock.set(utc("2026-11-15 12:00:00").and_utc());
        change_zone(&ctx, &admin, "America/Mexico_City").await;
        assert_eq!(
            bounds(&ctx).await,
            (2, utc("2026-11-01 07:00:00"), utc("2026-12-01 08:00:00")),
            "{backend}"
        );
        close(&ctx, &clock).await;
        assert_eq!(
            bounds(&ctx).await,
            (3, utc("2026-12-01 08:00:00"), utc("2027-01-01 06:00:00")),
            "{backend}"
        );
        close(&ctx, &clock).await;
        assert_eq!(
            bounds(&ctx).await,
            (4, utc("2027-01-01 06:00:00"), utc("2027-02-01 06:00:00")),
            "{backend}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mexico_city_epochs_begin_at_its_minus_six_midnights() {
    for (backend, t) in both_backends() {
        let (ctx, clock) = ctx_with_clock(&t);
        city(&ctx, &clock, "2026-10-20 12:00:00", "America/Mexico_City").await;
        // No daylight-saving time since 2022: midnight is 06:00 UTC all year.
        assert_eq!(
            bounds(&ctx).await,
            (1, utc("2026-10-01 06:00:00"), utc("2026-11-01 06:00:00")),
            "{backend}"
        );
        close(&ctx, &clock).await;
        let (n, start, end) = bounds(&ctx).await;
        assert_eq!(
            (n, start, end),
            (2, utc("2026-11-01 06:00:00"), utc("2026-12-01 06:00:00")),
            "{backend}"
        );
        assert_eq!(end - start, Duration::days(30));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_epoch_opened_before_setup_moves_to_the_city_midnights() {
    let (_, t) = both_backends().remove(0);
    let (ctx, clock) = ctx_with_clock(&t);
    clock.set(utc("2026-10-20 12:00:00").and_utc());
    let token = instance::ensure(&ctx).await.unwrap().setup_token.unwrap();
    // A page read the ledger before setup: the epoch opened on UTC midnights.
    assert_eq!(
        bounds(&ctx).await,
        (1, utc("2026-10-01 00:00:00"), utc("2026-11-01 00:00:00"))
    );
    instance::complete_setup(
        &ctx,
        &token,
        SetupInput {
            city_name: "Testville".into(),
            region: "Somewhere".into(),
            default_locale: "en".into(),
            timezone: "America/Los_Angeles".into(),
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
    assert_eq!(
        bounds(&ctx).await,
        (1, utc("2026-10-01 07:00:00"), utc("2026-11-01 07:00:00"))
    );
}

async fn change_zone(ctx: &Ctx, admin: &User, zone: &str) {
    instance::update_settings(
        ctx,
        admin,
        &SettingsInput {
            name: "Testville".into(),
            description: String::new(),
            default_locale: "en".into(),
            timezone: zone.into(),
            contact: String::new(),
        },
    )
    .await
    .unwrap();
}
