//! Cycles, proposals, ballots, deliberation and parameters.

diesel::table! {
    cycles (id) {
        id -> Text,
        title -> Text,
        description -> Text,
        proposals_at -> Timestamp,
        deliberation_at -> Timestamp,
        voting_at -> Timestamp,
        results_at -> Timestamp,
        phase -> Text,
        method -> Text,
        quorum_percent -> BigInt,
        min_vote -> BigInt,
        eligible_voters -> Nullable<BigInt>,
        eligible_weight -> Nullable<BigInt>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        budget_pool -> BigInt,
    }
}

diesel::table! {
    proposals (id) {
        id -> Text,
        cycle_id -> Text,
        kind -> Text,
        title -> Text,
        body -> Text,
        content -> Text,
        author_id -> Text,
        organization_id -> Nullable<Text>,
        state -> Text,
        tally -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    vote_snapshots (cycle_id, user_id) {
        cycle_id -> Text,
        user_id -> Text,
        weight -> BigInt,
    }
}

diesel::table! {
    ballots (proposal_id, voter_id) {
        proposal_id -> Text,
        voter_id -> Text,
        marks -> Text,
        cast_at -> Timestamp,
    }
}

diesel::table! {
    proposal_comments (id) {
        id -> Text,
        proposal_id -> Text,
        parent_id -> Nullable<Text>,
        author_id -> Text,
        body -> Text,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    comment_reports (comment_id, reporter_id) {
        comment_id -> Text,
        reporter_id -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    moderation_log (id) {
        id -> Text,
        proposal_id -> Text,
        comment_id -> Text,
        moderator_id -> Text,
        action -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    city_parameters (name) {
        name -> Text,
        value -> Text,
        proposal_id -> Nullable<Text>,
        set_by -> Nullable<Text>,
        set_at -> Timestamp,
    }
}

diesel::table! {
    /// One row: bumped by triggers with every change of `city_parameters` or
    /// `taxonomy_extensions` (issue 29).
    reference_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    parameter_changes (id) {
        id -> Text,
        name -> Text,
        old_value -> Nullable<Text>,
        new_value -> Text,
        proposal_id -> Nullable<Text>,
        changed_by -> Nullable<Text>,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    adopted_models (proposal_id) {
        proposal_id -> Text,
        model_url -> Text,
        state -> Text,
        decided_at -> Timestamp,
        detail -> Nullable<Text>,
    }
}
