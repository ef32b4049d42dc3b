//! Offerings: the public catalog of what CITY buys, one offering's page with its Reserve
//! form and image, and the redeemer's side — its catalog with the units committed this
//! period, new and edited offerings (multipart, with an optional image).

use super::{form_status, poster};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::ledger::{epochs, wallet};
use citysync_app::offerings::{self, Offering, OfferingInput, OfferingQuery};
use citysync_app::organizations::{self, Organization};
use citysync_app::{redemptions, secrets, AppError, User};
use citysync_domain::offering::OFFERING_CATEGORIES;
use citysync_domain::organization::Capability;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/offerings", web::get().to(offerings_page))
        .route("/offerings/{id}", web::get().to(offering_page))
        .route("/offerings/{id}/reserve", web::post().to(offering_reserve))
        .route("/offerings/{id}/image", web::get().to(offering_image))
        .route("/offerings/{id}/edit", web::get().to(offering_edit_form))
        .route("/offerings/{id}/edit", web::post().to(offering_edit_submit))
        .route("/offerings/{id}/commit", web::post().to(offering_commit))
        .route(
            "/organizations/{handle}/offerings",
            web::get().to(org_offerings),
        )
        .route(
            "/organizations/{handle}/offerings/new",
            web::get().to(offering_new_form),
        )
        .route(
            "/organizations/{handle}/offerings/new",
            web::post().to(offering_new_submit),
        );
}

// ---------------------------------------------------------------------------------------
// The public catalog

/// The catalog's filters as they appear in the address (and back in the form).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct OfferingParams {
    #[serde(default)]
    category: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    max_price: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    available: String,
}

/// GET /offerings — active offerings of approved redeemers, cheapest first, with filters.
pub async fn offerings_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    params: web::Query<OfferingParams>,
) -> Page {
    let query = OfferingQuery {
        category: params.category.clone(),
        organization: params.organization.clone(),
        max_price: params.max_price.clone(),
        text: params.q.clone(),
        available_only: !params.available.is_empty(),
    };
    let (items, status, errors) = match offerings::public(&state.ctx, query).await {
        Ok(items) => (items, StatusCode::OK, FormErrors::default()),
        // A price that is not one: say so next to the field, show nothing.
        Err(e) => match form_status(&e) {
            Some(status) => (
                Vec::new(),
                status,
                FormErrors::from_error(&viewer, &state, &e),
            ),
            None => return Err(e.into()),
        },
    };
    Ok(viewer.render(
        &state,
        status,
        "offerings.html",
        minijinja::context! {
            offerings => minijinja::value::Serde(&items),
            total => items.len(),
            filters => minijinja::value::Serde(&*params),
            categories => minijinja::value::Serde(OFFERING_CATEGORIES),
            errors => minijinja::value::Serde(errors),
        },
    ))
}

// ---------------------------------------------------------------------------------------
// One offering and its Reserve form

/// Whether `user` may edit the catalog of the organization `org_id`.
async fn may_edit(state: &WebState, user: Option<&User>, org_id: &str) -> Result<bool, AppError> {
    match user {
        Some(user) => Ok(organizations::role(&state.ctx, org_id, user)
            .await?
            .is_some_and(|r| r.can(Capability::EditCatalog))),
        None => Ok(false),
    }
}

/// An offering as the viewer may see it: active offerings of approved redeemers are public;
/// the rest only to the redeemer's editors and to administrators. Also says whether the
/// viewer may edit it.
async fn visible_offering(
    state: &WebState,
    viewer: &Viewer,
    id: &str,
) -> Result<(Offering, bool), AppError> {
    let user = viewer.user.as_ref();
    let offering = offerings::get(&state.ctx, &citysync_edge::path_id(id)?).await?;
    // Pending or declined organizations are "not found" to the public already.
    let org = organizations::by_handle(&state.ctx, &offering.organization_handle, user).await?;
    let can_edit = may_edit(state, user, &offering.organization_id).await?;
    let public = offering.active && org.is_approved() && org.is_redeemer;
    if public || can_edit || user.is_some_and(|u| u.is_admin) {
        Ok((offering, can_edit))
    } else {
        Err(AppError::NotFound)
    }
}

/// GET /offerings/{id} — price, redeemer, terms, units left this period, the Reserve form.
pub async fn offering_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_offering(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        FormErrors::default(),
    )
    .await
}

