//! Recurring opportunities and calendar files: series links, mail attachments, and the
//! residents' private calendar feeds.

diesel::table! {
    opportunity_series (opportunity_id) {
        opportunity_id -> Text,
        series_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    mail_attachments (mail_id, position) {
        mail_id -> Text,
        position -> Integer,
        filename -> Text,
        content_type -> Text,
        body -> Text,
    }
}

diesel::table! {
    calendar_feeds (user_id) {
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}
