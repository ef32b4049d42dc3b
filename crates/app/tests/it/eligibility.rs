//! Eligibility of claims (issue 26): a minimum age taken on the day the work starts, a
//! guardian's consent for minors by a single-use emailed link, a versioned waiver accepted
//! with the claim and recorded with its version, qualifications with an expiry; a refused
//! claim writes nothing. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::{Datelike, Duration, NaiveDate};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims;
use citysync_app::eligibility::{self, RequirementsInput};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::eligibility::Unmet;
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::both_backends;
use diesel::prelude::*;

/// A published opportunity of the town's template starting `starts_in` from now.
async fn opportunity(town: &Town, starts_in: Duration, capacity: i32) -> (String, NaiveDate) {
    let ctx = &town.ctx;
    let starts_at = ctx.now() + starts_in;
    let opp = catalog::create_opportunity(
        ctx,
        &town.owner,
        OpportunityInput {
            template_id: town.template_id.clone(),
            spec: OpportunitySpec {
                title_override: None,
                place: "Strawberry Creek".into(),
                point: None,
                starts_at,
                ends_at: starts_at + Duration::hours(2),
                claim_deadline: starts_at - Duration::minutes(30),
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
    // The test city has no zone set: its clock is UTC.
    (opp.id, starts_at.date())
}

async fn require(town: &Town, min_age: &str, waiver: &str, qualifications: Vec<String>) {
    eligibility::set_requirements(
        &town.ctx,
        &town.owner,
        &town.template_id,
        RequirementsInput {
            min_age: min_age.into(),
            waiver: waiver.into(),
            qualification_ids: qualifications,
        },
    )
    .await
    .unwrap();
}

async fn claim(ctx: &Ctx, who: &User, opp: &str, waiver: Option<i32>) -> Result<(), AppError> {
    claims::claim_with(ctx, who, opp, 1, waiver)
        .await
        .map(|_| ())
}

fn unmet(result: Result<(), AppError>) -> Vec<Unmet> {
    match result {
        Err(AppError::ClaimRequirementsUnmet(unmet)) => unmet,
        other => panic!("expected a refusal for unmet requirements, got {other:?}"),
    }
}

/// `years` years before `day` (28 February for a 29 February that does not exist).
fn years_before(day: NaiveDate, years: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year() - years, day.month(), day.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(day.year() - years, 2, 28).unwrap())
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

async fn count(ctx: &Ctx, sql: &str) -> i64 {
    let sql = sql.to_owned();
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(diesel::sql_query(sql).get_result::<Count>(conn)?.n)
        })
        .await
        .unwrap()
}

/// Rows a claim could write: claims, waiver acceptances, notifications, queued mail, trail.
async fn footprint(ctx: &Ctx) -> [i64; 5] {
    [
        count(ctx, "SELECT COUNT(*) AS n FROM claims").await,
        count(ctx, "SELECT COUNT(*) AS n FROM waiver_acceptances").await,
        count(ctx, "SELECT COUNT(*) AS n FROM notifications").await,
        count(ctx, "SELECT COUNT(*) AS n FROM mail_queue").await,
        count(ctx, "SELECT COUNT(*) AS n FROM audit_trail").await,
    ]
}

/// The consent link's token in the last mail queued to `to`.
async fn consent_token(ctx: &Ctx, to: &str) -> String {
    #[derive(QueryableByName)]
    struct Body {
        #[diesel(sql_type = diesel::sql_types::Text)]
        body_text: String,
    }
    let to = to.to_owned();
    let body = ctx
        .db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(diesel::sql_query(format!(
                "SELECT body_text FROM mail_queue WHERE recipient = '{to}' \
                 ORDER BY created_at DESC LIMIT 1"
            ))
            .get_result::<Body>(conn)?
            .body_text)
        })
        .await
        .unwrap();
    let at = body.find("/guardian/").expect("a consent link in the mail") + "/guardian/".len();
    body[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_minimum_age_is_taken_on_the_day_the_work_starts() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        require(&town, "21", "", vec![]).await;
        let (early, early_day) = opportunity(&town, Duration::days(3), 5).await;
        let (late, _) = opportunity(&town, Duration::days(5), 5).await;

        // No date of birth: refused, and nothing written.
        let before = footprint(ctx).await;
        assert_eq!(
            unmet(claim(ctx, &town.ana, &early, None).await),
            vec![Unmet::BirthDate],
            "{backend}"
        );
        assert_eq!(
            footprint(ctx).await,
            before,
            "{backend}: a refusal writes nothing"
        );

        // She turns 21 the day after the early opportunity starts.
        let born = years_before(early_day, 21) + Duration::days(1);
        eligibility::set_birth_date(ctx, &town.ana, &born.to_string())
            .await
            .unwrap();
        assert_eq!(
            unmet(claim(ctx, &town.ana, &early, None).await),
            vec![Unmet::Age { min_age: 21 }],
            "{backend}"
        );
        let needs = eligibility::needs(ctx, &town.ana, &early, citysync_i18n::Locale::SOURCE)
            .await
            .unwrap();
        assert_eq!(needs.missing.len(), 1, "{backend}: {needs:?}");
        assert!(needs.missing[0].contains("21"), "{backend}: {needs:?}");
        // After her birthday she may.
        claim(ctx, &town.ana, &late, None).await.unwrap();

        // Typed dates are checked; a date in the future is refused.
        assert!(matches!(
            eligibility::set_birth_date(ctx, &town.ben, "31/12/2000").await,
            Err(AppError::BirthDateInvalid)
        ));
        let tomorrow = (ctx.now() + Duration::days(1)).date().to_string();
        assert!(matches!(
            eligibility::set_birth_date(ctx, &town.ben, &tomorrow).await,
            Err(AppError::BirthDateInvalid)
        ));
        assert!(matches!(
            eligibility::set_requirements(
                ctx,
                &town.owner,
                &town.template_id,
                RequirementsInput {
                    min_age: "0".into(),
                    ..RequirementsInput::default()
                }
            )
            .await,
            Err(AppError::MinAgeInvalid)
        ));
        // Only the organization's editors set requirements.
        assert!(matches!(
            eligibility::set_requirements(
                ctx,
                &town.ana,
                &town.template_id,
                RequirementsInput::default()
            )
            .await,
            Err(AppError::Forbidden)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_minor_claims_once_a_guardian_consents_by_the_emailed_link() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let (opp, _) = opportunity(&town, Duration::days(2), 5).await;
        let fifteen = years_before(ctx.now().date(), 15);
        eligibility::set_birth_date(ctx, &town.ben, &fifteen.to_string())
            .await
            .unwrap();

        // Even a template without requirements needs the guardian for a minor.
        let before = footprint(ctx).await;
        assert_eq!(
            unmet(claim(ctx, &town.ben, &opp, None).await),
            vec![Unmet::GuardianConsent],
            "{backend}"
        );
        assert_eq!(footprint(ctx).await, before, "{backend}");

        // An adult needs no guardian; a minor cannot name herself.
        assert!(matches!(
            eligibility::request_guardian_consent(ctx, &town.cruz, "mum@example.org").await,
            Err(AppError::GuardianNotNeeded)
        ));
        assert!(
            eligibility::request_guardian_consent(ctx, &town.ben, "ben@example.org")
                .await
                .is_err()
        );

        // A first request whose link runs out.
        eligibility::request_guardian_consent(ctx, &town.ben, "old@example.org")
            .await
            .unwrap();
        let stale = consent_token(ctx, "old@example.org").await;
        town.clock.advance(Duration::days(8));
        assert!(matches!(
            eligibility::consent(ctx, &stale).await,
            Err(AppError::InvalidLink)
        ));

        eligibility::request_guardian_consent(ctx, &town.ben, "Mum@Example.org")
            .await
            .unwrap();
        let mine = eligibility::my_eligibility(ctx, &town.ben).await.unwrap();
        assert!(mine.minor, "{backend}");
        assert_eq!(mine.pending_guardian.as_deref(), Some("mum@example.org"));
        let token = consent_token(ctx, "mum@example.org").await;
        let request = eligibility::consent_request(ctx, &token).await.unwrap();
        assert_eq!(request.resident, "ben", "{backend}");
        assert!(matches!(
            eligibility::consent(ctx, "not-a-token").await,
            Err(AppError::InvalidLink)
        ));
        eligibility::consent(ctx, &token).await.unwrap();
        // The link works once.
        assert!(matches!(
            eligibility::consent(ctx, &token).await,
            Err(AppError::InvalidLink)
        ));
        let mine = eligibility::my_eligibility(ctx, &town.ben).await.unwrap();
        assert_eq!(mine.consented_by.as_deref(), Some("mum@example.org"));
        assert_eq!(mine.consented_at, Some(ctx.now()), "{backend}");

        let (later, _) = opportunity(&town, Duration::days(2), 5).await;
        claim(ctx, &town.ben, &later, None).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_waiver_is_accepted_with_the_claim_and_recorded_with_its_version() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        require(&town, "", "I take part at my own risk.", vec![]).await;
        require(
            &town,
            "",
            "I take part at my own risk.\nWear gloves.",
            vec![],
        )
        .await;
        // The same text again is no new version.
        require(
            &town,
            "",
            "I take part at my own risk.\nWear gloves.",
            vec![],
        )
        .await;
        let page = eligibility::requirements_page(ctx, &town.owner, &town.template_id)
            .await
            .unwrap();
        assert_eq!(page.waiver_version, Some(2), "{backend}");

        let (opp, _) = opportunity(&town, Duration::days(2), 1).await;
        let needs = eligibility::needs(
            ctx,
            &town.ana,
            &opp,
            citysync_i18n::Locale::from_code("es").unwrap(),
        )
        .await
        .unwrap();
        let waiver = needs.waiver.expect("the claim form shows the waiver");
        assert_eq!(waiver.version, 2);
        assert!(waiver.body.contains("Wear gloves"), "{backend}");
        assert!(needs.missing.is_empty(), "{backend}: {:?}", needs.missing);

        let before = footprint(ctx).await;
        assert_eq!(
            unmet(claim(ctx, &town.ana, &opp, None).await),
            vec![Unmet::Waiver { version: 2 }]
        );
        // An older version does not count.
        assert_eq!(
            unmet(claim(ctx, &town.ana, &opp, Some(1)).await),
            vec![Unmet::Waiver { version: 2 }]
        );
        assert_eq!(footprint(ctx).await, before, "{backend}");

        claim(ctx, &town.ana, &opp, Some(2)).await.unwrap();
        let seen = eligibility::acceptances(ctx, &town.verifier, &opp)
            .await
            .unwrap();
        assert_eq!(seen.len(), 1, "{backend}");
        assert_eq!((seen[0].username.as_str(), seen[0].version), ("ana", 2));
        assert_eq!(seen[0].accepted_at, ctx.now());
        // Residents do not see who accepted.
        assert!(eligibility::acceptances(ctx, &town.ben, &opp)
            .await
            .unwrap()
            .is_empty());

        // The place is taken: ben's acceptance is rolled back with his refused claim.
        let before = footprint(ctx).await;
        assert!(matches!(
            claim(ctx, &town.ben, &opp, Some(2)).await,
            Err(AppError::OpportunityFull)
        ));
        assert_eq!(footprint(ctx).await, before, "{backend}");

        // An empty text removes the waiver.
        require(&town, "", "", vec![]).await;
        let (free, _) = opportunity(&town, Duration::days(2), 5).await;
        claim(ctx, &town.cruz, &free, None).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_qualification_must_be_held_and_unexpired_on_the_start() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let food = eligibility::define_qualification(
            ctx,
            &town.owner,
            "creek-friends",
            "Food handler card",
        )
        .await
        .unwrap();
        assert!(matches!(
            eligibility::define_qualification(
                ctx,
                &town.owner,
                "creek-friends",
                "food handler card"
            )
            .await,
            Err(AppError::QualificationTaken)
        ));
        assert!(matches!(
            eligibility::define_qualification(ctx, &town.verifier, "creek-friends", "Other").await,
            Err(AppError::Forbidden)
        ));
        require(&town, "", "", vec![food.id.clone()]).await;
        let (opp, start) = opportunity(&town, Duration::days(10), 5).await;

        let before = footprint(ctx).await;
        assert_eq!(
            unmet(claim(ctx, &town.dora, &opp, None).await),
            vec![Unmet::Qualification {
                id: food.id.clone(),
                name: "Food handler card".into()
            }],
            "{backend}"
        );
        // Granted by a verifier, but expiring the day before the work starts.
        let day_before = (start - Duration::days(1)).to_string();
        eligibility::grant_qualification(
            ctx,
            &town.verifier,
            "creek-friends",
            &food.id,
            "dora",
            &day_before,
        )
        .await
        .unwrap();
        assert!(claim(ctx, &town.dora, &opp, None).await.is_err());
        assert_eq!(
            footprint(ctx).await[..3],
            before[..3],
            "{backend}: refused claims write no claim, acceptance or notice"
        );
        // Expiries in the past and strangers are refused.
        let yesterday = (ctx.now() - Duration::days(1)).date().to_string();
        assert!(matches!(
            eligibility::grant_qualification(
                ctx,
                &town.owner,
                "creek-friends",
                &food.id,
                "dora",
                &yesterday
            )
            .await,
            Err(AppError::ExpiryInvalid)
        ));
        assert!(matches!(
            eligibility::grant_qualification(
                ctx,
                &town.ana,
                "creek-friends",
                &food.id,
                "dora",
                &start.to_string()
            )
            .await,
            Err(AppError::Forbidden)
        ));
        // Granting again moves the expiry to the day it starts: enough.
        eligibility::grant_qualification(
            ctx,
            &town.owner,
            "creek-friends",
            &food.id,
            "dora@example.org",
            &start.to_string(),
        )
        .await
        .unwrap();
        let page = eligibility::qualifications_page(ctx, &town.owner, "creek-friends")
            .await
            .unwrap();
        assert_eq!(page.grants.len(), 1, "{backend}");
        assert_eq!(page.grants[0].expires_on, start);
        claim(ctx, &town.dora, &opp, None).await.unwrap();

        // Withdrawn, it no longer counts.
        eligibility::revoke_qualification(ctx, &town.owner, "creek-friends", &food.id, "dora")
            .await
            .unwrap();
        let (next, _) = opportunity(&town, Duration::days(10), 5).await;
        assert!(claim(ctx, &town.dora, &next, None).await.is_err());
    }
}
