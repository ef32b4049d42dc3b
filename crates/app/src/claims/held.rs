//! Rewards held for a resident below the city's earning level (`level_to_earn`): the work is
//! verified and attested as usual, but nothing is minted. When the resident reaches the
//! level within the same epoch, each held reward is credited once — up to the caps and from
//! the issuer's budget as they stand then — in the verification's own transaction. A reward
//! an exhausted budget cannot pay stays held (the others are still credited); rewards of
//! an epoch that closed lapse.

use super::*;
use crate::ledger::caps::{self, CappedReward};
use crate::ledger::Journal;
use citysync_domain::ledger::Currency;
use citysync_i18n::{ArgValue, I18n, Locale};
use citysync_storage::held_rewards::{self as held_store, HeldRewardRow};

/// A reward held at approval, as the resident and the verifier are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HeldReward {
    pub city: i64,
    pub vote: i64,
}

impl HeldReward {
    /// The sentence telling the resident why the reward is held and how to get it.
    pub fn describe(&self, i18n: &I18n, locale: Locale) -> String {
        i18n.message(locale, "work-reward-held", &self.args())
    }

    /// The sentence telling the verifier that `resident`'s reward is held.
    pub fn describe_to_verifier(&self, i18n: &I18n, locale: Locale, resident: &str) -> String {
        let mut args = self.args();
        args.push(("resident", ArgValue::from(resident)));
        i18n.message(locale, "work-decided-held", &args)
    }

    fn args(&self) -> Vec<(&'static str, ArgValue)> {
        vec![
            ("city", ArgValue::from(Currency::City.format(self.city))),
            ("vote", ArgValue::from(Currency::Vote.format(self.vote))),
        ]
    }
}

/// Whether `contributor_id` meets the earning level in force, read in the approval's
/// transaction.
pub(crate) fn earns(
    conn: &mut DbConnection,
    ctx: &Ctx,
    contributor_id: &str,
) -> Result<bool, AppError> {
    let needed = crate::governance::parameters::in_force(conn, ctx)?.level_to_earn;
    Ok(needed.met_by(crate::identity::level_in(conn, contributor_id)?))
}

/// Holds the reward of an approved claim whose resident is below the earning level.
pub(crate) fn hold(
    conn: &mut DbConnection,
    ctx: &Ctx,
    contribution: &ContributionRow,
    reward: HeldReward,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let epoch = Journal::lock(conn, ctx)?.epoch();
    held_store::insert(
        conn,
        &HeldRewardRow {
            claim_id: contribution.claim_id.clone(),
            contribution_id: contribution.id.clone(),
            contributor_id: contribution.contributor_id.clone(),
            epoch,
            reward_city: reward.city,
            reward_vote: reward.vote,
            held_at: now,
            credited_at: None,
        },
    )?;
    trail::record(
        conn,
        Subject::Contribution,
        &contribution.id,
        "reward-held",
        Some(&contribution.verifier_id),
        &format!(
            "{} CITY, {} VOTE",
            Currency::City.format(reward.city),
            reward.vote
        ),
        now,
    )
}

/// What crediting one held reward minted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credited {
    pub city: i64,
    pub vote: i64,
}

