//! A resident's wallet: balances, what each entry was for, open reservations.

use crate::redemptions::{self, Reservation};
use crate::{AppError, Ctx, User};
use chrono::NaiveDateTime;
use citysync_domain::ledger::{AccountId, Currency};
use citysync_storage::ledger as store;
use serde::Serialize;

/// One line of a wallet's history, from the holder's side.
#[derive(Debug, Clone, Serialize)]
pub struct WalletLine {
    pub seq: i64,
    pub kind: String,
    pub currency: String,
    /// Positive when it came in, negative when it went out.
    pub amount: i64,
    pub amount_text: String,
    /// What the entry was for: the opportunity or the offering's title, when there is one.
    pub about: Option<String>,
    pub memo: String,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct Wallet {
    pub city: i64,
    pub city_text: String,
    pub vote: i64,
    /// CITY held in escrow for open reservations.
    pub reserved: i64,
    pub reserved_text: String,
    pub history: Vec<WalletLine>,
    pub reservations: Vec<Reservation>,
    pub past_redemptions: Vec<Reservation>,
}

pub async fn wallet(ctx: &Ctx, resident: &User) -> Result<Wallet, AppError> {
    let uid = resident.id.to_string();
    let city_id = AccountId::resident(&uid, Currency::City).to_string();
    let vote_id = AccountId::resident(&uid, Currency::Vote).to_string();
    let (balances, rows, titles) = {
        let (city_id, vote_id) = (city_id.clone(), vote_id.clone());
        ctx.run(move |conn| {
            let balances = store::accounts_by_ids(conn, &[city_id.clone(), vote_id.clone()])?;
            let rows = store::entries_of(conn, &[city_id, vote_id], 200)?;
            let memos: Vec<String> = rows.iter().map(|r| r.memo.clone()).collect();
            let titles = store::memo_titles(conn, &memos)?;
            Ok((balances, rows, titles))
        })
        .await?
    };
    let balance = |id: &str| {
        balances
            .iter()
            .find(|a| a.id == id)
            .map_or(0, |a| a.balance)
    };
    let history = rows
        .into_iter()
        .map(|r| {
            let incoming = r.to_account == city_id || r.to_account == vote_id;
            let currency = Currency::parse(&r.currency).unwrap_or(Currency::City);
            let amount = if incoming { r.amount } else { -r.amount };
            WalletLine {
                seq: r.seq,
                kind: r.kind,
                amount_text: currency.format(amount),
                currency: r.currency,
                amount,
                about: titles.get(&r.memo).cloned(),
                memo: r.memo,
                recorded_at: r.recorded_at,
            }
        })
        .collect();
    let all = redemptions::of_resident(ctx, resident).await?;
    let now = ctx.now();
    let (reservations, past): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| {
        r.state == citysync_domain::redemption::RedemptionState::Reserved && r.expires_at > now
    });
    let reserved: i64 = reservations.iter().map(|r| r.amount).sum();
    let city = balance(&city_id);
    Ok(Wallet {
        city,
        city_text: Currency::City.format(city),
        vote: balance(&vote_id),
        reserved,
        reserved_text: Currency::City.format(reserved),
        history,
        reservations,
        past_redemptions: past,
    })
}
