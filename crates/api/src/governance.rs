//! Governance through an app: decision cycles (created and moved on by the city's
//! administrators), proposals and their results, deliberation (`comments`), the resident's
//! own ballot (`ballots`), and the parameters in force (`parameters`). Reads are public.
//!
//! Dates are RFC 3339 date-times on the city's clock (see [`crate::time`]). Money is in
//! hundredths of CITY (`500` = 5.00 CITY); VOTE is whole.

mod ballots;
mod comments;
mod parameters;

use crate::auth::{scoped, Scoped};
use crate::reply::{self, Reply};
use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::governance::{self as app, cycles, proposals};
use citysync_app::Ctx;
use citysync_domain::governance::{self as domain, VotingMethod};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub use ballots::{Ballot, MyBallot};
pub use comments::{Comment, CommentInput, ReportInput};
pub use parameters::{Parameter, ParameterChangeRecord, Parameters, Source};

#[derive(OpenApi)]
#[openapi(paths(
    cycles_index,
    cycle_show,
    cycle_create,
    cycle_next_phase,
    proposals_index,
    proposal_show,
    proposal_create,
    proposal_withdraw,
    comments::comments_index,
    comments::comment_create,
    comments::comment_report,
    comments::comment_moderate,
    ballots::ballot_show,
    ballots::ballot_cast,
    parameters::parameters_show,
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cycles", web::get().to(cycles_index))
        .route("/cycles", web::post().to(cycle_create))
        .route("/cycles/{id}", web::get().to(cycle_show))
        .route("/cycles/{id}/next-phase", web::post().to(cycle_next_phase))
        .route("/cycles/{id}/proposals", web::get().to(proposals_index))
        .route("/cycles/{id}/proposals", web::post().to(proposal_create))
        .route("/proposals/{id}", web::get().to(proposal_show))
        .route(
            "/proposals/{id}/withdraw",
            web::post().to(proposal_withdraw),
        )
        .configure(parameters::configure)
        .configure(comments::configure)
        .configure(ballots::configure);
}

/// The dates on which a cycle's phases begin; results begin when voting closes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub struct Schedule {
    pub proposals_at: CityTime,
    pub deliberation_at: CityTime,
    pub voting_at: CityTime,
    pub results_at: CityTime,
}

impl From<domain::Schedule> for Schedule {
    fn from(s: domain::Schedule) -> Schedule {
        Schedule {
            proposals_at: s.proposals_at.into(),
            deliberation_at: s.deliberation_at.into(),
            voting_at: s.voting_at.into(),
            results_at: s.results_at.into(),
        }
    }
}

/// A decision cycle: `upcoming → proposals → deliberation → voting → results`, each phase
/// entered on its date.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Cycle {
    pub id: String,
    pub title: String,
    pub description: String,
    pub schedule: Schedule,
    /// `upcoming`, `proposals`, `deliberation`, `voting` or `results`.
    pub phase: String,
    /// When the current phase ends, if it does.
    pub phase_ends_at: Option<CityTime>,
    /// `weighted_majority`, `approval` or `quadratic`.
    pub method: String,
    /// The share of the eligible VOTE that must take part, in percent.
    pub quorum_percent: i64,
    /// The least VOTE a resident must hold when voting opens to vote.
    pub min_vote: i64,
    /// Set when voting opened: the residents eligible and their VOTE.
    pub eligible_voters: Option<i64>,
    pub eligible_weight: Option<i64>,
    pub created_at: CityTime,
    /// The CITY (hundredths) the city shares out among the cycle's budget proposals, set by
    /// its administrators; 0 when the cycle has no participatory budget.
    pub pool: i64,
}

impl From<app::Cycle> for Cycle {
    fn from(c: app::Cycle) -> Cycle {
        Cycle {
            phase_ends_at: c.phase_ends_at().map(CityTime),
            id: c.id,
            title: c.title,
            description: c.description,
            schedule: c.schedule.into(),
            phase: c.phase.as_str().to_owned(),
            method: c.rules.method.as_str().to_owned(),
            quorum_percent: c.rules.quorum_percent,
            min_vote: c.rules.min_vote,
            eligible_voters: c.eligible_voters,
            eligible_weight: c.eligible_weight,
            created_at: c.created_at.into(),
            pool: c.pool,
        }
    }
}

/// How many, newest first.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Latest {
    /// How many (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

/// Decision cycles, the latest voting first.
#[utoipa::path(get, path = "/api/v1/cycles", tag = "governance",
    params(Latest),
    responses((status = 200, body = Vec<Cycle>)))]
