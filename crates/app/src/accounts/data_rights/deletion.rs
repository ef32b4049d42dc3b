//! Account deletion: the person's personal data goes, what others rely on stays under an
//! opaque id.
//!
//! - **Gone:** email address, username (an opaque `former_…` takes its place), display
//!   name, language, password, keys; sessions, API and OAuth tokens and grants, second
//!   factor, notifications and their settings, calendar feeds, fediverse links, birth date,
//!   guardian consents, memberships, mail to the person, the throttle's counters and the
//!   API's cached replies; the proof photos (rows and files) and the proofs' free text and
//!   place.
//! - **Kept, under the opaque id:** the ledger (its accounts name only the id, so
//!   `citysync ledger verify` still passes), claims and verified contributions (an
//!   organization's record of work done), ballots, proposals and comments (shown as "a
//!   former resident"), and identity verifications reduced to their keyed hash, revoked
//!   with the reason `account_deleted`: the hash cannot be turned back into the document
//!   number without the city's key, and keeping it lets the registrar see that a document
//!   once verified an account that no longer exists.
//! - **Rewritten:** other people's records that quote the person (mail, notifications, the
//!   audit trail, events, outgoing activities) get the placeholders instead of the
//!   address, the display name and the username.
//!
//! Refused, with nothing changed, while a reservation may still be honored at a counter,
//! while the account is under legal hold, and for the city's last administrator.

use super::check_password;
use crate::privileged_log::{self, Capacity, Entry, PrivilegedAction, Subject};
use crate::{photos, secrets, AppError, Ctx, User};
use citysync_storage::data_rights::{self as store, Erasure};
use citysync_storage::users;

/// The beginning of a deleted account's username.
pub const FORMER_PREFIX: &str = "former_";

/// The domain of a deleted account's address (`.invalid` is reserved: nothing is sent).
const FORMER_DOMAIN: &str = "deleted.invalid";

/// Whether a username is a deleted account's placeholder (pages show "a former resident").
pub fn is_former_resident(username: &str) -> bool {
    username.starts_with(FORMER_PREFIX)
}

/// Deletes `user`'s account: the password typed again, `confirmation` their username.
/// On success every session of the account has ended; the caller signs the browser out.
pub async fn delete_account(
    ctx: &Ctx,
    user: &User,
    password: &str,
    confirmation: &str,
) -> Result<(), AppError> {
    check_password(ctx, user, password).await?;
    if !confirmation
        .trim()
        .eq_ignore_ascii_case(user.username.as_str())
    {
        return Err(AppError::DeletionNotConfirmed);
    }
    let ctx2 = ctx.clone();
    let id = user.id.to_string();
    let files = ctx
        .db
        .write(move |conn| {
            let ctx = &ctx2;
            let now = ctx.now();
            let row = users::by_id(conn, &id)?.ok_or(AppError::NotFound)?;
            if store::deleted_at(conn, &id)?.is_some() {
                return Err(AppError::NotFound);
            }
            crate::legal_hold::ensure_not_held(conn, &id)?;
            if store::open_reservations(conn, &id, now)? > 0 {
                return Err(AppError::DeletionOpenReservation);
            }
            if row.is_admin && store::active_administrators(conn)? <= 1 {
                return Err(AppError::LastAdmin);
            }
            let locale = crate::accounts::mail_locale(conn, None)?;
            let former_resident = ctx.i18n.message(locale, "data-rights-former-resident", &[]);
            let display_name = store::display_name(conn, &id)?;
            let files = store::photo_files(conn, &id)?;
            let opaque = hex_id();
            store::erase(
                conn,
                &Erasure {
                    user_id: id.clone(),
                    email: row.email.clone(),
                    username: row.username.clone(),
                    display_name,
                    placeholder_username: format!("{FORMER_PREFIX}{opaque}"),
                    placeholder_email: format!("{FORMER_PREFIX}{opaque}@{FORMER_DOMAIN}"),
                    former_resident,
                    now,
                },
            )?;
            privileged_log::record(
                conn,
                &Entry::new(
                    Some(&id),
                    Capacity::Owner,
                    PrivilegedAction::AccountDeleted,
                    Subject::Account,
                    &id,
                    now,
                ),
            )?;
            Ok(files)
        })
        .await?;
    // The rows are gone; the files follow (a file that cannot be removed is logged, and
    // nothing links to it any more).
    let dir = ctx.settings.uploads_dir.clone();
    tokio::task::spawn_blocking(move || {
        for name in files {
            if name.contains(['/', '\\']) || name.starts_with('.') {
                continue;
            }
            let path = photos::path_of(&dir, &name);
            if let Err(e) = std::fs::remove_file(&path) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(file = %path.display(), error = %e, "deleting a proof photo");
                }
            }
        }
    })
    .await
    .map_err(AppError::internal)?;
    Ok(())
}

/// 12 random hex digits: the opaque part of the placeholders.
fn hex_id() -> String {
    secrets::new_id()
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase()
}
