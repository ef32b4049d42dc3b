//! A task template as a `Document`: what to do, how it is verified, what it rewards, which
//! version, where it was adapted from and where it has been adopted.

use super::language_maps::Form;
use super::{paragraphs, wire_time, wire_updated, Rendered, PUBLIC};
use crate::actor::{urls, ApubActor};
use crate::FedError;
use citysync_app::catalog;
use citysync_app::federation::publications::Kind;
use citysync_app::translations::{self, Field};
use citysync_app::Ctx;
use citysync_domain::task::{parse_proof_kinds, TemplateSpec, VerificationMethod};
use serde_json::{json, Value};

pub async fn render(ctx: &Ctx, id: &str) -> Result<Rendered, FedError> {
    let page = catalog::template_page(ctx, id, None, None).await?;
    let template = page.template;
    if template.state != citysync_domain::lifecycle::TemplateState::Active {
        return Err(citysync_app::AppError::NotFound.into());
    }
    let author = ApubActor::local_organization(ctx, &page.organization.handle)
        .await?
        .ok_or(FedError::NotFound)?;
    let s = &ctx.settings;
    let url = urls::object(s, Kind::Template, &template.id);
    let spec = &template.spec;
    let created = page
        .versions
        .first()
        .map(|(_, at)| *at)
        .unwrap_or(template.updated_at);
    let mut object = json!({
        "type": "Document",
        "id": url,
        "url": url,
        "attributedTo": author.ap_id,
        "name": spec.title,
        "summary": spec.summary,
        "content": paragraphs(&spec.instructions),
        "mediaType": "text/html",
        "source": { "content": spec.instructions, "mediaType": "text/markdown" },
        "category": spec.category,
        "outcomeUnit": spec.outcome_unit,
        "expectedOutcome": spec.expected_outcome,
        "verificationProcedure": spec.verification_method.as_str(),
        "proofKinds": spec.proof_kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        "rewardCity": spec.reward_city,
        "rewardVote": spec.reward_vote,
        "estimatedMinutes": spec.estimated_minutes,
        "accessibilityNotes": spec.accessibility_notes,
        "version": template.current_version,
        "adoptedBy": format!("{url}/adopted-by"),
        "published": wire_time(created),
        "updated": wire_updated(template.updated_at),
        "to": [PUBLIC],
        "cc": [urls::organization_part(s, &author.preferred_username, "followers")],
    });
    // The original and every translation, by language (issue 27).
    let texts = translations::texts(ctx, translations::SubjectKind::Template, &template.id).await?;
    super::language_maps::add(
        &mut object,
        &texts,
        &[
            (Field::Title, &spec.title, Form::Plain),
            (Field::Summary, &spec.summary, Form::Plain),
            (Field::Content, &spec.instructions, Form::Paragraphs),
        ],
    );
    if let Some(origin) = catalog::adapted_from(ctx, &template.id).await? {
        super::set(&mut object, "adaptedFrom", json!(origin));
    }
    Ok(Rendered { object, author })
}

/// A peer's template as this city reads it, when every field makes sense here (its category
/// must still exist locally when someone adopts it; that is checked then).
pub fn spec_of(object: &Value) -> Option<TemplateSpec> {
    let text = |field: &str| object.get(field).and_then(Value::as_str).map(str::to_owned);
    let instructions = object
        .get("source")
        .and_then(|s| s.get("content"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            text("content").map(|html| ammonia::Builder::empty().clean(&html).to_string())
        })?;
    let kinds: Vec<String> = object
        .get("proofKinds")?
        .as_array()?
        .iter()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect();
    Some(TemplateSpec {
        title: text("name")?,
        summary: text("summary").unwrap_or_default(),
        instructions,
        category: text("category")?,
        outcome_unit: text("outcomeUnit")?,
        expected_outcome: object.get("expectedOutcome")?.as_f64()?,
        verification_method: VerificationMethod::parse(&text("verificationProcedure")?).ok()?,
        proof_kinds: parse_proof_kinds(kinds.iter().map(String::as_str)).ok()?,
        reward_city: object.get("rewardCity")?.as_i64()?,
        reward_vote: object.get("rewardVote")?.as_i64()?,
        estimated_minutes: i32::try_from(object.get("estimatedMinutes")?.as_i64()?).ok()?,
        accessibility_notes: text("accessibilityNotes").unwrap_or_default(),
        extra_fields: Vec::new(),
    })
}
