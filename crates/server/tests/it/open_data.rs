//! Open data and Atom feeds against a city with activity: verified work by a pseudonymous
//! resident and by one who made their profile public, a coffee bought and honored at a
//! café, a participatory budget decided, a signed checkpoint, a draft that must not leak.
//! Every dataset is fetched as CSV and as JSON: the same rows and columns in both; the
//! totals agree with the ledger; the checkpoints verify; and no export (nor feed, nor the
//! index) carries a resident's email, username, display name or id, an organization's
//! contact email, proof or feedback text, or anything shaped like an IP address.
//!
//! Decided and documented in `docs/open-data.md`: a resident who opted into a public
//! profile is named on their profile page and their work's attestations, never in open
//! data; their contributions are exported without account references.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::governance::{location, next_phase, open_cycle_with_pool, submit, PASSWORD};
use common::{
    approved_issuer, approved_redeemer, environment_template, page, published_opportunity,
    resident, set_budget, set_up_city, user_named, verified_work, TestServer,
};
use serde_json::Value;
use std::collections::BTreeMap;

const HANDLE: &str = "creek-friends";
const CAFE: &str = "corner-cafe";
/// Usernames long and odd enough that finding one in an export is never a coincidence.
const OWNER: &str = "olga_owner_x";
const VERIFIER: &str = "vera_verifier_x";
const PSEUDONYMOUS: &str = "ana_pseudonymous_x";
const PUBLIC: &str = "ben_public_x";
const CAFE_OWNER: &str = "carmen_cafe_x";
const CASHIER: &str = "carl_cashier_x";
const PUBLIC_NAME: &str = "Benjamin Publicprofile";
/// A title that needs quoting in CSV and escaping in XML.
const TITLE: &str = "Creek cleanup, \"north\" & <picnic>";
const DRAFT_TITLE: &str = "Secret draft walk";

const DATASETS: [&str; 9] = [
    "aggregates",
    "opportunities",
    "templates",
    "organizations",
    "contributions",
    "ledger-totals",
    "checkpoints",
    "decisions",
    "decision-options",
];

/// One export read both ways: the CSV's header and records, the JSON's rows.
struct Export {
    header: Vec<String>,
    csv: Vec<Vec<String>>,
    json: Vec<Value>,
}

impl Export {
    /// The rows as maps of column to value (from the JSON).
    fn rows(&self) -> Vec<&serde_json::Map<String, Value>> {
        self.json.iter().map(|r| r.as_object().unwrap()).collect()
    }

    fn int(row: &serde_json::Map<String, Value>, column: &str) -> i64 {
        row[column]
            .as_i64()
            .unwrap_or_else(|| panic!("{column}: {row:?}"))
    }
}

/// A JSON value as the CSV writes it.
fn as_csv(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => panic!("a nested value in a flat row: {other}"),
    }
}

