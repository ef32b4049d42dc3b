//! The administrators' monthly integrity report (issue 25): how often each verifier approved
//! what they decided in a month of the city's calendar, which residents reached their
//! per-resident caps in the open epoch, and the same proof photo (by perceptual hash, see
//! [`crate::photos::perceptual_hash`]) sent on different claims. It reads; it changes nothing.

use crate::{AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::epoch;
use citysync_domain::integrity::{self, Month};
use citysync_domain::ledger::{AccountId, Currency};
use citysync_storage::integrity as store;
use citysync_storage::{instance, users};
use serde::Serialize;
use std::collections::BTreeMap;

/// One verifier's decisions in the month.
#[derive(Debug, Clone, Serialize)]
pub struct VerifierLine {
    pub username: String,
    pub approved: i64,
    pub decided: i64,
    /// Approved out of decided, in tenths of a percent.
    pub rate_per_mille: i64,
}

/// Which cap a resident reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapKind {
    City,
    CityCategory,
    Vote,
}

/// A resident at one of their caps in the open epoch.
#[derive(Debug, Clone, Serialize)]
pub struct CapLine {
    pub username: String,
    pub kind: CapKind,
    /// For [`CapKind::CityCategory`].
    pub category: Option<String>,
    pub currency: Currency,
    pub earned: i64,
    pub cap: i64,
}

/// One photo of a pair.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoSide {
    pub photo_id: String,
    pub claim_id: String,
    pub claimant: String,
    pub stored_at: NaiveDateTime,
}

/// The same picture on two different claims; the later one was sent in the month.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoPair {
    pub first: PhotoSide,
    pub second: PhotoSide,
    /// Differing bits of the two 256-bit hashes (0: the same picture, bit for bit).
    pub distance: u32,
    pub same_resident: bool,
}

/// The report of one month.
#[derive(Debug, Clone, Serialize)]
pub struct IntegrityReport {
    /// `YYYY-MM` on the city's calendar.
    pub month: String,
    pub previous: String,
    pub next: Option<String>,
    /// The month's bounds in UTC: `[starts_at, ends_at)`.
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub verifiers: Vec<VerifierLine>,
    pub epoch: i64,
    pub epoch_starts_at: NaiveDateTime,
    pub epoch_ends_at: NaiveDateTime,
    pub at_cap: Vec<CapLine>,
    pub same_photos: Vec<PhotoPair>,
}

/// The report for `month` (`YYYY-MM`; the current month on the city's clock when empty or
/// not a month). Administrators only.
pub async fn report(ctx: &Ctx, admin: &User, month: &str) -> Result<IntegrityReport, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let open = crate::ledger::epochs::current(ctx).await?;
    let params = {
        let ctx2 = ctx.clone();
        ctx.run(move |conn| Ok(crate::governance::parameters::in_force(conn, &ctx2)))
            .await??
    };
    let now = ctx.now();
    let month = month.to_owned();
    let epoch_number = open.number;
    ctx.run(move |conn| {
        let tz = epoch::timezone(&instance::get(conn)?.map(|i| i.timezone).unwrap_or_default());
        let current = Month::containing(now, tz);
        let month = Month::parse(&month).unwrap_or(current);
        let (from, to) = month.bounds(tz);
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let mut username = |conn: &mut citysync_storage::DbConnection, id: &str| {
            if let Some(name) = names.get(id) {
                return Ok::<_, citysync_storage::StorageError>(name.clone());
            }
            let name = users::by_id(conn, id)?
                .map(|u| u.username)
                .unwrap_or_default();
            names.insert(id.to_owned(), name.clone());
            Ok(name)
        };

        // Verifiers: approved out of decided.
        let mut counts: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for row in store::decisions_by_verifier(conn, from, to)? {
            let entry = counts.entry(row.verifier_id).or_default();
            if row.decision == "approved" {
                entry.0 += row.count;
            }
            entry.1 += row.count;
        }
        let mut verifiers = Vec::new();
        for (id, (approved, decided)) in counts {
            verifiers.push(VerifierLine {
                username: username(conn, &id)?,
                approved,
                decided,
                rate_per_mille: integrity::approval_per_mille(approved, decided).unwrap_or(0),
            });
        }
        verifiers.sort_by(|a, b| {
            b.rate_per_mille
                .cmp(&a.rate_per_mille)
                .then(b.decided.cmp(&a.decided))
                .then(a.username.cmp(&b.username))
        });

        // Residents at a cap in the open epoch.
        let mut earned: BTreeMap<(String, Currency), (i64, BTreeMap<String, i64>)> =
            BTreeMap::new();
        for row in store::minted_to_residents(conn, epoch_number)? {
            let Ok(account) = AccountId::parse(&row.account) else {
                continue;
            };
            let line = earned.entry((account.owner, account.currency)).or_default();
            line.0 += row.total;
            if let Some(category) = row.category {
                *line.1.entry(category).or_default() += row.total;
            }
        }
        let mut at_cap = Vec::new();
        for ((owner, currency), (total, by_category)) in earned {
            let mut lines = Vec::new();
            match currency {
                Currency::City => {
                    if params.resident_cap_city > 0 && total >= params.resident_cap_city {
                        lines.push((CapKind::City, None, total, params.resident_cap_city));
                    }
                    for (category, amount) in by_category {
                        let cap = params
                            .resident_cap_city_by_category
                            .get(&category)
                            .copied()
                            .unwrap_or(0);
                        if cap > 0 && amount >= cap {
                            lines.push((CapKind::CityCategory, Some(category), amount, cap));
                        }
                    }
                }
                Currency::Vote => {
                    if params.resident_cap_vote > 0 && total >= params.resident_cap_vote {
                        lines.push((CapKind::Vote, None, total, params.resident_cap_vote));
                    }
                }
            }
            for (kind, category, amount, cap) in lines {
                at_cap.push(CapLine {
                    username: username(conn, &owner)?,
                    kind,
                    category,
                    currency,
                    earned: amount,
                    cap,
                });
            }
        }
        at_cap.sort_by(|a, b| a.username.cmp(&b.username));

        // The same photo on different claims, the later one sent in the month.
        let photos = store::hashed_photos(conn, to)?;
        let hashes: Vec<Vec<u8>> = photos
            .iter()
            .map(|p| crate::photos::hash_bytes(&p.perceptual_hash).unwrap_or_default())
            .collect();
        let side = |p: &store::HashedPhoto| PhotoSide {
            photo_id: p.photo_id.clone(),
            claim_id: p.claim_id.clone(),
            claimant: p.claimant.clone(),
            stored_at: p.stored_at,
        };
        // Oldest first: the month's photos are the last ones.
        let first_new = photos.partition_point(|p| p.stored_at < from);
        let same_photos = integrity::same_photos(&hashes, first_new, |i, j| {
            match (photos.get(i), photos.get(j)) {
                (Some(a), Some(b)) => a.claim_id == b.claim_id,
                _ => true,
            }
        })
        .into_iter()
        .filter_map(|(i, j, distance)| {
            let (a, b) = (photos.get(i)?, photos.get(j)?);
            Some(PhotoPair {
                first: side(a),
                second: side(b),
                distance,
                same_resident: a.claimant == b.claimant,
            })
        })
        .collect();

        let next = month.next();
        Ok(IntegrityReport {
            month: month.as_input(),
            previous: month.previous().as_input(),
            next: (next <= current).then(|| next.as_input()),
            starts_at: from,
            ends_at: to,
            verifiers,
            epoch: epoch_number,
            epoch_starts_at: open.starts_at,
            epoch_ends_at: open.ends_at,
            at_cap,
            same_photos,
        })
    })
    .await
}
