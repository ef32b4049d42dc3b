//! Task templates (with their versions), opportunities, the public catalog query and the
//! city's taxonomy extensions.

use crate::schema::{
    claims, opportunities, organizations, reference_version, remote_participations,
    taxonomy_extensions, template_versions, templates,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::lifecycle::RemoteParticipationState;
use citysync_domain::lifecycle::TemplateState;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

/// The claim states that hold a slot of an opportunity's capacity (as `ClaimProgress::holds_slot`).
pub const ACTIVE_CLAIM_STATES: [&str; 4] = ["claimed", "submitted", "rejected", "verified"];

type DbBackend = <DbConnection as diesel::Connection>::Backend;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = templates)]
pub struct TemplateRow {
    pub id: String,
    pub organization_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: TemplateState,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = template_versions)]
pub struct TemplateVersionRow {
    pub template_id: String,
    pub version: i32,
    pub title: String,
    pub summary: String,
    pub instructions: String,
    pub category: String,
    pub outcome_unit: String,
    pub expected_outcome: f64,
    pub verification_method: String,
    pub proof_kinds: String,
    pub reward_city: i64,
    pub reward_vote: i64,
    pub estimated_minutes: i32,
    pub accessibility_notes: String,
    pub extra_fields: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_template(
    conn: &mut DbConnection,
    template: &TemplateRow,
    version: &TemplateVersionRow,
) -> Result<(), StorageError> {
    diesel::insert_into(templates::table)
        .values(template.clone())
        .execute(conn)?;
    diesel::insert_into(template_versions::table)
        .values(version)
        .execute(conn)?;
    Ok(())
}

pub fn template(conn: &mut DbConnection, id: &str) -> Result<Option<TemplateRow>, StorageError> {
    Ok(templates::table
        .find(id)
        .select(TemplateRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn template_version(
    conn: &mut DbConnection,
    id: &str,
    version: i32,
) -> Result<Option<TemplateVersionRow>, StorageError> {
    Ok(template_versions::table
        .find((id, version))
        .select(TemplateVersionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Every version of a template, newest first.
pub fn template_history(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Vec<TemplateVersionRow>, StorageError> {
    Ok(template_versions::table
        .filter(template_versions::template_id.eq(id))
        .order(template_versions::version.desc())
        .select(TemplateVersionRow::as_select())
        .load(conn)?)
}

/// Replaces the content of the current version in place (a draft's edits).
pub fn overwrite_version(
    conn: &mut DbConnection,
    row: &TemplateVersionRow,
) -> Result<(), StorageError> {
    diesel::update(template_versions::table.find((&row.template_id, row.version)))
        .set(row)
        .execute(conn)?;
    Ok(())
}

/// Adds a new version and points the template at it.
pub fn add_version(
    conn: &mut DbConnection,
    row: &TemplateVersionRow,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    diesel::insert_into(template_versions::table)
        .values(row)
        .execute(conn)?;
    diesel::update(templates::table.find(&row.template_id))
        .set((
            templates::version.eq(row.version),
            templates::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Moves a template from `from` to `to`; false if its state had changed meanwhile.
pub fn set_template_state(
    conn: &mut DbConnection,
    id: &str,
    from: TemplateState,
    to: TemplateState,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        templates::table
            .filter(templates::id.eq(id))
            .filter(templates::state.eq(from.as_str())),
    )
    .set((
        templates::state.eq(to.as_str()),
        templates::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// An organization's templates with their current version (`states` filters).
pub fn templates_of(
    conn: &mut DbConnection,
    organization_id: &str,
    states: &[TemplateState],
) -> Result<Vec<(TemplateRow, TemplateVersionRow)>, StorageError> {
    let states: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
    Ok(templates::table
        .inner_join(
            template_versions::table.on(template_versions::template_id
                .eq(templates::id)
                .and(template_versions::version.eq(templates::version))),
        )
        .filter(templates::organization_id.eq(organization_id))
        .filter(templates::state.eq_any(states))
        .order(template_versions::title.asc())
        .select((TemplateRow::as_select(), TemplateVersionRow::as_select()))
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = opportunities)]
#[diesel(treat_none_as_null = true)]
pub struct OpportunityRow {
    pub id: String,
    pub organization_id: String,
    pub template_id: String,
    pub title_override: Option<String>,
    pub place: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub claim_deadline: NaiveDateTime,
    pub capacity: i32,
    pub onsite_instructions: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: OpportunityState,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert_opportunity(
    conn: &mut DbConnection,
    row: &OpportunityRow,
) -> Result<(), StorageError> {
    diesel::insert_into(opportunities::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn update_opportunity(
    conn: &mut DbConnection,
    row: &OpportunityRow,
) -> Result<(), StorageError> {
    diesel::update(opportunities::table.find(&row.id))
        .set(row.clone())
        .execute(conn)?;
    Ok(())
}

pub fn opportunity(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<OpportunityRow>, StorageError> {
    Ok(opportunities::table
        .find(id)
        .select(OpportunityRow::as_select())
        .first(conn)
        .optional()?)
}

/// Reads an opportunity for a claim and, on PostgreSQL, locks its row until the transaction
/// ends, so concurrent claims on it queue up (SQLite's `BEGIN IMMEDIATE` already serializes
/// writers).
pub fn opportunity_for_claim(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<OpportunityRow>, StorageError> {
    match conn {
        DbConnection::Postgresql(pg) => Ok(opportunities::table
            .find(id)
            .select(OpportunityRow::as_select())
            .for_update()
            .first(pg)
            .optional()?),
        DbConnection::Sqlite(_) => opportunity(conn, id),
    }
}

pub fn set_opportunity_state(
    conn: &mut DbConnection,
    id: &str,
    from: OpportunityState,
    to: OpportunityState,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let n = diesel::update(
        opportunities::table
            .filter(opportunities::id.eq(id))
            .filter(opportunities::state.eq(from.as_str())),
    )
    .set((
        opportunities::state.eq(to.as_str()),
        opportunities::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Active claims per opportunity, for the given opportunities.
/// The places taken of each opportunity in `ids` (see [`active_claim_count`]); opportunities
/// with none are left out.
pub fn active_claim_counts(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<Vec<(String, i64)>, StorageError> {
    let local: Vec<(String, Option<i64>)> = claims::table
        .filter(claims::opportunity_id.eq_any(ids))
        .filter(claims::state.eq_any(ACTIVE_CLAIM_STATES))
        .filter(not_rejected_for_good())
        .group_by(claims::opportunity_id)
        .select((claims::opportunity_id, diesel::dsl::sum(claims::party_size)))
        .load(conn)?;
    let local = local.into_iter().map(|(id, n)| (id, n.unwrap_or(0)));
    let remote: Vec<(String, i64)> = remote_participations::table
        .filter(remote_participations::opportunity_id.eq_any(ids))
        .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str()))
        .group_by(remote_participations::opportunity_id)
        .select((
            remote_participations::opportunity_id,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let offered = crate::waitlist::offered_counts(conn, ids)?;
    let mut taken: std::collections::BTreeMap<String, i64> = local.collect();
    for (id, n) in remote.into_iter().chain(offered) {
        *taken.entry(id).or_insert(0) += n;
    }
    Ok(taken.into_iter().collect())
}

/// The places taken of an opportunity: its active claims (residents of this city, a group
/// claim holding its party's size, a claim rejected for good none), its joined remote
/// participants (fediverse accounts, issue 24) and the places offered to its waiting list.
/// The one count that capacity is checked against, by a local claim and a remote `Join`
/// alike, under the same lock.
pub fn active_claim_count(conn: &mut DbConnection, id: &str) -> Result<i64, StorageError> {
    let local: Option<i64> = claims::table
        .filter(claims::opportunity_id.eq(id))
        .filter(claims::state.eq_any(ACTIVE_CLAIM_STATES))
        .filter(not_rejected_for_good())
        .select(diesel::dsl::sum(claims::party_size))
        .first(conn)?;
    let local = local.unwrap_or(0) + crate::waitlist::offered_count(conn, id)?;
    let remote: i64 = remote_participations::table
        .filter(remote_participations::opportunity_id.eq(id))
        .filter(remote_participations::state.eq(RemoteParticipationState::Joined.as_str()))
        .count()
        .get_result(conn)?;
    Ok(local + remote)
}

/// A rejected claim whose resubmissions are used up (`ClaimProgress::MAX_SUBMISSIONS`)
/// keeps its place in [`ACTIVE_CLAIM_STATES`] for its resident, but no longer takes one.
pub const FINAL_REJECTION_SUBMISSIONS: i32 = 2;

type RejectedForGood = diesel::dsl::And<
    diesel::dsl::Eq<claims::state, &'static str>,
    diesel::dsl::GtEq<claims::submissions, i32>,
>;

fn not_rejected_for_good() -> diesel::dsl::not<RejectedForGood> {
    diesel::dsl::not(
        claims::state
            .eq("rejected")
            .and(claims::submissions.ge(FINAL_REJECTION_SUBMISSIONS)),
    )
}

/// What the public catalog can be filtered by.
#[derive(Debug, Clone, Default)]
pub struct CatalogFilter {
    pub category: Option<String>,
    pub organization_id: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    /// Matched, case-insensitively, against title, summary and place.
    pub text: Option<String>,
    pub open_slots_only: bool,
    /// Only opportunities that have not ended by this time.
    pub not_ended_by: Option<NaiveDateTime>,
    pub states: Vec<OpportunityState>,
    /// Only lines after this one in catalog order (start, then id): a keyset cursor.
    pub after: Option<(NaiveDateTime, String)>,
}

/// One catalog line: the opportunity, its template's current version, and its organization's
/// handle and name.
pub type CatalogLine = (OpportunityRow, TemplateVersionRow, String, String);

/// The catalog query with the filter applied, boxed; `$select` picks the columns.
macro_rules! filtered_catalog {
    ($filter:expr) => {{
        let filter: &CatalogFilter = $filter;
        let mut query = opportunities::table
            .inner_join(templates::table.on(templates::id.eq(opportunities::template_id)))
            .inner_join(
                template_versions::table.on(template_versions::template_id
                    .eq(templates::id)
                    .and(template_versions::version.eq(templates::version))),
            )
            .inner_join(
                organizations::table.on(organizations::id.eq(opportunities::organization_id)),
            )
            .into_boxed::<DbBackend>();
        if !filter.states.is_empty() {
            let states: Vec<&str> = filter.states.iter().map(|s| s.as_str()).collect();
            query = query.filter(opportunities::state.eq_any(states));
        }
        if let Some(category) = &filter.category {
            query = query.filter(template_versions::category.eq(category.clone()));
        }
        if let Some(org) = &filter.organization_id {
            query = query.filter(opportunities::organization_id.eq(org.clone()));
        }
        if let Some(from) = filter.from {
            query = query.filter(opportunities::ends_at.ge(from));
        }
        if let Some(until) = filter.until {
            query = query.filter(opportunities::starts_at.le(until));
        }
        if let Some(at) = filter.not_ended_by {
            query = query.filter(opportunities::ends_at.gt(at));
        }
        if let Some(text) = &filter.text {
            let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
            query = query.filter(
                diesel::dsl::sql::<Bool>(
                    "(LOWER(COALESCE(opportunities.title_override, '')) LIKE ",
                )
                .bind::<diesel::sql_types::Text, _>(pattern.clone())
                .sql(" ESCAPE '\\' OR LOWER(template_versions.title) LIKE ")
                .bind::<diesel::sql_types::Text, _>(pattern.clone())
                .sql(" ESCAPE '\\' OR LOWER(template_versions.summary) LIKE ")
                .bind::<diesel::sql_types::Text, _>(pattern.clone())
                .sql(" ESCAPE '\\' OR LOWER(opportunities.place) LIKE ")
                .bind::<diesel::sql_types::Text, _>(pattern)
                .sql(" ESCAPE '\\')"),
            );
        }
        if let Some((starts_at, id)) = &filter.after {
            query = query.filter(
                opportunities::starts_at
                    .gt(*starts_at)
                    .or(opportunities::starts_at
                        .eq(*starts_at)
                        .and(opportunities::id.gt(id.clone()))),
            );
        }
        if filter.open_slots_only {
            query = query.filter(sql::<Bool>(&format!(
                "opportunities.capacity > {PLACES_TAKEN}"
            )));
        }
        query
    }};
}

/// `%`, `_` and `\` typed by a person match themselves.
fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A page of the catalog, soonest first, without the places taken: the overlap reports read
/// up to 2 000 lines and need no counts, so they skip [`counted_page`]'s three subqueries a
/// line.
pub fn catalog_page(
    conn: &mut DbConnection,
    filter: &CatalogFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<CatalogLine>, StorageError> {
    Ok(filtered_catalog!(filter)
        .order((opportunities::starts_at.asc(), opportunities::id.asc()))
        .limit(limit)
        .offset(offset)
        .select((
            OpportunityRow::as_select(),
            TemplateVersionRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .load(conn)?)
}

/// The places taken of the catalog query's opportunity, as SQL: what [`active_claim_count`]
/// counts (its states and constants, spelled out; a test compares the two on every kind of
/// place), for a whole page in the page's own query.
const PLACES_TAKEN: &str = "CAST((SELECT COALESCE(SUM(c.party_size), 0) FROM claims c \
     WHERE c.opportunity_id = opportunities.id \
     AND c.state IN ('claimed', 'submitted', 'rejected', 'verified') \
     AND NOT (c.state = 'rejected' AND c.submissions >= 2)) \
     + (SELECT COUNT(*) FROM remote_participations r \
     WHERE r.opportunity_id = opportunities.id AND r.state = 'joined') \
     + (SELECT COUNT(*) FROM waitlist_entries w \
     WHERE w.opportunity_id = opportunities.id AND w.state = 'offered') AS BIGINT)";

/// A catalog line with the places its opportunity has taken.
pub type CountedLine = (CatalogLine, i64);

/// A page of the catalog as people read it, soonest first, each line with its places taken
/// in the same query. (The number of matches is [`catalog_count`]'s: counting them in this
/// query with a window function made SQLite materialize and sort every match before the
/// page, measured slower than the two queries.)
pub fn counted_page(
    conn: &mut DbConnection,
    filter: &CatalogFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<CountedLine>, StorageError> {
    let rows: Vec<(OpportunityRow, TemplateVersionRow, String, String, i64)> =
        filtered_catalog!(filter)
            .order((opportunities::starts_at.asc(), opportunities::id.asc()))
            .limit(limit)
            .offset(offset)
            .select((
                OpportunityRow::as_select(),
                TemplateVersionRow::as_select(),
                organizations::handle,
                organizations::name,
                sql::<BigInt>(PLACES_TAKEN),
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, version, handle, name, taken)| ((row, version, handle, name), taken))
        .collect())
}

/// How many opportunities the filter matches.
pub fn catalog_count(conn: &mut DbConnection, filter: &CatalogFilter) -> Result<i64, StorageError> {
    Ok(filtered_catalog!(filter).count().get_result(conn)?)
}

/// One opportunity as a catalog line.
pub fn catalog_line(
    conn: &mut DbConnection,
    id: &str,
) -> Result<Option<CatalogLine>, StorageError> {
    Ok(filtered_catalog!(&CatalogFilter::default())
        .filter(opportunities::id.eq(id.to_owned()))
        .select((
            OpportunityRow::as_select(),
            TemplateVersionRow::as_select(),
            organizations::handle,
            organizations::name,
        ))
        .first(conn)
        .optional()?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = taxonomy_extensions)]
pub struct TaxonomyExtensionRow {
    pub category: String,
    pub unit: String,
    pub category_name_en: String,
    pub category_name_es: String,
    pub unit_name_en: String,
    pub unit_name_es: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

pub fn taxonomy_extensions(
    conn: &mut DbConnection,
) -> Result<Vec<TaxonomyExtensionRow>, StorageError> {
    Ok(taxonomy_extensions::table
        .order((
            taxonomy_extensions::category.asc(),
            taxonomy_extensions::unit.asc(),
        ))
        .select(TaxonomyExtensionRow::as_select())
        .load(conn)?)
}

/// The version of the reference data a catalog page reads (the taxonomy extensions and the
/// city's parameters): triggers bump it with every change of either, in the changing
/// transaction.
pub fn reference_version(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(reference_version::table
        .find(1)
        .select(reference_version::version)
        .first(conn)?)
}

pub fn add_taxonomy_extension(
    conn: &mut DbConnection,
    row: &TaxonomyExtensionRow,
) -> Result<(), StorageError> {
    diesel::insert_into(taxonomy_extensions::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

/// The remote template a local one was copied from, if any.
pub fn adapted_from(
    conn: &mut DbConnection,
    template_id: &str,
) -> Result<Option<String>, StorageError> {
    Ok(templates::table
        .find(template_id)
        .select(templates::adapted_from)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

pub fn set_adapted_from(
    conn: &mut DbConnection,
    template_id: &str,
    origin: &str,
) -> Result<(), StorageError> {
    diesel::update(templates::table.find(template_id))
        .set(templates::adapted_from.eq(Some(origin)))
        .execute(conn)?;
    Ok(())
}
