//! Self check-in (issue 26): posters, the organizations' distance rule, confirmations.

diesel::table! {
    check_in_posters (opportunity_id) {
        opportunity_id -> Text,
        token -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    check_in_distances (organization_id) {
        organization_id -> Text,
        max_meters -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    attendance_confirmations (claim_id) {
        claim_id -> Text,
        confirmed_by -> Text,
        confirmed_at -> Timestamp,
    }
}
