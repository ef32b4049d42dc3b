//! The pages of group claims and waiting lists: the claim form's party size, the group's
//! join link and page, a member's claim without a proof form, "full — join the waiting list
//! (you would be number 1)", the place in line, and the offered place with its end time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::work_flow::{opportunity, user};
use citysync_app::claims;
use citysync_test_support::server::{csrf, page, post, resident, set_up_city, TestServer};

const PASSWORD: &str = "correct horse battery";

/// The path a 303 answer sends to.
fn location(resp: &reqwest::Response) -> String {
    resp.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_party_fills_the_places_and_the_waiting_list_gets_the_freed_ones() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let _owner = resident(&server, "olga", PASSWORD).await;
    let _vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    let cruz = resident(&server, "cruz", PASSWORD).await;
    // Capacity 2.
    let opp = opportunity(&server, "olga", "vera").await;
    let opp_url = server.url(&format!("/opportunities/{opp}"));

    // Ana claims for herself and a friend.
    let (_, html) = page(&ana, &opp_url).await;
    assert!(html.contains(r#"name="party_size""#), "{html}");
    let token = csrf(&html);
    // A party larger than the places left is refused on the page, changing nothing.
    let resp = post(
        &ana,
        &format!("{opp_url}/claim"),
        &[("csrf_token", &token), ("party_size", "3")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("This opportunity is full."));
    let resp = post(
        &ana,
        &format!("{opp_url}/claim"),
        &[("csrf_token", &token), ("party_size", "2")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let ana_claim = location(&resp);
    let (_, html) = page(&ana, &server.url(&ana_claim)).await;
    assert!(
        html.contains("Your party") && html.contains("A party of 2 claimed by ana."),
        "{html}"
    );
    let start = html
        .find("Join code: ")
        .unwrap_or_else(|| panic!("no join code: {html}"));
    let code: String = html[start + "Join code: ".len()..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();

    // Ben opens the link and joins: his claim carries no proof form of its own.
    let party_url = server.url(&format!("/parties/{code}"));
    let (status, html) = page(&ben, &party_url).await;
    assert_eq!(status, 200);
    assert!(html.contains("Join ana’s party"), "{html}");
    let resp = post(
        &ben,
        &format!("{party_url}/join"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&ben, &server.url(&location(&resp))).await;
    assert!(
        html.contains("ana sends the proof for the whole party"),
        "{html}"
    );
    assert!(!html.contains("/proof\""), "{html}");
    let (_, html) = page(&cruz, &party_url).await;
    assert!(
        html.contains("Every place of the party is taken."),
        "{html}"
    );

    // Full: Cruz joins the waiting list as number 1.
    let (_, html) = page(&cruz, &opp_url).await;
    assert!(
        html.contains("Full — join the waiting list (you would be number 1)."),
        "{html}"
    );
    let resp = post(
        &cruz,
        &format!("{opp_url}/waitlist"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, html) = page(&cruz, &opp_url).await;
    assert!(html.contains("number 1 in line"), "{html}");

    // Ana withdraws (Ben's claim follows): the freed place is offered to Cruz, who takes it.
    let ctx = &server.running().ctx;
    let ana_id = ana_claim.trim_start_matches("/claims/");
    claims::withdraw(ctx, &user(&server, "ana").await, ana_id)
        .await
        .unwrap();
    let (_, html) = page(&cruz, &opp_url).await;
    assert!(html.contains("A place is offered to you until"), "{html}");
    let resp = post(
        &cruz,
        &format!("{opp_url}/waitlist/take"),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let taken = location(&resp);
    assert!(taken.starts_with("/claims/"), "{taken}");
    // Her claim shows on the opportunity's page; the waiting list is behind her.
    let (_, html) = page(&cruz, &opp_url).await;
    assert!(html.contains(&format!(r#"href="{taken}""#)), "{html}");
    assert!(!html.contains("in line"), "{html}");
}
