//! Waiting lists of full opportunities (issue 26).

diesel::table! {
    waitlist_entries (id) {
        id -> Text,
        opportunity_id -> Text,
        resident_id -> Text,
        position -> Integer,
        state -> Text,
        joined_at -> Timestamp,
        offered_at -> Nullable<Timestamp>,
        offer_ends_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
    }
}
