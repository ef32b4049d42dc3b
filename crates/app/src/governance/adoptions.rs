//! Models the city decided to adopt (`adopt_model`). The close records the decision as
//! pending; the federation worker fetches the model and hands its templates here, where they
//! become drafts of the proposing organization with `adaptedFrom` — or the adoption fails
//! with a reason the proposal page shows.

use crate::{catalog, organizations, AppError, Ctx};
use citysync_domain::task::TemplateSpec;
use citysync_storage::governance as store;

/// Waiting for the worker to fetch the model.
pub const PENDING: &str = "pending";
/// The model's templates are drafts of the proposing organization.
pub const INSTALLED: &str = "installed";
/// The model could not be installed; the detail is one of the reasons below.
pub const FAILED: &str = "failed";

/// Why an adoption failed (stored as the detail, shown through Fluent).
pub const GONE: &str = "gone";
pub const NO_TEMPLATES: &str = "no-templates";
pub const NOT_AN_ISSUER: &str = "not-an-issuer";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdoptionState {
    Pending,
    Installed { installed: usize, offered: usize },
    Failed { reason: String },
}

#[derive(Debug, Clone)]
pub struct Adoption {
    pub model_url: String,
    pub state: AdoptionState,
}

/// The adoption a passed `adopt_model` proposal decided, if any.
pub async fn adoption(ctx: &Ctx, proposal_id: &str) -> Result<Option<Adoption>, AppError> {
    let id = proposal_id.to_owned();
    let row = ctx.run(move |conn| Ok(store::adoption(conn, &id)?)).await?;
    Ok(row.map(|(model_url, state, detail)| {
        let detail = detail.unwrap_or_default();
        let state = match state.as_str() {
            INSTALLED => {
                let (installed, offered) = detail.split_once('/').unwrap_or(("0", "0"));
                AdoptionState::Installed {
                    installed: installed.parse().unwrap_or(0),
                    offered: offered.parse().unwrap_or(0),
                }
            }
            FAILED => AdoptionState::Failed { reason: detail },
            _ => AdoptionState::Pending,
        };
        Adoption { model_url, state }
    }))
}

/// Adoptions waiting for the worker: (proposal id, model URL), oldest decision first.
pub async fn pending(ctx: &Ctx) -> Result<Vec<(String, String)>, AppError> {
    ctx.run(|conn| Ok(store::pending_adoptions(conn)?)).await
}

/// Installs a fetched model: each template this city's taxonomy can take becomes a draft of
/// the proposing organization, in one transaction with the adoption's new state. A proposal
/// by a resident, or by an organization that is no longer an approved issuer, fails the
/// adoption. Installing twice installs once.
pub async fn install(
    ctx: &Ctx,
    proposal_id: &str,
    templates: Vec<(url::Url, TemplateSpec)>,
) -> Result<AdoptionState, AppError> {
    let proposal_id = proposal_id.to_owned();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            if store::adoption(conn, &proposal_id)?.map(|a| a.1).as_deref() != Some(PENDING) {
                return Err(AppError::Conflict);
            }
            let proposal = store::proposal(conn, &proposal_id)?.ok_or(AppError::NotFound)?;
            let issuer = match proposal.organization_id.as_deref() {
                Some(org_id) => Some(organizations::load_by_id(conn, org_id)?)
                    .filter(|org| org.is_approved() && org.is_issuer),
                None => None,
            };
            let Some(org) = issuer else {
                store::finish_adoption(conn, &proposal_id, FAILED, NOT_AN_ISSUER)?;
                return Ok(AdoptionState::Failed {
                    reason: NOT_AN_ISSUER.to_owned(),
                });
            };
            if templates.is_empty() {
                store::finish_adoption(conn, &proposal_id, FAILED, NO_TEMPLATES)?;
                return Ok(AdoptionState::Failed {
                    reason: NO_TEMPLATES.to_owned(),
                });
            }
            let installed =
                catalog::insert_adapted_drafts(conn, &org, &proposal.author_id, &templates, now)?;
            let offered = templates.len();
            store::finish_adoption(
                conn,
                &proposal_id,
                INSTALLED,
                &format!("{installed}/{offered}"),
            )?;
            Ok(AdoptionState::Installed { installed, offered })
        })
        .await
}

/// The model cannot be installed (it is gone, or holds nothing this city understands).
pub async fn fail(ctx: &Ctx, proposal_id: &str, reason: &'static str) -> Result<(), AppError> {
    let id = proposal_id.to_owned();
    ctx.db
        .write(move |conn| Ok(store::finish_adoption(conn, &id, FAILED, reason)?))
        .await
        .map(|_| ())
}
