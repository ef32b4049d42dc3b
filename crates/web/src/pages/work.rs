//! The resident's and the verifier's side of the work loop: the opportunity page with its
//! claim button, claims and proof (multipart, photos), the verification queue, on-site
//! check-in, proof photos, and notifications.

use super::{form_status, poster, TokenForm};
use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::notifications::{self, NoticeKind};
use citysync_app::{catalog, organizations, AppError};
use citysync_domain::governance::parameter::multiply;
use citysync_domain::organization::Capability;
use citysync_domain::task::format_credits;
use citysync_domain::work::{RejectReason, PHOTOS_MAX};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/opportunities/{id}", web::get().to(opportunity_page))
        .route("/opportunities/{id}/claim", web::post().to(claim_submit))
        .route("/claims", web::get().to(my_work))
        .route("/claims/{id}", web::get().to(claim_page))
        .route("/claims/{id}/withdraw", web::post().to(withdraw_submit))
        .route("/claims/{id}/proof", web::post().to(proof_submit))
        .route("/claims/{id}/check-in", web::post().to(check_in_submit))
        .route("/claims/{id}/check-out", web::post().to(check_out_submit))
        .route("/organizations/{handle}/verify", web::get().to(queue_page))
        .route("/submissions/{id}/decide", web::post().to(decide_submit))
        .route("/photos/{id}", web::get().to(photo))
        .route("/notifications", web::get().to(notifications_page))
        .route("/notifications/read", web::post().to(notifications_read))
        .route(
            "/settings/notifications",
            web::post().to(preferences_submit),
        );
}

/// GET /opportunities/{id} — everything a resident needs, the claim button, and for the
/// organization's verifiers the claimants with check-in buttons.
pub async fn opportunity_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_opportunity(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        FormErrors::default(),
    )
    .await
}

pub(crate) async fn render_opportunity(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    errors: FormErrors,
) -> HttpResponse {
    let ctx = &state.ctx;
    let mut opp = match catalog::opportunity(ctx, id, viewer.user.as_ref()).await {
        Ok(o) => o,
        Err(e) => return viewer.error_page(state, &e),
    };
    // Its text in the reader's language, where translated (issue 27).
    let (shown, content) = super::translations::opportunity_shown(viewer, state, &mut opp).await;
    let taxonomy = match catalog::taxonomy(ctx).await {
        Ok(t) => t,
        Err(e) => return viewer.error_page(state, &e),
    };
    let (my_claim, claimants, remote_participants) = match &viewer.user {
        Some(user) => {
            let mine = claims::claim_on(ctx, user, id).await.ok().flatten();
            let list = claims::claimants(ctx, user, id).await.unwrap_or_default();
            let remote = claims::remote::participants(ctx, user, id)
                .await
                .unwrap_or_default();
            (mine, list, remote)
        }
        None => (None, Vec::new(), Vec::new()),
    };
    let can_edit = match &viewer.user {
        Some(user) => {
            matches!(organizations::role(ctx, &opp.organization_id, user).await, Ok(Some(r)) if r.can(Capability::EditCatalog))
        }
        None => false,
    };
    let open = opp.open_for_claims(ctx.now());
    // Co-issuers: accepted partners with their shares (a draft's only for its members).
    let co_issue = catalog::partners_page(ctx, viewer.user.as_ref(), id)
        .await
        .ok()
        .map(|mut page| {
            page.partners
                .retain(|p| p.state == citysync_domain::partners::PartnerState::Accepted);
            page
        })
        .filter(|page| !page.partners.is_empty());
    // The organization's postal address, and an "open in maps" link (issue 26).
    let org_address = organizations::by_id(ctx, &opp.organization_id)
        .await
        .map(|o| o.address)
        .unwrap_or_default();
    let maps_link =
        crate::street_map::open_in_maps(opp.point.map(|p| (p.latitude, p.longitude)), &org_address);
    // The share preview, the schema.org Event and the series' other dates (issue 26).
    let zone = citysync_i18n::moments::zone(&viewer.city.timezone);
    let share = super::share_meta::of_opportunity(state, viewer.city.display_name(), zone, &opp);
    let series = catalog::series_dates(ctx, &opp).await.unwrap_or_default();
    // The waiting list when full, and the largest party a claim can hold (issue 26).
    let waitlist = claims::waitlist::status(ctx, viewer.user.as_ref(), id)
        .await
        .unwrap_or_default();
    let party_max = opp.remaining.clamp(0, i64::from(claims::party::PARTY_MAX));
    viewer.render(
        state,
        status,
        "opportunity.html",
        minijinja::context! {
            share => minijinja::value::Serde(&share),
            series => minijinja::value::Serde(&series),
            org_address => org_address,
            maps_link => maps_link,
            opportunity => minijinja::value::Serde(&opp),
            shown => minijinja::value::Serde(&shown),
            content => minijinja::value::Serde(&content),
            category_name => taxonomy.category_name(&ctx.i18n, viewer.locale, &opp.category),
            unit_name => taxonomy.unit_name(&ctx.i18n, viewer.locale, &opp.outcome_unit),
            reward_city => format_credits(opp.reward_city),
            open => open,
            my_claim => minijinja::value::Serde(&my_claim),
            claimants => minijinja::value::Serde(&claimants),
            remote_participants => minijinja::value::Serde(&remote_participants),
            can_edit => can_edit,
            co_issue => minijinja::value::Serde(&co_issue),
            eligibility => super::eligibility::opportunity_panel(viewer, state, id).await,
            waitlist => minijinja::value::Serde(&waitlist),
            party_max => party_max,
            errors => minijinja::value::Serde(errors),
        },
    )
}

