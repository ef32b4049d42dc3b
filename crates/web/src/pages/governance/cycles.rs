//! Decision cycles: the public list, the administrator's form to open one, the cycle's page
//! with its timeline, rules and proposals, and the administrator's edit form and "start the
//! next phase now" button.

use super::{iso, message, parameters, shown};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::pages::{form_status, TokenForm};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDateTime, Timelike};
use citysync_app::governance::{cycles, proposals, Cycle, CycleInput};
use citysync_app::{AppError, User};
use citysync_domain::governance::{Phase, ProposalKind, Rules, Schedule, VotingMethod};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many cycles the list shows, the latest first.
const CYCLES_LISTED: i64 = 100;

/// The phases a cycle goes through, in order (before the first it is "upcoming").
const STEPS: [Phase; 4] = [
    Phase::Proposals,
    Phase::Deliberation,
    Phase::Voting,
    Phase::Results,
];

fn phase_index(phase: Phase) -> usize {
    Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0)
}

/// One line of the cycle list.
#[derive(Serialize)]
struct CycleLine<'a> {
    #[serde(flatten)]
    cycle: &'a Cycle,
    phase_ends_text: Option<String>,
}

/// GET /governance — public: every cycle, its phase and dates.
pub async fn cycle_list(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let list = cycles::list(&state.ctx, CYCLES_LISTED).await?;
    let lines: Vec<CycleLine> = list
        .iter()
        .map(|c| CycleLine {
            cycle: c,
            phase_ends_text: c.phase_ends_at().map(|at| shown(&viewer, &state, at)),
        })
        .collect();
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "governance.html",
        minijinja::context! {
            cycles => minijinja::value::Serde(&lines),
            is_admin => viewer.user.as_ref().is_some_and(|u| u.is_admin),
        },
    ))
}

/// What the administrator types for a cycle; dates are `datetime-local` values in UTC.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CycleForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    proposals_at: String,
    #[serde(default)]
    deliberation_at: String,
    #[serde(default)]
    voting_at: String,
    #[serde(default)]
    results_at: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    quorum_percent: String,
    #[serde(default)]
    min_vote: String,
    /// The participatory-budget pool in CITY; empty for none.
    #[serde(default)]
    pool: String,
}

impl CycleForm {
    /// A new cycle's form: the proposal phase opening on the hour, a week per phase.
    fn fresh(viewer: &Viewer, now: NaiveDateTime) -> CycleForm {
        let start = now
            .with_minute(0)
            .and_then(|t| t.with_second(0))
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(now)
            + chrono::Duration::hours(1);
        let week = chrono::Duration::days(7);
        CycleForm {
            proposals_at: viewer.input_value(start),
            deliberation_at: viewer.input_value(start + week),
            voting_at: viewer.input_value(start + week * 2),
            results_at: viewer.input_value(start + week * 3),
            method: VotingMethod::WeightedMajority.as_str().to_owned(),
            quorum_percent: "20".to_owned(),
            min_vote: "1".to_owned(),
            ..CycleForm::default()
        }
    }

    fn of(viewer: &Viewer, cycle: &Cycle) -> CycleForm {
        CycleForm {
            csrf_token: String::new(),
            title: cycle.title.clone(),
            description: cycle.description.clone(),
            proposals_at: viewer.input_value(cycle.schedule.proposals_at),
            deliberation_at: viewer.input_value(cycle.schedule.deliberation_at),
            voting_at: viewer.input_value(cycle.schedule.voting_at),
            results_at: viewer.input_value(cycle.schedule.results_at),
            method: cycle.rules.method.as_str().to_owned(),
            quorum_percent: cycle.rules.quorum_percent.to_string(),
            min_vote: cycle.rules.min_vote.to_string(),
            pool: pool_typed(cycle.pool),
        }
    }

