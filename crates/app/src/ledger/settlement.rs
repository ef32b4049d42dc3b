//! Settlement (docs/admin-guide.md, "Settlement for finance offices"): the city's
//! reimbursement terms and per-redeemer caps, the statements written at each epoch close
//! (hashed into the ledger's chain and signed with the city's ledger key), the finance
//! office marking them paid, and the checks `citysync ledger verify` runs on them.

use super::checkpoints;
use super::journal::{Journal, Operation};
use crate::privileged_log::{self as plog, Entry, PrivilegedAction as Action, Subject as Log};
use crate::trail::{self, Subject};
use crate::{AppError, Ctx, User};
use chrono::{Datelike, NaiveDateTime, TimeZone};
use citysync_domain::ledger::{verify_signature, AccountId, Amount, Currency, EntryKind, NewEntry};
use citysync_domain::organization::OrganizationState;
use citysync_domain::settlement::{self as rules, Heading, Honored, Statement, Terms};
use citysync_storage::epochs::EpochRow;
use citysync_storage::settlement as store;
use citysync_storage::{instance, organizations, DbConnection};
use serde::Serialize;
use std::collections::BTreeMap;

/// The city's terms as the settings page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct TermsView {
    pub currency: String,
    pub rate: i64,
    pub rate_text: String,
    pub funding_source: String,
    pub updated_at: NaiveDateTime,
}

fn terms_of(row: store::TermsRow) -> TermsView {
    TermsView {
        rate_text: rules::format_money(row.rate),
        currency: row.currency,
        rate: row.rate,
        funding_source: row.funding_source,
        updated_at: row.updated_at,
    }
}

/// The city's reimbursement terms, if the administrator has set them.
pub async fn terms(ctx: &Ctx) -> Result<Option<TermsView>, AppError> {
    Ok(ctx.run(|conn| Ok(store::terms(conn)?)).await?.map(terms_of))
}

/// The administrator sets the rate (local currency per CITY), its currency and the fund
/// that pays. Applies to statements written from the next epoch close. Audited.
pub async fn set_terms(
    ctx: &Ctx,
    admin: &User,
    currency: &str,
    rate: &str,
    funding_source: &str,
) -> Result<(), AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let terms = Terms::new(currency, rate, funding_source)?;
    let admin_id = admin.id.to_string();
    let now = ctx.now();
    let text = |t: &Terms| {
        format!(
            "{} {} / CITY; {}",
            rules::format_money(t.rate),
            t.currency,
            t.funding_source
        )
    };
    ctx.db
        .write(move |conn| {
            let before = store::terms(conn)?.map(|r| {
                text(&Terms {
                    currency: r.currency,
                    rate: r.rate,
                    funding_source: r.funding_source,
                })
            });
            store::set_terms(
                conn,
                &store::TermsRow {
                    id: 1,
                    currency: terms.currency.clone(),
                    rate: terms.rate,
                    funding_source: terms.funding_source.clone(),
                    updated_at: now,
                    updated_by: admin_id.clone(),
                },
            )?;
            trail::record(
                conn,
                Subject::City,
                "city",
                "settlement_terms",
                Some(&admin_id),
                // The shape of the city's settings history: what it was and what it is.
                &serde_json::json!({ "from": before.clone().unwrap_or_default(), "to": text(&terms) })
                    .to_string(),
                now,
            )?;
            plog::record(
                conn,
                &Entry::admin(&admin_id, Action::SettlementTermsChanged, Log::City, "city", now)
                    .detail(serde_json::json!({ "from": before, "to": text(&terms) })),
            )?;
            Ok(())
        })
        .await
}

/// One redeemer's cap line on the settings page.
#[derive(Debug, Clone, Serialize)]
pub struct CapLine {
    pub organization_id: String,
    pub handle: String,
    pub name: String,
    pub cap: Option<i64>,
    pub cap_text: String,
}

