//! Shift reminders: a resident with a claim on an opportunity is reminded before it starts,
//! once per lead time in `Settings::reminder_hours` (default 24 and 2 hours).

use super::*;

/// Claims handled per lead time and pass; the rest wait for the next pass.
const BATCH: i64 = 200;

/// The worker's pass: reminds claimants (`claimed`, on a published opportunity) whose
/// opportunity starts within a lead time and who were not yet reminded for it. Returns how
/// many reminders were sent.
///
/// Each reminder is recorded by a row keyed by (claim, lead time) in the transaction that
/// sends it, so a second worker running at once conflicts on the key and sends nothing.
/// When several lead times passed while no worker ran, only the nearest is sent (and the
/// earlier ones are recorded as done); an opportunity that has started gets none.
pub async fn send_reminders(ctx: &Ctx) -> Result<usize, AppError> {
    let now = ctx.now();
    let mut leads: Vec<i64> = ctx
        .settings
        .reminder_hours
        .iter()
        .copied()
        .filter(|h| *h > 0)
        .collect();
    leads.sort_unstable();
    leads.dedup();
    let mut sent = 0;
    for (i, lead) in leads.iter().copied().enumerate() {
        // The longer lead times have passed too for a claim due for this one.
        let passed: Vec<i64> = leads.iter().skip(i + 1).copied().collect();
        let ctx2 = ctx.clone();
        sent += ctx
            .db
            .write(move |conn| {
                let due = store::claims_due_reminder(conn, now, lead, BATCH)?;
                let mut n = 0;
                for row in due {
                    if !store::record_reminder(conn, &row.id, lead, now)? {
                        continue;
                    }
                    for longer in &passed {
                        store::record_reminder(conn, &row.id, *longer, now)?;
                    }
                    remind(conn, &ctx2, &row, now)?;
                    n += 1;
                }
                Ok::<_, AppError>(n)
            })
            .await?;
    }
    Ok(sent)
}

/// Tells the claimant of `row` when and where, on the city's clock in their language.
fn remind(
    conn: &mut DbConnection,
    ctx: &Ctx,
    row: &ClaimRow,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let opp = catalog::load_opportunity(conn, &row.opportunity_id)?;
    let (locale, zone) = notifications::reader(conn, &row.claimant_id)?;
    let when = ctx.i18n.message(
        locale,
        "note-claim-when",
        &[
            (
                "starts",
                ctx.i18n
                    .moment(locale, zone, opp.starts_at, Moment::DateTime)
                    .into(),
            ),
            (
                "ends",
                ctx.i18n
                    .moment(locale, zone, opp.ends_at, Moment::DateTime)
                    .into(),
            ),
            ("place", opp.place.as_str().into()),
        ],
    );
    // The subject says "tomorrow at 9:00" or "in 2 hours", so the reminders differ.
    let soon = crate::notices::when_words(ctx, locale, zone, opp.starts_at, now);
    // The claim's calendar file comes along (issue 26).
    let file = crate::calendar_files::claim_file(conn, ctx, &row.id, &opp, false, now)?;
    notifications::notify_when_with(
        conn,
        ctx,
        &row.claimant_id,
        Notice {
            kind: NoticeKind::ShiftReminder,
            subject_id: &row.id,
            about: &opp.title,
            link: format!("/claims/{}", row.id),
            feedback: Some(&when),
        },
        Some(soon),
        &[file],
        now,
    )
}
