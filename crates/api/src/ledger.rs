//! Credit through an app: the resident's wallet; the redeemers' offerings; reservations
//! (the price held in escrow, a short code and a signed QR token to show at the counter) and
//! their cancellation; for cashiers, looking a reservation up and confirming it (the CITY is
//! burned exactly once, in `counter`). The public ledger (totals, epochs, signed
//! checkpoints) is in `explorer`.
//!
//! Money is in hundredths of CITY (`500` = 5.00 CITY); VOTE is whole.

mod counter;
mod explorer;

use crate::auth::{scoped, Scoped};
use crate::reply::{self, Reply, IDEMPOTENCY_KEY};
use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::ledger::wallet;
use citysync_app::offerings::{self, OfferingQuery};
use citysync_app::redemptions;
use citysync_app::{organizations, AppError, Ctx, User};
use citysync_domain::organization::Capability;
use citysync_domain::OfferingId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub use counter::Presentation;
pub use explorer::{
    Checkpoint, CurrencyTotals, Epoch, EpochReport, Ledger, Movements, OrganizationMovements,
    PublicAccount, PublicEntry, Verification,
};

#[derive(OpenApi)]
#[openapi(paths(
    wallet_show,
    offerings_index,
    offering_show,
    offering_image,
    reservation_create,
    reservations_index,
    reservation_show,
    reservation_cancel,
    counter::redemption_lookup,
    counter::redemption_confirm,
    counter::redemptions_index,
    explorer::ledger_show,
    explorer::epochs_index,
    explorer::epoch_show,
    explorer::checkpoints_index,
    explorer::checkpoint_show,
))]
pub struct Doc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/wallet", web::get().to(wallet_show))
        .route("/offerings", web::get().to(offerings_index))
        .route("/offerings/{id}", web::get().to(offering_show))
        .route("/offerings/{id}/image", web::get().to(offering_image))
        .route(
            "/offerings/{id}/reservations",
            web::post().to(reservation_create),
        )
        .route("/reservations", web::get().to(reservations_index))
        .route("/reservations/{id}", web::get().to(reservation_show))
        .route(
            "/reservations/{id}/cancel",
            web::post().to(reservation_cancel),
        )
        .configure(counter::configure)
        .configure(explorer::configure);
}

/// A reservation or redemption of an offering.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Redemption {
    pub id: String,
    pub offering_id: String,
    pub offering_title: String,
    /// The redeemer.
    pub organization_id: String,
    pub organization_name: String,
    /// The price held in escrow (then burned or given back), in CITY hundredths (450 = 4.50 CITY).
    pub amount: i64,
    /// `reserved`, `honored`, `cancelled` or `expired`.
    pub state: String,
    /// The short code a cashier types, as shown: `ABCD-1234`.
    pub code: String,
    pub reserved_at: CityTime,
    /// When an unconfirmed reservation lapses and its CITY goes back.
    pub expires_at: CityTime,
    pub settled_at: Option<CityTime>,
    /// The signed token a QR code carries, for the holder of a reservation still open: show
    /// it as a QR code for the cashier to scan. Absent otherwise.
    pub token: Option<String>,
}

impl From<redemptions::Reservation> for Redemption {
    fn from(r: redemptions::Reservation) -> Redemption {
        Redemption {
            id: r.id.to_string(),
            offering_id: r.offering_id.to_string(),
            offering_title: r.offering_title,
            organization_id: r.organization_id,
            organization_name: r.organization_name,
            amount: r.amount,
            state: r.state.as_str().to_owned(),
            code: r.code,
            reserved_at: r.reserved_at.into(),
            expires_at: r.expires_at.into(),
            settled_at: r.settled_at.map(CityTime),
            token: r.token,
        }
    }
}

fn redemptions_of(list: Vec<redemptions::Reservation>) -> Vec<Redemption> {
    list.into_iter().map(Redemption::from).collect()
}

/// One line of a wallet's history, from the holder's side.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WalletLine {
    /// The entry's sequence number in the city's journal.
    pub seq: i64,
    /// `mint`, `reserve`, `release`, `burn`, `expire`, `adjust`, …
    pub kind: String,
    /// `CITY` or `VOTE`.
    pub currency: String,
    /// Positive when it came in, negative when it went out: CITY in hundredths, VOTE whole.
    pub amount: i64,
    /// What it was for: the opportunity's or the offering's title, when there is one.
    pub about: Option<String>,
    /// What the entry refers to (`redemption:<id>`, `epoch:<n>`, …).
    pub memo: String,
    pub recorded_at: CityTime,
}

/// The resident's balances, history and reservations.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Wallet {
    /// CITY held, in hundredths (500 = 5.00 CITY).
    pub city: i64,
    /// VOTE held (whole).
    pub vote: i64,
    /// CITY held in escrow for open reservations, in hundredths.
    pub reserved: i64,
    /// The latest entries (up to 200), newest first.
    pub history: Vec<WalletLine>,
    /// Open reservations, each with its code and QR token.
    pub reservations: Vec<Redemption>,
    /// Honored, cancelled and expired ones.
    pub past_redemptions: Vec<Redemption>,
}

