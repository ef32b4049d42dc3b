//! Organizations, the catalog, claims and proof, notifications and the audit trail.

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
        address -> Text,
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
        invited_as -> Nullable<Text>,
    }
}

diesel::table! {
    email_invitations (id) {
        id -> Text,
        organization_id -> Text,
        role -> Text,
        email -> Text,
        token_hash -> Text,
        invited_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
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
    opportunity_partners (opportunity_id, organization_id) {
        opportunity_id -> Text,
        organization_id -> Text,
        share_city -> BigInt,
        verifies -> Bool,
        state -> Text,
        invited_by -> Text,
        invited_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
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
        party_size -> Integer,
        party_of -> Nullable<Text>,
        party_code -> Nullable<Text>,
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
        perceptual_hash -> Nullable<Text>,
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
    remote_participations (id) {
        id -> Text,
        opportunity_id -> Text,
        actor -> Text,
        handle -> Text,
        inbox -> Text,
        join_activity -> Text,
        state -> Text,
        joined_at -> Timestamp,
        left_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    claim_reminders (claim_id, lead_hours) {
        claim_id -> Text,
        lead_hours -> BigInt,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    held_rewards (claim_id) {
        claim_id -> Text,
        contribution_id -> Text,
        contributor_id -> Text,
        epoch -> BigInt,
        reward_city -> BigInt,
        reward_vote -> BigInt,
        held_at -> Timestamp,
        credited_at -> Nullable<Timestamp>,
    }
}

// Content in several languages (issue 27): the language each subject was written in, and
// its translations (crates/storage/src/translations.rs).
diesel::table! {
    content_languages (subject_kind, subject_id) {
        subject_kind -> Text,
        subject_id -> Text,
        locale -> Text,
    }
}

diesel::table! {
    content_translations (subject_kind, subject_id, locale, field) {
        subject_kind -> Text,
        subject_id -> Text,
        locale -> Text,
        field -> Text,
        text -> Text,
        translated_by -> Nullable<Text>,
        translated_at -> Timestamp,
    }
}
