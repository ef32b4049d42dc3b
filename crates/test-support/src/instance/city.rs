//! What the scenarios set up in a city, through its use cases: an administrator, an
//! approved issuer with a budget and an active template, opportunities, verified work.

use crate::{approved_organization, person};
use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::{Ctx, User};
use citysync_domain::ids::OrganizationId;
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;

pub fn spec(title: &str) -> TemplateSpec {
    TemplateSpec {
        title: title.into(),
        summary: "Pick up litter along the creek".into(),
        instructions: "Bring **gloves**.\n\nMeet at the bridge.".into(),
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        expected_outcome: 5.0,
        verification_method: VerificationMethod::IssuerReview,
        proof_kinds: vec![ProofKind::Text],
        reward_city: 500,
        reward_vote: 2,
        estimated_minutes: 90,
        accessibility_notes: String::new(),
        extra_fields: vec![],
    }
}

/// A city's administrator and one approved issuer (owner, handle, budget).
pub struct Issuer {
    pub ctx: Ctx,
    pub admin: User,
    pub owner: User,
    pub handle: String,
    pub org_id: OrganizationId,
}

impl Issuer {
    pub async fn new(ctx: Ctx, handle: &str) -> Issuer {
        let admin = person(&ctx, &format!("admin_{}", handle.replace('-', "_")), true).await;
        let owner = person(&ctx, &format!("owner_{}", handle.replace('-', "_")), false).await;
        let org_id = approved_organization(&ctx, &admin, &owner, handle, true, false).await;
        citysync_app::ledger::epochs::set_budget(
            &ctx,
            &admin,
            &org_id,
            "100000",
            &format!("budget-{handle}"),
        )
        .await
        .expect("budget");
        Issuer {
            ctx,
            admin,
            owner,
            handle: handle.to_owned(),
            org_id: org_id.parse().expect("organization ids are UUIDs"),
        }
    }

    /// Writes and activates a template; returns its id.
    pub async fn active_template(&self, title: &str) -> String {
        let t = catalog::create_template(&self.ctx, &self.owner, &self.handle, spec(title))
            .await
            .expect("template");
        catalog::change_template(&self.ctx, &self.owner, &t.id, TemplateEvent::Activate)
            .await
            .expect("activate");
        t.id
    }

    /// Issues and publishes an opportunity of a template; returns its id.
    pub async fn published_opportunity(&self, template_id: &str) -> String {
        let now = self.ctx.now();
        let opp = catalog::create_opportunity(
            &self.ctx,
            &self.owner,
            OpportunityInput {
                template_id: template_id.to_owned(),
                spec: OpportunitySpec {
                    title_override: None,
                    place: "Strawberry Creek bridge".into(),
                    point: None,
                    // Started an hour ago (proof is taken once work has begun), open until tomorrow.
                    starts_at: now - Duration::hours(1),
                    ends_at: now + Duration::days(1),
                    claim_deadline: now + Duration::days(1),
                    capacity: 5,
                    onsite_instructions: "Look for the green tent.".into(),
                },
            },
        )
        .await
        .expect("opportunity");
        catalog::change_opportunity(&self.ctx, &self.owner, &opp.id, OpportunityEvent::Publish)
            .await
            .expect("publish");
        opp.id
    }

    /// A resident claims, submits and is approved: a verified contribution.
    pub async fn verified_work(&self, opportunity_id: &str, resident: &str) -> User {
        let who = person(&self.ctx, resident, false).await;
        let claim = claims::claim(&self.ctx, &who, opportunity_id)
            .await
            .expect("claim");
        claims::submit(
            &self.ctx,
            &who,
            &claim.id,
            ProofInput {
                text: "Filled three bags".into(),
                outcome_quantity: "3".into(),
                ..ProofInput::default()
            },
        )
        .await
        .expect("proof");
        let page = claims::claim_page(&self.ctx, &who, &claim.id)
            .await
            .expect("claim page");
        let submission = page.submissions.last().expect("a submission").id.clone();
        claims::decide(
            &self.ctx,
            &self.owner,
            &submission,
            DecisionInput::Approve {
                confirmed_outcome: "3".into(),
                quality_rating: "5".into(),
                feedback: "Thank you!".into(),
            },
        )
        .await
        .expect("approve");
        who
    }
}