pub async fn cycles_index(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    query: crate::extract::Query<Latest>,
) -> Result<HttpResponse, Problem> {
    let limit = query
        .limit
        .unwrap_or(crate::pagination::DEFAULT_LIMIT)
        .clamp(1, crate::pagination::MAX_LIMIT);
    let list = cycles::list(&ctx, limit).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(Cycle::from).collect::<Vec<_>>()))
}

/// Show a decision cycle.
#[utoipa::path(get, path = "/api/v1/cycles/{id}", tag = "governance",
    params(("id" = String, Path, description = "The cycle's id")),
    responses(
        (status = 200, body = Cycle),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cycle_show(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let cycle = cycles::get(&ctx, &id).await?;
    Ok(HttpResponse::Ok().json(Cycle::from(cycle)))
}

/// A new decision cycle.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CycleInput {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Strictly increasing dates.
    pub schedule: Schedule,
    /// `weighted_majority`, `approval` or `quadratic`.
    #[schema(pattern = "^(weighted_majority|approval|quadratic)$")]
    pub method: String,
    /// 0–100.
    #[schema(minimum = 0, maximum = 100)]
    pub quorum_percent: i64,
    /// At least 1.
    #[schema(minimum = 1, maximum = 1000000)]
    pub min_vote: i64,
    /// The participatory-budget pool in CITY hundredths, shared out among the cycle's
    /// budget proposals (0, the default: the cycle takes no budget proposals).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1000000000)]
    pub pool: i64,
}

/// Open a decision cycle (the city's administrators). Its phase follows its dates from the
/// start, so a cycle whose proposal phase has begun takes proposals at once.
#[utoipa::path(post, path = "/api/v1/cycles", tag = "governance",
    security(("oauth2" = ["admin"])),
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once")),
    request_body = CycleInput,
    responses(
        (status = 201, body = Cycle),
        (status = 400, description = "A field is missing or out of range, or the dates do not increase", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing, or not an administrator", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cycle_create(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
    body: crate::extract::Json<CycleInput>,
) -> Result<HttpResponse, Problem> {
    let input = body.into_inner();
    let fingerprint = serde_json::to_string(&input).unwrap_or_default();
    reply::once(&req, &ctx, &bearer.user, &fingerprint, |ctx| {
        let bearer = &bearer;
        async move {
            let method =
                VotingMethod::parse(&input.method).map_err(citysync_app::AppError::from)?;
            let s = input.schedule;
            let cycle = cycles::create(
                &ctx,
                &bearer.user,
                app::CycleInput {
                    title: input.title,
                    description: input.description,
                    schedule: domain::Schedule {
                        proposals_at: s.proposals_at.utc(),
                        deliberation_at: s.deliberation_at.utc(),
                        voting_at: s.voting_at.utc(),
                        results_at: s.results_at.utc(),
                    },
                    rules: domain::Rules {
                        method,
                        quorum_percent: input.quorum_percent,
                        min_vote: input.min_vote,
                    },
                    pool: input.pool,
                },
            )
            .await?;
            Ok(Reply::json(StatusCode::CREATED, &Cycle::from(cycle)))
        }
    })
    .await
}

/// Start a cycle's next phase now instead of on its date (the city's administrators):
/// opening the vote snapshots VOTE; the results tally every proposal and enact what passed.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/next-phase", tag = "governance",
    security(("oauth2" = ["admin"])),
    params(
        ("id" = String, Path, description = "The cycle's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once"),
    ),
    responses(
        (status = 200, description = "The cycle in its new phase", body = Cycle),
        (status = 403, description = "Scope missing, or not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is over", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cycle_next_phase(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Admin>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    reply::once(&req, &ctx, &bearer.user, "", |ctx| {
        let bearer = &bearer;
        async move {
            let cycle = cycles::begin_next_phase(&ctx, &bearer.user, &id).await?;
            Ok(Reply::json(StatusCode::OK, &Cycle::from(cycle)))
        }
    })
    .await
}

/// One parameter change a proposal asks for.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ParameterChange {
    /// A parameter's name, as `GET /api/v1/parameters` lists them
    /// (`reward_multiplier.environment`, `epoch_length`, …).
    pub name: String,
    /// The new value in its stored unit (percent for multipliers, CITY hundredths for
    /// budgets, `1 month` for the epoch length).
    pub value: String,
}

/// One thing a budget proposal may fund.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BudgetOption {
    pub title: String,
    /// CITY hundredths.
    pub cost: i64,
    /// The handle of the approved organization that receives the CITY if it is funded.
    pub organization: String,
}

/// What a proposal asks the city to do. Yes/no proposals (all but budgets) have two
/// options: `yes` (0) and `no` (1).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalContent {
    Policy,
    ParameterChange {
        changes: Vec<ParameterChange>,
    },
    Budget {
        /// Never set by a proposal: the pool is the cycle's (`Cycle.pool`), set by the city.
        /// A request that sends it is refused with `error-pool-set-by-city`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pool: Option<i64>,
        options: Vec<BudgetOption>,
    },
    AdoptModel {
        /// The address of the model (a template) to adopt.
        model_url: String,
    },
}

