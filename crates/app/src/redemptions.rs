//! Reservation at the counter: a resident reserves an offering (its price held in escrow),
//! shows a QR code or a short code, and a cashier of the redeemer confirms it (the escrow
//! is burned) — exactly once. Cancelled or expired reservations give the CITY back.

use crate::ledger::checkpoints::signing_key;
use crate::ledger::{checkpoints, writer, Journal, Operation};
use crate::organizations::require;
use crate::{secrets, AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::ledger::{AccountId, Amount, Currency, EntryKind, NewEntry};
use citysync_domain::organization::Capability;
use citysync_domain::organization::OrganizationState;
use citysync_domain::redemption::{RedemptionState, RedemptionToken, ShortCode};
use citysync_domain::{OfferingId, RedemptionId};
use citysync_storage::offerings::{self as store, RedemptionRow};
use citysync_storage::{organizations, DbConnection};
use rand::RngCore;
use serde::Serialize;
use uuid::Uuid;

/// A reservation as its holder (or a cashier) sees it: open (the QR code to show), or
/// settled — honored at the counter, cancelled or expired.
#[derive(Debug, Clone, Serialize)]
pub struct Reservation {
    pub id: RedemptionId,
    pub offering_id: OfferingId,
    pub offering_title: String,
    pub organization_id: String,
    pub organization_name: String,
    pub amount: i64,
    pub amount_text: String,
    pub state: RedemptionState,
    /// As shown and typed: `ABCD-1234`.
    pub code: String,
    pub reserved_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub settled_at: Option<NaiveDateTime>,
    /// The signed QR token, for the holder of a reservation still open.
    pub token: Option<String>,
}

fn view(
    row: RedemptionRow,
    offering_title: String,
    organization_name: String,
    token: Option<String>,
) -> Result<Reservation, AppError> {
    Ok(Reservation {
        state: row.state,
        code: ShortCode::parse(&row.code)
            .map(|c| c.display())
            .unwrap_or(row.code.clone()),
        amount_text: Currency::City.format(row.amount),
        id: row.id,
        offering_id: row.offering_id,
        offering_title,
        organization_id: row.organization_id,
        organization_name,
        amount: row.amount,
        reserved_at: row.reserved_at,
        expires_at: row.expires_at,
        settled_at: row.settled_at,
        token,
    })
}

fn uuid_of(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::internal(format!("{id} is not a uuid")))
}

/// The token a reservation's QR code carries.
pub(crate) fn token_of(
    row: &RedemptionRow,
    key: &citysync_domain::ledger::CheckpointKey,
) -> Result<String, AppError> {
    Ok(RedemptionToken {
        redemption_id: row.id.0,
        offering_id: row.offering_id.0,
        redeemer_id: uuid_of(&row.organization_id)?,
        amount: row.amount,
        expires_at: row.expires_at.and_utc().timestamp(),
    }
    .sign(key))
}