/// The resident's CITY and VOTE balances, recent history and reservations.
#[utoipa::path(get, path = "/api/v1/wallet", tag = "ledger",
    security(("oauth2" = ["read:wallet"])),
    responses(
        (status = 200, body = Wallet),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read:wallet`", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn wallet_show(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::ReadWallet>,
) -> Result<HttpResponse, Problem> {
    let w = wallet::wallet(&ctx, &bearer.user).await?;
    Ok(HttpResponse::Ok().json(Wallet {
        city: w.city,
        vote: w.vote,
        reserved: w.reserved,
        history: w
            .history
            .into_iter()
            .map(|l| WalletLine {
                seq: l.seq,
                kind: l.kind,
                currency: l.currency,
                amount: l.amount,
                about: l.about,
                memo: l.memo,
                recorded_at: l.recorded_at.into(),
            })
            .collect(),
        reservations: redemptions_of(w.reservations),
        past_redemptions: redemptions_of(w.past_redemptions),
    }))
}

/// Something a redeemer accepts CITY for, with what is left of it this epoch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Offering {
    pub id: String,
    /// The redeemer's handle.
    pub organization: String,
    pub organization_name: String,
    pub title: String,
    pub description: String,
    /// CITY in hundredths (450 = 4.50 CITY).
    pub price: i64,
    pub category: String,
    pub terms: String,
    /// `/api/v1/offerings/{id}/image`, when it has an image.
    pub image_url: Option<String>,
    pub active: bool,
    /// The epoch the units below are counted in.
    pub epoch: i64,
    /// Units the redeemer committed to honor this epoch.
    pub committed: i64,
    /// Units reserved or honored this epoch.
    pub taken: i64,
    /// Units still available this epoch.
    pub available: i64,
    pub updated_at: CityTime,
}

impl From<offerings::Offering> for Offering {
    fn from(o: offerings::Offering) -> Offering {
        Offering {
            image_url: o
                .image
                .as_ref()
                .map(|_| format!("/api/v1/offerings/{}/image", o.id)),
            id: o.id.to_string(),
            organization: o.organization_handle,
            organization_name: o.organization_name,
            title: o.title,
            description: o.description,
            price: o.price,
            category: o.category,
            terms: o.terms,
            active: o.active,
            epoch: o.epoch,
            committed: o.committed,
            taken: o.taken,
            available: o.available,
            updated_at: o.updated_at.into(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OfferingList {
    /// Cheapest first, at most 200.
    pub items: Vec<Offering>,
}

/// The offerings' filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfferingFilter {
    /// An offering category (`food_drink`, …).
    pub category: Option<String>,
    /// A redeemer's handle.
    pub organization: Option<String>,
    /// The highest price, in CITY hundredths (450 = 4.50 CITY).
    pub max_price: Option<i64>,
    /// Words in the title or description.
    pub q: Option<String>,
    /// Only offerings with units left this epoch.
    #[serde(default)]
    pub available: bool,
}

/// List the active offerings of approved redeemers.
#[utoipa::path(get, path = "/api/v1/offerings", tag = "offerings",
    params(OfferingFilter),
    responses(
        (status = 200, body = OfferingList),
        (status = 400, description = "A filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offerings_index(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    filter: crate::extract::Query<OfferingFilter>,
) -> Result<HttpResponse, Problem> {
    let filter = filter.into_inner();
    let query = OfferingQuery {
        category: filter.category.unwrap_or_default(),
        organization: filter.organization.unwrap_or_default(),
        max_price: filter
            .max_price
            .map(|p| citysync_domain::ledger::Currency::City.format(p))
            .unwrap_or_default(),
        text: filter.q.unwrap_or_default(),
        available_only: filter.available,
    };
    let items = offerings::public(&ctx, query).await?;
    Ok(HttpResponse::Ok().json(OfferingList {
        items: items.into_iter().map(Offering::from).collect(),
    }))
}

/// An offering as `user` may see it: active offerings of approved redeemers are public; the
/// rest only to the redeemer's editors and to administrators.
async fn visible_offering(
    ctx: &Ctx,
    user: Option<&User>,
    id: &str,
) -> Result<offerings::Offering, AppError> {
    let offering = offerings::get(ctx, &citysync_edge::path_id(id)?).await?;
    // Pending or declined organizations are "not found" to the public already.
    let org = organizations::by_handle(ctx, &offering.organization_handle, user).await?;
    if offering.active && org.is_approved() && org.is_redeemer {
        return Ok(offering);
    }
    let Some(user) = user else {
        return Err(AppError::NotFound);
    };
    let editor = organizations::role(ctx, &offering.organization_id, user)
        .await?
        .is_some_and(|r| r.can(Capability::EditCatalog));
    if editor || user.is_admin {
        Ok(offering)
    } else {
        Err(AppError::NotFound)
    }
}

/// Show an offering (an inactive one only to its redeemer's editors).
#[utoipa::path(get, path = "/api/v1/offerings/{id}", tag = "offerings",
    params(("id" = String, Path, description = "The offering's id")),
    responses(
        (status = 200, body = Offering),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offering_show(
    ctx: web::Data<Ctx>,
    reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let offering = visible_offering(&ctx, reader.user.as_ref(), &id).await?;
    Ok(HttpResponse::Ok().json(Offering::from(offering)))
}

/// An offering's image, metadata removed.
#[utoipa::path(get, path = "/api/v1/offerings/{id}/image", tag = "offerings",
    params(("id" = String, Path, description = "The offering's id")),
    responses(
        (status = 200, description = "The image: PNG stays PNG, other photos are JPEG", content(("image/jpeg"), ("image/png"))),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn offering_image(
    ctx: web::Data<Ctx>,
    reader: Reader,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let offering = visible_offering(&ctx, reader.user.as_ref(), &id).await?;
    let bytes = offerings::image(&ctx, &offering).await?;
    let png = offering
        .image
        .as_deref()
        .is_some_and(|n| n.ends_with(".png"));
    Ok(HttpResponse::Ok()
        .content_type(if png { "image/png" } else { "image/jpeg" })
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(bytes))
}

/// Reserve one unit of an offering: its price moves from the wallet to escrow until a
/// cashier confirms it (burned) or it is cancelled or lapses (given back). Send an
/// `Idempotency-Key`: a retry with the same key gets the same reservation, never a second.
#[utoipa::path(post, path = "/api/v1/offerings/{id}/reservations", tag = "offerings",
    security(("oauth2" = ["redeem"])),
    params(
        ("id" = String, Path, description = "The offering's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once"),
    ),
    responses(
        (status = 201, description = "The reservation, with its short code and QR token", body = Redemption),
        (status = 403, description = "Scope missing, or e-mail not verified", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not enough CITY, no units left, or the key was used for another request", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reservation_create(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Redeem>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    // The ledger's own guard against a double reservation: the client's key when it sent
    // one (checked by `reply::once` first), else a key of this request alone.
    let key = req
        .headers()
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    reply::once(&req, &ctx, &bearer.user, "", |ctx| {
        let bearer = &bearer;
        async move {
            let offering: OfferingId = citysync_edge::path_id(&id)?;
            let rid = redemptions::reserve(&ctx, &bearer.user, &offering, &key).await?;
            let r = redemptions::of_holder(&ctx, &bearer.user, &rid).await?;
            Ok(Reply::json(StatusCode::CREATED, &Redemption::from(r)))
        }
    })
    .await
}

/// The resident's reservations and redemptions, newest first (at most 100); open ones
/// carry their QR token.
#[utoipa::path(get, path = "/api/v1/reservations", tag = "offerings",
    security(("oauth2" = ["read:wallet"])),
    responses(
        (status = 200, body = Vec<Redemption>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reservations_index(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::ReadWallet>,
) -> Result<HttpResponse, Problem> {
    let list = redemptions::of_resident(&ctx, &bearer.user).await?;
    Ok(HttpResponse::Ok().json(redemptions_of(list)))
}

/// One of the resident's reservations (another's is not found), with its QR token while
/// it is open.
#[utoipa::path(get, path = "/api/v1/reservations/{id}", tag = "offerings",
    security(("oauth2" = ["read:wallet"])),
    params(("id" = String, Path, description = "The reservation's id")),
    responses(
        (status = 200, body = Redemption),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reservation_show(
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::ReadWallet>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let id = citysync_edge::path_id(&id)?;
    let r = redemptions::of_holder(&ctx, &bearer.user, &id).await?;
    Ok(HttpResponse::Ok().json(Redemption::from(r)))
}

/// Cancel a reservation not yet confirmed; its CITY goes back to the wallet. With an
/// `Idempotency-Key` a retry gets the first answer again.
#[utoipa::path(post, path = "/api/v1/reservations/{id}/cancel", tag = "offerings",
    security(("oauth2" = ["redeem"])),
    params(
        ("id" = String, Path, description = "The reservation's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible characters; retries with the same key are answered once"),
    ),
    responses(
        (status = 200, body = Redemption),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Honored, cancelled or expired already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reservation_cancel(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    bearer: Scoped<scoped::Redeem>,
    id: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    reply::once(&req, &ctx, &bearer.user, "", |ctx| {
        let bearer = &bearer;
        async move {
            let id = citysync_edge::path_id(&id)?;
            redemptions::cancel(&ctx, &bearer.user, &id).await?;
            let r = redemptions::of_holder(&ctx, &bearer.user, &id).await?;
            Ok(Reply::json(StatusCode::OK, &Redemption::from(r)))
        }
    })
    .await
}
