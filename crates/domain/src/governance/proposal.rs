//! What a proposal carries besides its title and text: the parameter changes, the budget
//! options or the model to adopt. Yes/no proposals have two options, `yes` (0) and `no` (1).

use super::{ParameterChange, ProposalKind, VotingMethod};
use crate::ledger::Currency;
use crate::DomainError;
use serde::{Deserialize, Serialize};

/// The most parameter changes one proposal may bundle.
pub const CHANGES_MAX: usize = 10;
/// The most options of a budget proposal.
pub const OPTIONS_MAX: usize = 20;
/// The largest budget pool, in CITY hundredths (10 million CITY).
pub const POOL_MAX: i64 = 1_000_000_000;

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
    Budget {
        pool: i64,
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
            ProposalContent::Budget { pool, options } => {
                if method == VotingMethod::WeightedMajority {
                    return Err(DomainError::BudgetNeedsOptionVoting);
                }
                if !(1..=POOL_MAX).contains(pool) {
                    return Err(DomainError::PoolInvalid);
                }
                if options.len() < 2 {
                    return Err(DomainError::Required("options"));
                }
                if options.len() > OPTIONS_MAX {
                    return Err(DomainError::TooLong("options"));
                }
                for option in options {
                    crate::text::required("option", &option.title, 200)?;
                    if option.cost < 1 || option.cost > *pool {
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

    /// A budget's pool as text, for pages.
    pub fn pool_text(&self) -> Option<String> {
        match self {
            ProposalContent::Budget { pool, .. } => Some(Currency::City.format(*pool)),
            _ => None,
        }
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
        let budget = |options| ProposalContent::Budget {
            pool: 1000,
            options,
        };
        assert!(budget(vec![option(500), option(1000)])
            .check(VotingMethod::Approval)
            .is_ok());
        assert_eq!(
            budget(vec![option(500), option(1001)]).check(VotingMethod::Approval),
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
