//! The diesel schema, written by hand for both backends: only SQL types SQLite and
//! PostgreSQL share (ids are UUID text, times UTC `TIMESTAMP` set from Rust).

diesel::table! {
    instance (id) {
        id -> Integer,
        name -> Nullable<Text>,
        region -> Nullable<Text>,
        default_locale -> Text,
        timezone -> Text,
        public_key_pem -> Text,
        private_key_pem -> Text,
        setup_token_hash -> Nullable<Text>,
        created_at -> Timestamp,
        configured_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        email -> Text,
        password_hash -> Text,
        is_admin -> Bool,
        email_verified_at -> Nullable<Timestamp>,
        locale -> Nullable<Text>,
        public_key_pem -> Nullable<Text>,
        private_key_pem -> Nullable<Text>,
        created_at -> Timestamp,
        password_changed_at -> Timestamp,
        display_name -> Nullable<Text>,
        public_profile -> Bool,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    email_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Text,
        scopes -> Text,
        label -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_events (id) {
        id -> BigInt,
        bucket -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    mail_queue (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    actors (id) {
        id -> Text,
        ap_id -> Text,
        kind -> Text,
        preferred_username -> Text,
        name -> Nullable<Text>,
        inbox -> Text,
        shared_inbox -> Nullable<Text>,
        public_key_pem -> Text,
        domain -> Text,
        fetched_at -> Timestamp,
        assertion_key -> Nullable<Text>,
    }
}

diesel::table! {
    follows (id) {
        id -> Text,
        follower_ap_id -> Text,
        following_ap_id -> Text,
        state -> Text,
        activity_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    deliveries (id) {
        id -> Text,
        activity_id -> Text,
        actor_ap_id -> Text,
        inbox -> Text,
        peer_domain -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        delivered_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    received_activities (activity_id) {
        activity_id -> Text,
        actor_ap_id -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    organizations (id) {
        id -> Text,
        handle -> Text,
        name -> Text,
        description -> Text,
        is_issuer -> Bool,
        is_redeemer -> Bool,
        contact_email -> Text,
        website -> Nullable<Text>,
        logo_file -> Nullable<Text>,
        state -> Text,
        decision_reason -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        public_key_pem -> Nullable<Text>,
        private_key_pem -> Nullable<Text>,
        attestation_key -> Nullable<Text>,
    }
}

diesel::table! {
    memberships (organization_id, user_id) {
        organization_id -> Text,
        user_id -> Text,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> Text,
        organization_id -> Text,
        role -> Text,
        invitee_id -> Text,
        invited_by -> Text,
        state -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    taxonomy_extensions (category, unit) {
        category -> Text,
        unit -> Text,
        category_name_en -> Text,
        category_name_es -> Text,
        unit_name_en -> Text,
        unit_name_es -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    templates (id) {
        id -> Text,
        organization_id -> Text,
        state -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        adapted_from -> Nullable<Text>,
    }
}

diesel::table! {
    template_versions (template_id, version) {
        template_id -> Text,
        version -> Integer,
        title -> Text,
        summary -> Text,
        instructions -> Text,
        category -> Text,
        outcome_unit -> Text,
        expected_outcome -> Double,
        verification_method -> Text,
        proof_kinds -> Text,
        reward_city -> BigInt,
        reward_vote -> BigInt,
        estimated_minutes -> Integer,
        accessibility_notes -> Text,
        extra_fields -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    opportunities (id) {
        id -> Text,
        organization_id -> Text,
        template_id -> Text,
        title_override -> Nullable<Text>,
        place -> Text,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        claim_deadline -> Timestamp,
        capacity -> Integer,
        onsite_instructions -> Text,
        state -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    claims (id) {
        id -> Text,
        opportunity_id -> Text,
        claimant_id -> Text,
        template_id -> Text,
        template_version -> Integer,
        reward_city -> BigInt,
        reward_vote -> BigInt,
        state -> Text,
        submissions -> Integer,
        claimed_at -> Timestamp,
        updated_at -> Timestamp,
        checked_in_at -> Nullable<Timestamp>,
        checked_out_at -> Nullable<Timestamp>,
        expiry_warned_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    submissions (id) {
        id -> Text,
        claim_id -> Text,
        attempt -> Integer,
        text -> Text,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        worked_from -> Nullable<Timestamp>,
        worked_until -> Nullable<Timestamp>,
        outcome_quantity -> Double,
        extra_values -> Text,
        submitted_at -> Timestamp,
        decision -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        reject_reason -> Nullable<Text>,
        feedback -> Nullable<Text>,
        quality_rating -> Nullable<Integer>,
        confirmed_outcome -> Nullable<Double>,
    }
}

diesel::table! {
    submission_photos (id) {
        id -> Text,
        submission_id -> Text,
        file_name -> Text,
        content_type -> Text,
        byte_size -> BigInt,
        width -> Integer,
        height -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contributions (id) {
        id -> Text,
        claim_id -> Text,
        organization_id -> Text,
        opportunity_id -> Text,
        template_id -> Text,
        template_version -> Integer,
        contributor_id -> Text,
        verifier_id -> Text,
        category -> Text,
        outcome_unit -> Text,
        outcome_quantity -> Double,
        quality_rating -> Integer,
        feedback -> Text,
        reward_city -> BigInt,
        reward_vote -> BigInt,
        verified_at -> Timestamp,
    }
}

diesel::table! {
    domain_events (id) {
        id -> Text,
        kind -> Text,
        subject_id -> Text,
        payload -> Text,
        occurred_at -> Timestamp,
        consumed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        subject_id -> Text,
        link -> Text,
        args -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_preferences (user_id, kind) {
        user_id -> Text,
        kind -> Text,
        email -> Bool,
    }
}

diesel::table! {
    audit_trail (id) {
        id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        action -> Text,
        actor_id -> Nullable<Text>,
        detail -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    ledger_keys (id) {
        id -> Integer,
        public_key -> Text,
        secret_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ledger_accounts (id) {
        id -> Text,
        kind -> Text,
        owner -> Text,
        currency -> Text,
        public_ref -> Text,
        balance -> BigInt,
    }
}

diesel::table! {
    ledger_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    ledger_operations (key) {
        key -> Text,
        fingerprint -> Text,
        result -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ledger_entries (seq) {
        seq -> BigInt,
        kind -> Text,
        currency -> Text,
        from_account -> Text,
        to_account -> Text,
        amount -> BigInt,
        operation -> Text,
        organization_id -> Nullable<Text>,
        category -> Nullable<Text>,
        memo -> Text,
        epoch -> BigInt,
        recorded_at -> Timestamp,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    ledger_checkpoints (id) {
        id -> BigInt,
        seq -> BigInt,
        head_hash -> Text,
        totals -> Text,
        signed_at -> Timestamp,
        signature -> Text,
        public_key -> Text,
        reason -> Text,
        epoch -> Nullable<BigInt>,
    }
}

diesel::table! {
    ledger_verifications (id) {
        id -> Text,
        started_at -> Timestamp,
        finished_at -> Timestamp,
        ok -> Bool,
        entries -> BigInt,
        checkpoints -> BigInt,
        failure -> Nullable<Text>,
    }
}

diesel::table! {
    epochs (number) {
        number -> BigInt,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        state -> Text,
        closed_at -> Nullable<Timestamp>,
        report -> Nullable<Text>,
    }
}

diesel::table! {
    issuer_budgets (organization_id) {
        organization_id -> Text,
        amount -> BigInt,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::table! {
    offerings (id) {
        id -> Text,
        organization_id -> Text,
        title -> Text,
        description -> Text,
        price -> BigInt,
        category -> Text,
        terms -> Text,
        image -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    offering_commitments (offering_id, epoch) {
        offering_id -> Text,
        epoch -> BigInt,
        quantity -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    redemptions (id) {
        id -> Text,
        offering_id -> Text,
        organization_id -> Text,
        resident_id -> Text,
        amount -> BigInt,
        epoch -> BigInt,
        state -> Text,
        code -> Text,
        reserved_at -> Timestamp,
        expires_at -> Timestamp,
        settled_at -> Nullable<Timestamp>,
        settled_by -> Nullable<Text>,
    }
}

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

diesel::table! {
    publications (id) {
        id -> Text,
        kind -> Text,
        object_id -> Text,
        verb -> Text,
        occurred_at -> Timestamp,
        processed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    remote_objects (id) {
        id -> Text,
        ap_id -> Text,
        kind -> Text,
        attributed_to -> Text,
        domain -> Text,
        via -> Nullable<Text>,
        name -> Text,
        summary -> Text,
        document -> Text,
        content -> Nullable<Text>,
        starts_at -> Nullable<Timestamp>,
        proof_verified -> Bool,
        published_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        received_at -> Timestamp,
    }
}

diesel::table! {
    template_adoptions (copy_ap_id) {
        copy_ap_id -> Text,
        template_id -> Text,
        adopter_actor -> Text,
        adopter_domain -> Text,
        adopted_at -> Timestamp,
    }
}

diesel::table! {
    domain_policies (domain) {
        domain -> Text,
        policy -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    peers (domain) {
        domain -> Text,
        reachable -> Bool,
        last_success_at -> Nullable<Timestamp>,
        failing_since -> Nullable<Timestamp>,
        next_probe_at -> Nullable<Timestamp>,
        received -> BigInt,
        duplicates -> BigInt,
    }
}

diesel::table! {
    oauth_apps (client_id) {
        client_id -> Text,
        secret_hash -> Nullable<Text>,
        name -> Text,
        website -> Nullable<Text>,
        redirect_uris -> Text,
        scopes -> Text,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    oauth_grants (id) {
        id -> Text,
        client_id -> Text,
        user_id -> Nullable<Text>,
        scopes -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    oauth_codes (code_hash) {
        code_hash -> Text,
        client_id -> Text,
        user_id -> Text,
        redirect_uri -> Text,
        scopes -> Text,
        code_challenge -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        grant_id -> Nullable<Text>,
    }
}

diesel::table! {
    oauth_tokens (token_hash) {
        token_hash -> Text,
        grant_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(oauth_grants -> oauth_apps (client_id));
diesel::joinable!(oauth_tokens -> oauth_grants (grant_id));

diesel::joinable!(offerings -> organizations (organization_id));
diesel::joinable!(proposals -> cycles (cycle_id));
diesel::joinable!(proposals -> users (author_id));
diesel::joinable!(proposal_comments -> users (author_id));
diesel::joinable!(vote_snapshots -> users (user_id));
diesel::joinable!(offering_commitments -> offerings (offering_id));
diesel::joinable!(redemptions -> offerings (offering_id));
diesel::joinable!(memberships -> organizations (organization_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(invitations -> organizations (organization_id));
diesel::joinable!(opportunities -> organizations (organization_id));
diesel::joinable!(opportunities -> templates (template_id));
diesel::joinable!(templates -> organizations (organization_id));
diesel::joinable!(template_adoptions -> templates (template_id));
diesel::joinable!(claims -> opportunities (opportunity_id));
diesel::joinable!(claims -> users (claimant_id));
diesel::joinable!(submissions -> claims (claim_id));
diesel::joinable!(submission_photos -> submissions (submission_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    email_tokens,
    api_tokens,
    organizations,
    memberships,
    invitations,
    templates,
    template_versions,
    opportunities,
    claims,
    submissions,
    submission_photos,
    contributions,
    notifications,
    audit_trail,
    offerings,
    offering_commitments,
    redemptions,
    issuer_budgets,
    cycles,
    proposals,
    vote_snapshots,
    ballots,
    proposal_comments,
    comment_reports,
    moderation_log,
    city_parameters,
    parameter_changes,
    adopted_models,
    ledger_accounts,
    publications,
    remote_objects,
    template_adoptions,
    domain_policies,
    peers,
    oauth_apps,
    oauth_grants,
    oauth_codes,
    oauth_tokens,
);
