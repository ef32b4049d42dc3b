//! A seeded, replayable simulation of the ledger in the manner of TigerBeetle's VOPR:
//! thousands of random steps — mint, reserve (sometimes replaying an idempotency key),
//! cancel, honor, time passing with expiry, epoch closes, ballots on an open vote (weighted
//! by the VOTE snapshot while VOTE keeps being minted) — with crashes injected at random
//! points inside the transactions. After every step the database must agree with a simple
//! in-memory model and every invariant must hold; a full `ledger verify` runs regularly.
//!
//! The seed is printed; `LEDGER_SIM_SEED=<seed> cargo test -p citysync-app --test
//! ledger_simulation` replays a run exactly. `LEDGER_SIM_STEPS` changes its length.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Duration, TimeZone, Utc};
use citysync_app::governance::{cycles, proposals, voting, CycleInput, ProposalInput};
use citysync_app::ledger::{check, epochs};
use citysync_app::offerings::{self, OfferingInput};
use citysync_app::{redemptions, AppError, Ctx, User};
use citysync_domain::governance::{
    tally, Ballot, ParameterChange, ProposalContent, Rules, Schedule, VotingMethod,
};
use citysync_domain::ledger::{AccountId, Currency};
use citysync_domain::redemption::RedemptionState;
use citysync_test_support::{add_member, approved_organization, mint, person, ManualClock, TestDb};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use std::sync::Arc;

mod grouped;

const BUDGET: i64 = 50_000;
const PRICES: [i64; 2] = [300, 750];

#[derive(Debug, Clone, PartialEq)]
struct SimRedemption {
    id: citysync_domain::RedemptionId,
    resident: usize,
    amount: i64,
    state: RedemptionState,
    expires_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Model {
    city: Vec<i64>,
    vote: Vec<i64>,
    budget: i64,
    escrow: i64,
    burned: i64,
    redemptions: Vec<SimRedemption>,
    /// (resident, offering) → the last idempotency key used and the redemption it made.
    keys: BTreeMap<(usize, usize), (String, citysync_domain::RedemptionId)>,
    /// Each resident's ballot on the open proposal.
    ballots: BTreeMap<usize, Ballot>,
}

struct Sim {
    ctx: Ctx,
    clock: Arc<ManualClock>,
    rng: StdRng,
    seed: u64,
    step: usize,
    residents: Vec<User>,
    cashier: User,
    owner: User,
    issuer: String,
    cafe: String,
    offerings: Vec<citysync_domain::OfferingId>,
    model: Model,
    crashes: usize,
    /// The proposal open for voting throughout, and each resident's snapshot VOTE.
    proposal: String,
    cycle: String,
    snapshot: Vec<i64>,
}

/// A cashier confirms, or the holder cancels, a redemption.
async fn settle(
    ctx: &Ctx,
    cashier: &User,
    cafe: &str,
    residents: &[User],
    red: &SimRedemption,
    honor: bool,
) -> Result<(), AppError> {
    if honor {
        redemptions::honor(ctx, cashier, cafe, &red.id)
            .await
            .map(|_| ())
    } else {
        redemptions::cancel(ctx, &residents[red.resident], &red.id).await
    }
}

impl Sim {
    fn fail(&self, what: String) -> ! {
        panic!(
            "ledger simulation failed at step {} (seed {}; replay with LEDGER_SIM_SEED={}): {what}",
            self.step, self.seed, self.seed
        )
    }

    /// Arms a crash at a random point of the next operation, some of the time.
    fn maybe_crash(&mut self) {
        if self.rng.gen_bool(0.25) {
            self.ctx.faults.arm(self.rng.gen_range(1..=4));
        }
    }

    /// Whether the operation was cut short by the injected crash (then nothing may change).
    fn crashed<T: std::fmt::Debug>(&mut self, result: &Result<T, AppError>) -> bool {
        self.ctx.faults.arm(0);
        if matches!(result, Err(AppError::Injected(_))) {
            self.crashes += 1;
            true
        } else {
            false
        }
    }

    async fn step_mint(&mut self) {
        let r = self.rng.gen_range(0..self.residents.len());
        let city = self.rng.gen_range(1..=6_000);
        let vote = self.rng.gen_range(0..=3);
        self.maybe_crash();
        let result = mint(&self.ctx, &self.issuer, &self.residents[r], city, vote).await;
        if self.crashed(&result) {
            return;
        }
        let budget = self.model.budget;
        self.apply_mint(r, city, vote, result.map(|_| ()), budget);
    }

