//! The administrator's page for the portable city protocol: download this city's signed
//! document; upload or paste another city's, see exactly what importing it would change,
//! choose the parts and the organization that receives the templates, and apply them.
//! Multipart forms, so a whole document fits; works without JavaScript.

use super::governance::{parameter_name, parameter_value, shown};
use super::{form_status, poster};
use crate::errors::Page;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::catalog::{self, CityTaxonomy};
use citysync_app::protocol::{self, Applied, Choices, Fate, Part, Parts, Preview};
use citysync_app::{organizations, AppError};
use citysync_domain::governance::Parameter;
use citysync_domain::protocol::{GovernanceModel, Names, ProtocolDocument};
use citysync_domain::DomainError;
use citysync_i18n::{ArgValue, Locale};
use futures_util::StreamExt;
use serde::Serialize;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/protocol", web::get().to(protocol_page))
        .route("/admin/protocol/export", web::get().to(protocol_export))
        .route("/admin/protocol/preview", web::post().to(protocol_preview))
        .route("/admin/protocol/apply", web::post().to(protocol_apply));
}

/// The import form as it arrives: a file, or pasted text (the preview carries the document
/// on in a hidden field), the chosen parts and organization.
#[derive(Debug, Default)]
struct ImportForm {
    csrf_token: String,
    file: Option<Vec<u8>>,
    document: String,
    organization: String,
    parts: Vec<String>,
    /// The part checkboxes were on the form (so none ticked means none chosen).
    parts_sent: bool,
}

impl ImportForm {
    fn bytes(&self) -> &[u8] {
        match &self.file {
            Some(file) => file,
            None => self.document.as_bytes(),
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }

    fn choices(&self) -> Choices {
        let parts = if self.parts_sent {
            Parts::from_names(self.parts.iter().map(String::as_str)).unwrap_or_default()
        } else {
            Parts::all()
        };
        Choices {
            parts,
            organization: Some(self.organization.trim().to_owned()).filter(|o| !o.is_empty()),
        }
    }
}

/// Reads the multipart body, refusing a document past the protocol's size limit.
async fn read_form(mut body: Multipart) -> Result<ImportForm, (StatusCode, AppError)> {
    let too_large = || {
        let e = DomainError::ProtocolInvalid("too large".into());
        (StatusCode::PAYLOAD_TOO_LARGE, AppError::from(e))
    };
    let unreadable = || {
        let e = DomainError::ProtocolInvalid("unreadable form".into());
        (StatusCode::BAD_REQUEST, AppError::from(e))
    };
    let mut form = ImportForm::default();
    let mut total = 0usize;
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| unreadable())?;
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| unreadable())?;
            total += chunk.len();
            if bytes.len() + chunk.len() > protocol::MAX_DOCUMENT_BYTES
                || total > 2 * protocol::MAX_DOCUMENT_BYTES
            {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf_token" => form.csrf_token = text(),
            "file" if !bytes.is_empty() => form.file = Some(bytes),
            "document" => form.document = text(),
            "organization" => form.organization = text(),
            "part" => form.parts.push(text()),
            "parts_sent" => form.parts_sent = true,
            _ => {}
        }
    }
    Ok(form)
}

/// The response to give instead of the page when the viewer is not an administrator.
fn refusal(viewer: &Viewer, state: &WebState) -> Option<HttpResponse> {
    match &viewer.user {
        None => Some(Viewer::see_other("/login")),
        Some(user) if !user.is_admin => Some(viewer.error_page(state, &AppError::Forbidden)),
        Some(_) => None,
    }
}

/// GET /admin/protocol — administrators: export this city's protocol, import another's.
pub async fn protocol_page(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    if let Some(resp) = refusal(&viewer, &state) {
        return resp;
    }
    start_page(
        &viewer,
        &state,
        StatusCode::OK,
        &ImportForm::default(),
        FormErrors::default(),
    )
    .await
}

