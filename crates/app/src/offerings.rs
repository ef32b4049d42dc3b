//! Redeemers' offerings: the catalog, the units committed per epoch, what is available.

use crate::ledger::epochs;
use crate::organizations::require;
use crate::{photos, secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::ledger::Currency;
use citysync_domain::offering::{parse_quantity, OfferingSpec};
use citysync_domain::organization::Capability;
use citysync_domain::organization::OrganizationState;
use citysync_domain::OfferingId;
use citysync_storage::offerings::{self as store, OfferingFilter, OfferingRow};
use citysync_storage::{organizations, DbConnection};
use serde::Serialize;

/// An offering with its availability in the open epoch.
#[derive(Debug, Clone, Serialize)]
pub struct Offering {
    pub id: OfferingId,
    pub organization_id: String,
    pub organization_handle: String,
    pub organization_name: String,
    pub title: String,
    pub description: String,
    /// CITY in hundredths, and as shown.
    pub price: i64,
    pub price_text: String,
    pub category: String,
    pub terms: String,
    pub image: Option<String>,
    pub active: bool,
    pub epoch: i64,
    pub committed: i64,
    pub taken: i64,
    /// committed − reserved − honored this epoch.
    pub available: i64,
    pub updated_at: NaiveDateTime,
}

/// What an editor types.
#[derive(Debug, Clone, Default)]
pub struct OfferingInput {
    pub title: String,
    pub description: String,
    pub price: String,
    pub category: String,
    pub terms: String,
    pub active: bool,
}

pub(crate) fn with_availability(
    conn: &mut DbConnection,
    row: OfferingRow,
    handle: String,
    name: String,
    epoch: i64,
) -> Result<Offering, AppError> {
    let committed = i64::from(store::commitment(conn, &row.id, epoch)?);
    let taken = store::units_taken(conn, &row.id, epoch)?;
    Ok(Offering {
        available: (committed - taken).max(0),
        committed,
        taken,
        epoch,
        price_text: Currency::City.format(row.price),
        id: row.id,
        organization_id: row.organization_id,
        organization_handle: handle,
        organization_name: name,
        title: row.title,
        description: row.description,
        price: row.price,
        category: row.category,
        terms: row.terms,
        image: row.image,
        active: row.active,
        updated_at: row.updated_at,
    })
}

/// A redeemer's own check: approved, a redeemer, and the user may edit its catalog.
fn require_redeemer(
    conn: &mut DbConnection,
    org_id: &str,
    user: &User,
) -> Result<organizations::OrganizationRow, AppError> {
    let org = organizations::by_id(conn, org_id)?.ok_or(AppError::NotFound)?;
    require(conn, org_id, user, Capability::EditCatalog)?;
    if org.state != OrganizationState::Approved {
        return Err(AppError::OrganizationNotApproved);
    }
    if !org.is_redeemer {
        return Err(AppError::NotARedeemer);
    }
    Ok(org)
}

fn stored_image(ctx: &Ctx, image: Option<Vec<u8>>) -> Result<Option<String>, AppError> {
    match image {
        Some(bytes) if !bytes.is_empty() => {
            let clean = photos::clean(&bytes, ctx.settings.photo_max_bytes)?;
            Ok(Some(photos::store(&ctx.settings.uploads_dir, &clean)?))
        }
        _ => Ok(None),
    }
}

/// An editor adds an offering to a redeemer's catalog; returns its id.
pub async fn create(
    ctx: &Ctx,
    user: &User,
    org_id: &str,
    input: OfferingInput,
    image: Option<Vec<u8>>,
) -> Result<OfferingId, AppError> {
    user.require_verified()?;
    let spec = OfferingSpec::parse(
        &input.title,
        &input.description,
        &input.price,
        &input.category,
        &input.terms,
    )?;
    let ctx2 = ctx.clone();
    let image = tokio::task::spawn_blocking(move || stored_image(&ctx2, image))
        .await
        .map_err(AppError::internal)??;
    let now = ctx.now();
    let row = OfferingRow {
        id: OfferingId::from_random_bytes(secrets::random_id_bytes()),
        organization_id: org_id.to_owned(),
        title: spec.title,
        description: spec.description,
        price: spec.price.minor(),
        category: spec.category,
        terms: spec.terms,
        image,
        active: input.active,
        created_at: now,
        updated_at: now,
    };
    let user = user.clone();
    ctx.db
        .write(move |conn| {
            require_redeemer(conn, &row.organization_id, &user)?;
            store::insert_offering(conn, &row)?;
            Ok::<_, AppError>(row.id)
        })
        .await
}

/// An editor changes an offering (a new image replaces the old one; none keeps it).
pub async fn update(
    ctx: &Ctx,
    user: &User,
    offering_id: &OfferingId,
    input: OfferingInput,
    image: Option<Vec<u8>>,
) -> Result<(), AppError> {
    user.require_verified()?;
    let spec = OfferingSpec::parse(
        &input.title,
        &input.description,
        &input.price,
        &input.category,
        &input.terms,
    )?;
    let ctx2 = ctx.clone();
    let image = tokio::task::spawn_blocking(move || stored_image(&ctx2, image))
        .await
        .map_err(AppError::internal)??;
    let id = *offering_id;
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let old = store::offering(conn, &id)?.ok_or(AppError::NotFound)?;
            require_redeemer(conn, &old.organization_id, &user)?;
            store::update_offering(
                conn,
                &OfferingRow {
                    title: spec.title,
                    description: spec.description,
                    price: spec.price.minor(),
                    category: spec.category,
                    terms: spec.terms,
                    image: image.or(old.image.clone()),
                    active: input.active,
                    updated_at: now,
                    ..old
                },
            )?;
            Ok(())
        })
        .await
}

