//! Drafting and editing a proposal: one form per kind, without JavaScript — a fixed number of
//! rows for parameter changes and budget options (empty rows are ignored) — and withdrawing.

use crate::errors::Page;
use crate::pages::catalog::taxonomy_view;
use crate::pages::CsrfForm;
use crate::pages::{form_status, poster, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::governance::{cycles, proposals, Cycle, Proposal, ProposalInput};
use citysync_app::{catalog, organizations, AppError, User};
use citysync_domain::governance::{
    BudgetOption, Parameter, ParameterChange, Phase, ProposalContent, ProposalKind, ProposalState,
};
use citysync_domain::ledger::Currency;
use citysync_domain::organization::Role;
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Rows of parameter changes the form offers.
const CHANGE_ROWS: usize = 5;
/// Rows of budget options the form offers.
const OPTION_ROWS: usize = 8;
/// The parameter families, in the order the form lists them.
const FAMILIES: [&str; 11] = [
    "reward_multiplier",
    "issuer_budget",
    "epoch_length",
    "city_expiry_epochs",
    "vote_decay_percent",
    "min_vote_to_propose",
    "resident_cap_city",
    "resident_cap_vote",
    "level_to_earn",
    "level_to_vote",
    "reservation_minutes",
];

#[derive(Debug, Default, Clone, Serialize)]
struct ChangeRow {
    family: String,
    category: String,
    issuer: String,
    value: String,
}

#[derive(Debug, Default, Clone, Serialize)]
struct OptionRow {
    title: String,
    cost: String,
    organization: String,
}

/// The proposal form as typed (or as the proposal stands, when editing).
#[derive(Debug, Default, Serialize)]
pub(super) struct ProposalForm {
    kind: String,
    title: String,
    body: String,
    organization: String,
    changes: Vec<ChangeRow>,
    options: Vec<OptionRow>,
    model_url: String,
}

impl ProposalForm {
    fn blank(kind: ProposalKind) -> ProposalForm {
        ProposalForm {
            kind: kind.as_str().to_owned(),
            changes: vec![ChangeRow::default(); CHANGE_ROWS],
            options: vec![OptionRow::default(); OPTION_ROWS],
            ..ProposalForm::default()
        }
    }

    /// Reads the posted fields (`family_0`, `value_0`, `option_title_0`, …).
    fn typed(kind: ProposalKind, fields: &BTreeMap<String, String>) -> ProposalForm {
        let get = |key: &str| fields.get(key).cloned().unwrap_or_default();
        ProposalForm {
            kind: kind.as_str().to_owned(),
            title: get("title"),
            body: get("body"),
            organization: get("organization"),
            changes: (0..CHANGE_ROWS)
                .map(|i| ChangeRow {
                    family: get(&format!("family_{i}")),
                    category: get(&format!("category_{i}")),
                    issuer: get(&format!("issuer_{i}")),
                    value: get(&format!("value_{i}")),
                })
                .collect(),
            options: (0..OPTION_ROWS)
                .map(|i| OptionRow {
                    title: get(&format!("option_title_{i}")),
                    cost: get(&format!("option_cost_{i}")),
                    organization: get(&format!("option_org_{i}")),
                })
                .collect(),
            model_url: get("model_url"),
        }
    }

    /// The form of an existing proposal, amounts back in CITY as people type them.
    fn of(proposal: &Proposal) -> ProposalForm {
        let mut form = ProposalForm::blank(proposal.kind);
        form.title = proposal.title.clone();
        form.body = proposal.body.clone();
        form.organization = proposal
            .organization
            .as_ref()
            .map(|(handle, _)| handle.clone())
            .unwrap_or_default();
        match &proposal.content {
            ProposalContent::Policy => {}
            ProposalContent::ParameterChange { changes } => {
                for (row, change) in form.changes.iter_mut().zip(changes) {
                    *row = match Parameter::parse(&change.name) {
                        Ok(Parameter::RewardMultiplier(category)) => ChangeRow {
                            family: "reward_multiplier".into(),
                            category,
                            issuer: String::new(),
                            value: change.value.clone(),
                        },
                        Ok(Parameter::IssuerBudget(handle)) => ChangeRow {
                            family: "issuer_budget".into(),
                            category: String::new(),
                            issuer: handle,
                            value: change
                                .value
                                .parse::<i64>()
                                .map(|minor| Currency::City.format(minor))
                                .unwrap_or_else(|_| change.value.clone()),
                        },
                        Ok(Parameter::ResidentCapCity(category)) => ChangeRow {
                            family: "resident_cap_city".into(),
                            category: category.unwrap_or_default(),
                            issuer: String::new(),
                            value: change
                                .value
                                .parse::<i64>()
                                .map(|minor| Currency::City.format(minor))
                                .unwrap_or_else(|_| change.value.clone()),
                        },
                        Ok(other) => ChangeRow {
                            family: other.family().to_owned(),
                            value: change.value.clone(),
                            ..ChangeRow::default()
                        },
                        Err(_) => ChangeRow::default(),
                    };
                }
            }
            ProposalContent::Budget { options } => {
                for (row, option) in form.options.iter_mut().zip(options) {
                    *row = OptionRow {
                        title: option.title.clone(),
                        cost: Currency::City.format(option.cost),
                        organization: option.organization.clone(),
                    };
                }
            }
            ProposalContent::AdoptModel { model_url } => form.model_url = model_url.clone(),
        }
        form
    }

    /// The kind's content: changes normalized (so budgets are stored in CITY hundredths),
    /// amounts parsed, empty rows left out.
    fn content(&self, kind: ProposalKind) -> Result<ProposalContent, AppError> {
        Ok(match kind {
            ProposalKind::Policy => ProposalContent::Policy,
            ProposalKind::ParameterChange => {
                let mut changes = Vec::new();
                for row in &self.changes {
                    let (family, value) = (row.family.trim(), row.value.trim());
                    if family.is_empty() && value.is_empty() {
                        continue;
                    }
                    let name = match family {
                        "reward_multiplier" => format!("reward_multiplier.{}", row.category.trim()),
                        "resident_cap_city" if !row.category.trim().is_empty() => {
                            format!("resident_cap_city.{}", row.category.trim())
                        }
                        "issuer_budget" => {
                            format!(
                                "issuer_budget.{}",
                                row.issuer.trim().trim_start_matches('@')
                            )
                        }
                        other => other.to_owned(),
                    };
                    changes.push(ParameterChange::new(&name, value)?);
                }
                ProposalContent::ParameterChange { changes }
            }
            ProposalKind::Budget => {
                let mut options = Vec::new();
                for row in &self.options {
                    let (title, cost, org) =
                        (row.title.trim(), row.cost.trim(), row.organization.trim());
                    if title.is_empty() && cost.is_empty() && org.is_empty() {
                        continue;
                    }
                    options.push(BudgetOption {
                        title: title.to_owned(),
                        cost: Currency::City
                            .parse_amount(cost)
                            .map_err(|_| DomainError::OptionCostInvalid)?
                            .minor(),
                        organization: org.trim_start_matches('@').to_owned(),
                    });
                }
                ProposalContent::Budget { options }
            }
            ProposalKind::AdoptModel => ProposalContent::AdoptModel {
                model_url: self.model_url.trim().to_owned(),
            },
        })
    }

    fn input(&self, kind: ProposalKind) -> Result<ProposalInput, AppError> {
        Ok(ProposalInput {
            title: self.title.clone(),
            body: self.body.clone(),
            content: self.content(kind)?,
            organization: Some(self.organization.trim().to_owned()).filter(|o| !o.is_empty()),
        })
    }
}

/// Moves an error shown under `general` (or its own field) to the form's part it is about.
fn proposal_errors(viewer: &Viewer, state: &WebState, err: &AppError) -> FormErrors {
    let mut errors = FormErrors::from_error(viewer, state, err);
    let part = match err {
        // Parameter, pool and cost errors are placed by `AppError::field`; these are the
        // ones whose field only this form knows.
        AppError::Domain(DomainError::CategoryUnknown) | AppError::NotAnIssuer => Some("changes"),
        AppError::Domain(
            DomainError::Required("option" | "organization") | DomainError::TooLong("option"),
        )
        | AppError::OrganizationNotApproved => Some("options"),
        AppError::Domain(DomainError::WebAddressInvalid) => Some("model_url"),
        _ => None,
    };
    if let Some(part) = part {
        let from = citysync_edge::form_field(err).unwrap_or("general");
        if let Some(text) = errors.0.remove(from) {
            errors.0.insert(part, text);
        }
    }
    errors
}

#[derive(Serialize)]
struct Choice {
    id: String,
    name: String,
}

/// What the form lists: the organizations the author owns, the categories, the issuers.
async fn choices(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
) -> Result<minijinja::Value, AppError> {
    let ctx = &state.ctx;
    let owned: Vec<Choice> = organizations::of_user(ctx, user)
        .await?
        .into_iter()
        .filter(|(org, role)| *role == Role::Owner && org.is_approved())
        .map(|(org, _)| Choice {
            id: org.handle,
            name: org.name,
        })
        .collect();
    let issuers: Vec<Choice> = organizations::approved(ctx, 500, 0)
        .await?
        .into_iter()
        .filter(|org| org.is_issuer)
        .map(|org| Choice {
            id: org.handle,
            name: org.name,
        })
        .collect();
    let taxonomy = catalog::taxonomy(ctx).await?;
    Ok(minijinja::context! {
        owned => minijinja::value::Serde(owned),
        issuers => minijinja::value::Serde(issuers),
        categories => minijinja::value::Serde(taxonomy_view(viewer, state, &taxonomy)),
        families => FAMILIES,
    })
}

/// Where the form posts and what it is about: a new proposal in a cycle, or an edit.
struct Target<'a> {
    cycle: &'a Cycle,
    editing: Option<&'a str>,
}

