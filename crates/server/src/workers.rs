//! Background work of a `serve` process: sending queued mail, expiring claims, closing
//! epochs, moving decision cycles, housekeeping. Every job is a round — one use case and the
//! line it logs — run by the one loop of [`Jobs::spawn`], which counts it in the metrics,
//! logs its failure and stops when the shutdown signal turns true. (Deliveries to peers run
//! in federation's own loop: their rounds overlap, one worker per peer.)

use crate::metrics::Metrics;
use citysync_app::{mail_outbox, AppError, Ctx};
use citysync_mail::Mailer;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// What every job shares: the context its rounds act in, the metrics they are counted in
/// and the signal that stops them.
pub struct Jobs {
    pub ctx: Ctx,
    pub metrics: Metrics,
    pub shutdown: watch::Receiver<bool>,
}

impl Jobs {
    /// Runs `round` now and then every `every` until shutdown, each round counted as `job`
    /// (`citysync_worker_runs_total{job,outcome}`) and its error logged under that name.
    pub fn spawn<F, Fut>(&self, job: &'static str, every: Duration, round: F) -> JoinHandle<()>
    where
        F: Fn(Ctx) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(), AppError>> + Send + 'static,
    {
        let ctx = self.ctx.clone();
        let metrics = self.metrics.clone();
        let mut shutdown = self.shutdown.clone();
        tokio::spawn(async move {
            loop {
                let result = round(ctx.clone()).await;
                metrics.worker_run(job, result.is_ok());
                if let Err(e) = result {
                    tracing::warn!(job, error = ?e, "background round failed");
                }
                tokio::select! {
                    _ = tokio::time::sleep(every) => {}
                    _ = shutdown.changed() => {}
                }
                if *shutdown.borrow() {
                    break;
                }
            }
        })
    }
}

/// Sends the mail that is due.
pub async fn mail(ctx: Ctx, mailer: Arc<dyn Mailer>) -> Result<(), AppError> {
    let sent = mail_outbox::deliver_due(&ctx, mailer.as_ref()).await?;
    if sent > 0 {
        tracing::info!(sent, "mail sent");
    }
    Ok(())
}

/// Removes expired sessions, old throttle counters and day-old Idempotency-Key records.
pub async fn housekeeping(ctx: Ctx) -> Result<(), AppError> {
    let (sessions, rate_events) = citysync_app::operations::housekeeping(&ctx).await?;
    if sessions + rate_events > 0 {
        tracing::info!(sessions, rate_events, "housekeeping");
    }
    Ok(())
}

/// Removes personal data older than its retention period (`[retention]`), except what
/// belongs to an account under legal hold. Every removal is idempotent and a photo's file
/// goes with the delete that removed its row, so a second process sweeping at once removes
/// nothing twice.
pub async fn retention(ctx: Ctx) -> Result<(), AppError> {
    let s = citysync_app::retention::sweep(&ctx).await?;
    if s.total() > 0 {
        tracing::info!(
            photos = s.photos,
            locations = s.locations,
            ip_records = s.ip_records,
            sessions = s.sessions,
            mail_rows = s.mail_rows,
            mail_files = s.mail_files,
            "retention sweep"
        );
    }
    Ok(())
}

/// Warns claimants before their claim expires and expires claims with no proof by the
/// opportunity's end plus the grace period.
pub async fn claim_expiry(ctx: Ctx) -> Result<(), AppError> {
    let (warned, expired) = citysync_app::claims::sweep(&ctx).await?;
    if warned + expired > 0 {
        tracing::info!(warned, expired, "claim expiry");
    }
    Ok(())
}

/// Passes lapsed waiting-list offers to the next one waiting. Each lapse is a
/// compare-and-set under the opportunity's lock: safe with several processes sweeping.
pub async fn waitlist_offers(ctx: Ctx) -> Result<(), AppError> {
    let lapsed = citysync_app::claims::waitlist::sweep(&ctx).await?;
    if lapsed > 0 {
        tracing::info!(lapsed, "waitlist offers passed on");
    }
    Ok(())
}

/// Reminds claimants before their opportunity starts (`notifications.reminder_hours`).
/// Each reminder is recorded under a unique key in the transaction that sends it, so a
/// second process doing the same sends nothing twice.
pub async fn shift_reminders(ctx: Ctx) -> Result<(), AppError> {
    let sent = citysync_app::claims::send_reminders(&ctx).await?;
    if sent > 0 {
        tracing::info!(sent, "shift reminders sent");
    }
    Ok(())
}

/// Closes epochs on time (returning unused budgets, sealing the report, signing a
/// checkpoint, opening the next with its grants). Idempotent, so a second process doing
/// the same is harmless.
pub async fn ledger(ctx: Ctx) -> Result<(), AppError> {
    let closed = citysync_app::ledger::epochs::close_all_due(&ctx).await?;
    if !closed.is_empty() {
        tracing::info!(?closed, "epochs closed");
    }
    Ok(())
}

/// Releases reservations whose time at the counter ran out, their CITY back to the holder.
pub async fn reservations(ctx: Ctx) -> Result<(), AppError> {
    let released = citysync_app::redemptions::expire_due(&ctx).await?;
    if released > 0 {
        tracing::info!(released, "expired reservations released");
    }
    Ok(())
}

/// Moves decision cycles into the phase their dates say — snapshotting VOTE when voting
/// opens, tallying and enacting at the close — and then tells VOTE holders that voting
/// opened, or closes within a day: the notice goes out in the round that opened the vote,
/// and still goes out when moving a cycle failed. Each step locks its cycle and each notice
/// is marked sent in its own transaction, so a second process doing the same is harmless.
pub async fn governance(ctx: Ctx) -> Result<(), AppError> {
    let moved = citysync_app::governance::advance_due(&ctx).await;
    let told = citysync_app::notices::voting::send_voting_notices(&ctx).await;
    if let Ok(steps @ 1..) = moved {
        tracing::info!(steps, "decision cycles moved on");
    }
    if let Ok(told @ 1..) = told {
        tracing::info!(told, "voting notices sent");
    }
    match (moved, told) {
        (Err(e), Err(also)) => {
            tracing::warn!(error = ?also, "voting notices failed");
            Err(e)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
        _ => Ok(()),
    }
}

/// Sends the daily digest to the people who chose it, once a day at
/// `notifications.digest_hour` on the city's clock. Each person's digest mark moves by
/// compare-and-set with their email, so a second process sends none.
pub async fn digest(ctx: Ctx) -> Result<(), AppError> {
    let sent = citysync_app::notices::digest::send_digests(&ctx).await?;
    if sent > 0 {
        tracing::info!(sent, "daily digests sent");
    }
    Ok(())
}