/// Every approved redeemer with its reimbursement cap per epoch, if any.
pub async fn caps(ctx: &Ctx, admin: &User) -> Result<Vec<CapLine>, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let lines = ctx
        .run(|conn| {
            let caps: BTreeMap<String, i64> = store::caps(conn)?
                .into_iter()
                .map(|c| (c.organization_id, c.cap))
                .collect();
            let mut lines = Vec::new();
            for org in organizations::in_state(conn, OrganizationState::Approved, 100_000, 0)? {
                if !org.is_redeemer {
                    continue;
                }
                let cap = caps.get(&org.id).copied();
                lines.push(CapLine {
                    cap_text: cap.map(rules::format_money).unwrap_or_default(),
                    cap,
                    organization_id: org.id,
                    handle: org.handle,
                    name: org.name,
                });
            }
            lines.sort_by(|a, b| a.handle.cmp(&b.handle));
            Ok(lines)
        })
        .await?;
    Ok(lines)
}

/// The administrator sets (or, with an empty amount, removes) a redeemer's reimbursement cap
/// per epoch, in the city's currency. Audited on the organization's trail.
pub async fn set_cap(
    ctx: &Ctx,
    admin: &User,
    organization_id: &str,
    cap: &str,
) -> Result<(), AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let cap = match cap.trim() {
        "" => None,
        typed => Some(rules::money(typed)?),
    };
    let org_id = organization_id.to_owned();
    let admin_id = admin.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let org = organizations::by_id(conn, &org_id)?.ok_or(AppError::NotFound)?;
            if !org.is_redeemer {
                return Err(AppError::NotARedeemer);
            }
            let row = cap.map(|cap| store::CapRow {
                organization_id: org_id.clone(),
                cap,
                updated_at: now,
                updated_by: admin_id.clone(),
            });
            store::set_cap(conn, &org_id, row.as_ref())?;
            trail::record(
                conn,
                Subject::Organization,
                &org_id,
                "settlement_cap_set",
                Some(&admin_id),
                &cap.map(rules::format_money).unwrap_or_default(),
                now,
            )?;
            plog::record(
                conn,
                &Entry::admin(
                    &admin_id,
                    Action::SettlementTermsChanged,
                    Log::Organization,
                    &org_id,
                    now,
                )
                .detail(serde_json::json!({ "handle": org.handle, "cap": cap })),
            )?;
            Ok(())
        })
        .await
}

/// At an epoch's close, inside its transaction and before the closing checkpoint: one
/// statement per redeemer that honored redemptions in the epoch, each hashed into the chain
/// (a `statement` entry) and signed with the city's ledger key. Nothing is written when the
/// city has set no terms. Returns the statement numbers.
pub(crate) fn write_statements(
    conn: &mut DbConnection,
    journal: &mut Journal,
    ctx: &Ctx,
    op: &Operation,
    epoch: &EpochRow,
) -> Result<Vec<String>, AppError> {
    let Some(terms) = store::terms(conn)? else {
        return Ok(Vec::new());
    };
    let terms = Terms {
        currency: terms.currency,
        rate: terms.rate,
        funding_source: terms.funding_source,
    };
    let by_redeemer = honored_of_epoch(conn, epoch.number)?;
    if by_redeemer.is_empty() {
        return Ok(Vec::new());
    }
    let zone = citysync_domain::epoch::timezone(
        &instance::get(conn)?.map(|i| i.timezone).unwrap_or_default(),
    );
    let year = zone.from_utc_datetime(&journal.now()).year();
    let mut serial = store::last_serial(conn, year)?;
    let key = checkpoints::key(conn, journal.now())?;
    let mut numbers = Vec::new();
    for (org_id, honored) in by_redeemer {
        let org = organizations::by_id(conn, &org_id)?
            .ok_or_else(|| AppError::internal(format!("redeemer {org_id} is missing")))?;
        serial += 1;
        let number = rules::statement_number(year, serial);
        let statement = Statement::build(
            Heading {
                number: number.clone(),
                city: ctx.settings.public_url.to_string(),
                epoch: epoch.number,
                period_start: epoch.starts_at,
                period_end: epoch.ends_at,
                issued_at: journal.now(),
                redeemer_id: org.id.clone(),
                redeemer_handle: org.handle.clone(),
                redeemer_name: org.name.clone(),
            },
            &terms,
            store::cap(conn, &org.id)?,
            honored,
        );
        let hash = statement.content_hash();
        let entry = journal.post(
            conn,
            op,
            NewEntry {
                kind: EntryKind::Statement,
                currency: Currency::City,
                from: AccountId::burn(),
                to: AccountId::burn(),
                amount: Amount::new(statement.city_burned)?,
                organization_id: Some(org.id.clone()),
                category: None,
                memo: rules::entry_memo(&number, &hash),
            },
        )?;
        let content = serde_json::to_string(&statement)
            .map_err(|e| AppError::internal(format!("statement {number}: {e}")))?;
        store::insert_statement(
            conn,
            &store::StatementRow {
                number: number.clone(),
                year,
                serial,
                epoch: epoch.number,
                organization_id: org.id.clone(),
                content,
                signature: key.sign_hex(rules::signed_message(&number, &hash).as_bytes()),
                public_key: key.public_hex(),
                content_hash: hash,
                entry_seq: entry.seq,
                currency: statement.currency.clone(),
                city_burned: statement.city_burned,
                amount_owed: statement.amount_owed,
                issued_at: journal.now(),
                paid_at: None,
                payment_reference: None,
                paid_by: None,
            },
        )?;
        numbers.push(number);
    }
    tracing::info!(
        epoch = epoch.number,
        statements = numbers.len(),
        "wrote settlement statements"
    );
    Ok(numbers)
}

