//! What other cities sent us, kept as theirs: templates, opportunities, proposals,
//! attestations and checkpoints for the "From other cities" pages; adoptions of our
//! templates; and adopting one of theirs as a local draft.
//!
//! Sovereignty: nothing here writes a ledger entry, a claim, a ballot or a parameter, and an
//! object whose id is on our own host is never stored as remote.

use super::publications::Kind;
use crate::catalog::{self, Template};
use crate::organizations;
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::FollowState;
use citysync_domain::task::TemplateSpec;
use citysync_storage::catalog as catalog_store;
use citysync_storage::federation::{self as store, AdoptionRow, RemoteObjectRow};

pub use store::Saved;

/// An object as the federation crate understood it, ready to keep.
#[derive(Debug, Clone)]
pub struct Received {
    pub ap_id: url::Url,
    pub kind: Kind,
    /// The actor it is by (an organization or a city).
    pub attributed_to: url::Url,
    /// The actor that relayed it to us, when it came in an `Announce`.
    pub via: Option<url::Url>,
    pub name: String,
    pub summary: String,
    /// The document as received (JSON), shown and re-verifiable.
    pub document: String,
    /// A template's spec as this city reads it, so a local issuer can adopt it.
    pub template: Option<TemplateSpec>,
    pub starts_at: Option<NaiveDateTime>,
    /// An attestation whose proof verified with its issuer's key.
    pub proof_verified: bool,
    pub published_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A remote object as the pages show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RemoteObject {
    pub id: String,
    pub ap_id: String,
    pub kind: &'static str,
    pub attributed_to: String,
    pub domain: String,
    pub via: Option<String>,
    pub name: String,
    pub summary: String,
    pub document: serde_json::Value,
    pub adoptable: bool,
    pub starts_at: Option<NaiveDateTime>,
    pub proof_verified: bool,
    pub published_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted: bool,
}

fn view(row: RemoteObjectRow) -> Result<RemoteObject, AppError> {
    Ok(RemoteObject {
        kind: Kind::parse(&row.kind)
            .ok_or_else(|| AppError::internal(format!("remote object kind {}", row.kind)))?
            .as_str(),
        document: serde_json::from_str(&row.document).unwrap_or(serde_json::Value::Null),
        adoptable: row.content.is_some() && row.deleted_at.is_none(),
        deleted: row.deleted_at.is_some(),
        id: row.id,
        ap_id: row.ap_id,
        attributed_to: row.attributed_to,
        domain: row.domain,
        via: row.via,
        name: row.name,
        summary: row.summary,
        starts_at: row.starts_at,
        proof_verified: row.proof_verified,
        published_at: row.published_at,
        updated_at: row.updated_at,
    })
}

/// Whether a URL names something on this instance.
pub fn is_ours(ctx: &Ctx, url: &url::Url) -> bool {
    super::peer_of(url) == ctx.settings.host()
}

/// Whether this city takes content from `domain` (a peer as [`super::peer_of`] names it):
/// the city actor or one of its organizations follows an actor there, or has asked to (a
/// follow is only ever asked for by this city's administrator or an organization's
/// member, so a pending one already says "we want what they publish"; it also covers the
/// moment between the peer's `Accept` and its first `Create`). Anyone else's `Create`,
/// `Update` and `Announce` are acknowledged and ignored.
pub async fn takes_content_from(ctx: &Ctx, domain: &str) -> Result<bool, AppError> {
    let city = ctx.settings.url("/city");
    let organizations = ctx.settings.url("/organizations/");
    let followed = ctx
        .run(move |conn| {
            Ok(store::followed_by_local(
                conn,
                &city,
                &organizations,
                &[FollowState::Accepted, FollowState::Pending],
            )?)
        })
        .await?;
    Ok(followed
        .iter()
        .filter_map(|actor| url::Url::parse(actor).ok())
        .any(|actor| super::peer_of(&actor) == domain))
}

/// Counts one activity from `domain` that was acknowledged and not taken (unsolicited, or
/// not in City/Sync's own shape), for the administrator's federation page.
pub async fn ignored(ctx: &Ctx, domain: &str) -> Result<(), AppError> {
    let domain = domain.to_owned();
    Ok(ctx
        .db
        .write(move |conn| store::count_ignored(conn, &domain))
        .await?)
}

/// Keeps (or refreshes) a remote object. One whose id is on our host is refused: a peer
/// cannot create or change what is ours.
/// With the peer's `receipt`, in one transaction with it (a duplicate is `Ignored`).
pub async fn keep(
    ctx: &Ctx,
    received: Received,
    receipt: Option<&super::Receipt>,
) -> Result<Saved, AppError> {
    if is_ours(ctx, &received.ap_id) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.now();
    let content = match &received.template {
        Some(spec) => Some(serde_json::to_string(spec).map_err(AppError::internal)?),
        None => None,
    };
    let row = RemoteObjectRow {
        id: secrets::new_id(),
        ap_id: received.ap_id.to_string(),
        kind: received.kind.as_str().to_owned(),
        attributed_to: received.attributed_to.to_string(),
        domain: super::peer_of(&received.ap_id),
        via: received.via.map(|v| v.to_string()),
        name: received.name,
        summary: received.summary,
        document: received.document,
        content,
        starts_at: received.starts_at,
        proof_verified: received.proof_verified,
        published_at: received.published_at,
        updated_at: received.updated_at,
        deleted_at: None,
        received_at: now,
    };
    let receipt = receipt.cloned();
    ctx.db
        .write(move |conn| {
            if let Some(receipt) = &receipt {
                if !receipt.record(conn)? {
                    return Ok(Saved::Ignored);
                }
            }
            Ok(store::save_remote_object(conn, &row)?)
        })
        .await
}

/// A remote `Delete`: the object becomes a tombstone. Only objects on the deleting actor's
/// own host may be deleted by it, and never ours.
pub async fn delete(
    ctx: &Ctx,
    receipt: &super::Receipt,
    ap_id: &url::Url,
    by_actor: &url::Url,
    tombstone: &str,
) -> Result<bool, AppError> {
    if is_ours(ctx, ap_id) || super::peer_of(ap_id) != super::peer_of(by_actor) {
        return Err(AppError::Forbidden);
    }
    let (receipt, ap_id, tombstone, now) = (
        receipt.clone(),
        ap_id.to_string(),
        tombstone.to_owned(),
        ctx.now(),
    );
    ctx.db
        .write(move |conn| {
            Ok(receipt.record(conn)?
                && store::tombstone_remote_object(conn, &ap_id, &tombstone, now)?)
        })
        .await
}

/// The live remote objects of a kind, newest first.
pub async fn list(ctx: &Ctx, kind: Kind, limit: i64) -> Result<Vec<RemoteObject>, AppError> {
    let rows = ctx
        .run(move |conn| Ok(store::remote_objects_of_kind(conn, kind.as_str(), limit)?))
        .await?;
    rows.into_iter().map(view).collect()
}

/// What one remote actor (a followed organization) published.
pub async fn by_actor(ctx: &Ctx, actor: &str, limit: i64) -> Result<Vec<RemoteObject>, AppError> {
    let actor = actor.to_owned();
    let rows = ctx
        .run(move |conn| Ok(store::remote_objects_by(conn, &actor, limit)?))
        .await?;
    rows.into_iter().map(view).collect()
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<RemoteObject, AppError> {
    let id = id.to_owned();
    let row = ctx
        .run(move |conn| Ok(store::remote_object_by_id(conn, &id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    view(row)
}

pub async fn by_ap_id(ctx: &Ctx, ap_id: &str) -> Result<Option<RemoteObject>, AppError> {
    let ap_id = ap_id.to_owned();
    ctx.run(move |conn| Ok(store::remote_object(conn, &ap_id)?))
        .await?
        .map(view)
        .transpose()
}

/// Another city adopted one of our templates (its copy says `adaptedFrom` ours): recorded
/// once, shown on the template's page. False when the template is not ours or already known.
pub async fn record_adoption(
    ctx: &Ctx,
    template_id: &str,
    copy: &url::Url,
    adopter: &url::Url,
) -> Result<bool, AppError> {
    if is_ours(ctx, copy) {
        return Ok(false);
    }
    let row = AdoptionRow {
        copy_ap_id: copy.to_string(),
        template_id: template_id.to_owned(),
        adopter_actor: adopter.to_string(),
        adopter_domain: super::peer_of(adopter),
        adopted_at: ctx.now(),
    };
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            if catalog_store::template(conn, &row.template_id)?.is_none() {
                return Ok(false);
            }
            let new = store::record_adoption(conn, &row)?;
            if new {
                trail::record(
                    conn,
                    Subject::Template,
                    &row.template_id,
                    "adopted",
                    None,
                    &row.adopter_domain,
                    ctx2.now(),
                )?;
            }
            Ok::<_, AppError>(new)
        })
        .await
}

/// Where one of our templates was adopted.
pub async fn adoptions(ctx: &Ctx, template_id: &str) -> Result<Vec<AdoptionRow>, AppError> {
    let id = template_id.to_owned();
    ctx.run(move |conn| Ok(store::adoptions_of(conn, &id)?))
        .await
}

/// An issuer adopts a remote template: a local draft copy with `adaptedFrom`, editable
/// before activation. Activating it tells the origin (the copy's `Create` goes there too).
pub async fn adopt(
    ctx: &Ctx,
    user: &User,
    handle: &str,
    remote_id: &str,
) -> Result<Template, AppError> {
    let remote = {
        let id = remote_id.to_owned();
        ctx.run(move |conn| Ok(store::remote_object_by_id(conn, &id)?))
            .await?
            .ok_or(AppError::NotFound)?
    };
    let spec: TemplateSpec = match (&remote.content, remote.deleted_at) {
        (Some(content), None) => serde_json::from_str(content).map_err(AppError::internal)?,
        _ => return Err(AppError::NotFound),
    };
    let org = organizations::by_handle(ctx, handle, Some(user)).await?;
    catalog::create_adapted_template(ctx, user, &org.handle, spec, &remote.ap_id).await
}
