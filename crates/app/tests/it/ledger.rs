//! The ledger against real databases (SQLite, and PostgreSQL when reachable; with CI=true
//! PostgreSQL is required): minting, reservations under concurrency, the counter's
//! exactly-once burn, idempotency keys, epochs, checkpoints and tamper detection.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::ledger::{check, checkpoints, epochs, explorer, wallet};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::redemptions::{self, Presented};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::DomainError;
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_with_clock, mint, person, ManualClock,
    TestDb,
};
use diesel::connection::SimpleConnection;
use std::sync::Arc;

/// A city with an issuer (budget 1000 CITY), a café that redeems, its cashier, and a resident.
pub(crate) struct Town {
    pub(crate) ctx: Ctx,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) admin: User,
    pub(crate) issuer: String,
    pub(crate) cafe: String,
    pub(crate) cafe_owner: User,
    pub(crate) cashier: User,
    pub(crate) resident: User,
}

pub(crate) async fn town(t: &TestDb) -> Town {
    let (ctx, clock) = ctx_with_clock(t);
    let admin = person(&ctx, "admin_ana", true).await;
    let owner = person(&ctx, "owner_olga", false).await;
    let cafe_owner = person(&ctx, "cafe_carla", false).await;
    let cashier = person(&ctx, "cashier_cruz", false).await;
    let resident = person(&ctx, "rosa", false).await;
    let issuer = approved_organization(&ctx, &admin, &owner, "creek-friends", true, false).await;
    let cafe = approved_organization(&ctx, &admin, &cafe_owner, "cafe-luna", false, true).await;
    add_member(&ctx, &cafe_owner, "cafe-luna", &cashier, "cashier").await;
    epochs::set_budget(&ctx, &admin, &issuer, "1000", "budget-1")
        .await
        .unwrap();
    Town {
        ctx,
        clock,
        admin,
        issuer,
        cafe,
        cafe_owner,
        cashier,
        resident,
    }
}

impl Town {
    pub(crate) async fn offering(&self, price: &str, units: &str) -> citysync_domain::OfferingId {
        let id = offerings::create(
            &self.ctx,
            &self.cafe_owner,
            &self.cafe,
            OfferingInput {
                title: "Coffee".into(),
                description: "A cup of coffee".into(),
                price: price.into(),
                category: "food_drink".into(),
                terms: "One per visit".into(),
                active: true,
            },
            None,
        )
        .await
        .unwrap();
        offerings::commit(&self.ctx, &self.cafe_owner, &id, units)
            .await
            .unwrap();
        id
    }

    async fn city_of(&self, who: &User) -> i64 {
        wallet::wallet(&self.ctx, who).await.unwrap().city
    }

    pub(crate) async fn assert_verified(&self, label: &str) {
        let v = check::run(&self.ctx).await.unwrap();
        assert!(v.ok, "{label}: {:?}", v.failure);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn verified_work_is_spent_at_the_counter_exactly_once() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 500, 2)
            .await
            .unwrap();
        let w = wallet::wallet(ctx, &town.resident).await.unwrap();
        assert_eq!((w.city, w.vote), (500, 2), "{backend}");
        assert_eq!(w.city_text, "5.00");

        let coffee = town.offering("4.50", "10").await;
        let id = redemptions::reserve(ctx, &town.resident, &coffee, "tap-1")
            .await
            .unwrap();
        let w = wallet::wallet(ctx, &town.resident).await.unwrap();
        assert_eq!((w.city, w.reserved), (50, 450), "{backend}");
        let r = &w.reservations[0];
        assert_eq!(r.id, id);
        let token = r.token.clone().expect("a QR token");
        assert_eq!(offerings::get(ctx, &coffee).await.unwrap().available, 9);

