//! The ledger's datasets: each epoch's figures (the sealed report once closed, the open
//! epoch's so far) with the balances at its close (or now), and the signed checkpoints.

use super::{next_after, utc, Cursor, Record};
use crate::ledger::checkpoints;
use crate::ledger::epochs::EpochReport;
use crate::ledger::journal::figures_of_epoch;
use crate::AppError;
use chrono::{DateTime, Utc};
use citysync_domain::ledger::{Currency, CurrencyTotals, Figures, Movements};
use citysync_storage::epochs::EpochRow;
use citysync_storage::{open_data as store, DbConnection};
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of an epoch's figures: the whole city, one organization or one category.
/// CITY in hundredths, VOTE whole.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LedgerTotalsRecord {
    pub epoch: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Whether the epoch is closed and these are its sealed report's figures; the open
    /// epoch's are its figures so far.
    pub sealed: bool,
    /// `city` (every entry), `organization` (entries of `organization_handle`: the issuer for
    /// mints and budgets, the redeemer for burns) or `category` (mints of `category`).
    pub scope: String,
    pub organization_handle: Option<String>,
    pub category: Option<String>,
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
    pub contributions: i64,
    pub redemptions: i64,
    /// On `city` lines only: balances at the epoch's close (the open epoch: now).
    pub balance_city_issued: Option<i64>,
    pub balance_city_circulating: Option<i64>,
    pub balance_city_budgets: Option<i64>,
    pub balance_city_escrow: Option<i64>,
    pub balance_city_burned: Option<i64>,
    pub balance_vote_issued: Option<i64>,
    pub balance_vote_circulating: Option<i64>,
}

impl Record for LedgerTotalsRecord {}

impl LedgerTotalsRecord {
    fn line(epoch: &EpochRow, sealed: bool, scope: &str, m: &Movements) -> LedgerTotalsRecord {
        LedgerTotalsRecord {
            epoch: epoch.number,
            starts_at: utc(epoch.starts_at),
            ends_at: utc(epoch.ends_at),
            sealed,
            scope: scope.to_owned(),
            organization_handle: None,
            category: None,
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
            ..LedgerTotalsRecord::default()
        }
    }

    fn with_balances(mut self, totals: &[CurrencyTotals]) -> LedgerTotalsRecord {
        let of = |c: Currency| totals.iter().find(|t| t.currency == c);
        if let Some(t) = of(Currency::City) {
            self.balance_city_issued = Some(t.issued);
            self.balance_city_circulating = Some(t.circulating);
            self.balance_city_budgets = Some(t.budgets);
            self.balance_city_escrow = Some(t.escrow);
            self.balance_city_burned = Some(t.burned);
        }
        if let Some(t) = of(Currency::Vote) {
            self.balance_vote_issued = Some(t.issued);
            self.balance_vote_circulating = Some(t.circulating);
        }
        self
    }
}

