//! Decision cycles: created and edited by the administrator until voting opens, advanced
//! through their phases by the governance worker.

use super::closing;
use crate::trail::{self, Subject};
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::governance::{Phase, ProposalState, Rules, Schedule, VotingMethod};
use citysync_domain::text;
use citysync_storage::governance::{self as store, CycleRow};
use citysync_storage::DbConnection;
use serde::Serialize;

/// A cycle as the pages and the API see it.
#[derive(Debug, Clone, Serialize)]
pub struct Cycle {
    pub id: String,
    pub title: String,
    pub description: String,
    pub schedule: Schedule,
    pub phase: Phase,
    pub rules: Rules,
    /// Set when voting opened.
    pub eligible_voters: Option<i64>,
    pub eligible_weight: Option<i64>,
    pub created_at: NaiveDateTime,
    /// The CITY (hundredths) the city shares out among the cycle's budget proposals, set by
    /// the administrator; 0 when the cycle has no participatory budget.
    pub pool: i64,
}

impl Cycle {
    /// Whether the administrator may still change the rules (voting has not opened).
    pub fn rules_open(&self) -> bool {
        matches!(
            self.phase,
            Phase::Upcoming | Phase::Proposals | Phase::Deliberation
        )
    }

    /// When the current phase ends (the next one begins), if it does.
    pub fn phase_ends_at(&self) -> Option<NaiveDateTime> {
        self.phase.next().and_then(|p| self.schedule.start_of(p))
    }
}

impl TryFrom<CycleRow> for Cycle {
    type Error = AppError;
    fn try_from(row: CycleRow) -> Result<Cycle, AppError> {
        Ok(Cycle {
            schedule: Schedule {
                proposals_at: row.proposals_at,
                deliberation_at: row.deliberation_at,
                voting_at: row.voting_at,
                results_at: row.results_at,
            },
            phase: Phase::parse(&row.phase)?,
            rules: Rules {
                method: VotingMethod::parse(&row.method)?,
                quorum_percent: row.quorum_percent,
                min_vote: row.min_vote,
            },
            id: row.id,
            title: row.title,
            description: row.description,
            eligible_voters: row.eligible_voters,
            eligible_weight: row.eligible_weight,
            created_at: row.created_at,
            pool: row.budget_pool,
        })
    }
}

/// What the administrator types for a cycle.
#[derive(Debug, Clone)]
pub struct CycleInput {
    pub title: String,
    pub description: String,
    pub schedule: Schedule,
    pub rules: Rules,
    /// The cycle's participatory-budget pool in CITY hundredths (0: none).
    pub pool: i64,
}

impl CycleInput {
    fn check(self) -> Result<CycleInput, AppError> {
        Ok(CycleInput {
            title: text::required("title", &self.title, 200)?,
            description: text::optional("description", &self.description, 20_000)?,
            schedule: self.schedule.check()?,
            rules: self.rules.check()?,
            pool: citysync_domain::governance::budget_pool(self.pool)?,
        })
    }
}

/// The administrator opens a decision cycle. Its phase follows its dates from the start
/// (the worker then advances it), so a cycle whose proposal phase began is open at once.
pub async fn create(ctx: &Ctx, admin: &User, input: CycleInput) -> Result<Cycle, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let input = input.check()?;
    let now = ctx.now();
    let row = CycleRow {
        id: secrets::new_id(),
        title: input.title,
        description: input.description,
        proposals_at: input.schedule.proposals_at,
        deliberation_at: input.schedule.deliberation_at,
        voting_at: input.schedule.voting_at,
        results_at: input.schedule.results_at,
        phase: Phase::Upcoming.as_str().to_owned(),
        method: input.rules.method.as_str().to_owned(),
        quorum_percent: input.rules.quorum_percent,
        min_vote: input.rules.min_vote,
        eligible_voters: None,
        eligible_weight: None,
        created_by: admin.id.to_string(),
        created_at: now,
        updated_at: now,
        budget_pool: input.pool,
    };
    let admin_id = admin.id.to_string();
    let id = row.id.clone();
    ctx.db
        .write(move |conn| {
            store::insert_cycle(conn, &row)?;
            trail::record(
                conn,
                Subject::Cycle,
                &row.id,
                "created",
                Some(&admin_id),
                &row.title,
                now,
            )?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &admin_id,
                    crate::privileged_log::PrivilegedAction::CycleCreated,
                    crate::privileged_log::Subject::Cycle,
                    &row.id,
                    now,
                )
                .detail(serde_json::json!({ "title": row.title })),
            )?;
            record_pool(conn, &row.id, 0, row.budget_pool, &admin_id, now)
        })
        .await?;
    advance_due(ctx).await?;
    get(ctx, &id).await
}

