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
    // One transaction: a claim that is due to expire is always warned first, even when its
    // opportunity's end moved into the past between two passes (or another process's).
    ctx.db
        .write(move |conn| {
            let due = store::unwarned_claims_ending_before(conn, now + warning - grace, 200)?;
            let mut warned = 0;
            for row in due {
                if !store::mark_expiry_warned(conn, &row.id, now)? {
                    continue;
                }
                let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
                notifications::notify(
                    conn,
                    &ctx2,
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
                warned += 1;
            }
            let due = store::unsubmitted_claims_ended_before(conn, now - grace, 200)?;
            let mut expired = 0;
            for row in due {
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
