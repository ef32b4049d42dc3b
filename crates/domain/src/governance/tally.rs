//! Counting the ballots of one proposal when voting closes.
//!
//! - `weighted_majority`: a ballot's one choice receives the voter's snapshot VOTE.
//! - `approval`: every option a ballot approves receives the voter's snapshot VOTE.
//! - `quadratic`: an option receives the votes a ballot gives it (each costing its square
//!   in credits, checked when the ballot was cast).
//!
//! Quorum: the snapshot VOTE of everyone who cast a ballot (abstentions included) must
//! reach `quorum_percent` of the eligible VOTE. A yes/no proposal passes when quorum is met
//! and `yes` has strictly more support than `no`. A budget is shared out by `allocate`.

use super::{Ballot, Rules, VotingMethod};
use serde::{Deserialize, Serialize};

/// How a proposal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Passed,
    Rejected,
    NoQuorum,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Rejected => "rejected",
            Outcome::NoQuorum => "no_quorum",
        }
    }
}

/// The public result of a proposal's vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub method: VotingMethod,
    pub quorum_percent: i64,
    /// Residents eligible at the snapshot, and their VOTE.
    pub eligible_voters: i64,
    pub eligible_weight: i64,
    /// Residents who cast a ballot (abstentions included), and their snapshot VOTE.
    pub voters: i64,
    pub cast_weight: i64,
    pub abstentions: i64,
    /// Support per option (VOTE weight, or quadratic votes).
    pub support: Vec<i64>,
    pub quorum_met: bool,
}

/// Counts `ballots` (each with its voter's snapshot VOTE) for a proposal with `options`
/// options. Ballots are assumed checked; marks on unknown options are ignored.
pub fn count(
    rules: Rules,
    options: usize,
    eligible_voters: i64,
    eligible_weight: i64,
    ballots: &[(i64, Ballot)],
) -> Tally {
    let mut support = vec![0i64; options];
    let (mut cast_weight, mut abstentions) = (0i64, 0i64);
    for (weight, ballot) in ballots {
        cast_weight = cast_weight.saturating_add(*weight);
        if ballot.abstain {
            abstentions += 1;
            continue;
        }
        for (option, mark) in &ballot.marks {
            let Some(s) = support.get_mut(*option) else {
                continue;
            };
            let add = match rules.method {
                VotingMethod::WeightedMajority | VotingMethod::Approval => *weight,
                VotingMethod::Quadratic => *mark,
            };
            *s = s.saturating_add(add);
        }
    }
    let voters = i64::try_from(ballots.len()).unwrap_or(i64::MAX);
    Tally {
        method: rules.method,
        quorum_percent: rules.quorum_percent,
        eligible_voters,
        eligible_weight,
        voters,
        cast_weight,
        abstentions,
        support,
        quorum_met: quorum_met(rules.quorum_percent, cast_weight, eligible_weight, voters),
    }
}

/// Whether `cast` VOTE out of `eligible` meets a quorum of `percent`; nobody voting never
/// meets it, whatever the percentage.
pub fn quorum_met(percent: i64, cast: i64, eligible: i64, voters: i64) -> bool {
    voters > 0 && i128::from(cast) * 100 >= i128::from(percent) * i128::from(eligible)
}

impl Tally {
    /// A yes/no proposal's outcome (option 0 is yes, 1 is no).
    pub fn yes_no(&self) -> Outcome {
        let yes = self.support.first().copied().unwrap_or(0);
        let no = self.support.get(1).copied().unwrap_or(0);
        match (self.quorum_met, yes > no) {
            (false, _) => Outcome::NoQuorum,
            (true, true) => Outcome::Passed,
            (true, false) => Outcome::Rejected,
        }
    }

    /// Turnout: the share of eligible VOTE that took part, in percent (one decimal).
    pub fn turnout_percent(&self) -> f64 {
        if self.eligible_weight == 0 {
            return 0.0;
        }
        (self.cast_weight as f64 * 1000.0 / self.eligible_weight as f64).round() / 10.0
    }
}

