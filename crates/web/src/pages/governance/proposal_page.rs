//! The proposal's public page: its text and content (parameter changes beside the values in
//! force, budget options, the model), the author's edit and withdraw buttons, the ballot of
//! the cycle's method for an eligible voter (only their own ballot is ever shown), the tally
//! after the close, and the threaded deliberation with its moderation log.

use super::parameters::{taxonomy, InForce};
use super::{iso, message, parameter_name, parameter_value, shown};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::governance::adoptions::{self, Adoption, AdoptionState};
use citysync_app::governance::comments::{self, Comment, ModerationEntry};
use citysync_app::governance::voting::{self, MyVote};
use citysync_app::governance::{cycles, proposals, Proposal};
use citysync_app::AppError;
use citysync_domain::governance::{
    Outcome, Parameter, Phase, ProposalContent, ProposalState, VotingMethod,
};
use citysync_domain::ledger::Currency;
use citysync_i18n::ArgValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// The form of the proposal page that failed, what was typed in it, and why.
#[derive(Default)]
pub(super) struct Failure {
    /// `ballot`, `comment`, `reply-<comment>`, `report-<comment>` or `moderate-<comment>`.
    pub form: String,
    pub typed: BTreeMap<String, String>,
    pub errors: FormErrors,
}

/// GET /proposals/{id} — public.
pub async fn proposal_show(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_proposal(&viewer, &state, &path, StatusCode::OK, Failure::default()).await
}

/// A parameter change beside the value in force.
#[derive(Serialize)]
struct ChangeView {
    name: String,
    words: String,
    current: Option<String>,
    proposed: String,
}

/// A budget option, with its support and whether it was funded once closed.
#[derive(Serialize)]
struct OptionView {
    title: String,
    cost_text: String,
    organization: String,
    funded: bool,
}

/// One option as the ballot and the tally name it.
#[derive(Serialize)]
struct ChoiceView {
    index: usize,
    label: String,
    /// The voter's own mark on it (their current ballot, or what they just typed).
    mark: i64,
    /// The tally's support, once closed.
    support_text: Option<String>,
}

/// The voter's own ballot, in words.
#[derive(Serialize)]
struct MineView {
    abstain: bool,
    lines: Vec<String>,
    cast_at: String,
    cast_at_text: String,
}

#[derive(Serialize)]
struct TallyView {
    eligible_voters: i64,
    eligible_weight: i64,
    voters: i64,
    cast_weight: i64,
    abstentions: i64,
    turnout_text: String,
    quorum_percent: i64,
    quorum_met: bool,
    outcome: &'static str,
    funded: Vec<String>,
    enacted: Vec<Enacted>,
}

/// One thing a passed proposal changed, in words, with where to see it.
#[derive(Serialize)]
struct Enacted {
    text: String,
    /// `parameters`, `ledger` or `funded`: the public page that shows the change.
    link: Option<&'static str>,
    /// For `funded`: the handle of the organization whose funded account received the CITY.
    organization: Option<String>,
}

#[derive(Serialize)]
struct CommentView<'a> {
    #[serde(flatten)]
    comment: &'a Comment,
    /// Whether the next comment is a reply to this one (a nested list opens).
    opens: bool,
    /// How many nested lists close after this comment.
    closes: usize,
}

#[derive(Serialize)]
struct LogView<'a> {
    #[serde(flatten)]
    entry: &'a ModerationEntry,
}

/// The options a ballot chooses among: yes and no, or a budget's options.
fn option_labels(viewer: &Viewer, state: &WebState, content: &ProposalContent) -> Vec<String> {
    match content {
        ProposalContent::Budget { options, .. } => {
            options.iter().map(|o| o.title.clone()).collect()
        }
        _ => vec![
            viewer.t(state, "gov-option-yes"),
            viewer.t(state, "gov-option-no"),
        ],
    }
}

fn support_text(viewer: &Viewer, state: &WebState, method: VotingMethod, n: i64) -> String {
    message(
        viewer,
        state,
        "gov-support",
        &[
            ("method", ArgValue::from(method.as_str())),
            ("n", ArgValue::from(n)),
        ],
    )
}

