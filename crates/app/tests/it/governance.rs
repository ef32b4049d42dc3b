//! Governance against real databases (SQLite, and PostgreSQL when reachable; with CI=true
//! PostgreSQL is required): a cycle through its phases, proposals, moderated comments,
//! snapshot-weighted ballots under concurrency, tallies and enactment into the ledger.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, DecisionInput, ProofInput};
use citysync_app::governance::{
    comments, cycles, parameters, proposals, voting, CycleInput, ProposalInput,
};
use citysync_app::ledger::{check, epochs, wallet};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::governance::{
    Ballot, BudgetOption, Outcome, ParameterChange, Phase, ProposalContent, ProposalState, Rules,
    Schedule, VotingMethod,
};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_domain::DomainError;
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_with_clock, mint, person, ManualClock,
    TestDb,
};
use std::sync::Arc;

/// A city with an issuer (budget 1000 CITY, a verifier and an active environment template
/// paying 5 CITY and 2 VOTE), an administrator and residents holding 9, 4 and 1 VOTE.
pub(crate) struct Town {
    pub(crate) ctx: Ctx,
    pub(crate) clock: Arc<ManualClock>,
    pub(crate) admin: User,
    pub(crate) owner: User,
    pub(crate) verifier: User,
    pub(crate) issuer: String,
    pub(crate) template_id: String,
    pub(crate) ana: User,
    pub(crate) ben: User,
    pub(crate) cruz: User,
    pub(crate) dora: User,
}

