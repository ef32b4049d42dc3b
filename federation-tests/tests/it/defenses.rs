//! Scenarios 5–7: a blocked city, a crash in the middle of delivering to a city that is down,
//! and a forged activity.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::federation::{peers, remote};
use citysync_test_support::instance::city::{spec, Issuer};
use citysync_test_support::instance::{eventually, signed_post, Instance};
use serde_json::json;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);
const FAST_RETRY: [(&str, &str); 1] = [("CITYSYNC_FEDERATION__RETRY_BASE_SECONDS", "1")];

/// How many activities the city of `at` (its use cases) applied from `from`, and how
/// many duplicates it dropped.
async fn received(at: &citysync_app::Ctx, from: &Instance) -> (i64, i64) {
    peers::all(at)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.domain == from.domain())
        .map(|p| (p.received, p.duplicates))
        .unwrap_or((0, 0))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_blocked_city_is_refused_and_sent_nothing_and_a_forged_activity_stores_nothing() {
    let (berkeley, cdmx, oakland) = tokio::try_join!(
        Instance::start_with("berkeley", &FAST_RETRY),
        Instance::start_with("cdmx", &FAST_RETRY),
        Instance::start_with("oakland", &FAST_RETRY)
    )
    .unwrap();
    cdmx.follow(&berkeley).await;
    oakland.follow(&berkeley).await;
    let bk = Issuer::new(berkeley.app().await, "creek-friends").await;

    // 5. berkeley blocks oakland (as typed by an administrator: case, trailing dot).
    let typed = format!("LOCALHOST.:{}", oakland.port);
    let out = berkeley
        .cli(&["federation", "block", &typed], None)
        .unwrap();
    assert!(out.contains(&oakland.domain()), "{out}");
    let berkeley_ctx = berkeley.app().await;
    let before = received(&berkeley_ctx, &oakland).await;
    let from_oakland = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/activities/follow/again", oakland.base),
        "type": "Follow",
        "actor": oakland.actor_url(),
        "object": berkeley.actor_url(),
    });
    let oakland_key = citysync_app::instance::private_key_pem(&oakland.app().await)
        .await
        .unwrap();
    let status = signed_post(
        &format!("{}/inbox", berkeley.base),
        &from_oakland,
        &oakland_key,
        &format!("{}#main-key", oakland.actor_url()),
    )
    .await;
    assert_eq!(status, 403, "a blocked city's POST is refused");
    assert_eq!(
        received(&berkeley_ctx, &oakland).await,
        before,
        "nothing of it applied"
    );
    // berkeley publishes; cdmx gets it, oakland (still a follower) gets nothing.
    let template = bk.active_template("Creek cleanup").await;
    let url = format!("{}/templates/{template}", berkeley.base);
    let cdmx_ctx = cdmx.app().await;
    eventually("cdmx receives the template", WAIT, || async {
        remote::by_ap_id(&cdmx_ctx, &url).await.unwrap()
    })
    .await
    .unwrap();
    let oakland_ctx = oakland.app().await;
    assert!(remote::by_ap_id(&oakland_ctx, &url)
        .await
        .unwrap()
        .is_none());
    let berkeley_peers = citysync_federation::peers::states(&bk.ctx).await.unwrap();
    let to_oakland = berkeley_peers
        .iter()
        .find(|p| p.domain == oakland.domain())
        .unwrap();
    assert_eq!(to_oakland.pending, 0);
    assert!(
        to_oakland.last_success.is_none() || to_oakland.delivered <= 1,
        "only the Accept before the block"
    );

    // 7. An activity signed with cdmx's key but claiming a berkeley actor is refused; nothing stored.
    let cdmx_key = citysync_app::instance::private_key_pem(&cdmx_ctx)
        .await
        .unwrap();
    let forged_object = format!("{}/templates/forged", berkeley.base);
    let forged = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/activities/forged", berkeley.base),
        "type": "Create",
        "actor": format!("{}/organizations/creek-friends", berkeley.base),
        "object": { "type": "Document", "id": forged_object, "name": "Forged",
                    "attributedTo": format!("{}/organizations/creek-friends", berkeley.base) },
    });
    let cdmx_received_before = received(&oakland_ctx, &cdmx).await;
    for key_id in [
        format!("{}#main-key", cdmx.actor_url()),
        format!("{}/organizations/creek-friends#main-key", berkeley.base),
    ] {
        let status = signed_post(
            &format!("{}/inbox", oakland.base),
            &forged,
            &cdmx_key,
            &key_id,
        )
        .await;
        assert!(
            status == 401 || status == 403,
            "forged activity got {status}"
        );
    }
    assert!(remote::by_ap_id(&oakland_ctx, &forged_object)
        .await
        .unwrap()
        .is_none());
    assert_eq!(received(&oakland_ctx, &cdmx).await, cdmx_received_before);
    // The same signing, honestly done, is accepted: the refusals above are the forgery's.
    let honest = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/activities/honest-delete", cdmx.base),
        "type": "Delete",
        "actor": cdmx.actor_url(),
        "object": { "type": "Tombstone", "id": format!("{}/templates/gone", cdmx.base) },
    });
    let status = signed_post(
        &format!("{}/inbox", oakland.base),
        &honest,
        &cdmx_key,
        &format!("{}#main-key", cdmx.actor_url()),
    )
    .await;
    assert!(
        (200..300).contains(&status),
        "honest activity got {status}\n{}",
        oakland.log_text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_activities_survive_a_crash_and_arrive_once_each() {
    let (mut berkeley, mut oakland) = tokio::try_join!(
        Instance::start_with("berkeley", &FAST_RETRY),
        Instance::start_with("oakland", &FAST_RETRY)
    )
    .unwrap();
    oakland.follow(&berkeley).await;
    let bk = Issuer::new(berkeley.app().await, "creek-friends").await;
    let template = bk.active_template("Creek cleanup").await;
    let url = format!("{}/templates/{template}", berkeley.base);
    let oakland_ctx = oakland.app().await;
    eventually("oakland has the template", WAIT, || async {
        remote::by_ap_id(&oakland_ctx, &url).await.unwrap()
    })
    .await
    .unwrap();
    let (base, _) = received(&oakland_ctx, &berkeley).await;

    // 6. oakland stops; berkeley publishes 1 000 activities (edits of the template).
    oakland.kill();
    for i in 0..1000 {
        citysync_app::catalog::edit_template(
            &bk.ctx,
            &bk.owner,
            &template,
            spec(&format!("Creek cleanup #{i}")),
        )
        .await
        .unwrap();
    }
    // berkeley is mid-delivery (its publications turn into deliveries, oakland is down) …
    eventually("berkeley queues the deliveries", WAIT, || async {
        let states = citysync_federation::peers::states(&bk.ctx).await.ok()?;
        let p = states.into_iter().find(|p| p.domain == oakland.domain())?;
        (p.pending >= 100).then_some(())
    })
    .await
    .unwrap_or_else(|e| panic!("{e}\n{}", berkeley.log_text()));
    // … and is killed with -9, restarted; then oakland comes back.
    berkeley.kill();
    berkeley.restart().await.unwrap();
    oakland.restart().await.unwrap();
    // One context for the polling below: building one per poll costs a core.
    let oakland_ctx = oakland.app().await;
    let applied = eventually(
        "oakland receives all 1 000",
        Duration::from_secs(300),
        || async {
            let (n, _) = received(&oakland_ctx, &berkeley).await;
            (n - base >= 1000).then_some(n - base)
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}\nberkeley:\n{}", berkeley.log_text()));
    assert_eq!(applied, 1000, "each applied once");
    let ctx = oakland.app().await;
    let kept = remote::by_ap_id(&ctx, &url).await.unwrap().unwrap();
    assert_eq!(
        kept.name, "Creek cleanup #999",
        "the last version is the one kept"
    );
}
