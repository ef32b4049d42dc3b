//! In-app notifications, and the same news by email unless the person turned that kind off.

use crate::accounts::{city_name, mail_locale};
use crate::{mail_outbox, secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_mail::{MailKind, NotificationMail};
use citysync_storage::{events, users, DbConnection};
use serde::Serialize;

/// What a person can be notified of. Each kind's text is the Fluent message `note-<kind>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    ClaimConfirmed,
    OpportunityCancelled,
    /// An editor corrected an opportunity the person claimed (times, place, capacity…).
    OpportunityChanged,
    SubmissionApproved,
    SubmissionRejected,
    ClaimExpiring,
    Invitation,
    /// Work verified while the resident was below the earning level was credited when they
    /// were verified.
    RewardCredited,
    /// An opportunity the person claimed starts soon (`[notifications] reminder_hours`).
    ShiftReminder,
    /// A resident submitted proof that the person, a verifier of the issuing organization,
    /// can decide.
    ProofSubmitted,
    /// An organization asked to join the city and waits for an administrator's decision.
    OrganizationPending,
    /// An administrator approved the person's organization.
    OrganizationApproved,
    /// An administrator declined the person's organization.
    OrganizationDeclined,
    /// Voting opened in a participatory-budgeting cycle and the person holds VOTE.
    VotingOpened,
    /// Voting in a cycle closes within a day and the person holds VOTE.
    VotingClosing,
    /// A place freed up in a full opportunity and is offered to the person, first on its
    /// waiting list, for a set time.
    WaitlistOffered,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 16] = [
        NoticeKind::ClaimConfirmed,
        NoticeKind::OpportunityCancelled,
        NoticeKind::OpportunityChanged,
        NoticeKind::SubmissionApproved,
        NoticeKind::SubmissionRejected,
        NoticeKind::ClaimExpiring,
        NoticeKind::Invitation,
        NoticeKind::RewardCredited,
        NoticeKind::ShiftReminder,
        NoticeKind::ProofSubmitted,
        NoticeKind::OrganizationPending,
        NoticeKind::OrganizationApproved,
        NoticeKind::OrganizationDeclined,
        NoticeKind::VotingOpened,
        NoticeKind::VotingClosing,
        NoticeKind::WaitlistOffered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::ClaimConfirmed => "claim_confirmed",
            NoticeKind::OpportunityCancelled => "opportunity_cancelled",
            NoticeKind::OpportunityChanged => "opportunity_changed",
            NoticeKind::SubmissionApproved => "submission_approved",
            NoticeKind::SubmissionRejected => "submission_rejected",
            NoticeKind::ClaimExpiring => "claim_expiring",
            NoticeKind::Invitation => "invitation",
            NoticeKind::RewardCredited => "reward_credited",
            NoticeKind::ShiftReminder => "shift_reminder",
            NoticeKind::ProofSubmitted => "proof_submitted",
            NoticeKind::OrganizationPending => "organization_pending",
            NoticeKind::OrganizationApproved => "organization_approved",
            NoticeKind::OrganizationDeclined => "organization_declined",
            NoticeKind::VotingOpened => "voting_opened",
            NoticeKind::VotingClosing => "voting_closing",
            NoticeKind::WaitlistOffered => "waitlist_offered",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Fluent id of the in-app text.
    pub fn message_id(self) -> String {
        format!("note-{}", self.as_str().replace('_', "-"))
    }

    fn mail(self) -> NotificationMail {
        match self {
            NoticeKind::ClaimConfirmed => NotificationMail::ClaimConfirmed,
            NoticeKind::OpportunityCancelled => NotificationMail::OpportunityCancelled,
            NoticeKind::OpportunityChanged => NotificationMail::OpportunityChanged,
            NoticeKind::SubmissionApproved => NotificationMail::SubmissionApproved,
            NoticeKind::SubmissionRejected => NotificationMail::SubmissionRejected,
            NoticeKind::ClaimExpiring => NotificationMail::ClaimExpiring,
            NoticeKind::Invitation => NotificationMail::Invitation,
            NoticeKind::RewardCredited => NotificationMail::RewardCredited,
            NoticeKind::ShiftReminder => NotificationMail::ShiftReminder,
            NoticeKind::ProofSubmitted => NotificationMail::ProofSubmitted,
            NoticeKind::OrganizationPending => NotificationMail::OrganizationPending,
            NoticeKind::OrganizationApproved => NotificationMail::OrganizationApproved,
            NoticeKind::OrganizationDeclined => NotificationMail::OrganizationDeclined,
            NoticeKind::VotingOpened => NotificationMail::VotingOpened,
            NoticeKind::VotingClosing => NotificationMail::VotingClosing,
            NoticeKind::WaitlistOffered => NotificationMail::WaitlistOffered,
        }
    }
}

