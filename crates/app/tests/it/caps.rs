//! Per-resident caps against real databases (SQLite, and PostgreSQL when reachable): caps
//! set by passed parameter-change proposals, an approval over a cap minting up to it and
//! saying so, and caps holding under concurrent approvals for one resident.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use citysync_app::claims::{self, Decided, DecisionInput};
use citysync_app::governance::{proposals, voting, ProposalInput};
use citysync_app::ledger::{check, wallet};
use citysync_app::notifications;
use citysync_app::User;
use citysync_domain::governance::{
    Ballot, Outcome, ParameterChange, ProposalContent, VotingMethod,
};
use citysync_test_support::{both_backends, person};

impl Town {
    /// Passes a parameter-change proposal through a whole cycle (three days on the clock);
    /// Ana's 9 VOTE carry it.
    async fn pass(&self, changes: &[(&str, &str)]) {
        let ctx = &self.ctx;
        let cycle = self.cycle(VotingMethod::WeightedMajority, 10).await;
        let input = ProposalInput {
            title: "Cap what one resident earns".into(),
            body: "Spread the work around.".into(),
            content: ProposalContent::ParameterChange {
                changes: changes
                    .iter()
                    .map(|(name, value)| ParameterChange::new(name, value).unwrap())
                    .collect(),
            },
            organization: None,
        };
        let proposal = proposals::draft(ctx, &self.ana, &cycle, input)
            .await
            .unwrap();
        self.next_day().await;
        self.next_day().await;
        voting::cast(ctx, &self.ana, &proposal.id, Ballot::marking([(0, 1)]))
            .await
            .unwrap();
        self.next_day().await;
        let decision = proposals::get(ctx, &proposal.id)
            .await
            .unwrap()
            .decision
            .unwrap();
        assert_eq!(decision.outcome, Outcome::Passed);
    }

    async fn approve(&self, submission: &str) -> Decided {
        claims::decide(&self.ctx, &self.verifier, submission, approval())
            .await
            .unwrap()
    }

    async fn earned(&self, who: &User) -> (i64, i64) {
        let w = wallet::wallet(&self.ctx, who).await.unwrap();
        (w.city, w.vote)
    }
}

fn approval() -> DecisionInput {
    DecisionInput::Approve {
        confirmed_outcome: "4".into(),
        quality_rating: "5".into(),
        feedback: "Thank you!".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cap_set_by_a_decision_applies_to_the_next_approval_and_says_so() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        // Before any decision there is no cap: Dora earns 10 CITY and 4 VOTE in full.
        let dora = &town.dora;
        for _ in 0..2 {
            let s = town.submitted(dora).await;
            let decided = town.approve(&s).await;
            assert_eq!((decided.capped, decided.held), (None, None), "{backend}");
        }
        assert_eq!(town.earned(dora).await, (1000, 4), "{backend}");

        town.pass(&[("resident_cap_city", "6"), ("resident_cap_vote", "3")])
            .await;
        // Erin's first approval fits; the second passes both caps and mints up to them.
        let erin = person(ctx, "erin", false).await;
        let first = town.submitted(&erin).await;
        assert_eq!(town.approve(&first).await.capped, None, "{backend}");
        let second = town.submitted(&erin).await;
        let capped = town.approve(&second).await.capped.expect("capped");
        assert_eq!(
            (capped.city.reward, capped.city.minted),
            (500, 100),
            "{backend}"
        );
        assert_eq!((capped.vote.reward, capped.vote.minted), (2, 1));
        assert_eq!(town.earned(&erin).await, (600, 3), "{backend}");
        // A third mints nothing, and is still recorded as verified work.
        let third = town.submitted(&erin).await;
        let none = town.approve(&third).await.capped.expect("capped");
        assert_eq!((none.city.minted, none.vote.minted), (0, 0));
        assert_eq!(town.earned(&erin).await, (600, 3), "{backend}");

        // The resident is told, in the notice of the approval.
        let notes = notifications::list(ctx, &erin).await.unwrap();
        let told = notes
            .iter()
            .filter(|n| {
                n.feedback
                    .as_deref()
                    .is_some_and(|f| f.starts_with("Thank you!") && f.contains("1.00 of 5.00 CITY"))
            })
            .count();
        assert_eq!(told, 1, "{backend}: {notes:?}");
        assert!(check::run(ctx).await.unwrap().ok, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_level_to_earn_set_by_a_decision_applies_to_the_next_approval() {
    use citysync_domain::identity::IdentityLevel;
    for (backend, t) in both_backends() {
        let mut town = town(&t).await;
        // A city that credits residents verified in person only (the default of a new city),
        // where the VOTE residents hold may still vote on lowering it.
        let mut settings = (*town.ctx.settings).clone();
        settings.governance.level_to_earn = IdentityLevel::ResidentVerified;
        town.ctx.settings = std::sync::Arc::new(settings);
        let s = town.submitted(&town.dora).await;
        assert!(town.approve(&s).await.held.is_some(), "{backend}");
        assert_eq!(town.earned(&town.dora).await, (0, 0));

        town.pass(&[("level_to_earn", "email")]).await;
        let s = town.submitted(&town.dora).await;
        let decided = town.approve(&s).await;
        assert_eq!((decided.capped, decided.held), (None, None), "{backend}");
        assert_eq!(town.earned(&town.dora).await, (500, 2), "{backend}");
        assert!(check::run(&town.ctx).await.unwrap().ok, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_category_cap_holds_the_category_back() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        town.pass(&[("resident_cap_city.environment", "7.50")])
            .await;
        let erin = person(ctx, "erin", false).await;
        let first = town.submitted(&erin).await;
        assert_eq!(town.approve(&first).await.capped, None, "{backend}");
        let second = town.submitted(&erin).await;
        let capped = town.approve(&second).await.capped.expect("capped");
        assert_eq!((capped.city.minted, capped.vote.minted), (250, 2));
        assert_eq!(town.earned(&erin).await, (750, 4), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn twenty_concurrent_approvals_for_one_resident_never_pass_the_caps() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        town.pass(&[("resident_cap_city", "12"), ("resident_cap_vote", "7")])
            .await;
        let erin = person(ctx, "erin", false).await;
        let mut submissions = Vec::new();
        for _ in 0..20 {
            submissions.push(town.submitted(&erin).await);
        }
        let tasks: Vec<_> = submissions
            .into_iter()
            .map(|s| {
                let (ctx, verifier) = (ctx.clone(), town.verifier.clone());
                tokio::spawn(async move { claims::decide(&ctx, &verifier, &s, approval()).await })
            })
            .collect();
        let (mut city, mut vote, mut capped) = (0, 0, 0);
        for task in tasks {
            let decided = task.await.unwrap().unwrap();
            if let Some(c) = decided.capped {
                capped += 1;
                city += c.city.minted;
                vote += c.vote.minted;
            } else {
                city += 500;
                vote += 2;
            }
        }
        assert_eq!((city, vote), (1200, 7), "{backend}");
        assert_eq!(
            capped, 18,
            "{backend}: two fit in full, the rest are capped"
        );
        assert_eq!(town.earned(&erin).await, (1200, 7), "{backend}");
        let v = check::run(ctx).await.unwrap();
        assert!(v.ok, "{backend}: {:?}", v.failure);
    }
}
