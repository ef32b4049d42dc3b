//! Civic work through an app: claim, withdraw, submit proof (multipart), my claims and
//! contributions; for verifiers, the queue, decisions and on-site check-in.

use crate::auth::{scoped, Scoped};
use crate::catalog::{Opportunity, Point};
use crate::reply::{self, Reply};
use crate::time::CityTime;
use crate::{Bearer, Problem};
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::uploads::UploadLimits;
use citysync_app::{AppError, Ctx};
use citysync_domain::work::PHOTOS_MAX;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(
    claim_create,
    claims_index,
    claim_show,
    claim_withdraw,
    proof_create,
    photo_show,
    queue_index,
    decision_create,
    check_in,
    check_out
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities/{id}/claims", web::post().to(claim_create))
        .route("/claims", web::get().to(claims_index))
        .route("/claims/{id}", web::get().to(claim_show))
        .route("/claims/{id}/withdraw", web::post().to(claim_withdraw))
        .route("/claims/{id}/proofs", web::post().to(proof_create))
        .route("/claims/{id}/check-in", web::post().to(check_in))
        .route("/claims/{id}/check-out", web::post().to(check_out))
        .route("/photos/{id}", web::get().to(photo_show))
        .route(
            "/organizations/{handle}/verification-queue",
            web::get().to(queue_index),
        )
        .route(
            "/submissions/{id}/decision",
            web::post().to(decision_create),
        );
}

/// A claim on a slot of an opportunity.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Claim {
    pub id: String,
    pub opportunity_id: String,
    /// `claimed`, `submitted`, `verified`, `rejected`, `withdrawn` or `expired`.
    pub state: String,
    /// CITY minted on verification, in hundredths, fixed when claimed.
    pub reward_city: i64,
    pub reward_vote: i64,
    pub submissions: i32,
    pub claimed_at: CityTime,
    pub checked_in_at: Option<CityTime>,
    pub checked_out_at: Option<CityTime>,
    /// Whether proof may be submitted (again) now.
    pub can_submit: bool,
}

impl From<claims::Claim> for Claim {
    fn from(c: claims::Claim) -> Claim {
        Claim {
            id: c.id,
            opportunity_id: c.opportunity_id,
            state: c.state.as_str().to_owned(),
            reward_city: c.reward_city,
            reward_vote: c.reward_vote,
            submissions: c.submissions,
            claimed_at: c.claimed_at.into(),
            checked_in_at: c.checked_in_at.map(CityTime),
            checked_out_at: c.checked_out_at.map(CityTime),
            can_submit: c.can_submit,
        }
    }
}

/// Proof submitted for a claim, and the decision on it once taken.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Submission {
    pub id: String,
    pub attempt: i32,
    pub text: String,
    pub point: Option<Point>,
    pub worked_from: Option<CityTime>,
    pub worked_until: Option<CityTime>,
    pub outcome_quantity: f64,
    pub extra_values: BTreeMap<String, String>,
    pub submitted_at: CityTime,
    /// `approved` or `rejected`, once decided.
    pub decision: Option<String>,
    pub reject_reason: Option<String>,
    pub feedback: Option<String>,
    pub quality_rating: Option<i32>,
    pub confirmed_outcome: Option<f64>,
    pub decided_at: Option<CityTime>,
    /// Photo ids, for `GET /api/v1/photos/{id}`.
    pub photos: Vec<String>,
}

impl From<claims::Submission> for Submission {
    fn from(s: claims::Submission) -> Submission {
        Submission {
            id: s.id,
            attempt: s.attempt,
            text: s.text,
            point: s.point.map(|p| Point {
                latitude: p.latitude,
                longitude: p.longitude,
            }),
            worked_from: s.worked_from.map(CityTime),
            worked_until: s.worked_until.map(CityTime),
            outcome_quantity: s.outcome_quantity,
            extra_values: s.extra_values,
            submitted_at: s.submitted_at.into(),
            decision: s.decision,
            reject_reason: s.reject_reason,
            feedback: s.feedback,
            quality_rating: s.quality_rating,
            confirmed_outcome: s.confirmed_outcome,
            decided_at: s.decided_at.map(CityTime),
            photos: s.photos,
        }
    }
}

/// Verified work: what it counted and minted.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Contribution {
    pub id: String,
    pub claim_id: String,
    pub organization_name: String,
    pub category: String,
    pub outcome_unit: String,
    pub outcome_quantity: f64,
    pub quality_rating: i32,
    pub feedback: String,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub verified_at: CityTime,
}