async fn render_offering(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    errors: FormErrors,
) -> HttpResponse {
    let (mut offering, can_edit) = match visible_offering(state, viewer, id).await {
        Ok(found) => found,
        Err(e) => return viewer.error_page(state, &e),
    };
    // Its text in the reader's language, where translated (issue 27).
    let page = format!("/offerings/{}", offering.id);
    let offering_id = offering.id.to_string();
    let (shown, content) = crate::pages::translations::pair_shown(
        viewer,
        state,
        (
            citysync_app::translations::SubjectKind::Offering,
            &offering_id,
            &page,
        ),
        (
            citysync_app::translations::Field::Title,
            &mut offering.title,
        ),
        (
            citysync_app::translations::Field::Summary,
            &mut offering.description,
        ),
    )
    .await;
    let balance = match &viewer.user {
        Some(user) => wallet::wallet(&state.ctx, user)
            .await
            .ok()
            .map(|w| w.city_text),
        None => None,
    };
    let in_force = match citysync_app::governance::parameters::current(&state.ctx).await {
        Ok(p) => p,
        Err(e) => return viewer.error_page(state, &e),
    };
    // Where to go: the organization's postal address with an "open in maps" link (issue 26).
    let org_address = organizations::by_id(&state.ctx, &offering.organization_id)
        .await
        .map(|o| o.address)
        .unwrap_or_default();
    let maps_link = crate::street_map::open_in_maps(None, &org_address);
    viewer.render(
        state,
        status,
        "offering.html",
        minijinja::context! {
            org_address => org_address,
            maps_link => maps_link,
            offering => minijinja::value::Serde(&offering),
            shown => minijinja::value::Serde(&shown),
            content => minijinja::value::Serde(&content),
            can_edit => can_edit,
            balance => balance,
            // A fresh key per page: a double click or a retried post reserves once.
            idempotency_key => secrets::new_id(),
            reservation_time => reservation_time(viewer, state, in_force.reservation_minutes),
            errors => minijinja::value::Serde(errors),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct ReserveForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    idempotency_key: String,
}

/// POST /offerings/{id}/reserve — verified residents; the price is held in escrow and the
/// reservation's page (with its QR code) follows.
pub async fn offering_reserve(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<ReserveForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let offering = citysync_edge::path_id(&path)?;
    match redemptions::reserve(&state.ctx, &user, &offering, &form.idempotency_key).await {
        Ok(id) => Ok(Viewer::see_other(&format!("/wallet/reservations/{id}"))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(render_offering(&viewer, &state, &path, status, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

/// GET /offerings/{id}/image — to whoever may see the offering.
pub async fn offering_image(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let found = async {
        let (offering, _) = visible_offering(&state, &viewer, &path).await?;
        let bytes = offerings::image(&state.ctx, &offering).await?;
        Ok::<_, AppError>((bytes, offering.image.unwrap_or_default()))
    }
    .await;
    match found {
        Ok((bytes, name)) => Ok(HttpResponse::Ok()
            .content_type(if name.ends_with(".png") {
                "image/png"
            } else {
                "image/jpeg"
            })
            .insert_header((
                actix_web::http::header::CACHE_CONTROL,
                "public, max-age=300",
            ))
            .body(bytes)),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------
// The redeemer's catalog

/// The organization, for a member who may edit its catalog; it must be a redeemer.
async fn editable_redeemer(
    state: &WebState,
    user: &User,
    handle: &str,
) -> Result<Organization, AppError> {
    let org = organizations::by_handle(&state.ctx, handle, Some(user)).await?;
    if !may_edit(state, Some(user), &org.id).await? {
        return Err(AppError::Forbidden);
    }
    if !org.is_redeemer {
        return Err(AppError::NotARedeemer);
    }
    Ok(org)
}

/// GET /organizations/{handle}/offerings — editors and owners: every offering with the
/// units committed, taken and available this period, and a commitment form per offering.
pub async fn org_offerings(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    Ok(manage_page(
        &viewer,
        &state,
        &user,
        &path,
        StatusCode::OK,
        Failed::default(),
    )
    .await
    .unwrap_or_else(|e| viewer.error_page(&state, &e)))
}

/// The commitment form that failed: which offering, what was typed, why.
#[derive(Default)]
struct Failed {
    offering_id: String,
    quantity: String,
    errors: FormErrors,
}

async fn manage_page(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    handle: &str,
    status: StatusCode,
    failed: Failed,
) -> Result<HttpResponse, AppError> {
    let org = editable_redeemer(state, user, handle).await?;
    let items = offerings::of_organization(&state.ctx, &org.id).await?;
    let epoch = epochs::current(&state.ctx).await?;
    // What the city can still reimburse under the redeemer's cap, before it commits more.
    let remaining = citysync_app::ledger::settlement::remaining(&state.ctx, &org.id).await?;
    Ok(viewer.render(
        state,
        status,
        "org_offerings.html",
        minijinja::context! {
            remaining => minijinja::value::Serde(&remaining),
            org => minijinja::value::Serde(&org),
            offerings => minijinja::value::Serde(&items),
            epoch => minijinja::value::Serde(&epoch),
            failed => failed.offering_id,
            typed_quantity => failed.quantity,
            errors => minijinja::value::Serde(failed.errors),
        },
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct CommitForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    quantity: String,
}

/// POST /offerings/{id}/commit — editors: the units the redeemer honors this period.
pub async fn offering_commit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<CommitForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let offering = match citysync_edge::path_id(&path) {
        Ok(id) => offerings::get(&state.ctx, &id).await,
        Err(e) => Err(e),
    };
    let offering = offering?;
    let handle = offering.organization_handle;
    match offerings::commit(&state.ctx, &user, &offering.id, &form.quantity).await {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/organizations/{handle}/offerings"
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let failed = Failed {
                    offering_id: offering.id.to_string(),
                    quantity: form.quantity.clone(),
                    errors: FormErrors::from_error(&viewer, &state, &e),
                };
                Ok(manage_page(&viewer, &state, &user, &handle, status, failed)
                    .await
                    .unwrap_or_else(|e| viewer.error_page(&state, &e)))
            }
            None => Err(e.into()),
        },
    }
}

// ---------------------------------------------------------------------------------------
// New and edited offerings

/// What the offering form shows (and shows again after an error).
#[derive(Debug, Serialize)]
struct OfferingValues {
    title: String,
    description: String,
    price: String,
    category: String,
    terms: String,
    active: bool,
}

impl Default for OfferingValues {
    fn default() -> OfferingValues {
        OfferingValues {
            title: String::new(),
            description: String::new(),
            price: String::new(),
            category: String::new(),
            terms: String::new(),
            active: true,
        }
    }
}

impl OfferingValues {
    fn of(o: &Offering) -> OfferingValues {
        OfferingValues {
            title: o.title.clone(),
            description: o.description.clone(),
            price: o.price_text.clone(),
            category: o.category.clone(),
            terms: o.terms.clone(),
            active: o.active,
        }
    }

    fn from_fields(fields: &BTreeMap<String, String>) -> OfferingValues {
        let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
        OfferingValues {
            title: get("title"),
            description: get("description"),
            price: get("price"),
            category: get("category"),
            terms: get("terms"),
            active: fields.contains_key("active"),
        }
    }

    fn input(&self) -> OfferingInput {
        OfferingInput {
            title: self.title.clone(),
            description: self.description.clone(),
            price: self.price.clone(),
            category: self.category.clone(),
            terms: self.terms.clone(),
            active: self.active,
        }
    }
}

/// Where the offering form is: a new one for `org`, or an existing one.
struct FormPlace<'a> {
    org: &'a Organization,
    offering: Option<&'a Offering>,
}

fn offering_form_page(
    viewer: &Viewer,
    state: &WebState,
    place: &FormPlace<'_>,
    status: StatusCode,
    values: &OfferingValues,
    errors: FormErrors,
) -> HttpResponse {
    let action = match place.offering {
        Some(o) => format!("/offerings/{}/edit", o.id),
        None => format!("/organizations/{}/offerings/new", place.org.handle),
    };
    viewer.render(
        state,
        status,
        "offering_form.html",
        minijinja::context! {
            org => minijinja::value::Serde(place.org),
            offering => minijinja::value::Serde(place.offering),
            action => action,
            form => minijinja::value::Serde(values),
            categories => minijinja::value::Serde(OFFERING_CATEGORIES),
            photo_max_mb => (state.ctx.settings.photo_max_bytes / (1024 * 1024)).max(1),
            errors => minijinja::value::Serde(errors),
        },
    )
}

/// GET /organizations/{handle}/offerings/new — editors of a redeemer.
pub async fn offering_new_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match editable_redeemer(&state, user, &path).await {
        Ok(org) => Ok(offering_form_page(
            &viewer,
            &state,
            &FormPlace {
                org: &org,
                offering: None,
            },
            StatusCode::OK,
            &OfferingValues::default(),
            FormErrors::default(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /organizations/{handle}/offerings/new (multipart/form-data) — back to the catalog,
/// where the units for this period are committed.
pub async fn offering_new_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    body: Multipart,
) -> Page {
    // Anonymous uploads are refused before the body is read; the token is inside it.
    let user = viewer.require_user()?.clone();
    let org = editable_redeemer(&state, &user, &path).await?;
    let place = FormPlace {
        org: &org,
        offering: None,
    };
    let (upload, values) = match read_form(&req, &viewer, &state, &place, body).await {
        Ok(read) => read,
        Err(resp) => return Ok(resp),
    };
    match offerings::create(
        &state.ctx,
        &user,
        &org.id,
        values.input(),
        upload.files.into_iter().next(),
    )
    .await
    {
        Ok(offering) => {
            // Written in the author's page language (issue 27).
            crate::pages::translations::record_written(
                &viewer,
                &state,
                citysync_app::translations::SubjectKind::Offering,
                &offering.to_string(),
            )
            .await;
            Ok(Viewer::see_other(&format!(
                "/organizations/{}/offerings",
                org.handle
            )))
        }
        Err(e) => Ok(form_error(&viewer, &state, &place, &values, &e)),
    }
}

/// Reads the offering form and checks its CSRF token; a failure is already the response.
async fn read_form(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    place: &FormPlace<'_>,
    body: Multipart,
) -> Result<(citysync_app::uploads::Upload, OfferingValues), HttpResponse> {
    let limits = citysync_app::uploads::UploadLimits {
        file_field: "image",
        max_file_bytes: state.ctx.settings.photo_max_bytes,
        max_files: 1,
        long_text_field: "description",
    };
    let upload = match citysync_edge::read_upload(body, limits).await {
        Ok(upload) => upload,
        Err(e) => {
            let errors = FormErrors::from_error(viewer, state, &e);
            let values = place.offering.map(OfferingValues::of).unwrap_or_default();
            let status = form_status(&e).unwrap_or(StatusCode::BAD_REQUEST);
            return Err(offering_form_page(
                viewer, state, place, status, &values, errors,
            ));
        }
    };
    let token = upload.fields.get("csrf_token").cloned().unwrap_or_default();
    if let Err(e) = poster(req, viewer, state, &token) {
        return Err(viewer.error_page(state, &e));
    }
    let values = OfferingValues::from_fields(&upload.fields);
    Ok((upload, values))
}

fn form_error(
    viewer: &Viewer,
    state: &WebState,
    place: &FormPlace<'_>,
    values: &OfferingValues,
    e: &AppError,
) -> HttpResponse {
    match form_status(e) {
        Some(status) => {
            let errors = FormErrors::from_error(viewer, state, e);
            offering_form_page(viewer, state, place, status, values, errors)
        }
        None => viewer.error_page(state, e),
    }
}

/// The offering and its organization, for an editor of its catalog.
async fn editable_offering(
    state: &WebState,
    user: &User,
    id: &str,
) -> Result<(Offering, Organization), AppError> {
    let offering = offerings::get(&state.ctx, &citysync_edge::path_id(id)?).await?;
    let org = editable_redeemer(state, user, &offering.organization_handle).await?;
    Ok((offering, org))
}

/// GET /offerings/{id}/edit — editors of the redeemer.
pub async fn offering_edit_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    match editable_offering(&state, user, &path).await {
        Ok((offering, org)) => Ok(offering_form_page(
            &viewer,
            &state,
            &FormPlace {
                org: &org,
                offering: Some(&offering),
            },
            StatusCode::OK,
            &OfferingValues::of(&offering),
            FormErrors::default(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /offerings/{id}/edit (multipart/form-data) — a new image replaces the old one.
pub async fn offering_edit_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    body: Multipart,
) -> Page {
    let user = viewer.require_user()?.clone();
    let (offering, org) = editable_offering(&state, &user, &path).await?;
    let place = FormPlace {
        org: &org,
        offering: Some(&offering),
    };
    let (upload, values) = match read_form(&req, &viewer, &state, &place, body).await {
        Ok(read) => read,
        Err(resp) => return Ok(resp),
    };
    match offerings::update(
        &state.ctx,
        &user,
        &offering.id,
        values.input(),
        upload.files.into_iter().next(),
    )
    .await
    {
        Ok(()) => Ok(Viewer::see_other(&format!(
            "/organizations/{}/offerings",
            org.handle
        ))),
        Err(e) => Ok(form_error(&viewer, &state, &place, &values, &e)),
    }
}

/// How long a reservation stays valid, as people say it ("3 hours", "45 minutes").
pub(crate) fn reservation_time(viewer: &Viewer, state: &WebState, minutes: i64) -> String {
    let (id, n) = if minutes % 60 == 0 {
        ("duration-hours", minutes / 60)
    } else {
        ("duration-minutes", minutes)
    };
    state.ctx.i18n.message(
        viewer.locale,
        id,
        &[("n", citysync_i18n::ArgValue::from(n))],
    )
}

crate::pages::csrf_forms!(CommitForm, ReserveForm);
