//! Group claims: a party's size counts against capacity; friends join with the code up to
//! the party's size; one proof for the group; its approval credits each member the same
//! reward through the one minting path, caps and held rewards per person. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::town;
use crate::waitlist::opportunity;
use chrono::Duration;
use citysync_app::catalog;
use citysync_app::claims::{self, party, DecisionInput, ProofInput};
use citysync_app::ledger::wallet;
use citysync_app::notifications::{self, NoticeKind};
use citysync_app::{AppError, Ctx};
use citysync_domain::identity::IdentityLevel;
use citysync_domain::lifecycle::ClaimState;
use citysync_test_support::{both_backends, person};

/// The places an opportunity has left, as its page shows them.
async fn remaining(ctx: &Ctx, opp: &str) -> i64 {
    catalog::opportunity(ctx, opp, None)
        .await
        .unwrap()
        .remaining
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_party_holds_its_size_and_each_member_is_credited() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let opp = opportunity(&town, 5).await;

        // Sizes out of range are refused and change nothing.
        for size in [0, 11, -1] {
            assert!(
                matches!(
                    claims::claim_for_party(ctx, &town.ana, &opp, size).await,
                    Err(AppError::PartySizeInvalid)
                ),
                "{backend}"
            );
        }
        // A party of 3, then a party of 3 does not fit; a single claim does.
        let group = claims::claim_for_party(ctx, &town.ana, &opp, 3)
            .await
            .unwrap();
        assert_eq!(remaining(ctx, &opp).await, 2, "{backend}");
        assert!(matches!(
            claims::claim_for_party(ctx, &town.ben, &opp, 3).await,
            Err(AppError::OpportunityFull)
        ));
        claims::claim(ctx, &town.ben, &opp).await.unwrap();
        assert_eq!(remaining(ctx, &opp).await, 1, "{backend}");

        // Two friends join with the code; a third finds the party complete.
        let page = party::party_of(ctx, &town.ana, &group.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(page.size, 3);
        let code = page.code.clone().unwrap();
        let (fay, gil, hal) = (
            person(ctx, "fay", false).await,
            person(ctx, "gil", false).await,
            person(ctx, "hal", false).await,
        );
        let invitation = party::invitation(ctx, Some(&fay), &code).await.unwrap();
        assert_eq!(
            (invitation.open_places, invitation.claimant.as_str()),
            (2, "ana")
        );
        let fay_claim = party::join(ctx, &fay, &code, None).await.unwrap();
        assert!(matches!(
            party::join(ctx, &fay, &code, None).await,
            Err(AppError::AlreadyClaimed)
        ));
        let gil_claim = party::join(ctx, &gil, &code, None).await.unwrap();
        assert!(matches!(
            party::join(ctx, &hal, &code, None).await,
            Err(AppError::PartyFull)
        ));
        assert!(matches!(
            party::join(ctx, &hal, "no-such-code", None).await,
            Err(AppError::NotFound)
        ));
        // Members hold no place of their own: one place is still left, for hal alone.
        assert_eq!(remaining(ctx, &opp).await, 1, "{backend}");
        let members = party::party_of(ctx, &fay, &fay_claim.id)
            .await
            .unwrap()
            .unwrap();
        let mut names = members.members.clone();
        names.sort();
        assert_eq!(names, vec!["fay".to_owned(), "gil".to_owned()]);
        assert!(members.is_member && members.code.is_none(), "{backend}");
        claims::claim(ctx, &hal, &opp).await.unwrap();
        assert!(matches!(
            claims::claim(ctx, &town.cruz, &opp).await,
            Err(AppError::OpportunityFull)
        ));

        // One proof, the claimant's: a member cannot send her own.
        town.clock
            .advance(Duration::days(3) + Duration::minutes(30));
        let proof = || ProofInput {
            text: "Five bags between the three of us".into(),
            outcome_quantity: "5".into(),
            ..ProofInput::default()
        };
        assert!(matches!(
            claims::submit(ctx, &fay, &fay_claim.id, proof()).await,
            Err(AppError::Forbidden)
        ));
        claims::submit(ctx, &town.ana, &group.id, proof())
            .await
            .unwrap();
        let before: Vec<i64> = {
            let mut v = Vec::new();
            for who in [&town.ana, &fay, &gil] {
                v.push(wallet::wallet(ctx, who).await.unwrap().city);
            }
            v
        };
        let page = claims::claim_page(ctx, &town.ana, &group.id).await.unwrap();
        claims::decide(
            ctx,
            &town.verifier,
            &page.submissions[0].id,
            DecisionInput::Approve {
                confirmed_outcome: "5".into(),
                quality_rating: "5".into(),
                feedback: "Great teamwork".into(),
            },
        )
        .await
        .unwrap();
        // Each of the three is credited the same 5 CITY, each on a claim of her own.
        for (i, who) in [&town.ana, &fay, &gil].into_iter().enumerate() {
            let city = wallet::wallet(ctx, who).await.unwrap().city;
            assert_eq!(city - before[i], 500, "{backend}: {}", who.username);
        }
        for (who, claim) in [(&fay, &fay_claim), (&gil, &gil_claim)] {
            let page = claims::claim_page(ctx, who, &claim.id).await.unwrap();
            assert_eq!(page.claim.state, ClaimState::Verified, "{backend}");
            assert_eq!(page.contribution.unwrap().reward_city, 500, "{backend}");
            let approved = notifications::list(ctx, who)
                .await
                .unwrap()
                .into_iter()
                .filter(|n| n.kind == NoticeKind::SubmissionApproved)
                .count();
            assert_eq!(approved, 1, "{backend}");
        }
        // hal, on his own claim, is not credited by the group's approval.
        assert_eq!(
            wallet::wallet(ctx, &hal).await.unwrap().city,
            0,
            "{backend}"
        );
    }
}

