//! Federation pages (docs/federation.md): "From other cities" — what peer cities published, kept as
//! theirs, and adopting one of their templates as a local draft; the administrator's page
//! (follows, peers and their delivery health, followers, domain blocks and allows); and the
//! parts other pages borrow: an organization's follows for its console, a template's
//! adoptions and origin.
//!
//! Remote text is shown as text (auto-escaped) and remote addresses become links only when
//! they are `http(s)`. Every decision is the `app` layer's, except the few checks the app
//! does not make for these callers (who may follow for the city or an organization), noted
//! where they are made.

mod admin;
mod remote;

use crate::pages::governance::iso;
use crate::WebState;
use actix_web::web;
use chrono::NaiveDateTime;
use citysync_app::catalog;
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::{self as remote_objects, RemoteObject};
use citysync_app::federation::{self as fed, FollowRow};
use citysync_app::organizations::{self, Organization};
use citysync_app::{AppError, User};
use citysync_domain::lifecycle::FollowState;
use citysync_domain::organization::Capability;
use serde::Serialize;
use std::collections::BTreeSet;

pub fn routes(cfg: &mut web::ServiceConfig) {
    // `/federation/objects/{id}` has one segment more than `/federation/{kind}`.
    cfg.route("/federation", web::get().to(remote::overview))
        .route(
            "/federation/objects/{id}",
            web::get().to(remote::object_page),
        )
        .route(
            "/federation/objects/{id}/adopt",
            web::post().to(remote::adopt_submit),
        )
        .route("/federation/{kind}", web::get().to(remote::kind_list))
        .route("/admin/federation", web::get().to(admin::admin_page))
        .route(
            "/admin/federation/follows",
            web::post().to(admin::follow_submit),
        )
        .route(
            "/admin/federation/domains/block",
            web::post().to(admin::domain_block),
        )
        .route(
            "/admin/federation/domains/allow",
            web::post().to(admin::domain_allow),
        )
        .route(
            "/admin/federation/domains/remove",
            web::post().to(admin::domain_remove),
        );
}

/// The kinds with a public list, in the order the overview shows them, with their path
/// segment (`/federation/templates`).
const LISTED: [(Kind, &str); 4] = [
    (Kind::Template, "templates"),
    (Kind::Opportunity, "opportunities"),
    (Kind::Proposal, "proposals"),
    (Kind::Attestation, "attestations"),
];

fn kind_of_segment(segment: &str) -> Option<Kind> {
    LISTED
        .iter()
        .find(|(_, s)| *s == segment)
        .map(|(kind, _)| *kind)
}

fn segment_of(kind: &str) -> Option<&'static str> {
    LISTED
        .iter()
        .find(|(k, _)| k.as_str() == kind)
        .map(|(_, s)| *s)
}

/// The city's actor URL.
pub(crate) fn city_actor(state: &WebState) -> String {
    state.ctx.settings.url("/city")
}

/// An organization's actor URL.
pub(crate) fn organization_actor(state: &WebState, handle: &str) -> String {
    state.ctx.settings.url(&format!("/organizations/{handle}"))
}

/// `s` when it is an absolute `http(s)` address, to be put in an `href`; remote input
/// could otherwise carry `javascript:` or `data:` links.
pub(crate) fn safe_link(s: &str) -> Option<String> {
    url::Url::parse(s)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .map(|u| u.to_string())
}

/// The host (and port) of an address, as the pages name a peer; for a follow still as typed
/// (`name@host`), its host.
pub(crate) fn host_of(s: &str) -> String {
    match url::Url::parse(s) {
        Ok(u) => fed::peer_of(&u),
        Err(_) => s.rsplit_once('@').map_or(s, |(_, host)| host).to_owned(),
    }
}

