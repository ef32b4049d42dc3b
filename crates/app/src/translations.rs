//! Content in several languages (issue 27): the language a template, opportunity,
//! offering, organization or proposal was written in, and the translations its
//! organization (or, for a proposal, its author) adds into the other languages the city
//! offers. The original is never changed by a translation; pages, the API and federation
//! pick a reader's text with [`Texts::pick`] and publish every language with [`Texts::map`].

use crate::federation::publications::{self, Kind, Verb};
use crate::organizations;
use crate::{AppError, Ctx, User};
use citysync_domain::content_language::check_field;
pub use citysync_domain::content_language::{Field, Shown, SubjectKind, Texts};
use citysync_domain::lifecycle::OpportunityState;
use citysync_domain::lifecycle::TemplateState;
use citysync_domain::organization::Capability;
use citysync_domain::OfferingId;
use citysync_storage::translations::{self as store, TranslationRow};
use citysync_storage::DbConnection;
use citysync_storage::{catalog, governance, instance, offerings, organizations as orgs};
use std::collections::HashMap;

/// The city's default language tag (what a subject without a recorded language was
/// written in).
fn default_language(conn: &mut DbConnection) -> Result<String, AppError> {
    Ok(instance::get(conn)?
        .map(|row| row.default_locale)
        .unwrap_or_else(|| citysync_i18n::Locale::SOURCE.code().to_owned()))
}

/// The texts of several subjects of one kind, keyed by id (every id gets one).
pub(crate) fn load_texts(
    conn: &mut DbConnection,
    kind: SubjectKind,
    ids: &[String],
) -> Result<HashMap<String, Texts>, AppError> {
    let default = default_language(conn)?;
    let originals: HashMap<String, String> = store::original_languages(conn, kind.as_str(), ids)?
        .into_iter()
        .collect();
    let mut texts: HashMap<String, Texts> = ids
        .iter()
        .map(|id| {
            let lang = originals.get(id).map_or(default.as_str(), String::as_str);
            (id.clone(), Texts::new(lang))
        })
        .collect();
    for row in store::translations_of(conn, kind.as_str(), ids)? {
        let Some(field) = Field::parse(&row.field) else {
            continue;
        };
        if let Some(t) = texts.get_mut(&row.subject_id) {
            t.translations
                .entry(row.locale)
                .or_default()
                .insert(field, row.text);
        }
    }
    Ok(texts)
}

/// One subject's texts: the language it was written in and its translations.
pub async fn texts(ctx: &Ctx, kind: SubjectKind, id: &str) -> Result<Texts, AppError> {
    let ids = vec![id.to_owned()];
    let mut map = ctx
        .run(move |conn| Ok(load_texts(conn, kind, &ids)))
        .await??;
    Ok(map.remove(id).unwrap_or_default())
}

/// Several subjects' texts (a list or catalog page), keyed by id.
pub async fn texts_of(
    ctx: &Ctx,
    kind: SubjectKind,
    ids: Vec<String>,
) -> Result<HashMap<String, Texts>, AppError> {
    ctx.run(move |conn| load_texts(conn, kind, &ids)).await
}

/// Records the language a subject was just written in (the author's page language), unless
/// one is recorded already. A tag the city does not offer records nothing (the city's
/// default applies).
pub async fn record_original(
    ctx: &Ctx,
    kind: SubjectKind,
    id: &str,
    language: &str,
) -> Result<(), AppError> {
    let Some(locale) = ctx.i18n.locale(language) else {
        return Ok(());
    };
    let id = id.to_owned();
    ctx.db
        .write(move |conn| {
            store::set_original_language(conn, kind.as_str(), &id, locale.code())?;
            Ok::<_, AppError>(())
        })
        .await
}

/// Who may translate a subject, what its original says, and what to announce once it
/// changed.
struct Owner {
    /// The organization whose editors translate (none for a proposal without one).
    organization_id: Option<String>,
    /// A proposal's author, who translates it too.
    author_id: Option<String>,
    /// The federated object to update, when the subject is public.
    publish: Option<Kind>,
    /// The original's translatable fields.
    originals: Vec<(Field, String)>,
    /// The subject's page.
    page: String,
}