impl From<claims::Contribution> for Contribution {
    fn from(c: claims::Contribution) -> Contribution {
        Contribution {
            id: c.id,
            claim_id: c.claim_id,
            organization_name: c.organization_name,
            category: c.category,
            outcome_unit: c.outcome_unit,
            outcome_quantity: c.outcome_quantity,
            quality_rating: c.quality_rating,
            feedback: c.feedback,
            reward_city: c.reward_city,
            reward_vote: c.reward_vote,
            verified_at: c.verified_at.into(),
        }
    }
}

/// A claim with its opportunity, proof and outcome.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimDetail {
    pub claim: Claim,
    /// The claimant's username.
    pub claimant: String,
    pub opportunity: Opportunity,
    /// The proof the template asks for: `text`, `photo`, `geo` or `time_range`.
    pub proof_kinds: Vec<String>,
    pub submissions: Vec<Submission>,
    pub contribution: Option<Contribution>,
    pub can_withdraw: bool,
}

async fn detail(ctx: &Ctx, bearer: &Bearer, claim_id: &str) -> Result<ClaimDetail, AppError> {
    let page = claims::claim_page(ctx, &bearer.user, claim_id).await?;
    Ok(ClaimDetail {
        claim: page.claim.into(),
        claimant: page.claimant,
        opportunity: page.opportunity.into(),
        proof_kinds: page
            .template
            .proof_kinds
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect(),
        submissions: page.submissions.into_iter().map(Submission::from).collect(),
        contribution: page.contribution.map(Contribution::from),
        can_withdraw: page.can_withdraw,
    })
}

/// The optional body of a claim (issue 26).
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct ClaimRequest {
    /// The version of the template's waiver the resident read and accepts (required when
    /// the template has a waiver; see `GET /api/v1/opportunities/{id}/eligibility`).
    #[serde(default)]
    pub accept_waiver: Option<i32>,
    /// How many people the claim is for, the claimant included: 1 (the default) to 10 and
    /// at most the places left. A group claim holds that many places; its friends join
    /// with the join link shown on the claim's web page.
    #[serde(default)]
    pub party_size: Option<i32>,
}