/// A resident reserves one unit of an offering: the price moves from the wallet to escrow.
/// `idempotency_key` makes a repeated request (a double tap, a retry) return the first
/// reservation instead of making a second. Returns the redemption's id.
pub async fn reserve(
    ctx: &Ctx,
    resident: &User,
    offering_id: &OfferingId,
    idempotency_key: &str,
) -> Result<RedemptionId, AppError> {
    resident.require_verified()?;
    let resident_id = resident.id.to_string();
    let offering_id = *offering_id;
    let op = Operation::from_client(
        &resident_id,
        idempotency_key,
        &format!("reserve|{offering_id}"),
    )?;
    let ctx2 = ctx.clone();
    writer::post(ctx, move |conn, journal| {
        // The validity in force now: a decision may have changed it.
        let minutes = crate::governance::parameters::in_force(conn, &ctx2)?.reservation_minutes;
        if let Some(id) = journal.begin::<RedemptionId>(conn, &op)? {
            return Ok(id);
        }
        let offering = store::offering(conn, &offering_id)?.ok_or(AppError::NotFound)?;
        let org =
            organizations::by_id(conn, &offering.organization_id)?.ok_or(AppError::NotFound)?;
        if !offering.active || org.state != OrganizationState::Approved || !org.is_redeemer {
            return Err(AppError::OfferingUnavailable);
        }
        let epoch = journal.epoch();
        let committed = i64::from(store::commitment(conn, &offering.id, epoch)?);
        if store::units_taken(conn, &offering.id, epoch)? >= committed {
            return Err(AppError::OfferingUnavailable);
        }
        let now = journal.now();
        let row = RedemptionRow {
            id: RedemptionId::from_random_bytes(secrets::random_id_bytes()),
            offering_id: offering.id,
            organization_id: org.id.clone(),
            resident_id: resident_id.clone(),
            amount: offering.price,
            epoch,
            state: RedemptionState::Reserved,
            code: fresh_code(conn)?,
            reserved_at: now,
            expires_at: now + chrono::Duration::minutes(minutes),
            settled_at: None,
            settled_by: None,
        };
        store::insert_redemption(conn, &row)?;
        journal.fault("redemption.reserved")?;
        journal.post(
            conn,
            &op,
            NewEntry {
                kind: EntryKind::Reserve,
                currency: Currency::City,
                from: AccountId::resident(&resident_id, Currency::City),
                to: AccountId::escrow(),
                amount: Amount::new(offering.price)?,
                organization_id: Some(org.id.clone()),
                category: None,
                memo: format!("redemption:{}", row.id),
            },
        )?;
        journal.finish(conn, &op, &row.id)?;
        Ok(row.id)
    })
    .await
}

/// A short code no open reservation uses.
fn fresh_code(conn: &mut DbConnection) -> Result<String, AppError> {
    for _ in 0..8 {
        let code = ShortCode::from_random(rand::rngs::OsRng.next_u64());
        let taken = store::redemption_by_code(conn, code.as_str())?
            .is_some_and(|r| r.state == RedemptionState::Reserved);
        if !taken {
            return Ok(code.as_str().to_owned());
        }
    }
    Err(AppError::internal("no free short code after 8 tries"))
}

/// Settles a reserved redemption inside the caller's journal transaction: `Honored` burns
/// the escrow, `Cancelled` and `Expired` give it back. One settlement per redemption, ever.
fn settle(
    conn: &mut DbConnection,
    journal: &mut Journal,
    row: &RedemptionRow,
    to: RedemptionState,
    by: Option<&str>,
) -> Result<(), AppError> {
    let state = row.state;
    if state != RedemptionState::Reserved {
        return Err(refusal(state));
    }
    state.settle(to)?;
    // The compare-and-set decides a race (the row may have been read before the lock).
    if !store::settle_redemption(conn, &row.id, to, by, journal.now())? {
        let now = store::redemption(conn, &row.id)?.ok_or(AppError::NotFound)?;
        return Err(refusal(now.state));
    }
    let op = Operation::new(
        format!("redemption:{}:settle", row.id),
        &format!("{}|{}", to.as_str(), by.unwrap_or("")),
    );
    if journal.begin::<String>(conn, &op)?.is_some() {
        return Err(AppError::Conflict);
    }
    journal.fault("redemption.settled")?;
    let (kind, target) = match to {
        RedemptionState::Honored => (EntryKind::Burn, AccountId::burn()),
        _ => (
            EntryKind::Release,
            AccountId::resident(&row.resident_id, Currency::City),
        ),
    };
    journal.post(
        conn,
        &op,
        NewEntry {
            kind,
            currency: Currency::City,
            from: AccountId::escrow(),
            to: target,
            amount: Amount::new(row.amount)?,
            organization_id: Some(row.organization_id.clone()),
            category: None,
            memo: format!("redemption:{}", row.id),
        },
    )?;
    journal.finish(conn, &op, &to.as_str())
}

