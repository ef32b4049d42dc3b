//! Co-issued opportunities: the issuing ("lead") organization invites approved organizations
//! as partners, each paying its share of the CITY reward from its own epoch budget, and
//! naming whether its verifiers decide submissions. Invitations, answers and withdrawals
//! happen while the opportunity is a draft; publication needs every invitation answered
//! (a clerk expects to see who is in before going public, not to lose a partner silently);
//! after it the partners and shares are frozen.

use super::*;
use citysync_domain::ledger::Currency;
use citysync_domain::partners::{self as rules, PartnerEvent, PartnerState};
use citysync_storage::partners::{self as partner_store, PartnerRow};

/// A partner organization of an opportunity.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    pub organization_id: String,
    pub handle: String,
    pub name: String,
    /// Minor units of CITY paid from this partner's budget per verified contribution.
    pub share_city: i64,
    pub share_text: String,
    pub verifies: bool,
    pub state: PartnerState,
    pub invited_at: NaiveDateTime,
    pub answered_at: Option<NaiveDateTime>,
    /// Whether the viewer may accept or decline this invitation (an editor of the partner).
    pub viewer_may_answer: bool,
    /// Whether the viewer may withdraw it (an editor of either side, while a draft).
    pub viewer_may_withdraw: bool,
}

/// An opportunity's partners page.
#[derive(Debug, Clone, Serialize)]
pub struct PartnersPage {
    pub opportunity: Opportunity,
    pub partners: Vec<Partner>,
    /// The template's CITY reward the shares are set against (minor units).
    pub reward_city: i64,
    pub reward_text: String,
    /// What the lead pays: the reward less the invited and accepted partners' shares.
    pub lead_share_city: i64,
    pub lead_share_text: String,
    /// Whether the viewer may invite (an editor of the lead, while a draft).
    pub can_invite: bool,
    pub is_draft: bool,
}

/// An invitation waiting for an organization's answer.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerInvitation {
    pub opportunity_id: String,
    pub title: String,
    pub lead_handle: String,
    pub lead_name: String,
    pub share_text: String,
    pub verifies: bool,
    pub starts_at: NaiveDateTime,
}

fn city_text(minor: i64) -> String {
    Currency::City.format(minor)
}

fn may_edit(conn: &mut DbConnection, org_id: &str, user: &User) -> bool {
    organizations::require(conn, org_id, user, Capability::EditCatalog).is_ok()
}

/// The template reward (before any multiplier) the shares of an opportunity are set against.
fn base_reward(conn: &mut DbConnection, opportunity_id: &str) -> Result<i64, AppError> {
    let (_, version, _, _) =
        store::catalog_line(conn, opportunity_id)?.ok_or(AppError::NotFound)?;
    Ok(version.reward_city)
}

fn parse_share(text: &str) -> Result<i64, AppError> {
    Ok(Currency::City
        .parse_amount(text)
        .map_err(|_| DomainError::ShareInvalid)?
        .minor())
}

/// What an issuer types to invite a partner.
#[derive(Debug, Clone)]
pub struct PartnerInput {
    /// The partner organization's handle.
    pub organization: String,
    /// Its share of the CITY reward, as CITY text (`1.50`).
    pub share: String,
    pub verifies: bool,
}

