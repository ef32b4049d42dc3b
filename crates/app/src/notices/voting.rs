//! Residents holding VOTE are told when voting opens in a decision cycle and, when voting
//! lasts more than a day, once more the day before it closes.
//!
//! Who is told: the residents in the cycle's VOTE snapshot (taken when voting opened) with
//! a weight above zero, the ones who can vote. Each notice is recorded by a row keyed by
//! (kind, cycle, person) in the transaction that sends it, so a second worker running at
//! once conflicts on the key and sends nothing; people are told [`BATCH`] per transaction.

use super::BATCH;
use crate::notifications::{self, Notice, NoticeKind};
use crate::{AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_i18n::Moment;
use citysync_storage::{events, DbConnection};

/// How long before voting closes its holders are told it closes "tomorrow".
const CLOSING_NOTICE: Duration = Duration::hours(24);

/// The worker's pass (run after the cycles moved on): tells the VOTE holders of every
/// cycle in voting that voting opened, and that it closes within a day once it does.
/// Returns how many people were told.
pub async fn send_voting_notices(ctx: &Ctx) -> Result<usize, AppError> {
    let now = ctx.now();
    let cycles = ctx.run(|conn| Ok(events::cycles_voting(conn)?)).await?;
    let mut sent = 0;
    for (id, title, voting_at, results_at) in cycles {
        if results_at <= now {
            // Closed already; the governance step tallies it.
            continue;
        }
        let closing_due = results_at - now <= CLOSING_NOTICE;
        // Who learns that voting opened when it closes within a day anyway is not told
        // twice; a vote shorter than a day has no "closes tomorrow" notice.
        sent += tell(
            ctx,
            &id,
            &title,
            NoticeKind::VotingOpened,
            closing_due,
            results_at,
        )
        .await?;
        if closing_due && results_at - voting_at > CLOSING_NOTICE {
            sent += tell(
                ctx,
                &id,
                &title,
                NoticeKind::VotingClosing,
                false,
                results_at,
            )
            .await?;
        }
    }
    Ok(sent)
}

/// Tells every holder of `cycle_id` not yet told `kind`, a batch per transaction.
/// `also_closing` records the closing notice as done for those told.
async fn tell(
    ctx: &Ctx,
    cycle_id: &str,
    title: &str,
    kind: NoticeKind,
    also_closing: bool,
    closes_at: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut sent = 0;
    loop {
        let (ctx2, id, title) = (ctx.clone(), cycle_id.to_owned(), title.to_owned());
        let now = ctx.now();
        let (seen, told) = ctx
            .db
            .write(move |conn| {
                let voters = events::voters_not_noticed(conn, &id, kind.as_str(), BATCH)?;
                let mut told = 0;
                for voter in &voters {
                    if !events::record_notice_sent(conn, kind.as_str(), &id, voter, now)? {
                        continue;
                    }
                    if also_closing {
                        let closing = NoticeKind::VotingClosing.as_str();
                        events::record_notice_sent(conn, closing, &id, voter, now)?;
                    }
                    notify(conn, &ctx2, voter, kind, &id, &title, closes_at, now)?;
                    told += 1;
                }
                Ok::<_, AppError>((voters.len(), told))
            })
            .await?;
        sent += told;
        if i64::try_from(seen).unwrap_or(i64::MAX) < BATCH {
            return Ok(sent);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn notify(
    conn: &mut DbConnection,
    ctx: &Ctx,
    voter: &str,
    kind: NoticeKind,
    cycle_id: &str,
    title: &str,
    closes_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let (locale, zone) = notifications::reader(conn, voter)?;
    let closes = ctx.i18n.message(
        locale,
        "notice-voting-closes",
        &[(
            "when",
            ctx.i18n
                .moment(locale, zone, closes_at, Moment::DateTime)
                .into(),
        )],
    );
    notifications::notify(
        conn,
        ctx,
        voter,
        Notice {
            kind,
            subject_id: cycle_id,
            about: title,
            link: format!("/governance/{cycle_id}"),
            feedback: Some(&closes),
        },
        now,
    )
}