/// The first run of four dot-separated groups of one to three digits, as in an IPv4
/// address.
fn ipv4_like(text: &str) -> Option<String> {
    for run in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
        let parts: Vec<&str> = run.split('.').collect();
        for window in parts.windows(4) {
            if window
                .iter()
                .all(|p| (1..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
            {
                return Some(window.join("."));
            }
        }
    }
    None
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The first Atom child element `name` of `node`.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    node.children()
        .find(|n| n.has_tag_name((ATOM, name)))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

#[test]
fn the_address_check_finds_addresses_and_nothing_else() {
    assert_eq!(
        ipv4_like("from 10.0.0.12, ok").as_deref(),
        Some("10.0.0.12")
    );
    assert_eq!(ipv4_like("x192.168.1.1y").as_deref(), Some("192.168.1.1"));
    assert_eq!(
        ipv4_like("5.0,2026-05-02T16:00:00.123456Z,12.5,1.2.3"),
        None
    );
}

/// Fetches `/open-data/v1/{dataset}` in both formats, checks the answers' headers and that
/// both formats hold the same rows and columns; returns them and both bodies.
async fn export(
    server: &TestServer,
    client: &reqwest::Client,
    dataset: &str,
) -> (Export, [String; 2]) {
    let resp = client
        .get(server.url(&format!("/open-data/v1/{dataset}.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{dataset}.csv");
    let headers = resp.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(headers["cache-control"], "public, max-age=300");
    assert_eq!(headers["access-control-allow-origin"], "*");
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"{dataset}-v1.csv\"").as_str()
    );
    let csv_body = resp.text().await.unwrap();
    assert!(csv_body.ends_with("\r\n"), "RFC 4180 records end in CRLF");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();

    let resp = client
        .get(server.url(&format!("/open-data/v1/{dataset}.json")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{dataset}.json");
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert_eq!(resp.headers()["cache-control"], "public, max-age=300");
    assert_eq!(
        resp.headers()["content-disposition"],
        format!("inline; filename=\"{dataset}-v1.json\"").as_str()
    );
    let json_body = resp.text().await.unwrap();
    let document: Value = serde_json::from_str(&json_body).unwrap();
    assert_eq!(document["dataset"], dataset);
    assert_eq!(document["version"], 1);
    assert!(
        document["generated_at"].as_str().unwrap().ends_with('Z'),
        "{document}"
    );
    let rows = document["rows"].as_array().unwrap().clone();

    // The same rows, the same columns (in the same order), the same values.
    assert_eq!(
        records.len(),
        rows.len(),
        "{dataset}: {csv_body}\n{json_body}"
    );
    for (i, (record, row)) in records.iter().zip(&rows).enumerate() {
        let row = row.as_object().unwrap();
        assert_eq!(
            row.keys()
                .cloned()
                .collect::<std::collections::BTreeSet<_>>(),
            header.iter().cloned().collect(),
            "{dataset} row {i}"
        );
        for (column, field) in header.iter().zip(record) {
            assert_eq!(&as_csv(&row[column]), field, "{dataset} row {i} {column}");
        }
    }
    if let Some(line) = json_body.lines().nth(1).filter(|l| l.starts_with('{')) {
        let positions: Vec<usize> = header
            .iter()
            .map(|c| line.find(&format!("\"{c}\":")).unwrap())
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{dataset}: {line}"
        );
    }
    (
        Export {
            header,
            csv: records,
            json: rows,
        },
        [csv_body, json_body],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_dataset_agrees_with_the_ledger_in_both_formats_and_names_no_resident() {
    let server = TestServer::start().await;
    let ctx = server.running().ctx.clone();
    let admin = set_up_city(&server, "Berkeley").await;
    let owner = resident(&server, OWNER, PASSWORD).await;
    let verifier = resident(&server, VERIFIER, PASSWORD).await;
    let ana = resident(&server, PSEUDONYMOUS, PASSWORD).await;
    let ben = resident(&server, PUBLIC, PASSWORD).await;
    let _carmen = resident(&server, CAFE_OWNER, PASSWORD).await;
    let _carl = resident(&server, CASHIER, PASSWORD).await;
    let anon = server.client();

    // Ben shows his name on his public profile.
    let ben_user = user_named(&server, PUBLIC).await;
    citysync_app::accounts::set_profile(&ctx, &ben_user, PUBLIC_NAME, true)
        .await
        .unwrap();
    let (_, html) = page(&anon, &server.url(&format!("/users/{PUBLIC}"))).await;
    assert!(html.contains(PUBLIC_NAME), "{html}");

    // Verified work: 5.00 CITY and 3 VOTE each.
    approved_issuer(&server, OWNER, VERIFIER, HANDLE).await;
    set_budget(&server, &admin, HANDLE, "1000").await;
    let template = environment_template(&server, OWNER, HANDLE, 500, 3).await;
    let opportunity = published_opportunity(&server, OWNER, &template, TITLE).await;
    for client in [&ana, &ben] {
        verified_work(&server, client, &verifier, HANDLE, &opportunity).await;
    }
    // A draft, never public.
    let owner_user = user_named(&server, OWNER).await;
    let now = ctx.now();
    let draft = citysync_app::catalog::create_opportunity(
        &ctx,
        &owner_user,
        citysync_app::catalog::OpportunityInput {
            template_id: template.clone(),
            spec: citysync_domain::work::OpportunitySpec {
                title_override: Some(DRAFT_TITLE.into()),
                place: "Nowhere yet".into(),
                point: None,
                starts_at: now + chrono::Duration::days(3),
                ends_at: now + chrono::Duration::days(3) + chrono::Duration::hours(1),
                claim_deadline: now + chrono::Duration::days(3),
                capacity: 5,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();

    // Ana buys a coffee; the cashier honors it.
    approved_redeemer(&server, CAFE_OWNER, CASHIER, CAFE).await;
    let cafe = citysync_app::organizations::by_handle(&ctx, CAFE, None)
        .await
        .unwrap();
    let carmen_user = user_named(&server, CAFE_OWNER).await;
    let offering = citysync_app::offerings::create(
        &ctx,
        &carmen_user,
        &cafe.id,
        citysync_app::offerings::OfferingInput {
            title: "Coffee".into(),
            description: "A cup of coffee.".into(),
            price: "4.50".into(),
            category: "food_drink".into(),
            terms: "Weekdays".into(),
            active: true,
        },
        None,
    )
    .await
    .unwrap();
    citysync_app::offerings::commit(&ctx, &carmen_user, &offering, "10")
        .await
        .unwrap();
    let ana_user = user_named(&server, PSEUDONYMOUS).await;
    let reservation =
        citysync_app::redemptions::reserve(&ctx, &ana_user, &offering, "open-data-coffee")
            .await
            .unwrap();
    let carl_user = user_named(&server, CASHIER).await;
    citysync_app::redemptions::honor(&ctx, &carl_user, &cafe.id, &reservation)
        .await
        .unwrap();

    // A participatory budget, proposed by the issuer's owner on its behalf: Ana approves
    // both options, Ben abstains; the cheaper option fits, the other does not.
    let cycle = open_cycle_with_pool(&server, &admin, "Budget round", "approval", "50").await;
    let new = format!("/governance/{cycle}/proposals/new?kind=budget");
    let resp = submit(
        &server,
        &owner,
        &new,
        &new,
        &[
            ("kind", "budget"),
            ("title", "Creek furniture"),
            ("body", "Where should 50 CITY go?"),
            ("organization", HANDLE),
            ("option_title_0", "Benches"),
            ("option_cost_0", "30"),
            ("option_org_0", HANDLE),
            ("option_title_1", "Trees"),
            ("option_cost_1", "25"),
            ("option_org_1", HANDLE),
        ],
    )
    .await;
    let proposal_path = location(&resp);
    let proposal = proposal_path.trim_start_matches("/proposals/").to_owned();
    next_phase(&server, &admin, &cycle).await;
    next_phase(&server, &admin, &cycle).await;
    let ballot = format!("{proposal_path}/ballot");
    let resp = submit(
        &server,
        &ana,
        &proposal_path,
        &ballot,
        &[("option", "0"), ("option", "1")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let resp = submit(&server, &ben, &proposal_path, &ballot, &[("abstain", "on")]).await;
    assert_eq!(resp.status().as_u16(), 303);
    next_phase(&server, &admin, &cycle).await;

    // A signed checkpoint.
    citysync_app::ledger::checkpoints::sign_now(&ctx)
        .await
        .unwrap();

    // Every dataset, both formats.
    let mut bodies: Vec<(String, String)> = Vec::new();
    let mut exports: BTreeMap<&str, Export> = BTreeMap::new();
    for dataset in DATASETS {
        let (export, [csv, json]) = export(&server, &anon, dataset).await;
        bodies.push((format!("{dataset}.csv"), csv));
        bodies.push((format!("{dataset}.json"), json));
        exports.insert(dataset, export);
    }
    let resp = anon
        .get(server.url("/open-data/v1/residents.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    let resp = anon
        .get(server.url("/open-data/v1/contributions.xml"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);

    // Read a row at a time (a decision's options at a time), every dataset has the same rows.
    for dataset in citysync_app::open_data::Dataset::ALL {
        let mut cursor = citysync_app::open_data::Cursor::default();
        let mut rows = 0;
        loop {
            let page = citysync_app::open_data::page(&ctx, dataset, cursor, 1)
                .await
                .unwrap();
            rows += page.rows.len();
            match page.next {
                Some(next) => cursor = next,
                None => break,
            }
        }
        assert_eq!(rows, exports[dataset.slug()].json.len(), "{dataset:?}");
    }

    // The index lists each dataset with its row count, and links the schema.
    let resp = anon.get(server.url("/open-data")).send().await.unwrap();
    assert!(
        resp.headers()
            .get("cache-control")
            .is_none_or(|v| !v.to_str().unwrap().contains("public")),
        "a page with the viewer's cookie is not for shared caches"
    );
    let index = resp.text().await.unwrap();
    for dataset in DATASETS {
        let rows = exports[dataset].json.len();
        assert!(
            index.contains(&format!("id=\"rows-{dataset}\" data-rows=\"{rows}\"")),
            "{dataset} has {rows} rows: {index}"
        );
        assert!(
            index.contains(&format!("href=\"/open-data/v1/{dataset}.csv\""))
                && index.contains(&format!("href=\"/open-data/v1/{dataset}.json\"")),
            "{index}"
        );
    }
    assert!(index.contains("href=\"/open-data/v1/schema\""), "{index}");
    let (status, schema) = page(&anon, &server.url("/open-data/v1/schema")).await;
    assert_eq!(status, 200);
    assert!(
        schema.contains("<h3><code>contributions</code></h3>"),
        "{schema}"
    );
    let es = anon
        .get(server.url("/open-data"))
        .header("accept-language", "es-MX")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(es.contains("<h1>Datos abiertos</h1>"), "{es}");
    assert!(es.contains("Contribuciones"), "{es}");
    bodies.push(("index".into(), index));
    bodies.push(("index (es)".into(), es));

    // Opportunities: the published one, not the draft.
    let opportunities = exports["opportunities"].rows();
    assert_eq!(opportunities.len(), 1, "{opportunities:?}");
    let o = opportunities[0];
    assert_eq!(o["id"], opportunity.as_str());
    assert_eq!(o["title"], TITLE);
    assert_eq!(o["state"], "published");
    assert_eq!(o["organization_handle"], HANDLE);
    assert_eq!(o["category"], "environment");
    assert_eq!(o["places_taken"], 2);
    assert!(o["published_at"].as_str().unwrap().ends_with('Z'));
    let quoted = exports["opportunities"].csv[0]
        .iter()
        .position(|f| f == TITLE)
        .is_some();
    assert!(quoted, "the CSV keeps the title whole");
    assert!(bodies
        .iter()
        .all(|(_, b)| !b.contains(DRAFT_TITLE) && !b.contains(&draft.id)));

    // Templates and organizations; no contact emails.
    let templates = exports["templates"].rows();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0]["id"], template.as_str());
    assert_eq!(templates[0]["state"], "active");
    assert_eq!(templates[0]["proof_kinds"], "text");
    let organizations = exports["organizations"].rows();
    let handles: Vec<&str> = organizations
        .iter()
        .map(|o| o["handle"].as_str().unwrap())
        .collect();
    assert_eq!(handles, [CAFE, HANDLE]);
    assert!(!exports["organizations"]
        .header
        .iter()
        .any(|c| c.contains("email")));

    // Contributions: Ana under her account references, Ben without any.
    let contributions = exports["contributions"].rows();
    assert_eq!(contributions.len(), 2);
    let ana_ref = |currency: &str| {
        let id = format!("resident/{}/{currency}", ana_user.id);
        let ctx = ctx.clone();
        async move {
            ctx.db()
                .run(move |conn| citysync_storage::ledger::account(conn, &id))
                .await
                .unwrap()
                .unwrap()
                .public_ref
        }
    };
    let (ana_city, ana_vote) = (ana_ref("CITY").await, ana_ref("VOTE").await);
    assert!(ana_city.starts_with("acct-") && ana_vote.starts_with("acct-"));
    let ana_row = contributions
        .iter()
        .find(|c| c["resident_city_account"] == ana_city.as_str())
        .expect("Ana's contribution under her CITY account's reference");
    assert_eq!(ana_row["resident_vote_account"], ana_vote.as_str());
    let ben_row = contributions
        .iter()
        .find(|c| c["resident_city_account"].is_null())
        .expect("Ben's contribution without references");
    assert!(ben_row["resident_vote_account"].is_null());
    for c in &contributions {
        assert_eq!(c["city_minted"], 500);
        assert_eq!(c["vote_minted"], 3);
        assert_eq!(c["outcome_quantity"], 5.0);
        assert_eq!(c["organization_handle"], HANDLE);
        assert_eq!(c["verified_on"], ctx.now().date().to_string().as_str());
    }

    // The totals agree with the ledger, to the unit.
    let stats = citysync_app::stats::city(&ctx).await.unwrap();
    let sum = |rows: &[&serde_json::Map<String, Value>], column: &str| -> i64 {
        rows.iter().map(|r| Export::int(r, column)).sum()
    };
    let ledger = exports["ledger-totals"].rows();
    let city: Vec<_> = ledger
        .iter()
        .copied()
        .filter(|r| r["scope"] == "city")
        .collect();
    assert_eq!(city.len(), 1, "one open epoch: {ledger:?}");
    assert_eq!(sum(&contributions, "city_minted"), 1000);
    assert_eq!(
        sum(&contributions, "city_minted"),
        sum(&city, "city_minted")
    );
    assert_eq!(
        sum(&contributions, "vote_minted"),
        sum(&city, "vote_minted")
    );
    assert_eq!(sum(&city, "city_minted"), stats.city_minted);
    assert_eq!(sum(&city, "vote_minted"), stats.vote_minted);
    assert_eq!(sum(&city, "contributions"), 2);
    assert_eq!(sum(&city, "city_burned"), 450);
    assert_eq!(sum(&city, "redemptions"), 1);
    assert_eq!(sum(&city, "city_adjusted_in"), 2500);
    let open = city[0];
    assert_eq!(open["sealed"], false);
    assert_eq!(Export::int(open, "balance_city_burned"), stats.city_burned);
    assert_eq!(
        Export::int(open, "balance_city_circulating"),
        stats.city_in_circulation
    );
    assert_eq!(
        Export::int(open, "balance_city_issued"),
        Export::int(open, "balance_city_circulating")
            + Export::int(open, "balance_city_budgets")
            + Export::int(open, "balance_city_escrow")
            + Export::int(open, "balance_city_burned")
    );
    let line = |scope: &str, handle: &str| {
        ledger
            .iter()
            .find(|r| r["scope"] == scope && r["organization_handle"] == handle)
            .copied()
            .unwrap_or_else(|| panic!("no {scope} line of {handle}: {ledger:?}"))
    };
    assert_eq!(
        Export::int(line("organization", HANDLE), "city_minted"),
        1000
    );
    assert_eq!(Export::int(line("organization", CAFE), "city_burned"), 450);
    let environment = ledger
        .iter()
        .find(|r| r["scope"] == "category" && r["category"] == "environment")
        .unwrap();
    assert_eq!(Export::int(environment, "contributions"), 2);

    // Checkpoints verify with the key they carry.
    let checkpoints = exports["checkpoints"].rows();
    assert!(!checkpoints.is_empty());
    for c in &checkpoints {
        let totals = |currency: citysync_domain::ledger::Currency, prefix: &str| {
            citysync_domain::ledger::CurrencyTotals {
                currency,
                issued: Export::int(c, &format!("{prefix}_issued")),
                circulating: Export::int(c, &format!("{prefix}_circulating")),
                budgets: Export::int(c, &format!("{prefix}_budgets")),
                escrow: Export::int(c, &format!("{prefix}_escrow")),
                burned: Export::int(c, &format!("{prefix}_burned")),
            }
        };
        let checkpoint = citysync_domain::ledger::Checkpoint {
            seq: Export::int(c, "seq"),
            head_hash: c["head_hash"].as_str().unwrap().to_owned(),
            totals: vec![
                totals(citysync_domain::ledger::Currency::City, "city"),
                totals(citysync_domain::ledger::Currency::Vote, "vote"),
            ],
            signed_at: chrono::DateTime::from_timestamp_micros(Export::int(c, "signed_at_micros"))
                .unwrap()
                .naive_utc(),
            signature: c["signature"].as_str().unwrap().to_owned(),
        };
        assert!(
            checkpoint.verify(c["public_key"].as_str().unwrap()),
            "checkpoint {c:?}"
        );
    }

    // The decision and its tally.
    let decisions = exports["decisions"].rows();
    assert_eq!(decisions.len(), 1);
    let d = decisions[0];
    assert_eq!(d["proposal_id"], proposal.as_str());
    assert_eq!(d["kind"], "budget");
    assert_eq!(d["method"], "approval");
    assert_eq!(d["result"], "passed");
    assert_eq!(d["organization_handle"], HANDLE);
    assert_eq!(d["eligible_voters"], 2);
    assert_eq!(d["eligible_vote"], 6);
    assert_eq!(d["voters"], 2);
    assert_eq!(d["vote_cast"], 6);
    assert_eq!(d["abstentions"], 1);
    assert_eq!(d["turnout_percent"], 100.0);
    assert_eq!(d["quorum_reached"], true);
    assert_eq!(d["options"], 2);
    assert!(d["enacted"].as_str().unwrap().contains("Trees"), "{d:?}");
    let options = exports["decision-options"].rows();
    assert_eq!(options.len(), 2);
    let option = |label: &str| *options.iter().find(|o| o["label"] == label).unwrap();
    assert_eq!(option("Benches")["support"], 3);
    assert_eq!(option("Benches")["funded"], false);
    assert_eq!(option("Trees")["support"], 3);
    assert_eq!(option("Trees")["funded"], true);
    assert_eq!(option("Trees")["cost"], 2500);

    // The feeds: well-formed Atom, the published opportunity, never the draft.
    for path in [
        "/opportunities.atom",
        &format!("/organizations/{HANDLE}/opportunities.atom"),
    ] {
        let resp = anon.get(server.url(path)).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{path}");
        assert_eq!(
            resp.headers()["content-type"],
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(resp.headers()["cache-control"], "public, max-age=300");
        let body = resp.text().await.unwrap();
        let doc = roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")), "{body}");
        assert!(child(root, "title")
            .text()
            .unwrap()
            .starts_with("New opportunities"));
        child(root, "updated");
        child(root, "id");
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), 1, "{body}");
        let entry = entries[0];
        let url = server.url(&format!("/opportunities/{opportunity}"));
        assert_eq!(child(entry, "title").text(), Some(TITLE));
        assert_eq!(child(entry, "id").text(), Some(url.as_str()));
        assert_eq!(child(entry, "link").attribute("href"), Some(url.as_str()));
        assert_eq!(
            child(child(entry, "author"), "name").text(),
            Some("Friends of the Creek")
        );
        child(entry, "published");
        child(entry, "updated");
        assert!(child(entry, "summary")
            .text()
            .unwrap()
            .contains("Strawberry Creek"));
        assert!(!body.contains(DRAFT_TITLE));
        bodies.push((path.to_owned(), body));
    }
    let (status, _) = page(
        &anon,
        &server.url("/organizations/nobody/opportunities.atom"),
    )
    .await;
    assert_eq!(status, 404);
    let (_, html) = page(&anon, &server.url("/opportunities")).await;
    assert!(html.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New opportunities (Atom feed)\" href=\"/opportunities.atom\">"
    ), "{html}");
    let (_, html) = page(&anon, &server.url(&format!("/organizations/{HANDLE}"))).await;
    assert!(html.contains(&format!(
        "type=\"application/atom+xml\" title=\"New opportunities of Friends of the Creek (Atom feed)\" href=\"/organizations/{HANDLE}/opportunities.atom\""
    )), "{html}");

    // No personal data anywhere: emails, usernames, display names and ids of residents (Ben
    // opted into a public profile, yet open data does not name him either), contact
    // emails, proof and feedback, IP addresses (the city's own address aside: its links).
    let mut forbidden: Vec<String> = vec![
        "@example.org".into(),
        "clerk@berkeley.example".into(),
        "clerk".into(),
        format!("hi@{HANDLE}.org"),
        format!("hi@{CAFE}.org"),
        PUBLIC_NAME.into(),
        "Filled four bags".into(),
        "Thank you".into(),
    ];
    for username in [OWNER, VERIFIER, PSEUDONYMOUS, PUBLIC, CAFE_OWNER, CASHIER] {
        forbidden.push(username.to_owned());
        forbidden.push(format!("{username}@example.org"));
        forbidden.push(user_named(&server, username).await.id.to_string());
    }
    let city_host = server.base.trim_start_matches("http://").to_owned();
    for (name, body) in &bodies {
        for needle in &forbidden {
            assert!(
                !body.contains(needle.as_str()),
                "{name} contains {needle:?}"
            );
        }
        let without_city = body.replace(&city_host, "");
        assert_eq!(ipv4_like(&without_city), None, "{name}: {body}");
    }

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_longer_than_a_page_are_streamed_whole() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    let ctx = server.running().ctx.clone();
    let count = usize::try_from(citysync_app::open_data::PAGE_ROWS).unwrap() * 2 + 1;
    for _ in 0..count {
        citysync_app::ledger::checkpoints::sign_now(&ctx)
            .await
            .unwrap();
    }
    let (export, [_, json]) = export(&server, &server.client(), "checkpoints").await;
    assert_eq!(export.json.len(), count, "{json}");
    let ids: Vec<i64> = export.rows().iter().map(|r| Export::int(r, "id")).collect();
    assert_eq!(ids, (1..=i64::try_from(count).unwrap()).collect::<Vec<_>>());
    server.stop().await;
}
