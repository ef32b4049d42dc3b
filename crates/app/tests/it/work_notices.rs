//! Notifications where work waits (issue 26): administrators hear of a pending organization
//! and its owners of the decision; VOTE holders (only they) hear that voting opened and, once,
//! that it closes tomorrow, even with two workers sweeping at once; shift reminders name
//! their time; an approval says what was earned; the daily digest replaces single emails
//! and is sent once a day. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::{town, Town};
use chrono::{Duration, TimeZone, Utc};
use citysync_app::claims::{self, DecisionInput};
use citysync_app::governance::{cycles, CycleInput};
use citysync_app::notices::{digest, voting};
use citysync_app::notifications::{self, NoticeKind, Notification};
use citysync_app::organizations::{self, NewOrganization};
use citysync_app::{Ctx, User};
use citysync_domain::governance::{Phase, Rules, Schedule, VotingMethod};
use citysync_storage::Db;
use citysync_test_support::{both_backends, ctx_with_clock, person, TestDb};
use diesel::prelude::*;

#[derive(QueryableByName)]
struct Mail {
    #[diesel(sql_type = diesel::sql_types::Text)]
    subject: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    body_text: String,
}

/// The emails queued for `who`, oldest first.
async fn mails_to(ctx: &Ctx, who: &User) -> Vec<Mail> {
    let to = format!("{}@example.org", who.username);
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(diesel::sql_query(format!(
                "SELECT subject, body_text FROM mail_queue WHERE recipient = '{to}' \
                 ORDER BY created_at, id"
            ))
            .load::<Mail>(conn)?)
        })
        .await
        .unwrap()
}

/// `who`'s notifications of `kind`.
async fn notes(ctx: &Ctx, who: &User, kind: NoticeKind) -> Vec<Notification> {
    notifications::list(ctx, who)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == kind)
        .collect()
}

/// A second worker process: its own connections to the same database, the same clock.
async fn second_worker(t: &TestDb, first: &Ctx) -> Ctx {
    let url = t.url.clone();
    let db = tokio::task::spawn_blocking(move || Db::open(&url, 4))
        .await
        .unwrap()
        .unwrap();
    first.on(db)
}