/// POST /opportunities/{id}/claim
pub async fn claim_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<super::eligibility::ClaimForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let party = form.party_size();
    match claims::claim_with(&state.ctx, &user, &path, party, form.accepted_waiver()).await {
        Ok(claim) => Ok(Viewer::see_other(&format!("/claims/{}", claim.id))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(render_opportunity(&viewer, &state, &path, status, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

/// GET /claims — the resident's claims and verified contributions.
pub async fn my_work(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    match claims::my_work(&state.ctx, &user).await {
        Ok((claims, contributions)) => {
            let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
            let named: Vec<_> = contributions
                .iter()
                .map(|c| {
                    let unit = taxonomy
                        .as_ref()
                        .map(|t| t.unit_name(&state.ctx.i18n, viewer.locale, &c.outcome_unit))
                        .unwrap_or_else(|| c.outcome_unit.clone());
                    minijinja::context! { c => minijinja::value::Serde(c), unit_name => unit, reward_city => format_credits(c.reward_city) }
                })
                .collect();
            Ok(viewer.render(
                &state,
                StatusCode::OK,
                "claims.html",
                minijinja::context! { claims => minijinja::value::Serde(&claims), contributions => named },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /claims/{id}
pub async fn claim_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_claim(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        FormErrors::default(),
        &BTreeMap::new(),
    )
    .await
}

async fn render_claim(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    errors: FormErrors,
    typed: &BTreeMap<String, String>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    match claims::claim_page(&state.ctx, &user, id).await {
        Ok(page) => {
            // Every field the form shows, with what was typed (or its default).
            let mut typed = typed.clone();
            for key in [
                "text",
                "latitude",
                "longitude",
                "worked_from",
                "worked_until",
            ] {
                typed.entry(key.to_owned()).or_default();
            }
            typed
                .entry("outcome_quantity".to_owned())
                .or_insert_with(|| page.template.expected_outcome.to_string());
            for field in &page.template.extra_fields {
                typed.entry(format!("extra_{}", field.key)).or_default();
            }
            // What was minted once verified; before that, the claim's reward times the
            // category's multiplier in force (applied at verification).
            let (reward_city, reward_vote, percent) = match &page.contribution {
                Some(c) => (c.reward_city, c.reward_vote, 100),
                None => {
                    let percent = page.opportunity.reward_percent;
                    (
                        multiply(page.claim.reward_city, percent),
                        multiply(page.claim.reward_vote, percent),
                        percent,
                    )
                }
            };
            let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
            let unit_name = taxonomy
                .map(|t| t.unit_name(&state.ctx.i18n, viewer.locale, &page.template.outcome_unit))
                .unwrap_or_default();
            // The group this claim belongs to, with its join link for the claimant (issue 26).
            let party = claims::party::party_of(&state.ctx, &user, id)
                .await
                .ok()
                .flatten();
            let party_url = party
                .as_ref()
                .and_then(|p| p.code.as_ref())
                .map(|code| state.ctx.settings.url(&format!("/parties/{code}")));
            viewer.render(
                state,
                status,
                "claim.html",
                minijinja::context! {
                    started => state.ctx.now() >= page.opportunity.starts_at,
                    page => minijinja::value::Serde(&page),
                    unit_name => unit_name,
                    reward_city => format_credits(reward_city),
                    reward_vote => reward_vote,
                    reward_percent => percent,
                    reward_multiplier => format!("{:.2}", percent as f64 / 100.0),
                    photos_max => PHOTOS_MAX,
                    photo_max_mb => state.ctx.settings.photo_max_bytes / (1024 * 1024),
                    party => minijinja::value::Serde(&party),
                    party_url => party_url,
                    typed => minijinja::value::Serde(&typed),
                    errors => minijinja::value::Serde(errors),
                },
            )
        }
        Err(e) => viewer.error_page(state, &e),
    }
}

/// POST /claims/{id}/withdraw
pub async fn withdraw_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    claims::withdraw(&state.ctx, &user, &path).await?;
    Ok(Viewer::see_other(&format!("/claims/{}", path.as_str())))
}

/// POST /claims/{id}/proof (multipart/form-data)
pub async fn proof_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    body: Multipart,
) -> Page {
    // Anonymous uploads are refused before the body is read; the token is inside it.
    if let Err(e) = viewer.require_user() {
        return Err(e.into());
    }
    let limits = citysync_app::uploads::UploadLimits {
        file_field: "photos",
        max_file_bytes: state.ctx.settings.photo_max_bytes,
        max_files: PHOTOS_MAX,
        long_text_field: "text",
    };
    let form = match citysync_edge::read_upload(body, limits).await {
        Ok(f) => f,
        Err(e) => {
            let errors = FormErrors::from_error(&viewer, &state, &e);
            return Ok(render_claim(
                &viewer,
                &state,
                &path,
                form_status(&e).unwrap_or(StatusCode::BAD_REQUEST),
                errors,
                &BTreeMap::new(),
            )
            .await);
        }
    };
    let token = form.fields.get("csrf_token").cloned().unwrap_or_default();
    let user = poster(&req, &viewer, &state, &token)?.clone();
    let f = &form.fields;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let input = ProofInput {
        text: get("text"),
        photos: form.files.clone(),
        latitude: get("latitude"),
        longitude: get("longitude"),
        worked_from: f
            .get("worked_from")
            .and_then(|t| viewer.instant_typed(t).ok()),
        worked_until: f
            .get("worked_until")
            .and_then(|t| viewer.instant_typed(t).ok()),
        outcome_quantity: get("outcome_quantity"),
        extra_values: f
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("extra_").map(|k| (k.to_owned(), v.clone())))
            .collect(),
    };
    match claims::submit(&state.ctx, &user, &path, input).await {
        Ok(()) => Ok(Viewer::see_other(&format!("/claims/{}", path.as_str()))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(render_claim(&viewer, &state, &path, status, errors, f).await)
            }
            None => Err(e.into()),
        },
    }
}

async fn check(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    claim_id: &str,
    token: &str,
    check_in: bool,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, token) {
        Ok(user) => user.clone(),
        Err(e) => return viewer.error_page(&state, &e),
    };
    match claims::check_in_out(&state.ctx, &user, claim_id, check_in).await {
        Ok(()) => match claims::claim_page(&state.ctx, &user, claim_id).await {
            Ok(page) => Viewer::see_other(&format!("/opportunities/{}", page.opportunity.id)),
            Err(e) => viewer.error_page(&state, &e),
        },
        Err(e) => viewer.error_page(&state, &e),
    }
}

/// POST /claims/{id}/check-in
pub async fn check_in_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    check(req, viewer, state, &path, &form.csrf_token, true).await
}

/// POST /claims/{id}/check-out
pub async fn check_out_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> HttpResponse {
    check(req, viewer, state, &path, &form.csrf_token, false).await
}

/// GET /organizations/{handle}/verify — the verification queue, oldest first.
pub async fn queue_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    render_queue(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        FormErrors::default(),
        None,
        None,
    )
    .await
}

async fn render_queue(
    viewer: &Viewer,
    state: &WebState,
    handle: &str,
    status: StatusCode,
    errors: FormErrors,
    failed_submission: Option<&str>,
    decided: Option<DecidedNote>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    let org = match organizations::by_handle(&state.ctx, handle, Some(&user)).await {
        Ok(o) => o,
        Err(e) => return viewer.error_page(state, &e),
    };
    match claims::verification_queue(&state.ctx, &user, handle).await {
        Ok(items) => viewer.render(
            state,
            status,
            "verify_queue.html",
            minijinja::context! {
                organization => minijinja::value::Serde(&org),
                items => minijinja::value::Serde(&items),
                reasons => RejectReason::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
                errors => minijinja::value::Serde(errors),
                failed_submission => failed_submission,
                decided => minijinja::value::Serde(decided),
            },
        ),
        Err(e) => viewer.error_page(state, &e),
    }
}

/// What the verifier is told about an approval's reward, above the queue.
#[derive(Debug, Clone, serde::Serialize)]
struct DecidedNote {
    title: String,
    text: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    confirmed_outcome: String,
    #[serde(default)]
    quality_rating: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    feedback: String,
    #[serde(default)]
    organization: String,
}

/// POST /submissions/{id}/decide — approve or reject; back to the queue.
pub async fn decide_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<DecideForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let form = form.into_inner();
    let handle = form.organization.clone();
    let input = if form.decision == "approve" {
        DecisionInput::Approve {
            confirmed_outcome: form.confirmed_outcome,
            quality_rating: form.quality_rating,
            feedback: form.feedback,
        }
    } else {
        DecisionInput::Reject {
            reason: form.reason,
            feedback: form.feedback,
        }
    };
    let back = format!(
        "/organizations/{}/verify",
        super::safe_path_segment(&handle)
    );
    match claims::decide(&state.ctx, &user, &path, input).await {
        // An approval a cap held back, or whose reward is held until the resident is
        // verified, is shown with what was minted on the queue itself.
        Ok(decided)
            if !handle.is_empty() && (decided.capped.is_some() || decided.held.is_some()) =>
        {
            let i18n = &state.ctx.i18n;
            let note = match (decided.capped, decided.held) {
                (Some(capped), _) => DecidedNote {
                    title: i18n.message(viewer.locale, "work-decided-capped-title", &[]),
                    text: capped.describe(i18n, viewer.locale),
                },
                (None, held) => DecidedNote {
                    title: i18n.message(viewer.locale, "work-decided-held-title", &[]),
                    text: held
                        .map(|h| h.describe_to_verifier(i18n, viewer.locale, &decided.resident))
                        .unwrap_or_default(),
                },
            };
            Ok(render_queue(
                &viewer,
                &state,
                &handle,
                StatusCode::OK,
                FormErrors::default(),
                None,
                Some(note),
            )
            .await)
        }
        Ok(_) => Ok(Viewer::see_other(&back)),
        Err(e) => match form_status(&e).filter(|_| !handle.is_empty()) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(render_queue(
                    &viewer,
                    &state,
                    &handle,
                    status,
                    errors,
                    Some(path.as_str()),
                    None,
                )
                .await)
            }
            None => Err(e.into()),
        },
    }
}

