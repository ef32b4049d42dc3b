//! Content in several languages (issue 27): each template, opportunity, offering,
//! organization and proposal page shows its text in the reader's language when a
//! translation exists, else the original with "Originally in …" and `lang` attributes; and
//! the organization's owners and editors (a proposal's author) add or edit translations on
//! `/…/{id}/translations`.

use super::{form_status, poster};
use crate::viewer::{FormErrors, Viewer};
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use citysync_app::translations::{self, Field, SubjectKind, Texts, TranslationInput};
use citysync_app::AppError;
use citysync_i18n::{ArgValue, Locale};
use serde::{Deserialize, Serialize};

/// The collections whose members carry translations, as their pages' first path segment.
const COLLECTIONS: &str = "{collection:opportunities|templates|offerings|organizations|proposals}";

pub fn routes(cfg: &mut web::ServiceConfig) {
    let path = format!("/{COLLECTIONS}/{{id}}/translations");
    cfg.route(&path, web::get().to(translation_form))
        .route(&path, web::post().to(translation_submit));
}

/// The subject a `/{collection}/{id}/translations` address names: its kind and its id
/// (an organization's page is addressed by its handle).
async fn subject_of(
    state: &WebState,
    (collection, id): (String, String),
) -> Result<(SubjectKind, String), AppError> {
    let kind = match collection.as_str() {
        "opportunities" => SubjectKind::Opportunity,
        "templates" => SubjectKind::Template,
        "offerings" => SubjectKind::Offering,
        "organizations" => {
            let id = translations::organization_id(&state.ctx, &id).await?;
            return Ok((SubjectKind::Organization, id));
        }
        "proposals" => SubjectKind::Proposal,
        _ => return Err(AppError::NotFound),
    };
    Ok((kind, id))
}

// ---------------------------------------------------------------------------------------
// Showing text in the reader's language

/// One field as the reader sees it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ShownView {
    pub text: String,
    /// The language of `text` when it is not the page's, for the element's `lang`
    /// attribute (empty when it is the reader's own).
    pub lang: String,
    /// The original, in another language than the reader's.
    pub foreign: bool,
}

/// What a page needs to show a subject's text in the reader's language.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ContentView {
    /// "Originally in Spanish", when some text is shown in its original language to a
    /// reader of another one.
    pub note: Option<String>,
    /// The language the subject was written in.
    pub original_lang: String,
    /// The translations form, for those who may translate the subject.
    pub link: Option<String>,
}

/// A language's name in the reader's language ("Spanish", "español", "西班牙文").
pub(crate) fn language_name(viewer: &Viewer, state: &WebState, tag: &str) -> String {
    let native: &str = match Locale::from_code(tag) {
        Some(l) => l.native_name(),
        None => tag,
    };
    state.ctx.i18n.message(
        viewer.locale,
        "translations-language",
        &[
            ("code", ArgValue::from(tag)),
            ("native", ArgValue::from(native)),
        ],
    )
}

/// `field` of a subject whose original text is `original`, in the reader's language.
pub(crate) fn shown(viewer: &Viewer, texts: &Texts, field: Field, original: &str) -> ShownView {
    let s = texts.pick(field, original, viewer.locale.code());
    // The page is already in the reader's language: only text in another needs a `lang`.
    let lang = if s.lang == viewer.locale.code() {
        String::new()
    } else {
        s.lang
    };
    ShownView {
        text: s.text,
        lang,
        foreign: s.foreign && !original.is_empty(),
    }
}

/// The page's note and link for a subject whose fields were shown as `fields`.
pub(crate) fn content_view(
    viewer: &Viewer,
    state: &WebState,
    texts: &Texts,
    fields: &[&ShownView],
    link: Option<String>,
) -> ContentView {
    let note = fields.iter().any(|f| f.foreign).then(|| {
        state.ctx.i18n.message(
            viewer.locale,
            "translations-originally-in",
            &[(
                "language",
                ArgValue::from(language_name(viewer, state, &texts.original)),
            )],
        )
    });
    ContentView {
        note,
        original_lang: texts.original.clone(),
        link,
    }
}

