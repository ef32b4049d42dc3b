//! What the claim, work, queue and photo pages read.

use super::*;

/// One submission with its photos' ids.
#[derive(Debug, Clone, Serialize)]
pub struct Submission {
    pub id: String,
    pub attempt: i32,
    pub text: String,
    pub point: Option<GeoPoint>,
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
    pub outcome_quantity: f64,
    pub extra_values: BTreeMap<String, String>,
    pub submitted_at: NaiveDateTime,
    pub decision: Option<String>,
    pub reject_reason: Option<String>,
    pub feedback: Option<String>,
    pub quality_rating: Option<i32>,
    pub confirmed_outcome: Option<f64>,
    pub decided_at: Option<NaiveDateTime>,
    pub photos: Vec<String>,
}

fn submissions_with_photos(
    conn: &mut DbConnection,
    rows: Vec<SubmissionRow>,
) -> Result<Vec<Submission>, AppError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let photos = store::photos_of(conn, &ids)?;
    rows.into_iter()
        .map(|r| {
            Ok(Submission {
                photos: photos
                    .iter()
                    .filter(|p| p.submission_id == r.id)
                    .map(|p| p.id.clone())
                    .collect(),
                point: match (r.latitude, r.longitude) {
                    (Some(la), Some(lo)) => Some(GeoPoint::new(la, lo)?),
                    _ => None,
                },
                extra_values: serde_json::from_str(&r.extra_values).unwrap_or_default(),
                id: r.id,
                attempt: r.attempt,
                text: r.text,
                worked_from: r.worked_from,
                worked_until: r.worked_until,
                outcome_quantity: r.outcome_quantity,
                submitted_at: r.submitted_at,
                decision: r.decision,
                reject_reason: r.reject_reason,
                feedback: r.feedback,
                quality_rating: r.quality_rating,
                confirmed_outcome: r.confirmed_outcome,
                decided_at: r.decided_at,
            })
        })
        .collect()
}

/// A verified contribution as its holder sees it.
#[derive(Debug, Clone, Serialize)]
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
    pub verified_at: NaiveDateTime,
}

fn contribution_of(row: ContributionRow, organization_name: String) -> Contribution {
    Contribution {
        id: row.id,
        claim_id: row.claim_id,
        organization_name,
        category: row.category,
        outcome_unit: row.outcome_unit,
        outcome_quantity: row.outcome_quantity,
        quality_rating: row.quality_rating,
        feedback: row.feedback,
        reward_city: row.reward_city,
        reward_vote: row.reward_vote,
        verified_at: row.verified_at,
    }
}

/// Everything a claim's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimPage {
    pub claim: Claim,
    pub claimant: String,
    pub opportunity: Opportunity,
    pub template: TemplateSpec,
    pub submissions: Vec<Submission>,
    pub contribution: Option<Contribution>,
    pub is_claimant: bool,
    pub can_withdraw: bool,
    pub trail: Vec<trail::TrailEntry>,
}

/// Who may see a claim: its claimant, the issuing organization's verifiers, administrators.
fn may_see(
    conn: &mut DbConnection,
    viewer: &User,
    claim: &ClaimRow,
    org_id: &str,
) -> Result<bool, AppError> {
    Ok(claim.claimant_id == viewer.id.to_string()
        || viewer.is_admin
        || catalog::require_verifier(conn, &claim.opportunity_id, org_id, viewer).is_ok())
}

pub async fn claim_page(ctx: &Ctx, viewer: &User, claim_id: &str) -> Result<ClaimPage, AppError> {
    let id = claim_id.to_owned();
    let viewer = viewer.clone();
    let now = ctx.now();
    ctx.run(move |conn| {
        let row = store::by_id(conn, &id)?.ok_or(AppError::NotFound)?;
        let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
        if !may_see(conn, &viewer, &row, &opp.organization_id)? {
            return Err(AppError::NotFound);
        }
        let template = claimed_spec(conn, &row)?;
        let rows = store::submissions_of(conn, &id)?;
        let submissions = submissions_with_photos(conn, rows)?;
        let contribution = store::contribution_of_claim(conn, &id)?
            .map(|c| contribution_of(c, opp.organization_name.clone()));
        let claimant = citysync_storage::users::by_id(conn, &row.claimant_id)?
            .map(|u| u.username)
            .unwrap_or_default();
        let is_claimant = row.claimant_id == viewer.id.to_string();
        let can_withdraw =
            is_claimant && row.state == ClaimState::Claimed && now <= opp.claim_deadline;
        let trail = trail::of(conn, Subject::Claim, &id)?;
        Ok(ClaimPage {
            claim: Claim::try_from(row)?,
            claimant,
            opportunity: opp,
            template,
            submissions,
            contribution,
            is_claimant,
            can_withdraw,
            trail,
        })
    })
    .await
}

/// The viewer's active claim on an opportunity, if any (for the opportunity page).
pub async fn claim_on(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
) -> Result<Option<Claim>, AppError> {
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let row = ctx
        .run(move |conn| Ok(store::active_claim_of(conn, &id, &uid)?))
        .await?;
    row.map(Claim::try_from).transpose()
}

