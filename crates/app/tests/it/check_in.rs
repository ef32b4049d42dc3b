//! Self check-in by a poster's QR code: the time window, the order of check-in and
//! check-out, the hours, the distance rule, and verifiers' bulk confirmation approving
//! exactly the selected claims once. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::check_in::{self, CheckInError, Refusal, Step};
use citysync_app::claims::{self, Claim};
use citysync_app::organizations::{self, NewOrganization};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::lifecycle::{ClaimState, OpportunityEvent, TemplateEvent};
use citysync_domain::task::{TemplateSpec, VerificationMethod};
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use citysync_test_support::{both_backends, ctx_with_clock, person, ManualClock, TestDb};
use std::sync::Arc;

struct Site {
    ctx: Ctx,
    clock: Arc<ManualClock>,
    /// Owner of the issuing organization: edits and verifies.
    owner: User,
    template_id: String,
}

/// An approved issuer with a budget and one active on-site template.
async fn site(t: &TestDb) -> Site {
    let (ctx, clock) = ctx_with_clock(t);
    let admin = person(&ctx, "admin_ada", true).await;
    let owner = person(&ctx, "owner_olga", false).await;
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
    let org = organizations::by_handle(&ctx, "creek-friends", None)
        .await
        .unwrap();
    citysync_app::ledger::epochs::set_budget(&ctx, &admin, &org.id, "1000", "budget-1")
        .await
        .unwrap();
    let spec = TemplateSpec {
        title: "Creek cleanup".into(),
        summary: "Pick up litter along the creek".into(),
        instructions: String::new(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::OnSite,
        proof_kinds: vec![],
        reward_city: 300,
        reward_vote: 1,
        estimated_minutes: 120,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    };
    let template = catalog::create_template(&ctx, &owner, "creek-friends", spec)
        .await
        .unwrap();
    catalog::change_template(&ctx, &owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    Site {
        ctx,
        clock,
        owner,
        template_id: template.id,
    }
}

const CREEK: (f64, f64) = (19.4326, -99.1332);

impl Site {
    /// A published opportunity starting in two hours, for two hours.
    async fn opportunity(&self, point: Option<GeoPoint>) -> String {
        let now = self.ctx.now();
        let opp = catalog::create_opportunity(
            &self.ctx,
            &self.owner,
            OpportunityInput {
                template_id: self.template_id.clone(),
                spec: OpportunitySpec {
                    title_override: None,
                    place: "Strawberry Creek".into(),
                    point,
                    starts_at: now + Duration::hours(2),
                    ends_at: now + Duration::hours(4),
                    claim_deadline: now + Duration::hours(1),
                    capacity: 5,
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

    async fn token(&self, opp: &str) -> String {
        check_in::poster(&self.ctx, &self.owner, opp)
            .await
            .unwrap()
            .token
    }
}

async fn step(ctx: &Ctx, who: &User, token: &str, s: Step) -> Result<Claim, CheckInError> {
    check_in::check(ctx, who, token, s, None).await
}

fn refusal<T: std::fmt::Debug>(r: Result<T, CheckInError>) -> Refusal {
    match r {
        Err(CheckInError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_window_the_order_and_the_hours() {
    for (backend, t) in both_backends() {
        let s = site(&t).await;
        let ctx = &s.ctx;
        let opp = s.opportunity(None).await;
        let token = s.token(&opp).await;
        assert_eq!(
            s.token(&opp).await,
            token,
            "{backend}: one poster per opportunity"
        );
        let ana = person(ctx, "ana", false).await;
        let ben = person(ctx, "ben", false).await;
        let eve = person(ctx, "eve", false).await;
        let claim = claims::claim(ctx, &ana, &opp).await.unwrap();
        claims::claim(ctx, &ben, &opp).await.unwrap();

        // Two hours before the start: the window (30 minutes early) is not open.
        let opens = ctx.now() + Duration::minutes(90);
        assert_eq!(
            refusal(step(ctx, &ana, &token, Step::In).await),
            Refusal::TooEarly { opens_at: opens },
            "{backend}"
        );
        // A quarter of an hour before the start: checking out first is refused.
        s.clock.advance(Duration::minutes(105));
        assert_eq!(
            refusal(step(ctx, &ana, &token, Step::Out).await),
            Refusal::NotCheckedIn,
            "{backend}"
        );
        // Without a claim: refused.
        assert_eq!(
            refusal(step(ctx, &eve, &token, Step::In).await),
            Refusal::NoClaim,
            "{backend}"
        );
        let page = check_in::page(ctx, Some(&ana), &token).await.unwrap();
        assert!(page.open_now && page.claim.is_some(), "{backend}");
        assert!(
            page.claim.unwrap().checked_in_at.is_none(),
            "{backend}: refusals change nothing"
        );

        let checked = step(ctx, &ana, &token, Step::In).await.unwrap();
        assert_eq!(checked.checked_in_at, Some(ctx.now()), "{backend}");
        assert_eq!(
            refusal(step(ctx, &ana, &token, Step::In).await),
            Refusal::AlreadyCheckedIn,
            "{backend}"
        );

        // Two and a half hours later (15 minutes after the end): out, the times are the proof.
        s.clock.advance(Duration::minutes(150));
        let out = step(ctx, &ana, &token, Step::Out).await.unwrap();
        assert_eq!(out.state, ClaimState::Submitted, "{backend}");
        assert_eq!(
            check_in::worked_minutes(out.checked_in_at, out.checked_out_at),
            Some(150),
            "{backend}"
        );
        assert!((citysync_app::hours::hours_of(150) - 2.5).abs() < f64::EPSILON);
        let page = claims::claim_page(ctx, &ana, &claim.id).await.unwrap();
        let sub = &page.submissions[0];
        assert_eq!(
            (sub.worked_until.unwrap() - sub.worked_from.unwrap()).num_minutes(),
            150,
            "{backend}"
        );

        // More than an hour after the end: refused.
        s.clock.advance(Duration::minutes(46));
        assert!(matches!(
            refusal(step(ctx, &ben, &token, Step::In).await),
            Refusal::TooLate { .. }
        ));
        // An unknown token is not found.
        assert!(matches!(
            step(ctx, &ben, "no-such-token", Step::In).await,
            Err(CheckInError::App(AppError::NotFound))
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn far_from_the_point_is_refused_when_the_organization_asks() {
    for (backend, t) in both_backends() {
        let s = site(&t).await;
        let ctx = &s.ctx;
        let point = GeoPoint::new(CREEK.0, CREEK.1).unwrap();
        let opp = s.opportunity(Some(point)).await;
        let token = s.token(&opp).await;
        let ana = person(ctx, "ana", false).await;
        claims::claim(ctx, &ana, &opp).await.unwrap();
        s.clock.advance(Duration::minutes(100));

        // No rule: no position needed. Then the organization asks for 200 m.
        assert!(
            !check_in::page(ctx, Some(&ana), &token)
                .await
                .unwrap()
                .needs_position
        );
        assert!(check_in::set_max_distance(ctx, &ana, &opp, Some(200))
            .await
            .is_err());
        check_in::set_max_distance(ctx, &s.owner, &opp, Some(200))
            .await
            .unwrap();
        assert!(
            check_in::page(ctx, Some(&ana), &token)
                .await
                .unwrap()
                .needs_position
        );

        assert_eq!(
            refusal(check_in::check(ctx, &ana, &token, Step::In, None).await),
            Refusal::PositionNeeded,
            "{backend}"
        );
        // About 1.1 km north.
        let far = GeoPoint::new(CREEK.0 + 0.01, CREEK.1).unwrap();
        match refusal(check_in::check(ctx, &ana, &token, Step::In, Some(far)).await) {
            Refusal::TooFar { meters, max_meters } => {
                assert!((1000..1200).contains(&meters), "{backend}: {meters}");
                assert_eq!(max_meters, 200);
            }
            other => panic!("{backend}: {other:?}"),
        }
        // About 55 m away: accepted.
        let near = GeoPoint::new(CREEK.0 + 0.0005, CREEK.1).unwrap();
        let claim = check_in::check(ctx, &ana, &token, Step::In, Some(near))
            .await
            .unwrap();
        assert!(claim.checked_in_at.is_some(), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bulk_confirmation_approves_exactly_the_selected_once() {
    for (backend, t) in both_backends() {
        let s = site(&t).await;
        let ctx = &s.ctx;
        let opp = s.opportunity(None).await;
        let token = s.token(&opp).await;
        let mut residents = Vec::new();
        for name in ["ana", "ben", "cyd"] {
            let who = person(ctx, name, false).await;
            let claim = claims::claim(ctx, &who, &opp).await.unwrap();
            residents.push((who, claim.id));
        }
        s.clock.advance(Duration::minutes(110));
        for (who, _) in &residents {
            step(ctx, who, &token, Step::In).await.unwrap();
        }
        s.clock.advance(Duration::hours(2));
        // Cy stays checked in: not confirmable yet.
        for (who, _) in &residents[..2] {
            step(ctx, who, &token, Step::Out).await.unwrap();
        }
        let (ana_claim, ben_claim, cy_claim) = (
            residents[0].1.clone(),
            residents[1].1.clone(),
            residents[2].1.clone(),
        );
        // A resident is no verifier.
        assert!(matches!(
            check_in::checked_in(ctx, &residents[0].0, &opp).await,
            Err(AppError::Forbidden)
        ));
        let list = check_in::checked_in(ctx, &s.owner, &opp).await.unwrap();
        assert_eq!(list.len(), 3, "{backend}");
        assert_eq!(
            list.iter().filter(|c| c.confirmable).count(),
            2,
            "{backend}"
        );
        assert_eq!(
            list.iter().find(|c| c.username == "ana").unwrap().minutes,
            Some(120),
            "{backend}"
        );

        let selected = vec![ana_claim.clone(), cy_claim.clone()];
        let done = check_in::confirm(ctx, &s.owner, &opp, &selected, 4)
            .await
            .unwrap();
        assert_eq!((done.approved, done.skipped), (1, 1), "{backend}: {done:?}");
        // Posted again: nothing more.
        let again = check_in::confirm(ctx, &s.owner, &opp, &selected, 4)
            .await
            .unwrap();
        assert_eq!(
            (again.approved, again.skipped),
            (0, 2),
            "{backend}: {again:?}"
        );

        let owner = &s.owner;
        let state = |id: String| async move {
            claims::claim_page(ctx, owner, &id)
                .await
                .map(|p| p.claim.state)
        };
        assert_eq!(
            state(ana_claim.clone()).await.unwrap(),
            ClaimState::Verified,
            "{backend}"
        );
        assert_eq!(
            state(ben_claim.clone()).await.unwrap(),
            ClaimState::Submitted,
            "{backend}"
        );
        let contributions: i64 = {
            let opp = opp.clone();
            ctx.db()
                .run::<_, citysync_storage::StorageError, _>(move |conn| {
                    use citysync_storage::schema::contributions::dsl as c;
                    use diesel::prelude::*;
                    Ok(c::contributions
                        .filter(c::opportunity_id.eq(opp))
                        .count()
                        .get_result(conn)?)
                })
                .await
                .unwrap()
        };
        assert_eq!(contributions, 1, "{backend}: minted once");
        let list = check_in::checked_in(ctx, &s.owner, &opp).await.unwrap();
        let confirmed: Vec<&str> = list
            .iter()
            .filter(|c| c.confirmed_at.is_some())
            .map(|c| c.username.as_str())
            .collect();
        assert_eq!(confirmed, vec!["ana"], "{backend}");
    }
}
