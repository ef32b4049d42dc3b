//! A corrected opportunity travels (issue 22): a city following an organization gets the
//! organization's `Update` when an editor moves a published opportunity, and shows the new
//! start on the object's page.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration as Hours;
use citysync_app::catalog;
use citysync_app::federation::{self as fed, remote};
use citysync_domain::work::OpportunitySpec;
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::instance::{eventually, http, Instance};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_city_following_the_organization_sees_the_corrected_time() {
    let (berkeley, cdmx) =
        tokio::try_join!(Instance::start("berkeley"), Instance::start("cdmx")).unwrap();
    let bk = Issuer::new(berkeley.app().await, "creek-friends").await;

    // cdmx follows berkeley's organization (not the city) and waits for the Accept.
    let cdmx_ctx = cdmx.app().await;
    let organization = format!("{}/organizations/creek-friends", berkeley.base);
    fed::request_follow(
        &cdmx_ctx,
        &cdmx.actor_url(),
        &format!("@creek-friends@{}", berkeley.domain()),
    )
    .await
    .unwrap();
    eventually("creek-friends accepts cdmx's follow", WAIT, || async {
        let followers = fed::followers(&bk.ctx, &organization).await.unwrap();
        followers
            .iter()
            .any(|f| {
                f.follower_ap_id == cdmx.actor_url()
                    && f.state == citysync_domain::lifecycle::FollowState::Accepted
            })
            .then_some(())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", berkeley.log_text(), cdmx.log_text()));

    let template = bk.active_template("Creek cleanup").await;
    let id = bk.published_opportunity(&template).await;
    let url = format!("{}/opportunities/{id}", berkeley.base);
    let first = eventually("the opportunity reaches cdmx", WAIT, || async {
        remote::by_ap_id(&cdmx_ctx, &url).await.unwrap()
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", cdmx.log_text()));
    let before = first.starts_at.expect("an Event has a startTime");

    // The editor moves it three hours later.
    let opp = catalog::opportunity(&bk.ctx, &id, None).await.unwrap();
    let moved = opp.starts_at + Hours::hours(3);
    catalog::edit_opportunity(
        &bk.ctx,
        &bk.owner,
        &id,
        OpportunitySpec {
            title_override: None,
            place: opp.place.clone(),
            point: opp.point,
            starts_at: moved,
            ends_at: opp.ends_at,
            claim_deadline: opp.claim_deadline,
            capacity: opp.capacity,
            onsite_instructions: opp.onsite_instructions.clone(),
        },
    )
    .await
    .unwrap();

    let second = eventually("the update reaches cdmx", WAIT, || async {
        let o = remote::by_ap_id(&cdmx_ctx, &url).await.unwrap()?;
        (o.starts_at != Some(before)).then_some(o)
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}\n{}", berkeley.log_text(), cdmx.log_text()));
    let shown = second.starts_at.unwrap();
    assert_eq!(
        shown.format("%F %T").to_string(),
        moved.format("%F %T").to_string()
    );
    assert!(second.document["startTime"]
        .as_str()
        .unwrap()
        .starts_with(&moved.format("%Y-%m-%dT%H:%M:%S").to_string()));
    assert!(!second.deleted);

    // The peer's page of the object shows the new start.
    let html = http()
        .get(format!("{}/federation/objects/{}", cdmx.base, second.id))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let new_start = format!("datetime=\"{}\"", moved.format("%Y-%m-%dT%H:%M:%S"));
    let old_start = format!("datetime=\"{}\"", before.format("%Y-%m-%dT%H:%M:%S"));
    assert!(html.contains(&new_start), "{new_start} in {html}");
    assert!(!html.contains(&old_start), "{old_start} in {html}");
}
