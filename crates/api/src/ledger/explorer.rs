//! The public ledger: totals, the open epoch's figures, recent entries with pseudonymous
//! account references, epochs with their sealed reports, signed checkpoints. No token needed;
//! residents are never named.

use crate::time::CityTime;
use crate::{Problem, Reader};
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::ledger::{check, checkpoints, epochs, explorer};
use citysync_app::Ctx;
use citysync_domain::ledger as domain;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/ledger", web::get().to(ledger_show))
        .route("/ledger/epochs", web::get().to(epochs_index))
        .route("/ledger/epochs/{number}", web::get().to(epoch_show))
        .route("/ledger/checkpoints", web::get().to(checkpoints_index))
        .route("/ledger/checkpoints/{seq}", web::get().to(checkpoint_show));
}

/// One currency's totals across all accounts. CITY in hundredths (500 = 5.00 CITY), VOTE whole.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CurrencyTotals {
    /// `CITY` or `VOTE`.
    pub currency: String,
    /// Everything that left the mint (minus what returned to it).
    pub issued: i64,
    /// Held by residents and organizations: in circulation.
    pub circulating: i64,
    /// Granted to issuers and not yet awarded.
    pub budgets: i64,
    /// Held for open reservations.
    pub escrow: i64,
    /// Burned by honored redemptions.
    pub burned: i64,
}

impl From<domain::CurrencyTotals> for CurrencyTotals {
    fn from(t: domain::CurrencyTotals) -> CurrencyTotals {
        CurrencyTotals {
            currency: t.currency.as_str().to_owned(),
            issued: t.issued,
            circulating: t.circulating,
            budgets: t.budgets,
            escrow: t.escrow,
            burned: t.burned,
        }
    }
}

fn totals_of(totals: Vec<domain::CurrencyTotals>) -> Vec<CurrencyTotals> {
    totals.into_iter().map(CurrencyTotals::from).collect()
}

/// What moved in a set of entries, by kind. CITY in hundredths, VOTE whole.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Movements {
    pub city_minted: i64,
    pub vote_minted: i64,
    pub city_burned: i64,
    pub city_reserved: i64,
    pub city_released: i64,
    pub city_budget_granted: i64,
    pub city_budget_returned: i64,
    pub city_expired: i64,
    pub vote_expired: i64,
    pub city_adjusted_in: i64,
    pub city_adjusted_out: i64,
    pub vote_adjusted_in: i64,
    pub vote_adjusted_out: i64,
    /// Distinct verified contributions behind the mints.
    pub contributions: i64,
    /// Honored redemptions.
    pub redemptions: i64,
}

impl From<domain::Movements> for Movements {
    fn from(m: domain::Movements) -> Movements {
        Movements {
            city_minted: m.city_minted,
            vote_minted: m.vote_minted,
            city_burned: m.city_burned,
            city_reserved: m.city_reserved,
            city_released: m.city_released,
            city_budget_granted: m.city_budget_granted,
            city_budget_returned: m.city_budget_returned,
            city_expired: m.city_expired,
            vote_expired: m.vote_expired,
            city_adjusted_in: m.city_adjusted_in,
            city_adjusted_out: m.city_adjusted_out,
            vote_adjusted_in: m.vote_adjusted_in,
            vote_adjusted_out: m.vote_adjusted_out,
            contributions: m.contributions,
            redemptions: m.redemptions,
        }
    }
}

/// One organization's movements (as issuer for mints and budgets, as redeemer for burns).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganizationMovements {
    pub organization_id: String,
    /// Its handle and name as they were when the figures were counted (empty if unknown).
    pub handle: String,
    pub name: String,
    pub movements: Movements,
}

/// An epoch's sealed report, as stored at its close.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EpochReport {
    pub closed_at: CityTime,
    pub total: Movements,
    pub by_organization: Vec<OrganizationMovements>,
    /// Taxonomy category → its mints.
    pub by_category: BTreeMap<String, Movements>,
    /// Balances at the close.
    pub totals: Vec<CurrencyTotals>,
    /// The journal's head at the close.
    pub head_seq: i64,
    pub head_hash: String,
}