    /// A mint's answer against the model. `left` is the least budget it can have met: the
    /// model's, less what other mints of its group took (they may have run first).
    fn apply_mint(
        &mut self,
        r: usize,
        city: i64,
        vote: i64,
        result: Result<(), AppError>,
        left: i64,
    ) {
        match result {
            Ok(()) if city <= self.model.budget => {
                self.model.budget -= city;
                self.model.city[r] += city;
                self.model.vote[r] += vote;
            }
            Err(AppError::BudgetExhausted) if city > left => {}
            other => self.fail(format!(
                "mint {city} with budget {} ({left} left at worst): {other:?}",
                self.model.budget
            )),
        }
    }

    /// Which offering resident `r` reserves and under which key (sometimes replaying one).
    fn plan_reserve(
        &mut self,
        r: usize,
        fresh: String,
    ) -> (
        usize,
        String,
        Option<(String, citysync_domain::RedemptionId)>,
    ) {
        let o = self.rng.gen_range(0..self.offerings.len());
        let replay = self
            .rng
            .gen_bool(0.15)
            .then(|| self.model.keys.get(&(r, o)).cloned())
            .flatten();
        let key = replay.as_ref().map_or(fresh, |(k, _)| k.clone());
        (o, key, replay)
    }

    async fn step_reserve(&mut self) {
        let r = self.rng.gen_range(0..self.residents.len());
        let (o, key, replay) = self.plan_reserve(r, format!("sim-{}", self.step));
        self.maybe_crash();
        let result =
            redemptions::reserve(&self.ctx, &self.residents[r], &self.offerings[o], &key).await;
        if self.crashed(&result) {
            return;
        }
        self.apply_reserve(r, o, key, replay, result);
    }

    /// A reservation's answer against the model.
    fn apply_reserve(
        &mut self,
        r: usize,
        o: usize,
        key: String,
        replay: Option<(String, citysync_domain::RedemptionId)>,
        result: Result<citysync_domain::RedemptionId, AppError>,
    ) {
        let price = PRICES[o];
        match (result, replay) {
            (Ok(id), Some((_, first))) => {
                if id != first {
                    self.fail(format!(
                        "replayed key {key} answered {id}, first answer was {first}"
                    ));
                }
            }
            (Ok(id), None) if self.model.city[r] >= price => {
                self.model.city[r] -= price;
                self.model.escrow += price;
                self.model.redemptions.push(SimRedemption {
                    id,
                    resident: r,
                    amount: price,
                    state: RedemptionState::Reserved,
                    expires_at: self.ctx.now() + Duration::minutes(15),
                });
                self.model.keys.insert((r, o), (key, id));
            }
            (Err(AppError::InsufficientCredit), None) if self.model.city[r] < price => {}
            (other, replay) => self.fail(format!(
                "reserve {price} with {} (replay {replay:?}): {other:?}",
                self.model.city[r]
            )),
        }
    }

    fn pick_redemption(&mut self) -> Option<usize> {
        if self.model.redemptions.is_empty() {
            return None;
        }
        // Mostly open ones, sometimes any (to try settling twice).
        let open: Vec<usize> = (0..self.model.redemptions.len())
            .filter(|i| self.model.redemptions[*i].state == RedemptionState::Reserved)
            .collect();
        if !open.is_empty() && self.rng.gen_bool(0.8) {
            Some(open[self.rng.gen_range(0..open.len())])
        } else {
            Some(self.rng.gen_range(0..self.model.redemptions.len()))
        }
    }

    async fn step_settle(&mut self, honor: bool) {
        let Some(i) = self.pick_redemption() else {
            return;
        };
        self.maybe_crash();
        let result = settle(
            &self.ctx,
            &self.cashier,
            &self.cafe,
            &self.residents,
            &self.model.redemptions[i],
            honor,
        )
        .await;
        if self.crashed(&result) {
            return;
        }
        self.apply_settle(i, honor, result);
    }