/// An editor of the lead organization invites an approved issuer organization (it pays from
/// its issuer budget) to co-issue a draft.
pub async fn invite_partner(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    input: PartnerInput,
) -> Result<(), AppError> {
    let id = opportunity_id.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let opp = load_opportunity(conn, &id)?;
            let lead = organizations::load_by_id(conn, &opp.organization_id)?;
            require_editor(conn, &lead, &user)?;
            rules::require_draft(opp.state)?;
            let share = parse_share(&input.share)?;
            let handle = input.organization.trim().trim_start_matches('@');
            let partner = match organizations::load(conn, &handle.to_ascii_lowercase()) {
                Ok(o) if o.is_approved() && o.is_issuer => o,
                Ok(_) | Err(AppError::NotFound) => return Err(AppError::PartnerUnknown),
                Err(e) => return Err(e),
            };
            if partner.id == lead.id {
                return Err(AppError::AlreadyPartner);
            }
            if !partner_store::lock_draft(conn, &id, now)? {
                return Err(DomainError::PartnersFrozen.into());
            }
            let all = partner_store::partners_of(conn, &id)?;
            let mut others = Vec::new();
            let mut existing = None;
            for (row, _, _) in all {
                let state = row.state;
                if row.organization_id == partner.id {
                    existing = Some(state);
                } else if state.holds_share() {
                    others.push(row.share_city);
                }
            }
            rules::check_share(share, base_reward(conn, &id)?, &others)?;
            let by = user.id.to_string();
            let row = PartnerRow {
                opportunity_id: id.clone(),
                organization_id: partner.id.clone(),
                share_city: share,
                verifies: input.verifies,
                state: PartnerState::Invited,
                invited_by: by.clone(),
                invited_at: now,
                answered_at: None,
            };
            match existing {
                None => partner_store::insert(conn, &row)?,
                Some(state) => {
                    if state.transition(PartnerEvent::Invite).is_err() {
                        return Err(AppError::AlreadyPartner);
                    }
                    if !partner_store::reinvite(conn, &row, state)? {
                        return Err(AppError::Conflict);
                    }
                }
            }
            trail::record(
                conn,
                Subject::Opportunity,
                &id,
                "partner_invited",
                Some(&by),
                &format!("{} {}", partner.handle, city_text(share)),
                now,
            )
        })
        .await
}

/// Who answers or withdraws a partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerAnswer {
    Accept,
    Decline,
    Withdraw,
}

/// An editor of the invited organization accepts or declines; an editor of either side
/// withdraws. Only while the opportunity is a draft.
pub async fn answer_partner(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    partner_handle: &str,
    answer: PartnerAnswer,
) -> Result<(), AppError> {
    let id = opportunity_id.to_owned();
    let handle = partner_handle.to_owned();
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let opp = load_opportunity(conn, &id)?;
            let partner = organizations::load(conn, &handle)?;
            let row = partner_store::partner(conn, &id, &partner.id)?.ok_or(AppError::NotFound)?;
            let allowed = may_edit(conn, &partner.id, &user)
                || (answer == PartnerAnswer::Withdraw
                    && may_edit(conn, &opp.organization_id, &user));
            if !allowed {
                return Err(AppError::Forbidden);
            }
            rules::require_draft(opp.state)?;
            if !partner_store::lock_draft(conn, &id, now)? {
                return Err(DomainError::PartnersFrozen.into());
            }
            let event = match answer {
                PartnerAnswer::Accept => PartnerEvent::Accept,
                PartnerAnswer::Decline => PartnerEvent::Decline,
                PartnerAnswer::Withdraw => PartnerEvent::Withdraw,
            };
            let from = row.state;
            let to = from.transition(event)?;
            if !partner_store::set_state(conn, &id, &partner.id, from, to, now)? {
                return Err(AppError::Conflict);
            }
            trail::record(
                conn,
                Subject::Opportunity,
                &id,
                &format!("partner_{}", to.as_str()),
                Some(&user.id.to_string()),
                &partner.handle,
                now,
            )
        })
        .await
}

fn partners_in(
    conn: &mut DbConnection,
    opp: &Opportunity,
    viewer: Option<&User>,
) -> Result<Vec<Partner>, AppError> {
    let is_draft = opp.state == OpportunityState::Draft;
    let lead_editor = viewer.is_some_and(|v| may_edit(conn, &opp.organization_id, v));
    let mut out = Vec::new();
    for (row, handle, name) in partner_store::partners_of(conn, &opp.id)? {
        let state = row.state;
        let partner_editor = viewer.is_some_and(|v| may_edit(conn, &row.organization_id, v));
        out.push(Partner {
            viewer_may_answer: is_draft && partner_editor && state == PartnerState::Invited,
            viewer_may_withdraw: is_draft
                && (partner_editor || lead_editor)
                && state.transition(PartnerEvent::Withdraw).is_ok(),
            organization_id: row.organization_id,
            handle,
            name,
            share_text: city_text(row.share_city),
            share_city: row.share_city,
            verifies: row.verifies,
            state,
            invited_at: row.invited_at,
            answered_at: row.answered_at,
        });
    }
    Ok(out)
}

