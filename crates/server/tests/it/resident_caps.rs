//! Per-resident caps through the real pages: the parameters page names the caps in words,
//! an approval over a cap shows the verifier what was minted, and the resident is told.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::{claim, decide, opportunity, png, send_proof};
use citysync_storage::governance::{self as store, ParameterRow};
use citysync_test_support::server::{page, resident, set_budget, set_up_city, TestServer};

const PASSWORD: &str = "correct horse battery";

/// Sets a parameter as a passed decision would (the decision itself is tested in the app).
async fn set_parameter(server: &TestServer, name: &str, value: &str) {
    let ctx = &server.running().ctx;
    let row = ParameterRow {
        name: name.to_owned(),
        value: value.to_owned(),
        proposal_id: None,
        set_by: None,
        set_at: ctx.now(),
    };
    ctx.db()
        .write(move |conn| store::set_parameter(conn, &row, &citysync_app::secrets::new_id()))
        .await
        .map_err(|e: citysync_storage::StorageError| e.to_string())
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approval_over_a_cap_shows_what_was_minted() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;
    set_budget(&server, &admin, "creek-friends", "100").await;
    // Stored as a decision stores it: 1 CITY in hundredths.
    set_parameter(&server, "resident_cap_city", "100").await;

    let (status, html) = page(&server.client(), &server.url("/parameters")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("CITY cap per resident per period") && html.contains("1.00 CITY"),
        "{html}"
    );
    assert!(html.contains("VOTE cap per resident per period") && html.contains("no cap"));
    // Named in words, with the technical name a proposal uses beside it.
    assert!(html.contains("<code>resident_cap_city</code>"), "{html}");

    let resp = claim(&server, &ana, &opp).await;
    assert_eq!(resp.status().as_u16(), 303);
    let claim_path = resp.headers()["location"].to_str().unwrap().to_owned();
    let resp = send_proof(&server, &ana, &claim_path, vec![png()], "4").await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = decide(
        &server,
        &vera,
        &[
            ("decision", "approve"),
            ("confirmed_outcome", "4"),
            ("quality_rating", "5"),
            ("feedback", "Great work"),
        ],
    )
    .await;
    // The verifier is shown the cap instead of being sent back to the queue.
    assert_eq!(resp.status().as_u16(), 200);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Approved, with the reward capped"), "{html}");
    assert!(html.contains("1.00 of 2.50 CITY and 1 of 1 VOTE"), "{html}");

    let (_, html) = page(&ana, &server.url("/notifications")).await;
    assert!(html.contains("1.00 of 2.50 CITY"), "{html}");
}
