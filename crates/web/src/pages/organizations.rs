//! Organizations: the public directory and pages, creating one, the members' console
//! (roles, invitations, following other cities' organizations) and answering an invitation.

use super::{federation, form_status, poster, TokenForm};
use crate::errors::Page;
use crate::pages::catalog::overlap::neighbor_views;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog;
use citysync_app::organizations::{self, NewOrganization};
use citysync_app::{AppError, User};
use citysync_domain::organization::Role;
use serde::{Deserialize, Serialize};

const PAGE_SIZE: i64 = 20;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/organizations", web::get().to(org_list))
        .route("/organizations/new", web::get().to(org_new_form))
        .route("/organizations/new", web::post().to(org_new_submit))
        .route("/organizations/{handle}", web::get().to(org_page))
        .route(
            "/organizations/{handle}/console",
            web::get().to(org_console),
        )
        .route(
            "/organizations/{handle}/invitations",
            web::post().to(org_invite),
        )
        .route(
            "/organizations/{handle}/follows",
            web::post().to(org_follow),
        )
        .route(
            "/organizations/{handle}/address",
            web::post().to(org_address),
        )
        .route(
            "/organizations/{handle}/members/{user_id}/role",
            web::post().to(member_role),
        )
        .route(
            "/organizations/{handle}/members/{user_id}/remove",
            web::post().to(member_remove),
        )
        .route(
            "/invitations/{id}/accept",
            web::post().to(invitation_accept),
        )
        .route(
            "/invitations/{id}/decline",
            web::post().to(invitation_decline),
        );
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<i64>,
}