/// A claim line in someone's list.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimLine {
    pub claim: Claim,
    pub opportunity_title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// A resident's claims, newest first, and their verified contributions.
pub async fn my_work(
    ctx: &Ctx,
    user: &User,
) -> Result<(Vec<ClaimLine>, Vec<Contribution>), AppError> {
    let uid = user.id.to_string();
    ctx.run(move |conn| {
        let claims = store::claims_of(conn, &uid, 200)?
            .into_iter()
            .map(|(c, o, v)| {
                Ok(ClaimLine {
                    opportunity_title: o.title_override.clone().unwrap_or(v.title),
                    starts_at: o.starts_at,
                    ends_at: o.ends_at,
                    claim: Claim::try_from(c)?,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let contributions = store::contributions_of(conn, &uid, 200)?
            .into_iter()
            .map(|(c, name)| contribution_of(c, name))
            .collect();
        Ok((claims, contributions))
    })
    .await
}

/// Active claims on an opportunity, for its organization's verifiers (check-in list).
#[derive(Debug, Clone, Serialize)]
pub struct Claimant {
    pub claim: Claim,
    pub username: String,
}

pub async fn claimants(
    ctx: &Ctx,
    verifier: &User,
    opportunity_id: &str,
) -> Result<Vec<Claimant>, AppError> {
    let id = opportunity_id.to_owned();
    let verifier = verifier.clone();
    ctx.run(move |conn| {
        let opp = catalog_store::opportunity(conn, &id)?.ok_or(AppError::NotFound)?;
        catalog::require_verifier(conn, &opp.id, &opp.organization_id, &verifier)?;
        store::claims_on(conn, &id)?
            .into_iter()
            .map(|(c, username)| {
                Ok(Claimant {
                    claim: Claim::try_from(c)?,
                    username,
                })
            })
            .collect()
    })
    .await
}

/// One submission waiting for a decision, with what the verifier needs to decide.
#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    pub submission: Submission,
    pub claim: Claim,
    pub claimant: String,
    pub opportunity_id: String,
    pub opportunity_title: String,
    pub opportunity_starts_at: NaiveDateTime,
    pub opportunity_ends_at: NaiveDateTime,
    /// Sent before the opportunity ended: the verifier is warned before approving.
    pub early: bool,
    pub template: TemplateSpec,
    pub own: bool,
}

/// An organization's verification queue, oldest first.
pub async fn verification_queue(
    ctx: &Ctx,
    verifier: &User,
    handle: &str,
) -> Result<Vec<QueueItem>, AppError> {
    let handle = handle.to_owned();
    let verifier = verifier.clone();
    ctx.run(move |conn| {
        let org = organizations::load(conn, &handle)?;
        organizations::require(conn, &org.id, &verifier, Capability::Verify)?;
        let lines = store::verification_queue(conn, &org.id, 100)?;
        let mut items = Vec::with_capacity(lines.len());
        for (submission, claim, claimant, opp) in lines {
            let template = claimed_spec(conn, &claim)?;
            let own = claim.claimant_id == verifier.id.to_string();
            let title = opp
                .title_override
                .clone()
                .unwrap_or_else(|| template.title.clone());
            let early = submission.submitted_at < opp.ends_at;
            items.push(QueueItem {
                opportunity_starts_at: opp.starts_at,
                opportunity_ends_at: opp.ends_at,
                early,
                submission: submissions_with_photos(conn, vec![submission])?
                    .into_iter()
                    .next()
                    .ok_or(AppError::NotFound)?,
                claim: Claim::try_from(claim)?,
                claimant,
                opportunity_id: opp.id,
                opportunity_title: title,
                template,
                own,
            });
        }
        Ok(items)
    })
    .await
}

/// A proof photo's bytes and type, for those who may see the claim.
pub async fn photo(
    ctx: &Ctx,
    viewer: &User,
    photo_id: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let id = photo_id.to_owned();
    let viewer = viewer.clone();
    let (file, content_type) = ctx
        .run(move |conn| {
            let (photo, claim) = store::photo(conn, &id)?.ok_or(AppError::NotFound)?;
            let opp = catalog_store::opportunity(conn, &claim.opportunity_id)?
                .ok_or(AppError::NotFound)?;
            if !may_see(conn, &viewer, &claim, &opp.organization_id)? {
                return Err(AppError::NotFound);
            }
            Ok((photo.file_name, photo.content_type))
        })
        .await?;
    let dir = ctx.settings.uploads_dir.clone();
    let bytes = tokio::task::spawn_blocking(move || photos::read(&dir, &file))
        .await
        .map_err(AppError::internal)??;
    Ok((bytes, content_type))
}

/// The claim a submission was made for.
pub async fn claim_of_submission(ctx: &Ctx, submission_id: &str) -> Result<String, AppError> {
    let id = submission_id.to_owned();
    let row = ctx
        .run(move |conn| Ok(store::submission(conn, &id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(row.claim_id)
}