/// Per redeemer, per offering: the units honored and CITY burned in `epoch`, from the chain.
fn honored_of_epoch(
    conn: &mut DbConnection,
    epoch: i64,
) -> Result<BTreeMap<String, Vec<Honored>>, AppError> {
    let mut by: BTreeMap<String, BTreeMap<String, Honored>> = BTreeMap::new();
    for burn in store::burns_of_epoch(conn, epoch)? {
        let offering_id = burn.offering_id.unwrap_or_default();
        let line = by
            .entry(burn.organization_id)
            .or_default()
            .entry(offering_id.clone())
            .or_insert_with(|| Honored {
                offering_id,
                title: burn.title.unwrap_or_default(),
                units: 0,
                city_burned: 0,
            });
        line.units += 1;
        line.city_burned += burn.amount;
    }
    Ok(by
        .into_iter()
        .map(|(org, lines)| (org, lines.into_values().collect()))
        .collect())
}

/// A statement as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    pub number: String,
    pub epoch: i64,
    pub organization_id: String,
    pub statement: Statement,
    pub content_hash: String,
    pub signature: String,
    pub public_key: String,
    pub entry_seq: i64,
    pub issued_at: NaiveDateTime,
    pub paid_at: Option<NaiveDateTime>,
    pub payment_reference: Option<String>,
    pub rate_text: String,
    pub city_burned_text: String,
    pub owed_before_cap_text: String,
    pub cap_text: Option<String>,
    pub amount_owed_text: String,
    pub lines: Vec<LineView>,
}

/// A statement line with its amounts as people read them.
#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    pub title: String,
    pub units: i64,
    pub city_burned_text: String,
    pub amount_owed_text: String,
}

fn view_of(row: store::StatementRow) -> Result<StatementView, AppError> {
    let statement: Statement = serde_json::from_str(&row.content)
        .map_err(|e| AppError::internal(format!("statement {}: {e}", row.number)))?;
    let city = |minor: i64| Currency::City.format(minor);
    Ok(StatementView {
        rate_text: rules::format_money(statement.rate),
        city_burned_text: city(statement.city_burned),
        owed_before_cap_text: rules::format_money(statement.owed_before_cap),
        cap_text: statement.cap.map(rules::format_money),
        amount_owed_text: rules::format_money(statement.amount_owed),
        lines: statement
            .lines
            .iter()
            .map(|l| LineView {
                title: l.title.clone(),
                units: l.units,
                city_burned_text: city(l.city_burned),
                amount_owed_text: rules::format_money(l.amount_owed),
            })
            .collect(),
        statement,
        number: row.number,
        epoch: row.epoch,
        organization_id: row.organization_id,
        content_hash: row.content_hash,
        signature: row.signature,
        public_key: row.public_key,
        entry_seq: row.entry_seq,
        issued_at: row.issued_at,
        paid_at: row.paid_at,
        payment_reference: row.payment_reference,
    })
}

