//! Settlement (issue 25, "nothing pays the café"), on SQLite and PostgreSQL: a café honors
//! redemptions, the epoch closes, and the café gets a signed statement (units, CITY, rate,
//! amount owed within its cap) whose hash is an entry of the ledger's chain; the closing
//! checkpoint covers it and a peer's countersignature of that checkpoint is kept; the finance
//! office marks it paid (audited); /transparency's figures show owed and paid; tampering with
//! the stored statement makes `citysync ledger verify` exit 1 naming it. Then the same
//! through the pages: the administrator's terms form, the café's console, the printable
//! statement and its CSV, the finance office's "mark paid" form and /transparency.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::Duration;
use citysync_app::federation::publications::Outgoing;
use citysync_app::federation::witness::{self, IncomingCheckpoint, IncomingCountersignature};
use citysync_app::federation::Receipt;
use citysync_app::ledger::{check, checkpoints, epochs, settlement};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::redemptions;
use citysync_app::trail::{self, Subject};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::OfferingId;
use citysync_test_support::server::{
    approved_redeemer, csrf, page, post, set_up_city, text_between, user_named, TestServer,
};
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_for, ctx_with_clock, mint, person, TestDb,
};
use diesel::connection::SimpleConnection;
use reqwest::Url;
use std::process::Command;
use std::sync::{Arc, Mutex};

fn verify_cli(data_dir: &std::path::Path, url: &str) -> (i32, String) {
    ledger_cli(data_dir, url, "verify")
}