/// The translations form's address of a subject, when the viewer may translate it.
pub(crate) async fn form_link(
    viewer: &Viewer,
    state: &WebState,
    kind: SubjectKind,
    id: &str,
    page: &str,
) -> Option<String> {
    let user = viewer.user.as_ref()?;
    translations::may_translate(&state.ctx, user, kind, id)
        .await
        .ok()
        .filter(|may| *may)
        .map(|_| format!("{page}/translations"))
}

// ---------------------------------------------------------------------------------------
// The translations form

#[derive(Debug, Default, Deserialize)]
pub struct LanguageQuery {
    #[serde(default)]
    locale: String,
    /// Set after a save, to say so.
    #[serde(default)]
    saved: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct TranslationForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    content: Option<String>,
}

impl TranslationForm {
    fn text(&self, field: Field) -> Option<&String> {
        match field {
            Field::Title => self.title.as_ref(),
            Field::Summary => self.summary.as_ref(),
            Field::Content => self.content.as_ref(),
        }
    }
}

#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    label: String,
    original: String,
    value: String,
    max: usize,
    multiline: bool,
}

#[derive(Serialize)]
struct LanguageView {
    code: String,
    name: String,
    selected: bool,
    translated: bool,
}

async fn form(
    viewer: Viewer,
    state: web::Data<WebState>,
    kind: SubjectKind,
    id: String,
    query: LanguageQuery,
) -> HttpResponse {
    let Some(user) = viewer.user.as_ref() else {
        return viewer.sign_in_first();
    };
    let subject = match translations::subject(&state.ctx, user, kind, &id).await {
        Ok(s) => s,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let chosen = chosen_language(&state, &subject.texts, &query.locale);
    let values = |field: Field| {
        subject
            .texts
            .translations
            .get(&chosen)
            .and_then(|fields| fields.get(&field))
            .cloned()
            .unwrap_or_default()
    };
    let form = TranslationForm {
        locale: chosen.clone(),
        title: Some(values(Field::Title)),
        summary: Some(values(Field::Summary)),
        content: Some(values(Field::Content)),
        ..TranslationForm::default()
    };
    render_form(
        &viewer,
        &state,
        &subject,
        &form,
        StatusCode::OK,
        FormErrors::default(),
        !query.saved.is_empty(),
    )
}

/// The language the form opens on: the asked one, else the first the city offers that is
/// not the original's.
fn chosen_language(state: &WebState, texts: &Texts, asked: &str) -> String {
    let offered = state.ctx.i18n.locales();
    let not_original =
        |l: &Locale| !citysync_domain::content_language::same_language(l.code(), &texts.original);
    state
        .ctx
        .i18n
        .locale(asked)
        .filter(not_original)
        .or_else(|| offered.iter().copied().find(not_original))
        .map(|l| l.code().to_owned())
        .unwrap_or_default()
}

fn render_form(
    viewer: &Viewer,
    state: &WebState,
    subject: &translations::Subject,
    form: &TranslationForm,
    status: StatusCode,
    errors: FormErrors,
    saved: bool,
) -> HttpResponse {
    let i18n = &state.ctx.i18n;
    let fields: Vec<FieldView> = subject
        .originals
        .iter()
        .map(|(field, original)| FieldView {
            name: field.as_str(),
            label: i18n.message(
                viewer.locale,
                &format!("translations-field-{}", field.as_str()),
                &[("kind", ArgValue::from(subject.kind.as_str()))],
            ),
            original: original.clone(),
            value: form.text(*field).cloned().unwrap_or_default(),
            max: subject.kind.max_chars(*field),
            multiline: *field != Field::Title,
        })
        .collect();
    let languages: Vec<LanguageView> = i18n
        .locales()
        .iter()
        .copied()
        .filter(|l| {
            !citysync_domain::content_language::same_language(l.code(), &subject.texts.original)
        })
        .map(|l| LanguageView {
            code: l.code().to_owned(),
            name: language_name(viewer, state, l.code()),
            selected: l.code() == form.locale,
            translated: subject.texts.translations.contains_key(l.code()),
        })
        .collect();
    let title = subject
        .originals
        .iter()
        .find(|(f, _)| *f == Field::Title)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    viewer.render(
        state,
        status,
        "translations_form.html",
        minijinja::context! {
            subject_title => title,
            page => subject.page.clone(),
            action => format!("{}/translations", subject.page),
            original_lang => subject.texts.original.clone(),
            original_name => language_name(viewer, state, &subject.texts.original),
            fields => minijinja::value::Serde(&fields),
            languages => minijinja::value::Serde(&languages),
            locale => form.locale.clone(),
            saved => saved,
            errors => minijinja::value::Serde(errors),
        },
    )
}

async fn submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    kind: SubjectKind,
    id: String,
    form: TranslationForm,
) -> HttpResponse {
    let user = match poster(&req, &viewer, &state, &form.csrf_token) {
        Ok(u) => u,
        Err(AppError::Unauthenticated) => return viewer.sign_in_first(),
        Err(e) => return viewer.error_page(&state, &e),
    };
    let input = TranslationInput {
        language: form.locale.clone(),
        fields: kind
            .fields()
            .iter()
            .filter_map(|f| form.text(*f).map(|t| (*f, t.clone())))
            .collect(),
    };
    let result = translations::translate(&state.ctx, user, kind, &id, input).await;
    let subject = match translations::subject(&state.ctx, user, kind, &id).await {
        Ok(s) => s,
        Err(e) => return viewer.error_page(&state, &e),
    };
    match result {
        Ok(_) => Viewer::see_other(&format!(
            "{}/translations?locale={}&saved=1",
            subject.page,
            urlencoding(&form.locale)
        )),
        Err(e) => match form_status(&e) {
            Some(status) => {
                let errors = FormErrors::from_error(&viewer, &state, &e);
                render_form(&viewer, &state, &subject, &form, status, errors, false)
            }
            None => viewer.error_page(&state, &e),
        },
    }
}

