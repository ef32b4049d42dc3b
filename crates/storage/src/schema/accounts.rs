//! Accounts, sessions, tokens, rate limits and the mail queue.

diesel::table! {
    instance (id) {
        id -> Integer,
        name -> Nullable<Text>,
        region -> Nullable<Text>,
        default_locale -> Text,
        timezone -> Text,
        public_key_pem -> Text,
        private_key_pem -> Text,
        setup_token_hash -> Nullable<Text>,
        created_at -> Timestamp,
        configured_at -> Nullable<Timestamp>,
        description -> Text,
        contact -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        email -> Text,
        password_hash -> Text,
        is_admin -> Bool,
        email_verified_at -> Nullable<Timestamp>,
        locale -> Nullable<Text>,
        public_key_pem -> Nullable<Text>,
        private_key_pem -> Nullable<Text>,
        created_at -> Timestamp,
        password_changed_at -> Timestamp,
        display_name -> Nullable<Text>,
        public_profile -> Bool,
        suspended_at -> Nullable<Timestamp>,
        suspension_reason -> Nullable<Text>,
        legal_hold -> Bool,
        legal_hold_reason -> Nullable<Text>,
        legal_hold_by -> Nullable<Text>,
        legal_hold_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    known_devices (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    email_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Text,
        scopes -> Text,
        label -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_events (id) {
        id -> BigInt,
        bucket -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    mail_queue (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    fediverse_links (user_id) {
        user_id -> Text,
        actor -> Text,
        handle -> Text,
        inbox -> Text,
        linked_at -> Timestamp,
    }
}

diesel::table! {
    fediverse_link_requests (id) {
        id -> Text,
        user_id -> Text,
        handle -> Text,
        state -> Text,
        actor -> Nullable<Text>,
        inbox -> Nullable<Text>,
        token_hash -> Nullable<Text>,
        requested_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
        used_at -> Nullable<Timestamp>,
    }
}
