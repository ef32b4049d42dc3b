//! The simulation's group-commit mode: two to four residents act at the same moment, so the
//! ledger writer posts their reservations, cancellations and confirmations together, while
//! mints run in their own verification transactions beside them; a crash injected anywhere
//! loses what its transaction held, a whole group included.

use super::{mint, redemptions, seed_and_steps, settle, simulate, AppError, Mode, Sim, TestDb};
use citysync_domain::redemption::RedemptionState;
use rand::seq::SliceRandom;
use rand::Rng;

/// One resident's operation in a group step.
#[derive(Debug, Clone)]
enum Planned {
    Mint {
        r: usize,
        city: i64,
        vote: i64,
    },
    Reserve {
        r: usize,
        o: usize,
        key: String,
        replay: Option<(String, citysync_domain::RedemptionId)>,
    },
    Settle {
        i: usize,
        honor: bool,
    },
}

impl Sim {
    /// One of resident `r`'s redemptions, mostly an open one.
    fn pick_redemption_of(&mut self, r: usize) -> Option<usize> {
        let of_r: Vec<usize> = (0..self.model.redemptions.len())
            .filter(|i| self.model.redemptions[*i].resident == r)
            .collect();
        let open: Vec<usize> = of_r
            .iter()
            .copied()
            .filter(|i| self.model.redemptions[*i].state == RedemptionState::Reserved)
            .collect();
        let from = if !open.is_empty() && self.rng.gen_bool(0.8) {
            open
        } else {
            of_r
        };
        (!from.is_empty()).then(|| from[self.rng.gen_range(0..from.len())])
    }

    /// Group-commit mode: two to four residents act at the same moment — mints (each in
    /// its own verification transaction), reservations, cancellations and confirmations
    /// (posted together by the ledger writer) — with a crash sometimes injected anywhere
    /// among them. One operation per resident, so the model's answer does not depend on
    /// the order the group ran them in, except for mints meeting an exhausted budget.
    pub(super) async fn step_group(&mut self) {
        let mut who: Vec<usize> = (0..self.residents.len()).collect();
        who.shuffle(&mut self.rng);
        who.truncate(self.rng.gen_range(2..=self.residents.len()));
        let mut plan = Vec::new();
        for r in who {
            let roll = self.rng.gen_range(0..85);
            let pick = if roll >= 60 {
                self.pick_redemption_of(r)
            } else {
                None
            };
            plan.push(match (roll, pick) {
                (0..=29, _) => Planned::Mint {
                    r,
                    city: self.rng.gen_range(1..=6_000),
                    vote: self.rng.gen_range(0..=3),
                },
                (_, Some(i)) => Planned::Settle {
                    i,
                    honor: roll >= 70,
                },
                _ => {
                    let (o, key, replay) = self.plan_reserve(r, format!("sim-{}-{r}", self.step));
                    Planned::Reserve { r, o, key, replay }
                }
            });
        }
        if self.rng.gen_bool(0.25) {
            self.ctx
                .faults
                .arm(self.rng.gen_range(1..=3 * plan.len() as u64));
        }
        let tasks: Vec<_> = plan
            .iter()
            .map(|p| {
                let (ctx, cashier, cafe) =
                    (self.ctx.clone(), self.cashier.clone(), self.cafe.clone());
                let (issuer, residents) = (self.issuer.clone(), self.residents.clone());
                let (offerings, redemptions) =
                    (self.offerings.clone(), self.model.redemptions.clone());
                let p = p.clone();
                tokio::spawn(async move {
                    match p {
                        Planned::Mint { r, city, vote } => {
                            mint(&ctx, &issuer, &residents[r], city, vote)
                                .await
                                .map(|_| None)
                        }
                        Planned::Reserve { r, o, key, .. } => {
                            redemptions::reserve(&ctx, &residents[r], &offerings[o], &key)
                                .await
                                .map(Some)
                        }
                        Planned::Settle { i, honor } => {
                            settle(&ctx, &cashier, &cafe, &residents, &redemptions[i], honor)
                                .await
                                .map(|()| None)
                        }
                    }
                })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        self.ctx.faults.arm(0);
        let spent: i64 = plan
            .iter()
            .zip(&answers)
            .filter_map(|(p, a)| match (p, a) {
                (Planned::Mint { city, .. }, Ok(_)) => Some(*city),
                _ => None,
            })
            .sum();
        if spent > self.model.budget {
            self.fail(format!(
                "a group minted {spent} from a budget of {}",
                self.model.budget
            ));
        }
        let left = self.model.budget - spent;
        for (p, answer) in plan.into_iter().zip(answers) {
            if matches!(answer, Err(AppError::Injected(_))) {
                self.crashes += 1;
                continue;
            }
            match p {
                Planned::Mint { r, city, vote } => {
                    self.apply_mint(r, city, vote, answer.map(|_| ()), left)
                }
                Planned::Reserve { r, o, key, replay } => {
                    let answer = answer.and_then(|id| id.ok_or(AppError::NotFound));
                    self.apply_reserve(r, o, key, replay, answer)
                }
                Planned::Settle { i, honor } => self.apply_settle(i, honor, answer.map(|_| ())),
            }
        }
    }
}

/// Group-commit mode: the ledger writer posts what residents ask at the same moment in one
/// transaction; a crash anywhere in a group loses the whole group and every caller is told.
async fn grouped(t: &TestDb, default_steps: usize) -> Sim {
    let (seed, steps) = seed_and_steps(default_steps);
    let sim = simulate(t, seed, steps, Mode::Grouped).await;
    let (groups, operations) = sim.ctx.db().group().taken();
    eprintln!(
        "{steps} steps in group-commit mode: {} injected crashes, {operations} operations in {groups} groups",
        sim.crashes
    );
    assert!(sim.crashes > 0, "crashes were injected");
    assert!(operations > groups, "some groups held several operations");
    sim
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn random_groups_with_crashes_keep_every_invariant_on_sqlite() {
    grouped(&TestDb::sqlite(), 1_000).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn random_groups_with_crashes_keep_every_invariant_on_postgres() {
    let Some(t) = TestDb::postgres() else { return };
    grouped(&t, 300).await;
}