    /// A settlement's answer against the model (the clock has not moved since it was asked).
    fn apply_settle(&mut self, i: usize, honor: bool, result: Result<(), AppError>) {
        let red = self.model.redemptions[i].clone();
        let live = red.state == RedemptionState::Reserved && red.expires_at > self.ctx.now();
        match result {
            Ok(()) if live || (!honor && red.state == RedemptionState::Reserved) => {
                let m = &mut self.model;
                m.escrow -= red.amount;
                if honor {
                    m.burned += red.amount;
                    m.redemptions[i].state = RedemptionState::Honored;
                } else {
                    m.city[red.resident] += red.amount;
                    m.redemptions[i].state = RedemptionState::Cancelled;
                }
            }
            Err(AppError::RedemptionUsed) if red.state == RedemptionState::Honored => {}
            Err(AppError::RedemptionCancelled) if red.state == RedemptionState::Cancelled => {}
            Err(AppError::RedemptionExpired)
                if red.state == RedemptionState::Expired || (honor && !live) => {}
            other => self.fail(format!("settle (honor {honor}) {red:?}: {other:?}")),
        }
    }

    async fn step_time(&mut self) {
        self.clock
            .advance(Duration::minutes(self.rng.gen_range(0..=20)));
        self.maybe_crash();
        let result = redemptions::expire_due(&self.ctx).await;
        if self.crashed(&result) {
            return;
        }
        let now = self.ctx.now();
        let mut expected = 0;
        for red in self.model.redemptions.iter_mut() {
            if red.state == RedemptionState::Reserved && red.expires_at <= now {
                red.state = RedemptionState::Expired;
                self.model.escrow -= red.amount;
                self.model.city[red.resident] += red.amount;
                expected += 1;
            }
        }
        if result.as_ref().ok() != Some(&expected) {
            self.fail(format!("expire_due: {result:?}, expected {expected}"));
        }
    }

    /// A random quadratic ballot: accepted exactly when it marks something and costs no
    /// more than the snapshot, whatever VOTE the resident holds now.
    async fn step_vote(&mut self) {
        let r = self.rng.gen_range(0..self.residents.len());
        let ballot = Ballot::marking([
            (0, self.rng.gen_range(0..=3)),
            (1, self.rng.gen_range(0..=2)),
        ]);
        let cost = ballot.cost();
        let result = voting::cast(
            &self.ctx,
            &self.residents[r],
            &self.proposal,
            ballot.clone(),
        )
        .await;
        match result {
            Ok(()) if !ballot.marks.is_empty() && cost <= i128::from(self.snapshot[r]) => {
                self.model.ballots.insert(r, ballot);
            }
            Err(AppError::Domain(citysync_domain::DomainError::BallotEmpty))
                if ballot.marks.is_empty() => {}
            Err(AppError::Domain(citysync_domain::DomainError::BallotCreditsExceeded))
                if cost > i128::from(self.snapshot[r]) => {}
            other => self.fail(format!(
                "ballot {ballot:?} by resident {r} (snapshot {}): {other:?}",
                self.snapshot[r]
            )),
        }
    }

    async fn step_epoch(&mut self) {
        let current = epochs::current(&self.ctx).await.unwrap();
        self.clock
            .set(current.ends_at.and_utc() + Duration::seconds(1));
        self.maybe_crash();
        let result = epochs::close_due(&self.ctx).await;
        if self.crashed(&result) {
            return;
        }
        if result.as_ref().ok() != Some(&Some(current.number)) {
            self.fail(format!("closing epoch {}: {result:?}", current.number));
        }
        // The unused budget went back and the next epoch granted the standing amount.
        self.model.budget = BUDGET;
        // Commitments are per epoch: the café commits again.
        for o in self.offerings.clone() {
            offerings::commit(&self.ctx, &self.owner, &o, "100000")
                .await
                .unwrap();
        }
    }

