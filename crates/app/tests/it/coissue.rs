//! Co-issued opportunities against real databases (SQLite, and PostgreSQL when reachable):
//! invitations before publication, frozen partners after it, and each partner's budget
//! paying exactly its share of a verified contribution.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput, PartnerAnswer, PartnerInput};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::ledger::{check, epochs, wallet};
use citysync_app::{transparency, AppError, Ctx, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::partners::PartnerState;
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_domain::DomainError;
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_with_clock, person, TestDb,
};
use std::collections::BTreeMap;

/// A lead issuer and two partner issuers, each with an owner and a verifier and a budget of
/// 1000 CITY; the lead has an active template rewarding 5.00 CITY and 2 VOTE.
struct Town {
    ctx: Ctx,
    admin: User,
    lead_owner: User,
    a_owner: User,
    a_verifier: User,
    b_owner: User,
    b_verifier: User,
    resident: User,
    template_id: String,
    ids: BTreeMap<&'static str, String>,
}

async fn town(t: &TestDb) -> Town {
    let (ctx, _clock) = ctx_with_clock(t);
    let admin = person(&ctx, "admin_ana", true).await;
    let lead_owner = person(&ctx, "lea", false).await;
    let a_owner = person(&ctx, "alba", false).await;
    let a_verifier = person(&ctx, "avi", false).await;
    let b_owner = person(&ctx, "bruno", false).await;
    let b_verifier = person(&ctx, "bea", false).await;
    let resident = person(&ctx, "rosa", false).await;
    let mut ids = BTreeMap::new();
    for (handle, owner) in [
        ("creek-lead", &lead_owner),
        ("park-a", &a_owner),
        ("park-b", &b_owner),
    ] {
        let id = approved_organization(&ctx, &admin, owner, handle, true, false).await;
        epochs::set_budget(&ctx, &admin, &id, "1000", &format!("budget-{handle}"))
            .await
            .unwrap();
        ids.insert(handle, id);
    }
    add_member(&ctx, &a_owner, "park-a", &a_verifier, "verifier").await;
    add_member(&ctx, &b_owner, "park-b", &b_verifier, "verifier").await;
    let spec = TemplateSpec {
        title: "Creek cleanup".into(),
        summary: "Pick up litter along the creek".into(),
        instructions: "Bring gloves.".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city: 500,
        reward_vote: 2,
        estimated_minutes: 90,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let template = catalog::create_template(&ctx, &lead_owner, "creek-lead", spec)
        .await
        .unwrap();
    catalog::change_template(&ctx, &lead_owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    Town {
        ctx,
        admin,
        lead_owner,
        a_owner,
        a_verifier,
        b_owner,
        b_verifier,
        resident,
        template_id: template.id,
        ids,
    }
}

impl Town {
    async fn draft(&self) -> String {
        let now = self.ctx.now();
        catalog::create_opportunity(
            &self.ctx,
            &self.lead_owner,
            OpportunityInput {
                template_id: self.template_id.clone(),
                spec: OpportunitySpec {
                    title_override: None,
                    place: "Strawberry Creek".into(),
                    point: None,
                    // Started an hour ago (proof is taken once work has begun), open until tomorrow.
                    starts_at: now - Duration::hours(1),
                    ends_at: now + Duration::days(1),
                    claim_deadline: now + Duration::days(1),
                    capacity: 5,
                    onsite_instructions: String::new(),
                },
            },
        )
        .await
        .unwrap()
        .id
    }

    async fn invite(
        &self,
        opp: &str,
        who: &str,
        share: &str,
        verifies: bool,
    ) -> Result<(), AppError> {
        catalog::invite_partner(
            &self.ctx,
            &self.lead_owner,
            opp,
            PartnerInput {
                organization: who.into(),
                share: share.into(),
                verifies,
            },
        )
        .await
    }

    async fn publish(&self, opp: &str) -> Result<(), AppError> {
        catalog::change_opportunity(&self.ctx, &self.lead_owner, opp, OpportunityEvent::Publish)
            .await
            .map(|_| ())
    }

    /// Budgets still available, by handle.
    async fn remaining(&self) -> BTreeMap<String, i64> {
        epochs::budgets(&self.ctx, &self.admin)
            .await
            .unwrap()
            .into_iter()
            .map(|l| (l.handle, l.remaining))
            .collect()
    }

    /// A published co-issued opportunity (A pays 1.00 and verifies, B pays 1.50) with the
    /// resident's proof submitted; returns (opportunity, submission).
    async fn submitted_work(&self) -> (String, String) {
        let opp = self.draft().await;
        self.invite(&opp, "@park-a", "1.00", true).await.unwrap();
        self.invite(&opp, "park-b", "1.50", false).await.unwrap();
        catalog::answer_partner(
            &self.ctx,
            &self.a_owner,
            &opp,
            "park-a",
            PartnerAnswer::Accept,
        )
        .await
        .unwrap();
        catalog::answer_partner(
            &self.ctx,
            &self.b_owner,
            &opp,
            "park-b",
            PartnerAnswer::Accept,
        )
        .await
        .unwrap();
        self.publish(&opp).await.unwrap();
        let claim = claims::claim(&self.ctx, &self.resident, &opp)
            .await
            .unwrap();
        claims::submit(
            &self.ctx,
            &self.resident,
            &claim.id,
            ProofInput {
                text: "Filled three bags".into(),
                outcome_quantity: "4".into(),
                ..ProofInput::default()
            },
        )
        .await
        .unwrap();
        let page = claims::claim_page(&self.ctx, &self.resident, &claim.id)
            .await
            .unwrap();
        (opp, page.submissions.last().unwrap().id.clone())
    }
}

fn approve() -> DecisionInput {
    DecisionInput::Approve {
        confirmed_outcome: "4".into(),
        quality_rating: "5".into(),
        feedback: "Thank you!".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_partner_budget_pays_exactly_its_share() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let opp = town.draft().await;
        town.invite(&opp, "@park-a", "1.00", true).await.unwrap();
        town.invite(&opp, "park-b", "1.50", false).await.unwrap();
        // Shares are positive, fit the reward together, name an approved organization.
        assert!(matches!(
            town.invite(&opp, "park-b", "1.00", false).await,
            Err(AppError::AlreadyPartner)
        ));
        assert!(matches!(
            town.invite(&opp, "creek-lead", "1.00", false).await,
            Err(AppError::AlreadyPartner)
        ));
        assert!(matches!(
            town.invite(&opp, "nobody-here", "1.00", false).await,
            Err(AppError::PartnerUnknown)
        ));
        // The partners page shows what the lead pays: 5.00 - 1.00 - 1.50.
        let page = catalog::partners_page(ctx, Some(&town.lead_owner), &opp)
            .await
            .unwrap();
        assert_eq!(page.lead_share_city, 250, "{backend}");
        assert!(page.can_invite);
        // A clerk publishes only once every invitation is answered.
        assert!(matches!(
            town.publish(&opp).await,
            Err(AppError::PartnersPending)
        ));
        // Only the invited organization answers.
        assert!(matches!(
            catalog::answer_partner(ctx, &town.b_owner, &opp, "park-a", PartnerAnswer::Accept)
                .await,
            Err(AppError::Forbidden)
        ));
        let invitations = catalog::partner_invitations(ctx, &town.a_owner, "park-a")
            .await
            .unwrap();
        assert_eq!(invitations.len(), 1, "{backend}");
        assert_eq!(invitations[0].share_text, "1.00");
        drop(page);
        let before = town.remaining().await;
        let (opp, submission) = {
            // A fresh opportunity goes through the whole flow.
            town.submitted_work().await
        };
        // After publication the partners and shares are frozen.
        assert!(matches!(
            town.invite(&opp, "creek-lead", "0.10", false).await,
            Err(AppError::Domain(DomainError::PartnersFrozen))
        ));
        assert!(matches!(
            catalog::answer_partner(ctx, &town.a_owner, &opp, "park-a", PartnerAnswer::Withdraw)
                .await,
            Err(AppError::Domain(DomainError::PartnersFrozen))
        ));
        let public = catalog::co_issuers(ctx, &opp).await.unwrap();
        assert_eq!(
            public
                .iter()
                .map(|p| (p.handle.as_str(), p.share_city))
                .collect::<Vec<_>>(),
            vec![("park-a", 100), ("park-b", 150)],
            "{backend}"
        );
        // B's verifiers do not verify; A's do, and see the submission in their queue.
        assert!(matches!(
            claims::decide(ctx, &town.b_verifier, &submission, approve()).await,
            Err(AppError::Forbidden)
        ));
        let queue = claims::verification_queue(ctx, &town.a_verifier, "park-a")
            .await
            .unwrap();
        assert_eq!(queue.len(), 1, "{backend}");
        claims::decide(ctx, &town.a_verifier, &submission, approve())
            .await
            .unwrap();
        let after = town.remaining().await;
        let paid = |h: &str| before[h] - after[h];
        assert_eq!(
            (paid("creek-lead"), paid("park-a"), paid("park-b")),
            (250, 100, 150),
            "{backend}"
        );
        let w = wallet::wallet(ctx, &town.resident).await.unwrap();
        assert_eq!((w.city, w.vote), (500, 2), "{backend}");
        let v = check::run(ctx).await.unwrap();
        assert!(v.ok, "{backend}: {:?}", v.failure);
        // The dashboard credits each organization with what it minted.
        let d = transparency::dashboard(ctx, None).await.unwrap();
        let minted = |id: &str| {
            d.organizations
                .iter()
                .find(|o| o.organization_id == id)
                .map_or(0, |o| o.ledger.city_minted)
        };
        assert_eq!(
            (
                minted(&town.ids["creek-lead"]),
                minted(&town.ids["park-a"]),
                minted(&town.ids["park-b"])
            ),
            (250, 100, 150),
            "{backend}"
        );
        assert_eq!(d.ledger.total.city_minted, 500, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_partner_budget_too_small_refuses_the_approval() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let (_, submission) = town.submitted_work().await;
        // B's budget is spent down to 1.00: it cannot pay its 1.50 share.
        let remaining_b = town.remaining().await["park-b"];
        citysync_test_support::mint(
            ctx,
            &town.ids["park-b"],
            &town.b_owner,
            remaining_b - 100,
            0,
        )
        .await
        .unwrap();
        let before = town.remaining().await;
        assert_eq!(before["park-b"], 100, "{backend}");
        assert!(matches!(
            claims::decide(ctx, &town.a_verifier, &submission, approve()).await,
            Err(AppError::BudgetExhausted)
        ));
        assert_eq!(town.remaining().await, before, "{backend}");
        let w = wallet::wallet(ctx, &town.resident).await.unwrap();
        assert_eq!((w.city, w.vote), (0, 0), "{backend}");
        assert_eq!(
            transparency::dashboard(ctx, None)
                .await
                .unwrap()
                .ledger
                .total
                .city_minted,
            remaining_b - 100,
            "{backend}: only the spending-down mint"
        );
        // Nothing was decided: the submission still waits.
        let queue = claims::verification_queue(ctx, &town.a_verifier, "park-a")
            .await
            .unwrap();
        assert_eq!(queue.len(), 1, "{backend}");
        let v = check::run(ctx).await.unwrap();
        assert!(v.ok, "{backend}: {:?}", v.failure);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn invitations_are_declined_and_withdrawn_before_publication() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let opp = town.draft().await;
        town.invite(&opp, "park-a", "2.00", true).await.unwrap();
        // 2.00 + 3.50 > 5.00.
        assert!(matches!(
            town.invite(&opp, "park-b", "3.50", false).await,
            Err(AppError::Domain(DomainError::SharesExceedReward))
        ));
        assert!(matches!(
            town.invite(&opp, "park-b", "0", false).await,
            Err(AppError::Domain(DomainError::ShareInvalid))
        ));
        // Partners pay from an issuer budget: a café that only redeems cannot co-issue.
        let cafe_owner = person(ctx, "carla", false).await;
        approved_organization(ctx, &town.admin, &cafe_owner, "cafe-luna", false, true).await;
        assert!(matches!(
            town.invite(&opp, "cafe-luna", "1.00", false).await,
            Err(AppError::PartnerUnknown)
        ));
        // A declines; its share is free again; the lead invites it again and withdraws.
        catalog::answer_partner(ctx, &town.a_owner, &opp, "park-a", PartnerAnswer::Decline)
            .await
            .unwrap();
        town.invite(&opp, "park-b", "3.00", false).await.unwrap();
        town.invite(&opp, "park-a", "2.00", true).await.unwrap();
        catalog::answer_partner(
            ctx,
            &town.lead_owner,
            &opp,
            "park-a",
            PartnerAnswer::Withdraw,
        )
        .await
        .unwrap();
        // B accepts, then withdraws itself.
        catalog::answer_partner(ctx, &town.b_owner, &opp, "park-b", PartnerAnswer::Accept)
            .await
            .unwrap();
        catalog::answer_partner(ctx, &town.b_owner, &opp, "park-b", PartnerAnswer::Withdraw)
            .await
            .unwrap();
        assert!(matches!(
            catalog::answer_partner(ctx, &town.b_owner, &opp, "park-b", PartnerAnswer::Accept)
                .await,
            Err(AppError::Domain(DomainError::TransitionRefused { .. }))
        ));
        let page = catalog::partners_page(ctx, Some(&town.lead_owner), &opp)
            .await
            .unwrap();
        let states: Vec<_> = page
            .partners
            .iter()
            .map(|p| (p.handle.as_str(), p.state))
            .collect();
        assert_eq!(
            states,
            vec![
                ("park-a", PartnerState::Withdrawn),
                ("park-b", PartnerState::Withdrawn)
            ],
            "{backend}"
        );
        assert_eq!(page.lead_share_city, 500);
        // Nothing waits: the opportunity is published, issued by the lead alone.
        town.publish(&opp).await.unwrap();
        assert!(catalog::co_issuers(ctx, &opp).await.unwrap().is_empty());
        assert!(catalog::partner_invitations(ctx, &town.a_owner, "park-a")
            .await
            .unwrap()
            .is_empty());
        let _ = &town.a_verifier;
    }
}
