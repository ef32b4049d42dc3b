//! The ledger, epochs, budgets, offerings and redemptions.

diesel::table! {
    ledger_keys (id) {
        id -> Integer,
        public_key -> Text,
        secret_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ledger_accounts (id) {
        id -> Text,
        kind -> Text,
        owner -> Text,
        currency -> Text,
        public_ref -> Text,
        balance -> BigInt,
    }
}

diesel::table! {
    ledger_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    ledger_operations (key) {
        key -> Text,
        fingerprint -> Text,
        result -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ledger_entries (seq) {
        seq -> BigInt,
        kind -> Text,
        currency -> Text,
        from_account -> Text,
        to_account -> Text,
        amount -> BigInt,
        operation -> Text,
        organization_id -> Nullable<Text>,
        category -> Nullable<Text>,
        memo -> Text,
        epoch -> BigInt,
        recorded_at -> Timestamp,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    ledger_checkpoints (id) {
        id -> BigInt,
        seq -> BigInt,
        head_hash -> Text,
        totals -> Text,
        signed_at -> Timestamp,
        signature -> Text,
        public_key -> Text,
        reason -> Text,
        epoch -> Nullable<BigInt>,
    }
}

diesel::table! {
    ledger_verifications (id) {
        id -> Text,
        started_at -> Timestamp,
        finished_at -> Timestamp,
        ok -> Bool,
        entries -> BigInt,
        checkpoints -> BigInt,
        failure -> Nullable<Text>,
    }
}

diesel::table! {
    epochs (number) {
        number -> BigInt,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        state -> Text,
        closed_at -> Nullable<Timestamp>,
        report -> Nullable<Text>,
    }
}

diesel::table! {
    issuer_budgets (organization_id) {
        organization_id -> Text,
        amount -> BigInt,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::table! {
    offerings (id) {
        id -> Text,
        organization_id -> Text,
        title -> Text,
        description -> Text,
        price -> BigInt,
        category -> Text,
        terms -> Text,
        image -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    offering_commitments (offering_id, epoch) {
        offering_id -> Text,
        epoch -> BigInt,
        quantity -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    redemptions (id) {
        id -> Text,
        offering_id -> Text,
        organization_id -> Text,
        resident_id -> Text,
        amount -> BigInt,
        epoch -> BigInt,
        state -> Text,
        code -> Text,
        reserved_at -> Timestamp,
        expires_at -> Timestamp,
        settled_at -> Nullable<Timestamp>,
        settled_by -> Nullable<Text>,
    }
}

diesel::table! {
    settlement_terms (id) {
        id -> Integer,
        currency -> Text,
        rate -> BigInt,
        funding_source -> Text,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::table! {
    settlement_caps (organization_id) {
        organization_id -> Text,
        cap -> BigInt,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::table! {
    settlement_statements (number) {
        number -> Text,
        year -> Integer,
        serial -> BigInt,
        epoch -> BigInt,
        organization_id -> Text,
        content -> Text,
        content_hash -> Text,
        signature -> Text,
        public_key -> Text,
        entry_seq -> BigInt,
        currency -> Text,
        city_burned -> BigInt,
        amount_owed -> BigInt,
        issued_at -> Timestamp,
        paid_at -> Nullable<Timestamp>,
        payment_reference -> Nullable<Text>,
        paid_by -> Nullable<Text>,
    }
}
