//! Which resident-verification methods the city offers. The registrar's desk is always
//! there (an organization with the registrar role is itself the switch); letter codes, the
//! registry and OpenID Connect are switched on and off by the administrator on
//! /admin/identity, and the last two only once the server's configuration names the
//! registry or the provider (their addresses and secrets are the operator's, not a page's).

use crate::trail::{self, Subject};
use crate::{AppError, Ctx, User};
use citysync_domain::identity::VerificationMethod;
use citysync_storage::identity as store;
use citysync_storage::DbConnection;
use serde::Serialize;

/// The methods the administrator switches.
pub const SWITCHED: [VerificationMethod; 3] = [
    VerificationMethod::LetterCode,
    VerificationMethod::Registry,
    VerificationMethod::OpenidConnect,
];

/// A switched method as the administrator's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MethodView {
    pub method: VerificationMethod,
    pub enabled: bool,
    /// False when the server's configuration lacks what the method needs.
    pub configured: bool,
}

/// Whether the server's configuration has what `method` needs.
pub fn configured(ctx: &Ctx, method: VerificationMethod) -> bool {
    match method {
        VerificationMethod::InPerson | VerificationMethod::LetterCode => true,
        VerificationMethod::Registry => ctx.settings.identity.registry.is_some(),
        VerificationMethod::OpenidConnect => ctx.settings.identity.oidc.is_some(),
    }
}

/// The methods on, in a transaction: the desk, and each switched method that is both
/// switched on and configured.
pub(crate) fn enabled_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
) -> Result<Vec<VerificationMethod>, AppError> {
    let on = store::enabled_methods(conn)?;
    let mut methods = vec![VerificationMethod::InPerson];
    methods.extend(
        SWITCHED
            .into_iter()
            .filter(|m| on.iter().any(|s| s == m.as_str()) && configured(ctx, *m)),
    );
    Ok(methods)
}

/// Refuses a method the city does not offer now.
pub(crate) fn require_on(
    conn: &mut DbConnection,
    ctx: &Ctx,
    method: VerificationMethod,
) -> Result<(), AppError> {
    if enabled_in(conn, ctx)?.contains(&method) {
        Ok(())
    } else {
        Err(AppError::VerificationMethodOff)
    }
}

/// The methods a resident may use now.
pub async fn enabled(ctx: &Ctx) -> Result<Vec<VerificationMethod>, AppError> {
    let ctx2 = ctx.clone();
    ctx.run(move |conn| Ok(enabled_in(conn, &ctx2))).await?
}

/// The switched methods with their state, for the administrator.
pub async fn switches(ctx: &Ctx, admin: &User) -> Result<Vec<MethodView>, AppError> {
    admin.require_admin()?;
    let on = enabled(ctx).await?;
    Ok(SWITCHED
        .into_iter()
        .map(|method| MethodView {
            method,
            enabled: on.contains(&method),
            configured: configured(ctx, method),
        })
        .collect())
}

/// Sets which switched methods are on (`on`: their names). Switching on a method the
/// configuration lacks is refused, with nothing changed.
pub async fn set(ctx: &Ctx, admin: &User, on: &[String]) -> Result<(), AppError> {
    admin.require_admin()?;
    let mut wanted = Vec::new();
    for name in on {
        let method = VerificationMethod::parse(name)?;
        if !SWITCHED.contains(&method) {
            return Err(AppError::VerificationMethodOff);
        }
        if !configured(ctx, method) {
            return Err(AppError::VerificationMethodNotConfigured);
        }
        wanted.push(method);
    }
    let (admin_id, now, ctx2) = (admin.id.to_string(), ctx.now(), ctx.clone());
    ctx.db
        .write(move |conn| {
            let before: Vec<&str> = enabled_in(conn, &ctx2)?
                .into_iter()
                .filter(|m| SWITCHED.contains(m))
                .map(|m| m.as_str())
                .collect();
            for method in SWITCHED {
                store::set_method(
                    conn,
                    method.as_str(),
                    wanted.contains(&method),
                    &admin_id,
                    now,
                )?;
            }
            let names: Vec<&str> = wanted.iter().map(|m| m.as_str()).collect();
            trail::record(
                conn,
                Subject::City,
                "city",
                "identity-methods",
                Some(&admin_id),
                &serde_json::json!({ "from": before.join(" "), "to": names.join(" ") }).to_string(),
                now,
            )?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &admin_id,
                    crate::privileged_log::PrivilegedAction::IdentityMethodChanged,
                    crate::privileged_log::Subject::City,
                    "city",
                    now,
                )
                .detail(serde_json::json!({ "from": before, "to": names })),
            )?;
            Ok(())
        })
        .await
}
