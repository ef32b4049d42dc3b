//! Epochs: opening (with the issuers' budget grants), closing on time (returning unused
//! budgets, optional expiry and decay, the sealed report, a checkpoint) and the budget table.

use super::{checkpoints, Journal, Operation};
use crate::{AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::epoch;
use citysync_domain::epoch::EpochState;
use citysync_domain::ledger::{
    AccountId, AccountKind, Amount, Currency, CurrencyTotals, EntryKind, Figures, NewEntry,
};
use citysync_domain::organization::OrganizationState;
use citysync_storage::epochs as store;
use citysync_storage::ledger as journal_store;
use citysync_storage::{instance, organizations, DbConnection};
use serde::{Deserialize, Serialize};

/// An epoch's sealed report: stored once at the close and shown as stored ever after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochReport {
    pub epoch: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub closed_at: NaiveDateTime,
    pub figures: Figures,
    /// Balances at the close, per currency.
    pub totals: Vec<CurrencyTotals>,
    /// Organization id → (handle, name) as they were at the close.
    pub organizations: std::collections::BTreeMap<String, (String, String)>,
    pub head_seq: i64,
    pub head_hash: String,
}

/// An epoch as pages list it.
#[derive(Debug, Clone, Serialize)]
pub struct Epoch {
    pub number: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub open: bool,
    pub report: Option<EpochReport>,
}

fn epoch_of(row: store::EpochRow) -> Result<Epoch, AppError> {
    let report = match &row.report {
        Some(text) => Some(
            serde_json::from_str(text)
                .map_err(|e| AppError::internal(format!("report of epoch {}: {e}", row.number)))?,
        ),
        None => None,
    };
    Ok(Epoch {
        number: row.number,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        open: row.state == EpochState::Open,
        report,
    })
}

fn city_timezone(conn: &mut DbConnection) -> Result<chrono_tz::Tz, AppError> {
    Ok(epoch::timezone(
        &instance::get(conn)?.map(|i| i.timezone).unwrap_or_default(),
    ))
}

/// The open epoch's number (`open`, as the head's lock read it), opening the first (or the
/// next) one if none is open.
pub(crate) fn ensure_open(
    conn: &mut DbConnection,
    journal: &mut Journal,
    ctx: &Ctx,
    open_now: Option<i64>,
) -> Result<i64, AppError> {
    if let Some(number) = open_now {
        return Ok(number);
    }
    let last = store::epochs(conn, 1)?.into_iter().next();
    let (number, start) = match last {
        Some(last) => (last.number + 1, last.ends_at),
        None => {
            let tz = city_timezone(conn)?;
            let length = crate::governance::parameters::in_force(conn, ctx)?.epoch_length;
            (1, length.first_start(journal.now(), tz))
        }
    };
    open(conn, journal, ctx, number, start)?;
    Ok(number)
}

/// At the end of the city's setup, in its transaction: the first epoch opens on the city's
/// clock, now that it has one (its first midnight: the first of this month for month-long
/// epochs, today otherwise). If a page read the ledger before setup and so opened it on UTC
/// midnights, and nothing was posted in it yet, its bounds move to the city's midnights.
pub(crate) fn open_first(conn: &mut DbConnection, ctx: &Ctx) -> Result<(), AppError> {
    let journal = Journal::lock(conn, ctx)?;
    let Some(first) = store::epoch(conn, 1)? else {
        return Ok(());
    };
    if first.state != EpochState::Open || journal.seq() > 0 {
        return Ok(());
    }
    let tz = city_timezone(conn)?;
    let length = crate::governance::parameters::in_force(conn, ctx)?.epoch_length;
    let start = length.first_start(journal.now(), tz);
    let end = length.end_of(start, tz);
    if (start, end) != (first.starts_at, first.ends_at) {
        store::rebound_open_epoch(conn, 1, start, end)?;
    }
    Ok(())
}

