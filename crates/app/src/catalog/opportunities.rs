//! Opportunities: issued from active templates, published, closed or cancelled; the public
//! catalog with its filters.

use super::*;

/// An opportunity with what people need to know about it.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    pub id: String,
    pub organization_id: String,
    pub organization_handle: String,
    pub organization_name: String,
    pub template_id: String,
    /// The title override, else the template's title.
    pub title: String,
    pub summary: String,
    pub category: String,
    pub outcome_unit: String,
    pub expected_outcome: f64,
    pub reward_city: i64,
    pub reward_vote: i64,
    /// The category's reward multiplier in force, in percent (already applied to the
    /// rewards above; 100 when no decision changed it).
    pub reward_percent: i64,
    pub verification_method: VerificationMethod,
    pub place: String,
    pub point: Option<GeoPoint>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub claim_deadline: NaiveDateTime,
    pub capacity: i32,
    pub active_claims: i64,
    pub remaining: i64,
    pub onsite_instructions: String,
    pub state: OpportunityState,
    pub has_title_override: bool,
}

impl Opportunity {
    fn from_line(
        row: OpportunityRow,
        version: &TemplateVersionRow,
        handle: String,
        org_name: String,
        active_claims: i64,
        reward_percent: i64,
    ) -> Result<Opportunity, AppError> {
        use citysync_domain::governance::parameter::multiply;
        let point = match (row.latitude, row.longitude) {
            (Some(la), Some(lo)) => Some(GeoPoint::new(la, lo)?),
            _ => None,
        };
        Ok(Opportunity {
            state: row.state,
            title: row
                .title_override
                .clone()
                .unwrap_or_else(|| version.title.clone()),
            has_title_override: row.title_override.is_some(),
            summary: version.summary.clone(),
            category: version.category.clone(),
            outcome_unit: version.outcome_unit.clone(),
            expected_outcome: version.expected_outcome,
            reward_city: multiply(version.reward_city, reward_percent),
            reward_vote: multiply(version.reward_vote, reward_percent),
            reward_percent,
            verification_method: VerificationMethod::parse(&version.verification_method)?,
            remaining: (i64::from(row.capacity) - active_claims).max(0),
            active_claims,
            capacity: row.capacity,
            point,
            id: row.id,
            organization_id: row.organization_id,
            organization_handle: handle,
            organization_name: org_name,
            template_id: row.template_id,
            place: row.place,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            claim_deadline: row.claim_deadline,
            onsite_instructions: row.onsite_instructions,
        })
    }

    pub fn is_full(&self) -> bool {
        self.remaining == 0
    }

    /// Whether a resident could claim it now (capacity aside).
    pub fn open_for_claims(&self, now: NaiveDateTime) -> bool {
        self.state.accepts_claims() && now <= self.claim_deadline && now < self.ends_at
    }
}

/// Catalog lines as opportunities, with their active claims counted in one query.
/// The opportunities of catalog lines counted in their own query, their rewards multiplied
/// as the city's parameters say.
fn from_counted(
    lines: Vec<store::CountedLine>,
    multipliers: &std::collections::BTreeMap<String, i64>,
) -> Result<Vec<Opportunity>, AppError> {
    lines
        .into_iter()
        .map(|((row, version, handle, name), taken)| {
            let percent = multipliers.get(&version.category).copied().unwrap_or(100);
            Opportunity::from_line(row, &version, handle, name, taken, percent)
        })
        .collect()
}

pub(crate) fn load_opportunity(conn: &mut DbConnection, id: &str) -> Result<Opportunity, AppError> {
    let (row, version, handle, name) = store::catalog_line(conn, id)?.ok_or(AppError::NotFound)?;
    let active = store::active_claim_count(conn, id)?;
    let percent = crate::governance::parameters::reward_multipliers(conn)?
        .get(&version.category)
        .copied()
        .unwrap_or(100);
    Opportunity::from_line(row, &version, handle, name, active, percent)
}

/// What an editor types for an opportunity.
#[derive(Debug, Clone)]
pub struct OpportunityInput {
    pub template_id: String,
    pub spec: OpportunitySpec,
}

/// An editor issues an opportunity from an active template; it starts as a draft.
pub async fn create_opportunity(
    ctx: &Ctx,
    user: &User,
    input: OpportunityInput,
) -> Result<Opportunity, AppError> {
    let user = user.clone();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let spec = input.spec.check()?;
            let template = store::template(conn, &input.template_id)?.ok_or(AppError::NotFound)?;
            let org = organizations::load_by_id(conn, &template.organization_id)?;
            require_editor(conn, &org, &user)?;
            if template.state != TemplateState::Active {
                return Err(AppError::TemplateNotActive);
            }
            let id = insert_draft(conn, (&org.id, &template.id), &spec, &user, now)?;
            load_opportunity(conn, &id)
        })
        .await
}

