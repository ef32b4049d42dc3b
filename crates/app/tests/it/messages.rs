//! Every error code a person can be shown has a message in every locale.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use citysync_app::AppError;
use citysync_i18n::{I18n, Locale};

#[test]
fn every_error_code_has_a_message_in_every_locale() {
    let i18n = I18n::load().unwrap();
    let mut missing = Vec::new();
    for code in AppError::all_codes() {
        for locale in Locale::known() {
            if !i18n.has_message(locale, code) {
                missing.push(format!("{code} ({locale})"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "error codes without a message: {missing:?}"
    );
}

#[test]
fn every_category_and_unit_of_the_taxonomy_has_a_name_in_every_locale() {
    let i18n = I18n::load().unwrap();
    let taxonomy = citysync_domain::taxonomy::Taxonomy::shipped().unwrap();
    let mut missing = Vec::new();
    for id in taxonomy.message_ids() {
        for locale in Locale::known() {
            if !i18n.has_message(locale, &id) {
                missing.push(format!("{id} ({locale})"));
            }
        }
    }
    assert!(missing.is_empty(), "taxonomy names missing: {missing:?}");
}
