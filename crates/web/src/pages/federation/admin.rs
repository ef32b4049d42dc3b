//! The administrator's federation page: the city's address for peers, following a peer city,
//! the city's follows and followers, every peer's health and delivery backlog, and the
//! domains blocked or allowed.
//!
//! The app's federation use cases take no user, so these handlers are where the
//! administrator is required.

use super::{city_actor, clip, refuse_local_target, safe_link, FollowLine, When};
use crate::errors::Page;
use crate::pages::{form_status, poster};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::federation::{self as fed, peers};
use citysync_app::{AppError, User};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The signed-in administrator, or why not.
fn administrator(user: &User) -> Result<&User, AppError> {
    if user.is_admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A peer city: its health as seen by deliveries and what it sent us.
#[derive(Serialize)]
struct PeerLine {
    domain: String,
    /// `None` when nothing was ever delivered to it (only its backlog is known).
    reachable: Option<bool>,
    last_success: Option<When>,
    failing_since: Option<When>,
    next_probe: Option<When>,
    pending: i64,
    delivered: i64,
    failed: i64,
    last_error: Option<String>,
    received: i64,
    duplicates: i64,
    /// Content acknowledged and not taken (unsolicited, or not City/Sync's).
    ignored: i64,
}

impl PeerLine {
    fn new(domain: &str) -> PeerLine {
        PeerLine {
            domain: domain.to_owned(),
            reachable: None,
            last_success: None,
            failing_since: None,
            next_probe: None,
            pending: 0,
            delivered: 0,
            failed: 0,
            last_error: None,
            received: 0,
            duplicates: 0,
            ignored: 0,
        }
    }
}

/// How much of a delivery error the table shows.
const ERROR_CHARS: usize = 300;

/// Peers and their backlogs joined by domain, in domain order.
async fn peer_lines(state: &WebState) -> Result<Vec<PeerLine>, AppError> {
    let mut lines: BTreeMap<String, PeerLine> = BTreeMap::new();
    for peer in peers::all(&state.ctx).await? {
        let line = lines
            .entry(peer.domain.clone())
            .or_insert_with(|| PeerLine::new(&peer.domain));
        line.reachable = Some(peer.reachable);
        line.last_success = peer.last_success_at.map(When::of);
        line.failing_since = peer.failing_since.map(When::of);
        line.next_probe = peer.next_probe_at.map(When::of);
        line.received = peer.received;
        line.duplicates = peer.duplicates;
        line.ignored = peer.ignored;
    }
    for backlog in fed::peer_backlogs(&state.ctx).await? {
        let line = lines
            .entry(backlog.peer_domain.clone())
            .or_insert_with(|| PeerLine::new(&backlog.peer_domain));
        line.pending = backlog.pending;
        line.delivered = backlog.delivered;
        line.failed = backlog.failed;
        line.last_error = backlog.last_error.as_deref().map(|e| clip(e, ERROR_CHARS));
        if line.last_success.is_none() {
            line.last_success = backlog.last_delivered_at.map(When::of);
        }
    }
    Ok(lines.into_values().collect())
}

/// An actor following the city.
#[derive(Serialize)]
struct FollowerLine {
    actor: String,
    link: Option<String>,
    since: When,
}

/// A domain on the block or allow list.
#[derive(Serialize)]
struct PolicyLine {
    domain: String,
    policy: String,
    since: When,
}

/// What was typed in the form that failed, shown again beside its error.
#[derive(Default, Serialize)]
struct Typed {
    target: String,
    domain: String,
}

async fn render_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    typed: &Typed,
    errors: FormErrors,
) -> HttpResponse {
    let ctx = &state.ctx;
    let city = city_actor(state);
    let loaded = async {
        Ok::<_, AppError>((
            fed::following(ctx, &city).await?,
            fed::followers(ctx, &city).await?,
            peer_lines(state).await?,
            peers::policies(ctx).await?,
        ))
    }
    .await;
    let (following, followers, peer_list, policies) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return viewer.error_page(state, &e),
    };
    let follows: Vec<FollowLine> = following.iter().map(FollowLine::of).collect();
    let followers: Vec<FollowerLine> = followers
        .iter()
        .map(|f| FollowerLine {
            actor: f.follower_ap_id.clone(),
            link: safe_link(&f.follower_ap_id),
            since: When::of(f.updated_at),
        })
        .collect();
    let policies: Vec<PolicyLine> = policies
        .into_iter()
        .map(|(domain, policy, since)| PolicyLine {
            domain,
            policy,
            since: When::of(since),
        })
        .collect();
    let mode = if ctx.settings.federation.allowlist_only {
        "allowlist"
    } else {
        "open"
    };
    viewer.render(
        state,
        status,
        "admin_federation.html",
        minijinja::context! {
            handle => format!("@city@{}", ctx.settings.host()),
            mode => mode,
            actor => city,
            follows => minijinja::value::Serde(&follows),
            followers => minijinja::value::Serde(&followers),
            peers => minijinja::value::Serde(&peer_list),
            policies => minijinja::value::Serde(&policies),
            typed => minijinja::value::Serde(typed),
            errors => minijinja::value::Serde(errors),
        },
    )
}