/// Comments as nested lists: after each, whether a reply list opens and how many close.
fn nest<'a>(thread: &'a [Comment]) -> Vec<CommentView<'a>> {
    thread
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let next = thread.get(i + 1).map_or(0, |n| n.depth);
            CommentView {
                comment: c,
                opens: next > c.depth,
                closes: c.depth.saturating_sub(next),
            }
        })
        .collect()
}

/// The tally, once closed, in words and numbers.
fn tally_view(
    viewer: &Viewer,
    state: &WebState,
    proposal: &Proposal,
    labels: &[String],
    changes: &[ChangeView],
    adoption: Option<&Adoption>,
) -> Option<TallyView> {
    let decision = proposal.decision.as_ref()?;
    let t = &decision.tally;
    let funded = decision
        .funded
        .iter()
        .filter_map(|i| labels.get(*i).cloned())
        .collect();
    let enacted = if decision.outcome == Outcome::Passed {
        enacted_lines(viewer, state, proposal, changes, adoption)
    } else {
        Vec::new()
    };
    Some(TallyView {
        eligible_voters: t.eligible_voters,
        eligible_weight: t.eligible_weight,
        voters: t.voters,
        cast_weight: t.cast_weight,
        abstentions: t.abstentions,
        turnout_text: format!("{:.1}", t.turnout_percent()),
        quorum_percent: t.quorum_percent,
        quorum_met: t.quorum_met,
        outcome: decision.outcome.as_str(),
        funded,
        enacted,
    })
}

/// What a passed proposal changed, in the reader's language.
fn enacted_lines(
    viewer: &Viewer,
    state: &WebState,
    proposal: &Proposal,
    changes: &[ChangeView],
    adoption: Option<&Adoption>,
) -> Vec<Enacted> {
    let funded = proposal
        .decision
        .as_ref()
        .map(|d| d.funded.as_slice())
        .unwrap_or_default();
    match &proposal.content {
        ProposalContent::Policy => vec![Enacted {
            text: viewer.t(state, "gov-enacted-policy"),
            link: None,
            organization: None,
        }],
        ProposalContent::ParameterChange { .. } => changes
            .iter()
            .map(|c| Enacted {
                text: message(
                    viewer,
                    state,
                    "gov-enacted-parameter",
                    &[
                        ("parameter", ArgValue::from(c.words.clone())),
                        ("value", ArgValue::from(c.proposed.clone())),
                    ],
                ),
                link: Some("parameters"),
                organization: None,
            })
            .collect(),
        ProposalContent::Budget { options, .. } => funded
            .iter()
            .filter_map(|i| options.get(*i))
            .map(|o| Enacted {
                text: message(
                    viewer,
                    state,
                    "gov-enacted-budget",
                    &[
                        ("option", ArgValue::from(o.title.clone())),
                        ("organization", ArgValue::from(o.organization.clone())),
                        ("amount", ArgValue::from(Currency::City.format(o.cost))),
                    ],
                ),
                link: Some("funded"),
                organization: Some(o.organization.clone()),
            })
            .collect(),
        ProposalContent::AdoptModel { model_url } => {
            let (installation, installed, offered, reason) = match adoption.map(|a| &a.state) {
                Some(AdoptionState::Installed { installed, offered }) => {
                    (adoptions::INSTALLED, *installed, *offered, "")
                }
                Some(AdoptionState::Failed { reason }) => {
                    (adoptions::FAILED, 0, 0, reason.as_str())
                }
                Some(AdoptionState::Pending) | None => (adoptions::PENDING, 0, 0, ""),
            };
            vec![Enacted {
                text: message(
                    viewer,
                    state,
                    "gov-enacted-model",
                    &[
                        ("url", ArgValue::from(model_url.clone())),
                        ("installation", ArgValue::from(installation)),
                        ("installed", ArgValue::from(installed)),
                        ("offered", ArgValue::from(offered)),
                        ("reason", ArgValue::from(reason.to_owned())),
                    ],
                ),
                link: None,
                organization: None,
            }]
        }
    }
}