/// An editor commits how many units the redeemer will honor in the open epoch. It cannot
/// go below what is already reserved or honored.
pub async fn commit(
    ctx: &Ctx,
    user: &User,
    offering_id: &OfferingId,
    quantity: &str,
) -> Result<(), AppError> {
    user.require_verified()?;
    let quantity = parse_quantity(quantity)?;
    let epoch = epochs::current(ctx).await?.number;
    let id = *offering_id;
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let offering = store::offering(conn, &id)?.ok_or(AppError::NotFound)?;
            require_redeemer(conn, &offering.organization_id, &user)?;
            let taken = store::units_taken(conn, &id, epoch)?;
            if i64::from(quantity) < taken {
                return Err(AppError::CommitmentBelowTaken { taken });
            }
            store::set_commitment(conn, &id, epoch, quantity, now)?;
            Ok(())
        })
        .await
}

/// One offering, with its redeemer and availability.
pub async fn get(ctx: &Ctx, offering_id: &OfferingId) -> Result<Offering, AppError> {
    let epoch = epochs::current(ctx).await?.number;
    let id = *offering_id;
    ctx.run(move |conn| {
        let row = store::offering(conn, &id)?.ok_or(AppError::NotFound)?;
        let org = organizations::by_id(conn, &row.organization_id)?.ok_or(AppError::NotFound)?;
        with_availability(conn, row, org.handle, org.name, epoch)
    })
    .await
}

/// A redeemer's whole catalog (inactive ones too), for its editors.
pub async fn of_organization(ctx: &Ctx, org_id: &str) -> Result<Vec<Offering>, AppError> {
    let epoch = epochs::current(ctx).await?.number;
    let org_id = org_id.to_owned();
    ctx.run(move |conn| {
        let org = organizations::by_id(conn, &org_id)?.ok_or(AppError::NotFound)?;
        store::offerings_of(conn, &org_id)?
            .into_iter()
            .map(|row| with_availability(conn, row, org.handle.clone(), org.name.clone(), epoch))
            .collect()
    })
    .await
}

/// What the public offerings page asks for.
#[derive(Debug, Clone, Default)]
pub struct OfferingQuery {
    pub category: String,
    pub organization: String,
    pub max_price: String,
    pub text: String,
    /// Only offerings with units left this epoch.
    pub available_only: bool,
}

/// The public offerings page: active offerings of approved redeemers.
pub async fn public(ctx: &Ctx, query: OfferingQuery) -> Result<Vec<Offering>, AppError> {
    let epoch = epochs::current(ctx).await?.number;
    let non_empty = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let filter = OfferingFilter {
        category: non_empty(&query.category),
        organization_handle: non_empty(&query.organization),
        max_price: non_empty(&query.max_price)
            .map(|p| Currency::City.parse_amount(&p).map(|a| a.minor()))
            .transpose()?,
        text: non_empty(&query.text),
    };
    let available_only = query.available_only;
    ctx.run(move |conn| {
        let mut out = Vec::new();
        for (row, handle, name) in store::public_offerings(conn, &filter, 200)? {
            let o = with_availability(conn, row, handle, name, epoch)?;
            if !available_only || o.available > 0 {
                out.push(o);
            }
        }
        Ok(out)
    })
    .await
}

/// An offering's image (the caller decided the viewer may see the offering).
pub async fn image(ctx: &Ctx, offering: &Offering) -> Result<Vec<u8>, AppError> {
    let name = offering.image.clone().ok_or(AppError::NotFound)?;
    let dir = ctx.settings.uploads_dir.clone();
    tokio::task::spawn_blocking(move || photos::read(&dir, &name))
        .await
        .map_err(AppError::internal)?
}
