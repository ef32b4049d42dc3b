//! What the drafting forms show before saving something that already exists: the similar
//! templates and opportunities, here and in followed cities, each with its reasons in the
//! reader's language and what the issuer can do instead (adopt it, co-issue, or continue).

use crate::errors::Page;
use crate::pages::CsrfForm;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::web;
use chrono::Datelike;
use citysync_app::catalog;
use citysync_app::instance::City;
use citysync_app::overlap::{Similar, SimilarKind};
use citysync_domain::similarity::{DayPart, Explanation, Reason};
use citysync_i18n::ArgValue;
use serde::{Deserialize, Serialize};

/// What the form's "continue anyway" button sends.
pub(crate) const CONTINUE: &str = "continue";

/// One similar thing as the panel shows it.
#[derive(Debug, Serialize)]
pub(crate) struct SimilarView {
    kind: SimilarKind,
    title: String,
    /// Where to read it: its page here, or the copy of a followed city's object.
    link: String,
    organization_handle: String,
    organization_name: String,
    /// The followed city it comes from.
    city: Option<String>,
    /// When it starts, on this city's clocks.
    starts: Option<String>,
    score: u8,
    /// Why it looks alike, in the reader's language.
    reasons: String,
    /// Where "adopt instead" posts (templates only).
    adopt_action: Option<String>,
    /// Another organization of this city the issuer can co-issue with.
    can_coissue: bool,
}

/// The panel's lines for `found`; `own_handle` is the drafting organization.
pub(crate) fn views(
    viewer: &Viewer,
    state: &WebState,
    city: Option<&City>,
    found: Vec<Similar>,
    own_handle: &str,
) -> Vec<SimilarView> {
    found
        .into_iter()
        .map(|s| {
            let local = s.city.is_none();
            let link = match (s.kind, local) {
                (_, false) => format!("/federation/objects/{}", s.id),
                (SimilarKind::Template, true) => format!("/templates/{}", s.id),
                (SimilarKind::Opportunity, true) => format!("/opportunities/{}", s.id),
            };
            let adopt_action = match (s.kind, local) {
                (SimilarKind::Template, true) if s.organization_handle != own_handle => {
                    Some(format!("/templates/{}/adopt", s.id))
                }
                (SimilarKind::Template, false) => {
                    Some(format!("/federation/objects/{}/adopt", s.id))
                }
                _ => None,
            };
            SimilarView {
                reasons: explain(viewer, state, &s.explanation),
                starts: s.starts_at.map(|t| {
                    city.map_or(t, |c| c.local_time(t))
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                }),
                can_coissue: local && s.organization_handle != own_handle,
                kind: s.kind,
                title: s.title,
                link,
                organization_handle: s.organization_handle,
                organization_name: s.organization_name,
                city: s.city,
                score: s.score,
                adopt_action,
            }
        })
        .collect()
}

/// "same category, 400 m away, same Saturday morning", in the reader's language.
pub(crate) fn explain(viewer: &Viewer, state: &WebState, explanation: &Explanation) -> String {
    let i18n = &state.ctx.i18n;
    let separator = i18n.message(viewer.locale, "overlap-reason-separator", &[]);
    explanation
        .reasons
        .iter()
        .map(|reason| {
            let args: Vec<(&str, ArgValue)> = match reason {
                Reason::SameCategory | Reason::DifferentCategory => Vec::new(),
                Reason::TextSimilar { percent } => vec![("percent", u32::from(*percent).into())],
                Reason::Nearby { meters } => vec![("meters", (*meters).into())],
                Reason::TimeOverlap { minutes } => vec![("minutes", (*minutes).into())],
                Reason::SameDay { date, part } => vec![
                    ("weekday", date.weekday().number_from_monday().into()),
                    ("date", date.format("%Y-%m-%d").to_string().into()),
                    ("part", day_part(*part).into()),
                ],
            };
            i18n.message(viewer.locale, reason.message_id(), &args)
        })
        .collect::<Vec<_>>()
        .join(&separator)
}

fn day_part(part: Option<DayPart>) -> &'static str {
    match part {
        Some(DayPart::Morning) => "morning",
        Some(DayPart::Afternoon) => "afternoon",
        Some(DayPart::Evening) => "evening",
        None => "day",
    }
}

/// The "adopt instead" form: the organization adopting.
#[derive(Debug, Default, Deserialize)]
pub struct AdoptLocalForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    organization: String,
}

/// POST /templates/{id}/adopt — editors of another organization take this active template
/// as a draft of their own (adapted from it) instead of writing a duplicate.
pub async fn template_adopt(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
    form: CsrfForm<AdoptLocalForm>,
) -> Page {
    let user = viewer.require_user()?;
    match catalog::adopt_local_template(&state.ctx, user, &form.organization, &path).await {
        Ok(template) => Ok(Viewer::see_other(&format!(
            "/templates/{}/edit",
            template.id
        ))),
        Err(e) => Err(e.into()),
    }
}

/// Another organization working in the same categories or places, as a console shows it.
#[derive(Debug, Serialize)]
pub(crate) struct NeighborView {
    handle: String,
    name: String,
    /// The shared categories' names, in the reader's language, joined.
    categories: String,
    nearby: usize,
    nearest_meters: Option<u32>,
}

/// The organizations working in `organization_id`'s categories and near its places.
pub(crate) async fn neighbor_views(
    viewer: &Viewer,
    state: &WebState,
    organization_id: &str,
) -> Result<Vec<NeighborView>, citysync_app::AppError> {
    let found = citysync_app::overlap::neighbors_of(&state.ctx, organization_id).await?;
    let tax = catalog::taxonomy(&state.ctx).await?;
    let separator = state
        .ctx
        .i18n
        .message(viewer.locale, "overlap-reason-separator", &[]);
    Ok(found
        .into_iter()
        .map(|n| NeighborView {
            categories: n
                .shared_categories
                .iter()
                .map(|c| tax.category_name(&state.ctx.i18n, viewer.locale, c))
                .collect::<Vec<_>>()
                .join(&separator),
            handle: n.handle,
            name: n.name,
            nearby: n.nearby_opportunities,
            nearest_meters: n.nearest_meters,
        })
        .collect())
}

crate::pages::csrf_forms!(AdoptLocalForm);