/// Why a settled redemption cannot be used again.
fn refusal(state: RedemptionState) -> AppError {
    match state {
        RedemptionState::Honored => AppError::RedemptionUsed,
        RedemptionState::Cancelled => AppError::RedemptionCancelled,
        RedemptionState::Expired | RedemptionState::Reserved => AppError::RedemptionExpired,
    }
}

/// The holder cancels a reservation not yet honored; the CITY returns to the wallet.
pub async fn cancel(
    ctx: &Ctx,
    resident: &User,
    redemption_id: &RedemptionId,
) -> Result<(), AppError> {
    let id = *redemption_id;
    let resident_id = resident.id.to_string();
    writer::post(ctx, move |conn, journal| {
        let row = store::redemption(conn, &id)?
            .filter(|r| r.resident_id == resident_id)
            .ok_or(AppError::NotFound)?;
        settle(
            conn,
            journal,
            &row,
            RedemptionState::Cancelled,
            Some(&resident_id),
        )
    })
    .await
}

/// Releases every reservation whose time ran out; returns how many.
pub async fn expire_due(ctx: &Ctx) -> Result<usize, AppError> {
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let mut journal = Journal::lock(conn, &ctx2)?;
            let due = store::due_redemptions(conn, journal.now(), 500)?;
            for row in &due {
                settle(conn, &mut journal, row, RedemptionState::Expired, None)?;
            }
            Ok(due.len())
        })
        .await
}

/// A resident's redemptions, newest first; open reservations carry their QR token.
pub async fn of_resident(ctx: &Ctx, resident: &User) -> Result<Vec<Reservation>, AppError> {
    let key = signing_key(ctx).await?;
    let rid = resident.id.to_string();
    let rows = ctx
        .run(move |conn| Ok(store::redemptions_of(conn, &rid, 100)?))
        .await?;
    let now = ctx.now();
    rows.into_iter()
        .map(|(row, title, org)| {
            let token = (row.state == RedemptionState::Reserved && row.expires_at > now)
                .then(|| token_of(&row, &key))
                .transpose()?;
            view(row, title, org, token)
        })
        .collect()
}

/// One of the resident's own redemptions (another's is "not found"), with its QR token
/// while it is open.
pub async fn of_holder(
    ctx: &Ctx,
    resident: &User,
    redemption_id: &RedemptionId,
) -> Result<Reservation, AppError> {
    let key = signing_key(ctx).await?;
    let id = *redemption_id;
    let rid = resident.id.to_string();
    let now = ctx.now();
    ctx.run(move |conn| {
        let row = store::redemption(conn, &id)?
            .filter(|r| r.resident_id == rid)
            .ok_or(AppError::NotFound)?;
        let (title, org) = names(conn, &row)?;
        let token = (row.state == RedemptionState::Reserved && row.expires_at > now)
            .then(|| token_of(&row, &key))
            .transpose()?;
        view(row, title, org, token)
    })
    .await
}

