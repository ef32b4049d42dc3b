//! Self check-in (issue 26): an organization prints a poster per opportunity whose QR code
//! carries an unguessable token; a resident holding a claim scans it on site and checks
//! herself in and out, within a time window around the opportunity and, when the
//! organization asks for it, near the opportunity's map point. Verifiers then confirm the
//! check-ins in bulk: for on-site verification that approves the claim (through
//! [`super::decide`], so a reward is minted at most once); otherwise it records the
//! attendance next to the proof the resident still submits.

use super::*;
use crate::organizations;
use citysync_domain::similarity::distance_meters;
use citysync_storage::check_in as check_store;

/// How long before an opportunity starts and after it ends residents may check in and out
/// (`[work] check_in_early_minutes`, `check_in_late_minutes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInSettings {
    pub early_minutes: i64,
    pub late_minutes: i64,
}

impl Default for CheckInSettings {
    fn default() -> Self {
        CheckInSettings {
            early_minutes: 30,
            late_minutes: 60,
        }
    }
}

/// The largest distance rule an organization may set, in metres.
pub const MAX_DISTANCE_METERS: i32 = 50_000;
/// The smallest (a phone's position is rarely better than this).
pub const MIN_DISTANCE_METERS: i32 = 25;

/// Why a self check-in or check-out was refused. Nothing changed; each has a message in
/// `check_in.ftl` (see [`Refusal::code`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not signed in as a resident holding an active claim on this opportunity.
    NoClaim,
    /// The opportunity is not (or no longer) open.
    NotOpen,
    /// The claim was submitted, decided or closed already.
    ClaimDone,
    /// Before the window opens.
    TooEarly {
        opens_at: NaiveDateTime,
    },
    /// After the window closed.
    TooLate {
        closed_at: NaiveDateTime,
    },
    AlreadyCheckedIn,
    /// Checking out without having checked in.
    NotCheckedIn,
    AlreadyCheckedOut,
    /// The organization requires a position and the browser sent none.
    PositionNeeded,
    /// Farther from the opportunity's map point than the organization allows.
    TooFar {
        meters: u32,
        max_meters: i32,
    },
}

impl Refusal {
    /// The message id in `check_in.ftl`.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NoClaim => "check-in-refused-no-claim",
            Refusal::NotOpen => "check-in-refused-not-open",
            Refusal::ClaimDone => "check-in-refused-claim-done",
            Refusal::TooEarly { .. } => "check-in-refused-too-early",
            Refusal::TooLate { .. } => "check-in-refused-too-late",
            Refusal::AlreadyCheckedIn => "check-in-refused-already-in",
            Refusal::NotCheckedIn => "check-in-refused-not-in",
            Refusal::AlreadyCheckedOut => "check-in-refused-already-out",
            Refusal::PositionNeeded => "check-in-refused-position-needed",
            Refusal::TooFar { .. } => "check-in-refused-too-far",
        }
    }
}

/// A refused self check-in, or a failure of the usual kind.
#[derive(Debug)]
pub enum CheckInError {
    Refused(Refusal),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for CheckInError {
    fn from(e: E) -> Self {
        CheckInError::App(e.into())
    }
}

/// What a poster shows.
#[derive(Debug, Clone, Serialize)]
pub struct Poster {
    pub opportunity: Opportunity,
    pub token: String,
    /// The address the QR code carries.
    pub url: String,
    /// The organization's distance rule, if any.
    pub max_meters: Option<i32>,
}

/// An opportunity's poster for an editor of its organization (its token is made the first
/// time).
pub async fn poster(ctx: &Ctx, editor: &User, opportunity_id: &str) -> Result<Poster, AppError> {
    let id = opportunity_id.to_owned();
    let editor = editor.clone();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let opportunity = catalog::load_opportunity(conn, &id)?;
            organizations::require(
                conn,
                &opportunity.organization_id,
                &editor,
                Capability::EditCatalog,
            )?;
            let token = check_store::ensure_poster(conn, &id, &secrets::new_token(), now)?;
            let max_meters = check_store::max_distance(conn, &opportunity.organization_id)?;
            Ok(Poster {
                url: ctx2.settings.url(&format!("/check-in/{token}")),
                token,
                max_meters,
                opportunity,
            })
        })
        .await
}

