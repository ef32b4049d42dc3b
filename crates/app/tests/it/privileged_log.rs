//! The privileged-action log against real databases (SQLite, and PostgreSQL when reachable):
//! every kind of privileged act, done through its use case, writes exactly its entry; the
//! chain verifies; a row changed in SQL is named by `verify`; concurrent appends stay
//! gapless.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::town;
use chrono::Duration;
use citysync_app::accounts::{data_rights, second_factor};
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, check_in, DecisionInput};
use citysync_app::federation::{self as fed, peers};
use citysync_app::governance::{comments, cycles, proposals, voting, CycleInput, ProposalInput};
use citysync_app::identity::{admin as identity_admin, methods, verify_in_person};
use citysync_app::instance::{self, SettingsInput};
use citysync_app::ledger::{epochs, settlement};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::privileged_log::{
    self as plog, Break, Capacity, Entry, PrivilegedAction, Subject,
};
use citysync_app::protocol::{self, Choices, Parts};
use citysync_app::{legal_hold, organizations, passwords, privacy_notice, redemptions, Ctx, User};
use citysync_domain::governance::{Ballot, ParameterChange, ProposalContent, VotingMethod};
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_domain::Password;
use citysync_storage::privileged_log::{self as store, PrivilegedActionRow};
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_for, mint, person, TestDb,
};
use std::collections::BTreeSet;

/// Every entry after `after`, oldest first.
async fn entries_after(ctx: &Ctx, after: i64) -> Vec<PrivilegedActionRow> {
    ctx.db()
        .run(move |conn| store::page_after(conn, after, i64::MAX, 10_000))
        .await
        .unwrap()
}

/// Reads the log as acts are done: each step must have written exactly the entries named.
struct Watch {
    seen: i64,
    kinds: BTreeSet<String>,
    backend: &'static str,
}

impl Watch {
    async fn expect(&mut self, ctx: &Ctx, step: &str, want: &[(PrivilegedAction, Capacity)]) {
        let got = entries_after(ctx, self.seen).await;
        let got_kinds: Vec<(String, String)> = got
            .iter()
            .map(|r| (r.kind.clone(), r.capacity.clone()))
            .collect();
        let want_kinds: Vec<(String, String)> = want
            .iter()
            .map(|(a, c)| (a.as_str().to_owned(), c.as_str().to_owned()))
            .collect();
        assert_eq!(got_kinds, want_kinds, "{}: {step}", self.backend);
        for row in &got {
            assert_eq!(row.seq, self.seen + 1, "{}: {step}: gapless", self.backend);
            self.seen = row.seq;
            self.kinds.insert(row.kind.clone());
            // Only the operator and the system act without a user.
            assert_eq!(
                row.actor_id.is_none(),
                row.capacity == "operator",
                "{}: {step}: {row:?}",
                self.backend
            );
        }
    }
}

async fn with_password(ctx: &Ctx, user: &User, password: &str) {
    let (id, hash) = (
        user.id.to_string(),
        passwords::hash(&Password::new(password).unwrap()).unwrap(),
    );
    ctx.db()
        .run(move |conn| {
            citysync_storage::users::set_password_hash(conn, &id, &hash, citysync_storage::now())
        })
        .await
        .unwrap();
}

