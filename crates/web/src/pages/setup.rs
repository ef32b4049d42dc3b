//! First run: the one-time setup page that names the city and creates its first administrator.
//! The token is printed by `citysync serve` while no administrator exists.

use crate::errors::Page;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::accounts::SignupInput;
use citysync_app::instance::{self, SetupInput};
use citysync_app::{sessions, AppError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SetupForm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub csrf_token: String,
    #[serde(default)]
    pub city_name: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub default_locale: String,
    #[serde(default)]
    pub timezone: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub email: String,
    #[serde(default, skip_serializing)]
    pub password: String,
    #[serde(default, skip_serializing)]
    pub password_confirm: String,
}

fn render(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &SetupForm,
    errors: FormErrors,
) -> HttpResponse {
    viewer.render(state, status, "setup.html", minijinja::context! { form => minijinja::value::Serde(form), errors => minijinja::value::Serde(errors) })
}

/// GET /setup?token=… — the setup form, only with the right token.
pub async fn setup_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<TokenQuery>,
) -> Page {
    if let Err(e) = instance::check_setup_token(&state.ctx, &query.token).await {
        return Err(e.into());
    }
    let form = SetupForm {
        token: query.token.clone(),
        default_locale: viewer.locale.code().to_owned(),
        timezone: "America/Los_Angeles".to_owned(),
        ..SetupForm::default()
    };
    Ok(render(
        &viewer,
        &state,
        StatusCode::OK,
        &form,
        FormErrors::default(),
    ))
}

/// POST /setup — creates the city and its administrator, and signs the administrator in.
pub async fn setup_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<SetupForm>,
) -> Page {
    let form = form.into_inner();
    if !viewer.csrf_ok(&req, &state, &form.csrf_token) {
        return Err(AppError::Forbidden.into());
    }
    let input = SetupInput {
        city_name: form.city_name.clone(),
        region: form.region.clone(),
        default_locale: form.default_locale.clone(),
        timezone: form.timezone.clone(),
        admin: SignupInput {
            username: form.username.clone(),
            email: form.email.clone(),
            password: form.password.clone(),
            password_confirm: form.password_confirm.clone(),
        },
    };
    match instance::complete_setup(&state.ctx, &form.token, input).await {
        Ok(admin) => match sessions::open(&state.ctx, admin.id).await {
            Ok(token) => {
                let mut resp = Viewer::see_other("/");
                let _ = resp.add_cookie(&state.cookies.build(crate::viewer::SESSION_COOKIE, token));
                Ok(resp)
            }
            Err(e) => Err(e.into()),
        },
        Err(e @ (AppError::SetupTokenInvalid | AppError::AlreadySetUp)) => Err(e.into()),
        Err(e) if !citysync_edge::is_server_failure(&e) => {
            let errors = FormErrors::from_error(&viewer, &state, &e);
            Ok(render(
                &viewer,
                &state,
                StatusCode::BAD_REQUEST,
                &form,
                errors,
            ))
        }
        Err(e) => Err(e.into()),
    }
}