        // The counter: by QR token and by typed code, the same reservation.
        let by_token = redemptions::look_up(
            ctx,
            &town.cashier,
            &town.cafe,
            Presented::Token(token.clone()),
        )
        .await
        .unwrap();
        let by_code = redemptions::look_up(
            ctx,
            &town.cashier,
            &town.cafe,
            Presented::Code(r.code.to_lowercase()),
        )
        .await
        .unwrap();
        assert_eq!((by_token.id, by_code.id), (id, id));
        // A resident who is not a cashier cannot use the counter.
        assert!(matches!(
            redemptions::look_up(
                ctx,
                &town.resident,
                &town.cafe,
                Presented::Token(token.clone())
            )
            .await,
            Err(AppError::Forbidden)
        ));
        redemptions::honor(ctx, &town.cashier, &town.cafe, &id)
            .await
            .unwrap();
        for again in [
            redemptions::honor(ctx, &town.cashier, &town.cafe, &id)
                .await
                .map(|_| ()),
            redemptions::look_up(
                ctx,
                &town.cashier,
                &town.cafe,
                Presented::Token(token.clone()),
            )
            .await
            .map(|_| ()),
        ] {
            assert!(
                matches!(again, Err(AppError::RedemptionUsed)),
                "{backend}: {again:?}"
            );
        }
        // The holder cannot cancel what was honored.
        assert!(matches!(
            redemptions::cancel(ctx, &town.resident, &id).await,
            Err(AppError::RedemptionUsed)
        ));

        let ex = explorer::explorer(ctx).await.unwrap();
        assert_eq!(ex.current_figures.total.city_burned, 450);
        assert!(ex.recent.iter().any(|e| e.kind == "burn"));
        let city = &ex.totals[0];
        assert_eq!(city.burned, 450);
        assert_eq!(city.circulating, 50);
        assert!(city.balanced());
        // Residents appear only by pseudonym.
        let json = serde_json::to_string(&ex).unwrap();
        assert!(
            !json.contains("rosa") && !json.contains(&town.resident.id.to_string()),
            "{backend}"
        );

