//! The resident's wallet: CITY and VOTE balances, CITY held for reservations, open
//! reservations with their QR codes and short codes, the history, past redemptions; one
//! reservation shown large for the counter; cancelling a reservation.

use super::{CsrfForm, TokenForm};
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::{qr, WebState};
use actix_web::http::StatusCode;
use actix_web::web;
use citysync_app::ledger::wallet;
use citysync_app::redemptions::{self, Reservation};
use citysync_i18n::ArgValue;
use serde::Serialize;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/wallet", web::get().to(wallet_page))
        .route("/wallet/reservations/{id}", web::get().to(reservation_page))
        .route(
            "/wallet/reservations/{id}/cancel",
            web::post().to(reservation_cancel),
        );
}

/// An open reservation with its QR code, drawn here (inline SVG, marked safe in the
/// template: it is ours, and the only text in it, the title, is escaped by `qr::svg`).
#[derive(Serialize)]
struct ReservationView<'a> {
    #[serde(flatten)]
    redemption: &'a Reservation,
    qr: String,
}

fn with_qr<'a>(viewer: &Viewer, state: &WebState, r: &'a Reservation) -> ReservationView<'a> {
    let qr = match &r.token {
        Some(token) => {
            let title = state.ctx.i18n.message(
                viewer.locale,
                "wallet-qr-title",
                &[("offering", ArgValue::from(r.offering_title.clone()))],
            );
            qr::svg(token, &title)
        }
        None => String::new(),
    };
    ReservationView { redemption: r, qr }
}

/// GET /wallet — signed in: balances, reservations, history, past redemptions.
pub async fn wallet_page(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    let w = wallet::wallet(&state.ctx, &user).await?;
    let held = citysync_app::claims::held_of(&state.ctx, &user).await?;
    let reservations: Vec<ReservationView> = w
        .reservations
        .iter()
        .map(|r| with_qr(&viewer, &state, r))
        .collect();
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "wallet.html",
        minijinja::context! {
            wallet => minijinja::value::Serde(&w),
            reservations => minijinja::value::Serde(&reservations),
            held => minijinja::value::Serde(&held),
        },
    ))
}

/// GET /wallet/reservations/{id} — one of the holder's reservations, large, to show at the
/// counter; anyone else's is "not found".
pub async fn reservation_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(user) = viewer.user.clone() else {
        return Ok(viewer.sign_in_first());
    };
    let r = redemptions::of_holder(&state.ctx, &user, &citysync_edge::path_id(&path)?).await?;
    let view = with_qr(&viewer, &state, &r);
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "reservation.html",
        minijinja::context! {
            reservation => minijinja::value::Serde(&view),
            open => r.token.is_some(),
        },
    ))
}

/// POST /wallet/reservations/{id}/cancel — the holder; the CITY goes back to the wallet.
pub async fn reservation_cancel(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    _form: CsrfForm<TokenForm>,
) -> Page {
    let user = viewer.require_user()?;
    redemptions::cancel(&state.ctx, user, &citysync_edge::path_id(&path)?).await?;
    Ok(Viewer::see_other("/wallet"))
}
