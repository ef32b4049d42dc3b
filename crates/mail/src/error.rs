//! What can go wrong while composing or sending mail.

use std::path::PathBuf;

/// Composing or sending a message failed. The cause stays in the error's source chain.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The address is not a single valid mailbox (this includes CR/LF header injection).
    #[error("invalid email address {address:?}")]
    InvalidAddress {
        /// The address as given.
        address: String,
        /// Why lettre refused it.
        #[source]
        source: lettre::address::AddressError,
    },
    /// lettre could not build the message.
    #[error("could not build the email message")]
    Build(#[from] lettre::error::Error),
    /// The SMTP server could not be reached, refused the message or the URL is wrong.
    #[error("SMTP transport failed")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// Writing a message file failed.
    #[error("cannot write {path}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A mail template is missing or failed to render.
    #[error("mail template {template} failed")]
    Template {
        /// The template name (`verify_email.html`).
        template: String,
        /// The minijinja error.
        #[source]
        source: minijinja::Error,
    },
    /// An attachment's media type does not parse.
    #[error("attachment {filename:?} has an invalid content type")]
    InvalidAttachment {
        /// The attachment's file name.
        filename: String,
    },
    /// The configured transport is neither `file` nor an SMTP URL.
    #[error("unknown mail transport {0:?}: use \"file\", \"smtp://user:password@host:port\" or \"smtps://user:password@host:port\"")]
    UnknownTransport(String),
}