/// The voter's standing, read only for the signed-in voter themself.
async fn my_vote(viewer: &Viewer, state: &WebState, proposal: &Proposal) -> Option<MyVote> {
    let user = viewer.user.as_ref()?;
    voting::mine(&state.ctx, user, &proposal.id).await.ok()
}

fn mine_view(
    viewer: &Viewer,
    state: &WebState,
    method: VotingMethod,
    labels: &[String],
    mine: &MyVote,
) -> Option<MineView> {
    let ballot = mine.ballot.as_ref()?;
    let lines = ballot
        .marks
        .iter()
        .map(|(i, n)| {
            message(
                viewer,
                state,
                "gov-ballot-mark",
                &[
                    ("method", ArgValue::from(method.as_str())),
                    (
                        "option",
                        ArgValue::from(labels.get(*i).cloned().unwrap_or_default()),
                    ),
                    ("votes", ArgValue::from(*n)),
                ],
            )
        })
        .collect();
    let cast_at = mine.cast_at.unwrap_or_default();
    Some(MineView {
        abstain: ballot.abstain,
        lines,
        cast_at: iso(cast_at),
        cast_at_text: shown(viewer, state, cast_at),
    })
}

/// Renders the page; `failed` brings back a refused form with its reason.
pub(super) async fn render_proposal(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    failed: Failure,
) -> HttpResponse {
    let ctx = &state.ctx;
    let found = async {
        let proposal = proposals::get(ctx, id).await?;
        let cycle = cycles::get(ctx, &proposal.cycle_id).await?;
        let thread = comments::thread(ctx, id).await?;
        let log = comments::log(ctx, Some(id), 100).await?;
        let cast = voting::ballots_cast(ctx, id).await?;
        Ok::<_, AppError>((proposal, cycle, thread, log, cast))
    };
    let (mut proposal, cycle, thread, log, ballots_cast) = match found.await {
        Ok(found) => found,
        Err(e) => return viewer.error_page(state, &e),
    };
    // Its text in the reader's language, where translated (issue 27).
    let (proposal_id, proposal_path) = (proposal.id.clone(), format!("/proposals/{id}"));
    let (shown_text, content) = crate::pages::translations::pair_shown(
        viewer,
        state,
        (
            citysync_app::translations::SubjectKind::Proposal,
            &proposal_id,
            &proposal_path,
        ),
        (
            citysync_app::translations::Field::Title,
            &mut proposal.title,
        ),
        (
            citysync_app::translations::Field::Content,
            &mut proposal.body,
        ),
    )
    .await;
    let tax = taxonomy(state).await;
    let in_force = InForce::load(viewer, state).await;
    // The method the tally counted with, once closed (the rules froze when voting opened).
    let method = proposal
        .decision
        .as_ref()
        .map_or(cycle.rules.method, |d| d.tally.method);

    let changes: Vec<ChangeView> = match &proposal.content {
        ProposalContent::ParameterChange { changes } => changes
            .iter()
            .map(|c| {
                let family = Parameter::parse(&c.name)
                    .map(|p| p.family())
                    .unwrap_or_default();
                ChangeView {
                    name: c.name.clone(),
                    words: parameter_name(viewer, state, tax.as_deref(), &c.name),
                    current: in_force.text(viewer, state, &c.name),
                    proposed: parameter_value(viewer, state, family, &c.value),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let funded: Vec<usize> = proposal
        .decision
        .as_ref()
        .map(|d| d.funded.clone())
        .unwrap_or_default();
    let options: Vec<OptionView> = match &proposal.content {
        ProposalContent::Budget { options, .. } => options
            .iter()
            .enumerate()
            .map(|(i, o)| OptionView {
                title: o.title.clone(),
                cost_text: Currency::City.format(o.cost),
                organization: o.organization.clone(),
                funded: funded.contains(&i),
            })
            .collect(),
        _ => Vec::new(),
    };
    let labels = option_labels(viewer, state, &proposal.content);
    let mine = my_vote(viewer, state, &proposal).await;
    let support = proposal.decision.as_ref().map(|d| d.tally.support.clone());
    let choices: Vec<ChoiceView> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let typed = failed
                .typed
                .get(&format!("votes_{i}"))
                .and_then(|v| v.trim().parse::<i64>().ok());
            let own = mine
                .as_ref()
                .and_then(|m| m.ballot.as_ref())
                .and_then(|b| b.marks.get(&i).copied());
            let s = support.as_ref().and_then(|s| s.get(i).copied());
            ChoiceView {
                index: i,
                label: label.clone(),
                mark: if failed.form == "ballot" {
                    typed.unwrap_or(0)
                } else {
                    own.unwrap_or(0)
                },
                support_text: s.map(|n| support_text(viewer, state, method, n)),
            }
        })
        .collect();
    let adoption = match proposal.content {
        ProposalContent::AdoptModel { .. } => adoptions::adoption(&state.ctx, &proposal.id)
            .await
            .ok()
            .flatten(),
        _ => None,
    };
    let tally = tally_view(
        viewer,
        state,
        &proposal,
        &labels,
        &changes,
        adoption.as_ref(),
    );

    let user = viewer.user.as_ref();
    let is_author = user.is_some_and(|u| u.id.to_string() == proposal.author_id);
    let voting_open = cycle.phase == Phase::Voting && proposal.state == ProposalState::Voting;
    let weight = mine.as_ref().and_then(|m| m.weight);
    let mine_lines = mine
        .as_ref()
        .and_then(|m| mine_view(viewer, state, method, &labels, m));
    let can_comment = user.is_some()
        && matches!(cycle.phase, Phase::Deliberation | Phase::Voting)
        && proposal.state != ProposalState::Withdrawn;
    let log_view: Vec<LogView> = log.iter().map(|e| LogView { entry: e }).collect();
    let credits_text = weight.map(|w| {
        message(
            viewer,
            state,
            "gov-ballot-credits",
            &[("credits", ArgValue::from(w))],
        )
    });
    viewer.render(
        state,
        status,
        "proposal.html",
        minijinja::context! {
            proposal => minijinja::value::Serde(&proposal),
            shown => minijinja::value::Serde(&shown_text),
            content => minijinja::value::Serde(&content),
            cycle => minijinja::value::Serde(&cycle),
            changes => minijinja::value::Serde(&changes),
            options => minijinja::value::Serde(&options),
            pool_text => citysync_domain::ledger::Currency::City.format(cycle.pool),
            method => method.as_str(),
            is_author => is_author,
            can_edit => is_author && cycle.phase == Phase::Proposals && proposal.state == ProposalState::Open,
            is_admin => user.is_some_and(|u| u.is_admin),
            signed_in => user.is_some(),
            verified => user.is_some_and(|u| u.verified),
            voting_open => voting_open,
            closes_text => shown(viewer, state, cycle.schedule.results_at),
            voting_at_text => shown(viewer, state, cycle.schedule.voting_at),
            ballots_cast => ballots_cast,
            weight => weight,
            credits_text => credits_text,
            mine => minijinja::value::Serde(&mine_lines),
            choices => minijinja::value::Serde(&choices),
            tally => minijinja::value::Serde(&tally),
            can_comment => can_comment,
            comments => minijinja::value::Serde(nest(&thread)),
            log => minijinja::value::Serde(&log_view),
            failed => failed.form,
            typed => minijinja::value::Serde(&failed.typed),
            errors => minijinja::value::Serde(failed.errors),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, depth: usize) -> Comment {
        Comment {
            id: id.into(),
            parent_id: None,
            depth,
            author: "ana".into(),
            body: "hi".into(),
            hidden_reason: None,
            reports: 0,
            created_at: chrono::NaiveDateTime::default(),
        }
    }

    #[test]
    fn replies_nest_and_every_list_closes() {
        let thread = [
            comment("a", 0),
            comment("b", 1),
            comment("c", 2),
            comment("d", 0),
            comment("e", 1),
        ];
        let views = nest(&thread);
        let shape: Vec<(bool, usize)> = views.iter().map(|v| (v.opens, v.closes)).collect();
        assert_eq!(
            shape,
            [(true, 0), (true, 0), (false, 2), (true, 0), (false, 1)]
        );
    }
}
