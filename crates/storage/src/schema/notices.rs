//! Notices sent by workers to many people, and the daily digest (issue 26).

diesel::table! {
    notices_sent (kind, subject_id, user_id) {
        kind -> Text,
        subject_id -> Text,
        user_id -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    notification_digests (user_id) {
        user_id -> Text,
        since -> Timestamp,
    }
}