/// The partners page: visible to the lead's and every invited organization's members and to
/// administrators while a draft; to everyone once published.
pub async fn partners_page(
    ctx: &Ctx,
    viewer: Option<&User>,
    opportunity_id: &str,
) -> Result<PartnersPage, AppError> {
    let id = opportunity_id.to_owned();
    let viewer = viewer.cloned();
    ctx.run(move |conn| {
        let opp = load_opportunity(conn, &id)?;
        let partners = partners_in(conn, &opp, viewer.as_ref())?;
        let is_draft = opp.state == OpportunityState::Draft;
        if is_draft {
            let mut member = false;
            if let Some(v) = &viewer {
                let uid = v.id.to_string();
                member = v.is_admin
                    || organizations::role_of(conn, &opp.organization_id, &uid)?.is_some();
                for p in &partners {
                    member =
                        member || organizations::role_of(conn, &p.organization_id, &uid)?.is_some();
                }
            }
            if !member {
                return Err(AppError::NotFound);
            }
        }
        let reward = base_reward(conn, &id)?;
        let held: i64 = partners
            .iter()
            .filter(|p| p.state.holds_share())
            .map(|p| p.share_city)
            .sum();
        let lead_share = (reward - held).max(0);
        let can_invite = is_draft
            && viewer.as_ref().is_some_and(|v| {
                organizations::require(conn, &opp.organization_id, v, Capability::EditCatalog)
                    .is_ok()
            });
        Ok(PartnersPage {
            partners: partners
                .into_iter()
                .filter(|p| is_draft || p.state == PartnerState::Accepted)
                .collect(),
            reward_city: reward,
            reward_text: city_text(reward),
            lead_share_city: lead_share,
            lead_share_text: city_text(lead_share),
            can_invite,
            is_draft,
            opportunity: opp,
        })
    })
    .await
}

/// The accepted partners of an opportunity, for its public page (empty when issued alone).
pub async fn co_issuers(ctx: &Ctx, opportunity_id: &str) -> Result<Vec<Partner>, AppError> {
    let id = opportunity_id.to_owned();
    ctx.run(move |conn| {
        let opp = load_opportunity(conn, &id)?;
        Ok(partners_in(conn, &opp, None)?
            .into_iter()
            .filter(|p| p.state == PartnerState::Accepted)
            .collect())
    })
    .await
}

/// The invitations waiting for an organization's answer, for its editors (empty for others).
pub async fn partner_invitations(
    ctx: &Ctx,
    user: &User,
    handle: &str,
) -> Result<Vec<PartnerInvitation>, AppError> {
    let handle = handle.to_owned();
    let user = user.clone();
    ctx.run(move |conn| {
        let org = organizations::load(conn, &handle)?;
        if !may_edit(conn, &org.id, &user) {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for row in partner_store::pending_for(conn, &org.id)? {
            let opp = load_opportunity(conn, &row.opportunity_id)?;
            if opp.state != OpportunityState::Draft {
                continue;
            }
            out.push(PartnerInvitation {
                opportunity_id: opp.id,
                title: opp.title,
                lead_handle: opp.organization_handle,
                lead_name: opp.organization_name,
                share_text: city_text(row.share_city),
                verifies: row.verifies,
                starts_at: opp.starts_at,
            });
        }
        Ok(out)
    })
    .await
}

/// Refuses unless `user` may verify the opportunity's work: a verifier of the lead, or of
/// an accepted partner that verifies.
pub(crate) fn require_verifier(
    conn: &mut DbConnection,
    opportunity_id: &str,
    lead_id: &str,
    user: &User,
) -> Result<(), AppError> {
    if organizations::require(conn, lead_id, user, Capability::Verify).is_ok() {
        return Ok(());
    }
    for org_id in partner_store::verifying_partners(conn, opportunity_id)? {
        if organizations::require(conn, &org_id, user, Capability::Verify).is_ok() {
            return Ok(());
        }
    }
    Err(AppError::Forbidden)
}

/// Refuses a publication while invitations wait for an answer (call after the state change,
/// in the same transaction, so a concurrent invitation is seen).
pub(crate) fn require_answered(
    conn: &mut DbConnection,
    opportunity_id: &str,
) -> Result<(), AppError> {
    if partner_store::pending_count(conn, opportunity_id)? > 0 {
        return Err(AppError::PartnersPending);
    }
    Ok(())
}