/// GET /admin/protocol/export — administrators: this city's signed protocol document, as a
/// JSON file.
pub async fn protocol_export(viewer: Viewer, state: web::Data<WebState>) -> Page {
    if let Some(resp) = refusal(&viewer, &state) {
        return Ok(resp);
    }
    let document = protocol::export(&state.ctx).await?;
    let json = protocol::to_json(&document)?;
    let host: String = state
        .ctx
        .settings
        .host()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let filename = format!(
        "citysync-protocol-{host}-{}.json",
        document.provenance.exported_at.format("%Y-%m-%d")
    );
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(json))
}

/// POST /admin/protocol/preview — administrators: what importing the document would change.
pub async fn protocol_preview(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    body: Multipart,
) -> HttpResponse {
    let form = match accepted_form(&req, &viewer, &state, body).await {
        Ok(form) => form,
        Err(resp) => return resp,
    };
    let document = match protocol::read(form.bytes()) {
        Ok(d) => d,
        Err(e) => return start_again(&viewer, &state, &form, &e).await,
    };
    match protocol::preview(&state.ctx, &document, form.choices()).await {
        Ok(preview) => {
            preview_page(
                &viewer,
                &state,
                StatusCode::OK,
                &form,
                &preview,
                FormErrors::default(),
            )
            .await
        }
        Err(e) => start_again(&viewer, &state, &form, &e).await,
    }
}

/// POST /admin/protocol/apply — administrators: imports the chosen parts.
pub async fn protocol_apply(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    body: Multipart,
) -> Page {
    let form = match accepted_form(&req, &viewer, &state, body).await {
        Ok(form) => form,
        Err(resp) => return Ok(resp),
    };
    let Some(admin) = viewer.user.clone() else {
        return Ok(Viewer::see_other("/login"));
    };
    let document = match protocol::read(form.bytes()) {
        Ok(d) => d,
        Err(e) => return Ok(start_again(&viewer, &state, &form, &e).await),
    };
    match protocol::apply(&state.ctx, &admin, &document, form.choices()).await {
        Ok(applied) => Ok(applied_page(&viewer, &state, &form, &applied).await),
        Err(e) => {
            let Some(status) = form_status(&e) else {
                return Err(e.into());
            };
            let errors = FormErrors::from_error(&viewer, &state, &e);
            Ok(show_preview_again(&viewer, &state, status, &form, &document, errors).await)
        }
    }
}

/// Reads the form and checks the CSRF token and that an administrator sent it.
async fn accepted_form(
    req: &HttpRequest,
    viewer: &Viewer,
    state: &WebState,
    body: Multipart,
) -> Result<ImportForm, HttpResponse> {
    if let Some(resp) = refusal(viewer, state) {
        return Err(resp);
    }
    let form = match read_form(body).await {
        Ok(form) => form,
        Err((status, e)) => {
            let errors = FormErrors::from_error(viewer, state, &e);
            return Err(start_page(viewer, state, status, &ImportForm::default(), errors).await);
        }
    };
    if let Err(e) = poster(req, viewer, state, &form.csrf_token) {
        return Err(viewer.error_page(state, &e));
    }
    Ok(form)
}

async fn start_again(
    viewer: &Viewer,
    state: &WebState,
    form: &ImportForm,
    e: &AppError,
) -> HttpResponse {
    match form_status(e) {
        Some(status) => {
            let errors = FormErrors::from_error(viewer, state, e);
            start_page(viewer, state, status, form, errors).await
        }
        None => viewer.error_page(state, e),
    }
}

async fn show_preview_again(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &ImportForm,
    document: &ProtocolDocument,
    errors: FormErrors,
) -> HttpResponse {
    // The organization may be what was wrong: plan without it, keep the error beside it.
    let mut choices = form.choices();
    if errors.0.contains_key("organization") {
        choices.organization = None;
    }
    match protocol::preview(&state.ctx, document, choices).await {
        Ok(preview) => preview_page(viewer, state, status, form, &preview, errors).await,
        Err(e) => viewer.error_page(state, &e),
    }
}

#[derive(Serialize)]
struct OrganizationOption {
    handle: String,
    name: String,
    selected: bool,
}