/// GET /organizations — approved organizations by name, `?page=` (1-based).
pub async fn org_list(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<PageQuery>,
) -> Page {
    let page = query.page.unwrap_or(1).max(1);
    // One more than a page tells whether a next page exists.
    match organizations::approved(&state.ctx, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await {
        Ok(mut orgs) => {
            let has_next = orgs.len() > PAGE_SIZE as usize;
            orgs.truncate(PAGE_SIZE as usize);
            Ok(viewer.render(
                &state,
                StatusCode::OK,
                "org_list.html",
                minijinja::context! {
                    organizations => minijinja::value::Serde(&orgs),
                    page => page,
                    prev_page => (page > 1).then_some(page - 1),
                    next_page => has_next.then_some(page + 1),
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// What a resident types to create an organization; each checkbox has its own name.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OrganizationForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    handle: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    kind_issuer: String,
    #[serde(default)]
    kind_redeemer: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    website: String,
}

impl OrganizationForm {
    fn to_input(&self) -> NewOrganization {
        NewOrganization {
            handle: self.handle.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            is_issuer: !self.kind_issuer.is_empty(),
            is_redeemer: !self.kind_redeemer.is_empty(),
            contact_email: self.contact_email.clone(),
            website: self.website.clone(),
        }
    }
}

fn new_org_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &OrganizationForm,
    errors: FormErrors,
) -> HttpResponse {
    viewer.render(
        state,
        status,
        "org_new.html",
        minijinja::context! { form => minijinja::value::Serde(form), errors => minijinja::value::Serde(errors) },
    )
}

/// GET /organizations/new — signed-in residents (creating needs a verified email).
pub async fn org_new_form(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    if viewer.user.is_none() {
        return viewer.sign_in_first();
    }
    new_org_page(
        &viewer,
        &state,
        StatusCode::OK,
        &OrganizationForm::default(),
        FormErrors::default(),
    )
}

/// POST /organizations/new — verified residents; the organization waits for approval.
pub async fn org_new_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<OrganizationForm>,
) -> Page {
    let user = viewer.require_user()?;
    match organizations::create(&state.ctx, user, form.to_input()).await {
        Ok(org) => {
            // Written in the author's page language (issue 27).
            crate::pages::translations::record_written(
                &viewer,
                &state,
                citysync_app::translations::SubjectKind::Organization,
                &org.id,
            )
            .await;
            Ok(Viewer::see_other(&format!("/organizations/{}", org.handle)))
        }
        Err(e) => match form_status(&e) {
            Some(status) => Ok(new_org_page(
                &viewer,
                &state,
                status,
                &form,
                FormErrors::from_error(&viewer, &state, &e),
            )),
            None => Err(e.into()),
        },
    }
}

/// GET /organizations/{handle} — the public page; members also see a link to the console.
pub async fn org_page(viewer: Viewer, state: web::Data<WebState>, path: web::Path<String>) -> Page {
    match public_page(&viewer, &state, &path).await {
        Ok(resp) => Ok(resp),
        Err(e) => Err(e.into()),
    }
}

async fn public_page(
    viewer: &Viewer,
    state: &WebState,
    handle: &str,
) -> Result<HttpResponse, AppError> {
    let ctx = &state.ctx;
    let mut org = organizations::by_handle(ctx, handle, viewer.user.as_ref()).await?;
    let templates = catalog::templates_of(ctx, &org, false).await?;
    let mut opportunities = catalog::opportunities_of(ctx, &org, false).await?;
    // Its text and its opportunities' titles in the reader's language (issue 27).
    super::translations::opportunities_shown(viewer, state, &mut opportunities).await;
    let (org_id, org_page) = (org.id.clone(), format!("/organizations/{}", org.handle));
    let (shown, content) = super::translations::pair_shown(
        viewer,
        state,
        (
            citysync_app::translations::SubjectKind::Organization,
            &org_id,
            &org_page,
        ),
        (citysync_app::translations::Field::Title, &mut org.name),
        (
            citysync_app::translations::Field::Summary,
            &mut org.description,
        ),
    )
    .await;
    let counts = organizations::public_counts(ctx, &org.id).await?;
    let mut trail = organizations::trail(ctx, &org.id).await?;
    // Membership events keep "username role" as their detail: the role in words.
    for e in &mut trail {
        if matches!(e.action.as_str(), "member_invited" | "role_changed") {
            if let Some((who, role)) = e.detail.rsplit_once(' ') {
                let role = state.ctx.i18n.message(
                    viewer.locale,
                    "org-role",
                    &[("role", citysync_i18n::ArgValue::from(role))],
                );
                e.detail = format!("{who} · {role}");
            }
        }
    }
    let role = match &viewer.user {
        Some(user) => organizations::role(ctx, &org.id, user).await?,
        None => None,
    };
    let funded = super::funded::view(viewer, state, &org.id).await?;
    Ok(viewer.render(
        state,
        StatusCode::OK,
        "org_page.html",
        minijinja::context! {
            maps_link => crate::street_map::open_in_maps(None, &org.address),
            funded => minijinja::value::Serde(&funded),
            org => minijinja::value::Serde(&org),
            shown => minijinja::value::Serde(&shown),
            content => minijinja::value::Serde(&content),
            templates => minijinja::value::Serde(&templates),
            opportunities => minijinja::value::Serde(&opportunities),
            counts => minijinja::value::Serde(&counts),
            trail => minijinja::value::Serde(&trail),
            role => role.map(Role::as_str),
        },
    ))
}

/// The invite form's fields, kept when it is shown again.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct InviteForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    who: String,
    #[serde(default)]
    role: String,
}

/// Another city's organization to follow, typed as `@name@host` or its address.
#[derive(Debug, Default, Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    target: String,
}

/// What was typed in the console form that failed, shown again beside its error.
#[derive(Clone, Copy)]
enum Typed<'a> {
    Nothing,
    Invite(&'a InviteForm),
    Follow(&'a FollowForm),
    Address(&'a AddressForm),
}

/// The console's address form (owners).
#[derive(Debug, Default, Deserialize)]
pub struct AddressForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    address: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    role: String,
}

/// GET /organizations/{handle}/console — members only.
pub async fn org_console(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    let shown = console_page(
        &viewer,
        &state,
        user,
        &path,
        StatusCode::OK,
        Typed::Nothing,
        FormErrors::default(),
    )
    .await;
    Ok(shown.unwrap_or_else(|e| viewer.error_page(&state, &e)))
}

async fn console_page(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    handle: &str,
    status: StatusCode,
    typed: Typed<'_>,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let ctx = &state.ctx;
    let blank = InviteForm::default();
    let (invite, follow_target) = match typed {
        Typed::Nothing => (&blank, ""),
        Typed::Invite(form) => (form, ""),
        Typed::Follow(form) => (&blank, form.target.as_str()),
        Typed::Address(_) => (&blank, ""),
    };
    let address_typed = match typed {
        Typed::Address(form) => Some(form.address.as_str()),
        _ => None,
    };
    let org = organizations::by_handle(ctx, handle, Some(user)).await?;
    let (members, invitations) = organizations::members(ctx, &org, user).await?;
    let role = organizations::role(ctx, &org.id, user).await?;
    let templates = catalog::templates_of(ctx, &org, true).await?;
    let opportunities = catalog::opportunities_of(ctx, &org, true).await?;
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    let follows = federation::organization_follows(state, &org.handle).await?;
    let neighbors = neighbor_views(viewer, state, &org.id).await?;
    let partner_invitations = catalog::partner_invitations(ctx, user, &org.handle).await?;
    let funded = super::funded::view(viewer, state, &org.id).await?;
    // People from other fediverse servers who joined (issue 24), with the title they joined.
    let remote_participants: Vec<_> =
        citysync_app::claims::remote::of_organization(ctx, user, &org.id)
            .await?
            .into_iter()
            .map(|p| {
                let opportunity_id = p.opportunity_id.to_string();
                let title = opportunities
                    .iter()
                    .find(|o| o.id == opportunity_id)
                    .map(|o| o.title.clone())
                    .unwrap_or_default();
                minijinja::context! {
                    handle => p.handle,
                    actor => p.actor,
                    opportunity_id => opportunity_id,
                    title => title,
                }
            })
            .collect();
    Ok(viewer.render(
        state,
        status,
        "org_console.html",
        minijinja::context! {
            funded => minijinja::value::Serde(&funded),
            org => minijinja::value::Serde(&org),
            members => minijinja::value::Serde(&members),
            invitations => minijinja::value::Serde(&invitations),
            templates => minijinja::value::Serde(&templates),
            opportunities => minijinja::value::Serde(&opportunities),
            role => role.map(Role::as_str),
            roles => roles,
            invite => minijinja::value::Serde(invite),
            follows => minijinja::value::Serde(&follows),
            follow_target => follow_target,
            address_typed => address_typed,
            address_max => organizations::ADDRESS_MAX,
            neighbors => minijinja::value::Serde(&neighbors),
            partner_invitations => minijinja::value::Serde(&partner_invitations),
            remote_participants => remote_participants,
            errors => minijinja::value::Serde(errors),
        },
    ))
}

/// After a console form: back to the console, or the console again with the error.
async fn console_result(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    handle: &str,
    typed: Typed<'_>,
    result: Result<(), AppError>,
) -> HttpResponse {
    let err = match result {
        Ok(()) => return Viewer::see_other(&format!("/organizations/{handle}/console")),
        Err(e) => e,
    };
    let Some(status) = form_status(&err) else {
        return viewer.error_page(state, &err);
    };
    let errors = FormErrors::from_error(viewer, state, &err);
    console_page(viewer, state, user, handle, status, typed, errors)
        .await
        .unwrap_or_else(|e| viewer.error_page(state, &e))
}

/// POST /organizations/{handle}/invitations — owners invite by username or email address.
pub async fn org_invite(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<InviteForm>,
) -> Page {
    let user = viewer.require_user()?;
    let result = organizations::invite(&state.ctx, user, &path, &form.who, &form.role).await;
    Ok(console_result(&viewer, &state, user, &path, Typed::Invite(&form), result).await)
}

/// POST /organizations/{handle}/address — owners set the postal address (issue 26).
pub async fn org_address(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<AddressForm>,
) -> Page {
    let user = viewer.require_user()?;
    let result = organizations::set_address(&state.ctx, user, &path, &form.address).await;
    Ok(console_result(&viewer, &state, user, &path, Typed::Address(&form), result).await)
}

/// POST /organizations/{handle}/follows — owners and editors of an approved organization
/// follow another city's organization; what it publishes then shows in the console.
pub async fn org_follow(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<FollowForm>,
) -> Page {
    let user = viewer.require_user()?;
    let result = federation::organization_follow(&state, user, &path, &form.target).await;
    Ok(console_result(&viewer, &state, user, &path, Typed::Follow(&form), result).await)
}

/// POST /organizations/{handle}/members/{user_id}/role — owners; the last owner stays one.
pub async fn member_role(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: CsrfForm<RoleForm>,
) -> Page {
    let user = viewer.require_user()?;
    let (handle, member) = path.into_inner();
    let result = organizations::change_role(&state.ctx, user, &handle, &member, &form.role).await;
    Ok(console_result(&viewer, &state, user, &handle, Typed::Nothing, result).await)
}

/// POST /organizations/{handle}/members/{user_id}/remove — owners; never the last owner.
pub async fn member_remove(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?;
    let (handle, member) = path.into_inner();
    let result = organizations::remove_member(&state.ctx, user, &handle, &member).await;
    Ok(console_result(&viewer, &state, user, &handle, Typed::Nothing, result).await)
}

/// POST /invitations/{id}/accept — the invitee joins with the offered role.
pub async fn invitation_accept(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    answer(&req, &viewer, &state, &path, &form, true).await
}

/// POST /invitations/{id}/decline
pub async fn invitation_decline(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    answer(&req, &viewer, &state, &path, &form, false).await
}

async fn answer(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    form: &TokenForm,
    accept: bool,
) -> HttpResponse {
    let user = match poster(req, viewer, state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(state, &e),
    };
    match organizations::answer_invitation(&state.ctx, user, id, accept).await {
        Ok(()) => Viewer::see_other("/notifications"),
        Err(e) => viewer.error_page(state, &e),
    }
}

crate::pages::csrf_forms!(
    AddressForm,
    FollowForm,
    InviteForm,
    OrganizationForm,
    RoleForm
);
