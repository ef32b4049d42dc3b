//! Open data (`docs/open-data.md`): versioned exports of everything the city shows the
//! public — opportunities, templates, organizations, pseudonymous contributions, ledger
//! totals, signed checkpoints and decisions — as typed rows, read a page at a time in a
//! stable order so an export of any size is served in bounded memory; and the newest
//! published opportunities for the Atom feeds.
//!
//! Nothing here names a resident: no username, display name, email, id, free-text proof or
//! feedback. A resident appears only as the public reference of their ledger account, and
//! not even that when their profile is public (see [`work::contributions`]). How the rows
//! are written (CSV, JSON) is the web's business.

mod aggregates;
mod decisions;
mod feed;
mod ledger;
mod work;

pub use aggregates::AggregateRecord;
pub use decisions::{DecisionOptionRecord, DecisionRecord};
pub use feed::{newest_published, FeedEntry, FEED_ENTRIES};
pub use ledger::{CheckpointRecord, LedgerTotalsRecord};
pub use work::{ContributionRecord, OpportunityRecord, OrganizationRecord, TemplateRecord};

use crate::{AppError, Ctx};
use chrono::{DateTime, NaiveDateTime, Utc};
use citysync_storage::DbConnection;
use serde::Serialize;

/// The exports' version: `v1` in their URLs. Changes within a version only add columns or
/// datasets; anything else starts `v2`.
pub const VERSION: u32 = 1;

/// The most rows read at once: an export is written a page at a time, whatever its size.
pub const PAGE_ROWS: i64 = 500;

/// The datasets, in the order the index lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dataset {
    Aggregates,
    Opportunities,
    Templates,
    Organizations,
    Contributions,
    LedgerTotals,
    Checkpoints,
    Decisions,
    DecisionOptions,
}

impl Dataset {
    pub const ALL: [Dataset; 9] = [
        Dataset::Aggregates,
        Dataset::Opportunities,
        Dataset::Templates,
        Dataset::Organizations,
        Dataset::Contributions,
        Dataset::LedgerTotals,
        Dataset::Checkpoints,
        Dataset::Decisions,
        Dataset::DecisionOptions,
    ];

    /// The name in its URLs (`/open-data/v1/{slug}.csv`) and in its Fluent messages.
    pub fn slug(self) -> &'static str {
        match self {
            Dataset::Aggregates => "aggregates",
            Dataset::Opportunities => "opportunities",
            Dataset::Templates => "templates",
            Dataset::Organizations => "organizations",
            Dataset::Contributions => "contributions",
            Dataset::LedgerTotals => "ledger-totals",
            Dataset::Checkpoints => "checkpoints",
            Dataset::Decisions => "decisions",
            Dataset::DecisionOptions => "decision-options",
        }
    }

    pub fn parse(slug: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.slug() == slug)
    }
}

/// A row of an export: flat (scalars only), so the CSV and the JSON have the same columns;
/// its `Default` names the columns when an export has no rows.
pub trait Record: Serialize + Default + Send + Sync + 'static {}

/// What to do with a page's rows, whatever their type.
pub trait RowVisitor {
    type Output;
    fn visit<R: Record>(self, rows: &[R]) -> Self::Output;
}

/// One page of one dataset's rows.
#[derive(Debug, Clone)]
pub enum Rows {
    Aggregates(Vec<AggregateRecord>),
    Opportunities(Vec<OpportunityRecord>),
    Templates(Vec<TemplateRecord>),
    Organizations(Vec<OrganizationRecord>),
    Contributions(Vec<ContributionRecord>),
    LedgerTotals(Vec<LedgerTotalsRecord>),
    Checkpoints(Vec<CheckpointRecord>),
    Decisions(Vec<DecisionRecord>),
    DecisionOptions(Vec<DecisionOptionRecord>),
}

impl Rows {
    pub fn visit<V: RowVisitor>(&self, visitor: V) -> V::Output {
        match self {
            Rows::Aggregates(rows) => visitor.visit(rows),
            Rows::Opportunities(rows) => visitor.visit(rows),
            Rows::Templates(rows) => visitor.visit(rows),
            Rows::Organizations(rows) => visitor.visit(rows),
            Rows::Contributions(rows) => visitor.visit(rows),
            Rows::LedgerTotals(rows) => visitor.visit(rows),
            Rows::Checkpoints(rows) => visitor.visit(rows),
            Rows::Decisions(rows) => visitor.visit(rows),
            Rows::DecisionOptions(rows) => visitor.visit(rows),
        }
    }