/// Each member is credited as herself: a member below the city's earning level has her
/// reward held, while the claimant's is minted.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn held_rewards_apply_to_each_member() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let mut settings = (*town.ctx.settings).clone();
        settings.governance.level_to_earn = IdentityLevel::ResidentVerified;
        let ctx = &town.ctx.clone().with_settings(settings);
        citysync_app::instance::ensure_keys(ctx).await.unwrap();
        let opp = opportunity(&town, 5).await;
        // Ana's document is checked at the desk; Dora has only a verified email.
        citysync_app::identity::verify_in_person(
            ctx,
            &town.owner,
            "creek-friends",
            "ana",
            "document_number",
            "A1234567",
        )
        .await
        .unwrap();
        let group = claims::claim_for_party(ctx, &town.ana, &opp, 2)
            .await
            .unwrap();
        let code = party::party_of(ctx, &town.ana, &group.id)
            .await
            .unwrap()
            .unwrap()
            .code
            .unwrap();
        party::join(ctx, &town.dora, &code, None).await.unwrap();
        town.clock
            .advance(Duration::days(3) + Duration::minutes(30));
        claims::submit(
            ctx,
            &town.ana,
            &group.id,
            ProofInput {
                text: "Two bags".into(),
                outcome_quantity: "4".into(),
                ..ProofInput::default()
            },
        )
        .await
        .unwrap();
        let before = wallet::wallet(ctx, &town.ana).await.unwrap().city;
        let page = claims::claim_page(ctx, &town.ana, &group.id).await.unwrap();
        claims::decide(
            ctx,
            &town.verifier,
            &page.submissions[0].id,
            DecisionInput::Approve {
                confirmed_outcome: "4".into(),
                quality_rating: "5".into(),
                feedback: String::new(),
            },
        )
        .await
        .unwrap();
        let ana_city = wallet::wallet(ctx, &town.ana).await.unwrap().city;
        assert_eq!(ana_city - before, 500, "{backend}");
        assert_eq!(
            wallet::wallet(ctx, &town.dora).await.unwrap().city,
            0,
            "{backend}"
        );
        let held = claims::held_of(ctx, &town.dora).await.unwrap();
        assert_eq!(held.len(), 1, "{backend}");
        assert!(held[0].open, "{backend}");
    }
}