/// Refuses a follow typed as one of our own actors (`@city@our.host`, `https://our.host/…`):
/// the federation worker would only find it local and leave it unresolved.
pub(crate) fn refuse_local_target(state: &WebState, target: &str) -> Result<(), AppError> {
    let target = target.trim().trim_start_matches('@');
    let host = if target.contains("://") {
        url::Url::parse(target).ok().map(|u| fed::peer_of(&u))
    } else {
        target
            .rsplit_once('@')
            .map(|(_, host)| host.to_ascii_lowercase())
    };
    if host.is_some_and(|h| h == state.ctx.settings.host()) {
        Err(AppError::FollowSelf)
    } else {
        Ok(())
    }
}

/// A time, both for `<time datetime>` and to read (UTC, to the minute).
#[derive(Serialize)]
pub(crate) struct When {
    /// The UTC instant; templates show it with the `local` filter.
    iso: String,
}

impl When {
    pub(crate) fn of(at: NaiveDateTime) -> When {
        When { iso: iso(at) }
    }
}

/// Cuts `s` to at most `max` characters (on a character boundary), marking the cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", s.get(..at).unwrap_or(s)),
        None => s.to_owned(),
    }
}

/// A remote object as a line of a list: no document, names and dates ready to read.
#[derive(Serialize)]
pub(crate) struct RemoteLine {
    id: String,
    kind: &'static str,
    name: String,
    summary: String,
    domain: String,
    /// The host of the actor that relayed it, when it came in an `Announce`.
    via: Option<String>,
    /// When it starts (an opportunity) or else when it was published.
    when: When,
    starts: bool,
    proof_verified: bool,
    adoptable: bool,
}

/// How much of a remote summary a list shows.
const SUMMARY_IN_LIST: usize = 280;

impl RemoteLine {
    pub(crate) fn of(object: &RemoteObject) -> RemoteLine {
        let starts = object.kind == Kind::Opportunity.as_str() && object.starts_at.is_some();
        RemoteLine {
            id: object.id.clone(),
            kind: object.kind,
            name: object.name.clone(),
            summary: clip(&object.summary, SUMMARY_IN_LIST),
            domain: object.domain.clone(),
            via: object.via.as_deref().map(host_of),
            when: When::of(
                object
                    .starts_at
                    .filter(|_| starts)
                    .unwrap_or(object.published_at),
            ),
            starts,
            proof_verified: object.proof_verified,
            adoptable: object.adoptable,
        }
    }
}

/// One follow of a local actor (the city or an organization), as the pages list it.
#[derive(Serialize)]
pub(crate) struct FollowLine {
    /// The actor followed: its address once resolved, else what was typed.
    target: String,
    link: Option<String>,
    domain: String,
    state: FollowState,
    since: When,
    /// The latest objects of an accepted follow (the organization console shows them).
    latest: Vec<RemoteLine>,
}

impl FollowLine {
    fn of(row: &FollowRow) -> FollowLine {
        FollowLine {
            target: row.following_ap_id.clone(),
            link: safe_link(&row.following_ap_id),
            domain: host_of(&row.following_ap_id),
            state: row.state,
            since: When::of(row.updated_at),
            latest: Vec::new(),
        }
    }
}

/// How many objects of each followed actor the organization console shows.
const LATEST_PER_FOLLOW: i64 = 5;

/// An organization's follows with the latest objects of each accepted one, for its console.
pub(crate) async fn organization_follows(
    state: &WebState,
    handle: &str,
) -> Result<Vec<FollowLine>, AppError> {
    let ctx = &state.ctx;
    let rows = fed::following(ctx, &organization_actor(state, handle)).await?;
    let mut lines = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut line = FollowLine::of(row);
        if row.state == FollowState::Accepted {
            line.latest = remote_objects::by_actor(ctx, &row.following_ap_id, LATEST_PER_FOLLOW)
                .await?
                .iter()
                .map(RemoteLine::of)
                .collect();
        }
        lines.push(line);
    }
    Ok(lines)
}

