//! How mail leaves the server: SMTP, or `.eml` files in a folder for development.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use lettre::address::AddressError;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as AttachmentPart, Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::MailError;

/// A rendered message, ready for a [`Mailer`].
#[derive(Clone, Debug, PartialEq)]
pub struct OutgoingMail {
    /// The recipient's address.
    pub to: String,
    /// One line.
    pub subject: String,
    /// The text/plain part.
    pub text: String,
    /// The text/html part.
    pub html: String,
    /// Files sent with the message (a calendar file), after the text and HTML.
    pub attachments: Vec<Attachment>,
}

/// A file sent with a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The file name the recipient sees, e.g. `invite.ics`.
    pub filename: String,
    /// Its media type with parameters, e.g. `text/calendar; charset=utf-8; method=PUBLISH`.
    pub content_type: String,
    /// Its content (text files only).
    pub body: String,
}

/// Sends [`OutgoingMail`].
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Sends one message (multipart/alternative: text and HTML).
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError>;
}

/// Parses one mailbox, refusing control characters (CR/LF header injection) outright.
pub(crate) fn check_address(address: &str) -> Result<Mailbox, MailError> {
    let invalid = |source| MailError::InvalidAddress {
        address: address.to_owned(),
        source,
    };
    if address.chars().any(char::is_control) {
        return Err(invalid(AddressError::InvalidInput));
    }
    address.trim().parse::<Mailbox>().map_err(invalid)
}

/// Builds the RFC 5322 message: From, To, Subject, Date, Message-ID, multipart/alternative.
fn build_message(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, MailError> {
    let to = check_address(&mail.to)?;
    let subject: String = mail
        .subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // Message-ID on the sender's domain (not the machine's host name).
    let message_id = format!(
        "<{}@{}>",
        uuid::Uuid::new_v4().simple(),
        from.email.domain()
    );
    let alternative = MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone());
    let body = if mail.attachments.is_empty() {
        alternative
    } else {
        // multipart/mixed: the readable alternative first, then each file.
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for file in &mail.attachments {
            let content_type = ContentType::parse(&file.content_type).map_err(|_| {
                MailError::InvalidAttachment {
                    filename: file.filename.clone(),
                }
            })?;
            let filename: String = file
                .filename
                .chars()
                .filter(|c| !c.is_control() && *c != '"')
                .collect();
            mixed = mixed
                .singlepart(AttachmentPart::new(filename).body(file.body.clone(), content_type));
        }
        mixed
    };
    Ok(Message::builder()
        .message_id(Some(message_id))
        .from(from.clone())
        .to(to)
        .subject(subject)
        .multipart(body)?)
}

/// Every `http://` or `https://` URL in `text`, without trailing punctuation.
fn urls_in(text: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let tail = rest.get(start..).unwrap_or("");
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(tail.len());
        let url = tail
            .get(..end)
            .unwrap_or("")
            .trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        urls.push(url);
        rest = tail.get(end.max(1)..).unwrap_or("");
    }
    urls
}

/// Development mailer: writes each message as a complete `.eml` file and logs its links.
#[derive(Debug)]
pub struct FileMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl FileMailer {
    /// Writes into `dir` (created if missing), sending as `from`.
    pub fn new(dir: PathBuf, from: &str) -> Result<Self, MailError> {
        let from = check_address(from)?;
        std::fs::create_dir_all(&dir).map_err(|source| MailError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(FileMailer { dir, from })
    }

    /// The folder messages are written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait::async_trait]
impl Mailer for FileMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = build_message(&self.from, mail)?;
        let stem = format!(
            "{}-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ"),
            uuid::Uuid::new_v4()
        );
        let path = self.dir.join(format!("{stem}.eml"));
        // Write under a temporary name and rename, so a watcher never reads half a file.
        let partial = self.dir.join(format!(".{stem}.eml.part"));
        let bytes = message.formatted();
        let (target, tmp) = (path.clone(), partial.clone());
        tokio::task::spawn_blocking(move || {
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &target)
        })
        .await
        .map_err(std::io::Error::other)
        .and_then(|written| written)
        .map_err(|source| MailError::Io {
            path: path.clone(),
            source,
        })?;
        tracing::info!(
            path = %path.display(),
            to = %mail.to,
            subject = %mail.subject,
            links = ?urls_in(&mail.text),
            "mail written to the outbox folder (file transport: nothing was sent)"
        );
        Ok(())
    }
}

