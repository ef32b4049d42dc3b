//! The catalog page counts each opportunity's places in its own query (issue 29); the count
//! must be the one a claim is checked against (`catalog::opportunity`): single and group
//! claims, a claim rejected for good, the waiting list's offers (`waitlist`), on both
//! databases. And its reference data, kept in the process, follows a change made elsewhere.

use crate::governance::town;
use citysync_app::catalog::{self, CatalogQuery, Opportunity};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::Ctx;
use citysync_test_support::both_backends;

/// `opp` as the public catalog lists it, after checking that its places left are those its
/// own page shows (the count a claim is checked against).
pub(crate) async fn listed(ctx: &Ctx, opp: &str) -> Opportunity {
    let mut page = 1;
    loop {
        let query = CatalogQuery {
            page,
            ..CatalogQuery::default()
        };
        let found = catalog::catalog(ctx, query).await.unwrap();
        if let Some(line) = found.items.into_iter().find(|o| o.id == opp) {
            let own = catalog::opportunity(ctx, opp, None).await.unwrap();
            assert_eq!(
                (line.active_claims, line.remaining),
                (own.active_claims, own.remaining),
                "the catalog's count of {opp} differs from its page's"
            );
            return line;
        }
        assert!(page < found.pages, "{opp} is not in the catalog");
        page += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_catalog_counts_every_place_as_a_claim_does() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let opp = town.begun(10).await;
        assert_eq!(listed(ctx, &opp).await.remaining, 10, "{backend}");

        claims::claim(ctx, &town.ana, &opp).await.unwrap();
        assert_eq!(listed(ctx, &opp).await.remaining, 9, "{backend}");
        claims::claim_for_party(ctx, &town.ben, &opp, 3)
            .await
            .unwrap();
        assert_eq!(listed(ctx, &opp).await.remaining, 6, "{backend}");

        // Cruz's proof is rejected twice: his claim stays, his place is freed.
        let claim = claims::claim(ctx, &town.cruz, &opp).await.unwrap();
        assert_eq!(listed(ctx, &opp).await.remaining, 5, "{backend}");
        for round in 1..=2 {
            claims::submit(
                ctx,
                &town.cruz,
                &claim.id,
                ProofInput {
                    text: format!("Filled bags, try {round}"),
                    outcome_quantity: "4".into(),
                    ..ProofInput::default()
                },
            )
            .await
            .unwrap();
            let page = claims::claim_page(ctx, &town.cruz, &claim.id)
                .await
                .unwrap();
            let submission = page.submissions.last().unwrap().id.clone();
            claims::decide(
                ctx,
                &town.verifier,
                &submission,
                DecisionInput::Reject {
                    reason: "insufficient_proof".into(),
                    feedback: "The photos do not show the bags".into(),
                },
            )
            .await
            .unwrap();
        }
        assert_eq!(listed(ctx, &opp).await.remaining, 6, "{backend}");

        // A page number past the end shows the last page, counted the same way.
        let past = catalog::catalog(
            ctx,
            CatalogQuery {
                page: 99,
                ..CatalogQuery::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(past.page, past.pages, "{backend}");
        assert!(!past.items.is_empty(), "{backend}");
        assert_eq!(past.total, listed_total(ctx).await, "{backend}");
    }
}

/// How many opportunities the catalog lists in all, as its first page says.
async fn listed_total(ctx: &Ctx) -> i64 {
    catalog::catalog(
        ctx,
        CatalogQuery {
            page: 1,
            ..CatalogQuery::default()
        },
    )
    .await
    .unwrap()
    .total
}
