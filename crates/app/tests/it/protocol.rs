//! The portable city protocol against real databases (SQLite, and PostgreSQL when
//! reachable): a city's export, its signature, the preview of an import into another city,
//! the chosen parts applied in one transaction, and the round trip export → import into an
//! empty city → export, which keeps everything but provenance and signature.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::governance::{cycles, proposals, voting, CycleInput, ProposalInput};
use citysync_app::ledger::epochs;
use citysync_app::protocol::{self, Choices, Fate, Parts};
use citysync_app::{catalog, AppError, Ctx, User};
use citysync_domain::governance::{
    Ballot, ParameterChange, ProposalContent, ProposalState, Rules, Schedule, VotingMethod,
};
use citysync_domain::lifecycle::TemplateEvent;
use citysync_domain::protocol::{ProtocolDocument, Source};
use citysync_domain::task::{parse_extra_fields, ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::DomainError;
use citysync_i18n::Locale;
use citysync_test_support::{approved_organization, ctx_for, mint, person, ManualClock, TestDb};
use std::sync::Arc;

/// Two empty databases on each backend (SQLite always, PostgreSQL when reachable).
fn pairs() -> Vec<(&'static str, TestDb, TestDb)> {
    let mut out = vec![("sqlite", TestDb::sqlite(), TestDb::sqlite())];
    if let (Some(a), Some(b)) = (TestDb::postgres(), TestDb::postgres()) {
        out.push(("postgres", a, b));
    }
    out
}

/// A city at `url` with its keys and its name, and a clock the test moves.
async fn city(t: &TestDb, url: &str, name: &str) -> (Ctx, Arc<ManualClock>) {
    let clock = ManualClock::new(chrono::Utc::now());
    let mut ctx = ctx_for(t.db.clone(), url);
    ctx.clock = clock.clone();
    citysync_app::instance::ensure(&ctx).await.unwrap();
    let (name, now) = (name.to_owned(), ctx.now());
    ctx.db()
        .write(move |conn| {
            citysync_storage::instance::configure(
                conn,
                &citysync_storage::instance::CityDetails {
                    name: &name,
                    region: "",
                    default_locale: "en",
                    timezone: "UTC",
                },
                now,
            )
        })
        .await
        .unwrap();
    (ctx, clock)
}

fn spec(title: &str, category: &str, unit: &str) -> TemplateSpec {
    TemplateSpec {
        title: title.into(),
        summary: format!("{title}, with neighbours"),
        instructions: "Meet at the **library** steps.".into(),
        category: category.into(),
        outcome_unit: unit.into(),
        expected_outcome: 2.5,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text, ProofKind::Photo],
        reward_city: 350,
        reward_vote: 2,
        estimated_minutes: 90,
        accessibility_notes: "Step-free access.".into(),
        extra_fields: vec![],
    }
}

async fn active_template(ctx: &Ctx, owner: &User, handle: &str, spec: TemplateSpec) -> String {
    let t = catalog::create_template(ctx, owner, handle, spec)
        .await
        .unwrap();
    catalog::change_template(ctx, owner, &t.id, TemplateEvent::Activate)
        .await
        .unwrap();
    t.id
}

/// Berkeley: two issuers with three active templates (and a draft, which is not part of
/// the protocol), two additions to the taxonomy, and a decision that doubled the reward
/// for environmental work and made periods two weeks long, in a quadratic cycle.
struct Berkeley {
    ctx: Ctx,
    proposal_id: String,
    cycle_id: String,
    templates: Vec<String>,
}