/// Whether `user` may read `org_id`'s statements: its members and the administrators.
fn may_read(conn: &mut DbConnection, org_id: &str, user: &User) -> Result<bool, AppError> {
    Ok(user.is_admin
        || crate::organizations::role_of(conn, org_id, &user.id.to_string())?.is_some())
}

/// A redeemer's statements, newest first: for its members and the administrators.
pub async fn of_organization(
    ctx: &Ctx,
    user: &User,
    org_id: &str,
) -> Result<Vec<StatementView>, AppError> {
    let org_id = org_id.to_owned();
    let user = user.clone();
    let rows = ctx
        .run(move |conn| {
            if !may_read(conn, &org_id, &user)? {
                return Err(AppError::Forbidden);
            }
            Ok(store::statements_of(conn, &org_id)?)
        })
        .await?;
    rows.into_iter().map(view_of).collect()
}

/// One statement of `org_id`, for its members and the administrators.
pub async fn get(
    ctx: &Ctx,
    user: &User,
    org_id: &str,
    number: &str,
) -> Result<StatementView, AppError> {
    let org_id = org_id.to_owned();
    let number = number.to_owned();
    let user = user.clone();
    let row = ctx
        .run(move |conn| {
            if !may_read(conn, &org_id, &user)? {
                return Err(AppError::Forbidden);
            }
            store::statement(conn, &number)?
                .filter(|s| s.organization_id == org_id)
                .ok_or(AppError::NotFound)
        })
        .await?;
    view_of(row)
}

/// A line of the finance office's list.
#[derive(Debug, Clone, Serialize)]
pub struct OfficeLine {
    pub handle: String,
    pub name: String,
    #[serde(flatten)]
    pub view: StatementView,
}

/// Every statement, newest first, with its redeemer: the finance office (administrators).
pub async fn office(ctx: &Ctx, admin: &User) -> Result<Vec<OfficeLine>, AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let rows = ctx
        .run(|conn| {
            let mut out = Vec::new();
            for row in store::all_statements(conn)?.into_iter().rev() {
                let org = organizations::by_id(conn, &row.organization_id)?;
                out.push((org.map(|o| (o.handle, o.name)), row));
            }
            Ok(out)
        })
        .await?;
    rows.into_iter()
        .map(|(org, row)| {
            let (handle, name) = org.unwrap_or_default();
            Ok(OfficeLine {
                handle,
                name,
                view: view_of(row)?,
            })
        })
        .collect()
}

/// The finance office marks a statement paid with the payment's reference. Once: a paid
/// statement stays paid. Audited on the redeemer's trail.
pub async fn mark_paid(
    ctx: &Ctx,
    admin: &User,
    number: &str,
    reference: &str,
) -> Result<(), AppError> {
    if !admin.is_admin {
        return Err(AppError::Forbidden);
    }
    let reference = rules::payment_reference(reference)?;
    let number = number.to_owned();
    let admin_id = admin.id.to_string();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let row = store::statement(conn, &number)?.ok_or(AppError::NotFound)?;
            if !store::mark_paid(conn, &number, &reference, &admin_id, now)? {
                return Err(citysync_domain::DomainError::TransitionRefused {
                    from: "paid",
                    event: "pay",
                }
                .into());
            }
            trail::record(
                conn,
                Subject::Organization,
                &row.organization_id,
                "settlement_paid",
                Some(&admin_id),
                &format!(
                    "{number}: {} {}; {reference}",
                    rules::format_money(row.amount_owed),
                    row.currency
                ),
                now,
            )?;
            plog::record(
                conn,
                &Entry::admin(&admin_id, Action::SettlementMarkedPaid, Log::Settlement, &number, now)
                    .detail(serde_json::json!({ "organization_id": row.organization_id, "reference": reference })),
            )?;
            Ok(())
        })
        .await
}

