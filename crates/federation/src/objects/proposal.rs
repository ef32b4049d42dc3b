//! A proposal as an `Article` by the city: its cycle, kind, options, the cycle's phase and,
//! once closed, the sealed tally. Peers show it; nothing they do with it touches our vote.

use super::language_maps::Form;
use super::{paragraphs, wire_time, wire_updated, Rendered, PUBLIC};
use crate::actor::{urls, ApubActor};
use crate::FedError;
use citysync_app::federation::publications::Kind;
use citysync_app::governance::{cycles, proposals};
use citysync_app::translations::{self, Field};
use citysync_app::Ctx;
use serde_json::json;

pub async fn render(ctx: &Ctx, id: &str) -> Result<Rendered, FedError> {
    let proposal = proposals::get(ctx, id).await?;
    let cycle = cycles::get(ctx, &proposal.cycle_id).await?;
    let author = ApubActor::local_city(ctx).await?;
    let s = &ctx.settings;
    let url = urls::object(s, Kind::Proposal, &proposal.id);
    let mut object = json!({
        "type": "Article",
        "id": url,
        "url": url,
        "attributedTo": author.ap_id,
        "name": proposal.title,
        "content": paragraphs(&proposal.body),
        "mediaType": "text/html",
        "source": { "content": proposal.body, "mediaType": "text/markdown" },
        "cycle": s.url(&format!("/governance/{}", cycle.id)),
        "proposalKind": proposal.kind.as_str(),
        "proposalState": proposal.state.as_str(),
        "phase": cycle.phase.as_str(),
        "options": proposal.content,
        "published": wire_time(proposal.created_at),
        "updated": wire_updated(proposal.updated_at),
        "to": [PUBLIC],
        "cc": [urls::city_followers(s)],
    });
    // The original and every translation, by language (issue 27).
    let texts = translations::texts(ctx, translations::SubjectKind::Proposal, &proposal.id).await?;
    super::language_maps::add(
        &mut object,
        &texts,
        &[
            (Field::Title, &proposal.title, Form::Plain),
            (Field::Content, &proposal.body, Form::Paragraphs),
        ],
    );
    if let Some(decision) = &proposal.decision {
        super::set(&mut object, "tally", serde_json::to_value(decision)?);
    }
    Ok(Rendered { object, author })
}