/// A period of the ledger: issuers' budgets are granted at its start; its report is sealed
/// at its close.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Epoch {
    pub number: i64,
    pub starts_at: CityTime,
    pub ends_at: CityTime,
    pub open: bool,
    /// Once closed.
    pub report: Option<EpochReport>,
}

impl From<epochs::Epoch> for Epoch {
    fn from(e: epochs::Epoch) -> Epoch {
        Epoch {
            number: e.number,
            starts_at: e.starts_at.into(),
            ends_at: e.ends_at.into(),
            open: e.open,
            report: e.report.map(|r| {
                let names = r.organizations;
                EpochReport {
                    closed_at: r.closed_at.into(),
                    total: r.figures.total.into(),
                    by_organization: r
                        .figures
                        .by_organization
                        .into_iter()
                        .map(|(id, m)| {
                            let (handle, name) = names.get(&id).cloned().unwrap_or_default();
                            OrganizationMovements {
                                organization_id: id,
                                handle,
                                name,
                                movements: m.into(),
                            }
                        })
                        .collect(),
                    by_category: r
                        .figures
                        .by_category
                        .into_iter()
                        .map(|(c, m)| (c, m.into()))
                        .collect(),
                    totals: totals_of(r.totals),
                    head_seq: r.head_seq,
                    head_hash: r.head_hash,
                }
            }),
        }
    }
}

/// A checkpoint the city signed over its journal, with the key that verifies it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Checkpoint {
    /// The journal's sequence number it covers up to.
    pub seq: i64,
    pub head_hash: String,
    pub totals: Vec<CurrencyTotals>,
    pub signed_at: CityTime,
    /// Ed25519 signature over the checkpoint's canonical text, hex.
    pub signature: String,
    /// The city's public key, hex.
    pub public_key: String,
    /// `interval`, `epoch_close` or `manual`.
    pub reason: String,
    pub epoch: Option<i64>,
}

impl From<checkpoints::PublishedCheckpoint> for Checkpoint {
    fn from(c: checkpoints::PublishedCheckpoint) -> Checkpoint {
        Checkpoint {
            seq: c.checkpoint.seq,
            head_hash: c.checkpoint.head_hash,
            totals: totals_of(c.checkpoint.totals),
            signed_at: c.checkpoint.signed_at.into(),
            signature: c.checkpoint.signature,
            public_key: c.public_key,
            reason: c.reason,
            epoch: c.epoch,
        }
    }
}

/// An account as the public sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicAccount {
    /// `resident`, `organization`, `issuer_budget`, `mint`, `escrow`, `burn`, …
    pub kind: String,
    /// A resident's pseudonymous reference (`acct-…`), or the organization's handle.
    pub reference: String,
}

/// An entry of the journal as the public sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicEntry {
    pub seq: i64,
    pub kind: String,
    pub currency: String,
    /// CITY in hundredths, VOTE whole.
    pub amount: i64,
    pub from: PublicAccount,
    pub to: PublicAccount,
    /// The organization's handle, when it is about one.
    pub organization: Option<String>,
    pub epoch: i64,
    pub recorded_at: CityTime,
    pub hash: String,
}

/// The last run of the ledger's verification (hash chain, balances, checkpoints).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Verification {
    pub ok: bool,
    pub entries: i64,
    pub checkpoints: i64,
    pub failure: Option<String>,
    pub started_at: CityTime,
    pub finished_at: CityTime,
}

impl From<check::ChainCheck> for Verification {
    fn from(v: check::ChainCheck) -> Verification {
        Verification {
            ok: v.ok,
            entries: v.entries,
            checkpoints: v.checkpoints,
            failure: v.failure,
            started_at: v.started_at.into(),
            finished_at: v.finished_at.into(),
        }
    }
}

/// The public ledger at a glance.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Ledger {
    /// The journal's last entry.
    pub head_seq: i64,
    pub head_hash: String,
    /// Per currency: issued (minted, net of what returned to the mint), in circulation,
    /// budgets, escrow, burned.
    pub totals: Vec<CurrencyTotals>,
    /// The open epoch (without a report).
    pub current_epoch: Epoch,
    /// What moved in the open epoch so far.
    pub current_figures: Movements,
    /// The latest entries, newest first.
    pub recent: Vec<PublicEntry>,
    pub last_verification: Option<Verification>,
    /// The city's Ed25519 key, hex: it verifies the checkpoints and the QR tokens.
    pub public_key: String,
}

