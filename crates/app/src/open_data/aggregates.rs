//! `aggregates`: the transparency dashboard's figures, one row per epoch for the city and
//! one per organization that took part — counted by `transparency`, the same code as the
//! page and `/transparency.json`.

use super::Record;
use crate::transparency::{self, Span, Work};
use crate::AppError;
use citysync_domain::ledger::Movements;
use citysync_storage::{open_data as store, DbConnection};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct AggregateRecord {
    pub epoch: i64,
    /// `city` for the whole city, `organization` for one organization's part.
    pub scope: String,
    /// The organization's handle (empty for the city).
    pub organization: String,
    /// Whether the epoch is still open (its figures are so far).
    pub open: bool,
    pub opportunities_issued: i64,
    pub places_claimed: i64,
    pub contributions_verified: i64,
    pub proofs_rejected: i64,
    pub rejected_insufficient_proof: i64,
    pub rejected_not_completed: i64,
    pub rejected_outside_window: i64,
    pub rejected_duplicate: i64,
    pub rejected_other: i64,
    /// Median hours from proof to verification; empty without verifications.
    pub median_hours_to_verification: Option<f64>,
    /// CITY in hundredths, VOTE whole.
    pub city_minted: i64,
    pub vote_minted: i64,
    pub city_burned: i64,
    pub redemptions: i64,
}

impl Record for AggregateRecord {}

fn record(
    epoch: i64,
    open: bool,
    organization: Option<&str>,
    w: &Work,
    m: &Movements,
) -> AggregateRecord {
    let reason = |r: &str| w.rejected_by_reason.get(r).copied().unwrap_or(0);
    AggregateRecord {
        epoch,
        scope: if organization.is_some() {
            "organization"
        } else {
            "city"
        }
        .into(),
        organization: organization.unwrap_or_default().into(),
        open,
        opportunities_issued: w.issued,
        places_claimed: w.claimed,
        contributions_verified: w.verified,
        proofs_rejected: w.rejected,
        rejected_insufficient_proof: reason("insufficient_proof"),
        rejected_not_completed: reason("not_completed"),
        rejected_outside_window: reason("outside_window"),
        rejected_duplicate: reason("duplicate"),
        rejected_other: reason("other"),
        median_hours_to_verification: w.median_hours_to_verification,
        city_minted: m.city_minted,
        vote_minted: m.vote_minted,
        city_burned: m.city_burned,
        redemptions: m.redemptions,
    }
}

/// The rows of up to `limit` epochs after `after`, oldest first; the cursor is the last
/// epoch read.
pub(super) fn aggregates(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<(Vec<AggregateRecord>, Option<super::Cursor>), AppError> {
    let epochs = store::epochs_after(conn, after, limit)?;
    let mut rows = Vec::new();
    for epoch in &epochs {
        let span = Span {
            first: epoch.number,
            last: epoch.number,
        };
        let d = transparency::build(conn, span)?;
        rows.push(record(
            epoch.number,
            d.period.open,
            None,
            &d.work,
            &d.ledger.total,
        ));
        for line in &d.organizations {
            rows.push(record(
                epoch.number,
                d.period.open,
                Some(&line.handle),
                &line.work,
                &line.ledger,
            ));
        }
    }
    let last = epochs.last().map(|e| e.number.to_string());
    Ok((rows, super::next_after(epochs.len(), limit, last)))
}

pub(super) fn count(conn: &mut DbConnection) -> Result<i64, AppError> {
    let mut count = 0;
    let mut after = 0;
    loop {
        let epochs = store::epochs_after(conn, after, super::PAGE_ROWS)?;
        let Some(last) = epochs.last() else {
            return Ok(count);
        };
        after = last.number;
        for epoch in &epochs {
            let span = Span {
                first: epoch.number,
                last: epoch.number,
            };
            let d = transparency::build(conn, span)?;
            count += 1 + i64::try_from(d.organizations.len()).unwrap_or(i64::MAX);
        }
    }
}