    /// The use case's input, or what is wrong with each field. A date left as the form
    /// showed it keeps its exact stored value (the form shows it to the second at most).
    fn to_input(
        &self,
        viewer: &Viewer,
        state: &WebState,
        current: Option<&Cycle>,
    ) -> Result<CycleInput, FormErrors> {
        let mut errors = BTreeMap::new();
        let mut date =
            |field: &'static str, typed: &str, stored: Option<NaiveDateTime>| match viewer
                .instant_typed(typed)
            {
                Ok(at) => Some(match stored {
                    Some(s) if same_shown(at, s) => s,
                    _ => at,
                }),
                Err(_) => {
                    errors.insert(field, viewer.t(state, "gov-error-date"));
                    None
                }
            };
        let schedule = current.map(|c| c.schedule);
        let proposals_at = date(
            "proposals_at",
            &self.proposals_at,
            schedule.map(|s| s.proposals_at),
        );
        let deliberation_at = date(
            "deliberation_at",
            &self.deliberation_at,
            schedule.map(|s| s.deliberation_at),
        );
        let voting_at = date("voting_at", &self.voting_at, schedule.map(|s| s.voting_at));
        let results_at = date(
            "results_at",
            &self.results_at,
            schedule.map(|s| s.results_at),
        );
        let method = VotingMethod::parse(self.method.trim()).ok();
        if method.is_none() {
            errors.insert("method", viewer.t(state, "gov-error-method"));
        }
        let quorum_percent = self.quorum_percent.trim().parse::<i64>().ok();
        if quorum_percent.is_none() {
            let e = AppError::from(DomainError::QuorumInvalid);
            errors.insert("quorum_percent", viewer.message_for(state, &e));
        }
        let min_vote = self.min_vote.trim().parse::<i64>().ok();
        if min_vote.is_none() {
            let e = AppError::from(DomainError::MinVoteInvalid);
            errors.insert("min_vote", viewer.message_for(state, &e));
        }
        let pool = match self.pool.trim() {
            "" | "0" => Some(0),
            typed => citysync_domain::ledger::Currency::City
                .parse_amount(typed)
                .ok()
                .map(|a| a.minor()),
        };
        if pool.is_none() {
            let e = AppError::from(DomainError::PoolInvalid);
            errors.insert("pool", viewer.message_for(state, &e));
        }
        match (
            proposals_at,
            deliberation_at,
            voting_at,
            results_at,
            method,
            quorum_percent,
            min_vote,
            pool,
        ) {
            (
                Some(p),
                Some(d),
                Some(v),
                Some(r),
                Some(method),
                Some(quorum),
                Some(min),
                Some(pool),
            ) if errors.is_empty() => Ok(CycleInput {
                title: self.title.clone(),
                description: self.description.clone(),
                schedule: Schedule {
                    proposals_at: p,
                    deliberation_at: d,
                    voting_at: v,
                    results_at: r,
                },
                rules: Rules {
                    method,
                    quorum_percent: quorum,
                    min_vote: min,
                },
                pool,
            }),
            _ => Err(FormErrors(errors)),
        }
    }
}

/// A pool as the form shows it: CITY, or empty when the cycle has none.
fn pool_typed(pool: i64) -> String {
    if pool > 0 {
        citysync_domain::ledger::Currency::City.format(pool)
    } else {
        String::new()
    }
}

/// Whether a typed time is how the form showed `stored` (to the second, or to the minute).
fn same_shown(typed: NaiveDateTime, stored: NaiveDateTime) -> bool {
    let seconds = stored.with_nanosecond(0).unwrap_or(stored);
    let minutes = seconds.with_second(0).unwrap_or(seconds);
    typed == seconds || typed == minutes
}

/// The errors of the cycle form, each beside its field.
fn cycle_errors(viewer: &Viewer, state: &WebState, err: &AppError) -> FormErrors {
    let mut errors = FormErrors::from_error(viewer, state, err);
    // `AppError::field` places the rule and date errors; on this form a refused date
    // change (a phase already begun) belongs beside the dates too.
    let field = match err {
        AppError::PhaseClosed => Some("schedule"),
        _ => None,
    };
    if let Some(field) = field {
        if let Some(text) = errors.0.remove("general") {
            errors.0.insert(field, text);
        }
    }
    errors
}