/// Opens epoch `number` at `start` and grants every approved issuer its budget.
fn open(
    conn: &mut DbConnection,
    journal: &mut Journal,
    ctx: &Ctx,
    number: i64,
    start: NaiveDateTime,
) -> Result<(), AppError> {
    let tz = city_timezone(conn)?;
    // The length in force when the epoch opens: a decided change applies from the next one.
    let length = crate::governance::parameters::in_force(conn, ctx)?.epoch_length;
    store::insert_epoch(
        conn,
        &store::EpochRow {
            number,
            starts_at: start,
            ends_at: length.end_of(start, tz),
            state: EpochState::Open,
            closed_at: None,
            report: None,
        },
    )?;
    journal.set_epoch(number);
    let op = Operation::new(format!("epoch:{number}:open"), "open");
    if journal.begin::<i64>(conn, &op)?.is_some() {
        return Ok(());
    }
    let mut granted = 0;
    for (budget, _, _) in store::budgets(conn)? {
        let org = organizations::by_id(conn, &budget.organization_id)?;
        let eligible = org.is_some_and(|o| o.state == OrganizationState::Approved && o.is_issuer);
        if let (true, Ok(amount)) = (eligible, Amount::new(budget.amount)) {
            journal.post(conn, &op, grant(&budget.organization_id, amount, number))?;
            granted += 1;
        }
    }
    journal.finish(conn, &op, &granted)?;
    tracing::info!(epoch = number, issuers = granted, "opened an epoch");
    Ok(())
}

fn grant(organization_id: &str, amount: Amount, epoch: i64) -> NewEntry {
    NewEntry {
        kind: EntryKind::Budget,
        currency: Currency::City,
        from: AccountId::mint(Currency::City),
        to: AccountId::budget(organization_id),
        amount,
        organization_id: Some(organization_id.to_owned()),
        category: None,
        memo: format!("epoch:{epoch}"),
    }
}

/// Closes the open epoch if its time is up; returns its number. Idempotent: a second call
/// (from another worker, or after a crash) finds the epoch closed and does nothing.
///
/// Epochs begin and end at midnights on the city's clock. The next epoch begins where the
/// closing one ends and ends at a midnight of the zone the city has now: when the
/// administrator changes the time zone, the open epoch keeps its bounds and the following
/// ones follow the new zone ([`epoch::EpochLength::end_of`]).
pub async fn close_due(ctx: &Ctx) -> Result<Option<i64>, AppError> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            // Nothing is due before the first epoch opens (at setup, [`open_first`]): locking
            // the journal would open it, and on a city's first start its zone is not known.
            if store::open_epoch(conn)?.is_none() {
                return Ok(None);
            }
            let mut journal = Journal::lock(conn, &ctx2)?;
            let Some(current) = store::open_epoch(conn)? else {
                return Ok(None);
            };
            if current.ends_at > journal.now() {
                return Ok(None);
            }
            close(conn, &mut journal, &ctx2, current).map(Some)
        })
        .await
}

/// Closes the open epoch now, ahead of its planned end (`citysync ledger close-epoch`): when
/// a program winds down, or to settle at once. The epoch's end moves to this moment and it
/// closes as on time — budgets returned, statements written, report sealed, checkpoint
/// signed — and the next epoch begins now. Returns the closed epoch's number.
pub async fn close_now(ctx: &Ctx) -> Result<i64, AppError> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let mut journal = Journal::lock(conn, &ctx2)?;
            let open = store::open_epoch(conn)?.ok_or(AppError::NotFound)?;
            let now = journal.now();
            if now <= open.starts_at {
                return Err(AppError::Conflict);
            }
            if open.ends_at > now
                && !store::rebound_open_epoch(conn, open.number, open.starts_at, now)?
            {
                return Err(AppError::Conflict);
            }
            let open = store::open_epoch(conn)?.ok_or(AppError::NotFound)?;
            close(conn, &mut journal, &ctx2, open)
        })
        .await
}

/// Closes every epoch whose time is up (after downtime there may be several).
pub async fn close_all_due(ctx: &Ctx) -> Result<Vec<i64>, AppError> {
    let mut closed = Vec::new();
    while let Some(n) = close_due(ctx).await? {
        closed.push(n);
    }
    Ok(closed)
}