/// Claim a slot of an opportunity (one active claim per resident and opportunity). A
/// template's requirements (minimum age, a guardian's consent for minors, its waiver,
/// qualifications) are checked first: a refusal is a 403 `claim-requirements-unmet` problem
/// whose `detail` lists what is missing.
#[utoipa::path(post, path = "/api/v1/opportunities/{id}/claims", tag = "work",
    security(("oauth2" = ["write:claims"])),
    params(("id" = String, Path, description = "The opportunity's id")),
    request_body(content = Option<ClaimRequest>, description = "Optional: the waiver version accepted, the party size"),
    responses(
        (status = 201, body = ClaimDetail),
        (status = 403, description = "Scope missing, e-mail not verified, or requirements unmet", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Full, closed, past its deadline or claimed already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn claim_create(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteClaims>,
    id: web::Path<String>,
    body: Option<web::Json<ClaimRequest>>,
) -> Result<HttpResponse, Problem> {
    let (accepted, party) = body
        .map(|b| (b.accept_waiver, b.party_size.unwrap_or(1)))
        .unwrap_or((None, 1));
    let claim = claims::claim_with(&ctx, &bearer.user, &id, party, accepted).await?;
    let body = detail(&ctx, &bearer, &claim.id).await?;
    Ok(HttpResponse::Created().json(body))
}

/// The resident's claims and verified contributions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MyWork {
    pub claims: Vec<ClaimLine>,
    pub contributions: Vec<Contribution>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimLine {
    pub claim: Claim,
    pub opportunity_title: String,
    pub starts_at: CityTime,
    pub ends_at: CityTime,
}

/// The resident's claims, newest first, and their verified contributions.
#[utoipa::path(get, path = "/api/v1/claims", tag = "work",
    security(("oauth2" = ["read"])),
    responses((status = 200, body = MyWork), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn claims_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
) -> Result<HttpResponse, Problem> {
    let (lines, contributions) = claims::my_work(&ctx, &bearer.user).await?;
    Ok(HttpResponse::Ok().json(MyWork {
        claims: lines
            .into_iter()
            .map(|l| ClaimLine {
                claim: l.claim.into(),
                opportunity_title: l.opportunity_title,
                starts_at: l.starts_at.into(),
                ends_at: l.ends_at.into(),
            })
            .collect(),
        contributions: contributions.into_iter().map(Contribution::from).collect(),
    }))
}

/// One claim (to its claimant, the issuing organization's verifiers and administrators).
#[utoipa::path(get, path = "/api/v1/claims/{id}", tag = "work",
    security(("oauth2" = ["read"])),
    params(("id" = String, Path, description = "The claim's id")),
    responses((status = 200, body = ClaimDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn claim_show(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let body = detail(&ctx, &bearer, &id).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Withdraw a claim before submitting proof, freeing the slot.
#[utoipa::path(post, path = "/api/v1/claims/{id}/withdraw", tag = "work",
    security(("oauth2" = ["write:claims"])),
    params(("id" = String, Path, description = "The claim's id")),
    responses(
        (status = 200, body = ClaimDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Proof was submitted already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn claim_withdraw(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteClaims>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    claims::withdraw(&ctx, &bearer.user, &id).await?;
    let body = detail(&ctx, &bearer, &id).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// The multipart form of a proof, as documented (the handler reads it part by part).
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct ProofForm {
    /// What was done, in the resident's words.
    pub text: Option<String>,
    /// How much, in the opportunity's outcome unit.
    pub outcome_quantity: String,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    /// When the work began: RFC 3339 with an offset, or `YYYY-MM-DDTHH:MM` on the city's
    /// clock.
    #[schema(value_type = Option<CityTime>)]
    pub worked_from: Option<String>,
    #[schema(value_type = Option<CityTime>)]
    pub worked_until: Option<String>,
    /// JPEG, PNG or WebP photos (at most 6, `citysync_domain::work::PHOTOS_MAX`); their
    /// metadata is removed.
    #[schema(value_type = Vec<String>, format = Binary, max_items = 6)]
    pub photos: Option<Vec<String>>,
}

/// Submit proof for a claim (`multipart/form-data`; once more after a rejection). Fields
/// named `extra_<id>` answer the template's extra questions.
#[utoipa::path(post, path = "/api/v1/claims/{id}/proofs", tag = "work",
    security(("oauth2" = ["write:proofs"])),
    params(("id" = String, Path, description = "The claim's id")),
    request_body(content = ProofForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = ClaimDetail),
        (status = 400, description = "A field is missing or malformed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The claim takes no proof now", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "A photo is too large", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn proof_create(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::WriteProofs>,
    id: web::Path<String>,
    body: Multipart,
) -> Result<HttpResponse, Problem> {
    let limits = UploadLimits {
        file_field: "photos",
        max_file_bytes: ctx.settings.photo_max_bytes,
        max_files: PHOTOS_MAX,
        long_text_field: "text",
    };
    let form = citysync_edge::read_upload(body, limits).await?;
    let f = &form.fields;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let input = ProofInput {
        text: get("text"),
        photos: form.files,
        latitude: get("latitude"),
        longitude: get("longitude"),
        worked_from: crate::time::form_field("worked_from", f.get("worked_from"), &req)?,
        worked_until: crate::time::form_field("worked_until", f.get("worked_until"), &req)?,
        outcome_quantity: get("outcome_quantity"),
        extra_values: f
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("extra_").map(|k| (k.to_owned(), v.clone())))
            .collect(),
    };
    claims::submit(&ctx, &bearer.user, &id, input).await?;
    let body = detail(&ctx, &bearer, &id).await?;
    Ok(HttpResponse::Created().json(body))
}

/// A proof photo (to whoever may see its claim), metadata removed.
#[utoipa::path(get, path = "/api/v1/photos/{id}", tag = "work",
    security(("oauth2" = ["read"])),
    params(("id" = String, Path, description = "The photo's id")),
    responses(
        (status = 200, description = "The image: PNG stays PNG, other photos are JPEG", content(("image/jpeg"), ("image/png"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn photo_show(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Read>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let (bytes, content_type) = claims::photo(&ctx, &bearer.user, &id).await?;
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}

/// A submission waiting for a verifier's decision.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QueueItem {
    pub submission: Submission,
    pub claim: Claim,
    /// The claimant's username.
    pub claimant: String,
    pub opportunity_id: String,
    pub opportunity_title: String,
    /// The verifier's own claim: someone else must decide it.
    pub own: bool,
}

/// An organization's submissions waiting for a decision, oldest first (its verifiers).
#[utoipa::path(get, path = "/api/v1/organizations/{handle}/verification-queue", tag = "verification",
    security(("oauth2" = ["verify"])),
    params(("handle" = String, Path, description = "The organization's handle")),
    responses(
        (status = 200, body = Vec<QueueItem>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn queue_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Verify>,
    handle: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let items = claims::verification_queue(&ctx, &bearer.user, &handle).await?;
    let body: Vec<QueueItem> = items
        .into_iter()
        .map(|i| QueueItem {
            submission: i.submission.into(),
            claim: i.claim.into(),
            claimant: i.claimant,
            opportunity_id: i.opportunity_id,
            opportunity_title: i.opportunity_title,
            own: i.own,
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// A verifier's decision.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Verified: mints the claim's reward.
    Approve {
        confirmed_outcome: f64,
        /// 1 to 5.
        quality_rating: i32,
        #[serde(default)]
        feedback: String,
    },
    Reject {
        /// `insufficient_proof`, `not_completed`, `outside_window`, `duplicate` or `other`.
        reason: String,
        /// What to do better; shown to the claimant.
        #[serde(default)]
        feedback: String,
    },
}

/// What a decision led to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Decided {
    pub submission_id: String,
    pub claim: Claim,
    pub contribution: Option<Contribution>,
    /// What an approval did with the reward (absent for a rejection).
    pub reward: Option<RewardOutcome>,
}

/// What happened to an approval's reward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RewardStatus {
    /// Minted in full.
    Minted,
    /// A per-resident cap for the period held part of it back.
    Capped,
    /// The resident is below the city's `level_to_earn`: nothing was minted; the reward is
    /// credited if they are verified as a resident before the period ends.
    Held,
}

/// An approval's reward and what was minted of it (CITY in hundredths).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RewardOutcome {
    pub status: RewardStatus,
    pub reward_city: i64,
    pub minted_city: i64,
    pub reward_vote: i64,
    pub minted_vote: i64,
}

impl RewardOutcome {
    fn of(decided: &claims::Decided, contribution: Option<&Contribution>) -> Option<RewardOutcome> {
        if let Some(held) = decided.held {
            return Some(RewardOutcome {
                status: RewardStatus::Held,
                reward_city: held.city,
                minted_city: 0,
                reward_vote: held.vote,
                minted_vote: 0,
            });
        }
        if let Some(capped) = decided.capped {
            return Some(RewardOutcome {
                status: RewardStatus::Capped,
                reward_city: capped.city.reward,
                minted_city: capped.city.minted,
                reward_vote: capped.vote.reward,
                minted_vote: capped.vote.minted,
            });
        }
        contribution.map(|c| RewardOutcome {
            status: RewardStatus::Minted,
            reward_city: c.reward_city,
            minted_city: c.reward_city,
            reward_vote: c.reward_vote,
            minted_vote: c.reward_vote,
        })
    }
}

/// Decide a submission. Approval mints the claim's reward, so an `Idempotency-Key` makes a
/// retry safe: the same key and body get the first answer again.
#[utoipa::path(post, path = "/api/v1/submissions/{id}/decision", tag = "verification",
    security(("oauth2" = ["verify"])),
    params(
        ("id" = String, Path, description = "The submission's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once"),
    ),
    request_body = Decision,
    responses(
        (status = 200, body = Decided),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn decision_create(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Verify>,
    id: web::Path<String>,
    body: crate::extract::Json<Decision>,
) -> Result<HttpResponse, Problem> {
    let decision = body.into_inner();
    let fingerprint = serde_json::to_string(&decision).unwrap_or_default();
    reply::once(&req, &ctx, &bearer.user, &fingerprint, |ctx| {
        let bearer = &bearer;
        async move {
            let input = match decision {
                Decision::Approve {
                    confirmed_outcome,
                    quality_rating,
                    feedback,
                } => DecisionInput::Approve {
                    confirmed_outcome: confirmed_outcome.to_string(),
                    quality_rating: quality_rating.to_string(),
                    feedback,
                },
                Decision::Reject { reason, feedback } => DecisionInput::Reject { reason, feedback },
            };
            let decided = claims::decide(&ctx, &bearer.user, &id, input).await?;
            let claim_id = claims::claim_of_submission(&ctx, &id).await?;
            let detail = detail(&ctx, bearer, &claim_id).await?;
            Ok(Reply::json(
                StatusCode::OK,
                &Decided {
                    reward: RewardOutcome::of(&decided, detail.contribution.as_ref()),
                    submission_id: id.to_string(),
                    claim: detail.claim,
                    contribution: detail.contribution,
                },
            ))
        }
    })
    .await
}

async fn check(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Verify>,
    id: web::Path<String>,
    check_in: bool,
) -> Result<HttpResponse, Problem> {
    claims::check_in_out(&ctx, &bearer.user, &id, check_in).await?;
    let body = detail(&ctx, &bearer, &id).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Check a claimant in on site (an `on_site` opportunity's verifiers).
#[utoipa::path(post, path = "/api/v1/claims/{id}/check-in", tag = "verification",
    security(("oauth2" = ["verify"])),
    params(("id" = String, Path, description = "The claim's id")),
    responses((status = 200, body = ClaimDetail), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn check_in(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Verify>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    check(ctx, bearer, id, true).await
}

/// Check a claimant out on site.
#[utoipa::path(post, path = "/api/v1/claims/{id}/check-out", tag = "verification",
    security(("oauth2" = ["verify"])),
    params(("id" = String, Path, description = "The claim's id")),
    responses((status = 200, body = ClaimDetail), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn check_out(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Verify>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    check(ctx, bearer, id, false).await
}