/// Shares out a budget `pool`: options in order of support (most first; a tie goes to the
/// cheaper option, then to the one listed first), each funded if it still fits in what is
/// left of the pool and skipped otherwise; options nobody supported are never funded.
/// Returns the funded options' indices in funding order.
pub fn allocate(pool: i64, costs: &[i64], support: &[i64]) -> Vec<usize> {
    let mut order: Vec<(usize, i64, i64)> = costs
        .iter()
        .zip(support)
        .enumerate()
        .map(|(i, (cost, support))| (i, *cost, *support))
        .collect();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)));
    let mut left = pool;
    let mut funded = Vec::new();
    for (i, cost, support) in order {
        if support > 0 && cost > 0 && cost <= left {
            left -= cost;
            funded.push(i);
        }
    }
    funded
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    fn rules(method: VotingMethod, quorum_percent: i64) -> Rules {
        Rules {
            method,
            quorum_percent,
            min_vote: 1,
        }
    }

    #[test]
    fn three_quadratic_voters_decide_a_yes_no_question() {
        // Credits 9, 4 and 1: 3 votes yes (cost 9), 2 votes yes (cost 4), 1 vote no (cost 1).
        let ballots = [
            (9, Ballot::marking([(0, 3)])),
            (4, Ballot::marking([(0, 2)])),
            (1, Ballot::marking([(1, 1)])),
        ];
        let tally = count(rules(VotingMethod::Quadratic, 50), 2, 4, 20, &ballots);
        assert_eq!(tally.support, vec![5, 1]);
        assert_eq!(tally.cast_weight, 14);
        assert!(tally.quorum_met);
        assert_eq!(tally.yes_no(), Outcome::Passed);
        assert!((tally.turnout_percent() - 70.0).abs() < f64::EPSILON);
    }

    #[test]
    fn a_tie_or_a_missing_quorum_changes_nothing() {
        let ballots = [
            (5, Ballot::marking([(0, 1)])),
            (5, Ballot::marking([(1, 1)])),
        ];
        let tally = count(
            rules(VotingMethod::WeightedMajority, 10),
            2,
            2,
            10,
            &ballots,
        );
        assert_eq!(tally.yes_no(), Outcome::Rejected);
        let tally = count(
            rules(VotingMethod::WeightedMajority, 60),
            2,
            5,
            100,
            &ballots[..1],
        );
        assert_eq!(tally.yes_no(), Outcome::NoQuorum);
        let nobody = count(rules(VotingMethod::WeightedMajority, 0), 2, 5, 100, &[]);
        assert_eq!(nobody.yes_no(), Outcome::NoQuorum);
    }

    #[test]
    fn budget_ties_go_to_the_cheaper_then_the_first_listed_option() {
        // Pool 100: options 0 and 1 tie on support; 1 is cheaper, so it goes first.
        assert_eq!(allocate(100, &[60, 50, 40], &[7, 7, 3]), vec![1, 2]);
        // Equal support and cost: the first listed wins; the pool skips what no longer fits.
        assert_eq!(allocate(100, &[60, 60, 30], &[5, 5, 1]), vec![0, 2]);
        assert_eq!(allocate(100, &[10, 10], &[0, 0]), Vec::<usize>::new());
    }

    // ---- Reference implementations: the rules written out the slow, obvious way. ----

    fn reference_support(
        method: VotingMethod,
        options: usize,
        ballots: &[(i64, Ballot)],
    ) -> Vec<i64> {
        (0..options)
            .map(|option| {
                let mut total = 0;
                for (weight, ballot) in ballots {
                    if ballot.abstain {
                        continue;
                    }
                    let mark = ballot.marks.get(&option).copied().unwrap_or(0);
                    total += match method {
                        VotingMethod::WeightedMajority | VotingMethod::Approval => {
                            if mark > 0 {
                                *weight
                            } else {
                                0
                            }
                        }
                        VotingMethod::Quadratic => mark,
                    };
                }
                total
            })
            .collect()
    }

    fn reference_quadratic_cost(marks: &[i64]) -> i64 {
        let mut cost = 0;
        for n in marks {
            for _ in 0..*n {
                cost += n;
            }
        }
        cost
    }

    fn reference_allocate(pool: i64, costs: &[i64], support: &[i64]) -> Vec<usize> {
        // Repeatedly pick the best remaining option by (support, -cost, -index).
        let mut remaining: Vec<usize> = (0..costs.len()).collect();
        let mut left = pool;
        let mut funded = Vec::new();
        while !remaining.is_empty() {
            let mut best = 0;
            for k in 1..remaining.len() {
                let (i, j) = (remaining[k], remaining[best]);
                let better = support[i] > support[j]
                    || (support[i] == support[j] && costs[i] < costs[j])
                    || (support[i] == support[j] && costs[i] == costs[j] && i < j);
                if better {
                    best = k;
                }
            }
            let i = remaining.remove(best);
            if support[i] > 0 && costs[i] <= left {
                left -= costs[i];
                funded.push(i);
            }
        }
        funded
    }

    fn method() -> impl Strategy<Value = VotingMethod> {
        prop_oneof![
            Just(VotingMethod::WeightedMajority),
            Just(VotingMethod::Approval),
            Just(VotingMethod::Quadratic),
        ]
    }

    /// A random ballot valid for `method` with `options` options and `credits` credits.
    fn ballot(method: VotingMethod, options: usize, credits: i64) -> BoxedStrategy<Ballot> {
        let abstain = Just(Ballot::abstention());
        match method {
            VotingMethod::WeightedMajority => prop_oneof![
                1 => abstain,
                4 => (0..options).prop_map(|o| Ballot::marking([(o, 1)])),
            ]
            .boxed(),
            VotingMethod::Approval => prop_oneof![
                1 => abstain,
                4 => proptest::collection::btree_set(0..options, 1..=options)
                    .prop_map(|set| Ballot::marking(set.into_iter().map(|o| (o, 1)))),
            ]
            .boxed(),
            VotingMethod::Quadratic => {
                let most = (credits as f64).sqrt() as i64;
                prop_oneof![
                    1 => abstain,
                    4 => proptest::collection::vec(0..=most, options).prop_map(move |votes| {
                        // Trim from the end until the ballot is affordable and not empty.
                        let mut votes = votes;
                        while votes.iter().map(|n| n * n).sum::<i64>() > credits {
                            if let Some(v) = votes.iter_mut().rev().find(|v| **v > 0) {
                                *v -= 1;
                            }
                        }
                        if votes.iter().all(|n| *n == 0) {
                            votes[0] = 1;
                        }
                        Ballot::marking(votes.into_iter().enumerate())
                    }),
                ]
                .boxed()
            }
        }
    }

    type Election = (VotingMethod, usize, i64, i64, Vec<(i64, Ballot)>);

    /// A method, 2 to 5 options, a quorum, eligible VOTE that did not vote, and ballots
    /// valid for the method, each with its voter's snapshot weight.
    fn election() -> impl Strategy<Value = Election> {
        (
            method(),
            2usize..6,
            0i64..=100,
            0i64..500,
            proptest::collection::vec(1i64..50, 0..30),
        )
            .prop_flat_map(|(method, options, quorum, extra, weights)| {
                let ballots: Vec<_> = weights
                    .into_iter()
                    .map(|w| ballot(method, options, w).prop_map(move |b| (w, b)))
                    .collect();
                (
                    Just(method),
                    Just(options),
                    Just(quorum),
                    Just(extra),
                    ballots,
                )
            })
    }

    proptest! {
        #[test]
        fn every_method_matches_the_reference((method, options, quorum, extra, ballots) in election()) {
            let cast: i64 = ballots.iter().map(|(w, _)| w).sum();
            let eligible = cast + extra;
            let voters = ballots.len() as i64;
            for (weight, b) in &ballots {
                prop_assert!(b.clone().check(method, options, *weight).is_ok());
            }
            let tally = count(rules(method, quorum), options, voters + 3, eligible, &ballots);
            prop_assert_eq!(&tally.support, &reference_support(method, options, &ballots));
            prop_assert_eq!(tally.cast_weight, cast);
            prop_assert_eq!(tally.voters, voters);
            prop_assert_eq!(
                tally.abstentions,
                ballots.iter().filter(|(_, b)| b.abstain).count() as i64
            );
            // Quorum, the slow way: cast / eligible >= quorum / 100, with somebody voting.
            let reference_quorum = voters > 0
                && (eligible == 0 || (cast as f64) / (eligible as f64) >= (quorum as f64) / 100.0 - 1e-12);
            prop_assert_eq!(tally.quorum_met, reference_quorum);
            let expected = if !reference_quorum {
                Outcome::NoQuorum
            } else if tally.support[0] > tally.support[1] {
                Outcome::Passed
            } else {
                Outcome::Rejected
            };
            prop_assert_eq!(tally.yes_no(), expected);
        }

        #[test]
        fn quadratic_cost_is_the_sum_of_squares(votes in proptest::collection::vec(0i64..200, 1..8), credits in 0i64..100_000) {
            let ballot = Ballot::marking(votes.iter().copied().enumerate());
            let cost = reference_quadratic_cost(&votes);
            prop_assert_eq!(ballot.cost(), i128::from(cost));
            let checked = ballot.check(VotingMethod::Quadratic, votes.len(), credits);
            if votes.iter().all(|n| *n == 0) {
                prop_assert!(checked.is_err());
            } else {
                prop_assert_eq!(checked.is_ok(), cost <= credits);
            }
        }

        #[test]
        fn allocation_matches_the_reference(
            pool in 0i64..1000,
            options in proptest::collection::vec((1i64..400, 0i64..6), 1..12),
        ) {
            let costs: Vec<i64> = options.iter().map(|(c, _)| *c).collect();
            let support: Vec<i64> = options.iter().map(|(_, s)| *s).collect();
            let funded = allocate(pool, &costs, &support);
            prop_assert_eq!(&funded, &reference_allocate(pool, &costs, &support));
            prop_assert!(funded.iter().map(|i| costs[*i]).sum::<i64>() <= pool);
        }
    }
}
