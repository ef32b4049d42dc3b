//! The civic work loop against real databases (SQLite, and PostgreSQL when reachable; with
//! CI=true PostgreSQL is required): organizations, templates, opportunities, claims under
//! concurrency, proof with photos, racing verifiers, expiry.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::organizations::{self, NewOrganization};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::lifecycle::{ClaimState, OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::{both_backends, ctx_with_clock, person, ManualClock, TestDb};
use diesel::prelude::*;
use std::sync::Arc;

fn with_clock(t: &TestDb) -> (Ctx, Arc<ManualClock>) {
    ctx_with_clock(t)
}

fn spec(reward_city: i64) -> TemplateSpec {
    TemplateSpec {
        title: "Creek cleanup".into(),
        summary: "Pick up litter along Strawberry Creek".into(),
        instructions: "Bring **gloves**.".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Photo, ProofKind::Text],
        reward_city,
        reward_vote: 2,
        estimated_minutes: 90,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    }
}

struct City {
    ctx: Ctx,
    clock: Arc<ManualClock>,
    owner: User,
    verifier: User,
    template_id: String,
    handle: String,
}

/// An approved issuer with an owner and a verifier, and one active template.
async fn city(t: &TestDb, method: VerificationMethod) -> City {
    let (ctx, clock) = with_clock(t);
    let admin = person(&ctx, "admin_ana", true).await;
    let owner = person(&ctx, "owner_olga", false).await;
    let verifier = person(&ctx, "vera", false).await;
    organizations::create(
        &ctx,
        &owner,
        NewOrganization {
            handle: "creek-friends".into(),
            name: "Friends of the Creek".into(),
            description: "Volunteers".into(),
            is_issuer: true,
            is_redeemer: false,
            contact_email: "hello@creek.org".into(),
            website: String::new(),
        },
    )
    .await
    .unwrap();
    organizations::decide(&ctx, &admin, "creek-friends", true, "")
        .await
        .unwrap();
    // Approval mints from the issuer's epoch budget: grant one.
    let org = organizations::by_handle(&ctx, "creek-friends", None)
        .await
        .unwrap();
    citysync_app::ledger::epochs::set_budget(&ctx, &admin, &org.id, "1000", "budget-1")
        .await
        .unwrap();
    organizations::invite(&ctx, &owner, "creek-friends", "vera", "verifier")
        .await
        .unwrap();
    let inv = organizations::invitations_for(&ctx, &verifier)
        .await
        .unwrap();
    organizations::answer_invitation(&ctx, &verifier, &inv[0].id, true)
        .await
        .unwrap();
    let mut s = spec(500);
    s.verification_method = method;
    let template = catalog::create_template(&ctx, &owner, "creek-friends", s)
        .await
        .unwrap();
    catalog::change_template(&ctx, &owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    City {
        ctx,
        clock,
        owner,
        verifier,
        template_id: template.id,
        handle: "creek-friends".into(),
    }
}

impl City {
    async fn opportunity(&self, capacity: i32) -> String {
        let now = self.ctx.now();
        let opp = catalog::create_opportunity(
            &self.ctx,
            &self.owner,
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
                    capacity,
                    onsite_instructions: String::new(),
                },
            },
        )
        .await
        .unwrap();
        catalog::change_opportunity(&self.ctx, &self.owner, &opp.id, OpportunityEvent::Publish)
            .await
            .unwrap();
        opp.id
    }

    /// Counts rows with a fixed SQL condition (test-only raw SQL).
    async fn count(&self, table: &'static str, condition: &'static str) -> i64 {
        count(&self.ctx, table, condition).await
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

async fn count(ctx: &Ctx, table: &'static str, condition: &'static str) -> i64 {
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(diesel::sql_query(format!(
                "SELECT COUNT(*) AS n FROM {table} WHERE {condition}"
            ))
            .get_result::<Count>(conn)?
            .n)
        })
        .await
        .unwrap()
}

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 6, image::Rgb([10, 200, 10])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn proof(photos: usize, outcome: &str) -> ProofInput {
    ProofInput {
        text: "Filled three bags".into(),
        photos: (0..photos).map(|_| png()).collect(),
        outcome_quantity: outcome.into(),
        ..ProofInput::default()
    }
}

fn reject(reason: &str) -> DecisionInput {
    DecisionInput::Reject {
        reason: reason.into(),
        feedback: "The photos do not show the bags".into(),
    }
}

fn approve() -> DecisionInput {
    DecisionInput::Approve {
        confirmed_outcome: "4.5".into(),
        quality_rating: "5".into(),
        feedback: "Thank you!".into(),
    }
}