    /// The database agrees with the model and every invariant holds.
    async fn check(&mut self) {
        let accounts = self
            .ctx
            .db()
            .run(citysync_storage::ledger::all_accounts)
            .await
            .unwrap();
        let balance = |id: AccountId| {
            accounts
                .iter()
                .find(|a| a.id == id.to_string())
                .map_or(0, |a| a.balance)
        };
        let mut sums: BTreeMap<String, i64> = BTreeMap::new();
        for a in &accounts {
            if a.balance < 0 && a.kind != "mint" {
                self.fail(format!("{} is negative: {}", a.id, a.balance));
            }
            *sums.entry(a.currency.clone()).or_default() += a.balance;
        }
        if sums.values().any(|s| *s != 0) {
            self.fail(format!("currencies do not sum to zero: {sums:?}"));
        }
        for (i, who) in self.residents.iter().enumerate() {
            let uid = who.id.to_string();
            let (city, vote) = (
                balance(AccountId::resident(&uid, Currency::City)),
                balance(AccountId::resident(&uid, Currency::Vote)),
            );
            if (city, vote) != (self.model.city[i], self.model.vote[i]) {
                self.fail(format!(
                    "resident {i}: database ({city}, {vote}) vs model ({}, {})",
                    self.model.city[i], self.model.vote[i]
                ));
            }
        }
        let got = (
            balance(AccountId::budget(&self.issuer)),
            balance(AccountId::escrow()),
            balance(AccountId::burn()),
        );
        let want = (self.model.budget, self.model.escrow, self.model.burned);
        if got != want {
            self.fail(format!(
                "(budget, escrow, burned): database {got:?} vs model {want:?}"
            ));
        }
        let cast = voting::ballots_cast(&self.ctx, &self.proposal)
            .await
            .unwrap();
        if cast != self.model.ballots.len() as i64 {
            self.fail(format!(
                "{cast} ballots in the database, {} in the model",
                self.model.ballots.len()
            ));
        }
        if self.step.is_multiple_of(250) {
            let v = check::run(&self.ctx).await.unwrap();
            if !v.ok {
                self.fail(format!("verification: {:?}", v.failure));
            }
        }
    }
}

/// How the simulation's operations reach the ledger.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// One after another.
    OneByOne,
    /// Several residents at the same moment, so the ledger writer groups them.
    Grouped,
}

async fn simulate(t: &TestDb, seed: u64, steps: usize, mode: Mode) -> Sim {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap());
    let mut ctx = citysync_test_support::ctx(t);
    ctx.clock = clock.clone();
    let admin = person(&ctx, "admin_ana", true).await;
    let issuer_owner = person(&ctx, "owner_olga", false).await;
    let owner = person(&ctx, "cafe_carla", false).await;
    let cashier = person(&ctx, "cashier_cruz", false).await;
    let issuer =
        approved_organization(&ctx, &admin, &issuer_owner, "creek-friends", true, false).await;
    let cafe = approved_organization(&ctx, &admin, &owner, "cafe-luna", false, true).await;
    add_member(&ctx, &owner, "cafe-luna", &cashier, "cashier").await;
    epochs::set_budget(&ctx, &admin, &issuer, &(BUDGET / 100).to_string(), "budget")
        .await
        .unwrap();
    let mut residents = Vec::new();
    for i in 0..4 {
        residents.push(person(&ctx, &format!("resident_{i}"), false).await);
    }
    // VOTE 2, 4, 6, 8 before a cycle's voting opens: the snapshot.
    let snapshot: Vec<i64> = (1..=residents.len() as i64).map(|i| 2 * i).collect();
    for (who, vote) in residents.iter().zip(&snapshot) {
        mint(&ctx, &issuer, who, 0, *vote).await.unwrap();
    }
    let start = ctx.now();
    let cycle = cycles::create(
        &ctx,
        &admin,
        CycleInput {
            title: "Always voting".into(),
            description: String::new(),
            schedule: Schedule {
                proposals_at: start - Duration::minutes(1),
                deliberation_at: start + Duration::minutes(1),
                voting_at: start + Duration::minutes(2),
                results_at: start + Duration::days(365 * 100),
            },
            rules: Rules {
                method: VotingMethod::Quadratic,
                quorum_percent: 10,
                min_vote: 1,
            },
            pool: 0,
        },
    )
    .await
    .unwrap()
    .id;
    let proposal =
        proposals::draft(
            &ctx,
            &residents[3],
            &cycle,
            ProposalInput {
                title: "Double environment rewards".into(),
                body: "More hands for the creek".into(),
                content: ProposalContent::ParameterChange {
                    changes: vec![
                        ParameterChange::new("reward_multiplier.environment", "200").unwrap()
                    ],
                },
                organization: None,
            },
        )
        .await
        .unwrap()
        .id;
    clock.advance(Duration::minutes(3));
    cycles::advance_due(&ctx).await.unwrap();
    let mut offering_ids = Vec::new();
    for price in PRICES {
        let id = offerings::create(
            &ctx,
            &owner,
            &cafe,
            OfferingInput {
                title: format!("Item at {price}"),
                price: citysync_domain::ledger::Currency::City.format(price),
                category: "food_drink".into(),
                active: true,
                ..OfferingInput::default()
            },
            None,
        )
        .await
        .unwrap();
        offerings::commit(&ctx, &owner, &id, "100000")
            .await
            .unwrap();
        offering_ids.push(id);
    }
    let mut sim = Sim {
        ctx,
        clock,
        rng: StdRng::seed_from_u64(seed),
        seed,
        step: 0,
        model: Model {
            city: vec![0; residents.len()],
            vote: snapshot.clone(),
            budget: BUDGET,
            ..Model::default()
        },
        residents,
        cashier,
        owner,
        issuer,
        cafe,
        offerings: offering_ids,
        crashes: 0,
        proposal,
        cycle,
        snapshot,
    };
    for step in 1..=steps {
        sim.step = step;
        match sim.rng.gen_range(0..100) {
            0..=84 if mode == Mode::Grouped => sim.step_group().await,
            0..=29 => sim.step_mint().await,
            30..=59 => sim.step_reserve().await,
            60..=69 => sim.step_settle(false).await,
            70..=84 => sim.step_settle(true).await,
            85..=91 => sim.step_time().await,
            92..=97 => sim.step_vote().await,
            _ => sim.step_epoch().await,
        }
        sim.check().await;
    }
    let v = check::run(&sim.ctx).await.unwrap();
    if !v.ok {
        sim.fail(format!("final verification: {:?}", v.failure));
    }
    // The close counts the snapshot weights and the last ballot of each resident.
    let cycle = cycles::get(&sim.ctx, &sim.cycle).await.unwrap();
    sim.clock.set(cycle.schedule.results_at.and_utc());
    cycles::advance_due(&sim.ctx).await.unwrap();
    let decision = proposals::get(&sim.ctx, &sim.proposal)
        .await
        .unwrap()
        .decision
        .unwrap();
    let weighted: Vec<(i64, Ballot)> = sim
        .model
        .ballots
        .iter()
        .map(|(r, b)| (sim.snapshot[*r], b.clone()))
        .collect();
    let eligible: i64 = sim.snapshot.iter().sum();
    let expected = tally::count(
        cycle.rules,
        2,
        sim.snapshot.len() as i64,
        eligible,
        &weighted,
    );
    if decision.tally != expected {
        sim.fail(format!("tally {:?} vs model {expected:?}", decision.tally));
    }
    sim
}