/// The approved issuers, one of which receives imported templates.
async fn organization_options(state: &WebState, selected: &str) -> Vec<OrganizationOption> {
    organizations::approved(&state.ctx, 1000, 0)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|o| o.is_issuer)
        .map(|o| OrganizationOption {
            selected: o.handle == selected.trim(),
            handle: o.handle,
            name: o.name,
        })
        .collect()
}

async fn start_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &ImportForm,
    errors: FormErrors,
) -> HttpResponse {
    // A file's text is not put back in the page; pasted text is.
    let document = if form.file.is_some() {
        String::new()
    } else {
        form.document.clone()
    };
    viewer.render(
        state,
        status,
        "admin_protocol.html",
        minijinja::context! {
            mode => "start",
            document => document,
            organizations => minijinja::value::Serde(organization_options(state, &form.organization).await),
            errors => minijinja::value::Serde(errors),
        },
    )
}

#[derive(Serialize)]
struct OriginView {
    name: String,
    url: String,
    exported_at: String,
    version: u64,
    software: String,
    key: String,
    key_url: String,
}

#[derive(Serialize)]
struct LineView {
    text: String,
    status: String,
    /// Whether applying the part makes this change.
    changes: bool,
}

#[derive(Serialize)]
struct PartView {
    id: &'static str,
    title: String,
    hint: String,
    chosen: bool,
    lines: Vec<LineView>,
    empty: String,
}

#[derive(Serialize)]
struct PreviewView {
    origin: OriginView,
    parts: Vec<PartView>,
    configuration: Vec<String>,
    unknown_terms: Vec<String>,
    shipped_note: String,
    needs_organization: bool,
    summary: String,
}

fn message(viewer: &Viewer, state: &WebState, id: &str, args: &[(&str, ArgValue)]) -> String {
    state.ctx.i18n.message(viewer.locale, id, args)
}

fn name_in(names: &Names, locale: Locale) -> String {
    // The protocol document names things in English and Spanish; other languages read English.
    if locale.language() == "es" {
        names.es.clone()
    } else {
        names.en.clone()
    }
}

/// A phase's length as people read it: days, hours or minutes.
fn duration(viewer: &Viewer, state: &WebState, minutes: i64) -> String {
    let (unit, n) = if minutes % (24 * 60) == 0 {
        ("days", minutes / (24 * 60))
    } else if minutes % 60 == 0 {
        ("hours", minutes / 60)
    } else {
        ("minutes", minutes)
    };
    message(
        viewer,
        state,
        "protocol-duration",
        &[("unit", unit.into()), ("n", n.into())],
    )
}

fn governance_text(viewer: &Viewer, state: &WebState, m: &GovernanceModel) -> String {
    message(
        viewer,
        state,
        "protocol-governance-rules",
        &[
            (
                "method",
                message(
                    viewer,
                    state,
                    "gov-method",
                    &[("method", m.rules.method.as_str().into())],
                )
                .into(),
            ),
            ("quorum", m.rules.quorum_percent.into()),
            ("min_vote", m.rules.min_vote.into()),
            (
                "proposals",
                duration(viewer, state, m.proposals_minutes).into(),
            ),
            (
                "deliberation",
                duration(viewer, state, m.deliberation_minutes).into(),
            ),
            ("voting", duration(viewer, state, m.voting_minutes).into()),
        ],
    )
}

fn parameter_text(viewer: &Viewer, state: &WebState, name: &str, value: &str) -> String {
    let family = Parameter::parse(name).map(|p| p.family()).unwrap_or("");
    parameter_value(viewer, state, family, value)
}

