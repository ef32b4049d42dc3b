//! Casting (or replacing) a ballot from the proposal page's form: one radio choice for a
//! weighted majority, checkboxes for approval, a number of votes per option for a quadratic
//! vote; each with an abstention.

use super::proposal_page::{render_proposal, Failure};
use crate::errors::Page;
use crate::pages::{form_status, poster};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::{web, HttpRequest};
use citysync_app::governance::{cycles, proposals, voting};
use citysync_app::AppError;
use citysync_domain::governance::{Ballot, VotingMethod};
use citysync_domain::DomainError;
use std::collections::BTreeMap;

/// Reads the ballot form. Marks the method cannot count are left for the rules to refuse.
fn ballot_of(
    method: VotingMethod,
    options: usize,
    fields: &[(String, String)],
) -> Result<Ballot, DomainError> {
    let value = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    };
    let abstain = !value("abstain").is_empty() || value("choice") == "abstain";
    let index = |text: &str| {
        text.parse::<usize>()
            .map_err(|_| DomainError::BallotOptionUnknown)
    };
    let marks: Vec<(usize, i64)> = match method {
        VotingMethod::WeightedMajority => match value("choice") {
            "" | "abstain" => Vec::new(),
            choice => vec![(index(choice)?, 1)],
        },
        VotingMethod::Approval => fields
            .iter()
            .filter(|(k, _)| k == "option")
            .map(|(_, v)| Ok((index(v.trim())?, 1)))
            .collect::<Result<_, DomainError>>()?,
        VotingMethod::Quadratic => {
            let mut marks = Vec::new();
            for i in 0..options {
                let typed = value(&format!("votes_{i}"));
                if typed.is_empty() {
                    continue;
                }
                let votes = typed
                    .parse::<i64>()
                    .map_err(|_| DomainError::BallotInvalid)?;
                marks.push((i, votes));
            }
            marks
        }
    };
    let ballot = Ballot::marking(marks);
    Ok(if abstain {
        Ballot {
            abstain: true,
            ..ballot
        }
    } else {
        ballot
    })
}

/// POST /proposals/{id}/ballot — an eligible voter, while the vote is open; replaces their
/// earlier ballot.
pub async fn ballot_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Page {
    let fields = form.into_inner();
    let token = fields
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let user = poster(&req, &viewer, &state, &token)?;
    let found = async {
        let proposal = proposals::get(&state.ctx, &path).await?;
        let cycle = cycles::get(&state.ctx, &proposal.cycle_id).await?;
        Ok::<_, AppError>((proposal, cycle))
    };
    let (proposal, cycle) = found.await?;
    let options = proposal.content.option_count();
    let result = match ballot_of(cycle.rules.method, options, &fields) {
        Ok(ballot) => voting::cast(&state.ctx, user, &proposal.id, ballot).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/proposals/{}#ballot",
            proposal.id
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let mut errors = FormErrors::from_error(&viewer, &state, &e);
                let from = citysync_edge::form_field(&e).unwrap_or("general");
                if let Some(text) = errors.0.remove(from) {
                    errors.0.insert("ballot", text);
                }
                let typed: BTreeMap<String, String> = fields
                    .into_iter()
                    .filter(|(k, _)| k.starts_with("votes_"))
                    .collect();
                let failed = Failure {
                    form: "ballot".into(),
                    typed,
                    errors,
                };
                Ok(render_proposal(&viewer, &state, &proposal.id, status, failed).await)
            }
            None => Err(e.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_method_reads_its_own_fields() {
        let yes = ballot_of(VotingMethod::WeightedMajority, 2, &form(&[("choice", "0")]));
        assert_eq!(yes, Ok(Ballot::marking([(0, 1)])));
        let abstain = ballot_of(
            VotingMethod::WeightedMajority,
            2,
            &form(&[("choice", "abstain")]),
        );
        assert_eq!(abstain, Ok(Ballot::abstention()));
        let approve = ballot_of(
            VotingMethod::Approval,
            3,
            &form(&[("option", "0"), ("option", "2")]),
        );
        assert_eq!(approve, Ok(Ballot::marking([(0, 1), (2, 1)])));
        let quadratic = ballot_of(
            VotingMethod::Quadratic,
            2,
            &form(&[("votes_0", "3"), ("votes_1", ""), ("votes_7", "9")]),
        );
        assert_eq!(quadratic, Ok(Ballot::marking([(0, 3)])));
        assert_eq!(
            ballot_of(VotingMethod::Quadratic, 2, &form(&[("votes_0", "many")])),
            Err(DomainError::BallotInvalid)
        );
    }
}