impl From<domain::ProposalContent> for ProposalContent {
    fn from(c: domain::ProposalContent) -> ProposalContent {
        match c {
            domain::ProposalContent::Policy => ProposalContent::Policy,
            domain::ProposalContent::ParameterChange { changes } => {
                ProposalContent::ParameterChange {
                    changes: changes
                        .into_iter()
                        .map(|c| ParameterChange {
                            name: c.name,
                            value: c.value,
                        })
                        .collect(),
                }
            }
            domain::ProposalContent::Budget { options } => ProposalContent::Budget {
                pool: None,
                options: options
                    .into_iter()
                    .map(|o| BudgetOption {
                        title: o.title,
                        cost: o.cost,
                        organization: o.organization,
                    })
                    .collect(),
            },
            domain::ProposalContent::AdoptModel { model_url } => {
                ProposalContent::AdoptModel { model_url }
            }
        }
    }
}

impl TryFrom<ProposalContent> for domain::ProposalContent {
    type Error = citysync_domain::DomainError;
    fn try_from(
        c: ProposalContent,
    ) -> Result<domain::ProposalContent, citysync_domain::DomainError> {
        Ok(match c {
            ProposalContent::Policy => domain::ProposalContent::Policy,
            ProposalContent::ParameterChange { changes } => {
                domain::ProposalContent::ParameterChange {
                    changes: changes
                        .into_iter()
                        .map(|c| domain::ParameterChange {
                            name: c.name,
                            value: c.value,
                        })
                        .collect(),
                }
            }
            ProposalContent::Budget { pool: Some(_), .. } => {
                return Err(citysync_domain::DomainError::PoolSetByCity)
            }
            ProposalContent::Budget {
                pool: None,
                options,
            } => domain::ProposalContent::Budget {
                options: options
                    .into_iter()
                    .map(|o| domain::BudgetOption {
                        title: o.title,
                        cost: o.cost,
                        organization: o.organization,
                    })
                    .collect(),
            },
            ProposalContent::AdoptModel { model_url } => {
                domain::ProposalContent::AdoptModel { model_url }
            }
        })
    }
}

/// The organization a proposal speaks for.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganizationRef {
    pub handle: String,
    pub name: String,
}

/// The sealed result of a proposal's vote.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProposalResult {
    /// `passed`, `rejected` or `no_quorum`.
    pub outcome: String,
    pub method: String,
    pub quorum_percent: i64,
    /// Residents eligible when voting opened, and their VOTE.
    pub eligible_voters: i64,
    pub eligible_weight: i64,
    /// Residents who cast a ballot (abstentions included), and their VOTE.
    pub voters: i64,
    pub cast_weight: i64,
    pub abstentions: i64,
    /// Support per option, in option order (VOTE weight, or quadratic votes).
    pub support: Vec<i64>,
    pub quorum_met: bool,
    /// A budget's funded options (their indexes), in funding order.
    pub funded: Vec<usize>,
    /// What the close changed, one line each (`reward_multiplier.environment = 200`).
    pub enacted: Vec<String>,
}

impl From<proposals::ProposalResult> for ProposalResult {
    fn from(d: proposals::ProposalResult) -> ProposalResult {
        ProposalResult {
            outcome: d.outcome.as_str().to_owned(),
            method: d.tally.method.as_str().to_owned(),
            quorum_percent: d.tally.quorum_percent,
            eligible_voters: d.tally.eligible_voters,
            eligible_weight: d.tally.eligible_weight,
            voters: d.tally.voters,
            cast_weight: d.tally.cast_weight,
            abstentions: d.tally.abstentions,
            support: d.tally.support,
            quorum_met: d.tally.quorum_met,
            funded: d.funded,
            enacted: d.enacted,
        }
    }
}

