//! "Your data" (issue 27) on both databases: a populated resident's export holds every
//! record the city keeps about them, and deleting the account leaves no personal field in
//! any table while the ledger still verifies.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::Duration;
use citysync_app::accounts::{self, data_rights};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::governance::{comments, voting};
use citysync_app::ledger::check;
use citysync_app::oauth::{self, AppInput, AuthorizeQuery};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::{passwords, redemptions, AppError, Ctx, User};
use citysync_domain::governance::{Ballot, VotingMethod};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_domain::Password;
use citysync_storage::data_rights::{bind, PERSONAL_TABLES};
use citysync_test_support::{add_member, approved_organization, both_backends, mint, person};
use diesel::prelude::*;
use std::collections::BTreeMap;

const USERNAME: &str = "quetzal_rosa";
const EMAIL: &str = "quetzal_rosa@example.org";
const DISPLAY_NAME: &str = "Rosa Xochiquetzal Ibarra";
const PASSWORD: &str = "violet kettle drums at dawn";

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 6, image::Rgb([10, 200, 10])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The resident of the tests and what the test needs to reach their records.
struct Resident {
    user: User,
    cashier: User,
    cafe: String,
    coffee: citysync_domain::OfferingId,
    photo_files: Vec<String>,
}

/// A resident with a password and a display name, a verified claim with a photo, CITY
/// minted and spent at a café, a comment and a ballot, a session, an app they authorized,
/// a calendar feed and the notifications all that brought.
async fn populated(town: &Town) -> Resident {
    let ctx = &town.ctx;
    let user = person(ctx, USERNAME, false).await;
    let (id, hash) = (
        user.id.to_string(),
        passwords::hash(&Password::new(PASSWORD).unwrap()).unwrap(),
    );
    ctx.db()
        .run(move |conn| {
            citysync_storage::users::set_password_hash(conn, &id, &hash, citysync_storage::now())
        })
        .await
        .unwrap();
    accounts::set_profile(ctx, &user, DISPLAY_NAME, true)
        .await
        .unwrap();
    // VOTE before the cycle's snapshot.
    mint(ctx, &town.issuer, &user, 0, 4).await.unwrap();

    // Verified work with a photo.
    let template = catalog::create_template(
        ctx,
        &town.owner,
        "creek-friends",
        TemplateSpec {
            title: "Photo cleanup".into(),
            summary: "Pick up litter and show it".into(),
            instructions: "Bring gloves.".into(),
            category: "environment".into(),
            outcome_unit: "kg_waste_diverted".into(),
            expected_outcome: 5.0,
            verification_method: VerificationMethod::IssuerReview,
            proof_kinds: vec![ProofKind::Photo, ProofKind::Text],
            reward_city: 700,
            reward_vote: 1,
            estimated_minutes: 60,
            accessibility_notes: String::new(),
            extra_fields: vec![],
        },
    )
    .await
    .unwrap();
    catalog::change_template(ctx, &town.owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let now = ctx.now();
    let opp = catalog::create_opportunity(
        ctx,
        &town.owner,
        OpportunityInput {
            template_id: template.id.clone(),
            spec: OpportunitySpec {
                title_override: None,
                place: "Codornices Creek".into(),
                point: None,
                starts_at: now - Duration::hours(1),
                ends_at: now + Duration::hours(4),
                claim_deadline: now + Duration::hours(1),
                capacity: 3,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &town.owner, &opp.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    let claim = claims::claim(ctx, &user, &opp.id).await.unwrap();
    claims::submit(
        ctx,
        &user,
        &claim.id,
        ProofInput {
            text: "Rosa's bags by the willow, three of them".into(),
            photos: vec![png()],
            outcome_quantity: "4".into(),
            ..ProofInput::default()
        },
    )
    .await
    .unwrap();
    let page = claims::claim_page(ctx, &user, &claim.id).await.unwrap();
    let submission = page.submissions.last().unwrap().id.clone();
    claims::decide(
        ctx,
        &town.verifier,
        &submission,
        DecisionInput::Approve {
            confirmed_outcome: "4".into(),
            quality_rating: "5".into(),
            feedback: "Thank you!".into(),
        },
    )
    .await
    .unwrap();
    let sub = submission.clone();
    let photo_files: Vec<String> = ctx
        .db()
        .run(move |conn| {
            use citysync_storage::schema::submission_photos as p;
            Ok::<_, citysync_storage::StorageError>(
                p::table
                    .filter(p::submission_id.eq(&sub))
                    .select(p::file_name)
                    .load::<String>(conn)?,
            )
        })
        .await
        .unwrap();
    assert_eq!(photo_files.len(), 1);

    // CITY spent at a café.
    let cafe_owner = person(ctx, "cafe_carla", false).await;
    let cashier = person(ctx, "cashier_cruz", false).await;
    let cafe = approved_organization(ctx, &town.admin, &cafe_owner, "cafe-luna", false, true).await;
    add_member(ctx, &cafe_owner, "cafe-luna", &cashier, "cashier").await;
    let coffee = offerings::create(
        ctx,
        &cafe_owner,
        &cafe,
        OfferingInput {
            title: "Coffee".into(),
            description: "A cup of coffee".into(),
            price: "2.00".into(),
            category: "food_drink".into(),
            terms: "One per visit".into(),
            active: true,
        },
        None,
    )
    .await
    .unwrap();
    offerings::commit(ctx, &cafe_owner, &coffee, "10")
        .await
        .unwrap();
    let spent = redemptions::reserve(ctx, &user, &coffee, "rosa-1")
        .await
        .unwrap();
    redemptions::honor(ctx, &cashier, &cafe, &spent)
        .await
        .unwrap();

    // A comment and a ballot.
    let cycle = town.cycle(VotingMethod::Quadratic, 0).await;
    let proposal = citysync_app::governance::proposals::draft(
        ctx,
        &town.ana,
        &cycle,
        citysync_app::governance::ProposalInput {
            title: "More benches by the creek".into(),
            body: "Places to rest.".into(),
            content: citysync_domain::governance::ProposalContent::ParameterChange {
                changes: vec![citysync_domain::governance::ParameterChange::new(
                    "reward_multiplier.environment",
                    "150",
                )
                .unwrap()],
            },
            organization: None,
        },
    )
    .await
    .unwrap();
    town.next_day().await;
    comments::post(ctx, &user, &proposal.id, None, "Benches, yes please.")
        .await
        .unwrap();
    town.next_day().await;
    voting::cast(ctx, &user, &proposal.id, Ballot::marking([(0, 1)]))
        .await
        .unwrap();

    // A session, an authorized app, a calendar feed.
    citysync_app::sessions::open(ctx, user.id).await.unwrap();
    let app = oauth::register(
        ctx,
        AppInput {
            client_name: "Volunteer tracker".into(),
            redirect_uris: vec!["https://app.example/cb".into()],
            scopes: "read".into(),
            website: "https://app.example".into(),
            public_client: true,
        },
    )
    .await
    .unwrap();
    let request = oauth::check_authorization(
        ctx,
        AuthorizeQuery {
            client_id: app.client_id.clone(),
            redirect_uri: "https://app.example/cb".into(),
            response_type: "code".into(),
            scope: "read".into(),
            state: Some("xyz".into()),
            code_challenge: citysync_domain::oauth::s256(
                "a-verifier-of-more-than-forty-three-characters-0123456789",
            ),
            code_challenge_method: "S256".into(),
        },
    )
    .await
    .unwrap();
    let code = oauth::approve(ctx, &user, &request).await.unwrap();
    oauth::exchange_code(
        ctx,
        oauth::ClientAuth {
            client_id: app.client_id.clone(),
            client_secret: app.client_secret.clone(),
        },
        &code,
        "https://app.example/cb",
        "a-verifier-of-more-than-forty-three-characters-0123456789",
    )
    .await
    .unwrap()
    .unwrap();
    citysync_app::calendar_files::reset_feed(ctx, &user)
        .await
        .unwrap();
    Resident {
        user,
        cashier,
        cafe,
        coffee,
        photo_files,
    }
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

async fn sql_count(ctx: &Ctx, sql: String) -> i64 {
    ctx.db()
        .run(move |conn| {
            let n: N = match conn {
                citysync_storage::DbConnection::Postgresql(c) => {
                    diesel::sql_query(sql).get_result(c)?
                }
                citysync_storage::DbConnection::Sqlite(c) => {
                    diesel::sql_query(sql).get_result(c)?
                }
            };
            Ok::<_, citysync_storage::StorageError>(n.n)
        })
        .await
        .unwrap()
}

/// Every text column of every table, read from the database's own catalog.
async fn text_columns(ctx: &Ctx) -> Vec<(String, String)> {
    ctx.db()
        .run(|conn| {
            let mut out = Vec::new();
            for table in citysync_storage::data_rights::tables(conn)? {
                for (column, sql_type) in citysync_storage::data_rights::columns(conn, &table)? {
                    let t = sql_type.to_ascii_lowercase();
                    if t.contains("text") || t.contains("char") {
                        out.push((table.clone(), column));
                    }
                }
            }
            Ok::<_, citysync_storage::StorageError>(out)
        })
        .await
        .unwrap()
}

/// The `(table, column)` pairs whose value contains `needle`, with their row counts.
async fn holding(ctx: &Ctx, needle: &str) -> Vec<(String, String, i64)> {
    let lit = citysync_storage::data_rights::literal(needle);
    let mut found = Vec::new();
    for (table, column) in text_columns(ctx).await {
        let n = sql_count(
            ctx,
            format!(
                "SELECT COUNT(*) AS n FROM \"{table}\" WHERE \"{column}\" IS NOT NULL \
                 AND REPLACE(\"{column}\", {lit}, '') <> \"{column}\""
            ),
        )
        .await;
        if n > 0 {
            found.push((table, column, n));
        }
    }
    found
}

/// Rows of each personal table that are the person's, counted in the database.
async fn personal_counts(ctx: &Ctx, user_id: &str, email: &str) -> BTreeMap<&'static str, i64> {
    let mut counts = BTreeMap::new();
    for t in PERSONAL_TABLES {
        let condition = bind(t.rows, user_id, email);
        counts.insert(
            t.table,
            sql_count(
                ctx,
                format!(
                    "SELECT COUNT(*) AS n FROM \"{}\" WHERE {condition}",
                    t.table
                ),
            )
            .await,
        );
    }
    counts
}

/// Tables where the person's id stands in a column but that are not their records
/// (each with the reason), so that a new table keyed by a person cannot be forgotten.
const NOT_THE_PERSONS: &[&str] = &[
    // The ledger's idempotency keys name the operation (a reservation's key carries the
    // resident's opaque id); the operations' entries are exported by account.
    "ledger_operations",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_export_holds_every_record_of_the_person() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let r = populated(&town).await;
        let id = r.user.id.to_string();

        // A wrong password exports nothing and records nothing.
        let log_before =
            sql_count(ctx, "SELECT COUNT(*) AS n FROM privileged_actions".into()).await;
        assert!(matches!(
            data_rights::export(ctx, &r.user, "not my password").await,
            Err(AppError::CurrentPasswordWrong)
        ));
        assert_eq!(
            sql_count(ctx, "SELECT COUNT(*) AS n FROM privileged_actions".into()).await,
            log_before,
            "{backend}"
        );

        let export = data_rights::export(ctx, &r.user, PASSWORD).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&export.data_json().unwrap()).unwrap();
        let in_json: BTreeMap<String, usize> = json["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["table"].as_str().unwrap().to_owned(),
                    t["records"].as_array().unwrap().len(),
                )
            })
            .collect();
        let in_db = personal_counts(ctx, &id, EMAIL).await;
        for (table, n) in &in_db {
            assert_eq!(
                in_json.get(*table).copied(),
                Some(*n as usize),
                "{backend}: {table}"
            );
        }
        // The populated resident has records of every kind the issue names.
        for table in [
            "users",
            "claims",
            "submissions",
            "submission_photos",
            "contributions",
            "ledger_accounts",
            "ledger_entries",
            "redemptions",
            "ballots",
            "proposal_comments",
            "vote_snapshots",
            "sessions",
            "oauth_grants",
            "notifications",
            "calendar_feeds",
            "mail_queue",
            "privileged_actions",
        ] {
            assert!(in_db[table] > 0, "{backend}: no {table} row to export");
        }
        // Mint to the resident, and their spending.
        let entries = export.table("ledger_entries").unwrap();
        let kinds: Vec<String> = entries
            .records
            .iter()
            .filter_map(|r| match r.iter().find(|(k, _)| k == "kind") {
                Some((_, data_rights::Value::Text(k))) => Some(k.clone()),
                _ => None,
            })
            .collect();
        assert!(kinds.iter().any(|k| k == "mint"), "{backend}: {kinds:?}");
        // Spent: the reservation moved the CITY from the wallet (the burn at the counter
        // is the café's escrow's entry, not the resident's).
        assert!(kinds.iter().any(|k| k == "reserve"), "{backend}: {kinds:?}");

        // Every table where the person's id stands in some column is exported, or listed
        // as not theirs: nothing keyed by them is forgotten.
        let exported: Vec<&str> = PERSONAL_TABLES.iter().map(|t| t.table).collect();
        let forgotten: Vec<_> = holding(ctx, &id)
            .await
            .into_iter()
            .filter(|(table, _, _)| {
                !exported.contains(&table.as_str()) && !NOT_THE_PERSONS.contains(&table.as_str())
            })
            .collect();
        assert!(
            forgotten.is_empty(),
            "{backend}: these hold the person's id but are not exported: {forgotten:?}"
        );

        // Secrets are never exported.
        let text = String::from_utf8(export.data_json().unwrap()).unwrap();
        for secret in [
            "password_hash",
            "token_hash",
            "private_key_pem",
            "code_hash",
            "$argon2",
        ] {
            assert!(!text.contains(secret), "{backend}: {secret} exported");
        }
        assert!(text.contains(DISPLAY_NAME) && text.contains(EMAIL));
        // The photo's file is in the archive's list and its bytes are there.
        assert_eq!(export.photos.len(), 1, "{backend}");
        assert_eq!(
            export.photos[0].path,
            format!("photos/{}", r.photo_files[0])
        );
        assert!(export.photos[0].bytes.starts_with(b"\x89PNG"));
        assert_eq!(json["photos"][0], format!("photos/{}", r.photo_files[0]));
        let _ = (&r.cashier, &r.cafe, &r.coffee);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deletion_leaves_no_personal_field_and_the_ledger_verifies() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let r = populated(&town).await;
        let id = r.user.id.to_string();
        let photo_paths: Vec<_> = r
            .photo_files
            .iter()
            .map(|f| citysync_app::photos::path_of(&ctx.settings.uploads_dir, f))
            .collect();
        assert!(photo_paths.iter().all(|p| p.exists()));

        // An open reservation: refused, nothing changed.
        let open = redemptions::reserve(ctx, &r.user, &r.coffee, "rosa-2")
            .await
            .unwrap();
        let before = personal_counts(ctx, &id, EMAIL).await;
        let found_before = holding(ctx, USERNAME).await;
        assert!(
            matches!(
                data_rights::delete_account(ctx, &r.user, PASSWORD, USERNAME).await,
                Err(AppError::DeletionOpenReservation)
            ),
            "{backend}"
        );
        assert_eq!(personal_counts(ctx, &id, EMAIL).await, before, "{backend}");
        assert_eq!(holding(ctx, USERNAME).await, found_before, "{backend}");
        assert!(photo_paths.iter().all(|p| p.exists()));
        // A wrong password or a missing confirmation: refused too.
        assert!(matches!(
            data_rights::delete_account(ctx, &r.user, "wrong", USERNAME).await,
            Err(AppError::CurrentPasswordWrong)
        ));
        assert_eq!(personal_counts(ctx, &id, EMAIL).await, before, "{backend}");
        redemptions::cancel(ctx, &r.user, &open).await.unwrap();
        let before = personal_counts(ctx, &id, EMAIL).await;
        assert!(matches!(
            data_rights::delete_account(ctx, &r.user, PASSWORD, "yes").await,
            Err(AppError::DeletionNotConfirmed)
        ));
        assert_eq!(personal_counts(ctx, &id, EMAIL).await, before, "{backend}");

        data_rights::delete_account(ctx, &r.user, PASSWORD, USERNAME)
            .await
            .unwrap();

        // No table's text column holds the address, the username, the display name or a
        // photo's stored name.
        let mut needles = vec![
            EMAIL.to_owned(),
            USERNAME.to_owned(),
            DISPLAY_NAME.to_owned(),
        ];
        needles.extend(r.photo_files.iter().cloned());
        for needle in &needles {
            let found = holding(ctx, needle).await;
            assert!(found.is_empty(), "{backend}: {needle:?} still in {found:?}");
        }
        assert!(photo_paths.iter().all(|p| !p.exists()), "{backend}");
        let v = check::run(ctx).await.unwrap();
        assert!(v.ok, "{backend}: {:?}", v.failure);
        // The account row stays, opaque; the sessions went.
        let row = ctx
            .db()
            .run({
                let id = id.clone();
                move |conn| citysync_storage::users::by_id(conn, &id)
            })
            .await
            .unwrap()
            .unwrap();
        assert!(data_rights::is_former_resident(&row.username), "{backend}");
        assert_eq!(
            sql_count(
                ctx,
                format!("SELECT COUNT(*) AS n FROM sessions WHERE user_id = '{id}'")
            )
            .await,
            0
        );
        // The comment stays, its author now a former resident.
        assert_eq!(
            sql_count(
                ctx,
                format!("SELECT COUNT(*) AS n FROM proposal_comments WHERE author_id = '{id}'")
            )
            .await,
            1
        );
        // Recorded in the privileged-action log, whose chain still holds.
        assert_eq!(
            sql_count(
                ctx,
                format!(
                    "SELECT COUNT(*) AS n FROM privileged_actions WHERE kind = 'account_deleted' \
                     AND subject_id = '{id}'"
                )
            )
            .await,
            1
        );
        assert!(citysync_app::privileged_log::check_chain(ctx)
            .await
            .unwrap()
            .holds());
        // Deleting again finds nothing.
        assert!(
            data_rights::delete_account(ctx, &r.user, PASSWORD, USERNAME)
                .await
                .is_err()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_last_administrator_and_a_held_account_are_refused() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let admin = &town.admin;
        let (id, hash) = (
            admin.id.to_string(),
            passwords::hash(&Password::new(PASSWORD).unwrap()).unwrap(),
        );
        ctx.db()
            .run(move |conn| {
                citysync_storage::users::set_password_hash(
                    conn,
                    &id,
                    &hash,
                    citysync_storage::now(),
                )
            })
            .await
            .unwrap();
        assert!(
            matches!(
                data_rights::delete_account(ctx, admin, PASSWORD, admin.username.as_str()).await,
                Err(AppError::LastAdmin)
            ),
            "{backend}"
        );
        // A second administrator: the first may go; a held account may not.
        let other = person(ctx, "second_admin", true).await;
        let id = other.id.to_string();
        ctx.db()
            .run(move |conn| {
                diesel::update(citysync_storage::schema::users::table.find(&id))
                    .set(citysync_storage::schema::users::legal_hold.eq(true))
                    .execute(conn)?;
                Ok::<_, citysync_storage::StorageError>(())
            })
            .await
            .unwrap();
        let (id, hash) = (
            other.id.to_string(),
            passwords::hash(&Password::new(PASSWORD).unwrap()).unwrap(),
        );
        ctx.db()
            .run(move |conn| {
                citysync_storage::users::set_password_hash(
                    conn,
                    &id,
                    &hash,
                    citysync_storage::now(),
                )
            })
            .await
            .unwrap();
        assert!(matches!(
            data_rights::delete_account(ctx, &other, PASSWORD, "second_admin").await,
            Err(AppError::LegalHold)
        ));
        data_rights::delete_account(ctx, admin, PASSWORD, admin.username.as_str())
            .await
            .unwrap();
    }
}
