//! Correcting an opportunity once it is issued: an editor changes its times, place,
//! capacity, title or on-site instructions (every claimant is told what changed, on the
//! city's clock and in their language, and a published one is sent to peers as an
//! `Update`), or cancels it with a reason the claimants are given.

use super::opportunities::{apply_event, load_opportunity};
use super::*;
use citysync_i18n::moments::Moment;
use citysync_i18n::ArgValue;

/// The longest reason an editor can give for cancelling.
const REASON_MAX: usize = 1_000;

/// An editor corrects a draft or published opportunity with `spec` (checked as when it was
/// issued). The capacity cannot go below the claims already made. When something changed
/// the trail records it, a published opportunity is sent to peers as an `Update`, and every
/// claimant is notified with each change, old and new; when nothing changed nothing happens.
pub async fn edit_opportunity(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    spec: OpportunitySpec,
) -> Result<Opportunity, AppError> {
    let id = opportunity_id.to_owned();
    let user = user.clone();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let spec = spec.check()?;
            // Locks the row on PostgreSQL, so a claim made meanwhile is counted below.
            let row = store::opportunity_for_claim(conn, &id)?.ok_or(AppError::NotFound)?;
            let before = correctable(conn, &user, &id, "edit")?;
            if i64::from(spec.capacity) < before.active_claims {
                return Err(AppError::CapacityBelowClaims {
                    capacity: spec.capacity,
                    claims: before.active_claims,
                });
            }
            let edited = OpportunityRow {
                title_override: spec.title_override.clone(),
                place: spec.place.clone(),
                latitude: spec.point.map(|p| p.latitude),
                longitude: spec.point.map(|p| p.longitude),
                starts_at: spec.starts_at,
                ends_at: spec.ends_at,
                claim_deadline: spec.claim_deadline,
                capacity: spec.capacity,
                onsite_instructions: spec.onsite_instructions.clone(),
                updated_at: now,
                ..row.clone()
            };
            if same_fields(&row, &edited) {
                return Ok(before);
            }
            store::update_opportunity(conn, &edited)?;
            // A capacity raised offers the new places to the waiting list.
            crate::claims::waitlist::offer_freed(conn, &ctx2, &edited, now)?;
            let after = load_opportunity(conn, &id)?;
            let changes = Change::between(&before, &after);
            let fields: Vec<&str> = changes.iter().map(Change::field).collect();
            trail::record(
                conn,
                Subject::Opportunity,
                &id,
                "edited",
                Some(&user.id.to_string()),
                &fields.join(", "),
                now,
            )?;
            if after.state == OpportunityState::Published {
                publications::publish(conn, Kind::Opportunity, &id, Verb::Update, now)?;
            }
            if !changes.is_empty() {
                tell_claimants(conn, &ctx2, &after, &changes, now)?;
            }
            Ok(after)
        })
        .await
}

/// An editor cancels a draft or published opportunity, saying why: claims not yet submitted
/// end, the reason goes into the trail and to every claimant. An empty reason is refused.
pub async fn cancel_opportunity(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    reason: &str,
) -> Result<Opportunity, AppError> {
    let reason = text::required("reason", reason, REASON_MAX)?;
    let id = opportunity_id.to_owned();
    let user = user.clone();
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            apply_event(
                conn,
                &ctx2,
                &user,
                &id,
                OpportunityEvent::Cancel,
                Some(&reason),
            )
        })
        .await
}

/// A draft or published opportunity, for an editor about to correct or cancel it.
fn correctable(
    conn: &mut DbConnection,
    user: &User,
    id: &str,
    event: &'static str,
) -> Result<Opportunity, AppError> {
    let opp = load_opportunity(conn, id)?;
    let org = organizations::load_by_id(conn, &opp.organization_id)?;
    require_editor(conn, &org, user)?;
    if !matches!(
        opp.state,
        OpportunityState::Draft | OpportunityState::Published
    ) {
        return Err(DomainError::TransitionRefused {
            from: opp.state.as_str(),
            event,
        }
        .into());
    }
    Ok(opp)
}

/// The opportunity as its edit form shows it; only for its editors, while draft or published.
pub async fn editable_opportunity(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
) -> Result<Opportunity, AppError> {
    let (id, user) = (opportunity_id.to_owned(), user.clone());
    ctx.run(move |conn| correctable(conn, &user, &id, "edit"))
        .await
}

/// What cancelling an opportunity would do, shown before the editor confirms it.
#[derive(Debug, Clone, Serialize)]
pub struct CancelPreview {
    pub opportunity: Opportunity,
    /// Claims that end (no proof sent yet).
    pub ending: i64,
    /// Everyone holding a claim, told of the cancellation with the reason.
    pub told: i64,
}

/// What cancelling would do; only for the opportunity's editors, while draft or published.
pub async fn cancel_preview(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
) -> Result<CancelPreview, AppError> {
    let (id, user) = (opportunity_id.to_owned(), user.clone());
    ctx.run(move |conn| {
        let opportunity = correctable(conn, &user, &id, "cancel")?;
        let claims = claim_store::claims_on(conn, &id)?;
        let ending = claims
            .iter()
            .filter(|(c, _)| c.state == ClaimState::Claimed)
            .count();
        Ok(CancelPreview {
            opportunity,
            ending: i64::try_from(ending).unwrap_or(i64::MAX),
            told: i64::try_from(claims.len()).unwrap_or(i64::MAX),
        })
    })
    .await
}

