//! People's accounts: search by username or email, page by page, each account's state, and
//! the administrator's actions on it (suspend with a reason, restore, grant or revoke the
//! administrator role), with the latest actions taken.

use crate::pages::{form_status, poster, safe_path_segment};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::account_admin::{self, AccountAction, AccountPage};
use citysync_app::{AppError, User};
use serde::{Deserialize, Serialize};

/// Actions listed under the accounts.
const RECENT: i64 = 20;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(users_page))
        .route(
            "/admin/users/{username}/suspend",
            web::post().to(user_suspend),
        )
        .route(
            "/admin/users/{username}/restore",
            web::post().to(user_restore),
        )
        .route(
            "/admin/users/{username}/grant-admin",
            web::post().to(user_grant_admin),
        )
        .route(
            "/admin/users/{username}/revoke-admin",
            web::post().to(user_revoke_admin),
        )
        .route("/admin/users/{username}/hold", web::post().to(user_hold))
        .route(
            "/admin/users/{username}/release",
            web::post().to(user_release),
        );
}

/// The search and the page the list is on.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct UsersQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

impl UsersQuery {
    /// The list's address with this search, on `page`.
    fn link(&self, page: i64) -> String {
        let mut url = url::form_urlencoded::Serializer::new(String::new());
        if !self.q.trim().is_empty() {
            url.append_pair("q", self.q.trim());
        }
        if page > 1 {
            url.append_pair("page", &page.to_string());
        }
        let query = url.finish();
        if query.is_empty() {
            "/admin/users".to_owned()
        } else {
            format!("/admin/users?{query}")
        }
    }
}

/// An action's form: the list to return to, and the reason of a suspension.
#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
}

/// The action that failed: on whose account, what was typed, why.
#[derive(Default)]
struct Failure {
    username: String,
    /// `hold` when the legal-hold form failed (its reason field is its own).
    action: &'static str,
    reason: String,
    errors: FormErrors,
}

async fn list_page(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    status: StatusCode,
    query: &UsersQuery,
    failed: Failure,
) -> HttpResponse {
    let found = async {
        let page = query.page.unwrap_or(1);
        Ok::<_, AppError>((
            account_admin::search(&state.ctx, admin, &query.q, page).await?,
            account_admin::recent_actions(&state.ctx, admin, RECENT).await?,
        ))
    }
    .await;
    let (accounts, actions): (AccountPage, Vec<AccountAction>) = match found {
        Ok(found) => found,
        Err(e) => return viewer.error_page(state, &e),
    };
    let usernames = accounts
        .accounts
        .iter()
        .map(|a| a.username.clone())
        .collect();
    let holds = match citysync_app::legal_hold::holds_among(&state.ctx, admin, usernames).await {
        Ok(holds) => holds,
        Err(e) => return viewer.error_page(state, &e),
    };
    let prev_link = (accounts.page > 1).then(|| query.link(accounts.page - 1));
    let next_link = (accounts.page < accounts.pages).then(|| query.link(accounts.page + 1));
    viewer.render(
        state,
        status,
        "admin_users.html",
        minijinja::context! {
            q => query.q.trim(),
            accounts => minijinja::value::Serde(&accounts),
            holds => minijinja::value::Serde(&holds),
            failed_action => failed.action,
            actions => minijinja::value::Serde(&actions),
            me => admin.username.as_str(),
            prev_link => prev_link,
            next_link => next_link,
            failed => failed.username,
            typed_reason => failed.reason,
            errors => minijinja::value::Serde(failed.errors),
        },
    )
}

/// GET /admin/users?q=&page= — administrators: accounts whose username or email contains
/// `q`, by username, page by page, with what can be done to each.
pub async fn users_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<UsersQuery>,
) -> HttpResponse {
    let Some(admin) = &viewer.user else {
        return viewer.sign_in_first();
    };
    list_page(
        &viewer,
        &state,
        admin,
        StatusCode::OK,
        &query,
        Failure::default(),
    )
    .await
}

#[derive(Clone, Copy)]
enum Action {
    Suspend,
    Restore,
    GrantAdmin,
    RevokeAdmin,
    Hold,
    Release,
}

async fn act(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    username: &str,
    form: &ActionForm,
    action: Action,
) -> HttpResponse {
    let admin = match poster(req, viewer, state, &form.csrf_token) {
        Ok(user) => user,
        Err(e) => return viewer.error_page(state, &e),
    };
    let ctx = &state.ctx;
    let result = match action {
        Action::Suspend => account_admin::suspend(ctx, admin, username, &form.reason).await,
        Action::Restore => account_admin::restore(ctx, admin, username).await,
        Action::GrantAdmin => account_admin::set_admin(ctx, admin, username, true).await,
        Action::RevokeAdmin => account_admin::set_admin(ctx, admin, username, false).await,
        Action::Hold => {
            citysync_app::legal_hold::set(ctx, admin, username, true, &form.reason).await
        }
        Action::Release => {
            citysync_app::legal_hold::set(ctx, admin, username, false, &form.reason).await
        }
    };
    let query = UsersQuery {
        q: form.q.clone(),
        page: form.page,
    };
    match result {
        // An administrator who gave up the role has no more business here.
        Ok(()) if matches!(action, Action::RevokeAdmin) && admin.username.as_str() == username => {
            Viewer::see_other("/")
        }
        Ok(()) => Viewer::see_other(&query.link(form.page.unwrap_or(1))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let failed = Failure {
                    username: safe_path_segment(username),
                    action: if matches!(action, Action::Hold | Action::Release) {
                        "hold"
                    } else {
                        ""
                    },
                    reason: form.reason.clone(),
                    errors: FormErrors::from_error(viewer, state, &e),
                };
                list_page(viewer, state, admin, status, &query, failed).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// POST /admin/users/{username}/suspend — administrators; a reason is required.
pub async fn user_suspend(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(&req, &viewer, &state, &path, &form, Action::Suspend).await
}

/// POST /admin/users/{username}/restore — administrators.
pub async fn user_restore(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(&req, &viewer, &state, &path, &form, Action::Restore).await
}

/// POST /admin/users/{username}/grant-admin — administrators.
pub async fn user_grant_admin(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(&req, &viewer, &state, &path, &form, Action::GrantAdmin).await
}

/// POST /admin/users/{username}/hold — administrators: puts the account under legal hold,
/// with a reason (retention skips it; it cannot be deleted).
pub async fn user_hold(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(&req, &viewer, &state, &path, &form, Action::Hold).await
}

/// POST /admin/users/{username}/release — administrators: lifts the legal hold, with a reason.
pub async fn user_release(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(&req, &viewer, &state, &path, &form, Action::Release).await
}

/// POST /admin/users/{username}/revoke-admin — administrators.
pub async fn user_revoke_admin(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: web::Form<ActionForm>,
) -> HttpResponse {
    act(&req, &viewer, &state, &path, &form, Action::RevokeAdmin).await
}