async fn form_page(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    target: Target<'_>,
    status: StatusCode,
    form: &ProposalForm,
    errors: FormErrors,
) -> HttpResponse {
    let lists = match choices(viewer, state, user).await {
        Ok(lists) => lists,
        Err(e) => return viewer.error_page(state, &e),
    };
    let min_vote_to_propose = super::parameters::min_vote_to_propose(state).await;
    viewer.render(
        state,
        status,
        "proposal_form.html",
        minijinja::context! {
            cycle => minijinja::value::Serde(target.cycle),
            pool_text => Currency::City.format(target.cycle.pool),
            editing => target.editing,
            min_vote_to_propose => min_vote_to_propose,
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
            lists => lists,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    kind: String,
}

fn kind_of(query: &KindQuery) -> Result<ProposalKind, AppError> {
    let kind = query.kind.trim();
    if kind.is_empty() {
        return Ok(ProposalKind::Policy);
    }
    ProposalKind::parse(kind).map_err(|_| AppError::NotFound)
}

/// A cycle that takes proposals now.
async fn open_cycle(state: &WebState, id: &str) -> Result<Cycle, AppError> {
    let cycle = cycles::get(&state.ctx, id).await?;
    if cycle.phase == Phase::Proposals {
        Ok(cycle)
    } else {
        Err(AppError::PhaseClosed)
    }
}

/// GET /governance/{id}/proposals/new?kind=policy|parameter_change|budget|adopt_model —
/// signed in, in the proposal phase.
pub async fn proposal_new_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<KindQuery>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    let found = async { Ok::<_, AppError>((kind_of(&query)?, open_cycle(&state, &path).await?)) };
    match found.await {
        Ok((kind, cycle)) => {
            let target = Target {
                cycle: &cycle,
                editing: None,
            };
            let form = ProposalForm::blank(kind);
            Ok(form_page(
                &viewer,
                &state,
                user,
                target,
                StatusCode::OK,
                &form,
                FormErrors::default(),
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

fn fields_of(form: Vec<(String, String)>) -> BTreeMap<String, String> {
    form.into_iter().collect()
}

/// POST /governance/{id}/proposals/new?kind=… — a resident with enough VOTE, or an
/// organization's owner on its behalf; the proposal is public at once.
pub async fn proposal_new_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    query: web::Query<KindQuery>,
    form: web::Form<Vec<(String, String)>>,
) -> Page {
    let fields = fields_of(form.into_inner());
    let token = fields.get("csrf_token").cloned().unwrap_or_default();
    let user = poster(&req, &viewer, &state, &token)?;
    let found =
        async { Ok::<_, AppError>((kind_of(&query)?, cycles::get(&state.ctx, &path).await?)) };
    let (kind, cycle) = found.await?;
    let typed = ProposalForm::typed(kind, &fields);
    let result = match typed.input(kind) {
        Ok(input) => proposals::draft(&state.ctx, user, &path, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(proposal) => {
            // Written in the author's page language (issue 27).
            crate::pages::translations::record_written(
                &viewer,
                &state,
                citysync_app::translations::SubjectKind::Proposal,
                &proposal.id,
            )
            .await;
            Ok(Viewer::see_other(&format!("/proposals/{}", proposal.id)))
        }
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = proposal_errors(&viewer, &state, &e);
                let target = Target {
                    cycle: &cycle,
                    editing: None,
                };
                Ok(form_page(&viewer, &state, user, target, status, &typed, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

/// The proposal and its cycle, for its author while it can still be edited.
async fn editable(state: &WebState, id: &str, user: &User) -> Result<(Proposal, Cycle), AppError> {
    let proposal = proposals::get(&state.ctx, id).await?;
    if proposal.author_id != user.id.to_string() {
        return Err(AppError::Forbidden);
    }
    let cycle = cycles::get(&state.ctx, &proposal.cycle_id).await?;
    if cycle.phase != Phase::Proposals || proposal.state != ProposalState::Open {
        return Err(AppError::PhaseClosed);
    }
    Ok((proposal, cycle))
}

/// GET /proposals/{id}/edit — its author, until the proposal phase ends.
pub async fn proposal_edit_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match editable(&state, &path, user).await {
        Ok((proposal, cycle)) => {
            let form = ProposalForm::of(&proposal);
            let target = Target {
                cycle: &cycle,
                editing: Some(&proposal.id),
            };
            Ok(form_page(
                &viewer,
                &state,
                user,
                target,
                StatusCode::OK,
                &form,
                FormErrors::default(),
            )
            .await)
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /proposals/{id}/edit — its author, until the proposal phase ends; the kind and the
/// organization spoken for stay as drafted.
pub async fn proposal_edit_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Page {
    let fields = fields_of(form.into_inner());
    let token = fields.get("csrf_token").cloned().unwrap_or_default();
    let user = poster(&req, &viewer, &state, &token)?;
    let found = async {
        let proposal = proposals::get(&state.ctx, &path).await?;
        let cycle = cycles::get(&state.ctx, &proposal.cycle_id).await?;
        Ok::<_, AppError>((proposal, cycle))
    };
    let (proposal, cycle) = found.await?;
    let mut typed = ProposalForm::typed(proposal.kind, &fields);
    typed.organization = ProposalForm::of(&proposal).organization;
    let result = match typed.input(proposal.kind) {
        Ok(input) => proposals::edit(&state.ctx, user, &proposal.id, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Viewer::see_other(&format!("/proposals/{}", proposal.id))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = proposal_errors(&viewer, &state, &e);
                let target = Target {
                    cycle: &cycle,
                    editing: Some(&proposal.id),
                };
                Ok(form_page(&viewer, &state, user, target, status, &typed, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /proposals/{id}/withdraw — its author, in the proposal phase; it stays public.
pub async fn proposal_withdraw(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?;
    proposals::withdraw(&state.ctx, user, &path).await?;
    Ok(Viewer::see_other(&format!("/proposals/{}", path.as_str())))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)]
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn parameter_rows_are_named_normalized_and_empty_ones_ignored() {
        let typed = ProposalForm::typed(
            ProposalKind::ParameterChange,
            &fields(&[
                ("family_0", "reward_multiplier"),
                ("category_0", "environment"),
                ("value_0", " 200 "),
                ("family_2", "issuer_budget"),
                ("issuer_2", "@creek-friends"),
                ("value_2", "250.5"),
            ]),
        );
        let content = typed.content(ProposalKind::ParameterChange);
        let Ok(ProposalContent::ParameterChange { changes }) = content else {
            panic!("not a parameter change: {content:?}");
        };
        let names: Vec<(&str, &str)> = changes
            .iter()
            .map(|c| (c.name.as_str(), c.value.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("reward_multiplier.environment", "200"),
                ("issuer_budget.creek-friends", "25050")
            ]
        );
    }

    #[test]
    fn budget_amounts_are_read_in_city() {
        let typed = ProposalForm::typed(
            ProposalKind::Budget,
            &fields(&[
                // A pool typed by the proposer is no field of the form: the city sets it.
                ("pool", "100"),
                ("option_title_0", "Benches"),
                ("option_cost_0", "60.50"),
                ("option_org_0", "parks"),
                ("option_title_3", "Trees"),
                ("option_cost_3", "cheap"),
                ("option_org_3", "parks"),
            ]),
        );
        assert!(matches!(
            typed.content(ProposalKind::Budget),
            Err(AppError::Domain(DomainError::OptionCostInvalid))
        ));
        let mut fixed = typed;
        if let Some(row) = fixed.options.get_mut(3) {
            row.cost = "20".into();
        }
        let Ok(ProposalContent::Budget { options }) = fixed.content(ProposalKind::Budget) else {
            panic!("not a budget");
        };
        assert_eq!(
            options.iter().map(|o| o.cost).collect::<Vec<_>>(),
            [6_050, 2_000]
        );
    }
}
