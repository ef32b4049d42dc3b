//! What a person is sent: templates from `templates/mail/`, text and subjects from Fluent.

use std::collections::BTreeMap;
use std::sync::Arc;

use citysync_i18n::{register_minijinja, I18n, Locale};
use include_dir::{include_dir, Dir};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior};

use crate::transport::{check_address, OutgoingMail};
use crate::MailError;

/// `templates/mail/`, compiled into the binary.
static MAIL_TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/mail");

/// What a person is sent. Each kind renders `templates/mail/<name>.txt` and
/// `templates/mail/<name>.html`, with the subject from Fluent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// Confirm the address after signing up.
    VerifyEmail {
        /// The account's username.
        username: String,
        /// The confirmation link.
        link: String,
        /// How long the link works, in hours (the city's setting, enforced by `app`).
        valid_hours: i64,
    },
    /// Choose a new password.
    PasswordReset {
        /// The account's username.
        username: String,
        /// The reset link.
        link: String,
        /// How long the link works, in hours (the city's setting, enforced by `app`).
        valid_hours: i64,
    },
    /// Someone tried to sign up with an address that has an account: tell the owner (the
    /// requester sees the same page as for a new address, so nothing is revealed to them).
    SignupExistingAccount {
        /// The existing account's username.
        username: String,
        /// The sign-in page.
        login_link: String,
        /// A page (or link) to reset the password.
        reset_link: String,
    },
    /// A one-time link that signs the owner in without the password (when sign-ins to the
    /// account are throttled, or the password is forgotten on the way).
    SignInLink {
        /// The account's username.
        username: String,
        /// The sign-in link.
        link: String,
        /// How long the link works, in minutes (enforced by `app`).
        valid_minutes: i64,
    },
    /// An invitation to join an organization, sent the same way whether or not the address
    /// has an account (the link leads to the invitations of the account, or to sign-up).
    OrganizationInvitation {
        /// Who the greeting names: the account's username, or the address when there is none.
        username: String,
        /// The organization's name, shown as is.
        organization: String,
        /// Where to answer: the notifications page, or sign-up with the invitation.
        link: String,
    },
    /// A resident under the age of majority asks a guardian to consent to her civic work;
    /// written in the resident's language (issue 26).
    GuardianConsent {
        /// Who the greeting names: the guardian's address (they may have no account).
        guardian: String,
        /// The resident's username.
        resident: String,
        /// The single-use consent link.
        link: String,
        /// How long the link works, in days (enforced by `app`).
        valid_days: i64,
    },
    /// The password was changed (tells the owner, in case it was not them).
    PasswordChanged {
        /// The account's username.
        username: String,
    },
    /// Something happened to the person's civic work (a claim, an opportunity, a decision).
    Notification {
        /// The account's username.
        username: String,
        /// What happened.
        event: NotificationMail,
        /// What it is about (an opportunity's or organization's name), shown as is.
        about: String,
        /// The page to see it on.
        link: String,
        /// Words that come with the news, quoted as written under the heading of its kind
        /// (see [`NotificationMail::detail_heading`]): the verifier's feedback, the reason
        /// for a cancellation, what changed in an opportunity.
        feedback: Option<String>,
        /// When it happens, in words the subject names ("tomorrow at 9:00", "in 2 hours");
        /// empty for most news.
        when: Option<String>,
    },
    /// One email a day with the person's news since the last one (the daily digest).
    Digest {
        /// The account's username.
        username: String,
        /// The news, oldest first.
        items: Vec<DigestItem>,
        /// The notifications page.
        link: String,
    },
}

/// One piece of news in a [`MailKind::Digest`], already in the person's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestItem {
    /// What happened, as the notifications page says it.
    pub text: String,
    /// When, on the city's clock.
    pub at: String,
    /// The page to see it on.
    pub link: String,
}

/// The notifications that can also come by email; each has `mail-note-<name>-subject`,
/// `-intro` and `-action` messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationMail {
    ClaimConfirmed,
    OpportunityCancelled,
    OpportunityChanged,
    SubmissionApproved,
    SubmissionRejected,
    ClaimExpiring,
    Invitation,
    RewardCredited,
    ShiftReminder,
    ProofSubmitted,
    OrganizationPending,
    OrganizationApproved,
    OrganizationDeclined,
    VotingOpened,
    VotingClosing,
    WaitlistOffered,
}

