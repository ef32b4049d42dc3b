//! Open data: every public record of the city, read a slice at a time in a stable order
//! (keyset: rows after the last key seen), so an export of any size is read in bounded
//! memory, and the newest published opportunities for the Atom feeds.
//!
//! Only what the public pages show is selected here: approved organizations, templates that
//! are active or retired, opportunities that were published, verified contributions and
//! closed proposals. What may leave the city and how is decided by the caller in `app`.

use crate::catalog::{OpportunityRow, TemplateRow, TemplateVersionRow};
use crate::claims::ContributionRow;
use crate::epochs::EpochRow;
use crate::governance::{CycleRow, ProposalRow};
use crate::ledger::CheckpointRow;
use crate::organizations::OrganizationRow;
use crate::schema::{
    audit_trail, contributions, cycles, epochs, ledger_checkpoints, ledger_entries, opportunities,
    organizations, proposals, template_versions, templates, users,
};
use crate::{DbConnection, StorageError};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Opportunities the public has seen: every state but `draft`.
pub const PUBLIC_OPPORTUNITY_STATES: [&str; 3] = ["published", "closed", "cancelled"];
/// Templates the public sees: every state but `draft`.
pub const PUBLIC_TEMPLATE_STATES: [&str; 2] = ["active", "retired"];
/// Proposals whose vote is over.
pub const CLOSED_PROPOSAL_STATES: [&str; 3] = ["passed", "rejected", "no_quorum"];

const APPROVED: &str = "approved";

/// Approved organizations by handle, after `after`.
pub fn organizations_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<Vec<OrganizationRow>, StorageError> {
    Ok(organizations::table
        .filter(organizations::state.eq(APPROVED))
        .filter(organizations::handle.gt(after))
        .order(organizations::handle.asc())
        .limit(limit)
        .select(OrganizationRow::as_select())
        .load(conn)?)
}

pub fn count_organizations(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(organizations::table
        .filter(organizations::state.eq(APPROVED))
        .count()
        .get_result(conn)?)
}

/// A public template: the template, its current version, where it was adapted from and its
/// organization's handle.
pub type TemplateLine = (TemplateRow, TemplateVersionRow, Option<String>, String);

/// Public templates of approved organizations by id, after `after`.
pub fn templates_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<Vec<TemplateLine>, StorageError> {
    Ok(templates::table
        .inner_join(
            template_versions::table.on(template_versions::template_id
                .eq(templates::id)
                .and(template_versions::version.eq(templates::version))),
        )
        .inner_join(organizations::table)
        .filter(organizations::state.eq(APPROVED))
        .filter(templates::state.eq_any(PUBLIC_TEMPLATE_STATES))
        .filter(templates::id.gt(after))
        .order(templates::id.asc())
        .limit(limit)
        .select((
            TemplateRow::as_select(),
            TemplateVersionRow::as_select(),
            templates::adapted_from,
            organizations::handle,
        ))
        .load(conn)?)
}

pub fn count_templates(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(templates::table
        .inner_join(organizations::table)
        .filter(organizations::state.eq(APPROVED))
        .filter(templates::state.eq_any(PUBLIC_TEMPLATE_STATES))
        .count()
        .get_result(conn)?)
}

/// A public opportunity: the opportunity, its template's current version, its
/// organization's handle and name, and when it was published.
pub type OpportunityLine = (
    OpportunityRow,
    TemplateVersionRow,
    String,
    String,
    Option<NaiveDateTime>,
);

/// Opportunities of approved organizations with their template's current version, their
/// organization and their publication in the trail (if any), boxed.
macro_rules! public_opportunities {
    () => {
        opportunities::table
            .inner_join(templates::table)
            .inner_join(
                template_versions::table.on(template_versions::template_id
                    .eq(templates::id)
                    .and(template_versions::version.eq(templates::version))),
            )
            .inner_join(organizations::table)
            .left_join(
                audit_trail::table.on(audit_trail::subject_id
                    .eq(opportunities::id)
                    .and(audit_trail::subject_kind.eq("opportunity"))
                    .and(audit_trail::action.eq("published"))),
            )
            .filter(organizations::state.eq(APPROVED))
            .select((
                OpportunityRow::as_select(),
                TemplateVersionRow::as_select(),
                organizations::handle,
                organizations::name,
                audit_trail::occurred_at.nullable(),
            ))
            .into_boxed::<<DbConnection as diesel::Connection>::Backend>()
    };
}

/// Opportunities of approved organizations that were published (whatever became of them
/// since) by id, after `after`.
pub fn opportunities_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<Vec<OpportunityLine>, StorageError> {
    Ok(public_opportunities!()
        .filter(opportunities::state.eq_any(PUBLIC_OPPORTUNITY_STATES))
        .filter(opportunities::id.gt(after.to_owned()))
        .order(opportunities::id.asc())
        .limit(limit)
        .load(conn)?)
}

