//! Helpers of the governance tests: forms submitted with their CSRF token, phases started
//! by the administrator, quadratic ballots, cycles opened through the form.

use super::{csrf, page, post, text_between, TestServer};
use chrono::{Duration, NaiveDateTime};

pub const PASSWORD: &str = "correct horse battery";
pub const HANDLE: &str = "creek-friends";

/// What the cycle form is typed with for the instant `at`: the city's clock.
pub fn local(at: NaiveDateTime) -> String {
    super::city_input(at)
}

/// The path a 303 points to.
pub fn location(resp: &reqwest::Response) -> String {
    assert_eq!(resp.status().as_u16(), 303, "not a redirect");
    resp.headers()["location"].to_str().unwrap().to_owned()
}

/// Posts `fields` (and the page's CSRF token) to `action`, from the page at `from`.
pub async fn submit(
    server: &TestServer,
    client: &reqwest::Client,
    from: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (status, html) = page(client, &server.url(from)).await;
    assert_eq!(status, 200, "{from}: {html}");
    let token = csrf(&html);
    let mut form: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    post(client, &server.url(action), &form).await
}

/// Starts the cycle's next phase with the administrator's button.
pub async fn next_phase(server: &TestServer, admin: &reqwest::Client, cycle: &str) {
    let path = format!("/governance/{cycle}");
    let resp = submit(server, admin, &path, &format!("{path}/next-phase"), &[]).await;
    assert_eq!(location(&resp), path);
}

/// A quadratic ballot: `votes` on Yes (option 0) and No (option 1).
pub async fn vote(
    server: &TestServer,
    client: &reqwest::Client,
    proposal: &str,
    yes: &str,
    no: &str,
) -> reqwest::Response {
    let path = format!("/proposals/{proposal}");
    submit(
        server,
        client,
        &path,
        &format!("{path}/ballot"),
        &[("votes_0", yes), ("votes_1", no)],
    )
    .await
}

/// Opens a cycle through the administrator's form, its proposal phase begun an hour ago.
pub async fn open_cycle(
    server: &TestServer,
    admin: &reqwest::Client,
    title: &str,
    method: &str,
) -> String {
    open_cycle_with_pool(server, admin, title, method, "").await
}

/// [`open_cycle`] with a participatory-budget pool (CITY, as typed; empty for none).
pub async fn open_cycle_with_pool(
    server: &TestServer,
    admin: &reqwest::Client,
    title: &str,
    method: &str,
    pool: &str,
) -> String {
    let now = server.running().ctx.now();
    let dates: Vec<String> = [-1, 24, 48, 72]
        .into_iter()
        .map(|h| local(now + Duration::hours(h)))
        .collect();
    let resp = submit(
        server,
        admin,
        "/governance/new",
        "/governance/new",
        &[
            ("title", title),
            ("description", ""),
            ("proposals_at", &dates[0]),
            ("deliberation_at", &dates[1]),
            ("voting_at", &dates[2]),
            ("results_at", &dates[3]),
            ("method", method),
            ("quorum_percent", "10"),
            ("min_vote", "1"),
            ("pool", pool),
        ],
    )
    .await;
    location(&resp)
        .trim_start_matches("/governance/")
        .to_owned()
}

/// The edit form of the cycle as the administrator's page shows it, with `changes`.
pub fn cycle_form<'a>(html: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, String)> {
    let value = |name: &str, kind: &str| {
        text_between(
            html,
            &format!("name=\"{name}\" type=\"{kind}\" value=\""),
            "\"",
        )
        .to_owned()
    };
    let mut form = vec![
        ("csrf_token", csrf(html)),
        ("title", value("title", "text")),
        (
            "description",
            text_between(html, "name=\"description\"", "</textarea>")
                .split_once('>')
                .unwrap()
                .1
                .to_owned(),
        ),
        ("proposals_at", value("proposals_at", "datetime-local")),
        (
            "deliberation_at",
            value("deliberation_at", "datetime-local"),
        ),
        ("voting_at", value("voting_at", "datetime-local")),
        ("results_at", value("results_at", "datetime-local")),
        ("method", "quadratic".to_owned()),
        ("quorum_percent", value("quorum_percent", "number")),
        ("min_vote", value("min_vote", "number")),
        ("pool", value("pool", "text")),
    ];
    for (name, new) in changes {
        for field in form.iter_mut().filter(|(n, _)| n == name) {
            field.1 = (*new).to_owned();
        }
    }
    form
}