async fn berkeley(t: &TestDb) -> Berkeley {
    let (ctx, clock) = city(t, "https://berkeley.example", "Berkeley").await;
    let admin = person(&ctx, "admin_ana", true).await;
    let owner = person(&ctx, "owner_olga", false).await;
    let creek = approved_organization(&ctx, &admin, &owner, "creek-friends", true, false).await;
    approved_organization(&ctx, &admin, &owner, "library", true, false).await;
    catalog::extend_taxonomy(
        &ctx,
        &admin,
        "repair",
        "items_repaired",
        "Repair",
        "Reparación",
        "Items repaired",
        "Objetos reparados",
    )
    .await
    .unwrap();
    catalog::extend_taxonomy(
        &ctx,
        &admin,
        "environment",
        "litter_bags",
        "Environment",
        "Medio ambiente",
        "Bags of litter",
        "Bolsas de basura",
    )
    .await
    .unwrap();
    let mut repair = spec("Repair café", "repair", "items_repaired");
    repair.verification_method = VerificationMethod::OnSite;
    repair.proof_kinds = vec![];
    repair.extra_fields =
        parse_extra_fields("kind | What was repaired | choice | required | Lamp, Bike, Toaster")
            .unwrap();
    let templates = vec![
        active_template(&ctx, &owner, "creek-friends", repair).await,
        active_template(
            &ctx,
            &owner,
            "creek-friends",
            spec("Creek cleanup", "environment", "litter_bags"),
        )
        .await,
        active_template(
            &ctx,
            &owner,
            "library",
            spec("Homework club", "education", "tutoring_hours"),
        )
        .await,
    ];
    catalog::create_template(
        &ctx,
        &owner,
        "library",
        spec("Draft idea", "education", "tutoring_hours"),
    )
    .await
    .unwrap();

    // The decision: a quadratic cycle, a day per phase.
    epochs::set_budget(&ctx, &admin, &creek, "1000", "budget-1")
        .await
        .unwrap();
    let ana = person(&ctx, "ana", false).await;
    mint(&ctx, &creek, &ana, 0, 9).await.unwrap();
    let now = ctx.now();
    let cycle = cycles::create(
        &ctx,
        &admin,
        CycleInput {
            title: "Winter decisions".into(),
            description: "What Berkeley decides this winter".into(),
            schedule: Schedule {
                proposals_at: now - Duration::minutes(1),
                deliberation_at: now + Duration::days(1),
                voting_at: now + Duration::days(2),
                results_at: now + Duration::days(3),
            },
            rules: Rules {
                method: VotingMethod::Quadratic,
                quorum_percent: 30,
                min_vote: 1,
            },
            pool: 0,
        },
    )
    .await
    .unwrap();
    let proposal = proposals::draft(
        &ctx,
        &ana,
        &cycle.id,
        ProposalInput {
            title: "Creeks need more hands".into(),
            body: "Double the reward for environmental work, and pay every two weeks.".into(),
            content: ProposalContent::ParameterChange {
                changes: vec![
                    ParameterChange::new("reward_multiplier.environment", "200").unwrap(),
                    ParameterChange::new("epoch_length", "2 weeks").unwrap(),
                ],
            },
            organization: None,
        },
    )
    .await
    .unwrap();
    for day in 0..3 {
        clock.advance(Duration::days(1));
        cycles::advance_due(&ctx).await.unwrap();
        if day == 1 {
            voting::cast(&ctx, &ana, &proposal.id, Ballot::marking([(0, 3)]))
                .await
                .unwrap();
        }
    }
    assert_eq!(
        proposals::get(&ctx, &proposal.id).await.unwrap().state,
        ProposalState::Passed
    );
    Berkeley {
        ctx,
        proposal_id: proposal.id,
        cycle_id: cycle.id,
        templates,
    }
}

/// Mexico City, empty but for an administrator and an approved issuer, `herramientas`.
async fn mexico_city(t: &TestDb) -> (Ctx, User) {
    let (ctx, _) = city(t, "https://cdmx.example", "Ciudad de México").await;
    let admin = person(&ctx, "admin_beto", true).await;
    let owner = person(&ctx, "owner_carla", false).await;
    approved_organization(&ctx, &admin, &owner, "herramientas", true, false).await;
    (ctx, admin)
}

fn everything_to(handle: &str) -> Choices {
    Choices {
        parts: Parts::all(),
        organization: Some(handle.into()),
    }
}