/// Runs `citysync ledger <command>` on the database at `url`: exit code and output.
fn ledger_cli(data_dir: &std::path::Path, url: &str, command: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_citysync"))
        .args([
            "--data-dir",
            &data_dir.to_string_lossy(),
            "--database-url",
            url,
        ])
        .args(["ledger", command])
        .env("CITYSYNC_LOG__LEVEL", "warn")
        .output()
        .expect("run citysync");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// An offering of `org` at `price`, with `units` committed for the epoch.
async fn offering(ctx: &Ctx, owner: &User, org: &str, title: &str, price: &str) -> OfferingId {
    let id = offerings::create(
        ctx,
        owner,
        org,
        OfferingInput {
            title: title.into(),
            description: format!("A {title}"),
            price: price.into(),
            category: "food_drink".into(),
            terms: "One per visit".into(),
            active: true,
        },
        None,
    )
    .await
    .unwrap();
    offerings::commit(ctx, owner, &id, "10").await.unwrap();
    id
}

/// Reserves `offering` for `resident` and has `cashier` honor it at `org`'s counter.
async fn honored(
    ctx: &Ctx,
    resident: &User,
    cashier: &User,
    org: &str,
    offering: &OfferingId,
    key: &str,
) {
    let id = redemptions::reserve(ctx, resident, offering, key)
        .await
        .unwrap();
    redemptions::honor(ctx, cashier, org, &id).await.unwrap();
}

/// The witness countersigns `cp` (the origin's), and the origin keeps the countersignature.
async fn countersigned(origin: &Ctx, cp: &citysync_domain::ledger::Checkpoint) -> bool {
    let witness_db = if matches!(origin.db().backend(), citysync_storage::Backend::Postgres) {
        TestDb::postgres().unwrap()
    } else {
        TestDb::sqlite()
    };
    let wit = ctx_for(witness_db.db.clone(), "http://witness.test");
    let key = checkpoints::signing_key(origin).await.unwrap().public_hex();
    let origin_actor = Url::parse(&format!("{}city", origin.settings.public_url)).unwrap();
    let sent = Arc::new(Mutex::new(None));
    let sent2 = sent.clone();
    witness::receive_checkpoint(
        &wit,
        IncomingCheckpoint {
            origin_actor,
            checkpoint: cp.clone(),
            ledger_key: key,
            document: serde_json::to_string(cp).unwrap(),
        },
        move |c| {
            *sent2.lock().unwrap() = Some(c.clone());
            Ok(Outgoing {
                activity_id: format!(
                    "http://witness.test/activities/countersign/{}",
                    c.statement.seq
                ),
                actor: "http://witness.test/city".into(),
                inbox: Url::parse("http://127.0.0.1:8080/inbox").unwrap(),
                body: "{}".into(),
            })
        },
    )
    .await
    .unwrap();
    let c = sent.lock().unwrap().clone().expect("a countersignature");
    assert_eq!(
        (c.statement.seq, &c.statement.head_hash),
        (cp.seq, &cp.head_hash)
    );
    let receipt = Receipt::new(
        origin,
        &Url::parse("http://witness.test/activities/countersign/1").unwrap(),
        &Url::parse("http://witness.test/city").unwrap(),
    );
    witness::receive_countersignature(
        origin,
        &receipt,
        IncomingCountersignature {
            witness_actor: Url::parse("http://witness.test/city").unwrap(),
            seq: c.statement.seq,
            head_hash: c.statement.head_hash.clone(),
            ledger_signature: c.statement.ledger_signature.clone(),
            signature: c.signature.clone(),
            witness_key: c.witness_key.clone(),
        },
    )
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cafe_is_owed_by_a_signed_chained_statement_that_verify_checks() {
    for (backend, t) in both_backends() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, clock) = ctx_with_clock(&t);
        citysync_app::instance::ensure(&ctx).await.unwrap();
        let admin = person(&ctx, "admin_ana", true).await;
        let owner = person(&ctx, "owner_olga", false).await;
        let cafe_owner = person(&ctx, "cafe_carla", false).await;
        let cashier = person(&ctx, "cashier_cruz", false).await;
        let resident = person(&ctx, "rosa", false).await;
        let issuer = approved_organization(&ctx, &admin, &owner, "creek", true, false).await;
        let cafe = approved_organization(&ctx, &admin, &cafe_owner, "cafe-luna", false, true).await;
        add_member(&ctx, &cafe_owner, "cafe-luna", &cashier, "cashier").await;
        epochs::set_budget(&ctx, &admin, &issuer, "100", "b1")
            .await
            .unwrap();
        mint(&ctx, &issuer, &resident, 5_000, 1).await.unwrap();

        // Only the administrator sets the terms; what is typed is checked.
        assert!(matches!(
            settlement::set_terms(&ctx, &cafe_owner, "USD", "0.50", "General fund").await,
            Err(AppError::Forbidden)
        ));
        assert!(settlement::set_terms(&ctx, &admin, "US", "0.50", "x")
            .await
            .is_err());
        assert!(settlement::set_terms(&ctx, &admin, "USD", "0.505", "x")
            .await
            .is_err());
        settlement::set_terms(
            &ctx,
            &admin,
            "usd",
            "0.50",
            "City general fund, ordinance 2026-14",
        )
        .await
        .unwrap();
        settlement::set_cap(&ctx, &admin, &cafe, "5.00")
            .await
            .unwrap();

        let coffee = offering(&ctx, &cafe_owner, &cafe, "Coffee", "4.50").await;
        let tea = offering(&ctx, &cafe_owner, &cafe, "Tea", "3.01").await;
        honored(&ctx, &resident, &cashier, &cafe, &coffee, "r1").await;
        honored(&ctx, &resident, &cashier, &cafe, &coffee, "r2").await;
        honored(&ctx, &resident, &cashier, &cafe, &tea, "r3").await;
        // A cancelled reservation burns nothing and is owed nothing.
        let cancelled = redemptions::reserve(&ctx, &resident, &tea, "r4")
            .await
            .unwrap();
        redemptions::cancel(&ctx, &resident, &cancelled)
            .await
            .unwrap();

        // Before the close the café sees what it can still be reimbursed: 2 × 4.50 + 3.01
        // CITY at 0.50 is 4.50 + 1.51 (half up) = 6.01 USD, past its 5.00 cap.
        let left = settlement::remaining(&ctx, &cafe).await.unwrap().unwrap();
        assert_eq!(
            (left.owed_so_far_text.as_str(), left.remaining_text.as_str()),
            ("6.01", "0.00"),
            "{backend}"
        );
        assert!(settlement::of_organization(&ctx, &cafe_owner, &cafe)
            .await
            .unwrap()
            .is_empty());

        let first = epochs::current(&ctx).await.unwrap();
        clock.set(first.ends_at.and_utc() + Duration::seconds(1));
        assert_eq!(
            epochs::close_all_due(&ctx).await.unwrap(),
            vec![1],
            "{backend}"
        );

        // The statement: per offering units, CITY and amount, the rate, the cap, the total.
        assert!(matches!(
            settlement::of_organization(&ctx, &resident, &cafe).await,
            Err(AppError::Forbidden)
        ));
        let list = settlement::of_organization(&ctx, &cashier, &cafe)
            .await
            .unwrap();
        assert_eq!(list.len(), 1, "{backend}");
        let s = &list[0];
        let year = chrono::Datelike::year(&first.ends_at);
        assert_eq!(s.number, format!("{year}-0001"), "{backend}");
        let lines: Vec<(&str, i64, &str, &str)> = s
            .lines
            .iter()
            .map(|l| {
                (
                    l.title.as_str(),
                    l.units,
                    l.city_burned_text.as_str(),
                    l.amount_owed_text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![("Coffee", 2, "9.00", "4.50"), ("Tea", 1, "3.01", "1.51")]
        );
        assert_eq!(s.statement.units, 3);
        assert_eq!(s.city_burned_text, "12.01");
        assert_eq!(
            (s.statement.currency.as_str(), s.rate_text.as_str()),
            ("USD", "0.50")
        );
        assert_eq!(s.owed_before_cap_text, "6.01");
        assert_eq!(s.cap_text.as_deref(), Some("5.00"));
        assert_eq!(s.amount_owed_text, "5.00");
        assert_eq!(
            s.statement.funding_source,
            "City general fund, ordinance 2026-14"
        );
        assert!(settlement::csv(s).contains("\"Coffee\",2,9.00,0.50,\"USD\",4.50"));

        // Its hash is a `statement` entry of the chain, in the closed epoch, moving nothing;
        // the closing checkpoint is signed after it, and a peer's countersignature of that
        // checkpoint is kept by the city.
        let seq = s.entry_seq;
        let entry =
            t.db.run(move |conn| citysync_storage::ledger::entries_after(conn, seq - 1, 1))
                .await
                .unwrap()
                .remove(0);
        assert_eq!(
            (entry.seq, entry.kind.as_str(), entry.epoch),
            (seq, "statement", 1)
        );
        assert_eq!(
            entry.memo,
            format!("statement:{}:{}", s.number, s.content_hash)
        );
        assert_eq!(
            (entry.from_account.as_str(), entry.amount),
            ("burn/city/CITY", 1201)
        );
        let close = checkpoints::recent(&ctx, 10)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.reason == "epoch_close" && c.epoch == Some(1))
            .expect("the closing checkpoint");
        assert!(
            close.checkpoint.seq >= seq,
            "{backend}: the checkpoint covers the entry"
        );
        assert!(countersigned(&ctx, &close.checkpoint).await, "{backend}");
        let witnesses = witness::witnesses_of(&ctx, vec![close.checkpoint.seq])
            .await
            .unwrap();
        assert_eq!(witnesses[&close.checkpoint.seq].len(), 1, "{backend}");
        let v = check::run(&ctx).await.unwrap();
        assert!(v.ok, "{backend}: {:?}", v.failure);
        let (code, out) = verify_cli(dir.path(), &t.url);
        assert_eq!(code, 0, "{backend}: {out}");

        // The finance office marks it paid, once, with a reference; the trail keeps it.
        assert!(matches!(
            settlement::mark_paid(&ctx, &cafe_owner, &s.number, "ACH-1").await,
            Err(AppError::Forbidden)
        ));
        assert!(settlement::mark_paid(&ctx, &admin, &s.number, "  ")
            .await
            .is_err());
        settlement::mark_paid(&ctx, &admin, &s.number, "ACH-2026-0042")
            .await
            .unwrap();
        assert!(settlement::mark_paid(&ctx, &admin, &s.number, "ACH-again")
            .await
            .is_err());
        let paid = settlement::get(&ctx, &cafe_owner, &cafe, &s.number)
            .await
            .unwrap();
        assert_eq!(paid.payment_reference.as_deref(), Some("ACH-2026-0042"));
        let cafe2 = cafe.clone();
        let trail_lines = trail::of_subject(&ctx, Subject::Organization, &cafe2)
            .await
            .unwrap();
        let line = trail_lines
            .iter()
            .find(|l| l.action == "settlement_paid")
            .expect("the payment on the trail");
        assert!(line.detail.contains("ACH-2026-0042"), "{}", line.detail);
        assert_eq!(line.actor.as_deref(), Some("admin_ana"));

        let public = settlement::public_summary(&ctx).await.unwrap();
        assert_eq!(public.len(), 1);
        assert_eq!(
            (
                public[0].handle.as_str(),
                public[0].owed_text.as_str(),
                public[0].paid_text.as_str(),
                public[0].outstanding_text.as_str()
            ),
            ("cafe-luna", "5.00", "5.00", "0.00")
        );

        // An epoch with nothing honored writes no statement; the next one numbers on.
        let second = epochs::current(&ctx).await.unwrap();
        clock.set(second.ends_at.and_utc() + Duration::seconds(1));
        epochs::close_all_due(&ctx).await.unwrap();
        assert_eq!(
            settlement::of_organization(&ctx, &cafe_owner, &cafe)
                .await
                .unwrap()
                .len(),
            1
        );

        // Tampering with the stored statement: verify exits 1 and names it.
        let number = s.number.clone();
        t.db.run(move |conn| {
            conn.batch_execute(&format!(
                "UPDATE settlement_statements SET content = REPLACE(content, '\"units\":2', '\"units\":3') \
                 WHERE number = '{number}'"
            ))
            .map_err(citysync_storage::StorageError::from)
        })
        .await
        .unwrap();
        let (code, out) = verify_cli(dir.path(), &t.url);
        assert_eq!(code, 1, "{backend}: {out}");
        assert!(
            out.contains(&format!("statement {}", s.number)),
            "{backend}: {out}"
        );
        println!("{backend}: {out}");
        // Changing the amount owed in both places still breaks the chain's hash.
        let number = s.number.clone();
        t.db.run(move |conn| {
            conn.batch_execute(&format!(
                "UPDATE settlement_statements SET content = REPLACE(content, '\"units\":3', '\"units\":2') \
                 WHERE number = '{number}'; \
                 UPDATE settlement_statements SET amount_owed = 601, \
                 content = REPLACE(content, '\"amount_owed\":500', '\"amount_owed\":601') \
                 WHERE number = '{number}'"
            ))
            .map_err(citysync_storage::StorageError::from)
        })
        .await
        .unwrap();
        let v = check::run(&ctx).await.unwrap();
        assert!(!v.ok, "{backend}");
        assert!(
            v.failure.as_deref().unwrap_or("").contains(&s.number),
            "{backend}: {:?}",
            v.failure
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cafe_reads_its_statement_and_the_finance_office_marks_it_paid_through_the_pages() {
    let server = TestServer::start().await;
    let admin = set_up_city(&server, "Berkeley").await;
    let ctx = server.running().ctx.clone();

    // The administrator sets the terms with the form.
    let (status, html) = page(&admin, &server.url("/admin/settlement")).await;
    assert_eq!(status, 200, "{html}");
    let resp = post(
        &admin,
        &server.url("/admin/settlement/terms"),
        &[
            ("csrf_token", &csrf(&html)),
            ("currency", "MXN"),
            ("rate", "abc"),
            ("funding_source", "Fondo general"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400, "a rate that is no amount");
    let resp = post(
        &admin,
        &server.url("/admin/settlement/terms"),
        &[
            ("csrf_token", &csrf(&html)),
            ("currency", "usd"),
            ("rate", "0.25"),
            ("funding_source", "City general fund, ordinance 2026-14"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);

    // A café (owner carla, cashier cruz) honors two coffees at 4.00 CITY.
    let clerk = user_named(&server, "clerk").await;
    let owner = person(&ctx, "olga", false).await;
    let issuer = approved_organization(&ctx, &clerk, &owner, "creek", true, false).await;
    epochs::set_budget(&ctx, &clerk, &issuer, "100", "b1")
        .await
        .unwrap();
    let carla =
        citysync_test_support::server::resident(&server, "carla", "correct horse battery").await;
    person(&ctx, "cruz", false).await;
    approved_redeemer(&server, "carla", "cruz", "cafe-sol").await;
    let cafe = citysync_app::organizations::by_handle(&ctx, "cafe-sol", None)
        .await
        .unwrap();
    let carla_user = user_named(&server, "carla").await;
    let cruz = user_named(&server, "cruz").await;
    let rosa = person(&ctx, "rosa", false).await;
    mint(&ctx, &issuer, &rosa, 1_000, 1).await.unwrap();
    let coffee = offering(&ctx, &carla_user, &cafe.id, "Coffee", "4.00").await;
    honored(&ctx, &rosa, &cruz, &cafe.id, &coffee, "p1").await;
    honored(&ctx, &rosa, &cruz, &cafe.id, &coffee, "p2").await;

    // The administrator caps the café at 10.00 USD per period; before committing more
    // offerings the café reads what the city can still reimburse: 10.00 - 2 × 4.00 × 0.25.
    let (_, office) = page(&admin, &server.url("/admin/settlement")).await;
    assert!(office.contains("id=\"cap-cafe-sol\""), "{office}");
    let resp = post(
        &admin,
        &server.url("/admin/settlement/caps"),
        &[
            ("csrf_token", &csrf(&office)),
            ("organization_id", &cafe.id),
            ("cap", "10"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (status, manage) = page(&carla, &server.url("/organizations/cafe-sol/offerings")).await;
    assert_eq!(status, 200, "{manage}");
    let remaining = text_between(&manage, "id=\"remaining\">", "</p>");
    assert!(
        remaining.contains("10.00 USD") && remaining.contains("still reimburse 8.00 USD"),
        "{remaining}"
    );
    // The operator closes the epoch now (`citysync ledger close-epoch` runs this).
    assert_eq!(epochs::close_now(&ctx).await.unwrap(), 1);

    // The café's console lists it; the printable page and the CSV show the figures.
    let (status, console) = page(&carla, &server.url("/organizations/cafe-sol/console")).await;
    assert_eq!(status, 200, "{console}");
    assert!(
        console.contains("/organizations/cafe-sol/statements"),
        "{console}"
    );
    let (status, list) = page(&carla, &server.url("/organizations/cafe-sol/statements")).await;
    assert_eq!(status, 200, "{list}");
    let number = text_between(&list, "id=\"statement-", "\"").to_owned();
    assert!(list.contains("2.00 USD"), "{list}");
    assert!(list.contains("Not paid yet"), "{list}");
    let path = format!("/organizations/cafe-sol/statements/{number}");
    let (status, one) = page(&carla, &server.url(&path)).await;
    assert_eq!(status, 200, "{one}");
    assert!(one.contains("/static/statement.css"), "{one}");
    assert!(one.contains("0.25 USD per CITY"), "{one}");
    assert!(
        one.contains("City general fund, ordinance 2026-14"),
        "{one}"
    );
    assert!(
        text_between(&one, "id=\"owed\">", "<").contains("2.00 USD"),
        "{one}"
    );
    assert!(
        !one.contains("statement_paid") && !one.contains("settlement-"),
        "{one}"
    );
    let csv = carla
        .get(server.url(&format!("{path}/csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status().as_u16(), 200);
    assert!(csv
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("\"Coffee\",2,8.00,0.25,\"USD\",2.00"), "{csv}");
    let (status, css) = page(&carla, &server.url("/static/statement.css")).await;
    assert_eq!(status, 200);
    assert!(css.contains("@media print"));
    // Someone outside the café does not see it.
    let stranger =
        citysync_test_support::server::resident(&server, "sam", "correct horse battery").await;
    let (status, _) = page(&stranger, &server.url(&path)).await;
    assert_eq!(status, 403);

    // The finance office marks it paid with the form; the reference shows everywhere.
    let (status, office) = page(&admin, &server.url("/admin/settlement")).await;
    assert_eq!(status, 200, "{office}");
    assert!(
        office.contains(&format!("id=\"statement-{number}\"")),
        "{office}"
    );
    let paid_url = server.url(&format!("/admin/settlement/statements/{number}/paid"));
    let resp = post(
        &admin,
        &paid_url,
        &[("csrf_token", &csrf(&office)), ("payment_reference", " ")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let resp = post(
        &admin,
        &paid_url,
        &[
            ("csrf_token", &csrf(&office)),
            ("payment_reference", "SPEI-778899"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, one) = page(&carla, &server.url(&path)).await;
    assert!(
        text_between(&one, "id=\"payment\">", "</dd>").contains("SPEI-778899"),
        "{one}"
    );

    // /transparency: owed and paid per redeemer.
    let (status, public) = page(&server.client(), &server.url("/transparency")).await;
    assert_eq!(status, 200, "{public}");
    let row = text_between(&public, "id=\"settlement-cafe-sol\"", "</tr>");
    assert_eq!(row.matches("2.00 USD").count(), 2, "owed and paid: {row}");
    assert!(row.contains("0.00 USD"), "nothing outstanding: {row}");

    // In Spanish, no English and no raw names.
    citysync_test_support::server::choose_language(&server, &carla, "es").await;
    let (_, list) = page(&carla, &server.url("/organizations/cafe-sol/statements")).await;
    assert!(list.contains("Estados de liquidación"), "{list}");
    assert!(list.contains("Pagado"), "{list}");
    let (status, one) = page(&carla, &server.url(&path)).await;
    assert_eq!(status, 200, "{one}");
    assert!(one.contains("0.25 USD por CITY"), "{one}");
    assert!(one.contains("Monto adeudado"), "{one}");
    citysync_test_support::server::choose_language(&server, &admin, "es").await;
    let (status, office) = page(&admin, &server.url("/admin/settlement")).await;
    assert_eq!(status, 200, "{office}");
    assert!(office.contains("Liquidación: tesorería"), "{office}");
    assert!(office.contains("SPEI-778899"), "{office}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_closes_the_epoch_now_and_the_statement_is_written() {
    for (backend, t) in both_backends() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx_for(t.db.clone(), "http://127.0.0.1:8080");
        citysync_app::instance::ensure(&ctx).await.unwrap();
        let admin = person(&ctx, "admin_ana", true).await;
        let owner = person(&ctx, "owner_olga", false).await;
        let cafe_owner = person(&ctx, "cafe_carla", false).await;
        let resident = person(&ctx, "rosa", false).await;
        let issuer = approved_organization(&ctx, &admin, &owner, "creek", true, false).await;
        let cafe = approved_organization(&ctx, &admin, &cafe_owner, "cafe-luna", false, true).await;
        epochs::set_budget(&ctx, &admin, &issuer, "100", "b1")
            .await
            .unwrap();
        mint(&ctx, &issuer, &resident, 1_000, 1).await.unwrap();
        settlement::set_terms(&ctx, &admin, "MXN", "2", "Presupuesto general")
            .await
            .unwrap();
        let bread = offering(&ctx, &cafe_owner, &cafe, "Pan", "1.50").await;
        honored(&ctx, &resident, &cafe_owner, &cafe, &bread, "b1").await;

        let (code, out) = ledger_cli(dir.path(), &t.url, "close-epoch");
        assert_eq!(
            (code, out.trim()),
            (0, "epoch 1 closed"),
            "{backend}: {out}"
        );
        let list = settlement::of_organization(&ctx, &cafe_owner, &cafe)
            .await
            .unwrap();
        assert_eq!(list.len(), 1, "{backend}");
        assert_eq!(
            (
                list[0].amount_owed_text.as_str(),
                list[0].statement.currency.as_str()
            ),
            ("3.00", "MXN")
        );
        let second = epochs::current(&ctx).await.unwrap();
        assert_eq!(second.number, 2, "{backend}");
        assert_eq!(
            epochs::get(&ctx, 1).await.unwrap().ends_at,
            second.starts_at,
            "{backend}: no gap"
        );
        let (code, out) = verify_cli(dir.path(), &t.url);
        assert_eq!(code, 0, "{backend}: {out}");
    }
}
