//! Proof: what a claimant submits, checked, with photos cleaned and stored.

use super::*;

/// What a resident sends as proof; photos are the raw uploaded bytes.
#[derive(Debug, Clone, Default)]
pub struct ProofInput {
    pub text: String,
    pub photos: Vec<Vec<u8>>,
    pub latitude: String,
    pub longitude: String,
    pub worked_from: Option<NaiveDateTime>,
    pub worked_until: Option<NaiveDateTime>,
    pub outcome_quantity: String,
    pub extra_values: BTreeMap<String, String>,
}

/// The claimant submits proof for their claim (again, once, after a rejection).
pub async fn submit(
    ctx: &Ctx,
    user: &User,
    claim_id: &str,
    input: ProofInput,
) -> Result<(), AppError> {
    user.require_verified()?;
    let id = claim_id.to_owned();
    let uid = user.id.to_string();
    // Check everything that needs no lock first, so bad input is refused before any file is written.
    let (row, spec, starts_at) = {
        let (id, uid) = (id.clone(), uid.clone());
        ctx.run(move |conn| {
            let row = own_claim(conn, &id, &uid)?;
            // A party member's proof is her group's, sent by its claimant.
            super::party::require_not_member(conn, &id)?;
            let spec = claimed_spec(conn, &row)?;
            let opportunity =
                catalog_store::opportunity(conn, &row.opportunity_id)?.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((row, spec, opportunity.starts_at))
        })
        .await?
    };
    if progress_of(&row)?.transition(ClaimEvent::Submit).is_err() {
        return Err(AppError::AlreadyDecided);
    }
    // Credit is for work done: no proof before the work could have begun.
    if ctx.now() < starts_at {
        return Err(AppError::WorkNotStarted);
    }
    let proof = Proof {
        text: input.text,
        photos: input.photos.len(),
        point: GeoPoint::parse_optional(&input.latitude, &input.longitude)?,
        worked: match (input.worked_from, input.worked_until) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            _ => return Err(citysync_domain::DomainError::TimesInvalid.into()),
        },
        outcome_quantity: input
            .outcome_quantity
            .trim()
            .parse()
            .map_err(|_| citysync_domain::DomainError::OutcomeInvalid)?,
        extra_values: input.extra_values,
    }
    .check(&spec)?;
    let max = ctx.settings.photo_max_bytes;
    let raw = input.photos;
    let cleaned: Vec<CleanPhoto> = tokio::task::spawn_blocking(move || {
        raw.iter()
            .map(|b| photos::clean(b, max))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map_err(AppError::internal)??;
    let dir = ctx.settings.uploads_dir.clone();
    let stored: Vec<(String, CleanPhoto)> = {
        let dir = dir.clone();
        tokio::task::spawn_blocking(move || {
            cleaned
                .into_iter()
                .map(|p| photos::store(&dir, &p).map(|name| (name, p)))
                .collect::<Result<Vec<_>, _>>()
        })
        .await
        .map_err(AppError::internal)??
    };
    let names: Vec<String> = stored.iter().map(|(n, _)| n.clone()).collect();
    let now = ctx.now();
    let ctx2 = ctx.clone();
    let result = ctx
        .db
        .write(move |conn| {
            let row = own_claim(conn, &id, &uid)?;
            let opp =
                catalog_store::opportunity(conn, &row.opportunity_id)?.ok_or(AppError::NotFound)?;
            if opp.state == OpportunityState::Cancelled {
                return Err(AppError::NotClaimable);
            }
            let next = apply(conn, &row, ClaimEvent::Submit, Some(&uid), "", now).map_err(|e| {
                if matches!(e, AppError::Conflict) {
                    AppError::AlreadyDecided
                } else {
                    e
                }
            })?;
            let submission_id = secrets::new_id();
            store::insert_submission(
                conn,
                &SubmissionRow {
                    id: submission_id.clone(),
                    claim_id: row.id.clone(),
                    attempt: i32::from(next.submissions),
                    text: proof.text.clone(),
                    latitude: proof.point.map(|p| p.latitude),
                    longitude: proof.point.map(|p| p.longitude),
                    worked_from: proof.worked.map(|w| w.0),
                    worked_until: proof.worked.map(|w| w.1),
                    outcome_quantity: proof.outcome_quantity,
                    extra_values: serde_json::to_string(&proof.extra_values)
                        .map_err(AppError::internal)?,
                    submitted_at: now,
                    decision: None,
                    decided_by: None,
                    decided_at: None,
                    reject_reason: None,
                    feedback: None,
                    quality_rating: None,
                    confirmed_outcome: None,
                },
            )?;
            for (name, photo) in &stored {
                store::insert_photo(
                    conn,
                    &PhotoRow {
                        id: secrets::new_id(),
                        submission_id: submission_id.clone(),
                        file_name: name.clone(),
                        content_type: photo.content_type.to_owned(),
                        byte_size: i64::try_from(photo.bytes.len()).unwrap_or(i64::MAX),
                        width: i32::try_from(photo.width).unwrap_or(i32::MAX),
                        height: i32::try_from(photo.height).unwrap_or(i32::MAX),
                        created_at: now,
                        perceptual_hash: Some(photo.perceptual_hash.clone()),
                    },
                )?;
            }
            tell_verifiers(conn, &ctx2, &opp, &submission_id, &uid, now)?;
            Ok(())
        })
        .await;
    if result.is_err() {
        // Nothing refers to the files: remove them so a refused submission leaves no trace.
        for name in names {
            let _ = std::fs::remove_file(photos::path_of(&dir, &name));
        }
    }
    result
}

/// Tells the members of the issuing organization who verify (its verifiers and owners) that
/// proof waits for them, except the claimant.
fn tell_verifiers(
    conn: &mut DbConnection,
    ctx: &Ctx,
    opp: &catalog_store::OpportunityRow,
    submission_id: &str,
    claimant_id: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let Some(org) = citysync_storage::organizations::by_id(conn, &opp.organization_id)? else {
        return Ok(());
    };
    let title = catalog::load_opportunity(conn, &opp.id)?.title;
    let link = format!("/organizations/{}/verify", org.handle);
    for (member, _) in citysync_storage::organizations::members(conn, &org.id)? {
        let verifies = Role::parse_role(&member.role).is_ok_and(|r| r.can(Capability::Verify));
        if !verifies || member.user_id == claimant_id {
            continue;
        }
        notifications::notify(
            conn,
            ctx,
            &member.user_id,
            Notice {
                kind: NoticeKind::ProofSubmitted,
                subject_id: submission_id,
                about: &title,
                link: link.clone(),
                feedback: None,
            },
            now,
        )?;
    }
    Ok(())
}
