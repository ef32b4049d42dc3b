//! The city's headline figures for a client's front page. Public: no token needed.

use crate::{Problem, Reader};
use actix_web::{web, HttpResponse};
use citysync_app::{stats, Ctx};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(paths(stats_show))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/stats", web::get().to(stats_show));
}

/// The city in figures. CITY in hundredths (500 = 5.00 CITY), VOTE whole.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Stats {
    /// Residents with a verified e-mail.
    pub residents: i64,
    /// Approved organizations, and how many of them issue work or accept CITY.
    pub organizations: i64,
    pub issuers: i64,
    pub redeemers: i64,
    /// Published opportunities that have not ended.
    pub opportunities_published: i64,
    /// Those of them with a free slot.
    pub opportunities_open: i64,
    /// Verified contributions (claims verified) that minted credit, ever.
    pub contributions: i64,
    /// Honored redemptions, ever.
    pub redemptions: i64,
    /// CITY minted for verified work, ever, in hundredths.
    pub city_minted: i64,
    /// VOTE minted for verified work, ever.
    pub vote_minted: i64,
    /// CITY burned by honored redemptions, ever, in hundredths.
    pub city_burned: i64,
    /// CITY held by residents and organizations now, in hundredths.
    pub city_in_circulation: i64,
    /// CITY held for open reservations now, in hundredths.
    pub city_in_escrow: i64,
    /// The open epoch's number.
    pub current_epoch: i64,
}

/// The city's figures: residents, organizations, opportunities, verified work, and the
/// CITY minted, burned and in circulation.
#[utoipa::path(get, path = "/api/v1/stats", tag = "ledger",
    responses((status = 200, body = Stats)))]
pub async fn stats_show(ctx: web::Data<Ctx>, _reader: Reader) -> Result<HttpResponse, Problem> {
    let s = stats::city(&ctx).await?;
    Ok(HttpResponse::Ok().json(Stats {
        residents: s.residents,
        organizations: s.organizations,
        issuers: s.issuers,
        redeemers: s.redeemers,
        opportunities_published: s.opportunities_published,
        opportunities_open: s.opportunities_open,
        contributions: s.contributions,
        redemptions: s.redemptions,
        city_minted: s.city_minted,
        vote_minted: s.vote_minted,
        city_burned: s.city_burned,
        city_in_circulation: s.city_in_circulation,
        city_in_escrow: s.city_in_escrow,
        current_epoch: s.current_epoch,
    }))
}