/// The offering's title and the redeemer's name, as a redemption is shown.
fn names(conn: &mut DbConnection, row: &RedemptionRow) -> Result<(String, String), AppError> {
    let title = store::offering(conn, &row.offering_id)?
        .map(|o| o.title)
        .unwrap_or_default();
    let org = organizations::by_id(conn, &row.organization_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok((title, org))
}

/// What a cashier presents: a typed short code or a scanned QR token.
#[derive(Debug, Clone)]
pub enum Presented {
    Code(String),
    Token(String),
}

/// The reservation a cashier is about to confirm, after every check that can be made
/// without changing anything: the role, the token's signature and time, the redeemer,
/// the state.
pub async fn look_up(
    ctx: &Ctx,
    cashier: &User,
    org_id: &str,
    presented: Presented,
) -> Result<Reservation, AppError> {
    cashier.require_verified()?;
    let public_key = checkpoints::public_key(ctx).await?;
    let now = ctx.now();
    let org_id = org_id.to_owned();
    let cashier = cashier.clone();
    ctx.run(move |conn| {
        require(conn, &org_id, &cashier, Capability::Honor)?;
        let row = match presented {
            Presented::Token(text) => {
                let token = RedemptionToken::verify(&text, &public_key, now.and_utc().timestamp())?;
                let row = store::redemption(conn, &RedemptionId(token.redemption_id))?
                    .ok_or(citysync_domain::DomainError::TokenInvalid)?;
                if row.amount != token.amount || row.offering_id.0 != token.offering_id {
                    return Err(citysync_domain::DomainError::TokenInvalid.into());
                }
                row
            }
            Presented::Code(text) => {
                let code = ShortCode::parse(&text)?;
                store::redemption_by_code(conn, code.as_str())?.ok_or(AppError::CodeUnknown)?
            }
        };
        check_at_counter(&row, &org_id, now)?;
        let (title, org) = names(conn, &row)?;
        view(row, title, org, None)
    })
    .await
}

fn check_at_counter(row: &RedemptionRow, org_id: &str, now: NaiveDateTime) -> Result<(), AppError> {
    if row.organization_id != org_id {
        return Err(AppError::WrongRedeemer);
    }
    let state = row.state;
    if state != RedemptionState::Reserved {
        return Err(refusal(state));
    }
    if row.expires_at <= now {
        return Err(AppError::RedemptionExpired);
    }
    Ok(())
}

/// The cashier confirms: the escrowed CITY is burned, exactly once. A second confirmation,
/// by anyone, is refused.
pub async fn honor(
    ctx: &Ctx,
    cashier: &User,
    org_id: &str,
    redemption_id: &RedemptionId,
) -> Result<Reservation, AppError> {
    cashier.require_verified()?;
    let id = *redemption_id;
    let cashier_id = cashier.id.to_string();
    let now = ctx.now();
    // Every check that changes nothing, and the names, first and outside the ledger's
    // group: only the compare-and-set and the burn run under the head's lock.
    let (row, title, org) = {
        let (org_id, cashier) = (org_id.to_owned(), cashier.clone());
        ctx.run(move |conn| {
            require(conn, &org_id, &cashier, Capability::Honor)?;
            let row = store::redemption(conn, &id)?.ok_or(AppError::NotFound)?;
            check_at_counter(&row, &org_id, now)?;
            let (title, org) = names(conn, &row)?;
            Ok::<_, AppError>((row, title, org))
        })
        .await?
    };
    let org_id = org_id.to_owned();
    writer::post(ctx, move |conn, journal| {
        settle(
            conn,
            journal,
            &row,
            RedemptionState::Honored,
            Some(&cashier_id),
        )?;
        crate::privileged_log::record_in_journal(
            conn,
            journal,
            &crate::privileged_log::Entry::new(
                Some(&cashier_id),
                crate::privileged_log::Capacity::Cashier,
                crate::privileged_log::PrivilegedAction::RedemptionHonored,
                crate::privileged_log::Subject::Redemption,
                &row.id.to_string(),
                journal.now(),
            )
            .detail(serde_json::json!({ "organization_id": org_id })),
        )?;
        let mut row = row;
        row.state = RedemptionState::Honored;
        row.settled_at = Some(journal.now());
        view(row, title, org, None)
    })
    .await
}

/// The counter's recent confirmations.
pub async fn honored_at(
    ctx: &Ctx,
    cashier: &User,
    org_id: &str,
) -> Result<Vec<Reservation>, AppError> {
    let org_id = org_id.to_owned();
    let cashier = cashier.clone();
    ctx.run(move |conn| {
        require(conn, &org_id, &cashier, Capability::Honor)?;
        let org = organizations::by_id(conn, &org_id)?
            .map(|o| o.name)
            .unwrap_or_default();
        store::honored_at(conn, &org_id, 20)?
            .into_iter()
            .map(|(row, title)| view(row, title, org.clone(), None))
            .collect()
    })
    .await
}
