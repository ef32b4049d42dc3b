//! The city's settings: its name, description, time zone, default language and contact,
//! with the latest changes (who changed what, from what to what, when).

use crate::errors::Page;
use crate::pages::form_status;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use citysync_app::instance::{self, SettingChange, SettingsInput};
use citysync_app::{AppError, User};
use citysync_i18n::Locale;
use serde::{Deserialize, Serialize};

/// Changes listed under the form.
const HISTORY: i64 = 20;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/city", web::get().to(city_settings))
        .route("/admin/city", web::post().to(city_settings_submit));
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CityForm {
    #[serde(default, skip_serializing)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    default_locale: String,
    #[serde(default)]
    contact: String,
}

/// One change as the page shows it: values in words (a language's name, "nothing").
#[derive(Serialize)]
struct ChangeView {
    field: String,
    from: String,
    to: String,
    actor: Option<String>,
    at: NaiveDateTime,
}

fn change_view(viewer: &Viewer, state: &WebState, change: SettingChange) -> ChangeView {
    let shown = |value: &str| {
        if value.is_empty() {
            return viewer.t(state, "admin-city-value-none");
        }
        match (change.field.as_str(), Locale::from_code(value)) {
            ("default_locale", Some(locale)) => locale.native_name().to_owned(),
            _ => value.to_owned(),
        }
    };
    ChangeView {
        from: shown(&change.from),
        to: shown(&change.to),
        field: change.field.clone(),
        actor: change.actor,
        at: change.at,
    }
}

async fn settings_page(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    status: StatusCode,
    form: &CityForm,
    errors: FormErrors,
) -> HttpResponse {
    let history = match instance::settings_history(&state.ctx, admin, HISTORY).await {
        Ok(history) => history,
        Err(e) => return viewer.error_page(state, &e),
    };
    let history: Vec<ChangeView> = history
        .into_iter()
        .map(|c| change_view(viewer, state, c))
        .collect();
    viewer.render(
        state,
        status,
        "admin_city.html",
        minijinja::context! {
            form => minijinja::value::Serde(form),
            errors => minijinja::value::Serde(errors),
            history => minijinja::value::Serde(&history),
        },
    )
}

/// GET /admin/city — administrators: the city's settings and their latest changes.
pub async fn city_settings(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let Some(admin) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    if !admin.is_admin {
        return Err(AppError::Forbidden.into());
    }
    let profile = instance::profile(&state.ctx).await?;
    let city = &viewer.city;
    let form = CityForm {
        csrf_token: String::new(),
        name: city.name.clone().unwrap_or_default(),
        description: profile.description,
        timezone: city.timezone.clone(),
        default_locale: city.default_locale.code().to_owned(),
        contact: profile.contact,
    };
    Ok(settings_page(
        &viewer,
        &state,
        admin,
        StatusCode::OK,
        &form,
        FormErrors::default(),
    )
    .await)
}

/// POST /admin/city — administrators save the city's settings; each change is audited.
pub async fn city_settings_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<CityForm>,
) -> Page {
    let admin = viewer.require_user()?;
    let input = SettingsInput {
        name: form.name.clone(),
        description: form.description.clone(),
        default_locale: form.default_locale.clone(),
        timezone: form.timezone.clone(),
        contact: form.contact.clone(),
    };
    match instance::update_settings(&state.ctx, admin, &input).await {
        Ok(_) => Ok(Viewer::see_other("/admin/city")),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(settings_page(&viewer, &state, admin, status, &form, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

crate::pages::csrf_forms!(CityForm);