    pub fn len(&self) -> usize {
        struct Len;
        impl RowVisitor for Len {
            type Output = usize;
            fn visit<R: Record>(self, rows: &[R]) -> usize {
                rows.len()
            }
        }
        self.visit(Len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where the next page starts: the key of the last row read (an id, a handle, a number).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor(String);

impl Cursor {
    fn text(&self) -> &str {
        &self.0
    }

    /// Numbered datasets (epochs, checkpoints) start after 0.
    fn number(&self) -> i64 {
        self.0.parse().unwrap_or(0)
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub rows: Rows,
    /// `None` when this was the last page.
    pub next: Option<Cursor>,
}

/// The page of `dataset` after `after` (`Cursor::default()` for the first), at most
/// `limit` rows (at most [`PAGE_ROWS`]; `decision-options` reads `limit` decisions).
pub async fn page(
    ctx: &Ctx,
    dataset: Dataset,
    after: Cursor,
    limit: i64,
) -> Result<Page, AppError> {
    let limit = limit.clamp(1, PAGE_ROWS);
    let ctx2 = ctx.clone();
    ctx.run(move |conn| read(conn, &ctx2, dataset, &after, limit))
        .await
}

fn read(
    conn: &mut DbConnection,
    ctx: &Ctx,
    dataset: Dataset,
    after: &Cursor,
    limit: i64,
) -> Result<Page, AppError> {
    let (rows, last) = match dataset {
        Dataset::Aggregates => {
            let (rows, last) = aggregates::aggregates(conn, after.number(), limit)?;
            (Rows::Aggregates(rows), last)
        }
        Dataset::Opportunities => {
            let (rows, last) = work::opportunities(conn, ctx, after.text(), limit)?;
            (Rows::Opportunities(rows), last)
        }
        Dataset::Templates => {
            let (rows, last) = work::templates(conn, ctx, after.text(), limit)?;
            (Rows::Templates(rows), last)
        }
        Dataset::Organizations => {
            let (rows, last) = work::organizations(conn, ctx, after.text(), limit)?;
            (Rows::Organizations(rows), last)
        }
        Dataset::Contributions => {
            let (rows, last) = work::contributions(conn, after.text(), limit)?;
            (Rows::Contributions(rows), last)
        }
        Dataset::LedgerTotals => {
            let (rows, last) = ledger::totals(conn, after.number(), limit)?;
            (Rows::LedgerTotals(rows), last)
        }
        Dataset::Checkpoints => {
            let (rows, last) = ledger::checkpoints(conn, after.number(), limit)?;
            (Rows::Checkpoints(rows), last)
        }
        Dataset::Decisions => {
            let (rows, last) = decisions::decisions(conn, ctx, after.text(), limit)?;
            (Rows::Decisions(rows), last)
        }
        Dataset::DecisionOptions => {
            let (rows, last) = decisions::options(conn, after.text(), limit)?;
            (Rows::DecisionOptions(rows), last)
        }
    };
    Ok(Page { rows, next: last })
}

/// The cursor after a page whose last key is `last`, if the page was full (an empty page
/// then ends the export).
fn next_after(read: usize, limit: i64, last: Option<String>) -> Option<Cursor> {
    if i64::try_from(read).unwrap_or(i64::MAX) >= limit {
        last.map(Cursor)
    } else {
        None
    }
}

/// How many rows each dataset has now, in [`Dataset::ALL`]'s order.
pub async fn row_counts(ctx: &Ctx) -> Result<Vec<(Dataset, i64)>, AppError> {
    ctx.run(|conn| {
        Ok(Dataset::ALL
            .into_iter()
            .map(|d| Ok((d, count(conn, d)?)))
            .collect::<Result<Vec<_>, AppError>>())
    })
    .await?
}

fn count(conn: &mut DbConnection, dataset: Dataset) -> Result<i64, AppError> {
    use citysync_storage::open_data as store;
    Ok(match dataset {
        Dataset::Aggregates => aggregates::count(conn)?,
        Dataset::Opportunities => store::count_opportunities(conn)?,
        Dataset::Templates => store::count_templates(conn)?,
        Dataset::Organizations => store::count_organizations(conn)?,
        Dataset::Contributions => store::count_contributions(conn)?,
        Dataset::LedgerTotals => ledger::count_totals(conn)?,
        Dataset::Checkpoints => store::count_checkpoints(conn)?,
        Dataset::Decisions => store::count_closed_proposals(conn)?,
        Dataset::DecisionOptions => decisions::count_options(conn)?,
    })
}

/// A stored time as the exports write it: RFC 3339, UTC.
fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}