/// A second city's protocol document, to import.
async fn berkeley_document(backend: &str) -> citysync_domain::protocol::ProtocolDocument {
    let t = if backend == "postgres" {
        TestDb::postgres().unwrap()
    } else {
        TestDb::sqlite()
    };
    let ctx = ctx_for(t.db.clone(), "https://berkeley.example");
    instance::ensure(&ctx).await.unwrap();
    let now = ctx.now();
    ctx.db()
        .write(move |conn| {
            citysync_storage::instance::configure(
                conn,
                &citysync_storage::instance::CityDetails {
                    name: "Berkeley",
                    region: "",
                    default_locale: "en",
                    timezone: "UTC",
                },
                now,
            )
        })
        .await
        .unwrap();
    protocol::export(&ctx).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_privileged_act_writes_exactly_its_entry_and_the_chain_verifies() {
    use Capacity::{Administrator as A, Cashier, Operator, Owner, Registrar, Verifier};
    use PrivilegedAction as P;
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let admin = &town.admin;
        let mut w = Watch {
            seen: 0,
            kinds: BTreeSet::new(),
            backend,
        };
        // The town: an organization approved, a verifier invited who accepted, a budget.
        w.expect(
            ctx,
            "town",
            &[
                (P::OrganizationApproved, A),
                (P::MemberInvited, Owner),
                (P::InvitationAccepted, Owner),
                (P::BudgetChanged, A),
            ],
        )
        .await;

        // Organizations: declined.
        organizations::create(
            ctx,
            &town.owner,
            organizations::NewOrganization {
                handle: "river".into(),
                name: "River".into(),
                description: "Rivers".into(),
                is_issuer: true,
                is_redeemer: false,
                contact_email: "river@example.org".into(),
                website: String::new(),
            },
        )
        .await
        .unwrap();
        organizations::decide(ctx, admin, "river", false, "Incomplete")
            .await
            .unwrap();
        w.expect(ctx, "decline", &[(P::OrganizationDeclined, A)])
            .await;

        // Accounts.
        use citysync_app::account_admin;
        account_admin::suspend(ctx, admin, "ben", "Spam")
            .await
            .unwrap();
        account_admin::restore(ctx, admin, "ben").await.unwrap();
        account_admin::set_admin(ctx, admin, "ben", true)
            .await
            .unwrap();
        account_admin::set_admin(ctx, admin, "ben", false)
            .await
            .unwrap();
        w.expect(
            ctx,
            "accounts",
            &[
                (P::AccountSuspended, A),
                (P::AccountRestored, A),
                (P::AdministratorGranted, A),
                (P::AdministratorRevoked, A),
            ],
        )
        .await;

        // The city's settings: one changed setting, one entry.
        instance::ensure(ctx).await.unwrap();
        let mut settings = SettingsInput {
            name: "Testville".into(),
            description: String::new(),
            default_locale: "en".into(),
            timezone: "UTC".into(),
            contact: String::new(),
        };
        instance::update_settings(ctx, admin, &settings)
            .await
            .unwrap();
        w.seen = entries_after(ctx, 0).await.last().unwrap().seq;
        settings.timezone = "America/Mexico_City".into();
        instance::update_settings(ctx, admin, &settings)
            .await
            .unwrap();
        w.expect(ctx, "settings", &[(P::CitySettingChanged, A)])
            .await;

        // Taxonomy, settlement terms, identity methods.
        catalog::extend_taxonomy(
            ctx,
            admin,
            "gardening",
            "beds_planted",
            "Gardening",
            "Jardinería",
            "Beds planted",
            "Camas plantadas",
        )
        .await
        .unwrap();
        settlement::set_terms(ctx, admin, "usd", "0.50", "General fund")
            .await
            .unwrap();
        methods::set(ctx, admin, &["letter_code".to_owned()])
            .await
            .unwrap();
        w.expect(
            ctx,
            "standards",
            &[
                (P::TaxonomyChanged, A),
                (P::SettlementTermsChanged, A),
                (P::IdentityMethodChanged, A),
            ],
        )
        .await;

        // Governance: a cycle created and edited, phases started early, a comment
        // moderated, a parameter enacted by the passed proposal.
        let cycle_id = town.cycle(VotingMethod::Quadratic, 30).await;
        let cycle = cycles::get(ctx, &cycle_id).await.unwrap();
        let mut input = CycleInput {
            title: cycle.title.clone(),
            description: "Edited".into(),
            schedule: cycle.schedule,
            rules: cycle.rules,
            pool: cycle.pool,
        };
        input.title = "Winter decisions, edited".into();
        cycles::edit(ctx, admin, &cycle_id, input).await.unwrap();
        w.expect(ctx, "cycle", &[(P::CycleCreated, A), (P::CycleEdited, A)])
            .await;
        let proposal = proposals::draft(
            ctx,
            &town.ana,
            &cycle_id,
            ProposalInput {
                title: "Double the reward for environmental work".into(),
                body: "Creeks need more hands.".into(),
                content: ProposalContent::ParameterChange {
                    changes: vec![
                        ParameterChange::new("reward_multiplier.environment", "200").unwrap()
                    ],
                },
                organization: None,
            },
        )
        .await
        .unwrap();
        cycles::begin_next_phase(ctx, admin, &cycle_id)
            .await
            .unwrap();
        let rude = comments::post(ctx, &town.cruz, &proposal.id, None, "Idiots")
            .await
            .unwrap();
        comments::moderate(ctx, admin, &rude, true, "Insults")
            .await
            .unwrap();
        cycles::begin_next_phase(ctx, admin, &cycle_id)
            .await
            .unwrap();
        w.expect(
            ctx,
            "deliberation",
            &[
                (P::CyclePhaseAdvanced, A),
                (P::ModerationDecided, A),
                (P::CyclePhaseAdvanced, A),
            ],
        )
        .await;
        for who in [&town.ana, &town.ben] {
            voting::cast(ctx, who, &proposal.id, Ballot::marking([(0, 1)]))
                .await
                .unwrap();
        }
        cycles::begin_next_phase(ctx, admin, &cycle_id)
            .await
            .unwrap();
        w.expect(
            ctx,
            "results",
            &[(P::CyclePhaseAdvanced, A), (P::ParameterEnacted, Operator)],
        )
        .await;

        // Verifiers: a proof approved, one rejected.
        let good = town.submitted(&town.dora).await;
        claims::decide(
            ctx,
            &town.verifier,
            &good,
            DecisionInput::Approve {
                confirmed_outcome: "4".into(),
                quality_rating: "5".into(),
                feedback: String::new(),
            },
        )
        .await
        .unwrap();
        let bad = town.submitted(&town.cruz).await;
        claims::decide(
            ctx,
            &town.verifier,
            &bad,
            DecisionInput::Reject {
                reason: "insufficient_proof".into(),
                feedback: "The photo does not show the park.".into(),
            },
        )
        .await
        .unwrap();
        w.expect(
            ctx,
            "proofs",
            &[(P::ProofApproved, Verifier), (P::ProofRejected, Verifier)],
        )
        .await;

        // A verifier's bulk confirmation of a check-in (issuer review: attendance only).
        let now = ctx.now();
        let opp = catalog::create_opportunity(
            ctx,
            &town.owner,
            OpportunityInput {
                template_id: town.template_id.clone(),
                spec: OpportunitySpec {
                    title_override: None,
                    place: "Strawberry Creek".into(),
                    point: None,
                    starts_at: now + Duration::hours(2),
                    ends_at: now + Duration::hours(4),
                    claim_deadline: now + Duration::hours(1),
                    capacity: 5,
                    onsite_instructions: String::new(),
                },
            },
        )
        .await
        .unwrap();
        catalog::change_opportunity(ctx, &town.owner, &opp.id, OpportunityEvent::Publish)
            .await
            .unwrap();
        let token = check_in::poster(ctx, &town.owner, &opp.id)
            .await
            .unwrap()
            .token;
        let claim = claims::claim(ctx, &town.ben, &opp.id).await.unwrap();
        town.clock.advance(Duration::minutes(110));
        check_in::check(ctx, &town.ben, &token, check_in::Step::In, None)
            .await
            .unwrap();
        town.clock.advance(Duration::hours(2));
        check_in::check(ctx, &town.ben, &token, check_in::Step::Out, None)
            .await
            .unwrap();
        let done = check_in::confirm(
            ctx,
            &town.verifier,
            &opp.id,
            std::slice::from_ref(&claim.id),
            4,
        )
        .await
        .unwrap();
        assert_eq!(done.recorded, 1, "{backend}: {done:?}");
        w.expect(ctx, "bulk", &[(P::AttendanceConfirmed, Verifier)])
            .await;

        // A cashier honors a redemption; the finance office marks the statement paid.
        let cafe_owner = person(ctx, "cafe_carla", false).await;
        let cashier = person(ctx, "cashier_cruz", false).await;
        let rosa = person(ctx, "rosa", false).await;
        let cafe = approved_organization(ctx, admin, &cafe_owner, "cafe-luna", false, true).await;
        add_member(ctx, &cafe_owner, "cafe-luna", &cashier, "cashier").await;
        mint(ctx, &town.issuer, &rosa, 5_000, 0).await.unwrap();
        let coffee = offerings::create(
            ctx,
            &cafe_owner,
            &cafe,
            OfferingInput {
                title: "Coffee".into(),
                description: "A cup".into(),
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
        let reserved = redemptions::reserve(ctx, &rosa, &coffee, "r1")
            .await
            .unwrap();
        redemptions::honor(ctx, &cashier, &cafe, &reserved)
            .await
            .unwrap();
        w.expect(
            ctx,
            "counter",
            &[
                (P::OrganizationApproved, A),
                (P::MemberInvited, Owner),
                (P::InvitationAccepted, Owner),
                (P::RedemptionHonored, Cashier),
            ],
        )
        .await;
        town.clock.advance(Duration::minutes(1));
        epochs::close_now(ctx).await.unwrap();
        let statement = settlement::of_organization(ctx, &cafe_owner, &cafe)
            .await
            .unwrap()
            .into_iter()
            .next()
            .expect("a statement");
        settlement::mark_paid(ctx, admin, &statement.number, "ACH-1")
            .await
            .unwrap();
        w.expect(ctx, "paid", &[(P::SettlementMarkedPaid, A)]).await;

        // A registrar verifies a resident at the desk; the verification is revoked.
        instance::ensure_keys(ctx).await.unwrap();
        let rita = person(ctx, "rita", false).await;
        add_member(ctx, &town.owner, "creek-friends", &rita, "registrar").await;
        verify_in_person(
            ctx,
            &rita,
            "creek-friends",
            "dora",
            "document_number",
            "A1111111",
        )
        .await
        .unwrap();
        let verification = identity_admin::verifications(ctx, admin)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.username == "dora")
            .unwrap();
        identity_admin::revoke(ctx, admin, &verification.id, "Desk audit")
            .await
            .unwrap();
        w.expect(
            ctx,
            "desk",
            &[
                (P::MemberInvited, Owner),
                (P::InvitationAccepted, Owner),
                (P::ResidentVerified, Registrar),
                (P::ResidentVerificationRevoked, Registrar),
            ],
        )
        .await;

        // An owner changes a member's role and removes the member.
        let rita_id = rita.id.to_string();
        organizations::change_role(ctx, &town.owner, "creek-friends", &rita_id, "verifier")
            .await
            .unwrap();
        organizations::remove_member(ctx, &town.owner, "creek-friends", &rita_id)
            .await
            .unwrap();
        w.expect(
            ctx,
            "roles",
            &[(P::MemberRoleChanged, Owner), (P::MemberRemoved, Owner)],
        )
        .await;

        // Federation policy, on the web (an administrator) and at the command line.
        peers::set_policy_as(ctx, Some(admin), "spam.example", Some(peers::BLOCK))
            .await
            .unwrap();
        peers::set_policy_as(ctx, Some(admin), "spam.example", None)
            .await
            .unwrap();
        peers::set_policy(ctx, "friends.example", Some(peers::ALLOW))
            .await
            .unwrap();
        fed::request_city_follow(
            ctx,
            admin,
            "http://127.0.0.1:8080/city",
            "@city@friends.example",
        )
        .await
        .unwrap();
        w.expect(
            ctx,
            "federation",
            &[
                (P::PeerBlocked, A),
                (P::PeerUnblocked, A),
                (P::PeerAllowed, Operator),
                (P::PeerFollowed, A),
            ],
        )
        .await;

        // A city protocol imported.
        let document = berkeley_document(backend).await;
        protocol::apply(
            ctx,
            admin,
            &document,
            Choices {
                parts: Parts::all(),
                organization: Some("creek-friends".into()),
            },
        )
        .await
        .unwrap();
        w.expect(ctx, "protocol", &[(P::ProtocolImported, A)]).await;

        // Rights: a legal hold set and lifted, a privacy notice published, a person's
        // export and deletion.
        legal_hold::set(ctx, admin, "cruz", true, "Court order 17")
            .await
            .unwrap();
        legal_hold::set(ctx, admin, "cruz", false, "Case closed")
            .await
            .unwrap();
        privacy_notice::publish(
            ctx,
            admin,
            vec![(
                citysync_i18n::Locale::from_code("en").unwrap(),
                "We keep little.".into(),
            )],
        )
        .await
        .unwrap();
        with_password(ctx, &rosa, "correct horse battery").await;
        data_rights::export(ctx, &rosa, "correct horse battery")
            .await
            .unwrap();
        w.expect(
            ctx,
            "rights",
            &[
                (P::LegalHoldSet, A),
                (P::LegalHoldLifted, A),
                (P::PrivacyNoticePublished, A),
                (P::DataExported, Owner),
            ],
        )
        .await;
        let gone = person(ctx, "gone", false).await;
        with_password(ctx, &gone, "correct horse battery").await;
        data_rights::delete_account(ctx, &gone, "correct horse battery", "gone")
            .await
            .unwrap();
        w.expect(ctx, "deletion", &[(P::AccountDeleted, Owner)])
            .await;

        // A second factor turned on, passed with a recovery code, turned off.
        let vera = &town.verifier;
        let secret = second_factor::enrollment(ctx, vera)
            .await
            .unwrap()
            .secret
            .replace(' ', "");
        let code = |ctx: &Ctx| {
            let bytes = totp_rs::Secret::Encoded(secret.clone()).to_bytes().unwrap();
            totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes)
                .unwrap()
                .generate(u64::try_from(ctx.now().and_utc().timestamp()).unwrap())
        };
        let recovery = second_factor::confirm(ctx, vera, &code(ctx), "127.0.0.1")
            .await
            .unwrap();
        second_factor::check_code(ctx, vera, &recovery[0], "127.0.0.1")
            .await
            .unwrap();
        town.clock.advance(Duration::seconds(90));
        second_factor::disable(ctx, vera, &code(ctx), "127.0.0.1")
            .await
            .unwrap();
        w.expect(
            ctx,
            "second factor",
            &[
                (P::SecondFactorEnrolled, Owner),
                (P::SecondFactorRecoveryUsed, Owner),
                (P::SecondFactorDisabled, Owner),
            ],
        )
        .await;

        // Every kind was written; the chain holds.
        let missing: Vec<&str> = PrivilegedAction::ALL
            .iter()
            .map(|k| k.as_str())
            .filter(|k| !w.kinds.contains(*k))
            .collect();
        assert!(missing.is_empty(), "{backend}: never written: {missing:?}");
        let v = plog::check_chain(ctx).await.unwrap();
        assert!(v.holds(), "{backend}: {v:?}");
        assert_eq!(v.entries, w.seen, "{backend}");
    }
}

