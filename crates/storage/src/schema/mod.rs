//! The diesel schema, written by hand for both backends: only SQL types SQLite and
//! PostgreSQL share (ids are UUID text, times UTC `TIMESTAMP` set from Rust).
//!
//! One file per area; every table is re-exported here, where the joins between areas and
//! the tables that may share a query are declared.

mod accounts;
mod calendar;
mod check_in;
mod civic;
mod eligibility;
mod federation;
mod governance;
mod identity;
mod ledger;
mod notices;
mod oauth;
mod privacy;
mod privileged_log;
mod second_factor;
mod waitlist;
mod witness;

pub use accounts::*;
pub use calendar::*;
pub use check_in::*;
pub use civic::*;
pub use eligibility::*;
pub use federation::*;
pub use governance::*;
pub use identity::*;
pub use ledger::*;
pub use notices::*;
pub use oauth::*;
pub use privacy::*;
pub use privileged_log::*;
pub use second_factor::*;
pub use waitlist::*;
pub use witness::*;

diesel::joinable!(oauth_grants -> oauth_apps (client_id));
diesel::joinable!(oauth_tokens -> oauth_grants (grant_id));

diesel::joinable!(offerings -> organizations (organization_id));
diesel::joinable!(proposals -> cycles (cycle_id));
diesel::joinable!(proposals -> users (author_id));
diesel::joinable!(proposal_comments -> users (author_id));
diesel::joinable!(vote_snapshots -> users (user_id));
diesel::joinable!(offering_commitments -> offerings (offering_id));
diesel::joinable!(redemptions -> offerings (offering_id));
diesel::joinable!(memberships -> organizations (organization_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(invitations -> organizations (organization_id));
diesel::joinable!(opportunities -> organizations (organization_id));
diesel::joinable!(opportunities -> templates (template_id));
diesel::joinable!(templates -> organizations (organization_id));
diesel::joinable!(template_adoptions -> templates (template_id));
diesel::joinable!(claims -> opportunities (opportunity_id));
diesel::joinable!(claims -> users (claimant_id));
diesel::joinable!(remote_participations -> opportunities (opportunity_id));
diesel::joinable!(submissions -> claims (claim_id));
diesel::joinable!(submission_photos -> submissions (submission_id));

diesel::allow_tables_to_appear_in_same_query!(privileged_actions, users);
diesel::allow_tables_to_appear_in_same_query!(privacy_acceptances, users);

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    email_tokens,
    api_tokens,
    fediverse_links,
    fediverse_link_requests,
    identity_verifications,
    identity_conflicts,
    organizations,
    memberships,
    invitations,
    templates,
    template_versions,
    opportunities,
    opportunity_partners,
    claims,
    waitlist_entries,
    remote_participations,
    submissions,
    submission_photos,
    contributions,
    held_rewards,
    claim_reminders,
    check_in_posters,
    check_in_distances,
    attendance_confirmations,
    notices_sent,
    notification_digests,
    notifications,
    audit_trail,
    offerings,
    offering_commitments,
    redemptions,
    issuer_budgets,
    cycles,
    proposals,
    vote_snapshots,
    ballots,
    proposal_comments,
    comment_reports,
    moderation_log,
    city_parameters,
    parameter_changes,
    adopted_models,
    ledger_accounts,
    publications,
    remote_objects,
    template_adoptions,
    domain_policies,
    peers,
    oauth_apps,
    oauth_grants,
    oauth_codes,
    oauth_tokens,
    api_idempotency,
    witnessed_checkpoints,
    checkpoint_equivocations,
    checkpoint_witnesses,
    template_requirements,
    template_waivers,
    qualifications,
    template_qualifications,
    qualification_grants,
    birth_dates,
    guardian_consents,
    waiver_acceptances,
    opportunity_series,
    mail_attachments,
    calendar_feeds,
);