/// Sets (or with `None` removes) how far from an opportunity's map point the residents of
/// an organization may check in, for an editor of one of its opportunities.
pub async fn set_max_distance(
    ctx: &Ctx,
    editor: &User,
    opportunity_id: &str,
    max_meters: Option<i32>,
) -> Result<(), AppError> {
    if max_meters.is_some_and(|m| !(MIN_DISTANCE_METERS..=MAX_DISTANCE_METERS).contains(&m)) {
        return Err(AppError::Domain(
            citysync_domain::DomainError::ParameterOutOfRange("check_in_max_meters".into()),
        ));
    }
    let id = opportunity_id.to_owned();
    let editor = editor.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let opportunity = catalog::load_opportunity(conn, &id)?;
            let org = opportunity.organization_id;
            organizations::require(conn, &org, &editor, Capability::EditCatalog)?;
            check_store::set_max_distance(conn, &org, max_meters, now)?;
            let detail = max_meters.map_or_else(String::new, |m| format!("{m} m"));
            trail::record(
                conn,
                Subject::Organization,
                &org,
                "check_in_distance",
                Some(&editor.id.to_string()),
                &detail,
                now,
            )
        })
        .await
}

/// What the check-in page shows the resident who scanned a poster.
#[derive(Debug, Clone, Serialize)]
pub struct CheckInPage {
    pub opportunity: Opportunity,
    /// The resident's active claim on it (none when not signed in or not claimed).
    pub claim: Option<Claim>,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    /// Whether the window is open now.
    pub open_now: bool,
    /// Whether a position is needed (the organization set a distance and the opportunity
    /// has a map point).
    pub needs_position: bool,
    pub max_meters: Option<i32>,
}

/// The page of a poster's token; not found for an unknown token.
pub async fn page(ctx: &Ctx, viewer: Option<&User>, token: &str) -> Result<CheckInPage, AppError> {
    let token = token.to_owned();
    let uid = viewer.map(|u| u.id.to_string());
    let window = ctx.settings.check_in;
    let now = ctx.now();
    ctx.run(move |conn| page_tx(conn, &token, uid.as_deref(), window, now))
        .await
}

fn page_tx(
    conn: &mut DbConnection,
    token: &str,
    uid: Option<&str>,
    window: CheckInSettings,
    now: NaiveDateTime,
) -> Result<CheckInPage, AppError> {
    let (opportunity, max_meters) = by_token(conn, token)?;
    let claim = match uid {
        Some(uid) => store::active_claim_of(conn, &opportunity.id, uid)?
            .map(Claim::try_from)
            .transpose()?,
        None => None,
    };
    let (opens_at, closes_at) = window_of(&opportunity, window);
    Ok(CheckInPage {
        open_now: opens_at <= now && now <= closes_at,
        needs_position: max_meters.is_some() && opportunity.point.is_some(),
        max_meters,
        opens_at,
        closes_at,
        claim,
        opportunity,
    })
}

fn by_token(conn: &mut DbConnection, token: &str) -> Result<(Opportunity, Option<i32>), AppError> {
    let id = check_store::opportunity_of_token(conn, token)?.ok_or(AppError::NotFound)?;
    let opportunity = catalog::load_opportunity(conn, &id)?;
    if opportunity.state == OpportunityState::Draft {
        return Err(AppError::NotFound);
    }
    let max = check_store::max_distance(conn, &opportunity.organization_id)?;
    Ok((opportunity, max))
}

/// When checking in opens and closes for an opportunity.
pub fn window_of(
    opportunity: &Opportunity,
    settings: CheckInSettings,
) -> (NaiveDateTime, NaiveDateTime) {
    (
        opportunity.starts_at - Duration::minutes(settings.early_minutes),
        opportunity.ends_at + Duration::minutes(settings.late_minutes),
    )
}

/// Checking in or out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    In,
    Out,
}

/// The resident checks herself in or out by a poster's token, at `position` when her
/// browser gave one. Refused (changing nothing) outside the window, without an active
/// claim, in the wrong order, or too far from the opportunity when its organization set a
/// distance. Checking out of on-site work submits the times as the proof, as a verifier's
/// check-out does.
pub async fn check(
    ctx: &Ctx,
    resident: &User,
    token: &str,
    step: Step,
    position: Option<GeoPoint>,
) -> Result<Claim, CheckInError> {
    let token = token.to_owned();
    let uid = resident.id.to_string();
    let window = ctx.settings.check_in;
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let (opp, max_meters) = by_token(conn, &token)?;
            check_in_tx(conn, (&opp, max_meters), &uid, step, position, window, now)
        })
        .await
}