/// The lines of `limit` epochs after epoch `after`.
pub(super) fn totals(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<(Vec<LedgerTotalsRecord>, Option<Cursor>), AppError> {
    let epochs = store::epochs_after(conn, after, limit)?;
    let read = epochs.len();
    let last = epochs.last().map(|e| e.number.to_string());
    let mut rows = Vec::new();
    for epoch in &epochs {
        let (figures, balances, handles) = match &epoch.report {
            Some(text) => {
                let report: EpochReport = serde_json::from_str(text).map_err(|e| {
                    AppError::internal(format!("report of epoch {}: {e}", epoch.number))
                })?;
                let handles = report
                    .organizations
                    .iter()
                    .map(|(id, (handle, _))| (id.clone(), handle.clone()))
                    .collect();
                (report.figures, report.totals, handles)
            }
            None => {
                let figures = figures_of_epoch(conn, epoch.number)?;
                let ids: Vec<String> = figures.by_organization.keys().cloned().collect();
                let handles = store::handles(conn, &ids)?.into_iter().collect();
                (figures, checkpoints::totals(conn)?, handles)
            }
        };
        lines_of(epoch, &figures, &balances, &handles, &mut rows);
    }
    Ok((rows, next_after(read, limit, last)))
}

fn lines_of(
    epoch: &EpochRow,
    figures: &Figures,
    balances: &[CurrencyTotals],
    handles: &BTreeMap<String, String>,
    rows: &mut Vec<LedgerTotalsRecord>,
) {
    let sealed = epoch.report.is_some();
    rows.push(
        LedgerTotalsRecord::line(epoch, sealed, "city", &figures.total).with_balances(balances),
    );
    for (id, m) in &figures.by_organization {
        rows.push(LedgerTotalsRecord {
            // An organization the city no longer knows keeps its id rather than vanish.
            organization_handle: Some(handles.get(id).cloned().unwrap_or_else(|| id.clone())),
            ..LedgerTotalsRecord::line(epoch, sealed, "organization", m)
        });
    }
    for (category, m) in &figures.by_category {
        rows.push(LedgerTotalsRecord {
            category: Some(category.clone()),
            ..LedgerTotalsRecord::line(epoch, sealed, "category", m)
        });
    }
}

/// How many lines `ledger-totals` has: per epoch, the city's, one per organization and one
/// per category.
pub(super) fn count_totals(conn: &mut DbConnection) -> Result<i64, AppError> {
    let mut count = 0;
    let mut after = 0;
    loop {
        let epochs = store::epochs_after(conn, after, super::PAGE_ROWS)?;
        let Some(last) = epochs.last() else {
            return Ok(count);
        };
        after = last.number;
        for epoch in &epochs {
            let (organizations, categories) = match &epoch.report {
                Some(text) => {
                    let report: EpochReport = serde_json::from_str(text).map_err(|e| {
                        AppError::internal(format!("report of epoch {}: {e}", epoch.number))
                    })?;
                    (
                        report.figures.by_organization.len(),
                        report.figures.by_category.len(),
                    )
                }
                None => {
                    let (organizations, categories) = store::epoch_breakdown(conn, epoch.number)?;
                    (organizations.len(), categories.len())
                }
            };
            count += 1 + i64::try_from(organizations + categories).unwrap_or(i64::MAX);
        }
    }
}

/// A signed checkpoint. Its signature is the city key's Ed25519 signature of the lines
/// `citysync-checkpoint-v1`, `seq:{seq}`, `head:{head_hash}`, `at:{signed_at_micros}`, then
/// per currency `{CURRENCY}:issued=…,circulating=…,budgets=…,escrow=…,burned=…`, each
/// ending in a newline.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckpointRecord {
    pub id: i64,
    pub seq: i64,
    pub head_hash: String,
    pub signed_at: DateTime<Utc>,
    /// `signed_at` in microseconds since 1970, as signed.
    pub signed_at_micros: i64,
    /// `interval`, `epoch_close` or `manual`.
    pub reason: String,
    pub epoch: Option<i64>,
    pub city_issued: i64,
    pub city_circulating: i64,
    pub city_budgets: i64,
    pub city_escrow: i64,
    pub city_burned: i64,
    pub vote_issued: i64,
    pub vote_circulating: i64,
    pub vote_budgets: i64,
    pub vote_escrow: i64,
    pub vote_burned: i64,
    /// Hex.
    pub signature: String,
    pub public_key: String,
}

impl Record for CheckpointRecord {}

pub(super) fn checkpoints(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<(Vec<CheckpointRecord>, Option<Cursor>), AppError> {
    let stored = store::checkpoints_after(conn, after, limit)?;
    let read = stored.len();
    let last = stored.last().map(|c| c.id.to_string());
    let rows = stored
        .into_iter()
        .map(|row| {
            let published = checkpoints::published(row)?;
            let c = &published.checkpoint;
            let of = |currency: Currency| {
                c.totals
                    .iter()
                    .find(|t| t.currency == currency)
                    .cloned()
                    .unwrap_or(CurrencyTotals {
                        currency,
                        issued: 0,
                        circulating: 0,
                        budgets: 0,
                        escrow: 0,
                        burned: 0,
                    })
            };
            let (city, vote) = (of(Currency::City), of(Currency::Vote));
            Ok(CheckpointRecord {
                id: published.id,
                seq: c.seq,
                head_hash: c.head_hash.clone(),
                signed_at: utc(c.signed_at),
                signed_at_micros: c.signed_at.and_utc().timestamp_micros(),
                reason: published.reason.clone(),
                epoch: published.epoch,
                city_issued: city.issued,
                city_circulating: city.circulating,
                city_budgets: city.budgets,
                city_escrow: city.escrow,
                city_burned: city.burned,
                vote_issued: vote.issued,
                vote_circulating: vote.circulating,
                vote_budgets: vote.budgets,
                vote_escrow: vote.escrow,
                vote_burned: vote.burned,
                signature: c.signature.clone(),
                public_key: published.public_key.clone(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok((rows, next_after(read, limit, last)))
}
