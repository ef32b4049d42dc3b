//! What an attestation of verified work says: who issued it, which task and outcome, when,
//! and who did it — the resident's public actor if they made their profile public, else a
//! pseudonym that is stable within this city and says nothing across cities. Never credit.

use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The facts of one verified contribution, for its attestation.
#[derive(Debug, Clone)]
pub struct AttestationFacts {
    pub contribution_id: String,
    pub organization_handle: String,
    pub template_id: String,
    pub template_version: i32,
    pub opportunity_id: String,
    pub category: String,
    pub outcome_unit: String,
    pub outcome_quantity: f64,
    pub verified_at: NaiveDateTime,
    /// The resident's username when their profile is public.
    pub named: Option<String>,
    /// The per-city pseudonym (hex) otherwise.
    pub pseudonym: String,
}

pub async fn facts(ctx: &Ctx, contribution_id: &str) -> Result<AttestationFacts, AppError> {
    let id = contribution_id.to_owned();
    let key = crate::instance::private_key_pem(ctx).await?;
    ctx.run(move |conn| {
        let row = citysync_storage::claims::contribution(conn, &id)?.ok_or(AppError::NotFound)?;
        let org = citysync_storage::organizations::by_id(conn, &row.organization_id)?
            .ok_or(AppError::NotFound)?;
        let user =
            citysync_storage::users::by_id(conn, &row.contributor_id)?.ok_or(AppError::NotFound)?;
        let (_, public) = citysync_storage::users::profile(conn, &user.id)?;
        Ok(AttestationFacts {
            pseudonym: pseudonym(&key, &row.contributor_id)?,
            named: public.then_some(user.username),
            contribution_id: row.id,
            organization_handle: org.handle,
            template_id: row.template_id,
            template_version: row.template_version,
            opportunity_id: row.opportunity_id,
            category: row.category,
            outcome_unit: row.outcome_unit,
            outcome_quantity: row.outcome_quantity,
            verified_at: row.verified_at,
        })
    })
    .await
}

/// HMAC-SHA256 of the resident's id under a key only this city holds, truncated to 128 bits.
fn pseudonym(city_secret: &str, user_id: &str) -> Result<String, AppError> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(city_secret.as_bytes()).map_err(AppError::internal)?;
    mac.update(b"citysync attestation subject\0");
    mac.update(user_id.as_bytes());
    let digest = mac.finalize().into_bytes();
    Ok(hex::encode(digest.get(..16).unwrap_or_default()))
}