/// An owner or editor of an approved organization asks for it to follow another city's
/// organization (typed as `@name@host` or an address); the federation worker resolves it.
///
/// Who may do this is checked here: `request_follow` takes any local actor, so the app has
/// no rule of its own for organizations yet.
pub(crate) async fn organization_follow(
    state: &WebState,
    user: &User,
    handle: &str,
    target: &str,
) -> Result<(), AppError> {
    let ctx = &state.ctx;
    let org = organizations::by_handle(ctx, handle, Some(user)).await?;
    match organizations::role(ctx, &org.id, user).await? {
        Some(role) if role.can(Capability::EditCatalog) => {}
        _ => return Err(AppError::Forbidden),
    }
    if !org.is_approved() {
        return Err(AppError::OrganizationNotApproved);
    }
    refuse_local_target(state, target)?;
    fed::request_follow(ctx, &organization_actor(state, &org.handle), target).await
}

/// Where a local template came from, when it was adapted from another city's.
#[derive(Serialize)]
pub(crate) struct Origin {
    url: String,
    link: Option<String>,
    domain: String,
    /// The original's name and our copy of it, when we keep it.
    name: Option<String>,
    local_id: Option<String>,
}

/// A city that adopted one of our templates.
#[derive(Serialize)]
pub(crate) struct AdoptionLine {
    domain: String,
    copy: String,
    link: Option<String>,
    when: When,
}

/// What the template page shows about federation: its origin and its adoptions.
#[derive(Serialize)]
pub(crate) struct TemplateTravels {
    adapted_from: Option<Origin>,
    adoptions: Vec<AdoptionLine>,
    /// Distinct cities among the adoptions.
    adopted_by_cities: usize,
}

pub(crate) async fn template_travels(
    state: &WebState,
    template_id: &str,
) -> Result<TemplateTravels, AppError> {
    let ctx = &state.ctx;
    let adapted_from = match catalog::adapted_from(ctx, template_id).await? {
        Some(url) => {
            let kept = remote_objects::by_ap_id(ctx, &url).await?;
            Some(Origin {
                link: safe_link(&url),
                domain: host_of(&url),
                name: kept.as_ref().map(|o| o.name.clone()),
                local_id: kept.map(|o| o.id),
                url,
            })
        }
        None => None,
    };
    let rows = remote_objects::adoptions(ctx, template_id).await?;
    let adopted_by_cities = rows
        .iter()
        .map(|r| r.adopter_domain.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let adoptions = rows
        .iter()
        .map(|r| AdoptionLine {
            domain: r.adopter_domain.clone(),
            copy: r.copy_ap_id.clone(),
            link: safe_link(&r.copy_ap_id),
            when: When::of(r.adopted_at),
        })
        .collect();
    Ok(TemplateTravels {
        adapted_from,
        adoptions,
        adopted_by_cities,
    })
}

/// The viewer's organizations where they may adopt a template: approved issuers whose
/// catalog they edit.
pub(crate) async fn adopting_organizations(
    state: &WebState,
    user: &User,
) -> Result<Vec<Organization>, AppError> {
    Ok(organizations::of_user(&state.ctx, user)
        .await?
        .into_iter()
        .filter(|(org, role)| {
            role.can(Capability::EditCatalog) && org.is_approved() && org.is_issuer
        })
        .map(|(org, _)| org)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_link("https://other.example/t/1").as_deref(),
            Some("https://other.example/t/1")
        );
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,hi"), None);
        assert_eq!(safe_link("@city@other.example"), None);
    }

    #[test]
    fn peers_are_named_by_host() {
        assert_eq!(
            host_of("https://Oakland.example:8443/city"),
            "oakland.example:8443"
        );
        assert_eq!(host_of("city@oakland.example"), "oakland.example");
    }

    #[test]
    fn clip_cuts_on_characters() {
        assert_eq!(clip("añoñoño", 3), "año…");
        assert_eq!(clip("short", 10), "short");
    }

    #[test]
    fn kinds_and_segments_agree() {
        for (kind, segment) in LISTED {
            assert_eq!(kind_of_segment(segment), Some(kind));
            assert_eq!(segment_of(kind.as_str()), Some(segment));
        }
        assert_eq!(kind_of_segment("checkpoints"), None);
    }
}