pub(crate) async fn town(t: &TestDb) -> Town {
    let (ctx, clock) = ctx_with_clock(t);
    let admin = person(&ctx, "admin_ana", true).await;
    let owner = person(&ctx, "owner_olga", false).await;
    let verifier = person(&ctx, "vera", false).await;
    let issuer = approved_organization(&ctx, &admin, &owner, "creek-friends", true, false).await;
    add_member(&ctx, &owner, "creek-friends", &verifier, "verifier").await;
    epochs::set_budget(&ctx, &admin, &issuer, "1000", "budget-1")
        .await
        .unwrap();
    let template = catalog::create_template(
        &ctx,
        &owner,
        "creek-friends",
        TemplateSpec {
            title: "Creek cleanup".into(),
            summary: "Pick up litter along Strawberry Creek".into(),
            instructions: "Bring gloves.".into(),
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
        },
    )
    .await
    .unwrap();
    catalog::change_template(&ctx, &owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let ana = person(&ctx, "ana", false).await;
    let ben = person(&ctx, "ben", false).await;
    let cruz = person(&ctx, "cruz", false).await;
    let dora = person(&ctx, "dora", false).await;
    for (who, vote) in [(&ana, 9), (&ben, 4), (&cruz, 1)] {
        mint(&ctx, &issuer, who, 0, vote).await.unwrap();
    }
    Town {
        ctx,
        clock,
        admin,
        owner,
        verifier,
        issuer,
        template_id: template.id,
        ana,
        ben,
        cruz,
        dora,
    }
}

impl Town {
    /// A cycle whose proposal phase has begun; deliberation, voting and results follow a
    /// day apart.
    pub(crate) async fn cycle(&self, method: VotingMethod, quorum_percent: i64) -> String {
        let now = self.ctx.now();
        cycles::create(
            &self.ctx,
            &self.admin,
            CycleInput {
                title: "Winter decisions".into(),
                description: "What the city decides this winter".into(),
                schedule: Schedule {
                    proposals_at: now - Duration::minutes(1),
                    deliberation_at: now + Duration::days(1),
                    voting_at: now + Duration::days(2),
                    results_at: now + Duration::days(3),
                },
                rules: Rules {
                    method,
                    quorum_percent,
                    min_vote: 1,
                },
                // The city's participatory-budget pool: 100 CITY per cycle.
                pool: 10_000,
            },
        )
        .await
        .unwrap()
        .id
    }

    /// Moves the clock a day and lets the worker advance the cycles.
    pub(crate) async fn next_day(&self) {
        self.clock.advance(Duration::days(1));
        cycles::advance_due(&self.ctx).await.unwrap();
    }

    /// A verified contribution of `who` on a fresh environment opportunity.
    async fn verified_work(&self, who: &User) {
        let submission = self.submitted(who).await;
        claims::decide(
            &self.ctx,
            &self.verifier,
            &submission,
            DecisionInput::Approve {
                confirmed_outcome: "4".into(),
                quality_rating: "5".into(),
                feedback: "Thank you!".into(),
            },
        )
        .await
        .unwrap();
    }

    /// A published environment opportunity of `capacity` places, begun an hour ago (proof
    /// is taken once work has begun).
    pub(crate) async fn begun(&self, capacity: i32) -> String {
        let ctx = &self.ctx;
        let now = ctx.now();
        let opp = catalog::create_opportunity(
            ctx,
            &self.owner,
            OpportunityInput {
                template_id: self.template_id.clone(),
                spec: OpportunitySpec {
                    title_override: None,
                    place: "Strawberry Creek".into(),
                    point: None,
                    starts_at: now - Duration::hours(1),
                    ends_at: now + Duration::hours(4),
                    claim_deadline: now + Duration::hours(1),
                    capacity,
                    onsite_instructions: String::new(),
                },
            },
        )
        .await
        .unwrap();
        catalog::change_opportunity(ctx, &self.owner, &opp.id, OpportunityEvent::Publish)
            .await
            .unwrap();
        opp.id
    }

    /// A submission of `who` awaiting decision on a fresh environment opportunity.
    pub(crate) async fn submitted(&self, who: &User) -> String {
        let ctx = &self.ctx;
        let opp = self.begun(5).await;
        let claim = claims::claim(ctx, who, &opp).await.unwrap();
        claims::submit(
            ctx,
            who,
            &claim.id,
            ProofInput {
                text: "Filled three bags".into(),
                outcome_quantity: "4".into(),
                ..ProofInput::default()
            },
        )
        .await
        .unwrap();
        let page = claims::claim_page(ctx, who, &claim.id).await.unwrap();
        page.submissions.last().unwrap().id.clone()
    }
}

fn doubling() -> ProposalInput {
    ProposalInput {
        title: "Double the reward for environmental work".into(),
        body: "Creeks need more hands this winter.".into(),
        content: ProposalContent::ParameterChange {
            changes: vec![ParameterChange::new("reward_multiplier.environment", "200").unwrap()],
        },
        organization: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_parameter_change_passes_and_the_next_verified_contribution_mints_double() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let cycle_id = town.cycle(VotingMethod::Quadratic, 30).await;
        assert_eq!(
            cycles::get(ctx, &cycle_id).await.unwrap().phase,
            Phase::Proposals,
            "{backend}"
        );

        // Dora has no VOTE: she cannot propose. Out-of-range and unknown values are refused.
        assert!(matches!(
            proposals::draft(ctx, &town.dora, &cycle_id, doubling()).await,
            Err(AppError::NotEnoughVote)
        ));
        assert!(ParameterChange::new("reward_multiplier.environment", "1001").is_err());
        let mut unknown = doubling();
        unknown.content = ProposalContent::ParameterChange {
            changes: vec![ParameterChange::new("reward_multiplier.knitting", "200").unwrap()],
        };
        assert!(matches!(
            proposals::draft(ctx, &town.ana, &cycle_id, unknown).await,
            Err(AppError::Domain(DomainError::CategoryUnknown))
        ));
        let proposal = proposals::draft(ctx, &town.ana, &cycle_id, doubling())
            .await
            .unwrap();
        assert_eq!(proposal.state, ProposalState::Open);
        let mut edited = doubling();
        edited.body = "Creeks need more hands this winter; the rains start early.".into();
        proposals::edit(ctx, &town.ana, &proposal.id, edited.clone())
            .await
            .unwrap();
        assert!(matches!(
            proposals::edit(ctx, &town.ben, &proposal.id, edited.clone()).await,
            Err(AppError::Forbidden)
        ));
        // Nobody comments or votes in the proposal phase.
        assert!(matches!(
            comments::post(ctx, &town.ben, &proposal.id, None, "Yes!").await,
            Err(AppError::PhaseClosed)
        ));

        // Deliberation: the text is frozen; comments, a reply, a report, a hidden comment.
        town.next_day().await;
        assert!(
            matches!(
                proposals::edit(ctx, &town.ana, &proposal.id, edited).await,
                Err(AppError::PhaseClosed)
            ),
            "{backend}"
        );
        let first = comments::post(ctx, &town.ben, &proposal.id, None, "Good for the creek.")
            .await
            .unwrap();
        let reply = comments::post(
            ctx,
            &town.cruz,
            &proposal.id,
            Some(&first),
            "And for the budget?",
        )
        .await
        .unwrap();
        let rude = comments::post(ctx, &town.dora, &proposal.id, None, "You are all idiots")
            .await
            .unwrap();
        comments::report(ctx, &town.ben, &rude, "insulting")
            .await
            .unwrap();
        assert!(matches!(
            comments::report(ctx, &town.ben, &rude, "insulting").await,
            Err(AppError::AlreadyReported)
        ));
        assert!(matches!(
            comments::moderate(ctx, &town.ben, &rude, true, "insult").await,
            Err(AppError::Forbidden)
        ));
        comments::moderate(ctx, &town.admin, &rude, true, "Insults another resident")
            .await
            .unwrap();
        let thread = comments::thread(ctx, &proposal.id).await.unwrap();
        assert_eq!(thread.len(), 3);
        let at = |id: &str| thread.iter().position(|c| c.id == id).unwrap();
        assert_eq!(at(&reply), at(&first) + 1, "the reply follows its parent");
        assert_eq!(thread[at(&reply)].depth, 1);
        let hidden = thread.iter().find(|c| c.id == rude).unwrap();
        assert_eq!(hidden.body, "");
        assert_eq!(
            hidden.hidden_reason.as_deref(),
            Some("Insults another resident")
        );
        let log = comments::log(ctx, Some(&proposal.id), 10).await.unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action, "hidden");
        assert!(matches!(
            voting::cast(ctx, &town.ana, &proposal.id, Ballot::marking([(0, 1)])).await,
            Err(AppError::PhaseClosed)
        ));

        // Voting: the snapshot holds 9 + 4 + 1 VOTE; Dora is not eligible.
        town.next_day().await;
        let cycle = cycles::get(ctx, &cycle_id).await.unwrap();
        assert_eq!(cycle.phase, Phase::Voting);
        assert_eq!(cycle.eligible_voters, Some(3));
        assert_eq!(cycle.eligible_weight, Some(14));
        // The rules are frozen now.
        let mut input = CycleInput {
            title: cycle.title.clone(),
            description: cycle.description.clone(),
            schedule: cycle.schedule,
            rules: cycle.rules,
            pool: cycle.pool,
        };
        input.rules.method = VotingMethod::WeightedMajority;
        assert!(matches!(
            cycles::edit(ctx, &town.admin, &cycle_id, input).await,
            Err(AppError::RulesFrozen)
        ));

        // Ben earns 100 VOTE after the snapshot: his credits stay 4.
        mint(ctx, &town.issuer, &town.ben, 0, 100).await.unwrap();
        assert!(matches!(
            voting::cast(ctx, &town.ben, &proposal.id, Ballot::marking([(0, 3)])).await,
            Err(AppError::Domain(DomainError::BallotCreditsExceeded))
        ));
        assert!(matches!(
            voting::cast(ctx, &town.ben, &proposal.id, Ballot::marking([(2, 1)])).await,
            Err(AppError::Domain(DomainError::BallotOptionUnknown))
        ));
        assert!(matches!(
            voting::cast(ctx, &town.dora, &proposal.id, Ballot::marking([(1, 1)])).await,
            Err(AppError::NotEligible)
        ));
        assert_eq!(voting::ballots_cast(ctx, &proposal.id).await.unwrap(), 0);
        voting::cast(ctx, &town.ben, &proposal.id, Ballot::marking([(0, 2)]))
            .await
            .unwrap();
        voting::cast(ctx, &town.ana, &proposal.id, Ballot::marking([(0, 1)]))
            .await
            .unwrap();
        // Ana changes her ballot before the close.
        voting::cast(ctx, &town.ana, &proposal.id, Ballot::marking([(0, 3)]))
            .await
            .unwrap();
        voting::cast(ctx, &town.cruz, &proposal.id, Ballot::marking([(1, 1)]))
            .await
            .unwrap();
        let mine = voting::mine(ctx, &town.ana, &proposal.id).await.unwrap();
        assert_eq!(mine.weight, Some(9));
        assert_eq!(mine.ballot, Some(Ballot::marking([(0, 3)])));
        assert_eq!(voting::ballots_cast(ctx, &proposal.id).await.unwrap(), 3);

        // Before the close, a contribution mints the template's reward.
        town.verified_work(&town.dora).await;
        assert_eq!(wallet::wallet(ctx, &town.dora).await.unwrap().city, 500);
        // The catalog, read here and by another process, lists the reward in force; each
        // process reads the multipliers once while they do not change (issue 29).
        let listed = crate::catalog_places::listed;
        let opp = crate::waitlist::opportunity(&town, 5).await;
        let url = t.url.clone();
        let db = tokio::task::spawn_blocking(move || citysync_storage::Db::open(&url, 4))
            .await
            .unwrap()
            .unwrap();
        let other = ctx.on(db);
        assert_eq!(listed(ctx, &opp).await.reward_city, 500, "{backend}");
        assert_eq!(listed(&other, &opp).await.reward_city, 500, "{backend}");
        let loads = other.reference_cache.loads();
        assert_eq!(listed(&other, &opp).await.reward_city, 500, "{backend}");
        assert_eq!(other.reference_cache.loads(), loads, "{backend}: kept");

        // Results: 5 votes yes against 1 no, turnout 100 %, enacted at the close.
        town.next_day().await;
        let closed = proposals::get(ctx, &proposal.id).await.unwrap();
        assert_eq!(closed.state, ProposalState::Passed, "{backend}");
        let decision = closed.decision.unwrap();
        assert_eq!(decision.outcome, Outcome::Passed);
        assert_eq!(decision.tally.support, vec![5, 1]);
        assert_eq!(
            decision.tally.cast_weight, 14,
            "snapshot weights, not today's"
        );
        assert_eq!(decision.tally.voters, 3);
        assert!(decision.tally.quorum_met);
        assert_eq!(
            decision.enacted,
            vec!["reward_multiplier.environment = 200"]
        );
        assert!(matches!(
            voting::cast(ctx, &town.cruz, &proposal.id, Ballot::marking([(0, 1)])).await,
            Err(AppError::PhaseClosed)
        ));
        let page = parameters::page(ctx).await.unwrap();
        let line = page
            .lines
            .iter()
            .find(|l| l.name == "reward_multiplier.environment")
            .unwrap();
        assert_eq!(line.value, "200");
        assert!(matches!(
            &line.source,
            parameters::Source::Decision { proposal_id, .. } if *proposal_id == proposal.id
        ));
        // Both processes list the doubled reward at their next page.
        assert_eq!(listed(ctx, &opp).await.reward_city, 1000, "{backend}");
        assert_eq!(listed(&other, &opp).await.reward_city, 1000, "{backend}");
        assert_eq!(other.reference_cache.loads(), loads + 1, "{backend}");

        // The next verified environment contribution mints twice the CITY (and VOTE).
        town.verified_work(&town.dora).await;
        let w = wallet::wallet(ctx, &town.dora).await.unwrap();
        assert_eq!(w.city, 500 + 1000, "{backend}");
        assert_eq!(w.vote, 2 + 4, "{backend}");
        assert!(check::run(ctx).await.unwrap().ok, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn vote_earned_after_the_snapshot_does_not_change_a_ballot_weight() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let cycle_id = town.cycle(VotingMethod::WeightedMajority, 10).await;
        let proposal = proposals::draft(ctx, &town.ana, &cycle_id, doubling())
            .await
            .unwrap();
        town.next_day().await;
        town.next_day().await;
        // Ana (9 VOTE) votes yes; Ben (4 at the snapshot) votes no, then earns 100 more.
        voting::cast(ctx, &town.ana, &proposal.id, Ballot::marking([(0, 1)]))
            .await
            .unwrap();
        voting::cast(ctx, &town.ben, &proposal.id, Ballot::marking([(1, 1)]))
            .await
            .unwrap();
        mint(ctx, &town.issuer, &town.ben, 0, 100).await.unwrap();
        voting::cast(ctx, &town.ben, &proposal.id, Ballot::marking([(1, 1)]))
            .await
            .unwrap();
        town.next_day().await;
        let decision = proposals::get(ctx, &proposal.id)
            .await
            .unwrap()
            .decision
            .unwrap();
        assert_eq!(decision.tally.support, vec![9, 4], "{backend}");
        assert_eq!(decision.outcome, Outcome::Passed, "{backend}");
        assert_eq!(wallet::wallet(ctx, &town.ben).await.unwrap().vote, 104);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_ballots_by_one_resident_leave_exactly_one() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let cycle_id = town.cycle(VotingMethod::Quadratic, 10).await;
        let proposal = proposals::draft(ctx, &town.ana, &cycle_id, doubling())
            .await
            .unwrap();
        town.next_day().await;
        town.next_day().await;
        let mut tasks = Vec::new();
        for i in 0..12i64 {
            let (ctx, ana, id) = (ctx.clone(), town.ana.clone(), proposal.id.clone());
            let ballot = Ballot::marking([(usize::from(i % 2 == 1), 1 + i % 3)]);
            tasks.push(tokio::spawn(async move {
                voting::cast(&ctx, &ana, &id, ballot).await
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(
            voting::ballots_cast(ctx, &proposal.id).await.unwrap(),
            1,
            "{backend}"
        );
        town.next_day().await;
        let decision = proposals::get(ctx, &proposal.id)
            .await
            .unwrap()
            .decision
            .unwrap();
        assert_eq!(decision.tally.voters, 1, "{backend}");
        assert_eq!(decision.tally.cast_weight, 9, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_budget_funds_the_most_supported_options_through_adjust_entries() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let parks_owner = person(ctx, "pat", false).await;
        approved_organization(ctx, &town.admin, &parks_owner, "parks", false, true).await;
        // A yes/no majority cannot share out a budget.
        let majority = town.cycle(VotingMethod::WeightedMajority, 0).await;
        let option = |title: &str, cost: i64, org: &str| BudgetOption {
            title: title.into(),
            cost,
            organization: org.into(),
        };
        let budget = |options: Vec<BudgetOption>| ProposalInput {
            title: "Winter fund".into(),
            body: "Share 100 CITY".into(),
            // The pool is the cycle's (100 CITY, see `Town::cycle`), never the proposal's.
            content: ProposalContent::Budget { options },
            organization: None,
        };
        let options = vec![
            option("Benches", 6_000, "parks"),
            option("Creek signs", 5_000, "creek-friends"),
            option("Bulbs", 4_000, "parks"),
        ];
        assert!(matches!(
            proposals::draft(ctx, &town.ana, &majority, budget(options.clone())).await,
            Err(AppError::Domain(DomainError::BudgetNeedsOptionVoting))
        ));
        let mut unknown_org = options.clone();
        unknown_org[0].organization = "nobody".into();
        let cycle_id = town.cycle(VotingMethod::Approval, 20).await;
        assert!(matches!(
            proposals::draft(ctx, &town.ana, &cycle_id, budget(unknown_org)).await,
            Err(AppError::OrganizationNotApproved)
        ));
        let proposal = proposals::draft(ctx, &town.ana, &cycle_id, budget(options))
            .await
            .unwrap();
        town.next_day().await;
        town.next_day().await;
        // Benches 9 + 1, signs 9 + 4, bulbs 4: signs (13) first, then benches (10) no longer
        // fits (5000 + 6000 > 10000), bulbs (4) does.
        voting::cast(
            ctx,
            &town.ana,
            &proposal.id,
            Ballot::marking([(0, 1), (1, 1)]),
        )
        .await
        .unwrap();
        voting::cast(
            ctx,
            &town.ben,
            &proposal.id,
            Ballot::marking([(1, 1), (2, 1)]),
        )
        .await
        .unwrap();
        voting::cast(ctx, &town.cruz, &proposal.id, Ballot::marking([(0, 1)]))
            .await
            .unwrap();
        town.next_day().await;
        let decision = proposals::get(ctx, &proposal.id)
            .await
            .unwrap()
            .decision
            .unwrap();
        assert_eq!(decision.tally.support, vec![10, 13, 4], "{backend}");
        assert_eq!(decision.funded, vec![1, 2], "{backend}");
        assert_eq!(decision.outcome, Outcome::Passed);
        let explorer = citysync_app::ledger::explorer::explorer(ctx).await.unwrap();
        let adjusts: Vec<_> = explorer
            .recent
            .iter()
            .filter(|e| e.kind == "adjust")
            .collect();
        assert_eq!(adjusts.len(), 2, "{backend}");
        assert!(check::run(ctx).await.unwrap().ok, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_vote_without_quorum_changes_nothing() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let cycle_id = town.cycle(VotingMethod::Quadratic, 50).await;
        let proposal = proposals::draft(ctx, &town.ana, &cycle_id, doubling())
            .await
            .unwrap();
        town.next_day().await;
        town.next_day().await;
        // Ben's 4 VOTE of 14 eligible is below a 50 % quorum.
        voting::cast(ctx, &town.ben, &proposal.id, Ballot::marking([(0, 2)]))
            .await
            .unwrap();
        town.next_day().await;
        let closed = proposals::get(ctx, &proposal.id).await.unwrap();
        assert_eq!(closed.state, ProposalState::NoQuorum, "{backend}");
        assert!(closed.decision.unwrap().enacted.is_empty());
        let page = parameters::page(ctx).await.unwrap();
        assert!(page
            .lines
            .iter()
            .all(|l| l.name != "reward_multiplier.environment"));
        town.verified_work(&town.dora).await;
        assert_eq!(wallet::wallet(ctx, &town.dora).await.unwrap().city, 500);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_city_requiring_resident_verification_refuses_an_unverified_ballot() {
    use citysync_app::identity::verify_in_person;
    use citysync_domain::identity::IdentityLevel;
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let mut settings = (*town.ctx.settings).clone();
        settings.governance.level_to_vote = IdentityLevel::ResidentVerified;
        let ctx = &town.ctx.clone().with_settings(settings);
        citysync_app::instance::ensure_keys(ctx).await.unwrap();
        let cycle_id = town.cycle(VotingMethod::WeightedMajority, 10).await;
        let proposal = proposals::draft(ctx, &town.ana, &cycle_id, doubling())
            .await
            .unwrap();
        town.next_day().await;
        town.next_day().await;
        let err = voting::cast(ctx, &town.ana, &proposal.id, Ballot::marking([(0, 1)]))
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::ResidentVerificationNeeded),
            "{backend}: {err:?}"
        );
        assert_eq!(voting::ballots_cast(ctx, &proposal.id).await.unwrap(), 0);
        // The organization's owner verifies Ana at the desk; now her ballot counts.
        verify_in_person(
            ctx,
            &town.owner,
            "creek-friends",
            "ana",
            "document_number",
            "X9876543",
        )
        .await
        .unwrap();
        voting::cast(ctx, &town.ana, &proposal.id, Ballot::marking([(0, 1)]))
            .await
            .unwrap();
        assert_eq!(
            voting::ballots_cast(ctx, &proposal.id).await.unwrap(),
            1,
            "{backend}"
        );
    }
}