        let cp = checkpoints::sign_now(ctx).await.unwrap();
        assert_eq!(cp.seq, ex.head_seq);
        assert!(cp.verify(&checkpoints::public_key(ctx).await.unwrap()));
        town.assert_verified(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bad_requests_change_nothing() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let coffee = town.offering("4.50", "1").await;
        let head = explorer::explorer(ctx).await.unwrap().head_seq;

        // Too little CITY.
        assert!(matches!(
            redemptions::reserve(ctx, &town.resident, &coffee, "k1").await,
            Err(AppError::InsufficientCredit)
        ));
        // Prices: zero, negative, fractional cents, overflowing, not a number.
        for bad in ["0", "-1", "1.234", "99999999999", "ten"] {
            let r = offerings::create(
                ctx,
                &town.cafe_owner,
                &town.cafe,
                OfferingInput {
                    title: "Bad".into(),
                    price: bad.into(),
                    category: "food_drink".into(),
                    active: true,
                    ..OfferingInput::default()
                },
                None,
            )
            .await;
            assert!(
                matches!(r, Err(AppError::Domain(_))),
                "{backend} {bad}: {r:?}"
            );
        }
        // Over budget: the issuer has 1000 CITY this epoch.
        assert!(matches!(
            mint(ctx, &town.issuer, &town.resident, 100_001, 1).await,
            Err(AppError::BudgetExhausted)
        ));
        // A café is not an issuer: it has no budget to mint from.
        assert!(matches!(
            mint(ctx, &town.cafe, &town.resident, 1, 0).await,
            Err(AppError::BudgetExhausted)
        ));
        // Exhausted offering: one unit, taken by the first reservation.
        mint(ctx, &town.issuer, &town.resident, 2000, 0)
            .await
            .unwrap();
        redemptions::reserve(ctx, &town.resident, &coffee, "k2")
            .await
            .unwrap();
        let head_after_reserve = explorer::explorer(ctx).await.unwrap().head_seq;
        assert!(matches!(
            redemptions::reserve(ctx, &town.resident, &coffee, "k3").await,
            Err(AppError::OfferingUnavailable)
        ));
        // A forged or altered QR token; a code from another redeemer.
        let token = wallet::wallet(ctx, &town.resident)
            .await
            .unwrap()
            .reservations[0]
            .token
            .clone()
            .unwrap();
        let mut altered = token.clone().into_bytes();
        altered[60] = if altered[60] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).unwrap();
        assert!(matches!(
            redemptions::look_up(ctx, &town.cashier, &town.cafe, Presented::Token(altered)).await,
            Err(AppError::Domain(DomainError::TokenInvalid))
        ));
        let other_owner = person(ctx, "bookshop_bea", false).await;
        let other =
            approved_organization(ctx, &town.admin, &other_owner, "bookshop", false, true).await;
        assert!(matches!(
            redemptions::look_up(ctx, &other_owner, &other, Presented::Token(token.clone())).await,
            Err(AppError::WrongRedeemer)
        ));
        let id = wallet::wallet(ctx, &town.resident)
            .await
            .unwrap()
            .reservations[0]
            .id;
        assert!(matches!(
            redemptions::honor(ctx, &other_owner, &other, &id).await,
            Err(AppError::WrongRedeemer)
        ));
        // Another resident's reservation is not found; the same key for another request is refused.
        let eve = person(ctx, "eve", false).await;
        assert!(matches!(
            redemptions::cancel(ctx, &eve, &id).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            redemptions::of_holder(ctx, &eve, &id).await,
            Err(AppError::NotFound)
        ));
        let tea = town.offering("1.00", "5").await;
        assert!(matches!(
            redemptions::reserve(ctx, &town.resident, &tea, "k2").await,
            Err(AppError::IdempotencyConflict)
        ));
        // After expiry the token is refused with its own reason.
        town.clock.advance(Duration::minutes(16));
        assert!(matches!(
            redemptions::look_up(ctx, &town.cashier, &town.cafe, Presented::Token(token)).await,
            Err(AppError::Domain(DomainError::TokenExpired))
        ));
        assert!(matches!(
            redemptions::honor(ctx, &town.cashier, &town.cafe, &id).await,
            Err(AppError::RedemptionExpired)
        ));
        let ex = explorer::explorer(ctx).await.unwrap();
        assert_eq!(
            ex.head_seq, head_after_reserve,
            "{backend}: refusals wrote nothing"
        );
        assert!(head_after_reserve > head);
        // The worker releases it: the CITY returns.
        assert_eq!(redemptions::expire_due(ctx).await.unwrap(), 1);
        assert_eq!(town.city_of(&town.resident).await, 2000);
        assert!(matches!(
            redemptions::honor(ctx, &town.cashier, &town.cafe, &id).await,
            Err(AppError::RedemptionExpired)
        ));
        town.assert_verified(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reservation_lasts_as_long_as_the_parameter_in_force_says() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 500, 0)
            .await
            .unwrap();
        let coffee = town.offering("1.00", "10").await;
        let resident = &town.resident;
        let lasts = |id: citysync_domain::RedemptionId| async move {
            let w = wallet::wallet(ctx, resident).await.unwrap();
            let r = w.reservations.iter().find(|r| r.id == id).unwrap();
            (r.expires_at - r.reserved_at).num_minutes()
        };
        let first = redemptions::reserve(ctx, &town.resident, &coffee, "before")
            .await
            .unwrap();
        assert_eq!(lasts(first).await, 15, "{backend}: the kit's configuration");
        // A decision sets four hours, as a passed parameter change enacts it.
        ctx.db()
            .run(|conn| {
                citysync_storage::governance::set_parameter(
                    conn,
                    &citysync_storage::governance::ParameterRow {
                        name: "reservation_minutes".into(),
                        value: "240".into(),
                        proposal_id: None,
                        set_by: None,
                        set_at: citysync_storage::now(),
                    },
                    "change-1",
                )
            })
            .await
            .unwrap();
        let second = redemptions::reserve(ctx, &town.resident, &coffee, "after")
            .await
            .unwrap();
        assert_eq!(lasts(second).await, 240, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn fifty_concurrent_reservations_against_a_hundred_city() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 10_000, 0)
            .await
            .unwrap();
        let ten = town.offering("10", "100").await;
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let (ctx, who, ten) = (ctx.clone(), town.resident.clone(), ten);
                tokio::spawn(async move {
                    redemptions::reserve(&ctx, &who, &ten, &format!("r{i}")).await
                })
            })
            .collect();
        let mut ok = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(AppError::InsufficientCredit) => {}
                Err(e) => panic!("{backend}: {e:?}"),
            }
        }
        assert_eq!(ok, 10, "{backend}");
        assert_eq!(town.city_of(&town.resident).await, 0, "{backend}");
        assert_eq!(offerings::get(ctx, &ten).await.unwrap().taken, 10);
        town.assert_verified(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn two_cashiers_confirming_the_same_code_burn_once() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let second = person(ctx, "cashier_two", false).await;
        add_member(ctx, &town.cafe_owner, "cafe-luna", &second, "cashier").await;
        mint(ctx, &town.issuer, &town.resident, 5_000, 0)
            .await
            .unwrap();
        let coffee = town.offering("4.50", "50").await;
        for round in 0..5 {
            let id = redemptions::reserve(ctx, &town.resident, &coffee, &format!("round-{round}"))
                .await
                .unwrap();
            let tasks: Vec<_> = [town.cashier.clone(), second.clone(), town.cashier.clone()]
                .into_iter()
                .map(|c| {
                    let (ctx, cafe, id) = (ctx.clone(), town.cafe.clone(), id);
                    tokio::spawn(async move { redemptions::honor(&ctx, &c, &cafe, &id).await })
                })
                .collect();
            let mut ok = 0;
            for task in tasks {
                match task.await.unwrap() {
                    Ok(_) => ok += 1,
                    Err(AppError::RedemptionUsed) => {}
                    Err(e) => panic!("{backend}: {e:?}"),
                }
            }
            assert_eq!(ok, 1, "{backend} round {round}");
        }
        let ex = explorer::explorer(ctx).await.unwrap();
        assert_eq!(ex.current_figures.total.redemptions, 5, "{backend}");
        assert_eq!(ex.current_figures.total.city_burned, 5 * 450);
        town.assert_verified(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn an_idempotency_key_replayed_concurrently_reserves_once() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 5_000, 0)
            .await
            .unwrap();
        let coffee = town.offering("4.50", "50").await;
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (ctx, who, coffee) = (ctx.clone(), town.resident.clone(), coffee);
                tokio::spawn(
                    async move { redemptions::reserve(&ctx, &who, &coffee, "same-key").await },
                )
            })
            .collect();
        let mut ids = Vec::new();
        for task in tasks {
            ids.push(task.await.unwrap().unwrap());
        }
        ids.dedup();
        assert_eq!(
            ids.len(),
            1,
            "{backend}: every replay answers the first reservation"
        );
        let w = wallet::wallet(ctx, &town.resident).await.unwrap();
        assert_eq!(
            (w.city, w.reservations.len()),
            (5_000 - 450, 1),
            "{backend}"
        );
        assert_eq!(w.history.iter().filter(|l| l.kind == "reserve").count(), 1);
        town.assert_verified(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn epochs_close_on_time_with_a_sealed_report_and_new_budgets() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 30_000, 3)
            .await
            .unwrap();
        let first = epochs::current(ctx).await.unwrap();
        assert_eq!(first.number, 1);
        assert_eq!(epochs::close_due(ctx).await.unwrap(), None, "not yet due");

        town.clock
            .set(first.ends_at.and_utc() + Duration::seconds(1));
        assert_eq!(
            epochs::close_all_due(ctx).await.unwrap(),
            vec![1],
            "{backend}"
        );
        assert_eq!(epochs::close_due(ctx).await.unwrap(), None, "idempotent");
        let closed = epochs::get(ctx, 1).await.unwrap();
        let report = closed.report.clone().expect("sealed");
        assert_eq!(report.figures.total.city_minted, 30_000);
        assert_eq!(report.figures.total.vote_minted, 3);
        assert_eq!(report.figures.total.city_budget_granted, 100_000);
        assert_eq!(report.figures.total.city_budget_returned, 70_000);
        assert_eq!(report.figures.by_category["environment"].contributions, 1);
        assert_eq!(report.organizations[&town.issuer].0, "creek-friends");
        // The next epoch granted the budget again; the close was checkpointed.
        let lines = epochs::budgets(ctx, &town.admin).await.unwrap();
        let line = lines
            .iter()
            .find(|l| l.organization_id == town.issuer)
            .unwrap();
        assert_eq!(
            (line.granted, line.remaining),
            (100_000, 100_000),
            "{backend}"
        );
        let cps = checkpoints::recent(ctx, 5).await.unwrap();
        assert!(cps
            .iter()
            .any(|c| c.reason == "epoch_close" && c.epoch == Some(1)));
        assert_eq!(epochs::current(ctx).await.unwrap().number, 2);
        // The sealed report cannot be changed, even in SQL.
        let changed = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                conn.batch_execute("UPDATE epochs SET report = '{}' WHERE number = 1")
                    .map_err(Into::into)
            })
            .await;
        assert!(changed.is_err(), "{backend}");
        assert_eq!(epochs::get(ctx, 1).await.unwrap().report, Some(report));
        town.assert_verified(backend).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn expiry_and_decay_when_the_city_turns_them_on() {
    let t = TestDb::sqlite();
    let mut town = town(&t).await;
    let mut settings = (*town.ctx.settings).clone();
    settings.ledger.city_expiry_epochs = 1;
    settings.ledger.vote_decay_percent = 10;
    town.ctx.settings = Arc::new(settings);
    let ctx = &town.ctx;
    mint(ctx, &town.issuer, &town.resident, 1_000, 25)
        .await
        .unwrap();
    let first = epochs::current(ctx).await.unwrap();
    // Epoch 1 closes: the CITY was earned in it, so it stays; VOTE decays 10 % (25 → 23).
    town.clock
        .set(first.ends_at.and_utc() + Duration::seconds(1));
    epochs::close_all_due(ctx).await.unwrap();
    let w = wallet::wallet(ctx, &town.resident).await.unwrap();
    assert_eq!((w.city, w.vote), (1_000, 23));
    // Epoch 2 closes with nothing new earned: the old CITY expires.
    let second = epochs::current(ctx).await.unwrap();
    town.clock
        .set(second.ends_at.and_utc() + Duration::seconds(1));
    epochs::close_all_due(ctx).await.unwrap();
    let w = wallet::wallet(ctx, &town.resident).await.unwrap();
    assert_eq!((w.city, w.vote), (0, 21));
    let report = epochs::get(ctx, 2).await.unwrap().report.unwrap();
    assert_eq!(report.figures.total.city_expired, 1_000);
    town.assert_verified("sqlite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_journal_refuses_changes_and_tampering_is_named() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        mint(ctx, &town.issuer, &town.resident, 500, 2)
            .await
            .unwrap();
        mint(ctx, &town.issuer, &town.resident, 700, 1)
            .await
            .unwrap();
        checkpoints::sign_now(ctx).await.unwrap();
        town.assert_verified(backend).await;
        for sql in [
            "UPDATE ledger_entries SET amount = 1 WHERE seq = 3",
            "DELETE FROM ledger_entries WHERE seq = 4",
            "UPDATE ledger_checkpoints SET seq = 1",
        ] {
            let r = ctx
                .db()
                .run::<_, citysync_storage::StorageError, _>(move |conn| {
                    conn.batch_execute(sql).map_err(Into::into)
                })
                .await;
            assert!(r.is_err(), "{backend}: {sql} must be refused");
        }
        // With the trigger out of the way (as an attacker with database access could),
        // one amount changes: verification names that entry.
        let tamper = match backend {
            "postgres" => {
                "ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only; \
                           UPDATE ledger_entries SET amount = 9999 WHERE seq = 3; \
                           ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only;"
            }
            _ => {
                "DROP TRIGGER ledger_entries_no_update; \
                  UPDATE ledger_entries SET amount = 9999 WHERE seq = 3;"
            }
        };
        ctx.db()
            .run::<_, citysync_storage::StorageError, _>(move |conn| {
                conn.batch_execute(tamper).map_err(Into::into)
            })
            .await
            .unwrap();
        town.clock.advance(Duration::seconds(1));
        let v = check::run(ctx).await.unwrap();
        assert!(!v.ok, "{backend}");
        let why = v.failure.unwrap();
        assert!(
            why.starts_with("entry 3:") && why.contains("altered"),
            "{backend}: {why}"
        );
        assert_eq!(check::last(ctx).await.unwrap().map(|v| v.ok), Some(false));
    }
}
