//! Group claims (issue 26): a resident claims for a party ("me and two friends"). The
//! group's claim holds `party_size` places of the capacity; her friends (with accounts) join
//! with the claim's code and each gets a member's claim that holds no place of its own
//! (`party_size` 0, `party_of` the group's claim). The claimant sends one proof for the
//! group; its approval credits every member still in the party the same reward through the
//! same path as hers (`verification::record_contribution`: caps and held rewards per person).
//! A member's claim follows the group's when it is withdrawn, expires or is rejected for good.

use super::verification::{record_contribution, Rewarded};
use super::*;
use citysync_storage::waitlist as pstore;

/// The largest party one claim can hold.
pub const PARTY_MAX: i32 = 10;

/// A group as its claim pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Party {
    /// The group's claim.
    pub claim_id: String,
    pub size: i32,
    pub claimant: String,
    /// The members who joined and are still in, oldest first.
    pub members: Vec<String>,
    /// The join code, for the group's claimant only.
    pub code: Option<String>,
    /// Whether the viewer is a member (not the claimant).
    pub is_member: bool,
}

impl Party {
    /// Places of the party no member has joined yet.
    pub fn open_places(&self) -> i32 {
        let joined = i32::try_from(self.members.len()).unwrap_or(i32::MAX);
        (self.size - 1 - joined).max(0)
    }
}

/// What a friend opening the join link sees.
#[derive(Debug, Clone, Serialize)]
pub struct Invitation {
    pub code: String,
    pub opportunity: Opportunity,
    pub claimant: String,
    pub size: i32,
    pub open_places: i32,
    /// Set when the viewer already holds this party's or her own claim on the opportunity.
    pub own_claim_id: Option<String>,
}

/// A party's size is 1 to [`PARTY_MAX`].
pub(crate) fn check_size(size: i32) -> Result<(), AppError> {
    if (1..=PARTY_MAX).contains(&size) {
        Ok(())
    } else {
        Err(AppError::PartySizeInvalid)
    }
}

/// Under the opportunity's lock, right after the claim was taken: a party of more than one
/// holds its size and gets a join code.
pub(crate) fn start(conn: &mut DbConnection, claim: &ClaimRow, size: i32) -> Result<(), AppError> {
    if size > 1 {
        // 40 random bits, shown as 10 hex digits; the unique index refuses a repeat.
        let code: String = secrets::new_id()
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(10)
            .collect();
        pstore::set_party(conn, &claim.id, size, Some(&code))?;
    }
    Ok(())
}

/// The members still in a group (their claims hold a place of the party).
fn active_members(
    conn: &mut DbConnection,
    claim_id: &str,
) -> Result<Vec<(ClaimRow, String)>, AppError> {
    Ok(pstore::members_of(conn, claim_id)?
        .into_iter()
        .filter(|(c, _)| catalog_store::ACTIVE_CLAIM_STATES.contains(&c.state.as_str()))
        .collect())
}

/// The group a claim belongs to (as its claimant or a member), for the claim's page.
pub async fn party_of(ctx: &Ctx, user: &User, claim_id: &str) -> Result<Option<Party>, AppError> {
    let id = claim_id.to_owned();
    let uid = user.id.to_string();
    super::waitlist::read(ctx, move |conn| {
        let Some((size, party_of, code)) = pstore::party_of_claim(conn, &id)? else {
            return Err(AppError::NotFound);
        };
        let group_id = match party_of {
            Some(group) => group,
            None if size > 1 => id.clone(),
            None => return Ok(None),
        };
        let group = store::by_id(conn, &group_id)?.ok_or(AppError::NotFound)?;
        let (size, code) = if group_id == id {
            (size, code)
        } else {
            pstore::party_of_claim(conn, &group_id)?
                .map(|(s, _, c)| (s, c))
                .unwrap_or((1, None))
        };
        let claimant = citysync_storage::users::by_id(conn, &group.claimant_id)?
            .map(|u| u.username)
            .unwrap_or_default();
        let members: Vec<String> = active_members(conn, &group_id)?
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        let is_claimant = group.claimant_id == uid;
        Ok(Some(Party {
            claim_id: group_id,
            size,
            claimant,
            members,
            code: code.filter(|_| is_claimant),
            is_member: !is_claimant,
        }))
    })
    .await
}

/// The group behind a join code, as a friend opening the link sees it.
pub async fn invitation(
    ctx: &Ctx,
    viewer: Option<&User>,
    code: &str,
) -> Result<Invitation, AppError> {
    let code = code.trim().to_owned();
    let uid = viewer.map(|u| u.id.to_string());
    super::waitlist::read(ctx, move |conn| {
        let group = pstore::claim_by_party_code(conn, &code)?.ok_or(AppError::NotFound)?;
        let (size, _, _) = pstore::party_of_claim(conn, &group.id)?.ok_or(AppError::NotFound)?;
        let opportunity = catalog::load_opportunity(conn, &group.opportunity_id)?;
        let claimant = citysync_storage::users::by_id(conn, &group.claimant_id)?
            .map(|u| u.username)
            .unwrap_or_default();
        let joined = i32::try_from(active_members(conn, &group.id)?.len()).unwrap_or(0);
        let own_claim_id = match uid {
            Some(uid) => store::active_claim_of(conn, &group.opportunity_id, &uid)?.map(|c| c.id),
            None => None,
        };
        Ok(Invitation {
            code,
            opportunity,
            claimant,
            size,
            open_places: (size - 1 - joined).max(0),
            own_claim_id,
        })
    })
    .await
}

