//! The "funded by decisions" part of an organization's public page and console: the CITY
//! participatory-budget decisions paid it, each linked to its decision, and what is left
//! of it to issue as rewards (issue 25).

use crate::viewer::Viewer;
use crate::WebState;
use citysync_app::ledger::funded::{self, FundedCity};
use citysync_app::AppError;
use citysync_domain::ledger::Currency;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct GrantView {
    proposal_id: String,
    proposal_title: String,
    amount_text: String,
    at_text: String,
    at_iso: String,
}

/// The section's view model.
#[derive(Debug, Serialize)]
pub(crate) struct FundedView {
    account: String,
    balance_text: String,
    issued_text: String,
    grants: Vec<GrantView>,
}

/// The organization's funded CITY as its pages show it; `None` when no decision funded it.
pub(crate) async fn view(
    viewer: &Viewer,
    state: &WebState,
    organization_id: &str,
) -> Result<Option<FundedView>, AppError> {
    let FundedCity {
        account,
        balance,
        issued,
        grants,
    } = funded::of_organization(&state.ctx, organization_id).await?;
    if grants.is_empty() && balance == 0 {
        return Ok(None);
    }
    Ok(Some(FundedView {
        account,
        balance_text: Currency::City.format(balance),
        issued_text: Currency::City.format(issued),
        grants: grants
            .into_iter()
            .map(|g| GrantView {
                at_text: viewer.moment(state, g.at, citysync_i18n::Moment::DateTime),
                at_iso: g.at.and_utc().to_rfc3339(),
                proposal_id: g.proposal_id,
                proposal_title: g.proposal_title,
                amount_text: Currency::City.format(g.amount),
            })
            .collect(),
    }))
}