pub fn count_opportunities(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(opportunities::table
        .inner_join(organizations::table)
        .filter(organizations::state.eq(APPROVED))
        .filter(opportunities::state.eq_any(PUBLIC_OPPORTUNITY_STATES))
        .count()
        .get_result(conn)?)
}

/// The `limit` opportunities published most recently and still published, newest first,
/// of one organization or of the whole city.
pub fn newest_published(
    conn: &mut DbConnection,
    organization_id: Option<&str>,
    limit: i64,
) -> Result<Vec<OpportunityLine>, StorageError> {
    let mut query = public_opportunities!()
        .filter(opportunities::state.eq("published"))
        .filter(audit_trail::occurred_at.nullable().is_not_null());
    if let Some(id) = organization_id {
        query = query.filter(opportunities::organization_id.eq(id.to_owned()));
    }
    Ok(query
        .order((
            audit_trail::occurred_at.nullable().desc(),
            opportunities::id.desc(),
        ))
        .limit(limit)
        .load(conn)?)
}

/// Verified contributions with their organization's handle, by id, after `after`.
pub fn contributions_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<Vec<(ContributionRow, String)>, StorageError> {
    Ok(contributions::table
        .inner_join(organizations::table.on(organizations::id.eq(contributions::organization_id)))
        .filter(contributions::id.gt(after))
        .order(contributions::id.asc())
        .limit(limit)
        .select((ContributionRow::as_select(), organizations::handle))
        .load(conn)?)
}

pub fn count_contributions(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(contributions::table.count().get_result(conn)?)
}

/// Closed proposals with their cycle, by id, after `after`.
pub fn closed_proposals_after(
    conn: &mut DbConnection,
    after: &str,
    limit: i64,
) -> Result<Vec<(ProposalRow, CycleRow)>, StorageError> {
    Ok(proposals::table
        .inner_join(cycles::table)
        .filter(proposals::state.eq_any(CLOSED_PROPOSAL_STATES))
        .filter(proposals::id.gt(after))
        .order(proposals::id.asc())
        .limit(limit)
        .select((ProposalRow::as_select(), CycleRow::as_select()))
        .load(conn)?)
}

pub fn count_closed_proposals(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(proposals::table
        .filter(proposals::state.eq_any(CLOSED_PROPOSAL_STATES))
        .count()
        .get_result(conn)?)
}

/// The organizations' handles by id (for the handles of budget options' and figures' rows).
pub fn handles(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<Vec<(String, String)>, StorageError> {
    Ok(organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::handle))
        .load(conn)?)
}

/// Signed checkpoints, oldest first, after checkpoint `after`.
pub fn checkpoints_after(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<CheckpointRow>, StorageError> {
    Ok(ledger_checkpoints::table
        .filter(ledger_checkpoints::id.gt(after))
        .order(ledger_checkpoints::id.asc())
        .limit(limit)
        .select(CheckpointRow::as_select())
        .load(conn)?)
}

pub fn count_checkpoints(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(ledger_checkpoints::table.count().get_result(conn)?)
}

/// Epochs, oldest first, after epoch `after`.
pub fn epochs_after(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<EpochRow>, StorageError> {
    Ok(epochs::table
        .filter(epochs::number.gt(after))
        .order(epochs::number.asc())
        .limit(limit)
        .select(EpochRow::as_select())
        .load(conn)?)
}

/// Which of `user_ids` made their profile public (named on their work's attestations).
pub fn public_profiles(
    conn: &mut DbConnection,
    user_ids: &[String],
) -> Result<Vec<String>, StorageError> {
    Ok(users::table
        .filter(users::id.eq_any(user_ids))
        .filter(users::public_profile.eq(true))
        .select(users::id)
        .load(conn)?)
}

/// The organizations (ids) and the categories an epoch's entries so far speak of, as
/// `ledger::Figures` breaks them down: any entry's organization, a mint's category.
pub fn epoch_breakdown(
    conn: &mut DbConnection,
    epoch: i64,
) -> Result<(Vec<String>, Vec<String>), StorageError> {
    let organizations: Vec<Option<String>> = ledger_entries::table
        .filter(ledger_entries::epoch.eq(epoch))
        .filter(ledger_entries::organization_id.is_not_null())
        .select(ledger_entries::organization_id)
        .distinct()
        .load(conn)?;
    let categories: Vec<Option<String>> = ledger_entries::table
        .filter(ledger_entries::epoch.eq(epoch))
        .filter(ledger_entries::kind.eq("mint"))
        .filter(ledger_entries::category.is_not_null())
        .select(ledger_entries::category)
        .distinct()
        .load(conn)?;
    Ok((
        organizations.into_iter().flatten().collect(),
        categories.into_iter().flatten().collect(),
    ))
}

pub fn count_epochs(conn: &mut DbConnection) -> Result<i64, StorageError> {
    Ok(epochs::table.count().get_result(conn)?)
}
