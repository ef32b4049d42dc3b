//! The redeemer's counter (cashiers and owners): a typed short code or a scanned QR code
//! looks a reservation up, a confirm page shows what it is for, and one press honors it —
//! the escrowed CITY is burned, exactly once. The camera scanner (`/static/counter.js`) only
//! fills the same form; the page works without it.

use super::{form_status, CsrfForm, CsrfToken, TokenForm};
use crate::errors::Page;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::web;
use citysync_app::ledger::checkpoints;
use citysync_app::organizations::{self, Organization};
use citysync_app::redemptions::{self, Presented};
use citysync_app::{AppError, User};
use serde::Deserialize;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/organizations/{handle}/counter",
        web::get().to(counter_page),
    )
    .route(
        "/organizations/{handle}/counter/lookup",
        web::post().to(counter_lookup),
    )
    .route(
        "/organizations/{handle}/counter/{redemption_id}/honor",
        web::post().to(counter_honor),
    );
}

/// GET /organizations/{handle}/counter — cashiers and owners: the code form, the scanner
/// and the recent confirmations.
pub async fn counter_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    render_counter(
        &viewer,
        &state,
        &user,
        &path,
        StatusCode::OK,
        "",
        FormErrors::default(),
    )
    .await
}

async fn render_counter(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    handle: &str,
    status: StatusCode,
    typed_code: &str,
    errors: FormErrors,
) -> Page {
    let ctx = &state.ctx;
    let org = organizations::by_handle(ctx, handle, Some(user)).await?;
    if !org.is_redeemer {
        return Err(AppError::NotARedeemer.into());
    }
    // Refuses anyone whose role cannot honor.
    let recent = redemptions::honored_at(ctx, user, &org.id).await?;
    let public_key = checkpoints::public_key(ctx).await?;
    Ok(viewer.render(
        state,
        status,
        "counter.html",
        minijinja::context! {
            org => minijinja::value::Serde(&org),
            recent => minijinja::value::Serde(&recent),
            public_key => public_key,
            now_unix => ctx.now().and_utc().timestamp(),
            typed_code => typed_code,
            errors => minijinja::value::Serde(errors),
        },
    ))
}

/// What the counter form sends: a typed code, or a scanned token (the scanner's).
#[derive(Debug, Default, Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    token: String,
}

impl CsrfToken for LookupForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// The signed-in cashier of a counter form, and the organization behind it.
async fn counter_org(
    viewer: &Viewer,
    state: &WebState,
    handle: &str,
) -> Result<(User, Organization), AppError> {
    let user = viewer.require_user()?.clone();
    let org = organizations::by_handle(&state.ctx, handle, Some(&user)).await?;
    Ok((user, org))
}

/// POST /organizations/{handle}/counter/lookup — the confirm page, or the counter again
/// with why the code cannot be honored.
pub async fn counter_lookup(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<LookupForm>,
) -> Page {
    let (user, org) = counter_org(&viewer, &state, &path).await?;
    let token = form.token.trim();
    let presented = if token.is_empty() {
        Presented::Code(form.code.clone())
    } else {
        Presented::Token(token.to_owned())
    };
    match redemptions::look_up(&state.ctx, &user, &org.id, presented).await {
        Ok(r) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "counter_confirm.html",
            minijinja::context! {
                org => minijinja::value::Serde(&org),
                redemption => minijinja::value::Serde(&r),
            },
        )),
        Err(e) => refused(&viewer, &state, &user, &org, &form.code, e).await,
    }
}

/// The counter again with the refusal, or the error page for what is not about the code.
async fn refused(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    org: &Organization,
    typed_code: &str,
    e: AppError,
) -> Page {
    match form_status(&e) {
        Some(status) => {
            let errors = FormErrors::from_error(viewer, state, &e);
            render_counter(viewer, state, user, &org.handle, status, typed_code, errors).await
        }
        None => Err(e.into()),
    }
}

/// POST /organizations/{handle}/counter/{redemption_id}/honor — the cashier confirms; the
/// CITY is burned. A second confirmation, by anyone, is refused.
pub async fn counter_honor(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let (handle, redemption_id) = path.into_inner();
    let (user, org) = counter_org(&viewer, &state, &handle).await?;
    let id = citysync_edge::path_id(&redemption_id)?;
    match redemptions::honor(&state.ctx, &user, &org.id, &id).await {
        Ok(r) => Ok(viewer.render(
            &state,
            StatusCode::OK,
            "counter_done.html",
            minijinja::context! {
                org => minijinja::value::Serde(&org),
                redemption => minijinja::value::Serde(&r),
            },
        )),
        Err(e) => refused(&viewer, &state, &user, &org, "", e).await,
    }
}
