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
