//! The second factor of accounts: TOTP secrets, recovery codes, half sign-ins.

diesel::table! {
    second_factors (user_id) {
        user_id -> Text,
        secret -> Text,
        created_at -> Timestamp,
        enabled_at -> Nullable<Timestamp>,
        last_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    second_factor_recovery_codes (code_hash) {
        code_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    second_factor_pending (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        device_hash -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}