/// GET /admin/federation — administrators.
pub async fn admin_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    if let Err(e) = administrator(user) {
        return Err(e.into());
    }
    Ok(render_page(
        &viewer,
        &state,
        StatusCode::OK,
        &Typed::default(),
        FormErrors::default(),
    )
    .await)
}

/// Back to the page after a form, or the page again with the error beside what was typed.
async fn after_form(
    viewer: &Viewer,
    state: &WebState,
    typed: Typed,
    result: Result<(), AppError>,
) -> HttpResponse {
    match result {
        Ok(()) => Viewer::see_other("/admin/federation"),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                render_page(viewer, state, status, &typed, errors).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    target: String,
}

/// POST /admin/federation/follows — administrators: the city follows a peer city, typed as
/// `@city@host` or its address; the federation worker resolves it and sends the `Follow`.
pub async fn follow_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<FollowForm>,
) -> Page {
    let admin = poster(&req, &viewer, &state, &form.csrf_token).and_then(administrator)?;
    let result = match refuse_local_target(&state, &form.target) {
        Ok(()) => {
            fed::request_city_follow(&state.ctx, admin, &city_actor(&state), &form.target).await
        }
        Err(e) => Err(e),
    };
    let typed = Typed {
        target: form.target.clone(),
        ..Typed::default()
    };
    Ok(after_form(&viewer, &state, typed, result).await)
}

#[derive(Debug, Default, Deserialize)]
pub struct DomainForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    domain: String,
}

/// Puts the typed domain, normalized, on a list (`Some`) or off both (`None`).
async fn set_domain(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    form: &DomainForm,
    policy: Option<&str>,
) -> HttpResponse {
    let admin = match poster(req, viewer, state, &form.csrf_token).and_then(administrator) {
        Ok(admin) => admin,
        Err(e) => return viewer.error_page(state, &e),
    };
    let result = peers::set_policy_as(&state.ctx, Some(admin), &form.domain, policy)
        .await
        .map(|_| ());
    let typed = Typed {
        domain: form.domain.clone(),
        ..Typed::default()
    };
    after_form(viewer, state, typed, result).await
}

/// POST /admin/federation/domains/block — administrators: nothing from the domain is
/// accepted and nothing more is delivered to it.
pub async fn domain_block(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<DomainForm>,
) -> HttpResponse {
    set_domain(&req, &viewer, &state, &form, Some(peers::BLOCK)).await
}

/// POST /admin/federation/domains/allow — administrators: the domain is on the allowlist
/// (which counts when the city federates with an allowlist only).
pub async fn domain_allow(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<DomainForm>,
) -> HttpResponse {
    set_domain(&req, &viewer, &state, &form, Some(peers::ALLOW)).await
}

/// POST /admin/federation/domains/remove — administrators: the domain leaves the lists.
pub async fn domain_remove(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<DomainForm>,
) -> HttpResponse {
    set_domain(&req, &viewer, &state, &form, None).await
}
