//! The privacy notice's versions, their texts and each person's acceptances (issue 27).

diesel::table! {
    privacy_versions (version) {
        version -> Integer,
        published_at -> Timestamp,
        published_by -> Nullable<Text>,
    }
}

diesel::table! {
    privacy_texts (version, locale) {
        version -> Integer,
        locale -> Text,
        body -> Text,
    }
}

diesel::table! {
    privacy_acceptances (user_id, version) {
        user_id -> Text,
        version -> Integer,
        accepted_at -> Timestamp,
    }
}
