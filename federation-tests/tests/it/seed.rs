//! What several federation tests set up in a city beyond an issuer's work (the test kit's
//! `Issuer` does that): a decided governance proposal.

use chrono::Duration as Days;
use citysync_app::governance::{cycles, proposals, voting, CycleInput, ProposalInput};
use citysync_app::User;
use citysync_domain::governance::{
    Ballot, ParameterChange, ProposalContent, Rules, Schedule, VotingMethod,
};
use citysync_test_support::instance::city::Issuer;

/// A parameter-change proposal by `ana` taken through a whole cycle (ana voted, with VOTE
/// minted for it), so it carries its tally. Returns the proposal's id.
pub async fn decided_proposal(bk: &Issuer, ana: &User) -> String {
    citysync_test_support::mint(&bk.ctx, &bk.org_id.to_string(), ana, 0, 9)
        .await
        .unwrap();
    let now = bk.ctx.now();
    let cycle = cycles::create(
        &bk.ctx,
        &bk.admin,
        CycleInput {
            title: "Winter decisions".into(),
            description: "What the city decides this winter".into(),
            schedule: Schedule {
                proposals_at: now - Days::minutes(1),
                deliberation_at: now + Days::days(1),
                voting_at: now + Days::days(2),
                results_at: now + Days::days(3),
            },
            rules: Rules {
                method: VotingMethod::Quadratic,
                quorum_percent: 30,
                min_vote: 1,
            },
            pool: 0,
        },
    )
    .await
    .unwrap();
    let proposal =
        proposals::draft(
            &bk.ctx,
            ana,
            &cycle.id,
            ProposalInput {
                title: "Double the reward for environmental work".into(),
                body: "Creeks need more hands this winter.".into(),
                content: ProposalContent::ParameterChange {
                    changes: vec![
                        ParameterChange::new("reward_multiplier.environment", "200").unwrap()
                    ],
                },
                organization: None,
            },
        )
        .await
        .unwrap();
    cycles::begin_next_phase(&bk.ctx, &bk.admin, &cycle.id)
        .await
        .unwrap();
    cycles::begin_next_phase(&bk.ctx, &bk.admin, &cycle.id)
        .await
        .unwrap();
    voting::cast(&bk.ctx, ana, &proposal.id, Ballot::marking([(0, 1)]))
        .await
        .unwrap();
    cycles::begin_next_phase(&bk.ctx, &bk.admin, &cycle.id)
        .await
        .unwrap();
    proposal.id.to_string()
}