/// What to tell someone.
pub struct Notice<'a> {
    pub kind: NoticeKind,
    pub subject_id: &'a str,
    /// What it is about (an opportunity's title, an organization's name).
    pub about: &'a str,
    /// A path on this instance, e.g. `/claims/…`.
    pub link: String,
    /// Words that come with the news, shown as written under a heading of its kind: the
    /// verifier's feedback, the editor's reason for cancelling, what changed (old and new,
    /// already in the person's language).
    pub feedback: Option<&'a str>,
}

/// The language `user_id` reads news in and the city's clock: what times in a notice are
/// written with.
pub(crate) fn reader(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<(citysync_i18n::Locale, chrono_tz::Tz), AppError> {
    let chosen = match users::by_id(conn, user_id)? {
        Some(row) => User::try_from(row)?.locale,
        None => None,
    };
    let locale = mail_locale(conn, chosen)?;
    let timezone = citysync_storage::instance::get(conn)?
        .map(|city| city.timezone)
        .unwrap_or_default();
    Ok((locale, citysync_i18n::moments::zone(&timezone)))
}

/// Notifies `user_id` in-app and, unless they turned it off, by email (or in their daily
/// digest, if they chose it). Call inside the transaction of the change it reports.
pub(crate) fn notify(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    notice: Notice<'_>,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    notify_when(conn, ctx, user_id, notice, None, at)
}

/// [`notify`], with when the news happens in words the email's subject names ("tomorrow
/// at 9:00", "in 2 hours"), already in the person's language.
pub(crate) fn notify_when(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    notice: Notice<'_>,
    when: Option<String>,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    notify_when_with(conn, ctx, user_id, notice, when, &[], at)
}

/// [`notify`], the email carrying `attachments` (a calendar file).
pub(crate) fn notify_with(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    notice: Notice<'_>,
    attachments: &[citysync_mail::Attachment],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    notify_when_with(conn, ctx, user_id, notice, None, attachments, at)
}

/// [`notify_when`] and [`notify_with`] together: the subject's words for when, and files
/// sent with the email (a shift reminder with its calendar file).
pub(crate) fn notify_when_with(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    notice: Notice<'_>,
    when: Option<String>,
    attachments: &[citysync_mail::Attachment],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let args = serde_json::json!({ "about": notice.about, "feedback": notice.feedback });
    events::insert_notification(
        conn,
        &events::NotificationRow {
            id: secrets::new_id(),
            user_id: user_id.to_owned(),
            kind: notice.kind.as_str().to_owned(),
            subject_id: notice.subject_id.to_owned(),
            link: notice.link.clone(),
            args: args.to_string(),
            created_at: at,
            read_at: None,
        },
    )?;
    let off = events::email_off_kinds(conn, user_id)?;
    if off.iter().any(|k| k == notice.kind.as_str()) {
        return Ok(());
    }
    // On the daily digest the news waits for the digest worker (`crate::notices::digest`).
    if events::digest_since(conn, user_id)?.is_some() {
        return Ok(());
    }
    let Some(row) = users::by_id(conn, user_id)? else {
        return Ok(());
    };
    let user = User::try_from(row)?;
    if !user.verified {
        return Ok(());
    }
    let city = city_name(conn)?;
    let locale = mail_locale(conn, user.locale)?;
    let kind = MailKind::Notification {
        username: user.username.to_string(),
        event: notice.kind.mail(),
        about: notice.about.to_owned(),
        link: ctx.settings.url(&notice.link),
        feedback: notice.feedback.map(str::to_owned),
        when,
    };
    let to = user.email.as_str();
    mail_outbox::enqueue_with(conn, ctx, &kind, locale, to, &city, attachments)?;
    Ok(())
}

/// A notification as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: String,
    pub kind: NoticeKind,
    pub message_id: String,
    pub about: String,
    pub feedback: Option<String>,
    pub link: String,
    pub created_at: NaiveDateTime,
    pub unread: bool,
}