/// A few entries written straight through `record`, in one transaction each.
async fn some_entries(ctx: &Ctx, n: usize) {
    for i in 0..n {
        let at = ctx.now();
        plog::record_now(
            ctx,
            Entry::operator(
                PrivilegedAction::PeerBlocked,
                Subject::Peer,
                &format!("peer{i}.example"),
                at,
            )
            .detail(serde_json::json!({ "i": i })),
        )
        .await
        .unwrap();
    }
}

/// Runs SQL past the append-only triggers, as someone with the database's keys could.
async fn tamper(ctx: &Ctx, sql: &'static str) {
    use diesel::connection::SimpleConnection;
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            let wrapped = match conn {
                citysync_storage::DbConnection::Postgresql(_) => format!(
                    "ALTER TABLE privileged_actions DISABLE TRIGGER USER; {sql}; \
                     ALTER TABLE privileged_actions ENABLE TRIGGER USER;"
                ),
                citysync_storage::DbConnection::Sqlite(_) => format!(
                    "DROP TRIGGER IF EXISTS privileged_actions_no_update; \
                     DROP TRIGGER IF EXISTS privileged_actions_no_delete; {sql};"
                ),
            };
            conn.batch_execute(&wrapped)?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_row_changed_in_sql_is_named_and_the_log_refuses_updates() {
    for (backend, t) in both_backends() {
        let ctx = citysync_test_support::ctx(&t);
        some_entries(&ctx, 5).await;
        assert!(plog::check_chain(&ctx).await.unwrap().holds(), "{backend}");

        // The database itself refuses an update or a delete.
        let refused = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                use diesel::connection::SimpleConnection;
                Ok(conn
                    .batch_execute("UPDATE privileged_actions SET detail = '{}' WHERE seq = 2")
                    .is_err()
                    && conn
                        .batch_execute("DELETE FROM privileged_actions WHERE seq = 5")
                        .is_err())
            })
            .await
            .unwrap();
        assert!(refused, "{backend}: the triggers refuse changes");

        tamper(
            &ctx,
            "UPDATE privileged_actions SET detail = '{\"i\":9}' WHERE seq = 3",
        )
        .await;
        let v = plog::check_chain(&ctx).await.unwrap();
        let broken = v.broken.expect("the change is found");
        assert_eq!((broken.seq, broken.reason), (3, Break::Hash), "{backend}");
        assert_eq!(v.entries, 2, "{backend}: two entries hold before it");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_removed_row_and_a_relinked_chain_are_named() {
    for (backend, t) in both_backends() {
        let ctx = citysync_test_support::ctx(&t);
        some_entries(&ctx, 4).await;
        tamper(&ctx, "DELETE FROM privileged_actions WHERE seq = 4").await;
        let broken = plog::check_chain(&ctx).await.unwrap().broken.unwrap();
        assert_eq!((broken.seq, broken.reason), (4, Break::Gap), "{backend}");
        tamper(&ctx, "DELETE FROM privileged_actions WHERE seq = 2").await;
        let broken = plog::check_chain(&ctx).await.unwrap().broken.unwrap();
        assert_eq!((broken.seq, broken.reason), (2, Break::Gap), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn twenty_concurrent_appends_make_a_gapless_verifying_chain() {
    for (backend, t) in both_backends() {
        let ctx = citysync_test_support::ctx(&t);
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    let at = ctx.now();
                    plog::record_now(
                        &ctx,
                        Entry::operator(
                            PrivilegedAction::PeerAllowed,
                            Subject::Peer,
                            &format!("peer{i}.example"),
                            at,
                        ),
                    )
                    .await
                })
            })
            .collect();
        let mut seqs = Vec::new();
        for task in tasks {
            seqs.push(task.await.unwrap().unwrap());
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=20).collect::<Vec<i64>>(), "{backend}");
        let rows = entries_after(&ctx, 0).await;
        let subjects: BTreeSet<String> = rows.iter().map(|r| r.subject_id.clone()).collect();
        assert_eq!(subjects.len(), 20, "{backend}: every append kept");
        let v = plog::check_chain(&ctx).await.unwrap();
        assert!(v.holds(), "{backend}: {v:?}");
        assert_eq!(v.entries, 20, "{backend}");
    }
}