/// A statement as CSV (one row per offering, then the total), for the redeemer's books.
pub fn csv(view: &StatementView) -> String {
    let field = |s: &str| {
        let s: String = s.chars().filter(|c| !c.is_control()).collect();
        // A leading sign would be read as a formula by spreadsheets (CWE-1236).
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s
        };
        format!("\"{}\"", s.replace('"', "\"\""))
    };
    let s = &view.statement;
    let mut out = String::from(
        "statement,epoch,redeemer,offering,units,city_burned,rate,currency,amount_owed\r\n",
    );
    let row = |offering: &str, units: i64, burned: &str, owed: &str| {
        format!(
            "{},{},{},{},{},{},{},{},{}\r\n",
            field(&s.number),
            s.epoch,
            field(&s.redeemer_handle),
            field(offering),
            units,
            burned,
            rules::format_money(s.rate),
            field(&s.currency),
            owed
        )
    };
    for l in &view.lines {
        out.push_str(&row(
            &l.title,
            l.units,
            &l.city_burned_text,
            &l.amount_owed_text,
        ));
    }
    out.push_str(&row(
        "TOTAL",
        s.units,
        &view.city_burned_text,
        &view.amount_owed_text,
    ));
    out
}

/// One redeemer's line on /transparency: what the city owes it and what it has paid.
#[derive(Debug, Clone, Serialize)]
pub struct PublicLine {
    pub handle: String,
    pub name: String,
    pub currency: String,
    pub statements: i64,
    pub owed: i64,
    pub paid: i64,
    pub owed_text: String,
    pub paid_text: String,
    pub outstanding_text: String,
}

/// Owed and paid per redeemer (and currency), for everyone.
pub async fn public_summary(ctx: &Ctx) -> Result<Vec<PublicLine>, AppError> {
    let lines = ctx
        .run(|conn| {
            let mut sums: BTreeMap<(String, String), (i64, i64, i64)> = BTreeMap::new();
            for row in store::all_statements(conn)? {
                let e = sums
                    .entry((row.organization_id.clone(), row.currency.clone()))
                    .or_default();
                e.0 += 1;
                e.1 += row.amount_owed;
                if row.paid_at.is_some() {
                    e.2 += row.amount_owed;
                }
            }
            let mut lines = Vec::new();
            for ((org_id, currency), (statements, owed, paid)) in sums {
                let (handle, name) = organizations::by_id(conn, &org_id)?
                    .map(|o| (o.handle, o.name))
                    .unwrap_or_default();
                lines.push(PublicLine {
                    handle,
                    name,
                    currency,
                    statements,
                    owed,
                    paid,
                    owed_text: rules::format_money(owed),
                    paid_text: rules::format_money(paid),
                    outstanding_text: rules::format_money(owed - paid),
                });
            }
            lines.sort_by(|a, b| a.handle.cmp(&b.handle));
            Ok(lines)
        })
        .await?;
    Ok(lines)
}

/// What a redeemer can still be reimbursed in the open epoch under its cap.
#[derive(Debug, Clone, Serialize)]
pub struct Remaining {
    pub currency: String,
    pub rate_text: String,
    pub cap_text: String,
    pub owed_so_far_text: String,
    pub remaining_text: String,
    /// The CITY the remaining amount covers at the rate.
    pub remaining_city_text: String,
}

/// The redeemer's remaining reimbursable amount this epoch, when the city set terms and a
/// cap for it (shown before it commits offerings).
pub async fn remaining(ctx: &Ctx, org_id: &str) -> Result<Option<Remaining>, AppError> {
    let epoch = super::epochs::current(ctx).await?.number;
    let org_id = org_id.to_owned();
    let found = ctx
        .run(move |conn| {
            let (Some(terms), Some(cap)) = (store::terms(conn)?, store::cap(conn, &org_id)?) else {
                return Ok(None);
            };
            let burned = store::burned_by(conn, &org_id, epoch)?;
            Ok(Some((terms, cap, burned)))
        })
        .await?;
    Ok(found.map(|(terms, cap, burned)| {
        let so_far = rules::owed(burned, terms.rate);
        let left = (cap - so_far).max(0);
        let city = if terms.rate > 0 {
            i64::try_from(i128::from(left) * 100 / i128::from(terms.rate)).unwrap_or(i64::MAX)
        } else {
            0
        };
        Remaining {
            currency: terms.currency,
            rate_text: rules::format_money(terms.rate),
            cap_text: rules::format_money(cap),
            owed_so_far_text: rules::format_money(so_far),
            remaining_text: rules::format_money(left),
            remaining_city_text: Currency::City.format(city),
        }
    }))
}