fn close(
    conn: &mut DbConnection,
    journal: &mut Journal,
    ctx: &Ctx,
    current: store::EpochRow,
) -> Result<i64, AppError> {
    let n = current.number;
    let op = Operation::new(format!("epoch:{n}:close"), "close");
    if journal.begin::<i64>(conn, &op)?.is_some() {
        return Ok(n);
    }
    // Unused budgets go back to the mint: an issuer's budget is per epoch.
    for account in journal_store::funded_accounts(conn, AccountKind::IssuerBudget.as_str(), "CITY")?
    {
        let amount = Amount::new(account.balance)?;
        journal.post(
            conn,
            &op,
            NewEntry {
                kind: EntryKind::Budget,
                currency: Currency::City,
                from: AccountId::budget(&account.owner),
                to: AccountId::mint(Currency::City),
                amount,
                organization_id: Some(account.owner.clone()),
                category: None,
                memo: format!("epoch:{n}"),
            },
        )?;
    }
    // What follows reads the journal back (expiry, statements, the report).
    journal.flush(conn)?;
    let settings = crate::governance::parameters::in_force(conn, ctx)?;
    if settings.city_expiry_epochs > 0 {
        expire_city(conn, journal, &op, n, settings.city_expiry_epochs)?;
    }
    if settings.vote_decay_percent > 0 {
        decay_vote(conn, journal, &op, n, settings.vote_decay_percent)?;
    }
    // Settlement statements are chain entries of the closing epoch, so the closing
    // checkpoint (and a peer's countersignature of it) covers them.
    super::settlement::write_statements(conn, journal, ctx, &op, &current)?;
    journal.fault("epoch.report")?;
    journal.flush(conn)?;
    let report = report_of(conn, journal, &current)?;
    let text = serde_json::to_string(&report).map_err(AppError::internal)?;
    if !store::seal_epoch(conn, n, &text, journal.now())? {
        return Err(AppError::Conflict);
    }
    checkpoints::write(conn, journal, "epoch_close", Some(n))?;
    journal.finish(conn, &op, &n)?;
    open(conn, journal, ctx, n + 1, current.ends_at)?;
    tracing::info!(epoch = n, "closed an epoch");
    Ok(n)
}

/// CITY older than `epochs` epochs expires. Spending is first-in-first-out, so what a wallet
/// holds beyond what it earned in the last `epochs` epochs is the old credit.
fn expire_city(
    conn: &mut DbConnection,
    journal: &mut Journal,
    op: &Operation,
    n: i64,
    epochs: i64,
) -> Result<(), AppError> {
    for account in journal_store::funded_accounts(conn, AccountKind::Resident.as_str(), "CITY")? {
        let recent = journal_store::received(
            conn,
            &account.id,
            EntryKind::Mint.as_str(),
            n - epochs + 1,
            n,
        )?;
        if let Ok(amount) = Amount::new(account.balance - recent) {
            journal.post(conn, op, expiry(&account.owner, Currency::City, amount, n))?;
        }
    }
    Ok(())
}

/// Each resident's VOTE shrinks by `percent` (rounded down) at the close.
fn decay_vote(
    conn: &mut DbConnection,
    journal: &mut Journal,
    op: &Operation,
    n: i64,
    percent: i64,
) -> Result<(), AppError> {
    for account in journal_store::funded_accounts(conn, AccountKind::Resident.as_str(), "VOTE")? {
        if let Ok(amount) = Amount::new(account.balance * percent.min(100) / 100) {
            journal.post(conn, op, expiry(&account.owner, Currency::Vote, amount, n))?;
        }
    }
    Ok(())
}

fn expiry(user_id: &str, currency: Currency, amount: Amount, epoch: i64) -> NewEntry {
    NewEntry {
        kind: EntryKind::Expire,
        currency,
        from: AccountId::resident(user_id, currency),
        to: AccountId::mint(currency),
        amount,
        organization_id: None,
        category: None,
        memo: format!("epoch:{epoch}"),
    }
}

fn report_of(
    conn: &mut DbConnection,
    journal: &Journal,
    epoch: &store::EpochRow,
) -> Result<EpochReport, AppError> {
    let figures = super::journal::figures_of_epoch(conn, epoch.number)?;
    let mut names = std::collections::BTreeMap::new();
    for id in figures.by_organization.keys() {
        if let Some(org) = organizations::by_id(conn, id)? {
            names.insert(id.clone(), (org.handle, org.name));
        }
    }
    Ok(EpochReport {
        epoch: epoch.number,
        starts_at: epoch.starts_at,
        ends_at: epoch.ends_at,
        closed_at: journal.now(),
        figures,
        totals: checkpoints::totals(conn)?,
        organizations: names,
        head_seq: journal.seq(),
        head_hash: journal.head_hash().to_owned(),
    })
}

/// Epochs, newest first, with their sealed reports.
pub async fn list(ctx: &Ctx, limit: i64) -> Result<Vec<Epoch>, AppError> {
    let rows = ctx.run(move |conn| Ok(store::epochs(conn, limit)?)).await?;
    rows.into_iter().map(epoch_of).collect()
}

