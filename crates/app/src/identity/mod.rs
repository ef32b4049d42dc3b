//! Identity levels (issue 25): a verified email is the first level, a resident
//! verification the second. Every verification method is one module that checks its own
//! evidence and who may present it, and hands a [`Checked`] identifier to the one common
//! path ([`record`]), which keeps only a keyed hash of the identifier, refuses an identifier
//! another active account holds (queuing the case for the administrator) and writes the
//! trail. The methods: the registrar's desk ([`in_person`]), a code posted to an address
//! ([`letter_code`]), the city's registry ([`registry`]) and an OpenID Connect identity
//! provider ([`oidc`]). The desk is always there; the administrator switches the others on
//! ([`methods`]), and the registry and the provider also need the server's configuration
//! ([`IdentitySettings`]).

pub mod admin;
pub mod in_person;
pub mod letter_code;
pub mod methods;
pub mod oidc;
pub mod registry;

pub use admin::{ConflictView, VerificationView};
pub use in_person::verify_in_person;

use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::identity::{
    DocumentIdentifier, DocumentKind, IdentityLevel, VerificationMethod,
};
use citysync_domain::UserId;
use citysync_storage::identity::{self as store, ConflictRow, VerificationRow};
use citysync_storage::{users, DbConnection};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What the server's configuration says about the methods that talk to another service.
#[derive(Debug, Clone, Default)]
pub struct IdentitySettings {
    /// The city's registry (`[identity.registry]`), if the server has one.
    pub registry: Option<registry::RegistrySettings>,
    /// The OpenID Connect provider (`[identity.oidc]`), if the server has one.
    pub oidc: Option<oidc::OidcSettings>,
    /// How those services are reached; `None`: they cannot be, and say so.
    pub http: Option<Http>,
}

pub use openidconnect::{HttpRequest, HttpResponse};

/// A builder for the answers an [`HttpClient`] gives.
pub fn http_response_builder() -> openidconnect::http::response::Builder {
    openidconnect::http::Response::builder()
}

/// The port through which the registry and the identity provider are asked: the server
/// gives a client (reqwest) that follows no redirect, caps answers in size and gives up
/// after `timeout`. The use cases name no HTTP library.
pub trait HttpClient: Send + Sync {
    fn send(
        &self,
        request: HttpRequest,
        timeout: std::time::Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<HttpResponse, String>> + Send>>;
}

/// The server's [`HttpClient`], shared.
#[derive(Clone)]
pub struct Http(pub std::sync::Arc<dyn HttpClient>);

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Http")
    }
}

/// A secret in the settings: `Debug` never shows it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Hidden(pub String);

impl std::fmt::Debug for Hidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An identifier a method has checked, with who checked it and for which organization.
#[derive(Debug, Clone)]
pub struct Checked {
    pub method: VerificationMethod,
    pub identifier: DocumentIdentifier,
    /// The person who checked it (a registrar at the desk).
    pub agent: UserId,
    pub organization_id: Option<String>,
}

/// What a verification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The resident is now resident verified.
    Verified,
    /// The resident already held this very identifier: nothing changed.
    AlreadyHeld,
}

