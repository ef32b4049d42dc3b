//! The privileged-action log and its head.

diesel::table! {
    privileged_actions_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    privileged_actions (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        capacity -> Text,
        kind -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}