impl NotificationMail {
    fn ids(self) -> (&'static str, &'static str, &'static str) {
        match self {
            NotificationMail::ClaimConfirmed => (
                "mail-note-claim-confirmed-subject",
                "mail-note-claim-confirmed-intro",
                "mail-note-claim-confirmed-action",
            ),
            NotificationMail::OpportunityCancelled => (
                "mail-note-opportunity-cancelled-subject",
                "mail-note-opportunity-cancelled-intro",
                "mail-note-opportunity-cancelled-action",
            ),
            NotificationMail::OpportunityChanged => (
                "mail-note-opportunity-changed-subject",
                "mail-note-opportunity-changed-intro",
                "mail-note-opportunity-changed-action",
            ),
            NotificationMail::SubmissionApproved => (
                "mail-note-submission-approved-subject",
                "mail-note-submission-approved-intro",
                "mail-note-submission-approved-action",
            ),
            NotificationMail::SubmissionRejected => (
                "mail-note-submission-rejected-subject",
                "mail-note-submission-rejected-intro",
                "mail-note-submission-rejected-action",
            ),
            NotificationMail::ClaimExpiring => (
                "mail-note-claim-expiring-subject",
                "mail-note-claim-expiring-intro",
                "mail-note-claim-expiring-action",
            ),
            NotificationMail::Invitation => (
                "mail-note-invitation-subject",
                "mail-note-invitation-intro",
                "mail-note-invitation-action",
            ),
            NotificationMail::RewardCredited => (
                "mail-note-reward-credited-subject",
                "mail-note-reward-credited-intro",
                "mail-note-reward-credited-action",
            ),
            NotificationMail::ShiftReminder => (
                "mail-note-shift-reminder-subject",
                "mail-note-shift-reminder-intro",
                "mail-note-shift-reminder-action",
            ),
            NotificationMail::ProofSubmitted => (
                "mail-note-proof-submitted-subject",
                "mail-note-proof-submitted-intro",
                "mail-note-proof-submitted-action",
            ),
            NotificationMail::OrganizationPending => (
                "mail-note-organization-pending-subject",
                "mail-note-organization-pending-intro",
                "mail-note-organization-pending-action",
            ),
            NotificationMail::OrganizationApproved => (
                "mail-note-organization-approved-subject",
                "mail-note-organization-approved-intro",
                "mail-note-organization-approved-action",
            ),
            NotificationMail::OrganizationDeclined => (
                "mail-note-organization-declined-subject",
                "mail-note-organization-declined-intro",
                "mail-note-organization-declined-action",
            ),
            NotificationMail::VotingOpened => (
                "mail-note-voting-opened-subject",
                "mail-note-voting-opened-intro",
                "mail-note-voting-opened-action",
            ),
            NotificationMail::VotingClosing => (
                "mail-note-voting-closing-subject",
                "mail-note-voting-closing-intro",
                "mail-note-voting-closing-action",
            ),
            NotificationMail::WaitlistOffered => (
                "mail-note-waitlist-offered-subject",
                "mail-note-waitlist-offered-intro",
                "mail-note-waitlist-offered-action",
            ),
        }
    }
}

impl NotificationMail {
    /// The heading over the words that come with the news (`feedback`).
    fn detail_heading(self) -> &'static str {
        match self {
            NotificationMail::OpportunityCancelled => "mail-note-reason",
            NotificationMail::OpportunityChanged => "mail-note-changes",
            NotificationMail::ClaimConfirmed | NotificationMail::ShiftReminder => "mail-note-when",
            NotificationMail::RewardCredited => "mail-note-credited",
            NotificationMail::SubmissionApproved => "mail-note-approved-detail",
            NotificationMail::OrganizationApproved | NotificationMail::OrganizationDeclined => {
                "mail-note-admins-words"
            }
            NotificationMail::VotingOpened | NotificationMail::VotingClosing => {
                "mail-note-voting-when"
            }
            _ => "mail-note-feedback",
        }
    }
}