/// HMAC-SHA256 of the normalized identifier under a key only this city holds (its
/// instance key, with a label of its own so the hash is unlike any other the city makes).
pub(crate) fn identifier_hash(
    city_secret: &str,
    identifier: &DocumentIdentifier,
) -> Result<String, AppError> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(city_secret.as_bytes()).map_err(AppError::internal)?;
    mac.update(b"citysync resident identifier\0");
    mac.update(identifier.hash_input().as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// The common path every method ends in, inside the method's transaction. Refusing an
/// identifier held by another account records the conflict in the same transaction, then
/// returns [`AppError::IdentifierHeld`] (the caller commits the conflict and shows the
/// refusal).
pub(crate) fn record(
    conn: &mut DbConnection,
    ctx: &Ctx,
    now: NaiveDateTime,
    city_secret: &str,
    resident_id: &str,
    checked: &Checked,
) -> Result<Result<Outcome, AppError>, AppError> {
    let hashed = Hashed {
        method: checked.method,
        hash: identifier_hash(city_secret, &checked.identifier)?,
        kind: checked.identifier.kind(),
        agent: checked.agent,
        organization_id: checked.organization_id.clone(),
    };
    record_hashed(conn, ctx, now, resident_id, &hashed)
}

/// A checked identifier whose keyed hash was taken earlier: a letter code keeps only the
/// hash of its address, never the address.
#[derive(Debug, Clone)]
pub(crate) struct Hashed {
    pub method: VerificationMethod,
    pub hash: String,
    pub kind: DocumentKind,
    pub agent: UserId,
    pub organization_id: Option<String>,
}

/// [`record`] for an identifier already hashed.
pub(crate) fn record_hashed(
    conn: &mut DbConnection,
    ctx: &Ctx,
    now: NaiveDateTime,
    resident_id: &str,
    checked: &Hashed,
) -> Result<Result<Outcome, AppError>, AppError> {
    let (hash, kind) = (checked.hash.clone(), checked.kind.as_str().to_owned());
    if let Some(holder) = store::active_of_hash(conn, &hash)? {
        if holder.user_id == resident_id {
            return Ok(Ok(Outcome::AlreadyHeld));
        }
        let conflict_id = secrets::new_id();
        store::insert_conflict(
            conn,
            &ConflictRow {
                id: conflict_id.clone(),
                user_id: resident_id.to_owned(),
                identifier_hash: hash,
                method: checked.method.as_str().to_owned(),
                document_kind: kind,
                attempted_by: checked.agent.to_string(),
                organization_id: checked.organization_id.clone(),
                attempted_at: now,
                holder_id: holder.user_id,
                resolved_at: None,
                resolved_by: None,
                resolution: None,
            },
        )?;
        trail::record(
            conn,
            Subject::Account,
            resident_id,
            "identity-conflict",
            Some(&checked.agent.to_string()),
            &conflict_id,
            now,
        )?;
        return Ok(Err(AppError::IdentifierHeld));
    }
    if store::active_of_user(conn, resident_id)?.is_some() {
        return Ok(Err(AppError::AlreadyResidentVerified));
    }
    let id = secrets::new_id();
    store::insert_verification(
        conn,
        &VerificationRow {
            id: id.clone(),
            user_id: resident_id.to_owned(),
            method: checked.method.as_str().to_owned(),
            document_kind: kind,
            identifier_hash: hash,
            verified_by: checked.agent.to_string(),
            organization_id: checked.organization_id.clone(),
            verified_at: now,
            revoked_at: None,
            revoked_by: None,
            revoke_reason: None,
        },
    )
    .map_err(|e| {
        // Two desks entering the same identifier at the same moment: the index refuses one.
        if e.is_unique_violation() {
            AppError::IdentifierHeld
        } else {
            AppError::from(e)
        }
    })?;
    trail::record(
        conn,
        Subject::Account,
        resident_id,
        // A registrar verifies someone; the other methods are the resident's own doing.
        if checked.method == VerificationMethod::InPerson {
            "resident-verified"
        } else {
            "resident-self-verified"
        },
        Some(&checked.agent.to_string()),
        &id,
        now,
    )?;
    if checked.method == VerificationMethod::InPerson {
        crate::privileged_log::record(
            conn,
            &crate::privileged_log::Entry::new(
                Some(&checked.agent.to_string()),
                crate::privileged_log::Capacity::Registrar,
                crate::privileged_log::PrivilegedAction::ResidentVerified,
                crate::privileged_log::Subject::Account,
                resident_id,
                now,
            )
            .detail(serde_json::json!({
                "verification_id": id,
                "organization_id": checked.organization_id,
            })),
        )?;
    }
    // Work verified while the resident was below the earning level is credited now, once.
    crate::claims::held::credit_on_verification(conn, ctx, resident_id, now)?;
    Ok(Ok(Outcome::Verified))
}

/// An account's level, read in a transaction (`None`: the email is not verified).
pub(crate) fn level_in(
    conn: &mut DbConnection,
    user_id: &str,
) -> Result<Option<IdentityLevel>, AppError> {
    let email = users::by_id(conn, user_id)?
        .ok_or(AppError::NotFound)?
        .email_verified_at
        .is_some();
    let resident = store::active_of_user(conn, user_id)?.is_some();
    Ok(IdentityLevel::of(email, resident))
}

/// How the person was resident verified, if they are.
pub async fn method_of(ctx: &Ctx, user: &User) -> Result<Option<VerificationMethod>, AppError> {
    let id = user.id.to_string();
    ctx.run(move |conn| {
        Ok(store::active_of_user(conn, &id)?
            .map(|row| VerificationMethod::parse(&row.method))
            .transpose()
            .map_err(AppError::from))
    })
    .await?
}

/// The person's identity level (`None` while their email is not verified).
pub async fn level_of(ctx: &Ctx, user: &User) -> Result<Option<IdentityLevel>, AppError> {
    let id = user.id.to_string();
    ctx.run(move |conn| Ok(level_in(conn, &id))).await?
}
