//! Earning needs a resident verification (the level a city gets by default): work verified
//! before it is held, credited exactly once when the resident is verified within the epoch,
//! and lapses with the epoch otherwise. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::Duration;
use citysync_app::claims::{self, DecisionInput, HeldReward};
use citysync_app::identity::{self, verify_in_person};
use citysync_app::ledger::{check, epochs, wallet};
use citysync_app::notifications::{self, NoticeKind};
use citysync_app::{Ctx, User};
use citysync_domain::identity::IdentityLevel;
use citysync_test_support::both_backends;

/// The town's context with the levels a new city has: earning and voting need a resident
/// verification.
async fn resident_levels(town: &Town) -> Ctx {
    let mut settings = (*town.ctx.settings).clone();
    settings.governance.level_to_earn = IdentityLevel::ResidentVerified;
    settings.governance.level_to_vote = IdentityLevel::ResidentVerified;
    let ctx = town.ctx.clone().with_settings(settings);
    citysync_app::instance::ensure_keys(&ctx).await.unwrap();
    ctx
}

async fn approve(ctx: &Ctx, town: &Town, who: &User) -> claims::Decided {
    let submission = town.submitted(who).await;
    claims::decide(
        ctx,
        &town.verifier,
        &submission,
        DecisionInput::Approve {
            confirmed_outcome: "4".into(),
            quality_rating: "5".into(),
            feedback: "Thank you!".into(),
        },
    )
    .await
    .unwrap()
}

async fn balances(ctx: &Ctx, who: &User) -> (i64, i64) {
    let w = wallet::wallet(ctx, who).await.unwrap();
    (w.city, w.vote)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn work_before_resident_verification_is_credited_once_when_it_comes() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &resident_levels(&town).await;
        // Dora has only a verified email: both approvals hold the reward, nothing is minted.
        for _ in 0..2 {
            let decided = approve(ctx, &town, &town.dora).await;
            assert_eq!(
                decided.held,
                Some(HeldReward { city: 500, vote: 2 }),
                "{backend}"
            );
            assert_eq!(decided.capped, None);
            assert_eq!(decided.resident, "dora");
        }
        assert_eq!(balances(ctx, &town.dora).await, (0, 0), "{backend}");
        let held = claims::held_of(ctx, &town.dora).await.unwrap();
        assert_eq!(held.len(), 2);
        assert!(held.iter().all(|h| h.open && h.credited_at.is_none()));

        // The issuer's owner checks her document at the desk: both rewards are credited.
        verify_in_person(
            ctx,
            &town.owner,
            "creek-friends",
            "dora",
            "document_number",
            "D1234567",
        )
        .await
        .unwrap();
        assert_eq!(balances(ctx, &town.dora).await, (1000, 4), "{backend}");
        let held = claims::held_of(ctx, &town.dora).await.unwrap();
        assert!(held.iter().all(|h| !h.open && h.credited_at.is_some()));
        let credited = notifications::list(ctx, &town.dora)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == NoticeKind::RewardCredited)
            .count();
        assert_eq!(credited, 2, "{backend}: one notice per credited reward");

        // Verified again after a revocation: nothing is credited twice.
        let verification = identity::admin::verifications(ctx, &town.admin)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.username == "dora")
            .expect("dora's verification");
        identity::admin::revoke(ctx, &town.admin, &verification.id, "Document expired")
            .await
            .unwrap();
        verify_in_person(
            ctx,
            &town.owner,
            "creek-friends",
            "dora",
            "document_number",
            "D7654321",
        )
        .await
        .unwrap();
        assert_eq!(balances(ctx, &town.dora).await, (1000, 4), "{backend}");

        // Now verified, her next approval mints at once.
        let decided = approve(ctx, &town, &town.dora).await;
        assert_eq!(decided.held, None);
        assert_eq!(balances(ctx, &town.dora).await, (1500, 6), "{backend}");
        assert!(check::run(ctx).await.unwrap().ok, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_held_reward_lapses_with_its_epoch() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &resident_levels(&town).await;
        approve(ctx, &town, &town.dora).await;
        let first = epochs::current(ctx).await.unwrap();
        town.clock
            .set(first.ends_at.and_utc() + Duration::seconds(1));
        epochs::close_all_due(ctx).await.unwrap();
        let held = claims::held_of(ctx, &town.dora).await.unwrap();
        assert!(
            !held[0].open,
            "{backend}: lapsed with epoch {}",
            first.number
        );

        verify_in_person(
            ctx,
            &town.owner,
            "creek-friends",
            "dora",
            "document_number",
            "D1234567",
        )
        .await
        .unwrap();
        assert_eq!(balances(ctx, &town.dora).await, (0, 0), "{backend}");
        assert!(claims::held_of(ctx, &town.dora).await.unwrap()[0]
            .credited_at
            .is_none());
        assert!(check::run(ctx).await.unwrap().ok, "{backend}");
    }
}