/// A proposal in a decision cycle.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Proposal {
    pub id: String,
    pub cycle_id: String,
    /// `policy`, `parameter_change`, `budget` or `adopt_model`.
    pub kind: String,
    pub title: String,
    pub body: String,
    pub content: ProposalContent,
    /// What a ballot chooses among, by index: `yes` and `no`, or a budget's option titles.
    pub options: Vec<String>,
    /// The author's username.
    pub author: String,
    pub organization: Option<OrganizationRef>,
    /// `open`, `withdrawn`, `deliberation`, `voting`, `passed`, `rejected` or `no_quorum`.
    pub state: String,
    /// The tally, once the vote closed.
    pub result: Option<ProposalResult>,
    pub created_at: CityTime,
    pub updated_at: CityTime,
    pub closed_at: Option<CityTime>,
}

/// The options a ballot chooses among.
pub(crate) fn options_of(content: &domain::ProposalContent) -> Vec<String> {
    match content {
        domain::ProposalContent::Budget { options, .. } => {
            options.iter().map(|o| o.title.clone()).collect()
        }
        _ => vec!["yes".to_owned(), "no".to_owned()],
    }
}

impl From<app::Proposal> for Proposal {
    fn from(p: app::Proposal) -> Proposal {
        Proposal {
            options: options_of(&p.content),
            id: p.id,
            cycle_id: p.cycle_id,
            kind: p.kind.as_str().to_owned(),
            title: p.title,
            body: p.body,
            content: p.content.into(),
            author: p.author,
            organization: p
                .organization
                .map(|(handle, name)| OrganizationRef { handle, name }),
            state: p.state.as_str().to_owned(),
            result: p.decision.map(ProposalResult::from),
            created_at: p.created_at.into(),
            updated_at: p.updated_at.into(),
            closed_at: p.closed_at.map(CityTime),
        }
    }
}

/// A proposal with its cycle's participation so far.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProposalDetail {
    pub proposal: Proposal,
    /// How many ballots were cast (participation, never choices).
    pub ballots_cast: i64,
}

/// A cycle's proposals, oldest first.
#[utoipa::path(get, path = "/api/v1/cycles/{id}/proposals", tag = "governance",
    params(("id" = String, Path, description = "The cycle's id")),
    responses(
        (status = 200, body = Vec<Proposal>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn proposals_index(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    cycles::get(&ctx, &id).await?;
    let list = proposals::of_cycle(&ctx, &id).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(Proposal::from).collect::<Vec<_>>()))
}

async fn detail(ctx: &Ctx, id: &str) -> Result<ProposalDetail, citysync_app::AppError> {
    let proposal = proposals::get(ctx, id).await?;
    let ballots_cast = app::voting::ballots_cast(ctx, id).await?;
    Ok(ProposalDetail {
        proposal: proposal.into(),
        ballots_cast,
    })
}

/// Show a proposal, with its result once the vote closed.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "governance",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, body = ProposalDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn proposal_show(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let body = detail(&ctx, &id).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// A new proposal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProposalInput {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    pub content: ProposalContent,
    /// Propose on behalf of this organization (its handle); the resident must own it.
    /// Without it the resident needs the VOTE the city asks of authors.
    pub organization: Option<String>,
}

/// Draft a proposal in a cycle's proposal phase; it is public at once.
#[utoipa::path(post, path = "/api/v1/cycles/{id}/proposals", tag = "governance",
    security(("oauth2" = ["write:proposals"])),
    params(("id" = String, Path, description = "The cycle's id")),
    request_body = ProposalInput,
    responses(
        (status = 201, body = ProposalDetail),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing, e-mail not verified, or not enough VOTE", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle takes no proposals now", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn proposal_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteProposals>,
    id: web::Path<String>,
    body: crate::extract::Json<ProposalInput>,
) -> Result<HttpResponse, Problem> {
    let input = body.into_inner();
    let content = input
        .content
        .try_into()
        .map_err(citysync_app::AppError::from)?;
    let proposal = proposals::draft(
        &ctx,
        &bearer.user,
        &id,
        app::ProposalInput {
            title: input.title,
            body: input.body,
            content,
            organization: input.organization,
        },
    )
    .await?;
    let body = detail(&ctx, &proposal.id).await?;
    Ok(HttpResponse::Created().json(body))
}

/// Withdraw one's own proposal during the proposal phase; it stays public, marked withdrawn.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/withdraw", tag = "governance",
    security(("oauth2" = ["write:proposals"])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, body = ProposalDetail),
        (status = 403, description = "Not its author", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The proposal phase is over, or it was withdrawn already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn proposal_withdraw(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteProposals>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    proposals::withdraw(&ctx, &bearer.user, &id).await?;
    let body = detail(&ctx, &id).await?;
    Ok(HttpResponse::Ok().json(body))
}