/// `citysync ledger verify`'s statement checks, after the chain itself verified: each stored
/// statement hashes to its chain entry, is signed by the city's key, adds up, and covers
/// exactly the CITY its redeemer burned in its epoch, offering by offering; and every
/// redeemer that burned CITY in an epoch with statements has one. `Err` names the statement.
pub(crate) fn check(conn: &mut DbConnection, city_key: Option<&str>) -> Result<i64, String> {
    let rows = store::all_statements(conn).map_err(|e| format!("reading statements: {e}"))?;
    let mut by_epoch: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut count = 0;
    for row in rows {
        let n = row.number.clone();
        let bad = |why: String| format!("statement {n}: {why}");
        let entry = citysync_storage::ledger::entries_after(conn, row.entry_seq - 1, 1)
            .map_err(|e| bad(e.to_string()))?
            .into_iter()
            .next()
            .filter(|e| e.seq == row.entry_seq)
            .ok_or_else(|| bad(format!("its chain entry {} is missing", row.entry_seq)))?;
        if entry.kind != EntryKind::Statement.as_str() {
            return Err(bad(format!("entry {} is not a statement entry", entry.seq)));
        }
        let statement: Statement = serde_json::from_str(&row.content)
            .map_err(|e| bad(format!("its stored content does not parse ({e})")))?;
        let hash = statement.content_hash();
        if Some((row.number.as_str(), hash.as_str())) != rules::parse_entry_memo(&entry.memo) {
            return Err(bad(format!(
                "its content does not hash to chain entry {} (the statement was altered)",
                entry.seq
            )));
        }
        if row.content_hash != hash
            || statement.number != row.number
            || statement.epoch != row.epoch
            || statement.redeemer_id != row.organization_id
            || statement.amount_owed != row.amount_owed
            || statement.city_burned != row.city_burned
            || statement.currency != row.currency
            || entry.epoch != row.epoch
            || entry.organization_id.as_deref() != Some(row.organization_id.as_str())
            || entry.amount != statement.city_burned
        {
            return Err(bad(
                "its summary columns differ from its hashed content (the statement was altered)"
                    .into(),
            ));
        }
        if city_key != Some(row.public_key.as_str())
            || !verify_signature(
                &row.public_key,
                rules::signed_message(&row.number, &hash).as_bytes(),
                &row.signature,
            )
        {
            return Err(bad("its signature is not the city's".into()));
        }
        statement.check_sums().map_err(bad)?;
        // The CITY it covers is what the chain burned at the redeemer in the epoch.
        let honored = honored_of_epoch(conn, row.epoch)
            .map_err(|e| bad(e.to_string()))?
            .remove(&row.organization_id)
            .unwrap_or_default();
        let mut expected: Vec<(String, i64, i64)> = honored
            .into_iter()
            .map(|h| (h.offering_id, h.units, h.city_burned))
            .collect();
        let mut stated: Vec<(String, i64, i64)> = statement
            .lines
            .iter()
            .map(|l| (l.offering_id.clone(), l.units, l.city_burned))
            .collect();
        expected.sort();
        stated.sort();
        if expected != stated {
            let burned: i64 = expected.iter().map(|e| e.2).sum();
            return Err(bad(format!(
                "it covers {} CITY but the chain burned {} CITY at the redeemer in epoch {}",
                Currency::City.format(statement.city_burned),
                Currency::City.format(burned),
                row.epoch
            )));
        }
        by_epoch
            .entry(row.epoch)
            .or_default()
            .push(row.organization_id);
        count += 1;
    }
    for (epoch, orgs) in by_epoch {
        let burned = honored_of_epoch(conn, epoch).map_err(|e| e.to_string())?;
        if let Some(missing) = burned.keys().find(|o| !orgs.contains(o)) {
            return Err(format!(
                "epoch {epoch}: redeemer {missing} burned CITY but has no settlement statement"
            ));
        }
    }
    Ok(count)
}
