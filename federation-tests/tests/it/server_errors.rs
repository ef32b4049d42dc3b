//! A failure of the server itself (a 5xx) in either door — the web pages and the API — is
//! logged with the request's id, and the person who met it is given that id: the page
//! says it, the API's problem carries it as `request_id`. A real `citysync serve` whose
//! database loses a table under it.

use citysync_test_support::instance::{eventually, http, Instance};
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use std::time::Duration;

/// The id in a page's "Request id: …" line.
fn page_request_id(html: &str) -> String {
    let after = html
        .split("Request id: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no request id on the page: {html}"));
    after
        .chars()
        .skip_while(|c| !c.is_ascii_alphanumeric())
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_failure_is_logged_with_the_request_id_in_both_doors() {
    let city = Instance::start("berkeley").await.unwrap();
    let client = http();
    let catalog = format!("{}/api/v1/opportunities", city.base);
    assert_eq!(client.get(&catalog).send().await.unwrap().status(), 200);

    // The catalog's table is dropped under the running server.
    let db = city.data_dir().join("citysync.db");
    let mut conn = SqliteConnection::establish(db.to_str().unwrap()).unwrap();
    diesel::sql_query("PRAGMA foreign_keys = OFF")
        .execute(&mut conn)
        .unwrap();
    diesel::sql_query("DROP TABLE opportunities")
        .execute(&mut conn)
        .unwrap();

    // The API: a problem with the request's id, no cause.
    let resp = client.get(&catalog).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    let problem: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(problem["code"], "error-internal", "{problem}");
    let api_id = problem["request_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!api_id.is_empty(), "{problem}");
    assert!(
        !problem.to_string().contains("opportunities"),
        "the cause stays in the log: {problem}"
    );

    // The web: the error page in the reader's language with the request's id.
    let resp = client
        .get(format!("{}/opportunities", city.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    let html = resp.text().await.unwrap();
    let web_id = page_request_id(&html);
    assert!(!web_id.is_empty() && web_id != api_id, "{html}");

    // The log: each id beside its failure and its cause.
    for (door, id) in [("API", &api_id), ("web", &web_id)] {
        eventually(
            &format!("the {door} failure in the log"),
            Duration::from_secs(10),
            || async {
                city.log_text()
                    .lines()
                    .any(|l| {
                        l.contains("ERROR")
                            && l.contains(id.as_str())
                            && l.contains("opportunities")
                    })
                    .then_some(())
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}\n{}", city.log_text()));
    }
}
