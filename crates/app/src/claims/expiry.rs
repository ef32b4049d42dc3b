//! The expiry worker's pass: reminders, then expiry that frees the slot.

use super::*;

/// The worker's pass: warns claimants whose claim will expire within the warning period, and
/// expires claims with no proof by the opportunity's end plus the grace period (freeing
/// their slots). Returns (warned, expired).
pub async fn sweep(ctx: &Ctx) -> Result<(usize, usize), AppError> {
    let now = ctx.now();
    let grace = Duration::hours(ctx.settings.claim_grace_hours);
    let warning = Duration::hours(ctx.settings.expiry_warning_hours);
    let ctx2 = ctx.clone();
    // One transaction, and every claim warned before it expires: even one whose
    // opportunity's end moved into the past after the warning query read the claims (on
    // PostgreSQL each statement reads what is committed when it starts).
    ctx.db
        .write(move |conn| {
            let mut warned = 0;
            let due = store::unwarned_claims_ending_before(conn, now + warning - grace, 200)?;
            for row in &due {
                if warn(conn, &ctx2, row, now)? {
                    warned += 1;
                }
            }
            let due = store::unsubmitted_claims_ended_before(conn, now - grace, 200)?;
            let mut expired = 0;
            for row in due {
                if row.expiry_warned_at.is_none() && warn(conn, &ctx2, &row, now)? {
                    warned += 1;
                }
                match apply(
                    conn,
                    &row,
                    ClaimEvent::Expire,
                    None,
                    "no proof by the deadline",
                    now,
                ) {
                    Ok(_) => {
                        expired += 1;
                        // Its party's members expire with it; its places pass on.
                        party::follow(conn, &row, ClaimEvent::Expire, "group expired", now)?;
                        waitlist::pass_on(conn, &ctx2, &row.opportunity_id, now)?;
                    }
                    Err(AppError::Conflict) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok::<_, AppError>((warned, expired))
        })
        .await
}

/// Tells a claimant their claim is about to expire, once: false when it was already told
/// (by another pass or process).
fn warn(
    conn: &mut DbConnection,
    ctx: &Ctx,
    row: &store::ClaimRow,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    if !store::mark_expiry_warned(conn, &row.id, now)? {
        return Ok(false);
    }
    let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
    notifications::notify(
        conn,
        ctx,
        &row.claimant_id,
        Notice {
            kind: NoticeKind::ClaimExpiring,
            subject_id: &row.id,
            about: &opp.title,
            link: format!("/claims/{}", row.id),
            feedback: None,
        },
        now,
    )?;
    Ok(true)
}