fn seed_and_steps(default_steps: usize) -> (u64, usize) {
    let seed = std::env::var("LEDGER_SIM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    let steps = std::env::var("LEDGER_SIM_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default_steps);
    eprintln!(
        "ledger simulation seed = {seed} (replay with LEDGER_SIM_SEED={seed}), {steps} steps"
    );
    (seed, steps)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_random_steps_with_crashes_keep_every_invariant_on_sqlite() {
    let (seed, steps) = seed_and_steps(3_000);
    let t = TestDb::sqlite();
    let sim = simulate(&t, seed, steps, Mode::OneByOne).await;
    eprintln!(
        "{} steps, {} injected crashes, {} redemptions, {} CITY burned",
        steps,
        sim.crashes,
        sim.model.redemptions.len(),
        sim.model.burned
    );
    assert!(sim.crashes > steps / 20, "crashes were injected");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_steps_with_crashes_keep_every_invariant_on_postgres() {
    let Some(t) = TestDb::postgres() else { return };
    let (seed, steps) = seed_and_steps(600);
    let sim = simulate(&t, seed, steps, Mode::OneByOne).await;
    assert!(sim.crashes > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_seed_replays_the_same_run() {
    let a = simulate(&TestDb::sqlite(), 42, 300, Mode::OneByOne).await;
    let b = simulate(&TestDb::sqlite(), 42, 300, Mode::OneByOne).await;
    let shape = |s: &Sim| {
        (
            s.model.city.clone(),
            s.model.vote.clone(),
            s.model.budget,
            s.model.escrow,
            s.model.burned,
            s.crashes,
            s.model.ballots.clone(),
            s.model
                .redemptions
                .iter()
                .map(|r| (r.resident, r.amount, r.state))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(shape(&a), shape(&b));
}