fn preview_view(
    viewer: &Viewer,
    state: &WebState,
    taxonomy: &CityTaxonomy,
    preview: &Preview,
    applied: bool,
) -> PreviewView {
    let locale = viewer.locale;
    let t = |id: &str| viewer.t(state, id);
    let o = &preview.origin;
    let origin = OriginView {
        name: o.name.clone(),
        url: o.url.clone(),
        exported_at: shown(viewer, state, o.exported_at.naive_utc()),
        version: o.version,
        software: o.software.clone(),
        key: o.public_key_hex.clone(),
        key_url: o.key_published_at.clone(),
    };
    let will = |part: Part| preview.parts.has(part);
    let status_add = |part: Part| {
        let id = match (will(part), applied) {
            (true, true) => "protocol-status-done",
            (true, false) => "protocol-status-will",
            (false, _) => "protocol-status-not-chosen",
        };
        message(viewer, state, id, &[("part", part.as_str().into())])
    };

    let taxonomy_lines = preview
        .taxonomy
        .iter()
        .map(|a| {
            let id = if a.new_category {
                "protocol-taxonomy-new-category"
            } else {
                "protocol-taxonomy-new-unit"
            };
            LineView {
                text: message(
                    viewer,
                    state,
                    id,
                    &[
                        ("unit", name_in(&a.unit_names, locale).into()),
                        ("unit_id", a.unit.as_str().into()),
                        ("category", name_in(&a.category_names, locale).into()),
                        ("category_id", a.category.as_str().into()),
                    ],
                ),
                status: status_add(Part::Taxonomy),
                changes: will(Part::Taxonomy),
            }
        })
        .collect();

    let template_lines = preview
        .templates
        .iter()
        .map(|tp| {
            let (status, changes) = match &tp.fate {
                Fate::Add => (status_add(Part::Templates), will(Part::Templates)),
                Fate::AlreadyHere { .. } => (t("protocol-status-already-here"), false),
                Fate::OwnTemplate => (t("protocol-status-own"), false),
                Fate::LeftOut { reason } => (
                    message(
                        viewer,
                        state,
                        "protocol-status-left-out",
                        &[("reason", reason.message(&state.ctx.i18n, locale).into())],
                    ),
                    false,
                ),
            };
            LineView {
                text: message(
                    viewer,
                    state,
                    "protocol-template-line",
                    &[
                        ("title", tp.title.as_str().into()),
                        ("organization", tp.organization.as_str().into()),
                        (
                            "category",
                            taxonomy
                                .category_name(&state.ctx.i18n, locale, &tp.category)
                                .into(),
                        ),
                    ],
                ),
                status,
                changes,
            }
        })
        .collect();

    let parameter_lines = preview
        .parameters
        .iter()
        .map(|p| {
            let name = parameter_name(viewer, state, Some(taxonomy), &p.name);
            let there = parameter_text(viewer, state, &p.name, &p.there);
            match (&p.here, &p.left_out) {
                (Some(here), None) => LineView {
                    text: message(
                        viewer,
                        state,
                        "protocol-parameter-change",
                        &[
                            ("name", name.into()),
                            ("from", parameter_text(viewer, state, &p.name, here).into()),
                            ("to", there.into()),
                        ],
                    ),
                    status: status_add(Part::Parameters),
                    changes: will(Part::Parameters),
                },
                (_, reason) => LineView {
                    text: message(
                        viewer,
                        state,
                        "protocol-parameter-value",
                        &[("name", name.into()), ("value", there.into())],
                    ),
                    status: message(
                        viewer,
                        state,
                        "protocol-status-left-out",
                        &[(
                            "reason",
                            reason
                                .as_ref()
                                .map(|r| r.message(&state.ctx.i18n, locale))
                                .unwrap_or_default()
                                .into(),
                        )],
                    ),
                    changes: false,
                },
            }
        })
        .collect();

    let governance_lines = preview
        .governance
        .iter()
        .map(|g| {
            let here = governance_text(viewer, state, &g.here);
            let here = match &g.here_cycle {
                Some(title) => message(
                    viewer,
                    state,
                    "protocol-governance-here-cycle",
                    &[("rules", here.into()), ("cycle", title.as_str().into())],
                ),
                None => message(
                    viewer,
                    state,
                    "protocol-governance-here-default",
                    &[("rules", here.into())],
                ),
            };
            LineView {
                text: message(
                    viewer,
                    state,
                    if applied && will(Part::Governance) {
                        "protocol-governance-opened"
                    } else {
                        "protocol-governance-change"
                    },
                    &[
                        ("here", here.into()),
                        ("there", governance_text(viewer, state, &g.there).into()),
                        ("title", g.title.as_str().into()),
                        (
                            "starts",
                            shown(viewer, state, g.schedule.proposals_at).into(),
                        ),
                    ],
                ),
                status: status_add(Part::Governance),
                changes: will(Part::Governance),
            }
        })
        .collect();

    let part = |id: Part, lines: Vec<LineView>, hint: String| PartView {
        id: id.as_str(),
        title: message(
            viewer,
            state,
            "protocol-part-title",
            &[("part", id.as_str().into())],
        ),
        hint,
        chosen: will(id),
        lines,
        empty: message(
            viewer,
            state,
            "protocol-part-empty",
            &[("part", id.as_str().into())],
        ),
    };
    let receiving = match &preview.organization {
        Some((handle, name)) => message(
            viewer,
            state,
            "protocol-templates-receiver",
            &[
                ("name", name.as_str().into()),
                ("handle", handle.as_str().into()),
            ],
        ),
        None => t("protocol-templates-no-receiver"),
    };
    let parts = vec![
        part(Part::Taxonomy, taxonomy_lines, String::new()),
        part(Part::Templates, template_lines, receiving),
        part(
            Part::Parameters,
            parameter_lines,
            t("protocol-parameters-hint"),
        ),
        part(
            Part::Governance,
            governance_lines,
            t("protocol-governance-hint"),
        ),
    ];
    let configuration = preview
        .configuration
        .iter()
        .map(|c| {
            message(
                viewer,
                state,
                "protocol-configuration-line",
                &[
                    ("key", c.key.as_str().into()),
                    ("there", c.there.as_str().into()),
                    (
                        "here",
                        c.here.clone().unwrap_or_else(|| "—".to_owned()).into(),
                    ),
                ],
            )
        })
        .collect();
    let (here, there) = preview.shipped_versions;
    let shipped_note = if here == there {
        String::new()
    } else {
        message(
            viewer,
            state,
            "protocol-shipped-versions",
            &[("here", here.into()), ("there", there.into())],
        )
    };
    let summary = message(
        viewer,
        state,
        if applied {
            "protocol-summary-applied"
        } else {
            "protocol-summary-preview"
        },
        &[("n", preview.changes().into())],
    );
    PreviewView {
        origin,
        parts,
        configuration,
        unknown_terms: preview.unknown_terms.clone(),
        shipped_note,
        needs_organization: preview.needs_organization(),
        summary,
    }
}

