//! The public ledger explorer: totals, epochs, recent entries with pseudonymous account
//! references, checkpoints and the last verification. Residents are never named here.

use super::check::{self, ChainCheck};
use super::checkpoints::{self, PublishedCheckpoint};
use super::epochs::{self, Epoch};
use super::journal::figures_of_epoch;
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::ledger::{
    AccountId, AccountKind, Currency, CurrencyTotals, EntryKind, Figures,
};
use citysync_storage::ledger as store;
use citysync_storage::organizations;
use serde::Serialize;
use std::collections::HashMap;

/// An account as the public sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAccount {
    pub kind: String,
    /// A resident's pseudonymous reference (`acct-…`), or the organization's handle.
    pub reference: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublicEntry {
    pub seq: i64,
    pub kind: String,
    pub currency: String,
    pub amount: i64,
    pub amount_text: String,
    pub from: PublicAccount,
    pub to: PublicAccount,
    pub organization_handle: Option<String>,
    /// The governance decision an adjustment enacted (a proposal id), to link to.
    pub decision: Option<String>,
    pub epoch: i64,
    pub recorded_at: NaiveDateTime,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explorer {
    pub head_seq: i64,
    pub head_hash: String,
    pub totals: Vec<CurrencyTotals>,
    pub current: Epoch,
    /// The open epoch's figures so far.
    pub current_figures: Figures,
    pub epochs: Vec<Epoch>,
    pub recent: Vec<PublicEntry>,
    pub checkpoints: Vec<PublishedCheckpoint>,
    pub last_verification: Option<ChainCheck>,
    pub public_key: String,
    /// Organization id → handle, for the figures' rows.
    pub handles: HashMap<String, String>,
}

pub async fn explorer(ctx: &Ctx) -> Result<Explorer, AppError> {
    let current = epochs::current(ctx).await?;
    let epochs = epochs::list(ctx, 24).await?;
    let checkpoints = checkpoints::recent(ctx, 10).await?;
    let last_verification = check::last(ctx).await?;
    let public_key = checkpoints::public_key(ctx).await?;
    let n = current.number;
    let (head, totals, recent, figures, handles) = ctx
        .run(move |conn| {
            let head = store::head(conn)?;
            let totals = checkpoints::totals(conn)?;
            let rows = store::recent_entries(conn, 50)?;
            let figures = figures_of_epoch(conn, n)?;
            let mut ids: Vec<String> = rows
                .iter()
                .flat_map(|r| [r.from_account.clone(), r.to_account.clone()])
                .collect();
            ids.sort();
            ids.dedup();
            let refs: HashMap<String, String> = store::accounts_by_ids(conn, &ids)?
                .into_iter()
                .map(|a| (a.id, a.public_ref))
                .collect();
            let mut handles = HashMap::new();
            let org_ids = rows
                .iter()
                .filter_map(|r| r.organization_id.clone())
                .chain(figures.by_organization.keys().cloned());
            for id in org_ids {
                if let std::collections::hash_map::Entry::Vacant(slot) = handles.entry(id) {
                    if let Some(org) = organizations::by_id(conn, slot.key())? {
                        slot.insert(org.handle);
                    }
                }
            }
            let public = |id: &str| -> PublicAccount {
                match AccountId::parse(id) {
                    Ok(a)
                        if matches!(
                            a.kind,
                            AccountKind::Organization | AccountKind::IssuerBudget
                        ) =>
                    {
                        PublicAccount {
                            kind: a.kind.as_str().to_owned(),
                            reference: handles.get(&a.owner).cloned().unwrap_or_default(),
                        }
                    }
                    Ok(a) => PublicAccount {
                        kind: a.kind.as_str().to_owned(),
                        reference: refs.get(id).cloned().unwrap_or_default(),
                    },
                    Err(_) => PublicAccount {
                        kind: "unknown".to_owned(),
                        reference: String::new(),
                    },
                }
            };
            let recent = rows
                .iter()
                .map(|r| {
                    let currency = Currency::parse(&r.currency).unwrap_or(Currency::City);
                    PublicEntry {
                        seq: r.seq,
                        kind: r.kind.clone(),
                        currency: r.currency.clone(),
                        amount: r.amount,
                        amount_text: currency.format(r.amount),
                        from: public(&r.from_account),
                        to: public(&r.to_account),
                        organization_handle: r
                            .organization_id
                            .as_ref()
                            .and_then(|o| handles.get(o).cloned()),
                        decision: (r.kind == EntryKind::Adjust.as_str())
                            .then(|| r.memo.strip_prefix("proposal:"))
                            .flatten()
                            .map(str::to_owned),
                        epoch: r.epoch,
                        recorded_at: r.recorded_at,
                        hash: r.hash.clone(),
                    }
                })
                .collect();
            Ok::<_, AppError>((head, totals, recent, figures, handles))
        })
        .await?;
    Ok(Explorer {
        head_seq: head.0,
        head_hash: head.1,
        totals,
        current,
        current_figures: figures,
        epochs,
        recent,
        checkpoints,
        last_verification,
        public_key,
        handles,
    })
}