/// GET /photos/{id} — a proof photo, for the claimant, the organization's verifiers and
/// administrators only; never cached by shared caches.
pub async fn photo(viewer: Viewer, state: web::Data<WebState>, path: web::Path<String>) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Err(AppError::NotFound.into());
    };
    match claims::photo(&state.ctx, &user, &path).await {
        Ok((bytes, content_type)) => Ok(HttpResponse::Ok()
            .content_type(content_type)
            .insert_header((
                actix_web::http::header::CACHE_CONTROL,
                "private, max-age=3600",
            ))
            .insert_header(("X-Content-Type-Options", "nosniff"))
            .body(bytes)),
        Err(e) => Err(e.into()),
    }
}

/// GET /notifications — notifications, pending invitations and email preferences.
pub async fn notifications_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    let ctx = &state.ctx;
    let result = async {
        Ok::<_, AppError>((
            notifications::list(ctx, &user).await?,
            organizations::invitations_for(ctx, &user).await?,
            notifications::email_preferences(ctx, &user).await?,
            notifications::digest_chosen(ctx, &user).await?,
        ))
    }
    .await;
    match result {
        Ok((items, invitations, prefs, digest)) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "notifications.html",
            minijinja::context! {
                items => minijinja::value::Serde(&items),
                invitations => minijinja::value::Serde(&invitations),
                preferences => prefs.iter().map(|(k, on)| minijinja::context! { kind => k.as_str(), on => *on }).collect::<Vec<_>>(),
                digest => digest,
                digest_hour => ctx.settings.digest_hour,
            },
        )),
        Err(e) => Err(e.into()),
    }
}