async fn preview_page(
    viewer: &Viewer,
    state: &WebState,
    status: StatusCode,
    form: &ImportForm,
    preview: &Preview,
    errors: FormErrors,
) -> HttpResponse {
    let taxonomy = match catalog::taxonomy(&state.ctx).await {
        Ok(t) => t,
        Err(e) => return viewer.error_page(state, &e),
    };
    let view = preview_view(viewer, state, &taxonomy, preview, false);
    let selected = preview
        .organization
        .as_ref()
        .map(|(h, _)| h.clone())
        .unwrap_or_else(|| form.organization.clone());
    viewer.render(
        state,
        status,
        "admin_protocol.html",
        minijinja::context! {
            mode => "preview",
            document => form.text(),
            organizations => minijinja::value::Serde(organization_options(state, &selected).await),
            preview => minijinja::value::Serde(view),
            errors => minijinja::value::Serde(errors),
        },
    )
}

async fn applied_page(
    viewer: &Viewer,
    state: &WebState,
    form: &ImportForm,
    applied: &Applied,
) -> HttpResponse {
    let taxonomy = match catalog::taxonomy(&state.ctx).await {
        Ok(t) => t,
        Err(e) => return viewer.error_page(state, &e),
    };
    let view = preview_view(viewer, state, &taxonomy, &applied.preview, true);
    viewer.render(
        state,
        StatusCode::OK,
        "admin_protocol.html",
        minijinja::context! {
            mode => "applied",
            document => "",
            organizations => minijinja::value::Serde(organization_options(state, &form.organization).await),
            preview => minijinja::value::Serde(view),
            cycle_id => applied.cycle_id.clone().unwrap_or_default(),
            errors => minijinja::value::Serde(FormErrors::default()),
        },
    )
}