fn new_org(handle: &str, name: &str) -> NewOrganization {
    NewOrganization {
        handle: handle.into(),
        name: name.into(),
        description: "Neighbours looking after the creek".into(),
        is_issuer: true,
        is_redeemer: false,
        contact_email: format!("{handle}@example.org"),
        website: String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn admins_hear_of_a_pending_organization_and_owners_of_the_decision() {
    for (backend, t) in both_backends() {
        let (ctx, _clock) = ctx_with_clock(&t);
        let ctx = &ctx;
        let ada = person(ctx, "admin_ada", true).await;
        let bea = person(ctx, "admin_bea", true).await;
        let olga = person(ctx, "olga", false).await;

        organizations::create(ctx, &olga, new_org("creek-friends", "Creek Friends"))
            .await
            .unwrap();
        for admin in [&ada, &bea] {
            let pending = notes(ctx, admin, NoticeKind::OrganizationPending).await;
            assert_eq!(pending.len(), 1, "{backend}");
            assert_eq!(pending[0].about, "Creek Friends", "{backend}");
            assert_eq!(pending[0].link, "/admin/organizations", "{backend}");
            let mails = mails_to(ctx, admin).await;
            assert_eq!(mails.len(), 1, "{backend}");
            assert!(mails[0].subject.contains("Creek Friends"), "{backend}");
            assert!(
                mails[0].body_text.contains("/admin/organizations"),
                "{backend}"
            );
        }
        assert!(notes(ctx, &olga, NoticeKind::OrganizationPending)
            .await
            .is_empty());

        organizations::decide(ctx, &ada, "creek-friends", true, "")
            .await
            .unwrap();
        let approved = notes(ctx, &olga, NoticeKind::OrganizationApproved).await;
        assert_eq!(approved.len(), 1, "{backend}");
        assert_eq!(
            approved[0].link, "/organizations/creek-friends",
            "{backend}"
        );
        assert!(approved[0].feedback.is_none(), "{backend}");

        organizations::create(ctx, &olga, new_org("far-away", "Far Away Club"))
            .await
            .unwrap();
        let reason = "We list groups based in the city only.";
        organizations::decide(ctx, &bea, "far-away", false, reason)
            .await
            .unwrap();
        let declined = notes(ctx, &olga, NoticeKind::OrganizationDeclined).await;
        assert_eq!(declined.len(), 1, "{backend}");
        assert_eq!(declined[0].feedback.as_deref(), Some(reason), "{backend}");
        let mails = mails_to(ctx, &olga).await;
        assert_eq!(mails.len(), 2, "{backend}");
        assert!(
            mails
                .iter()
                .any(|m| m.subject.starts_with("Your organization was approved")),
            "{backend}"
        );
        let declined = mails
            .iter()
            .find(|m| m.subject.contains("not approved"))
            .expect("declined mail");
        assert!(declined.body_text.contains(reason), "{backend}");
        // Administrators are not told of decisions.
        assert!(notes(ctx, &ada, NoticeKind::OrganizationApproved)
            .await
            .is_empty());
    }
}

/// A cycle in voting from now for `days`, with a proposal and deliberation phase behind it.
async fn voting_cycle(town: &Town, days: i64) -> String {
    let now = town.ctx.now();
    let id = cycles::create(
        &town.ctx,
        &town.admin,
        CycleInput {
            title: "Spring decisions".into(),
            description: String::new(),
            schedule: Schedule {
                proposals_at: now - Duration::minutes(3),
                deliberation_at: now - Duration::minutes(2),
                voting_at: now - Duration::minutes(1),
                results_at: now + Duration::days(days),
            },
            rules: Rules {
                method: VotingMethod::WeightedMajority,
                quorum_percent: 10,
                min_vote: 1,
            },
            pool: 0,
        },
    )
    .await
    .unwrap()
    .id;
    cycles::advance_due(&town.ctx).await.unwrap();
    assert_eq!(
        cycles::get(&town.ctx, &id).await.unwrap().phase,
        Phase::Voting
    );
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn voting_opened_tells_vote_holders_only_and_closing_once_with_two_workers() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let a = &town.ctx;
        let b = &second_worker(&t, a).await;
        let cycle = voting_cycle(&town, 3).await;

        // Ana, Ben and Cruz hold VOTE; Dora, the owner and the administrator do not.
        let (x, y) = tokio::join!(
            voting::send_voting_notices(a),
            voting::send_voting_notices(b)
        );
        assert_eq!(x.unwrap() + y.unwrap(), 3, "{backend}");
        for holder in [&town.ana, &town.ben, &town.cruz] {
            let opened = notes(a, holder, NoticeKind::VotingOpened).await;
            assert_eq!(opened.len(), 1, "{backend}");
            assert_eq!(opened[0].link, format!("/governance/{cycle}"), "{backend}");
            let mails = mails_to(a, holder).await;
            assert!(
                mails
                    .iter()
                    .any(|m| m.subject.starts_with("Voting is open")),
                "{backend}"
            );
        }
        for other in [&town.dora, &town.owner, &town.admin, &town.verifier] {
            assert!(notes(a, other, NoticeKind::VotingOpened).await.is_empty());
        }
        // Nothing new a day before the day before the close.
        assert_eq!(voting::send_voting_notices(a).await.unwrap(), 0);

        // Within a day of the close: each holder is told once, however many sweep.
        town.clock.advance(Duration::days(2) + Duration::hours(1));
        let (x, y) = tokio::join!(
            voting::send_voting_notices(a),
            voting::send_voting_notices(b)
        );
        assert_eq!(x.unwrap() + y.unwrap(), 3, "{backend}");
        let (x, y) = tokio::join!(
            voting::send_voting_notices(a),
            voting::send_voting_notices(b)
        );
        assert_eq!(x.unwrap() + y.unwrap(), 0, "{backend}");
        for holder in [&town.ana, &town.ben, &town.cruz] {
            assert_eq!(
                notes(a, holder, NoticeKind::VotingClosing).await.len(),
                1,
                "{backend}"
            );
            let closing: Vec<_> = mails_to(a, holder)
                .await
                .into_iter()
                .filter(|m| m.subject.starts_with("Voting closes tomorrow"))
                .collect();
            assert_eq!(closing.len(), 1, "{backend}");
        }
        assert!(notes(a, &town.dora, NoticeKind::VotingClosing)
            .await
            .is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reminders_name_their_time_and_an_approval_what_was_earned() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;

        // The approval email says what was earned: 5 CITY and 2 VOTE.
        let submission = town.submitted(&town.dora).await;
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
        let mails = mails_to(ctx, &town.dora).await;
        let verified = mails
            .iter()
            .find(|m| m.subject.starts_with("Your work was verified"))
            .expect("approval mail");
        assert!(
            verified
                .body_text
                .contains("You earned 5.00 CITY and 2 VOTE"),
            "{backend}: {}",
            verified.body_text
        );
        assert!(verified.body_text.contains("Thank you!"), "{backend}");

        // A shift 25 hours ahead: the 24-hour reminder names the day, the 2-hour one the hours.
        let now = ctx.now();
        let opp = citysync_app::catalog::create_opportunity(
            ctx,
            &town.owner,
            citysync_app::catalog::OpportunityInput {
                template_id: town.template_id.clone(),
                spec: citysync_domain::work::OpportunitySpec {
                    title_override: None,
                    place: "Strawberry Creek".into(),
                    point: None,
                    starts_at: now + Duration::hours(25),
                    ends_at: now + Duration::hours(27),
                    claim_deadline: now + Duration::hours(24),
                    capacity: 5,
                    onsite_instructions: String::new(),
                },
            },
        )
        .await
        .unwrap();
        citysync_app::catalog::change_opportunity(
            ctx,
            &town.owner,
            &opp.id,
            citysync_domain::lifecycle::OpportunityEvent::Publish,
        )
        .await
        .unwrap();
        claims::claim(ctx, &town.ana, &opp.id).await.unwrap();
        town.clock.advance(Duration::hours(1));
        assert_eq!(claims::send_reminders(ctx).await.unwrap(), 1);
        town.clock.advance(Duration::hours(22));
        assert_eq!(claims::send_reminders(ctx).await.unwrap(), 1);
        let reminders: Vec<String> = mails_to(ctx, &town.ana)
            .await
            .into_iter()
            .map(|m| m.subject)
            .filter(|s| s.starts_with("Reminder:"))
            .collect();
        assert_eq!(reminders.len(), 2, "{backend}");
        assert!(
            reminders[0].contains("starts tomorrow at") || reminders[0].contains("starts today at"),
            "{backend}: {}",
            reminders[0]
        );
        assert_eq!(
            reminders[1], "Reminder: Creek cleanup starts in 2 hours",
            "{backend}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_daily_digest_replaces_single_emails_and_is_sent_once_a_day() {
    for (backend, t) in both_backends() {
        let (ctx, clock) = ctx_with_clock(&t);
        // 05:00 on the city's clock (UTC in this city); the digest hour is 7.
        clock.set(Utc.with_ymd_and_hms(2026, 12, 10, 5, 0, 0).unwrap());
        let a = &ctx;
        let b = &second_worker(&t, a).await;
        assert_eq!(a.settings.digest_hour, 7);
        let ada = person(a, "admin_ada", true).await;
        let olga = person(a, "olga", false).await;
        notifications::set_digest(a, &ada, true).await.unwrap();
        assert!(notifications::digest_chosen(a, &ada).await.unwrap());

        clock.advance(Duration::minutes(5));
        organizations::create(a, &olga, new_org("creek-friends", "Creek Friends"))
            .await
            .unwrap();
        organizations::create(a, &olga, new_org("park-keepers", "Park Keepers"))
            .await
            .unwrap();
        // In the app at once, by email not yet.
        assert_eq!(
            notes(a, &ada, NoticeKind::OrganizationPending).await.len(),
            2,
            "{backend}"
        );
        assert!(mails_to(a, &ada).await.is_empty(), "{backend}");
        // Before the digest hour nothing goes.
        assert_eq!(digest::send_digests(a).await.unwrap(), 0, "{backend}");

        // At 07:05 two workers sweep at once: one digest with both.
        clock.set(Utc.with_ymd_and_hms(2026, 12, 10, 7, 5, 0).unwrap());
        let (x, y) = tokio::join!(digest::send_digests(a), digest::send_digests(b));
        assert_eq!(x.unwrap() + y.unwrap(), 1, "{backend}");
        let mails = mails_to(a, &ada).await;
        assert_eq!(mails.len(), 1, "{backend}");
        assert!(mails[0].subject.starts_with("Your news from"), "{backend}");
        assert!(mails[0].body_text.contains("Creek Friends"), "{backend}");
        assert!(mails[0].body_text.contains("Park Keepers"), "{backend}");
        assert!(mails[0].body_text.contains("/notifications"), "{backend}");

        // Later the same day: more news, but no second digest.
        clock.set(Utc.with_ymd_and_hms(2026, 12, 10, 15, 0, 0).unwrap());
        organizations::create(a, &olga, new_org("bay-swimmers", "Bay Swimmers"))
            .await
            .unwrap();
        assert_eq!(digest::send_digests(a).await.unwrap(), 0, "{backend}");
        assert_eq!(mails_to(a, &ada).await.len(), 1, "{backend}");

        // The next morning: the news since the last digest, and only that.
        clock.set(Utc.with_ymd_and_hms(2026, 12, 11, 7, 1, 0).unwrap());
        let (x, y) = tokio::join!(digest::send_digests(a), digest::send_digests(b));
        assert_eq!(x.unwrap() + y.unwrap(), 1, "{backend}");
        let mails = mails_to(a, &ada).await;
        assert_eq!(mails.len(), 2, "{backend}");
        assert!(mails[1].body_text.contains("Bay Swimmers"), "{backend}");
        assert!(!mails[1].body_text.contains("Creek Friends"), "{backend}");

        // No news, no digest.
        clock.set(Utc.with_ymd_and_hms(2026, 12, 12, 7, 1, 0).unwrap());
        assert_eq!(digest::send_digests(a).await.unwrap(), 0, "{backend}");

        // Back to single emails: the next notice is mailed at once.
        notifications::set_digest(a, &ada, false).await.unwrap();
        organizations::create(a, &olga, new_org("hill-walkers", "Hill Walkers"))
            .await
            .unwrap();
        let mails = mails_to(a, &ada).await;
        assert_eq!(mails.len(), 3, "{backend}");
        assert!(mails[2].subject.contains("Hill Walkers"), "{backend}");
    }
}