/// POST /notifications/read
pub async fn notifications_read(
    viewer: Viewer,
    state: web::Data<WebState>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    notifications::mark_all_read(&state.ctx, &user).await?;
    Ok(Viewer::see_other("/notifications"))
}

/// POST /settings/notifications — one checkbox per kind, named `email_<kind>`.
pub async fn preferences_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<BTreeMap<String, String>>,
) -> Page {
    let token = form.get("csrf_token").cloned().unwrap_or_default();
    let user = poster(&req, &viewer, &state, &token)?.clone();
    let on: Vec<NoticeKind> = NoticeKind::ALL
        .into_iter()
        .filter(|k| form.contains_key(&format!("email_{}", k.as_str())))
        .collect();
    // "daily": one email a day with all the news (the digest); "single": one per notice.
    let digest = match form.get("delivery").map(String::as_str) {
        Some("daily") => Some(true),
        Some("single") => Some(false),
        _ => None,
    };
    if let Some(digest) = digest {
        if let Err(e) = notifications::set_digest(&state.ctx, &user, digest).await {
            return Err(e.into());
        }
    }
    notifications::set_email_preferences(&state.ctx, &user, on).await?;
    Ok(Viewer::see_other("/notifications"))
}

crate::pages::csrf_forms!(DecideForm);
