//! Waiting lists (issue 26): when an opportunity is full a verified resident joins its list,
//! first come first served. A place that frees (a withdrawal, an expired claim, a claim
//! rejected for good, a capacity raised by a correction, a declined or lapsed offer) is
//! offered to the first one waiting for `[work] waitlist_offer_hours`; meanwhile it counts as
//! taken (`storage::catalog::active_claim_count`). She takes it (an ordinary claim) or
//! declines; an offer left unanswered passes on in the workers' [`sweep`].
//!
//! Every change runs under the opportunity's lock (`lock_for_place`: PostgreSQL's row lock,
//! SQLite's exclusive write transaction), and each entry moves by compare-and-set, so
//! positions are distinct and a freed place is offered to exactly one person even with two
//! workers sweeping at once.

use super::*;
use citysync_domain::lifecycle::WaitlistState;
use citysync_storage::catalog::OpportunityRow;
use citysync_storage::waitlist::{self as wstore, WaitlistEntryRow};

/// The resident's place on a waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spot {
    /// Her number on the list, in the order residents joined (1 for the first ever).
    pub number: i32,
    /// How many wait before her, plus one (her place in the queue now).
    pub position: i64,
    /// Set while a place is offered to her: until when she can take it.
    pub offer_ends_at: Option<NaiveDateTime>,
}

/// What an opportunity's page shows about its waiting list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Waitlist {
    /// How many wait now (offers excluded).
    pub waiting: i64,
    /// The viewer's place, when she is on the list.
    pub mine: Option<Spot>,
}

impl Waitlist {
    /// The position a resident joining now would have.
    pub fn next_position(&self) -> i64 {
        self.waiting + 1
    }
}

fn spot_of(conn: &mut DbConnection, entry: &WaitlistEntryRow) -> Result<Spot, AppError> {
    let ahead = wstore::waiting_count(conn, &entry.opportunity_id, Some(entry.position))?;
    Ok(Spot {
        number: entry.position,
        position: ahead + 1,
        offer_ends_at: (entry.state == WaitlistState::Offered)
            .then_some(entry.offer_ends_at)
            .flatten(),
    })
}

/// Reads with the use case's errors (a plain `Db::run` speaks the storage's only).
pub(super) async fn read<T, F>(ctx: &Ctx, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
{
    ctx.run(move |conn| Ok(f(conn))).await?
}

/// The waiting list of an opportunity as `viewer` sees it.
pub async fn status(
    ctx: &Ctx,
    viewer: Option<&User>,
    opportunity_id: &str,
) -> Result<Waitlist, AppError> {
    let id = opportunity_id.to_owned();
    let uid = viewer.map(|u| u.id.to_string());
    read(ctx, move |conn| {
        let waiting = wstore::waiting_count(conn, &id, None)?;
        let mine = match uid {
            Some(uid) => match wstore::open_entry_of(conn, &id, &uid)? {
                Some(entry) => Some(spot_of(conn, &entry)?),
                None => None,
            },
            None => None,
        };
        Ok::<_, AppError>(Waitlist { waiting, mine })
    })
    .await
}

/// A verified resident joins the waiting list of a full opportunity, at the end.
pub async fn join(ctx: &Ctx, user: &User, opportunity_id: &str) -> Result<Spot, AppError> {
    user.require_verified()?;
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let (row, _) = lock_for_place(conn, &id, now)?;
            if store::active_claim_of(conn, &id, &uid)?.is_some() {
                return Err(AppError::AlreadyClaimed);
            }
            if wstore::open_entry_of(conn, &id, &uid)?.is_some() {
                return Err(AppError::AlreadyWaiting);
            }
            if require_place(conn, &row).is_ok() {
                return Err(AppError::PlacesLeft);
            }
            let entry = WaitlistEntryRow {
                id: secrets::new_id(),
                opportunity_id: id.clone(),
                resident_id: uid.clone(),
                position: wstore::next_position(conn, &id)?,
                state: WaitlistState::Waiting,
                joined_at: now,
                offered_at: None,
                offer_ends_at: None,
                closed_at: None,
            };
            wstore::insert_entry(conn, &entry).map_err(|e| {
                if e.is_unique_violation() {
                    AppError::AlreadyWaiting
                } else {
                    AppError::from(e)
                }
            })?;
            spot_of(conn, &entry)
        })
        .await
}

/// The resident leaves the list; an offer she held passes to the next one waiting.
pub async fn leave(ctx: &Ctx, user: &User, opportunity_id: &str) -> Result<(), AppError> {
    close_own(ctx, user, opportunity_id, false).await
}

/// The resident declines the place offered to her; it passes to the next one waiting.
pub async fn decline(ctx: &Ctx, user: &User, opportunity_id: &str) -> Result<(), AppError> {
    close_own(ctx, user, opportunity_id, true).await
}

async fn close_own(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    offer_only: bool,
) -> Result<(), AppError> {
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = catalog_store::opportunity_for_claim(conn, &id)?.ok_or(AppError::NotFound)?;
            let entry = wstore::open_entry_of(conn, &id, &uid)?;
            let (entry, to) = match entry {
                Some(e) if e.state == WaitlistState::Offered => (e, WaitlistState::Declined),
                Some(e) if !offer_only => (e, WaitlistState::Left),
                _ if offer_only => return Err(AppError::OfferGone),
                _ => return Err(AppError::NotFound),
            };
            if !wstore::close(conn, &entry.id, entry.state, to, now, None)? {
                return Err(AppError::Conflict);
            }
            if to == WaitlistState::Declined {
                offer_freed(conn, &ctx2, &row, now)?;
            }
            Ok(())
        })
        .await
}

