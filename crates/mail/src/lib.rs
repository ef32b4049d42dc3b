//! Email for City/Sync: what a person is sent ([`MailKind`], rendered from
//! `templates/mail/` with subjects and text from Fluent) and how it leaves the server
//! ([`Mailer`]: SMTP through lettre, or `.eml` files in a folder for development).
//!
//! This crate owns message composition, address checks and transports. It does not decide
//! when to send, hold tokens or build links (`app` does, queueing mail in its outbox), and
//! it must not depend on storage, app, web, api or federation.

mod compose;
mod error;
mod transport;

pub use compose::{DigestItem, MailComposer, MailKind, NotificationMail};
pub use error::MailError;
pub use transport::{
    mailer_from_transport, Attachment, FileMailer, Mailer, OutgoingMail, SmtpMailer,
};