fn owner_of(conn: &mut DbConnection, kind: SubjectKind, id: &str) -> Result<Owner, AppError> {
    let owner = match kind {
        SubjectKind::Template => {
            let t = catalog::template(conn, id)?.ok_or(AppError::NotFound)?;
            let v = catalog::template_version(conn, id, t.version)?.ok_or(AppError::NotFound)?;
            Owner {
                organization_id: Some(t.organization_id),
                author_id: None,
                publish: (t.state == TemplateState::Active).then_some(Kind::Template),
                originals: vec![
                    (Field::Title, v.title),
                    (Field::Summary, v.summary),
                    (Field::Content, v.instructions),
                ],
                page: format!("/templates/{id}"),
            }
        }
        SubjectKind::Opportunity => {
            let (o, v, _, _) = catalog::catalog_line(conn, id)?.ok_or(AppError::NotFound)?;
            let public = matches!(
                o.state,
                OpportunityState::Published | OpportunityState::Closed
            );
            Owner {
                organization_id: Some(o.organization_id),
                author_id: None,
                publish: public.then_some(Kind::Opportunity),
                originals: vec![
                    (Field::Title, o.title_override.unwrap_or(v.title)),
                    (Field::Content, o.onsite_instructions),
                ],
                page: format!("/opportunities/{id}"),
            }
        }
        SubjectKind::Offering => {
            let oid: OfferingId = id.parse().map_err(|_| AppError::NotFound)?;
            let o = offerings::offering(conn, &oid)?.ok_or(AppError::NotFound)?;
            Owner {
                organization_id: Some(o.organization_id),
                author_id: None,
                publish: None,
                originals: vec![(Field::Title, o.title), (Field::Summary, o.description)],
                page: format!("/offerings/{id}"),
            }
        }
        SubjectKind::Organization => {
            let o = orgs::by_id(conn, id)?.ok_or(AppError::NotFound)?;
            Owner {
                organization_id: Some(o.id),
                author_id: None,
                publish: None,
                originals: vec![(Field::Title, o.name), (Field::Summary, o.description)],
                page: format!("/organizations/{}", o.handle),
            }
        }
        SubjectKind::Proposal => {
            let p = governance::proposal(conn, id)?.ok_or(AppError::NotFound)?;
            Owner {
                organization_id: p.organization_id,
                author_id: Some(p.author_id),
                publish: None,
                originals: vec![(Field::Title, p.title), (Field::Content, p.body)],
                page: format!("/proposals/{id}"),
            }
        }
    };
    Ok(owner)
}

/// A subject as its translation form shows it.
#[derive(Debug, Clone)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: String,
    /// The original's translatable fields, in the form's order.
    pub originals: Vec<(Field, String)>,
    pub texts: Texts,
    /// The subject's page, to return to.
    pub page: String,
}

/// What the translation form of a subject shows; only for those who may translate it.
pub async fn subject(
    ctx: &Ctx,
    user: &User,
    kind: SubjectKind,
    id: &str,
) -> Result<Subject, AppError> {
    let user = user.clone();
    let id = id.to_owned();
    ctx.run(move |conn| {
        let owner = owner_of(conn, kind, &id)?;
        if !may_translate_in(conn, &owner, &user)? {
            return Err(AppError::Forbidden);
        }
        let ids = vec![id.clone()];
        let texts = load_texts(conn, kind, &ids)?
            .remove(&id)
            .unwrap_or_default();
        Ok(Subject {
            kind,
            originals: owner.originals,
            texts,
            page: owner.page,
            id,
        })
    })
    .await
}

/// Whether `user` may translate the subject: an owner or editor of its organization, or a
/// proposal's author.
fn may_translate_in(conn: &mut DbConnection, owner: &Owner, user: &User) -> Result<bool, AppError> {
    let me = user.id.to_string();
    if owner.author_id.as_deref() == Some(me.as_str()) {
        return Ok(true);
    }
    match &owner.organization_id {
        Some(org) => Ok(organizations::role_of(conn, org, &me)?
            .is_some_and(|role| role.can(Capability::EditCatalog))),
        None => Ok(false),
    }
}

/// Whether `user` may translate the subject (for showing the link to the form).
pub async fn may_translate(
    ctx: &Ctx,
    user: &User,
    kind: SubjectKind,
    id: &str,
) -> Result<bool, AppError> {
    let user = user.clone();
    let id = id.to_owned();
    ctx.run(move |conn| {
        Ok(owner_of(conn, kind, &id).and_then(|owner| may_translate_in(conn, &owner, &user)))
    })
    .await?
}

/// A translation as its translator types it: one language, each field's text (an empty
/// text removes that field's translation).
#[derive(Debug, Clone, Default)]
pub struct TranslationInput {
    pub language: String,
    pub fields: Vec<(Field, String)>,
}