/// The document as a file carries it, read back (signature checked).
fn through_a_file(document: &ProtocolDocument) -> ProtocolDocument {
    protocol::read(protocol::to_json(document).unwrap().as_bytes()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn export_import_into_an_empty_city_and_export_again_keeps_the_way_of_working() {
    for (backend, a, b) in pairs() {
        let berkeley = berkeley(&a).await;
        let exported = protocol::export(&berkeley.ctx).await.unwrap();
        let document = through_a_file(&exported);
        assert_eq!(document, exported, "{backend}");

        // What Berkeley's document says, and where each value comes from.
        assert_eq!(document.provenance.city.name, "Berkeley");
        assert_eq!(document.provenance.city.url, "https://berkeley.example/");
        assert_eq!(document.templates.len(), 3, "{backend}: drafts stay home");
        let titles: Vec<&str> = document
            .templates
            .iter()
            .map(|t| t.content.title.as_str())
            .collect();
        assert_eq!(titles, ["Creek cleanup", "Homework club", "Repair café"]);
        for t in &document.templates {
            assert!(berkeley
                .templates
                .iter()
                .any(|id| t.provenance.id == format!("https://berkeley.example/templates/{id}")));
        }
        let multiplier = document
            .parameters
            .iter()
            .find(|p| p.name == "reward_multiplier.environment")
            .unwrap();
        assert_eq!(multiplier.value, "200");
        assert_eq!(multiplier.provenance.source, Source::Decision);
        let link = multiplier.provenance.proposal.as_ref().unwrap();
        assert_eq!(link.id, berkeley.proposal_id);
        assert_eq!(
            link.url,
            format!(
                "https://berkeley.example/proposals/{}",
                berkeley.proposal_id
            )
        );
        assert!(multiplier.provenance.at.is_some());
        let repair = document
            .parameters
            .iter()
            .find(|p| p.name == "reward_multiplier.repair")
            .unwrap();
        assert_eq!(
            (repair.value.as_str(), repair.provenance.source),
            ("100", Source::Default)
        );
        assert_eq!(document.governance.provenance.source, Source::Cycle);
        assert_eq!(
            document.governance.provenance.cycle.as_ref().unwrap().id,
            berkeley.cycle_id
        );
        assert_eq!(document.governance.quorum_percent, 30);
        let category = document
            .taxonomy
            .categories
            .iter()
            .find(|c| c.id == "repair")
            .unwrap();
        assert_eq!(category.names.es, "Reparación");
        assert_eq!(category.provenance.source, Source::City);
        assert_eq!(category.provenance.by.as_deref(), Some("admin_ana"));

        // Mexico City previews the import: exactly what would change.
        let (cdmx, admin) = mexico_city(&b).await;
        let preview = protocol::preview(&cdmx, &document, everything_to("herramientas"))
            .await
            .unwrap();
        let added: Vec<(&str, &str, bool)> = preview
            .taxonomy
            .iter()
            .map(|a| (a.category.as_str(), a.unit.as_str(), a.new_category))
            .collect();
        assert_eq!(
            added,
            [
                ("environment", "litter_bags", false),
                ("repair", "items_repaired", true)
            ],
            "{backend}"
        );
        assert!(preview.templates.iter().all(|t| t.fate == Fate::Add));
        let changed: Vec<(&str, Option<&str>, &str)> = preview
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p.here.as_deref(), p.there.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                ("epoch_length", Some("1 month"), "2 weeks"),
                ("reward_multiplier.environment", Some("100"), "200"),
            ],
            "{backend}"
        );
        assert!(preview.parameters.iter().all(|p| p.left_out.is_none()));
        let governance = preview.governance.as_ref().unwrap();
        assert_eq!(governance.here_cycle, None);
        assert_eq!(governance.there.rules.method, VotingMethod::Quadratic);
        assert!(preview.configuration.is_empty());
        assert!(preview.unknown_terms.is_empty());
        assert_eq!(preview.changes(), 2 + 3 + 2 + 1);
        // A preview changes nothing.
        assert_eq!(
            protocol::preview(&cdmx, &document, everything_to("herramientas"))
                .await
                .unwrap()
                .changes(),
            8
        );

        // The import, then Mexico City's own export.
        let applied = protocol::apply(&cdmx, &admin, &document, everything_to("herramientas"))
            .await
            .unwrap();
        assert_eq!(applied.template_ids.len(), 3);
        assert!(applied.cycle_id.is_some());
        let again = protocol::export(&cdmx).await.unwrap();
        assert_eq!(
            protocol::substance(&again).unwrap(),
            protocol::substance(&document).unwrap(),
            "{backend}: the round trip keeps everything but provenance and signature"
        );

        // The templates run the same day, each remembering where it came from.
        for (id, t) in applied.template_ids.iter().zip(&document.templates) {
            let page = catalog::template_page(&cdmx, id, None, None).await.unwrap();
            assert_eq!(
                page.template.state,
                citysync_domain::lifecycle::TemplateState::Active
            );
            assert_eq!(page.organization.handle, "herramientas");
            assert_eq!(
                catalog::adapted_from(&cdmx, id).await.unwrap().as_deref(),
                Some(t.provenance.id.as_str())
            );
            let copy = again
                .templates
                .iter()
                .find(|c| c.provenance.id == format!("https://cdmx.example/templates/{id}"))
                .unwrap();
            assert_eq!(
                copy.provenance.adapted_from.as_ref(),
                Some(&t.provenance.id)
            );
        }
        // The parameters say they were imported, and by whom.
        let multiplier = again
            .parameters
            .iter()
            .find(|p| p.name == "reward_multiplier.environment")
            .unwrap();
        assert_eq!(multiplier.provenance.source, Source::Import);
        assert_eq!(multiplier.provenance.by.as_deref(), Some("admin_beto"));
        let note = multiplier.provenance.note.as_deref().unwrap();
        assert!(
            note.contains("imported from Berkeley (https://berkeley.example/)"),
            "{note}"
        );
        assert!(note.contains("protocol version 1"), "{note}");
        let cycle = cycles::get(&cdmx, applied.cycle_id.as_deref().unwrap())
            .await
            .unwrap();
        assert_eq!(cycle.title, "Decision cycle with the rules of Berkeley");
        assert_eq!(cycle.rules.method, VotingMethod::Quadratic);
        assert_eq!(cycle.phase, citysync_domain::governance::Phase::Upcoming);

        // Importing the same document again changes nothing.
        let twice = protocol::preview(&cdmx, &document, everything_to("herramientas"))
            .await
            .unwrap();
        assert_eq!(twice.changes(), 0, "{backend}");
        assert!(twice
            .templates
            .iter()
            .all(|t| matches!(t.fate, Fate::AlreadyHere { .. })));
        // And Berkeley importing its own document finds nothing to do.
        let home = protocol::preview(&berkeley.ctx, &document, everything_to("library"))
            .await
            .unwrap();
        assert_eq!(home.changes(), 0, "{backend}");
        assert!(home.templates.iter().all(|t| t.fate == Fate::OwnTemplate));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_document_changed_after_signing_is_refused_with_a_clear_message() {
    for (backend, a, b) in pairs() {
        let berkeley = berkeley(&a).await;
        let json = protocol::to_json(&protocol::export(&berkeley.ctx).await.unwrap()).unwrap();
        assert!(protocol::read(json.as_bytes()).is_ok());

        // One reward raised in the file: the signature no longer matches.
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["templates"][0]["rewardCity"] = serde_json::json!(99_900);
        let tampered = serde_json::to_vec(&value).unwrap();
        let refused = protocol::read(&tampered).unwrap_err();
        assert!(
            matches!(
                refused,
                AppError::Domain(DomainError::ProtocolSignatureInvalid)
            ),
            "{backend}: {refused:?}"
        );
        let i18n = citysync_i18n::I18n::load().unwrap();
        for locale in Locale::known() {
            let message = i18n.message(locale, refused.code(), &[]);
            assert_ne!(message, refused.code(), "{locale}");
        }
        assert!(i18n
            .message(
                citysync_i18n::Locale::from_code("es").unwrap(),
                refused.code(),
                &[]
            )
            .contains("firma"));

        // Without a signature, or signed by another key than the one it names.
        let mut unsigned = value.clone();
        unsigned.as_object_mut().unwrap().remove("signature");
        assert!(matches!(
            protocol::read(&serde_json::to_vec(&unsigned).unwrap()),
            Err(AppError::Domain(DomainError::ProtocolSignatureInvalid))
        ));
        let (cdmx, _) = mexico_city(&b).await;
        let other = protocol::export(&cdmx).await.unwrap();
        let mut swapped: serde_json::Value = serde_json::from_str(&json).unwrap();
        swapped["provenance"]["key"]["publicKeyHex"] =
            serde_json::json!(other.provenance.key.public_key_hex);
        assert!(matches!(
            protocol::read(&serde_json::to_vec(&swapped).unwrap()),
            Err(AppError::Domain(DomainError::ProtocolSignatureInvalid))
        ));

        // A version this software does not know, and something that is not a protocol.
        let mut future: serde_json::Value = serde_json::from_str(&json).unwrap();
        future["version"] = serde_json::json!(2);
        let refused = protocol::read(&serde_json::to_vec(&future).unwrap()).unwrap_err();
        assert!(matches!(
            refused,
            AppError::Domain(DomainError::ProtocolVersionUnsupported(2))
        ));
        assert_eq!(refused.message_args(), vec![("version", "2".to_owned())]);
        assert!(matches!(
            protocol::read(b"{\"hello\": 1}"),
            Err(AppError::Domain(DomainError::ProtocolInvalid(_)))
        ));
        assert!(matches!(
            protocol::read(b"not json"),
            Err(AppError::Domain(DomainError::ProtocolInvalid(_)))
        ));
        // A member added after signing, even one the reader would ignore, is caught too.
        let added = json.replacen("\"format\"", "\"xNote\": \"hi\",\n  \"format\"", 1);
        assert!(matches!(
            protocol::read(added.as_bytes()),
            Err(AppError::Domain(DomainError::ProtocolSignatureInvalid))
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_the_chosen_parts_are_imported_and_a_refused_import_changes_nothing() {
    for (backend, a, b) in pairs() {
        let berkeley = berkeley(&a).await;
        let document = protocol::export(&berkeley.ctx).await.unwrap();
        let (cdmx, admin) = mexico_city(&b).await;

        // Templates without the taxonomy part: those needing the new category or unit are
        // left out, and say why.
        let templates_only = Choices {
            parts: Parts::from_names(["templates"]).unwrap(),
            organization: Some("herramientas".into()),
        };
        let preview = protocol::preview(&cdmx, &document, templates_only.clone())
            .await
            .unwrap();
        let fates: Vec<(&str, &Fate)> = preview
            .templates
            .iter()
            .map(|t| (t.title.as_str(), &t.fate))
            .collect();
        assert_eq!(fates[1], ("Homework club", &Fate::Add), "{backend}");
        assert!(
            matches!(fates[0].1, Fate::LeftOut { reason } if reason.code == "error-unit-not-of-category")
        );
        assert!(
            matches!(fates[2].1, Fate::LeftOut { reason } if reason.code == "error-category-unknown")
        );
        assert_eq!(preview.changes(), 1);

        // Templates chosen without an organization: refused, and the governance part of the
        // same import is not applied either.
        let refused = protocol::apply(
            &cdmx,
            &admin,
            &document,
            Choices {
                parts: Parts::from_names(["templates", "governance"]).unwrap(),
                organization: None,
            },
        )
        .await;
        assert!(matches!(refused, Err(AppError::ProtocolOrganizationNeeded)));
        assert!(
            cycles::list(&cdmx, 10).await.unwrap().is_empty(),
            "{backend}"
        );
        // An organization that is not an approved issuer cannot receive them.
        let resident = person(&cdmx, "rosa", false).await;
        assert!(matches!(
            protocol::apply(&cdmx, &admin, &document, everything_to("nobody")).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            protocol::apply(&cdmx, &resident, &document, everything_to("herramientas")).await,
            Err(AppError::Forbidden)
        ));

        // Taxonomy and parameters only: no template, no cycle.
        let applied = protocol::apply(
            &cdmx,
            &admin,
            &document,
            Choices {
                parts: Parts::from_names(["taxonomy", "parameters"]).unwrap(),
                organization: None,
            },
        )
        .await
        .unwrap();
        assert!(applied.template_ids.is_empty());
        assert_eq!(applied.cycle_id, None);
        assert_eq!(applied.preview.changes(), 2 + 2);
        let city = catalog::taxonomy(&cdmx).await.unwrap();
        assert!(city.taxonomy.measures("repair", "items_repaired"));
        assert!(city.taxonomy.measures("environment", "litter_bags"));
        assert!(cycles::list(&cdmx, 10).await.unwrap().is_empty());
        let org = citysync_app::organizations::by_handle(&cdmx, "herramientas", None)
            .await
            .unwrap();
        assert!(catalog::templates_of(&cdmx, &org, true)
            .await
            .unwrap()
            .is_empty());
        let page = citysync_app::governance::parameters::page(&cdmx)
            .await
            .unwrap();
        let epoch = page
            .lines
            .iter()
            .find(|l| l.name == "epoch_length")
            .unwrap();
        assert_eq!(epoch.value, "2 weeks", "{backend}");
        assert!(page
            .history
            .iter()
            .any(|c| c.name == "reward_multiplier.environment"
                && c.old_value.is_none()
                && c.new_value == "200"));

        // What is left is exactly the rest: the three templates and the cycle.
        let rest = protocol::preview(&cdmx, &document, everything_to("herramientas"))
            .await
            .unwrap();
        assert!(rest.taxonomy.is_empty());
        assert!(rest.parameters.is_empty());
        assert_eq!(rest.templates_added(), 3);
        assert!(rest.governance.is_some());
        assert_eq!(rest.changes(), 4, "{backend}");
    }
}