/// The resident takes the place offered to her before the offer ends: an ordinary claim
/// (with its `ClaimConfirmed` notice), on the template's requirements as any claim
/// (`accepted_waiver`: the waiver version she ticked "I accept" for).
pub async fn take(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    accepted_waiver: Option<i32>,
) -> Result<Claim, AppError> {
    user.require_verified()?;
    let id = opportunity_id.to_owned();
    let uid = user.id.to_string();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let (row, opp) = lock_for_place(conn, &id, now)?;
            let entry = wstore::open_entry_of(conn, &id, &uid)?
                .filter(|e| e.state == WaitlistState::Offered)
                .filter(|e| e.offer_ends_at.is_some_and(|end| now < end))
                .ok_or(AppError::OfferGone)?;
            if store::active_claim_of(conn, &id, &uid)?.is_some() {
                return Err(AppError::AlreadyClaimed);
            }
            crate::eligibility::require(conn, &ctx2, &row, &uid, accepted_waiver, now)?;
            if !wstore::close(
                conn,
                &entry.id,
                WaitlistState::Offered,
                WaitlistState::Taken,
                now,
                None,
            )? {
                return Err(AppError::OfferGone);
            }
            // The offer held this place; closed, it is free for her claim alone.
            require_place(conn, &row)?;
            Claim::try_from(take_place(conn, &ctx2, (&row, &opp), &uid, now)?)
        })
        .await
}

/// The workers' pass: offers whose time ended pass to the next one waiting. Safe with
/// several workers at once: each lapse is a compare-and-set under the opportunity's lock.
/// Returns how many offers lapsed here.
pub async fn sweep(ctx: &Ctx) -> Result<usize, AppError> {
    let now = ctx.now();
    let due = ctx
        .run(move |conn| Ok(wstore::lapsed_offers(conn, now, 200)?))
        .await?;
    let mut lapsed = 0;
    for entry in due {
        let ctx2 = ctx.clone();
        let moved = ctx
            .db
            .write(move |conn| {
                let row = catalog_store::opportunity_for_claim(conn, &entry.opportunity_id)?
                    .ok_or(AppError::NotFound)?;
                let moved = wstore::close(
                    conn,
                    &entry.id,
                    WaitlistState::Offered,
                    WaitlistState::Lapsed,
                    now,
                    Some(now),
                )?;
                if moved {
                    offer_freed(conn, &ctx2, &row, now)?;
                }
                Ok::<_, AppError>(moved)
            })
            .await?;
        lapsed += usize::from(moved);
    }
    Ok(lapsed)
}

/// Locks the opportunity and offers its free places to its waiting list: for a change made
/// without [`lock_for_place`] (an expiry, a decision).
pub(crate) fn pass_on(
    conn: &mut DbConnection,
    ctx: &Ctx,
    opportunity_id: &str,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    // Most expiries come after claims closed: no lock is taken for those.
    let open =
        catalog_store::opportunity(conn, opportunity_id)?.is_some_and(|row| offers_open(&row, now));
    if !open {
        return Ok(0);
    }
    match catalog_store::opportunity_for_claim(conn, opportunity_id)? {
        Some(row) => offer_freed(conn, ctx, &row, now),
        None => Ok(0),
    }
}

/// Whether places can still be offered: published, and claims still open.
fn offers_open(row: &OpportunityRow, now: NaiveDateTime) -> bool {
    row.state == OpportunityState::Published && now <= row.claim_deadline && now < row.ends_at
}

/// Under the opportunity's lock: each free place is offered to the next one waiting (a
/// place is free when the claims, remote participants and open offers leave it), with a
/// `WaitlistOffered` notice. Nothing is offered once claims are closed. Returns how many.
pub(crate) fn offer_freed(
    conn: &mut DbConnection,
    ctx: &Ctx,
    row: &OpportunityRow,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    if !offers_open(row, now) {
        return Ok(0);
    }
    let free = i64::from(row.capacity) - catalog_store::active_claim_count(conn, &row.id)?;
    if free <= 0 {
        return Ok(0);
    }
    let next = wstore::entries_in(conn, &row.id, WaitlistState::Waiting, free)?;
    if next.is_empty() {
        return Ok(0);
    }
    let opp = catalog::load_opportunity(conn, &row.id)?;
    let ends = (now + Duration::hours(ctx.settings.waitlist_offer_hours)).min(row.claim_deadline);
    let mut offered = 0;
    for entry in next {
        if !wstore::offer(conn, &entry.id, now, ends)? {
            continue;
        }
        let (locale, zone) = notifications::reader(conn, &entry.resident_id)?;
        let until = ctx.i18n.message(
            locale,
            "note-waitlist-offer-until",
            &[(
                "ends",
                ctx.i18n.moment(locale, zone, ends, Moment::DateTime).into(),
            )],
        );
        notifications::notify(
            conn,
            ctx,
            &entry.resident_id,
            Notice {
                kind: NoticeKind::WaitlistOffered,
                subject_id: &entry.id,
                about: &opp.title,
                link: format!("/opportunities/{}", row.id),
                feedback: Some(&until),
            },
            now,
        )?;
        offered += 1;
    }
    Ok(offered)
}
