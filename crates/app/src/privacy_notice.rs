//! The privacy notice (aviso de privacidad, issue 27): versioned, in each language the city
//! writes it in, accepted by every resident at sign-up and again after each new version.
//!
//! Version 1 is the default text of the locale files (what is kept, why, for how long — read
//! from the retention settings — and the rights of access, rectification, deletion and
//! opposition); it has no row. An administrator's first publication is version 2, and every
//! version stays readable. Each acceptance is a row (`privacy_acceptances`).

use crate::accounts::User;
use crate::privileged_log::{self, Capacity, Entry, PrivilegedAction, Subject};
use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::DomainError;
use citysync_i18n::{ArgValue, Locale};
use citysync_storage::{instance, privacy, DbConnection};
use serde::Serialize;

/// The version a fresh city starts with (the locale files' default text).
pub const DEFAULT_VERSION: i32 = 1;

/// The longest text of one language, in characters.
const TEXT_MAX: usize = 50_000;

/// The default text's paragraphs, in order (messages of `privacy.ftl`).
const DEFAULT_PARAGRAPHS: [&str; 6] = [
    "privacy-default-who",
    "privacy-default-kept",
    "privacy-default-why",
    "privacy-default-periods",
    "privacy-default-hold",
    "privacy-default-rights",
];

/// One version of the notice in one language, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub version: i32,
    /// The version in force now.
    pub current: i32,
    /// `None` for the default version 1.
    pub published_at: Option<NaiveDateTime>,
    /// The language of the text shown (the reader's when written in it).
    pub language: String,
    pub paragraphs: Vec<String>,
}

/// A version as the list of versions names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionSummary {
    pub version: i32,
    pub published_at: Option<NaiveDateTime>,
}

/// The version in force, read in the caller's transaction.
pub(crate) fn in_force_in(conn: &mut DbConnection) -> Result<i32, AppError> {
    Ok(privacy::latest_version(conn)?.unwrap_or(DEFAULT_VERSION))
}

/// The version in force.
pub async fn in_force(ctx: &Ctx) -> Result<i32, AppError> {
    ctx.run(|conn| Ok(in_force_in(conn))).await?
}

/// Splits a text into its paragraphs (separated by blank lines).
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The default text (version 1) in `locale`, with the city's name, contact and retention
/// periods.
pub(crate) fn default_text(
    ctx: &Ctx,
    conn: &mut DbConnection,
    locale: Locale,
) -> Result<String, AppError> {
    let city = instance::get(conn)?;
    let name = city
        .as_ref()
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| "City/Sync".to_owned());
    let contact = city.map(|c| c.contact).unwrap_or_default();
    let r = &ctx.settings.retention;
    let args = [
        ("city", ArgValue::from(name.as_str())),
        ("contact", ArgValue::from(contact.as_str())),
        (
            "has_contact",
            ArgValue::from(if contact.is_empty() { "no" } else { "yes" }),
        ),
        ("photo_days", ArgValue::from(r.photo_days)),
        ("location_days", ArgValue::from(r.location_days)),
        ("ip_days", ArgValue::from(r.ip_days)),
        ("session_days", ArgValue::from(r.session_days)),
        ("mail_days", ArgValue::from(r.mail_days)),
    ];
    Ok(DEFAULT_PARAGRAPHS
        .iter()
        .map(|id| ctx.i18n.message(locale, id, &args))
        .collect::<Vec<_>>()
        .join("\n\n"))
}

/// `version` (the one in force when `None`) in the reader's language, else in the city's
/// default language, else in the first language it was written in.
pub async fn notice(ctx: &Ctx, version: Option<i32>, locale: Locale) -> Result<Notice, AppError> {
    let ctx2 = ctx.clone();
    ctx.run(move |conn| notice_in(&ctx2, conn, version, locale))
        .await
}

fn notice_in(
    ctx2: &Ctx,
    conn: &mut DbConnection,
    version: Option<i32>,
    locale: Locale,
) -> Result<Notice, AppError> {
    let current = in_force_in(conn)?;
    let version = version.unwrap_or(current);
    if version == DEFAULT_VERSION {
        return Ok(Notice {
            version,
            current,
            published_at: None,
            language: locale.code().to_owned(),
            paragraphs: paragraphs(&default_text(ctx2, conn, locale)?),
        });
    }
    let row = privacy::version(conn, version)?.ok_or(AppError::NotFound)?;
    let texts = privacy::texts(conn, version)?;
    let default_locale = instance::get(conn)?
        .map(|i| i.default_locale)
        .unwrap_or_default();
    let chosen = texts
        .iter()
        .find(|(l, _)| l == locale.code())
        .or_else(|| texts.iter().find(|(l, _)| *l == default_locale))
        .or_else(|| texts.first())
        .cloned()
        .unwrap_or_default();
    Ok(Notice {
        version,
        current,
        published_at: Some(row.published_at),
        language: chosen.0,
        paragraphs: paragraphs(&chosen.1),
    })
}

/// Every version, newest first (the default version 1 last, without a date).
pub async fn versions(ctx: &Ctx) -> Result<Vec<VersionSummary>, AppError> {
    let rows = ctx.run(|conn| Ok(privacy::versions(conn)?)).await?;
    let mut list: Vec<VersionSummary> = rows
        .into_iter()
        .map(|r| VersionSummary {
            version: r.version,
            published_at: Some(r.published_at),
        })
        .collect();
    list.push(VersionSummary {
        version: DEFAULT_VERSION,
        published_at: None,
    });
    Ok(list)
}