/// Adds or replaces a subject's translation into one of the city's languages. Refused
/// (nothing stored) for someone who may not translate it, for a language the city does not
/// offer or the original's own, and for a field longer than the original may be.
pub async fn translate(
    ctx: &Ctx,
    user: &User,
    kind: SubjectKind,
    id: &str,
    input: TranslationInput,
) -> Result<Texts, AppError> {
    user.require_verified()?;
    let locale = ctx
        .i18n
        .locale(&input.language)
        .ok_or(AppError::LocaleUnsupported)?;
    let mut checked = Vec::new();
    for (field, text) in &input.fields {
        if !kind.fields().contains(field) {
            return Err(AppError::NotFound);
        }
        checked.push((*field, check_field(kind, *field, text)?));
    }
    let user = user.clone();
    let id = id.to_owned();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let owner = owner_of(conn, kind, &id)?;
            if !may_translate_in(conn, &owner, &user)? {
                return Err(AppError::Forbidden);
            }
            let ids = vec![id.clone()];
            let texts = load_texts(conn, kind, &ids)?
                .remove(&id)
                .unwrap_or_default();
            if citysync_domain::content_language::same_language(&texts.original, locale.code()) {
                return Err(AppError::TranslationOfOriginal);
            }
            // The original's language is recorded once something is translated, so a
            // later change of the city's default does not move it.
            store::set_original_language(conn, kind.as_str(), &id, &texts.original)?;
            let by = user.id.to_string();
            for (field, text) in &checked {
                if text.is_empty() {
                    store::remove_translation(
                        conn,
                        kind.as_str(),
                        &id,
                        locale.code(),
                        field.as_str(),
                    )?;
                } else {
                    store::put_translation(
                        conn,
                        &TranslationRow {
                            subject_kind: kind.as_str().to_owned(),
                            subject_id: id.clone(),
                            locale: locale.code().to_owned(),
                            field: field.as_str().to_owned(),
                            text: text.clone(),
                            translated_by: Some(by.clone()),
                            translated_at: now,
                        },
                    )?;
                }
            }
            if let Some(kind) = owner.publish {
                publications::publish(conn, kind, &id, Verb::Update, now)?;
            }
            Ok(load_texts(conn, kind, &ids)?
                .remove(&id)
                .unwrap_or_default())
        })
        .await
}

/// The id an organization's translations are kept under, from its handle.
pub async fn organization_id(ctx: &Ctx, handle: &str) -> Result<String, AppError> {
    let handle = handle.to_owned();
    ctx.run(move |conn| organizations::load(conn, &handle).map(|o| o.id))
        .await
}

/// The texts of opportunities as they read: each opportunity's own translations (its
/// title, its on-site instructions), with its template's summary — and its title, when the
/// opportunity has no title of its own — where the opportunity has none. Keyed by id.
pub async fn opportunity_texts(
    ctx: &Ctx,
    opportunities: &[crate::catalog::Opportunity],
) -> Result<HashMap<String, Texts>, AppError> {
    let ids: Vec<String> = opportunities.iter().map(|o| o.id.clone()).collect();
    let mut template_ids: Vec<String> = opportunities
        .iter()
        .map(|o| o.template_id.clone())
        .collect();
    template_ids.sort();
    template_ids.dedup();
    let (mut own, templates) = ctx
        .run(move |conn| {
            Ok(load_texts(conn, SubjectKind::Opportunity, &ids)
                .and_then(|own| Ok((own, load_texts(conn, SubjectKind::Template, &template_ids)?))))
        })
        .await??;
    for opp in opportunities {
        if let (Some(mine), Some(template)) =
            (own.get_mut(&opp.id), templates.get(&opp.template_id))
        {
            let fields: &[Field] = if opp.has_title_override {
                &[Field::Summary]
            } else {
                &[Field::Title, Field::Summary]
            };
            mine.inherit(template, fields);
            // A template written in another language: its own words are the translation
            // into that language of what the opportunity inherits.
            if !citysync_domain::content_language::same_language(&template.original, &mine.original)
            {
                let theirs = mine
                    .translations
                    .entry(template.original.clone())
                    .or_default();
                theirs
                    .entry(Field::Summary)
                    .or_insert_with(|| opp.summary.clone());
                if !opp.has_title_override {
                    theirs
                        .entry(Field::Title)
                        .or_insert_with(|| opp.title.clone());
                }
            }
        }
    }
    Ok(own)
}

/// One opportunity's texts (see [`opportunity_texts`]).
pub async fn opportunity_text(
    ctx: &Ctx,
    opportunity: &crate::catalog::Opportunity,
) -> Result<Texts, AppError> {
    let mut map = opportunity_texts(ctx, std::slice::from_ref(opportunity)).await?;
    Ok(map.remove(&opportunity.id).unwrap_or_default())
}
