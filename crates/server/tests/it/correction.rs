//! Correcting a published opportunity (issue 22): an editor changes its time through the
//! edit form and every claimant is told old and new, on Berkeley's clock, in their language,
//! in-app and by email; a capacity below the claims is refused; cancelling asks for a reason
//! and the claimants get it; people who are not editors cannot do either.

use chrono::{Duration, NaiveDateTime};
use citysync_app::catalog;
use citysync_i18n::moments::{self, Moment};
use citysync_i18n::Locale;
use citysync_test_support::server::{
    approved_issuer, choose_language, csrf, environment_template, page, post,
    published_opportunity, resident, set_up_city, text_between, TestServer, CITY_ZONE,
};

const PASSWORD: &str = "correct horse battery";

/// `who` claims the opportunity through its page.
async fn claim(server: &TestServer, who: &reqwest::Client, opportunity: &str) {
    let path = format!("/opportunities/{opportunity}");
    let (_, html) = page(who, &server.url(&path)).await;
    let resp = post(
        who,
        &server.url(&format!("{path}/claim")),
        &[("csrf_token", &csrf(&html))],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
}

/// The value the edit form holds in the `datetime-local` field `name`.
fn field_value(html: &str, name: &str) -> String {
    text_between(
        html,
        &format!("name=\"{name}\" type=\"datetime-local\" value=\""),
        "\"",
    )
    .to_owned()
}

/// The edit form's fields as the page holds them, with `changes` typed over them.
fn edit_fields(html: &str, changes: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("csrf_token", csrf(html)),
        ("title", "Creek cleanup Saturday".to_owned()),
        ("place", "Strawberry Creek".to_owned()),
        ("latitude", String::new()),
        ("longitude", String::new()),
        ("starts_at", field_value(html, "starts_at")),
        ("ends_at", field_value(html, "ends_at")),
        ("claim_deadline", field_value(html, "claim_deadline")),
        ("capacity", "10".to_owned()),
        ("onsite_instructions", String::new()),
    ];
    for (name, value) in changes {
        let at = fields.iter().position(|(n, _)| n == name).unwrap();
        fields[at].1 = value.clone();
    }
    fields
}