/// The public ledger: totals (minted, in circulation, burned…), the open epoch and its
/// figures so far, the latest entries with pseudonymous accounts, the last verification.
#[utoipa::path(get, path = "/api/v1/ledger", tag = "ledger",
    responses((status = 200, body = Ledger)))]
pub async fn ledger_show(ctx: web::Data<Ctx>, _reader: Reader) -> Result<HttpResponse, Problem> {
    let x = explorer::explorer(&ctx).await?;
    let account = |a: explorer::PublicAccount| PublicAccount {
        kind: a.kind,
        reference: a.reference,
    };
    Ok(HttpResponse::Ok().json(Ledger {
        head_seq: x.head_seq,
        head_hash: x.head_hash,
        totals: totals_of(x.totals),
        current_epoch: x.current.into(),
        current_figures: x.current_figures.total.into(),
        recent: x
            .recent
            .into_iter()
            .map(|e| PublicEntry {
                seq: e.seq,
                kind: e.kind,
                currency: e.currency,
                amount: e.amount,
                from: account(e.from),
                to: account(e.to),
                organization: e.organization_handle,
                epoch: e.epoch,
                recorded_at: e.recorded_at.into(),
                hash: e.hash,
            })
            .collect(),
        last_verification: x.last_verification.map(Verification::from),
        public_key: x.public_key,
    }))
}

/// How many, newest first.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Newest {
    /// How many (1–100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
}

impl Newest {
    fn limit(&self) -> i64 {
        self.limit
            .unwrap_or(crate::pagination::DEFAULT_LIMIT)
            .clamp(1, crate::pagination::MAX_LIMIT)
    }
}

/// A number in a path; anything else names nothing (404).
fn whole(segment: &str, req: &HttpRequest) -> Result<i64, Problem> {
    segment
        .parse()
        .map_err(|_| Problem::from_app(&citysync_app::AppError::NotFound, req))
}

/// Epochs, newest first, with their sealed reports.
#[utoipa::path(get, path = "/api/v1/ledger/epochs", tag = "ledger",
    params(Newest),
    responses((status = 200, body = Vec<Epoch>)))]
pub async fn epochs_index(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    query: crate::extract::Query<Newest>,
) -> Result<HttpResponse, Problem> {
    let list = epochs::list(&ctx, query.limit()).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(Epoch::from).collect::<Vec<_>>()))
}

/// One epoch, with its report once sealed.
#[utoipa::path(get, path = "/api/v1/ledger/epochs/{number}", tag = "ledger",
    params(("number" = i64, Path, description = "The epoch's number")),
    responses(
        (status = 200, body = Epoch),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn epoch_show(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    _reader: Reader,
    number: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let number = whole(&number, &req)?;
    let epoch = epochs::get(&ctx, number).await?;
    Ok(HttpResponse::Ok().json(Epoch::from(epoch)))
}

/// The city's signed checkpoints, newest first.
#[utoipa::path(get, path = "/api/v1/ledger/checkpoints", tag = "ledger",
    params(Newest),
    responses((status = 200, body = Vec<Checkpoint>)))]
pub async fn checkpoints_index(
    ctx: web::Data<Ctx>,
    _reader: Reader,
    query: crate::extract::Query<Newest>,
) -> Result<HttpResponse, Problem> {
    let list = checkpoints::recent(&ctx, query.limit()).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(Checkpoint::from).collect::<Vec<_>>()))
}

/// The checkpoint signed at a sequence number of the journal.
#[utoipa::path(get, path = "/api/v1/ledger/checkpoints/{seq}", tag = "ledger",
    params(("seq" = i64, Path, description = "The journal sequence number it was signed at")),
    responses(
        (status = 200, body = Checkpoint),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn checkpoint_show(
    req: HttpRequest,
    ctx: web::Data<Ctx>,
    _reader: Reader,
    seq: web::Path<String>,
) -> Result<HttpResponse, Problem> {
    let seq = whole(&seq, &req)?;
    let checkpoint = checkpoints::at(&ctx, seq).await?;
    Ok(HttpResponse::Ok().json(Checkpoint::from(checkpoint)))
}