/// The version a signed-in person must accept before going on: the one in force, when
/// the newest they accepted is older (or they accepted none).
pub async fn pending(ctx: &Ctx, user_id: &str) -> Result<Option<i32>, AppError> {
    let id = user_id.to_owned();
    let (current, accepted) = ctx
        .run(move |conn| {
            let current = privacy::latest_version(conn)?.unwrap_or(DEFAULT_VERSION);
            Ok((current, privacy::accepted_version(conn, &id)?))
        })
        .await?;
    Ok(accepted.is_none_or(|a| a < current).then_some(current))
}

/// Records that `user_id` accepted `accepted`, which must be the version in force (a form
/// showing an older one, or none ticked, is refused). In the caller's transaction: sign-up
/// records the acceptance with the account.
pub(crate) fn record_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    user_id: &str,
    accepted: Option<i32>,
) -> Result<(), AppError> {
    let current = in_force_in(conn)?;
    if accepted != Some(current) {
        return Err(AppError::PrivacyNotAccepted);
    }
    privacy::record_acceptance(conn, user_id, current, ctx.now())?;
    Ok(())
}

/// Checks a sign-up form's acceptance before anything is created.
pub async fn check_accepted(ctx: &Ctx, accepted: Option<i32>) -> Result<(), AppError> {
    if accepted.is_none() || accepted != Some(in_force(ctx).await?) {
        return Err(AppError::PrivacyNotAccepted);
    }
    Ok(())
}

/// A signed-in person accepts `version`, the one in force (what `/privacy/accept` showed).
pub async fn accept(ctx: &Ctx, user: &User, version: Option<i32>) -> Result<(), AppError> {
    let (id, ctx2) = (user.id.to_string(), ctx.clone());
    ctx.db
        .write(move |conn| record_in(conn, &ctx2, &id, version))
        .await
}

/// A person's acceptances as `(version, at)`, newest first (for their data export).
pub async fn acceptances(ctx: &Ctx, user_id: &str) -> Result<Vec<(i32, NaiveDateTime)>, AppError> {
    let id = user_id.to_owned();
    ctx.run(move |conn| Ok(privacy::acceptances(conn, &id)?))
        .await
}

/// The text of the version in force in each of `locales` (for the publishing form): what
/// was written in that language, else the default text when version 1 is in force, else "".
pub async fn current_texts(
    ctx: &Ctx,
    admin: &User,
    locales: Vec<Locale>,
) -> Result<(i32, Vec<(Locale, String)>), AppError> {
    admin.require_admin()?;
    let ctx2 = ctx.clone();
    ctx.run(move |conn| current_texts_in(&ctx2, conn, locales))
        .await
}

fn current_texts_in(
    ctx2: &Ctx,
    conn: &mut DbConnection,
    locales: Vec<Locale>,
) -> Result<(i32, Vec<(Locale, String)>), AppError> {
    let current = in_force_in(conn)?;
    let stored = privacy::texts(conn, current)?;
    let mut out = Vec::new();
    for locale in locales {
        let text = if current == DEFAULT_VERSION {
            default_text(ctx2, conn, locale)?
        } else {
            stored
                .iter()
                .find(|(l, _)| l == locale.code())
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        out.push((locale, text));
    }
    Ok((current, out))
}

/// Publishes a new version with its text in each language given (empty texts are left out;
/// the city's default language is required). Returns the new version's number. Residents
/// accept it at their next page; the administrator publishing it accepts it with it.
/// Administrators only; a privileged action.
pub async fn publish(
    ctx: &Ctx,
    admin: &User,
    texts: Vec<(Locale, String)>,
) -> Result<i32, AppError> {
    admin.require_admin()?;
    let mut kept: Vec<(String, String)> = Vec::new();
    for (locale, text) in texts {
        let text = text.trim().replace("\r\n", "\n");
        if text.chars().count() > TEXT_MAX {
            return Err(DomainError::TooLong("text").into());
        }
        if !text.is_empty() {
            kept.push((locale.code().to_owned(), text));
        }
    }
    let (admin_id, now) = (admin.id.to_string(), ctx.now());
    ctx.db
        .write(move |conn| {
            let default_locale = instance::get(conn)?
                .map(|i| i.default_locale)
                .unwrap_or_default();
            if !kept.iter().any(|(l, _)| *l == default_locale) {
                return Err(DomainError::Required("text").into());
            }
            let version = in_force_in(conn)? + 1;
            privacy::insert_version(
                conn,
                &privacy::VersionRow {
                    version,
                    published_at: now,
                    published_by: Some(admin_id.clone()),
                },
                &kept,
            )?;
            // Who publishes it accepts it.
            privacy::record_acceptance(conn, &admin_id, version, now)?;
            let languages: Vec<&str> = kept.iter().map(|(l, _)| l.as_str()).collect();
            let entry = Entry::new(
                Some(&admin_id),
                Capacity::Administrator,
                PrivilegedAction::PrivacyNoticePublished,
                Subject::PrivacyNotice,
                &version.to_string(),
                now,
            )
            .detail(serde_json::json!({ "version": version, "languages": languages }));
            privileged_log::record(conn, &entry)?;
            Ok(version)
        })
        .await
}
