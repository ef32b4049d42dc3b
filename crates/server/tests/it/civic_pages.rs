//! Organizations, the city's approval, task templates, opportunities and the public catalog,
//! through the real forms (with CSRF) over real HTTP, in English and Spanish.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::*;

const HANDLE: &str = "creek-friends";

/// The `Location` of a See Other answer.
async fn see_other(resp: reqwest::Response) -> String {
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let body = resp.text().await.unwrap();
    assert_eq!(status, 303, "expected a redirect: {body}");
    location.unwrap()
}

/// Posts `form` to `path` with a CSRF token read from the page at `from`.
async fn submit(
    server: &TestServer,
    client: &reqwest::Client,
    from: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let (status, html) = page(client, &server.url(from)).await;
    assert_eq!(status, 200, "{from}: {html}");
    let token = csrf(&html);
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(form);
    post(client, &server.url(path), &fields).await
}

async fn user(server: &TestServer, username: &str) -> citysync_app::User {
    citysync_app::accounts::by_username(&server.running().ctx, username)
        .await
        .unwrap()
        .unwrap()
}

fn organization_form<'a>(handle: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("handle", handle),
        ("name", name),
        ("description", "We keep Strawberry Creek clean."),
        ("kind_issuer", "on"),
        ("contact_email", "hello@creek.example"),
        ("website", "https://creek.example"),
    ]
}

fn template_form<'a>(title: &'a str, category: &'a str, unit: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("summary", "Pick up litter along the creek"),
        ("instructions", "Bring **gloves** and water."),
        ("category", category),
        ("outcome_unit", unit),
        ("outcome", "5"),
        ("verification_method", "issuer_review"),
        ("proof_text", "on"),
        ("proof_photo", "on"),
        ("reward_city", "2.50"),
        ("reward_vote", "1"),
        ("estimated_minutes", "120"),
        (
            "accessibility_notes",
            "Steep banks; a paved path is available.",
        ),
        ("extra_fields", "bags | Bags filled | number | required"),
    ]
}

fn opportunity_form<'a>(title: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("place", "Strawberry Creek at Oxford Street"),
        ("latitude", "37.8715"),
        ("longitude", "-122.2660"),
        ("starts_at", "2099-06-01T09:00"),
        ("ends_at", "2099-06-01T12:00"),
        ("claim_deadline", "2099-06-01T08:00"),
        ("capacity", capacity),
        ("onsite_instructions", "Meet at the bridge."),
    ]
}

