//! What a proposal carries besides its title and text: the parameter changes, the budget
//! options or the model to adopt. Yes/no proposals have two options, `yes` (0) and `no` (1).

use super::{ParameterChange, ProposalKind, VotingMethod};
use crate::DomainError;
use serde::{Deserialize, Serialize};

/// The most parameter changes one proposal may bundle.
pub const CHANGES_MAX: usize = 10;
/// The most options of a budget proposal.
pub const OPTIONS_MAX: usize = 20;
/// The largest budget pool, in CITY hundredths (10 million CITY).
pub const POOL_MAX: i64 = 1_000_000_000;

/// Checks a cycle's budget pool as the administrator sets it: 0 (the cycle shares out no
/// budget) up to [`POOL_MAX`]. The pool is the city's, per cycle: a proposal never sets it.
pub fn budget_pool(pool: i64) -> Result<i64, DomainError> {
    if (0..=POOL_MAX).contains(&pool) {
        Ok(pool)
    } else {
        Err(DomainError::PoolInvalid)
    }
}

/// One thing a budget proposal may fund: its cost, and the organization (by handle) that
/// receives the CITY if it is funded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetOption {
    pub title: String,
    pub cost: i64,
    pub organization: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalContent {
    Policy,
    ParameterChange {
        changes: Vec<ParameterChange>,
    },
    /// Shares out the cycle's pool (set by the city, see [`budget_pool`]) among options.
    /// Proposals stored before the pool moved to the cycle still carry a `pool` field; it is
    /// ignored when read.
    Budget {
        options: Vec<BudgetOption>,
    },
    AdoptModel {
        model_url: String,
    },
}

impl ProposalContent {
    pub fn kind(&self) -> ProposalKind {
        match self {
            ProposalContent::Policy => ProposalKind::Policy,
            ProposalContent::ParameterChange { .. } => ProposalKind::ParameterChange,
            ProposalContent::Budget { .. } => ProposalKind::Budget,
            ProposalContent::AdoptModel { .. } => ProposalKind::AdoptModel,
        }
    }

    /// How many options a ballot chooses among.
    pub fn option_count(&self) -> usize {
        match self {
            ProposalContent::Budget { options, .. } => options.len(),
            _ => 2,
        }
    }

    /// Checks the content's own rules and that `method` can decide it: a budget is shared
    /// out by support per option, which a yes/no majority cannot give.
    /// Parameter changes come back normalized (canonical names, values in their stored unit).
    pub fn check(self, method: VotingMethod) -> Result<ProposalContent, DomainError> {
        match &self {
            ProposalContent::Policy => {}
            ProposalContent::ParameterChange { changes } => {
                if changes.is_empty() {
                    return Err(DomainError::Required("changes"));
                }
                if changes.len() > CHANGES_MAX {
                    return Err(DomainError::TooLong("changes"));
                }
                let changes = changes
                    .iter()
                    .map(|c| ParameterChange::stored(&c.name, &c.value))
                    .collect::<Result<Vec<_>, _>>()?;
                let names: std::collections::BTreeSet<&str> =
                    changes.iter().map(|c| c.name.as_str()).collect();
                if names.len() != changes.len() {
                    return Err(DomainError::ParameterRepeated);
                }
                return Ok(ProposalContent::ParameterChange { changes });
            }
            ProposalContent::Budget { options } => {
                if method == VotingMethod::WeightedMajority {
                    return Err(DomainError::BudgetNeedsOptionVoting);
                }
                if options.len() < 2 {
                    return Err(DomainError::Required("options"));
                }
                if options.len() > OPTIONS_MAX {
                    return Err(DomainError::TooLong("options"));
                }
                for option in options {
                    crate::text::required("option", &option.title, 200)?;
                    if option.cost < 1 || option.cost > POOL_MAX {
                        return Err(DomainError::OptionCostInvalid);
                    }
                    if option.organization.is_empty() {
                        return Err(DomainError::Required("organization"));
                    }
                }
            }
            ProposalContent::AdoptModel { model_url } => {
                crate::text::web_address(model_url)?;
            }
        }
        Ok(self)
    }