impl MailKind {
    /// The template name (without extension), the subject's message id, and the
    /// variables besides `lang`, `city_name`, `subject`.
    fn parts(&self) -> (&'static str, &'static str, Vec<(&'static str, Value)>) {
        match self {
            MailKind::VerifyEmail {
                username,
                link,
                valid_hours,
            } => (
                "verify_email",
                "mail-verify-subject",
                vec![
                    ("username", Value::from(username.as_str())),
                    ("link", Value::from(link.as_str())),
                    ("hours", Value::from(*valid_hours)),
                ],
            ),
            MailKind::PasswordReset {
                username,
                link,
                valid_hours,
            } => (
                "password_reset",
                "mail-reset-subject",
                vec![
                    ("username", Value::from(username.as_str())),
                    ("link", Value::from(link.as_str())),
                    ("hours", Value::from(*valid_hours)),
                ],
            ),
            MailKind::SignupExistingAccount {
                username,
                login_link,
                reset_link,
            } => (
                "signup_existing_account",
                "mail-existing-subject",
                vec![
                    ("username", Value::from(username.as_str())),
                    ("login_link", Value::from(login_link.as_str())),
                    ("reset_link", Value::from(reset_link.as_str())),
                ],
            ),
            MailKind::SignInLink {
                username,
                link,
                valid_minutes,
            } => (
                "sign_in_link",
                "mail-signin-subject",
                vec![
                    ("username", Value::from(username.as_str())),
                    ("link", Value::from(link.as_str())),
                    ("minutes", Value::from(*valid_minutes)),
                ],
            ),
            MailKind::OrganizationInvitation {
                username,
                organization,
                link,
            } => (
                "organization_invitation",
                "mail-org-invite-subject",
                vec![
                    ("username", Value::from(username.as_str())),
                    ("organization", Value::from(organization.as_str())),
                    ("link", Value::from(link.as_str())),
                ],
            ),
            MailKind::GuardianConsent {
                guardian,
                resident,
                link,
                valid_days,
            } => (
                "guardian_consent",
                "mail-guardian-subject",
                vec![
                    ("username", Value::from(guardian.as_str())),
                    ("resident", Value::from(resident.as_str())),
                    ("link", Value::from(link.as_str())),
                    ("days", Value::from(*valid_days)),
                ],
            ),
            MailKind::PasswordChanged { username } => (
                "password_changed",
                "mail-changed-subject",
                vec![("username", Value::from(username.as_str()))],
            ),
            MailKind::Notification {
                username,
                event,
                about,
                link,
                feedback,
                when,
            } => {
                let (subject, intro, action) = event.ids();
                (
                    "notification",
                    subject,
                    vec![
                        ("username", Value::from(username.as_str())),
                        ("about", Value::from(about.as_str())),
                        ("link", Value::from(link.as_str())),
                        ("feedback", Value::from(feedback.clone())),
                        ("intro_id", Value::from(intro)),
                        ("action_id", Value::from(action)),
                        ("feedback_heading_id", Value::from(event.detail_heading())),
                        ("when", Value::from(when.clone().unwrap_or_default())),
                    ],
                )
            }
            MailKind::Digest {
                username,
                items,
                link,
            } => {
                let items: Vec<Value> = items
                    .iter()
                    .map(|item| {
                        Value::from(BTreeMap::from([
                            ("text", Value::from(item.text.as_str())),
                            ("at", Value::from(item.at.as_str())),
                            ("link", Value::from(item.link.as_str())),
                        ]))
                    })
                    .collect();
                (
                    "digest",
                    "mail-digest-subject",
                    vec![
                        ("username", Value::from(username.as_str())),
                        ("count", Value::from(items.len())),
                        ("items", Value::from(items)),
                        ("link", Value::from(link.as_str())),
                    ],
                )
            }
        }
    }

    /// When the news happens, for subjects that name it.
    fn when(&self) -> &str {
        match self {
            MailKind::Notification {
                when: Some(when), ..
            } => when,
            _ => "",
        }
    }

    /// What the subject line names besides the city.
    fn about(&self) -> &str {
        match self {
            MailKind::Notification { about, .. } => about,
            MailKind::OrganizationInvitation { organization, .. } => organization,
            _ => "",
        }
    }
}

/// Every template a [`MailKind`] needs, checked when the composer is built.
const KIND_TEMPLATES: [&str; 9] = [
    "guardian_consent",
    "notification",
    "digest",
    "sign_in_link",
    "organization_invitation",
    "verify_email",
    "password_reset",
    "signup_existing_account",
    "password_changed",
];

/// Renders [`MailKind`]s into [`OutgoingMail`] in a person's locale.
pub struct MailComposer {
    env: Environment<'static>,
    i18n: Arc<I18n>,
}

impl std::fmt::Debug for MailComposer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailComposer").finish_non_exhaustive()
    }
}

