//! Reconciliation: a month of random civic work, spending and weekly epoch closes, after
//! which the transparency dashboard, the sealed epoch reports and `ledger verify` agree to
//! the unit — each epoch alone and the month as a range — and the dashboard's work figures
//! match the claims and contributions recorded. On SQLite and PostgreSQL.
//!
//! `TRANSPARENCY_SEED=<n>` replays a run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Duration, TimeZone, Utc};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::ledger::{check, epochs};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::transparency::{self, Span};
use citysync_app::{redemptions, Ctx, User};
use citysync_domain::epoch::EpochLength;
use citysync_domain::ledger::Movements;
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_with_clock, person,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;

const REASONS: [&str; 5] = [
    "insufficient_proof",
    "not_completed",
    "outside_window",
    "duplicate",
    "other",
];
const CATEGORIES: [(&str, &str); 2] = [
    ("environment", "kg_waste_diverted"),
    ("education", "tutoring_hours"),
];

fn spec(category: &str, unit: &str, reward_city: i64) -> TemplateSpec {
    TemplateSpec {
        title: format!("{category} work"),
        summary: "Civic work".into(),
        instructions: String::new(),
        category: category.into(),
        outcome_unit: unit.into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city,
        reward_vote: 2,
        estimated_minutes: 60,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    }
}

/// Adds every field of `b` to `a` (the report's movements are plain sums).
fn add(a: &Movements, b: &Movements) -> Movements {
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    let mut sum = a.clone();
    for (k, v) in a.as_object().unwrap() {
        sum[k] = (v.as_i64().unwrap() + b[k].as_i64().unwrap()).into();
    }
    serde_json::from_value(sum).unwrap()
}

struct Month {
    ctx: Ctx,
    rng: StdRng,
    owner: User,
    verifier: User,
    cashier: User,
    residents: Vec<User>,
    templates: Vec<String>,
    cafe: String,
    offering: citysync_domain::OfferingId,
    opportunities: Vec<String>,
    /// (claim id, claimant index)
    claims: Vec<(String, usize)>,
}

