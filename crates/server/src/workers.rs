//! Background work of a `serve` process: sending queued mail, delivering queued activities,
//! and housekeeping. Each loop stops when the shutdown signal turns true.

use crate::metrics::Metrics;
use citysync_app::{mail_outbox, Ctx};
use citysync_mail::Mailer;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub async fn mail(
    ctx: Ctx,
    mailer: Arc<dyn Mailer>,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let result = mail_outbox::deliver_due(&ctx, mailer.as_ref()).await;
        metrics.worker_run("mail", result.is_ok());
        match result {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "mail sent"),
            Err(e) => tracing::warn!(error = ?e, "mail round failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Removes expired sessions, old throttle counters and day-old Idempotency-Key records, hourly.
pub async fn housekeeping(ctx: Ctx, metrics: Metrics, mut shutdown: watch::Receiver<bool>) {
    loop {
        let result = citysync_app::operations::housekeeping(&ctx).await;
        metrics.worker_run("housekeeping", result.is_ok());
        match result {
            Ok((s, e)) if s + e > 0 => {
                tracing::info!(sessions = s, rate_events = e, "housekeeping")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "housekeeping failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(3600)) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Removes personal data older than its retention period (`[retention]`), except what
/// belongs to an account under legal hold, every `every` (daily). Every removal is
/// idempotent and a photo's file goes with the delete that removed its row, so a second
/// process sweeping at once removes nothing twice.
pub async fn retention(
    ctx: Ctx,
    every: Duration,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let result = citysync_app::retention::sweep(&ctx).await;
        metrics.worker_run("retention", result.is_ok());
        match result {
            Ok(s) if s.total() == 0 => {}
            Ok(s) => tracing::info!(
                photos = s.photos,
                locations = s.locations,
                ip_records = s.ip_records,
                sessions = s.sessions,
                mail_rows = s.mail_rows,
                mail_files = s.mail_files,
                "retention sweep"
            ),
            Err(e) => tracing::warn!(error = ?e, "retention sweep failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Warns claimants before their claim expires and expires claims with no proof by the
/// opportunity's end plus the grace period, then passes lapsed waiting-list offers to the
/// next one waiting, every `every` (`server.sweep_seconds`).
pub async fn claim_expiry(
    ctx: Ctx,
    every: Duration,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let result = citysync_app::claims::sweep(&ctx).await;
        metrics.worker_run("claim_expiry", result.is_ok());
        match result {
            Ok((0, 0)) => {}
            Ok((warned, expired)) => tracing::info!(warned, expired, "claim expiry"),
            Err(e) => tracing::warn!(error = ?e, "claim expiry failed"),
        }
        // Each lapse is a compare-and-set under the opportunity's lock: safe with several
        // processes sweeping at once.
        let result = citysync_app::claims::waitlist::sweep(&ctx).await;
        metrics.worker_run("waitlist_offers", result.is_ok());
        match result {
            Ok(0) => {}
            Ok(lapsed) => tracing::info!(lapsed, "waitlist offers passed on"),
            Err(e) => tracing::warn!(error = ?e, "waitlist sweep failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Reminds claimants before their opportunity starts (`notifications.reminder_hours`),
/// every `every`. Each reminder is recorded under a unique key in the transaction that
/// sends it, so a second process doing the same sends nothing twice.
pub async fn shift_reminders(
    ctx: Ctx,
    every: Duration,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let result = citysync_app::claims::send_reminders(&ctx).await;
        metrics.worker_run("shift_reminders", result.is_ok());
        match result {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "shift reminders sent"),
            Err(e) => tracing::warn!(error = ?e, "shift reminders failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Closes epochs on time (returning unused budgets, sealing the report, signing a
/// checkpoint, opening the next with its grants) and releases expired reservations,
/// every `every`. Both are idempotent, so a second process doing the same is harmless.
pub async fn ledger(
    ctx: Ctx,
    every: Duration,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let closing = citysync_app::ledger::epochs::close_all_due(&ctx).await;
        let releasing = citysync_app::redemptions::expire_due(&ctx).await;
        metrics.worker_run("ledger", closing.is_ok() && releasing.is_ok());
        match closing {
            Ok(closed) if closed.is_empty() => {}
            Ok(closed) => tracing::info!(?closed, "epochs closed"),
            Err(e) => tracing::warn!(error = ?e, "closing epochs failed"),
        }
        match releasing {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "expired reservations released"),
            Err(e) => tracing::warn!(error = ?e, "releasing reservations failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Moves decision cycles into the phase their dates say, every `every`: snapshotting
/// VOTE when voting opens, tallying and enacting at the close. Each step locks its cycle,
/// so a second process doing the same is harmless.
pub async fn governance(
    ctx: Ctx,
    every: Duration,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let result = citysync_app::governance::advance_due(&ctx).await;
        // Then VOTE holders hear that voting opened, or closes within a day.
        let told = citysync_app::notices::voting::send_voting_notices(&ctx).await;
        metrics.worker_run("governance", result.is_ok() && told.is_ok());
        match result {
            Ok(0) => {}
            Ok(steps) => tracing::info!(steps, "decision cycles moved on"),
            Err(e) => tracing::warn!(error = ?e, "governance round failed"),
        }
        match told {
            Ok(0) => {}
            Ok(told) => tracing::info!(told, "voting notices sent"),
            Err(e) => tracing::warn!(error = ?e, "voting notices failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// Sends the daily digest to the people who chose it, once a day at
/// `notifications.digest_hour` on the city's clock (checked every `every`). Each person's
/// digest mark moves by compare-and-set with their email, so a second process sends none.
pub async fn digest(
    ctx: Ctx,
    every: Duration,
    metrics: Metrics,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let result = citysync_app::notices::digest::send_digests(&ctx).await;
        metrics.worker_run("digest", result.is_ok());
        match result {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "daily digests sent"),
            Err(e) => tracing::warn!(error = ?e, "daily digests failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}