/// A verified resident joins a group with its code: her own claim, a member's, holding no
/// place of its own and carrying the group's reward (with the `ClaimConfirmed` notice), on
/// the template's requirements as any claim.
pub async fn join(
    ctx: &Ctx,
    user: &User,
    code: &str,
    accepted_waiver: Option<i32>,
) -> Result<Claim, AppError> {
    user.require_verified()?;
    let code = code.trim().to_owned();
    let uid = user.id.to_string();
    let ctx2 = ctx.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let found = pstore::claim_by_party_code(conn, &code)?.ok_or(AppError::NotFound)?;
            let (row, opp) = lock_for_place(conn, &found.opportunity_id, now)?;
            // Read again under the lock: the group's claim may have moved meanwhile.
            let group = store::by_id(conn, &found.id)?.ok_or(AppError::NotFound)?;
            if group.state != ClaimState::Claimed {
                return Err(AppError::NotClaimable);
            }
            if store::active_claim_of(conn, &group.opportunity_id, &uid)?.is_some() {
                return Err(AppError::AlreadyClaimed);
            }
            let (size, _, _) =
                pstore::party_of_claim(conn, &group.id)?.ok_or(AppError::NotFound)?;
            let joined = i32::try_from(active_members(conn, &group.id)?.len()).unwrap_or(0);
            if joined >= size - 1 {
                return Err(AppError::PartyFull);
            }
            crate::eligibility::require(conn, &ctx2, &row, &uid, accepted_waiver, now)?;
            let mut claim = take_place(conn, &ctx2, (&row, &opp), &uid, now)?;
            pstore::set_member(
                conn,
                &claim.id,
                &group.id,
                (group.template_version, group.reward_city, group.reward_vote),
            )?;
            claim.template_version = group.template_version;
            claim.reward_city = group.reward_city;
            claim.reward_vote = group.reward_vote;
            Claim::try_from(claim)
        })
        .await
}

/// The member's own claim cannot carry proof: the group's claimant sends it.
pub(crate) fn require_not_member(conn: &mut DbConnection, claim_id: &str) -> Result<(), AppError> {
    match pstore::party_of_claim(conn, claim_id)? {
        Some((_, Some(_), _)) => Err(AppError::Forbidden),
        _ => Ok(()),
    }
}

/// The members' claims still waiting (`claimed`) follow the group's claim: withdrawn with
/// it, or expired when it expires or is rejected for good.
pub(crate) fn follow(
    conn: &mut DbConnection,
    group: &ClaimRow,
    event: ClaimEvent,
    detail: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    for (member, _) in pstore::members_of(conn, &group.id)? {
        if member.state != ClaimState::Claimed {
            continue;
        }
        match apply(conn, &member, event, None, detail, now) {
            Ok(_) | Err(AppError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// On the approval of the group's claim, in its transaction: every member still in the
/// party is credited the same reward, each through the one minting path (her caps, or held
/// below the earning level), and told so.
#[allow(clippy::too_many_arguments)]
pub(crate) fn credit_members(
    conn: &mut DbConnection,
    ctx: &Ctx,
    group: &ClaimRow,
    opp: &Opportunity,
    spec: &TemplateSpec,
    verifier_id: &str,
    (outcome, rating, feedback): (f64, i32, &str),
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let mut credited = 0;
    for (member, _) in pstore::members_of(conn, &group.id)? {
        if member.state != ClaimState::Claimed || member.claimant_id == verifier_id {
            continue;
        }
        apply(
            conn,
            &member,
            ClaimEvent::Submit,
            Some(verifier_id),
            "group proof",
            now,
        )?;
        let submitted = store::by_id(conn, &member.id)?.ok_or(AppError::NotFound)?;
        apply(
            conn,
            &submitted,
            ClaimEvent::Approve,
            Some(verifier_id),
            "",
            now,
        )?;
        let rewarded = record_contribution(
            conn,
            ctx,
            &submitted,
            opp,
            spec,
            verifier_id,
            outcome,
            rating,
            feedback,
            now,
        )?;
        let (locale, _) = notifications::reader(conn, &member.claimant_id)?;
        let note = match &rewarded {
            Rewarded::Minted(r) if r.was_capped() => Some(r.describe(&ctx.i18n, locale)),
            Rewarded::Minted(_) => None,
            Rewarded::Held(h) => Some(h.describe(&ctx.i18n, locale)),
        };
        let text = [feedback.to_owned(), note.unwrap_or_default()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        notifications::notify(
            conn,
            ctx,
            &member.claimant_id,
            Notice {
                kind: NoticeKind::SubmissionApproved,
                subject_id: &member.id,
                about: &opp.title,
                link: format!("/claims/{}", member.id),
                feedback: Some(text.as_str()).filter(|t| !t.is_empty()),
            },
            now,
        )?;
        credited += 1;
    }
    Ok(credited)
}
