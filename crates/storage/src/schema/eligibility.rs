//! Eligibility (issue 26): templates' requirements and what is known of residents.

diesel::table! {
    template_requirements (template_id) {
        template_id -> Text,
        min_age -> Nullable<Integer>,
        waiver_version -> Nullable<Integer>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    template_waivers (template_id, version) {
        template_id -> Text,
        version -> Integer,
        body -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    qualifications (id) {
        id -> Text,
        organization_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    template_qualifications (template_id, qualification_id) {
        template_id -> Text,
        qualification_id -> Text,
    }
}

diesel::table! {
    qualification_grants (qualification_id, user_id) {
        qualification_id -> Text,
        user_id -> Text,
        expires_on -> Date,
        granted_by -> Text,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    birth_dates (user_id) {
        user_id -> Text,
        born_on -> Date,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    guardian_consents (id) {
        id -> Text,
        user_id -> Text,
        guardian_email -> Text,
        token_hash -> Text,
        requested_at -> Timestamp,
        expires_at -> Timestamp,
        consented_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    waiver_acceptances (id) {
        id -> Text,
        user_id -> Text,
        template_id -> Text,
        waiver_version -> Integer,
        opportunity_id -> Text,
        accepted_at -> Timestamp,
    }
}
