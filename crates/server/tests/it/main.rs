//! The integration tests of citysync-server, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE):
//! one module per area, each driving a real server in-process (crates/test-support).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod account_hardening;
mod admin_city_users;
mod admin_home;
mod api_client_journey;
mod api_contract;
mod api_governance;
mod api_ledger;
mod api_surface;
mod api_walk;
mod architecture;
mod assets;
mod budget_pool;
mod calendar_files;
mod calendar_map;
mod city_clock;
mod civic_pages;
mod coissue_pages;
mod config;
mod coordination;
mod correction;
mod crawl;
mod data_rights_pages;
mod digest_choice;
mod eligibility_pages;
mod federation_pages;
mod fediverse_link;
mod governance_flow;
mod governance_kinds;
mod hours_record;
mod idempotency_crash;
mod identity_methods;
mod identity_pages;
mod integrity_report;
mod ledger_cli;
mod ledger_flow;
mod migrate_data;
mod notification_count;
mod oauth_consent;
mod oauth_endpoints;
mod open_data;
mod operations;
mod phone_home;
mod privacy_pages;
mod privileged_log_pages;
mod proof_timing;
mod protocol_admin;
mod remote_join;
mod resident_caps;
mod second_factor_pages;
mod settlement;
mod translation_pages;
mod transparency_pages;
mod unsolicited;
mod waitlist_pages;
mod web;
mod work_flow;