async fn submission_of(ctx: &Ctx, who: &User, claim_id: &str) -> String {
    let page = claims::claim_page(ctx, who, claim_id).await.unwrap();
    page.submissions.last().unwrap().id.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_work_loop_from_claim_to_verified_contribution() {
    for (backend, t) in both_backends() {
        let c = city(&t, VerificationMethod::IssuerReview).await;
        let ctx = &c.ctx;
        let opp = c.opportunity(2).await;
        let ana = person(ctx, "ana", false).await;
        let ben = person(ctx, "ben", false).await;
        let cai = person(ctx, "cai", false).await;
        let claim = claims::claim(ctx, &ana, &opp).await.unwrap();
        assert_eq!(claim.reward_city, 500, "{backend}");
        assert!(
            matches!(
                claims::claim(ctx, &ana, &opp).await,
                Err(AppError::AlreadyClaimed)
            ),
            "{backend}"
        );
        claims::claim(ctx, &ben, &opp).await.unwrap();
        assert!(
            matches!(
                claims::claim(ctx, &cai, &opp).await,
                Err(AppError::OpportunityFull)
            ),
            "{backend}"
        );

        // The reward is fixed at claim time: a new version of the template changes nothing.
        catalog::edit_template(ctx, &c.owner, &c.template_id, spec(900))
            .await
            .unwrap();

        // Someone else cannot submit for Ana's claim; bad proof changes nothing.
        assert!(matches!(
            claims::submit(ctx, &ben, &claim.id, proof(2, "3")).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            claims::submit(ctx, &ana, &claim.id, proof(2, "-1")).await,
            Err(AppError::Domain(_))
        ));
        assert!(matches!(
            claims::submit(ctx, &ana, &claim.id, proof(2, "1e9")).await,
            Err(AppError::Domain(_))
        ));
        let mut not_image = proof(1, "3");
        not_image.photos = vec![b"MZ\x90\0 this is an exe".to_vec()];
        assert!(matches!(
            claims::submit(ctx, &ana, &claim.id, not_image).await,
            Err(AppError::PhotoInvalid)
        ));
        assert_eq!(c.count("submissions", "1=1").await, 0, "{backend}");

        claims::submit(ctx, &ana, &claim.id, proof(2, "3"))
            .await
            .unwrap();
        assert_eq!(c.count("submission_photos", "1=1").await, 2);
        let sub = submission_of(ctx, &ana, &claim.id).await;
        // Only verifiers decide, never on their own claim; the claimant cannot decide either.
        assert!(matches!(
            claims::decide(ctx, &ben, &sub, approve()).await,
            Err(AppError::Forbidden)
        ));
        claims::decide(ctx, &c.verifier, &sub, reject("insufficient_proof"))
            .await
            .unwrap();
        assert!(matches!(
            claims::decide(ctx, &c.verifier, &sub, approve()).await,
            Err(AppError::AlreadyDecided)
        ));
        let page = claims::claim_page(ctx, &ana, &claim.id).await.unwrap();
        assert_eq!(page.claim.state, ClaimState::Rejected);
        assert!(page.claim.can_submit);

        claims::submit(ctx, &ana, &claim.id, proof(1, "4"))
            .await
            .unwrap();
        let sub2 = submission_of(ctx, &ana, &claim.id).await;
        assert_ne!(sub, sub2);
        claims::decide(ctx, &c.verifier, &sub2, approve())
            .await
            .unwrap();
        let page = claims::claim_page(ctx, &ana, &claim.id).await.unwrap();
        assert_eq!(page.claim.state, ClaimState::Verified);
        let contribution = page.contribution.unwrap();
        assert_eq!(contribution.feedback, "Thank you!");
        assert_eq!(contribution.outcome_quantity, 4.5);
        assert_eq!(contribution.reward_city, 500);
        assert_eq!(c.count("contributions", "reward_city = 500").await, 1);
        // Ana was told at each step, in-app and by email.
        assert_eq!(
            c.count(
                "notifications",
                "kind IN ('claim_confirmed', 'submission_rejected', 'submission_approved')"
            )
            .await,
            4
        );
        assert!(c.count("mail_queue", "subject LIKE '%verified%'").await >= 1);

        let org = organizations::by_handle(ctx, &c.handle, None)
            .await
            .unwrap();
        let counts = organizations::public_counts(ctx, &org.id).await.unwrap();
        assert_eq!(
            (counts.opportunities_issued, counts.claims_verified),
            (1, 1)
        );
        assert!(counts.median_decision_hours.is_some());
        assert!(c.count("audit_trail", "subject_kind = 'claim'").await >= 5);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn a_hundred_concurrent_claims_fill_exactly_the_capacity() {
    for (backend, t) in both_backends() {
        let c = city(&t, VerificationMethod::IssuerReview).await;
        let opp = c.opportunity(10).await;
        let mut people = Vec::new();
        for i in 0..100 {
            people.push(person(&c.ctx, &format!("resident_{i}"), false).await);
        }
        // A double click: the first resident claims twice at once.
        people.push(people[0].clone());
        let mut tasks = Vec::new();
        for p in people {
            let ctx = c.ctx.clone();
            let opp = opp.clone();
            tasks.push(tokio::spawn(
                async move { claims::claim(&ctx, &p, &opp).await },
            ));
        }
        let mut ok = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(AppError::OpportunityFull | AppError::AlreadyClaimed) => {}
                Err(other) => panic!("{backend}: unexpected {other:?}"),
            }
        }
        assert_eq!(ok, 10, "{backend}");
        assert_eq!(
            c.count("claims", "state = 'claimed'").await,
            10,
            "{backend}"
        );
        let page = catalog::opportunity(&c.ctx, &opp, None).await.unwrap();
        assert_eq!((page.active_claims, page.remaining), (10, 0));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_verifiers_deciding_at_once_make_exactly_one_decision() {
    for (backend, t) in both_backends() {
        let c = city(&t, VerificationMethod::IssuerReview).await;
        let second = person(&c.ctx, "victor", false).await;
        organizations::invite(
            &c.ctx,
            &c.owner,
            &c.handle,
            "victor@example.org",
            "verifier",
        )
        .await
        .unwrap();
        let inv = organizations::invitations_for(&c.ctx, &second)
            .await
            .unwrap();
        organizations::answer_invitation(&c.ctx, &second, &inv[0].id, true)
            .await
            .unwrap();
        let opp = c.opportunity(20).await;
        for round in 0..5 {
            let who = person(&c.ctx, &format!("doer_{round}"), false).await;
            let claim = claims::claim(&c.ctx, &who, &opp).await.unwrap();
            claims::submit(&c.ctx, &who, &claim.id, proof(1, "2"))
                .await
                .unwrap();
            let sub = submission_of(&c.ctx, &who, &claim.id).await;
            let (a, b) = tokio::join!(
                claims::decide(&c.ctx, &c.verifier, &sub, approve()),
                claims::decide(
                    &c.ctx,
                    &second,
                    &sub,
                    if round % 2 == 0 {
                        approve()
                    } else {
                        reject("other")
                    }
                ),
            );
            let oks = [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count();
            assert_eq!(oks, 1, "{backend} round {round}: {a:?} {b:?}");
            for r in [a, b] {
                assert!(
                    matches!(r, Ok(_) | Err(AppError::AlreadyDecided)),
                    "{backend}"
                );
            }
        }
        assert_eq!(c.count("submissions", "decision IS NOT NULL").await, 5);
        let verified = c.count("claims", "state = 'verified'").await;
        assert_eq!(c.count("contributions", "1=1").await, verified, "{backend}");
    }
}

#[tokio::test]
async fn closed_cancelled_and_past_opportunities_refuse_claims() {
    let t = TestDb::new();
    let c = city(&t, VerificationMethod::IssuerReview).await;
    let ctx = &c.ctx;
    let ana = person(ctx, "ana", false).await;
    let ben = person(ctx, "ben", false).await;
    let closed = c.opportunity(5).await;
    catalog::change_opportunity(ctx, &c.owner, &closed, OpportunityEvent::Close)
        .await
        .unwrap();
    assert!(matches!(
        claims::claim(ctx, &ana, &closed).await,
        Err(AppError::NotClaimable)
    ));
    let cancelled = c.opportunity(5).await;
    let held = claims::claim(ctx, &ben, &cancelled).await.unwrap();
    catalog::change_opportunity(ctx, &c.owner, &cancelled, OpportunityEvent::Cancel)
        .await
        .unwrap();
    assert!(matches!(
        claims::claim(ctx, &ana, &cancelled).await,
        Err(AppError::NotClaimable)
    ));
    // Ben's claim ended and Ben was told.
    let page = claims::claim_page(ctx, &ben, &held.id).await.unwrap();
    assert_eq!(page.claim.state, ClaimState::Withdrawn);
    assert_eq!(
        count(ctx, "notifications", "kind = 'opportunity_cancelled'").await,
        1
    );
    let past = c.opportunity(5).await;
    c.clock.advance(Duration::days(2));
    assert!(matches!(
        claims::claim(ctx, &ana, &past).await,
        Err(AppError::DeadlinePassed)
    ));
    assert_eq!(count(ctx, "claims", "claimant_id IS NOT NULL").await, 1);
}

#[tokio::test]
async fn unsubmitted_claims_are_warned_then_expire_and_free_their_slot() {
    let t = TestDb::new();
    let c = city(&t, VerificationMethod::IssuerReview).await;
    let ctx = &c.ctx;
    let opp = c.opportunity(1).await;
    let ana = person(ctx, "ana", false).await;
    let ben = person(ctx, "ben", false).await;
    let claim = claims::claim(ctx, &ana, &opp).await.unwrap();
    assert_eq!(claims::sweep(ctx).await.unwrap(), (0, 0));
    // The opportunity ends 27 h from now; grace 24 h, warning 24 h before expiry.
    c.clock.advance(Duration::hours(28));
    assert_eq!(claims::sweep(ctx).await.unwrap(), (1, 0));
    assert_eq!(claims::sweep(ctx).await.unwrap(), (0, 0), "warned once");
    c.clock.advance(Duration::hours(24));
    assert_eq!(claims::sweep(ctx).await.unwrap(), (0, 1));
    let page = claims::claim_page(ctx, &ana, &claim.id).await.unwrap();
    assert_eq!(page.claim.state, ClaimState::Expired);
    let opp_now = catalog::opportunity(ctx, &opp, None).await.unwrap();
    assert_eq!(opp_now.remaining, 1);
    let _ = ben;
}

#[tokio::test]
async fn on_site_check_in_and_out_become_the_proof() {
    let t = TestDb::new();
    let c = city(&t, VerificationMethod::OnSite).await;
    let ctx = &c.ctx;
    let opp = c.opportunity(3).await;
    let ana = person(ctx, "ana", false).await;
    let claim = claims::claim(ctx, &ana, &opp).await.unwrap();
    assert!(matches!(
        claims::check_in_out(ctx, &ana, &claim.id, true).await,
        Err(AppError::Forbidden)
    ));
    claims::check_in_out(ctx, &c.verifier, &claim.id, true)
        .await
        .unwrap();
    c.clock.advance(Duration::hours(2));
    claims::check_in_out(ctx, &c.verifier, &claim.id, false)
        .await
        .unwrap();
    let page = claims::claim_page(ctx, &ana, &claim.id).await.unwrap();
    assert_eq!(page.claim.state, ClaimState::Submitted);
    let sub = &page.submissions[0];
    assert_eq!(
        (sub.worked_until.unwrap() - sub.worked_from.unwrap()).num_hours(),
        2
    );
    let queue = claims::verification_queue(ctx, &c.verifier, &c.handle)
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
}

#[tokio::test]
async fn members_roles_and_the_last_owner() {
    let t = TestDb::new();
    let c = city(&t, VerificationMethod::IssuerReview).await;
    let ctx = &c.ctx;
    let org = organizations::by_handle(ctx, &c.handle, None)
        .await
        .unwrap();
    // A verifier cannot edit the catalog or manage members.
    assert!(matches!(
        catalog::create_template(ctx, &c.verifier, &c.handle, spec(1)).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        organizations::invite(ctx, &c.verifier, &c.handle, "ana", "owner").await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        organizations::remove_member(ctx, &c.owner, &c.handle, &c.owner.id.to_string()).await,
        Err(AppError::LastOwner)
    ));
    organizations::change_role(
        ctx,
        &c.owner,
        &c.handle,
        &c.verifier.id.to_string(),
        "owner",
    )
    .await
    .unwrap();
    organizations::remove_member(ctx, &c.verifier, &c.handle, &c.owner.id.to_string())
        .await
        .unwrap();
    let (members, _) = organizations::members(ctx, &org, &c.verifier)
        .await
        .unwrap();
    assert_eq!(members.len(), 1);
    // A pending organization cannot publish.
    let other = person(ctx, "pat", false).await;
    organizations::create(
        ctx,
        &other,
        NewOrganization {
            handle: "pending-org".into(),
            name: "Pending".into(),
            is_issuer: true,
            contact_email: "p@x.org".into(),
            ..NewOrganization::default()
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        catalog::create_template(ctx, &other, "pending-org", spec(1)).await,
        Err(AppError::OrganizationNotApproved)
    ));
    assert!(matches!(
        organizations::by_handle(ctx, "pending-org", None).await,
        Err(AppError::NotFound)
    ));
}