fn require_admin(viewer: &Viewer) -> Result<&User, AppError> {
    let user = viewer.require_user()?;
    if user.is_admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

fn new_form_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &CycleForm,
    errors: FormErrors,
) -> HttpResponse {
    viewer.render(
        state,
        status,
        "cycle_form.html",
        minijinja::context! {
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
            methods => VotingMethod::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        },
    )
}

/// GET /governance/new — administrators: the form to open a decision cycle.
pub async fn cycle_new_form(viewer: Viewer, state: web::Data<WebState>) -> Page {
    if viewer.user.is_none() {
        return Ok(viewer.sign_in_first());
    }
    if let Err(e) = require_admin(&viewer) {
        return Err(e.into());
    }
    let form = CycleForm::fresh(&viewer, state.ctx.now());
    Ok(new_form_page(
        &viewer,
        &state,
        StatusCode::OK,
        &form,
        FormErrors::default(),
    ))
}

/// POST /governance/new — administrators open a cycle; its phase follows its dates at once.
pub async fn cycle_new_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<CycleForm>,
) -> Page {
    let admin = viewer.require_user()?;
    let input = match form.to_input(&viewer, &state, None) {
        Ok(input) => input,
        Err(errors) => {
            return Ok(new_form_page(
                &viewer,
                &state,
                StatusCode::BAD_REQUEST,
                &form,
                errors,
            ))
        }
    };
    match cycles::create(&state.ctx, admin, input).await {
        Ok(cycle) => Ok(Viewer::see_other(&format!("/governance/{}", cycle.id))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = cycle_errors(&viewer, &state, &e);
                Ok(new_form_page(&viewer, &state, status, &form, errors))
            }
            None => Err(e.into()),
        },
    }
}

/// One phase of the timeline.
#[derive(Serialize)]
struct Step {
    phase: &'static str,
    starts_at: String,
    starts_text: String,
    ends_text: Option<String>,
    /// `done`, `current` or `next`.
    status: &'static str,
}

fn timeline(viewer: &Viewer, state: &WebState, cycle: &Cycle) -> Vec<Step> {
    let now = phase_index(cycle.phase);
    STEPS
        .iter()
        .map(|phase| {
            let at = cycle.schedule.start_of(*phase);
            let ends = phase.next().and_then(|n| cycle.schedule.start_of(n));
            let index = phase_index(*phase);
            Step {
                phase: phase.as_str(),
                starts_at: at.map(iso).unwrap_or_default(),
                starts_text: at.map(|at| shown(viewer, state, at)).unwrap_or_default(),
                ends_text: ends.map(|at| shown(viewer, state, at)),
                status: match index.cmp(&now) {
                    std::cmp::Ordering::Less => "done",
                    std::cmp::Ordering::Equal => "current",
                    std::cmp::Ordering::Greater => "next",
                },
            }
        })
        .collect()
}

/// What failed on the cycle page: the edit form (with what was typed) or the button.
#[derive(Default)]
struct Failure {
    form: Option<CycleForm>,
    next_phase: bool,
    errors: FormErrors,
}

/// GET /governance/{id} — public: the timeline, the rules, the proposals; for administrators
/// the edit form and the next-phase button.
pub async fn cycle_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_cycle(&viewer, &state, &path, StatusCode::OK, Failure::default()).await
}

