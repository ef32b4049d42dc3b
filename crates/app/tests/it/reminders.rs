//! Shift reminders: 24 hours and 2 hours before an opportunity starts, each sent exactly
//! once even by two workers sweeping at once, none for a withdrawn claim, none late once
//! the opportunity has started. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::{Duration, NaiveDateTime};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims;
use citysync_app::notifications::{self, NoticeKind};
use citysync_app::{Ctx, User};
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_storage::Db;
use citysync_test_support::{both_backends, ctx_for};
use diesel::prelude::*;

/// A published opportunity starting `starts_in` from now, for two hours.
async fn opportunity(town: &Town, starts_in: Duration) -> String {
    let ctx = &town.ctx;
    let now = ctx.now();
    let opp = catalog::create_opportunity(
        ctx,
        &town.owner,
        OpportunityInput {
            template_id: town.template_id.clone(),
            spec: OpportunitySpec {
                title_override: None,
                place: "Strawberry Creek".into(),
                point: None,
                starts_at: now + starts_in,
                ends_at: now + starts_in + Duration::hours(2),
                claim_deadline: now + starts_in - Duration::minutes(30),
                capacity: 5,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &town.owner, &opp.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    opp.id
}

/// The shift reminders `who` got, oldest first.
async fn reminders(ctx: &Ctx, who: &User) -> Vec<NaiveDateTime> {
    let mut at: Vec<NaiveDateTime> = notifications::list(ctx, who)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NoticeKind::ShiftReminder)
        .map(|n| n.created_at)
        .collect();
    at.sort();
    at
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Reminder emails queued for `who`.
async fn mails(ctx: &Ctx, who: &User) -> i64 {
    let to = format!("{}@example.org", who.username);
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(diesel::sql_query(format!(
                "SELECT COUNT(*) AS n FROM mail_queue \
                 WHERE recipient = '{to}' AND subject LIKE 'Reminder:%'"
            ))
            .get_result::<Count>(conn)?
            .n)
        })
        .await
        .unwrap()
}

/// Two workers sweep at once; returns how many reminders they sent together.
async fn sweep_twice_at_once(a: &Ctx, b: &Ctx) -> usize {
    let (x, y) = tokio::join!(claims::send_reminders(a), claims::send_reminders(b));
    x.unwrap() + y.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_send_each_reminder_exactly_once() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let a = &town.ctx;
        // A second worker process: its own connections to the same database, the same clock.
        let url = t.url.clone();
        let db = tokio::task::spawn_blocking(move || Db::open(&url, 4))
            .await
            .unwrap()
            .unwrap();
        let b = &ctx_for(db, "http://127.0.0.1:8080").with_clock(town.clock.clone());

        let opp = opportunity(&town, Duration::hours(30)).await;
        claims::claim(a, &town.ana, &opp).await.unwrap();
        let ben = claims::claim(a, &town.ben, &opp).await.unwrap();
        claims::withdraw(a, &town.ben, &ben.id).await.unwrap();

        // 30 hours ahead: nothing is due.
        assert_eq!(sweep_twice_at_once(a, b).await, 0, "{backend}");

        // 23 hours ahead: the 24-hour reminder, once.
        town.clock.advance(Duration::hours(7));
        assert_eq!(sweep_twice_at_once(a, b).await, 1, "{backend}");
        assert_eq!(sweep_twice_at_once(a, b).await, 0, "{backend}");
        assert_eq!(reminders(a, &town.ana).await.len(), 1, "{backend}");
        assert_eq!(mails(a, &town.ana).await, 1, "{backend}");

        // 90 minutes ahead: the 2-hour reminder, once, after the first.
        town.clock.advance(Duration::minutes(21 * 60 + 30));
        assert_eq!(sweep_twice_at_once(a, b).await, 1, "{backend}");
        assert_eq!(sweep_twice_at_once(a, b).await, 0, "{backend}");
        let sent = reminders(a, &town.ana).await;
        assert_eq!(sent.len(), 2, "{backend}");
        assert_eq!(
            sent[1] - sent[0],
            Duration::minutes(21 * 60 + 30),
            "{backend}"
        );
        assert_eq!(mails(a, &town.ana).await, 2, "{backend}");

        // Started: nothing more. The withdrawn claim got nothing at all.
        town.clock.advance(Duration::hours(2));
        assert_eq!(sweep_twice_at_once(a, b).await, 0, "{backend}");
        assert!(reminders(a, &town.ben).await.is_empty(), "{backend}");
        assert_eq!(mails(a, &town.ben).await, 0, "{backend}");

        // Claimed 90 minutes before the start, with no worker having run: one reminder (the
        // nearest), not both.
        let soon = opportunity(&town, Duration::minutes(90)).await;
        claims::claim(a, &town.cruz, &soon).await.unwrap();
        assert_eq!(sweep_twice_at_once(a, b).await, 1, "{backend}");
        assert_eq!(sweep_twice_at_once(a, b).await, 0, "{backend}");
        assert_eq!(reminders(a, &town.cruz).await.len(), 1, "{backend}");
        assert_eq!(mails(a, &town.cruz).await, 1, "{backend}");

        // A cancelled opportunity reminds nobody.
        let cancelled = opportunity(&town, Duration::minutes(90)).await;
        claims::claim(a, &town.dora, &cancelled).await.unwrap();
        catalog::change_opportunity(a, &town.owner, &cancelled, OpportunityEvent::Cancel)
            .await
            .unwrap();
        assert_eq!(sweep_twice_at_once(a, b).await, 0, "{backend}");
        assert!(reminders(a, &town.dora).await.is_empty(), "{backend}");
    }
}
