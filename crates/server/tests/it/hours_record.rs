//! The shift loop's paper trail through HTTP: the poster's check-in page, check in and out,
//! proof and approval, the resident's printable hours record and its signed bundle, checked
//! offline by the verify logic, by `citysync attestation verify FILE` and by the upload
//! page; one byte of hours changed fails all three, naming the entry.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::{claim, decide, opportunity, png, send_proof};
use chrono::Duration;
use citysync_federation::hours_record;
use citysync_test_support::server::{
    csrf, page, post, resident, set_budget, set_up_city, TestServer,
};
use std::process::Command;

const PASSWORD: &str = "correct horse battery";

/// `citysync attestation verify FILE`: exit code and standard output.
fn verify_with_binary(file: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_citysync"))
        .args(["attestation", "verify"])
        .arg(file)
        .env("CITYSYNC_LOG__LEVEL", "warn")
        .output()
        .expect("run citysync");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

async fn upload(client: &reqwest::Client, server: &TestServer, file: Vec<u8>) -> (u16, String) {
    let (_, html) = page(client, &server.url("/attestations/verify")).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf(&html))
        .part(
            "file",
            reqwest::multipart::Part::bytes(file).file_name("record.json"),
        );
    let resp = client
        .post(server.url("/attestations/verify"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hours_record_verifies_offline_and_a_changed_hour_does_not() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let opp = opportunity(&server, "olga", "vera").await;
    assert_eq!(claim(&server, &ana, &opp).await.status().as_u16(), 303);

    // Signed out, the record and its bundle lead to the sign-in page.
    let anon = server.client();
    let resp = anon.get(server.url("/me/hours.json")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);

    // The editor's poster carries the check-in address; a resident is not shown it.
    let (status, html) = page(&olga, &server.url(&format!("/opportunities/{opp}/poster"))).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<svg") && html.contains("Scan to check in"),
        "{html}"
    );
    // The address is shown as text too (escaped: `/` is `&#x2f;`).
    let token = html
        .replace("&#x2f;", "/")
        .split("/check-in/")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        .next()
        .unwrap()
        .to_owned();
    let (status, _) = page(&ana, &server.url(&format!("/opportunities/{opp}/poster"))).await;
    assert_eq!(status, 403);

    // The QR code's page: signed out it asks to sign in and comes back.
    let check_in_path = format!("/check-in/{token}");
    let resp = anon.get(server.url(&check_in_path)).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/login?next=%2Fcheck-in%2F"),
        "{location}"
    );

    // Out before in is refused, with the reason; then in.
    let (status, html) = page(&ana, &server.url(&check_in_path)).await;
    assert_eq!(status, 200, "{html}");
    let resp = post(
        &ana,
        &server.url(&check_in_path),
        &[("csrf_token", &csrf(&html)), ("step", "out")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 422);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("before you have checked in"));
    let resp = post(
        &ana,
        &server.url(&check_in_path),
        &[("csrf_token", &csrf(&html)), ("step", "in")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ana, &server.url(&format!("{check_in_path}?done=in"))).await;
    assert!(html.contains("You are checked in"), "{html}");

    // She checked in two hours ago (the test moves her check-in back), and checks out.
    let ctx = &server.running().ctx;
    let ana_user = crate::work_flow::user(&server, "ana").await;
    let claim_id = citysync_app::claims::claim_on(ctx, &ana_user, &opp)
        .await
        .unwrap()
        .unwrap()
        .id;
    let earlier = ctx.now() - Duration::hours(2);
    let id = claim_id.clone();
    ctx.db()
        .run(move |conn| citysync_storage::claims::set_check_in(conn, &id, Some(earlier), None))
        .await
        .unwrap();
    let resp = post(
        &ana,
        &server.url(&check_in_path),
        &[("csrf_token", &csrf(&html)), ("step", "out")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let claim_path = format!("/claims/{claim_id}");
    let (_, html) = page(&ana, &server.url(&claim_path)).await;
    assert!(html.contains("2 h"), "{html}");

    // The verifiers' list shows the check-in and its hours.
    let (status, html) = page(
        &vera,
        &server.url(&format!("/opportunities/{opp}/check-ins")),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("ana") && html.contains("2 h"), "{html}");

    // Proof and approval as usual.
    set_budget(&server, &admin, "creek-friends", "100").await;
    let resp = send_proof(&server, &ana, &claim_path, vec![png()], "4").await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = decide(
        &server,
        &vera,
        &[
            ("decision", "approve"),
            ("confirmed_outcome", "4"),
            ("quality_rating", "5"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);

    // The printable record.
    let (status, html) = page(&ana, &server.url("/me/hours")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("Friends of the Creek")
            && html.contains("Total: 2 h")
            && html.contains("<svg"),
        "{html}"
    );
    let (status, _) = page(&ana, &server.url("/me/hours?from=2026-13-01")).await;
    assert_eq!(status, 422);

    // The bundle, through HTTP; it verifies.
    let resp = ana.get(server.url("/me/hours.json")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let bytes = resp.bytes().await.unwrap().to_vec();
    let verified = hours_record::verify(&bytes).unwrap();
    assert_eq!(verified.resident, "ana");
    assert_eq!(verified.city, "Berkeley");
    assert_eq!((verified.entries, verified.total_minutes), (1, 120));

    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("record.json");
    std::fs::write(&good, &bytes).unwrap();
    let (code, out) = verify_with_binary(&good);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("city: Berkeley")
            && out.contains("resident: ana")
            && out.contains("total hours: 2"),
        "{out}"
    );
    let (status, html) = upload(&ana, &server, bytes.clone()).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Valid: every signature holds"), "{html}");

    // One byte of hours changed: 2.0 becomes 3.0.
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.matches("\"hours\": 2.0").count(), 1, "{text}");
    let tampered = text.replacen("\"hours\": 2.0", "\"hours\": 3.0", 1);
    assert_eq!(tampered.len(), text.len());
    let failure = hours_record::verify(tampered.as_bytes()).unwrap_err();
    assert_eq!(failure.entry.as_ref().map(|e| e.0), Some(1));
    let bad = dir.path().join("tampered.json");
    std::fs::write(&bad, &tampered).unwrap();
    let (code, out) = verify_with_binary(&bad);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("entry 1") && out.contains("was changed"),
        "{out}"
    );
    let (status, html) = upload(&ana, &server, tampered.into_bytes()).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("Not valid: entry 1"), "{html}");
}
