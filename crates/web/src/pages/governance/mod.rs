//! Governance (docs/architecture.md, "Governance"): decision cycles and their timeline, proposals of four kinds, the
//! ballot of each voting method, the tallies, threaded deliberation with its public
//! moderation log, and the city parameters in force with the decisions that set them.
//!
//! Pages only: every rule (phases, eligibility, credits, who may do what) is the `app`
//! layer's; a refused form shows its localized reason and changes nothing.

mod ballots;
mod comments;
mod cycles;
mod parameters;
mod proposal_page;
mod proposals;

use crate::viewer::Viewer;
use crate::WebState;
use actix_web::web;
use chrono::NaiveDateTime;
use citysync_app::catalog::CityTaxonomy;
use citysync_domain::epoch::EpochLength;
use citysync_domain::governance::Parameter;
use citysync_domain::ledger::Currency;
use citysync_i18n::ArgValue;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // The fixed paths come before `/governance/{id}`, which would otherwise take them.
    cfg.route("/governance", web::get().to(cycles::cycle_list))
        .route("/governance/new", web::get().to(cycles::cycle_new_form))
        .route("/governance/new", web::post().to(cycles::cycle_new_submit))
        .route(
            "/governance/moderation",
            web::get().to(comments::moderation_page),
        )
        .route("/governance/{id}", web::get().to(cycles::cycle_page))
        .route(
            "/governance/{id}/edit",
            web::post().to(cycles::cycle_edit_submit),
        )
        .route(
            "/governance/{id}/next-phase",
            web::post().to(cycles::cycle_next_phase),
        )
        .route(
            "/governance/{id}/proposals/new",
            web::get().to(proposals::proposal_new_form),
        )
        .route(
            "/governance/{id}/proposals/new",
            web::post().to(proposals::proposal_new_submit),
        )
        .route(
            "/proposals/{id}",
            web::get().to(proposal_page::proposal_show),
        )
        .route(
            "/proposals/{id}/edit",
            web::get().to(proposals::proposal_edit_form),
        )
        .route(
            "/proposals/{id}/edit",
            web::post().to(proposals::proposal_edit_submit),
        )
        .route(
            "/proposals/{id}/withdraw",
            web::post().to(proposals::proposal_withdraw),
        )
        .route(
            "/proposals/{id}/ballot",
            web::post().to(ballots::ballot_submit),
        )
        .route(
            "/proposals/{id}/comments",
            web::post().to(comments::comment_submit),
        )
        .route(
            "/proposals/{id}/comments/{comment}/report",
            web::post().to(comments::report_submit),
        )
        .route(
            "/proposals/{id}/comments/{comment}/moderate",
            web::post().to(comments::moderate_submit),
        )
        .route("/parameters", web::get().to(parameters::parameters_page));
}

/// A time as pages show it: on the city's clock, as the reader's language writes it.
pub(crate) fn shown(viewer: &Viewer, state: &WebState, at: NaiveDateTime) -> String {
    viewer.moment(state, at, citysync_i18n::Moment::DateTime)
}

/// A time for a `<time datetime>` attribute.
pub(crate) fn iso(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A message with arguments in the reader's language.
pub(crate) fn message(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    args: &[(&str, ArgValue)],
) -> String {
    state.ctx.i18n.message(viewer.locale, id, args)
}

/// A parameter's name in words (`Reward multiplier for Environment`), or its technical name
/// when it is not one the city knows.
pub(crate) fn parameter_name(
    viewer: &Viewer,
    state: &WebState,
    taxonomy: Option<&CityTaxonomy>,
    name: &str,
) -> String {
    let Ok(parameter) = Parameter::parse(name) else {
        return name.to_owned();
    };
    let subject = match &parameter {
        Parameter::RewardMultiplier(category) => taxonomy
            .map(|t| t.category_name(&state.ctx.i18n, viewer.locale, category))
            .unwrap_or_else(|| category.clone()),
        Parameter::IssuerBudget(handle) => format!("@{handle}"),
        Parameter::ResidentCapCity(Some(category)) => taxonomy
            .map(|t| t.category_name(&state.ctx.i18n, viewer.locale, category))
            .unwrap_or_else(|| category.clone()),
        _ => String::new(),
    };
    // A category's cap reads differently from the city-wide one.
    let family = match &parameter {
        Parameter::ResidentCapCity(Some(_)) => "resident_cap_city_category",
        other => other.family(),
    };
    message(
        viewer,
        state,
        "gov-parameter-name",
        &[
            ("family", ArgValue::from(family)),
            ("subject", ArgValue::from(subject)),
        ],
    )
}

/// A parameter's value as people read it: multipliers as `×2.00 (200%)`, budgets in CITY,
/// lengths and lifetimes in words. `value` is as stored (CITY in hundredths).
pub(crate) fn parameter_value(
    viewer: &Viewer,
    state: &WebState,
    family: &str,
    value: &str,
) -> String {
    let number = value.trim().parse::<i64>().ok();
    match (family, number) {
        ("reward_multiplier", Some(p)) => format!("×{}.{:02} ({p}%)", p / 100, p % 100),
        ("issuer_budget", Some(minor)) => format!("{} CITY", Currency::City.format(minor)),
        ("resident_cap_city" | "resident_cap_vote", Some(0)) => {
            message(viewer, state, "gov-value-no-cap", &[])
        }
        ("resident_cap_city", Some(minor)) => format!("{} CITY", Currency::City.format(minor)),
        ("resident_cap_vote", Some(n)) => format!("{n} VOTE"),
        ("city_expiry_epochs", Some(n)) => message(
            viewer,
            state,
            "gov-value-expiry",
            &[("n", ArgValue::from(n))],
        ),
        ("vote_decay_percent", Some(n)) => message(
            viewer,
            state,
            "gov-value-decay",
            &[("n", ArgValue::from(n))],
        ),
        ("min_vote_to_propose", Some(n)) => format!("{n} VOTE"),
        ("reservation_minutes", Some(n)) => {
            crate::pages::offerings::reservation_time(viewer, state, n)
        }
        ("level_to_earn" | "level_to_vote", _) => message(
            viewer,
            state,
            "identity-level",
            &[("level", ArgValue::from(value.trim()))],
        ),
        ("epoch_length", _) => match EpochLength::parse(value) {
            Ok(length) => {
                let (unit, n) = match length {
                    EpochLength::Months(n) => ("months", n),
                    EpochLength::Days(n) if n % 7 == 0 => ("weeks", n / 7),
                    EpochLength::Days(n) => ("days", n),
                };
                message(
                    viewer,
                    state,
                    "gov-value-epoch-length",
                    &[("unit", ArgValue::from(unit)), ("n", ArgValue::from(n))],
                )
            }
            Err(_) => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}