/// A language tag for a query string (tags are letters, digits and `-`).
fn urlencoding(tag: &str) -> String {
    tag.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

async fn translation_form(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    query: web::Query<LanguageQuery>,
) -> HttpResponse {
    match subject_of(&state, path.into_inner()).await {
        Ok((kind, id)) => form(viewer, state, kind, id, query.into_inner()).await,
        Err(e) => viewer.error_page(&state, &e),
    }
}

async fn translation_submit(
    req: HttpRequest,
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<(String, String)>,
    form: web::Form<TranslationForm>,
) -> HttpResponse {
    match subject_of(&state, path.into_inner()).await {
        Ok((kind, id)) => submit(req, viewer, state, kind, id, form.into_inner()).await,
        Err(e) => viewer.error_page(&state, &e),
    }
}

// ---------------------------------------------------------------------------------------
// The entity pages' texts

/// An opportunity's fields as the reader sees them (keyed `title`, `summary`, `content`).
pub(crate) type ShownFields = std::collections::BTreeMap<&'static str, ShownView>;

/// Puts an opportunity's title, summary and on-site instructions in the reader's language
/// (where translated) and says how they are shown; with the translations link for its
/// editors.
pub(crate) async fn opportunity_shown(
    viewer: &Viewer,
    state: &WebState,
    opp: &mut citysync_app::catalog::Opportunity,
) -> (ShownFields, ContentView) {
    let texts = translations::opportunity_text(&state.ctx, opp)
        .await
        .unwrap_or_default();
    let link = form_link(
        viewer,
        state,
        SubjectKind::Opportunity,
        &opp.id,
        &format!("/opportunities/{}", opp.id),
    )
    .await;
    let (fields, content) = opportunity_fields(viewer, state, &texts, opp, link);
    (fields, content)
}

/// The same for an opportunity whose texts are loaded (a catalog's lines).
pub(crate) fn opportunity_fields(
    viewer: &Viewer,
    state: &WebState,
    texts: &Texts,
    opp: &mut citysync_app::catalog::Opportunity,
    link: Option<String>,
) -> (ShownFields, ContentView) {
    let title = shown(viewer, texts, Field::Title, &opp.title);
    let summary = shown(viewer, texts, Field::Summary, &opp.summary);
    let content = shown(viewer, texts, Field::Content, &opp.onsite_instructions);
    let view = content_view(viewer, state, texts, &[&title, &summary, &content], link);
    opp.title.clone_from(&title.text);
    opp.summary.clone_from(&summary.text);
    opp.onsite_instructions.clone_from(&content.text);
    let fields = ShownFields::from([("title", title), ("summary", summary), ("content", content)]);
    (fields, view)
}

/// Puts a list's opportunities (a catalog page) in the reader's language; returns each
/// one's title language, in order, for the cards' `lang` attributes.
pub(crate) async fn opportunities_shown(
    viewer: &Viewer,
    state: &WebState,
    items: &mut [citysync_app::catalog::Opportunity],
) -> Vec<String> {
    let texts = translations::opportunity_texts(&state.ctx, items)
        .await
        .unwrap_or_default();
    items
        .iter_mut()
        .map(|opp| {
            let t = texts.get(&opp.id).cloned().unwrap_or_default();
            let (fields, _) = opportunity_fields(viewer, state, &t, opp, None);
            fields
                .get("title")
                .map(|s| s.lang.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// Records that a subject just created was written in the author's page language (a
/// failure is logged: the city's default language applies then).
pub(crate) async fn record_written(viewer: &Viewer, state: &WebState, kind: SubjectKind, id: &str) {
    let language = viewer.locale.code();
    if let Err(e) = translations::record_original(&state.ctx, kind, id, language).await {
        tracing::warn!(error = ?e, kind = kind.as_str(), id, "could not record the language");
    }
}

/// Puts a template's title, summary and instructions in the reader's language.
pub(crate) async fn template_shown(
    viewer: &Viewer,
    state: &WebState,
    template: &mut citysync_app::catalog::Template,
) -> (ShownFields, ContentView) {
    let texts = translations::texts(&state.ctx, SubjectKind::Template, &template.id)
        .await
        .unwrap_or_default();
    let page = format!("/templates/{}", template.id);
    let link = form_link(viewer, state, SubjectKind::Template, &template.id, &page).await;
    let spec = &mut template.spec;
    let title = shown(viewer, &texts, Field::Title, &spec.title);
    let summary = shown(viewer, &texts, Field::Summary, &spec.summary);
    let content = shown(viewer, &texts, Field::Content, &spec.instructions);
    let view = content_view(viewer, state, &texts, &[&title, &summary, &content], link);
    spec.title.clone_from(&title.text);
    spec.summary.clone_from(&summary.text);
    spec.instructions.clone_from(&content.text);
    let fields = ShownFields::from([("title", title), ("summary", summary), ("content", content)]);
    (fields, view)
}

/// Puts two plain fields (an organization's name and description, an offering's title and
/// description, a proposal's title and text) in the reader's language.
pub(crate) async fn pair_shown(
    viewer: &Viewer,
    state: &WebState,
    (kind, id, page): (SubjectKind, &str, &str),
    first: (Field, &mut String),
    second: (Field, &mut String),
) -> (ShownFields, ContentView) {
    let texts = translations::texts(&state.ctx, kind, id)
        .await
        .unwrap_or_default();
    let link = form_link(viewer, state, kind, id, page).await;
    let a = shown(viewer, &texts, first.0, first.1);
    let b = shown(viewer, &texts, second.0, second.1);
    let view = content_view(viewer, state, &texts, &[&a, &b], link);
    first.1.clone_from(&a.text);
    second.1.clone_from(&b.text);
    let fields = ShownFields::from([(first.0.as_str(), a), (second.0.as_str(), b)]);
    (fields, view)
}