/// The administrator edits a cycle: text and dates of phases not yet begun at any time
/// before the results; the method and rules only until voting opens.
pub async fn edit(ctx: &Ctx, admin: &User, id: &str, input: CycleInput) -> Result<Cycle, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let input = input.check()?;
    let (id2, admin_id) = (id.to_owned(), admin.id.to_string());
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let mut row = store::lock_cycle(conn, &id2, true)?.ok_or(AppError::NotFound)?;
            let current = Cycle::try_from(row.clone())?;
            if current.phase == Phase::Results {
                return Err(AppError::PhaseClosed);
            }
            // The pool is a rule of the vote: voters see it before they vote.
            if !current.rules_open() && (input.rules != current.rules || input.pool != current.pool)
            {
                return Err(AppError::RulesFrozen);
            }
            // A phase already entered keeps its date: the record of when it began is public.
            let mut entered = Phase::ALL.iter().take(phase_index(current.phase) + 1);
            if entered.any(|p| input.schedule.start_of(*p) != current.schedule.start_of(*p)) {
                return Err(AppError::PhaseClosed);
            }
            row.title = input.title;
            row.description = input.description;
            row.proposals_at = input.schedule.proposals_at;
            row.deliberation_at = input.schedule.deliberation_at;
            row.voting_at = input.schedule.voting_at;
            row.results_at = input.schedule.results_at;
            row.method = input.rules.method.as_str().to_owned();
            row.quorum_percent = input.rules.quorum_percent;
            row.min_vote = input.rules.min_vote;
            row.budget_pool = input.pool;
            row.updated_at = now;
            store::update_cycle(conn, &row)?;
            trail::record(
                conn,
                Subject::Cycle,
                &row.id,
                "edited",
                Some(&admin_id),
                &row.title,
                now,
            )?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &admin_id,
                    crate::privileged_log::PrivilegedAction::CycleEdited,
                    crate::privileged_log::Subject::Cycle,
                    &row.id,
                    now,
                )
                .detail(serde_json::json!({ "title": row.title, "pool": row.budget_pool })),
            )?;
            record_pool(conn, &row.id, current.pool, row.budget_pool, &admin_id, now)
        })
        .await?;
    advance_due(ctx).await?;
    get(ctx, id).await
}

/// The administrator starts the next phase now instead of on its date ("open voting
/// now"); the worker's step runs at once, with the same snapshot, tally and enactment.
pub async fn begin_next_phase(ctx: &Ctx, admin: &User, id: &str) -> Result<Cycle, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let (id2, admin_id, ctx2) = (id.to_owned(), admin.id.to_string(), ctx.clone());
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let mut row = store::lock_cycle(conn, &id2, true)?.ok_or(AppError::NotFound)?;
            let cycle = Cycle::try_from(row.clone())?;
            let next = cycle.phase.next().ok_or(AppError::PhaseClosed)?;
            // Whole seconds (the date is public and edited to the second), and at least a
            // second after the current phase began, so the dates stay in strict order.
            let mut at = chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now);
            if let Some(began) = cycle.schedule.start_of(cycle.phase) {
                at = at.max(began + chrono::Duration::seconds(1));
            }
            if cycle
                .schedule
                .start_of(next)
                .is_some_and(|start| start > at)
            {
                match next {
                    Phase::Proposals => row.proposals_at = at,
                    Phase::Deliberation => row.deliberation_at = at,
                    Phase::Voting => row.voting_at = at,
                    Phase::Results => row.results_at = at,
                    Phase::Upcoming => {}
                }
                row.updated_at = now;
                store::update_cycle(conn, &row)?;
            }
            trail::record(
                conn,
                Subject::Cycle,
                &id2,
                "phase_started_early",
                Some(&admin_id),
                next.as_str(),
                now,
            )?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &admin_id,
                    crate::privileged_log::PrivilegedAction::CyclePhaseAdvanced,
                    crate::privileged_log::Subject::Cycle,
                    &id2,
                    now,
                )
                .detail(serde_json::json!({ "phase": next.as_str() })),
            )?;
            advance(conn, &ctx2, &id2, at.max(now))
        })
        .await?;
    get(ctx, id).await
}

