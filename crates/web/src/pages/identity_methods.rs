//! Resident verification by the resident (issue 25): /settings/identity shows the level and
//! the methods the city offers — a letter code, the city's registry, an OpenID Connect
//! provider, the registrar's desk — and takes each one's evidence. The administrator's side
//! of these methods (switching them on, making a batch of letter codes as CSV) is here too,
//! posted from /admin/identity.

use super::{form_status, poster};
use crate::errors::Page;
use crate::pages::admin::identity as admin_page;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::identity::registry::RegistryInput;
use citysync_app::identity::{self, letter_code, methods, oidc, Outcome};
use citysync_app::{AppError, User};
use citysync_domain::identity::VerificationMethod;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings/identity", web::get().to(identity_methods_page))
        .route(
            "/settings/identity/letter-code",
            web::post().to(letter_code_submit),
        )
        .route(
            "/settings/identity/registry",
            web::post().to(registry_submit),
        )
        .route("/settings/identity/oidc", web::post().to(oidc_start))
        .route(oidc::CALLBACK_PATH, web::get().to(oidc_callback))
        .route(
            "/admin/identity/methods",
            web::post().to(admin_methods_submit),
        )
        .route(
            "/admin/identity/letter-codes",
            web::post().to(admin_letter_codes_submit),
        );
}

/// The largest batch form accepted, textarea and file together (5000 addresses fit well
/// below).
const LETTERS_FORM_BYTES: usize = 1024 * 1024;

/// What the resident's forms send. Identifiers and codes are never shown back.
#[derive(Debug, Default, Deserialize)]
pub struct ResidentForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    birth_date: String,
}

/// The registry and provider as the page names them.
#[derive(Debug, Serialize)]
struct Offered {
    letter_code: bool,
    registry: Option<RegistryView>,
    oidc: Option<String>,
}

#[derive(Debug, Serialize)]
struct RegistryView {
    name: String,
    document_kind: &'static str,
    ask_birth_date: bool,
}

async fn render(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    status: StatusCode,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> HttpResponse {
    let shown = async {
        let ctx = &state.ctx;
        let level = identity::level_of(ctx, user).await?;
        let method = identity::method_of(ctx, user).await?;
        let on = methods::enabled(ctx).await?;
        let registry = ctx.settings.identity.registry.as_ref();
        let offered = Offered {
            letter_code: on.contains(&VerificationMethod::LetterCode),
            registry: registry
                .filter(|_| on.contains(&VerificationMethod::Registry))
                .map(|r| RegistryView {
                    name: r.name.clone(),
                    document_kind: r.document_kind.as_str(),
                    ask_birth_date: r.ask_birth_date,
                }),
            oidc: ctx
                .settings
                .identity
                .oidc
                .as_ref()
                .filter(|_| on.contains(&VerificationMethod::OpenidConnect))
                .map(|o| o.name.clone()),
        };
        Ok::<_, AppError>(viewer.render(
            state,
            status,
            "identity_methods.html",
            minijinja::context! {
                identity_level => level.map_or("none", |l| l.as_str()),
                identity_method => method.map(|m| m.as_str()),
                offered => minijinja::value::Serde(offered),
                errors => minijinja::value::Serde(errors),
                notice => notice,
            },
        ))
    }
    .await;
    shown.unwrap_or_else(|e| viewer.error_page(state, &e))
}

/// The page after a method answered: the outcome, or the form's error.
async fn answered(
    viewer: &Viewer,
    state: &WebState,
    user: &User,
    result: Result<Outcome, AppError>,
) -> HttpResponse {
    match result {
        Ok(outcome) => {
            let notice = match outcome {
                Outcome::Verified => "identity-methods-verified",
                Outcome::AlreadyHeld => "identity-methods-already",
            };
            let errors = FormErrors::default();
            render(viewer, state, user, StatusCode::OK, errors, Some(notice)).await
        }
        Err(e) => {
            // A registry or provider that did not answer is said on the page, not as an
            // error page: the resident can try again or use another method.
            let status = form_status(&e).or(match e {
                AppError::RegistryUnavailable(_) | AppError::IdentityProviderUnavailable(_) => {
                    tracing::warn!(error = %e, "resident verification service failed");
                    Some(StatusCode::BAD_GATEWAY)
                }
                _ => None,
            });
            match status {
                Some(status) => {
                    let errors = FormErrors::from_error(viewer, state, &e);
                    render(viewer, state, user, status, errors, None).await
                }
                None => viewer.error_page(state, &e),
            }
        }
    }
}

/// GET /settings/identity — signed-in residents: their level and the ways to verify.
pub async fn identity_methods_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    let errors = FormErrors::default();
    render(&viewer, &state, &user, StatusCode::OK, errors, None).await
}

/// POST /settings/identity/letter-code — the code from the city's letter.
pub async fn letter_code_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<ResidentForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let result = letter_code::redeem(&state.ctx, &user, &form.code).await;
    Ok(answered(&viewer, &state, &user, result).await)
}

/// POST /settings/identity/registry — a document (and birth date) for the city's registry.
pub async fn registry_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<ResidentForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    let input = RegistryInput {
        identifier: form.identifier.clone(),
        birth_date: form.birth_date.clone(),
    };
    let result = identity::registry::verify_with_registry(&state.ctx, &user, &input).await;
    Ok(answered(&viewer, &state, &user, result).await)
}