/// Ana registers Creek Friends and the clerk approves it; returns (clerk, ana).
async fn approved_organization(server: &TestServer) -> (reqwest::Client, reqwest::Client) {
    let clerk = set_up_city(server, "Berkeley").await;
    let ana = resident(server, "ana", "a long enough password").await;
    let resp = submit(
        server,
        &ana,
        "/organizations/new",
        "/organizations/new",
        &organization_form(HANDLE, "Creek Friends"),
    )
    .await;
    assert_eq!(see_other(resp).await, format!("/organizations/{HANDLE}"));
    let resp = submit(
        server,
        &clerk,
        "/admin/organizations",
        &format!("/admin/organizations/{HANDLE}/approve"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, "/admin/organizations");
    (clerk, ana)
}

/// Ana writes and activates a template; returns its id.
async fn active_template(server: &TestServer, ana: &reqwest::Client, title: &str) -> String {
    let new = format!("/organizations/{HANDLE}/templates/new");
    let resp = submit(
        server,
        ana,
        &new,
        &new,
        &template_form(title, "environment", "kg_waste_diverted"),
    )
    .await;
    let id = see_other(resp)
        .await
        .strip_prefix("/templates/")
        .unwrap()
        .to_owned();
    let page_path = format!("/templates/{id}");
    let resp = submit(
        server,
        ana,
        &page_path,
        &format!("/templates/{id}/activate"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, page_path);
    id
}

/// Ana issues and publishes an opportunity from a template; returns its id.
async fn published_opportunity(
    server: &TestServer,
    ana: &reqwest::Client,
    template_id: &str,
    form: &[(&str, &str)],
) -> String {
    let new = format!("/templates/{template_id}/opportunities/new");
    let resp = submit(server, ana, &new, &new, form).await;
    let path = see_other(resp).await;
    let id = path.strip_prefix("/opportunities/").unwrap().to_owned();
    let resp = submit(
        server,
        ana,
        &format!("/templates/{template_id}"),
        &format!("/opportunities/{id}/publish"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, path);
    id
}

async fn catalog(server: &TestServer, query: &str) -> String {
    let (status, html) = page(
        &server.client(),
        &server.url(&format!("/opportunities?{query}")),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    html
}

#[actix_web::test]
async fn a_resident_registers_an_organization_and_the_city_approves_it() {
    let server = TestServer::start().await;
    let clerk = set_up_city(&server, "Berkeley").await;
    let ana = resident(&server, "ana", "a long enough password").await;
    let anon = server.client();

    // A bad handle: 400, the message beside the field, what was typed kept, nothing created.
    let resp = submit(
        &server,
        &ana,
        "/organizations/new",
        "/organizations/new",
        &organization_form("2 bad", "Creek Friends"),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("f-handle-error"), "{html}");
    assert!(html.contains("Use 3 to 40 characters"), "{html}");
    assert!(html.contains("value=\"Creek Friends\""), "the name is kept");
    assert!(
        html.contains("name=\"kind_issuer\" checked"),
        "the checkbox is kept"
    );
    let (_, admin_html) = page(&clerk, &server.url("/admin/organizations")).await;
    assert!(!admin_html.contains("Creek Friends"), "nothing was created");

    // No kind chosen: the error sits on the kinds.
    let mut no_kind = organization_form(HANDLE, "Creek Friends");
    no_kind.retain(|(k, _)| *k != "kind_issuer");
    let resp = submit(
        &server,
        &ana,
        "/organizations/new",
        "/organizations/new",
        &no_kind,
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.text().await.unwrap().contains("f-kinds-error"));

    let resp = submit(
        &server,
        &ana,
        "/organizations/new",
        "/organizations/new",
        &organization_form(HANDLE, "Creek Friends"),
    )
    .await;
    assert_eq!(see_other(resp).await, format!("/organizations/{HANDLE}"));
    let org_path = format!("/organizations/{HANDLE}");
    // Pending: only its members and administrators see it.
    let (status, _) = page(&anon, &server.url(&org_path)).await;
    assert_eq!(status, 404);
    let (status, html) = page(&ana, &server.url(&org_path)).await;
    assert_eq!(status, 200);
    assert!(html.contains("waiting for the city"), "{html}");
    assert!(html.contains(&format!("{org_path}/console")));

    // Only administrators decide.
    let (status, _) = page(&ana, &server.url("/admin/organizations")).await;
    assert_eq!(status, 403);
    let resp = anon
        .get(server.url("/admin/organizations"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        see_other(resp).await,
        "/login?next=%2Fadmin%2Forganizations"
    );
    let resp = submit(
        &server,
        &ana,
        "/organizations/new",
        &format!("/admin/organizations/{HANDLE}/approve"),
        &[],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);

    // Declining needs a reason; approving makes it public.
    let (status, html) = page(&clerk, &server.url("/admin/organizations")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Creek Friends"));
    let resp = submit(
        &server,
        &clerk,
        "/admin/organizations",
        &format!("/admin/organizations/{HANDLE}/decline"),
        &[("reason", "  ")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains(&format!("reason-{HANDLE}-error")));
    let resp = submit(
        &server,
        &clerk,
        "/admin/organizations",
        &format!("/admin/organizations/{HANDLE}/approve"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, "/admin/organizations");
    let (_, html) = page(&clerk, &server.url("/admin/organizations")).await;
    assert!(!html.contains("Creek Friends"), "no longer pending");
    let (status, html) = page(&anon, &server.url(&org_path)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Approved by the city"),
        "the trail shows it: {html}"
    );
    assert!(!html.contains("/console"), "no console link for visitors");
    let (_, html) = page(&anon, &server.url("/organizations")).await;
    assert!(html.contains(&format!("href=\"{org_path}\"")), "{html}");
    // Deciding twice changes nothing.
    let resp = submit(
        &server,
        &clerk,
        "/admin/organizations",
        &format!("/admin/organizations/{HANDLE}/decline"),
        &[("reason", "changed my mind")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);

    // The city adds an outcome unit, named in both languages.
    let resp = submit(
        &server,
        &clerk,
        "/admin/taxonomy",
        "/admin/taxonomy",
        &[
            ("category", "tool_lending"),
            ("unit", "tools_lent"),
            ("category_name_en", "Tool lending"),
            ("category_name_es", "Préstamo de herramientas"),
            ("unit_name_en", "tools lent"),
            ("unit_name_es", "herramientas prestadas"),
        ],
    )
    .await;
    assert_eq!(see_other(resp).await, "/admin/taxonomy");
    let (_, html) = page(&clerk, &server.url("/admin/taxonomy")).await;
    assert!(html.contains("Tool lending") && html.contains("tools lent"));
    let (status, _) = page(&ana, &server.url("/admin/taxonomy")).await;
    assert_eq!(status, 403);
    server.stop().await;
}

#[actix_web::test]
async fn templates_are_versioned_and_opportunities_reach_the_filtered_catalog() {
    let server = TestServer::start().await;
    let (clerk, ana) = approved_organization(&server).await;
    let anon = server.client();
    let new = format!("/organizations/{HANDLE}/templates/new");

    // Someone outside the organization cannot write its templates.
    let (status, _) = page(&clerk, &server.url(&new)).await;
    assert_eq!(status, 403);

    // A unit of another category: 400 beside the unit, nothing created.
    let resp = submit(
        &server,
        &ana,
        &new,
        &new,
        &template_form("Creek cleanup", "food", "kg_waste_diverted"),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("f-outcome_unit-error"), "{html}");
    assert!(html.contains("does not belong to the chosen category"));
    assert!(
        html.contains("value=\"Creek cleanup\""),
        "the title is kept"
    );
    let (_, console) = page(
        &ana,
        &server.url(&format!("/organizations/{HANDLE}/console")),
    )
    .await;
    assert!(!console.contains("Creek cleanup"), "nothing was created");

    // A draft is for members only; activating makes it public.
    let resp = submit(
        &server,
        &ana,
        &new,
        &new,
        &template_form("Creek cleanup", "environment", "kg_waste_diverted"),
    )
    .await;
    let template_path = see_other(resp).await;
    let template_id = template_path
        .strip_prefix("/templates/")
        .unwrap()
        .to_owned();
    let (status, _) = page(&anon, &server.url(&template_path)).await;
    assert_eq!(status, 404);
    let resp = submit(
        &server,
        &ana,
        &template_path,
        &format!("{template_path}/activate"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, template_path);
    let (status, html) = page(&anon, &server.url(&template_path)).await;
    assert_eq!(status, 200);
    assert!(html.contains("<strong>gloves</strong>"), "Markdown: {html}");
    assert!(html.contains("kg of waste diverted") && html.contains("Environment"));
    assert!(html.contains("2.50 CITY and 1 VOTE"));
    assert!(html.contains("Bags filled"));
    assert!(!html.contains("/retire"), "no buttons for visitors");

    // Editing an active template makes version 2; version 1 stays readable.
    let (_, html) = page(&ana, &server.url(&format!("{template_path}/edit"))).await;
    assert!(html.contains("saving creates version 2"), "{html}");
    assert!(html.contains("bags | Bags filled | number | required"));
    assert!(html.contains("value=\"2.50\""));
    let resp = submit(
        &server,
        &ana,
        &format!("{template_path}/edit"),
        &format!("{template_path}/edit"),
        &template_form(
            "Creek cleanup on Saturdays",
            "environment",
            "kg_waste_diverted",
        ),
    )
    .await;
    assert_eq!(see_other(resp).await, template_path);
    let (_, html) = page(&anon, &server.url(&template_path)).await;
    assert!(
        html.contains("<h1>Creek cleanup on Saturdays</h1>"),
        "{html}"
    );
    assert!(html.contains("?version=1"));
    let (_, html) = page(&anon, &server.url(&format!("{template_path}?version=1"))).await;
    assert!(html.contains("<h1>Creek cleanup</h1>"), "{html}");
    assert!(html.contains("an older version"));

    // Times out of order: 400 beside the times, nothing created.
    let opp_new = format!("{template_path}/opportunities/new");
    let mut bad_times = opportunity_form("", "10");
    bad_times[5] = ("ends_at", "2099-06-01T08:30");
    let resp = submit(&server, &ana, &opp_new, &opp_new, &bad_times).await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(html.contains("f-times-error"), "{html}");
    assert!(html.contains("value=\"Strawberry Creek at Oxford Street\""));

    // A draft opportunity is not in the catalog; published, it is.
    let resp = submit(
        &server,
        &ana,
        &opp_new,
        &opp_new,
        &opportunity_form("", "10"),
    )
    .await;
    let opp_path = see_other(resp).await;
    assert!(!catalog(&server, "").await.contains("Strawberry Creek"));
    let resp = submit(
        &server,
        &ana,
        &template_path,
        &format!("{opp_path}/publish"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, opp_path);
    let full = published_opportunity(
        &server,
        &ana,
        &template_id,
        &opportunity_form("Creek cleanup, small group", "1"),
    )
    .await;
    // The clerk takes the only slot of the small group.
    citysync_app::claims::claim(&server.running().ctx, &user(&server, "clerk").await, &full)
        .await
        .unwrap();

    let html = catalog(&server, "").await;
    assert!(html.contains(&format!("href=\"{opp_path}\"")), "{html}");
    assert!(html.contains("Creek cleanup on Saturdays"));
    assert!(html.contains("10 of 10 open"));
    assert!(html.contains("0 of 1 open"));
    assert!(html.contains("2.50 CITY and 1 VOTE"));
    assert!(html.contains("Creek Friends") && html.contains("Environment"));
    assert!(
        html.contains("Jun 1, 2099, 9:00 AM"),
        "typed 09:00 in Berkeley shows 9:00 AM: {html}"
    );

    let has = |html: &str, path: &str| html.contains(&format!("href=\"{path}\""));
    let small = format!("/opportunities/{full}");
    let html = catalog(&server, "q=small+group").await;
    assert!(has(&html, &small) && !has(&html, &opp_path), "{html}");
    let html = catalog(&server, "q=tutoring").await;
    assert!(!has(&html, &opp_path) && html.contains("Nothing matches"));
    let html = catalog(&server, "category=environment").await;
    assert!(has(&html, &opp_path) && has(&html, &small));
    assert!(
        html.contains("<option value=\"environment\" selected>"),
        "filters are kept"
    );
    let html = catalog(&server, "category=food").await;
    assert!(!has(&html, &opp_path) && !has(&html, &small));
    let html = catalog(&server, "open=on").await;
    assert!(has(&html, &opp_path) && !has(&html, &small), "{html}");
    let html = catalog(&server, &format!("organization={HANDLE}")).await;
    assert!(has(&html, &opp_path));
    let html = catalog(&server, "organization=nobody").await;
    assert!(!has(&html, &opp_path));
    let html = catalog(&server, "from=2099-06-01&until=2099-06-01").await;
    assert!(has(&html, &opp_path));
    let html = catalog(&server, "from=2099-06-02").await;
    assert!(!has(&html, &opp_path));
    let html = catalog(&server, "until=2099-05-31").await;
    assert!(!has(&html, &opp_path));

    // The organization's public page lists its work and its numbers.
    let (_, html) = page(&anon, &server.url(&format!("/organizations/{HANDLE}"))).await;
    assert!(has(&html, &opp_path) && has(&html, &template_path));
    assert!(html.contains("Opportunities issued"));
    server.stop().await;
}

#[actix_web::test]
async fn the_pages_speak_spanish() {
    let server = TestServer::start().await;
    let (_clerk, ana) = approved_organization(&server).await;
    let template_id = active_template(&server, &ana, "Limpieza del arroyo").await;
    let opp = published_opportunity(&server, &ana, &template_id, &opportunity_form("", "10")).await;

    // A visitor whose browser asks for Spanish.
    let anon = server.client();
    let resp = anon
        .get(server.url("/opportunities"))
        .header("Accept-Language", "es-MX,es;q=0.9")
        .send()
        .await
        .unwrap();
    let html = resp.text().await.unwrap();
    assert!(html.contains("lang=\"es\""));
    assert!(html.contains("Oportunidades cívicas"), "{html}");
    assert!(html.contains("10 de 10 disponibles"));
    assert!(html.contains("Medio ambiente"));
    assert!(html.contains(&format!("/opportunities/{opp}")));

    // A member who chose Spanish with the language form: no English left on any page.
    let (_, home) = page(&ana, &server.url("/")).await;
    let resp = post(
        &ana,
        &server.url("/language"),
        &[
            ("csrf_token", &csrf(&home)),
            ("locale", "es"),
            ("return_to", "/"),
        ],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 303);
    let i18n = citysync_i18n::I18n::load().unwrap();
    let es_messages: Vec<String> = i18n
        .message_ids(citysync_i18n::Locale::from_code("es").unwrap())
        .iter()
        .map(|id| i18n.message(citysync_i18n::Locale::from_code("es").unwrap(), id, &[]))
        .collect();
    let english: Vec<String> = i18n
        .message_ids(citysync_i18n::Locale::SOURCE)
        .into_iter()
        .filter(|id| !id.starts_with("mail-"))
        .map(|id| i18n.message(citysync_i18n::Locale::SOURCE, &id, &[]))
        .filter(|m| m.len() > 12 && !m.contains('{') && !es_messages.contains(m))
        .collect();
    for (path, spanish) in [
        ("/organizations".to_owned(), "Registrar una organización"),
        ("/organizations/new".to_owned(), "Enviar para aprobación"),
        (
            format!("/organizations/{HANDLE}"),
            "Registro de rendición de cuentas",
        ),
        (
            format!("/organizations/{HANDLE}/console"),
            "Invitar a un miembro",
        ),
        (
            format!("/organizations/{HANDLE}/templates/new"),
            "Nueva plantilla de tarea",
        ),
        (
            format!("/templates/{template_id}"),
            "Emitir una oportunidad con esta plantilla",
        ),
        (
            format!("/templates/{template_id}/edit"),
            "al guardar se crea la versión 2",
        ),
        (
            format!("/templates/{template_id}/opportunities/new"),
            "Cierre de inscripciones",
        ),
        ("/opportunities?q=arroyo".to_owned(), "Una oportunidad"),
    ] {
        let (status, html) = page(&ana, &server.url(&path)).await;
        assert_eq!(status, 200, "{path}: {html}");
        assert!(html.contains("lang=\"es\""), "{path} is not Spanish");
        assert!(html.contains(spanish), "{path} lacks {spanish}: {html}");
        for m in &english {
            assert!(
                !html.contains(m.as_str()),
                "{path} still shows English: {m}"
            );
        }
    }

    // Errors are explained in Spanish too.
    let new = format!("/organizations/{HANDLE}/templates/new");
    let resp = submit(
        &server,
        &ana,
        &new,
        &new,
        &template_form("Limpieza", "food", "kg_waste_diverted"),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("no pertenece a la categoría elegida"));
    server.stop().await;
}

#[actix_web::test]
async fn an_invited_resident_joins_and_the_last_owner_stays() {
    let server = TestServer::start().await;
    let (_clerk, ana) = approved_organization(&server).await;
    let bob = resident(&server, "bob", "another long password").await;
    let console = format!("/organizations/{HANDLE}/console");
    let invitations = format!("/organizations/{HANDLE}/invitations");

    // Non-members have no console.
    let (status, _) = page(&bob, &server.url(&console)).await;
    assert_eq!(status, 403);

    let resp = submit(
        &server,
        &ana,
        &console,
        &invitations,
        &[("who", "nobody"), ("role", "verifier")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("f-who-error") && html.contains("value=\"nobody\""),
        "{html}"
    );

    let resp = submit(
        &server,
        &ana,
        &console,
        &invitations,
        &[("who", "bob"), ("role", "verifier")],
    )
    .await;
    assert_eq!(see_other(resp).await, console);
    let (_, html) = page(&ana, &server.url(&console)).await;
    assert!(
        html.contains("bob · Verifier"),
        "the invitation waits: {html}"
    );
    let resp = submit(
        &server,
        &ana,
        &console,
        &invitations,
        &[("who", "bob@example.org"), ("role", "editor")],
    )
    .await;
    // By address the answer is the same as for any address (issue 23: no enumeration),
    // and bob is still invited once.
    assert_eq!(see_other(resp).await, console, "invited once");

    let ctx = &server.running().ctx;
    let pending = citysync_app::organizations::invitations_for(ctx, &user(&server, "bob").await)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    let id = &pending[0].id;
    // Only the invitee can answer.
    let resp = submit(
        &server,
        &ana,
        "/",
        &format!("/invitations/{id}/accept"),
        &[],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 404);
    let resp = submit(
        &server,
        &bob,
        "/",
        &format!("/invitations/{id}/accept"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, "/notifications");

    let (status, html) = page(&bob, &server.url(&console)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Your role: Verifier"), "{html}");
    assert!(!html.contains("/remove\""), "only owners manage members");

    // The last owner can neither leave nor stop being an owner.
    let ana_id = user(&server, "ana").await.id.to_string();
    let bob_id = user(&server, "bob").await.id.to_string();
    let members = format!("/organizations/{HANDLE}/members");
    let resp = submit(
        &server,
        &ana,
        &console,
        &format!("{members}/{ana_id}/remove"),
        &[],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 409);
    assert!(resp
        .text()
        .await
        .unwrap()
        .contains("keeps at least one owner"));
    let resp = submit(
        &server,
        &ana,
        &console,
        &format!("{members}/{ana_id}/role"),
        &[("role", "editor")],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 409);
    // Bob cannot manage members.
    let resp = submit(
        &server,
        &bob,
        &console,
        &format!("{members}/{ana_id}/remove"),
        &[],
    )
    .await;
    assert_eq!(resp.status().as_u16(), 403);
    // With a second owner, the first may go.
    let resp = submit(
        &server,
        &ana,
        &console,
        &format!("{members}/{bob_id}/role"),
        &[("role", "owner")],
    )
    .await;
    assert_eq!(see_other(resp).await, console);
    let resp = submit(
        &server,
        &ana,
        &console,
        &format!("{members}/{ana_id}/remove"),
        &[],
    )
    .await;
    assert_eq!(see_other(resp).await, console);
    let (status, _) = page(&ana, &server.url(&console)).await;
    assert_eq!(status, 403, "ana is no longer a member");
    server.stop().await;
}