impl MailComposer {
    /// Loads the embedded mail templates; fails if one does not parse or is missing.
    pub fn new(i18n: Arc<I18n>) -> Result<Self, MailError> {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|source| MailError::Template {
                template: "(syntax)".to_owned(),
                source,
            })?;
        env.set_syntax(syntax);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(html_link_friendly_formatter);
        register_minijinja(&mut env, Arc::clone(&i18n));
        for file in MAIL_TEMPLATES.files() {
            let name = file.path().to_string_lossy().into_owned();
            let source = file.contents_utf8().unwrap_or_default().to_owned();
            env.add_template_owned(name.clone(), source)
                .map_err(|source| MailError::Template {
                    template: name,
                    source,
                })?;
        }
        for kind in KIND_TEMPLATES {
            for ext in ["txt", "html"] {
                let name = format!("{kind}.{ext}");
                env.get_template(&name)
                    .map_err(|source| MailError::Template {
                        template: name.clone(),
                        source,
                    })?;
            }
        }
        Ok(MailComposer { env, i18n })
    }

    /// Renders `kind` for the person at `to`, in `locale`, signed by `city_name`.
    /// Refuses an invalid `to` (including CR/LF) before rendering anything.
    pub fn compose(
        &self,
        kind: &MailKind,
        locale: Locale,
        to: &str,
        city_name: &str,
    ) -> Result<OutgoingMail, MailError> {
        check_address(to)?;
        let (name, subject_id, vars) = kind.parts();
        let subject = one_line(&self.i18n.message(
            locale,
            subject_id,
            &[
                ("city", city_name.into()),
                ("about", kind.about().into()),
                ("when", kind.when().into()),
            ],
        ));
        let mut ctx: BTreeMap<&str, Value> = vars.into_iter().collect();
        ctx.insert("lang", Value::from(locale.code()));
        ctx.insert("city_name", Value::from(city_name));
        ctx.insert("subject", Value::from(subject.as_str()));
        let ctx = Value::from(ctx);
        let text = self.render(&format!("{name}.txt"), &ctx)?;
        let html = self.render(&format!("{name}.html"), &ctx)?;
        Ok(OutgoingMail {
            to: to.to_owned(),
            subject,
            text: tidy_text(&text),
            html,
            attachments: Vec::new(),
        })
    }

    fn render(&self, template: &str, ctx: &Value) -> Result<String, MailError> {
        let wrap = |source| MailError::Template {
            template: template.to_owned(),
            source,
        };
        self.env
            .get_template(template)
            .map_err(wrap)?
            .render(ctx)
            .map_err(wrap)
    }
}

/// Subjects are one line: control characters (CR, LF, tab) become spaces.
fn one_line(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most one blank line in a row, no trailing spaces, one final newline.
fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// HTML escaping that leaves `/` alone, so links stay readable in href attributes and in
/// the text (minijinja's default turns `/` into `&#x2f;`). Everything else as default.
fn html_link_friendly_formatter(
    out: &mut Output<'_>,
    state: &mut State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() {
        if let Some(s) = value.as_str() {
            let mut escaped = String::with_capacity(s.len());
            for c in s.chars() {
                match c {
                    '&' => escaped.push_str("&amp;"),
                    '<' => escaped.push_str("&lt;"),
                    '>' => escaped.push_str("&gt;"),
                    '"' => escaped.push_str("&quot;"),
                    '\'' => escaped.push_str("&#39;"),
                    c => escaped.push(c),
                }
            }
            return out.write_str(&escaped).map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "could not write output")
            });
        }
    }
    minijinja::escape_formatter(out, state, value)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;

    #[test]
    fn one_line_removes_breaks() {
        assert_eq!(one_line("a\r\nBcc: x\tb"), "a Bcc: x b");
    }

    #[test]
    fn tidy_text_collapses_blank_lines() {
        assert_eq!(tidy_text("\n a\n\n\n\nb  \n\n"), "a\n\nb\n");
    }
}
