//! Every page in every state: from the home page, follow every same-site link a person
//! sees — as a visitor, a resident, an organization's members and the city's
//! administrator; on a city just set up and on one with work verified; in English, in
//! Spanish and in Traditional Chinese — and fail on any link that leads to an error (4xx or 5xx).

use citysync_test_support::server as common;

use common::{
    approved_issuer, choose_language, environment_template, published_opportunity, resident,
    set_up_city, verified_work, TestServer,
};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

const PASSWORD: &str = "correct horse battery";
/// Pages one crawl visits at most (every menu and what it links to fits well within).
const MAX_PAGES: usize = 400;
/// Query variants of one path visited at most (calendars page through months forever).
const MAX_QUERIES_PER_PATH: usize = 3;
const LANGUAGES: [&str; 3] = ["en", "es", "zh-Hant"];

/// The same-site links of a page, without fragments, `&amp;` read as `&`.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .collect()
}

/// The administration pages, which the administrator reaches from the menu's "Administration".
const ADMINISTRATION: [&str; 9] = [
    "/admin",
    "/admin/city",
    "/admin/users",
    "/admin/organizations",
    "/admin/budgets",
    "/admin/taxonomy",
    "/admin/federation",
    "/admin/protocol",
    "/admin/overlap",
];

/// Crawls from `/` as `client` in `language`, checking it reaches the menus and `reaches`;
/// returns every broken link.
async fn crawl(
    server: &TestServer,
    (who, client, reaches): &Person<'_>,
    language: &str,
) -> Vec<String> {
    let mut broken = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queries: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue: VecDeque<(String, String)> =
        VecDeque::from([("/".to_owned(), "the start".to_owned())]);
    while let Some((target, from)) = queue.pop_front() {
        if seen.len() >= MAX_PAGES || seen.contains(&target) {
            continue;
        }
        if let Some((path, _)) = target.split_once('?') {
            let n = queries.entry(path.to_owned()).or_default();
            if *n >= MAX_QUERIES_PER_PATH {
                continue;
            }
            *n += 1;
        }
        seen.insert(target.clone());
        let resp = client.get(server.url(&target)).send().await.unwrap();
        let status = resp.status().as_u16();
        if status >= 400 {
            broken.push(format!(
                "{who}, {language}: {target} answers {status} (linked from {from})"
            ));
            continue;
        }
        if (300..400).contains(&status) {
            if let Some(next) = resp
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .filter(|l| l.starts_with('/'))
            {
                queue.push_back((next.to_owned(), target.clone()));
            }
            continue;
        }
        let is_html = resp
            .headers()
            .get("content-type")
            .and_then(|c| c.to_str().ok())
            .is_some_and(|c| c.starts_with("text/html"));
        if !is_html {
            continue;
        }
        let html = resp.text().await.unwrap();
        for link in links(&html) {
            if !seen.contains(&link) {
                queue.push_back((link, target.clone()));
            }
        }
    }
    for menu in [
        "/opportunities",
        "/calendar",
        "/ledger",
        "/transparency",
        "/governance",
        "/federation",
    ]
    .iter()
    .chain(reaches.iter())
    {
        assert!(
            seen.contains(*menu),
            "{who}, {language}: the crawl never reached {menu}: {seen:?}"
        );
    }
    broken
}

/// Who crawls: a name for the messages, their browser, pages they must reach besides the menus.
type Person<'a> = (&'a str, &'a reqwest::Client, &'a [&'a str]);

/// Crawls as each person in each language; fails listing every broken link.
async fn crawl_all(server: &TestServer, people: &[Person<'_>]) {
    let mut broken = Vec::new();
    for person in people {
        for language in LANGUAGES {
            choose_language(server, person.1, language).await;
            broken.extend(crawl(server, person, language).await);
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[tokio::test]
async fn every_link_of_a_city_just_set_up_leads_to_a_page() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let visitor = server.client();
    let ana = resident(&server, "ana", PASSWORD).await;
    crawl_all(
        &server,
        &[
            ("a visitor", &visitor, &[]),
            ("a resident", &ana, &[]),
            ("the administrator", &admin, &ADMINISTRATION),
        ],
    )
    .await;
    server.stop().await;
}

#[tokio::test]
async fn every_link_of_a_city_at_work_leads_to_a_page() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let visitor = server.client();
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    common::set_budget(&server, &admin, "creek-friends", "1000").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 5).await;
    let done = published_opportunity(&server, "olga", &template, "Creek cleanup").await;
    published_opportunity(&server, "olga", &template, "Creek cleanup, again").await;
    verified_work(&server, &ana, &vera, "creek-friends", &done).await;
    crawl_all(
        &server,
        &[
            ("a visitor", &visitor, &[]),
            ("a resident", &ana, &[]),
            ("an issuer's owner", &olga, &[]),
            ("an issuer's verifier", &vera, &[]),
            ("the administrator", &admin, &ADMINISTRATION),
        ],
    )
    .await;
    server.stop().await;
}