fn check_in_tx(
    conn: &mut DbConnection,
    (opp, max_meters): (&Opportunity, Option<i32>),
    uid: &str,
    step: Step,
    position: Option<GeoPoint>,
    window: CheckInSettings,
    now: NaiveDateTime,
) -> Result<Claim, CheckInError> {
    use CheckInError::Refused;
    if matches!(
        opp.state,
        OpportunityState::Cancelled | OpportunityState::Draft
    ) {
        return Err(Refused(Refusal::NotOpen));
    }
    let row = store::active_claim_of(conn, &opp.id, uid)?.ok_or(Refused(Refusal::NoClaim))?;
    let (opens_at, closes_at) = window_of(opp, window);
    if now < opens_at {
        return Err(Refused(Refusal::TooEarly { opens_at }));
    }
    if now > closes_at {
        return Err(Refused(Refusal::TooLate {
            closed_at: closes_at,
        }));
    }
    if progress_of(&row)?.transition(ClaimEvent::Submit).is_err() {
        return Err(Refused(Refusal::ClaimDone));
    }
    match step {
        Step::In if row.checked_in_at.is_some() => return Err(Refused(Refusal::AlreadyCheckedIn)),
        Step::Out if row.checked_in_at.is_none() => return Err(Refused(Refusal::NotCheckedIn)),
        Step::Out if row.checked_out_at.is_some() => {
            return Err(Refused(Refusal::AlreadyCheckedOut))
        }
        _ => {}
    }
    if let (Some(max), Some(point)) = (max_meters, opp.point) {
        let here = position.ok_or(Refused(Refusal::PositionNeeded))?;
        let meters = distance_meters(here, point);
        if i64::from(meters) > i64::from(max) {
            return Err(Refused(Refusal::TooFar {
                meters,
                max_meters: max,
            }));
        }
    }
    match (step, row.checked_in_at) {
        (Step::In, _) => {
            store::set_check_in(conn, &row.id, Some(now), None)?;
            trail::record(
                conn,
                Subject::Claim,
                &row.id,
                "checked_in",
                Some(uid),
                "self",
                now,
            )?;
        }
        (Step::Out, Some(from)) => {
            let until = now.max(from + Duration::seconds(1));
            store::set_check_in(conn, &row.id, Some(from), Some(until))?;
            if opp.verification_method == VerificationMethod::OnSite {
                submit_attendance(conn, &row, uid, (from, until), now)?;
            } else {
                trail::record(
                    conn,
                    Subject::Claim,
                    &row.id,
                    "checked_out",
                    Some(uid),
                    "self",
                    now,
                )?;
            }
        }
        (Step::Out, None) => return Err(Refused(Refusal::NotCheckedIn)),
    }
    let row = store::by_id(conn, &row.id)?.ok_or(AppError::NotFound)?;
    Ok(Claim::try_from(row)?)
}

/// A check-out of on-site work: the times become the claim's proof, with the template's
/// expected outcome, for a verifier's decision as usual.
pub(super) fn submit_attendance(
    conn: &mut DbConnection,
    row: &ClaimRow,
    actor: &str,
    (from, until): (NaiveDateTime, NaiveDateTime),
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let spec = claimed_spec(conn, row)?;
    let next = apply(
        conn,
        row,
        ClaimEvent::Submit,
        Some(actor),
        "checked out",
        now,
    )?;
    store::insert_submission(
        conn,
        &SubmissionRow {
            id: secrets::new_id(),
            claim_id: row.id.clone(),
            attempt: i32::from(next.submissions),
            text: String::new(),
            latitude: None,
            longitude: None,
            worked_from: Some(from),
            worked_until: Some(until),
            outcome_quantity: spec.expected_outcome,
            extra_values: "{}".to_owned(),
            submitted_at: now,
            decision: None,
            decided_by: None,
            decided_at: None,
            reject_reason: None,
            feedback: None,
            quality_rating: None,
            confirmed_outcome: None,
        },
    )?;
    Ok(())
}

/// Whole minutes between a check-in and a check-out (none until both are known).
pub fn worked_minutes(from: Option<NaiveDateTime>, until: Option<NaiveDateTime>) -> Option<i64> {
    match (from, until) {
        (Some(from), Some(until)) if until >= from => Some((until - from).num_minutes()),
        _ => None,
    }
}

/// A checked-in claim as verifiers see it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedIn {
    pub claim: Claim,
    pub username: String,
    pub minutes: Option<i64>,
    pub confirmed_at: Option<NaiveDateTime>,
    /// Whether it can be confirmed now (checked out, not confirmed, not the verifier's own).
    pub confirmable: bool,
}

