//! The resident's own ballot on a proposal: cast (or replaced) while the vote is open, by
//! residents in the cycle's VOTE snapshot, and shown to its voter only.

use super::options_of;
use crate::auth::{scoped, Scoped};
use crate::reply::{self, Reply};
use crate::time::CityTime;
use crate::Problem;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::governance::{cycles, proposals, voting};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::governance::{self as domain, VotingMethod};
use citysync_domain::DomainError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/proposals/{id}/ballot", web::get().to(ballot_show))
        .route("/proposals/{id}/ballot", web::post().to(ballot_cast));
}

/// A ballot, in the form of its cycle's method (`kind` names it), or an abstention (which
/// counts toward quorum and turnout without supporting any option). Options are numbered
/// as the proposal's `options` list them: `yes` is 0 and `no` is 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ballot {
    /// One choice, which receives the voter's VOTE.
    WeightedMajority {
        option: usize,
    },
    /// Every option approved receives the voter's VOTE (at least one).
    Approval {
        options: Vec<usize>,
    },
    /// Votes per option, by index (missing ones are 0): each option's votes cost their
    /// square in voice credits, which are the voter's VOTE when voting opened.
    Quadratic {
        votes: Vec<i64>,
    },
    Abstain,
}

impl Ballot {
    /// The ballot the rules check, refused if it is not of the cycle's method.
    fn marks(self, method: VotingMethod) -> Result<domain::Ballot, DomainError> {
        match (self, method) {
            (Ballot::Abstain, _) => Ok(domain::Ballot::abstention()),
            (Ballot::WeightedMajority { option }, VotingMethod::WeightedMajority) => {
                Ok(domain::Ballot::marking([(option, 1)]))
            }
            (Ballot::Approval { options }, VotingMethod::Approval) => {
                Ok(domain::Ballot::marking(options.into_iter().map(|o| (o, 1))))
            }
            (Ballot::Quadratic { votes }, VotingMethod::Quadratic) => {
                Ok(domain::Ballot::marking(votes.into_iter().enumerate()))
            }
            _ => Err(DomainError::BallotInvalid),
        }
    }

    /// A stored ballot in the form of `method`.
    fn of(ballot: &domain::Ballot, method: VotingMethod, options: usize) -> Ballot {
        if ballot.abstain {
            return Ballot::Abstain;
        }
        match method {
            VotingMethod::WeightedMajority => Ballot::WeightedMajority {
                option: ballot.marks.keys().next().copied().unwrap_or_default(),
            },
            VotingMethod::Approval => Ballot::Approval {
                options: ballot.marks.keys().copied().collect(),
            },
            VotingMethod::Quadratic => Ballot::Quadratic {
                votes: (0..options)
                    .map(|i| ballot.marks.get(&i).copied().unwrap_or(0))
                    .collect(),
            },
        }
    }
}

/// The resident's standing on a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MyBallot {
    pub proposal_id: String,
    /// The cycle's method: `weighted_majority`, `approval` or `quadratic`.
    pub method: String,
    /// What a ballot chooses among, by index.
    pub options: Vec<String>,
    /// Whether the resident is in the cycle's VOTE snapshot (taken when voting opens).
    pub eligible: bool,
    /// The VOTE snapshotted for the resident: their weight, and their voice credits in a
    /// quadratic vote.
    pub weight: Option<i64>,
    /// Their current ballot, if they cast one.
    pub ballot: Option<Ballot>,
    pub cast_at: Option<CityTime>,
    /// Quadratic votes only: the voice credits the ballot spends and those left.
    pub credits_spent: Option<i64>,
    pub credits_remaining: Option<i64>,
}

async fn mine(ctx: &Ctx, user: &User, proposal_id: &str) -> Result<MyBallot, AppError> {
    let proposal = proposals::get(ctx, proposal_id).await?;
    let cycle = cycles::get(ctx, &proposal.cycle_id).await?;
    let vote = voting::mine(ctx, user, proposal_id).await?;
    let method = cycle.rules.method;
    let options = proposal.content.option_count();
    let quadratic = method == VotingMethod::Quadratic;
    let spent = vote
        .ballot
        .as_ref()
        .map_or(0, |b| i64::try_from(b.cost()).unwrap_or(i64::MAX));
    Ok(MyBallot {
        proposal_id: proposal.id,
        method: method.as_str().to_owned(),
        options: options_of(&proposal.content),
        eligible: vote.weight.is_some(),
        weight: vote.weight,
        ballot: vote.ballot.as_ref().map(|b| Ballot::of(b, method, options)),
        cast_at: vote.cast_at.map(CityTime),
        credits_spent: (quadratic && vote.weight.is_some()).then_some(spent),
        credits_remaining: quadratic
            .then_some(vote.weight)
            .flatten()
            .map(|w| w.saturating_sub(spent)),
    })
}

/// The resident's own ballot on a proposal, their weight and (quadratic) credits left.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/ballot", tag = "governance",
    security(("oauth2" = ["vote"])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, body = MyBallot),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ballot_show(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Vote>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let body = mine(&ctx, &bearer.user, &id).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Cast (or replace) the resident's ballot while the vote is open. With an
/// `Idempotency-Key` a retry gets the first answer again.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/ballot", tag = "governance",
    security(("oauth2" = ["vote"])),
    params(
        ("id" = String, Path, description = "The proposal's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once"),
    ),
    request_body = Ballot,
    responses(
        (status = 200, description = "The ballot as counted", body = MyBallot),
        (status = 400, description = "Not of the cycle's method, an unknown option, or more credits than the voter has", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing, or not in the cycle's VOTE snapshot", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The vote is not open, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ballot_cast(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Vote>,
    id: web::Path<String>,
    body: crate::extract::Json<Ballot>,
) -> Result<HttpResponse, Problem> {
    let ballot = body.into_inner();
    let fingerprint = serde_json::to_string(&ballot).unwrap_or_default();
    reply::once(&req, &ctx, &bearer.user, &fingerprint, |ctx| {
        let bearer = &bearer;
        async move {
            let proposal = proposals::get(&ctx, &id).await?;
            let cycle = cycles::get(&ctx, &proposal.cycle_id).await?;
            let marks = ballot.marks(cycle.rules.method).map_err(AppError::from)?;
            voting::cast(&ctx, &bearer.user, &id, marks).await?;
            let body = mine(&ctx, &bearer.user, &id).await?;
            Ok(Reply::json(StatusCode::OK, &body))
        }
    })
    .await
}
