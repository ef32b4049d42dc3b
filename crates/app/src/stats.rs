//! The city's headline figures, as a client's front page would show them: residents,
//! organizations, opportunities, verified work and the CITY it minted, burned and left in
//! circulation. Counted from what is already kept (the catalog, the sealed epoch reports and
//! the open epoch's entries, the ledger's balances); nothing here names a resident.

use crate::ledger::checkpoints;
use crate::ledger::epochs;
use crate::ledger::journal::figures_of_epoch;
use crate::{AppError, Ctx};
use citysync_domain::ledger::{Currency, Movements};
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::organization::OrganizationState;
use citysync_storage::catalog::{self as catalog_store, CatalogFilter};
use citysync_storage::{organizations, users};
use serde::Serialize;

/// The most epochs summed (a city on weekly epochs reaches this in two centuries).
const EPOCHS_MAX: i64 = 10_000;
/// The most approved organizations counted.
const ORGANIZATIONS_MAX: i64 = 100_000;

/// The city's figures. CITY in hundredths, VOTE whole.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CityStats {
    /// Residents with a verified email.
    pub residents: i64,
    /// Approved organizations, and how many of them issue work or accept CITY.
    pub organizations: i64,
    pub issuers: i64,
    pub redeemers: i64,
    /// Published opportunities that have not ended, and those of them with a free slot.
    pub opportunities_published: i64,
    pub opportunities_open: i64,
    /// Verified contributions that minted credit (claims verified), ever.
    pub contributions: i64,
    /// Honored redemptions, ever.
    pub redemptions: i64,
    pub city_minted: i64,
    pub vote_minted: i64,
    pub city_burned: i64,
    /// Held by residents and organizations now.
    pub city_in_circulation: i64,
    /// Held for open reservations now.
    pub city_in_escrow: i64,
    pub current_epoch: i64,
}

/// The city's figures now.
pub async fn city(ctx: &Ctx) -> Result<CityStats, AppError> {
    let current = epochs::current(ctx).await?;
    let sealed = epochs::list(ctx, EPOCHS_MAX).await?;
    let now = ctx.now();
    let n = current.number;
    let (mut stats, open_epoch) = ctx
        .run(move |conn| {
            let published = CatalogFilter {
                not_ended_by: Some(now),
                states: vec![OpportunityState::Published],
                ..CatalogFilter::default()
            };
            let open = CatalogFilter {
                open_slots_only: true,
                ..published.clone()
            };
            let orgs =
                organizations::in_state(conn, OrganizationState::Approved, ORGANIZATIONS_MAX, 0)?;
            let open_epoch = figures_of_epoch(conn, n)?.total;
            let totals = checkpoints::totals(conn)?;
            let city = totals
                .iter()
                .find(|t| t.currency == Currency::City)
                .cloned();
            Ok::<_, AppError>((
                CityStats {
                    residents: users::count_verified(conn)?,
                    organizations: i64::try_from(orgs.len()).unwrap_or(i64::MAX),
                    issuers: i64::try_from(orgs.iter().filter(|o| o.is_issuer).count())
                        .unwrap_or(i64::MAX),
                    redeemers: i64::try_from(orgs.iter().filter(|o| o.is_redeemer).count())
                        .unwrap_or(i64::MAX),
                    opportunities_published: catalog_store::catalog_count(conn, &published)?,
                    opportunities_open: catalog_store::catalog_count(conn, &open)?,
                    city_burned: city.as_ref().map_or(0, |t| t.burned),
                    city_in_circulation: city.as_ref().map_or(0, |t| t.circulating),
                    city_in_escrow: city.as_ref().map_or(0, |t| t.escrow),
                    current_epoch: n,
                    ..CityStats::default()
                },
                open_epoch,
            ))
        })
        .await?;
    let movements = sealed
        .iter()
        .filter(|e| e.number != n)
        .filter_map(|e| e.report.as_ref().map(|r| &r.figures.total))
        .chain(std::iter::once(&open_epoch));
    add(&mut stats, movements);
    Ok(stats)
}

fn add<'a>(stats: &mut CityStats, movements: impl Iterator<Item = &'a Movements>) {
    for m in movements {
        stats.contributions += m.contributions;
        stats.redemptions += m.redemptions;
        stats.city_minted += m.city_minted;
        stats.vote_minted += m.vote_minted;
    }
}
