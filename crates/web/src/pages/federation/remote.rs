//! "From other cities": what peer cities published and this city keeps as theirs — an
//! overview, a list per kind, one object with its received document shown as text, and
//! adopting a template as a local draft. Public; adopting needs an editor of an issuer.

use super::{
    adopting_organizations, clip, host_of, kind_of_segment, safe_link, segment_of, RemoteLine,
    When, LISTED,
};
use crate::errors::Page;
use crate::pages::form_status;
use crate::pages::CsrfForm;
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::federation::publications::Kind;
use citysync_app::federation::remote::{self as remote_objects, RemoteObject};
use citysync_app::organizations::Organization;
use citysync_app::AppError;
use serde::{Deserialize, Serialize};

/// How many objects a list shows, newest first.
const LIST_LIMIT: i64 = 100;
/// How many of each kind the overview shows.
const OVERVIEW_LIMIT: i64 = 3;

/// One kind on the overview: its newest objects and the link to all of them.
#[derive(Serialize)]
struct KindSection {
    kind: &'static str,
    segment: &'static str,
    latest: Vec<RemoteLine>,
    /// Whether there are more than the overview shows.
    more: bool,
}

/// GET /federation — public: the newest of each kind other cities published.
pub async fn overview(viewer: Viewer, state: web::Data<WebState>) -> Page {
    let mut sections = Vec::with_capacity(LISTED.len());
    for (kind, segment) in LISTED {
        // One more than shown tells whether there are more.
        match remote_objects::list(&state.ctx, kind, OVERVIEW_LIMIT + 1).await {
            Ok(objects) => {
                let more = objects.len() > OVERVIEW_LIMIT as usize;
                sections.push(KindSection {
                    kind: kind.as_str(),
                    segment,
                    latest: objects
                        .iter()
                        .take(OVERVIEW_LIMIT as usize)
                        .map(RemoteLine::of)
                        .collect(),
                    more,
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "federation.html",
        minijinja::context! { sections => minijinja::value::Serde(&sections) },
    ))
}

/// GET /federation/{kind} — public: templates, opportunities, proposals or attestations
/// from other cities, newest first.
pub async fn kind_list(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> Page {
    let Some(kind) = kind_of_segment(&path) else {
        return Err(AppError::NotFound.into());
    };
    match remote_objects::list(&state.ctx, kind, LIST_LIMIT).await {
        Ok(objects) => {
            let lines: Vec<RemoteLine> = objects.iter().map(RemoteLine::of).collect();
            Ok(viewer.render(
                &state,
                StatusCode::OK,
                "federation_list.html",
                minijinja::context! {
                    kind => kind.as_str(),
                    lines => minijinja::value::Serde(&lines),
                    limit => LIST_LIMIT,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// One top-level field of a received document, as text.
#[derive(Serialize)]
struct DocumentField {
    name: String,
    value: String,
}

/// How many fields of a document the page shows, and how much of each.
const FIELDS_SHOWN: usize = 40;
const FIELD_CHARS: usize = 2000;

/// The document's top-level fields as text (nested values as indented JSON); the JSON-LD
/// context is left out. Never HTML: the template escapes it all.
fn document_fields(document: &serde_json::Value) -> Vec<DocumentField> {
    let Some(map) = document.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter(|(name, _)| name.as_str() != "@context")
        .take(FIELDS_SHOWN)
        .map(|(name, value)| {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(_) | serde_json::Value::Array(_) => {
                    serde_json::to_string_pretty(value).unwrap_or_default()
                }
                other => other.to_string(),
            };
            DocumentField {
                name: clip(name, 100),
                value: clip(&text, FIELD_CHARS),
            }
        })
        .collect()
}

/// A remote object's page: everything but the raw document, ready to read.
#[derive(Serialize)]
struct ObjectView<'a> {
    id: &'a str,
    kind: &'static str,
    segment: Option<&'static str>,
    name: &'a str,
    summary: &'a str,
    domain: &'a str,
    via: Option<String>,
    original: &'a str,
    original_link: Option<String>,
    author: &'a str,
    author_link: Option<String>,
    published: When,
    updated: When,
    starts: Option<When>,
    proof_verified: bool,
    adoptable: bool,
    deleted: bool,
    fields: Vec<DocumentField>,
}

fn object_view(object: &RemoteObject) -> ObjectView<'_> {
    ObjectView {
        id: &object.id,
        kind: object.kind,
        segment: segment_of(object.kind),
        name: &object.name,
        summary: &object.summary,
        domain: &object.domain,
        via: object.via.as_deref().map(host_of),
        original: &object.ap_id,
        original_link: safe_link(&object.ap_id),
        author: &object.attributed_to,
        author_link: safe_link(&object.attributed_to),
        published: When::of(object.published_at),
        updated: When::of(object.updated_at),
        starts: object.starts_at.map(When::of),
        proof_verified: object.proof_verified,
        adoptable: object.adoptable && object.kind == Kind::Template.as_str(),
        deleted: object.deleted,
        fields: document_fields(&object.document),
    }
}

/// The adopt form: the organization chosen.
#[derive(Debug, Default, Deserialize)]
pub struct AdoptForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    organization: String,
}

async fn show_object(
    viewer: &Viewer,
    state: &WebState,
    id: &str,
    status: StatusCode,
    chosen: &str,
    errors: FormErrors,
) -> HttpResponse {
    let object = match remote_objects::get(&state.ctx, id).await {
        Ok(object) => object,
        Err(e) => return viewer.error_page(state, &e),
    };
    let view = object_view(&object);
    let organizations: Vec<Organization> = match &viewer.user {
        Some(user) if view.adoptable => match adopting_organizations(state, user).await {
            Ok(orgs) => orgs,
            Err(e) => return viewer.error_page(state, &e),
        },
        _ => Vec::new(),
    };
    viewer.render(
        state,
        status,
        "federation_object.html",
        minijinja::context! {
            object => minijinja::value::Serde(&view),
            organizations => minijinja::value::Serde(&organizations),
            chosen => chosen,
            errors => minijinja::value::Serde(errors),
        },
    )
}

/// GET /federation/objects/{id} — public: one object another city published, as received.
pub async fn object_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    show_object(
        &viewer,
        &state,
        &path,
        StatusCode::OK,
        "",
        FormErrors::default(),
    )
    .await
}

/// POST /federation/objects/{id}/adopt — editors of an approved issuer: a local draft copy
/// that says where it came from, opened for editing.
pub async fn adopt_submit(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<AdoptForm>,
) -> Page {
    let user = viewer.require_user()?;
    match remote_objects::adopt(&state.ctx, user, &form.organization, &path).await {
        Ok(template) => Ok(Viewer::see_other(&format!(
            "/templates/{}/edit",
            template.id
        ))),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                Ok(show_object(&viewer, &state, &path, status, &form.organization, errors).await)
            }
            None => Err(e.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_shown_as_text_without_their_context() {
        let doc = serde_json::json!({
            "@context": ["https://www.w3.org/ns/activitystreams"],
            "type": "Document",
            "name": "<script>alert(1)</script>",
            "cs:rewardVote": 3,
            "tag": [{"name": "x"}],
        });
        let fields = document_fields(&doc);
        let mut names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["cs:rewardVote", "name", "tag", "type"]);
        let value = |n: &str| {
            fields
                .iter()
                .find(|f| f.name == n)
                .map(|f| f.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(value("name"), "<script>alert(1)</script>");
        assert_eq!(value("cs:rewardVote"), "3");
        assert!(value("tag").contains("\"name\": \"x\""));
        assert!(document_fields(&serde_json::Value::Null).is_empty());
    }
}

crate::pages::csrf_forms!(AdoptForm);
