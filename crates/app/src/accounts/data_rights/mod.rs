//! "Your data" (issue 27): a resident downloads everything the city holds about them
//! ([`export`]) and deletes their account ([`deletion`]). Both ask for the password again
//! and are recorded in the privileged-action log.
//!
//! What counts as a person's record is one list, `storage::data_rights::PERSONAL_TABLES`:
//! the export reads it table by table, and the deletion erases what it names.

pub mod deletion;
pub mod export;

pub use deletion::{delete_account, is_former_resident, FORMER_PREFIX};
pub use export::{export, Export, ExportTable, PhotoFile, Value};

use crate::{passwords, AppError, Ctx, User};
use citysync_domain::Password;
use citysync_storage::users;

/// Checks the password typed again before an act on the account; a wrong one is
/// `CurrentPasswordWrong` (shown next to the field).
pub(crate) async fn check_password(ctx: &Ctx, user: &User, typed: &str) -> Result<(), AppError> {
    let typed = Password::offered(typed).map_err(|_| AppError::CurrentPasswordWrong)?;
    let id = user.id.to_string();
    let row = ctx
        .run(move |conn| Ok(users::by_id(conn, &id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = row.password_hash;
    let ok = tokio::task::spawn_blocking(move || passwords::verify(&typed, &stored))
        .await
        .map_err(AppError::internal)?;
    if ok {
        Ok(())
    } else {
        Err(AppError::CurrentPasswordWrong)
    }
}
