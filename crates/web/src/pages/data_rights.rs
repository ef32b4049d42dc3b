//! "Your data" (`/settings/data`): the resident downloads everything the city holds about
//! them as a zip (`data.json`, a readable `index.html` in their language, their proof
//! photos under `photos/`), or deletes their account. Both ask for the password again.

use super::{form_status, poster};
use crate::errors::Page;
use crate::viewer::{FormErrors, Viewer, SESSION_COOKIE};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::accounts::data_rights::{self, Export, Value};
use citysync_app::AppError;
use serde::{Deserialize, Serialize};
use std::io::Write;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/data", web::get().to(data_page))
        .route("/settings/data/export", web::post().to(export_submit))
        .route("/settings/data/delete", web::post().to(delete_submit))
        .route("/settings/data/deleted", web::get().to(deleted_page));
}

#[derive(Debug, Default, Deserialize)]
pub struct ExportForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    confirmation: String,
}

/// Which form failed, and how.
#[derive(Default)]
struct Shown {
    export_errors: FormErrors,
    delete_errors: FormErrors,
    typed_confirmation: String,
}

fn page(viewer: &Viewer, state: &WebState, status: StatusCode, shown: Shown) -> HttpResponse {
    if viewer.user.is_none() {
        return viewer.sign_in_first();
    }
    viewer.render(
        state,
        status,
        "settings_data.html",
        minijinja::context! {
            export_errors => minijinja::value::Serde(shown.export_errors),
            delete_errors => minijinja::value::Serde(shown.delete_errors),
            typed_confirmation => shown.typed_confirmation,
        },
    )
}

/// GET /settings/data
pub async fn data_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    page(&viewer, &state, StatusCode::OK, Shown::default())
}

/// POST /settings/data/export — the zip, or the page again with the error.
pub async fn export_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<ExportForm>,
) -> Page {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user.clone(),
        Err(AppError::Unauthenticated) => return Ok(viewer.sign_in_first()),
        Err(e) => return Err(e.into()),
    };
    let export = match data_rights::export(&state.ctx, &user, &form.current_password).await {
        Ok(export) => export,
        Err(e) => return Ok(form_failed(&viewer, &state, &e, false, "")),
    };
    let built = index_html(&viewer, &state, &export).and_then(|index| archive(&export, &index));
    match built {
        Ok(bytes) => {
            let day = export.generated_at.format("%Y-%m-%d");
            Ok(HttpResponse::Ok()
                .content_type("application/zip")
                .insert_header((
                    actix_web::http::header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"citysync-data-{}-{day}.zip\"",
                        export.username
                    ),
                ))
                .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
                .body(bytes))
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /settings/data/delete — the account is deleted and this browser signed out.
pub async fn delete_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    form: web::Form<DeleteForm>,
) -> Page {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(user) => user.clone(),
        Err(AppError::Unauthenticated) => return Ok(viewer.sign_in_first()),
        Err(e) => return Err(e.into()),
    };
    match data_rights::delete_account(
        &state.ctx,
        &user,
        &form.current_password,
        &form.confirmation,
    )
    .await
    {
        Ok(()) => {
            let mut resp = Viewer::see_other("/settings/data/deleted");
            let _ = resp.add_cookie(&state.cookies.removal(SESSION_COOKIE));
            Ok(resp)
        }
        Err(e) => Ok(form_failed(&viewer, &state, &e, true, &form.confirmation)),
    }
}

/// GET /settings/data/deleted — said once the account is gone.
pub async fn deleted_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    viewer.notice(
        &state,
        StatusCode::OK,
        "data-rights-deleted-title",
        "data-rights-deleted-body",
    )
}

fn form_failed(
    viewer: &Viewer,
    state: &WebState,
    err: &AppError,
    deleting: bool,
    typed: &str,
) -> HttpResponse {
    let Some(status) = form_status(err) else {
        return viewer.error_page(state, err);
    };
    let errors = FormErrors::from_error(viewer, state, err);
    let shown = if deleting {
        Shown {
            delete_errors: errors,
            typed_confirmation: typed.to_owned(),
            ..Shown::default()
        }
    } else {
        Shown {
            export_errors: errors,
            ..Shown::default()
        }
    };
    page(viewer, state, status, shown)
}

/// One field of a record as `index.html` shows it.
#[derive(Serialize)]
struct FieldView {
    label: String,
    /// `text`, `time` (shown with `local`), `day`, `yes`, `no` or `empty`.
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
struct TableView {
    id: String,
    heading: String,
    records: Vec<Vec<FieldView>>,
}

/// The message `id`, or `None` when the reader's language has no such message.
fn message(viewer: &Viewer, state: &WebState, id: &str) -> Option<String> {
    let text = viewer.t(state, id);
    (text != id && !text.is_empty()).then_some(text)
}

/// `index.html`: the same records as `data.json`, in the reader's language, times on the
/// city's clock.
fn index_html(viewer: &Viewer, state: &WebState, export: &Export) -> Result<String, AppError> {
    let tables: Vec<TableView> = export
        .tables
        .iter()
        .filter(|t| !t.records.is_empty())
        .map(|t| TableView {
            id: t.name.replace('_', "-"),
            heading: message(
                viewer,
                state,
                &format!("data-rights-table-{}", t.name.replace('_', "-")),
            )
            .unwrap_or_else(|| t.name.to_owned()),
            records: t
                .records
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|(column, value)| {
                            let label = message(
                                viewer,
                                state,
                                &format!("data-rights-column-{}", column.replace('_', "-")),
                            )
                            .unwrap_or_else(|| column.clone());
                            let (kind, value) = match value {
                                Value::Null => ("empty", String::new()),
                                Value::Bool(true) => ("yes", String::new()),
                                Value::Bool(false) => ("no", String::new()),
                                Value::Int(i) => ("text", i.to_string()),
                                Value::Float(f) => ("text", f.to_string()),
                                Value::Text(s) => ("text", s.clone()),
                                Value::Time(at) => (
                                    "time",
                                    at.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string(),
                                ),
                                Value::Date(d) => ("day", d.format("%Y-%m-%d").to_string()),
                            };
                            FieldView { label, kind, value }
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    let photos: Vec<String> = export.photos.iter().map(|p| p.path.clone()).collect();
    let context = minijinja::context! {
        lang => viewer.locale.code(),
        city_tz => viewer.city.timezone.clone(),
        city_name => viewer.city.display_name(),
        username => export.username.clone(),
        generated_at => export
            .generated_at
            .naive_utc()
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
        tables => minijinja::value::Serde(tables),
        photos => photos,
    };
    state
        .templates
        .render("data_export.html", context)
        .map_err(|e| AppError::internal(format!("index.html: {e}")))
}

/// The zip: `data.json`, `index.html`, and the photos under `photos/` (stored as they are:
/// pictures do not compress).
fn archive(export: &Export, index: &str) -> Result<Vec<u8>, AppError> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let fail = |e: &dyn std::fmt::Display| AppError::internal(format!("the data archive: {e}"));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("data.json", deflated)
        .map_err(|e| fail(&e))?;
    zip.write_all(&export.data_json()?).map_err(|e| fail(&e))?;
    zip.start_file("index.html", deflated)
        .map_err(|e| fail(&e))?;
    zip.write_all(index.as_bytes()).map_err(|e| fail(&e))?;
    for photo in &export.photos {
        zip.start_file(photo.path.as_str(), stored)
            .map_err(|e| fail(&e))?;
        zip.write_all(&photo.bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}