/// POST /settings/identity/oidc — sends the resident to the identity provider.
pub async fn oidc_start(
    viewer: Viewer,
    state: web::Data<WebState>,
    _form: CsrfForm<ResidentForm>,
) -> Page {
    let user = viewer.require_user()?.clone();
    match oidc::begin(&state.ctx, &user).await {
        Ok(url) => Ok(Viewer::see_other(&url)),
        Err(e) => Ok(answered(&viewer, &state, &user, Err(e)).await),
    }
}

/// GET /settings/identity/oidc/callback — where the provider sends the resident back.
pub async fn oidc_callback(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<oidc::Callback>,
) -> HttpResponse {
    let Some(user) = viewer.user.clone() else {
        return viewer.sign_in_first();
    };
    let result = oidc::finish(&state.ctx, &user, &query).await;
    if let Err(e) = &result {
        tracing::info!(error = %e, "OpenID Connect verification refused");
    }
    answered(&viewer, &state, &user, result).await
}

/// The administrator's method switches: one checkbox per method.
#[derive(Debug, Default, Deserialize)]
pub struct MethodsForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    letter_code: Option<String>,
    #[serde(default)]
    registry: Option<String>,
    #[serde(default)]
    openid_connect: Option<String>,
}

/// The administrator's batch of addresses: typed or pasted one per line, and/or a CSV file
/// whose first column is the address.
#[derive(Debug, Default)]
pub struct LettersForm {
    csrf_token: String,
    /// The textarea's lines, then the file's first column, one address per line.
    addresses: String,
    days: String,
}

/// The first column of each CSV record (a header `address` is skipped later), one a line.
fn csv_first_column(bytes: &[u8]) -> Result<String, AppError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = String::new();
    for record in reader.records() {
        let record = record.map_err(|_| citysync_domain::DomainError::AddressInvalid)?;
        if let Some(first) = record.get(0) {
            // One line per address: what splits lines or cells in the text form is a space.
            lines.push_str(&first.replace(['\n', '\r', ';', '\t'], " "));
            lines.push('\n');
        }
    }
    Ok(lines)
}

/// Reads the multipart batch form, refusing past [`LETTERS_FORM_BYTES`].
async fn read_letters(mut body: Multipart) -> Result<LettersForm, AppError> {
    let too_long = || AppError::from(citysync_domain::DomainError::TooLong("addresses"));
    let (mut form, mut file, mut total) = (LettersForm::default(), Vec::new(), 0usize);
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| too_long())?;
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| too_long())?;
            total += chunk.len();
            if total > LETTERS_FORM_BYTES {
                return Err(too_long());
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf_token" => form.csrf_token = text(),
            "days" => form.days = text(),
            "addresses" => form.addresses = text(),
            "file" => file = bytes,
            _ => {}
        }
    }
    if !file.is_empty() {
        form.addresses.push('\n');
        form.addresses.push_str(&csv_first_column(&file)?);
    }
    Ok(form)
}

/// The administrator's page again, with an error by the form that failed.
async fn admin_again(
    viewer: &Viewer,
    state: &WebState,
    admin: &User,
    result: Result<(), AppError>,
) -> HttpResponse {
    match result {
        Ok(()) => Viewer::see_other("/admin/identity"),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(viewer, state, &e);
                admin_page::render_with(viewer, state, admin, status, errors).await
            }
            None => viewer.error_page(state, &e),
        },
    }
}

/// POST /admin/identity/methods — administrators: which methods residents may use.
pub async fn admin_methods_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    form: CsrfForm<MethodsForm>,
) -> Page {
    let admin = viewer.require_user()?.clone();
    let on: Vec<String> = [
        (&form.letter_code, VerificationMethod::LetterCode),
        (&form.registry, VerificationMethod::Registry),
        (&form.openid_connect, VerificationMethod::OpenidConnect),
    ]
    .into_iter()
    .filter(|(checked, _)| checked.is_some())
    .map(|(_, m)| m.as_str().to_owned())
    .collect();
    let result = methods::set(&state.ctx, &admin, &on).await;
    Ok(admin_again(&viewer, &state, &admin, result).await)
}

/// POST /admin/identity/letter-codes — administrators: one code per address, answered as a
/// CSV file to print and post (address, code, expiry). The codes are shown this once.
pub async fn admin_letter_codes_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    body: Multipart,
) -> Page {
    let read = read_letters(body).await;
    let token = read
        .as_ref()
        .map(|f| f.csrf_token.as_str())
        .unwrap_or_default();
    let admin = poster(&req, &viewer, &state, token)?.clone();
    let form = match read {
        Ok(form) => form,
        Err(e) => return Ok(admin_again(&viewer, &state, &admin, Err(e)).await),
    };
    let days = match form.days.trim() {
        "" => Ok(letter_code::DEFAULT_DAYS),
        d => d
            .parse::<i64>()
            .map_err(|_| AppError::from(citysync_domain::DomainError::Required("days"))),
    };
    let sheet = match days {
        Ok(days) => letter_code::generate(&state.ctx, &admin, &form.addresses, days).await,
        Err(e) => Err(e),
    };
    match sheet {
        Ok(sheet) => {
            let city = viewer.city.clone();
            let body = letter_code::csv(&sheet, |at| city.local_time(at));
            Ok(HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((
                    actix_web::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"letter-codes.csv\"",
                ))
                .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
                .body(body))
        }
        Err(e) => Ok(admin_again(&viewer, &state, &admin, Err(e)).await),
    }
}

crate::pages::csrf_forms!(MethodsForm, ResidentForm);