impl Month {
    async fn step(&mut self) {
        let ctx = self.ctx.clone();
        match self.rng.gen_range(0..10) {
            0 => {
                let now = ctx.now();
                let template = self.templates[self.rng.gen_range(0..self.templates.len())].clone();
                let start = now + Duration::hours(self.rng.gen_range(1..48));
                let opportunity = catalog::create_opportunity(
                    &ctx,
                    &self.owner,
                    OpportunityInput {
                        template_id: template,
                        spec: OpportunitySpec {
                            title_override: None,
                            place: "Aquatic Park".into(),
                            point: None,
                            starts_at: start,
                            ends_at: start + Duration::days(3),
                            claim_deadline: start + Duration::days(2),
                            capacity: self.rng.gen_range(1..6),
                            onsite_instructions: String::new(),
                        },
                    },
                )
                .await
                .unwrap();
                catalog::change_opportunity(
                    &ctx,
                    &self.owner,
                    &opportunity.id,
                    OpportunityEvent::Publish,
                )
                .await
                .unwrap();
                self.opportunities.push(opportunity.id);
            }
            1..=3 if !self.opportunities.is_empty() => {
                let who = self.rng.gen_range(0..self.residents.len());
                let opportunity =
                    &self.opportunities[self.rng.gen_range(0..self.opportunities.len())];
                // Full, past its deadline or claimed already: refused, and that is fine.
                if let Ok(claim) = claims::claim(&ctx, &self.residents[who], opportunity).await {
                    self.claims.push((claim.id, who));
                }
            }
            4 | 5 if !self.claims.is_empty() => {
                let (claim, who) = self.claims[self.rng.gen_range(0..self.claims.len())].clone();
                let proof = ProofInput {
                    text: "Done".into(),
                    outcome_quantity: format!("{}", self.rng.gen_range(1..8)),
                    ..ProofInput::default()
                };
                let _ = claims::submit(&ctx, &self.residents[who], &claim, proof).await;
            }
            6 | 7 if !self.claims.is_empty() => {
                let (claim, _) = self.claims[self.rng.gen_range(0..self.claims.len())].clone();
                let page = claims::claim_page(&ctx, &self.verifier, &claim)
                    .await
                    .unwrap();
                if let Some(submission) = page.submissions.iter().find(|s| s.decision.is_none()) {
                    let decision = if self.rng.gen_bool(0.7) {
                        DecisionInput::Approve {
                            confirmed_outcome: format!("{}", submission.outcome_quantity),
                            quality_rating: format!("{}", self.rng.gen_range(1..=5)),
                            feedback: String::new(),
                        }
                    } else {
                        DecisionInput::Reject {
                            reason: REASONS[self.rng.gen_range(0..REASONS.len())].into(),
                            feedback: "Please add more detail".into(),
                        }
                    };
                    claims::decide(&ctx, &self.verifier, &submission.id, decision)
                        .await
                        .unwrap();
                }
            }
            8 | 9 => {
                // At the counter: reserve, then the cashier honors it, the resident thinks
                // better of it, or it is left to lapse.
                let who = self.rng.gen_range(0..self.residents.len());
                let key = uuid::Uuid::new_v4().to_string();
                // Not enough CITY yet: refused, and that is fine.
                if let Ok(id) =
                    redemptions::reserve(&ctx, &self.residents[who], &self.offering, &key).await
                {
                    match self.rng.gen_range(0..10) {
                        0..=5 => {
                            redemptions::honor(&ctx, &self.cashier, &self.cafe, &id)
                                .await
                                .unwrap();
                        }
                        6 | 7 => redemptions::cancel(&ctx, &self.residents[who], &id)
                            .await
                            .unwrap(),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_month_of_activity_reconciles_dashboard_reports_and_ledger() {
    let seed: u64 = std::env::var("TRANSPARENCY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    println!("transparency reconciliation seed {seed}");
    for (backend, t) in both_backends() {
        let (mut ctx, clock) = ctx_with_clock(&t);
        let mut settings = (*ctx.settings).clone();
        settings.ledger.epoch_length = EpochLength::Days(7);
        ctx.settings = Arc::new(settings);
        clock.set(Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap());
        let admin = person(&ctx, "clerk", true).await;
        let owner = person(&ctx, "olga", false).await;
        let verifier = person(&ctx, "vera", false).await;
        let barista = person(&ctx, "carmen", false).await;
        let cashier = person(&ctx, "carl", false).await;
        let mut residents = Vec::new();
        for i in 0..8 {
            residents.push(person(&ctx, &format!("resident{i}"), false).await);
        }
        let issuer = approved_organization(&ctx, &admin, &owner, "park-friends", true, false).await;
        add_member(&ctx, &owner, "park-friends", &verifier, "verifier").await;
        epochs::set_budget(&ctx, &admin, &issuer, "400", "budget")
            .await
            .unwrap();
        let cafe = approved_organization(&ctx, &admin, &barista, "corner-cafe", false, true).await;
        add_member(&ctx, &barista, "corner-cafe", &cashier, "cashier").await;
        let offering = offerings::create(
            &ctx,
            &barista,
            &cafe,
            OfferingInput {
                title: "Tea".into(),
                price: "3.00".into(),
                category: "food_drink".into(),
                active: true,
                ..OfferingInput::default()
            },
            None,
        )
        .await
        .unwrap();
        offerings::commit(&ctx, &barista, &offering, "10000")
            .await
            .unwrap();
        let mut templates = Vec::new();
        for (i, (category, unit)) in CATEGORIES.iter().enumerate() {
            let template = catalog::create_template(
                &ctx,
                &owner,
                "park-friends",
                spec(category, unit, 250 + 250 * i as i64),
            )
            .await
            .unwrap();
            catalog::change_template(&ctx, &owner, &template.id, TemplateEvent::Activate)
                .await
                .unwrap();
            templates.push(template.id);
        }
        let first = epochs::current(&ctx).await.unwrap().number;
        let mut month = Month {
            ctx: ctx.clone(),
            rng: StdRng::seed_from_u64(seed),
            owner,
            verifier,
            cashier,
            residents,
            templates,
            cafe,
            offering,
            opportunities: Vec::new(),
            claims: Vec::new(),
        };
        // A month, in steps of a few hours; epochs close as they fall due (weekly).
        let end = ctx.now() + Duration::days(30);
        while ctx.now() < end {
            clock.advance(Duration::hours(month.rng.gen_range(1..7)));
            epochs::close_all_due(&ctx).await.unwrap();
            redemptions::expire_due(&ctx).await.unwrap();
            // The café commits its tea anew for each epoch.
            offerings::commit(&ctx, &barista, &month.offering, "10000")
                .await
                .unwrap();
            for _ in 0..month.rng.gen_range(1..4) {
                month.step().await;
            }
        }
        clock.advance(Duration::days(8));
        epochs::close_all_due(&ctx).await.unwrap();
        let current = epochs::current(&ctx).await.unwrap().number;
        let last = current - 1;
        assert!(last - first >= 3, "{backend}: a month of weekly epochs");

        // The ledger holds together.
        let verification = check::run(&ctx).await.unwrap();
        assert!(
            verification.failure.is_none(),
            "{backend}: {verification:?}"
        );

        // Each sealed epoch: the dashboard counts exactly what its report sealed.
        let mut sum = Movements::default();
        let mut verified_total = 0;
        for n in first..=last {
            let epoch = epochs::get(&ctx, n).await.unwrap();
            let report = epoch.report.expect("sealed");
            let d = transparency::dashboard(&ctx, Some(Span { first: n, last: n }))
                .await
                .unwrap();
            assert_eq!(
                d.ledger, report.figures,
                "{backend}: epoch {n} (seed {seed})"
            );
            assert_eq!(d.totals, report.totals, "{backend}: epoch {n} balances");
            // Every approval minted (rewards are never zero): one contribution each.
            assert_eq!(
                d.work.verified, report.figures.total.contributions,
                "{backend}: epoch {n}"
            );
            let counted: i64 = d.outcomes.iter().map(|o| o.contributions).sum();
            assert_eq!(counted, d.work.verified, "{backend}: epoch {n} outcomes");
            let by_org: i64 = d.organizations.iter().map(|o| o.ledger.city_minted).sum();
            assert_eq!(
                by_org, d.ledger.total.city_minted,
                "{backend}: epoch {n} by organization"
            );
            sum = add(&sum, &report.figures.total);
            verified_total += d.work.verified;
        }

        // The month as one range adds up to its epochs, and to what was recorded.
        let month_view = transparency::dashboard(&ctx, Some(Span { first, last }))
            .await
            .unwrap();
        assert_eq!(
            month_view.ledger.total, sum,
            "{backend}: the range (seed {seed})"
        );
        assert_eq!(month_view.work.verified, verified_total);
        let recorded = claims_and_contributions(&ctx).await;
        assert_eq!(
            (month_view.work.claimed, month_view.work.verified),
            recorded,
            "{backend}: the dashboard's work is the claims' and contributions' (seed {seed})"
        );
        assert!(
            month_view.work.verified > 3 && month_view.ledger.total.city_burned > 0,
            "{backend}: the month had work and spending (seed {seed}): {:?}",
            month_view.work
        );
        let rejected: i64 = month_view.work.rejected_by_reason.values().sum();
        assert_eq!(rejected, month_view.work.rejected);
        // The JSON behind the page is the same figures.
        let json = serde_json::to_value(&month_view).unwrap();
        assert_eq!(json["ledger"]["total"]["city_minted"], sum.city_minted);
    }
}

async fn claims_and_contributions(ctx: &Ctx) -> (i64, i64) {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Counts {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        claims: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        contributions: i64,
    }
    ctx.db()
        .run(|conn| {
            let c = diesel::sql_query(
                "SELECT (SELECT COUNT(*) FROM claims) AS claims, \
                 (SELECT COUNT(*) FROM contributions) AS contributions",
            )
            .get_result::<Counts>(conn)?;
            Ok::<_, citysync_storage::StorageError>((c.claims, c.contributions))
        })
        .await
        .unwrap()
}
