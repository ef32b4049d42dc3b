//! Identity levels (issue 25): resident verifications and the conflicts queue.

diesel::table! {
    identity_verifications (id) {
        id -> Text,
        user_id -> Text,
        method -> Text,
        document_kind -> Text,
        identifier_hash -> Text,
        verified_by -> Text,
        organization_id -> Nullable<Text>,
        verified_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_by -> Nullable<Text>,
        revoke_reason -> Nullable<Text>,
    }
}

diesel::table! {
    identity_conflicts (id) {
        id -> Text,
        user_id -> Text,
        identifier_hash -> Text,
        method -> Text,
        document_kind -> Text,
        attempted_by -> Text,
        organization_id -> Nullable<Text>,
        attempted_at -> Timestamp,
        holder_id -> Text,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<Text>,
        resolution -> Nullable<Text>,
    }
}

diesel::table! {
    identity_method_switches (method) {
        method -> Text,
        enabled -> Bool,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    identity_letter_codes (id) {
        id -> Text,
        batch_id -> Text,
        code_hash -> Text,
        identifier_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        used_by -> Nullable<Text>,
    }
}

diesel::table! {
    identity_oidc_flows (state_hash) {
        state_hash -> Text,
        user_id -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        created_at -> Timestamp,
    }
}
