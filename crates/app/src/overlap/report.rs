//! The administrator's monthly overlap report: which programs (templates, with the
//! opportunities issued from them that month) of *different* organizations duplicate each
//! other, why, and how many residents each reached.

use super::{point, Clocks};
use crate::instance;
use crate::{AppError, Ctx, User};
use chrono::{Datelike, Months, NaiveDate};
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::similarity::{self, Candidate, Explanation};
use citysync_storage::catalog::{self as catalog_store, CatalogFilter, CatalogLine};
use citysync_storage::overlap as store;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// The most opportunities of one month that are compared pairwise.
const MONTH_COMPARED_MAX: i64 = 2_000;

/// One program in a month: a template and what was issued from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Program {
    pub template_id: String,
    pub title: String,
    pub organization_handle: String,
    pub organization_name: String,
    /// Opportunities from this template that started in the month.
    pub opportunities: usize,
    /// Distinct residents whose work on them was verified.
    pub residents_reached: usize,
}

/// Two programs of different organizations that look like the same work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicatePair {
    pub first: Program,
    pub second: Program,
    /// The best score of any of their opportunities against each other.
    pub score: u8,
    pub explanation: Explanation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverlapReport {
    /// The first day of the month, on the city's clocks.
    pub month: NaiveDate,
    pub previous: NaiveDate,
    pub next: NaiveDate,
    /// Opportunities compared.
    pub compared: usize,
    pub pairs: Vec<DuplicatePair>,
}

/// For administrators: the report for the month holding `day` (city clocks): every pair of programs of two
/// organizations whose opportunities starting that month score at least
/// [`similarity::SIMILAR_ENOUGH`], best first. Deterministic.
pub async fn monthly_report(
    ctx: &Ctx,
    admin: &User,
    day: NaiveDate,
) -> Result<OverlapReport, AppError> {
    admin.require_admin()?;
    let month = day.with_day(1).unwrap_or(day);
    let next = month + Months::new(1);
    let previous = month - Months::new(1);
    let city = instance::get(ctx).await.ok();
    let utc = |d: NaiveDate| {
        let local = d.and_time(chrono::NaiveTime::MIN);
        city.as_ref().map_or(local, |c| c.utc_of_local(local))
    };
    let (from, until) = (utc(month), utc(next));
    let (lines, contributors) = ctx
        .run(move |conn| {
            let filter = CatalogFilter {
                states: vec![OpportunityState::Published, OpportunityState::Closed],
                from: Some(from),
                until: Some(until),
                ..CatalogFilter::default()
            };
            let lines: Vec<CatalogLine> =
                catalog_store::catalog_page(conn, &filter, MONTH_COMPARED_MAX, 0)?
                    .into_iter()
                    .filter(|(row, ..)| row.starts_at >= from && row.starts_at < until)
                    .collect();
            let ids: Vec<String> = lines.iter().map(|(row, ..)| row.id.clone()).collect();
            let contributors = store::contributors_by_template(conn, &ids)?;
            Ok((lines, contributors))
        })
        .await?;

    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (template, resident) in contributors {
        reached.entry(template).or_default().insert(resident);
    }
    let mut programs: BTreeMap<String, Program> = BTreeMap::new();
    for (row, version, handle, name) in &lines {
        programs
            .entry(row.template_id.clone())
            .or_insert_with(|| Program {
                template_id: row.template_id.clone(),
                title: version.title.clone(),
                organization_handle: handle.clone(),
                organization_name: name.clone(),
                opportunities: 0,
                residents_reached: reached.get(&row.template_id).map_or(0, BTreeSet::len),
            })
            .opportunities += 1;
    }

    let clocks = Clocks::of(ctx).await;
    let candidates: Vec<(&str, &str, Candidate)> = lines
        .iter()
        .map(|(row, version, ..)| {
            let candidate = Candidate {
                title: row.title_override.clone().unwrap_or(version.title.clone()),
                summary: version.summary.clone(),
                instructions: version.instructions.clone(),
                category: version.category.clone(),
                point: point(row.latitude, row.longitude),
                starts_at: Some(row.starts_at),
                ends_at: Some(row.ends_at),
            };
            (
                row.template_id.as_str(),
                row.organization_id.as_str(),
                clocks.local(candidate),
            )
        })
        .collect();

    // The best-scoring pair of opportunities decides each pair of programs.
    let mut best: BTreeMap<(String, String), similarity::Similarity> = BTreeMap::new();
    for (i, (ta, oa, ca)) in candidates.iter().enumerate() {
        for (tb, ob, cb) in candidates.iter().skip(i + 1) {
            if oa == ob || ta == tb {
                continue;
            }
            let s = similarity::score(ca, cb);
            if !s.similar_enough() {
                continue;
            }
            let key = if ta < tb {
                (ta.to_string(), tb.to_string())
            } else {
                (tb.to_string(), ta.to_string())
            };
            match best.get(&key) {
                Some(kept) if kept.score >= s.score => {}
                _ => {
                    best.insert(key, s);
                }
            }
        }
    }
    let mut pairs: Vec<DuplicatePair> = best
        .into_iter()
        .filter_map(|((a, b), s)| {
            Some(DuplicatePair {
                first: programs.get(&a)?.clone(),
                second: programs.get(&b)?.clone(),
                score: s.score,
                explanation: s.explanation,
            })
        })
        .collect();
    pairs.sort_by(|x, y| {
        (
            Reverse(x.score),
            &x.first.template_id,
            &x.second.template_id,
        )
            .cmp(&(
                Reverse(y.score),
                &y.first.template_id,
                &y.second.template_id,
            ))
    });
    Ok(OverlapReport {
        month,
        previous,
        next,
        compared: lines.len(),
        pairs,
    })
}