/// Stores a checked `spec` as a draft of the organization and template `(org, template)`,
/// with its trail entry; returns its id. Also used for each occurrence of a series.
pub(super) fn insert_draft(
    conn: &mut DbConnection,
    (org, template): (&str, &str),
    spec: &OpportunitySpec,
    user: &User,
    now: NaiveDateTime,
) -> Result<String, AppError> {
    let by = user.id.to_string();
    let row = OpportunityRow {
        id: secrets::new_id(),
        organization_id: org.to_owned(),
        template_id: template.to_owned(),
        title_override: spec.title_override.clone(),
        place: spec.place.clone(),
        latitude: spec.point.map(|p| p.latitude),
        longitude: spec.point.map(|p| p.longitude),
        starts_at: spec.starts_at,
        ends_at: spec.ends_at,
        claim_deadline: spec.claim_deadline,
        capacity: spec.capacity,
        onsite_instructions: spec.onsite_instructions.clone(),
        state: OpportunityState::Draft,
        created_by: by.clone(),
        created_at: now,
        updated_at: now,
    };
    store::insert_opportunity(conn, &row)?;
    trail::record(
        conn,
        Subject::Opportunity,
        &row.id,
        "created",
        Some(&by),
        "",
        now,
    )?;
    Ok(row.id)
}

/// Publishes, closes or cancels an opportunity. Cancelling ends the claims not yet
/// submitted and notifies every claimant (see [`super::cancel_opportunity`] to give them
/// the reason).
pub async fn change_opportunity(
    ctx: &Ctx,
    user: &User,
    opportunity_id: &str,
    event: OpportunityEvent,
) -> Result<Opportunity, AppError> {
    let id = opportunity_id.to_owned();
    let user = user.clone();
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| apply_event(conn, &ctx2, &user, &id, event, None))
        .await
}

/// Moves an opportunity along its lifecycle inside the caller's transaction. `reason` is the
/// editor's own words for a cancellation: kept in the trail and told to every claimant.
pub(super) fn apply_event(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user: &User,
    id: &str,
    event: OpportunityEvent,
    reason: Option<&str>,
) -> Result<Opportunity, AppError> {
    let now = ctx.now();
    let opp = load_opportunity(conn, id)?;
    let org = organizations::load_by_id(conn, &opp.organization_id)?;
    require_editor(conn, &org, user)?;
    let to = opp.state.transition(event)?;
    if !store::set_opportunity_state(conn, id, opp.state, to, now)? {
        return Err(AppError::Conflict);
    }
    if to == OpportunityState::Published {
        super::require_answered(conn, id)?;
    }
    let verb = match to {
        OpportunityState::Published => Some(Verb::Create),
        OpportunityState::Closed => Some(Verb::Update),
        OpportunityState::Cancelled => Some(Verb::Delete),
        OpportunityState::Draft => None,
    };
    if let Some(verb) = verb {
        publications::publish(conn, Kind::Opportunity, id, verb, now)?;
    }
    let by = user.id.to_string();
    trail::record(
        conn,
        Subject::Opportunity,
        id,
        to.as_str(),
        Some(&by),
        reason.unwrap_or_default(),
        now,
    )?;
    if to == OpportunityState::Cancelled {
        for (claim, _) in claim_store::claims_on(conn, id)? {
            let progress = ClaimProgress {
                state: claim.state,
                submissions: u8::try_from(claim.submissions).unwrap_or(u8::MAX),
            };
            if let Ok(next) = progress.transition(ClaimEvent::Withdraw) {
                if claim_store::transition_claim(
                    conn,
                    &claim.id,
                    (progress.state.as_str(), claim.submissions),
                    (next.state.as_str(), i32::from(next.submissions)),
                    now,
                )? {
                    trail::record(
                        conn,
                        Subject::Claim,
                        &claim.id,
                        "withdrawn",
                        None,
                        "opportunity cancelled",
                        now,
                    )?;
                }
            }
            // The claim's calendar file, now STATUS:CANCELLED (issue 26).
            let file = crate::calendar_files::claim_file(conn, ctx, &claim.id, &opp, true, now)?;
            notifications::notify_with(
                conn,
                ctx,
                &claim.claimant_id,
                Notice {
                    kind: NoticeKind::OpportunityCancelled,
                    subject_id: id,
                    about: &opp.title,
                    link: format!("/opportunities/{id}"),
                    feedback: reason.filter(|r| !r.is_empty()),
                },
                &[file],
                now,
            )?;
        }
    }
    load_opportunity(conn, id)
}