    /// Whether a budget fits the cycle's `pool`: the city must have set one, and no option
    /// may cost more than all of it. Other kinds always fit.
    pub fn fits_pool(&self, pool: i64) -> Result<(), DomainError> {
        let ProposalContent::Budget { options } = self else {
            return Ok(());
        };
        if pool < 1 {
            return Err(DomainError::PoolNotSet);
        }
        if options.iter().any(|o| o.cost > pool) {
            return Err(DomainError::OptionCostInvalid);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn option(cost: i64) -> BudgetOption {
        BudgetOption {
            title: "Benches".into(),
            cost,
            organization: "parks".into(),
        }
    }

    #[test]
    fn budgets_need_two_affordable_options_and_option_voting() {
        let budget = |options| ProposalContent::Budget { options };
        assert!(budget(vec![option(500), option(1000)])
            .check(VotingMethod::Approval)
            .is_ok());
        assert_eq!(
            budget(vec![option(500), option(1000)]).fits_pool(1000),
            Ok(())
        );
        assert_eq!(
            budget(vec![option(500), option(1001)]).fits_pool(1000),
            Err(DomainError::OptionCostInvalid)
        );
        assert_eq!(
            budget(vec![option(500), option(1001)]).fits_pool(0),
            Err(DomainError::PoolNotSet)
        );
        assert_eq!(
            budget(vec![option(500), option(0)]).check(VotingMethod::Approval),
            Err(DomainError::OptionCostInvalid)
        );
        assert_eq!(
            budget(vec![option(500)]).check(VotingMethod::Quadratic),
            Err(DomainError::Required("options"))
        );
        assert_eq!(
            budget(vec![option(500), option(1)]).check(VotingMethod::WeightedMajority),
            Err(DomainError::BudgetNeedsOptionVoting)
        );
    }

    #[test]
    fn the_pool_is_the_citys_and_old_proposals_still_read() {
        assert_eq!(budget_pool(0), Ok(0));
        assert_eq!(budget_pool(POOL_MAX), Ok(POOL_MAX));
        assert_eq!(budget_pool(-1), Err(DomainError::PoolInvalid));
        assert_eq!(budget_pool(POOL_MAX + 1), Err(DomainError::PoolInvalid));
        // Stored before the pool moved to the cycle: the proposer's pool is dropped.
        let old = r#"{"kind":"budget","pool":5000,"options":[{"title":"Benches","cost":500,"organization":"parks"}]}"#;
        assert_eq!(
            serde_json::from_str::<ProposalContent>(old).unwrap(),
            ProposalContent::Budget {
                options: vec![option(500)]
            }
        );
    }

    #[test]
    fn a_parameter_appears_once_per_proposal() {
        let change = ParameterChange::new("vote_decay_percent", "5").unwrap();
        let content = ProposalContent::ParameterChange {
            changes: vec![change.clone(), change],
        };
        assert_eq!(
            content.check(VotingMethod::Quadratic),
            Err(DomainError::ParameterRepeated)
        );
    }

    #[test]
    fn changes_come_back_normalized() {
        let content = ProposalContent::ParameterChange {
            changes: vec![
                ParameterChange {
                    name: " issuer_budget.parks ".into(),
                    value: "25050".into(),
                },
                ParameterChange {
                    name: "epoch_length".into(),
                    value: "2 week".into(),
                },
            ],
        };
        assert_eq!(
            content.check(VotingMethod::Approval).unwrap(),
            ProposalContent::ParameterChange {
                changes: vec![
                    ParameterChange::new("issuer_budget.parks", "250.50").unwrap(),
                    ParameterChange::new("epoch_length", "2 weeks").unwrap(),
                ]
            }
        );
        // A stored budget is in hundredths: "250.5" is not a stored value.
        let unstored = ProposalContent::ParameterChange {
            changes: vec![ParameterChange {
                name: "issuer_budget.parks".into(),
                value: "250.5".into(),
            }],
        };
        assert!(matches!(
            unstored.check(VotingMethod::Approval),
            Err(DomainError::ParameterOutOfRange(_))
        ));
        let repeated = ProposalContent::ParameterChange {
            changes: vec![
                ParameterChange {
                    name: " epoch_length".into(),
                    value: "1 month".into(),
                },
                ParameterChange::new("epoch_length", "2 weeks").unwrap(),
            ],
        };
        assert_eq!(
            repeated.check(VotingMethod::Approval),
            Err(DomainError::ParameterRepeated)
        );
    }

    #[test]
    fn contents_round_trip_as_json() {
        let content = ProposalContent::ParameterChange {
            changes: vec![ParameterChange::new("reward_multiplier.environment", "200").unwrap()],
        };
        let text = serde_json::to_string(&content).unwrap();
        assert_eq!(
            serde_json::from_str::<ProposalContent>(&text).unwrap(),
            content
        );
    }
}