async fn post_fields(
    client: &reqwest::Client,
    url: &str,
    fields: &[(&'static str, String)],
) -> reqwest::Response {
    client.post(url).form(fields).send().await.unwrap()
}

/// A mail file's text with quoted-printable undone (soft breaks and `=XX` bytes).
fn decoded(raw: &str) -> String {
    let raw = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `at` as a reader of `locale` sees it on Berkeley's clock.
fn local(server: &TestServer, locale: Locale, at: NaiveDateTime) -> String {
    server
        .running()
        .ctx
        .i18n
        .moment(locale, moments::zone(CITY_ZONE), at, Moment::DateTime)
}

async fn starts_at(server: &TestServer, id: &str) -> NaiveDateTime {
    catalog::opportunity(&server.running().ctx, id, None)
        .await
        .unwrap()
        .starts_at
}

#[tokio::test]
async fn an_editor_corrects_and_cancels_and_every_claimant_is_told() {
    let server = TestServer::start().await;
    set_up_city(&server, "Berkeley").await;
    let olga = resident(&server, "olga", PASSWORD).await;
    let vera = resident(&server, "vera", PASSWORD).await;
    let ana = resident(&server, "ana", PASSWORD).await;
    let ben = resident(&server, "ben", PASSWORD).await;
    approved_issuer(&server, "olga", "vera", "creek-friends").await;
    let template = environment_template(&server, "olga", "creek-friends", 500, 10).await;
    let id = published_opportunity(&server, "olga", &template, "Creek cleanup Saturday").await;
    claim(&server, &ana, &id).await;
    claim(&server, &ben, &id).await;
    choose_language(&server, &ben, "es").await;
    let opp_path = format!("/opportunities/{id}");
    let edit = server.url(&format!("{opp_path}/edit"));

    // The editor finds "Edit" on the opportunity and in the console; the form holds the
    // opportunity's times on Berkeley's clock, which it names.
    let (_, html) = page(&olga, &server.url(&opp_path)).await;
    assert!(
        html.contains(&format!("href=\"{opp_path}/edit\"")),
        "{html}"
    );
    assert!(
        html.contains(&format!("href=\"{opp_path}/cancel\"")),
        "{html}"
    );
    let (_, html) = page(&olga, &server.url("/organizations/creek-friends/console")).await;
    assert!(
        html.contains(&format!("href=\"{opp_path}/edit\"")),
        "{html}"
    );
    let old_start = starts_at(&server, &id).await;
    let (status, html) = page(&olga, &edit).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Berkeley time (P"), "{html}");
    assert!(!html.contains("(UTC)"), "{html}");
    assert!(
        field_value(&html, "starts_at")
            .starts_with(&citysync_test_support::server::city_input(old_start)),
        "{html}"
    );
    assert!(html.contains("value=\"Creek cleanup Saturday\""), "{html}");

    // Below the two claims: refused beside the capacity, with the numbers; nothing changes.
    let resp = post_fields(
        &olga,
        &edit,
        &edit_fields(&html, &[("capacity", "1".into())]),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 409);
    let refused = resp.text().await.unwrap();
    assert!(
        refused.contains("The capacity cannot be 1: 2 claims are already made"),
        "{refused}"
    );
    assert!(refused.contains("f-capacity-error"), "{refused}");
    let opp = catalog::opportunity(&server.running().ctx, &id, None)
        .await
        .unwrap();
    assert_eq!(opp.capacity, 10);
    let (_, notes) = page(&ana, &server.url("/notifications")).await;
    assert!(!notes.contains("was changed"), "{notes}");

    // Saving what is already there changes nothing and tells nobody.
    let resp = post_fields(&olga, &edit, &edit_fields(&html, &[])).await;
    assert_eq!(resp.status().as_u16(), 303);
    let (_, notes) = page(&ana, &server.url("/notifications")).await;
    assert!(!notes.contains("was changed"), "{notes}");

    // Two hours later: typed on Berkeley's clock, stored as the instant it names.
    let new_start = old_start + Duration::hours(2);
    let typed = citysync_test_support::server::city_input(new_start);
    let resp = post_fields(&olga, &edit, &edit_fields(&html, &[("starts_at", typed)])).await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    assert_eq!(resp.headers()["location"], opp_path.as_str());
    let stored = starts_at(&server, &id).await;
    assert_eq!(
        stored.format("%F %R").to_string(),
        new_start.format("%F %R").to_string()
    );

    // Each claimant is told old and new on Berkeley's clock, in their language.
    let (en_old, en_new) = (
        local(&server, Locale::SOURCE, old_start),
        local(&server, Locale::SOURCE, stored),
    );
    let (es_old, es_new) = (
        local(
            &server,
            citysync_i18n::Locale::from_code("es").unwrap(),
            old_start,
        ),
        local(
            &server,
            citysync_i18n::Locale::from_code("es").unwrap(),
            stored,
        ),
    );
    assert_ne!(en_old, en_new);
    let (_, notes) = page(&ana, &server.url("/notifications")).await;
    assert!(notes.contains("was changed"), "{notes}");
    assert!(
        notes.contains(&format!("Starts: {en_old} → {en_new}")),
        "{en_old} → {en_new} in {notes}"
    );
    assert!(!notes.contains("Capacity:"), "only what changed: {notes}");
    let (_, notes) = page(&ben, &server.url("/notifications")).await;
    assert!(
        notes.contains(&format!("Inicio: {es_old} → {es_new}")),
        "{es_old} → {es_new} in {notes}"
    );
    let mail = decoded(
        &server
            .mail_to("ana@example.org", "Changed: Creek cleanup")
            .await,
    );
    assert!(mail.contains("What changed:"), "{mail}");
    assert!(
        mail.contains(&format!("Starts: {en_old} → {en_new}")),
        "{mail}"
    );
    let mail = decoded(
        &server
            .mail_to("ben@example.org", "Cambios en: Creek cleanup")
            .await,
    );
    assert!(mail.contains("Qué cambió:"), "{mail}");
    assert!(
        mail.contains(&format!("Inicio: {es_old} → {es_new}")),
        "{mail}"
    );

    // People who are not its editors can neither edit nor cancel it.
    let refused_statuses = [403, 404];
    for (who, name) in [(&vera, "the verifier"), (&ana, "a claimant")] {
        let (status, _) = page(who, &edit).await;
        assert!(
            refused_statuses.contains(&status),
            "{name} sees the edit form: {status}"
        );
        let (status, _) = page(who, &server.url(&format!("{opp_path}/cancel"))).await;
        assert!(
            refused_statuses.contains(&status),
            "{name} sees the cancel page: {status}"
        );
        let (_, own) = page(who, &server.url(&opp_path)).await;
        let token = csrf(&own);
        let later = citysync_test_support::server::city_input(new_start + Duration::hours(1));
        let fields = [
            ("csrf_token", token.as_str()),
            ("title", "Mine now"),
            ("place", "Elsewhere"),
            ("starts_at", later.as_str()),
            ("ends_at", later.as_str()),
            ("claim_deadline", later.as_str()),
            ("capacity", "3"),
        ];
        let status = post(who, &edit, &fields).await.status().as_u16();
        assert!(refused_statuses.contains(&status), "{name} edits: {status}");
        let resp = post(
            who,
            &server.url(&format!("{opp_path}/cancel")),
            &[("csrf_token", &token), ("reason", "no")],
        )
        .await;
        let status = resp.status().as_u16();
        assert!(
            refused_statuses.contains(&status),
            "{name} cancels: {status}"
        );
    }
    let (status, _) = page(&server.client(), &edit).await;
    assert_eq!(status, 303, "a visitor is sent to sign in");
    assert_eq!(
        catalog::opportunity(&server.running().ctx, &id, None)
            .await
            .unwrap()
            .capacity,
        10
    );

    // Cancelling: a confirmation says what happens; without a reason nothing changes.
    let cancel = server.url(&format!("{opp_path}/cancel"));
    let (status, html) = page(&olga, &cancel).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("2 claims end"), "{html}");
    assert!(
        html.contains("The 2 residents who claimed it are told"),
        "{html}"
    );
    let resp = post(
        &olga,
        &cancel,
        &[("csrf_token", &csrf(&html)), ("reason", "  ")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let refused = resp.text().await.unwrap();
    assert!(refused.contains("f-reason-error"), "{refused}");
    let opp = catalog::opportunity(&server.running().ctx, &id, None)
        .await
        .unwrap();
    assert_eq!(opp.state.as_str(), "published");
    assert_eq!(opp.active_claims, 2);
    let (_, notes) = page(&ana, &server.url("/notifications")).await;
    assert!(!notes.contains("was cancelled"), "{notes}");

    let reason = "The creek is flooded after the storm";
    let resp = post(
        &olga,
        &cancel,
        &[("csrf_token", &csrf(&html)), ("reason", reason)],
    )
    .await;
    assert_eq!(
        resp.status().as_u16(),
        303,
        "{}",
        resp.text().await.unwrap()
    );
    let opp = catalog::opportunity(&server.running().ctx, &id, None)
        .await
        .unwrap();
    assert_eq!(opp.state.as_str(), "cancelled");
    for who in [&ana, &ben] {
        let (_, notes) = page(who, &server.url("/notifications")).await;
        assert!(notes.contains(reason), "{notes}");
    }
    let mail = decoded(
        &server
            .mail_to("ana@example.org", "Cancelled: Creek cleanup")
            .await,
    );
    assert!(mail.contains("The organization's reason:"), "{mail}");
    assert!(mail.contains(reason), "{mail}");
    let mail = decoded(
        &server
            .mail_to("ben@example.org", "Cancelada: Creek cleanup")
            .await,
    );
    assert!(mail.contains("El motivo de la organización:"), "{mail}");
    assert!(mail.contains(reason), "{mail}");
    // Once cancelled it cannot be edited.
    let (status, _) = page(&olga, &edit).await;
    assert_eq!(status, 400);

    server.stop().await;
}