/// Sends through an SMTP server with lettre (connections pooled).
pub struct SmtpMailer {
    from: Mailbox,
    builder: AsyncSmtpTransportBuilder,
    /// Built on first send: lettre's pool spawns a task, which needs a running runtime.
    transport: OnceLock<AsyncSmtpTransport<Tokio1Executor>>,
    /// `scheme://host:port`, for logs (never the credentials).
    endpoint: String,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// `smtps://user:password@host:465` (TLS), `smtp://user:password@host:587?tls=required`
    /// (STARTTLS) or `smtp://host:25` (plain, for local relays and tests). Credentials are
    /// URL-encoded in the URL. Does not connect yet.
    pub fn from_url(url: &str, from: &str) -> Result<Self, MailError> {
        let from = check_address(from)?;
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
            .timeout(Some(Duration::from_secs(30)));
        let endpoint = url::Url::parse(url)
            .map(|u| {
                format!(
                    "{}://{}:{}",
                    u.scheme(),
                    u.host_str().unwrap_or(""),
                    u.port()
                        .map_or_else(|| "default".to_owned(), |p| p.to_string())
                )
            })
            .unwrap_or_default();
        Ok(SmtpMailer {
            from,
            builder,
            transport: OnceLock::new(),
            endpoint,
        })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = build_message(&self.from, mail)?;
        let transport = self.transport.get_or_init(|| self.builder.clone().build());
        transport.send(message).await?;
        tracing::info!(endpoint = %self.endpoint, to = %mail.to, subject = %mail.subject, "mail sent");
        Ok(())
    }
}

/// Chooses the mailer from the configured transport: `"file"` writes `.eml` files to
/// `<data_dir>/outbox-mail`; `"smtp://…"` / `"smtps://…"` sends through that server.
pub fn mailer_from_transport(
    transport: &str,
    from: &str,
    data_dir: &Path,
) -> Result<Arc<dyn Mailer>, MailError> {
    let transport = transport.trim();
    if transport == "file" {
        return Ok(Arc::new(FileMailer::new(
            data_dir.join("outbox-mail"),
            from,
        )?));
    }
    if transport.starts_with("smtp://") || transport.starts_with("smtps://") {
        return Ok(Arc::new(SmtpMailer::from_url(transport, from)?));
    }
    // Never echo what could be a URL with a password in it.
    let shown = transport.split_once("://").map_or_else(
        || transport.to_owned(),
        |(scheme, _)| format!("{scheme}://…"),
    );
    Err(MailError::UnknownTransport(shown))
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
    fn finds_urls_in_text() {
        let text = "Open https://a.example/v?t=1. Or (http://b.example/x), not ftp://c.\nhttps://d.example";
        assert_eq!(
            urls_in(text),
            [
                "https://a.example/v?t=1",
                "http://b.example/x",
                "https://d.example"
            ]
        );
        assert!(urls_in("no links").is_empty());
    }

    #[test]
    fn attachments_follow_the_text_in_a_mixed_message() {
        let from = check_address("noreply@city.example").unwrap();
        let mut mail = OutgoingMail {
            to: "ana@example.org".into(),
            subject: "Confirmed".into(),
            text: "See you".into(),
            html: "<p>See you</p>".into(),
            attachments: vec![Attachment {
                filename: "invite.ics".into(),
                content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
                body: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".into(),
            }],
        };
        let raw = String::from_utf8(build_message(&from, &mail).unwrap().formatted()).unwrap();
        assert!(raw.contains("multipart/mixed"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/calendar"), "{raw}");
        assert!(raw.contains("filename=\"invite.ics\""), "{raw}");
        mail.attachments[0].content_type = "not a type".into();
        assert!(matches!(
            build_message(&from, &mail),
            Err(MailError::InvalidAttachment { .. })
        ));
        mail.attachments.clear();
        let raw = String::from_utf8(build_message(&from, &mail).unwrap().formatted()).unwrap();
        assert!(!raw.contains("multipart/mixed"), "{raw}");
    }

    #[test]
    fn addresses_with_line_breaks_are_refused() {
        assert!(check_address("a@b.c").is_ok());
        assert!(matches!(
            check_address("a@b.c\r\nBcc: x@y.z"),
            Err(MailError::InvalidAddress { .. })
        ));
        assert!(check_address("not an address").is_err());
    }

    #[test]
    fn unknown_transports_are_refused_without_echoing_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let err = mailer_from_transport("imap://u:secret@h", "noreply@city.example", dir.path())
            .err()
            .unwrap();
        let text = err.to_string();
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("smtps://"), "{text}");
        assert!(mailer_from_transport("file", "noreply@city.example", dir.path()).is_ok());
        assert!(dir.path().join("outbox-mail").is_dir());
        assert!(
            mailer_from_transport("smtp://127.0.0.1:2525", "noreply@city.example", dir.path())
                .is_ok()
        );
    }
}