pub async fn list(ctx: &Ctx, user: &User) -> Result<Vec<Notification>, AppError> {
    let uid = user.id.to_string();
    let rows = ctx
        .run(move |conn| Ok(events::notifications_of(conn, &uid, 100)?))
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let kind = NoticeKind::parse(&row.kind)?;
            let args: serde_json::Value = serde_json::from_str(&row.args).ok()?;
            Some(Notification {
                id: row.id,
                kind,
                message_id: kind.message_id(),
                about: args
                    .get("about")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned(),
                feedback: args
                    .get("feedback")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned),
                link: row.link,
                created_at: row.created_at,
                unread: row.read_at.is_none(),
            })
        })
        .collect())
}
/// How many of the person's notifications are unread (the count beside the menu's link).
pub async fn unread_count(ctx: &Ctx, user: &User) -> Result<i64, AppError> {
    let uid = user.id.to_string();
    ctx.run(move |conn| Ok(events::unread_count(conn, &uid)?))
        .await
}

pub async fn mark_all_read(ctx: &Ctx, user: &User) -> Result<(), AppError> {
    let uid = user.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| events::mark_all_read(conn, &uid, now).map_err(AppError::from))
        .await
}

/// The kinds a person gets by email.
pub async fn email_preferences(
    ctx: &Ctx,
    user: &User,
) -> Result<Vec<(NoticeKind, bool)>, AppError> {
    let uid = user.id.to_string();
    let off = ctx
        .run(move |conn| Ok(events::email_off_kinds(conn, &uid)?))
        .await?;
    Ok(NoticeKind::ALL
        .into_iter()
        .map(|k| (k, !off.iter().any(|o| o == k.as_str())))
        .collect())
}

/// Sets every kind at once: the kinds in `email_on` come by email, the others do not.
pub async fn set_email_preferences(
    ctx: &Ctx,
    user: &User,
    email_on: Vec<NoticeKind>,
) -> Result<(), AppError> {
    let uid = user.id.to_string();
    ctx.db
        .write(move |conn| {
            for kind in NoticeKind::ALL {
                events::set_email_preference(conn, &uid, kind.as_str(), email_on.contains(&kind))?;
            }
            Ok::<_, AppError>(())
        })
        .await
}

/// Whether the person chose one email a day with all their news instead of single emails.
pub async fn digest_chosen(ctx: &Ctx, user: &User) -> Result<bool, AppError> {
    let uid = user.id.to_string();
    Ok(ctx
        .run(move |conn| Ok(events::digest_since(conn, &uid)?))
        .await?
        .is_some())
}

/// Chooses the daily digest (`true`) or single emails (`false`).
pub async fn set_digest(ctx: &Ctx, user: &User, digest: bool) -> Result<(), AppError> {
    let uid = user.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| events::set_digest(conn, &uid, digest, now).map_err(AppError::from))
        .await
}
