//! Overlap detection against real databases: an issuer drafting a park cleanup is shown
//! the cleanup already published at the same park, with the reasons, and not unrelated work.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::overlap::{self, SimilarKind};
use citysync_app::{Ctx, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::similarity::{Candidate, DayPart, Reason};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::{GeoPoint, OpportunitySpec};
use citysync_test_support::{approved_organization, both_backends, ctx_with_clock, person};

/// Aquatic Park, Berkeley, and a spot about 400 m north of it.
fn aquatic() -> GeoPoint {
    GeoPoint::new(37.8617, -122.2960).unwrap()
}
fn aquatic_north() -> GeoPoint {
    GeoPoint::new(37.8653, -122.2960).unwrap()
}

fn spec(title: &str, summary: &str, category: &str, unit: &str) -> TemplateSpec {
    TemplateSpec {
        title: title.into(),
        summary: summary.into(),
        instructions: String::new(),
        category: category.into(),
        outcome_unit: unit.into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city: 100,
        reward_vote: 1,
        estimated_minutes: 120,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    }
}

/// Next Saturday at 09:00, at least two days away.
fn saturday_morning(now: NaiveDateTime) -> NaiveDateTime {
    let mut day = now.date() + Duration::days(2);
    while day.weekday() != Weekday::Sat {
        day += Duration::days(1);
    }
    day.and_hms_opt(9, 0, 0).unwrap()
}

/// An active template and a published opportunity from it.
async fn publish(
    ctx: &Ctx,
    owner: &User,
    handle: &str,
    template: TemplateSpec,
    place: &str,
    point: GeoPoint,
    starts_at: NaiveDateTime,
) -> (String, String) {
    let t = catalog::create_template(ctx, owner, handle, template)
        .await
        .unwrap();
    catalog::change_template(ctx, owner, &t.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let opp = catalog::create_opportunity(
        ctx,
        owner,
        OpportunityInput {
            template_id: t.id.clone(),
            spec: OpportunitySpec {
                title_override: None,
                place: place.into(),
                point: Some(point),
                starts_at,
                ends_at: starts_at + Duration::hours(3),
                claim_deadline: starts_at,
                capacity: 20,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, owner, &opp.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    (t.id, opp.id)
}

#[tokio::test]
async fn overlap_draft_cleanup_finds_existing_cleanup_not_tutoring() {
    for (backend, db) in both_backends() {
        let (ctx, _clock) = ctx_with_clock(&db);
        let admin = person(&ctx, "admin_ana", true).await;
        let parks = person(&ctx, "pat_parks", false).await;
        let tutor = person(&ctx, "tom_tutor", false).await;
        approved_organization(&ctx, &admin, &parks, "shoreline-friends", true, false).await;
        approved_organization(&ctx, &admin, &tutor, "math-circle", true, false).await;
        let saturday = saturday_morning(ctx.now());

        let (cleanup_template, cleanup) = publish(
            &ctx,
            &parks,
            "shoreline-friends",
            spec(
                "Aquatic Park cleanup",
                "Pick up litter along the shore of Aquatic Park on Saturday.",
                "environment",
                "kg_waste_diverted",
            ),
            "Aquatic Park, south lawn",
            aquatic(),
            saturday,
        )
        .await;
        let (_, tutoring) = publish(
            &ctx,
            &tutor,
            "math-circle",
            spec(
                "After-school math tutoring",
                "Help fifth graders with fractions at the library.",
                "education",
                "tutoring_hours",
            ),
            "Central library",
            GeoPoint::new(37.8690, -122.2680).unwrap(),
            saturday + Duration::days(3),
        )
        .await;

        let draft = Candidate {
            title: "Saturday park cleanup at Aquatic Park".into(),
            summary: "Litter pick-up along the Aquatic Park shore.".into(),
            instructions: String::new(),
            category: "environment".into(),
            point: Some(aquatic_north()),
            starts_at: Some(saturday + Duration::hours(1)),
            ends_at: Some(saturday + Duration::hours(3)),
        };
        let found = overlap::similar_to(&ctx, draft.clone(), None)
            .await
            .unwrap();

        let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert!(!ids.contains(&tutoring.as_str()), "{backend}: {found:#?}");
        let opp = found
            .iter()
            .find(|s| s.id == cleanup)
            .unwrap_or_else(|| panic!("{backend}: the cleanup is listed: {found:#?}"));
        assert_eq!(opp.kind, SimilarKind::Opportunity, "{backend}");
        assert_eq!(opp.organization_handle, "shoreline-friends", "{backend}");
        assert_eq!(opp.title, "Aquatic Park cleanup", "{backend}");
        let reasons = &opp.explanation.reasons;
        assert_eq!(reasons.first(), Some(&Reason::SameCategory), "{backend}");
        assert!(
            reasons
                .iter()
                .any(|r| matches!(r, Reason::Nearby { meters } if (350..=450).contains(meters))),
            "{backend}: {reasons:?}"
        );
        assert!(
            reasons.contains(&Reason::SameDay {
                date: saturday.date(),
                part: Some(DayPart::Morning),
            }),
            "{backend}: {reasons:?}"
        );
        assert!(
            reasons.contains(&Reason::TimeOverlap { minutes: 120 }),
            "{backend}: {reasons:?}"
        );
        // The template it was issued from is listed too, below the dated opportunity.
        let template = found
            .iter()
            .find(|s| s.id == cleanup_template)
            .unwrap_or_else(|| panic!("{backend}: the template is listed: {found:#?}"));
        assert_eq!(template.kind, SimilarKind::Template, "{backend}");
        assert!(template.score < opp.score, "{backend}");
        assert_eq!(found.first().map(|s| s.id.as_str()), Some(cleanup.as_str()));

        // Deterministic, and the excluded id is left out.
        assert_eq!(
            overlap::similar_to(&ctx, draft.clone(), None)
                .await
                .unwrap(),
            found,
            "{backend}"
        );
        let without = overlap::similar_to(&ctx, draft, Some(&cleanup))
            .await
            .unwrap();
        assert!(without.iter().all(|s| s.id != cleanup), "{backend}");
    }
}

#[tokio::test]
async fn overlap_nothing_similar_is_an_empty_list() {
    for (backend, db) in both_backends() {
        let (ctx, _clock) = ctx_with_clock(&db);
        let admin = person(&ctx, "admin_ana", true).await;
        let tutor = person(&ctx, "tom_tutor", false).await;
        approved_organization(&ctx, &admin, &tutor, "math-circle", true, false).await;
        let saturday = saturday_morning(ctx.now());
        publish(
            &ctx,
            &tutor,
            "math-circle",
            spec(
                "After-school math tutoring",
                "Help fifth graders with fractions at the library.",
                "education",
                "tutoring_hours",
            ),
            "Central library",
            GeoPoint::new(37.8690, -122.2680).unwrap(),
            saturday,
        )
        .await;
        let draft = Candidate {
            title: "Saturday park cleanup at Aquatic Park".into(),
            category: "environment".into(),
            point: Some(aquatic()),
            ..Candidate::default()
        };
        let found = overlap::similar_to(&ctx, draft, None).await.unwrap();
        assert!(found.is_empty(), "{backend}: {found:#?}");
    }
}

/// A resident's claim on `opportunity`; returns its id.
async fn claimed(ctx: &Ctx, resident: &User, opportunity: &str) -> String {
    citysync_app::claims::claim(ctx, resident, opportunity)
        .await
        .unwrap()
        .id
}

/// The resident's text proof on `claim` (once the work has begun), approved by `verifier`.
async fn verified(ctx: &Ctx, resident: &User, verifier: &User, claim: &str) {
    use citysync_app::claims::{self, DecisionInput, ProofInput};
    let proof = ProofInput {
        text: "Two bags of litter".into(),
        outcome_quantity: "4".into(),
        ..ProofInput::default()
    };
    claims::submit(ctx, resident, claim, proof).await.unwrap();
    let page = claims::claim_page(ctx, verifier, claim).await.unwrap();
    let submission = page.submissions.last().unwrap();
    let approve = DecisionInput::Approve {
        confirmed_outcome: "4".into(),
        quality_rating: "5".into(),
        feedback: String::new(),
    };
    claims::decide(ctx, verifier, &submission.id, approve)
        .await
        .unwrap();
}

#[tokio::test]
async fn overlap_monthly_report_pairs_duplicate_programs_with_residents_reached() {
    use citysync_app::ledger::epochs;
    for (backend, db) in both_backends() {
        let (ctx, clock) = ctx_with_clock(&db);
        let admin = person(&ctx, "admin_ana", true).await;
        let shore = person(&ctx, "pat_parks", false).await;
        let bay = person(&ctx, "bo_bay", false).await;
        let tutor = person(&ctx, "tom_tutor", false).await;
        let shore_org =
            approved_organization(&ctx, &admin, &shore, "shoreline-friends", true, false).await;
        let bay_org = approved_organization(&ctx, &admin, &bay, "baykeepers", true, false).await;
        approved_organization(&ctx, &admin, &tutor, "math-circle", true, false).await;
        for org in [&shore_org, &bay_org] {
            epochs::set_budget(&ctx, &admin, org, "100", &format!("budget-{org}"))
                .await
                .unwrap();
        }
        let saturday = saturday_morning(ctx.now());
        let cleanup = |title: &str| {
            spec(
                title,
                "Pick up litter along the shore of Aquatic Park on Saturday.",
                "environment",
                "kg_waste_diverted",
            )
        };
        let (shore_template, shore_opp) = publish(
            &ctx,
            &shore,
            "shoreline-friends",
            cleanup("Aquatic Park cleanup"),
            "Aquatic Park",
            aquatic(),
            saturday,
        )
        .await;
        let (bay_template, bay_opp) = publish(
            &ctx,
            &bay,
            "baykeepers",
            cleanup("Saturday shore cleanup, Aquatic Park"),
            "Aquatic Park north",
            aquatic_north(),
            saturday + Duration::hours(1),
        )
        .await;
        publish(
            &ctx,
            &tutor,
            "math-circle",
            spec(
                "After-school math tutoring",
                "Help fifth graders with fractions at the library.",
                "education",
                "tutoring_hours",
            ),
            "Central library",
            aquatic(),
            saturday,
        )
        .await;
        // Two residents reached by the shoreline cleanup, one by the bay's: they claim this
        // week, and send proof on Saturday once the work has begun.
        let mut work = Vec::new();
        for name in ["rita", "raul"] {
            let r = person(&ctx, name, false).await;
            work.push((claimed(&ctx, &r, &shore_opp).await, r, &shore));
        }
        let r = person(&ctx, "rosa", false).await;
        work.push((claimed(&ctx, &r, &bay_opp).await, r, &bay));
        clock.set((saturday + Duration::hours(2)).and_utc());
        for (claim, r, verifier) in &work {
            verified(&ctx, r, verifier, claim).await;
        }

        let report = overlap::monthly_report(&ctx, &admin, saturday.date())
            .await
            .unwrap();
        assert_eq!(report.compared, 3, "{backend}");
        assert_eq!(report.pairs.len(), 1, "{backend}: {report:#?}");
        let pair = &report.pairs[0];
        let mut programs = [&pair.first, &pair.second];
        programs.sort_by_key(|p| p.template_id == bay_template);
        assert_eq!(programs[0].template_id, shore_template, "{backend}");
        assert_eq!(programs[0].residents_reached, 2, "{backend}");
        assert_eq!(programs[1].residents_reached, 1, "{backend}");
        assert!(pair.explanation.has(|r| *r == Reason::SameCategory));
        assert!(pair.explanation.has(|r| matches!(r, Reason::Nearby { .. })));
        // Another month holds nothing; the report is the administrator's.
        let later = overlap::monthly_report(&ctx, &admin, saturday.date() + Duration::days(62))
            .await
            .unwrap();
        assert!(later.pairs.is_empty(), "{backend}");
        assert!(overlap::monthly_report(&ctx, &shore, saturday.date())
            .await
            .is_err());

        // The shoreline's console neighbors: the bay (same category, nearby) and the
        // tutors (nearby only), the bay first.
        let neighbors = overlap::neighbors_of(&ctx, &shore_org).await.unwrap();
        let handles: Vec<&str> = neighbors.iter().map(|n| n.handle.as_str()).collect();
        assert_eq!(handles, ["baykeepers", "math-circle"], "{backend}");
        assert_eq!(neighbors[0].shared_categories, ["environment"], "{backend}");
        assert_eq!(neighbors[0].nearby_opportunities, 1, "{backend}");
        assert!(neighbors[1].shared_categories.is_empty(), "{backend}");
        assert_eq!(neighbors[1].nearest_meters, Some(0), "{backend}");
    }
}