/// One epoch, with its report if sealed.
pub async fn get(ctx: &Ctx, number: i64) -> Result<Epoch, AppError> {
    let row = ctx.run(move |conn| Ok(store::epoch(conn, number)?)).await?;
    epoch_of(row.ok_or(AppError::NotFound)?)
}

/// The open epoch (opening the first one on a new city). A plain read when one is open, so
/// pages never wait for the ledger's lock.
pub async fn current(ctx: &Ctx) -> Result<Epoch, AppError> {
    if let Some(open) = ctx.run(|conn| Ok(store::open_epoch(conn)?)).await? {
        return epoch_of(open);
    }
    let ctx2 = ctx.clone();
    let number = ctx
        .db
        .write(move |conn| Ok::<_, AppError>(Journal::lock(conn, &ctx2)?.epoch()))
        .await?;
    get(ctx, number).await
}

/// One issuer's line of the budget table.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetLine {
    pub organization_id: String,
    pub handle: String,
    pub name: String,
    /// Granted at every epoch start.
    pub amount: i64,
    /// Granted in the open epoch so far.
    pub granted: i64,
    /// Still available to award in the open epoch.
    pub remaining: i64,
}

/// The budget table: every approved issuer, with its standing budget and this epoch's state.
pub async fn budgets(ctx: &Ctx, admin: &User) -> Result<Vec<BudgetLine>, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let n = current(ctx).await?.number;
    ctx.run(move |conn| {
        let mut lines = Vec::new();
        for org in organizations::in_state(conn, OrganizationState::Approved, 100_000, 0)? {
            if !org.is_issuer {
                continue;
            }
            let account = AccountId::budget(&org.id).to_string();
            lines.push(BudgetLine {
                amount: store::budget(conn, &org.id)?.map_or(0, |b| b.amount),
                granted: journal_store::received(conn, &account, "budget", n, n)?,
                remaining: journal_store::account(conn, &account)?.map_or(0, |a| a.balance),
                organization_id: org.id,
                handle: org.handle,
                name: org.name,
            });
        }
        lines.sort_by(|a, b| a.handle.cmp(&b.handle));
        Ok(lines)
    })
    .await
}

/// The administrator sets an issuer's budget per epoch. Raising it also grants the
/// difference in the open epoch at once; lowering it takes effect at the next epoch.
pub async fn set_budget(
    ctx: &Ctx,
    admin: &User,
    organization_id: &str,
    amount: &str,
    idempotency_key: &str,
) -> Result<(), AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let amount = match amount.trim() {
        "" | "0" | "0.00" => 0,
        text => Currency::City.parse_amount(text)?.minor(),
    };
    let org_id = organization_id.to_owned();
    let admin_id = admin.id.to_string();
    let op = Operation::from_client(
        &admin_id,
        idempotency_key,
        &format!("budget|{org_id}|{amount}"),
    )?;
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let mut journal = Journal::lock(conn, &ctx2)?;
            if journal.begin::<i64>(conn, &op)?.is_some() {
                return Ok(());
            }
            let org = organizations::by_id(conn, &org_id)?.ok_or(AppError::NotFound)?;
            if org.state != OrganizationState::Approved {
                return Err(AppError::OrganizationNotApproved);
            }
            if !org.is_issuer {
                return Err(AppError::NotAnIssuer);
            }
            store::set_budget(
                conn,
                &store::BudgetRow {
                    organization_id: org_id.clone(),
                    amount,
                    updated_at: journal.now(),
                    updated_by: admin_id.clone(),
                },
            )?;
            let n = journal.epoch();
            let granted = journal_store::received(
                conn,
                &AccountId::budget(&org_id).to_string(),
                "budget",
                n,
                n,
            )?;
            if let Ok(top_up) = Amount::new(amount - granted) {
                journal.post(conn, &op, grant(&org_id, top_up, n))?;
            }
            crate::trail::record(
                conn,
                crate::trail::Subject::Organization,
                &org_id,
                "budget_set",
                Some(&admin_id),
                &Currency::City.format(amount),
                journal.now(),
            )?;
            crate::privileged_log::record(
                conn,
                &crate::privileged_log::Entry::admin(
                    &admin_id,
                    crate::privileged_log::PrivilegedAction::BudgetChanged,
                    crate::privileged_log::Subject::Organization,
                    &org_id,
                    journal.now(),
                )
                .detail(serde_json::json!({ "handle": org.handle, "amount": amount })),
            )?;
            journal.finish(conn, &op, &amount)
        })
        .await
}
