//! The registrar's desk: a member of an approved organization with the registrar role
//! checks a resident's document in person and enters its identifier.

use super::{record, Checked, Outcome};
use crate::organizations::{self, Organization};
use crate::{AppError, Ctx, User};
use citysync_domain::identity::{DocumentIdentifier, DocumentKind, VerificationMethod};
use citysync_domain::organization::Capability;
use citysync_domain::{DomainError, Username};
use citysync_storage::users;

/// Verifies `resident` as a resident from a document the registrar checked. Refuses an
/// identifier another active account holds: the case is queued for the administrator and
/// [`AppError::IdentifierHeld`] returned. The same resident with the same identifier again
/// changes nothing.
pub async fn verify_in_person(
    ctx: &Ctx,
    registrar: &User,
    organization_handle: &str,
    resident: &str,
    kind: &str,
    identifier: &str,
) -> Result<Outcome, AppError> {
    registrar.require_verified()?;
    let kind = DocumentKind::parse(kind)
        .ok()
        .filter(|k| k.is_document())
        .ok_or(DomainError::IdentifierInvalid)?;
    let identifier = DocumentIdentifier::parse(kind, identifier)?;
    let resident = Username::parse(resident).map_err(|_| AppError::InviteeUnknown)?;
    let city_secret = crate::instance::private_key_pem(ctx).await?;
    let (handle, agent, ctx2) = (
        organization_handle.to_owned(),
        registrar.clone(),
        ctx.clone(),
    );
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org: Organization = organizations::load(conn, &handle)?;
            organizations::require(conn, &org.id, &agent, Capability::VerifyResidents)?;
            if !org.is_approved() {
                return Err(AppError::OrganizationNotApproved);
            }
            let row =
                users::by_username(conn, resident.as_str())?.ok_or(AppError::InviteeUnknown)?;
            let checked = Checked {
                method: VerificationMethod::InPerson,
                identifier,
                agent: agent.id,
                organization_id: Some(org.id),
            };
            record(conn, &ctx2, now, &city_secret, &row.id, &checked)
        })
        .await?
}