/// Audits a change of a cycle's pool: who set it, from what to what (CITY).
fn record_pool(
    conn: &mut DbConnection,
    cycle_id: &str,
    from: i64,
    to: i64,
    admin_id: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if from == to {
        return Ok(());
    }
    let city = citysync_domain::ledger::Currency::City;
    trail::record(
        conn,
        Subject::Cycle,
        cycle_id,
        "pool_set",
        Some(admin_id),
        &format!("{} → {}", city.format(from), city.format(to)),
        now,
    )
}

fn phase_index(phase: Phase) -> usize {
    Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0)
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Cycle, AppError> {
    let id = id.to_owned();
    let row = ctx
        .run(move |conn| Ok(store::cycle(conn, &id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Cycle::try_from(row)
}

/// Cycles, the latest voting first.
pub async fn list(ctx: &Ctx, limit: i64) -> Result<Vec<Cycle>, AppError> {
    let rows = ctx.run(move |conn| Ok(store::cycles(conn, limit)?)).await?;
    rows.into_iter().map(Cycle::try_from).collect()
}

/// Moves every cycle whose next phase has begun into it, one phase per transaction (after
/// downtime a cycle may pass several). Entering deliberation freezes the proposals' text;
/// entering voting snapshots VOTE; entering results tallies and enacts. Safe to run from
/// several workers: each step locks its cycle and re-reads the phase.
pub async fn advance_due(ctx: &Ctx) -> Result<usize, AppError> {
    let mut steps = 0;
    loop {
        let now = ctx.now();
        let due = ctx
            .run(move |conn| Ok(store::cycles_due(conn, now)?))
            .await?;
        if due.is_empty() {
            return Ok(steps);
        }
        for id in due {
            let ctx2 = ctx.clone();
            let moved = ctx
                .db
                .write(move |conn| advance(conn, &ctx2, &id, now))
                .await?;
            steps += usize::from(moved);
        }
    }
}

/// One step of one cycle, if its next phase has begun; false if another worker took it.
fn advance(
    conn: &mut DbConnection,
    ctx: &Ctx,
    id: &str,
    now: NaiveDateTime,
) -> Result<bool, AppError> {
    let Some(mut row) = store::lock_cycle(conn, id, true)? else {
        return Ok(false);
    };
    let cycle = Cycle::try_from(row.clone())?;
    let Some(next) = cycle.phase.next() else {
        return Ok(false);
    };
    if cycle.schedule.start_of(next).is_none_or(|at| at > now) {
        return Ok(false);
    }
    let proposals = store::proposals_of(conn, id)?;
    // The cycle's budget proposals share its one pool, oldest proposal first.
    let mut pool_left = cycle.pool;
    match next {
        Phase::Voting => {
            let holders = store::vote_holders(conn, cycle.rules.min_vote)?;
            store::insert_snapshot(conn, id, &holders)?;
            row.eligible_voters = Some(i64::try_from(holders.len()).unwrap_or(i64::MAX));
            row.eligible_weight = Some(holders.iter().map(|(_, w)| *w).sum());
        }
        Phase::Results => {
            for (proposal, _) in &proposals {
                if proposal.state == ProposalState::Voting {
                    closing::close(conn, ctx, &cycle, &row, proposal, &mut pool_left, now)?;
                }
            }
        }
        _ => {}
    }
    for (proposal, _) in &proposals {
        let state = proposal.state;
        let to = state.on_phase(next);
        if to != state {
            store::set_proposal_state(conn, &proposal.id, state, to, now)?;
        }
    }
    row.phase = next.as_str().to_owned();
    row.updated_at = now;
    store::update_cycle(conn, &row)?;
    trail::record(
        conn,
        Subject::Cycle,
        id,
        next.as_str(),
        None,
        &row.title,
        now,
    )?;
    tracing::info!(
        cycle = id,
        phase = next.as_str(),
        "a decision cycle moved on"
    );
    Ok(true)
}
