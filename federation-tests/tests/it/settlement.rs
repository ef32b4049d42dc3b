//! Settlement statements are witnessed (issue 25): a café in Berkeley honors a redemption,
//! the epoch closes with its settlement statement chained into the ledger, and Mexico City —
//! which follows Berkeley — countersigns the closing checkpoint over real HTTP. Berkeley keeps
//! the countersignature, and the countersigned head lies at or after the statement's entry,
//! so the witness vouches for a chain that contains the statement's hash.

use citysync_app::federation::witness::{self, STATE_WITNESSED};
use citysync_app::ledger::{check, checkpoints, epochs, settlement};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::redemptions;
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::instance::{eventually, Instance};
use citysync_test_support::{approved_organization, mint, person};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_peer_countersigns_the_checkpoint_that_covers_a_settlement_statement() {
    let berkeley = Instance::start("berkeley").await.unwrap();
    let cdmx = Instance::start("cdmx").await.unwrap();
    cdmx.follow(&berkeley).await;

    let bk = berkeley.app().await;
    let issuer = Issuer::new(bk.clone(), "creek-care").await;
    let cafe_owner = person(&bk, "cafe_carla", false).await;
    let resident = person(&bk, "rosa", false).await;
    let cafe =
        approved_organization(&bk, &issuer.admin, &cafe_owner, "cafe-luna", false, true).await;
    mint(&bk, &issuer.org_id.to_string(), &resident, 1_000, 1)
        .await
        .unwrap();
    settlement::set_terms(&bk, &issuer.admin, "USD", "0.50", "City general fund")
        .await
        .unwrap();
    let coffee = offerings::create(
        &bk,
        &cafe_owner,
        &cafe,
        OfferingInput {
            title: "Coffee".into(),
            description: "A cup".into(),
            price: "4.00".into(),
            category: "food_drink".into(),
            terms: String::new(),
            active: true,
        },
        None,
    )
    .await
    .unwrap();
    offerings::commit(&bk, &cafe_owner, &coffee, "5")
        .await
        .unwrap();
    let r = redemptions::reserve(&bk, &resident, &coffee, "fed-1")
        .await
        .unwrap();
    redemptions::honor(&bk, &cafe_owner, &cafe, &r)
        .await
        .unwrap();

    let closed = epochs::close_now(&bk).await.unwrap();
    let statement = settlement::of_organization(&bk, &cafe_owner, &cafe)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(statement.amount_owed_text, "2.00");
    let close = checkpoints::recent(&bk, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.reason == "epoch_close" && c.epoch == Some(closed))
        .expect("the closing checkpoint");
    assert!(close.checkpoint.seq >= statement.entry_seq);

    // Mexico City countersigns it; Berkeley keeps the countersignature.
    let mx = cdmx.app().await;
    let domain = berkeley.domain();
    let seq = close.checkpoint.seq;
    eventually("cdmx countersigns the closing checkpoint", WAIT, || async {
        witness::witnessing(&mx, 100)
            .await
            .unwrap()
            .checkpoints
            .into_iter()
            .find(|c| c.origin_domain == domain && c.seq == seq)
            .filter(|c| c.state == STATE_WITNESSED && c.countersignature.is_some())
            .map(|c| assert_eq!(c.head_hash, close.checkpoint.head_hash))
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", cdmx.log_text(), berkeley.log_text()));
    eventually("berkeley keeps the countersignature", WAIT, || async {
        let kept = witness::witnesses_of(&bk, vec![seq]).await.unwrap();
        kept.get(&seq)
            .filter(|w| w.iter().any(|w| w.witness_domain == cdmx.domain()))
            .map(|_| ())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", berkeley.log_text()));
    let v = check::run(&bk).await.unwrap();
    assert!(v.ok, "{:?}", v.failure);
}
