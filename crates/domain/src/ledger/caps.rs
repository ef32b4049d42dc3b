//! Per-resident caps: how much CITY and VOTE one resident may earn in an epoch, set by the
//! city's parameters (`resident_cap_city`, `resident_cap_vote`, `resident_cap_city.<category>`).
//! An approval that would pass a cap mints up to it, possibly nothing.

use serde::{Deserialize, Serialize};

/// One limit on an approval: what the resident already earned this epoch under it, and the
/// cap (in the currency's minor units; 0 means no cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub earned: i64,
    pub cap: i64,
}

impl Limit {
    /// What is still open under this limit; `None` when there is no cap.
    pub fn room(self) -> Option<i64> {
        (self.cap > 0).then(|| (self.cap - self.earned.max(0)).max(0))
    }
}

/// What an approval mints in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capped {
    /// The reward the work earned (multipliers applied).
    pub reward: i64,
    /// What is minted: the reward, or less when a cap holds it back.
    pub minted: i64,
}

impl Capped {
    /// Whether a cap held some of the reward back.
    pub fn was_capped(self) -> bool {
        self.minted < self.reward
    }
}

/// Mints `reward` under every limit in `limits` (the epoch cap, and the category's if any):
/// at most what the tightest leaves open, never negative, the whole reward when all have room.
pub fn apply(reward: i64, limits: &[Limit]) -> Capped {
    let reward = reward.max(0);
    let minted = limits
        .iter()
        .filter_map(|l| l.room())
        .fold(reward, i64::min);
    Capped { reward, minted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn under_the_cap_mints_the_reward() {
        let c = apply(
            500,
            &[Limit {
                earned: 1000,
                cap: 2000,
            }],
        );
        assert_eq!(c.minted, 500);
        assert!(!c.was_capped());
    }

    #[test]
    fn over_the_cap_mints_up_to_it() {
        let c = apply(
            500,
            &[Limit {
                earned: 1800,
                cap: 2000,
            }],
        );
        assert_eq!(c.minted, 200);
        assert!(c.was_capped());
        let full = apply(
            500,
            &[Limit {
                earned: 2500,
                cap: 2000,
            }],
        );
        assert_eq!(full.minted, 0);
        assert!(full.was_capped());
    }

    #[test]
    fn zero_means_no_cap_and_the_tightest_limit_wins() {
        assert_eq!(
            apply(
                500,
                &[Limit {
                    earned: 9999,
                    cap: 0
                }]
            )
            .minted,
            500
        );
        let both = [
            Limit {
                earned: 0,
                cap: 2000,
            },
            Limit {
                earned: 900,
                cap: 1000,
            },
        ];
        assert_eq!(apply(500, &both).minted, 100);
        assert_eq!(
            apply(0, &both),
            Capped {
                reward: 0,
                minted: 0
            }
        );
        assert!(!apply(0, &both).was_capped());
    }

    proptest! {
        #[test]
        fn minted_is_bounded(
            reward in 0i64..1_000_000,
            earned in 0i64..1_000_000,
            cap in 0i64..1_000_000,
            category_earned in 0i64..1_000_000,
            category_cap in 0i64..1_000_000,
        ) {
            let limits = [
                Limit { earned, cap },
                Limit { earned: category_earned, cap: category_cap },
            ];
            let c = apply(reward, &limits);
            prop_assert!(c.minted >= 0);
            prop_assert!(c.minted <= reward);
            for l in limits {
                if l.cap > 0 {
                    // Never past a cap (what was earned before may already be past it).
                    prop_assert!(c.minted == 0 || l.earned + c.minted <= l.cap);
                    prop_assert!(l.earned + c.minted <= l.cap.max(l.earned));
                }
            }
            let room = limits.iter().all(|l| l.cap == 0 || l.earned + reward <= l.cap);
            if room {
                prop_assert_eq!(c.minted, reward);
                prop_assert!(!c.was_capped());
            } else {
                prop_assert!(c.was_capped());
            }
        }
    }
}

#[cfg(test)]
mod parameter_tests {
    #![allow(clippy::unwrap_used)]
    use crate::governance::{Parameter, ParameterChange};

    #[test]
    fn cap_parameters_parse_and_are_range_checked() {
        for name in [
            "resident_cap_city",
            "resident_cap_vote",
            "resident_cap_city.environment",
        ] {
            assert_eq!(Parameter::parse(name).unwrap().to_string(), name);
        }
        assert!(Parameter::parse("resident_cap_vote.environment").is_err());
        assert!(Parameter::parse("resident_cap_city.Env").is_err());
        let city = ParameterChange::new("resident_cap_city", "25.5").unwrap();
        assert_eq!(city.value, "2550");
        assert_eq!(
            ParameterChange::stored("resident_cap_city", "2550")
                .unwrap()
                .value,
            "2550"
        );
        assert_eq!(
            ParameterChange::new("resident_cap_city", "0")
                .unwrap()
                .value,
            "0"
        );
        assert!(ParameterChange::new("resident_cap_city", "1000000.01").is_err());
        assert!(ParameterChange::new("resident_cap_city", "-1").is_err());
        assert!(ParameterChange::new("resident_cap_city.parks", "abc").is_err());
        assert_eq!(
            ParameterChange::new("resident_cap_vote", "40")
                .unwrap()
                .value,
            "40"
        );
        assert!(ParameterChange::new("resident_cap_vote", "2.5").is_err());
        assert!(ParameterChange::new("resident_cap_vote", "1000001").is_err());
    }
}