/// An opportunity page's data; drafts only for the organization's members.
pub async fn opportunity(
    ctx: &Ctx,
    id: &str,
    viewer: Option<&User>,
) -> Result<Opportunity, AppError> {
    let id = id.to_owned();
    let viewer = viewer.cloned();
    ctx.run(move |conn| {
        let opp = load_opportunity(conn, &id)?;
        if opp.state == OpportunityState::Draft {
            let member = match &viewer {
                Some(v) => {
                    v.is_admin
                        || organizations::role_of(conn, &opp.organization_id, &v.id.to_string())?
                            .is_some()
                }
                None => false,
            };
            if !member {
                return Err(AppError::NotFound);
            }
        }
        Ok(opp)
    })
    .await
}

/// The catalog's filters as people choose them.
#[derive(Debug, Clone, Default)]
pub struct CatalogQuery {
    pub category: Option<String>,
    pub organization: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    pub text: Option<String>,
    pub open_slots_only: bool,
    /// 1-based.
    pub page: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogPage {
    pub items: Vec<Opportunity>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

pub const CATALOG_PAGE_SIZE: i64 = 20;

/// The catalog's filter for people's choices: published opportunities that have not ended.
fn public_filter(
    conn: &mut DbConnection,
    query: &CatalogQuery,
    now: NaiveDateTime,
) -> Result<CatalogFilter, AppError> {
    let organization_id = match &query.organization {
        Some(handle) => Some(organizations::load(conn, handle)?.id),
        None => None,
    };
    Ok(CatalogFilter {
        category: query.category.clone().filter(|c| !c.is_empty()),
        organization_id,
        from: query.from,
        until: query.until,
        text: query
            .text
            .clone()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        open_slots_only: query.open_slots_only,
        not_ended_by: Some(now),
        states: vec![OpportunityState::Published],
        after: None,
    })
}

/// Published opportunities that have not ended, soonest first, a page at a time: the
/// number of matches, then the page with its organizations and places taken.
pub async fn catalog(ctx: &Ctx, query: CatalogQuery) -> Result<CatalogPage, AppError> {
    let now = ctx.now();
    let reference = ctx.reference_cache.clone();
    ctx.run(move |conn| {
        let multipliers = &reference.current(conn)?.multipliers;
        let filter = public_filter(conn, &query, now)?;
        let total = store::catalog_count(conn, &filter)?;
        let pages = pages_of(total);
        let page = query.page.clamp(1, pages);
        let offset = (page - 1) * CATALOG_PAGE_SIZE;
        let lines = store::counted_page(conn, &filter, CATALOG_PAGE_SIZE, offset)?;
        Ok(CatalogPage {
            items: from_counted(lines, multipliers)?,
            total,
            page,
            pages,
        })
    })
    .await
}

/// How many pages `total` lines fill (at least one, which may be empty).
fn pages_of(total: i64) -> i64 {
    ((total + CATALOG_PAGE_SIZE - 1) / CATALOG_PAGE_SIZE).max(1)
}

/// Where a slice of the catalog ends: the last line's start and id.
pub type CatalogCursor = (NaiveDateTime, String);

/// The catalog as a client pages through it: up to `limit` opportunities after `after`,
/// soonest first, and the cursor of the next slice when there is one. Unlike page numbers,
/// a cursor neither skips nor repeats lines when opportunities are published meanwhile.
pub async fn catalog_after(
    ctx: &Ctx,
    query: CatalogQuery,
    after: Option<CatalogCursor>,
    limit: i64,
) -> Result<(Vec<Opportunity>, Option<CatalogCursor>), AppError> {
    let now = ctx.now();
    let limit = limit.clamp(1, 100);
    let reference = ctx.reference_cache.clone();
    ctx.run(move |conn| {
        let multipliers = &reference.current(conn)?.multipliers;
        let filter = CatalogFilter {
            after,
            ..public_filter(conn, &query, now)?
        };
        let mut lines = store::counted_page(conn, &filter, limit + 1, 0)?;
        let more = lines.len() as i64 > limit;
        lines.truncate(limit as usize);
        let items = from_counted(lines, multipliers)?;
        let next = match items.last() {
            Some(last) if more => Some((last.starts_at, last.id.clone())),
            _ => None,
        };
        Ok((items, next))
    })
    .await
}

/// An organization's opportunities for its console: every state, newest first.
pub async fn opportunities_of(
    ctx: &Ctx,
    org: &Organization,
    include_unpublished: bool,
) -> Result<Vec<Opportunity>, AppError> {
    let org_id = org.id.clone();
    let reference = ctx.reference_cache.clone();
    ctx.run(move |conn| {
        let multipliers = &reference.current(conn)?.multipliers;
        let states = if include_unpublished {
            OpportunityState::ALL.to_vec()
        } else {
            vec![OpportunityState::Published, OpportunityState::Closed]
        };
        let filter = CatalogFilter {
            organization_id: Some(org_id.clone()),
            states,
            ..CatalogFilter::default()
        };
        let lines = store::counted_page(conn, &filter, 200, 0)?;
        from_counted(lines, multipliers)
    })
    .await
}