/// The checked-in claims of an opportunity, for a verifier of its work.
pub async fn checked_in(
    ctx: &Ctx,
    verifier: &User,
    opportunity_id: &str,
) -> Result<Vec<CheckedIn>, AppError> {
    let id = opportunity_id.to_owned();
    let verifier = verifier.clone();
    ctx.run(move |conn| {
        let opp = catalog::load_opportunity(conn, &id)?;
        catalog::require_verifier(conn, &opp.id, &opp.organization_id, &verifier)?;
        let vid = verifier.id.to_string();
        check_store::checked_in_on(conn, &id)?
            .into_iter()
            .map(|(row, username, confirmed_at)| {
                let minutes = worked_minutes(row.checked_in_at, row.checked_out_at);
                let confirmable =
                    minutes.is_some() && confirmed_at.is_none() && row.claimant_id != vid;
                Ok(CheckedIn {
                    claim: Claim::try_from(row)?,
                    username,
                    minutes,
                    confirmed_at,
                    confirmable,
                })
            })
            .collect()
    })
    .await
}

/// What a bulk confirmation did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Confirmed {
    /// Claims approved (on-site verification): their rewards were minted or held.
    pub approved: usize,
    /// Check-ins recorded as verified attendance (their proof is reviewed as usual).
    pub recorded: usize,
    /// Claims skipped: not checked out, confirmed or decided already, or the verifier's own.
    pub skipped: usize,
}

/// A verifier confirms the selected check-ins of an opportunity. Each is confirmed at most
/// once, whatever is posted twice or at the same time: an on-site claim's pending
/// submission is approved by [`decide`] (which refuses a second decision, so no reward is
/// minted twice) with the outcome the check-out submitted, and the confirmation is stored.
pub async fn confirm(
    ctx: &Ctx,
    verifier: &User,
    opportunity_id: &str,
    claim_ids: &[String],
    quality_rating: i32,
) -> Result<Confirmed, AppError> {
    let selected: Vec<CheckedIn> = checked_in(ctx, verifier, opportunity_id)
        .await?
        .into_iter()
        .filter(|c| claim_ids.contains(&c.claim.id))
        .collect();
    let mut done = Confirmed {
        skipped: claim_ids.len().saturating_sub(selected.len()),
        ..Confirmed::default()
    };
    let id = opportunity_id.to_owned();
    let method = ctx
        .run(move |conn| Ok(catalog::load_opportunity(conn, &id).map(|o| o.verification_method)))
        .await??;
    let on_site = method == VerificationMethod::OnSite;
    for item in selected {
        if !item.confirmable {
            done.skipped += 1;
            continue;
        }
        let claim_id = item.claim.id.clone();
        if on_site {
            let pending = {
                let id = claim_id.clone();
                ctx.run(move |conn| Ok(store::submissions_of(conn, &id)?))
                    .await?
                    .into_iter()
                    .find(|s| s.decision.is_none())
            };
            let Some(pending) = pending else {
                done.skipped += 1;
                continue;
            };
            let input = DecisionInput::Approve {
                confirmed_outcome: pending.outcome_quantity.to_string(),
                quality_rating: quality_rating.to_string(),
                feedback: String::new(),
            };
            match decide(ctx, verifier, &pending.id, input).await {
                Ok(_) => {}
                Err(AppError::AlreadyDecided) => {
                    done.skipped += 1;
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
        let vid = verifier.id.to_string();
        let now = ctx.now();
        let stored = ctx
            .db
            .write(move |conn| {
                let new = check_store::record_confirmation(conn, &claim_id, &vid, now)?;
                if new {
                    trail::record(
                        conn,
                        Subject::Claim,
                        &claim_id,
                        "attendance_confirmed",
                        Some(&vid),
                        "",
                        now,
                    )?;
                    crate::privileged_log::record(
                        conn,
                        &crate::privileged_log::Entry::new(
                            Some(&vid),
                            crate::privileged_log::Capacity::Verifier,
                            crate::privileged_log::PrivilegedAction::AttendanceConfirmed,
                            crate::privileged_log::Subject::Claim,
                            &claim_id,
                            now,
                        ),
                    )?;
                }
                Ok::<_, AppError>(new)
            })
            .await?;
        match (stored, on_site) {
            (_, true) => done.approved += 1,
            (true, false) => done.recorded += 1,
            (false, false) => done.skipped += 1,
        }
    }
    Ok(done)
}