/// Credits every reward held for `resident_id` in the current epoch, once, if the resident
/// now meets the earning level. Call inside the transaction that raised their level.
pub(crate) fn credit_on_verification(
    conn: &mut DbConnection,
    ctx: &Ctx,
    resident_id: &str,
    now: NaiveDateTime,
) -> Result<Vec<Credited>, AppError> {
    if !earns(conn, ctx, resident_id)? {
        return Ok(Vec::new());
    }
    let epoch = Journal::lock(conn, ctx)?.epoch();
    let mut credited = Vec::new();
    for held in held_store::uncredited(conn, resident_id, epoch)? {
        // Each in a savepoint: a budget that cannot pay leaves that one held, not the rest.
        match citysync_storage::db::savepoint(conn, |conn| credit_one(conn, ctx, &held, now)) {
            Ok(Some(c)) => credited.push(c),
            Ok(None) => {}
            Err(AppError::BudgetExhausted) => {
                tracing::info!(claim = %held.claim_id, "held reward stays held: budget exhausted");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(credited)
}

fn credit_one(
    conn: &mut DbConnection,
    ctx: &Ctx,
    held: &HeldRewardRow,
    now: NaiveDateTime,
) -> Result<Option<Credited>, AppError> {
    let contribution =
        store::contribution_of_claim(conn, &held.claim_id)?.ok_or(AppError::NotFound)?;
    let reward: CappedReward = caps::apply(
        conn,
        ctx,
        &held.contributor_id,
        &contribution.category,
        held.reward_city,
        held.reward_vote,
    )?;
    if !held_store::mark_credited(
        conn,
        &held.claim_id,
        reward.city.minted,
        reward.vote.minted,
        now,
    )? {
        return Ok(None);
    }
    let event = ContributionVerified {
        contribution_id: contribution.id.clone(),
        claim_id: contribution.claim_id.clone(),
        organization_id: contribution.organization_id.clone(),
        opportunity_id: contribution.opportunity_id.clone(),
        contributor_id: contribution.contributor_id.clone(),
        verifier_id: contribution.verifier_id.clone(),
        template_id: contribution.template_id.clone(),
        template_version: contribution.template_version,
        category: contribution.category.clone(),
        outcome_unit: contribution.outcome_unit.clone(),
        outcome_quantity: contribution.outcome_quantity,
        reward_city: reward.city.minted,
        reward_vote: reward.vote.minted,
        verified_at: contribution.verified_at,
    };
    // Keyed by the claim like every mint: a claim never mints twice.
    crate::ledger::minting::mint(conn, ctx, &event)?;
    let detail = format!(
        "{} CITY, {} VOTE",
        Currency::City.format(reward.city.minted),
        reward.vote.minted
    );
    trail::record(
        conn,
        Subject::Contribution,
        &contribution.id,
        "reward-credited",
        Some(&contribution.contributor_id),
        &detail,
        now,
    )?;
    let opp = catalog::load_opportunity(conn, &contribution.opportunity_id)?;
    let (locale, _) = notifications::reader(conn, &contribution.contributor_id)?;
    let mut note = ctx.i18n.message(
        locale,
        "work-reward-credited",
        &[
            (
                "city",
                ArgValue::from(Currency::City.format(reward.city.minted)),
            ),
            (
                "vote",
                ArgValue::from(Currency::Vote.format(reward.vote.minted)),
            ),
        ],
    );
    if reward.was_capped() {
        note = format!("{note}\n\n{}", reward.describe(&ctx.i18n, locale));
    }
    notifications::notify(
        conn,
        ctx,
        &contribution.contributor_id,
        Notice {
            kind: NoticeKind::RewardCredited,
            subject_id: &contribution.claim_id,
            about: &opp.title,
            link: "/wallet".to_owned(),
            feedback: Some(&note),
        },
        now,
    )?;
    Ok(Some(Credited {
        city: reward.city.minted,
        vote: reward.vote.minted,
    }))
}

/// A held reward as the wallet lists it.
#[derive(Debug, Clone, Serialize)]
pub struct HeldLine {
    pub claim_id: String,
    pub city: i64,
    /// The CITY as people read it ("5.00").
    pub city_text: String,
    pub vote: i64,
    pub held_at: NaiveDateTime,
    /// Still creditable: held in the current epoch and not yet credited.
    pub open: bool,
    pub credited_at: Option<NaiveDateTime>,
}

/// The resident's held rewards, newest first.
pub async fn held_of(ctx: &Ctx, user: &User) -> Result<Vec<HeldLine>, AppError> {
    let id = user.id.to_string();
    ctx.run(move |conn| Ok(held_lines(conn, &id))).await?
}

fn held_lines(conn: &mut DbConnection, user_id: &str) -> Result<Vec<HeldLine>, AppError> {
    let rows = held_store::of_contributor(conn, user_id)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let epoch = citysync_storage::epochs::open_epoch(conn)?.map(|e| e.number);
    Ok(rows
        .into_iter()
        .map(|r| HeldLine {
            open: r.credited_at.is_none() && Some(r.epoch) == epoch,
            claim_id: r.claim_id,
            city: r.reward_city,
            city_text: Currency::City.format(r.reward_city),
            vote: r.reward_vote,
            held_at: r.held_at,
            credited_at: r.credited_at,
        })
        .collect())
}