/// Whether two rows hold the same opportunity as people see it (`updated_at` aside).
fn same_fields(a: &OpportunityRow, b: &OpportunityRow) -> bool {
    a.title_override == b.title_override
        && a.place == b.place
        && a.latitude == b.latitude
        && a.longitude == b.longitude
        && a.starts_at == b.starts_at
        && a.ends_at == b.ends_at
        && a.claim_deadline == b.claim_deadline
        && a.capacity == b.capacity
        && a.onsite_instructions == b.onsite_instructions
}

/// Notifies everyone holding a claim on `opp` of `changes`, each in their own language.
fn tell_claimants(
    conn: &mut DbConnection,
    ctx: &Ctx,
    opp: &Opportunity,
    changes: &[Change],
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for (claim, _) in claim_store::claims_on(conn, &opp.id)? {
        let (locale, zone) = notifications::reader(conn, &claim.claimant_id)?;
        let text: Vec<String> = changes
            .iter()
            .map(|c| c.describe(&ctx.i18n, locale, zone))
            .collect();
        // The calendar file of the claim, its sequence one higher (issue 26).
        let file = crate::calendar_files::claim_file(conn, ctx, &claim.id, opp, false, now)?;
        notifications::notify_with(
            conn,
            ctx,
            &claim.claimant_id,
            Notice {
                kind: NoticeKind::OpportunityChanged,
                subject_id: &opp.id,
                about: &opp.title,
                link: format!("/opportunities/{}", opp.id),
                feedback: Some(&text.join("\n")),
            },
            &[file],
            now,
        )?;
    }
    Ok(())
}

/// One thing that changed in an opportunity, old and new.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Title(String, String),
    StartsAt(NaiveDateTime, NaiveDateTime),
    EndsAt(NaiveDateTime, NaiveDateTime),
    ClaimDeadline(NaiveDateTime, NaiveDateTime),
    Place(String, String),
    Point(Option<GeoPoint>, Option<GeoPoint>),
    Capacity(i32, i32),
    Instructions(String, String),
}

impl Change {
    /// What differs between two views of one opportunity, in the order people read them.
    fn between(old: &Opportunity, new: &Opportunity) -> Vec<Change> {
        let mut changes = Vec::new();
        if old.title != new.title {
            changes.push(Change::Title(old.title.clone(), new.title.clone()));
        }
        if old.starts_at != new.starts_at {
            changes.push(Change::StartsAt(old.starts_at, new.starts_at));
        }
        if old.ends_at != new.ends_at {
            changes.push(Change::EndsAt(old.ends_at, new.ends_at));
        }
        if old.claim_deadline != new.claim_deadline {
            changes.push(Change::ClaimDeadline(
                old.claim_deadline,
                new.claim_deadline,
            ));
        }
        if old.place != new.place {
            changes.push(Change::Place(old.place.clone(), new.place.clone()));
        }
        if old.point != new.point {
            changes.push(Change::Point(old.point, new.point));
        }
        if old.capacity != new.capacity {
            changes.push(Change::Capacity(old.capacity, new.capacity));
        }
        if old.onsite_instructions != new.onsite_instructions {
            changes.push(Change::Instructions(
                old.onsite_instructions.clone(),
                new.onsite_instructions.clone(),
            ));
        }
        changes
    }

    /// The form field it was typed in (kept in the trail).
    fn field(&self) -> &'static str {
        match self {
            Change::Title(..) => "title",
            Change::StartsAt(..) => "starts_at",
            Change::EndsAt(..) => "ends_at",
            Change::ClaimDeadline(..) => "claim_deadline",
            Change::Place(..) => "place",
            Change::Point(..) => "point",
            Change::Capacity(..) => "capacity",
            Change::Instructions(..) => "onsite_instructions",
        }
    }

    /// One line for the claimant: "Starts: <old> → <new>", times on the city's clock.
    fn describe(&self, i18n: &I18n, locale: Locale, zone: chrono_tz::Tz) -> String {
        let moment = |at: &NaiveDateTime| i18n.moment(locale, zone, *at, Moment::DateTime);
        let words = |s: &String| {
            if s.is_empty() {
                i18n.message(locale, "note-change-empty", &[])
            } else {
                s.clone()
            }
        };
        let point = |p: &Option<GeoPoint>| match p {
            Some(p) => format!("{}, {}", p.latitude, p.longitude),
            None => i18n.message(locale, "note-change-empty", &[]),
        };
        let (old, new) = match self {
            Change::Title(a, b) | Change::Place(a, b) | Change::Instructions(a, b) => {
                (words(a), words(b))
            }
            Change::StartsAt(a, b) | Change::EndsAt(a, b) | Change::ClaimDeadline(a, b) => {
                (moment(a), moment(b))
            }
            Change::Point(a, b) => (point(a), point(b)),
            Change::Capacity(a, b) => (a.to_string(), b.to_string()),
        };
        i18n.message(
            locale,
            "note-change",
            &[
                ("field", ArgValue::from(self.field())),
                ("old", ArgValue::from(old)),
                ("new", ArgValue::from(new)),
            ],
        )
    }
}
