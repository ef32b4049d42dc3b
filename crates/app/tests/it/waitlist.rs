//! Waiting lists under concurrency: 30 residents try for 5 places at once; the 25 left out
//! queue with distinct positions; a freed place is offered to exactly one person, passes
//! on exactly once when two workers sweep a lapsed offer together, and becomes a claim when
//! taken. Leaving and declining pass it on too. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, waitlist};
use citysync_app::notifications::{self, NoticeKind};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_storage::Db;
use citysync_test_support::{both_backends, ctx_for, person};

/// A published opportunity of `capacity` places, three days ahead, claims open two days.
pub(crate) async fn opportunity(town: &Town, capacity: i32) -> String {
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
                starts_at: now + Duration::days(3),
                ends_at: now + Duration::days(3) + Duration::hours(2),
                claim_deadline: now + Duration::days(2),
                capacity,
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

/// How many `kind` notices `who` got.
async fn notices(ctx: &Ctx, who: &User, kind: NoticeKind) -> usize {
    notifications::list(ctx, who)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == kind)
        .count()
}

/// The residents (of `among`) a place is offered to now.
async fn offered_to(ctx: &Ctx, opp: &str, among: &[User]) -> Vec<String> {
    let mut names = Vec::new();
    for u in among {
        let list = waitlist::status(ctx, Some(u), opp).await.unwrap();
        if list.mine.is_some_and(|m| m.offer_ends_at.is_some()) {
            names.push(u.username.to_string());
        }
    }
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_residents_five_places_one_offer_at_a_time() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let opp = opportunity(&town, 5).await;
        let mut residents = Vec::new();
        for i in 0..30 {
            residents.push(person(ctx, &format!("resident{i:02}"), false).await);
        }

        // 30 at once: a claim, or the waiting list when full.
        let tasks: Vec<_> = residents
            .iter()
            .cloned()
            .map(|u| {
                let (ctx, opp) = (ctx.clone(), opp.clone());
                tokio::spawn(async move {
                    match claims::claim(&ctx, &u, &opp).await {
                        Ok(c) => (u, Ok(c.id)),
                        Err(AppError::OpportunityFull) => {
                            let spot = waitlist::join(&ctx, &u, &opp).await.unwrap();
                            (u, Err(spot))
                        }
                        Err(e) => panic!("unexpected {e:?}"),
                    }
                })
            })
            .collect();
        let mut claimed = Vec::new();
        let mut waiting = Vec::new();
        for task in tasks {
            match task.await.unwrap() {
                (u, Ok(claim)) => claimed.push((u, claim)),
                (u, Err(spot)) => waiting.push((u, spot)),
            }
        }
        assert_eq!(claimed.len(), 5, "{backend}");
        assert_eq!(waiting.len(), 25, "{backend}");
        waiting.sort_by_key(|(_, s)| s.number);
        let numbers: Vec<i32> = waiting.iter().map(|(_, s)| s.number).collect();
        assert_eq!(numbers, (1..=25).collect::<Vec<_>>(), "{backend}");
        // Consistent: each one's place in line is her number, as the page reads it too.
        for (u, spot) in &waiting {
            assert_eq!(spot.position, i64::from(spot.number), "{backend}");
            let list = waitlist::status(ctx, Some(u), &opp).await.unwrap();
            assert_eq!(list.waiting, 25, "{backend}");
            assert_eq!(list.mine.as_ref(), Some(spot), "{backend}");
        }
        let waiters: Vec<User> = waiting.iter().map(|(u, _)| u.clone()).collect();
        let name = |i: usize| waiters[i].username.to_string();
        assert!(
            offered_to(ctx, &opp, &waiters).await.is_empty(),
            "{backend}"
        );
        assert!(matches!(
            waitlist::join(ctx, &waiters[3], &opp).await,
            Err(AppError::AlreadyWaiting)
        ));
        assert!(matches!(
            waitlist::join(ctx, &claimed[0].0, &opp).await,
            Err(AppError::AlreadyClaimed)
        ));

        // One claimant withdraws: exactly one offer, to number 1, with one notice.
        claims::withdraw(ctx, &claimed[0].0, &claimed[0].1)
            .await
            .unwrap();
        assert_eq!(
            offered_to(ctx, &opp, &waiters).await,
            vec![name(0)],
            "{backend}"
        );
        let mut offers = 0;
        for u in &waiters {
            offers += notices(ctx, u, NoticeKind::WaitlistOffered).await;
        }
        assert_eq!(offers, 1, "{backend}");
        assert_eq!(
            notices(ctx, &waiters[0], NoticeKind::WaitlistOffered).await,
            1
        );
        // The offered place counts as taken for everyone else, the one who left included.
        let newcomer = person(ctx, "newcomer", false).await;
        for who in [&newcomer, &claimed[0].0, &waiters[1]] {
            assert!(
                matches!(
                    claims::claim(ctx, who, &opp).await,
                    Err(AppError::OpportunityFull)
                ),
                "{backend}"
            );
        }
        let seen = catalog::opportunity(ctx, &opp, Some(&newcomer))
            .await
            .unwrap();
        assert_eq!(seen.remaining, 0, "{backend}");
        assert_eq!(
            crate::catalog_places::listed(ctx, &opp).await.remaining,
            0,
            "{backend}"
        );
        // Nobody else can take it.
        assert!(matches!(
            waitlist::take(ctx, &waiters[1], &opp, None).await,
            Err(AppError::OfferGone)
        ));

        // The offer lapses; two workers sweep at once: it passes to number 2, once.
        let url = t.url.clone();
        let db = tokio::task::spawn_blocking(move || Db::open(&url, 4))
            .await
            .unwrap()
            .unwrap();
        let b = &ctx_for(db, "http://127.0.0.1:8080").with_clock(town.clock.clone());
        town.clock.advance(Duration::hours(11));
        let (x, y) = tokio::join!(waitlist::sweep(ctx), waitlist::sweep(b));
        assert_eq!(x.unwrap() + y.unwrap(), 0, "{backend}: not lapsed yet");
        town.clock.advance(Duration::hours(2));
        let (x, y) = tokio::join!(waitlist::sweep(ctx), waitlist::sweep(b));
        assert_eq!(x.unwrap() + y.unwrap(), 1, "{backend}");
        let (x, y) = tokio::join!(waitlist::sweep(ctx), waitlist::sweep(b));
        assert_eq!(x.unwrap() + y.unwrap(), 0, "{backend}");
        assert_eq!(
            offered_to(ctx, &opp, &waiters).await,
            vec![name(1)],
            "{backend}"
        );
        assert_eq!(
            notices(ctx, &waiters[1], NoticeKind::WaitlistOffered).await,
            1
        );
        // Number 1's offer is gone; she is off the list.
        assert!(matches!(
            waitlist::take(ctx, &waiters[0], &opp, None).await,
            Err(AppError::OfferGone)
        ));
        let first = waitlist::status(ctx, Some(&waiters[0]), &opp)
            .await
            .unwrap();
        assert_eq!(first.mine, None, "{backend}");
        assert_eq!(first.waiting, 23, "{backend}");
        // Number 3 is now first in line.
        let third = waitlist::status(ctx, Some(&waiters[2]), &opp)
            .await
            .unwrap();
        assert_eq!(third.mine.unwrap().position, 1, "{backend}");

        // Number 2 takes it: 5 claims again, and the others cannot claim.
        let claim = waitlist::take(ctx, &waiters[1], &opp, None).await.unwrap();
        assert_eq!(claim.claimant_id, waiters[1].id.to_string());
        assert_eq!(
            notices(ctx, &waiters[1], NoticeKind::ClaimConfirmed).await,
            1
        );
        let seen = catalog::opportunity(ctx, &opp, Some(&newcomer))
            .await
            .unwrap();
        assert_eq!(seen.remaining, 0, "{backend}");
        assert_eq!(
            crate::catalog_places::listed(ctx, &opp).await.remaining,
            0,
            "{backend}"
        );
        assert_eq!(
            claims::claimants(ctx, &town.owner, &opp)
                .await
                .unwrap()
                .len(),
            5,
            "{backend}"
        );
        for who in [&newcomer, &waiters[2], &waiters[0]] {
            assert!(
                matches!(
                    claims::claim(ctx, who, &opp).await,
                    Err(AppError::OpportunityFull)
                ),
                "{backend}"
            );
        }
        assert!(
            offered_to(ctx, &opp, &waiters).await.is_empty(),
            "{backend}"
        );

        // Number 3 leaves; the next freed place goes to number 4, who declines: number 5.
        waitlist::leave(ctx, &waiters[2], &opp).await.unwrap();
        claims::withdraw(ctx, &claimed[1].0, &claimed[1].1)
            .await
            .unwrap();
        assert_eq!(
            offered_to(ctx, &opp, &waiters).await,
            vec![name(3)],
            "{backend}"
        );
        waitlist::decline(ctx, &waiters[3], &opp).await.unwrap();
        assert_eq!(
            offered_to(ctx, &opp, &waiters).await,
            vec![name(4)],
            "{backend}"
        );
        assert!(matches!(
            waitlist::decline(ctx, &waiters[3], &opp).await,
            Err(AppError::OfferGone)
        ));
    }
}
