//! Witnessing: other cities' checkpoints we countersigned (or refused to), equivocations we
//! caught, and other cities' countersignatures on our own checkpoints.

diesel::table! {
    witnessed_checkpoints (id) {
        id -> Text,
        origin_domain -> Text,
        origin_actor -> Text,
        seq -> BigInt,
        head_hash -> Text,
        totals -> Text,
        signed_at -> Timestamp,
        ledger_signature -> Text,
        ledger_key -> Text,
        document -> Text,
        received_at -> Timestamp,
        countersignature -> Nullable<Text>,
        state -> Text,
    }
}

diesel::table! {
    checkpoint_equivocations (id) {
        id -> Text,
        origin_domain -> Text,
        origin_actor -> Text,
        seq -> BigInt,
        first_head_hash -> Text,
        first_signature -> Text,
        first_document -> Text,
        first_received_at -> Timestamp,
        second_head_hash -> Text,
        second_signature -> Text,
        second_document -> Text,
        second_received_at -> Timestamp,
    }
}

diesel::table! {
    checkpoint_witnesses (id) {
        id -> Text,
        seq -> BigInt,
        witness_domain -> Text,
        witness_actor -> Text,
        signature -> Text,
        witness_key -> Text,
        received_at -> Timestamp,
    }
}
