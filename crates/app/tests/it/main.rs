//! The integration tests of citysync-app, one binary (see ../DO_NOT_ADD_MORE_TESTS_HERE):
//! the use cases against real SQLite and PostgreSQL, one module per area.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod accounts;
mod calendar_mail;
mod caps;
mod catalog_places;
mod check_in;
mod city_clock;
mod coissue;
mod data_rights;
mod domains;
mod eligibility;
mod epoch_clock;
mod governance;
mod held;
mod identity;
mod ledger;
mod ledger_simulation;
mod ledger_writer;
mod messages;
mod oauth;
mod overlap;
mod parties;
mod photos;
mod privacy_notice;
mod privileged_log;
mod proof_notices;
mod protocol;
mod recurring;
mod reminders;
mod retention;
mod second_factor;
mod translations;
mod transparency;
mod waitlist;
mod witness;
mod work;
mod work_notices;