async fn render_cycle(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    failed: Failure,
) -> HttpResponse {
    let ctx = &state.ctx;
    let found = async {
        Ok::<_, AppError>((
            cycles::get(ctx, id).await?,
            proposals::of_cycle(ctx, id).await?,
        ))
    }
    .await;
    let (cycle, list) = match found {
        Ok(found) => found,
        Err(e) => return viewer.error_page(state, &e),
    };
    let is_admin = viewer.user.as_ref().is_some_and(|u| u.is_admin);
    let form = failed.form.unwrap_or_else(|| CycleForm::of(viewer, &cycle));
    let min_vote_to_propose = parameters::min_vote_to_propose(state).await;
    let next = cycle.phase.next().map(Phase::as_str);
    let closes_text = shown(viewer, state, cycle.schedule.results_at);
    let phase_ends_text = cycle.phase_ends_at().map(|at| shown(viewer, state, at));
    let can_propose = viewer.user.is_some() && cycle.phase == Phase::Proposals;
    let notice = message(
        viewer,
        state,
        "gov-cycle-min-vote",
        &[("n", min_vote_to_propose.into())],
    );
    viewer.render(
        state,
        status,
        "cycle.html",
        minijinja::context! {
            cycle => minijinja::value::Serde(&cycle),
            pool_text => citysync_domain::ledger::Currency::City.format(cycle.pool),
            steps => minijinja::value::Serde(timeline(viewer, state, &cycle)),
            phase_ends_text => phase_ends_text,
            closes_text => closes_text,
            proposals => minijinja::value::Serde(&list),
            can_propose => can_propose,
            propose_notice => notice,
            kinds => ProposalKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            is_admin => is_admin,
            rules_open => cycle.rules_open(),
            next_phase => next,
            form => minijinja::value::Serde(&form),
            methods => VotingMethod::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
            next_phase_failed => failed.next_phase,
            errors => minijinja::value::Serde(failed.errors),
        },
    )
}

/// POST /governance/{id}/edit — administrators: text and dates not yet entered any time
/// before the results; the method and rules only until voting opens.
pub async fn cycle_edit_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<CycleForm>,
) -> Page {
    let admin = viewer.require_user()?;
    let current = cycles::get(&state.ctx, &path).await?;
    let form = form.into_inner();
    let result = match form.to_input(&viewer, &state, Some(&current)) {
        Ok(input) => cycles::edit(&state.ctx, admin, &path, input).await,
        Err(errors) => {
            let failed = Failure {
                form: Some(form),
                next_phase: false,
                errors,
            };
            return Ok(render_cycle(&viewer, &state, &path, StatusCode::BAD_REQUEST, failed).await);
        }
    };
    match result {
        Ok(_) => Ok(Viewer::see_other(&format!("/governance/{}", path.as_str()))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let failed = Failure {
                    errors: cycle_errors(&viewer, &state, &e),
                    form: Some(form),
                    next_phase: false,
                };
                Ok(render_cycle(&viewer, &state, &path, status, failed).await)
            }
            None => Err(e.into()),
        },
    }
}

/// POST /governance/{id}/next-phase — administrators start the next phase now (with the
/// same snapshot, tally and enactment as on its date).
pub async fn cycle_next_phase(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let admin = viewer.require_user()?;
    match cycles::begin_next_phase(&state.ctx, admin, &path).await {
        Ok(_) => Ok(Viewer::see_other(&format!("/governance/{}", path.as_str()))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let failed = Failure {
                    form: None,
                    next_phase: true,
                    errors: FormErrors::from_error(&viewer, &state, &e),
                };
                Ok(render_cycle(&viewer, &state, &path, status, failed).await)
            }
            None => Err(e.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn typed(text: &str) -> Result<NaiveDateTime, chrono::ParseError> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
    }

    #[test]
    fn a_date_shown_to_the_minute_or_second_keeps_its_stored_value() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
        let stored = day
            .and_hms_micro_opt(9, 30, 12, 345_678)
            .unwrap_or_default();
        let shown = typed("2026-05-01T09:30:12").unwrap_or_default();
        assert!(same_shown(shown, stored));
        let minute = typed("2026-05-01T09:30").unwrap_or_default();
        assert!(same_shown(minute, stored));
        let moved = typed("2026-05-01T09:31").unwrap_or_default();
        assert!(!same_shown(moved, stored));
    }
}

crate::pages::csrf_forms!(CycleForm);
