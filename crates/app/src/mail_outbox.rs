//! Queued email: composed and stored in the transaction of the change that causes it, sent
//! by [`deliver_due`] (a worker), retried with backoff when the SMTP server is down.

use crate::{secrets, AppError, Ctx};
use chrono::Duration;
use citysync_i18n::Locale;
use citysync_mail::{Attachment, MailKind, Mailer};
use citysync_storage::calendar as mail_store;
use citysync_storage::{mail_queue, DbConnection};

/// After this many failed attempts a message is given up (about two days of retries).
pub const MAX_ATTEMPTS: i32 = 12;

/// Composes `kind` in the recipient's language and queues it. Call inside the write transaction.
pub(crate) fn enqueue(
    conn: &mut DbConnection,
    ctx: &Ctx,
    kind: &MailKind,
    locale: Locale,
    to: &str,
    city_name: &str,
) -> Result<String, AppError> {
    enqueue_with(conn, ctx, kind, locale, to, city_name, &[])
}

/// [`enqueue`] with files sent along (a calendar file): stored with the message, so every
/// retry carries them.
pub(crate) fn enqueue_with(
    conn: &mut DbConnection,
    ctx: &Ctx,
    kind: &MailKind,
    locale: Locale,
    to: &str,
    city_name: &str,
    attachments: &[Attachment],
) -> Result<String, AppError> {
    let mail = ctx.composer.compose(kind, locale, to, city_name)?;
    let now = ctx.now();
    let id = secrets::new_id();
    mail_queue::insert(
        conn,
        &mail_queue::MailRow {
            id: id.clone(),
            recipient: mail.to,
            subject: mail.subject,
            body_text: mail.text,
            body_html: mail.html,
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            sent_at: None,
            failed_at: None,
            last_error: None,
        },
    )?;
    for (position, file) in (0i32..).zip(attachments) {
        mail_store::insert_attachment(
            conn,
            &mail_store::AttachmentRow {
                mail_id: id.clone(),
                position,
                filename: file.filename.clone(),
                content_type: file.content_type.clone(),
                body: file.body.clone(),
            },
        )?;
    }
    Ok(id)
}

/// The wait before retry `attempt` (1-based): 30 s doubling, capped at 6 hours.
pub fn backoff(attempt: i32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << attempt.clamp(0, 20));
    Duration::seconds(secs.min(6 * 3600))
}

/// Sends what is due; returns how many were sent. Each message is leased first, so two
/// workers (or two processes) never send the same one.
pub async fn deliver_due(ctx: &Ctx, mailer: &dyn Mailer) -> Result<usize, AppError> {
    let now = ctx.now();
    let lease_until = now + Duration::minutes(2);
    let batch = ctx
        .db
        .write(move |conn| -> Result<_, AppError> {
            Ok(mail_queue::lease_due(conn, now, lease_until, 20, &[])?)
        })
        .await?;
    let mut sent = 0;
    for row in batch {
        let mail_id = row.id.clone();
        let attachments = ctx
            .run(move |conn| Ok(mail_store::attachments_of(conn, &mail_id)?))
            .await?
            .into_iter()
            .map(|a| Attachment {
                filename: a.filename,
                content_type: a.content_type,
                body: a.body,
            })
            .collect();
        let mail = citysync_mail::OutgoingMail {
            to: row.recipient.clone(),
            subject: row.subject.clone(),
            text: row.body_text.clone(),
            html: row.body_html.clone(),
            attachments,
        };
        let result = mailer.send(&mail).await;
        let now = ctx.now();
        let id = row.id.clone();
        match result {
            Ok(()) => {
                sent += 1;
                ctx.run(move |conn| Ok(mail_queue::mark_sent(conn, &id, now)?))
                    .await?;
            }
            Err(e) => {
                let attempt = row.attempts + 1;
                let retry_at = (attempt < MAX_ATTEMPTS).then(|| now + backoff(attempt));
                tracing::warn!(mail = %row.id, attempt, error = %e, "sending mail failed");
                let error = e.to_string();
                ctx.run(move |conn| {
                    Ok(mail_queue::mark_attempt_failed(
                        conn, &id, &error, retry_at, now,
                    )?)
                })
                .await?;
            }
        }
    }
    Ok(sent)
}
